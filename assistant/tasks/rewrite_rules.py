"""The rules backend of rewrite: measurable options that measure the indicator's own subject, for this project.

``options_for(ind, project)`` reads the indicator's subject (its name without 情况/工作/提升…), the
direction it asks for (a reduction stays ≤ or =0, never a 提升幅度) and the class of its vague value
(DOMAIN.md §3 A–I and 合理, 优良, 可控, 不超预算, 覆盖所有, 应发尽发, 满意, 高质量 …). The project decides the
audience and the units: a row with no subject (社会效益：显著) is measured on the people the project reaches
(观影群众人次 for a screening), the places it covers and its main output with the officer's own figure, else on
the measure its goal states; a unit cost is per the project's output unit (元/亩); 年内 is the budget year's
12月31日. Abstract subjects get DOMAIN §3's observable proxies; library records only from the project's own
sector. Input measures (``assistant.review.names.input_measure``, the definition review uses) are replaced by
output or cost measures, saying why. At most three options, each measuring the subject — no filler; numbers
are 【待填】 placeholders (with the reason), except the officer's own figures, the 0 of an incident target and
the 100% of "all", the latter flagged proposed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import SimpleNamespace
from typing import TYPE_CHECKING

from assistant.examples import tokens
from assistant.model import Indicator, Project
from assistant.review.names import input_measure
from assistant.tasks.facts import FactRow, read_facts
from assistant.tasks.models import RewriteOption

if TYPE_CHECKING:
    from assistant.tasks.records import Record

_P = "【待填】"
_TAIL = re.compile(r"(?:的)?(?:情况|工作|水平|程度|效果|成效|状况|进一步|持续|明显|显著|有效|不断|逐步|稳步)+$")
_CHANGE_TAIL = re.compile(r"(?:提升|提高|增强|改善|优化|加强|完善|增加|扩大|降低|减少|下降|压减|遏制|控制|推进|促进)+$")
_DOWN_WORDS = re.compile(r"降低|减少|下降|压减|遏制|杜绝|不发生|零发生|零|减轻|缩短|压缩|控制在|不超|以内|以下")
_NEGATIVE = re.compile(r"违建|违法|违规|事故|事件|投诉|案件|发生数|发生率|污染|超标|故障|拥堵|延误|中毒|伤亡|死亡|损失|"
                       r"差错|错误|隐患|火灾|犯罪|发病|失业|积压|逾期|返工|偏差|不合格|黑臭|欠薪|纠纷")
_COST = re.compile(r"不超预算|超预算|可控|控制在合理范围|合理范围|合理区间|节约|节支|成本控制|成本|费用|经费|开支|支出|价格")
_MONEY = re.compile(r"成本|费用|经费|支出|开支|预算|价格|造价")
_COVER = re.compile(r"覆盖|所有|全部|全体|全区|全市|全县|全员|应发尽发|应保尽保|应援尽援|应检尽检|应收尽收|应治尽治|应享尽享|"
                    r"应改尽改|全面|无遗漏")
_SAT = re.compile(r"满意|认可|好评|获得感|幸福感|安全感|口碑")
_QUALITY = re.compile(r"合理|优良|良好|高质量|优质|规范|合格|达标|符合要求|较好|好|优|标准化|精准|准确")
_TIME = re.compile(r"及时|按时|按期|准时|年内|尽快|如期|限期|年底前|常态化")
_COUNT = re.compile(r"若干|一批|多个|部分|一些|大量|少量|各类|多项|多次|多场|余")
_DONE = re.compile(r"^(?:是|完成|已完成|全部完成|实现|达成|落实|到位|正常|有|开展)$")
_RATE = re.compile(r"率|满意度|知晓度|认可度|达标度|比例|占比|比重|指数")
_PEOPLE = re.compile(r"人员|干部|职工|队伍|教师|医生|技能|素质|业务能力|专业能力|履职")


@dataclass(frozen=True)
class Proxy:
    pattern: str
    rows: tuple[tuple[str, str, str, str, str], ...]  # (一级, 二级, name, comparator, unit)


_PROXIES: tuple[Proxy, ...] = (
    Proxy(r"通行|拥堵|交通|路网|畅通", (
        ("效益指标", "社会效益指标", "主要路段高峰时段平均车速", "≥", "公里/小时"),
        ("效益指标", "社会效益指标", "常发拥堵路段数", "≤", "个"),
        ("产出指标", "质量指标", "道路优良中等路率", "≥", "%"))),
    Proxy(r"营商环境|办事|审批|政务服务|便民|便利", (
        ("效益指标", "社会效益指标", "政务服务事项平均办理时长", "≤", "个工作日"),
        ("效益指标", "社会效益指标", "政务服务事项一次办结率", "≥", "%"),
        ("满意度指标", "服务对象满意度指标", "企业和群众办事满意度", "≥", "%"))),
    Proxy(r"应急|处置能力|救援|防汛|抗灾", (
        ("产出指标", "数量指标", "应急演练次数", "≥", "次"),
        ("产出指标", "时效指标", "应急响应平均到场时间", "≤", "分钟"),
        ("效益指标", "社会效益指标", "较大及以上突发事件发生数", "≤", "起"))),
    Proxy(r"系统|平台|网络|信息化|数据", (
        ("产出指标", "质量指标", "系统可用率", "≥", "%"),
        ("产出指标", "时效指标", "故障平均修复时长", "≤", "小时"),
        ("效益指标", "社会效益指标", "重大网络安全事件发生数", "=", "起"))),
    Proxy(r"安全|稳定运行|平稳", (
        ("效益指标", "社会效益指标", "安全责任事故发生数", "=", "起"),
        ("产出指标", "质量指标", "安全隐患整改率", "=", "%"))),
    Proxy(r"水质|水环境|河道|河湖|水体", (
        ("效益指标", "生态效益指标", "断面水质达标率", "≥", "%"),
        ("效益指标", "生态效益指标", "黑臭水体数量", "=", "条"))),
    Proxy(r"环境|人居|市容|村容|村貌|卫生|整洁|面貌", (
        ("效益指标", "生态效益指标", "生活垃圾无害化处理率", "≥", "%"),
        ("产出指标", "数量指标", "整治点位数", "≥", "个"),
        ("效益指标", "社会效益指标", "环境问题投诉量", "≤", "件"))),
    Proxy(r"空气|大气|扬尘|排放|减排|节能", (
        ("效益指标", "生态效益指标", "空气质量优良天数比例", "≥", "%"),
        ("效益指标", "生态效益指标", "主要污染物排放削减量", "≥", "吨"))),
    Proxy(r"示范|带动|辐射|引领", (
        ("效益指标", "社会效益指标", "示范经验复制推广数", "≥", "个"),
        ("效益指标", "社会效益指标", "带动农户（企业）数", "≥", "户"))),
    Proxy(r"知名度|影响力|形象|美誉|品牌|宣传效果|传播", (
        ("效益指标", "社会效益指标", "省级以上媒体报道篇数", "≥", "篇"),
        ("效益指标", "社会效益指标", "宣传内容累计阅读（观看）量", "≥", "万人次"))),
    Proxy(r"知晓|氛围|意识|认知", (
        ("效益指标", "社会效益指标", "政策知晓率", "≥", "%"),
        ("产出指标", "数量指标", "宣传活动场次", "≥", "场"))),
    Proxy(r"就业|创业|岗位", (
        ("效益指标", "社会效益指标", "新增就业人数", "≥", "人"),
        ("效益指标", "社会效益指标", "就业困难人员就业率", "≥", "%"))),
    Proxy(r"收入|增收|致富|生活水平", (
        ("效益指标", "经济效益指标", "受益群众人均可支配收入增长率", "≥", "%"),
        ("效益指标", "经济效益指标", "受益农户户均增收", "≥", "元/户"))),
    Proxy(r"创新|研发|科技|专利", (
        ("效益指标", "经济效益指标", "受支持企业研发投入增长率", "≥", "%"),
        ("效益指标", "经济效益指标", "新增发明专利授权数", "≥", "件"))),
    Proxy(r"产业|经济|发展|营收|产值|企业", (
        ("效益指标", "经济效益指标", "受支持企业营业收入增长率", "≥", "%"),
        ("效益指标", "经济效益指标", "带动社会投资额", "≥", "万元"))),
    Proxy(r"健康|医疗|就医|看病|疾病", (
        ("效益指标", "社会效益指标", "重点人群健康管理率", "≥", "%"),
        ("产出指标", "时效指标", "平均候诊时间", "≤", "分钟"))),
    Proxy(r"营养|体质|体检", (
        ("效益指标", "社会效益指标", "学生体质健康达标率", "≥", "%"),
        ("效益指标", "社会效益指标", "营养不良检出率", "≤", "%"))),
    Proxy(r"教学|教育|办学", (
        ("效益指标", "社会效益指标", "学生学业质量监测达标率", "≥", "%"),
        ("产出指标", "质量指标", "教学设施设备达标率", "≥", "%"))),
    Proxy(r"管理|制度|规范化|机制|治理", (
        ("产出指标", "数量指标", "新制定或修订管理制度数", "≥", "项"),
        ("产出指标", "质量指标", "制度执行检查发现问题整改率", "=", "%"))),
    Proxy(r"效率|时效|办理|响应", (
        ("产出指标", "时效指标", "平均办理时长", "≤", "个工作日"),
        ("产出指标", "时效指标", "按时办结率", "≥", "%"))),
    Proxy(r"服务质量|服务水平|服务能力|服务保障", (
        ("产出指标", "质量指标", "服务事项一次办结率", "≥", "%"),
        ("效益指标", "社会效益指标", "服务投诉率", "≤", "%"))),
)
_PEOPLE_PROXY = (("产出指标", "质量指标", "培训考核合格率", "≥", "%"),
                 ("效益指标", "社会效益指标", "岗位技能测评合格率", "≥", "%"),
                 ("产出指标", "数量指标", "参训人次", "≥", "人次"))


def subject(name: str) -> str:
    """The thing an indicator measures: its name without 情况/工作/水平 and change verbs."""
    s = (name or "").strip()
    for _ in range(3):
        s = _TAIL.sub("", s)
        s = _CHANGE_TAIL.sub("", s)
    return re.sub(r"^(?:进一步|持续|有效|切实|全面|不断)", "", s).strip() or (name or "")


def downward(name: str, value: str) -> bool:
    """Whether the indicator asks for less (a reduction, a cap, an incident count)."""
    if _DOWN_WORDS.search(value or "") and not re.search(r"提高|提升|增加|增长", value or ""):
        return True
    return bool(_NEGATIVE.search(name or "")) and not re.search(r"查处|整改|办结|办理|处置|处理|受理|响应|维修|修复|打击|拆除|化解|调解|解决|消除|除治|救治|下降率|降幅",
                                                     name or "")


def _unit_for(name: str) -> str:
    if _RATE.search(name[-3:]):
        return "%"
    for words, unit in (("违建|违法建设", "处"), ("事故|事件|案件|火灾|中毒|非法|违规|违法", "起"), ("投诉|纠纷", "件"),
                        ("人数|人员", "人"), ("户", "户"), ("时长|时间|时限", "个工作日")):
        if re.search(words, name):
            return unit
    return "起" if re.search(r"发生", name) else "项"


def _opt(cat: str, sub: str, name: str, comp: str, value: str, unit: str | None, reason: str, *,
         basis: str = "计划标准", baseline: bool = False) -> RewriteOption:
    return RewriteOption(name=name, value=value, comparator=comp, unit=unit, value_basis=basis, reason=reason,
                         proposed=True, needs_baseline=baseline, category=cat, subcategory=sub)


def _shares(a: str, b: str) -> bool:
    stop = {"情况", "工作", "提升", "提高", "水平", "能力", "建设", "管理", "服务", "项目", "指标", "完成", "数量", "发生"}
    return bool({t for t in tokens(a) if t not in stop} & set(tokens(b)))


def _place(ind: Indicator) -> tuple[str, str]:
    cat = ind.category or "产出指标"
    sub = ind.subcategory or ""
    if not sub:
        sub = {"满意度指标": "服务对象满意度指标", "效益指标": "社会效益指标", "成本指标": "经济成本指标"}.get(cat, "质量指标")
    return cat, sub


def _named(subj: str, name: str, measure: str) -> str:
    """``measure`` named with the subject, unless it already says it."""
    subj = re.sub(r"(?:完成|开展|实施|落实|推进)+$", "", subj) or subj
    return measure if _shares(subj, measure) else f"{subj}{measure}" if len(subj) <= 10 else f"{measure}（{subj}）"


def _down_options(ind: Indicator, subj: str) -> list[RewriteOption]:
    cat, sub = _place(ind)
    if not ind.subcategory and re.search(r"事故|事件|违建|违法|案件|投诉|中毒|火灾|污染|发生", ind.name or ""):
        cat, sub = "效益指标", "社会效益指标"
    name = ind.name or subj
    unit = _unit_for(name)
    out = []
    base = re.sub(r"(?:降低|减少|下降|控制)$", "", name)
    base = re.sub(r"(?:整治|治理|打击|查处|管控|防控|防治|防范|预防|防止)$", "", base)
    if unit == "%" and re.search(r"事故|火灾|事件|案件|违法|违建", base):
        out.append(_opt("效益指标", "社会效益指标", re.sub(r"发生率$", "", base) + "发生起数", "≤", f"≤{_P}起", "起",
                        "方向是“降低”：按起数计比按比率更易核对（比率的分母常不明确）；写明基期值", basis="历史标准",
                        baseline=True))
    if unit == "%":
        out.append(_opt(cat, sub, base, "≤", f"≤{_P}%", "%", "方向是“降低”，用上限“≤”表示；写明基期年份和基期值",
                        basis="历史标准", baseline=True))
        out.append(_opt(cat, sub, f"{base}较上年下降", "≥", f"≥{_P}个百分点", "个百分点",
                        "方向是“降低”：下降的百分点数，按目标值减基期值计；需提供基期年份和基期值",
                        basis="历史标准", baseline=True))
    else:
        counted = base if re.search(r"数|量|次数|起数|件数", base) else (
            f"{base}发生起数" if re.search(r"火灾|疫情|中毒|伤亡|死亡|灾害", base) and not re.search(r"事故|事件", base) else
            f"{base}案件发生数" if base != name and not re.search(r"事故|事件|案件", base) else f"{base}数")
        if re.search(r"事故|事件|违建|违法|中毒|火灾|死亡|黑臭|欠薪", base):
            out.append(_opt(cat, sub, counted, "=", f"=0{unit}", unit,
                            "方向是“降低”，此类事件的常见目标是“不发生”（=0），请确认后采用", basis="计划标准"))
        out.append(_opt(cat, sub, counted, "≤", f"≤{_P}{unit}", unit,
                        "方向是“降低”，用上限“≤”表示；上限按上年实际数扣减计划降幅填写，并写明基期值",
                        basis="历史标准", baseline=True))
    return out


def _input_options(ind: Indicator, project: Project | None) -> list[RewriteOption]:
    why = "资金拨付、预算执行衡量的是投入，不是这笔钱带来的产出或效果；改为衡量产出和成本"
    own = [o.model_copy(update={"reason": f"{why}；{o.reason.split('改写：', 1)[-1]}"})
           for o in _project_measures(ind, project, effect=True) if not o.name.endswith("覆盖率")]
    out = [_opt("产出指标", "成本指标", "成本控制率（实际支出/预算）", "≤", f"≤{_P}%", "%", why, basis="预算支出标准")]
    if own:
        return [*own[:2], *out][:3]
    if project is not None:
        from assistant.tasks.records import search

        for rec, _ in search(project.name + " " + (project.goal or ""), 20):
            if rec.sub == "数量指标" and not input_measure(rec.name) and _about(rec, project):
                out.insert(0, _opt("产出指标", "数量指标", rec.name, rec.op, f"{rec.op}{_P}{rec.unit}", rec.unit,
                                   f"{why}；本项目的主要产出（来源：指标库“{rec.label}”）"))
                break
    if len(out) < 2:
        out.append(_opt("产出指标", "质量指标", "年度计划任务完成率（已完成/计划）", "≥", f"≥{_P}%", "%", why))
    return out


_HOLDERS = ("受支持企业", "受益群众", "受益农户")
_ABSTRACT_TAIL = re.compile(r"(?:发展质量|高质量发展|发展|质量|水平|能力|环境|效果|成效|作用|影响力|影响|氛围|形象|知名度|"
                            r"建设|创新|活力|竞争力|规模)$")


def _domain(subj: str) -> str:
    """The concrete thing an abstract subject is about: 超高清视频和新型显示产业发展质量 → 超高清视频和新型显示产业;
    empty when nothing concrete is left (发展质量, 营商环境)."""
    s = subj
    for _ in range(3):
        s = _ABSTRACT_TAIL.sub("", s)
    return s if len(s) >= 2 and s != subj and re.search(r"产业|行业|企业|园区|集群|农业|产品|市场", s) else ""


def _proxy_options(ind: Indicator, subj: str) -> list[RewriteOption]:
    text = f"{subj}{ind.name}"
    out: list[RewriteOption] = []
    if _PEOPLE.search(text):
        rows = _PEOPLE_PROXY
        why = f"“{subj}”是人员的能力，用培训考核和技能测评来衡量"
    else:
        rows = next((p.rows for p in _PROXIES if re.search(p.pattern, text)), ())
        why = f"“{subj}”本身不能直接计量，用能观察到的结果来衡量"
    domain = _domain(subj)
    for cat, sub, name, comp, unit in rows:
        safety = re.search(r"([\u4e00-\u9fff]{2,4}?)安全", subj)
        if name == "安全责任事故发生数" and safety and safety.group(1) not in ("生产", "运行", "确保", "保障"):
            name = f"{safety.group(1)}安全事故发生数"
        if domain and name.startswith(_HOLDERS):
            name = domain + re.sub(f"^(?:{'|'.join(_HOLDERS)})", "", name)
        value = f"{comp}{_P}{unit}"
        if comp == "=" and unit in ("起", "条"):
            value = f"=0{unit}"
        out.append(_opt(cat, sub, name, comp, value, unit,
                        why + ("；写明基期年份和基期值" if comp in ("≥", "≤") and unit != "%" else ""),
                        basis="历史标准" if cat == "效益指标" else "计划标准"))
    return out


def _library_options(ind: Indicator, subj: str, down: bool, project: Project | None) -> list[RewriteOption]:
    from assistant.tasks.records import search

    query = " ".join(x for x in (ind.name, project.name if project else "") if x)
    out = []
    for rec, _ in search(query, 30):
        if not _shares(subj, rec.name) or input_measure(rec.name):
            continue
        if down != (rec.op in ("≤", "=") and bool(_NEGATIVE.search(rec.name) or rec.op == "≤")):
            continue
        cat = "满意度指标" if rec.sub == "服务对象满意度指标" else ("效益指标" if "效益" in rec.sub or "可持续" in rec.sub
                                                         else "产出指标")
        out.append(_opt(cat, rec.sub, rec.name, rec.op, f"{rec.op}{_P}{rec.unit}", rec.unit,
                        f"衡量“{subj}”的常用指标（来源：指标库“{rec.label}”）", basis=rec.basis))
        if len(out) >= 2:
            break
    return out


_GENERIC = re.compile(r"^(?:项目|工作|任务|目标|指标|年度|本项目|项目实施|工作完成|实施|完成|开展|进展|总体|整体)*"
                      r"(?:情况|效果|成效|效益|社会效益|经济效益|生态效益|社会影响|影响|作用|示范带动作用|带动作用|"
                      r"防控效果|质量|水平|完成|实施|进展)?(?:指标)?$")
_MEASURE = re.compile(r"(?:数|率|量|人次|次数|时长|时限|人数|户数|面积|里程|长度|金额|天数|场次|期数)$")
_NON_VALUE = re.compile(r"^(?:[≥≤>=<]\s*0|/|—|-|无|是|否|完成|已完成|好|较好|良好|优|正常|达标|有效|明显|提高|100%|按规定|"
                        r"按要求|尽快|及时|积极.*|力争.*)$")


def _slot_of(cat: str, name: str) -> tuple[str, ...]:
    if cat.startswith("效益") or re.search(r"效益|影响|作用|效果", name):
        if "经济" in name:
            return ("经济效益指标",)
        if "生态" in name:
            return ("生态效益指标",)
        return ("社会效益指标", "经济效益指标", "生态效益指标", "可持续影响指标")
    if cat.startswith("满意"):
        return ("服务对象满意度指标",)
    return ("数量指标", "质量指标", "时效指标")


_GENERAL = frozenset({"保障", "运行", "运营", "服务", "管理", "项目", "工作", "建设", "提升", "改造", "实施", "年度", "专项",
                      "经费", "资金", "补助", "补贴", "支持", "开展", "提高", "保供"})


def _about(rec: Record, project: Project) -> bool:
    """The library record's sector is this project's: its group or keywords share a word with the project's name
    or goal beyond general words (保障, 运营, 改造 …); 维修改造面积 is not about 生猪稳产保供."""
    words = {t for t in tokens(f"{project.name}{project.goal or ''}") if t not in _GENERAL and not t.isdigit()}
    return bool(words & set(tokens(f"{rec.group}{''.join(rec.keywords)}{rec.name}")))


def _project_options(ind: Indicator, project: Project | None, subj: str, *, any_slot: bool = False,
                     only: tuple[str, ...] = ()) -> list[RewriteOption]:
    """When the row names no subject of its own (项目实施情况, 社会效益, 示范带动作用 …), the project is the
    subject: its own best library records in the row's 一级."""
    if project is None:
        return []
    from assistant.tasks.records import search

    content = " ".join(str(v) for v in (project.fields or {}).values())
    ranked = search(" ".join(x for x in (project.name, project.goal or "", content) if x), 40)
    if not ranked:
        return []
    top = ranked[0][0].group
    if not _about(ranked[0][0], project):
        return []
    slots = only or _slot_of(ind.category or "", ind.name or "")
    about = set(tokens(f"{project.name}{project.goal or ''}{content}"))
    ranked = sorted(ranked, key=lambda x: -len(set(tokens(x[0].name)) & about))
    out = []
    for rec, _ in ranked:
        if rec.group != top or (rec.sub not in slots and (only or not any_slot)) or input_measure(rec.name) \
                or rec.sub in ("成本指标", "服务对象满意度指标") and any_slot:
            continue
        cat = "效益指标" if "效益" in rec.sub or "可持续" in rec.sub else (
            "满意度指标" if "满意" in rec.sub else "产出指标")
        out.append(_opt(cat, rec.sub, rec.name, rec.op, f"{rec.op}{_P}{rec.unit}", rec.unit,
                        f"“{ind.name}”没有说明衡量什么，按本项目的内容改为可计量的指标（来源：指标库“{rec.label}”）",
                        basis=rec.basis))
        if len(out) >= 3:
            break
    return out


