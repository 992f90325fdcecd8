"""Limits on what one input may expand to, checked before a reader builds anything big: zip members of
.xlsx/.docx (count, sizes, compression ratio, no DTD or entity declarations), regular files only and a
bounded read, HTML nesting depth, cell size, rows and cells. Every refusal is a :class:`ParseError` that
names the file, the place and the limit, in Chinese and English.

Python's zipfile stops inflating a member at its declared size, so the sizes in the zip directory bound
what a reader can get out of a member. Members read whole into memory (python-docx, the small parts of a
workbook, and openpyxl when asked for) keep the old caps: openpyxl takes about 35 MB per MB of sheet XML
(bench/input_limits.py: a 23 MB sheet of 400k cells peaks at 790 MiB). Worksheets and the shared-strings
table of an .xlsx are streamed (:mod:`assistant.parse.xlsxsheet`): their XML may be larger, and what is
kept is bounded instead by the row, cell, merge, shared-string and text limits, checked while streaming.
Every reader that keeps unplaced text as warnings is held to :data:`MAX_WARNINGS` of them."""

from __future__ import annotations

import os
import re
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

from assistant.parse.errors import ParseError

MB = 1024 * 1024
MAX_MEMBERS = 5_000
MAX_UNZIPPED = 32 * MB
MAX_MEMBER = 24 * MB
MAX_RATIO = 100
RATIO_FLOOR = 1 * MB
MAX_DEPTH = 150
MAX_CELL_CHARS = 1_000_000
MAX_ROWS = 200_000
MAX_CELLS = 1_000_000
MAX_HTML_ELEMENTS = 300_000
PROLOG_BYTES = 64 * 1024
MAX_STREAMED_MEMBER = 256 * MB
MAX_STREAMED = 512 * MB
MAX_MERGES = 100_000
MAX_SHARED_STRINGS = 1_000_000
MAX_SHARED_CHARS = 50_000_000
MAX_TEXT_CHARS = 50_000_000
MAX_WARNINGS = 100_000

_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_START_TAG = re.compile(r"<[a-zA-Z]")
_ROOT = re.compile(rb"<[a-zA-Z_]|<\x00[a-zA-Z_]")


def _mb(n: int) -> str:
    return f"{n / MB:.1f} MB"


def regular_file(path: Path) -> os.stat_result:
    """The file's stat; refuse anything that is not a regular file (device, FIFO, socket, folder)."""
    name = str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise ParseError("文件不存在。", "file not found.", path=name) from None
    except OSError as err:
        raise ParseError(f"无法读取文件（{err.strerror}）。", f"cannot read the file ({err.strerror}).",
                         path=name) from None
    if stat.S_ISDIR(st.st_mode):
        raise ParseError("这是一个文件夹，不是文件。", "this is a directory, not a file.", path=name)
    if not stat.S_ISREG(st.st_mode):
        kind = "管道（FIFO）" if stat.S_ISFIFO(st.st_mode) else "设备或特殊文件"
        kind_en = "a FIFO" if stat.S_ISFIFO(st.st_mode) else "a device or special file"
        raise ParseError(f"这是{kind}，不是普通文件；只能读取普通的表格文件。",
                         f"this is {kind_en}, not a regular file; only regular files are read.", path=name)
    return st


