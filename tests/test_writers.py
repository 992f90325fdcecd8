"""Writers: .json and the columnar .xlsx, and the round trip Table → .xlsx → read_xlsx → equal Table.

"Equal" means ``comparable(a) == comparable(b)``: the whole ``model_dump(mode="json")`` except
``source`` (the file name), ``projects[].position`` and ``projects[].groups[][].position`` — the places
where the re-read file's cells sit, which are .xlsx cells instead of the original lines. Everything else
is compared: title, department, table fields, every project's line, name, goal, unit, department, amount,
fields and group boundaries, every indicator's number, labels (raw and normalised), name, value, unit,
comparator, basis, weight, core mark and parsed target, and every warning with its kind, text, line,
sheet, cell and message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures_columnar import write_docx_fixture, write_xlsx_fixture
from openpyxl import load_workbook

from assistant.model import Table
from assistant.parse import read_path
from assistant.parse.xlsx import read_xlsx
from assistant.writers import write_table, write_xlsx

EXAMPLES = Path(__file__).parent / "data" / "examples"


def comparable(table: Table) -> dict:
    data = table.model_dump(mode="json")
    data.pop("source")
    for project in data["projects"]:
        project.pop("position")
        for group in project["groups"]:
            for indicator in group:
                indicator.pop("position")
    return data


def round_trip(table: Table, tmp_path: Path) -> Table:
    path = tmp_path / "out.xlsx"
    write_table(table, path)
    return read_xlsx(path)


def test_seed_round_trip_is_equal(seed_table, tmp_path):
    back = round_trip(seed_table, tmp_path)
    assert comparable(back) == comparable(seed_table)
    assert [[len(g) for g in p.groups] for p in back.projects] == [[len(g) for g in p.groups]
                                                                  for p in seed_table.projects]
    assert back.title == "项目支出绩效目标表（含转移支付项目）" and back.department == "广州市工业和信息化局"
    assert [(w.kind, w.line, w.text) for w in back.warnings] == [
        (w.kind, w.line, w.text) for w in seed_table.warnings]


def test_comparison_sees_groups_numbers_and_targets(seed_table, tmp_path):
    back = round_trip(seed_table, tmp_path)
    merged = back.model_copy(deep=True)
    multi = next(p for p in merged.projects if len(p.groups) > 1)
    multi.groups = [[ind for g in multi.groups for ind in g]]
    assert comparable(merged) != comparable(seed_table)
    renumbered = back.model_copy(deep=True)
    renumbered.projects[0].groups[0][0].no = 99
    assert comparable(renumbered) != comparable(seed_table)
    retargeted = back.model_copy(deep=True)
    retargeted.projects[0].groups[0][0].target.parts[0].value = 1
    assert comparable(retargeted) != comparable(seed_table)


def test_columnar_fixture_round_trip(tmp_path):
    original = read_path(write_xlsx_fixture(tmp_path / "fixture.xlsx"))
    back = round_trip(original, tmp_path)
    assert comparable(back) == comparable(original)
    assert back.projects[0].fields["资金单位"] == "万元" and back.projects[0].amount == 54
    assert back.projects[0].groups[0][0].core and back.projects[0].groups[0][0].name == "培训人次"
    assert back.projects[1].groups[0][1].category == "成本指标"


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.txt")))
def test_example_round_trip(name, tmp_path):
    original = read_path(EXAMPLES / name)
    assert comparable(round_trip(original, tmp_path)) == comparable(original)


def test_docx_round_trip(tmp_path):
    original = read_path(write_docx_fixture(tmp_path / "fixture.docx"))
    assert comparable(round_trip(original, tmp_path)) == comparable(original)


def test_xlsx_layout_is_readable(seed_table, tmp_path):
    path = tmp_path / "seed.xlsx"
    write_xlsx(seed_table, path)
    wb = load_workbook(path)
    assert wb.sheetnames == ["绩效指标", "项目信息", "解析警告"]
    ws = wb["绩效指标"]
    assert ws["A1"].value == "项目支出绩效目标表（含转移支付项目）"
    assert ws["A2"].value == "部门名称：广州市工业和信息化局"
    header = [c.value for c in ws[3]]
    assert header[:8] == ["项目序号", "项目名称", "绩效目标", "组号", "序号", "一级指标", "二级指标", "三级指标"]
    assert "指标值" in header and "计量单位" in header and "数据来源" in header and "源行号" in header
    assert ws.freeze_panes == "A4"
    assert all(ws.cell(3, c).font.bold for c in range(1, len(header) + 1))
    assert ws.column_dimensions["C"].width >= 30
    assert ws["H4"].alignment.wrap_text
    assert ws.max_row == 3 + seed_table.indicator_count() + sum(1 for p in seed_table.projects if not p.groups)
    first = seed_table.projects[0].groups[0][0]
    assert (ws["B4"].value, ws["H4"].value, ws["J4"].value) == (seed_table.projects[0].name, first.name,
                                                                first.value)
    warnings = wb["解析警告"]
    assert [c.value for c in warnings[1]] == ["类型", "原文", "行", "工作表", "单元格", "说明", "页"]
    assert warnings.max_row == 1 + len(seed_table.warnings)


def test_values_that_look_like_formulas_stay_text(tmp_path):
    table = read_path(EXAMPLES / "04_shanghai-putuo-cgzf-2026-pymupdf.txt")
    path = tmp_path / "04.xlsx"
    write_xlsx(table, path)
    ws = load_workbook(path)["绩效指标"]
    values = [ws.cell(r, 10).value for r in range(1, ws.max_row + 1)]
    assert "=100.00(%)" in values
    assert all(ws.cell(r, 10).data_type == "s" for r in range(4, ws.max_row + 1) if ws.cell(r, 10).value)


def test_json_writer_and_unknown_suffix(seed_table, tmp_path):
    path = tmp_path / "seed.json"
    write_table(seed_table, path)
    assert Table.model_validate(json.loads(path.read_text(encoding="utf-8"))) == seed_table
    assert read_path(path) == seed_table
    with pytest.raises(ValueError, match="不支持的输出格式"):
        write_table(seed_table, tmp_path / "seed.pdf")


def test_pdf_table_round_trip_keeps_layout_confidence_and_pages(tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    import pdf_fixtures

    table = read_path(pdf_fixtures.with_scanned_page(tmp_path / "scan.pdf"))
    table.projects[0].confidence, table.projects[0].needs_check = 0.75, True
    back = round_trip(table, tmp_path)
    assert back.layout == "101"
    assert (back.projects[0].confidence, back.projects[0].needs_check) == (0.75, True)
    assert [(w.kind, w.page) for w in back.warnings] == [("needs_ocr", 2)]
