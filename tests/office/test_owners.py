"""Issue 15, defect 11 for the office store: runs and decisions belong to their owner (a page user, or the
local command line as ``""``). One owner never lists, opens, reuses, compares with or decides on another's
run, and a decision keeps who made it."""

from __future__ import annotations

import sqlite3

import pytest

from assistant.office import OfficeStore, finding_key
from assistant.service import Options, ServiceError, office
from office.tables import DEPT, FILES, ROAD_FILE, corrected_road, write_folder, write_xlsx


@pytest.fixture
def road(tmp_path):
    return write_folder(tmp_path / "v1", [f for f in FILES if f[0] == ROAD_FILE])


def test_defect_11_office_runs_are_listed_and_opened_by_their_owner_only(store, road):
    alice = office.batch([road], Options(), store=store, user="alice")
    bob = office.batch([road], Options(), store=store, user="bob")
    a_run, b_run = alice.reviewed[0].run_id, bob.reviewed[0].run_id
    assert a_run != b_run and not bob.reviewed[0].reused  # the same file: bob does not reuse alice's run
    assert [r.id for r in office.runs(store, "alice")] == [a_run]
    assert [r.id for r in office.runs(store, "bob")] == [b_run]
    assert office.runs(store, "") == []  # the command line's own runs: none yet
    assert office.listing(store, [a_run], "alice").findings
    for who, run in (("bob", a_run), ("alice", b_run), ("", a_run), ("alice", 999)):
        with pytest.raises(ServiceError) as err:
            office.listing(store, [run], who)
        assert f"没有第 {run} 次审核记录，或它属于其他用户" in str(err.value)
        assert f"run {run} does not exist or belongs to another user" in str(err.value)
    again = office.batch([road], Options(), store=store, user="alice")
    assert again.reviewed[0].reused and again.reviewed[0].run_id == a_run


def test_defect_11_decisions_are_the_owners_and_keep_who_made_them(store, road):
    a_run = office.batch([road], Options(), store=store, user="alice").reviewed[0].run_id
    b_run = office.batch([road], Options(), store=store, user="bob").reviewed[0].run_id
    chosen = office.decide(store, [a_run], 1, "不是问题", "按合同执行", "张科长", owner="alice")
    assert chosen.decision is not None and chosen.decision.user == "张科长" and chosen.decision.owner == "alice"
    assert office.listing(store, [a_run], "alice").findings[0].decision.comment == "按合同执行"
    assert office.listing(store, [b_run], "bob").findings[0].decision is None
    with pytest.raises(ServiceError, match="属于其他用户"):
        office.decide(store, [a_run], 1, "确认", owner="bob")
    with pytest.raises(ServiceError, match="属于其他用户"):
        office.letter(store, [a_run], road.parent / "意见.docx", owner="bob")
    key = finding_key(chosen.finding)
    assert key in store.decisions(chosen.item.department, owner="alice")
    assert key not in store.decisions(chosen.item.department, owner="bob")


def test_defect_11_compare_uses_only_the_owners_earlier_version(store, road, tmp_path):
    office.batch([road], Options(), store=store, user="alice")
    v2 = tmp_path / "v2" / ROAD_FILE
    v2.parent.mkdir(parents=True)
    write_xlsx(v2, DEPT, corrected_road())
    with pytest.raises(ServiceError, match="没有找到这些项目此前的审核记录"):
        office.compare(v2, Options(), store, user="bob")
    alice_runs = [r.id for r in office.runs(store, "alice")]
    with pytest.raises(ServiceError, match="属于其他用户"):
        office.compare(v2, Options(), store, user="bob", candidates=alice_runs)
    c = office.compare(v2, Options(), store, user="alice")
    assert c.old_run == alice_runs[0] and c.totals["已修正"] >= 1


def test_defect_11_an_older_store_keeps_its_decisions_under_the_runs_owner(tmp_path, road):
    path = tmp_path / "old.sqlite3"
    first = OfficeStore(path)
    run = office.batch([road], Options(), store=first, user="alice").reviewed[0]
    first.close()
    assert run.report is not None and run.run_id is not None
    finding = run.report.findings[0]
    with sqlite3.connect(path) as db:  # the decisions table as round 2 wrote it, without an owner
        db.executescript("DROP TABLE decisions; CREATE TABLE decisions (department TEXT NOT NULL, project TEXT NOT "
                         "NULL, fkey TEXT NOT NULL, decision TEXT NOT NULL, comment TEXT NOT NULL DEFAULT '', user "
                         "TEXT NOT NULL DEFAULT '', run_id INTEGER, updated TEXT NOT NULL, PRIMARY KEY (department, "
                         "project, fkey));")
        db.execute("INSERT INTO decisions VALUES (?,?,?,?,?,?,?,?)",
                   (run.department, finding.project, finding_key(finding), "待定", "旧意见", "审核员甲", run.run_id,
                    "2026-01-01T00:00:00"))
    reopened = OfficeStore(path)
    try:
        kept = reopened.decisions(run.department, owner="alice")[finding_key(finding)]
        assert (kept.decision, kept.comment, kept.user, kept.owner) == ("待定", "旧意见", "审核员甲", "alice")
        assert reopened.decisions(run.department, owner="") == {}
    finally:
        reopened.close()


def test_defect_11_the_command_line_is_the_local_owner(tmp_path, road):
    import os
    import subprocess
    import sys

    home = tmp_path / "home"
    page_store = OfficeStore(home / "office.sqlite3")
    alice_run = office.batch([road], Options(), store=page_store, user="alice").reviewed[0].run_id
    page_store.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_")} | {"JIXIAO_HOME": str(home)}

    def jixiao(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "assistant.cli", *args], capture_output=True, text=True,
                              env=env, cwd=tmp_path, timeout=300)

    assert jixiao("runs").stdout.strip() == ""  # a page user's run is not the command line's
    for refused in (jixiao("runs", "--show", str(alice_run)), jixiao("decide", str(alice_run), "1", "确认")):
        assert refused.returncode == 2 and f"没有编号为 {alice_run} 的审核记录" in refused.stderr
    assert jixiao("batch", str(road)).returncode == 0
    mine = jixiao("runs").stdout.strip().splitlines()
    assert len(mine) == 1 and mine[0].split("\t")[0] != str(alice_run)
    assert jixiao("decide", mine[0].split("\t")[0], "1", "待定", "--user", "王科员").returncode == 0
    reopened = OfficeStore(home / "office.sqlite3")
    try:
        kept = [d for d in reopened.decisions(DEPT, owner="").values()]
        assert [(d.decision, d.user, d.owner) for d in kept] == [("待定", "王科员", "")]
        assert not reopened.decisions(DEPT, owner="alice")
    finally:
        reopened.close()
