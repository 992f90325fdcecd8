"""The review scorer: a perfect answer scores 1, a broken one less, per code and macro."""

from __future__ import annotations

import copy

from evals.score_review import format_table, main, score


def test_perfect_answer_scores_one(gold_review):
    result = score(copy.deepcopy(gold_review["findings"]), gold_review)
    assert result["macro"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert all(v["fp"] == 0 and v["fn"] == 0 for v in result["per_code"].values())


def test_missing_and_extra_findings_lower_the_score(gold_review):
    findings = copy.deepcopy(gold_review["findings"])
    dropped = next(f for f in findings if f["code"] == "missing_unit")
    findings.remove(dropped)
    findings.append({"code": "vague_target", "project": "不存在的项目", "group": 1, "item": 1})
    result = score(findings, gold_review)
    assert result["per_code"]["missing_unit"]["recall"] < 1.0
    assert result["per_code"]["vague_target"]["precision"] < 1.0
    assert result["per_code"]["missing_cost"]["f1"] == 1.0
    assert result["macro"]["f1"] < 1.0
    assert ("missing_unit", dropped["project"], dropped["group"], dropped["item"]) in result["false_negatives"]


def test_position_matters_and_other_codes_are_ignored(gold_review):
    findings = copy.deepcopy(gold_review["findings"])
    moved = next(f for f in findings if f["code"] == "compound_target")
    moved["item"] += 1
    findings.append({"code": "cumulative_target", "project": "x", "group": 1, "item": 1})
    result = score(findings, gold_review)
    ct = result["per_code"]["compound_target"]
    assert ct["tp"] == 2 and ct["fp"] == 1 and ct["fn"] == 1
    assert "cumulative_target" not in result["per_code"]


def test_empty_answer(gold_review):
    result = score([], gold_review)
    assert result["macro"]["recall"] == 0.0 and result["macro"]["f1"] == 0.0


def test_report_table_and_main(gold_review, capsys):
    text = format_table(score(gold_review["findings"], gold_review))
    assert "vague_target" in text and "macro" in text
    assert main([]) == 0
    assert "missing_cost" in capsys.readouterr().out
