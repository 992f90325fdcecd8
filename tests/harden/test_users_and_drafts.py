"""Defect 11 of issue 15 (accounts, throttled login, remote binds, per-owner drafts, versioned saves,
reconnecting after a restart), without a server."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

from assistant.ui.auth import Accounts, Throttle, add_user, is_loopback, list_users, owner, remove_user
from assistant.ui.store import DraftStore


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Req:
    def __init__(self, session: str, username: str | None = None, cookie: str | None = None):
        self.session_hash, self.username = session, username
        self.cookies = {"jixiao_owner": cookie} if cookie else {}


def test_defect_11_several_accounts_stored_as_salted_hashes(tmp_path: Path) -> None:
    path = tmp_path / "users.json"
    add_user("alice", "correct horse", path)
    add_user("bob", "battery staple", path)
    assert list_users(path) == ["alice", "bob"]
    text = path.read_text(encoding="utf-8")
    assert "correct horse" not in text and "battery staple" not in text
    records = json.loads(text)["users"]
    assert records["alice"]["salt"] != records["bob"]["salt"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    accounts = Accounts(path)
    assert accounts("alice", "correct horse") and accounts("bob", "battery staple")
    assert not accounts("alice", "battery staple") and not accounts("carol", "correct horse")
    assert remove_user("bob", path) and not Accounts(path)("bob", "battery staple")


def test_defect_11_a_hundred_wrong_passwords_in_a_second_are_not_a_hundred_tries(tmp_path: Path) -> None:
    path = tmp_path / "users.json"
    add_user("alice", "correct horse", path)
    clock = Clock()
    accounts = Accounts(path, throttle=Throttle(clock=clock))
    results = [accounts("alice", f"guess-{i}") for i in range(100)]
    assert not any(results)
    assert accounts.throttle.checked == 5  # the other 95 were refused without a check
    assert not accounts("alice", "correct horse")  # locked: even the right password waits
    clock.now += 3
    assert accounts("alice", "correct horse")
    for i in range(7):
        accounts("alice", f"again-{i}")  # five checked, then locked for 2 s
    clock.now += 3
    assert not accounts("alice", "still wrong")  # a sixth failure locks for 4 s
    clock.now += 3
    assert not accounts("alice", "correct horse")
    clock.now += 2
    assert accounts("alice", "correct horse")


def test_defect_11_remote_bind_without_login_is_refused_unless_forced(tmp_path: Path) -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("10.1.2.3")
    env = {"JIXIAO_HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "GRADIO_ANALYTICS_ENABLED": "False"}
    run = subprocess.run([sys.executable, "-m", "assistant.cli", "ui", "--host", "0.0.0.0", "--port", "1"],
                         env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode != 0
    assert "拒绝启动" in run.stderr and "--allow-remote-without-login" in run.stderr


def test_defect_11_without_login_each_browser_owns_its_drafts(tmp_path: Path) -> None:
    a, b = Req("s1", cookie="a" * 32), Req("s2", cookie="b" * 32)
    assert owner(a) != owner(b) and owner(a) != ""
    assert owner(Req("s3", username="alice")) == "alice"
    assert owner(Req("s4")) != owner(Req("s5"))  # no cookie: the session, never a shared ""
    store = DraftStore(tmp_path / "ui.sqlite3")
    draft = store.save(owner(a), {"rows": []}, "甲")
    assert store.list(owner(a)) and not store.list(owner(b))
    assert store.load(owner(b), draft) is None


def test_defect_11_conflicting_saves_keep_both_versions(tmp_path: Path) -> None:
    store = DraftStore(tmp_path / "ui.sqlite3")
    first = store.save_checked("u", {"rows": [["a"]]}, "草稿", None, None)
    tab1 = store.save_checked("u", {"rows": [["tab1"]]}, "草稿", first.id, first.version)
    assert tab1.id == first.id and tab1.conflict_with is None
    tab2 = store.save_checked("u", {"rows": [["tab2"]]}, "草稿", first.id, first.version)  # stale version
    assert tab2.conflict_with == first.id and tab2.id != first.id
    assert store.load("u", first.id)["rows"] == [["tab1"]]
    assert store.load("u", tab2.id)["rows"] == [["tab2"]]
    assert any("冲突副本" in d.title for d in store.list("u"))


def test_defect_11_old_database_gains_versions(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "ui.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE drafts (id TEXT PRIMARY KEY, user TEXT NOT NULL, title TEXT NOT NULL, "
               "created REAL NOT NULL, updated REAL NOT NULL, data TEXT NOT NULL)")
    db.execute("INSERT INTO drafts VALUES ('old', '', '旧', 1, 1, '{\"rows\": []}')")
    db.commit()
    db.close()
    store = DraftStore(path)
    assert store.load_versioned("", "old") == ({"rows": []}, 1)


def test_defect_11_a_stale_page_after_restart_resumes_its_draft(tmp_path: Path) -> None:
    from assistant.ui.draft_handlers import DraftHandlers, new_state
    from assistant.ui.rows import normalize_rows

    req = Req("page-1", cookie="c" * 32)
    store = DraftStore(tmp_path / "ui.sqlite3")
    h = DraftHandlers(store)
    text = ("项目名称：教室照明改造\n金额：350万元\n绩效目标：全区中小学教室照度全部达标\n"
            "实施内容：更换LED护眼灯具6000套\n受益对象：全区中小学生约6万人")
    *_, last = h.chat(text, new_state(), "规则引擎（不调用模型）", {}, request=req)
    grid, state = last[2], last[3]
    # the server restarts: a new handler object, the page's state back to its initial value
    h2 = DraftHandlers(DraftStore(tmp_path / "ui.sqlite3"))
    rows = normalize_rows(grid)
    rows[0][4] = "6000"
    checked, notes, *_files, after = h2.recheck(rows, new_state(), req)
    assert after["id"] == state["id"]
    assert [d.title for d in store.list(owner(req))] == ["教室照明改造"]
    assert "绩效目标" not in notes or "缺" not in notes
    assert after["fields"]["goal"]
