"""What every review renderer shares: Chinese labels, ordering, and findings grouped per project and row."""

from __future__ import annotations

import re
from collections import defaultdict

from assistant.model import SEVERITY_ZH, Finding, Grade, Project, Table
from assistant.review.policy import LAYOUT_TITLES, layout_title
from assistant.review.registry import rule_title
from assistant.review.result import SEVERITY_RANK, ProjectSummary, ReviewReport

DIMENSIONS = ("完整性", "相关性", "适当性", "可行性")
LAYOUT_ZH = LAYOUT_TITLES
ROW_KEY = tuple[str | None, int | None, int | None]
NEEDS_CHECK = "需人工核对"
CODE_HEAD = "规则编号"
_INTERNAL_ID = re.compile(r"^\s*(?:[SVLI]\d+[A-Za-z0-9/／、，,；;（）()\s–\-项间]*|§[^｜]*)｜")
_INTERNAL_PART = re.compile(r"DOMAIN|§|(?<![A-Za-z])[SVL]\d{1,2}(?!\d)")


def title_of(f: Finding) -> str:
    """The rule's Chinese title (never its code)."""
    return rule_title(f.code)


def basis_text(basis: str | None) -> str:
    """A citation as a reader sees it: the documents, without internal ids ("L9｜", "DOMAIN §2.2 V5")."""
    text = _INTERNAL_ID.sub("", basis or "").replace("｜", "；")
    kept = [part for part in re.split(r"[；;]", text) if part.strip() and not _INTERNAL_PART.search(part)]
    return "；".join(p.strip() for p in kept)


def layout_label(report: ReviewReport) -> str:
    """``传统版式（成本在产出下）（按表格识别）`` or ``…（按审核口径）``: one name everywhere."""
    how = {"table": "按表格识别", "default": "表格未体现，按默认"}.get(report.layout_source, "按审核口径")
    return f"{layout_title(report.layout)}（{how}）"


def grade_text(grade: Grade | None, summary: ProjectSummary | None = None) -> str:
    if summary is not None and summary.needs_check:
        return NEEDS_CHECK
    return grade.grade if grade else "—"


def summaries_by_name(report: ReviewReport) -> dict[str, ProjectSummary]:
    return {s.name: s for s in report.projects}


def notes_of(report: ReviewReport) -> list[tuple[str, str]]:
    """(project, note) for every 数据不足 note and every project left to a person (需人工核对)."""
    out = [("全表", n) for n in report.notes]
    for s in report.projects:
        if s.needs_check:
            out.append((s.name, "解析结构不确定（需人工核对）：未评级，依赖表格结构的规则未运行。"))
        out.extend((s.name, n) for n in s.notes)
    return out


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
