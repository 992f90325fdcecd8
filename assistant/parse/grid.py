"""One interpreter for every columnar layout: grids of positioned cells in, a :class:`Table` out.

A reader (xlsx, docx, html, csv, text, pdf) turns its input into :class:`Grid` objects — rows of
:class:`Cell` with merged cells already resolved — and calls :func:`build_table`. The interpreter walks
the rows with a :class:`~assistant.parse.state.GridState`: a header row (:mod:`header`) switches to
indicator rows (:mod:`rows`); rows outside a header are header fields or a title (:mod:`fields`).
Every non-empty cell ends up in a field, an indicator, or a :class:`ParseWarning` that keeps its text
and position.

Two header blocks side by side (中期 and 年度 indicator grids, as in older local templates) are read
as follows: the 年度 block gives the indicators, and each 中期 row is kept as a warning of kind
``medium_term``. The 中期 rows are not a second group because groups feed the review rules
(duplicate names, indicator counts), and a 中期 grid usually repeats the 年度 one.
"""

from __future__ import annotations

from assistant.model import Table
from assistant.parse.cells import Cell, Grid, cell_ref, join_lines, parse_number
from assistant.parse.errors import ParseError
from assistant.parse.fields import field_label, field_row, is_signoff, starts_new_project
from assistant.parse.header import (
    NO_HEADER_EN,
    NO_HEADER_ZH,
    column_role,
    is_header_row,
    make_header,
    site_columns,
)
from assistant.parse.rows import align, indicator_row
from assistant.parse.state import GridState, Inherited


def _start_header(st: GridState, row: list[Cell]) -> None:
    st.label_unused()
    header, extra = make_header(row)
    st.header = header
    st.found_header = True
    st.inherited = Inherited()
    for cell in extra:
        st.warn("unplaced_text", cell.text.strip(), cell.pos, "表头单元格中除列名外还有说明文字，原文保留于此。")
    if st.draft.position is None:
        st.draft.position = row[0].pos if row else None


def _row(st: GridState, row: list[Cell], grid: Grid) -> None:
    cells, anchors = [], set()
    for c in row:
        if c.text and c.text.strip() and (c.anchor is None or c.anchor not in anchors):
            cells.append(c)
            anchors.add(c.anchor)
    if not cells:
        return
    if all(c.chrome for c in cells):
        for c in cells:
            st.warn("page_chrome", c.text.strip(), c.pos, "网页的标题或脚本，不属于表格，原文保留于此。")
        return
    if is_header_row([c.text for c in row]):
        _start_header(st, row)
        return
    if (st.header is not None or st.draft.has_indicators()) and any(is_signoff(c.text) for c in cells):
        for c in cells:
            st.warn("signoff", c.text.strip(), c.pos, "审核、盖章或填表人信息，不是指标，原文保留于此。")
        st.header = None
        return
    if st.header is not None and grid.positional:
        sites = site_columns(st.header, row)
        if sites:
            st.header.sites = sites
            st.table.fields.setdefault("分地区指标值列", "、".join(sites.values()))
            return
    if st.header is not None:
        if not starts_new_project(st, cells):
            indicator_row(st, row, grid)
            return
        st.flush()
    field_row(st, cells)


def build_table(grids: list[Grid], source: str | None, path: str | None = None) -> Table:
    """Interpret grids into a Table. Raise ParseError (naming ``path`` and the grids) when none has an
    indicator header."""
    st = GridState(table=Table(source=source), path=path)
    for grid in grids:
        if grid.starts_project and st.draft.has_indicators():
            st.flush()
        st.header = None
        st.inherited = Inherited()
        st.pending_labels = []
        for row in grid.rows:
            _row(st, row, grid)
        st.label_unused()
        for cell in st.pending_labels:
            st.warn("unplaced_text", cell.text.strip(), cell.pos, "这个标签后面没有对应的值，原文保留于此。")
        st.pending_labels = []
    st.flush()
    if not st.found_header:
        where = ", ".join(g.name for g in grids if g.name) or None
        raise ParseError(NO_HEADER_ZH, NO_HEADER_EN, path=path, where=where)
    st.table.projects = st.projects
    return st.table


__all__ = ["Cell", "Grid", "align", "build_table", "cell_ref", "column_role", "field_label", "is_header_row",
           "join_lines", "parse_number"]
