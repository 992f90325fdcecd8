"""Scorers for drafting (``draft``: suggest on new budget items) and expert rewriting (``rewrite_expert``).

The reference data are ``evals/datasets/drafting/items.json`` and ``evals/datasets/rewrite_expert/cases.json``
(hand-written; see their ``author.py``). Rows and options are plain dicts in the shape of
:class:`assistant.tasks.models.SuggestedIndicator` / :class:`RewriteOption` (``category``, ``subcategory``,
``name``, ``comparator``, ``value``, ``unit``, ``reason`` …); the scorers read nothing else, so they score any
backend, or a hand-written answer, the same way. Every measure is documented in ``evals/README.md``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

DATASETS = Path(__file__).resolve().parent / "datasets"
ITEMS = DATASETS / "drafting" / "items.json"
DRAFT_HELDOUT = DATASETS / "drafting" / "heldout.json"
CASES = DATASETS / "rewrite_expert" / "cases.json"
REWRITE_HELDOUT = DATASETS / "rewrite_expert" / "heldout.json"

DRAFT_METRICS = ("recall", "figures", "units", "directions", "categories")
REWRITE_METRICS = ("has_option", "family", "direction", "category", "no_invented")


def items() -> list[dict[str, Any]]:
    return json.loads(ITEMS.read_text(encoding="utf-8"))["items"]


def heldout_items() -> list[dict[str, Any]]:
    """Round 3's held-out drafting items (``DRAFT_HELDOUT``): same shape as :func:`items` plus ``forbid``."""
    return json.loads(DRAFT_HELDOUT.read_text(encoding="utf-8"))["items"]


def cases(path: Path = CASES) -> list[dict[str, Any]]:
    """The rewrite cases of ``path`` (``CASES``, or ``REWRITE_HELDOUT``: the held-out set written before
    tuning)."""
    return json.loads(path.read_text(encoding="utf-8"))["cases"]


# ---- names -------------------------------------------------------------------------------------------------

_BRACKETS = re.compile(r"[（(【\[][^）)】\]]*[）)】\]]")
_DROP = re.compile(r"[\s★☆*“”\"'‘’《》<>、，,。.;；:：·•\-—_/|]")


def norm(name: str | None) -> str:
    """A name without bracketed notes, marks, punctuation and spaces; ASCII lower-cased."""
    return _DROP.sub("", _BRACKETS.sub("", name or "")).lower()


def names_match(name: str | None, variants: Iterable[str]) -> bool:
    """True when some variant (normalised) occurs in ``name``; or ``name`` (≥ 4 characters) occurs in a variant;
    or the name ends with a variant (≥ 4 characters) spread out: its first two characters, at most 8 others, its last
    two, with ≥ 60 % of the variant's characters in that span (培训人次 ~ 培训中小学骨干教师人次, 新增违建发生数 ~
    新增违法建设发生数; not 报告出具 ~ 报告在抽样后工作日内出具数量, nor 活动期间接待游客人次 ~ 活动覆盖人次)."""
    n = norm(name)
    if not n:
        return False
    for v in variants:
        w = norm(v)
        if w and (w in n or (len(n) >= 4 and n in w)):
            return True
        if len(w) >= 4:
            m = re.search(re.escape(w[:2]) + ".{0,8}" + re.escape(w[-2:]) + "$", n)
            if m and sum(ch in m.group() for ch in w) >= 0.6 * len(w):
                return True
    return False


# ---- units and values ----------------------------------------------------------------------------------------

_MAGNITUDE = {"万": 1e4, "亿": 1e8, "千": 1e3, "百万": 1e6}
_TOKENS = {"km": "公里", "千米": "公里", "㎡": "平方米", "m²": "平方米", "m2": "平方米", "平米": "平方米",
           "个工作日": "工作日", "名": "人", "位": "人", "场次": "场", "家次": "户次", "台套": "台", "天": "日",
           "方": "立方米", "个百分点": "百分点", "个月": "月", "辆次": "辆"}
_DENOMINATOR = {"人次": "人", "生": "人"}
_COMPATIBLE = ({"人", "人次"}, {"场", "次"}, {"台", "套"}, {"个", "项"}, {"件", "个"}, {"户", "家"}, {"%", "百分点"})


