"""The page's pure parts: chat slot filling, grid conversion and escaping, the draft store, upload limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.model import Finding
from assistant.tasks.intake import parse_amount, question_field, update_fields
from assistant.ui import parse_login, services
from assistant.ui.rows import CONFIRMED, PROPOSED, annotate, esc, indicator_row, normalize_rows, row_indicator
from assistant.ui.store import DraftStore


def test_first_message_gives_name_and_amount_labels_fill_fields() -> None:
    fields = update_fields({}, "为全区中小学更新教室照明，预算 350 万元", [])
    assert fields["name"] == "为全区中小学更新教室照明" and fields["amount"] == 350.0
    assert "更新教室照明" in fields["content"]
    labelled = update_fields({}, "项目名称：养老补助\n金额：1.2亿元\n受益对象：60岁以上老人", [])
    assert labelled == {"name": "养老补助", "amount": 12000.0, "beneficiaries": "60岁以上老人"}


def test_unlabelled_answers_fill_the_asked_fields_in_order() -> None:
    fields = update_fields({"name": "x"}, "照度达标\n更换灯具6000套\n学生6万人", ["goal", "content", "beneficiaries"])
    assert fields["goal"] == "照度达标" and fields["content"] == "更换灯具6000套"
    assert fields["beneficiaries"] == "学生6万人"
    assert update_fields({"name": "x"}, "300", ["amount"])["amount"] == 300.0


def test_questions_map_to_fields() -> None:
    assert question_field("项目年度预算金额是多少（万元）？") == "amount"
    assert question_field("服务对象或受益对象是谁？") == "beneficiaries"
    assert question_field("主要实施内容是什么？（买什么、做什么）") == "content"
    assert question_field("项目的年度绩效目标是什么？") == "goal"
    assert parse_amount("30万元") == 30 and parse_amount("300000元") == 30


def test_rows_round_trip_and_value_column_drops_repeated_comparator_and_unit() -> None:
    class Suggested:
        category, subcategory, name, comparator = "产出指标", "数量指标", "培训人次", "≥"
        value, unit, value_basis, data_source, proposed = "≥500人次", "人次", "计划标准", "台账", True

    row = indicator_row(Suggested())
    assert row[3:6] == ["≥", "500", "人次"] and row[8] == PROPOSED
    ind = row_indicator(row, 1)
    assert ind.target.kind == "quantitative" and ind.target.parts[0].value == 500
    assert normalize_rows({"data": [row, [""] * 3]}) == [row, [""] * 10]


def test_annotate_puts_indicator_findings_in_their_rows_skipping_blank_ones() -> None:
    rows = [["产出指标", "", "a", "", "", "", "", "", CONFIRMED, ""], [""] * 10,
            ["产出指标", "", "b", "", "", "", "", "", CONFIRMED, ""]]
    findings = [Finding(code="x", severity="error", level="indicator", group=1, item=2, message="坏。", fix="改"),
                Finding(code="y", severity="warning", level="project", message="整体")]
    annotated, rest = annotate(rows, findings)
    assert "未发现问题" in annotated[0][9] and annotated[1][9] == ""
    assert annotated[2][9] == "【错误】坏"
    assert [f.code for f in rest] == ["y"]


def test_esc_turns_markup_into_text() -> None:
    shown = esc("<script>alert(1)</script>")
    assert "<" not in shown and __import__("html").unescape(shown) == "<script>alert(1)</script>"


def test_store_keeps_drafts_per_user_across_reopen(tmp_path: Path) -> None:
    path = tmp_path / "ui.sqlite3"
    store = DraftStore(path)
    a = store.save("alice", {"rows": [["1"]]}, "甲")
    store.save("bob", {"rows": []}, "乙")
    assert store.save("alice", {"rows": [["2"]]}, "甲2", a) == a
    again = DraftStore(path)
    assert [d.title for d in again.list("alice")] == ["甲2"]
    assert again.load("alice", a) == {"rows": [["2"]]}
    assert again.load("bob", a) is None
    assert again.save("bob", {"rows": []}, "抢", a) != a
    assert again.delete("alice", a) and not again.list("alice")


def test_store_lives_under_jixiao_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path / "h"))
    assert DraftStore().path == tmp_path / "h" / "ui.sqlite3"


def test_upload_over_the_limit_is_refused_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_MAX_FILE_MB", "0.001")
    big = tmp_path / "big.txt"
    big.write_text("项目" * 2000, encoding="utf-8")
    with pytest.raises(services.UserError, match="超过上限"):
        services.read_upload(big)
    with pytest.raises(services.UserError, match="超过上限"):
        services.read_pasted("项目" * 2000)


def test_login_option() -> None:
    assert parse_login(None) is None and parse_login("a:b:c") == ("a", "b:c")
    with pytest.raises(ValueError, match="用户名:密码"):
        parse_login("nopass")


def test_core_modules_do_not_import_gradio() -> None:
    import subprocess
    import sys

    code = ("import sys, assistant.cli, assistant.parse, assistant.review, assistant.model, assistant.ui, "
            "assistant.ui.store, assistant.ui.rows; assert 'gradio' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_confirmed_row_stays_confirmed_when_a_later_event_carries_the_older_status() -> None:
    from assistant.ui.draft_handlers import _confirm_edits
    from assistant.ui.rows import CONFIRMED

    proposed = ["产出指标", "数量指标", "更换灯具数量", "≥", "【待填】", "套", "", "", "建议值，待确认", ""]
    edited = proposed[:4] + ["6000"] + proposed[5:]
    confirmed = _confirm_edits([proposed], [edited])
    assert confirmed[0][8] == CONFIRMED
    assert _confirm_edits(confirmed, [edited])[0][8] == CONFIRMED
    assert _confirm_edits([proposed], [proposed])[0][8] == "建议值，待确认"
