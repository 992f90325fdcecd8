"""One worksheet read as a stream, in two bounded passes over its XML.

:func:`scan` reads only element starts: the used range (cells and merged ranges, as openpyxl counts it),
the merged ranges, and whether rows and cells come in order. It refuses a sheet past the row, cell or
merge limits as soon as the XML shows it, naming the file, sheet and cell. :func:`values` then yields
each row's values (openpyxl's cell semantics with ``data_only``: cached formula results, shared and
inline strings, booleans, dates by the cell's number format), holding one chunk of rows at a time.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from openpyxl.utils.datetime import from_excel, from_ISO8601

from assistant.parse.errors import ParseError
from assistant.parse.limits import (
    MAX_CELLS,
    MAX_MERGES,
    MAX_TEXT_CHARS,
    check_grid,
    too_many_cells,
    too_much_text,
)
from assistant.parse.xlsxparts import Workbook, feed, local, parser

_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


@dataclass
class Merge:
    min_row: int
    min_col: int
    max_row: int
    max_col: int
    coord: str


@dataclass
class Shape:
    """What :func:`scan` learns of a sheet before any value is read."""

    max_row: int = 1
    max_col: int = 1
    merges: list[Merge] = field(default_factory=list)
    ordered: bool = True


_COLS: dict[str, int] = {}


def _col(letters: str) -> int:
    found = _COLS.get(letters)
    if found is None:
        found = 0
        for ch in letters.upper():
            found = found * 26 + ord(ch) - 64
        if len(_COLS) < 20_000:
            _COLS[letters] = found
    return found


def split_ref(ref: str) -> tuple[int, int] | None:
    """``"B7"`` → (7, 2); None for anything that is not a cell reference."""
    m = _REF.match(ref.strip())
    return (int(m.group(2)), _col(m.group(1))) if m else None


def _where(title: str, ref: str | None = None) -> str:
    return f"工作表“{title}”" + (f"，单元格 {ref}" if ref else "")


def _bad_ref(ref: str, path: str, title: str) -> ParseError:
    return ParseError(f"单元格引用“{ref[:40]}”无效，文件可能已损坏；请用 Excel 打开后另存为 .xlsx。",
                      f"invalid cell reference {ref[:40]!r}; the file may be damaged.", path=path,
                      where=_where(title))


def _merge(ref: str, path: str, title: str) -> Merge:
    first, _, last = ref.partition(":")
    a, b = split_ref(first), split_ref(last or first)
    if a is None or b is None:
        raise _bad_ref(ref, path, title)
    top, bottom = sorted((a[0], b[0]))
    left, right = sorted((a[1], b[1]))
    return Merge(top, left, bottom, right, ref.replace("$", "").upper())


class _Scan:
    def __init__(self, path: str, title: str):
        self.path, self.title = path, title
        self.shape = Shape(max_row=0, max_col=0)
        self.row = 0
        self.col = 0
        self.last = (0, 0)
        self.cells = 0
        self.merged_area = 0

    def _grow(self, row: int, col: int, ref: str) -> None:
        s = self.shape
        if row > s.max_row or col > s.max_col:
            s.max_row, s.max_col = max(s.max_row, row), max(s.max_col, col)
            check_grid(s.max_row, s.max_col, self.path, _where(self.title, ref))

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = local(name)
        if tag == "row":
            r = attrs.get("r")
            self.row = int(r) if r and r.isdigit() else self.row + 1
            self.col = 0
        elif tag == "c":
            ref = attrs.get("r")
            row = self.row
            if ref:
                at = split_ref(ref)
                if at is None:
                    raise _bad_ref(ref, self.path, self.title)
                row, self.col = at
            else:
                self.col += 1
            if (row, self.col) <= self.last:
                self.shape.ordered = False
            self.last = (row, self.col)
            self.cells += 1
            if self.cells > MAX_CELLS:
                raise too_many_cells(self.cells, self.path, _where(self.title, ref))
            self._grow(row, self.col, ref or "")
        elif tag == "mergeCell" and "ref" in attrs:
            m = _merge(attrs["ref"], self.path, self.title)
            self.merged_area += (m.max_row - m.min_row + 1) * (m.max_col - m.min_col + 1)
            if len(self.shape.merges) >= MAX_MERGES or self.merged_area > MAX_CELLS:
                raise ParseError(f"合并单元格超过上限（{MAX_MERGES} 个区域、共 {MAX_CELLS} 个单元格），最后一个为 {m.coord}；"
                                 "请取消多余的合并或拆分表格。",
                                 f"merged ranges are over the limit of {MAX_MERGES} ranges and {MAX_CELLS} cells "
                                 f"(the last is {m.coord}); unmerge stray ranges or split the table.",
                                 path=self.path, where=_where(self.title))
            self.shape.merges.append(m)
            self._grow(m.max_row, m.max_col, m.coord)


def scan(zf: zipfile.ZipFile, member: str, path: str, title: str) -> Shape:
    """The sheet's used range and merged ranges; ParseError past the limits."""
    s = _Scan(path, title)
    for _ in feed(zf, member, parser(member, path, start=s.start), path):
        pass
    shape = s.shape
    shape.max_row, shape.max_col = max(shape.max_row, 1), max(shape.max_col, 1)
    return shape