def unit_parts(unit: str | None) -> tuple[str, float]:
    """``(base unit, factor)``: 万元 → (元, 1e4), 亿元 → (元, 1e8), 万人次 → (人次, 1e4); synonyms folded
    (km → 公里, ㎡ → 平方米, 名 → 人, 天 → 日 …; 人次 → 人 in a denominator)."""
    u = re.sub(r"[\s·．.()（）]", "", unit or "")
    factor = 1.0
    for prefix in ("百万", "万", "亿", "千"):
        rest = u[len(prefix):]
        if u.startswith(prefix) and rest and not rest.startswith("米"):
            factor, u = _MAGNITUDE[prefix], rest
            break
    parts = u.split("/")
    parts = [_TOKENS.get(x, x) for x in parts[:1]] + [_DENOMINATOR.get(_TOKENS.get(x, x), _TOKENS.get(x, x))
                                                     for x in parts[1:]]
    return "/".join(parts), factor


def units_compatible(a: str | None, b: str | None) -> bool:
    ua, ub = unit_parts(a)[0], unit_parts(b)[0]
    if ua == ub:
        return True
    return any(ua in g and ub in g for g in _COMPATIBLE)


_COMP = re.compile(r"^\s*(≥|≤|>=|<=|＞|＜|>|<|=|＝)")
_NUM = re.compile(r"-?\d+(?:\.\d+)?")
_DATE_FULL = re.compile(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})")
_DATE_MONTH_END = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(?:底|末)")
_DATE_MD = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MONTH_DAYS = {1: 31, 2: 28, 3: 31, 4: 30, 5: 31, 6: 30, 7: 31, 8: 31, 9: 30, 10: 31, 11: 30, 12: 31}
PLACEHOLDER = re.compile(r"【[^】]*】|待填|\*\*|××|XX|N\b")


def comparator(row: dict[str, Any]) -> str | None:
    """The row's comparator: its ``comparator`` field, else the sign leading its value; ASCII forms folded."""
    c = (row.get("comparator") or "").strip()
    if not c:
        m = _COMP.match(str(row.get("value") or ""))
        c = m.group(1) if m else ""
    return {">=": "≥", "<=": "≤", "＞": ">", "＜": "<", "＝": "="}.get(c, c) or None


def dates_in(text: str | None) -> list[tuple[int | None, int, int]]:
    """Every (year or None, month, day) written in ``text``; "11月底" is the month's last day."""
    out: list[tuple[int | None, int, int]] = []
    t = text or ""
    for m in _DATE_FULL.finditer(t):
        out.append((int(m.group(1)), int(m.group(2)), int(m.group(3))))
    for m in _DATE_MD.finditer(t):
        out.append((int(m.group(1)) if m.group(1) else None, int(m.group(2)), int(m.group(3))))
    for m in _DATE_MONTH_END.finditer(t):
        month = int(m.group(2))
        if 1 <= month <= 12:
            out.append((int(m.group(1)) if m.group(1) else None, month, _MONTH_DAYS[month]))
    return list(dict.fromkeys(out))


def number_of(row: dict[str, Any]) -> tuple[float | None, str, float]:
    """``(number, base unit, factor)`` of a row: the first number of its value (comparator and dates aside) and
    the unit from ``unit`` or, when absent, the text after the number."""
    value = str(row.get("value") or "")
    value = _COMP.sub("", value).replace(",", "").replace("，", "")
    if _DATE_FULL.search(value) or _DATE_MD.search(value):
        return None, "日期", 1.0
    m = _NUM.search(value)
    if not m:
        return None, unit_parts(row.get("unit"))[0], 1.0
    unit = row.get("unit") or value[m.end():].strip()
    # a value written "1.2万人次" with unit "人次" carries its own magnitude
    tail = value[m.end():].strip()
    extra = 1.0
    for prefix, f in _MAGNITUDE.items():
        if tail.startswith(prefix) and not unit_parts(unit)[1] > 1 and not (unit or "").startswith(prefix):
            extra = f
            break
    base, factor = unit_parts(unit)
    return float(m.group()) * extra, base, factor


