"""Task: rewrite one vague indicator into 1–3 measurable alternatives that keep its subject.

The rules backend reuses the review engine's rewrite templates (``Finding.rewrites``); the model backend
uses ``prompts/rewrite.md`` and checks every option with the same rules. A change (较上年…) asks for a
baseline, and a change of a rate says whether it is in 百分点 or in %.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.model import Finding, Indicator, Project, Table
from assistant.tasks import checks
from assistant.tasks.answers import CHANGE, RATE
from assistant.tasks.endpoint import REWRITE_NOTE, client_for, fell_back, model_name, run
from assistant.tasks.models import RewriteOption, RewriteResult

_SPLIT = re.compile(r"^(?P<name>.*?)[，,；;\s]*(?:年度指标值|指标值|目标值)\s*[：:]\s*(?P<value>.+)$")
_COLON = re.compile(r"^(?P<name>[^：:]+)[：:]\s*(?P<value>.+)$")
_REWRITE = re.compile(r"^(?P<name>[^：]+)：(?P<value>.+?)(?:（依据：(?P<basis>[^；）]+)(?:；(?P<note>.*))?）)?$")
_SIGN = re.compile(r"^(≥|≤|=|>|<)")


def parse_indicator_text(text: str) -> tuple[str, str]:
    """``指标名称，年度指标值：进一步提高`` → (name, value); a bare text is a value with no name."""
    text = (text or "").strip().rstrip("。")
    m = _SPLIT.match(text) or _COLON.match(text)
    if m:
        return m.group("name").strip(" ，,、"), m.group("value").strip()
    return "", text


def _guess_category(name: str) -> str:
    if re.search(r"满意", name):
        return "满意度指标"
    if re.search(r"效益|影响|带动|知晓|收入|产值|就业|环境|生态", name):
        return "效益指标"
    return "产出指标"


def as_indicator(indicator: Indicator | str) -> Indicator:
    if isinstance(indicator, Indicator):
        return indicator
    name, value = parse_indicator_text(indicator)
    return checks.to_indicator(_guess_category(name), None, name, value)


def _subject(name: str) -> str:
    from assistant.review.rewrite import subject_of

    return subject_of(name)


def _unit(value: str) -> str | None:
    from assistant.parse.value import parse_target

    parts = parse_target(value).parts
    return parts[0].unit if parts else None


def _keeps(subject: str, text: str) -> bool:
    from assistant.examples import tokens

    return bool(set(tokens(subject)) & set(tokens(text)))


def option_from_template(text: str, subject: str, given: set[str]) -> RewriteOption | None:
    """A review-engine rewrite (``指标名：值（依据：…；…）``) as an option; the subject is kept in the name."""
    m = _REWRITE.match(text.strip())
    if m is None:
        return None
    name, value, note = m.group("name").strip(), m.group("value").strip(), m.group("note") or ""
    if subject and not _keeps(subject, name):
        name = f"{name}（{subject}）"
    change = bool(CHANGE.search(name + value) or re.search(r"增长率|增幅|降幅", name))
    baseline = change or bool(re.search(r"基期|基数", note))
    reason = ["由规则模板生成，数值用【待填】占位，请按计划或历史数据填写"]
    if note:
        reason.append(note)
    if change:
        if RATE.search(subject or name) and not re.search(r"增长率|增幅|降幅", name) and _unit(value) == "%":
            value = value.replace("%", "个百分点")
            reason.append("对象本身是比率：按百分点计（目标值减基期值）；若指相对增幅，请改用%并写明")
        elif _unit(value) == "百分点":
            reason.append("按百分点计：目标值减基期值")
        else:
            reason.append("按%计：相对基期的变化率，不是百分点")
    if baseline:
        reason.append("需提供基期年份和基期值")
    sign = _SIGN.match(value)
    return RewriteOption(name=name, value=value, comparator=sign.group(1) if sign else None, unit=_unit(value),
                         value_basis=m.group("basis"), reason="；".join(reason),
                         proposed=checks.has_placeholder(value) or bool(checks.invented(value, given)),
                         needs_baseline=baseline)


def own_findings(ind: Indicator, project: Project | None, policy: Any) -> list[Finding]:
    holder = project.model_copy(update={"groups": [[ind]]}) if project is not None else Project(
        name="改写", groups=[[ind]])
    return [f for f in checks.review_project(holder, policy) if f.level == "indicator"]


def rules_rewrite(ind: Indicator | str, project: Project | None = None, policy: Any = None) -> RewriteResult:
    """Options from the review engine's templates for the findings of this one indicator."""
    ind = as_indicator(ind)
    findings = own_findings(ind, project, policy)
    subject = _subject(ind.name)
    given = checks.given_numbers(ind.name, ind.value)
    from assistant.tasks.rewrite_rules import options_for

    options = options_for(ind, project)
    if not options:
        texts = [t for f in findings for t in f.rewrites]
        options = [o for t in dict.fromkeys(texts) if (o := option_from_template(t, subject, given)) is not None][:3]
    notes = [REWRITE_NOTE]
    if not ind.name:
        notes.append("未给出指标名称：请按“指标名称，年度指标值：…”的格式输入，以便保留指标对象。")
    if not options:
        notes.append("规则未发现需要改写的含糊表述，或没有适用的改写模板。")
    return RewriteResult(original_name=ind.name, original_value=ind.value,
                         project=project.name if project else None, options=options,
                         findings=[f for f in findings if f.severity != "info"], backend="rules", notes=notes)


