"""Reader for .docx documents: paragraphs and tables in body order; each table is a grid whose merged
cells (gridSpan, vMerge) are resolved by python-docx. Positions are ``表格N`` plus an A1 reference, or
``正文`` plus the paragraph number."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from assistant.model import Position, Table
from assistant.parse.errors import ParseError
from assistant.parse.grid import Cell, Grid, build_table, cell_ref
from assistant.parse.limits import check_zip


def _table_rows(table: DocxTable, index: int) -> list[list[Cell]]:
    name = f"表格{index}"
    rows = []
    anchors: dict[object, str] = {}
    for r, row in enumerate(table.rows, start=1):
        cells = []
        for c, cell in enumerate(row.cells, start=1):
            anchor = anchors.setdefault(cell._tc, f"{name}!{cell_ref(r, c)}")
            text = "\n".join(p.text for p in cell.paragraphs)
            for inner in cell.tables:
                text += "\n" + "\n".join("\t".join(ic.text for ic in ir.cells) for ir in inner.rows)
            cells.append(Cell(text, Position(sheet=name, cell=cell_ref(r, c)), anchor))
        rows.append(cells)
    return rows


def read_docx(path: str | Path) -> Table:
    """Read a Word document. Raise ParseError for a file that is not a .docx or has no table."""
    name = str(path)
    check_zip(path, "Word")
    try:
        doc = Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError) as err:
        raise ParseError("无法打开这个 Word 文件：它不是有效的 .docx 文档（可能已损坏，或其实是 .doc，请用 Word "
                         "另存为 .docx）。", f"cannot open the document: not a valid .docx file ({type(err).__name__}).",
                         path=name) from None
    grids: list[Grid] = []
    text_rows: list[list[Cell]] = []
    tables = paragraphs = 0
    for block in doc.iter_inner_content():
        if isinstance(block, Paragraph):
            paragraphs += 1
            if block.text.strip():
                text_rows.append([Cell(block.text, Position(sheet="正文", cell=f"第{paragraphs}段"))])
        elif isinstance(block, DocxTable):
            if text_rows:
                grids.append(Grid(text_rows, name="正文"))
                text_rows = []
            tables += 1
            grids.append(Grid(_table_rows(block, tables), name=f"表格{tables}"))
    if text_rows:
        grids.append(Grid(text_rows, name="正文"))
    if tables == 0:
        raise ParseError("文档中没有表格：绩效目标表应是 Word 表格（包含“三级指标”和“指标值”列）。",
                         "the document has no table: expected a Word table with 三级指标 and 指标值 columns.",
                         path=name)
    return build_table(grids, Path(path).name, name)
