"""Load the eval datasets: parse and review gold, rewrite cases, leave-one-out suggest cases."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATASETS = Path(__file__).resolve().parent / "datasets"
SEED_TABLE = ROOT / "assistant" / "data" / "gz-gongxinju-2023.txt"
SEED_PARSE = DATASETS / "gold" / "000_203a48228822a7e9.parse.json"
SEED_REVIEW = DATASETS / "gold" / "000_203a48228822a7e9.review.json"
COLUMNAR = DATASETS / "columnar"
REVIEW_TABLES = DATASETS / "review_tables"
LAYOUTS = DATASETS / "layouts"
REWRITE_CASES = DATASETS / "rewrite" / "cases.jsonl"


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def parse_sets() -> list[tuple[str, Path, dict[str, Any]]]:
    """(name, input file, gold parse) for the seed, every columnar table and every published layout."""
    out = [("seed", SEED_TABLE, _json(SEED_PARSE))]
    for gold_path in sorted(COLUMNAR.glob("*.parse.json")):
        gold = _json(gold_path)
        out.append((gold_path.name.removesuffix(".parse.json"), COLUMNAR / gold["file"], gold))
    for gold_path in sorted(LAYOUTS.glob("*.parse.json")):
        gold = _json(gold_path)
        out.append(("layout_" + gold_path.name.removesuffix(".parse.json"), LAYOUTS / gold["file"], gold))
    return out


def review_sets() -> list[tuple[str, Path, dict[str, Any]]]:
    """(name, input file, gold review) for the seed and every columnar table."""
    out = [("seed", SEED_TABLE, _json(SEED_REVIEW))]
    for gold_path in sorted(COLUMNAR.glob("*.review.json")):
        gold = _json(gold_path)
        out.append((gold_path.name.removesuffix(".review.json"), COLUMNAR / gold["file"], gold))
    return out


def heldout_review_sets() -> list[tuple[str, Path, dict[str, Any]]]:
    """(name, input file, gold review) for every held-out-style review table (``review_tables/``)."""
    out = []
    for gold_path in sorted(REVIEW_TABLES.glob("*.review.json")):
        gold = _json(gold_path)
        out.append((gold_path.name.removesuffix(".review.json"), REVIEW_TABLES / gold["file"], gold))
    return out


def rewrite_cases() -> list[dict[str, Any]]:
    """Every case with ``project``, ``goal``, ``category``, ``name``, ``value`` and ``families``; seed cases
    (``ref``: project/group/item) are read from the seed gold parse."""
    seed = {p["name"]: p for p in _json(SEED_PARSE)["projects"]}
    cases = []
    for line in REWRITE_CASES.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        if "ref" in case:
            ref = case["ref"]
            project = seed[ref["project"]]
            ind = project["groups"][ref["group"] - 1][ref["item"] - 1]
            case.update(project=project["name"], goal=project["goal"], category=ind["category"],
                        name=ind["name"], value=ind["value"], source="seed")
        else:
            case.setdefault("goal", "")
            case.setdefault("source", "constructed")
        cases.append(case)
    return cases


def suggest_cases() -> list[dict[str, Any]]:
    """The seed's projects, each with ``name``, ``goal`` and its real indicators (from the gold parse)."""
    return [{"name": p["name"], "goal": p["goal"], "real": [i for g in p["groups"] for i in g]}
            for p in _json(SEED_PARSE)["projects"]]