def _close(a: float, b: float, tol: float = 0.005) -> bool:
    return abs(a - b) <= tol * max(abs(a), abs(b), 1e-9)


# ---- categories ----------------------------------------------------------------------------------------------

def category_key(l1: str | None, l2: str | None) -> tuple[str, str | None]:
    """Both layouts folded: 产出/成本 → 成本/经济成本; 环境效益 → 生态效益; any 满意度 二级 → 服务对象满意度."""
    a = (l1 or "").strip()
    b = (l2 or "").strip() or None
    if a and not a.endswith("指标"):
        a += "指标"
    if b and not b.endswith("指标"):
        b += "指标"
    if b and "成本" in b and a in ("产出指标", "成本指标"):
        return "成本指标", "经济成本指标" if b in ("成本指标", "经济成本指标") else b
    if b == "环境效益指标":
        b = "生态效益指标"
    if a == "满意度指标":
        return a, "服务对象满意度指标"
    return a, b


def category_ok(row: dict[str, Any], allowed: Iterable[Iterable[str]]) -> bool:
    got = category_key(row.get("category"), row.get("subcategory"))
    for pair in allowed:
        want = category_key(*pair)
        if got == want or (got[1] is None and got[0] == want[0]):
            return True
    return False


# ---- matching ------------------------------------------------------------------------------------------------

def assign(expert: list[dict[str, Any]], rows: list[dict[str, Any]]) -> dict[int, int]:
    """A maximum one-to-one matching expert row → suggested row by name variants (each suggested row counts once)."""
    edges = {i: [j for j, r in enumerate(rows) if names_match(r.get("name"), e["variants"])]
             for i, e in enumerate(expert)}
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in edges:
        augment(i, set())
    return {i: j for j, i in owner.items()}


def direction_ok(row: dict[str, Any], direction: str, allowed: Iterable[str]) -> bool:
    c = comparator(row)
    if c not in set(allowed):
        return False
    if direction == "=0" and c == "=":
        n = number_of(row)[0]
        return n is not None and n == 0
    return True


def figure_kept(fig: dict[str, Any], row: dict[str, Any], year: int | None) -> bool:
    """``row`` carries the officer's figure: one of its comparators, the same value after unit magnitude (万/亿),
    and a compatible unit; a date figure matches a date in the row's value or name (the year may be omitted)."""
    c = comparator(row)
    if c not in fig["comparators"] and not (fig["value"] == 0 and c in ("=", "≤")):
        return False
    if isinstance(fig["value"], str):
        y, m, d = (int(x) for x in fig["value"].split("-"))
        found = dates_in(str(row.get("value") or "")) or dates_in(row.get("name"))
        return any(mm == m and dd == d and (yy is None or yy == y) for yy, mm, dd in found)
    n, base, factor = number_of(row)
    if n is None:
        return False
    fbase, ffactor = unit_parts(fig["unit"])
    if not units_compatible(base, fbase) and not (fig["unit"] == "%" and base == "%"):
        return False
    return _close(n * factor, float(fig["value"]) * ffactor)


def _marked(row: dict[str, Any]) -> bool:
    return any("测算" in str(row.get(k) or "") for k in ("reason", "value_basis", "name", "value", "data_source",
                                                         "explanation", "formula"))