def indicator_data(ind: Indicator, project: Project | None, findings: list[Finding],
                   item_id: str | None = None) -> dict[str, Any]:
    """One vague row as the rewrite prompt shows it: its real 一级/二级, name, value, and what rules found."""
    data: dict[str, Any] = {"一级": ind.category, "二级": ind.subcategory, "名称": ind.name, "指标值": ind.value}
    if item_id:
        data = {"编号": item_id, **data}
    data["审核问题"] = [f.message for f in findings if f.severity != "info"]
    data["规则模板"] = [t for f in findings for t in f.rewrites][:3]
    return data


def project_data(project: Project | None, exclude: list[Indicator] | None = None) -> dict[str, Any] | None:
    """The project a rewrite needs: name, amount, goal, content, and its other rows (for overlap)."""
    if project is None:
        return None
    skip = {id(i) for i in exclude or []}
    data: dict[str, Any] = {"名称": project.name, "年度绩效目标": project.goal}
    if project.amount is not None:
        data["金额（万元）"] = project.amount
    content = getattr(project, "content", None) or getattr(project, "description", None)
    if content:
        data["实施内容"] = content
    data["其他指标"] = [f"{i.name}｜{i.value}" for i in project.indicators() if id(i) not in skip][:20]
    return data


def render(ind: Indicator, project: Project | None, findings: list[Finding], item_id: str | None = None) -> Any:
    """The rendered rewrite prompt for one indicator (a batch of one)."""
    from assistant.llm.prompts import load_prompt

    return load_prompt("rewrite").render(project=project_data(project, [ind]),
                                         indicators=[indicator_data(ind, project, findings)], groups=None,
                                         batch=False, **({"item_id": item_id} if item_id else {}))


def render_batch(rows: list[tuple[str, Indicator, list[Finding]]], project: Project | None,
                 item_id: str | None = None) -> Any:
    """The rendered rewrite prompt for every vague row of one project: ``rows`` are (编号, row, findings)."""
    from assistant.llm.prompts import load_prompt

    return load_prompt("rewrite").render(
        project=project_data(project, [r[1] for r in rows]),
        indicators=[indicator_data(ind, project, found, rid) for rid, ind, found in rows], groups=None,
        batch=True, **({"item_id": item_id} if item_id else {}))


def render_multi(pack: list[tuple[str, Any, Indicator, Project, list[Finding]]], item_id: str | None = None) -> Any:
    """One rewrite prompt for the vague rows of several projects: ``pack`` holds (编号, finding, row, project,
    row findings); each project appears once, with its rows to rewrite under it."""
    from assistant.llm.prompts import load_prompt

    groups: dict[int, dict[str, Any]] = {}
    for rid, _, ind, project, found in pack:
        rows = [r[2] for r in pack if r[3] is project]
        entry = groups.setdefault(id(project), {"项目": project_data(project, rows), "待改写指标": []})
        entry["待改写指标"].append(indicator_data(ind, project, found, rid))
    return load_prompt("rewrite").render(project=None, indicators=[], groups=list(groups.values()), batch=True,
                                         **({"item_id": item_id} if item_id else {}))


def context(ind: Indicator, project: Project | None, policy: Any = None) -> dict[str, Any]:
    """The validation context of a rewrite answer."""
    return {"task": "rewrite", "policy": policy, "subject": _subject(ind.name), "category": ind.category,
            "subcategory": ind.subcategory, "project": project.name if project else None}


def batch_context(rows: list[tuple[str, Indicator, list[Finding]]], project: Project | None,
                  policy: Any = None) -> dict[str, Any]:
    return {"task": "rewrite_batch", "items": {rid: context(ind, project, policy) for rid, ind, _ in rows}}


