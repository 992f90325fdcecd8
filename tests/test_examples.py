"""The example library: lexical retrieval on Chinese, value ranges, persistence."""

from __future__ import annotations

import re

import pytest

from assistant.examples import BM25, Library, default_library, tokens
from assistant.model import Table


@pytest.fixture(scope="module")
def lib(seed_table):
    return Library.of(seed_table)


def _query(p) -> str:
    return f"{p.name} {p.goal}"


def test_tokens_are_bigrams_words_and_numbers():
    assert tokens("第8.6代TFT-LCD显示") == ["第", "8.6", "代", "tft", "lcd", "显示"]
    assert tokens("培训人次") == ["培训", "训人", "人次"]


def test_bm25_prefers_the_document_with_rarer_shared_terms():
    bm = BM25([tokens("培训人次"), tokens("培训经费"), tokens("设备购置")])
    scores = bm.scores(tokens("培训人次统计"))
    assert max(scores, key=scores.get) == 0 and 2 not in scores


def test_leave_one_out_the_twin_ranks_first(seed_table, lib):
    twins = [p for p in seed_table.projects if "8.6代" in p.name]
    assert len(twins) == 2
    for p in twins:
        top = lib.similar_projects(_query(p), 1, exclude={p.name})[0]
        other = next(t for t in twins if t is not p)
        assert top.project.name == other.name


def test_leave_one_out_display_projects_find_display_projects(seed_table, lib):
    display = [p for p in seed_table.projects if re.search(r"显示|AMOLED", p.name)]
    assert len(display) >= 4
    names = {p.name for p in display}
    for p in display:
        top = lib.similar_projects(_query(p), 3, exclude={p.name})
        assert all(m.project.name in names for m in top), (p.name, [m.project.name for m in top])


def test_leave_one_out_beats_chance(seed_table, lib):
    """Every seed project's best match shares its 经费/专题/支持发展 family far more often than chance."""
    def family(name: str) -> str:
        for key in ("显示", "经费", "专题", "大会|年会|大赛|论坛"):
            if re.search(key, name):
                return key
        return name

    hits = sum(family(lib.similar_projects(_query(p), 1, exclude={p.name})[0].project.name) == family(p.name)
               for p in seed_table.projects)
    assert hits >= 0.7 * len(seed_table.projects)


def test_unrelated_text_finds_nothing(lib):
    assert lib.similar_projects("ZZZ qqq", 3) == []


def test_value_range_is_computed_from_the_library(seed_table, lib):
    rows = [i.target.parts[0].value for p in seed_table.projects for i in p.indicators()
            if i.name == "服务对象满意度" and i.target.kind == "quantitative" and i.target.parts[0].unit == "%"]
    found = lib.value_range("服务对象满意度", "%")
    assert found is not None and found.unit == "%" and found.n >= len(rows) >= 1
    assert found.min <= min(rows) and found.max >= max(rows)
    assert found.min <= found.median <= found.max
    assert "服务对象满意度" in found.hint() or "同类指标" in found.hint()


def test_value_range_keeps_units_apart(lib):
    pct = lib.value_range("满意度", "%")
    assert pct is not None and all("%" in v for _, _, v in pct.examples)
    assert lib.value_range("满意度", "万元") is None


def test_persistence_survives_a_restart(tmp_path, seed_table):
    path = tmp_path / "lib.sqlite3"
    extra = Table(title="某表", department="某局", projects=[seed_table.projects[8]])
    first = Library(path)
    assert first.add(extra, source="上传") is True
    assert first.add(extra) is False
    again = Library(path)
    assert again.table_count() == 2
    assert again.similar_projects(_query(seed_table.projects[8]), 1)[0].project.name == seed_table.projects[8].name


def test_default_library_is_opt_in_and_holds_no_seed(tmp_path, monkeypatch, seed_table):
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path / "home"))
    from assistant.library.references import add_to_library

    seed_names = {p.name for p in seed_table.projects}
    first = seed_table.projects[0]
    before = default_library().similar_projects(f"{first.name} {first.goal}", 3)
    assert before and not seed_names & {m.project.name for m in before}, "the seed table is not a reference"
    assert all(m.source.startswith("指标库") for m in before)
    extra = Table(title="新表", projects=[seed_table.projects[0].model_copy(update={"name": "新项目甲"})])
    add_to_library(extra, None)
    assert (tmp_path / "home" / "references.sqlite3").exists()
    found = default_library().similar_projects(seed_table.projects[0].goal + "新项目甲", 1)
    assert found[0].project.name == "新项目甲" and found[0].source.startswith("参考库")
