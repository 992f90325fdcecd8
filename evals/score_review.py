"""Precision/recall of review findings against a gold review file (shared/gold/README.md).

A finding matches a gold label when (code, project, group, item) are equal; group and item are absent
(None) for project-level codes. Only the gold file's codes are scored; findings with other codes are
ignored. ``python -m evals.score_review [TABLE] [GOLD] [--policy P]`` reviews the seed and prints the
table of figures; ``python -m evals.score_review --heldout`` does so for the held-out-style review tables.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "assistant" / "data" / "gz-gongxinju-2023.txt"
GOLD = ROOT / "evals" / "datasets" / "gold" / "000_203a48228822a7e9.review.json"
RULE_DECIDABLE = ("vague_target", "missing_unit", "ambiguous_unit", "compound_target", "duplicate_name",
                  "duplicate_project", "missing_outcome", "missing_output", "missing_cost")


def _key(f: dict[str, Any], project_level: frozenset[str] = frozenset()) -> tuple:
    if f.get("code") in project_level:
        return (f.get("code"), f.get("project"), None, None)
    return (f.get("code"), f.get("project"), f.get("group"), f.get("item"))


def _ratio(num: int, den: int, empty: float) -> float:
    return num / den if den else empty


def score(findings: Iterable[dict[str, Any]], gold: dict[str, Any]) -> dict[str, Any]:
    """Per-code tp/fp/fn, precision, recall and F1, plus their macro averages over the gold codes.

    A code with nothing predicted has precision 1.0; a code with nothing in the gold has recall 1.0. Codes the
    gold lists under ``project_level_codes`` are matched on (code, project) alone: where a finding points
    inside the project (a header field or a row) is not scored.
    """
    codes = list(gold.get("codes") or dict.fromkeys(f["code"] for f in gold["findings"]))
    project_level = frozenset(gold.get("project_level_codes") or ())
    want = {_key(f, project_level) for f in gold["findings"]}
    got = {_key(f, project_level) for f in findings if f.get("code") in codes}
    per_code: dict[str, dict[str, float]] = {}
    for code in codes:
        g = {k for k in want if k[0] == code}
        p = {k for k in got if k[0] == code}
        tp, fp, fn = len(g & p), len(p - g), len(g - p)
        precision, recall = _ratio(tp, tp + fp, 1.0), _ratio(tp, tp + fn, 1.0)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_code[code] = {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}
    n = max(len(per_code), 1)
    macro = {m: sum(v[m] for v in per_code.values()) / n for m in ("precision", "recall", "f1")}
    return {"per_code": per_code, "macro": macro,
            "false_positives": sorted(got - want, key=str), "false_negatives": sorted(want - got, key=str)}


def review_findings(table: Path = SEED, policy: str | None = None) -> list[dict[str, Any]]:
    from assistant.parse import read_path
    from assistant.review import review_table

    report = review_table(read_path(table), policy=policy)
    return [f.model_dump(mode="json") for f in report.findings]


def format_table(result: dict[str, Any]) -> str:
    lines = [f"{'code':<20}{'P':>7}{'R':>7}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}"]
    for code, v in result["per_code"].items():
        mark = " *" if code in RULE_DECIDABLE else ""
        lines.append(f"{code:<20}{v['precision']:>7.3f}{v['recall']:>7.3f}{v['f1']:>7.3f}"
                     f"{v['tp']:>5}{v['fp']:>5}{v['fn']:>5}{mark}")
    m = result["macro"]
    lines.append(f"{'macro':<20}{m['precision']:>7.3f}{m['recall']:>7.3f}{m['f1']:>7.3f}")
    lines.append("* 规则可判定的代码 / rule-decidable codes")
    return "\n".join(lines)


def heldout(policy: str | None = None) -> int:
    """Review every held-out-style table (``evals/datasets/review_tables``), print the figures summed over
    them and each table's misses; exit 0 (a baseline, not a gate)."""
    from evals import data, scorers

    pairs = [(name, review_findings(path, policy), gold) for name, path, gold in data.heldout_review_sets()]
    result = scorers.score_review_sets(pairs)
    print(format_table(result))
    for name, d in result["datasets"].items():
        for label in ("false_positives", "false_negatives"):
            for k in d[label]:
                print(f"{name} {label[:-1]}: {tuple(k)}")
    return 0


def main(argv: list[str]) -> int:
    policy = None
    for flag in ("--policy", "--profile"):
        if flag in argv:
            i = argv.index(flag)
            policy = argv[i + 1]
            argv = argv[:i] + argv[i + 2:]
    if argv[:1] == ["--heldout"]:
        return heldout(policy)
    table = Path(argv[0]) if argv else SEED
    gold_path = Path(argv[1]) if len(argv) > 1 else GOLD
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    result = score(review_findings(table, policy), gold)
    print(format_table(result))
    for label in ("false_positives", "false_negatives"):
        for k in result[label]:
            print(f"{label[:-1]}: {k}")
    ok = all(result["per_code"][c]["recall"] == 1.0 and result["per_code"][c]["precision"] >= 0.95
             for c in RULE_DECIDABLE if c in result["per_code"])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
