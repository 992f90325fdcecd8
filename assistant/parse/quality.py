"""What a reader can say about its own result: the layout the table uses (101号 or legacy) and, per
project, how sure the extraction is.

``confidence`` = (share of the project's table text that was placed) × (share of its indicator rows that
have a name, a value and a 一级). Text counts as not placed when a warning of an unplaced kind stands
between the project's first and last indicator. Below :data:`NEEDS_CHECK_BELOW` the project is marked
``needs_check`` (需人工核对): the review withholds structure-dependent findings instead of grading it."""

from __future__ import annotations

import re

from assistant.model import Indicator, ParseWarning, Position, Project, Table
from assistant.parse.categories import clean_label, normalize_category

NEEDS_CHECK_BELOW = 0.8
UNPLACED_KINDS = ("unplaced_text", "ambiguous_cell", "ambiguous_alignment", "missing_name", "unsplit_values")
_LEGACY_L1 = re.compile(r"项目完成|效果指标|影响指标|预期产出|项目效益")


def detect_layout(table: Table) -> str | None:
    """``"101"`` when 成本指标 is printed as a 一级; ``"legacy"`` when cost sits under 产出 or the 一级
    names are the older ones (项目完成指标, 效果指标 …); None when the table does not show which."""
    legacy = False
    for project in table.projects:
        for ind in project.indicators():
            raw = clean_label(ind.category_raw or "")
            printed = normalize_category(raw)[0] if raw else ind.category
            if printed == "成本指标":
                return "101"
            if ind.category == "成本指标" and printed == "产出指标":
                legacy = True
            if raw and _LEGACY_L1.search(raw):
                legacy = True
    return "legacy" if legacy else None


def _key(pos: Position | ParseWarning | None) -> tuple[int, str, int] | None:
    if pos is None:
        return None
    row = pos.line
    if row is None and pos.cell:
        digits = re.sub(r"\D", "", pos.cell)
        row = int(digits) if digits else None
    if row is None:
        return None
    return (pos.page or 0, pos.sheet or "", row)


def _complete(ind: Indicator) -> bool:
    return bool(ind.name.strip()) and bool(ind.value.strip()) and bool(ind.category)


def project_confidence(project: Project, warnings: list[ParseWarning]) -> float:
    inds = project.indicators()
    if not inds:
        return 0.0
    keys = [k for k in (_key(i.position) for i in inds) if k is not None]
    unplaced = 0
    if keys:
        first, last = min(keys), max(keys)
        for w in warnings:
            k = _key(w)
            if w.kind in UNPLACED_KINDS and k is not None and first <= k <= last:
                unplaced += len(w.text.strip()) or 1
    placed = sum(len(i.name) + len(i.value) for i in inds)
    share_placed = placed / (placed + unplaced) if placed + unplaced else 0.0
    share_complete = sum(1 for i in inds if _complete(i)) / len(inds)
    return round(share_placed * share_complete, 3)


def assess(table: Table) -> Table:
    """Fill ``Table.layout`` and each project's ``confidence``/``needs_check`` where a reader left them."""
    if table.layout is None:
        table.layout = detect_layout(table)  # type: ignore[assignment]
    for project in table.projects:
        if project.confidence is None:
            project.confidence = project_confidence(project, table.warnings)
        if project.confidence < NEEDS_CHECK_BELOW:
            project.needs_check = True
    return table
