"""Text from tables, files and users, made inert for the page's Markdown, chat and HTML renderers.

:func:`md_text` keeps every character visible while nothing in it can become markup: HTML is escaped
and each Markdown or LaTeX control character becomes a numeric character reference, which Markdown
shows as the character and never parses (so ``![d](http://host/x.png)`` fetches nothing, ``[a](b)`` is
no link, ``$x$`` is no formula).
"""

from __future__ import annotations

import html

MARKUP = "\\`*_[]()!$|~#"
_TABLE = {ord(c): f"&#{ord(c)};" for c in MARKUP}


def md_text(text: object) -> str:
    """``text`` (any object; ``None`` is empty) as inert Markdown/HTML showing the same characters."""
    return html.escape("" if text is None else str(text), quote=True).translate(_TABLE)
