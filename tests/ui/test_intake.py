"""Chat intake that listens: one paragraph fills every field it answers, the budget is read only when it
is the budget, and new facts add to what the officer said before."""

from __future__ import annotations

import re

from assistant.tasks.intake import description, update_fields
from assistant.tasks.suggest import missing_fields

PARAGRAPH = ("我们今年计划申报高龄老人助餐补贴项目，预算7200万元，为全区2万名80岁以上老年人提供助餐补贴，"
             "补助标准每人每月300元。目标是全年不发生助餐点食物中毒事件，老人满意度不低于90%。")


def test_one_paragraph_fills_every_field_it_answers_and_nothing_is_asked_again():
    fields = update_fields({}, PARAGRAPH, [])
    assert fields["name"] == "高龄老人助餐补贴项目"
    assert fields["amount"] == 7200
    assert "每人每月300元" in fields["content"] and "2万名" in fields["content"]
    assert "不发生" in fields["goal"] and "90%" in fields["goal"]
    assert "老年人" in fields["beneficiaries"]
    assert missing_fields(description(fields)) == []


def test_a_unit_price_is_not_the_budget_the_total_is():
    fields = update_fields({}, "教师笔记本电脑配备项目。为全区教师配备笔记本电脑，每台6000元左右，总共252万元。", [])
    assert fields["amount"] == 252
    assert re.search(r"每台约?6000元", fields["content"])


def test_an_outcome_amount_is_not_the_budget():
    fields = update_fields({}, "企业技改奖补项目，力争带动企业新增产值5000万元。", [])
    assert "amount" not in fields
    assert "5000万元" in fields["goal"]


def test_every_figure_stays_in_some_field():
    import re

    fields = update_fields({}, PARAGRAPH, [])
    kept = " ".join(str(v) for v in fields.values())
    for number in re.findall(r"\d+", PARAGRAPH):
        assert number in kept, number


def test_new_facts_add_to_the_fields_and_never_erase_them():
    first = update_fields({}, PARAGRAPH, [])
    more = update_fields(first, "另外新建助餐点30个，2025年6月底前全部投入运营。", [])
    assert first["content"] in more["content"] and "助餐点30个" in more["content"]
    assert "6月底前" in more["goal"] and first["goal"] in more["goal"]
    assert more["name"] == first["name"] and more["amount"] == first["amount"]


def test_a_short_answer_still_fills_the_one_field_asked():
    assert update_fields({"name": "x"}, "全区困难群众", ["beneficiaries"])["beneficiaries"] == "全区困难群众"
