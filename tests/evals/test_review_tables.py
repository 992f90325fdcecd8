"""The held-out-style review tables: committed files, expected parse and labels agree with the spec and with
each other, the set has the shape issue 13 asks for, and the scorecard reports it on its own line."""

import json
from collections import Counter

import docx
import pytest
from openpyxl import load_workbook

from evals import data, headline, scorecard
from evals.datasets import build_review_tables
from evals.datasets.review_tables_spec import CODES, PROJECT_LEVEL_CODES, TABLES
from evals.score_review import score

NEW_CODES = ("placeholder_left", "name_value_conflict", "amount_sum_mismatch", "annual_exceeds_total",
             "amount_unit_mismatch", "cost_budget_mismatch")


def _gold(name: str, kind: str) -> dict:
    return json.loads((data.REVIEW_TABLES / f"{name}.{kind}.json").read_text(encoding="utf-8"))


def _file_text(path) -> str:
    if path.suffix == ".xlsx":
        return " ".join(str(c.value) for ws in load_workbook(path) for row in ws.iter_rows() for c in row if c.value)
    if path.suffix == ".docx":
        return " ".join(c.text for t in docx.Document(str(path)).tables for r in t.rows for c in r.cells)
    return path.read_text(encoding="utf-8")


def test_committed_gold_matches_the_spec():
    assert build_review_tables.build(check=True) == []


def test_at_least_eight_tables_in_four_formats_and_both_layouts():
    assert len(TABLES) >= 8 and len({t["id"] for t in TABLES}) == len(TABLES)
    assert {t["format"] for t in TABLES} == {"xlsx", "docx", "html", "txt"}
    cost_first_level = [t for t in TABLES if any(r["l1"] == "成本指标" for p in t["projects"] for r in p["rows"])]
    cost_under_output = [t for t in TABLES if any(r["l1"] == "产出指标" and r["l2"] == "成本指标"
                                                  for p in t["projects"] for r in p["rows"])]
    assert len(cost_first_level) >= 3 and len(cost_under_output) >= 3
    assert len({t["department"] for t in TABLES}) == len(TABLES)


def test_committed_files_hold_every_name_and_value():
    for t in TABLES:
        text = _file_text(data.REVIEW_TABLES / f"{t['id']}.{t['format']}")
        for project in t["projects"]:
            assert project["name"] in text, t["id"]
            for row in project["rows"]:
                assert row["name"] in text and row["value"] in text, (t["id"], row["name"])


def test_every_label_points_at_a_row_of_the_expected_parse():
    sets = data.heldout_review_sets()
    assert len(sets) == len(TABLES)
    for name, path, gold in sets:
        assert path.exists(), path
        parse = _gold(name, "parse")
        projects = {p["name"]: p for p in parse["projects"]}
        assert set(gold["codes"]) == set(CODES) and gold["project_level_codes"] == list(PROJECT_LEVEL_CODES)
        for f in gold["findings"]:
            assert f["code"] in gold["codes"] and f["project"] in projects, (name, f)
            assert f["note"], (name, f)
            if "item" in f:
                assert f["code"] not in PROJECT_LEVEL_CODES
                ind = projects[f["project"]]["groups"][f["group"] - 1][f["item"] - 1]
                assert (ind["name"], ind["value"]) == (f["indicator"], f["value"]), (name, f)
            else:
                assert f["code"].startswith("missing_") or f["code"] in PROJECT_LEVEL_CODES, (name, f)
        assert len({(f["code"], f["project"], f.get("item")) for f in gold["findings"]}) == len(gold["findings"])


def test_mostly_clean_rows_with_each_new_code_several_times():
    rows = labelled = 0
    codes: Counter = Counter()
    for name, _, gold in data.heldout_review_sets():
        rows += sum(len(g) for p in _gold(name, "parse")["projects"] for g in p["groups"])
        labelled += len({(f["project"], f["item"]) for f in gold["findings"] if "item" in f})
        codes.update(f["code"] for f in gold["findings"])
    assert rows >= 120 and labelled / rows < 0.35
    assert all(codes[c] >= 2 for c in NEW_CODES), codes
    assert codes["vague_target"] >= 10 and codes["input_as_target"] >= 5


def test_the_parser_reads_every_row_where_the_labels_point():
    """The set measures review, not parsing: project names, group sizes, 一级, names and values as written."""
    from assistant.parse import read_path

    for name, path, _ in data.heldout_review_sets():
        parsed = read_path(path).model_dump(mode="json")
        want = [(p["name"], [[(i["category"], i["name"], i["value"]) for i in g] for g in p["groups"]])
                for p in _gold(name, "parse")["projects"]]
        got = [(p["name"], [[(i["category"], i["name"], i["value"]) for i in g] for g in p["groups"]])
               for p in parsed["projects"]]
        assert got == want, name


def test_project_level_codes_match_wherever_the_finding_points():
    gold = {"codes": {"cost_budget_mismatch": "", "vague_target": ""}, "project_level_codes": ["cost_budget_mismatch"],
            "findings": [{"code": "cost_budget_mismatch", "project": "甲"},
                         {"code": "vague_target", "project": "甲", "group": 1, "item": 2}]}
    found = [{"code": "cost_budget_mismatch", "project": "甲", "group": 1, "item": 5},
             {"code": "vague_target", "project": "甲", "group": 1, "item": 3}]
    per = score(found, gold)["per_code"]
    assert per["cost_budget_mismatch"]["tp"] == 1 and per["cost_budget_mismatch"]["fp"] == 0
    assert per["vague_target"]["tp"] == 0 and per["vague_target"]["fp"] == 1


@pytest.fixture(scope="module")
def review_result():
    from evals import tasks

    return tasks.run_review(None, [])


def test_scorecard_reports_the_held_out_set_on_its_own_line(review_result):
    heldout = review_result["heldout"]
    assert set(heldout["datasets"]) == {t["id"] for t in TABLES}
    assert set(heldout["per_code"]) == set(CODES)
    assert "seed" in review_result["datasets"] and "seed" not in heldout["datasets"]
    result = {"backend": "rules", "date": "2026-01-01", "mode": "live", "tasks": {"review": review_result},
              "operational": {"calls": 0}}
    table = scorecard.summary_table([result])
    assert "| rules | review |" in table and "| rules | review (held-out-style tables) |" in table
    assert "外省风格独立表" in scorecard.render(result)
    got = headline.headlines(result)
    assert {"review.macro.f1", "review.heldout.macro.precision", "review.heldout.macro.recall",
            "review.heldout.macro.f1"} <= set(got)
    assert all(f"review.heldout.{code}.{m}" in got for code in CODES for m in ("precision", "recall"))
    worse = {**result, "tasks": {"review": {**review_result, "heldout": {
        **heldout, "per_code": {**heldout["per_code"], "missing_cost": {"precision": 0.0, "recall": 0.0}}}}}}
    drops = headline.drops(worse, {"tolerance": 0.02, "scores": {"rules": got}})
    assert drops and all("missing_cost" in d for d in drops)
