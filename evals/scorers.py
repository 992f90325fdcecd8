"""Scorers for every task. Each takes answers and gold as plain data and returns numbers in [0, 1].

- parse: field-exact, via ``evals.score_parse.compare`` (project, indicator and target-part match).
- review: precision/recall/F1 per code and macro, via ``evals.score_review.score``, summed over tables.
- rewrite: per option — measurable by the value grammar, subject kept, category consistent, invented
  numbers flagged; per case — a metric family among the acceptable ones.
- suggest: category and 二级 coverage, share passing the rules, concept recall of the real indicators
  (``evals.similarity.same_measure``), duplicates, schema validity.
- operational: attempts per call, tokens, cost, latency, failure rate.
A perfect answer scores 1 on every ratio; tests/evals/ shows a broken one scoring less.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from statistics import mean
from typing import Any

from evals import score_parse as parse_gold
from evals import score_review as review_gold
from evals.similarity import core_text, key_terms, same_measure

CATEGORIES = ("产出指标", "效益指标", "成本指标", "满意度指标")
OUTPUT_SUBS = ("数量指标", "质量指标", "时效指标")
COMPARATORS = ("≥", "≤", "=", ">", "<", "定性", ">=", "<=")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_PLACEHOLDER = re.compile(r"【[^】]*】|\*{2,}|＊{2,}|[NnXx](?![A-Za-z])")
_COST_WORDS = ("成本", "费用", "单价", "造价", "标准", "控制率", "经费", "服务费")


def _avg(values: Iterable[float]) -> float | None:
    vals = list(values)
    return mean(vals) if vals else None


# ---------------------------------------------------------------- parse

def gold_counts(gold: dict[str, Any]) -> tuple[int, int, int]:
    """(projects, indicators, target parts) in a gold parse."""
    inds = [i for p in gold["projects"] for g in p["groups"] for i in g]
    return len(gold["projects"]), len(inds), sum(len(i["target"]["parts"]) for i in inds)


def score_parse(pairs: Iterable[tuple[str, dict[str, Any] | None, dict[str, Any]]]) -> dict[str, Any]:
    """``pairs`` of (dataset name, parsed table JSON or None when reading failed, gold). Micro totals over
    all datasets and the per-dataset ratios."""
    per: dict[str, Any] = {}
    ok = [0, 0, 0]
    total = [0, 0, 0]
    for name, parsed, gold in pairs:
        counts = gold_counts(gold)
        if parsed is None:
            result = {"projects": 0.0, "indicators": 0.0, "parts": 0.0, "diffs": ["读取失败"]}
        else:
            result = parse_gold.compare(parsed, gold)
        for k, key in enumerate(("projects", "indicators", "parts")):
            ok[k] += round(result[key] * counts[k])
            total[k] += counts[k]
        per[name] = {"projects": result["projects"], "indicators": result["indicators"],
                     "parts": result["parts"], "diffs": result["diffs"][:20]}
    return {"projects": ok[0] / max(total[0], 1), "indicators": ok[1] / max(total[1], 1),
            "parts": ok[2] / max(total[2], 1), "counts": {"projects": total[0], "indicators": total[1],
                                                           "parts": total[2]}, "datasets": per}


# ---------------------------------------------------------------- review

def score_review_sets(pairs: Iterable[tuple[str, list[dict[str, Any]], dict[str, Any]]]) -> dict[str, Any]:
    """``pairs`` of (dataset, findings as dicts, gold review). Per dataset: ``score_review.score``; overall:
    tp/fp/fn summed per code over the datasets, then P/R/F1 per code and their macro average."""
    per: dict[str, Any] = {}
    sums: dict[str, list[int]] = {}
    for name, findings, gold in pairs:
        result = review_gold.score(findings, gold)
        per[name] = {"macro": result["macro"], "per_code": result["per_code"],
                     "false_positives": [list(k) for k in result["false_positives"]][:30],
                     "false_negatives": [list(k) for k in result["false_negatives"]][:30]}
        for code, v in result["per_code"].items():
            s = sums.setdefault(code, [0, 0, 0])
            s[0] += v["tp"]
            s[1] += v["fp"]
            s[2] += v["fn"]
    per_code = {}
    for code, (tp, fp, fn) in sums.items():
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        per_code[code] = {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r,
                          "f1": 2 * p * r / (p + r) if p + r else 0.0}
    n = max(len(per_code), 1)
    macro = {m: sum(v[m] for v in per_code.values()) / n for m in ("precision", "recall", "f1")}
    return {"macro": macro, "per_code": per_code, "datasets": per}


# ---------------------------------------------------------------- rewrite

def option_text(option: dict[str, Any]) -> str:
    """The option's value as it would stand in the table: comparator, value, unit."""
    value = str(option.get("value") or "").strip()
    comp = (option.get("comparator") or "").strip()
    unit = (option.get("unit") or "").strip()
    if comp and comp != "定性" and not value.startswith(comp) and value[:1] not in "≥≤=<>":
        value = comp + value
    if unit and unit not in value:
        value += unit
    return value


