"""What the model prompts carry about a project besides its text: goal clauses, the figures the officer gave,
unit costs computed from the amount (marked 测算), the budget year, and curated example sets.

Each is one small function, the seam to the indicator library (``assistant.library``) and the officer-facts
extractor (``assistant.tasks.facts``) when those are installed; until then a local rule does the job.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.parse.value import normalize

_CLAUSE = re.compile(r"[。；;！!\n]|(?<=[，,])(?=\s*[（(]?\d+[)）.、])")
_FIGURE = re.compile(
    r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>万元|元|个工作日|个百分点|%|万?(?:人次|人|名|户|家|个|项|场|次|期|所|座|台|套|件|篇|"
    r"份|本|册|公里|千米|km|米|平方米|㎡|亩|公顷|吨|辆|条|处|棵|株|批|班|课时|学时|天|小时|TB))")
_YEAR = re.compile(r"(20\d{2})\s*年")
_BARE_YEAR = re.compile(r"20\d{2}\s*年(?:度)?")
"""A year alone is the budget year (given separately), not a figure to carry."""
_DATE = re.compile(r"20\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?:前|之前|底)?")
_COUNT_UNITS = frozenset({"人次", "万人次", "万人", "名", "人", "户", "家", "个", "项", "场", "次", "期", "所", "座", "台",
                          "套", "件", "篇", "份", "本", "册", "公里", "千米", "km", "米", "平方米", "㎡", "亩", "公顷",
                          "吨", "辆", "条", "处", "棵", "株", "批", "班", "课时", "学时", "TB"})


def goal_clauses(goal: str) -> list[str]:
    """The goal split into clauses (sentences and numbered items), blanks dropped."""
    return [c.strip(" ，,、") for c in _CLAUSE.split(goal or "") if len(c.strip(" ，,、")) >= 4]


def officer_figures(desc: Any) -> list[str]:
    """The figures and dates of a description as the officer wrote them, by the officer-facts extractor
    (:func:`assistant.tasks.facts.read_facts`) when installed, else by :func:`figures`; money figures are left
    out (the amount is given separately)."""
    try:
        from assistant.tasks.facts import read_facts
    except ImportError:
        return figures(desc.goal, desc.content, desc.beneficiaries)
    facts = read_facts(desc)
    spans = [d[0] for d in facts.dates] + [f.span for f in facts.figures if not f.money]
    return list(dict.fromkeys(s.strip() for s in spans if s.strip() and not _BARE_YEAR.fullmatch(s.strip())))


def figures(*texts: str | None) -> list[str]:
    """Every number with its unit, and every date, the officer wrote (``500户``, ``2025年10月31日前``)."""
    out: list[str] = []
    for text in texts:
        if not text:
            continue
        plain = normalize(str(text))
        dates = [m.group(0).replace(" ", "") for m in _DATE.finditer(plain)]
        out.extend(dates)
        rest = _DATE.sub(" ", plain)
        out.extend(f"{m.group('num')}{m.group('unit')}" for m in _FIGURE.finditer(rest))
    return list(dict.fromkeys(out))


def unit_costs(amount: float | None, given: list[str]) -> list[str]:
    """Amount ÷ each counted figure, as ``测算：每户约0.2万元（100万元÷500户）``."""
    if not amount:
        return []
    out = []
    for fig in given:
        m = _FIGURE.fullmatch(fig)
        unit = m.group("unit").removeprefix("万") if m else ""
        if m is None or unit not in _COUNT_UNITS or float(m.group("num")) <= 0:
            continue
        count = float(m.group("num")) * (10000 if m.group("unit").startswith("万") else 1)
        per = amount / count
        text = f"{per:.4g}万元" if per >= 1 else f"{per * 10000:.4g}元"
        out.append(f"测算：每{unit}约{text}（{amount:g}万元÷{fig}）")
    return out[:4]


def budget_year(*texts: str | None) -> int | None:
    """The budget year named in the description (the latest 20xx年), if any."""
    years = [int(y) for t in texts if t for y in _YEAR.findall(normalize(str(t)))]
    return max(years) if years else None


def example_sets(library: Any, text: str, k: int = 3, layout: str = "legacy") -> list[dict[str, Any]]:
    """2–4 example indicator sets for the project ``text``: the indicator library's records for the best-fitting
    project types (one set per type, core indicators first), else the most similar projects of ``library``.
    Each set is labelled an example."""
    lib = _library_module()
    if lib is None:
        from assistant.tasks.grounding import for_prompt, similar

        return [{"示例": n, **for_prompt(g)} for n, g in enumerate(similar(library, text, k), 1)]
    sets: dict[str, dict[str, Any]] = {}
    weight: dict[str, float] = {}
    for hit in lib.search(text, k=40, layout=layout):
        r = hit.record
        entry = sets.setdefault(r.kind, {"示例": f"指标库·{r.kind_name}（示例，不是本项目的答案）", "指标": []})
        weight[r.kind] = weight.get(r.kind, 0.0) + hit.score
        if len(entry["指标"]) < 8:
            core = "｜核心" if r.is_core else ""
            entry["指标"].append(f"{r.level1}/{r.level2}｜{r.name}｜{r.value_form}｜{'、'.join(r.basis)}{core}")
    ranked = sorted(sets, key=lambda kind: -weight[kind])
    full = [kind for kind in ranked if len(sets[kind]["指标"]) >= 3]
    return [sets[kind] for kind in (full if len(full) >= 2 else ranked)][:max(2, min(k, 4))]


def _library_module() -> Any:
    try:
        import assistant.library as lib  # type: ignore[import-not-found]
    except ImportError:
        return None
    return lib