def _yes_no_options(ind: Indicator, subj: str) -> list[RewriteOption]:
    """``是否…：是/否`` rows: an event that must not happen becomes =0, a mechanism to set up a count of documents."""
    name, value = ind.name or "", ind.value or ""
    core = re.sub(r"^是否", "", name)
    if re.search(r"按时|按期|及时|如期|准时", core):
        thing = re.sub(r"按时|按期|及时|如期|准时|完成", "", core) or "年度任务"
        return [_opt("产出指标", "时效指标", f"{thing}按期完成率", "≥", f"≥{_P}%", "%", "“是否按时完成：是”写成按期完成的比例"),
                _opt("产出指标", "时效指标", f"{thing}完成时间", "≤", f"≤{_P}年{_P}月{_P}日前", None, "写明具体完成日期")]
    if re.search(r"发生|出现|存在", core) or value == "否":
        thing = re.sub(r"^(?:发生|出现|存在)", "", core)
        unit = "起" if re.search(r"事故|事件|舆情|案件|火灾|疫情", thing) else "次"
        return [_opt("效益指标", "社会效益指标", f"{thing}发生数", "=", f"=0{unit}", unit,
                     "“是否发生：否”写成发生数为0；请确认后采用")]
    thing = re.sub(r"^(?:建立|出台|制定|健全|完善)", "", core)
    return [_opt("效益指标", "可持续影响指标", f"出台{thing}相关制度文件数", "≥", f"≥{_P}项", "项",
                 "“是否建立：是”写成出台的制度文件数，并写明文件名称和印发时间")]


