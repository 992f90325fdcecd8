"""The rule engine: run every enabled rule over a table and collect findings, grades and counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from assistant.model import Finding, Indicator, Project, Table
from assistant.parse.load import paused_gc
from assistant.review.amounts import read_amounts
from assistant.review.grade import grade_project
from assistant.review.policy import Policy, load_policy
from assistant.review.registry import Hit, IndicatorCtx, ProjectCtx, Rule, all_rules
from assistant.review.result import SEVERITY_RANK, ProjectSummary, ReviewReport
from assistant.review.rules_amount import amount_notes, can_judge_appropriateness

Progress = Callable[[int, int], None]
_OPTIONAL_COLUMNS = ("value_basis", "data_source", "comparator", "subcategory")


def active_rules(policy: Policy) -> dict[str, Rule]:
    return {code: r for code, r in all_rules().items() if policy.enabled(code, r.default_enabled)}


def _hits(result: Hit | list[Hit] | None) -> list[Hit]:
    if result is None:
        return []
    return result if isinstance(result, list) else [result]


def _finding(rule: Rule, policy: Policy, hit: Hit, project: Project, ind: Indicator | None = None,
             group: int | None = None, item: int | None = None) -> Finding:
    return Finding(
        code=rule.code, severity=policy.severity.get(rule.code, rule.severity), level=rule.level,
        project=project.name, group=group, item=item,
        indicator=ind.name if ind else None, value=ind.value if ind else None,
        message=hit.message, fix=hit.fix, basis=rule.citation(), rewrites=list(hit.rewrites),
        position=(ind.position if ind else project.position),
    )


def table_layout(table: Table) -> str | None:
    """The layout the table uses: the parser's ``Table.layout``, else read from the 一级 labels as written
    (成本指标 written as a 一级 → 101号; 成本 under a 产出 一级 → legacy); None when no cost row says."""
    if table.layout:
        return table.layout
    seen = None
    for p in table.projects:
        for ind in p.indicators():
            raw = ind.category_raw or ""
            if "成本" in raw:
                return "101"
            if ind.category == "成本指标" and "产出" in raw:
                seen = "legacy"
    return seen


def _columns(table: Table) -> frozenset[str]:
    present = set()
    for p in table.projects:
        for ind in p.indicators():
            present.update(c for c in _OPTIONAL_COLUMNS if getattr(ind, c))
    return frozenset(present)


def review_project(table: Table, index: int, policy: Policy, rules: dict[str, Rule],
                   columns: frozenset[str] = frozenset(), shared: dict | None = None,
                   layout: str | None = None) -> list[Finding]:
    """Findings of one project. ``shared`` carries state across the projects of one run, in table order.
    On a project the parser marked ``needs_check`` only the rules that read single cells run."""
    project = table.projects[index]
    if project.needs_check:
        rules = {code: r for code, r in rules.items() if not r.structural}
    layout = layout or policy.layout
    out: list[Finding] = []
    pctx = ProjectCtx(table, project, index, policy, {} if shared is None else shared, layout)
    for rule in rules.values():
        if rule.level == "project":
            out.extend(_finding(rule, policy, h, project) for h in _hits(rule.fn(pctx)))
    ind_rules = [r for r in rules.values() if r.level == "indicator"]
    for g, group in enumerate(project.groups, 1):
        for i, ind in enumerate(group, 1):
            ictx = IndicatorCtx(table, project, ind, g, i, policy, columns, layout)
            for rule in ind_rules:
                out.extend(_finding(rule, policy, h, project, ind, g, i) for h in _hits(rule.fn(ictx)))
    out.sort(key=lambda f: (-SEVERITY_RANK[f.severity], f.level != "project", f.group or 0, f.item or 0))
    return out


def review_table(table: Table, policy: Policy | str | None = None, progress: Progress | None = None) -> ReviewReport:
    """Review ``table`` under ``policy`` (a Policy, a name, a path or None for the default).
    ``progress(done, total)`` is called after each project."""
    with paused_gc():
        return _review_table(table, policy, progress)


def _review_table(table: Table, policy: Policy | str | None, progress: Progress | None) -> ReviewReport:
    chosen = policy if isinstance(policy, Policy) else load_policy(policy)
    rules = active_rules(chosen)
    layout, layout_source = chosen.layout_for(table_layout(table))
    columns = _columns(table)
    findings: list[Finding] = []
    grades, summaries = [], []
    total = len(table.projects)
    shared: dict = {}
    amount_codes = {"amount_sum_mismatch", "annual_exceeds_total", "amount_unit_mismatch", "cost_budget_mismatch"}
    for index, project in enumerate(table.projects):
        found = review_project(table, index, chosen, rules, columns, shared, layout)
        findings.extend(found)
        if not project.needs_check:
            unjudged = frozenset() if can_judge_appropriateness(project) else frozenset({"适当性"})
            grades.append(grade_project(project.name, found, rules, chosen, unjudged))
        notes = [] if project.needs_check or not amount_codes & set(rules) else amount_notes(project, chosen)
        counts = Counter(f.severity for f in found)
        summaries.append(ProjectSummary(name=project.name, line=project.line, indicators=len(project.indicators()),
                                        counts={s: counts.get(s, 0) for s in ("error", "warning", "info")},
                                        needs_check=project.needs_check, notes=notes))
        if progress is not None:
            progress(index + 1, total)
    sev = Counter(f.severity for f in findings)
    unpriced = [p for p in table.projects if not p.needs_check and p.amount is None and not read_amounts(p).labels]
    notes = [f"数据不足：{len(unpriced)}个项目表中没有资金数据（年度资金总额、财政拨款等），未核对金额，"
             "也未评“适当性”。"] if unpriced and amount_codes & set(rules) else []
    return ReviewReport(
        source=table.source, title=table.title, department=table.department,
        profile=chosen.name, profile_title=chosen.meta.title, layout=layout,
        layout_source=layout_source, rules=sorted(rules),
        findings=findings, grades=grades, projects=summaries,
        counts={s: sev.get(s, 0) for s in ("error", "warning", "info")},
        codes=dict(sorted(Counter(f.code for f in findings).items())), notes=notes,
    )
