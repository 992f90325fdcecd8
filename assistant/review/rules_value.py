"""Value-form rules (DOMAIN.md §2.2 V1–V12): units, comparators, compound values, ranges, direction."""

from __future__ import annotations

import re

from assistant.model import Op, Target
from assistant.review.names import (
    CHANGE_WORDS,
    DOCUMENT_UNITS,
    KNOWN_UNITS,
    MONEY,
    PERCENT,
    RATE_NAME,
    SATISFACTION_NAME,
    base_unit,
    core_name,
    counted_noun_is_not_organisation,
    expected_from_measure_word,
    guess_unit,
    is_bare_magnitude,
    money_name,
    name_unit,
)
from assistant.review.registry import Hit, IndicatorCtx, rule
from assistant.review.rewrite import measured, part_value, subject_of

_SYSTEM = "预算管理一体化系统绩效模块校验"
_COMPARATORS = {"≥", ">", "=", "<", "≤", "定性", ">=", "<=", "大于等于", "大于", "等于", "小于", "小于等于",
                "正向", "反向"}
_REVERSE = re.compile(r"成本|费用|单价|事故|投诉|差错|发生率|超支|结余率|(?:时长|周期|用时|耗时)$|"
                      r"(?:办理|处理|审批|办结|修复|响应|等待|结算|审核|处置)(?:天数|时间)$")
_POSITIVE = re.compile(r"完成|覆盖|合格|达标|满意|知晓|及时|通过")
_HANDLING_RATE = re.compile(r"(?:办结|处置|处理|整改|查处|回复|答复|结案|解决|化解|修复|消除|满意)(?:率|度)$")
_REDUCTION = re.compile(r"降低|减少|节约|下降|压减|缩短|节省")
_INCIDENT = re.compile(r"事故|事件|投诉|差错|违法|违规|违建|违章|案件|隐患|故障|伤亡|损失|问题|死亡|污染|争议|纠纷|"
                       r"信访|上访|舆情|返工|退回|退件|逾期|拖欠|欠薪|超标|超支|失误|错误|错报|漏报|不合格|处罚|"
                       r"通报|火灾|泄漏|中断|停运|宕机|漏洞|缺陷|残留|病害|积水|拥堵|返修|超期|滞留|发生(?:数|率|次数|起数|量)")
_ACTIVITY_NAME = re.compile(r"^(?:开展|举办|组织|召开|举行)")
_DOCUMENT_NOUN = re.compile(r"报告|方案|材料|规划|规定|办法|图谱|手册|简报|文件|课题|研究|教材|资料|清单|案例|指南|标准")
_TIME_NAME = re.compile(r"时效|及时|按时|按期|完成时间|完成时限|时限|工期")
_POSITIVE_DURATION = re.compile(r"开放|服务时|运行|在线|培训|学时|学习|供电|供水|供暖|营业|播出|直播|照明|值守|陪伴")
_DEADLINE_ACTION = re.compile(r"完成|完工|竣工|办结|响应|处置|修复|到达|到场|交付|验收|上线|结算|审批|办理|截止|整改|"
                              r"发放|兑付|拨付|支付|出具|反馈|回复|处理|启动|开工|投用|投入使用")
_DEADLINE_NAME = re.compile(r"(?:时间|时限|日期|期限|工期|时点|节点|截止|用时|历时)$")
_TIME_UNITS = {"日期", "天", "日", "工作日", "个工作日", "月", "个月", "月底", "年", "周", "小时", "分钟", "季度"}
_RELATIVE_RATE = re.compile(r"(?:增长|下降|降低|减少|提高|提升|变化|变动)(?:率|幅度)$|增幅$|降幅$|增速$")
_RATE_THEN_CHANGE = re.compile(r"(?:率|比例|占比|比重|满意度|知晓度)[^率]{0,8}(?:提高|提升|增长|增加|上升|下降|降低|减少)$")
_BASE_PERIOD = re.compile(r"较上年|比上年|同比|环比|上年度?|较上一年|较去年")
_QUANTITY_IN_SUBJECT = re.compile(r"\d+(?:\.\d+)?\s*(?:公里|km|米|个|项|座|所|台|套|人次|人|场|次|亩|万亩|户|家|件|处|条)")
_DIRECTED_SIGN = re.compile(r"(?:正向|反向|中性)?\s*(?:≥|>|=|<|≤|>=|<=|大于等于|小于等于|大于|小于|等于|定性)")
_DIMENSIONLESS = re.compile(r"系数|指数|比值|倍数|比$")
_YEAR = re.compile(r"(?:19|20)\d\d\s*年")
_TOLERANCE = re.compile(r"偏差|误差|偏离|浮动|允差|容差")


