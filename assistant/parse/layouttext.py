"""Layout-preserving text (``pdftotext -layout``, a 申报表 printed to text): columns by character offset.

The header line (一级指标 二级指标 三级指标 指标值 …, separated by two or more spaces) fixes the column
starts; a piece of a later line belongs to the column whose start is nearest at or before it. Rowspan
labels drift to the line above or below their rows: a row without its own 二级 takes the nearest 二级
label (a label on another row's line only from above; ties go up), its 一级 the nearest one that agrees
with that 二级. Above the header, label/value pairs are field rows; a line of labels alone
(项目总体目标 … 年度绩效目标) opens columns whose values follow on the next lines, interleaved."""

from __future__ import annotations

import re

from assistant.model import Position
from assistant.parse.categories import normalize_category, normalize_subcategory
from assistant.parse.cells import Cell
from assistant.parse.fields import HEADING, field_label, is_signoff
from assistant.parse.header import column_role

_SEGMENT = re.compile(r"\S+(?: \S+)*")
_MONEY = re.compile(r"^[（(]\s*(亿元|万元|元)\s*[)）]$")

Segment = tuple[int, str]


def segments(line: str) -> list[Segment]:
    """Pieces of a line separated by two or more spaces, with their character offsets."""
    return [(m.start(), m.group(0)) for m in _SEGMENT.finditer(line.replace("\t", "    "))]


def header_line(lines: list[str]) -> int | None:
    """Index of a line whose pieces name the 三级指标 and 指标值 columns, with at least three pieces."""
    for i, line in enumerate(lines):
        segs = segments(line)
        roles = {column_role(t) for _, t in segs}
        if len(segs) >= 3 and "name" in roles and "value" in roles and "\t" not in line and "|" not in line:
            return i
    return None


def _pos(i: int) -> Position:
    return Position(line=i + 1)


def _field_rows(lines: list[str]) -> list[list[Cell]]:
    rows: list[list[Cell]] = []
    columns: list[list] = []

    def close() -> None:
        for _, label, line, parts in columns:
            rows.append([Cell(label, _pos(line))] + ([Cell("\n".join(parts), _pos(line + 1))] if parts else []))
        columns.clear()

    for i, line in enumerate(lines):
        segs = segments(line)
        if not segs:
            continue
        labels = [field_label(t) for _, t in segs]
        if len(segs) >= 2 and all(labels) and not any(t.endswith(("：", ":")) for _, t in segs):
            close()
            columns.extend([off, text, i, []] for off, text in segs)
            continue
        if len(segs) == 1 and _MONEY.match(segs[0][1]) and rows and len(rows[-1]) >= 2:
            prev = rows[-1]
            rows[-1] = [Cell(prev[0].text + segs[0][1], prev[0].pos), *prev[1:]]
            continue
        if labels[0] and len(segs) >= 2:
            close()
            rows.append([Cell(t, _pos(i)) for _, t in segs])
            continue
        if columns:
            for off, text in segs:
                col = min(columns, key=lambda c: abs(c[0] - off))
                col[3].append(text)
            continue
        rows.append([Cell(t, _pos(i)) for _, t in segs])
    close()
    return rows


def _columns_of(starts: list[int], segs: list[Segment]) -> list[int]:
    """Each piece's column: the nearest start, never left of the previous piece's column (pieces stay in
    order; a cell that wrapped into a neighbour's margin still lands in its own column)."""
    out, floor = [], 0
    for off, _ in segs:
        k = min(range(floor, len(starts)), key=lambda c: (abs(starts[c] - off), c)) if floor < len(starts) \
            else len(starts) - 1
        out.append(k)
        floor = min(k + 1, len(starts))
    return out


def _nearest(labels: list[tuple[int, str, bool]], line: int, agree=None) -> str:
    """The label nearest ``line``; one owned by another row counts only from above (or half a line
    further from below); ties go up."""
    best, best_key = "", None
    for at, text, owned in labels:
        if agree is not None and not agree(text):
            continue
        dist = abs(at - line) + (0.5 if owned and at > line else 0)
        key = (dist, 0 if at <= line else 1)
        if best_key is None or key < best_key:
            best, best_key = text, key
    return best


