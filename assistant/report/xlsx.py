"""xlsx report: the table in columnar layout (a row per project for its project-level findings, then one
row per indicator) with its findings beside it, rows filled by their worst severity; a project sheet with
grades; a sheet describing the run. Rule codes appear only in the 规则编号 columns. Every cell is
written as a string or number, never as a formula."""

from __future__ import annotations

from copy import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from assistant.atomic import atomic_path
from assistant.model import Table
from assistant.parse.load import paused_gc
from assistant.report.cells import for_xlsx
from assistant.report.common import (
    CODE_HEAD,
    DIMENSIONS,
    basis_text,
    by_row,
    counts_text,
    grade_text,
    layout_label,
    projects_in_order,
    severity_zh,
    sorted_findings,
    summaries_by_name,
    title_of,
    worst,
)
from assistant.report.index import FindingIndex
from assistant.review.result import ReviewReport

FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
INDICATOR_HEAD = ("项目名称", "组", "序号", "一级指标", "二级指标", "三级指标", "指标值", "比较符", "数值", "计量单位",
                  "问题级别", "问题类型", "问题", "修改建议", "改写建议", "依据", CODE_HEAD)
PROJECT_HEAD = ("序号", "项目名称", "指标数", "评级", *DIMENSIONS, "错误", "警告", "提示", "项目级问题", "评级理由",
                CODE_HEAD)
PROJECT_ROW = "（项目整体）"
_OP = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "=", "range": "区间"}


_WRAP = Alignment(wrap_text=True, vertical="top")
_BOLD = Font(bold=True)


def fill(severity: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=FILLS[severity], end_color=FILLS[severity])


def _cell(ws, value: object, *, fill_with: str | None = None, bold: bool = False, wrap: bool = True) -> WriteOnlyCell:
    """A cell holding text or a number; text is forced to a string so that "=…" never becomes a formula.
    Styles are built once per (fill, bold, wrap) and copied: openpyxl's per-cell style lookup is slow."""
    if isinstance(value, str):
        value = for_xlsx(value)
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    styles = ws.__dict__.setdefault("_jixiao_styles", {})
    key = (fill_with, bold, wrap)
    if key not in styles:
        proto = WriteOnlyCell(ws)
        if wrap:
            proto.alignment = _WRAP
        if bold:
            proto.font = _BOLD
        if fill_with:
            proto.fill = fill(fill_with)
        styles[key] = proto._style
    cell._style = copy(styles[key])
    return cell


def _start(ws, names: tuple[str, ...], widths: dict[int, int]) -> None:
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    ws.append([_cell(ws, name, bold=True, wrap=False) for name in names])


def _finding_cells(found: list) -> list[str]:
    """问题级别 … 规则编号 for the findings of one row (codes only in the last cell)."""
    return ["；".join(dict.fromkeys(severity_zh(f.severity) for f in found)),
            "；".join(dict.fromkeys(title_of(f) for f in found)), "\n".join(f.message for f in found),
            "\n".join(f.fix or "" for f in found if f.fix), "\n".join(rw for f in found for rw in f.rewrites),
            "\n".join(dict.fromkeys(basis_text(f.basis) for f in found if f.basis)),
            "；".join(f.code for f in found)]


def _project_row(index: FindingIndex, project, summary) -> tuple[list, str | None]:
    found = sorted_findings(index.project_level(project.name))
    cells = _finding_cells(found)
    notes = list(summary.notes) if summary else []
    if summary is not None and summary.needs_check:
        notes.insert(0, "解析结构不确定（需人工核对）：未评级，依赖表格结构的规则未运行。")
    if notes:
        cells[2] = "\n".join([cells[2], *notes]).strip()
    return [project.name, "", "", "项目级", "", PROJECT_ROW, "", "", "", "", *cells], worst(found)


def _indicator_sheet(ws, report: ReviewReport, table: Table) -> None:
    _start(ws, INDICATOR_HEAD, {1: 28, 6: 36, 7: 24, 12: 24, 13: 50, 14: 40, 15: 44, 16: 30, 17: 18})
    rows = by_row(report)
    index = FindingIndex(report)
    summaries = summaries_by_name(report)
    n = 1
    for project in table.projects:
        values, severity = _project_row(index, project, summaries.get(project.name))
        ws.append([_cell(ws, v, fill_with=severity) for v in values])
        n += 1
        for g, group in enumerate(project.groups, 1):
            for i, ind in enumerate(group, 1):
                found = sorted_findings(rows.get((project.name, g, i), []))
                parts = ind.target.parts
                first = parts[0] if len(parts) == 1 else None
                values = [project.name, g, i, ind.category, ind.subcategory or "", ind.name, ind.value,
                          _OP.get(first.op.value, "") if first else ("定性" if ind.target.kind == "qualitative" else ""),
                          (first.value if first and first.value is not None else ""), (first.unit or "") if first else "",
                          *_finding_cells(found)]
                severity = worst(found)
                ws.append([_cell(ws, v, fill_with=severity) for v in values])
                n += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(INDICATOR_HEAD))}{n}"


def _project_sheet(ws, report: ReviewReport, table: Table) -> None:
    _start(ws, PROJECT_HEAD, {2: 36, 12: 60, 13: 60, 14: 18})
    summaries = summaries_by_name(report)
    own_by_project: dict[str, list] = {}
    for f in report.findings:
        own_by_project.setdefault(f.project or "", []).append(f)
    for n, (project, grade) in enumerate(projects_in_order(table, report), 1):
        summary = summaries.get(project.name)
        counts = summary.counts if summary else {}
        found = own_by_project.get(project.name, [])
        own = sorted_findings([f for f in found if f.item is None])
        notes = list(summary.notes) if summary else []
        reasons = ["解析结构不确定，未评级"] if summary is not None and summary.needs_check else (
            list(grade.reasons) if grade else [])
        values = [n, project.name, len(project.indicators()), grade_text(grade, summary),
                  *[(grade.dimensions.get(d) if grade and grade.dimensions.get(d) is not None else "—") for d in DIMENSIONS],
                  counts.get("error", 0), counts.get("warning", 0), counts.get("info", 0),
                  "\n".join([*(f"[{severity_zh(f.severity)}] {title_of(f)}：{f.message}" for f in own), *notes]),
                  "\n".join(reasons), "；".join(f.code for f in own)]
        severity = worst(found)
        ws.append([_cell(ws, v, fill_with=severity if col in (4, 12) else None) for col, v in enumerate(values, 1)])


def _about_sheet(ws, report: ReviewReport, table: Table) -> None:
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 60
    rows = [("表名", report.title or ""), ("部门", report.department or ""), ("来源文件", report.source or ""),
            ("审核口径", report.profile_title), ("版式", layout_label(report)), ("审核方式", "规则审核（未使用模型）"),
            ("项目数", len(table.projects)), ("指标数", table.indicator_count()), ("问题数", counts_text(report.counts)),
            ("颜色", "红：错误；黄：警告；蓝：提示")]
    for k, v in rows:
        ws.append([_cell(ws, k, bold=True, wrap=False), _cell(ws, v, wrap=False)])


@paused_gc()
def write(report: ReviewReport, table: Table, path: str | Path) -> Path:
    """Write the report workbook to ``path`` and return it."""
    wb = Workbook(write_only=True)
    _indicator_sheet(wb.create_sheet("指标审核"), report, table)
    _project_sheet(wb.create_sheet("项目评级"), report, table)
    _about_sheet(wb.create_sheet("说明"), report, table)
    out = Path(path)
    with atomic_path(out) as tmp:
        wb.save(tmp)
    return out
