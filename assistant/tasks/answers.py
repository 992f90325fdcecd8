"""Response models the model fills in, with the review rules as validators.

Validators run only when a validation context is given (``{"task": ..., "policy": ..., ...}``); a failed
check raises ``ValueError`` with a Chinese message naming the rule, which instructor sends back to the
model. Without a context (re-reading the raw last answer after the retries ran out) nothing is checked.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationInfo, model_validator

from assistant.model import Project
from assistant.parse.value import is_measurable
from assistant.tasks import checks
from assistant.tasks.models import ValueBasis

Category1 = Literal["产出指标", "效益指标", "成本指标", "满意度指标"]
Comparator = Literal["≥", "≤", "=", ">", "<", "定性"]
CHANGE = re.compile(r"提高|提升|增长|增加|下降|降低|减少|较上年|同比|增幅|降幅")
RATE = re.compile(r"(?:率|比例|占比|比重|满意度|知晓度)")


class AnswerIndicator(BaseModel):
    category: Category1 = Field(description="一级指标")
    subcategory: str = Field(description="二级指标，如 数量指标、质量指标、时效指标、成本指标、社会效益指标、服务对象满意度指标")
    name: str = Field(description="三级指标名称：一个可度量的量，不含数值")
    comparator: Comparator
    value: str = Field(description="指标值，连同比较符和单位，如 ≥【待填】人次 或 ≥500人次")
    unit: str | None = Field(default=None, description="计量单位；定性指标为空")
    value_basis: ValueBasis
    data_source: str = Field(description="数据来源，如 工作台账、验收报告、问卷调查")
    explanation: str = Field(default="", description="指标解释：衡量什么、统计口径和范围")
    formula: str = Field(default="", description="计算公式（比率、单位成本等）；计数类可为空")
    core: bool = Field(default=False, description="是否核心指标（反映项目主要产出和效果的3–5个）")
    reason: str = Field(default="", description="为什么设这个指标、数值从哪里来；由预算金额算出的单位成本写明“测算”")


def items_of(raw: str | None, key: str, item_model: type[BaseModel]) -> list[Any]:
    """The well-formed items under ``key`` of a raw (invalid) answer, each parsed alone; bad ones dropped."""
    import json

    from pydantic import ValidationError

    from assistant.llm.normalize import json_text

    try:
        data = json.loads(json_text(raw or "{}"))
    except ValueError:
        return []
    rows = data.get(key) if isinstance(data, dict) else None
    out = []
    for row in rows if isinstance(rows, list) else []:
        try:
            out.append(item_model.model_validate(row))
        except ValidationError:
            continue
    return out


def _ctx(info: ValidationInfo) -> dict[str, Any] | None:
    return info.context if isinstance(info.context, dict) else None


def _draft(rows: list[AnswerIndicator], name: str, goal: str) -> Project:
    inds = [checks.to_indicator(r.category, r.subcategory, r.name, r.value, r.unit, r.comparator, r.value_basis,
                                r.data_source) for r in rows]
    return Project(name=name or "草稿项目", goal=goal or "", groups=[inds])


def coverage_problems(rows: list[Any], layout: str, recipients: bool) -> list[str]:
    """What a complete set lacks: 产出 数量/质量/时效, 效益, 成本 (in the policy's layout), 满意度."""
    pairs = {(r.category, r.subcategory) for r in rows}
    subs = {s for _, s in pairs}
    cats = {c for c, _ in pairs}
    missing = [f"产出指标/{s}" for s in ("数量指标", "质量指标", "时效指标") if s not in subs]
    if "效益指标" not in cats:
        missing.append("效益指标（经济/社会/生态/可持续影响中相关的一项）")
    has_cost = "成本指标" in cats or any("成本" in (s or "") for s in subs)
    if not has_cost:
        missing.append("产出指标/成本指标" if layout == "legacy" else "成本指标/经济成本指标")
    if recipients and "满意度指标" not in cats:
        missing.append("满意度指标/服务对象满意度指标")
    return missing


def missing_figures(rows: list[Any], figures: list[str]) -> list[str]:
    """The officer's figures (``12公里``, ``约1.2万平方米``, ``2025年10月31日前``) whose magnitude appears in no
    indicator value (``1.2万`` matches ``12000``). Shown to the user, never sent back: an expert may rightly
    leave a detail such as ``每期5天`` out of the indicators."""
    used = set().union(*(_magnitudes(r.value) for r in rows)) if rows else set()
    return [f for f in figures if _magnitudes(f) and not _magnitudes(f) & used]


_MAGNITUDE = re.compile(r"(\d+(?:\.\d+)?)\s*(亿|万|千)?")


def _magnitudes(text: str) -> set[float]:
    from assistant.parse.value import normalize

    out: set[float] = set()
    for number, scale in _MAGNITUDE.findall(normalize(text or "")):
        value = float(number)
        out.add(round(value, 6))
        if scale:
            out.add(round(value * {"亿": 1e8, "万": 1e4, "千": 1e3}[scale], 6))
    return out


class SuggestAnswer(BaseModel):
    """A complete indicator set for one project."""

    indicators: list[AnswerIndicator] = Field(min_length=4, max_length=20)

    @model_validator(mode="after")
    def _rules(self, info: ValidationInfo) -> SuggestAnswer:
        ctx = _ctx(info)
        if ctx is None or ctx.get("task") != "suggest":
            return self
        problems = coverage_problems(self.indicators, ctx.get("layout", "legacy"), ctx.get("recipients", True))
        messages = [f"指标体系不完整，缺少：{'、'.join(problems)}。"] if problems else []
        project = _draft(self.indicators, ctx.get("name", ""), ctx.get("goal", ""))
        found = checks.reask(checks.review_project(project, ctx.get("policy")), project, ctx.get("policy"))
        if found:
            labels = {(1, i): r.name for i, r in enumerate(self.indicators, 1)}
            messages.append(checks.feedback(found, labels))
        if messages:
            raise ValueError("\n".join(messages))
        return self


class AnswerOption(BaseModel):
    name: str = Field(description="改写后的指标名称")
    value: str = Field(description="可测的指标值，连同比较符和单位，如 ≥【待填】%")
    unit: str | None = None
    category: Category1 | None = Field(default=None, description="这个写法应归入的一级指标")
    subcategory: str | None = Field(default=None, description="这个写法应归入的二级指标")
    value_basis: ValueBasis | None = None
    reason: str = Field(default="", description="为什么这样改；变化类指标写明基期值和年份、百分点还是%")
    subject_change: str = Field(default="", description="换掉了原指标的对象时写明原因（原对象是投入、过程或含糊的说法，"
                                                        "或不是本项目能影响的）；保留对象时为空")
    needs_baseline: bool = Field(default=False, description="是变化量（较上年…）时为 true，需要用户提供基期值")


RELATIVE = re.compile(r"(?:增长|下降|降低|减少|变化)率|增幅|降幅")
"""A name that is itself a relative change (下降率, 增长率, 增幅): its % is the relative change, no ambiguity."""


def usable(value: str) -> bool:
    """A value worth keeping from an answer that failed its checks: measurable, with a number, date or
    【placeholder】 (a bare unit or a vague phrase is not)."""
    return is_measurable(value) and bool(re.search(r"\d|【", value or ""))


def is_change(opt: Any) -> bool:
    return bool(CHANGE.search(f"{opt.name}{opt.value}"))


def option_problems(opt: Any, subject: str) -> list[str]:
    """Why one rewrite option is not acceptable (empty when it is): only what any reviewer would send
    back — an unmeasurable value, a change of a rate that does not say 百分点 or %, a changed subject with
    no stated reason."""
    out = []
    if not is_measurable(opt.value):
        out.append(f"“{opt.name}”的指标值“{opt.value}”不可测：应写成 比较符＋数值（或【待填】）＋单位。")
    text = f"{opt.name}{opt.value}"
    if is_change(opt) and RATE.search(opt.name) and not RELATIVE.search(opt.name) \
            and "百分点" not in text + opt.reason and "相对" not in opt.reason:
        out.append(f"“{opt.name}”是比率的变化：请写明按“百分点”（新值减基期值）还是按“%”（相对基期的变化率）计算。")
    if subject and not opt.subject_change.strip() and not _keeps(subject, opt.name + opt.reason):
        out.append(f"“{opt.name}”换掉了原指标的对象“{subject}”：若原对象是投入、过程或含糊的说法，或不是本项目能影响的，"
                   "请在 subject_change 中写明原因；否则请保留原对象。")
    return out


def _keeps(subject: str, text: str) -> bool:
    return bool(set(_bigrams(subject)) & set(_bigrams(text)))


def _bigrams(text: str) -> list[str]:
    from assistant.examples import tokens

    return tokens(text)


PLACEMENT_CODES = frozenset({"category_mismatch", "invalid_category", "invalid_subcategory", "missing_subcategory"})
"""Where the original row sits is not the rewrite's business: these never block a rewrite."""


def rewrite_messages(options: list[Any], ctx: dict[str, Any]) -> list[str]:
    """Every re-ask message of one rewrite's options under its validation context."""
    return batch_messages([("", options, ctx)])


def batch_messages(entries: list[tuple[str, list[Any], dict[str, Any]]]) -> list[str]:
    """Re-ask messages of several rewrites, ``entries`` being (label, options, context): the rules run once
    over every option of every entry, each option a group of its own."""
    messages: list[str] = []
    groups, labels = [], {}
    for label, options, ctx in entries:
        messages.extend(f"{label}{m}" for opt in options for m in option_problems(opt, ctx.get("subject", "")))
        for opt in options:
            category = opt.category or ctx.get("category") or "产出指标"
            sub = opt.subcategory if opt.category else ctx.get("subcategory")
            groups.append([checks.to_indicator(category, sub, opt.name, opt.value, opt.unit)])
            labels[(len(groups), 1)] = f"{label}{opt.name}"
    if not groups:
        return messages
    policy = entries[0][2].get("policy")
    project = Project(name=entries[0][2].get("project") or "改写", groups=groups)
    found = [f for f in checks.reask(checks.review_project(project, policy), project, policy)
             if f.level == "indicator" and f.code not in PLACEMENT_CODES]
    if found:
        messages.append(checks.feedback(found, labels))
    return messages


class RewriteAnswer(BaseModel):
    """1–3 measurable alternatives for one vague indicator."""

    options: list[AnswerOption] = Field(min_length=1, max_length=3)

    @model_validator(mode="after")
    def _rules(self, info: ValidationInfo) -> RewriteAnswer:
        ctx = _ctx(info)
        if ctx is None or ctx.get("task") != "rewrite":
            return self
        messages = rewrite_messages(self.options, ctx)
        if messages:
            raise ValueError("\n".join(messages))
        return self


class RewriteItem(BaseModel):
    id: str = Field(description="待改写指标的编号，照抄数据中的“编号”")
    options: list[AnswerOption] = Field(min_length=1, max_length=3)


class RewriteBatchAnswer(BaseModel):
    """Alternatives for every vague indicator of one project, one item per 编号."""

    items: list[RewriteItem] = Field(min_length=1, max_length=30)

    @model_validator(mode="after")
    def _rules(self, info: ValidationInfo) -> RewriteBatchAnswer:
        ctx = _ctx(info)
        if ctx is None or ctx.get("task") != "rewrite_batch":
            return self
        wanted: dict[str, dict[str, Any]] = ctx.get("items", {})
        got = {i.id for i in self.items}
        messages = [f"缺少编号 {k} 的改写。" for k in wanted if k not in got]
        messages += [f"编号 {i.id} 不在待改写指标中。" for i in self.items if i.id not in wanted]
        messages += batch_messages([(f"编号 {i.id}：", i.options, wanted[i.id]) for i in self.items if i.id in wanted])
        if messages:
            raise ValueError("\n".join(messages))
        return self


CritiqueCode = Literal["goal_uncovered", "unrelated_indicator", "category_mismatch", "unit_mismatch",
                       "value_out_of_line", "missing_core", "budget_mismatch"]
INDICATOR_CODES = frozenset({"unrelated_indicator", "category_mismatch", "unit_mismatch", "value_out_of_line"})


class CritiqueItem(BaseModel):
    code: CritiqueCode
    group: int | None = Field(default=None, description="指标所在组号（从1起）；goal_uncovered 为空")
    item: int | None = Field(default=None, description="指标在组内的序号（从1起）；goal_uncovered 为空")
    clause: str | None = Field(default=None, description="goal_uncovered：未被覆盖的目标原句")
    indicator: str | None = Field(default=None, description="missing_core：应补充的核心指标，如 “改造道路长度 ≥【待填】公里”")
    severity: Literal["warning", "info"] = "warning"
    message: str = Field(description="问题，中文")
    fix: str = Field(description="修改建议，中文；给出具体的一级/二级、单位或指标")


class CritiqueAnswer(BaseModel):
    """Findings that rules cannot decide; an empty list when there are none."""

    findings: list[CritiqueItem] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _refs(self, info: ValidationInfo) -> CritiqueAnswer:
        ctx = _ctx(info)
        if ctx is None or ctx.get("task") != "critique":
            return self
        messages = critique_messages(self.findings, ctx)
        if messages:
            raise ValueError("\n".join(messages))
        return self


def critique_messages(findings: list[CritiqueItem], ctx: dict[str, Any]) -> list[str]:
    """Re-ask messages of one project's critique findings: references that point nowhere, a goal clause not
    quoted from the goal, a message not in Chinese."""
    sizes: list[int] = ctx.get("group_sizes", [])
    goal = re.sub(r"\s+", "", ctx.get("goal", ""))
    messages = []
    for n, f in enumerate(findings, 1):
        if f.code in INDICATOR_CODES:
            if f.group is None or f.item is None or not (1 <= f.group <= len(sizes)) \
                    or not (1 <= f.item <= sizes[f.group - 1]):
                messages.append(f"第{n}条（{f.code}）的 group/item 不对应任何指标：请用数据中给出的组号和序号。")
        elif f.code == "goal_uncovered":
            clause = re.sub(r"\s+", "", f.clause or "")
            if not clause or clause not in goal:
                messages.append(f"第{n}条（goal_uncovered）的 clause 必须逐字摘自年度绩效目标。")
        if not re.search(r"[\u4e00-\u9fff]", f.message):
            messages.append(f"第{n}条的 message 必须用中文。")
    return messages


class CritiqueProject(BaseModel):
    id: str = Field(description="项目编号，照抄数据中的“编号”")
    findings: list[CritiqueItem] = Field(default_factory=list, max_length=20)


class CritiqueBatchAnswer(BaseModel):
    """Findings for several projects, one entry per 编号 (an empty list where a project has none)."""

    projects: list[CritiqueProject] = Field(default_factory=list, max_length=20)

    @model_validator(mode="after")
    def _refs(self, info: ValidationInfo) -> CritiqueBatchAnswer:
        ctx = _ctx(info)
        if ctx is None or ctx.get("task") != "critique_batch":
            return self
        wanted: dict[str, dict[str, Any]] = ctx.get("projects", {})
        messages = [f"编号 {p.id} 不在待审项目中。" for p in self.projects if p.id not in wanted]
        for p in self.projects:
            if p.id in wanted:
                messages += [f"项目 {p.id}：{m}" for m in critique_messages(p.findings, wanted[p.id])]
        if messages:
            raise ValueError("\n".join(messages))
        return self