_YEAR = re.compile(r"(20\d{2})\s*年")
_YEAR_END = re.compile(r"年内|年底前|年底|年末|年度内|本年度|当年")
_REGULAR = re.compile(r"常态化|定期|经常性|长期|持续开展")
_HANDLING = re.compile(r"办理|办结|处置|处理|响应|审批|受理|维修|修复|答复|回复|结案")
_VERB_TAIL = re.compile(r"(建设|交付|拨付|上线|竣工|改造|购置|采购|放流|兑现|发放|检测|检验|监测|培训|引进|整治|维修|养护|更新|安装|新建|配备|补助|"
                        r"宣传|开展|实施|办理|接待|服务|救助|筛查|抚育|治理)$")
_CLASSIFIERS: tuple[tuple[str, str], ...] = (
    (r"鱼苗|苗种|鱼种|鱼类", "万尾"), (r"苗木|树木|树苗|疫木|乔木", "株"), (r"车辆|校车|公交车|货车", "辆"),
    (r"设备|仪器|计算机|电脑|机具|锅炉", "台"), (r"终端|点位|站点|监测点|摄像|设施点", "个"),
    (r"学校|幼儿园|医院|卫生院|卫生室", "所"), (r"企业|合作社|商户|经营主体|机构", "家"), (r"农户|家庭|住户|脱贫户", "户"),
    (r"放映|演出|讲座|展演|赛事|比赛|活动|宣讲", "场"), (r"培训班|班次", "期"), (r"资料|手册|宣传品|折页", "份"),
    (r"图书|书籍", "册"), (r"物资|用品|装备|器材", "件"), (r"报道|文章|稿件", "篇"), (r"管网|管道|道路|公路|河道|线路|堤防", "公里"),
    (r"农田|耕地|林地|造林|抚育|草原|面积", "亩"), (r"住房|公租房|房屋", "套"), (r"制度|办法|标准|规范|方案", "项"),
    (r"桥梁|公厕|厕所|泵站|水库|驿站", "座"), (r"案件|纠纷", "件"), (r"项目", "个"),
    (r"人员|学员|学生|老人|老年人|群众|对象|人才|患者|妇女|儿童", "人"))
