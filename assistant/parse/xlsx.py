"""Reader for .xlsx workbooks: every sheet becomes a grid (merged ranges resolved), one project per sheet
unless the sheet has a 项目名称 column or several 项目名称 blocks.

Two engines give the same table. ``stream`` (the default) reads each sheet's XML in bounded passes
(:mod:`assistant.parse.xlsxsheet`) and hands the grid interpreter one row at a time, so memory follows
the table read, not the size of the sheet; every limit is checked before or while a row is built.
``openpyxl`` loads the whole workbook (about 35 MB per MB of sheet XML) and keeps the old per-member cap;
it is kept as the reference the stream engine is tested against.

A workbook written by :func:`assistant.writers.write_xlsx` is recognised by its 项目信息 and 解析警告
sheets: their contents restore the title, department, project fields and the original parse warnings
(a warning that re-reading the indicator sheet raises again, same kind and text, is not repeated).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from assistant.model import ParseWarning, Position, Table
from assistant.parse.errors import ParseError
from assistant.parse.grid import Cell, Grid, build_table, cell_ref, is_header_row, parse_number
from assistant.parse.limits import (
    MAX_CELL_CHARS,
    MAX_TEXT_CHARS,
    cell_too_big,
    check_grid,
    check_zip,
    streamed_xlsx_member,
    too_much_text,
)
from assistant.parse.xlsxparts import Workbook, read_workbook
from assistant.parse.xlsxsheet import Shape, scan, values

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


def _not_a_workbook(name: str, err: Exception) -> ParseError:
    return ParseError("无法打开这个 Excel 文件：它不是有效的 .xlsx 工作簿（可能已损坏，或其实是 .xls/其他格式，"
                      "请用 Excel 另存为 .xlsx）。",
                      f"cannot open the workbook: not a valid .xlsx file ({type(err).__name__}).", path=name)


def _after_header(rows: Iterable[list[Cell]]) -> Iterator[list[Cell]]:
    """The rows from the first header row on; every row when there is none."""
    held: list[list[Cell]] = []
    it = iter(rows)
    for row in it:
        if is_header_row([c.text for c in row]):
            yield row
            yield from it
            return
        held.append(row)
    yield from held


def read_xlsx(path: str | Path, engine: Literal["stream", "openpyxl"] = "stream") -> Table:
    """Read a workbook. Raise ParseError for a file that is not a readable .xlsx, is past a limit, or holds
    no indicator table."""
    if engine == "openpyxl":
        return _read_openpyxl(path)
    name = str(path)
    check_zip(path, "Excel", streamed=streamed_xlsx_member)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise _not_a_workbook(name, err) from None
    with zf:
        try:
            wb = read_workbook(zf, name)
        except KeyError as err:
            raise _not_a_workbook(name, err) from None
        shapes = [scan(zf, ref.member, name, ref.title) for ref in wb.sheets]
        reader = _SheetReader(zf, wb, name)
        titles = [ref.title for ref in wb.sheets]
        info = warnings = None
        if INFO_SHEET in titles and WARNINGS_SHEET in titles:
            i, w = titles.index(INFO_SHEET), titles.index(WARNINGS_SHEET)
            info = _header_table(reader.values(i, shapes[i]), INFO_HEADER)
            warnings = _header_table(reader.values(w, shapes[w]), WARNINGS_HEADER)
        exported = info is not None and warnings is not None
        grids = []
        for index, (ref, shape) in enumerate(zip(wb.sheets, shapes, strict=True)):
            if exported and ref.title in (INFO_SHEET, WARNINGS_SHEET):
                continue
            rows: Iterable[list[Cell]] = reader.cells(index, shape)
            if exported:
                rows = _after_header(rows)
            grids.append(Grid(rows, name=f"工作表“{ref.title}”", starts_project=True))
        table = build_table(grids, Path(path).name, name)
    if exported:
        _restore(table, info or [], warnings or [])
    return table


def _header_table(rows: Iterable[list[str]], header: list[str]) -> list[list[str]] | None:
    texts = list(rows)
    if not texts or [t.strip() for t in texts[0][: len(header)]] != header:
        return None
    return [r + [""] * (len(header) - len(r)) for r in texts[1:] if any(t.strip() for t in r)]


class _SheetReader:
    """Rows of one streamed sheet, as texts or as grid cells with merged ranges resolved. The text of all
    cells read from the workbook is counted against :data:`MAX_TEXT_CHARS`."""

    def __init__(self, zf: zipfile.ZipFile, wb: Workbook, path: str):
        self.zf, self.wb, self.path = zf, wb, path
        self.chars = 0

    def _dense(self, index: int, shape: Shape) -> Iterator[tuple[int, list[tuple[object, int] | None]]]:
        ref = self.wb.sheets[index]
        stream = (cell for batch in values(self.zf, ref.member, self.path, ref.title, self.wb, shape.ordered)
                  for cell in batch)
        nxt = next(stream, None)
        for r in range(1, shape.max_row + 1):
            row: list[tuple[object, int] | None] = [None] * shape.max_col
            while nxt is not None and nxt[0] <= r:
                if nxt[0] == r and 1 <= nxt[1] <= shape.max_col:
                    row[nxt[1] - 1] = (nxt[2], nxt[3])
                nxt = next(stream, None)
            yield r, row

    def _count(self, text: str, title: str, r: int, c: int) -> None:
        if len(text) > MAX_CELL_CHARS:
            raise cell_too_big(self.path, f"工作表“{title}”，单元格 {cell_ref(r, c)}")
        self.chars += len(text)
        if self.chars > MAX_TEXT_CHARS:
            raise too_much_text(self.chars, self.path, f"工作表“{title}”，单元格 {cell_ref(r, c)}")

    def values(self, index: int, shape: Shape) -> Iterator[list[str]]:
        """Each row's texts without number formats (as ``iter_rows(values_only=True)`` gives them)."""
        title = self.wb.sheets[index].title
        for r, row in self._dense(index, shape):
            texts = [cell_text(v[0]) if v is not None else "" for v in row]
            for c, text in enumerate(texts, start=1):
                if text:
                    self._count(text, title, r, c)
            yield texts

    def cells(self, index: int, shape: Shape) -> Iterator[list[Cell]]:
        """Each row of the used range as grid cells; a merged range's top-left text fills all its cells."""
        title = self.wb.sheets[index].title
        pending = sorted(range(len(shape.merges)), key=lambda i: shape.merges[i].min_row)
        start = 0
        active: list[int] = []
        anchors: dict[int, str] = {}
        for r, row in self._dense(index, shape):
            texts = [cell_text(v[0], self.wb.number_format(v[1])) if v is not None else "" for v in row]
            while start < len(pending) and shape.merges[pending[start]].min_row <= r:
                i = pending[start]
                start += 1
                m = shape.merges[i]
                anchors[i] = texts[m.min_col - 1] if m.min_row == r else ""
                active.append(i)
            active = sorted(i for i in active if shape.merges[i].max_row >= r)
            covered: dict[int, tuple[str, str]] = {}
            for i in active:
                m = shape.merges[i]
                for c in range(m.min_col, m.max_col + 1):
                    covered[c] = (anchors[i], m.coord)
            out = []
            counted: set[str] = set()
            for c, text in enumerate(texts, start=1):
                pos = Position(sheet=title, cell=cell_ref(r, c))
                if c in covered:
                    text, coord = covered[c]
                    if text and coord not in counted:
                        counted.add(coord)
                        self._count(text, title, r, c)
                    out.append(Cell(text, pos, coord))
                else:
                    if text:
                        self._count(text, title, r, c)
                    out.append(Cell(text, pos))
            yield out


def _read_openpyxl(path: str | Path) -> Table:
    name = str(path)
    check_zip(path, "Excel")
    try:
        wb = load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, SyntaxError) as err:
        raise _not_a_workbook(name, err) from None
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
