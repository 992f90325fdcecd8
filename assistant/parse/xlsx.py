"""Reader for .xlsx workbooks: every sheet becomes a grid (merged ranges resolved), one project per sheet
unless the sheet has a 项目名称 column or several 项目名称 blocks.

A workbook written by :func:`assistant.writers.write_xlsx` is recognised by its 项目信息 and 解析警告
sheets: their contents restore the title, department, project fields and the original parse warnings
(a warning that re-reading the indicator sheet raises again, same kind and text, is not repeated).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from assistant.model import ParseWarning, Position, Table
from assistant.parse.errors import ParseError
from assistant.parse.grid import Cell, Grid, build_table, cell_ref, is_header_row, parse_number
from assistant.parse.limits import check_grid, check_zip

INFO_SHEET = "项目信息"
WARNINGS_SHEET = "解析警告"
INFO_HEADER = ["项目序号", "项目名称", "字段", "值", "字段类型"]
WARNINGS_HEADER = ["类型", "原文", "行", "工作表", "单元格", "说明", "页"]
MODEL_FIELDS = {"主管部门": "department", "实施单位": "unit", "资金总额": "amount", "资金总额原文": "amount_text",
                "抽取置信度": "confidence", "需人工核对": "needs_check"}
TABLE_FIELDS = {"标题": "title", "部门名称": "department", "版式": "layout"}


def cell_text(value: object, number_format: str = "General") -> str:
    """A cell value as the text a reader of the sheet sees."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int | float):
        if "%" in (number_format or ""):
            return f"{value * 100:g}%"
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    return str(value)


def sheet_rows(ws: Worksheet) -> list[list[Cell]]:
    anchors: dict[tuple[int, int], tuple[str, str]] = {}
    for rng in ws.merged_cells.ranges:
        top = ws.cell(rng.min_row, rng.min_col)
        text = cell_text(top.value, top.number_format)
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                anchors[(r, c)] = (text, rng.coord)
    rows: list[list[Cell]] = []
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=ws.max_column), start=1):
        cells = []
        for c, xc in enumerate(row, start=1):
            pos = Position(sheet=ws.title, cell=cell_ref(r, c))
            if (r, c) in anchors:
                text, anchor = anchors[(r, c)]
                cells.append(Cell(text, pos, anchor))
            else:
                cells.append(Cell(cell_text(xc.value, xc.number_format), pos))
        rows.append(cells)
    return rows


def _table_rows(ws: Worksheet, header: list[str]) -> list[list[str]] | None:
    rows = [[cell_text(v) for v in r] for r in ws.iter_rows(values_only=True)]
    if not rows or [t.strip() for t in rows[0][: len(header)]] != header:
        return None
    return [r + [""] * (len(header) - len(r)) for r in rows[1:] if any(t.strip() for t in r)]


def read_xlsx(path: str | Path) -> Table:
    """Read a workbook. Raise ParseError for a file that is not a readable .xlsx or holds no indicator table."""
    name = str(path)
    check_zip(path, "Excel")
    try:
        wb = load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, SyntaxError) as err:
        raise ParseError("无法打开这个 Excel 文件：它不是有效的 .xlsx 工作簿（可能已损坏，或其实是 .xls/其他格式，"
                         "请用 Excel 另存为 .xlsx）。",
                         f"cannot open the workbook: not a valid .xlsx file ({type(err).__name__}).",
                         path=name) from None
    for ws in wb.worksheets:
        check_grid(ws.max_row, ws.max_column, name, f"工作表“{ws.title}”")
    info = _table_rows(wb[INFO_SHEET], INFO_HEADER) if INFO_SHEET in wb.sheetnames else None
    warnings = _table_rows(wb[WARNINGS_SHEET], WARNINGS_HEADER) if WARNINGS_SHEET in wb.sheetnames else None
    exported = info is not None and warnings is not None
    grids = []
    for ws in wb.worksheets:
        if exported and ws.title in (INFO_SHEET, WARNINGS_SHEET):
            continue
        rows = sheet_rows(ws)
        if exported:
            start = next((i for i, r in enumerate(rows) if is_header_row([c.text for c in r])), 0)
            rows = rows[start:]
        grids.append(Grid(rows, name=f"工作表“{ws.title}”", starts_project=True))
    table = build_table(grids, Path(path).name, name)
    if exported:
        _restore(table, info or [], warnings or [])
    return table


def _restore(table: Table, info: list[list[str]], warnings: list[list[str]]) -> None:
    for pno, _name, label, value, kind in (r[:5] for r in info):
        if pno.strip() == "0":
            if kind == "表格属性" and label in TABLE_FIELDS:
                setattr(table, TABLE_FIELDS[label], value)
            elif kind == "表格字段":
                table.fields[label] = value
            continue
        index = int(parse_number(pno) or 0) - 1
        if not 0 <= index < len(table.projects):
            continue
        project = table.projects[index]
        if kind == "模型字段" and label in MODEL_FIELDS:
            attr = MODEL_FIELDS[label]
            if attr in ("amount", "confidence"):
                setattr(project, attr, parse_number(value))
            elif attr == "needs_check":
                project.needs_check = value.strip() in ("是", "True", "true", "1")
            else:
                setattr(project, attr, value)
        elif kind == "表头字段":
            project.fields[label] = value
    restored = []
    for kind, text, line, sheet, cell, message, page in ((r + [""] * 7)[:7] for r in warnings):
        number, page_no = parse_number(line), parse_number(page)
        restored.append(ParseWarning(kind=kind, text=text, line=int(number) if number is not None else None,
                                     sheet=sheet or None, cell=cell or None, message=message or None,
                                     page=int(page_no) if page_no is not None else None))
    known = {(w.kind, w.text) for w in restored}
    table.warnings = restored + [w for w in table.warnings if (w.kind, w.text) not in known]
