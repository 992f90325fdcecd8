"""The seed parses to exactly the hand-checked gold, field by field."""

from __future__ import annotations

import json
import subprocess
import sys

from evals.score_parse import compare, indicator_key


def test_seed_matches_gold_exactly(seed_table, gold_parse):
    parsed = seed_table.model_dump(mode="json")
    result = compare(parsed, gold_parse)
    assert result["diffs"] == []
    assert result["projects"] == 1.0 and result["indicators"] == 1.0 and result["parts"] == 1.0
    assert len(parsed["projects"]) == 19
    assert sum(len(g) for p in parsed["projects"] for g in p["groups"]) == 175


def test_group_boundaries_and_orphans(seed_table, gold_parse):
    for mine, gold in zip(seed_table.projects, gold_parse["projects"], strict=True):
        assert mine.line == gold["line"]
        assert [len(g) for g in mine.groups] == [len(g) for g in gold["groups"]]
    orphans = [(w.line, w.text) for w in seed_table.warnings if w.kind == "orphan_fragment"]
    assert orphans == [(20, "干。"), (27, "年度指标值：≥1500家。")]
    goals = [p.goal for p in seed_table.projects]
    assert not any(g.endswith("干。") and "正常。干。" in g for g in goals)


def test_scorer_detects_a_single_wrong_part(seed_table, gold_parse):
    parsed = seed_table.model_dump(mode="json")
    parsed["projects"][0]["groups"][0][0]["target"]["parts"][0]["value"] = 3001
    result = compare(parsed, gold_parse)
    assert result["indicators"] < 1.0 and len(result["diffs"]) == 1
    assert indicator_key(parsed["projects"][0]["groups"][0][0]) != indicator_key(
        gold_parse["projects"][0]["groups"][0][0])


def test_cli_parse_json_has_every_gold_key(seed_path, gold_parse):
    out = subprocess.run([sys.executable, "-m", "assistant.cli", "parse", str(seed_path), "--json"],
                         capture_output=True, text=True, check=True).stdout
    parsed = json.loads(out)

    def keys_covered(gold, mine, path="$"):
        if isinstance(gold, dict):
            assert isinstance(mine, dict), path
            for k, v in gold.items():
                assert k in mine, f"{path}.{k} missing"
                keys_covered(v, mine[k], f"{path}.{k}")
        elif isinstance(gold, list):
            assert isinstance(mine, list) and len(mine) == len(gold), path
            for i, (g, m) in enumerate(zip(gold, mine, strict=True)):
                keys_covered(g, m, f"{path}[{i}]")

    gold = dict(gold_parse)
    gold["source"] = parsed["source"]
    keys_covered(gold, parsed)
    assert compare(parsed, gold_parse)["diffs"] == []
