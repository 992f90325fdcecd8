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
    assert (review(t).layout, review(t).layout_source) == ("legacy", "default")


def test_any_cost_row_above_the_budget():
    over = proj("P", rows(ind("年度运维服务费", "≤260万元", COST, sub="经济成本指标")), **money(240))
    under = proj("P", rows(ind("年度运维服务费", "≤200万元", COST, sub="经济成本指标")), **money(240))
    total = proj("P", rows(ind("项目总投资", "≤700万元", COST, sub="经济成本指标")), **money(240, 项目总额="720"))
    assert "cost_budget_mismatch" in codes(over)
    assert "cost_budget_mismatch" not in codes(under)
    assert "cost_budget_mismatch" not in codes(total)


def test_quantity_times_unit_cost_ten_thousand_times_the_budget_is_a_unit_problem():
    rows_ = [ind("改造学校数量", "12所"), ind("单校改造成本", "≤29.7万元/所", COST, sub="经济成本指标"),
             ind("设备安装验收合格率", "=100%", sub="质量指标"), ind("师生满意度", "≥90%", SAT)]
    as_yuan = proj("P", rows_, **money(356, unit="元"))
    as_wan = proj("P", rows_, **money(356, unit="万元"))
    assert "amount_unit_mismatch" in codes(as_yuan) and "cost_budget_mismatch" not in codes(as_yuan)
    assert not {"amount_unit_mismatch", "cost_budget_mismatch"} & codes(as_wan)


def test_a_sum_off_by_ten_thousand_is_reported_once_as_a_unit_problem():
    mixed = proj("P", rows(), **money(320, 财政拨款="3,200,000", 其他资金="0"))
    found = codes(mixed)
    assert "amount_unit_mismatch" in found and "amount_sum_mismatch" not in found


def test_layout_read_from_the_first_level_labels_when_the_parser_does_not_say():
    shanghai = read_path(EXAMPLES / "04_shanghai-putuo-cgzf-2026-pymupdf.txt")
    wuhai = read_path(EXAMPLES / "08_wuhai-gongxiaoshe-2021-columns.txt")
    shanghai.layout = wuhai.layout = None
    assert (review(shanghai).layout, review(shanghai).layout_source) == ("101", "table")
    assert (review(wuhai).layout, review(wuhai).layout_source) == ("legacy", "table")


def test_compound_unit_cost_multiplies_each_quantity():
    meals = [ind("受益学生人数", "≥18,600人"), ind("全年供餐天数", "≥200天"), ind("营养膳食补助标准", "=5元/人·天", COST),
             ind("学生体质健康标准达标率", "≥92%", EFF), ind("学生家长满意度", "≥90%", SAT)]
    fits = proj("P", meals, **money(18_600_000, unit="元"))
    short = proj("P", meals, **money(9_000_000, unit="元"))
    assert "cost_budget_mismatch" not in codes(fits) and not any("营养膳食" in n for n in notes(fits))
    found = [f for f in review(table(short)).findings if f.code == "cost_budget_mismatch"]
    assert found and "全年供餐天数" in found[0].message and "受益学生人数" in found[0].message


def test_a_monthly_standard_without_a_month_count_is_not_guessed():
    rows_ = [ind("见习人数", "≥300人"), ind("见习补贴标准", "=1,900元/人·月", COST),
             ind("见习期满考核合格率", "≥95%", sub="质量指标"), ind("见习人员满意度", "≥90%", SAT)]
    project = proj("P", rows_, **money(350))    # 6 or 12 months? the table does not say
    assert "cost_budget_mismatch" not in codes(project)
    assert any(n.startswith("数据不足") and "见习补贴标准" in n for n in notes(project))
    counted = proj("P", [*rows_, ind("人均见习月数", "=6月")], **money(342))   # 300 × 6 × 1,900 = 342 万元
    assert "cost_budget_mismatch" not in codes(counted) and not any("见习补贴标准" in n for n in notes(counted))


def test_a_tiny_other_fund_that_adds_up_is_not_a_unit_slip():
    tiny = proj("P", rows(), **money(200.02, 其中财政拨款="200", 其他资金="0.02"))
    assert not {"amount_unit_mismatch", "amount_sum_mismatch"} & codes(tiny)


def test_money_under_benefits_is_not_a_unit_cost():
    gains = proj("P", rows(ind("参训人员人均增收", "≥2,000元/人", EFF)), **money(10))
    assert "cost_budget_mismatch" not in codes(gains) and not any("人均增收" in n for n in notes(gains))
