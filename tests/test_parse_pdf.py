"""PDF input: PDFs built here with reportlab and the installed CJK font from rows we hold (pdf_fixtures),
read back to the same indicators with page numbers and cell positions."""

from __future__ import annotations

import pdf_fixtures as pf
import pytest
from fixtures_columnar import rows

from assistant.parse import ParseError, read_path


def _pages(project):
    return [(i.position.page, i.position.cell) for i in project.indicators()]


def test_single_page(tmp_path):
    table = read_path(pf.single_page(tmp_path / "one.pdf"))
    [project] = table.projects
    assert table.title == "2025年度项目支出绩效目标表"
    assert project.name == "社区医养结合服务补助" and project.amount == 420
    assert project.department == "某市卫生健康委员会" and project.unit == "某市老年病医院"
    assert rows(project) == pf.EXPECTED
    assert _pages(project) == [(1, f"C{r}") for r in range(5, 13)]
    assert project.indicators()[0].position.label() == "第1页 C5"
    assert table.warnings == []


def test_columns_without_ruling_lines_are_read_as_layout_text(tmp_path):
    table = read_path(pf.unruled(tmp_path / "unruled.pdf"))
    [project] = table.projects
    assert project.name == "社区医养结合服务补助" and project.unit == "某市老年病医院"
    assert rows(project) == pf.EXPECTED
    assert {i.position.page for i in project.indicators()} == {1}
    assert all(i.position.line for i in project.indicators())


def test_table_continued_on_the_next_page(tmp_path):
    table = read_path(pf.across_two_pages(tmp_path / "two.pdf"))
    [project] = table.projects
    assert rows(project) == pf.EXPECTED
    assert _pages(project) == [(1, "C5"), (1, "C6"), (1, "C7"), (1, "C8"), (1, "C9"), (2, "C1"), (2, "C2"), (2, "C3")]
    assert table.warnings == []


def test_one_project_per_page(tmp_path):
    table = read_path(pf.two_projects(tmp_path / "two_projects.pdf"))
    first, second = table.projects
    assert rows(first) == pf.EXPECTED and first.amount == 420
    assert second.name == "基层医疗机构设备更新" and second.amount == 1360
    assert [(i.name, i.value, i.position.page) for i in second.indicators()] == [
        ("更新医疗设备台数", "≥85台", 2), ("设备验收合格率", "100%", 2), ("单台设备平均采购价", "≤16万元", 2),
        ("基层医务人员满意度", "≥85%", 2)]


def test_table_inside_a_budget_document(tmp_path):
    table = read_path(pf.inside_budget_document(tmp_path / "budget.pdf"))
    [project] = table.projects
    assert rows(project) == pf.EXPECTED
    assert {i.position.page for i in project.indicators()} == {4}
    assert table.fields["绩效目标表所在页"] == "第4页"
    [skipped] = [w for w in table.warnings if w.kind == "skipped_pages"]
    assert skipped.message == "第1–3页不含绩效目标表（部门预算的其他部分），未读取。"


def test_scanned_page_is_named_as_needing_ocr(tmp_path):
    table = read_path(pf.with_scanned_page(tmp_path / "scan.pdf"))
    [project] = table.projects
    assert rows(project) == pf.EXPECTED
    [ocr] = [w for w in table.warnings if w.kind == "needs_ocr"]
    assert ocr.page == 2 and "第2页没有文字层" in ocr.message and "OCR" in ocr.message


def test_scanned_only_pdf_is_refused_with_the_pages(tmp_path):
    with pytest.raises(ParseError) as err:
        read_path(pf.scanned_only(tmp_path / "scan_only.pdf"))
    assert "第1–2页没有文字层" in str(err.value) and "page(s) 1–2 have no text layer" in str(err.value)
    assert "scan_only.pdf" in str(err.value)


def test_damaged_pdf_gets_a_message_not_a_traceback(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 50)
    with pytest.raises(ParseError) as err:
        read_path(bad)
    assert "bad.pdf" in str(err.value)


def test_pdf_without_an_indicator_table_names_the_pages_read(tmp_path):
    from reportlab.platypus import Paragraph

    path = pf._build(tmp_path / "notice.pdf", [Paragraph("关于做好2025年部门预算编制工作的通知", pf._style()),
                                                Paragraph("请各单位按时报送。", pf._style())])
    with pytest.raises(ParseError) as err:
        read_path(path)
    assert "第1页中没有找到指标表" in str(err.value) and "notice.pdf" in str(err.value)
