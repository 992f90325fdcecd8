"""Records and routing words written for the library from the rules of the field (DOMAIN.md, 101号 templates).

``KEYWORDS`` adds the words officers actually write in a description to each sub-kind's routing words;
``KINDS`` adds project types the research lacks; ``records`` returns the hand-written records."""

from __future__ import annotations

from typing import Any

KEYWORDS: dict[str, list[str]] = {}
STOP_KEYWORDS: set[str] = set()
KINDS: list[dict[str, Any]] = []


def records(kinds: dict) -> list[dict[str, Any]]:
    return []
