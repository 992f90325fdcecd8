"""Table writers: JSON (the model as is) and a columnar .xlsx a budget officer can read, filter and paste.

The .xlsx layout: sheet 绩效指标 (title row, 部门名称 row, then one row per indicator with the project's
name and goal repeated, group number, printed number, ★ for core indicators, source line), sheet 项目信息
(table title and department, and per project the 主管部门/实施单位/资金 and header fields) and sheet
解析警告 (every parse warning with its position). :func:`assistant.parse.xlsx.read_xlsx` reads it back
to an equal Table (see tests/test_writers.py for what "equal" ignores: positions and the source name).
"""

from __future__ import annotations

from copy import copy
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from assistant import atomic
from assistant.model import Table
from assistant.parse.xlsx import (
    INFO_HEADER,
    INFO_SHEET,
    MODEL_FIELDS,
    TABLE_FIELDS,
    WARNINGS_HEADER,
    WARNINGS_SHEET,
)
from assistant.report.cells import for_xlsx

INDICATOR_SHEET = "绩效指标"
COLUMNS: list[tuple[str, int]] = [
    ("项目序号", 8), ("项目名称", 28), ("绩效目标", 40), ("组号", 6), ("序号", 6), ("一级指标", 12),
    ("二级指标", 16), ("三级指标", 30), ("计算符号", 10), ("指标值", 24), ("计量单位", 10),
    ("指标值设定依据", 24), ("指标解释", 24), ("数据来源", 20), ("分值", 8), ("源行号", 8),
]
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")


def write_table(table: Table, path: str | Path) -> None:
    """Write by suffix: .json → the model as JSON, .xlsx → :func:`write_xlsx`."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".json":
        atomic.write_text(p, table.model_dump_json(indent=2))
    elif suffix == ".xlsx":
        write_xlsx(table, p)
    else:
        raise ValueError(f"不支持的输出格式“{suffix}”：请使用 .json 或 .xlsx。 / unsupported output format {suffix!r}: "
                         "use .json or .xlsx.")


def _put(ws: Worksheet, row: int, col: int, value: object) -> None:
    """A body cell: text forced to a string (never a formula), wrapped, with a thin border. The style is
    built once per sheet and copied: openpyxl's per-cell style lookup dominated large exports."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = for_xlsx(value)
        cell.data_type = "s"
    else:
        cell.value = value
    proto = ws.__dict__.get("_jixiao_body")
    if proto is None:
        cell.alignment = _WRAP
        cell.border = _BORDER
        ws.__dict__["_jixiao_body"] = copy(cell._style)
    else:
        cell._style = copy(proto)


def _header(ws: Worksheet, row: int, names: list[str], widths: list[int]) -> None:
    for col, (name, width) in enumerate(zip(names, widths, strict=True), start=1):
        _put(ws, row, col, name)
        cell = ws.cell(row=row, column=col)
        cell.font = Font(bold=True)
        cell.fill = _HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = ws.cell(row=row + 1, column=1)
    ws.auto_filter.ref = f"A{row}:{get_column_letter(len(names))}{row}"


def _indicator_sheet(ws: Worksheet, table: Table) -> None:
    row = 1
    if table.title:
        _put(ws, row, 1, table.title)
        ws.cell(row=row, column=1).font = Font(bold=True, size=14)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(COLUMNS))
        row += 1
    if table.department:
        _put(ws, row, 1, f"部门名称：{table.department}")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(COLUMNS))
        row += 1
    _header(ws, row, [c for c, _ in COLUMNS], [w for _, w in COLUMNS])
    for pno, project in enumerate(table.projects, start=1):
        head = [pno, project.name, project.goal]
        rows = [(g, ind) for g, group in enumerate(project.groups, start=1) for ind in group] or [(None, None)]
        for group_no, ind in rows:
            row += 1
            values: list[object] = head + [group_no]
            if ind is None:
                values += [None] * 11
            else:
                values += [ind.no, ind.category_raw or ind.category, ind.subcategory_raw or ind.subcategory,
                           ("★" if ind.core else "") + ind.name, ind.comparator, ind.value, ind.unit,
                           ind.value_basis, ind.explanation, ind.data_source, ind.weight]
            values.append(project.line)
            for col, value in enumerate(values, start=1):
                _put(ws, row, col, value)


def _info_sheet(ws: Worksheet, table: Table) -> None:
    _header(ws, 1, INFO_HEADER, [8, 28, 20, 50, 10])
    rows: list[list[object]] = [[0, "", label, getattr(table, attr), "表格属性"]
                                for label, attr in TABLE_FIELDS.items() if getattr(table, attr) is not None]
    rows += [[0, "", label, value, "表格字段"] for label, value in table.fields.items()]
    for pno, project in enumerate(table.projects, start=1):
        for label, attr in MODEL_FIELDS.items():
            value = getattr(project, attr)
            if value is not None:
                rows.append([pno, project.name, label, float(value) if attr in ("amount", "confidence") else value,
                             "模型字段"])
        for label, value in project.fields.items():
            rows.append([pno, project.name, label, value, "表头字段"])
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            _put(ws, r, c, value)


def _warnings_sheet(ws: Worksheet, table: Table) -> None:
    _header(ws, 1, WARNINGS_HEADER, [16, 50, 8, 14, 10, 60, 6])
    for r, w in enumerate(table.warnings, start=2):
        for c, value in enumerate([w.kind, w.text, w.line, w.sheet, w.cell, w.message, w.page], start=1):
            _put(ws, r, c, value)


def write_xlsx(table: Table, path: str | Path) -> None:
    """Write the columnar layout with a header style, widths, wrap and a frozen header row."""
    wb = Workbook()
    ws = wb.active
    ws.title = INDICATOR_SHEET
    _indicator_sheet(ws, table)
    _info_sheet(wb.create_sheet(INFO_SHEET), table)
    _warnings_sheet(wb.create_sheet(WARNINGS_SHEET), table)
    wb.properties.title = table.title or ""
    with atomic.atomic_path(path) as tmp:
        wb.save(tmp)
