"""The officer's facts for services bought and per-entity standards: a standard per school/point is a standard and
makes a computed total, beneficiaries of the effect sit under 效益, service prices are prices, colloquial prices are
read, and a price that agrees with budget ÷ quantity says so (测算). The phrasings are written here, not taken from
an evaluation item."""

from __future__ import annotations

import pytest

from assistant.tasks.facts import read_facts, spoken
from assistant.tasks.models import ProjectDescription


def facts(goal: str = "", content: str = "", amount: float | None = None, name: str = "测试项目"):
    return read_facts(ProjectDescription(name=name, goal=goal, content=content, amount=amount))


def rows(f, word: str):
    return [r for r in f.rows if word in r.name]


@pytest.mark.parametrize(("text", "per", "total"), [
    ("为全市15所幼儿园配备保健医生，每园不少于1名", "≥1人/所", "≥15人"),
    ("为全区30所小学配备心理教师，每校不少于2名", "≥2人/所", "≥60人"),
    ("全镇12处避险点每处配备管理员1名", "=1人/处", "≥12人"),
    ("为20个社区各配置1台智能药柜", "=1台/个", "≥20台"),
])
def test_a_per_entity_standard_is_a_standard_and_makes_a_computed_total(text, per, total):
    f = facts(goal=text)
    assert not [r for r in f.rows if r.value in ("≥2人", "≥1人") and "每" not in r.name]
    standard = [r for r in f.rows if r.value == per]
    computed = [r for r in f.rows if r.value == total]
    assert standard and standard[0].sub == "数量指标" and "每" in standard[0].name
    assert computed and computed[0].derived and "测算" in computed[0].reason


def test_people_the_item_protects_are_its_effect_but_people_it_pays_are_its_output():
    guarded = facts(goal="为全县18所学校派驻保安，保障全县师生2.4万人校园安全", name="校园安保服务购买")
    row = next(r for r in guarded.rows if r.value == "≥2.4万人")
    assert row.sub == "社会效益指标" and "师生" in row.name
    paid = facts(goal="发放高龄津贴，惠及老年人约5000人", name="高龄津贴发放")
    assert next(r for r in paid.rows if r.value == "≥5000人").sub == "数量指标"


def test_a_service_price_is_a_price_capped_by_the_contract_not_a_subsidy_standard():
    f = facts(content="委托物业公司派驻保洁员，按每人每月3600元标准结算服务费")
    row = next(r for r in f.rows if "3600" in r.value)
    assert row.value == "≤3600元/人·月" and "补助" not in row.name and "服务费" in row.name
    grant = facts(content="困难残疾人生活补贴每人每月补80元")
    assert next(r for r in grant.rows if "80" in r.value).value == "=80元/人·月"


@pytest.mark.parametrize(("said", "written"), [
    ("两千来块钱一个", "每个约2000元"),
    ("一台一万二左右", "每台1.2万元左右"),
    ("一小时35块", "每小时35元"),
    ("一平方米一年8块钱", "每平方米每年8元"),
    ("一年120万", "全年120万元"),
    ("一件补200，难的一件补600", "每件补200元,难的每件补600元"),
    ("一个村补运营商8万", "每个村补运营商8万元"),
    ("一页大概2块5", "每页约2.5元"),
    ("不能因为巡查不到位死伤人", "不发生因巡查不到位人员伤亡"),
    ("年底前完工", "12月底前完工"),
])
def test_spoken_prices_become_written_ones(said, written):
    from assistant.parse.value import normalize

    assert spoken(normalize(said)) == written


def test_a_frequency_per_entity_keeps_its_entity_and_is_not_multiplied_into_a_year():
    f = facts(goal="汛期每处隐患点每月巡查不少于3次；每座公厕每日保洁不少于4次")
    values = {r.value for r in f.rows}
    assert "≥3次/处·月" in values and "≥4次/座·日" in values and "≥36次" not in values


def test_a_price_that_agrees_with_budget_over_quantity_is_marked_as_checked():
    f = facts(goal="为困难家庭安装燃气报警器500台", content="每台约600元", amount=30)
    row = next(r for r in f.rows if "600" in r.value and r.sub == "成本指标")
    assert "测算" in row.reason and "一致" in row.reason and "不一致" not in row.reason
    off = facts(goal="为困难家庭安装燃气报警器500台", content="每台约600元", amount=45)
    assert "不一致" in next(r for r in off.rows if "600" in r.value and r.sub == "成本指标").reason


def test_outputs_of_a_review_service_and_its_rates_sit_in_their_place():
    f = facts(goal="1.委托第三方完成政府投资项目结算评审不少于150个；2.综合审减率不低于6%；3.报告差错率不超过2%；"
                   "4.评审报告在受理后15个工作日内出具。")
    assert next(r for r in f.rows if r.value == "≥150个").sub == "数量指标"
    assert next(r for r in f.rows if "审减率" in r.name).sub == "经济效益指标"
    assert next(r for r in f.rows if "差错率" in r.name).sub == "质量指标"
    assert any(r.name.startswith("评审报告") and r.value == "≤15个工作日" for r in f.rows)


def test_hours_per_person_per_month_are_a_service_standard():
    f = facts(goal="为800名独居老人提供上门探访，每人每月不少于6小时")
    row = next(r for r in f.rows if "6" in r.value and "小时" in r.value)
    assert row.sub == "质量指标" and row.value == "≥6小时/人·月" and row.name.startswith("人均每月")


def test_a_head_count_in_the_beneficiaries_field_is_the_effect_unless_the_item_pays_them():
    f = read_facts(ProjectDescription(name="教室照明改造", goal="更换护眼灯具4000套", beneficiaries="全区小学生约4万人"))
    assert next(r for r in f.rows if r.value == "≥4万人").sub == "社会效益指标"
    paid = read_facts(ProjectDescription(name="高龄津贴发放", goal="按月发放高龄津贴", beneficiaries="80岁以上老人约9000人"))
    assert next(r for r in paid.rows if r.value == "≥9000人").sub == "数量指标"


def test_a_year_in_the_name_is_a_calendar_year_not_a_duration() -> None:
    name = "支持2022年中国工业文化发展大会暨第六届中国工业文化高峰论坛"
    f = facts(goal=name + "，开展研讨", name=name)
    assert not [r for r in f.rows if "2022" in r.value]
    assert [r for r in facts(goal="维保期不少于3年").rows if r.value == "≥3年"]
