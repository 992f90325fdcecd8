"""Bounded streaming reads of the parts of an .xlsx: each XML member is fed to expat in chunks from the
zip, so memory follows what is kept, never the size of the XML. A DTD or entity declaration anywhere in a
member, malformed XML, and a shared-strings table past its limits are refused with a :class:`ParseError`
naming the file and the member.

What is kept: the sheet list (names and member paths, in workbook order), the epoch, per cell style the
number format, and the shared strings (each string whole, as openpyxl gives it: plain and rich-text runs
joined, phonetic runs left out, ``x005F_`` escapes undone).
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

from assistant.parse.errors import ParseError
from assistant.parse.limits import MAX_SHARED_CHARS, MAX_SHARED_STRINGS

CHUNK = 1 << 20
SEP = "}"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
Start = Callable[[str, dict[str, str]], None]
End = Callable[[str], None]
Text = Callable[[str], None]


_LOCAL: dict[str, str] = {}


def local(name: str) -> str:
    """The local part of an expat name ``namespace}local`` (or of an unprefixed name)."""
    found = _LOCAL.get(name)
    if found is None:
        found = name.rpartition(SEP)[2]
        if len(_LOCAL) < 4096:
            _LOCAL[name] = found
    return found


def _refuse_dtd(member: str, path: str) -> Callable[..., None]:
    def handler(*_args: object) -> None:
        raise ParseError(f"{member} 含有文档类型或实体声明（<!DOCTYPE>/<!ENTITY>），Office 文件不应包含；"
                         "为防止实体膨胀攻击，拒绝读取。",
                         f"member {member} declares a DTD or entities (<!DOCTYPE>/<!ENTITY>), which Office files "
                         "never do: refused to prevent entity expansion.", path=path, where=f"压缩成员 {member}")
    return handler


def parser(member: str, path: str, start: Start | None = None, end: End | None = None,
           text: Text | None = None) -> expat.XMLParserType:
    """An expat parser with namespace names ``ns}local`` that refuses any DTD or entity declaration."""
    p = expat.ParserCreate(namespace_separator=SEP)
    p.buffer_text = True
    p.buffer_size = 1 << 16
    p.StartDoctypeDeclHandler = _refuse_dtd(member, path)
    p.EntityDeclHandler = _refuse_dtd(member, path)
    p.ExternalEntityRefHandler = _refuse_dtd(member, path)  # type: ignore[assignment]
    if start is not None:
        p.StartElementHandler = start
    if end is not None:
        p.EndElementHandler = end
    if text is not None:
        p.CharacterDataHandler = text
    return p


def bad_xml(err: expat.ExpatError, member: str, path: str) -> ParseError:
    return ParseError(f"{member} 不是有效的 XML（第{err.lineno}行第{err.offset + 1}列：{expat.errors.messages[err.code]}），"
                      "文件可能已损坏；请用 Excel 打开后另存为 .xlsx。",
                      f"member {member} is not well-formed XML (line {err.lineno}, column {err.offset + 1}: "
                      f"{expat.errors.messages[err.code]}); the file may be damaged.", path=path,
                      where=f"压缩成员 {member}")


def feed(zf: zipfile.ZipFile, member: str, p: expat.XMLParserType, path: str) -> Iterator[None]:
    """Feed ``member`` to ``p`` a chunk at a time, yielding after each chunk (the caller drains what the
    handlers collected)."""
    try:
        with zf.open(member) as fh:
            while chunk := fh.read(CHUNK):
                p.Parse(chunk, False)
                yield
            p.Parse(b"", True)
            yield
    except expat.ExpatError as err:
        raise bad_xml(err, member, path) from None
    except ParseError:
        raise
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as err:
        raise ParseError(f"无法解压 {member}（{type(err).__name__}），文件可能已损坏。",
                         f"cannot inflate member {member} ({type(err).__name__}); the file may be damaged.",
                         path=path, where=f"压缩成员 {member}") from None


def parse_all(zf: zipfile.ZipFile, member: str, path: str, start: Start | None = None, end: End | None = None,
              text: Text | None = None) -> None:
    for _ in feed(zf, member, parser(member, path, start, end, text), path):
        pass


@dataclass
class SheetRef:
    title: str
    member: str


@dataclass
class Workbook:
    """What the sheet reader needs from the workbook's own parts."""

    sheets: list[SheetRef] = field(default_factory=list)
    epoch: object = CALENDAR_WINDOWS_1900
    formats: list[str] = field(default_factory=list)
    date_styles: set[int] = field(default_factory=set)
    timedelta_styles: set[int] = field(default_factory=set)
    shared: list[str] = field(default_factory=list)

    def number_format(self, style: int) -> str:
        return self.formats[style] if 0 <= style < len(self.formats) else "General"


def _rels(zf: zipfile.ZipFile, member: str, path: str) -> dict[str, tuple[str, str]]:
    """Relationship id → (type's last segment, target member path) of a part's .rels."""
    base = posixpath.dirname(posixpath.dirname(member))
    out: dict[str, tuple[str, str]] = {}

    def start(name: str, attrs: dict[str, str]) -> None:
        if local(name) == "Relationship" and "Id" in attrs and "Target" in attrs:
            target = attrs["Target"]
            full = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
            out[attrs["Id"]] = (attrs.get("Type", "").rpartition("/")[2], full)

    if member in zf.NameToInfo:
        parse_all(zf, member, path, start)
    return out


