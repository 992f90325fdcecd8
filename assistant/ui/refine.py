"""Refining a draft with new facts without losing the officer's edits.

``merge(current, generated, fresh)`` puts a new draft (``fresh``) into the grid the officer has
(``current``), knowing what the assistant drafted last (``generated``): a row the officer did not touch is
refreshed, a row the officer edited stays as it is, a row the officer deleted does not come back, and new
rows are appended. Where the new draft would change an edited row, the change is returned, not applied;
``apply`` applies the changes the officer confirms. A placeholder (【待填】) is never offered in place of what the
officer wrote.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from assistant.ui.rows import esc, is_blank

_KEY = slice(0, 8)
CONFIRM = re.compile(r"^\s*(?:确认|采用|同意|应用|是的?|好的?|可以|行|ok|OK|yes)\s*[。！!.]?\s*$")
DECLINE = re.compile(r"^\s*(?:不|否|不用了?|不要了?|不改|不用改|保留|保留原样|保留我的|取消|算了|no|NO)\s*[。！!.]?\s*$")


def _key(row: Sequence[str]) -> tuple[str, ...]:
    return tuple(row[_KEY])


def merge(current: list[list[str]], generated: list[list[str]],
          fresh: list[list[str]]) -> tuple[list[list[str]], list[dict[str, Any]]]:
    """The grid after a new draft, and the changes to edited rows that wait for the officer's word."""
    drafted = {_key(g) for g in generated}
    by_name = {r[2]: r for r in fresh}
    current_names = {r[2] for r in current if not is_blank(r)}
    removed = {g[2] for g in generated} - current_names
    out: list[list[str]] = []
    changes: list[dict[str, Any]] = []
    used: set[str] = set()
    for i, row in enumerate(current):
        if is_blank(row):
            continue
        if _key(row) in drafted:
            new = by_name.get(row[2])
            out.append(list(new) if new is not None else list(row))
            used.add(row[2])
            continue
        out.append(list(row))
        used.add(row[2])
        original = generated[i][2] if i < len(generated) else row[2]
        used.add(original)
        new = by_name.get(row[2]) or by_name.get(original)
        if new is not None and new[3:6] != row[3:6] and "【" not in "".join(new[3:6]):
            changes.append({"row": len(out) - 1, "name": row[2], "old": row[3:6], "new": list(new)})
    for r in fresh:
        if r[2] not in used and r[2] not in removed:
            out.append(list(r))
            used.add(r[2])
    return out, changes


def apply(rows: list[list[str]], changes: list[dict[str, Any]]) -> list[list[str]]:
    """``rows`` with the confirmed changes put into their rows (the officer's row name is kept)."""
    out = [list(r) for r in rows]
    for c in changes:
        i = int(c["row"])
        if 0 <= i < len(out):
            new = list(c["new"])
            new[2] = out[i][2]
            out[i] = new
    return out


def describe(changes: list[dict[str, Any]]) -> str:
    """The changes as a Chinese message that asks for confirmation."""
    lines = []
    for c in changes:
        old = "".join(c["old"]) or "（空）"
        new = "".join(c["new"][3:6]) or "（空）"
        lines.append(f"- 第 {int(c['row']) + 1} 行“{esc(c['name'])}”：您填写的是 **{esc(old)}**，新信息给出 **{esc(new)}**")
    return ("以下单元格您改过，新信息会改变它们，暂未修改：\n\n" + "\n".join(lines)
            + "\n\n回复“确认”采用这些修改，回复“保留”维持您的写法。")
