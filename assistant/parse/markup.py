"""Markup removal for cell text that came from HTML or PDF extraction."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]*>")
_BREAK = re.compile(r"<\s*br\s*/?\s*>", re.IGNORECASE)


def strip_markup(text: str) -> str:
    """Remove HTML tags (a ``<br>`` becomes a newline), decode entities, keep every other character."""
    out = _BREAK.sub("\n", text or "")
    out = _TAG.sub("", out)
    return html.unescape(out).replace("\xa0", " ").replace("\u3000", " ")
