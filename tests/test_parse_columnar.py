"""Columnar readers on hand-built files: .xlsx (merged cells, extra columns, placeholders, a 资金 table, two
projects), .docx (vertical merges, a header-field table), .csv (GBK too) and HTML (rowspan/colspan,
entities, a script in a cell). Files are written into tmp_path by tests/fixtures_columnar.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures_columnar import (
    CSV_TEXT,
    HTML_TEXT,
    rows,
    write_docx_fixture,
    write_docx_two_projects,
    write_docx_without_tables,
    write_xlsx_fixture,
    write_xlsx_two_blocks,
    write_xlsx_without_indicators,
)

from assistant.parse import ParseError, read_path
from assistant.parse.grid import align


def parts(indicator):
    return [(p.op.value, p.value, p.high, p.unit, p.placeholder) for p in indicator.target.parts]


@pytest.fixture
def xlsx_table(tmp_path: Path):
    return read_path(write_xlsx_fixture(tmp_path / "fixture.xlsx"))


def test_xlsx_header_fields_and_funds_table(xlsx_table):
    assert xlsx_table.title == "2025年度项目支出绩效目标申报表"
    first = xlsx_table.projects[0]
    assert first.name == "干部业务能力培训"
    assert first.department == "某某市财政局" and first.unit == "某某市财政局培训中心"
    assert first.amount == 54 and first.amount_text == "54"
    assert first.goal == "完成干部培训600人次，考核合格率不低于95%。"
    assert first.fields["总体目标"] == "三年内完成全员轮训。"
    assert first.fields["项目负责人"] == "张三"
    assert first.fields["财政拨款"] == "50" and first.fields["其他资金"] == "4"
    assert first.fields["资金单位"] == "万元"
    assert first.position.sheet == "项目A" and first.position.cell == "B2"


def test_xlsx_merged_labels_placeholders_and_extra_columns(xlsx_table):
    first = xlsx_table.projects[0]
    assert len(first.groups) == 1
    assert rows(first) == [
        ("产出指标", "数量指标", "培训人次", "600"),
        ("产出指标", "数量指标", "培训期数", "≥**个"),
        ("产出指标", "质量指标", "考核合格率", "95"),
        ("产出指标", "时效指标", "完成时间", "2025年11月30日前"),
        ("效益指标", "社会效益指标", "参训人员技能提升率", "【待填】"),
        ("满意度指标", "服务对象满意度指标", "参训人员满意度", "90"),
        ("满意度指标", "服务对象满意度指标", "投诉处理情况", ""),
    ]
    inds = first.indicators()
    assert [i.core for i in inds] == [True] + [False] * 6
    assert parts(inds[0]) == [(">=", 600, None, "人次", False)]
    assert inds[0].unit == "人次" and inds[0].comparator == "≥" and inds[0].value_basis == "计划标准"
    assert inds[0].weight == 10 and inds[4].weight == 20
    assert inds[1].target.kind == "missing" and parts(inds[1]) == [(">=", None, None, "个", True)]
    assert parts(inds[2]) == [(">=", 95, None, "%", False)]
    assert parts(inds[3]) == [("<=", 20251130, None, "日期", False)]
    assert inds[4].target.kind == "missing" and parts(inds[4]) == [(">=", None, None, "%", True)]
    assert inds[5].comparator == "定量其他" and parts(inds[5]) == [("=", 90, None, "%", False)]
    assert inds[5].category_raw == "满意度指标"
    assert inds[6].target.kind == "missing" and inds[6].comparator == "定性"
    assert inds[1].position.cell == "C12" and inds[6].position.cell == "C17"
    warnings = [(w.kind, w.sheet, w.cell, w.text) for w in xlsx_table.warnings]
    assert warnings == [("extra_column", "项目A", "I13", "备注：抽查"),
                        ("signoff", "项目A", "A18", "填表人：李四")]


def test_xlsx_second_sheet_is_a_second_project_with_legacy_labels(xlsx_table):
    assert [p.name for p in xlsx_table.projects] == ["干部业务能力培训", "道路养护"]
    second = xlsx_table.projects[1]
    assert rows(second) == [("产出指标", "数量指标", "养护里程", "≥12"),
                            ("成本指标", "经济成本指标", "单位养护成本", "≤3"),
                            ("效益指标", "可持续影响指标", "设施完好率", "98%")]
    inds = second.indicators()
    assert [(i.category_raw, i.subcategory_raw) for i in inds] == [
        ("项目完成指标", "数量指标"), ("项目完成指标", "成本指标"), ("效果指标", "可持续影响指标")]
    assert parts(inds[1]) == [("<=", 3, None, "万元/公里", False)]
    assert second.fields == {} and second.goal == ""


def test_xlsx_several_project_blocks_in_one_sheet(tmp_path):
    table = read_path(write_xlsx_two_blocks(tmp_path / "two.xlsx"))
    assert [(p.name, len(p.indicators())) for p in table.projects] == [("项目甲", 1), ("项目乙", 2)]
    assert rows(table.projects[1])[1] == ("产出指标", "时效指标", "办结时限", "≤5个工作日")
    assert table.warnings == []


def test_xlsx_without_indicator_table_names_file_and_sheet(tmp_path):
    path = write_xlsx_without_indicators(tmp_path / "funds.xlsx")
    with pytest.raises(ParseError) as err:
        read_path(path)
    message = str(err.value)
    assert "funds.xlsx" in message and "资金" in message and "没有找到指标表" in message
    assert "三级指标" in message and "no indicator table" in message


def test_file_that_is_not_really_xlsx(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("项目名称,不是 Excel 文件\n", encoding="utf-8")
    with pytest.raises(ParseError) as err:
        read_path(path)
    assert "fake.xlsx" in str(err.value) and "不是有效的 .xlsx" in str(err.value)
    assert "BadZipFile" in str(err.value) and err.value.__cause__ is None


def test_docx_field_table_then_merged_indicator_table(tmp_path):
    table = read_path(write_docx_fixture(tmp_path / "fixture.docx"))
    assert table.title == "项目支出绩效目标表"
    [project] = table.projects
    assert project.name == "社区养老服务补贴"
    assert project.department == "某某区民政局" and project.unit == "某某区养老服务中心"
    assert project.amount == 120 and project.fields["资金单位"] == "万元"
    assert project.goal == "为800名老人发放养老服务补贴。"
    assert rows(project) == [
        ("产出指标", "数量指标", "补贴发放人数", "800"),
        ("产出指标", "数量指标", "补贴标准", "150"),
        ("产出指标", "质量指标", "发放准确率", "100"),
        ("满意度指标", "服务对象满意度指标", "受助对象满意度", "90"),
    ]
    inds = project.indicators()
    assert parts(inds[1]) == [("=", 150, None, "元/人·月", False)]
    assert parts(inds[3]) == [(">=", 90, None, "%", False)]
    assert (inds[2].position.sheet, inds[2].position.cell) == ("表格2", "C4")
    assert [(w.kind, w.sheet, w.cell, w.text) for w in table.warnings] == [
        ("unplaced_text", "正文", "第2段", "注：本表由实施单位填报。")]


def test_docx_several_projects_and_a_table_split_by_a_page_break(tmp_path):
    table = read_path(write_docx_two_projects(tmp_path / "two.docx"))
    assert [(p.name, rows(p)) for p in table.projects] == [
        ("项目一", [("产出指标", "数量指标", "采购设备台数", "≥10台")]),
        ("项目二", [("产出指标", "质量指标", "验收合格率", "100%"),
                   ("满意度指标", "服务对象满意度指标", "使用人员满意度", "≥90%")]),
    ]
    assert [i.position.sheet for i in table.projects[1].indicators()] == ["表格4", "表格5"]
    assert table.warnings == []


def test_docx_without_tables(tmp_path):
    with pytest.raises(ParseError) as err:
        read_path(write_docx_without_tables(tmp_path / "empty.docx"))
    assert "empty.docx" in str(err.value) and "没有表格" in str(err.value)


def test_file_that_is_not_really_docx(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_bytes(b"PK\x03\x04 broken")
    with pytest.raises(ParseError) as err:
        read_path(path)
    assert "fake.docx" in str(err.value) and "不是有效的 .docx" in str(err.value)


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "utf-8-sig"])
def test_csv_with_project_column_and_quoted_line_break(tmp_path, encoding):
    path = tmp_path / "table.csv"
    path.write_bytes(CSV_TEXT.encode(encoding))
    table = read_path(path)
    assert [p.name for p in table.projects] == ["园区招商", "企业服务"]
    assert rows(table.projects[0]) == [
        ("产出指标", "数量指标", "新引进企业数", "20"),
        ("产出指标", "数量指标", "举办招商活动场次", "6"),
        ("效益指标", "经济效益指标", "带动投资额", "5"),
    ]
    inds = table.projects[0].indicators()
    assert inds[0].data_source == "招商台账" and inds[1].data_source is None
    assert parts(inds[2]) == [(">=", 5, None, "亿元", False)]
    assert inds[1].position.line == 3 and inds[1].name == "举办招商活动场次"
    assert inds[2].position.line == 5 and inds[2].position.cell == "D4"
    assert rows(table.projects[1]) == [("满意度指标", "服务对象满意度指标", "企业满意度", "90")]
    assert table.warnings == []


def test_html_spans_entities_and_script_kept_as_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML_TEXT, encoding="utf-8")
    table = read_path(path)
    assert table.title == "2024年项目支出绩效目标表"
    [project] = table.projects
    assert project.name == "智慧城管平台运维"
    assert project.goal == "保障平台全年稳定运行&及时处置案件。"
    assert rows(project) == [
        ("产出指标", "质量指标", "系统可用率", "≥99.5%"),
        ("产出指标", "质量指标", "案件处置率<24小时>", "≥95%"),
        ("产出指标", "时效指标", "故障修复时长（平均）", "≤4小时"),
        ("成本指标", "经济成本指标", '运维费用<script>alert("x")</script>', "≤120万元"),
    ]
    inds = project.indicators()
    assert parts(inds[3]) == [("<=", 120, None, "万元", False)]
    assert (inds[1].position.sheet, inds[1].position.cell) == ("表格1", "C3")
    chrome = [w.text for w in table.warnings if w.kind == "page_chrome"]
    assert chrome == ["页面标题", "<script>var tracker = 1;</script>", "当前位置：首页 > 信息公开",
                      "发布时间：2024-03-01"]
    assert len(table.warnings) == 4


def test_alignment_prefers_value_shape_and_reports_ties():
    roles = ["l1", "l2", "name", "comparator", "value", "unit", "weight"]
    assignment, ambiguous = align(["产出指标", "数量指标", "出差人数", "=", "8", "4"], roles)
    assert assignment == [0, 1, 2, 3, 4, 6] and not ambiguous
    assignment, ambiguous = align(["数量指标", "出差人次", "=", "24", "人/次", "4"], roles)
    assert assignment == [1, 2, 3, 4, 5, 6] and not ambiguous


def _blob(table) -> str:
    pieces = [table.title or "", table.department or ""]
    pieces += [f"{k}{v}" for k, v in table.fields.items()]
    for p in table.projects:
        pieces += [p.name, p.goal, p.department or "", p.unit or "", p.amount_text or ""]
        pieces += [f"{k}{v}" for k, v in p.fields.items()]
        for i in p.indicators():
            pieces += [i.category_raw or "", i.subcategory_raw or "", i.name, i.value, i.comparator or "",
                       i.unit or "", i.value_basis or "", i.data_source or "", str(i.weight or "")]
    pieces += [w.text for w in table.warnings]
    return "".join("".join(pieces).split())


def test_xlsx_every_cell_is_placed_or_warned(tmp_path):
    from openpyxl import load_workbook

    path = write_xlsx_fixture(tmp_path / "fixture.xlsx")
    table = read_path(path)
    blob = _blob(table)
    consumed = {"项目名称", "主管部门", "实施单位", "年度资金总额", "年度绩效目标", "一级指标", "二级指标", "三级指标",
                "指标性质", "指标值", "年度指标值", "计量单位", "指标值设定依据", "分值", "备注"}
    missing = []
    for ws in load_workbook(path).worksheets:
        for row in ws.iter_rows():
            for cell in row:
                text = "".join(str(cell.value or "").split()).replace("★", "").removeprefix("其中：")
                text = text.removeprefix("项目名称：")
                if text and text not in consumed and text not in blob:
                    missing.append((ws.title, cell.coordinate, text))
    assert missing == []


def test_project_name_that_ends_like_a_label_is_the_value():
    from assistant.parse import read_text

    text = "项目名称\t困难群众救助补助资金\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t农村低保发放人数\t≥3200人"
    [project] = read_text(text).projects
    assert project.name == "困难群众救助补助资金"