def score_item(item: dict[str, Any], rows: list[dict[str, Any]] | None) -> dict[str, Any]:
    """One item's scores (None where nothing can be scored, e.g. units with no matched row)."""
    rows = rows or []
    expert = item["expert"]
    pairs = assign(expert, rows)
    matched = [(expert[i], rows[j]) for i, j in sorted(pairs.items())]
    with_unit = [(e, r) for e, r in matched if e["unit"] and e["direction"] != "定性"]
    figures = item["figures"]
    by_name = {e["name"]: e for e in expert}

    def named(f: dict[str, Any], r: dict[str, Any]) -> bool:
        return names_match(r.get("name"), by_name[f["concept"]]["variants"])

    # a bare percentage (95 %, 100 %) says nothing without its measure: it counts only in a row of its concept
    kept = [f for f in figures if any(figure_kept(f, r, item.get("year")) and (f["unit"] != "%" or named(f, r))
                                      for r in rows)]
    in_concept = [f for f in figures if any(figure_kept(f, r, item.get("year")) and named(f, r) for r in rows)]
    costs = []
    for uc in item["unit_costs"]:
        variants = by_name[uc["concept"]]["variants"]
        ok = False
        for r in rows:
            n, base, factor = number_of(r)
            want_base, want_factor = unit_parts(uc["unit"])
            if names_match(r.get("name"), variants) and n is not None and units_compatible(base, want_base) \
                    and _close(n * factor, uc["value"] * want_factor, 0.02) and _marked(r):
                ok = True
        costs.append(ok)

    def share(xs: list[bool]) -> float | None:
        return sum(xs) / len(xs) if xs else None

    assigned = set(pairs.values())
    off_sector = [r.get("name") for r in rows if names_match(r.get("name"), item.get("forbid", []))]
    repeats = [r.get("name") for j, r in enumerate(rows) if j not in assigned
               and any(names_match(r.get("name"), expert[i]["variants"]) for i in pairs)]

    return {
        "id": item["id"], "sector": item["sector"], "n": len(rows), "expert": len(expert),
        "recall": len(matched) / len(expert),
        "figures": share([f in kept for f in figures]),
        "figures_in_concept": share([f in in_concept for f in figures]),
        "units": share([units_compatible(r.get("unit") or number_of(r)[1], e["unit"]) for e, r in with_unit]),
        "directions": share([direction_ok(r, e["direction"], e["comparators_ok"]) for e, r in matched]),
        "categories": share([category_ok(r, e["categories_ok"]) for e, r in matched]),
        "unit_costs": share(costs),
        "missed": [e["name"] for i, e in enumerate(expert) if i not in pairs],
        "lost_figures": [f["text"] for f in figures if f not in kept],
        "off_sector": off_sector, "repeats": repeats,
        "clean": (1.0 if not off_sector else 0.0) if "forbid" in item else None,
        "no_repeat": 1.0 - len(repeats) / len(rows) if rows else 1.0,
    }


def _mean(rows: list[dict[str, Any]], key: str, empty_as_zero: bool = False) -> float | None:
    xs = [r[key] if r[key] is not None else 0.0 for r in rows if r[key] is not None or empty_as_zero]
    return sum(xs) / len(xs) if xs else None