def _number(text: str) -> int | float:
    return float(text) if "." in text or "E" in text or "e" in text else int(text)


Value = tuple[int, int, object, int]


class _Values:
    """Expat handlers collecting each cell's (row, column, value, style index) in document order."""

    def __init__(self, wb: Workbook, path: str, title: str):
        self.wb, self.path, self.title = wb, path, title
        self.out: list[Value] = []
        self.row = 0
        self.cell_row = 0
        self.col = 0
        self.kind = "n"
        self.style = 0
        self.ref = ""
        self.v: list[str] | None = None
        self.inline: list[str] | None = None
        self.text: list[str] | None = None
        self.skip = 0

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = local(name)
        if tag == "c":
            ref = attrs.get("r")
            at = split_ref(ref) if ref else None
            if at:
                self.cell_row, self.col = at
            else:
                self.cell_row, self.col = self.row, self.col + 1
            self.ref = ref or ""
            self.kind = attrs.get("t", "n")
            s = attrs.get("s", "0")
            self.style = int(s) if s.isdigit() else 0
            self.v = None
            self.inline = None
        elif tag == "v":
            self.v = []
            self.text = self.v
        elif tag == "is":
            self.inline = []
        elif tag in ("rPh", "phoneticPr"):
            self.skip += 1
        elif tag == "t" and self.inline is not None and not self.skip:
            self.text = self.inline
        elif tag == "row":
            r = attrs.get("r")
            self.row = int(r) if r and r.isdigit() else self.row + 1
            self.col = 0

    def end(self, name: str) -> None:
        tag = local(name)
        if tag in ("v", "t"):
            self.text = None
        elif tag in ("rPh", "phoneticPr"):
            self.skip -= 1
        elif tag == "c":
            self.out.append((self.cell_row, self.col, self._value(), self.style))

    def chars(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def _value(self) -> object:
        kind = self.kind
        if kind == "inlineStr":
            return "".join(self.inline) if self.inline is not None else None
        raw = "".join(self.v) if self.v is not None else ""
        if not raw:
            return None
        try:
            if kind == "n":
                value = _number(raw)
                if self.style in self.wb.date_styles:
                    try:
                        return from_excel(value, self.wb.epoch, timedelta=self.style in self.wb.timedelta_styles)
                    except (OverflowError, ValueError):
                        return "#VALUE!"
                return value
            if kind == "s":
                return self.wb.shared[int(raw)]
            if kind == "b":
                return bool(int(raw))
            if kind == "d":
                return from_ISO8601(raw)
        except (ValueError, IndexError):
            raise ParseError(f"单元格的值“{raw[:40]}”与其类型（{kind}）不符，文件可能已损坏。",
                             f"the cell's value {raw[:40]!r} does not fit its type ({kind}); the file may be damaged.",
                             path=self.path, where=_where(self.title, self.ref)) from None
        return raw


def values(zf: zipfile.ZipFile, member: str, path: str, title: str, wb: Workbook,
           ordered: bool = True) -> Iterator[list[Value]]:
    """Batches of cells (row, column, value, style index) in row-then-column order, one batch per chunk of
    XML. A sheet whose cells are out of order (``ordered`` False, from :func:`scan`) is gathered whole and
    sorted, the later of two cells at one place winning as in openpyxl; the scan has bounded it by the
    cell limit, and its text is held to :data:`MAX_TEXT_CHARS` while it is gathered."""
    h = _Values(wb, path, title)
    p = parser(member, path, h.start, h.end, h.chars)
    if ordered:
        for _ in feed(zf, member, p, path):
            if h.out:
                batch, h.out = h.out, []
                yield batch
        return
    gathered: dict[tuple[int, int], Value] = {}
    chars = 0
    for _ in feed(zf, member, p, path):
        for cell in h.out:
            gathered[(cell[0], cell[1])] = cell
            if isinstance(cell[2], str):
                chars += len(cell[2])
                if chars > MAX_TEXT_CHARS:
                    raise too_much_text(chars, path, _where(title))
        h.out = []
    yield [gathered[k] for k in sorted(gathered)]
