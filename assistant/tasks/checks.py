"""The review rules as the tasks use them: run them on a draft, pick the findings a writer can fix, turn
them into feedback for the model, and tell user-given numbers from proposed ones."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from assistant.model import Finding, Indicator, Project, Table
from assistant.parse.value import normalize, parse_target

UNFIXABLE = frozenset({"missing_goal", "missing_amount", "duplicate_project", "vague_goal"})
"""Codes about what the user gave (goal, amount) rather than what a draft writes."""

REASK = frozenset({
    "vague_target", "vague_name", "missing_value", "missing_unit", "missing_comparator", "invalid_comparator",
    "non_numeric_value", "percent_out_of_range", "timeliness_no_deadline", "duplicate_name", "value_in_name",
    "invalid_category", "invalid_subcategory", "missing_subcategory", "missing_output", "missing_outcome",
    "no_indicators"})
"""Findings that send a model answer back: defects any reviewer would reject (a vague or missing value, no
unit or sign, a percentage over 100, a deadline without a date, a duplicate, a row outside the 一级/二级
scheme). Judgement calls (direction, =0 targets, placement, baselines, satisfaction levels …) are kept on
the answer as findings for the user to read; they never trigger a re-ask, because an expert's answer can
rightly differ from a rule's guess there."""

OUTCOME_SUBS = ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")
"""The 二级 names under 效益指标."""

_SLOT = re.compile(r"【[^】]*】")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def review_table(table: Table, policy: Any = None) -> Any:
    """The rule engine's ``review_table`` (imported on first use)."""
    from assistant.review import review_table as run

    return run(table, policy)


def review_project(project: Project, policy: Any = None) -> list[Finding]:
    """Rule findings of one project, alone in a table."""
    return list(review_table(Table(projects=[project]), policy).findings)


def layout(policy: Any = None) -> str:
    """``legacy`` (成本 under 产出, the default local layout) or ``101``."""
    from assistant.review.policy import load_policy

    return load_policy(policy).layout


def place(sub: str, layout: str) -> tuple[str, str]:
    """(一级, 二级) of a 二级 name under the policy's layout."""
    if sub == "成本指标":
        return ("产出指标", "成本指标") if layout == "legacy" else ("成本指标", "经济成本指标")
    if sub in OUTCOME_SUBS:
        return "效益指标", sub
    if sub == "服务对象满意度指标":
        return "满意度指标", sub
    return "产出指标", sub


def to_indicator(category: str, subcategory: str | None, name: str, value: str, unit: str | None = None,
                 comparator: str | None = None, value_basis: str | None = None,
                 data_source: str | None = None) -> Indicator:
    comp = "定性" if comparator == "定性" else None
    return Indicator(category=category, subcategory=subcategory, name=name, value=value,
                     target=parse_target(value, comparator=comp, unit=unit), comparator=comparator, unit=unit,
                     value_basis=value_basis, data_source=data_source)


def reask(findings: Iterable[Finding], project: Project | None = None, policy: Any = None) -> list[Finding]:
    """The findings that send an answer back to the model (:data:`REASK`, placeholders allowed)."""
    return [f for f in blocking(findings, project, policy) if f.code in REASK]


def blocking(findings: Iterable[Finding], project: Project | None = None, policy: Any = None) -> list[Finding]:
    """Errors and warnings a draft's writer can fix. A 【placeholder】 value is by design: a finding on a
    placeholder row blocks only if it stays when the placeholder is filled with a number."""
    found = [f for f in findings if f.severity != "info" and f.code not in UNFIXABLE]
    if project is None or not any(_is_placeholder(i) for i in project.indicators()):
        return found
    filled = _filled(project)
    still = {(f.code, f.group, f.item) for f in review_project(filled, policy)}
    rows = project.indicators()
    out = []
    for f in found:
        idx = _flat_index(project, f.group or 1, f.item) if f.item is not None else None
        if idx is not None and _is_placeholder(rows[idx]) and (f.code, f.group, f.item) not in still:
            continue
        out.append(f)
    return out


def _is_placeholder(ind: Indicator) -> bool:
    return ind.target.kind == "missing" and bool(ind.target.parts) and all(p.placeholder for p in ind.target.parts)


def _filled(project: Project) -> Project:
    groups = []
    for group in project.groups:
        rows = []
        for ind in group:
            if _is_placeholder(ind):
                value = _SLOT.sub("1", ind.value)
                ind = ind.model_copy(update={"value": value, "target": parse_target(value, unit=ind.unit)})
            rows.append(ind)
        groups.append(rows)
    return project.model_copy(update={"groups": groups})


def _flat_index(project: Project, group: int, item: int) -> int | None:
    n = 0
    for g, rows in enumerate(project.groups, 1):
        if g == group:
            return n + item - 1 if 0 < item <= len(rows) else None
        n += len(rows)
    return None


def feedback(findings: Iterable[Finding], labels: dict[tuple[int, int], str] | None = None) -> str:
    """The findings as one Chinese message for the model: where, what is wrong, how to fix it."""
    lines = []
    for f in findings:
        where = "项目整体"
        if f.item is not None:
            where = (labels or {}).get((f.group or 1, f.item)) or f"第{f.item}项"
            where = f"指标“{where}”"
        fix = f" 修改方法：{f.fix}" if f.fix else ""
        lines.append(f"- {where}：{f.message}{fix}")
    return "以下问题请逐条修改后重新给出完整答案：\n" + "\n".join(lines)


def given_numbers(*texts: str | float | None) -> set[str]:
    """Numbers the user wrote, as canonical strings (``500``, ``12.5``)."""
    out: set[str] = set()
    for text in texts:
        if text is None:
            continue
        for m in _NUMBER.findall(normalize(str(text))):
            out.add(_canon(m))
    return out


def _canon(number: str) -> str:
    value = float(number)
    return str(int(value)) if value.is_integer() else f"{value:g}"


def invented(value: str, given: set[str]) -> list[str]:
    """Numbers in ``value`` the user did not give (the year of a date counts as given)."""
    return [n for n in (_canon(m) for m in _NUMBER.findall(value or "")) if n not in given]


def has_placeholder(value: str) -> bool:
    return "【" in (value or "") and "】" in (value or "")