def _unclaimed_labels(grid: list[tuple[int, dict[int, Cell]]], roles: list[str | None],
                      labels: dict[str, list[tuple[int, str, bool]]]) -> dict[int, str]:
    """A 二级 label line that the nearest-label rule gives to no row still labels something: the nearest
    row within two lines that has no 二级 of its own ({row line: label})."""
    l2_col = roles.index("l2") if "l2" in roles else None
    if l2_col is None:
        return {}
    free = [i for i, cells in grid if l2_col not in cells]
    taken = {i: _nearest(labels["l2"], i) for i in free}
    out: dict[int, str] = {}
    for at, text, owned in labels["l2"]:
        if owned or text in taken.values():
            continue
        near = sorted((abs(i - at), i) for i in free if abs(i - at) <= 2 and i not in out)
        if near:
            out[near[0][1]] = text
    return out


def layout_rows(lines: list[str]) -> list[list[Cell]] | None:
    """Rows for the grid interpreter, or None when the text has no layout-preserving header line."""
    h = header_line(lines)
    if h is None:
        return None
    head = segments(lines[h])
    starts = [off for off, _ in head]
    roles = [column_role(t) for _, t in head]
    rows = _field_rows(lines[:h])
    rows.append([Cell(t, _pos(h)) for _, t in head])
    grid: list[tuple[int, dict[int, Cell]]] = []
    labels: dict[str, list[tuple[int, str, bool]]] = {"l1": [], "l2": []}
    tail: list[list[Cell]] = []
    for i in range(h + 1, len(lines)):
        segs = segments(lines[i])
        if not segs:
            continue
        if tail or HEADING.match(lines[i].strip()) or any(is_signoff(t) for _, t in segs):
            tail.append([Cell(t, _pos(i)) for _, t in segs])
            continue
        cells: dict[int, Cell] = {}
        for (_, text), k in zip(segs, _columns_of(starts, segs), strict=True):
            cells[k] = Cell(f"{cells[k].text} {text}", cells[k].pos) if k in cells else Cell(text, _pos(i))
        own = {roles[k] for k in cells}
        if not own & {"name", "value"}:
            for k, cell in cells.items():
                role = roles[k]
                if role in labels and labels[role] and len(cell.text) <= 2 and labels[role][-1][0] >= i - 1:
                    at, text, owned = labels[role][-1]
                    labels[role][-1] = (at, text + cell.text, owned)
                    for _, row_cells in grid:
                        for kk, c in row_cells.items():
                            if roles[kk] == role and c.text == text:
                                row_cells[kk] = Cell(text + cell.text, c.pos)
                elif role in labels:
                    labels[role].append((i, cell.text, False))
                else:
                    tail.append([cell])
            continue
        for k, cell in cells.items():
            if roles[k] in labels:
                labels[roles[k]].append((i, cell.text, True))
        grid.append((i, cells))
    given = _unclaimed_labels(grid, roles, labels)
    for i, cells in grid:
        have = {roles[k] for k in cells}
        l2_col = roles.index("l2") if "l2" in roles else None
        l1_col = roles.index("l1") if "l1" in roles else None
        if l2_col is not None and "l2" not in have:
            text = given.get(i) or _nearest(labels["l2"], i)
            if text:
                cells[l2_col] = Cell(text, _pos(i))
        if l1_col is not None and "l1" not in have:
            l2 = cells[l2_col].text if l2_col is not None and l2_col in cells else ""
            parent = normalize_subcategory(l2)[1] if l2 else None
            cost_under_output = parent == "成本指标"

            def agree(label: str, parent=parent, cost=cost_under_output) -> bool:
                cat = normalize_category(label)[0]
                return parent is None or cat == parent or (cost and cat == "产出指标")

            text = _nearest(labels["l1"], i, agree) or _nearest(labels["l1"], i)
            if text:
                cells[l1_col] = Cell(text, _pos(i))
        rows.append([cells.get(k, Cell("", _pos(i))) for k in range(len(head))])
    return rows + tail


__all__ = ["header_line", "layout_rows", "segments"]