def measurable(text: str) -> bool:
    """The value grammar's test: a comparable target (a number or a placeholder) with a unit."""
    from assistant.parse.value import is_measurable

    return is_measurable(text)


def numbers(text: str) -> set[str]:
    out = set()
    for m in _NUMBER.findall(text or ""):
        v = float(m)
        out.add(str(int(v)) if v.is_integer() else f"{v:g}")
    return out


def numbers_flagged(option: dict[str, Any], given: set[str]) -> bool:
    """Every number the original did not hold is a placeholder or comes with ``proposed=True``."""
    text = option_text(option)
    invented = numbers(_PLACEHOLDER.sub("", text)) - given
    return not invented or bool(option.get("proposed"))


def subject_kept(original: str, option: dict[str, Any]) -> bool:
    """The option's name shares a key term (bigram after stop words) with the original name."""
    return bool(key_terms(original) & key_terms(str(option.get("name") or "")))


def category_consistent(category: str, option: dict[str, Any]) -> bool:
    """满意度 stays a satisfaction measure, 成本 a cost measure, 产出/效益 neither."""
    name = str(option.get("name") or "")
    money = "元" in option_text(option)
    is_sat = "满意" in name
    is_cost = money and any(w in name for w in _COST_WORDS)
    if category.startswith("满意度"):
        return is_sat
    if category.startswith("成本"):
        return is_cost or any(w in name for w in _COST_WORDS)
    return not is_sat and not is_cost


def family_of(option: dict[str, Any], families: dict[str, list[str]]) -> str | None:
    text = f"{option.get('name') or ''} {option_text(option)}"
    for family, words in families.items():
        if any(w in text for w in words):
            return family
    return None


def score_rewrite_case(case: dict[str, Any], options: list[dict[str, Any]] | None) -> dict[str, Any]:
    """Scores of one case (``options`` None: the call failed, every score 0)."""
    if not options:
        return {"id": case["id"], "options": 0, "measurable": 0.0, "subject": 0.0, "category": 0.0,
                "flagged": 0.0, "family": 0.0, "families": []}
    given = numbers(f"{case['name']} {case['value']} {case.get('goal', '')}")
    fams = [family_of(o, case["families"]) for o in options]
    return {
        "id": case["id"], "options": len(options),
        "measurable": mean(measurable(option_text(o)) for o in options),
        "subject": mean(subject_kept(case["name"], o) for o in options),
        "category": mean(category_consistent(case["category"], o) for o in options),
        "flagged": mean(numbers_flagged(o, given) for o in options),
        "family": 1.0 if any(fams) else 0.0,
        "families": sorted({f for f in fams if f}),
    }


REWRITE_METRICS = ("measurable", "subject", "category", "flagged", "family")