_AUDIENCE: tuple[tuple[str, str], ...] = (
    (r"放映|电影", "观影群众人次"), (r"演出|送戏|戏曲|文艺|展演|巡演|汇演", "观看群众人次"),
    (r"图书馆|阅览室|农家书屋|城市书房", "到馆读者人次"),
    (r"展览|展陈|博物馆|纪念馆|科技馆|美术馆|科普基地|教育基地", "参观人次"), (r"赛事|比赛|马拉松|运动会", "参赛人次"),
    (r"养老|老年人|助餐|日间照料", "服务老年人人次"),
    (r"讲座|宣讲|宣传|普法|科普|义诊|文明实践|志愿服务|阅读|推广", "参与群众人次"))
_PLACES = re.compile(r"行政村|自然村|社区|乡镇|街道|学校|小区")
_MONEY_SUBJECT = re.compile(r"消费|采购|销售|投资|招商|融资|出口|贷款|担保|引资")
_NOT_OUTPUT_UNITS = frozenset({"%", "‰", "个百分点", "百分点", "天", "小时", "分钟", "个工作日", "工作日", "年", "个月", "月",
                               "周", "日"})
_EFFORT = re.compile(r"力争|争取|努力|积极|尽量|着力|致力|力求|尽力")
_PER_PREFIX = {"人": "人均", "户": "户均", "亩": "亩均", "生": "生均", "人次": "人均"}


