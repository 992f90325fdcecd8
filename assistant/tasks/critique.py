"""Task: critique a project against its goal and against similar projects — the findings rules cannot decide.

Codes: ``goal_uncovered`` (L4), ``unrelated_indicator`` (L5), ``category_mismatch``, ``unit_mismatch`` and
``value_out_of_line`` (L7, against the library's value ranges). Model findings have the rule findings'
shape with ``source="model"``; a model finding that repeats a rule finding is dropped. With no endpoint
``critique`` returns the rule findings.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.examples import Library
from assistant.model import Finding, Project
from assistant.tasks import checks
from assistant.tasks.endpoint import client_for, run
from assistant.tasks.grounding import hint, library_or_default

BASIS = {
    "goal_uncovered": "L4｜财预〔2015〕88号 相关性；财预〔2020〕10号 绩效指标明确性",
    "unrelated_indicator": "L5｜财预〔2021〕101号 高度关联",
    "category_mismatch": "S4/L2｜财预〔2015〕88号 指标定义；财预〔2021〕101号 指标体系",
    "unit_mismatch": "V5｜DOMAIN §2.2 计量单位与名称一致",
    "value_out_of_line": "L7｜财预〔2021〕101号 指标值合理性（与同类项目对比）",
    "missing_core": "L6｜财预〔2021〕101号 核心指标：反映项目主要产出和效果",
    "budget_mismatch": "L7｜财预〔2021〕101号 指标与预算资金相匹配",
}
_CLAUSE = re.compile(r"[。；;！\n]|(?<=[，,])(?=\s*[（(]?\d+[)）.、])")


def goal_clauses(goal: str) -> list[str]:
    """The goal split into clauses (sentences and numbered items), blanks dropped."""
    return [c.strip(" ，,、") for c in _CLAUSE.split(goal or "") if len(c.strip(" ，,、")) >= 4]


def _data(project: Project, rule_findings: list[Finding] | None = None, hints: list[str] | None = None,
          item_id: str | None = None) -> dict[str, Any]:
    rows = [f"{g}-{i}｜{ind.category}/{ind.subcategory or ''}｜{ind.name}｜{ind.value}"
            for g, group in enumerate(project.groups, 1) for i, ind in enumerate(group, 1)]
    data: dict[str, Any] = {"编号": item_id} if item_id else {}
    data |= {"名称": project.name, "目标分句": goal_clauses(project.goal), "金额（万元）": project.amount,
             "指标（组-序号｜一级/二级｜名称｜指标值）": rows}
    known = [f"组{f.group}第{f.item}项 {f.code}" if f.item else f.code for f in rule_findings or []
             if f.severity != "info"]
    if known:
        data["规则已发现"] = known
    if hints:
        data["同类取值"] = hints
    return data


def _hints(project: Project, library: Library, limit: int = 3) -> list[str]:
    """Value ranges of similar indicators for the first ``limit`` quantitative rows the library can compare."""
    out: list[str] = []
    for ind in project.indicators():
        parts = ind.target.parts
        if ind.target.kind != "quantitative" or len(parts) != 1 or not parts[0].unit:
            continue
        found = hint(library, ind.name, parts[0].unit, exclude={project.name})
        if found is not None:
            out.append(found.text)
            if len(out) >= limit:
                break
    return out


def render(project: Project, rule_findings: list[Finding], library: Library, k: int = 3,
           item_id: str | None = None) -> Any:
    """The rendered critique prompt for one project (value ranges of similar indicators included)."""
    from assistant.llm.prompts import load_prompt

    extra = {"item_id": item_id} if item_id else {}
    return load_prompt("critique").render(projects=[_data(project, rule_findings, _hints(project, library))],
                                          batch=False, **extra)


def render_batch(entries: list[tuple[str, Project, list[Finding]]], library: Library,
                 item_id: str | None = None) -> Any:
    """One critique prompt for several projects: ``entries`` are (编号, project, rule findings)."""
    from assistant.llm.prompts import load_prompt

    extra = {"item_id": item_id} if item_id else {}
    return load_prompt("critique").render(
        projects=[_data(p, found, _hints(p, library), pid) for pid, p, found in entries], batch=True, **extra)


def batch_context(entries: list[tuple[str, Project, list[Finding]]], policy: Any = None) -> dict[str, Any]:
    return {"task": "critique_batch", "projects": {pid: context(p, policy) for pid, p, _ in entries}}


def to_findings(answer: Any, project: Project) -> list[Finding]:
    out = []
    for item in answer.findings:
        ind = None
        if item.group is not None and item.item is not None:
            try:
                ind = project.groups[item.group - 1][item.item - 1]
            except IndexError:
                ind = None
        indicator_level = item.code != "goal_uncovered" and ind is not None
        message = item.message
        if item.code == "goal_uncovered" and item.clause:
            message = f"{message}（目标原句：“{item.clause}”）"
        if item.code == "missing_core" and item.indicator:
            message = f"{message}（建议补充：{item.indicator}）"
        out.append(Finding(code=item.code, severity=item.severity, level="indicator" if indicator_level else "project",
                           project=project.name, group=item.group if indicator_level else None,
                           item=item.item if indicator_level else None, indicator=ind.name if ind else None,
                           value=ind.value if ind else None, message=message, fix=item.fix,
                           basis=BASIS[item.code], source="model", position=ind.position if ind else None))
    return out


def dedupe(model: list[Finding], rules: list[Finding]) -> list[Finding]:
    seen = {(f.code, f.group, f.item) for f in rules}
    out, keys = [], set()
    for f in model:
        key = (f.code, f.group, f.item, f.message if f.item is None else "")
        if (f.code, f.group, f.item) in seen and f.item is not None or key in keys:
            continue
        keys.add(key)
        out.append(f)
    return out


def context(project: Project, policy: Any = None) -> dict[str, Any]:
    return {"task": "critique", "policy": policy, "goal": project.goal,
            "group_sizes": [len(g) for g in project.groups]}


async def amodel_critique(project: Project, client: Any, library: Library, policy: Any = None,
                          rule_findings: list[Finding] | None = None) -> tuple[list[Finding], Any]:
    """Model findings for ``project`` and the call's usage."""
    from assistant.llm.errors import AnswerInvalid
    from assistant.tasks.answers import CritiqueAnswer, CritiqueItem, items_of

    rules = rule_findings if rule_findings is not None else checks.review_project(project, policy)
    prompt = render(project, rules, library)
    try:
        answer, usage, _ = await client.acall(prompt, CritiqueAnswer, context(project, policy))
    except AnswerInvalid as err:
        valid = [f for f in items_of(err.raw, "findings", CritiqueItem) if _valid(f, project)]
        answer, usage = CritiqueAnswer(findings=valid), err.usage
    return dedupe(to_findings(answer, project), rules), usage


def _valid(item: Any, project: Project) -> bool:
    from assistant.tasks.answers import CritiqueAnswer

    try:
        CritiqueAnswer.model_validate({"findings": [item.model_dump()]}, context=context(project))
    except ValueError:
        return False
    return True


def critique(project: Project, *, endpoint: Any = None, library: Library | None = None,
             policy: Any = None) -> list[Finding]:
    """Model findings for ``project`` (the rule findings when no endpoint is configured)."""
    client = client_for(endpoint)
    if client is None:
        return checks.review_project(project, policy)
    return run(client, lambda: amodel_critique(project, client, library_or_default(library), policy))[0]
