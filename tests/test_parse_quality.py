"""Layout detection (101号 vs legacy) from the table itself, and per-project extraction confidence with the
需人工核对 mark below the threshold."""

from __future__ import annotations

from pathlib import Path

from assistant.parse import read_path, read_text
from assistant.parse.quality import NEEDS_CHECK_BELOW

DATA = Path(__file__).parent / "data"

HEADER = "一级指标\t二级指标\t三级指标\t指标值"


def test_cost_as_its_own_level1_is_101():
    table = read_path(DATA / "layouts" / "03_extractor.json")
    assert table.layout == "101"
    assert table.projects[0].confidence == 1.0 and table.projects[0].needs_check is False


def test_cost_under_output_is_legacy():
    text = "\n".join(["项目名称\t道路保洁", HEADER, "产出指标\t数量指标\t保洁面积\t≥120万平方米",
                      "\t成本指标\t单位面积保洁成本\t≤8元", "效益指标\t社会效益指标\t道路洁净度\t明显提升"])
    table = read_text(text)
    assert table.layout == "legacy"
    assert [i.category for i in table.projects[0].indicators()] == ["产出指标", "成本指标", "效益指标"]


def test_old_level1_names_are_legacy_and_examples_keep_their_layout():
    assert read_path(DATA / "examples" / "13_dongguan-jiaotong-2019-pifu-dualcol.txt").layout == "legacy"
    assert read_path(DATA / "examples" / "04_shanghai-putuo-cgzf-2026-pymupdf.txt").layout == "101"


def test_no_cost_row_says_nothing_about_layout():
    text = "\n".join(["项目名称\t宣传", HEADER, "产出指标\t数量指标\t宣传场次\t≥12场"])
    assert read_text(text).layout is None


def test_damaged_rows_lower_confidence_and_mark_the_project_for_checking():
    rows = ["项目名称 河道清淤", "一级指标 二级指标 三级指标 指标值",
            "产出指标 数量指标 清淤河道长度 ≥12公里"]
    rows += ["清淤土方量达到设计要求并经监理单位现场签认后方可计量支付"] * 3
    rows += ["效益指标 社会效益指标 河道行洪能力 明显提升"]
    table = read_text("\n".join(rows))
    [project] = table.projects
    assert len(project.indicators()) == 2
    assert project.confidence < NEEDS_CHECK_BELOW and project.needs_check is True


def test_missing_values_lower_confidence():
    text = "\n".join(["项目名称\t宣传", HEADER, "产出指标\t数量指标\t宣传场次\t", "\t质量指标\t宣传覆盖率\t",
                      "效益指标\t社会效益指标\t政策知晓率\t≥80%"])
    [project] = read_text(text).projects
    assert project.confidence == round(1 / 3, 3) and project.needs_check is True
