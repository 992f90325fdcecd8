"""New facts refine a draft: untouched rows are refreshed, edited rows stay, changes to them wait for a yes."""

from __future__ import annotations

from assistant.ui.refine import CONFIRM, DECLINE, apply, merge


def row(name: str, value: str, unit: str = "人") -> list[str]:
    return ["产出指标", "数量指标", name, "≥", value, unit, "计划标准", "台账", "建议值，待确认", ""]


def test_untouched_rows_are_refreshed_and_new_rows_appended():
    generated = [row("补助对象数", "【待填】"), row("发放准确率", "【待填】", "%")]
    fresh = [row("补助对象数", "20000"), row("发放准确率", "【待填】", "%"), row("助餐点数", "30", "个")]
    merged, changes = merge([list(r) for r in generated], generated, fresh)
    assert [r[4] for r in merged] == ["20000", "【待填】", "30"] and changes == []


def test_an_edited_cell_survives_and_the_conflicting_change_waits():
    generated = [row("补助对象数", "【待填】"), row("发放准确率", "【待填】", "%")]
    current = [row("补助对象数", "18000"), list(generated[1])]
    fresh = [row("补助对象数", "20000"), row("发放准确率", "100", "%")]
    merged, changes = merge(current, generated, fresh)
    assert merged[0][4] == "18000" and merged[1][4] == "100"
    assert [(c["row"], c["old"][1], c["new"][4]) for c in changes] == [(0, "18000", "20000")]
    assert apply(merged, changes)[0][4] == "20000"


def test_a_renamed_row_is_not_added_again_and_a_deleted_row_does_not_come_back():
    generated = [row("补助对象数", "【待填】"), row("政策知晓率", "【待填】", "%")]
    current = [row("高龄老人补助人数", "18000")]
    fresh = [row("补助对象数", "20000"), row("政策知晓率", "【待填】", "%")]
    merged, changes = merge(current, generated, fresh)
    assert [r[2] for r in merged] == ["高龄老人补助人数"]
    assert changes and changes[0]["new"][4] == "20000"
    assert apply(merged, changes)[0][2] == "高龄老人补助人数"


def test_confirm_and_decline_words():
    assert CONFIRM.match("确认") and CONFIRM.match("好的。") and not CONFIRM.match("确认一下补助标准是300元")
    assert DECLINE.match("保留") and DECLINE.match("不用了") and not DECLINE.match("不少于100人")


def test_a_placeholder_is_never_offered_in_place_of_the_officers_number():
    generated = [["产出指标", "质量指标", "安全事故", "=", "【待填】", "起", "", "建议"]]
    current = [["产出指标", "质量指标", "安全事故", "=", "0", "起", "", "已确认"]]
    fresh = [["产出指标", "质量指标", "安全事故", "=", "【待填】", "起", "", "建议"]]
    out, changes = merge(current, generated, fresh)
    assert changes == [] and out[0][4] == "0"
