"""Every named endpoint of the page, called through gradio_client against a real server."""

from __future__ import annotations

from pathlib import Path

import pytest
from gradio_client import Client, handle_file
from ui_server import start

REQUEST = "为全区120所中小学更新教室照明，预算350万元"
ANSWERS = "让全区中小学教室照度全部达标\n更换LED护眼灯具6000套\n全区中小学生约6万人"
RULES = "规则引擎（不调用模型）"
TESTED = {"/chat", "/generate", "/list_drafts", "/load_drafts", "/recheck", "/rewrite_options",
          "/apply_rewrite", "/open_draft", "/new_draft", "/review", "/stop_review", "/filter_findings",
          "/endpoint_details",
          "/probe", "/usage_totals", "/office_review", "/office_stop", "/office_decide", "/office_compare",
          "/office_letter", "/add_to_library", "/download_xlsx", "/download_docx", "/report_xlsx", "/report_html",
          "/report_json", "/office_open", "/office_runs"}  # the last two: test_users_office_http


def _text(message: dict) -> str:
    content = message["content"]
    return content if isinstance(content, str) else "".join(part.get("text", "") for part in content)


def _placeholder_row(rows: list[list[str]]) -> int:
    return next(i for i, r in enumerate(rows) if "【待填】" in r[4])


def _draft(client: Client) -> tuple:
    first = client.predict(REQUEST, api_name="/chat")
    assert "还需要以下信息" in _text(first[0][-1])
    assert first[2]["data"] == []
    return client.predict(ANSWERS, api_name="/chat")


def test_every_named_endpoint_is_tested(client: Client) -> None:
    """``select_row`` only turns a click's event data into a row number: it stays private, and
    ``rewrite_options`` takes the row number directly."""
    named = set(client.view_api(return_format="dict", print_info=False)["named_endpoints"])
    assert named == TESTED


def test_chat_asks_for_what_is_missing_then_drafts(client: Client) -> None:
    chat, box, grid, grounding, notes, file = _draft(client)
    assert file is None
    last = _text(chat[-1])
    assert "已起草" in last and "规则引擎" in last and box == ""
    rows = grid["data"]
    assert rows and {r[0] for r in rows} >= {"产出指标", "效益指标", "满意度指标"}
    assert all(r[8] == "建议值，待确认" for r in rows if "【待填】" in r[4])
    assert any(r[8] == "建议值，待确认" for r in rows)
    assert all(r[9] for r in rows)
    assert "参考的相似项目" in grounding


def test_downloads_are_written_when_asked_from_the_grid_as_shown(client: Client) -> None:
    _, _, grid, *_ = _draft(client)
    rows = [r[:] for r in grid["data"]]
    i = _placeholder_row(rows)
    rows[i][4] = "6000"
    table = {"headers": grid["headers"], "data": rows}
    from docx import Document
    from openpyxl import load_workbook

    xlsx = client.predict(table, api_name="/download_xlsx")
    book = load_workbook(xlsx["value"])
    assert "6000" in {str(c.value) for ws in book for r in ws.iter_rows() for c in r}
    word = Document(client.predict(table, api_name="/download_docx")["value"])
    assert len(word.tables[0].rows) == len(rows) + 1 and word.tables[0].rows[0].cells[2].text == "三级指标"
    assert word.tables[0].rows[i + 1].cells[4].text == "6000"


def test_download_of_an_empty_draft_says_so(client: Client) -> None:
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="表格还是空的"):
        client.predict({"headers": [], "data": []}, api_name="/download_xlsx")


def test_chat_streams_the_grid_row_by_row(client: Client) -> None:
    full = "项目名称：教室照明改造\n金额：350万元\n绩效目标：照度达标\n实施内容：更换灯具6000套\n受益对象：学生6万人"
    job = client.submit(full, RULES, api_name="/chat")
    job.result(timeout=60)
    counts = [len(out[2]["data"]) for out in job.outputs()]
    assert counts[0] == 0 and counts[-1] >= 4
    assert counts == sorted(counts) and len(set(counts)) >= 4


def test_generate_drafts_without_the_missing_fields(client: Client) -> None:
    client.predict("社区养老服务补助项目", api_name="/chat")
    chat, _, grid, *_ = client.predict(api_name="/generate")
    assert grid["data"] and "已起草" in _text(chat[-1])


def test_recheck_marks_an_edited_value_confirmed_and_clears_its_finding(client: Client) -> None:
    _, _, grid, *_ = _draft(client)
    rows = [r[:] for r in grid["data"]]
    i = _placeholder_row(rows)
    assert "【错误】" in rows[i][9]
    rows[i][4] = "6000"
    rows.append([""] * 10)
    checked, notes, file = client.predict({"headers": grid["headers"], "data": rows}, api_name="/recheck")
    assert len(checked["data"]) == len(rows) and checked["data"][-1][9] == ""
    assert checked["data"][i][8] == "已确认"
    assert "未发现问题" in checked["data"][i][9]
    assert file is None