def score_rewrite(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Means over cases of the per-case scores, and ``overall`` (mean of the five)."""
    out: dict[str, Any] = {m: _avg(r[m] for r in rows) or 0.0 for m in REWRITE_METRICS}
    out["overall"] = mean(out[m] for m in REWRITE_METRICS)
    out["cases"] = len(rows)
    out["weakest"] = sorted(rows, key=lambda r: sum(r[m] for m in REWRITE_METRICS))[:8]
    return out


# ---------------------------------------------------------------- suggest

def coverage(indicators: list[dict[str, Any]]) -> tuple[float, float]:
    """(share of 产出/效益/成本/满意度 present, share of 数量/质量/时效 present). A 成本指标 二级 under 产出
    (legacy layout) counts as 成本."""
    cats, subs = set(), set()
    for ind in indicators:
        cat, sub = ind.get("category") or "", ind.get("subcategory") or ""
        cats.add("成本指标" if "成本" in sub else cat)
        subs.update(s for s in OUTPUT_SUBS if s[:2] in sub)
    return len(cats & set(CATEGORIES)) / 4, len(subs) / 3


def schema_valid(ind: dict[str, Any]) -> bool:
    """A row the product can use: one of the four 一级 (or 产出 with a 成本 二级), a comparator, a name."""
    return (ind.get("category") in CATEGORIES and bool(str(ind.get("name") or "").strip())
            and str(ind.get("comparator") or "").strip() in COMPARATORS and bool(str(ind.get("value") or "").strip()))


def duplicates(indicators: list[dict[str, Any]]) -> int:
    """Rows whose name, reduced to its key text, repeats an earlier row's."""
    seen: set[str] = set()
    dup = 0
    for ind in indicators:
        key = core_text(str(ind.get("name") or "")) or str(ind.get("name") or "")
        dup += key in seen
        seen.add(key)
    return dup


def concept_recall(suggested: list[dict[str, Any]], real: list[dict[str, Any]]) -> tuple[float, list[str]]:
    """Share of the real indicators that some suggestion measures (``same_measure`` on name and unit);
    and the names of the recalled ones."""
    hits = []
    for r in real:
        unit = next((p.get("unit") for p in r["target"]["parts"] if p.get("unit")), None)
        if any(same_measure(r["name"], s.get("name") or "", unit, s.get("unit")) for s in suggested):
            hits.append(r["name"])
    return (len(hits) / len(real) if real else 1.0), hits


def score_suggest_case(name: str, indicators: list[dict[str, Any]] | None, real: list[dict[str, Any]],
                       passing: Callable[[list[dict[str, Any]]], float]) -> dict[str, Any]:
    """One leave-one-out project. ``passing`` gives the share of rows with no rule error or warning."""
    if not indicators:
        return {"project": name, "n": 0, "category_coverage": 0.0, "output_coverage": 0.0, "rule_pass": 0.0,
                "recall": 0.0, "recalled": [], "duplicate_free": 0.0, "schema": 0.0}
    cat, out = coverage(indicators)
    recall, recalled = concept_recall(indicators, real)
    return {"project": name, "n": len(indicators), "category_coverage": cat, "output_coverage": out,
            "rule_pass": passing(indicators), "recall": recall, "recalled": recalled,
            "duplicate_free": 1 - duplicates(indicators) / len(indicators),
            "schema": mean(schema_valid(i) for i in indicators)}


SUGGEST_METRICS = ("category_coverage", "output_coverage", "rule_pass", "recall", "duplicate_free", "schema")


def score_suggest(rows: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {m: _avg(r[m] for r in rows) or 0.0 for m in SUGGEST_METRICS}
    out["overall"] = mean(out[m] for m in SUGGEST_METRICS)
    out["cases"] = len(rows)
    return out


# ---------------------------------------------------------------- operational

@dataclass
class Call:
    """One task call: ``attempts`` model answers, tokens and cost from the result's usage, wall seconds."""

    task: str
    ok: bool
    seconds: float
    attempts: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    error: str | None = None


def score_operational(calls: list[Call]) -> dict[str, Any]:
    n = len(calls)
    if not n:
        return {"calls": 0}
    lat = sorted(c.seconds for c in calls)
    return {
        "calls": n,
        "failure_rate": sum(not c.ok for c in calls) / n,
        "attempts_per_call": sum(c.attempts for c in calls) / n,
        "prompt_tokens": sum(c.prompt_tokens for c in calls),
        "completion_tokens": sum(c.completion_tokens for c in calls),
        "cost": round(sum(c.cost for c in calls), 6),
        "latency_mean": sum(lat) / n,
        "latency_p95": lat[min(n - 1, int(0.95 * n))],
        "errors": sorted({c.error for c in calls if c.error})[:10],
    }
