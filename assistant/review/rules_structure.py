"""Structure and completeness rules (DOMAIN.md §2.2 S1–S11, V4, L8, L10) and duplicate projects."""

from __future__ import annotations

import re
from collections import Counter

from assistant.model import Category, Indicator, Project
from assistant.review.names import SATISFACTION_NAME, core_name
from assistant.review.registry import Hit, IndicatorCtx, ProjectCtx, rule

_B88_FULL = "财预〔2015〕88号 完整性：绩效目标内容完整、指标齐全"
_SYSTEM = "预算管理一体化系统绩效模块必填项与校验"
CHILDREN: dict[str, set[str]] = {
    Category.OUTPUT.value: {"数量指标", "质量指标", "时效指标", "成本指标", "经济成本指标"},
    Category.OUTCOME.value: {"经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"},
    Category.COST.value: {"成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标"},
    Category.SATISFACTION.value: {"服务对象满意度指标", "社会公众或服务对象满意度指标", "满意度指标"},
}
_COST_NAME = re.compile(r"(?:成本|单价|造价|费用|定额|经费|支出)(?:控制率|标准|总额|总量)?$|成本控制率")
_SERVICE = re.compile(r"补助|补贴|培训|服务|救助|宣传|慰问|义诊|咨询|帮扶")


def _has(project: Project, category: Category) -> bool:
    return any(i.category == category.value for i in project.indicators())


def is_cost_indicator(ind: Indicator) -> bool:
    """A cost row in either layout: 成本指标 as 一级 (101号), a 成本 二级, or a cost measure under 产出."""
    if ind.category == Category.COST.value or "成本" in (ind.subcategory or ""):
        return True
    return ind.category == Category.OUTPUT.value and bool(_COST_NAME.search(core_name(ind.name)))


@rule("missing_goal", domain="S1", severity="error", level="project", title="缺少年度绩效目标",
      basis=_B88_FULL, dimension="完整性", structural=True)
def missing_goal(ctx: ProjectCtx) -> Hit | None:
    if ctx.project.goal.strip():
        return None
    return Hit(message="项目没有填写年度绩效目标。", fix="写明本年度预期达到的产出和效果，按条编号。")


@rule("no_indicators", domain="S1", severity="error", level="project", title="没有绩效指标",
      basis=_B88_FULL, dimension="完整性", structural=True)
def no_indicators(ctx: ProjectCtx) -> Hit | None:
    if ctx.project.indicators():
        return None
    return Hit(message="项目没有任何绩效指标。", fix="至少设置产出、效益指标各一项，并按口径补充成本、满意度指标。")


@rule("missing_amount", domain="S1", severity="error", level="project", title="缺少年度资金",
      basis=_B88_FULL, dimension="完整性", structural=True)
def missing_amount(ctx: ProjectCtx) -> Hit | None:
    p = ctx.project
    if not ctx.policy.require.amount or p.amount is not None or (p.amount_text or "").strip():
        return None
    return Hit(message="项目没有填写年度资金总额。", fix="填写年度资金总额（万元），并分列财政拨款和其他资金。")


PLACEHOLDER = re.compile(r"[*＊]{2,}|(?<![A-Za-z])[XxＸｘ×]{2,}(?![A-Za-z])|【[^】]{0,12}】|[○□△]{2,}|_{3,}|…{2,}")


_MARKDOWN_BOLD = re.compile(r"\*\*(?=[^*\s])[^*]*?[^*\s]\*\*")


def placeholder_in(text: str | None) -> str | None:
    """The first template placeholder in ``text`` (``**``, ``XX``, ``【】``, ``□□``), if any; Markdown bold
    (``**粗体**``) in pasted text is not one."""
    m = PLACEHOLDER.search(_MARKDOWN_BOLD.sub("", text or ""))
    return m.group(0) if m else None


@rule("missing_value", domain="S2", severity="error", level="indicator", title="指标值为空",
      basis=_SYSTEM + "：指标值必填", dimension="完整性")
def missing_value(ctx: IndicatorCtx) -> Hit | None:
    if ctx.indicator.target.kind != "missing" or placeholder_in(ctx.indicator.value):
        return None
    return Hit(message=f"指标“{ctx.indicator.name}”的指标值为空（“{ctx.indicator.value}”）。",
               fix="填写比较符、数值和计量单位，并写明取值依据。")