def test_select_rewrite_and_apply(client: Client) -> None:
    _, _, grid, *_ = _draft(client)
    rows = [r[:] for r in grid["data"]]
    i = _placeholder_row(rows)
    rows[i][4] = "进一步提高"
    table = {"headers": grid["headers"], "data": rows}
    options, head = client.predict(table, i + 1, RULES, api_name="/rewrite_options")
    assert options["choices"] and "改写建议" in head
    applied, notes, _file, radio = client.predict(table, i + 1, options["choices"][0][1],
                                                     api_name="/apply_rewrite")
    assert applied["data"][i][4] != "进一步提高"
    assert radio["choices"] == []


def test_drafts_are_listed_reopened_and_new_resets(client: Client) -> None:
    _draft(client)
    listed = client.predict(api_name="/list_drafts")
    assert client.predict(api_name="/load_drafts")["choices"] == listed["choices"]
    draft_id = listed["value"]
    assert draft_id in {c[1] for c in listed["choices"]}
    fresh = client.predict(api_name="/new_draft")
    assert fresh[1]["data"] == []
    chat, grid, *_ = client.predict(draft_id, api_name="/open_draft")
    assert grid["data"] and any("教室照明" in _text(m) for m in chat)


def test_open_unknown_draft_says_so(client: Client) -> None:
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="没有找到这份草稿"):
        client.predict("nope", api_name="/open_draft")


def test_review_upload_grades_findings_and_reports(client: Client, seed: Path) -> None:
    out = client.predict(handle_file(str(seed)), "", "guangzhou", False, RULES, api_name="/review")
    summary, grades, findings, codes, severity, file, status = out
    assert "审核完成" in summary and "19 个项目" in summary
    assert len(grades["data"]) == 19 and all(r[1] in "优良中差" for r in grades["data"])
    assert findings["data"] and codes["choices"] and file is None
    xlsx = client.predict(api_name="/report_xlsx")
    assert Path(xlsx["value"]).suffix == ".xlsx"
    html = client.predict(api_name="/report_html")
    assert "<html" in Path(html["value"]).read_text(encoding="utf-8").lower()
    import json

    json_file = client.predict(api_name="/report_json")
    assert json.loads(Path(json_file["value"]).read_text(encoding="utf-8"))["findings"]
    errors = client.predict(["错误"], [], api_name="/filter_findings")
    assert errors["data"] and {r[0] for r in errors["data"]} == {"错误"}
    title, code = codes["choices"][0]
    assert not title.isascii() and code.isascii()
    by_code = client.predict([], [code], api_name="/filter_findings")
    assert {r[-1] for r in by_code["data"]} == {code} and {r[1] for r in by_code["data"]} == {title}
    import re

    rule_codes = {r[-1] for r in findings["data"]}
    for row in findings["data"]:
        shown = "\n".join(str(c) for c in row[:-1])
        assert not rule_codes & set(re.findall(r"[a-z]+(?:_[a-z]+)+", shown)), row
        assert not re.search(r"DOMAIN|§|\b[LSV]\d+｜", shown), row


def test_review_pasted_text_keeps_markup_as_text(client: Client, seed: Path) -> None:
    text = seed.read_text(encoding="utf-8").replace("支持发展第10.5代", "&lt;script&gt;alert(1)&lt;/script&gt;支持发展第10.5代")
    summary, grades, *_ = client.predict(None, text, "central", False, RULES, api_name="/review")
    assert "审核完成" in summary
    assert any("<script>alert(1)</script>" in r[0] for r in grades["data"])


def test_stop_without_a_running_review_says_so(client: Client) -> None:
    assert "没有进行中的模型审核" in client.predict(api_name="/stop_review")


def test_review_without_input_or_with_garbage_says_what_to_do(client: Client, tmp_path: Path) -> None:
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="请先上传表格文件"):
        client.predict(None, "", "guangzhou", False, RULES, api_name="/review")
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x00\x01binary")
    with pytest.raises(AppError, match="无法读取"):
        client.predict(handle_file(str(junk)), "", "guangzhou", False, RULES, api_name="/review")


def test_settings_endpoints(client: Client) -> None:
    assert "规则引擎" in client.predict(RULES, api_name="/endpoint_details")
    assert "deepseek-chat" in client.predict("deepseek", api_name="/endpoint_details")
    assert "不需要测试连接" in client.predict(RULES, api_name="/probe")
    assert "本次会话合计" in client.predict(api_name="/usage_totals")


def test_login_keeps_drafts_per_user(tmp_path: Path) -> None:
    server = start(tmp_path / "home", login="officer:secret")
    try:
        with pytest.raises(Exception):  # noqa: B017 - any refusal will do
            Client(server.url, verbose=False).predict(REQUEST, api_name="/chat")
        client = Client(server.url, auth=("officer", "secret"), verbose=False)
        client.predict(REQUEST, api_name="/chat")
        assert client.predict(api_name="/list_drafts")["choices"]
        from assistant.ui.store import DraftStore

        store = DraftStore(tmp_path / "home" / "ui.sqlite3")
        assert store.list("officer") and not store.list("")
    finally:
        server.stop()


def test_a_reviewed_table_joins_the_reference_library_only_when_asked(client: Client, seed: Path) -> None:
    client.predict(handle_file(str(seed)), "", "guangzhou", False, RULES, api_name="/review")
    message = client.predict(handle_file(str(seed)), "", api_name="/add_to_library")
    assert "参考库" in message
    again = client.predict(handle_file(str(seed)), "", api_name="/add_to_library")
    assert again != message  # the same file is not added twice
