"""PDF input (pdfplumber): text-layer pages, the 绩效目标 pages of a whole 部门预算 document, tables continued
across pages, and pages without a text layer named as needing OCR.

Pages whose text names 绩效目标/三级指标/绩效指标 are read, and so is a page right after one whose first
table does not start afresh (no header row, no 项目名称) — the continuation of a table broken by a page
end. Ruled tables become one positional grid (a continued table keeps its header and inherited labels);
text above a table that starts afresh (title, 单位) becomes field rows, other text outside tables is kept
as ``pdf_text`` warnings. A PDF without ruled tables is read as layout-preserving text. Every cell keeps
its page; table cells their row and column (``B7``), text lines their line on the page.
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant.model import ParseWarning, Position, Table
from assistant.parse.cells import Cell, Grid, cell_ref
from assistant.parse.errors import ParseError
from assistant.parse.fields import CHROME, field_label
from assistant.parse.grid import build_table
from assistant.parse.header import is_header_row

_PERF = re.compile(r"绩效目标|三级指标|绩效指标")


def _pages_text(numbers: list[int]) -> str:
    """``第2、5–7页`` from page numbers."""
    spans: list[list[int]] = []
    for n in sorted(numbers):
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return "、".join(f"{a}" if a == b else f"{a}–{b}" for a, b in spans)


def ocr_message(numbers: list[int]) -> tuple[str, str]:
    pages = _pages_text(numbers)
    return (f"第{pages}页没有文字层（扫描件或图片），需要先做文字识别（OCR）才能读取。",
            f"page(s) {pages} have no text layer (scanned images); run OCR on them first.")


def _starts_afresh(rows: list[list[str | None]]) -> bool:
    first = [c or "" for c in rows[0]] if rows else []
    return is_header_row(first) or any(field_label(c) for c in first[:1])


def _page_items(page, tables: list, n: int, continued: bool) -> tuple[list[list[Cell]], list[ParseWarning]]:
    extracted = [t.extract() for t in tables]
    rows: list[list[Cell]] = []
    notes: list[ParseWarning] = []
    lines = page.extract_text_lines()
    items: list[tuple[float, int, object]] = [(t.bbox[1], 0, k) for k, t in enumerate(tables)]
    for k, line in enumerate(lines, start=1):
        inside = any(t.bbox[1] - 1 <= line["top"] <= t.bbox[3] + 1 and t.bbox[0] - 1 <= line["x0"] <= t.bbox[2] + 1
                     for t in tables)
        if not inside and line["text"].strip():
            items.append((line["top"], 1, (k, line["text"].strip())))
    items.sort(key=lambda it: (it[0], it[1]))
    before_first = True
    fresh = not continued or (bool(extracted) and _starts_afresh(extracted[0]))
    for _, kind, what in items:
        if kind == 0:
            k = what
            sheet = f"表{k + 1}" if len(tables) > 1 else None
            for r, row in enumerate(extracted[k], start=1):
                rows.append([Cell(text or "", Position(page=n, sheet=sheet, cell=cell_ref(r, c)))
                             for c, text in enumerate(row, start=1)])
            before_first = False
            continue
        lineno, text = what
        pos = Position(page=n, line=lineno)
        if before_first and fresh and not CHROME.search(text):
            rows.append([Cell(text, pos)])
        else:
            notes.append(ParseWarning(kind="pdf_text", text=text, line=lineno, page=n,
                                      message=f"第{n}页表格之外的文字（页眉、页脚或说明），原文保留于此。"))
    return rows, notes


def _with_page(pos: Position | None, line_pages: list[tuple[int, int]]) -> Position | None:
    if pos is None or pos.line is None or pos.page is not None:
        return pos
    page, line = line_pages[pos.line - 1] if pos.line <= len(line_pages) else (None, pos.line)
    return pos.model_copy(update={"page": page, "line": line})


def _from_layout_text(pages: list, path: Path) -> Table:
    from assistant.parse.load import read_text

    text_lines: list[str] = []
    line_pages: list[tuple[int, int]] = []
    for page in pages:
        for k, line in enumerate((page.extract_text(layout=True) or "").split("\n"), start=1):
            text_lines.append(line)
            line_pages.append((page.page_number, k))
    table = read_text("\n".join(text_lines), path.name)
    for project in table.projects:
        project.position = _with_page(project.position, line_pages)
        for ind in project.indicators():
            ind.position = _with_page(ind.position, line_pages)
    for w in table.warnings:
        if w.line is not None and w.page is None and w.line <= len(line_pages):
            w.page, w.line = line_pages[w.line - 1]
    return table


def read_pdf(path: str | Path) -> Table:
    """Read the 绩效目标表 of a PDF. Raise ParseError when the PDF cannot be opened or no page has text."""
    import pdfplumber

    p = Path(path)
    try:
        pdf = pdfplumber.open(p)
    except Exception as err:  # pdfminer raises several unrelated types for a damaged file
        raise ParseError(f"无法打开这个 PDF：{type(err).__name__}。", f"cannot open this PDF: {err}", path=str(p)) \
            from None
    with pdf:
        pages = list(pdf.pages)
        blank = [pg.page_number for pg in pages if not pg.chars]
        text_pages = [pg for pg in pages if pg.chars]
        if not text_pages:
            zh, en = ocr_message(blank)
            raise ParseError(zh, en, path=str(p))
        found: dict[int, list] = {}

        def tables_of(pg) -> list:
            if pg.page_number not in found:
                found[pg.page_number] = pg.find_tables()
            return found[pg.page_number]

        chosen, previous_tables = [], False
        for pg in text_pages:
            text = re.sub(r"\s+", "", pg.extract_text() or "")
            if _PERF.search(text):
                chosen.append((pg, False))
                previous_tables = bool(tables_of(pg))
            elif chosen and chosen[-1][0].page_number == pg.page_number - 1 and previous_tables:
                tables = tables_of(pg)
                if tables and not _starts_afresh(tables[0].extract()):
                    chosen.append((pg, True))
                    continue
                previous_tables = False
            else:
                previous_tables = False
        if not chosen:
            chosen = [(pg, False) for pg in text_pages]
        rows: list[list[Cell]] = []
        notes: list[ParseWarning] = []
        for pg, continued in chosen:
            page_rows, page_notes = _page_items(pg, tables_of(pg), pg.page_number, continued)
            rows += page_rows
            notes += page_notes
        has_tables = any(len(r) > 1 for r in rows)
        try:
            table = build_table([Grid(rows, positional=True)], p.name, str(p)) if has_tables \
                else _from_layout_text([pg for pg, _ in chosen], p)
        except ParseError:
            table = _from_layout_text([pg for pg, _ in chosen], p)
        table.warnings.extend(notes)
        read = {pg.page_number for pg, _ in chosen}
        skipped = [pg.page_number for pg in text_pages if pg.page_number not in read]
        if skipped:
            table.fields["绩效目标表所在页"] = f"第{_pages_text(sorted(read))}页"
            table.warnings.append(ParseWarning(
                kind="skipped_pages", text="", page=skipped[0],
                message=f"第{_pages_text(skipped)}页不含绩效目标表（部门预算的其他部分），未读取。"))
        if blank:
            zh, en = ocr_message(blank)
            table.warnings.append(ParseWarning(kind="needs_ocr", text="", page=blank[0], message=f"{zh} {en}"))
        if not table.projects:
            pages = _pages_text(sorted(read))
            raise ParseError(f"PDF 第{pages}页中没有找到指标表（需要“三级指标”和“指标值”列）。",
                             f"no indicator table found on page(s) {pages} of this PDF.", path=str(p))
        return table