def _parts(ctx: IndicatorCtx):
    return ctx.indicator.target.parts if ctx.indicator.target.kind == "quantitative" else []


@rule("missing_unit", domain="S2；V5", severity="error", level="indicator", title="数值缺少计量单位",
      basis=_SYSTEM + "：定量指标须有计量单位", dimension="完整性")
def missing_unit(ctx: IndicatorCtx) -> Hit | None:
    parts = [p for p in _parts(ctx) if p.value is not None and not p.unit]
    if not parts or _DIMENSIONLESS.search(core_name(ctx.indicator.name)):
        return None
    unit = guess_unit(ctx.indicator.name)
    suggestion = unit or "【计量单位】"
    rewrites = [measured(subject_of(ctx.indicator.name), part_value(p, suggestion), note="请核实计量单位")
                for p in parts]
    return Hit(message=f"指标值“{ctx.indicator.value}”只有数字，没有计量单位。",
               fix=f"补上计量单位{f'（如“{unit}”）' if unit else ''}。", rewrites=rewrites)


@rule("ambiguous_unit", domain="V5", severity="warning", level="indicator", title="数量级词后缺少计量单位",
      basis=_SYSTEM + "：定量指标须有计量单位", dimension="完整性")
def ambiguous_unit(ctx: IndicatorCtx) -> Hit | None:
    parts = [p for p in _parts(ctx) if is_bare_magnitude(p.unit)]
    if not parts:
        return None
    mag = parts[0].unit
    guessed = f"{mag}元" if money_name(ctx.indicator.name) else None
    rewrites = [measured(subject_of(ctx.indicator.name), part_value(p, guessed or f"{p.unit}【计量单位】"),
                         note="请核实计量单位") for p in parts]
    return Hit(message=f"指标值“{ctx.indicator.value}”中的“{mag}”只是数量级，没有计量单位"
                       f"{f'（{guessed}？）' if guessed else ''}。",
               fix=f"写全计量单位，如“{guessed or mag + '元/' + mag + '人'}”。", rewrites=rewrites)


_ALTERNATIVE_UNITS = re.compile(r"([\u4e00-\u9fff])[（(]([\u4e00-\u9fff]{1,2})[）)]数")
_PER_POPULATION = re.compile(r"^/\s*(?:\d+\s*)?[十百千万亿]+(?:人|元)?$")


def _expected_units(name: str) -> tuple[tuple[str, ...], str] | None:
    alt = _ALTERNATIVE_UNITS.search(name)
    if alt and {alt.group(1), alt.group(2)} <= KNOWN_UNITS:
        return (alt.group(1), alt.group(2)), f"名称注明“{alt.group(0)}”"
    written = name_unit(name)
    if written:
        return (written,), f"名称中注明单位“{written}”"
    measure = expected_from_measure_word(name)
    if measure:
        return measure, f"名称以“{core_name(name)[-2:]}”结尾"
    if RATE_NAME.search(core_name(name)):
        return tuple(sorted(PERCENT)), "比率类名称"
    return None


def _unit_ok(unit: str, expected: tuple[str, ...]) -> bool:
    if unit.replace("/", "") in expected:
        return True
    if "%" in expected and (unit == "倍" or _PER_POPULATION.match(unit) or unit.startswith("/")):
        return True
    return unit in expected or base_unit(unit) in {base_unit(e) for e in expected}


@rule("unit_mismatch", domain="V5", severity="warning", level="indicator", title="计量单位与指标名称不一致",
      basis=_SYSTEM + "：定量指标须有计量单位；比率用%，计数用个/项/人次，金额用元/万元（审核实务）", dimension="相关性")
