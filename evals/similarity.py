"""When two indicator names measure the same thing: character bigrams after stop words, and unit classes.

Contract (tested in tests/evals/test_similarity.py):
- ``key_terms(name)`` drops text in brackets, digits, Latin letters and punctuation, then the stop words
  in ``STOP_WORDS`` (words that say *that* something is counted, not *what*: 数量, 个数, 完成, 情况 …),
  and returns the set of character bigrams of what is left (a lone character stands for itself).
- ``unit_class(unit)`` is one of ``percent``, ``money``, ``date``, ``duration``, ``count`` or None (no unit).
- ``same_measure(a, b)`` is True when the unit classes agree (None agrees with anything) and the names
  share at least ``MIN_SHARED`` bigrams covering at least ``MIN_OVERLAP`` of the shorter name's bigrams,
  or one name's remaining text contains the other's (at least two characters).
"""

from __future__ import annotations

import re

STOP_WORDS = ("数量", "个数", "次数", "总数", "完成", "情况", "工作", "开展", "累计", "年度", "全年", "本年",
              "项目", "指标", "实现", "以来", "有关", "相关", "支持", "举办", "组织", "进一步", "达到", "不低于")
MIN_SHARED = 2
MIN_OVERLAP = 0.5

_BRACKETS = re.compile(r"[（(【\[][^（）()【】\[\]]*[）)】\]]")
_NOISE = re.compile(r"[^\u3400-\u9fff]")
_PERCENT = ("%", "％", "‰", "百分点")
_DURATION = ("天", "日", "小时", "分钟", "工作日", "周", "月", "年", "秒")


def core_text(name: str) -> str:
    """The name without brackets, non-Chinese characters and stop words."""
    text = _NOISE.sub("", _BRACKETS.sub("", name or ""))
    for word in STOP_WORDS:
        text = text.replace(word, "")
    return text


def bigrams(text: str) -> set[str]:
    return {text} if len(text) == 1 else {text[i:i + 2] for i in range(len(text) - 1)}


def key_terms(name: str) -> set[str]:
    core = core_text(name)
    return bigrams(core) if core else set()


def unit_class(unit: str | None) -> str | None:
    if not unit or not unit.strip():
        return None
    u = unit.strip()
    if any(p in u for p in _PERCENT):
        return "percent"
    if "元" in u:
        return "money"
    if u in ("日期", "年月日") or "日前" in u:
        return "date"
    if u in _DURATION or u.endswith(_DURATION[:4]):
        return "duration"
    return "count"


def name_similarity(a: str, b: str) -> float:
    """Overlap coefficient of the key-term bigrams (0 when either is empty)."""
    ta, tb = key_terms(a), key_terms(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / min(len(ta), len(tb))


def same_measure(a: str, b: str, unit_a: str | None = None, unit_b: str | None = None) -> bool:
    ca, cb = unit_class(unit_a), unit_class(unit_b)
    if ca is not None and cb is not None and ca != cb:
        return False
    xa, xb = core_text(a), core_text(b)
    if len(xa) >= 2 and len(xb) >= 2 and (xa in xb or xb in xa):
        return True
    ta, tb = key_terms(a), key_terms(b)
    shared = len(ta & tb)
    return shared >= MIN_SHARED and shared / max(min(len(ta), len(tb)), 1) >= MIN_OVERLAP