def _classifier(text: str) -> str | None:
    """The measure word a count of ``text``'s thing takes (鱼苗 → 万尾, 终端 → 个, 车辆 → 辆), if known."""
    return next((unit for words, unit in _CLASSIFIERS if re.search(words, text)), None)


def _budget_year(project: Project | None) -> str | None:
    if project is None:
        return None
    m = _YEAR.search(f"{project.name}{project.goal or ''}")
    return m.group(1) if m else None


def _project_text(project: Project | None) -> str:
    if project is None:
        return ""
    return " ".join([project.name, project.goal or "", *(str(v) for v in (project.fields or {}).values())])


def _output_quantity(project: Project | None) -> FactRow | None:
    """The project's main output as the officer wrote it (``森林抚育面积 ≥1.2万亩``, ``放映场次 ≥2232场``): of the
    count and size rows its own figures make, the one closest to the project's name; never a per-unit figure
    (每村每月1场), a money, rate or time figure, or 一批."""
    if project is None:
        return None
    content = " ".join(str(v) for v in (project.fields or {}).values())
    facts = read_facts(SimpleNamespace(name=project.name, goal=project.goal or "", content=content,
                                       beneficiaries=None, amount=None))
    rows = [r for r in facts.rows if r.sub == "数量指标" and r.unit and not r.derived
            and _base(r.unit) not in _NOT_OUTPUT_UNITS and r.unit != "批" and not any(x.startswith("每") for x in r.spans)]
    if not rows:
        return None
    about = set(tokens(project.name))
    verb = _VERB_TAIL.search(re.sub(r"(?:项目|工程|经费|资金|专项|补助|补贴)+$", "", project.name))
    return max(reversed(rows), key=lambda r: len(set(tokens(r.name)) & about)
               + (3 if verb and verb.group(1) in r.name else 0))


def _base(unit: str | None) -> str:
    u = unit or ""
    return u[1:] if u[:1] in ("万", "亿", "千") and u not in ("万元", "亿元") else u


def _verb_first(subj: str) -> str:
    """``终端建设`` → ``建设终端``: a subject that ends with its verb, with the verb first."""
    m = _VERB_TAIL.search(subj)
    if m and len(subj) > len(m.group(1)) + 1:
        return m.group(1) + subj[: m.start()]
    return subj


def _project_measures(ind: Indicator, project: Project | None, effect: bool) -> list[RewriteOption]:
    """Measures the project's own text fixes: who it reaches (a screening's viewers, an exhibition's visitors),
    the places it covers (行政村放映覆盖率) and the main output it counts (放映场次 ≥2232场), each for this
    project's audience; empty when the text names none of them."""
    text = _project_text(project)
    if not text:
        return []
    why = f"“{ind.name}”没有写出衡量对象；按本项目的服务对象和产出改写"
    out: list[RewriteOption] = []
    audience = next((name for words, name in _AUDIENCE if re.search(words, text)), None)
    if audience:
        out.append(_opt("效益指标", "社会效益指标", audience, "≥", f"≥{_P}人次", "人次",
                        f"{why}：受益面用实际到场（参与）的人次衡量，以签到或台账统计", basis="历史标准"))
    place = _PLACES.search(text)
    verb = re.search(r"放映|演出|展演|送戏|巡演|服务|宣传|覆盖|建设|配备|安装|接入", text)
    if place and verb:
        whole = re.search(rf"(?:每|全部|所有|全县|全市|全区|全镇)\S{{0,4}}{place.group(0)}|{place.group(0)}全覆盖", text)
        verb_word = "" if verb.group(0) in ("覆盖", "服务") else verb.group(0)
        out.append(_opt("效益指标", "社会效益指标", f"{place.group(0)}{verb_word}覆盖率", "=" if whole else "≥",
                        "=100%" if whole else f"≥{_P}%", "%",
                        f"{why}：覆盖面=已覆盖{place.group(0)}数÷{place.group(0)}总数" + ("；项目写明覆盖全部，请确认后采用"
                                                                                           if whole else "")))
    row = _output_quantity(project)
    if row is not None:
        out.append(_opt("产出指标", "数量指标", row.name, row.comparator, row.value, row.unit,
                        f"{why}：本项目的主要产出，数值取自项目内容“{'、'.join(row.spans)}”"))
    return out if effect else out[-1:] + out[:-1]