def read_bounded(path: Path, limit: int, too_big: ParseError) -> bytes:
    """At most ``limit`` bytes of a regular file; raise ``too_big`` when the file holds more (it may have
    grown after its size was checked). Opening never blocks: FIFOs are refused before."""
    regular_file(path)
    with path.open("rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise too_big
    return data


def streamed_xlsx_member(name: str) -> bool:
    """Whether the streaming xlsx reader reads this member a chunk at a time (worksheets, shared strings)."""
    low = name.lower()
    return (low.startswith("xl/worksheets/") and low.endswith(".xml") and low.count("/") == 2) or \
        low == "xl/sharedstrings.xml"


def check_zip(path: str | Path, kind: str, streamed: Callable[[str], bool] | None = None) -> None:
    """Refuse an .xlsx/.docx whose members would inflate past the limits or declare a DTD (entity
    expansion), before a reader opens it. Members for which ``streamed`` is true are held to
    :data:`MAX_STREAMED_MEMBER` each and :data:`MAX_STREAMED` in all instead of :data:`MAX_MEMBER` and
    :data:`MAX_UNZIPPED`. A file that is not a zip at all is left to the reader, which names it as not a
    valid workbook or document."""
    name = str(path)
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    with zf:
        members = zf.infolist()
        if len(members) > MAX_MEMBERS:
            raise ParseError(f"这个{kind}文件包含 {len(members)} 个压缩成员，超过上限 {MAX_MEMBERS} 个，拒绝读取。",
                             f"the {kind} holds {len(members)} zip members, over the limit of {MAX_MEMBERS}.",
                             path=name)
        total = streamed_total = 0
        for info in members:
            where = f"压缩成员 {info.filename}"
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
                raise ParseError(f"{info.filename} 的压缩比为 {ratio:.0f}:1，超过上限 {MAX_RATIO}:1"
                                 f"（解压后 {_mb(info.file_size)}），疑似压缩炸弹，拒绝读取。",
                                 f"member {info.filename} has a compression ratio of {ratio:.0f}:1, over the "
                                 f"{MAX_RATIO}:1 limit ({info.file_size} bytes inflated): refused as a zip bomb.",
                                 path=name, where=where)
            if streamed is not None and streamed(info.filename):
                streamed_total += info.file_size
                _check_streamed(info, streamed_total, name, where)
                continue
            total += info.file_size
            if info.file_size > MAX_MEMBER:
                raise ParseError(f"{info.filename} 解压后有 {_mb(info.file_size)}，超过单个成员上限 "
                                 f"{_mb(MAX_MEMBER)}；请拆分表格后再上传。",
                                 f"member {info.filename} inflates to {info.file_size} bytes, over the "
                                 f"{MAX_MEMBER}-byte limit per member; split the table.", path=name, where=where)
            if total > MAX_UNZIPPED:
                raise ParseError(f"解压后总大小超过上限 {_mb(MAX_UNZIPPED)}；请拆分表格后再上传。",
                                 f"the members inflate to over {MAX_UNZIPPED} bytes in all; split the table.",
                                 path=name, where=where)
        for info in members:
            if info.filename.lower().endswith((".xml", ".rels", ".vml")):
                _check_prolog(zf, info, name)


def _check_streamed(info: zipfile.ZipInfo, total: int, name: str, where: str) -> None:
    if info.file_size > MAX_STREAMED_MEMBER:
        raise ParseError(f"{info.filename} 解压后有 {_mb(info.file_size)}，超过工作表上限 {_mb(MAX_STREAMED_MEMBER)}；"
                         "请拆分表格后再上传。",
                         f"member {info.filename} inflates to {info.file_size} bytes, over the "
                         f"{MAX_STREAMED_MEMBER}-byte limit per sheet; split the table.", path=name, where=where)
    if total > MAX_STREAMED:
        raise ParseError(f"各工作表解压后合计超过上限 {_mb(MAX_STREAMED)}；请拆分表格后再上传。",
                         f"the sheets inflate to over {MAX_STREAMED} bytes in all; split the table.",
                         path=name, where=where)


def _check_prolog(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    with zf.open(info) as fh:
        head = fh.read(PROLOG_BYTES)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:2] in (b"<\x00", b"\x00<"):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    if _DTD.search(head) or (len(head) == PROLOG_BYTES and not _ROOT.search(head)):
        raise ParseError(f"{info.filename} 含有文档类型或实体声明（<!DOCTYPE>/<!ENTITY>），Office 文件不应包含；"
                         "为防止实体膨胀攻击，拒绝读取。",
                         f"member {info.filename} declares a DTD or entities (<!DOCTYPE>/<!ENTITY>), which Office "
                         "files never do: refused to prevent entity expansion.",
                         path=name, where=f"压缩成员 {info.filename}")


def check_grid(rows: int, cols: int, path: str, where: str) -> None:
    """Refuse a sheet whose used range is over the row or cell caps, before its cells are built."""
    if rows > MAX_ROWS or rows * cols > MAX_CELLS:
        raise ParseError(f"使用区域为 {rows} 行 × {cols} 列，超过上限（{MAX_ROWS} 行、共 {MAX_CELLS} 个单元格）；"
                         "请删除多余的空行空列或拆分表格。",
                         f"the used range is {rows} rows by {cols} columns, over the limit of {MAX_ROWS} rows "
                         f"and {MAX_CELLS} cells; delete stray rows/columns or split the table.",
                         path=path, where=where)


def too_many_cells(count: int, path: str, where: str) -> ParseError:
    return ParseError(f"单元格数超过上限 {MAX_CELLS} 个（读到第 {count} 个）；请删除多余内容或拆分表格。",
                      f"over the limit of {MAX_CELLS} cells ({count} read); remove stray content or split the table.",
                      path=path, where=where)


def too_many_rows(count: int, path: str, where: str) -> ParseError:
    return ParseError(f"行数超过上限 {MAX_ROWS} 行（读到 {count} 行）；请拆分表格。",
                      f"over the limit of {MAX_ROWS} rows ({count} read); split the table.", path=path, where=where)


def too_many_warnings(path: str | None, where: str | None) -> ParseError:
    return ParseError(f"超过 {MAX_WARNINGS} 处内容无法归入指标表，这不像一张绩效目标表；请检查文件内容或拆分表格。",
                      f"over {MAX_WARNINGS} pieces of text fit no indicator table, so this does not look like a "
                      "performance-target table; check the file or split it.", path=path, where=where)


def too_much_text(chars: int, path: str, where: str) -> ParseError:
    return ParseError(f"表格文字超过上限 {MAX_TEXT_CHARS} 个字符（读到 {chars} 个）；请删除多余内容或拆分表格。",
                      f"the cells hold over {MAX_TEXT_CHARS} characters in all ({chars} read), the limit; remove "
                      "stray content or split the table.", path=path, where=where)


def cell_too_big(path: str, where: str) -> ParseError:
    return ParseError(f"单元格内容超过上限 {MAX_CELL_CHARS} 个字符；请检查该单元格。",
                      f"a cell holds over {MAX_CELL_CHARS} characters, the limit; check that cell.",
                      path=path, where=where)


def check_html_size(text: str, path: str) -> None:
    """Refuse HTML with more than :data:`MAX_HTML_ELEMENTS` start tags before it is parsed (a parsed
    element costs about 1 KB, bench/input_limits.py)."""
    count = len(_START_TAG.findall(text))
    if count > MAX_HTML_ELEMENTS:
        raise ParseError(f"HTML 含有 {count} 个元素，超过上限 {MAX_HTML_ELEMENTS} 个；请拆分表格或另存为 .xlsx/.csv。",
                         f"the HTML holds {count} elements, over the limit of {MAX_HTML_ELEMENTS}; split the "
                         "table or save it as .xlsx/.csv.", path=path)


def check_depth(root: object, path: str) -> None:
    """Refuse an HTML tree nested deeper than :data:`MAX_DEPTH` (the readers walk it recursively).
    ``root`` is a BeautifulSoup tree; the walk is iterative, one pass over its elements."""
    from bs4 import Tag

    depth: dict[int, int] = {id(root): 0}
    for node in root.descendants:  # type: ignore[attr-defined]
        if isinstance(node, Tag):
            d = depth.get(id(node.parent), 0) + 1
            if d > MAX_DEPTH:
                raise too_deep(MAX_DEPTH, path, node.sourceline)
            depth[id(node)] = d


def too_deep(depth: int, path: str, line: int | None) -> ParseError:
    where = f"第{line}行" if line else None
    return ParseError(f"HTML 元素嵌套 {depth} 层以上，超过上限 {MAX_DEPTH} 层；这不像一张表格，拒绝读取。",
                      f"HTML elements nest {depth} or more levels deep, over the limit of {MAX_DEPTH}.",
                      path=path, where=where)
