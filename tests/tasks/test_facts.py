"""The officer's own facts: each phrasing of a figure, unit costs, row names and nothing lost."""

from __future__ import annotations

import re

import pytest

from assistant.tasks.facts import read_facts
from assistant.tasks.models import ProjectDescription


def facts(content: str = "", goal: str = "", amount: float | None = None, name: str = "测试项目"):
    return read_facts(ProjectDescription(name=name, goal=goal, content=content, amount=amount))


def row(f, pattern: str):
    found = [r for r in f.rows if re.search(pattern, r.name)]
    assert found, [(r.name, r.value) for r in f.rows]
    return found[0]


def test_magnitude_wan_on_a_count_is_kept_as_written():
    r = row(facts("建设高标准农田2万亩"), "面积")
    assert (r.value, r.unit, r.comparator) == ("≥2万亩", "万亩", "≥")


def test_not_less_than_gives_ge_and_keeps_the_number():
    r = row(facts(goal="全年服务群众不少于120万人次"), "人次")
    assert r.value == "≥120万人次" and r.sub == "数量指标"


@pytest.mark.parametrize("phrase", ["不低于90%", "达到90%以上", "90%以上"])
def test_rate_lower_bounds(phrase: str):
    r = row(facts(goal=f"河道水质达标率{phrase}"), "达标率")
    assert r.value == "≥90%" and r.sub == "质量指标"


def test_approximate_number_is_kept_and_said_to_be_approximate():
    r = row(facts("预计为约500名困难群众发放救助金"), "人数|对象")
    assert "500" in r.value and "约数" in r.reason


def test_range_keeps_the_lower_bound_as_target_and_both_ends_in_the_reason():
    r = row(facts("举办培训班6-8期"), "期数")
    assert r.value == "≥6期" and "6–8" in r.reason


def test_unit_price_is_not_the_budget_and_the_count_is_computed():
    f = facts("为全区中小学教师配备笔记本电脑，每台6000元左右，总共252万元")
    assert f.budget == 252
    price = row(f, "单价")
    assert price.value == "≤6000元/台" and price.sub == "成本指标"
    count = row(f, "数量")
    assert count.value == "≥420台" and count.derived and "测算" in count.reason


def test_per_person_standard_is_an_equal_standard_row_not_a_count():
    f = facts("向引进人才发放住房补贴3000元/人·月")
    r = row(f, "标准")
    assert (r.comparator, r.value, r.unit, r.sub) == ("=", "=3000元/人·月", "元/人·月", "成本指标")
    assert not [x for x in f.rows if x.sub == "数量指标" and "3000" in x.value]


def test_per_person_per_month_written_before_the_number():
    r = row(facts("补助标准为每人每月300元"), "标准")
    assert r.value == "=300元/人·月"


def test_no_incident_goal_is_zero_events():
    r = row(facts(goal="全年不发生学校食堂食物中毒事件"), "食物中毒")
    assert (r.comparator, r.value, r.unit) == ("=", "=0起", "起")


def test_dates_with_and_without_a_year():
    f = facts(goal="2025年10月底前完成验收，12月31日前完成资金结算")
    values = {r.value for r in f.rows if r.sub == "时效指标"}
    assert {"2025年10月底前", "12月31日前"} <= values
    assert any("未写年份" in r.reason for r in f.rows if r.value == "12月31日前")


def test_unit_cost_from_budget_and_quantity():
    r = row(facts("建设高标准农田2万亩，总投资3200万元"), "亩均")
    assert (r.value, r.unit, r.comparator) == ("≤1600元/亩", "元/亩", "≤") and r.derived and "测算" in r.reason


def test_unit_cost_uses_the_budget_field_when_the_text_has_no_amount():
    r = row(facts("对120公里河道实施日常保洁", amount=600), "公里")
    assert r.name.endswith("成本") or "里程" in r.name


def test_outcome_money_is_not_the_budget():
    f = facts(goal="带动企业新增产值5000万元", content="项目预算300万元")
    assert f.budget == 300
    assert row(f, "产值").sub == "经济效益指标"


def test_funding_sources_are_reported_back_not_lost():
    f = facts("项目总投资1000万元，其中市级资金600万元")
    assert f.budget == 1000
    assert any("600" in span for span, _ in f.unused)


def test_age_qualifier_stays_in_the_name_and_people_are_counted_in_people():
    r = row(facts("为全区2万名80岁以上老年人提供助餐补贴"), "对象")
    assert "80岁以上" in r.name and r.unit == "万人" and r.value == "≥2万人"


def test_rows_are_measure_names_not_sentence_fragments():
    f = facts("村道共1500公里，实施日常养护；预计发放宣传册约3000份", goal="全年不少于120万人次")
    for r in f.rows:
        assert not re.search(r"共|预计|约|全年|不少于", r.name), r.name
        assert len(r.name) <= 24


@pytest.mark.parametrize("content,goal,amount", [
    ("为全区中小学教师配备笔记本电脑，每台6000元左右，总共252万元", "2025年9月底前完成配发", None),
    ("对全区320所学校食堂开展食品安全检查不少于1280户次", "全年不发生学校食堂食物中毒事件，检查覆盖率达到100%", None),
    ("举办全程马拉松1场，参赛选手约3万人", "全年不少于120万人次参与或观看赛事活动", 800),
    ("建设高标准农田2万亩，总投资3200万元", "新增粮食产能200万公斤", None),
    ("村道共1500公里，实施日常养护，开展养护培训6-8期", "优良路率达到85%以上", 900),
])
def test_nothing_the_officer_gave_is_lost(content: str, goal: str, amount: float | None):
    f = facts(content, goal, amount)
    shown = " ".join(f"{r.name} {r.value} {r.reason}" for r in f.rows) + " ".join(s for s, _ in f.unused)
    for number in re.findall(r"\d+(?:\.\d+)?", content + goal):
        assert number in shown, number