def _cover_options(ind: Indicator, project: Project | None, subj: str, text: str, cat: str,
                   sub: str) -> list[RewriteOption]:
    """覆盖/所有/应发尽发: a full-coverage rate with its denominator; an abstract 服务覆盖面 is the places the project
    covers (社区, 行政村) and the people it reaches."""
    target = re.sub(r"覆盖(?:面|范围)?|全覆盖|所有|全部|全体|的", "", subj) or subj
    place = _PLACES.search(_project_text(project))
    if target in ("服务", "宣传", "工作", "项目") and place:
        return [_opt("效益指标", "社会效益指标", f"{target}覆盖{place.group(0)}数", "≥", f"≥{_P}个", "个",
                     f"覆盖面写成覆盖的{place.group(0)}个数，以服务台账为准"),
                *[o for o in _project_measures(ind, project, effect=True) if not o.name.endswith("覆盖率")][:1]]
    out = [_opt(cat, sub if sub != "数量指标" else "质量指标", f"{target}覆盖率", "=", "=100%", "%",
                "“所有/全覆盖/应发尽发”即覆盖率100%：写明分母（应覆盖对象总数）与分子（已覆盖数）；请确认后采用"),
           _opt("产出指标", "数量指标", f"{target}覆盖对象数", "≥", f"≥{_P}人", "人",
                "写明应覆盖对象的人数（或户数、家数），与名单一致")]
    if re.search(r"发放|补贴|补助|救助|资助", text):
        out.append(_opt("产出指标", "质量指标", "发放准确率", "=", "=100%", "%",
                        "“应发尽发”同时要求发放对象准确：发放准确率=准确发放人数/发放人数"))
    return out


def _cost_options(ind: Indicator, project: Project | None, subj: str, cat: str) -> list[RewriteOption]:
    """A cost row (不超预算/可控/合理): the unit cost per the project's own output unit (元/亩 for 1.2万亩 of
    抚育), the cost-control rate, and a spending cap only when the budget amount is known."""
    name = ind.name or ""
    cost_cat = ("成本指标", "经济成本指标") if cat.startswith("成本") else ("产出指标", "成本指标")
    thing = re.sub(r"(?:总)?(?:成本|费用|经费|支出|开支|资金|价格|造价|投入)$", "", subj) or re.sub(
        r"^\d{4}年|项目$|工程$", "", project.name if project else "")
    out: list[RewriteOption] = []
    row = _output_quantity(project)
    unit = _base(row.unit) if row is not None else None
    if row is not None and re.fullmatch(r"(?:项目|工程|总|项目总|经费)?", thing):
        thing = re.sub(r"^(?:购置|采购|更新|改造|新建|建设|完成|开展|举办|服务)|(?:数量|人数|场次|面积|里程|长度|数)$", "",
                       row.name) or thing
    if unit:
        per = _PER_PREFIX.get(unit, f"每{unit}")
        money = "万元" if unit in ("座", "所", "公里", "辆", "个") and re.search(r"改造|建设|工程|新建|购置|运营", _project_text(project)) \
            else "元"
        out.append(_opt(*cost_cat, f"{per}{thing}成本", "≤", f"≤{_P}{money}/{unit}", f"{money}/{unit}",
                        f"单位成本=实际支出÷{row.name}（{row.value.lstrip('≥=')}），对照支出标准或同类项目填写",
                        basis="预算支出标准"))
    out.append(_opt(*cost_cat, f"{thing}成本控制率" if thing and len(thing) <= 8 else "项目成本控制率", "≤", "≤100%", "%",
                    "成本控制率=实际支出÷预算，超过100%即超支；请确认后采用", basis="预算支出标准"))
    amount = project.amount if project is not None and project.amount is not None else None
    if amount is not None:
        out.append(_opt(*cost_cat, _named(subj, name, "实际支出"), "≤", f"≤{amount:g}万元", "万元",
                        "“不超预算/可控/合理范围”写成支出上限，上限取预算金额", basis="预算支出标准"))
    elif not unit:
        out.append(_opt(*cost_cat, f"{thing}单位成本" if thing else "单位成本", "≤", f"≤{_P}元/{_P}", None,
                        "单位成本=支出÷产出数量；项目未写明产出的计量单位，请补上单位（如元/人、元/亩）后填写",
                        basis="预算支出标准"))
    return out


def _time_options(ind: Indicator, project: Project | None, subj: str) -> list[RewriteOption]:
    """Time words: 年内/年底前 → the budget year's 12月31日; 办理/维修/处置 … 及时 → a time limit and the share
    done in time; 常态化/定期 → a yearly frequency; otherwise the share done on time and a completion date."""
    value = ind.value or ""
    thing = re.sub(r"(?:完成时间|完成|时间|时限|进度|频次)$", "", subj) or subj
    year = _budget_year(project)
    handling = _HANDLING.search(thing)
    out: list[RewriteOption] = []
    if year and _YEAR_END.search(value):
        out.append(_opt("产出指标", "时效指标", f"{thing}完成时间", "≤", f"≤{year}年12月31日", "日期",
                        f"“{value}”指预算年度{year}年内，即不晚于{year}年12月31日"))
    if handling:
        hours = re.search(r"维修|修复|响应|处置|抢修", thing)
        limit_unit = "小时" if hours else "个工作日"
        out.append(_opt("产出指标", "时效指标", f"{thing}时限", "≤", f"≤{_P}{limit_unit}", limit_unit,
                        f"“{value}”写成时限（反向指标：不超过），依据相关规定或服务承诺"))
        obj = thing[: handling.start()]
        rate = f"{obj}按期办结率" if handling.group(0) in ("办理", "办结", "受理", "审批", "答复", "回复") and obj \
            else f"{thing}及时率"
        out.append(_opt("产出指标", "时效指标", rate, "≥", f"≥{_P}%", "%", "在时限内完成的件数÷总件数"))
    elif _REGULAR.search(value):
        out.append(_opt("产出指标", "时效指标", f"{thing}频次", "≥", f"≥{_P}次", "次",
                        f"“{value}”写成每年至少开展的次数（次/年），依据相关技术规范或工作计划"))
        out.append(_opt("产出指标", "时效指标", f"{thing}按期完成率", "≥", f"≥{_P}%", "%", "按计划周期完成的比例"))
    else:
        verb = _VERB_TAIL.search(thing)
        on_time = f"{thing[: verb.start()]}按期{verb.group(1)}率" if verb and verb.start() >= 2 and \
            verb.group(1) in ("兑现", "发放", "交付", "拨付", "上线", "竣工") else f"{thing}按期完成率"
        out.append(_opt("产出指标", "时效指标", on_time, "≥", f"≥{_P}%", "%", f"“{value}”写成按期完成的比例，并写明期限"))
        if not out[0].unit == "日期":
            out.append(_opt("产出指标", "时效指标", f"{thing}完成时间", "≤", f"≤{year or _P}年{_P}月{_P}日", "日期",
                            "写明具体完成日期（不晚于该日）"))
    return out[:2]


