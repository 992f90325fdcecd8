"""The seed table against the gold review labels, and the honesty of the rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.review import review_table
from evals.score_review import RULE_DECIDABLE, score

RULES_DIR = Path(__file__).resolve().parent.parent / "assistant" / "review"


@pytest.fixture(scope="module")
def seed_report(seed_table):
    return review_table(seed_table)


@pytest.mark.parametrize("profile", [None, "central"])
def test_rule_decidable_codes_meet_the_bar(seed_table, gold_review, profile):
    report = review_table(seed_table, policy=profile)
    result = score([f.model_dump(mode="json") for f in report.findings], gold_review)
    for code in RULE_DECIDABLE:
        figures = result["per_code"][code]
        assert figures["recall"] == 1.0, (code, figures)
        assert figures["precision"] >= 0.95, (code, figures)


def test_judgement_codes_are_reported(seed_report, gold_review):
    result = score([f.model_dump(mode="json") for f in seed_report.findings], gold_review)
    for code in ("category_mismatch", "unit_mismatch"):
        assert result["per_code"][code]["precision"] >= 0.5


def test_duplicate_project_names_the_earlier_project(seed_report):
    dup = [f for f in seed_report.findings if f.code == "duplicate_project"]
    assert len(dup) == 1 and dup[0].project.startswith("(人才奖励)")
    assert "支持发展第8.6代TFT-LCD氧化物半导体显示器件生产项目" in dup[0].message


def test_every_project_is_graded(seed_table, seed_report):
    assert [g.project for g in seed_report.grades] == [p.name for p in seed_table.projects]
    for g in seed_report.grades:
        assert g.grade in "优良中差" and g.dimensions["适当性"] is None and g.reasons


def test_rules_do_not_name_seed_projects_or_indicators(seed_table):
    source = "".join(p.read_text(encoding="utf-8") for p in RULES_DIR.rglob("*.py"))
    source += "".join(p.read_text(encoding="utf-8") for p in RULES_DIR.rglob("*.toml"))
    for project in seed_table.projects:
        assert project.name not in source
        for ind in project.indicators():
            if len(ind.name) >= 8:
                assert ind.name not in source, ind.name
    assert not re.search(r"TFT|OLED|工信|纪检|琶洲", source)
