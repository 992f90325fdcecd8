"""A county table written for these tests (two projects, header money, the patterns of issues 11 and 13),
read from its file by the parser and reviewed: what an expert would flag, and nothing an expert would
sign off."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.parse import read_path
from assistant.review import review_table

TABLE = Path(__file__).parent / "data" / "review" / "county_two_projects.txt"
SUBSIDY, ROADS = "困难残疾人生活补贴和重度残疾人护理补贴", "农村公路日常养护"


@pytest.fixture(scope="module")
def found():
    report = review_table(read_path(TABLE))
    return report, {(f.code, f.project, f.group, f.item) for f in report.findings}


def test_what_an_expert_flags(found):
    _, keys = found
    assert {("amount_sum_mismatch", SUBSIDY, None, None), ("missing_satisfaction", SUBSIDY, None, None),
            ("cost_budget_mismatch", SUBSIDY, None, None), ("input_as_target", SUBSIDY, 1, 4),
            ("vague_target", SUBSIDY, 1, 4), ("category_mismatch", SUBSIDY, 1, 7),
            ("annual_exceeds_total", ROADS, None, None)} <= keys


def test_what_an_expert_signs_off(found):
    report, keys = found
    roads_rows = {(c, g, i) for c, p, g, i in keys if p == ROADS and i is not None}
    assert roads_rows == set(), roads_rows
    assert not any(c == "input_as_target" and i == 3 for c, p, g, i in keys if p == SUBSIDY)
    assert "vague_goal" not in {c for c, p, _, _ in keys if p == ROADS}
    assert (report.layout, report.layout_source) == ("101", "table")
    assert {c for c, p, _, _ in keys if p == ROADS} == {"annual_exceeds_total"}
