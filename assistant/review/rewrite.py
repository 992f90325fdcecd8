"""Deterministic rewrites: measurable templates for vague values, chosen by the indicator's subject
and the lexicon class. Every number the user must supply is a 【placeholder】; the only digits a
rewrite may carry are the indicator's own. A rewrite reads ``指标名：值（依据：…）`` and its value
parses (``parse_target``) to a comparator and a unit."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.model import Indicator, Op, TargetPart
from assistant.review.lexicon import VagueHit
from assistant.review.names import core_name, guess_unit

OP_SIGN = {Op.GE: "≥", Op.LE: "≤", Op.GT: ">", Op.LT: "<", Op.EQ: "=", Op.RANGE: ""}
BASES = ("计划标准", "历史标准", "行业标准", "预算支出标准", "其他标准")
PLACEHOLDER = "【待填】"


@dataclass(frozen=True)
class Template:
    metric: str
    op: str
    unit: str
    basis: str
    note: str = ""

    def render(self, subject: str, placeholder: str = PLACEHOLDER) -> str:
        metric = self.metric.format(subject=subject)
        note = f"；{self.note}" if self.note else ""
        return f"{metric}：{self.op}{placeholder}{self.unit}（依据：{self.basis}{note}）"


_T = Template
SUBJECT_TEMPLATES: list[tuple[str, list[Template]]] = [
    (r"成本|费用|经费|预算|开支|造价", [_T("成本控制率（实际支出/预算）", "≤", "%", "预算支出标准"),
                                _T("单位成本", "≤", "元/【单位】", "预算支出标准")]),
    (r"事故|事件|违建|违法|违规|投诉|纠纷|争议|隐患|案件|差错", [_T("{subject}", "≤", "起", "历史标准", "写明【基期年份】年发生数"),
                                                _T("{subject}较上年下降率", "≥", "%", "历史标准")]),
    (r"产业链|供应链|链条", [_T("新增链上企业数", "≥", "家", "计划标准"),
                        _T("关键环节本地配套率", "≥", "%", "历史标准", "写明【基期年份】年基数")]),
    (r"影响力|知名度|品牌|形象", [_T("媒体报道数", "≥", "篇", "计划标准"), _T("参会企业数", "≥", "家", "计划标准")]),
    (r"发展质量|高质量|提质增效", [_T("产业营业收入增长率", "≥", "%", "历史标准", "写明【基期年份】年基数"),
                           _T("规模以上企业数", "≥", "家", "历史标准")]),
    (r"满意|获得感|幸福感|安全感", [_T("服务对象满意度", "≥", "%", "行业标准", "有效问卷≥【样本量】份")]),
    (r"园区|土地|集约", [_T("园区亩均产值", "≥", "万元/亩", "历史标准"), _T("园区新增入驻企业数", "≥", "家", "计划标准")]),
    (r"监督|监察|检查|巡查", [_T("监督检查次数", "≥", "次", "计划标准"),
                           _T("发现问题整改完成率", "≥", "%", "计划标准")]),
    (r"需要|需求|满足|保障", [_T("{subject}满足率（已满足/申请）", "≥", "%", "计划标准")]),
    (r"管理|水平|规范|制度", [_T("新制定或修订管理制度数", "≥", "项", "计划标准"),
                        _T("发现问题整改完成率", "≥", "%", "计划标准")]),
    (r"交流|合作|文化|宣传|传播|推介|展示|氛围", [_T("宣传推介活动场次", "≥", "场", "计划标准"),
                                       _T("活动覆盖人次", "≥", "人次", "计划标准"),
                                       _T("省级以上媒体报道数", "≥", "篇", "计划标准")]),
    (r"安全|稳定运行", [_T("系统正常运行率", "≥", "%", "行业标准"), _T("重大安全事件数", "≤", "起", "历史标准")]),
    (r"培训|能力|素质", [_T("培训人次", "≥", "人次", "计划标准"), _T("结业考核合格率", "≥", "%", "计划标准")]),
    (r"就业|岗位", [_T("新增就业岗位数", "≥", "个", "计划标准")]),
    (r"服务|运转|后勤|运行", [_T("服务事项按期办结率", "≥", "%", "计划标准")]),
]

CLASS_TEMPLATES: dict[str, list[Template]] = {
    "A": [_T("{subject}提升幅度", "≥", "%", "历史标准", "写明【基期年份】年基期值")],
    "B": [_T("{subject}", "≥", "%", "历史标准", "写明【基期年份】年基期值")],
    "C": [_T("{subject}满足率", "≥", "%", "计划标准")],
    "D": [_T("{subject}按期完成率", "≥", "%", "计划标准"), _T("{subject}办理时限", "≤", "个工作日", "计划标准")],
    "E": [_T("{subject}数量", "≥", "个", "计划标准")],
    "F": [_T("{subject}", "≥", "%", "计划标准")],
    "G": [_T("服务对象满意度", "≥", "%", "行业标准", "有效问卷≥【样本量】份"),
          _T("省级以上媒体报道数", "≥", "篇", "计划标准")],
    "H": [_T("{subject}完成率", "=", "%", "计划标准")],
    "I": [_T("{subject}完成率", "≥", "%", "计划标准")],
}

_VERBS = "提高|提升|增强|加强|完善|优化|改善|促进|推动|推进|满足|保障|确保|保证"
_SUBJECT_TRIM = re.compile(rf"(?:进一步)?(?:{_VERBS})$|(?:情况|工作)$|^(?:进一步)?(?:{_VERBS})")


def subject_of(name: str) -> str:
    """The measured thing of a name, without a trailing direction verb or 情况/工作."""
    core = core_name(name)
    trimmed = _SUBJECT_TRIM.sub("", core).strip("，,、 ")
    return trimmed or core


def vague_rewrites(indicator: Indicator, hits: list[VagueHit], limit: int = 3) -> list[str]:
    """Measurable replacements for a vague value, subject templates first, then the class templates."""
    subject = subject_of(indicator.name)
    if re.search(r"计划数|按计划", indicator.value):
        unit = guess_unit(indicator.name) or "次"
        return [f"{subject}：≥【年度计划数】{unit}（依据：计划标准，写明计划文件名称）"]
    out: list[str] = []
    text = f"{indicator.name} {indicator.value}"
    for pattern, templates in SUBJECT_TEMPLATES:
        if re.search(pattern, text):
            out.extend(t.render(subject) for t in templates)
        if len(out) >= limit:
            break
    if not out:
        for hit in hits:
            out.extend(t.render(subject) for t in CLASS_TEMPLATES.get(hit.cls.key, []))
    return list(dict.fromkeys(out))[:limit]


def _number(value: float | int | None) -> str:
    if value is None:
        return PLACEHOLDER
    return str(int(value)) if float(value).is_integer() else str(value)


def part_value(part: TargetPart, unit: str | None = None) -> str:
    """``≥600个`` for a part, with ``unit`` replacing the part's own."""
    unit = part.unit if unit is None else unit
    if part.op is Op.RANGE:
        return f"{_number(part.value)}-{_number(part.high)}{unit or ''}"
    return f"{OP_SIGN[part.op]}{_number(part.value)}{unit or ''}"


def measured(metric: str, value: str, basis: str = "计划标准", note: str = "") -> str:
    tail = f"；{note}" if note else ""
    return f"{metric}：{value}（依据：{basis}{tail}）"
