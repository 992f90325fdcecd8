"""Issue 15 through the running page's API: defects 6, 11 and 12 (review part)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from gradio_client import Client, handle_file
from ui_server import Server, start

RULES = "规则引擎（不调用模型）"
REQUEST = ("项目名称：教室照明改造\n金额：350万元\n绩效目标：全区中小学教室照度全部达标\n"
           "实施内容：更换LED护眼灯具6000套\n受益对象：全区中小学生约6万人")


def test_defect_06_page_starts_with_the_endpoint_set_by_environment(tmp_path: Path) -> None:
    server = start(tmp_path / "home", env={"JIXIAO_BASE_URL": "http://127.0.0.1:9/v1", "JIXIAO_MODEL": "m",
                                           "JIXIAO_API_KEY": "sk-never-shown"})
    try:
        client = Client(server.url, verbose=False)
        shown = client.predict("env", api_name="/endpoint_details")
        assert "127" in shown and "JIXIAO" in shown and "sk-never-shown" not in shown
        assert "sk-never-shown" not in server.log.read_text(errors="replace")
    finally:
        server.stop()


def test_defect_11_without_login_no_visitor_sees_another_visitors_drafts(server: Server) -> None:
    a = Client(server.url, verbose=False)
    b = Client(server.url, verbose=False)
    a.predict(REQUEST, api_name="/chat")
    mine = a.predict(api_name="/list_drafts")["choices"]
    assert mine
    assert not b.predict(api_name="/list_drafts")["choices"]
    with pytest.raises(Exception, match="没有找到这份草稿"):
        b.predict(mine[0][1], api_name="/open_draft")


def test_defect_11_accounts_from_the_users_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {"JIXIAO_HOME": str(home), "PATH": "/usr/bin:/bin"}
    for name, pw in (("alice", "alice-password"), ("bob", "bob-password")):
        subprocess.run([sys.executable, "-m", "assistant.cli", "users", "add", name, "--password-stdin"],
                       input=pw + "\n", env=env, check=True, capture_output=True, text=True, timeout=120)
    server = start(home)
    try:
        with pytest.raises(Exception):  # noqa: B017 - any refusal will do
            Client(server.url, auth=("alice", "wrong-password"), verbose=False)
        alice = Client(server.url, auth=("alice", "alice-password"), verbose=False)
        bob = Client(server.url, auth=("bob", "bob-password"), verbose=False)
        alice.predict(REQUEST, api_name="/chat")
        draft = alice.predict(api_name="/list_drafts")["choices"][0][1]
        assert not bob.predict(api_name="/list_drafts")["choices"]
        with pytest.raises(Exception, match="没有找到这份草稿"):
            bob.predict(draft, api_name="/open_draft")
    finally:
        server.stop()


def test_defect_12_failed_review_clears_old_results(client: Client, seed: Path, tmp_path: Path) -> None:
    done = client.predict(handle_file(str(seed)), "", "guangzhou", False, RULES, api_name="/review")
    assert "审核完成" in done[0] and done[2]["data"]
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a workbook")
    job = client.submit(handle_file(str(junk)), "", "guangzhou", False, RULES, api_name="/review")
    with pytest.raises(Exception):  # noqa: B017 - the dialog says why
        job.result()
    summary, grades, findings, _codes, _severity, report_file, *_ = job.outputs()[-1]
    assert "审核未能进行" in summary and "junk.xlsx" in summary
    assert not grades["data"] and not findings["data"] and report_file is None
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="请先完成一次审核"):
        client.predict(api_name="/report_xlsx")


def test_defect_12_upload_and_paste_says_which_is_used(client: Client, seed: Path) -> None:
    summary, *_ = client.predict(handle_file(str(seed)), "项目名称\t别的表", "guangzhou", False, RULES,
                                 api_name="/review")
    assert "审核完成" in summary and "粘贴的内容没有使用" in summary and seed.name in summary