@rule("placeholder_left", domain="S2", severity="error", level="indicator", title="模板占位符未替换",
      basis=_SYSTEM + "：指标名称、指标值必填且须为实际内容", dimension="完整性")
def placeholder_left(ctx: IndicatorCtx) -> Hit | None:
    ind = ctx.indicator
    where = [(label, mark) for label, text in (("指标名称", ind.name), ("指标值", ind.value))
             if (mark := placeholder_in(text))]
    if not where:
        return None
    listing = "、".join(f"{label}中的“{mark}”" for label, mark in where)
    return Hit(message=f"指标“{ind.name}”仍留有模板占位符：{listing}。",
               fix="把占位符换成本项目的实际内容：名称写明度量，指标值写明比较符、数值和计量单位。")


@rule("missing_subcategory", domain="S2；S4", severity="error", level="indicator", title="缺少二级指标",
      basis=_SYSTEM + "：一级、二级、三级指标均须填写", dimension="完整性", structural=True)
def missing_subcategory(ctx: IndicatorCtx) -> Hit | None:
    if not ctx.policy.require.subcategory or ctx.indicator.subcategory:
        return None
    return Hit(message=f"指标“{ctx.indicator.name}”没有二级指标。",
               fix=f"在“{ctx.indicator.category}”下选择二级指标：{'、'.join(sorted(CHILDREN.get(ctx.indicator.category, set())))}。")


@rule("invalid_category", domain="S3", severity="error", level="indicator", title="一级指标不在规定范围",
      basis="财预〔2021〕101号 指标体系；地方传统版式为产出/效益/满意度（成本在产出下）", dimension="完整性", structural=True)
def invalid_category(ctx: IndicatorCtx) -> Hit | None:
    if ctx.indicator.category in CHILDREN:
        return None
    return Hit(message=f"一级指标“{ctx.indicator.category}”不是产出、效益、成本、满意度指标之一。",
               fix="改为产出指标、效益指标、满意度指标（101号版式另有成本指标）。")


@rule("invalid_subcategory", domain="S4", severity="error", level="indicator", title="二级指标不属于其一级指标",
      basis="财预〔2021〕101号、财预〔2015〕88号 指标体系（兼容传统版式）", dimension="完整性", structural=True)
def invalid_subcategory(ctx: IndicatorCtx) -> Hit | None:
    ind = ctx.indicator
    allowed = CHILDREN.get(ind.category)
    if not ind.subcategory or allowed is None or ind.subcategory in allowed:
        return None
    return Hit(message=f"二级指标“{ind.subcategory}”不属于一级指标“{ind.category}”。",
               fix=f"改为：{'、'.join(sorted(allowed))}。")


@rule("missing_output", domain="S5", severity="error", level="project", title="没有产出指标",
      basis="财预〔2015〕88号 绩效目标须含产出；财预〔2020〕10号 自评权重以产出、效益为主", dimension="完整性", structural=True)
def missing_output(ctx: ProjectCtx) -> Hit | None:
    if not ctx.project.indicators() or _has(ctx.project, Category.OUTPUT):
        return None
    return Hit(message="项目没有产出指标（按表中所填一级指标判断）。",
               fix="补充产出指标：数量（如完成数量、服务人次）、质量（如验收合格率）、时效（如完成时间）。")


@rule("missing_outcome", domain="S5", severity="error", level="project", title="没有效益指标",
      basis="财预〔2015〕88号 绩效目标须含效益；财预〔2020〕10号 自评权重以产出、效益为主", dimension="完整性", structural=True)
def missing_outcome(ctx: ProjectCtx) -> Hit | None:
    if not ctx.project.indicators() or _has(ctx.project, Category.OUTCOME):
        return None
    return Hit(message="项目没有效益指标（按表中所填一级指标判断）。",
               fix="补充项目一年内可见的效益：经济效益、社会效益（覆盖人群、知晓率等）、生态效益或可持续影响。")


@rule("missing_quantity_quality", domain="S6", severity="warning", level="project",
      title="产出指标缺少数量或质量二级", basis="财预〔2015〕88号 细化量化：产出细化为数量、质量、时效、成本（审核实务，可在审核口径中调整）", dimension="完整性", structural=True)
