"""A reviewed table joins the example library that drafting draws on."""

from __future__ import annotations

from assistant.commands import run_review


def test_reviewing_a_table_adds_it_to_the_library(tmp_path, monkeypatch, seed_path):
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path / "home"))
    from assistant.examples import default_library

    table_file = tmp_path / "培训表.txt"
    table_file.write_text("项目名称\t绩效目标\t绩效指标\n"
                          "海洋渔业技术推广培训\t培训渔民\t1、产出指标：渔民培训人次，年度指标值：≥800人次。"
                          "2、效益指标：渔民技能证书获取率，年度指标值：≥60%。\n", encoding="utf-8")
    assert not any("海洋渔业" in m.project.name for m in default_library().similar_projects("海洋渔业技术推广", k=3))
    assert run_review(table_file, fmt="json") == 0
    found = default_library().similar_projects("海洋渔业技术推广培训", k=1)
    assert found and found[0].project.name == "海洋渔业技术推广培训"
