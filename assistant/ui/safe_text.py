"""Text from tables, files and users, made inert for the page's Markdown, chat and HTML renderers.

:func:`md_text` keeps every character visible while nothing in it can become markup: HTML is escaped
and each Markdown or LaTeX control character becomes a numeric character reference, which Markdown
shows as the character and never parses (so ``![d](http://host/x.png)`` fetches nothing, ``[a](b)`` is
no link, ``$x$`` is no formula). Bare addresses (``http://…``, ``www.…``) are broken the same way, so the
renderer's autolinking leaves them as text too.
"""

from __future__ import annotations

import html
import re

MARKUP = "\\`*_[]()!$|~#"
_TABLE = {ord(c): f"&#{ord(c)};" for c in MARKUP}
_AUTOLINK = re.compile(r"(?<=[A-Za-z])://|(?<=www)\.", re.IGNORECASE)


def md_text(text: object) -> str:
    """``text`` (any object; ``None`` is empty) as inert Markdown/HTML showing the same characters."""
    inert = html.escape("" if text is None else str(text), quote=True).translate(_TABLE)
    return _AUTOLINK.sub(lambda m: "&#58;//" if m.group() == "://" else "&#46;", inert)
