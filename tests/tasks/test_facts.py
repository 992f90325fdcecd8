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


def test_zero_written_after_the_incident_is_zero_events():
    r = row(facts(goal="全年校园安全事故零发生"), "校园安全事故")
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


def test_frequencies_per_day_stay_per_day_and_per_month_become_a_yearly_count():
    f = facts("主干道每日洒水不少于2次，每月开展设备检修1次")
    daily = row(f, "洒水")
    assert (daily.value, daily.unit) == ("≥2次/日", "次/日")
    monthly = row(f, "检修")
    assert monthly.value == "≥12次" and monthly.derived and "每月开展设备检修1次" in monthly.reason


def test_spacing_is_an_upper_bound_on_the_distance():
    r = row(facts("沿线每3公里设1个补给站"), "间距")
    assert (r.comparator, r.value) == ("≤", "≤3公里")


def test_time_limits_within_n_days_and_same_day():
    f = facts("投诉受理后5个工作日内办结，发现问题当日整改")
    assert row(f, "办结").value == "≤5个工作日"
    assert row(f, "整改").value == "≤1天"


def test_per_head_amounts_and_caps_per_entity():
    f = facts("体检人均费用约150元，单家企业最高补助30万元")
    per_head = row(f, "人均")
    assert per_head.value == "≤150元/人" and per_head.sub == "成本指标"
    cap = row(f, "单家")
    assert cap.value == "≤30万元" and "上限" in cap.name


def test_subsidy_per_meal_is_a_standard_per_person_meal():
    r = row(facts("对就餐老人每餐补贴4元"), "标准")
    assert (r.comparator, r.unit) == ("=", "元/人·餐")


def test_zero_targets_written_as_clearing_or_none():
    f = facts(goal="辖区新增违法建设为零，困难家庭动态清零")
    assert row(f, "违法建设").value == "=0处"
    assert row(f, "家庭").value == "=0户"


def test_per_mille_and_share_of_a_base_and_growth():
    f = facts(goal="林火受害率控制在0.8‰以内，按设备投入的30%给予补助，带动企业营收增长12%以上")
    assert row(f, "受害率").value == "≤0.8‰"
    share = row(f, "补助比例")
    assert share.value == "=30%" and share.sub == "成本指标"
    assert row(f, "增长率").value == "≥12%"


def test_a_month_without_a_day_means_before_that_month():
    r = row(facts(goal="10月前完成方案评审"), "时间")
    assert r.value == "9月30日前" and "10月前" in r.reason


def test_quantity_per_unit_keeps_its_per_unit():
    r = row(facts(goal="示范区亩均增产约80公斤/亩"), "")
    assert r.unit == "公斤/亩" and "80" in r.value


def test_outcome_money_is_never_the_budget_when_the_amount_is_given():
    f = facts(goal="现场签约意向投资额约15亿元", amount=120)
    assert f.budget == 120
    assert row(f, "意向投资").sub == "经济效益指标"


def test_enumerated_goals_lose_their_numbers_not_their_figures():
    f = facts(goal="1.举办讲座12场；2.覆盖群众不少于3000人次")
    values = {r.value for r in f.rows}
    assert {"≥12场", "≥3000人次"} <= values
    assert not any(r.value.startswith(("≥1", "≥2")) and r.unit in (None, "") for r in f.rows)


@pytest.mark.parametrize("said,value", [
    ("群众举报百分之百办结", "=100%"),
    ("满意度百分之九十以上", "≥90%"),
    ("维修面积大概8000平米", "≥8000平方米"),
])
def test_spoken_forms_are_read_as_written_ones(said: str, value: str):
    assert value in {r.value for r in facts(goal=said).rows}


def test_spoken_money_and_dates():
    f = facts(goal="这个活动全年120万，每场补助3块钱，10月15号前办完，现场不能出安全事故")
    assert f.budget == 120
    values = {r.value for r in f.rows}
    assert "10月15日前" in values and "=0起" in values
    assert any("3元" in v for v in values)


def test_a_block_is_a_count_unless_it_is_money():
    f = facts("设置公益广告牌30块")
    assert any(r.value == "≥30块" for r in f.rows) and f.budget is None


def test_a_count_per_person_is_a_standard_not_a_total():
    r = row(facts(goal="为专任教师每人配备1台笔记本电脑"), "人均")
    assert (r.comparator, r.unit) == ("=", "台/人") and "笔记本电脑" in r.name


def test_monthly_deadlines_and_rounds():
    f = facts("补贴按月结算，次月10日前结算上月补贴；全年检查不少于3轮")
    assert row(f, "时间").value == "次月10日前"
    assert row(f, "轮次").value == "≥3轮"


def test_people_reached_are_named_as_beneficiaries():
    r = row(facts(goal="惠及困难群众约5000人"), "受益")
    assert r.name == "受益困难群众人数" and r.value == "≥5000人"


def test_a_per_person_quota_does_not_stop_the_total_count_being_computed():
    f = facts("为每位教师配备1台笔记本电脑，每台5000元，总共100万元")
    assert any(r.value == "≥200台" and r.derived for r in f.rows)