def _count_options(ind: Indicator, project: Project | None, subj: str, value: str) -> list[RewriteOption]:
    """Quantity words (若干/一批/多个) and effort words (力争/积极): the count of the row's own thing in its own
    measure word (鱼苗 → 万尾, 终端 → 个), or an amount for money-like subjects (消费帮扶, 招商引资)."""
    name = ind.name or ""
    thing = re.sub(r"^(?:购置|开展|组织|举办)?(?:一批|若干|多个|多项|一些|部分|大量)", "", subj) or subj
    m = re.search(r"(?:若干|一批|多|部分|一些|大量|少量)(场|次|期|个|项|家|户|人次|人|份|篇|批|件|所|台|套)", value)
    unit = m.group(1) if m and m.group(1) != "批" else (_classifier(thing) or _classifier(_project_text(project))
                                                        or _unit_for(name))
    measure = _verb_first(thing)
    word = "人数" if unit == "人" else "场次" if unit in ("场", "期") else "数"
    out: list[RewriteOption] = []
    if _EFFORT.search(value) and _MONEY_SUBJECT.search(thing):
        amount = f"{thing}额" if re.search(r"(?:出口|进口|销售|采购|投资|融资|贷款|担保|引资|交易)$", thing) else f"{thing}金额"
        return [_opt("效益指标", "经济效益指标", amount, "≥", f"≥{_P}万元", "万元",
                     f"“{value}”是努力程度，不是结果；写成实际完成的金额，基期为上年", baseline=True)]
    out.append(_opt("产出指标", "数量指标", measure if re.search(r"[数量]$", measure) else f"{measure}{word}", "≥",
                    f"≥{_P}{unit}", unit, f"“{value}”没有数量；写成确切数量（{unit}）"))
    return out


_PREVENT = re.compile(r"(?:防控|防治|防范|预防|遏制|减少|降低|杜绝|控制)([\u4e00-\u9fff]{2,10}?)(?:的|扩散|蔓延|发生|$)")
_TREAT = re.compile(r"(规范治疗|规范管理|治疗|救治|免疫|接种|筛查|随访|签约|检测|监测|处置|整改|救助|资助)"
                    r"([\u4e00-\u9fff]{2,10}?)(?:的|$)")


def _goal_options(ind: Indicator, project: Project | None) -> list[RewriteOption]:
    """A row with no subject in a project whose text gives no figure: the measure its goal states — a thing to
    prevent (防控重大动物疫病 → 重大动物疫病发生起数 =0/≤) or a service to its people (规范治疗肺结核患者 →
    肺结核患者规范治疗率)."""
    if project is None:
        return []
    goal = re.split(r"[，,。；;]", project.goal or "")[0]
    why = f"“{ind.name}”没有写出衡量对象；按项目目标“{goal}”改写"
    m = _PREVENT.search(goal)
    if m:
        thing = m.group(1)
        unit = "起" if re.search(r"疫|火|事故|事件|案件|灾", thing) else "次"
        return [_opt("效益指标", "社会效益指标", f"{thing}发生起数" if unit == "起" else f"{thing}发生次数", "≤",
                     f"≤{_P}{unit}", unit, f"{why}：防控类目标写成发生数（反向指标），写明基期值；不发生即=0",
                     basis="历史标准", baseline=True)]
    m = _TREAT.search(goal)
    if m:
        return [_opt("效益指标" if ind.category == "效益指标" else "产出指标",
                     "社会效益指标" if ind.category == "效益指标" else "质量指标", f"{m.group(2)}{m.group(1)}率", "≥",
                     f"≥{_P}%", "%", f"{why}：{m.group(1)}率=已{m.group(1)}人数÷应{m.group(1)}人数")]
    return []


