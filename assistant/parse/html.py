"""Reader for HTML pages: every top-level ``<table>`` is a grid (rowspan/colspan resolved); text outside
tables (title, 项目名称：…, page chrome) becomes one-cell rows in document order.

Cell text keeps everything a reader would see: ``<br>`` and block elements become line breaks, entities
are decoded, and a ``<script>``/``<style>`` inside a cell is kept as its literal source text — never run,
never dropped. Positions are ``表格N`` plus an A1 reference; text outside tables keeps its source line.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

from assistant.model import Position, Table
from assistant.parse.grid import Cell, Grid, build_table, cell_ref
from assistant.parse.limits import check_depth, check_html_size

_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header",
          "footer", "nav", "blockquote", "pre", "center", "form", "caption", "title", "body", "dl", "dt", "dd"}
_SKIP = (Comment, Declaration, Doctype, ProcessingInstruction)


def element_text(node: Tag) -> str:
    """Visible text of an element; script/style children as literal source text."""
    out: list[str] = []
    for child in node.children:
        if isinstance(child, Tag):
            if child.name in ("script", "style", "noscript", "template"):
                out.append(str(child))
            elif child.name == "br":
                out.append("\n")
            elif child.name in _BLOCK or child.name in ("tr", "table"):
                out.append("\n" + element_text(child) + "\n")
            elif child.name in ("td", "th"):
                out.append(element_text(child) + "\t")
            else:
                out.append(element_text(child))
        elif isinstance(child, NavigableString) and not isinstance(child, _SKIP):
            out.append(str(child))
    return "".join(out).replace("\xa0", " ")


def _table_rows(table: Tag, index: int) -> list[list[Cell]]:
    trs = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    grid: dict[tuple[int, int], Cell] = {}
    name = f"表格{index}"
    for r, tr in enumerate(trs):
        c = 0
        for td in tr.find_all(["td", "th"], recursive=False):
            while (r, c) in grid:
                c += 1
            text = element_text(td).strip()
            rowspan = _span(td.get("rowspan"))
            colspan = _span(td.get("colspan"))
            anchor = f"{name}!{cell_ref(r + 1, c + 1)}" if rowspan > 1 or colspan > 1 else None
            for dr in range(rowspan):
                for dc in range(colspan):
                    pos = Position(sheet=name, cell=cell_ref(r + dr + 1, c + dc + 1))
                    grid[(r + dr, c + dc)] = Cell(text, pos, anchor)
            c += colspan
    if not grid:
        return []
    height = max(r for r, _ in grid) + 1
    width = max(c for _, c in grid) + 1
    return [[grid.get((r, c), Cell("", Position(sheet=name, cell=cell_ref(r + 1, c + 1)))) for c in range(width)]
            for r in range(height)]


def _span(value: object) -> int:
    try:
        return max(1, min(int(str(value).strip()), 1000))
    except (TypeError, ValueError):
        return 1


class _Walker:
    def __init__(self) -> None:
        self.grids: list[Grid] = []
        self.text_rows: list[list[Cell]] = []
        self.buffer: list[str] = []
        self.line: int | None = None
        self.tables = 0

    def flush_text(self, chrome: bool = False) -> None:
        for piece in "".join(self.buffer).split("\n"):
            if piece.strip():
                self.text_rows.append([Cell(piece.strip(), Position(line=self.line), chrome=chrome)])
        self.buffer = []

    def flush_grid(self) -> None:
        self.flush_text()
        if self.text_rows:
            self.grids.append(Grid(self.text_rows, name="正文"))
            self.text_rows = []

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Tag):
                if child.name == "table":
                    self.flush_grid()
                    self.tables += 1
                    self.grids.append(Grid(_table_rows(child, self.tables), name=f"表格{self.tables}"))
                elif child.name in ("script", "style", "title"):
                    self.flush_text()
                    self.line = child.sourceline or self.line
                    self.buffer.append(str(child).replace("\n", " ") if child.name != "title" else child.get_text())
                    self.flush_text(chrome=True)
                elif child.name == "br":
                    self.buffer.append("\n")
                elif child.name in _BLOCK:
                    self.flush_text()
                    self.line = child.sourceline or self.line
                    self.walk(child)
                    self.flush_text()
                else:
                    if not self.buffer:
                        self.line = child.sourceline or self.line
                    self.walk(child)
            elif isinstance(child, NavigableString) and not isinstance(child, _SKIP):
                self.buffer.append(str(child).replace("\xa0", " "))


def read_html(text: str, source: str) -> Table:
    """Read the tables of an HTML page (and the text around them) into a Table."""
    check_html_size(text, source)
    soup = BeautifulSoup(text, "html.parser")
    check_depth(soup, source)
    walker = _Walker()
    walker.walk(soup)
    walker.flush_grid()
    return build_table(walker.grids, source, source)
