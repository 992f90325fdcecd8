"""Pasted or extracted text that is not the numbered layout: turn it into a grid for :mod:`grid`.

Layouts, tried in this order (the first whose rows hold an indicator header wins):

- one cell per line closed by ``|``, rows closed by ``||``+ (a web page's table text): cells by position;
- tab-separated rows (a selection copied from Excel) and markdown pipe tables: cells by position;
- web-page pipe text (``a | b | ||||``): a row is complete when it has the table's usual number of pipes,
  so cells broken over several lines are joined; cells lost to row spans are matched by shape;
- layout-preserving text (``pdftotext -layout``, :mod:`layouttext`): columns by character offset;
- space-separated rows (``产出指标 数量指标 出差人数 正向 = 8 4``): cells matched to the header by shape;
  a row missing a cell (no unit) is aligned by value shape and flagged when another reading is close;
  a 一级 label broken onto the next line (``项目完成`` / ``指标``) is joined;
- cells run together with no delimiter (:mod:`runtogether`);
- one cell per line (PDF extraction), blank lines and lone ``|`` lines between cells skipped: header
  names on consecutive lines; header fields as label/value lines (values broken over lines are joined,
  quoted blocks are one value); in the grid a line is a 一级 label, a 二级 label (broken labels such as
  服务对象满意度 / 指标 are joined), a name, or the value that follows a name; a heading (第四部分 …) or a
  sign-off line ends the grid;
- indicators written as prose (``数量指标:…>=17600株;``, :mod:`prose`).

Text with none of these but with the numbered layout's header or items (a damaged numbered table) goes to
the numbered reader, which keeps what it cannot place as warnings.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import replace

from assistant.model import Position, Table
from assistant.parse.categories import clean_label, is_category_label, is_subcategory_label
from assistant.parse.fields import HEADING, is_signoff
from assistant.parse.grid import (
    Cell,
    Grid,
    build_table,
    column_role,
    field_label,
    is_header_row,
)
from assistant.parse.layouttext import layout_rows
from assistant.parse.markup import strip_markup
from assistant.parse.numbered import parse_numbered, split_items
from assistant.parse.prose import prose_rows
from assistant.parse.runtogether import runtogether_rows

_MD_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_PAREN_ONLY = re.compile(r"^[（(][^()（）]*[)）]$")
_MONEY = re.compile(r"^[（(]\s*(亿元|万元|元)\s*[)）]$")
_SEGMENT = re.compile(r"\s{2,}")
_NUMBER_LABEL = re.compile(r"^([-+]?[\d,]+(?:\.\d+)?)\s+(\S.*)$")
_LIST_ITEM = re.compile(r"^\s*\d{1,2}\s*[.、．]")
_GRID_FRAME = {"绩效指标", "绩效指标名称"}
_SPLIT_HEADER = ("一级", "二级", "三级", "指标")
_LONE_PIPE = re.compile(r"^\s*\|\s*$")
_NUMBERED_HINT = re.compile(r"项目名称[^\n]*\t[^\n]*(?:绩效指标|绩效目标)")


def _pos(line: int) -> Position:
    return Position(line=line)


def _single_rows(lines: list[str], start: int = 1) -> list[list[Cell]]:
    return [[Cell(text.strip(), _pos(n))] for n, text in enumerate(lines, start=start) if text.strip()]


def _tab_rows(lines: list[str]) -> list[list[Cell]]:
    """Tab-separated rows as Excel copies them: a cell holding a line break is quoted."""
    rows = []
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter="\t")
    start = 1
    for record in reader:
        if any(t.strip() for t in record):
            rows.append([Cell(t.strip(), _pos(start)) for t in record])
        start = reader.line_num + 1
    return rows


def _markdown_rows(lines: list[str]) -> list[list[Cell]]:
    rows = []
    for n, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or _MD_SEP.match(text):
            continue
        if text.startswith("|"):
            inner = text[1:-1] if text.endswith("|") and len(text) > 1 else text[1:]
            rows.append([Cell(t.strip().replace("<br>", "\n"), _pos(n)) for t in inner.split("|")])
        else:
            rows.append([Cell(text.lstrip("#").strip(), _pos(n))])
    return rows


def _pipe_rows(lines: list[str]) -> list[list[Cell]]:
    counts = Counter(line.count("|") for line in lines if line.count("|") >= 2)
    width = counts.most_common(1)[0][0] if counts else 0
    rows: list[list[Cell]] = []
    current: list[list] = []
    pipes = 0

    def close() -> None:
        nonlocal current, pipes
        if current:
            rows.append([Cell(text.strip(), _pos(line)) for text, line in current])
        current, pipes = [], 0

    for n, line in enumerate(lines, start=1):
        count = line.count("|")
        if count == 0 and not current:
            if line.strip():
                rows.append([Cell(line.strip(), _pos(n))])
            continue
        pieces = line.split("|")
        if current:
            current[-1][0] += "\n" + pieces[0]
            if not current[-1][0].strip("\n "):
                current[-1][1] = n
        else:
            current.append([pieces[0], n])
        for piece in pieces[1:]:
            current.append([piece, n])
        pipes += count
        if pipes >= width:
            close()
    close()
    return rows


_PIPE_RUN = re.compile(r"\|+")


def _is_pipe_cells(lines: list[str]) -> bool:
    """One cell per line, each closed by ``|``, a row closed by ``||`` or more (a web page's table text)."""
    piped = [ln.strip() for ln in lines if "|" in ln]
    single = sum(1 for ln in piped if ln.count("|") == 1 and ln.endswith("|"))
    tails = sum(1 for ln in piped if re.search(r"\|\|+$", ln))
    return single >= 5 and tails >= 2 and single * 2 >= len(piped)


def _pipe_cell_rows(lines: list[str]) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    current: list[Cell] = []
    text, start = "", 0
    for n, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if "|" not in stripped and not current and not text:
            rows.append([Cell(stripped, _pos(n))])
            continue
        pieces = _PIPE_RUN.split(stripped)
        runs = _PIPE_RUN.findall(stripped)
        for k, piece in enumerate(pieces):
            if piece.strip():
                text = f"{text}\n{piece.strip()}" if text else piece.strip()
                start = start or n
            if k < len(runs):
                current.append(Cell(text, _pos(start or n)))
                text, start = "", 0
                if len(runs[k]) >= 2:
                    rows.append(current)
                    current = []
    if text:
        current.append(Cell(text, _pos(start)))
    if current:
        rows.append(current)
    return rows


def _join_broken_labels(lines: list[str]) -> list[str]:
    """A 一级 label broken over two lines (``项目完成 数量指标 …`` then ``指标``): join its tail to the row's first
    token and blank the tail line, so line numbers stay."""
    out = list(lines)
    prev = None
    for i, line in enumerate(out):
        text = line.strip()
        if not text:
            continue
        if prev is not None and len(text) <= 3 and " " not in text:
            tokens = out[prev].split()
            broken = next((t for t in tokens[:2] if _is_label(t + text) and not _is_label(t)), None)
            if broken is not None:
                out[prev] = out[prev].replace(broken, broken + text, 1)
                out[i] = ""
                continue
        prev = i
    return out


def _is_label(text: str) -> bool:
    return is_category_label(text) or is_subcategory_label(text)


_OPEN_TAIL = re.compile(r"[/／（(、，,]$")
_GOAL_LABEL = re.compile(r"目标")
_SENTENCE_END = re.compile(r"[。；;！!]$")


def _wrapped_into(prev: list[str], text: str) -> list[str] | None:
    """``prev``'s tokens with the hard-wrapped line ``text`` put back where the PDF broke it, or None
    when ``text`` is a line of its own: the tail of a cell left open (``≤3.3万元/`` then ``座``), the
    close of a bracket left open (``治理率（较上年提`` then ``高） ≥2个百分点``), or the rest of a
    goal sentence."""
    tokens = text.split()
    if not prev or field_label(tokens[0]) or is_header_row(tokens) or _is_label(tokens[0]):
        return None
    if len(tokens) == 1 and len(text) <= 4 and _OPEN_TAIL.search(prev[-1]):
        return prev[:-1] + [prev[-1] + text]
    open_at = next((k for k, t in enumerate(prev) if t.count("（") + t.count("(") > t.count("）") + t.count(")")), None)
    if open_at is not None and re.search(r"[）)]", tokens[0]) and tokens[0].count("（") + tokens[0].count("(") == 0:
        return prev[:open_at] + [prev[open_at] + tokens[0]] + prev[open_at + 1:] + tokens[1:]
    if len(tokens) == 1 and len(prev) == 2 and field_label(prev[0]) and _GOAL_LABEL.search(prev[0]) \
            and not _SENTENCE_END.search(prev[1]):
        return [prev[0], prev[1] + text]
    return None


def _join_hard_wraps(lines: list[str]) -> list[str]:
    """Lines a PDF extractor broke inside a cell, joined back onto the line they belong to; the
    continuation line is blanked so line numbers stay."""
    out = list(lines)
    prev = None
    for i, line in enumerate(out):
        text = line.strip()
        if not text:
            continue
        if prev is not None:
            joined = _wrapped_into(out[prev].split(), text)
            if joined is not None:
                out[prev] = " ".join(joined)
                out[i] = ""
                continue
        prev = i
    return out


def _space_rows(lines: list[str]) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    in_grid = False
    for n, line in enumerate(_join_hard_wraps(_join_broken_labels(lines)), start=1):
        text = line.strip()
        if not text:
            continue
        tokens = text.split()
        if is_header_row(tokens):
            in_grid = True
            rows.append([Cell(t, _pos(n)) for t in tokens])
            continue
        if in_grid:
            first = re.sub(r"^其中\s*[:：]\s*", "", text)
            if field_label(first.split()[0]) == "项目名称":
                in_grid = False
            else:
                rows.append([Cell(t, _pos(n)) for t in tokens])
                continue
        body = re.sub(r"^其中\s*[:：]\s*", "", text)
        parts = body.split(None, 1)
        if len(parts) == 2 and field_label(parts[0]):
            rows.append([Cell(parts[0], _pos(n)), Cell(parts[1], _pos(n))])
        else:
            rows.append([Cell(text, _pos(n))])
    return rows


def _has_header(rows: list[list[Cell]]) -> bool:
    return any(is_header_row([c.text for c in row]) for row in rows)


def _stream_header(lines: list[str]) -> tuple[int, int] | None:
    """(start, end) of header names written one per line, or None."""
    n = len(lines)
    for i in range(n):
        roles = []
        j = i
        while j < n and column_role(lines[j]) in ("l1", "l2", "name", "value", "comparator", "unit"):
            roles.append(column_role(lines[j]))
            j += 1
        if "name" in roles and "value" in roles:
            return i, j
    return None


def _quoted(lines: list[str], i: int) -> tuple[str, int]:
    """Read a quoted block starting at line i; return its text (wrapped lines joined) and the next index."""
    parts = [lines[i].strip()[1:]]
    j = i
    while not parts[-1].rstrip().endswith('"') and j + 1 < len(lines):
        j += 1
        parts.append(lines[j].strip())
    parts[-1] = parts[-1].rstrip()[:-1] if parts[-1].rstrip().endswith('"') else parts[-1]
    text = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        text += ("\n" if text and _LIST_ITEM.match(part) else "") + part
    return text, j + 1


def _stream_fields(lines: list[str]) -> list[list[Cell]]:
    """Header-field lines (label, value, value continued …) → rows of [label, value] cells."""
    pieces: list[tuple[str, int, bool]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip().startswith('"'):
            text, i2 = _quoted(lines, i)
            pieces.append((text, i + 1, True))
            i = i2
            continue
        for seg in _SEGMENT.split(line.strip()):
            m = _NUMBER_LABEL.match(seg.strip())
            parts = [m.group(1), m.group(2)] if m and field_label(m.group(2)) else [seg.strip()]
            pieces.extend((part, i + 1, False) for part in parts if part)
        i += 1
    rows: list[list[Cell]] = []
    entries: list[list] = []
    waiting: list[list] = []
    k = 0
    started = False
    while k < len(pieces):
        text, line, quoted = pieces[k]
        label = None if quoted else field_label(text)
        joined = 1
        if label is None and not quoted:
            for extra in (2, 3):
                group = pieces[k:k + extra]
                if len(group) == extra and all(len(p[0]) <= 4 and not p[2] and not field_label(p[0])
                                               for p in group):
                    cand = field_label("".join(p[0] for p in group))
                    if cand:
                        label, joined = cand, extra
                        break
        if label is not None:
            started = True
            if label in ("项目绩效目标", "项目资金", "投入目标", "绩效指标", "资金情况", "项目资金情况"):
                entries.append([label, line, None, "frame"])
            else:
                entry = [label, line, None, "field"]
                entries.append(entry)
                waiting.append(entry)
            k += joined
            continue
        if not started:
            rows.append([Cell(text, _pos(line))])
            k += 1
            continue
        last = entries[-1] if entries else None
        if not quoted and _PAREN_ONLY.match(text) and last is not None and last[2] is None:
            money = _MONEY.match(text)
            if last[3] == "frame" and money:
                entries.append(["资金单位", line, [money.group(1), line], "field"])
            else:
                last[0] += text
            k += 1
            continue
        if waiting:
            entry = waiting.pop(0)
            entry[2] = [text, line]
        elif last is not None and last[2] is not None and not quoted:
            last[2][0] += text
        else:
            rows.append([Cell(text, _pos(line))])
        k += 1
    for label, line, value, kind in entries:
        if kind == "frame":
            continue
        if value is None:
            rows.append([Cell(label, _pos(line))])
        else:
            rows.append([Cell(label, _pos(line)), Cell(value[0], _pos(value[1]))])
    return rows


def _stream_grid(lines: list[str], start: int) -> list[list[Cell]]:
    """Grid lines after the header → rows [一级, 二级, 三级, 指标值] (labels only where they change)."""
    rows: list[list[Cell]] = []
    l1: Cell | None = None
    l2: Cell | None = None
    name: Cell | None = None
    i = start
    n = len(lines)

    def emit(value: Cell) -> None:
        nonlocal l1, l2, name
        assert name is not None
        empty = Cell("", name.pos)
        rows.append([l1 or empty, l2 or empty, name, value])
        l1 = l2 = name = None

    while i < n:
        text = lines[i].strip()
        lineno = i + 1
        i += 1
        if not text:
            continue
        if (HEADING.match(text) or is_signoff(text)) and name is None:
            rows.extend([Cell(rest.strip(), _pos(k))] for k, rest in enumerate(lines[i - 1:], start=i)
                        if rest.strip())
            break
        nxt = lines[i].strip() if i < n else ""
        if name is None and clean_label(text + nxt) in _GRID_FRAME and len(nxt) <= 2:
            i += 1
            continue
        if name is None and clean_label(text) in _GRID_FRAME:
            continue
        joined = text + nxt
        if name is None and nxt and len(nxt) <= 2 and not is_subcategory_label(text) and not is_category_label(text) \
                and (is_subcategory_label(joined) or is_category_label(joined)):
            text = joined
            i += 1
        if name is None and is_category_label(text) and not (l1 is not None and l2 is None):
            l1, l2 = Cell(text, _pos(lineno)), None
        elif name is None and (is_subcategory_label(text) or is_category_label(text)):
            l2 = Cell(text, _pos(lineno))
        elif name is None:
            name = Cell(text, _pos(lineno))
        else:
            emit(Cell(text, _pos(lineno)))
    if name is not None:
        emit(Cell("", name.pos))
    for label in (l1, l2):
        if label is not None and (not rows or label not in rows[-1]):
            rows.append([label, Cell("", label.pos), Cell("", label.pos), Cell("", label.pos)])
    return rows


def _stream_rows(lines: list[str]) -> list[list[Cell]] | None:
    """One cell per line; blank lines between cells and lines holding only a ``|`` delimiter are skipped
    (positions keep the original line numbers)."""
    numbers = [n for n, line in enumerate(lines, start=1) if line.strip() and not _LONE_PIPE.match(line)]
    compact = [lines[n - 1] for n in numbers]
    k = 0
    while k + 1 < len(compact):
        if compact[k].strip() in _SPLIT_HEADER and compact[k + 1].strip() in ("指标", "名称"):
            compact[k] = compact[k].strip() + compact[k + 1].strip()
            del compact[k + 1], numbers[k + 1]
        k += 1
    found = _stream_header(compact)
    if found is None:
        return None
    start, end = found
    header = [Cell(compact[k].strip(), _pos(k + 1)) for k in range(start, end)]
    rows = _stream_fields(compact[:start]) + [header] + _stream_grid(compact, end)
    return [[replace(c, pos=_pos(numbers[c.pos.line - 1])) if c.pos.line else c for c in row] for row in rows]


def parse_text_grid(text: str, source: str | None) -> Table:
    """Read a columnar table from text. Raise ParseError when no layout yields an indicator header."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    candidates = []
    if _is_pipe_cells(lines):
        candidates.append((_pipe_cell_rows(lines), True))
    if any("\t" in line for line in lines):
        candidates.append((_tab_rows(lines), True))
    if any(line.strip().startswith("|") for line in lines) and any(_MD_SEP.match(line) for line in lines if
                                                                     line.strip()):
        candidates.append((_markdown_rows(lines), True))
    if any(line.count("|") >= 2 for line in lines):
        candidates.append((_pipe_rows(lines), False))
    laid_out = layout_rows(lines)
    if laid_out is not None:
        candidates.append((laid_out, True))
    candidates.append((_space_rows(lines), False))
    for rows, positional in candidates:
        if _has_header(rows):
            return build_table([Grid(rows, positional=positional)], source, source)
    glued = runtogether_rows(lines)
    if glued is not None:
        return build_table([Grid(glued, positional=True)], source, source)
    stream = _stream_rows(lines)
    if stream is not None:
        return build_table([Grid(stream, positional=True)], source, source)
    written = prose_rows(lines)
    if written is not None:
        return build_table([Grid(written, positional=True)], source, source)
    if _NUMBERED_HINT.search(text) or split_items(strip_markup(text))[1]:
        return parse_numbered(text, source)
    return build_table([Grid(_single_rows(lines))], source, source)
