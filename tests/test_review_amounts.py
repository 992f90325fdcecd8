"""Amount arithmetic rules, each with a positive and a negative case, and 数据不足 when figures are missing."""

from __future__ import annotations

from pathlib import Path

from test_review_helpers import COST, EFF, OUT, SAT, ind, proj, review, table

from assistant.parse import read_path
from assistant.review.amounts import read_amounts

EXAMPLES = Path(__file__).parent / "data" / "examples"


def rows(*extra):
    return [ind("培训人次", "≥500人次", sub="数量指标"), ind("结业考核合格率", "≥95%", sub="质量指标"),
            ind("参训人员持证率", "≥80%", EFF, sub="社会效益指标"),
            ind("参训人员满意度", "≥90%", SAT, sub="服务对象满意度指标"), *extra]


def money(annual: float | None, unit: str = "万元", **fields: str) -> dict:
    extra = {"资金单位": unit, **fields}
    return {"amount": annual, "amount_text": None if annual is None else str(annual), "fields": extra}


def codes(project) -> set[str]:
    return {f.code for f in review(table(project)).findings}


def notes(project) -> list[str]:
    return review(table(project)).projects[0].notes


def test_amount_sum_mismatch():
    bad = proj("P", rows(), **money(100, 其中财政拨款="80", 其他资金="10"))
    good = proj("P", rows(), **money(100, 其中财政拨款="90", 其他资金="10"))
    with_carry = proj("P", rows(), **money(100, 当年财政拨款="80", 上年结转资金="20", 其他资金="0"))
    assert "amount_sum_mismatch" in codes(bad)
    assert "amount_sum_mismatch" not in codes(good)
    assert "amount_sum_mismatch" not in codes(with_carry)


def test_amount_sum_says_data_missing_instead_of_guessing():
    only_total = proj("P", rows(), **money(100, 其中财政拨款="80"))
    assert "amount_sum_mismatch" not in codes(only_total)
    assert any(n.startswith("数据不足") and "财政拨款" in n for n in notes(only_total))
    assert notes(proj("P", rows())) == []


def test_two_header_columns_with_different_values_are_not_picked():
    a = read_amounts(proj("P", rows(), **money(100, 其他资金="5", **{"其他资金（2）": "7"})))
    assert a.other is None and "其他资金" in a.ambiguous


def test_annual_exceeds_total():
    bad = proj("P", rows(), **money(3000, 项目资金总额="2000"))
    good = proj("P", rows(), **money(1000, 项目资金总额="3000"))
    phase = proj("P", rows(), **money(1000, 一期工程资金总额="600"))
    assert "annual_exceeds_total" in codes(bad)
    assert "annual_exceeds_total" not in codes(good)
    assert "annual_exceeds_total" not in codes(phase)


def test_amount_unit_mismatch_between_header_figures():
    bad = proj("P", rows(), **money(3498000, 其中财政拨款="349.8", 其他资金="0"))
    good = proj("P", rows(), **money(349.8, 其中财政拨款="349.8", 其他资金="0"))
    assert "amount_unit_mismatch" in codes(bad)
    assert "amount_unit_mismatch" not in codes(good)


def test_amount_unit_mismatch_between_header_and_cost_indicator():
    bad = proj("P", rows(ind("项目总成本", "≤919元", COST, sub="经济成本指标")), **money(919))
    good = proj("P", rows(ind("项目总成本", "≤919万元", COST, sub="经济成本指标")), **money(919))
    assert "amount_unit_mismatch" in codes(bad)
    assert "amount_unit_mismatch" not in codes(good)


def test_cost_budget_mismatch_total_cost_above_budget():
    bad = proj("P", rows(ind("项目总成本", "≤120万元", COST, sub="经济成本指标")), **money(100))
    good = proj("P", rows(ind("项目总成本", "≤100万元", COST, sub="经济成本指标")), **money(100))
    assert "cost_budget_mismatch" in codes(bad)
    assert "cost_budget_mismatch" not in codes(good)


def test_cost_budget_mismatch_quantity_times_unit_cost():
    unit_cost = ind("人均培训成本", "≤900元/人", COST, sub="经济成本指标")
    off = proj("P", rows(unit_cost), **money(90))     # 500 × 900 元 = 45 万元 against 90 万元
    fits = proj("P", rows(unit_cost), **money(45))
    within = proj("P", rows(unit_cost), **money(50))  # 10% off, inside the 15% tolerance
    found = [f for f in review(table(off)).findings if f.code == "cost_budget_mismatch"]
    assert found and "允许偏差±15%" in found[0].message and "45" in found[0].message
    assert "cost_budget_mismatch" not in codes(fits)
    assert "cost_budget_mismatch" not in codes(within)


def test_cost_budget_needs_a_unique_quantity_and_a_unit():
    unit_cost = ind("人均培训成本", "≤900元/人", COST, sub="经济成本指标")
    two = proj("P", rows(unit_cost, ind("培训教师人数", "≥20人")), **money(90))
    assert "cost_budget_mismatch" not in codes(two)
    no_unit = proj("P", rows(unit_cost), amount=90.0, amount_text="90")
    assert "cost_budget_mismatch" not in codes(no_unit)
    assert any("资金单位" in n for n in notes(no_unit))


def test_real_example_with_two_header_columns_passes_the_amount_rules():
    t = read_path(EXAMPLES / "04_shanghai-putuo-cgzf-2026-pymupdf.txt")
    a = read_amounts(t.projects[0])
    assert (a.annual, a.fiscal, a.other, a.total) == (3498000, 3498000, 0, 10308000) and a.unit == "元"
    found = {f.code for f in review(t).findings}
    assert not found & {"amount_sum_mismatch", "annual_exceeds_total", "amount_unit_mismatch"}


def test_needs_check_project_skips_structure_rules_and_is_not_graded():
    thin = [ind("培训人次", "≥500人次"), ind("服务质量", "进一步提高", OUT)]
    sure = proj("甲", thin)
    unsure = proj("乙", thin, needs_check=True)
    report = review(table(sure, unsure))
    by = {p: {f.code for f in report.findings if f.project == p} for p in ("甲", "乙")}
    assert {"missing_outcome", "too_few_indicators"} <= by["甲"]
    assert not {"missing_outcome", "too_few_indicators", "missing_cost"} & by["乙"]
    assert "vague_target" in by["乙"]
    assert [g.project for g in report.grades] == ["甲"]
    assert [s.needs_check for s in report.projects] == [False, True]


def test_layout_follows_the_table_unless_the_profile_sets_it():
    t = table(proj("P", rows()))
    t.layout = "101"
    default = review(t)
    assert (default.layout, default.layout_source) == ("101", "table")
    central = review(t, "central")
    assert (central.layout, central.layout_source) == ("101", "profile")
    t.layout = "legacy"
    assert (review(t, "central").layout, review(t).layout) == ("101", "legacy")
    t.layout = None
    assert (review(t).layout, review(t).layout_source) == ("legacy", "profile")
