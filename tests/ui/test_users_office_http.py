"""Issue 15, defect 11 over HTTP: on a page with accounts, two logged-in users never list, open, compare or
decide on each other's office runs, never see each other's review results or downloads, and a visitor
without login gets nothing; on a page without login, two browsers are kept apart the same way."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from gradio_client import Client, handle_file
from gradio_client.exceptions import AppError
from office.tables import FILES, write_folder
from ui_server import Server, start

RULES = "规则引擎（不调用模型）"
ROAD_FILE = "交通运输局/农村公路养护.xlsx"


def _road(tmp_path: Path, name: str) -> list[object]:
    folder = write_folder(tmp_path / name, [f for f in FILES if f[0] == ROAD_FILE])
    return [handle_file(str(p)) for p in sorted(folder.rglob("*.xlsx"))]


def _batch(client: Client, files: list[object]) -> tuple[list[list[object]], list[str]]:
    out = client.predict(files, "", "guangzhou", api_name="/office_review")
    return out[7]["data"], [c[1] for c in out[9]["choices"]]


def _review(client: Client, table: Path) -> tuple[str, list[str]]:
    out = client.predict(handle_file(str(table)), "", "guangzhou", False, RULES, api_name="/review")
    files = [client.predict(api_name=f"/report_{fmt}")["value"] for fmt in ("xlsx", "html", "json")]
    assert all(files), files
    return out[0] + str(out[1]["data"]) + str(out[2]["data"]), [f.get("url") or f["path"] for f in files]


def _refused(url: str) -> int:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=10) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as err:
        return int(err.code)


def _keeps_two_users_apart(a: Client, b: Client, tmp_path: Path, seed: Path) -> list[str]:
    a_rows, a_runs = _batch(a, _road(tmp_path, "a"))
    assert a_rows and a_runs
    a.predict(1, "不是问题", "甲的意见", api_name="/office_decide")
    assert not b.predict(api_name="/office_runs")["choices"]
    for run in a_runs:
        with pytest.raises(AppError) as err:
            b.predict([run], api_name="/office_open")
        assert f"没有第 {run} 次审核记录，或它属于其他用户" in str(err.value)
        assert f"run {run} does not exist or belongs to another user" in str(err.value)
    b_rows, b_runs = _batch(b, _road(tmp_path, "b"))
    assert set(b_runs).isdisjoint(a_runs)  # the same file: b's own run, not a's reused
    assert b_rows[0][8] == "" and "甲的意见" not in str(b_rows)
    assert "甲的意见" in str(a.predict(a_runs, api_name="/office_open")[1]["data"])
    with pytest.raises(AppError, match="属于其他用户"):
        b.predict(a_runs + b_runs, api_name="/office_open")

    other = tmp_path / "other.txt"
    other.write_text("部门名称：某县乙局\n项目名称：乙局专用项目\n一级指标\t二级指标\t三级指标\t指标值\n"
                     "产出指标\t数量指标\t乙局专用指标\t≥5个\n", encoding="utf-8")
    a_text, a_files = _review(a, seed)
    b_text, b_files = _review(b, other)
    assert "工业和信息化局" in a_text and "乙局专用" in b_text
    assert "乙局专用" not in a_text and "工业和信息化局" not in b_text
    assert set(a_files).isdisjoint(b_files)
    assert "参考库" in b.predict(handle_file(str(other)), "", api_name="/add_to_library")
    return a_files


@pytest.fixture(scope="module")
def accounts_server(tmp_path_factory: pytest.TempPathFactory):
    home = tmp_path_factory.mktemp("accounts") / "home"
    env = {"JIXIAO_HOME": str(home), "PATH": "/usr/bin:/bin"}
    for name, pw in (("alice", "alice-password"), ("bob", "bob-password")):
        subprocess.run([sys.executable, "-m", "assistant.cli", "users", "add", name, "--password-stdin"],
                       input=pw + "\n", env=env, check=True, capture_output=True, text=True, timeout=120)
    server = start(home)
    yield server
    server.stop()


def test_defect_11_two_logged_in_users_and_a_visitor_without_login(accounts_server: Server, seed: Path,
                                                                    tmp_path: Path) -> None:
    url = accounts_server.url
    alice = Client(url, auth=("alice", "alice-password"), verbose=False, download_files=False)
    bob = Client(url, auth=("bob", "bob-password"), verbose=False, download_files=False)
    alice_files = _keeps_two_users_apart(alice, bob, tmp_path, seed)
    from assistant.library.references import FILE_NAME

    with sqlite3.connect(accounts_server.home / FILE_NAME) as db:  # bob's 加入我的参考库 is bob's alone
        assert db.execute("SELECT owner, name FROM ref_projects").fetchall() == [("bob", "乙局专用项目")]
    with pytest.raises(Exception):  # noqa: B017 - any refusal will do: the page needs a login
        Client(url, verbose=False)
    assert _refused(url + "gradio_api/info") == 401
    assert all(_refused(u) == 401 for u in alice_files if u.startswith("http"))
    assert [u for u in alice_files if u.startswith("http")]


def test_defect_11_two_browsers_without_login_are_kept_apart(server: Server, seed: Path, tmp_path: Path) -> None:
    one = Client(server.url, verbose=False, download_files=False)
    two = Client(server.url, verbose=False, download_files=False)
    _keeps_two_users_apart(one, two, tmp_path, seed)
