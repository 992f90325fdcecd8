"""Indicators written as prose: a notice (``数量指标:★新植乔木数量(≥**株)>=17600株;质量指标:…``) or a budget
explanation (``设1条数量指标:开通业务月份≥1个月；…``), possibly hard-wrapped inside words by a PDF.

Wrapped lines are joined when a line does not end a sentence. Each ``<二级>指标:`` opens a list of items
separated by ``;``/``；``; an item's value starts at its last comparator outside parentheses (a
placeholder such as ``(≥**株)`` stays in the name), else at a tail that reads as a value. ``项目名称：``
starts a project. Lines holding no item are kept as warnings by the grid interpreter."""

from __future__ import annotations

import bisect
import re

from assistant.model import Position
from assistant.parse.cells import Cell
from assistant.parse.runtogether import split_value

_SUB = r"(?:数量|质量|时效|经济成本|社会成本|生态环境成本|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度|满意度)指标"
_LABEL = re.compile(rf"(?:设\s*\d+\s*条\s*)?({_SUB})\s*[:：]")
_NAME = re.compile(r"项目名称\s*[:：]\s*([^\s:：;；。，,]+)")
_END = re.compile(r"[。；;：:，,）)]$")


def _join(lines: list[str]) -> tuple[str, list[int]]:
    """Join hard-wrapped lines; return the text and the offset where each original line starts."""
    pieces: list[str] = []
    starts: list[int] = []
    length = 0
    for k, line in enumerate(lines):
        piece = line.strip()
        if pieces and not pieces[-1].endswith("\n"):
            prev = lines[k - 1].strip()
            wrapped = prev and not _END.search(prev) and piece and re.match(r"[\u3400-\u9fff\d%]", piece) \
                and _LABEL.search(lines[k - 1])
            if not wrapped:
                pieces.append("\n")
                length += 1
        starts.append(length)
        pieces.append(piece)
        length += len(piece)
    return "".join(pieces), starts


def prose_rows(lines: list[str]) -> list[list[Cell]] | None:
    """Rows for the grid interpreter (header fields, a synthetic header, one row per item), or None when
    the text has fewer than two ``<二级>指标:`` labels."""
    text, starts = _join(lines)
    labels = list(_LABEL.finditer(text))
    if len(labels) < 2:
        return None

    def pos(offset: int) -> Position:
        return Position(line=bisect.bisect_right(starts, offset))

    events: list[tuple[int, list[str]]] = []
    covered = bytearray(len(text))
    for m in _NAME.finditer(text):
        events.append((m.start(), ["项目名称", m.group(1)]))
        covered[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    for k, m in enumerate(labels):
        stop = labels[k + 1].start() if k + 1 < len(labels) else len(text)
        body = text[m.end():stop]
        body = re.split(r"[。\n]", body, maxsplit=1)[0]
        for item in re.split(r"[;；]", body):
            item = item.strip().rstrip("。")
            if not item:
                continue
            name, value = split_value(item)
            events.append((m.start(), ["", m.group(0).rstrip(":： "), name, value]))
        end = m.end() + len(body)
        covered[m.start():end] = b"\x01" * (end - m.start())
    events.sort(key=lambda e: e[0])
    rows: list[list[Cell]] = []
    header_done: set[int] = set()
    project = 0
    for offset, cells in events:
        p = pos(offset)
        if cells[0] == "项目名称":
            project += 1
            rows.append([Cell(c, p) for c in cells])
            continue
        if project not in header_done:
            header_done.add(project)
            rows.append([Cell(c, p) for c in ("一级指标", "二级指标", "三级指标", "指标值")])
        rows.append([Cell(c, p) for c in cells])
    bounds = [*starts, len(text)]
    for k in range(len(starts)):
        span = range(bounds[k], bounds[k + 1])
        left = "".join(text[i] for i in span if not covered[i])
        left = left.strip() if not any(covered[i] for i in span) else left.strip(" \n;；。，,:：")
        if left:
            rows.append([Cell(left, Position(line=k + 1))])
    return sorted(rows, key=lambda r: r[0].pos.line or 0)
