"""Task: suggest a complete indicator set for a new budget item, grounded in similar known projects.

``suggest(desc)`` asks the configured model (prompt ``prompts/suggest.md``, answer checked by the review
rules) or, with no endpoint, the rules backend: the starter set of the inferred project type, value hints
from the library, and 【placeholders】 where a number must come from the user — never an invented number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from assistant.examples import Library
from assistant.model import Project
from assistant.tasks import checks
from assistant.tasks.endpoint import RULES_NOTE, client_for, fell_back, model_name, run
from assistant.tasks.given import GivenTarget
from assistant.tasks.grounding import hint, library_or_default, similar
from assistant.tasks.models import ProjectDescription, SuggestedIndicator, SuggestResult, ValueHint
from assistant.tasks.starters import ProjectType, Row, has_recipients, infer_type

OnIndicator = Callable[[SuggestedIndicator], None]
_TOTAL_COST = ("合同金额", "课题经费", "发放金额", "项目总成本")


def missing_fields(desc: ProjectDescription) -> list[str]:
    """What a chat should still ask for before suggesting, as Chinese questions."""
    out = []
    if not desc.goal.strip():
        out.append("项目的年度绩效目标是什么？（今年要做成什么、达到什么效果）")
    if desc.amount is None:
        out.append("项目年度预算金额是多少（万元）？")
    if not (desc.content or "").strip():
        out.append("主要实施内容是什么？（买什么、做什么、办几场、覆盖多少对象）")
    if not (desc.beneficiaries or "").strip():
        out.append("服务对象或受益对象是谁？（如企业、群众、参训人员；没有可填“无”）")
    return out


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _from_row(row: Row, ptype: ProjectType, desc: ProjectDescription, layout: str,
              value_hint: ValueHint | None) -> SuggestedIndicator:
    category, sub = checks.place(row.sub, layout)
    reason = [f"{ptype.name}类项目的常用{row.sub}（DOMAIN §4.3 起草模板）"]
    value, proposed, basis = f"{row.op}【待填】{row.unit}", True, row.basis
    if row.sub == "成本指标" and desc.amount is not None and row.unit == "万元" and any(
            w in row.name for w in _TOTAL_COST):
        value, proposed, basis = f"≤{_fmt(desc.amount)}万元", False, "预算支出标准"
        reason.append("上限取自您给出的年度预算金额")
    if row.note:
        reason.append(row.note)
    if value_hint is not None:
        reason.append("参考：" + value_hint.text)
    return SuggestedIndicator(category=category, subcategory=sub, name=row.name, comparator=row.op, value=value,
                              unit=row.unit, value_basis=basis, data_source=row.source, proposed=proposed,
                              reason="；".join(reason))


def _from_given(target: GivenTarget, layout: str) -> SuggestedIndicator:
    category, sub = checks.place(target.sub, layout)
    sign = re.match(r"[≥≤=><]", target.value)
    return SuggestedIndicator(category=category, subcategory=sub, name=target.name,
                              comparator=sign.group(0) if sign else "≤", value=target.value, unit=target.unit,
                              value_basis="计划标准", data_source="工作台账/验收报告", proposed=False,
                              reason=f"取自您给出的目标：“{target.clause}”")


def to_project(desc: ProjectDescription, indicators: list[SuggestedIndicator]) -> Project:
    inds = [checks.to_indicator(i.category, i.subcategory, i.name, i.value, i.unit, i.comparator, i.value_basis,
                                i.data_source) for i in indicators]
    return Project(name=desc.name, goal=desc.goal, unit=desc.unit, amount=desc.amount, groups=[inds])


def _findings(desc: ProjectDescription, indicators: list[SuggestedIndicator], policy: Any) -> list:
    project = to_project(desc, indicators)
    return checks.blocking(checks.review_project(project, policy), project, policy)


def _placeholder_note(indicators: list[SuggestedIndicator]) -> list[str]:
    n = sum(checks.has_placeholder(i.value) for i in indicators)
    return [f"{n}个指标值为【待填】占位，需按计划、历史数据或标准填写后再提交。"] if n else []


def rules_suggest(desc: ProjectDescription, library: Library, *, k: int = 3, policy: Any = None,
                  on_indicator: OnIndicator | None = None) -> SuggestResult:
    """The rules backend (:mod:`assistant.tasks.drafting`): the officer's facts, then library records ranked
    against the whole description; placeholders for numbers the officer did not give."""
    from assistant.tasks.drafting import draft_rows

    ptype = infer_type(desc.name, desc.goal, desc.content or "", desc.project_type)
    recipients = has_recipients(ptype, desc.text(), desc.beneficiaries)
    rows, _facts, notes = draft_rows(desc, checks.layout(policy), recipients)
    flagged = {f.item for f in _findings(desc, rows, policy) if f.level == "indicator" and f.item}
    rows = [r for n, r in enumerate(rows, 1) if not (r.proposed and n in flagged)]
    hints = []
    for ind in rows:
        value_hint = hint(library, ind.name, ind.unit) if ind.proposed else None
        if value_hint is not None:
            hints.append(value_hint)
            ind.reason += "；参考：" + value_hint.text
        if on_indicator is not None:
            on_indicator(ind)
    grounding = similar(library, desc.text(), k)
    return SuggestResult(description=desc, project_type=ptype.name, indicators=rows, grounding=grounding,
                         hints=hints, findings=_findings(desc, rows, policy), backend="rules",
                         notes=[RULES_NOTE, *notes, *_placeholder_note(rows)])


_DESC_ZH = {"name": "项目名称", "goal": "年度绩效目标", "amount": "年度预算（万元）", "unit": "实施单位",
            "project_type": "项目类型", "beneficiaries": "服务对象", "content": "实施内容"}


def _described(desc: ProjectDescription) -> dict[str, Any]:
    return {_DESC_ZH[k]: v for k, v in desc.model_dump(exclude_none=True).items() if v != ""}


def prompt_inputs(desc: ProjectDescription, library: Library, k: int = 3, layout: str = "legacy") -> dict[str, Any]:
    """What the suggest prompt carries besides the fixed guide: example sets, the description with its budget
    year, the goal clauses, the figures the officer gave, unit costs marked 测算."""
    from assistant.tasks import prompt_facts as pf

    described = _described(desc)
    year = pf.budget_year(desc.name, desc.goal, desc.content)
    if year is not None:
        described["预算年度"] = year
    given = pf.officer_figures(desc)
    return {"description": described, "clauses": pf.goal_clauses(desc.goal), "figures": given,
            "costs": pf.unit_costs(desc.amount, pf.figures(*given)),
            "examples": pf.example_sets(library, desc.text(), max(2, min(k, 4)), layout)}


def render(desc: ProjectDescription, library: Library, layout: str, recipients: bool, k: int = 3,
           inputs: dict[str, Any] | None = None) -> Any:
    """The rendered suggest prompt: the fixed guide (system) first, then examples and the project."""
    from assistant.llm.prompts import load_prompt

    return load_prompt("suggest").render(layout=layout, recipients=recipients,
                                         **(inputs or prompt_inputs(desc, library, k, layout)))


async def amodel_suggest(desc: ProjectDescription, client: Any, library: Library, *, k: int = 3,
                         policy: Any = None, on_indicator: OnIndicator | None = None,
                         on_text: Callable[[str], None] | None = None) -> SuggestResult:
    """The model backend: grounded prompt, answer validated by the rules, proposals flagged."""
    from assistant.llm.errors import AnswerInvalid, TransportError
    from assistant.tasks.answers import AnswerIndicator, SuggestAnswer, items_of

    ptype = infer_type(desc.name, desc.goal, desc.content or "", desc.project_type)
    recipients = has_recipients(ptype, desc.text(), desc.beneficiaries)
    layout = checks.layout(policy)
    grounding = similar(library, desc.text(), k)
    hints: list[ValueHint] = []
    inputs = prompt_inputs(desc, library, k, layout)
    prompt = render(desc, library, layout, recipients, k, inputs)
    context = {"task": "suggest", "policy": policy, "layout": layout, "recipients": recipients,
               "name": desc.name, "goal": desc.goal, "figures": inputs["figures"]}
    notes: list[str] = []
    streamed: list[SuggestedIndicator] = []
    try:
        answer, usage, attempts = await _ask(client, prompt, context, desc, on_indicator, on_text, streamed)
    except TransportError as err:
        fallback = rules_suggest(desc, library, k=k, policy=policy, on_indicator=on_indicator)
        return fell_back(fallback, client, prompt.version, err, f"模型端点出错（{err}），以下改为规则后端的结果。")
    except AnswerInvalid as err:
        usage, attempts = err.usage, err.attempts
        kept = items_of(err.raw, "indicators", AnswerIndicator)
        if not kept:
            fallback = rules_suggest(desc, library, k=k, policy=policy, on_indicator=on_indicator)
            return fell_back(fallback, client, prompt.version, err,
                             f"模型回答 {attempts} 次仍未给出可用的指标，以下改为规则后端的结果。")
        answer = SuggestAnswer.model_construct(indicators=kept)
        notes.append(f"模型回答 {attempts} 次后仍有未通过的检查，结果原样保留并附带这些问题，请人工修改。")
        notes.extend(f"仍有问题：{line}" for line in str(err.errors[0]["msg"] if err.errors else err).splitlines()
                     if line.strip() and not line.startswith("以下问题"))
    given = checks.given_numbers(desc.name, desc.goal, desc.content, desc.beneficiaries, desc.amount)
    rows = []
    for a in answer.indicators:
        proposed = checks.has_placeholder(a.value) or bool(checks.invented(a.value, given))
        ind = SuggestedIndicator(**a.model_dump(), proposed=proposed)
        rows.append(ind)
        if on_indicator is not None and not streamed:
            on_indicator(ind)
    notes.extend(_placeholder_note(rows))
    from assistant.tasks.answers import missing_figures

    dropped = missing_figures(rows, inputs["figures"])
    if dropped:
        notes.append(f"您给出的数字没有出现在任何指标值中：{'、'.join(dropped)}。如需考核，请补充相应指标。")
    if any(r.proposed and not checks.has_placeholder(r.value) for r in rows):
        notes.append("标“建议值”的数值由模型提出，不是您给出的数据，请核实后再采用。")
    return SuggestResult(description=desc, project_type=ptype.name, indicators=rows, grounding=grounding,
                         hints=hints, findings=_findings(desc, rows, policy), backend="model",
                         model=model_name(client), prompt_version=prompt.version, attempts=attempts,
                         usage=usage.to_dict() if usage is not None else None, notes=notes)


async def _ask(client: Any, prompt: Any, context: dict[str, Any], desc: ProjectDescription,
               on_indicator: OnIndicator | None, on_text: Callable[[str], None] | None,
               streamed: list[SuggestedIndicator]) -> Any:
    """The model call: streamed when the endpoint streams (each row handed to ``on_indicator`` as it completes,
    the text to ``on_text`` as written; ``streamed`` collects the rows shown), else one validated answer."""
    from assistant.tasks.answers import AnswerIndicator, SuggestAnswer

    if not getattr(client.endpoint, "stream", False):
        return await client.acall(prompt, SuggestAnswer, context)
    given = checks.given_numbers(desc.name, desc.goal, desc.content, desc.beneficiaries, desc.amount)

    def item(key: str, row: dict[str, Any]) -> None:
        try:
            a = AnswerIndicator.model_validate(row)
        except ValueError:
            return
        ind = SuggestedIndicator(**a.model_dump(),
                                 proposed=checks.has_placeholder(a.value) or bool(checks.invented(a.value, given)))
        streamed.append(ind)
        if on_indicator is not None:
            on_indicator(ind)

    return await client.astream(prompt, SuggestAnswer, context, on_text=on_text, on_item=item)


def suggest(desc: ProjectDescription, *, endpoint: Any = None, library: Library | None = None, k: int = 3,
            on_indicator: OnIndicator | None = None, policy: Any = None,
            on_text: Callable[[str], None] | None = None) -> SuggestResult:
    """A complete indicator set for ``desc``; the rules backend when no endpoint is configured."""
    library = library_or_default(library)
    client = client_for(endpoint)
    if client is None:
        return rules_suggest(desc, library, k=k, policy=policy, on_indicator=on_indicator)
    return run(client, lambda: amodel_suggest(desc, client, library, k=k, policy=policy, on_indicator=on_indicator,
                                              on_text=on_text))