def unit_mismatch(ctx: IndicatorCtx) -> Hit | None:
    ind = ctx.indicator
    column = (ind.unit or "").strip()
    if column and re.fullmatch(r"[\d,.，]+", column):
        return Hit(message=f"计量单位栏填的是数字“{column}”，不是计量单位（疑为日期序号或数值错栏）。",
                   fix="计量单位栏填写单位（时效指标写日期或天/月）；日期写成“YYYY年MM月DD日前”。")
    for part in _parts(ctx):
        unit = part.unit
        if not unit or is_bare_magnitude(unit) or unit == "日期":
            continue
        expected = _expected_units(ind.name)
        if expected and not _unit_ok(unit, expected[0]):
            return _unit_hit(ind.name, part, unit, expected[0][0], expected[1])
        base = base_unit(unit)
        noun = counted_noun_is_not_organisation(ind.name)
        if base == "家" and noun:
            return _unit_hit(ind.name, part, unit, "个", f"“{noun}”不是机构，不以“家”计")
        if base in DOCUMENT_UNITS and _ACTIVITY_NAME.search(core_name(ind.name)) \
                and not _DOCUMENT_NOUN.search(ind.name):
            return _unit_hit(ind.name, part, unit, "次", "开展活动以场次计，不以“份/篇”计")
        if money_name(ind.name) and re.search(r"(?:金额|投资额|费用|成本|营收|收入|产值|经费)$", core_name(ind.name)) \
                and base not in {base_unit(m) for m in MONEY} | PERCENT and base != "元":
            return _unit_hit(ind.name, part, unit, "万元", "金额类名称应以元/万元计")
        if unit in PERCENT and re.search(r"(?:数量|个数|人数|家数|次数|人次|场次)$", core_name(ind.name)) \
                and not part.basis and not CHANGE_WORDS.search(ind.value + ind.name):
            return _unit_hit(ind.name, part, unit, guess_unit(ind.name) or "个", "计数类名称不应以%计")
    return None


def _unit_hit(name: str, part, unit: str, expected: str, why: str) -> Hit:
    return Hit(message=f"计量单位“{unit}”与指标名称“{name}”不一致（{why}）。",
               fix=f"把单位改为“{expected}”，或修改指标名称使之与单位一致。",
               rewrites=[measured(subject_of(name), part_value(part, expected), note="请核实计量单位")])


@rule("compound_target", domain="V2", severity="warning", level="indicator",
      title="一个数值型指标值包含多个目标", basis="财预〔2020〕10号 绩效指标明确性：每个指标有一个明确的值",
      dimension="相关性")
def compound_target(ctx: IndicatorCtx) -> Hit | None:
    parts = _parts(ctx)
    if len(parts) == 1 and parts[0].subject and _QUANTITY_IN_SUBJECT.search(parts[0].subject):
        pieces = [x.strip() for x in re.split(r"[、，,；;]|以及|及", ctx.indicator.value) if x.strip()]
        return Hit(message=f"指标值“{ctx.indicator.value}”含{len(pieces)}个目标，无法用一个完成值评判。",
                   fix="拆成多个指标，每个指标一个比较符、一个数值、一个单位。",
                   rewrites=[measured(re.sub(r"[\d.]+.*$", "", x) or subject_of(ctx.indicator.name),
                                      "≥" + re.sub(r"^\D*", "", x)) for x in pieces])
    if len(parts) < 2:
        return None
    name = subject_of(ctx.indicator.name)
    rewrites = [measured(p.subject or (f"{name}（{p.unit}）" if p.unit else name), part_value(p)) for p in parts]
    return Hit(message=f"指标值“{ctx.indicator.value}”含{len(parts)}个目标，无法用一个完成值评判。",
               fix="拆成多个指标，每个指标一个比较符、一个数值、一个单位。", rewrites=rewrites)


@rule("missing_comparator", domain="S2；V1", severity="error", level="indicator", title="定量指标缺少计算符号",
      basis=_SYSTEM + "：定量指标须选择计算符号", dimension="完整性", structural=True)
def missing_comparator(ctx: IndicatorCtx) -> Hit | None:
    if "comparator" not in ctx.columns or (ctx.indicator.comparator or "").strip():
        return None
    if ctx.indicator.target.kind != "quantitative":
        return None
    return Hit(message=f"指标“{ctx.indicator.name}”是定量指标，但没有填写计算符号。", fix="从 ≥、>、=、<、≤ 中选择。")


@rule("invalid_comparator", domain="V1", severity="error", level="indicator", title="计算符号不在规定范围",
      basis=_SYSTEM + "：计算符号为 ≥、>、=、<、≤、定性（地方可另有选项）", dimension="完整性")
def invalid_comparator(ctx: IndicatorCtx) -> Hit | None:
    comp = (ctx.indicator.comparator or "").strip()
    if not comp or comp in _COMPARATORS or comp in ctx.policy.rules.extra_comparators:
        return None
    if _DIRECTED_SIGN.fullmatch(comp):
        return None
    return Hit(message=f"计算符号“{comp}”不在 ≥、>、=、<、≤、定性 之内。", fix="从 ≥、>、=、<、≤、定性 中选择。")


