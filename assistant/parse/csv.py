"""Reader for CSV text (already decoded by load.py): one positional grid, delimiter detected."""

from __future__ import annotations

import csv
import io

from assistant.model import Position, Table
from assistant.parse.grid import Cell, Grid, build_table, cell_ref


def _delimiter(text: str) -> str:
    head = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(head, delimiters=",\t;").delimiter
    except csv.Error:
        return "\t" if head.count("\t") > head.count(",") else ","


def read_csv_text(text: str, source: str) -> Table:
    """Read a CSV table; cells are positioned by record line and A1 reference."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=_delimiter(text))
    rows: list[list[Cell]] = []
    start = 1
    for r, record in enumerate(reader, start=1):
        rows.append([Cell(value, Position(line=start, cell=cell_ref(r, c)))
                     for c, value in enumerate(record, start=1)])
        start = reader.line_num + 1
    return build_table([Grid(rows, name=source)], source, source)
