"""Defect 12 of issue 15 outside the review tab: a model draft stopped mid-way, and --amount."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.ui.store import DraftStore


class Req:
    session_hash, username, cookies = "page-2", None, {"jixiao_owner": "d" * 32}


def test_defect_12_draft_killed_midway_leaves_no_placeholder(tmp_path: Path) -> None:
    from assistant.ui.draft_handlers import DraftHandlers, new_state

    req = Req()
    store = DraftStore(tmp_path / "ui.sqlite3")
    h = DraftHandlers(store)
    text = ("项目名称：教室照明改造\n金额：350万元\n绩效目标：全区中小学教室照度全部达标\n"
            "实施内容：更换LED护眼灯具6000套\n受益对象：全区中小学生约6万人")
    turn = h.chat(text, new_state(), "规则引擎（不调用模型）", {}, request=req)
    first = next(turn)
    assert "正在" in first[0][-1]["content"]  # the page shows it is drafting
    turn.close()  # the server dies mid-way
    with sqlite3.connect(tmp_path / "ui.sqlite3") as db:
        (data,), = db.execute("SELECT data FROM drafts").fetchall()
    stored = json.loads(data)
    assert not any("正在" in m["content"] and "起草" in m["content"] for m in stored["messages"])


@pytest.mark.parametrize("amount", ["nan", "inf", "-5", "0"])
def test_defect_12_amount_must_be_a_positive_finite_number(amount: str, tmp_path: Path) -> None:
    env = {"JIXIAO_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    run = subprocess.run([sys.executable, "-m", "assistant.cli", "suggest", "--name", "教室照明改造",
                          "--amount", amount], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert "--amount" in run.stderr and "大于 0" in run.stderr and "Traceback" not in run.stderr