def _workbook_member(zf: zipfile.ZipFile, path: str) -> str:
    for _rid, (kind, target) in _rels(zf, "_rels/.rels", path).items():
        if kind == "officeDocument" and target in zf.NameToInfo:
            return target
    return "xl/workbook.xml"


def read_workbook(zf: zipfile.ZipFile, path: str) -> Workbook:
    """The sheet list (worksheets only, as openpyxl's ``worksheets``), epoch, number formats and shared
    strings. Raise KeyError when the workbook part or a worksheet it lists is missing, ParseError for a
    malformed part or shared strings past their limits."""
    wb = Workbook()
    member = _workbook_member(zf, path)
    if member not in zf.NameToInfo:
        raise KeyError(member)
    rels_member = posixpath.join(posixpath.dirname(member), "_rels", posixpath.basename(member) + ".rels")
    rels = _rels(zf, rels_member, path)
    found: list[tuple[str, str]] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = local(name)
        if tag == "sheet":
            found.append((attrs.get("name", ""), attrs.get(f"{REL_NS}{SEP}id", "")))
        elif tag == "workbookPr" and attrs.get("date1904", "").lower() in ("1", "true"):
            wb.epoch = CALENDAR_MAC_1904

    parse_all(zf, member, path, start)
    for title, rid in found:
        kind, target = rels.get(rid, ("", ""))
        if kind == "worksheet":
            if target not in zf.NameToInfo:
                raise KeyError(target)
            wb.sheets.append(SheetRef(title, target))
    parts = {kind: target for kind, target in rels.values()}
    if parts.get("styles") in zf.NameToInfo:
        _read_styles(zf, parts["styles"], path, wb)
    if parts.get("sharedStrings") in zf.NameToInfo:
        wb.shared = read_shared_strings(zf, parts["sharedStrings"], path)
    return wb


def _read_styles(zf: zipfile.ZipFile, member: str, path: str, wb: Workbook) -> None:
    custom: dict[int, str] = {}
    ids: list[int] = []
    stack: list[str] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = local(name)
        if tag == "numFmt" and stack and stack[-1] == "numFmts":
            try:
                custom[int(attrs.get("numFmtId", ""))] = attrs.get("formatCode", "")
            except ValueError:
                pass
        elif tag == "xf" and stack and stack[-1] == "cellXfs":
            try:
                ids.append(int(attrs.get("numFmtId", "0")))
            except ValueError:
                ids.append(0)
        stack.append(tag)

    def end(_name: str) -> None:
        stack.pop()

    parse_all(zf, member, path, start, end)
    for index, fid in enumerate(ids):
        fmt = custom[fid] if fid in custom else BUILTIN_FORMATS.get(fid)
        wb.formats.append(fmt or "General")
        if is_date_format(fmt):
            wb.date_styles.add(index)
        if is_timedelta_format(fmt):
            wb.timedelta_styles.add(index)


def read_shared_strings(zf: zipfile.ZipFile, member: str, path: str) -> list[str]:
    """Every ``<si>`` as one string. Refuse past :data:`MAX_SHARED_STRINGS` strings or
    :data:`MAX_SHARED_CHARS` characters in all."""
    strings: list[str] = []
    parts: list[str] = []
    state = {"chars": 0, "skip": 0, "in_t": False, "in_si": False}
    where = f"压缩成员 {member}（共享字符串表）"

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = local(name)
        if tag == "si":
            state["in_si"] = True
            parts.clear()
        elif tag in ("rPh", "phoneticPr"):
            state["skip"] += 1
        elif tag == "t" and state["in_si"] and not state["skip"]:
            state["in_t"] = True

    def end(name: str) -> None:
        tag = local(name)
        if tag == "t":
            state["in_t"] = False
        elif tag in ("rPh", "phoneticPr"):
            state["skip"] -= 1
        elif tag == "si":
            state["in_si"] = False
            text = "".join(parts).replace("x005F_", "")
            strings.append(text)
            state["chars"] += len(text)
            if len(strings) > MAX_SHARED_STRINGS or state["chars"] > MAX_SHARED_CHARS:
                raise ParseError(
                    f"共享字符串表超过上限（{MAX_SHARED_STRINGS} 条、共 {MAX_SHARED_CHARS} 个字符；读到第 {len(strings)} 条时"
                    f"已有 {state['chars']} 个字符）；请删除多余内容或拆分表格。",
                    f"the shared-strings table is over the limit of {MAX_SHARED_STRINGS} strings and "
                    f"{MAX_SHARED_CHARS} characters ({len(strings)} strings, {state['chars']} characters read); "
                    "remove stray content or split the workbook.", path=path, where=where)

    def text(data: str) -> None:
        if state["in_t"]:
            parts.append(data)

    parse_all(zf, member, path, start, end, text)
    return strings
