"""Rows from a PDF table extractor (pdfplumber, camelot, tabula …) saved as JSON: ``[["一级指标", …], …]``
or ``[[[…rows of table 1…]], [[…rows of table 2…]]]``. Cells become a positional grid; a cell's position
is its row and column in the JSON (``B7``)."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.model import Position, Table
from assistant.parse.cells import Cell, Grid, cell_ref
from assistant.parse.grid import build_table

Rows = list[list[str | None]]


def _is_rows(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(
        isinstance(r, list) and all(c is None or isinstance(c, str | int | float) for c in r) for r in value)


def looks_like_rows(data: bytes) -> list[Rows] | None:
    """The tables in ``data`` when it is a JSON list of rows (or a list of such lists), else None."""
    try:
        value = json.loads(data)
    except ValueError:
        return None
    if _is_rows(value):
        return [value]
    if isinstance(value, list) and value and all(_is_rows(t) for t in value):
        return value
    return None


def read_rows(tables: list[Rows], path: str | None) -> Table:
    """Interpret extractor rows; each table is one grid, rows numbered across tables."""
    grids, n = [], 0
    for k, rows in enumerate(tables, start=1):
        cells = []
        for row in rows:
            n += 1
            cells.append([Cell("" if v is None else str(v), Position(line=n, cell=cell_ref(n, j)))
                          for j, v in enumerate(row, start=1)])
        grids.append(Grid(cells, name=f"表{k}" if len(tables) > 1 else None))
    return build_table(grids, Path(path).name if path else None, path)
