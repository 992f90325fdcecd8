"""Entry points: pick a reader by the file's content and suffix, decode text, enforce limits."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from charset_normalizer import from_bytes

from assistant.model import ParseWarning, Table
from assistant.parse.errors import ParseError
from assistant.parse.limits import read_bounded, regular_file
from assistant.parse.markup import strip_markup
from assistant.parse.numbered import looks_numbered, parse_numbered
from assistant.parse.quality import assess

NO_TABLE = "no_indicator_table"

DEFAULT_MAX_MB = 20


def max_bytes() -> int:
    """The size limit for one input file: ``JIXIAO_MAX_FILE_MB`` megabytes, 20 by default."""
    try:
        return int(float(os.environ.get("JIXIAO_MAX_FILE_MB", DEFAULT_MAX_MB)) * 1024 * 1024)
    except ValueError:
        return DEFAULT_MAX_MB * 1024 * 1024


def _too_big(size: int, path: str | None) -> ParseError:
    limit = max_bytes()
    return ParseError(f"文件大小 {size / 1024 / 1024:.1f} MB，超过上限 {limit / 1024 / 1024:.0f} MB；请拆分后再上传。",
                      f"file of {size} bytes is over the {limit}-byte limit; split it.", path=path)


def decode(data: bytes, path: str | None = None) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK; detect, never ask."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise ParseError("无法识别文件编码，请另存为 UTF-8 或 GB18030 文本。",
                         "cannot detect the text encoding; save the file as UTF-8 or GB18030.", path=path)
    return str(best)


def _check_bytes(data: bytes, path: str | None) -> None:
    if not data.strip():
        raise ParseError("文件为空，没有可读取的绩效目标表。", "the file is empty: no table to read.", path=path)
    if len(data) > max_bytes():
        raise _too_big(len(data), path)


def _looks_binary(data: bytes) -> bool:
    head = data[:4096]
    return b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff"))


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a reader builds many small objects that are all kept:
    collections triggered by allocation alone made parsing and review superlinear (bench/parse_review.py)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_text(text: str, source: str | None = None) -> Table:
    """Read pasted or extracted text in any layout the text readers know. Never raises: text in which no
    indicator table is found comes back as a Table with no projects whose warnings hold every line."""
    with paused_gc():
        if looks_numbered(text):
            return assess(parse_numbered(text, source))
        from assistant.parse.textgrid import parse_text_grid

        try:
            return assess(parse_text_grid(text, source))
        except ParseError as err:
            return _unread(text, source, err)


def _unread(text: str, source: str | None, err: ParseError) -> Table:
    table = Table(source=source)
    table.warnings.append(ParseWarning(kind=NO_TABLE, text="", message=err.zh))
    for lineno, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            table.warnings.append(ParseWarning(kind="unplaced_line", text=strip_markup(line).strip(), line=lineno,
                                               message=f"第{lineno}行不在任何指标表内，原文保留于此。"))
    return table


def read_path(path: str | Path) -> Table:
    """Read a table file: .txt/.md, .html, .csv, .xlsx, .docx, .pdf, extractor rows (.json) or our own .json."""
    with paused_gc():
        return assess(_read_path(Path(path)))


def _read_path(p: Path) -> Table:
    name = str(p)
    size = regular_file(p).st_size
    if size > max_bytes():
        raise _too_big(size, name)
    suffix = p.suffix.lower()
    data = read_bounded(p, max_bytes(), _too_big(max_bytes() + 1, name))
    _check_bytes(data, name)
    if suffix in (".xlsx", ".xlsm"):
        from assistant.parse.xlsx import read_xlsx

        return read_xlsx(p)
    if suffix == ".docx":
        from assistant.parse.docx import read_docx

        return read_docx(p)
    if suffix == ".json":
        return read_json(data, name)
    if suffix == ".pdf" or data.startswith(b"%PDF-"):
        from assistant.parse.pdf import read_pdf

        return read_pdf(p)
    if _looks_binary(data):
        raise ParseError("这是二进制文件，不是表格文本；请上传 .xlsx、.docx、.pdf、.csv、.html 或文本文件。",
                         "binary file: expected .xlsx, .docx, .pdf, .csv, .html or text.", path=name)
    text = decode(data, name)
    if suffix == ".csv":
        from assistant.parse.csv import read_csv_text

        return read_csv_text(text, p.name)
    if suffix in (".html", ".htm") or text.lstrip().lower().startswith(("<!doctype html", "<html", "<table")):
        from assistant.parse.html import read_html

        return read_html(text, p.name)
    table = read_text(text, p.name)
    missing = next((w for w in table.warnings if w.kind == NO_TABLE), None)
    if missing is not None and not table.projects:
        raise ParseError(missing.message or "没有找到指标表。", "no indicator table found.", path=name)
    return table


def read_json(data: bytes, path: str | None = None) -> Table:
    """Our own table JSON, or the raw output of a PDF table extractor: a list of rows, each a list of cell
    strings ("" for a merged cell), read through the grid interpreter."""
    from assistant.parse.jsonrows import looks_like_rows, read_rows

    rows = looks_like_rows(data)
    if rows is not None:
        return read_rows(rows, path)
    try:
        return Table.model_validate_json(data)
    except ValueError as err:
        raise ParseError(f"JSON 不是本工具的表格格式：{str(err).splitlines()[0]}",
                         f"JSON is not a table in this tool's format: {err}", path=path) from None
