"""Headline scores of a run (the numbers the baseline gates) and the gate itself."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

BASELINE = Path(__file__).resolve().parent / "baseline.json"

HEADLINES: dict[str, tuple[str, ...]] = {
    "parse": ("projects", "indicators", "parts"),
    "review": ("macro.precision", "macro.recall", "macro.f1", "heldout.macro.precision", "heldout.macro.recall",
               "heldout.macro.f1"),
    "rewrite": ("measurable", "subject", "category", "flagged", "family", "overall"),
    "suggest": ("category_coverage", "output_coverage", "rule_pass", "recall", "duplicate_free", "schema",
                "overall"),
    "draft": ("recall", "figures", "units", "directions", "categories", "overall", "heldout.recall",
              "heldout.figures", "heldout.overall", "heldout.clean"),
    "rewrite_expert": ("has_option", "family", "direction", "category", "no_invented", "overall"),
    "operational": ("success_rate",),
}


def _get(data: dict[str, Any], dotted: str) -> Any:
    for part in dotted.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def headlines(result: dict[str, Any]) -> dict[str, float]:
    """``{"task.metric": value}`` for every task that ran; for the held-out-style review tables also each
    code's precision and recall (``review.heldout.<code>.precision``), so a drop in one code is gated."""
    out: dict[str, float] = {}
    for task, metrics in HEADLINES.items():
        section = result["tasks"].get(task) if task != "operational" else result.get("operational")
        if not section or section.get("status") == "not run":
            continue
        if task == "operational":
            if section.get("calls"):
                out["operational.success_rate"] = round(1 - section["failure_rate"], 4)
            continue
        for m in metrics:
            value = _get(section, m)
            if isinstance(value, int | float):
                out[f"{task}.{m}"] = round(float(value), 4)
        if task == "review":
            for code, v in (_get(section, "heldout.per_code") or {}).items():
                for m in ("precision", "recall"):
                    out[f"review.heldout.{code}.{m}"] = round(float(v[m]), 4)
    return out


def load_baseline(path: Path = BASELINE) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def drops(result: dict[str, Any], baseline: dict[str, Any]) -> list[str]:
    """Every baseline score of this backend that fell by more than the tolerance, or went missing."""
    tol = float(baseline["tolerance"])
    want = baseline["scores"].get(result["backend"], {})
    got = headlines(result)
    out = []
    for key, base in sorted(want.items()):
        now = got.get(key)
        if now is None:
            out.append(f"{result['backend']} {key}：基线 {base:.3f}，本次未运行")
        elif now < base - tol:
            out.append(f"{result['backend']} {key}：{now:.3f} < 基线 {base:.3f} − 容差 {tol}")
    return out


def updated_baseline(results: list[dict[str, Any]], baseline: dict[str, Any]) -> dict[str, Any]:
    """The baseline with the scores of ``results`` written in (tolerance and notes kept)."""
    scores = dict(baseline.get("scores", {}))
    for r in results:
        scores[r["backend"]] = headlines(r)
    return {**baseline, "scores": scores}
