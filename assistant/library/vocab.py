"""The library's own vocabulary (关键词, 同义名, indicator names) and finding it inside a free description.

FTS5's trigram tokenizer cannot MATCH a term shorter than three characters, and most Chinese routing words
(培训, 河道, 疫苗) have two. So the query side works the other way round: find which of the library's own
terms occur in the description, then look those terms up in the index (see ``search``)."""

from __future__ import annotations

import re
from collections.abc import Iterable

_FOLD = str.maketrans("０１２３４５６７８９（）", "0123456789()")
_MEASURE_TAIL = re.compile(r"(?:率|数|数量|人次|人数|户数|次数|面积|长度|里程|金额|时限|时间|时长|成本|标准|规模|天数)$")


def core(name: str) -> str:
    """The name without parenthetical remarks."""
    previous = None
    text = name
    while previous != text:
        previous, text = text, re.sub(r"[（(][^（）()]*[）)]", "", text)
    return text.strip()


def name_terms(name: str) -> list[str]:
    """Terms an officer may write that point at this indicator: the core name and the core without its
    measure word (疫苗接种率 → 疫苗接种)."""
    c = core(name)
    out = [c] if 2 <= len(c) <= 16 else []
    stem = _MEASURE_TAIL.sub("", c)
    if stem != c and 3 <= len(stem) <= 14:
        out.append(stem)
    return out


class Vocabulary:
    """A set of terms, found in text by forward maximum matching, the usual way to segment Chinese against
    a dictionary (学校食堂 hides 食堂; 食品安全检查 is not read as 安全检查)."""

    def __init__(self, terms: Iterable[str], stop: Iterable[str] = ()) -> None:
        stopped = set(stop)
        self.terms = frozenset(t for t in terms if len(t) >= 2 and t not in stopped)
        self._by_head: dict[str, list[str]] = {}
        for t in sorted(self.terms, key=len, reverse=True):
            self._by_head.setdefault(t[:2], []).append(t)

    def find(self, text: str) -> list[str]:
        """The vocabulary terms in ``text`` by forward maximum matching (at each position the longest
        term; the scan resumes after it), longest first, each once."""
        text = (text or "").translate(_FOLD)
        found: set[str] = set()
        heads = self._by_head
        i, n = 0, len(text)
        while i < n - 1:
            for t in heads.get(text[i:i + 2], ()):
                if text.startswith(t, i):
                    found.add(t)
                    i += len(t)
                    break
            else:
                i += 1
        return sorted(found, key=lambda t: (-len(t), t))