@rule("non_numeric_value", domain="V2", severity="error", level="indicator", title="定量指标的指标值不是数值",
      basis=_SYSTEM + "：定量指标值须为数值", dimension="相关性")
def non_numeric_value(ctx: IndicatorCtx) -> Hit | None:
    comp = (ctx.indicator.comparator or "").strip()
    if not comp or comp.startswith("定性") or comp in ctx.policy.rules.extra_comparators:
        return None
    if ctx.indicator.target.kind != "qualitative":
        return None
    return Hit(message=f"计算符号为“{comp}”，但指标值“{ctx.indicator.value}”不是数值。",
               fix="填写数值（可带%），或把计算符号改为“定性”并写明可核验的成果。")


@rule("qualitative_with_unit", domain="V3", severity="warning", level="indicator", title="定性指标填了计量单位",
      basis=_SYSTEM + "：定性指标清空计量单位", dimension="相关性")
def qualitative_with_unit(ctx: IndicatorCtx) -> Hit | None:
    comp = (ctx.indicator.comparator or "").strip()
    if not comp.startswith("定性") or not (ctx.indicator.unit or "").strip():
        return None
    return Hit(message=f"定性指标填了计量单位“{ctx.indicator.unit}”。", fix="清空计量单位，或改为定量指标。")


@rule("percent_out_of_range", domain="V6", severity="error", level="indicator", title="百分比超出0–100",
      basis="审核实务：比率类指标取值在0–100%之间（增长率、变化率和允许偏差除外）", dimension="可行性")
def percent_out_of_range(ctx: IndicatorCtx) -> Hit | None:
    if CHANGE_WORDS.search(ctx.indicator.name + ctx.indicator.value) or _TOLERANCE.search(ctx.indicator.name):
        return None
    for p in _parts(ctx):
        if p.unit == "%" and not p.basis and p.value is not None:
            if p.op is Op.RANGE and -100 <= p.value < 0 <= (p.high or 0) <= 100:
                continue
            values = [p.value] + ([p.high] if p.high is not None else [])
            if any(v > 100 or v < 0 for v in values):
                return Hit(message=f"百分比“{ctx.indicator.value}”超出0–100%。",
                           fix="比率类指标取值应在0–100%之间；若为增长率，请在名称中写明“增长率”及基期。")
    return None


@rule("direction_mismatch", domain="V7", severity="warning", level="indicator", title="比较方向与指标性质不符",
      basis="财预〔2020〕10号 正向指标与反向指标分别计分", dimension="可行性")
def direction_mismatch(ctx: IndicatorCtx) -> Hit | None:
    name = core_name(ctx.indicator.name)
    for p in _parts(ctx):
        if p.basis or p.op is Op.RANGE:
            continue
        if _POSITIVE_DURATION.search(name) and re.search(r"时间|时长|时数|小时|学时|天数", name) \
                and not _DEADLINE_ACTION.search(name):
            continue
        if _is_deadline(name, p.unit):
            if p.op in (Op.GE, Op.GT) and (p.unit == "日期" or _DEADLINE_ACTION.search(name)):
                return Hit(message=f"“{name}”是完成期限（越早越好），却用了“{ctx.indicator.value}”。",
                           fix="期限类指标写“【日期】前”或“≤【时限】”。")
            continue
        handled = bool(_HANDLING_RATE.search(name))
        if _REVERSE.search(name) and not handled and not _REDUCTION.search(name) and p.op in (Op.GE, Op.GT):
            return Hit(message=f"“{name}”越小越好（反向指标），却用了“{ctx.indicator.value}”。",
                       fix="反向指标用“≤”或“=”，如“≤【上限】”。")
        if _POSITIVE.search(name) and not _REVERSE.search(name) and p.op in (Op.LE, Op.LT):
            return Hit(message=f"“{name}”越大越好（正向指标），却用了“{ctx.indicator.value}”。",
                       fix="正向指标用“≥”或“=”。")
    return None


def _is_deadline(name: str, unit: str | None) -> bool:
    """A completion date or time limit: earlier or shorter is better, whatever verb the name uses."""
    return unit == "日期" or bool(_DEADLINE_NAME.search(name)) or (
        unit in _TIME_UNITS and bool(_TIME_NAME.search(name)))


