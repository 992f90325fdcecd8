"""The curated reference library: opt-in, provenance, a per-user bound, survives a restart, fast at 10,000."""

from __future__ import annotations

import sqlite3

import pytest

from assistant.library.references import LibraryFull, ReferenceStore, add_to_library, reference_store
from assistant.model import Indicator, Project, Table
from assistant.parse.value import parse_target
from bench.synth import reference_tables


def _table(name: str, goal: str, *indicators: tuple[str, str, str]) -> Table:
    inds = [Indicator(category=c, name=n, value=v, target=parse_target(v)) for c, n, v in indicators]
    return Table(source=f"{name}.xlsx", title="测试表", department="某区水务局",
                 projects=[Project(name=name, goal=goal, groups=[inds])])


RIVER = _table("滨江河道保洁", "对辖区河道水面开展日常保洁和漂浮物打捞",
               ("产出指标", "保洁河道长度", "=38公里"), ("满意度指标", "沿河居民满意度", "≥90%"))
TRAINING = _table("干部培训班", "举办干部业务培训", ("产出指标", "培训人次", "≥300人次"))


def test_store_finds_by_meaning_and_keeps_provenance(tmp_path):
    store = ReferenceStore(tmp_path / "refs.sqlite3", user="alice")
    store.add(RIVER, file_name="河道.xlsx", sha256="a" * 64, department="水务局")
    store.add(TRAINING, file_name="培训.xlsx", sha256="b" * 64)
    hits = store.similar("城区河道保洁服务采购，含漂浮物打捞和垃圾清运")
    assert hits and hits[0].project.name == "滨江河道保洁"
    assert "漂浮物" in hits[0].terms or "河道保洁" in hits[0].terms
    prov = hits[0].provenance
    assert (prov.file_name, prov.sha256, prov.owner, prov.department) == ("河道.xlsx", "a" * 64, "alice", "水务局")
    assert prov.added[:4].isdigit()
    assert all(h.project.name != "干部培训班" for h in hits)


def test_same_file_is_not_added_twice(tmp_path):
    store = ReferenceStore(tmp_path / "refs.sqlite3", user="alice")
    assert store.add(RIVER, file_name="河道.xlsx", sha256="a" * 64).added
    again = store.add(RIVER, file_name="河道.xlsx", sha256="a" * 64)
    assert not again.added and "已在参考库中" in again.message
    assert store.count() == 1


def test_users_are_separate(tmp_path):
    path = tmp_path / "refs.sqlite3"
    ReferenceStore(path, user="alice").add(RIVER, file_name="河道.xlsx", sha256="a" * 64)
    assert ReferenceStore(path, user="bob").similar("河道保洁") == []
    assert ReferenceStore(path, user="alice").similar("河道保洁")


def test_bound_is_enforced_with_a_chinese_message(tmp_path):
    store = ReferenceStore(tmp_path / "refs.sqlite3", user="alice", max_projects=30)
    tables = reference_tables(40, per_table=20)
    store.add(tables[0], file_name="一.xlsx", sha256="1" * 64)
    with pytest.raises(LibraryFull) as err:
        store.add(tables[1], file_name="二.xlsx", sha256="2" * 64)
    assert "参考库已满" in str(err.value) and "二.xlsx" in str(err.value)
    assert store.count() == 20, "a refused table adds nothing"
    assert store.remove(store.tables()[0].table_id)
    assert store.count() == 0
    assert store.add(tables[1], file_name="二.xlsx", sha256="2" * 64).added


def test_survives_a_restart(tmp_path):
    path = tmp_path / "refs.sqlite3"
    first = ReferenceStore(path, user="alice")
    first.add(RIVER, file_name="河道.xlsx", sha256="a" * 64)
    first.close()
    again = ReferenceStore(path, user="alice")
    assert [p.file_name for p in again.tables()] == ["河道.xlsx"]
    assert again.similar("河道保洁")[0].project.name == "滨江河道保洁"


def test_add_to_library_uses_the_user_data_dir_and_the_file_digest(tmp_path, monkeypatch):
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path / "home"))
    src = tmp_path / "表.txt"
    src.write_text("内容", encoding="utf-8")
    result = add_to_library(RIVER, src, user="carol")
    assert result.added and (tmp_path / "home" / "references.sqlite3").exists()
    prov = reference_store("carol").tables()[0]
    import hashlib

    assert prov.sha256 == hashlib.sha256("内容".encode()).hexdigest() and prov.file_name == "表.txt"


