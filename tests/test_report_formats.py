"""Each report format: xlsx fills, escaped html/markdown, json valid against its schema, text summary."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from openpyxl import load_workbook
from test_review_helpers import EFF, filler, ind, proj, review, table

from assistant.report import html as html_report
from assistant.report import json as json_report
from assistant.report import markdown as md_report
from assistant.report import text as text_report
from assistant.report import xlsx as xlsx_report

SCHEMA = Path(__file__).resolve().parent.parent / "schemas" / "review-report.schema.json"
EVIL = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def seed_pair(seed_table):
    return review(seed_table), seed_table


@pytest.fixture()
def evil_pair():
    t = table(proj(f"**项目** | {EVIL}", [ind(f"指标{EVIL}", "进一步提高", EFF), ind("公式", "=1+2"),
                                   ind("**粗体** | 竖线", "≥5个"), *filler(5)], goal=EVIL))
    return review(t), t


def test_xlsx_has_fills_by_severity(seed_pair, tmp_path):
    report, t = seed_pair
    path = xlsx_report.write(report, t, tmp_path / "r.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["指标审核", "项目评级", "说明"]
    ws = wb["指标审核"]
    head = [c.value for c in ws[1]]
    assert head[:7] == ["项目名称", "组", "序号", "一级指标", "二级指标", "三级指标", "指标值"]
    assert ws.max_row == 1 + len(t.projects) + t.indicator_count()
    assert head[-1] == "规则编号" and head[11] == "问题类型"
    colours = {}
    for row in ws.iter_rows(min_row=2):
        if row[5].value == xlsx_report.PROJECT_ROW:
            continue
        severity = row[10].value or ""
        colour = row[6].fill.fgColor.rgb if row[6].fill.fill_type == "solid" else None
        colours.setdefault(severity.split("；")[0], set()).add(colour)
    assert colours["错误"] == {"00FFC7CE"}
    assert colours["警告"] == {"00FFEB9C"}
    assert colours[""] == {None}
    by_name = {(r[0].value, r[1].value, r[2].value): r for r in ws.iter_rows(min_row=2)}
    row = by_name[("信息化工作经费", 1, 1)]
    assert "missing_unit" in row[16].value and "数值缺少计量单位" in row[11].value and row[6].value == "10"
    projects = wb["项目评级"]
    assert [c.value for c in projects[1]][:4] == ["序号", "项目名称", "指标数", "评级"]
    assert projects.max_row == 1 + len(t.projects)
    assert all(projects.cell(row=r, column=4).value in ("优", "良", "中", "差") for r in range(2, projects.max_row + 1))


def test_xlsx_never_writes_formulas(evil_pair, tmp_path):
    report, t = evil_pair
    ws = load_workbook(xlsx_report.write(report, t, tmp_path / "e.xlsx"))["指标审核"]
    values = [r[6] for r in ws.iter_rows(min_row=2)]
    formula = next(c for c in values if c.value == "=1+2")
    assert formula.data_type == "s"


def test_html_escapes_table_text(evil_pair):
    report, t = evil_pair
    page = html_report.render(report, t)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page and "src=" not in page
    assert "审核报告" in page and "改写：" in page and "修改：" in page


def test_html_seed_has_every_project(seed_pair):
    report, t = seed_pair
    page = html_report.render(report, t)
    for p in t.projects:
        assert p.name.replace("(", "(") in page


def test_markdown_escapes_table_text(evil_pair):
    report, t = evil_pair
    text = md_report.render(report, t)
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "\\*\\*项目\\*\\* \\| &lt;script&gt;" in text
    assert text.startswith("# 审核报告") and "## 项目评级" in text and "## 各项目问题" in text


def test_markdown_lists_fixes_and_rewrites(seed_pair):
    report, t = seed_pair
    text = md_report.render(report, t)
    assert "修改：" in text and "改写：" in text and "依据：" in text
    assert text.count("### ") == len(t.projects)


def test_json_validates_against_the_schema(seed_pair, evil_pair):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for report, t in (seed_pair, evil_pair):
        data = json.loads(json_report.render(report, t))
        jsonschema.validate(data, schema)
        assert data == json.loads(report.model_dump_json())


def test_json_finding_keys_match_the_gold_shape(seed_pair):
    data = json.loads(json_report.render(*seed_pair))
    dup = next(f for f in data["findings"] if f["code"] == "duplicate_name")
    assert dup["group"] is None and dup["item"] is None
    vague = next(f for f in data["findings"] if f["code"] == "vague_target")
    assert isinstance(vague["group"], int) and isinstance(vague["item"], int) and vague["rewrites"]


def test_text_report_prints_grades_then_findings(seed_pair):
    report, t = seed_pair
    out = text_report.render(report, t)
    assert out.index("项目评级") < out.index("1. 支持")
    assert "[警告]" in out and "[错误]" in out and "改写：" in out


def test_text_report_does_not_interpret_markup(evil_pair):
    report, t = evil_pair
    out = text_report.render(report, t)
    assert "[bold]" not in out
    t2 = table(proj("[bold red]项目[/]", filler(5)))
    assert "[bold red]项目[/]" in text_report.render(review(t2), t2)


def test_project_level_findings_are_on_the_indicator_sheet(seed_pair, tmp_path):
    report, t = seed_pair
    ws = load_workbook(xlsx_report.write(report, t, tmp_path / "p.xlsx"))["指标审核"]
    project_rows = {r[0].value: r for r in ws.iter_rows(min_row=2) if r[5].value == xlsx_report.PROJECT_ROW}
    assert list(project_rows) == [p.name for p in t.projects]
    for p in t.projects:
        own = [f for f in report.findings if f.project == p.name and f.item is None]
        row = project_rows[p.name]
        assert all(f.message in (row[12].value or "") for f in own)
        assert {c for c in (row[16].value or "").split("；") if c} == {f.code for f in own}


def test_needs_check_project_is_shown_for_a_person_not_graded(tmp_path):
    t = table(proj("甲", filler(5)), proj("乙", [ind("培训人次", "≥500人次")], needs_check=True))
    report = review(t)
    for text in (md_report.render(report, t), html_report.render(report, t), text_report.render(report, t)):
        assert "需人工核对" in text
    wb = load_workbook(xlsx_report.write(report, t, tmp_path / "n.xlsx"))
    grades = {r[1].value: r[3].value for r in wb["项目评级"].iter_rows(min_row=2)}
    assert grades["乙"] == "需人工核对" and grades["甲"] in ("优", "良", "中", "差")


def test_layout_is_named_the_same_in_every_report(tmp_path):
    t = table(proj("甲", filler(5)))
    t.layout = "101"
    report = review(t)
    label = "101号版式（成本为一级指标）（按表格识别）"
    for text in (md_report.render(report, t), html_report.render(report, t), text_report.render(report, t, width=200)):
        assert label in text
    about = load_workbook(xlsx_report.write(report, t, tmp_path / "l.xlsx"))["说明"]
    assert label in [r[1].value for r in about.iter_rows()]
