"""The cells a reader hands to the grid interpreter, and small text helpers every part of it uses."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.model import Position

_CJK = re.compile(r"[\u3400-\u9fff（）“”：，。、；]")


@dataclass(frozen=True)
class Cell:
    """One cell's text and where it stood. ``anchor`` names the merged range it was copied from; ``chrome``
    marks page furniture the reader recognised (a page title, a script outside any table)."""

    text: str
    pos: Position
    anchor: str | None = None
    chrome: bool = False


@dataclass
class Grid:
    """Rows of cells from one sheet, table or text block.

    ``positional``: column index means header column (spreadsheets, tables, tab/markdown text). Otherwise
    cells are matched to header columns by their shape (text whose merged cells were lost).
    ``starts_project``: a new grid begins a new project (one project per sheet).
    ``rows`` is read once, in order: a reader may pass a generator so that only one row is held at a time.
    """

    rows: Iterable[list[Cell]]
    name: str | None = None
    positional: bool = True
    starts_project: bool = False


def cell_ref(row: int, col: int) -> str:
    """1-based row and column → A1 reference (``cell_ref(7, 2) == "B7"``)."""
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row}"


def join_lines(text: str) -> str:
    """Join a cell's wrapped lines: no space between Chinese characters, one space otherwise."""
    lines = [ln.strip() for ln in (text or "").replace("\r", "").split("\n")]
    out = ""
    for ln in lines:
        if not ln:
            continue
        if out and not (_CJK.match(out[-1]) or _CJK.match(ln[0])):
            out += " "
        out += ln
    return out.strip()


def parse_number(text: str | None) -> float | None:
    """The first number in ``text`` (thousands separators allowed), or None."""
    m = re.search(r"[-+]?\d[\d,]*(?:\.\d+)?", text or "")
    if not m:
        return None
    try:
        return float(m.group(0).replace(",", ""))
    except ValueError:
        return None
