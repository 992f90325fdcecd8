"""What every review renderer shares: Chinese labels, ordering, and findings grouped per project and row."""

from __future__ import annotations

from collections import defaultdict

from assistant.model import SEVERITY_ZH, Finding, Grade, Project, Table
from assistant.review.result import SEVERITY_RANK, ReviewReport

DIMENSIONS = ("完整性", "相关性", "适当性", "可行性")
LAYOUT_ZH = {"legacy": "传统版式（成本在产出下）", "101": "101号版式（成本为一级指标）"}
ROW_KEY = tuple[str | None, int | None, int | None]


def severity_zh(severity: str) -> str:
    return SEVERITY_ZH.get(severity, severity)


def position_zh(f: Finding) -> str:
    if f.group is None or f.item is None:
        return "项目级"
    return f"第{f.group}组第{f.item}项"


def by_row(report: ReviewReport) -> dict[ROW_KEY, list[Finding]]:
    rows: dict[ROW_KEY, list[Finding]] = defaultdict(list)
    for f in report.findings:
        if f.item is not None:
            rows[(f.project, f.group, f.item)].append(f)
    return rows


def project_level(report: ReviewReport, project: str) -> list[Finding]:
    return [f for f in report.findings if f.project == project and f.item is None]


def sorted_findings(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (-SEVERITY_RANK[f.severity], f.group or 0, f.item or 0, f.code))


def worst(findings: list[Finding]) -> str | None:
    return max((f.severity for f in findings), key=SEVERITY_RANK.__getitem__, default=None)


def grades_by_project(report: ReviewReport) -> dict[str, Grade]:
    return {g.project: g for g in report.grades}


def dimension_text(grade: Grade) -> str:
    return "；".join(f"{d} {'—' if grade.dimensions.get(d) is None else grade.dimensions[d]}" for d in DIMENSIONS)


def projects_in_order(table: Table, report: ReviewReport) -> list[tuple[Project, Grade | None]]:
    grades = grades_by_project(report)
    return [(p, grades.get(p.name)) for p in table.projects]


def counts_text(counts: dict[str, int]) -> str:
    return f"错误 {counts.get('error', 0)}，警告 {counts.get('warning', 0)}，提示 {counts.get('info', 0)}"