@rule("trivial_target", domain="V8", severity="warning", level="indicator", title="目标值无约束力",
      basis="财预〔2015〕88号 合理可行：目标须有约束力；“=0”只用于事故、投诉、争议等反向指标（审核实务）", dimension="可行性")
def trivial_target(ctx: IndicatorCtx) -> Hit | None:
    for p in _parts(ctx):
        if p.value != 0 or p.basis:
            continue
        if p.op in (Op.GE, Op.GT):
            return Hit(message=f"指标值“{ctx.indicator.value}”必然达成，没有约束力。", fix="按计划或历史值设定有约束力的目标。")
        if p.op in (Op.EQ, Op.LE) and not _INCIDENT.search(ctx.indicator.name):
            return Hit(message=f"指标值“{ctx.indicator.value}”为0，但“{ctx.indicator.name}”不是事故、投诉类指标。",
                       fix="“=0/≤0”只用于事故、投诉等反向指标；其他指标写明目标数值。")
    return None


@rule("satisfaction_range", domain="V9", severity="warning", level="indicator", title="满意度目标不合理",
      basis="财预〔2020〕10号 满意度指标；审核实务：满意度目标一般为85%–95%，避免100%", dimension="可行性")
def satisfaction_range(ctx: IndicatorCtx) -> Hit | None:
    if not SATISFACTION_NAME.search(ctx.indicator.name):
        return None
    low, high = ctx.policy.thresholds.satisfaction_min, ctx.policy.thresholds.satisfaction_max
    for p in _parts(ctx):
        if p.unit != "%" or p.value is None:
            continue
        if p.value >= high and p.op in (Op.EQ, Op.GE, Op.GT):
            return Hit(message=f"满意度“{ctx.indicator.value}”达到或超过口径上限{high:g}%，不现实。",
                       fix="设为“≥【待填】%”（一般在85%–95%），并写明调查方式和样本量。",
                       rewrites=["服务对象满意度：≥【待填】%（依据：行业标准；有效问卷≥【样本量】份）"])
        if p.value < low and p.op in (Op.EQ, Op.GE, Op.GT):
            return Hit(message=f"满意度“{ctx.indicator.value}”低于口径下限{low:g}%。", fix="说明偏低的原因，或提高目标值。")
    return None


_NUM_UNIT_IN_NAME = re.compile(r"(\d+(?:\.\d+)?)\s*(人次|人|场|次|个|项|家|户|套|台|件|篇|份|期|km|公里|万元|元|%)")


@rule("value_in_name", domain="V10", severity="warning", level="indicator", title="数值写在指标名称里",
      basis=_SYSTEM + "：指标名称与指标值分栏填写，名称写度量，数值写在指标值栏", dimension="相关性")
def value_in_name(ctx: IndicatorCtx) -> Hit | None:
    ind = ctx.indicator
    if ind.target.kind == "quantitative":
        return None
    m = _NUM_UNIT_IN_NAME.search(ind.name)
    if not m:
        return None
    metric = (ind.name[: m.start()] + ind.name[m.end():]).strip() or ind.name
    metric = re.sub(r"^(?:完成|实现|达到)", "", metric) + (m.group(2) if not metric.endswith(m.group(2)) else "")
    return Hit(message=f"数值“{m.group(0)}”写在名称“{ind.name}”里，指标值栏却是“{ind.value}”。",
               fix=f"名称只写度量（如“{metric}”），指标值写“≥{m.group(1)}{m.group(2)}”。",
               rewrites=[measured(metric, f"≥{m.group(1)}{m.group(2)}")])


_NAMED_VALUE = re.compile(r"(?P<op>[≥≤><=])?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<mag>[万亿千百]?)"
                          r"(?P<unit>人次|人|场次|场|次|个|项|家|户|套|台|件|篇|份|期|km|公里|元|%)")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９．％≧≦＞＜＝", "0123456789.%≥≤><=")
_MAG = {"": 1, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}


def _scaled(value: float, unit: str | None) -> tuple[float, str]:
    unit = unit or ""
    for mag, factor in _MAG.items():
        if mag and unit.startswith(mag) and len(unit) > 1:
            return value * factor, unit[1:]
    return value, unit


@rule("name_value_conflict", domain="V10", severity="warning", level="indicator", title="指标名称中的数值与指标值矛盾",
      basis="财预〔2020〕10号 绩效指标明确性：每个指标有一个明确的目标值", dimension="相关性")