def missing_quantity_quality(ctx: ProjectCtx) -> Hit | None:
    outputs = [i for i in ctx.project.indicators() if i.category == Category.OUTPUT.value]
    if not outputs or not any(i.subcategory for i in ctx.project.indicators()):
        return None
    subs = {i.subcategory for i in outputs}
    missing = [s for s in ("数量指标", "质量指标") if s not in subs]
    if not missing:
        return None
    return Hit(message=f"产出指标缺少{'、'.join(missing)}。",
               fix="数量指标写完成多少，质量指标写达到什么标准（合格率、达标率），建议同时设置时效指标。")


@rule("missing_cost", domain="S7", severity="warning", level="project", title="没有成本指标",
      basis="财预〔2021〕101号 成本指标；地方传统版式可在产出指标下设成本二级（严重程度由审核口径决定）",
      dimension="完整性", structural=True)
def missing_cost(ctx: ProjectCtx) -> Hit | None:
    inds = ctx.project.indicators()
    if not inds or any(is_cost_indicator(i) for i in inds):
        return None
    where = ("在产出指标下设“成本指标”二级" if ctx.layout == "legacy" else "设置成本指标（一级）")
    return Hit(message="项目没有成本指标。",
               fix=f"{where}，如“单位成本≤【标准】元/单位”或“成本控制率（实际/预算）≤【待填】%”，"
                   "数值取自预算支出标准或测算依据。",
               rewrites=["成本控制率（实际支出/预算）：≤【待填】%（依据：预算支出标准）"])


@rule("missing_satisfaction", domain="S8", severity="warning", level="project", title="缺少满意度指标",
      basis="财预〔2020〕10号 满意度指标（未设置时其权重并入效益）", dimension="完整性", structural=True)
def missing_satisfaction(ctx: ProjectCtx) -> Hit | None:
    p = ctx.project
    inds = p.indicators()
    if not inds or _has(p, Category.SATISFACTION):
        return None
    misplaced = [i for i in inds if SATISFACTION_NAME.search(i.name)]
    if misplaced:
        return Hit(message=f"项目没有满意度指标（一级）；“{misplaced[0].name}”放在了{misplaced[0].category}下。",
                   fix="把服务对象满意度移到满意度指标（一级）下，写明调查方式和样本量。")
    if not _SERVICE.search(f"{p.name} {p.goal}"):
        return None
    return Hit(message="项目面向服务对象（培训、服务、补助或宣传等），但没有满意度指标。",
               fix="增加服务对象满意度指标，写明调查方式和样本量。",
               rewrites=["服务对象满意度：≥【待填】%（依据：行业标准；有效问卷≥【样本量】份）"])


@rule("duplicate_name", domain="S9", severity="error", level="project", title="同一项目内指标同名",
      basis=_SYSTEM + "：三级指标名称不得重复", dimension="完整性", structural=True)
def duplicate_name(ctx: ProjectCtx) -> Hit | None:
    counts = Counter(i.name.strip() for i in ctx.project.indicators())
    dups = [(n, c) for n, c in counts.items() if c > 1 and n]
    if not dups:
        return None
    listing = "；".join(f"“{n}”{c}个" for n, c in dups)
    return Hit(message=f"同一项目内有指标同名：{listing}。",
               fix="按实际度量给每个指标起不同的名称（如“举办主会议场次”“举办平行会议场次”）。")


def _signature(project: Project) -> tuple:
    return tuple(sorted(Counter((i.category, i.name.strip(), i.value.strip()) for i in project.indicators()).items()))


def _earlier_signatures(ctx: ProjectCtx) -> dict[tuple, str]:
    """Signature → first project name, for the projects before ``ctx.index`` (cached across one run)."""
    cache = ctx.shared.setdefault("signatures", {"upto": 0, "seen": {}})
    for earlier in ctx.table.projects[cache["upto"]: ctx.index]:
        cache["seen"].setdefault(_signature(earlier), earlier.name)
    cache["upto"] = max(cache["upto"], ctx.index)
    return cache["seen"]


@rule("duplicate_project", domain="S9（项目间）", severity="warning", level="project",
      title="与表内另一项目的指标完全重复", basis="财预〔2015〕88号 相关性：指标应对应本项目的支出内容",
      dimension="相关性", structural=True)
def duplicate_project(ctx: ProjectCtx) -> Hit | None:
    inds = ctx.project.indicators()
    if len(inds) < ctx.policy.thresholds.duplicate_project_min_indicators:
        return None
    earlier = _earlier_signatures(ctx).get(_signature(ctx.project))
    if earlier is None:
        return None
    return Hit(message=f"本项目的{len(inds)}个指标与“{earlier}”完全相同（不计顺序）。",
               fix="按本项目自身的支出内容设置指标；若两项目实为同一支出，应合并申报。")