def options_for(ind: Indicator, project: Project | None = None) -> list[RewriteOption]:
    """1–3 measurable options for ``ind`` that keep its subject and direction."""
    name, value = ind.name or "", ind.value or ""
    subj = re.sub(r"一批|若干|多个|多项|一些|部分|大量", "", subject(name)) or value
    text = f"{name}{value}"
    cat, sub = _place(ind)
    out: list[RewriteOption] = []
    generic = bool(_GENERIC.fullmatch(re.sub(r"指标$", "", name))) or name in ("社会效益指标", "经济效益指标") or (
        len(subj) <= 2 and bool(re.fullmatch(r"防治|建设|管理|实施|治理|推进|开展|服务|保障|运行", subj)))
    if name.startswith("是否"):
        out += _yes_no_options(ind, subj)
    elif name.endswith("标准") and not input_measure(name):
        unit = "元/人·月" if re.search(r"生活|补助|补贴|救助|保障|孤儿|低保|津贴", name + (project.name if project else "")) \
            else f"元/{_P}"
        out.append(_opt("产出指标", "成本指标", name, "=", f"={_P}{unit}", unit if _P not in unit else None,
                        "标准是固定值，用“=”并写明依据的政策文件", basis="预算支出标准"))
        out.append(_opt("产出指标", "质量指标", "发放准确率", "=", "=100%", "%", "按标准足额准确发放；请确认后采用"))
    elif _MEASURE.search(name) and _NON_VALUE.match(value.strip()) and not downward(name, value) \
            and not input_measure(name):
        unit = "%" if _RATE.search(name[-2:]) else ("人次" if "人次" in name or "培训" in name else (
            "个工作日" if re.search(r"时限|时长", name) else _unit_for(name)))
        comp = "≤" if re.search(r"时限|时长|天数", name) else "≥"
        out.append(_opt(cat, sub, name, comp, f"{comp}{_P}{unit}", unit,
                        f"“{value}”不是可比较的目标值，按计划填写数值"))
    if generic:
        out += _project_measures(ind, project, effect=not cat.startswith("产出") or "效益" in name)
        if len(out) < 2:
            out += _proxy_options(ind, subj)[: 2 - len(out)]
        if not out:
            out += _goal_options(ind, project)
        if len(out) < 2:
            out += _project_options(ind, project, subj)[: 2 - len(out)]
        if not out and project is None and not cat.startswith(("成本", "满意")):
            out.append(_opt("效益指标" if cat.startswith("效益") else "产出指标",
                            "社会效益指标" if cat.startswith("效益") else "数量指标", "受益对象人次", "≥",
                            f"≥{_P}人次", "人次", f"“{name}”没有写出衡量对象；请把“受益对象”换成本项目的服务对象"
                            "（如观看群众、参训人员、就诊患者），按台账统计人次"))
    if out:
        pass
    elif input_measure(name):
        out += _input_options(ind, project)
    elif cat.startswith("成本") or sub.startswith("成本") or (_COST.search(value) and (
            _MONEY.search(name + value) or re.search(r"预算", value))) or (
            _MONEY.search(name) and not _RATE.search(name[-2:])):
        out += _cost_options(ind, project, subj, cat)
    elif _SAT.search(text) or cat.startswith("满意"):
        who = re.sub(r"满意度?|满意率|认可度|获得感|幸福感|安全感|的", "", subj) or "服务对象"
        feeling = re.search(r"获得感|幸福感|安全感", subj)
        out.append(_opt("满意度指标", "服务对象满意度指标", f"{who}{feeling.group(0) if feeling else ''}满意度", "≥",
                        f"≥{_P}%", "%",
                        "满意度=（满意+比较满意）/有效问卷数；通常取85%–95%，写明抽样方法和有效问卷份数",
                        basis="历史标准"))
        out.append(_opt("满意度指标", "服务对象满意度指标", f"{who}有效投诉数", "≤", f"≤{_P}件", "件",
                        "投诉数是满意度的反向佐证，以12345热线或信访台账为准", basis="历史标准"))
    elif downward(name, value):
        out += _down_options(ind, subj)
        out += _library_options(ind, subj, True, project)
    elif _COVER.search(text):
        out += _cover_options(ind, project, subj, text, cat, sub)
    elif _TIME.search(value) or _REGULAR.search(value):
        out += _time_options(ind, project, subj)
    elif _COUNT.search(value) or _EFFORT.search(value):
        out += _count_options(ind, project, subj, value)
    if not out and _QUALITY.search(value) and not re.search(r"提高|提升|增强|改善|优化|加强|完善|促进|推动|推进", value) \
            and not re.search(r"效应|作用|影响|氛围|形象|效果|成效", name):
        word = "优良率" if re.search(r"优良|优", value) else ("合格率" if re.search(r"合格|达标|符合", value) else (
            "合规率" if re.search(r"合理|规范", value) else "达标率"))
        acted = re.search(r"(?:化解|调解|整改|处置|办结|查处|救治|消除|除治|清除|治理|解决|处理)$", subj)
        out.append(_opt(cat, sub if sub else "质量指标", f"{subj}率" if acted else _named(subj, name, word), "≥",
                        f"≥{_P}%", "%", f"“{value}”是评价词，写成{subj}率（已{acted.group(0)}数÷应{acted.group(0)}数）"
                        if acted else f"“{value}”是评价词，写成对照标准的{word}，并在依据中写明标准名称",
                        basis="历史标准" if acted else "行业标准"))
        if project is not None and (_shares(subj, project.name) or _shares(name, project.name)):
            measured = _project_options(ind, project, subj, only=("质量指标",))[:2]
            out = measured if len(measured) == 2 and word in ("达标率", "合规率") and not acted else out + measured[:1]
    if not out and _RATE.search(name[-3:]) and not downward(name, value):
        out.append(_opt(cat, sub, name, "≥", f"≥{_P}%", "%", "给出目标值（对照计划或上年实际）", basis="历史标准"))
        if re.search(r"提高|提升|增加|增长|改善|较上年", value):
            out.append(_opt(cat, sub, f"{name}较上年提高", "≥", f"≥{_P}个百分点", "个百分点",
                            "对象本身是比率：按百分点计（目标值减基期值）；需提供基期年份和基期值", basis="历史标准",
                            baseline=True))
    if len(out) < 2:
        proxies = _proxy_options(ind, subj)
        if not out and proxies and re.search(r"效应|作用|影响|氛围|形象|获得感|幸福感|示范|带动", name):
            out += _project_measures(ind, project, effect=True)[:1]
        out += proxies[: 2 - len(out)] if len(out) < 2 and not _SAT.search(name) else [
            o for o in proxies if _shares(subj, o.name) or _shares(name, o.name)]
    if len(out) < 2 and project is not None and not generic and not input_measure(name) and (
            _shares(subj, project.name) or _shares(name, project.name)):
        out += _project_options(ind, project, subj, any_slot=True)[: 2 - len(out)]
    if len(out) < 2 and not input_measure(name) and not generic:
        out += _library_options(ind, subj, downward(name, value), project)
    if not out:
        out += _project_measures(ind, project, effect=not cat.startswith("产出"))
    if not out and (generic or len(subj) <= 2):
        out += _goal_options(ind, project)
    if not out:
        unit = _unit_for(name)
        grows = re.search(r"提高|提升|增加|增长|扩大|增强", value) and re.search(r"产能|产量|规模|收入|数量|总量", subj)
        measure = name if re.search(r"数|量|率|度", name[-2:]) else (
            f"{subj}较上年增长率" if grows else _named(subj, name, "完成率"))
        unit = "%" if measure.endswith("率") else unit
        out.append(_opt(cat, sub, measure, "≥", f"≥{_P}{unit}", unit,
                        f"“{value}”只有方向：写成较上年的增长率，并写明基期年份和基期值" if grows else
                        "给出可核对的目标值，写明依据（计划、历史数据或标准）", basis="历史标准" if grows else "计划标准",
                        baseline=bool(grows)))
    seen, unique = set(), []
    for o in out:
        if o.name not in seen:
            seen.add(o.name)
            unique.append(o)
    return unique[:3]
