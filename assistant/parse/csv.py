"""Reader for CSV text (already decoded by load.py): one positional grid, delimiter detected."""

from __future__ import annotations

import csv
import io

from assistant.model import Position, Table
from assistant.parse.errors import ParseError
from assistant.parse.grid import Cell, Grid, build_table, cell_ref
from assistant.parse.limits import MAX_CELL_CHARS, MAX_ROWS, cell_too_big, too_many_rows


def _delimiter(text: str) -> str:
    head = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(head, delimiters=",\t;").delimiter
    except csv.Error:
        return "\t" if head.count("\t") > head.count(",") else ","


def read_csv_text(text: str, source: str) -> Table:
    """Read a CSV table; cells are positioned by record line and A1 reference."""
    csv.field_size_limit(MAX_CELL_CHARS)
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=_delimiter(text))
    rows: list[list[Cell]] = []
    start = 1
    records = iter(reader)
    for r in range(1, MAX_ROWS + 2):
        try:
            record = next(records)
        except StopIteration:
            break
        except csv.Error as err:
            raise _bad_record(err, source, start, r) from None
        if r > MAX_ROWS:
            raise too_many_rows(r, source, f"第{start}行")
        rows.append([Cell(value, Position(line=start, cell=cell_ref(r, c)))
                     for c, value in enumerate(record, start=1)])
        start = reader.line_num + 1
    return build_table([Grid(rows, name=source)], source, source)


def _bad_record(err: csv.Error, source: str, line: int, record: int) -> ParseError:
    if "field larger than field limit" in str(err):
        return cell_too_big(source, f"第{line}行起的第{record}条记录")
    return ParseError(f"CSV 格式错误：{err}", f"malformed CSV: {err}", path=source, where=f"第{line}行")