@rule("text_too_long", domain="S10", severity="info", level="indicator", title="文字超过系统字节限制",
      basis=_SYSTEM + "：字段长度限制（汉字按2字节计）", dimension=None, default_enabled=False)
def text_too_long(ctx: IndicatorCtx) -> Hit | None:
    t = ctx.policy.thresholds
    name_bytes, value_bytes = len(ctx.indicator.name.encode("gbk", "replace")), len(
        ctx.indicator.value.encode("gbk", "replace"))
    over = []
    if name_bytes > t.max_name_bytes:
        over.append(f"指标名称{name_bytes}字节（上限{t.max_name_bytes}）")
    if value_bytes > t.max_value_bytes:
        over.append(f"指标值{value_bytes}字节（上限{t.max_value_bytes}）")
    if not over:
        return None
    return Hit(message="；".join(over) + "。", fix="精简表述，把说明移到“指标解释”栏。")


@rule("too_few_indicators", domain="S11", severity="warning", level="project", title="指标数量过少",
      basis="广州市财政局2018年预算编制要求：每个项目不少于4个绩效指标（审核口径可调整）", dimension="完整性", structural=True)
def too_few_indicators(ctx: ProjectCtx) -> Hit | None:
    n = len(ctx.project.indicators())
    low = ctx.policy.thresholds.min_indicators
    if n == 0 or n >= low:
        return None
    return Hit(message=f"项目只有{n}个指标，少于口径要求的{low}个。", fix="补充数量、质量、时效、效益、满意度方面的核心指标。")


@rule("too_many_indicators", domain="S11", severity="info", level="project", title="指标数量过多",
      basis="财预〔2021〕101号 重点突出：选取反映主要产出和核心效果的指标", dimension=None, structural=True)
def too_many_indicators(ctx: ProjectCtx) -> Hit | None:
    n = len(ctx.project.indicators())
    high = ctx.policy.thresholds.max_indicators
    if n <= high:
        return None
    return Hit(message=f"项目有{n}个指标，多于{high}个，重点不突出。", fix="保留反映主要产出和核心效果的指标，合并或删去次要指标。")


@rule("qualitative_share", domain="V4", severity="warning", level="project", title="定性指标占比过高",
      basis="财预〔2015〕88号 细化量化；广州市要求定量指标不少于50%", dimension="相关性", structural=True)
def qualitative_share(ctx: ProjectCtx) -> Hit | None:
    inds = ctx.project.indicators()
    if not inds:
        return None
    qual = sum(1 for i in inds if i.target.kind == "qualitative")
    share, limit = qual / len(inds), ctx.policy.thresholds.max_qualitative_share
    if share <= limit:
        return None
    return Hit(message=f"定性指标{qual}个，占{share:.0%}，超过口径上限{limit:.0%}。",
               fix="把能量化的定性指标改为“比较符＋数值＋单位”，定性指标写明可核验的成果。")


@rule("missing_value_basis", domain="L8", severity="warning", level="indicator", title="缺少指标值设定依据",
      basis="预算管理一体化系统“指标值设定依据”：计划标准、历史标准、行业标准、预算支出标准、其他标准",
      dimension="可行性", structural=True)
def missing_value_basis(ctx: IndicatorCtx) -> Hit | None:
    required = ctx.policy.require.value_basis or "value_basis" in ctx.columns
    if not required or (ctx.indicator.value_basis or "").strip():
        return None
    return Hit(message=f"指标“{ctx.indicator.name}”没有写明指标值设定依据。",
               fix="选择计划标准、历史标准、行业标准、预算支出标准或其他标准；行业标准写明标准名称或编号。")


@rule("missing_data_source", domain="L10", severity="warning", level="indicator", title="缺少数据来源",
      basis="财预〔2021〕101号 量化易评：数据应来自现有统计或低成本采集", dimension="可行性", structural=True)
def missing_data_source(ctx: IndicatorCtx) -> Hit | None:
    required = ctx.policy.require.data_source or "data_source" in ctx.columns
    if not required or (ctx.indicator.data_source or "").strip():
        return None
    return Hit(message=f"指标“{ctx.indicator.name}”没有写明数据来源。",
               fix="写明台账、验收报告、统计年报、问卷或监测报告等数据来源。")