def score_draft(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Means over items. ``units``/``directions``/``categories`` are over the rows that matched an expert concept
    (an item with no match scores 0 on them, so a backend cannot win by matching nothing)."""
    out: dict[str, Any] = {"cases": len(rows), "recall": _mean(rows, "recall"), "figures": _mean(rows, "figures"),
                           "figures_in_concept": _mean(rows, "figures_in_concept"),
                           "unit_costs": _mean(rows, "unit_costs"), "clean": _mean(rows, "clean"),
                           "no_repeat": _mean(rows, "no_repeat")}
    for key in ("units", "directions", "categories"):
        out[key] = _mean(rows, key, empty_as_zero=True)
    vals = [out[m] for m in DRAFT_METRICS if out[m] is not None]
    out["overall"] = sum(vals) / len(vals) if vals else 0.0
    return out


# ---- rewrite -------------------------------------------------------------------------------------------------

def _numbers(text: str) -> set[float]:
    return {float(x) for x in _NUM.findall((text or "").replace(",", ""))}


def invented_unmarked(option: dict[str, Any], source: str) -> bool:
    """The option states a number that is not in the project or the row and is neither a placeholder nor marked as
    proposed (``proposed`` true or 建议/测算 in its reason). 0 and 100 (=0起, =100%) are rule-derived, not invented."""
    value = str(option.get("value") or "")
    if PLACEHOLDER.search(value):
        return False
    new = {n for n in _numbers(value) - _numbers(source) if n not in (0.0, 100.0)}
    for y, m, d in dates_in(value):
        new -= {float(x) for x in (y, m, d) if x is not None}
    if not new:
        return False
    reason = str(option.get("reason") or "")
    return not (option.get("proposed") or "建议" in reason or "测算" in reason)


def option_unit(option: dict[str, Any]) -> str:
    """The option's unit: its ``unit`` field, else what follows the number or placeholder in its value."""
    if option.get("unit"):
        return str(option["unit"])
    value = _COMP.sub("", str(option.get("value") or ""))
    return _NUM.sub("", PLACEHOLDER.sub("", value)).strip()


def measures_family(option: dict[str, Any], family: dict[str, Any]) -> bool:
    """The option names the family (a variant) and measures it in a compatible unit (a date for a deadline)."""
    if not names_match(option.get("name"), family["variants"]):
        return False
    want = family.get("unit")
    if not want or family["direction"] == "定性":
        return True
    if want == "日期":
        value = str(option.get("value") or "")
        return bool(dates_in(value)) or option_unit(option) in ("日期", "") and bool(
            re.search(r"时间|日期|时限|截止", option.get("name") or ""))
    return units_compatible(option_unit(option), want)


def score_rewrite_case(case: dict[str, Any], options: list[dict[str, Any]] | None) -> dict[str, Any]:
    options = options or []
    row = case["row"]
    source = " ".join([case["project"]["name"], case["project"]["goal"], case["project"]["content"], row["name"],
                       row["value"]])
    hits = []
    for opt in options:
        fams = [f for f in case["families"] if measures_family(opt, f)]
        if fams:
            hits.append((opt, fams))

    def placed(opt: dict[str, Any]) -> dict[str, Any]:
        if opt.get("category"):
            return opt
        return {"category": row["category"], "subcategory": row["subcategory"]}

    direction = [any(direction_ok(o, f["direction"], f["comparators_ok"]) for f in fs) for o, fs in hits]
    category = [any(category_ok(placed(o), f["categories_ok"]) for f in fs) for o, fs in hits]
    out = {
        "id": case["id"], "classes": case["classes"], "options": len(options),
        "has_option": float(bool(options)),
        "family": float(bool(hits)),
        "direction": sum(direction) / len(direction) if direction else 0.0,
        "category": sum(category) / len(category) if category else 0.0,
        "no_invented": (sum(not invented_unmarked(o, source) for o in options) / len(options)) if options else 0.0,
        "on_topic": len(hits) / len(options) if options else 0.0,
        "names": [o.get("name") for o in options],
    }
    out["overall"] = sum(out[m] for m in REWRITE_METRICS) / len(REWRITE_METRICS)
    return out


def score_rewrites(rows: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {"cases": len(rows)}
    for m in REWRITE_METRICS:
        out[m] = sum(r[m] for r in rows) / len(rows) if rows else 0.0
    out["overall"] = sum(r["overall"] for r in rows) / len(rows) if rows else 0.0
    out["on_topic"] = sum(r["on_topic"] for r in rows) / len(rows) if rows else 0.0
    classes: dict[str, list[float]] = {}
    for r in rows:
        for c in r["classes"]:
            classes.setdefault(c, []).append(r["family"])
    out["family_by_class"] = {c: round(sum(v) / len(v), 3) for c, v in sorted(classes.items())}
    return out


# ---- expert answers as rows (for the self-check and the expert-answer set) -----------------------------------

def expert_value(e: dict[str, Any]) -> str:
    """The expert row's value as written in a table: ``≥600人次``, ``=0起``, ``≤2025年11月30日``, ``通过``."""
    if e["comparator"] == "定性":
        return str(e["value"])
    v = e["value"]
    if isinstance(v, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        y, m, d = v.split("-")
        return f"{e['comparator']}{int(y)}年{int(m)}月{int(d)}日"
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    unit = "" if e["unit"] == "日期" else (e["unit"] or "")
    return f"{e['comparator']}{v}{unit}"


def expert_rows(item: dict[str, Any]) -> list[dict[str, Any]]:
    """The expert set of ``item`` as suggested-row dicts (unit costs marked 测算)."""
    costs = {u["concept"]: u for u in item["unit_costs"]}
    out = []
    for e in item["expert"]:
        reason = f"测算：{costs[e['name']]['formula']}" if e["name"] in costs else ""
        out.append({"category": e["category"], "subcategory": e["subcategory"], "name": e["name"],
                    "comparator": e["comparator"], "value": expert_value(e),
                    "unit": None if e["comparator"] == "定性" else e["unit"], "reason": reason})
    return out