def name_value_conflict(ctx: IndicatorCtx) -> Hit | None:
    ind = ctx.indicator
    parts = [p for p in _parts(ctx) if p.value is not None and p.op is not Op.RANGE and not p.basis]
    if not parts:
        return None
    for m in _NAMED_VALUE.finditer(ind.name.translate(_FULLWIDTH_DIGITS)):
        named, unit = _scaled(float(m.group("num")) * _MAG[m.group("mag")], m.group("unit"))
        for p in parts:
            value, value_unit = _scaled(float(p.value), p.unit)
            if value_unit == "百分点":
                value_unit = "%"
            if value_unit == unit and abs(value - named) > 1e-9:
                return Hit(message=f"指标名称写明“{m.group(0)}”，指标值却是“{ind.value}”，两者矛盾。",
                           fix="名称只写度量，不写数值；目标值以指标值栏为准，二者不一致时须核实。",
                           rewrites=[measured(core_name(ind.name).replace(m.group(0), "").strip("（）() ") or ind.name,
                                              ind.value)])
    return None


def _time_shaped_placeholder(target: Target) -> bool:
    """A value still to be filled whose form is already a date, period or rate (``≤【待填】工作日``,
    ``≤【待填】年【待填】月【待填】日前``, ``≥【待填】%``): the placeholder findings ask for the number; the
    deadline is not missing."""
    return target.kind == "missing" and bool(target.parts) and all(p.unit in _TIME_UNITS | {"年月日", "%"} for p in target.parts)


@rule("timeliness_no_deadline", domain="V11", severity="error", level="indicator", title="时效指标没有期限",
      basis="财预〔2015〕88号 细化量化：时效指标须写明日期、周期或比率", dimension="相关性")
def timeliness_no_deadline(ctx: IndicatorCtx) -> Hit | None:
    ind = ctx.indicator
    timely = (ind.subcategory or "").startswith("时效") or _TIME_NAME.search(ind.name)
    if not timely or ind.target.kind == "quantitative" or _time_shaped_placeholder(ind.target):
        return None
    return Hit(message=f"时效指标“{ind.name}”的指标值“{ind.value}”没有日期、周期或比率。",
               fix="写明完成日期、办理时限或按期完成率。",
               rewrites=[measured(f"{subject_of(ind.name)}按期完成率", "≥【待填】%"),
                         measured(f"{subject_of(ind.name)}办理时限", "≤【待填】个工作日")])


@rule("change_without_baseline", domain="V12", severity="warning", level="indicator", title="变化类指标没有基期",
      basis="财预〔2021〕101号 历史标准（上年值、近三年平均值）", dimension="可行性")
def change_without_baseline(ctx: IndicatorCtx) -> Hit | None:
    """A change needs a base: a year, a 基期 value, or a named base period (较上年、同比), since the
    system shows last year's value beside the row. A change of a rate level (知晓率提高5%) must also say
    百分点 or %; a change rate (下降率、增长率) is a relative change in % by definition. A note in brackets
    without a number (``≥12%（较上年提高）``) does not make a level target a change."""
    ind = ctx.indicator
    value = re.sub(r"[（(][^（）()\d]*[）)]", "", ind.value)
    text = re.sub(r"零增长|零增加|不增长", "", ind.name + value)
    if not CHANGE_WORDS.search(text):
        return None
    parts = [p for p in _parts(ctx) if p.unit in ("%", "百分点") and p.basis != "累计"]
    if not parts:
        return None
    based = bool(_YEAR.search(text) or re.search(r"基期|基数|基线", text) or _BASE_PERIOD.search(text)
                 or any(p.basis for p in parts))
    core = core_name(ind.name)
    points_unclear = bool(RATE_NAME.search(core) or _RATE_THEN_CHANGE.search(core)) and not _RELATIVE_RATE.search(core) \
        and all(p.unit == "%" for p in parts) and "百分点" not in text
    if based and not points_unclear:
        return None
    if based:
        return Hit(message=f"“{ind.name}”是比率的变化，“{ind.value}”未写明是百分点还是相对变化（%）。",
                   fix="比率水平的变化写“提高≥【待填】个百分点”；如指相对变化，名称改为“……增长率”。")
    extra = "；比率的变化还须写明是“百分点”还是“%”" if points_unclear else ""
    return Hit(message=f"“{ind.name}”是变化类指标，但没有写明基期年份和基期值{extra}。",
               fix="在名称、解释或依据中写明基期（如“【基期年份】年为【基期值】”），并区分百分点与%。")