def test_nothing_joins_unless_asked(tmp_path, monkeypatch, seed_path):
    """Reviewing a table (CLI) leaves the reference library empty; --add-to-library adds it."""
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path / "home"))
    from assistant.commands import run_review

    table_file = tmp_path / "河道表.txt"
    table_file.write_text("项目名称\t绩效目标\t绩效指标\n"
                          "滨江河道保洁\t河道水面保洁\t1、产出指标：保洁河道长度，年度指标值：=38公里。"
                          "2、满意度指标：沿河居民满意度，年度指标值：≥90%。\n", encoding="utf-8")
    assert run_review(table_file, fmt="json") == 0
    store = reference_store()
    assert store.count() == 0 and store.similar("河道保洁") == []
    assert run_review(table_file, fmt="json", add_to_library=True) == 0
    assert store.similar("河道保洁")[0].project.name == "滨江河道保洁"


def test_query_over_ten_thousand_projects(tmp_path):
    store = ReferenceStore(tmp_path / "refs.sqlite3", user="alice")
    for i, table in enumerate(reference_tables(10_000, per_table=50)):
        store.add(table, file_name=f"{i}.xlsx", sha256=f"{i:064d}")
    assert store.count() == 10_000
    hits = store.similar("农村公路日常养护：全区村道共320公里实施日常养护", k=10)
    assert len(hits) == 10
    assert all("公路" in h.project.name or "养护" in h.project.name for h in hits[:5]), [h.project.name for h in hits]
    vaccine = store.similar("适龄儿童免疫规划疫苗接种", k=5)
    assert vaccine and all("免疫规划" in h.project.name for h in vaccine)
    with sqlite3.connect(tmp_path / "refs.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM ref_fts").fetchone()[0] == 10_000


def test_value_hints_come_only_from_opted_in_references(tmp_path, monkeypatch):
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path / "home"))
    from assistant.examples import default_library

    assert default_library().value_range("保洁河道长度") is None
    add_to_library(RIVER, None)
    found = default_library().value_range("保洁河道长度")
    assert found is not None and (found.n, found.unit, found.min) == (1, "公里", 38)
    assert default_library().value_range("保洁河道长度", exclude={"滨江河道保洁"}) is None


def test_library_command_lists_and_removes(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from assistant.cli import app

    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path / "home"))
    runner = CliRunner()
    assert "参考库为空" in runner.invoke(app, ["library", "list"]).output
    add_to_library(RIVER, None)
    listed = runner.invoke(app, ["library", "list"]).output
    assert "滨江河道保洁" in listed or "1个项目" in listed
    table_id = reference_store().tables()[0].table_id
    assert runner.invoke(app, ["library", "remove", str(table_id)]).exit_code == 0
    assert runner.invoke(app, ["library", "remove", str(table_id)]).exit_code == 2
    assert reference_store().count() == 0


def test_laptops_for_teachers_never_get_overseas_travel_references(tmp_path):
    from assistant.library.reference_projects import references_for

    store = ReferenceStore(tmp_path / "refs.sqlite3", user="alice")
    travel = _table("因公出国经费", "保障因公出国（境）团组任务，完成出访交流",
                    ("产出指标", "出访团组数", "≥3个"), ("产出指标", "出访人次", "≥12人次"))
    laptops = _table("教师教学终端更新", "为中小学教师配备笔记本电脑，用于备课和课堂教学",
                     ("产出指标", "配备教师终端（电脑）数量", "=300台"), ("产出指标", "单台设备购置价格", "≤6000元/台"))
    store.add(travel, file_name="出国.xlsx", sha256="c" * 64)
    store.add(laptops, file_name="终端.xlsx", sha256="d" * 64)
    refs = references_for("为全区中小学教师配备笔记本电脑，每台6000元左右，总共252万元", k=3, store=store)
    names = [r.project.name for r in refs]
    assert names[0] == "教师教学终端更新" and "因公出国经费" not in names, names
    assert refs[0].provenance is not None and refs[0].provenance.file_name == "终端.xlsx"
    assert any(r.source.startswith("指标库") for r in refs[1:]), "the library's types fill the remaining places"