def from_answer(answer: Any, ind: Indicator, project: Project | None, findings: list[Finding], *,
                model: str | None, version: str | None, attempts: int, usage: Any,
                notes: list[str] | None = None, policy: Any = None, checked: bool = False) -> RewriteResult:
    """A model answer as a result, shown intact: numbers not in the indicator or its project's goal are
    flagged proposed, a change is flagged as needing a baseline, and any problem an option still has is
    listed in the notes (``checked``: the answer already passed its validators, nothing to list)."""
    from assistant.tasks.answers import is_change, rewrite_messages

    notes = list(notes or [])
    given = checks.given_numbers(ind.name, ind.value, project.goal if project else None)
    options = []
    for a in answer.options:
        sign = _SIGN.match(a.value)
        reason = a.reason
        if a.subject_change:
            reason = f"{reason}；更换对象的原因：{a.subject_change}" if reason else f"更换对象的原因：{a.subject_change}"
        options.append(RewriteOption(
            name=a.name, value=a.value, comparator=sign.group(1) if sign else None,
            unit=a.unit or _unit(a.value), value_basis=a.value_basis, reason=reason,
            category=a.category, subcategory=a.subcategory,
            needs_baseline=a.needs_baseline or is_change(a),
            proposed=checks.has_placeholder(a.value) or bool(checks.invented(a.value, given))))
    ctx = context(ind, project, policy)
    for n, a in enumerate([] if checked else answer.options, 1):
        notes.extend(f"写法{n}仍有问题：{m}" for m in rewrite_messages([a], ctx))
    if any(o.proposed and not checks.has_placeholder(o.value) for o in options):
        notes.append("改写中的数值由模型提出，不是原表给出的数据，请核实。")
    return RewriteResult(original_name=ind.name, original_value=ind.value,
                         project=project.name if project else None, options=options,
                         findings=[f for f in findings if f.severity != "info"], backend="model", model=model,
                         prompt_version=version, attempts=attempts,
                         usage=usage.to_dict() if usage is not None else None, notes=notes)


async def amodel_rewrite(ind: Indicator, client: Any, project: Project | None = None,
                         policy: Any = None) -> RewriteResult:
    from assistant.llm.errors import AnswerInvalid, TransportError
    from assistant.tasks.answers import AnswerOption, RewriteAnswer, items_of, usable

    findings = own_findings(ind, project, policy)
    prompt = render(ind, project, findings)
    notes: list[str] = []
    try:
        answer, usage, attempts = await client.acall(prompt, RewriteAnswer, context(ind, project, policy))
    except TransportError as err:
        return fell_back(rules_rewrite(ind, project, policy), client, prompt.version, err,
                         f"模型端点出错（{err}），以下改为规则模板的结果。")
    except AnswerInvalid as err:
        usage, attempts = err.usage, err.attempts
        kept = [o for o in items_of(err.raw, "options", AnswerOption) if usable(o.value)]
        if not kept:
            return fell_back(rules_rewrite(ind, project, policy), client, prompt.version, err,
                             f"模型回答 {attempts} 次仍未给出可测的改写，以下改为规则模板的结果。")
        answer = RewriteAnswer.model_construct(options=kept)
        notes.append(f"模型回答 {attempts} 次后仍有未通过的检查，保留其可测的 {len(kept)} 个写法，问题列在下面，请人工修改。")
    return from_answer(answer, ind, project, findings, model=model_name(client), version=prompt.version,
                       attempts=attempts, usage=usage, notes=notes, policy=policy, checked=not notes)


def rewrite(indicator: Indicator | str, *, project: Project | None = None, endpoint: Any = None,
            policy: Any = None) -> RewriteResult:
    """1–3 measurable alternatives for ``indicator`` (an Indicator or ``名称，年度指标值：值``)."""
    ind = as_indicator(indicator)
    client = client_for(endpoint)
    if client is None:
        return rules_rewrite(ind, project, policy)
    return run(client, lambda: amodel_rewrite(ind, client, project, policy))


def find_indicator(table: Table, project_name: str, indicator: str) -> tuple[Project, Indicator] | None:
    """The project named (or containing) ``project_name`` and its indicator named like ``indicator``."""
    name, _ = parse_indicator_text(indicator)
    name = name or indicator
    for p in table.projects:
        if p.name == project_name or project_name in p.name:
            for ind in p.indicators():
                if ind.name == name or name in ind.name:
                    return p, ind
    return None
