"""Limits of the streaming xlsx reader: a workbook past a row, cell, merge, shared-string or text limit,
or with a DTD or malformed XML in a streamed member, is refused with a message naming the file and the
sheet or member, Chinese first, never a traceback. Each runs the CLI in a child process limited to 2 GB
of address space (an out-of-memory death fails the test)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from assistant.parse.limits import MAX_CELLS, MAX_MERGES, MAX_ROWS, MAX_SHARED_STRINGS
from tests.parse.xlsx_package import shared_strings, sheet, t, write_package
from tests.test_harden_input import _refused, _run

HEAD = "".join(f'<c r="{c}1" t="inlineStr"><is><t>{name}</t></is></c>'
               for c, name in zip("ABCD", ("一级指标", "二级指标", "三级指标", "指标值"), strict=True))


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _noise(chars: int) -> str:
    """Chinese characters that do not compress (the ratio check must not be what refuses the file)."""
    rng = random.Random(15)
    return "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(chars))


def test_shared_strings_table_past_its_count_limit_names_the_file_and_member(tmp_path):
    strings = shared_strings([t(f"第{i}项") for i in range(MAX_SHARED_STRINGS + 1)])
    path = write_package(tmp_path / "strings.xlsx", [("指标", sheet(f'<row r="1">{HEAD}</row>'))], strings=strings)
    _refused(_run("parse", str(path), timeout=240), "strings.xlsx", "xl/sharedStrings.xml", "共享字符串表超过上限",
             "shared-strings table is over the limit")


def test_sheet_past_the_row_limit_names_the_file_sheet_and_cell(tmp_path):
    rows = f'<row r="1">{HEAD}</row>' + "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>'
                                                 for r in range(2, MAX_ROWS + 2))
    path = write_package(tmp_path / "rows.xlsx", [("绩效指标", sheet(rows))])
    _refused(_run("parse", str(path), timeout=240), "rows.xlsx", "工作表“绩效指标”", f"A{MAX_ROWS + 1}",
             "over the limit")


def test_sheet_past_the_cell_limit_names_the_file_sheet_and_cell(tmp_path):
    cols = 100
    last = MAX_CELLS // cols + 1
    rows = f'<row r="1">{HEAD}</row>' + "".join(
        f'<row r="{r}">' + "".join(f"<c><v>{(r * 7919 + c * 104729) % 999983}</v></c>" for c in range(cols)) + "</row>"
        for r in range(2, last + 1))
    path = write_package(tmp_path / "cells.xlsx", [("项目甲", sheet(rows))])
    _refused(_run("parse", str(path), timeout=240), "cells.xlsx", "工作表“项目甲”", "使用区域为",
             "over the limit")


def test_a_merged_range_over_the_whole_sheet_is_refused_before_any_cell_is_built(tmp_path):
    path = write_package(tmp_path / "merged.xlsx", [("合并", sheet(f'<row r="1">{HEAD}</row>', ["A1:XFD1048576"]))])
    _refused(_run("parse", str(path)), "merged.xlsx", "工作表“合并”", "合并单元格超过上限", "merged ranges")


def test_too_many_merged_ranges_are_refused(tmp_path):
    merges = [f"A{r}:B{r}" for r in range(2, MAX_MERGES + 3)]
    path = write_package(tmp_path / "merges.xlsx", [("合并", sheet(f'<row r="1">{HEAD}</row>', merges))])
    _refused(_run("parse", str(path), timeout=240), "merges.xlsx", "工作表“合并”", "合并单元格超过上限")


def test_one_long_shared_string_in_many_cells_is_refused_by_the_text_limit(tmp_path):
    rows = f'<row r="1">{HEAD}</row>' + "".join(
        f'<row r="{r}">{_cell(f"A{r}", "产出指标")}<c r="B{r}" t="s"><v>0</v></c></row>' for r in range(2, 80))
    path = write_package(tmp_path / "text.xlsx", [("长文本", sheet(rows))], strings=shared_strings([t(_noise(900_000))]))
    _refused(_run("parse", str(path)), "text.xlsx", "工作表“长文本”", "表格文字超过上限", "characters in all")


@pytest.mark.parametrize("padding", [0, 70_000])
def test_a_dtd_in_a_worksheet_is_refused_even_after_a_long_prolog(tmp_path, padding):
    laughs = ('<!DOCTYPE worksheet [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
              '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')
    xml = sheet(f'<row r="1">{HEAD}</row><row r="2">{_cell("A2", "&c;")}</row>')
    head, body = xml.split("?>", 1)
    path = write_package(tmp_path / "dtd.xlsx", [("指标", head + "?>" + "<!-- -->" * (padding // 8) + laughs + body)])
    _refused(_run("parse", str(path)), "dtd.xlsx", "xl/worksheets/sheet1.xml", "DOCTYPE")


def test_malformed_sheet_xml_names_the_member_and_line(tmp_path):
    path = write_package(tmp_path / "broken.xlsx", [("指标", sheet(f'<row r="1">{HEAD}</row>').replace("</sheetData>", ""))])
    _refused(_run("parse", str(path)), "broken.xlsx", "xl/worksheets/sheet1.xml", "不是有效的 XML", "line 1")


def test_a_sheet_larger_than_the_old_member_cap_is_read(tmp_path: Path):
    """A sheet of over 30 MB of XML (the old cap refused anything over 24 MB): read, every indicator kept."""
    noise = _noise(100 * 60_002)
    row = "".join(_cell(f"{c}{{r}}", text) for c, text in zip("ABCD", ("产出指标", "数量指标", "第{r}项{note}", "≥{r}"),
                                                              strict=True))
    rows = f'<row r="1">{HEAD}</row>' + "".join(f'<row r="{r}">{row.format(r=r, note=noise[r * 100:r * 100 + 100])}</row>'
                                                 for r in range(2, 60_002))
    xml = sheet(rows)
    assert len(xml.encode()) > 30 << 20
    path = write_package(tmp_path / "big.xlsx", [("指标", xml)])
    from assistant.parse import read_path

    table = read_path(path)
    assert table.indicator_count() == 60_000
    assert [ind.value for ind in table.projects[0].indicators()][-1] == "≥60001"


def test_a_sheet_of_text_that_fits_no_indicator_table_is_refused_past_the_warning_limit(tmp_path):
    """Every unplaced cell becomes a warning that keeps its text: past MAX_WARNINGS the file is refused
    (naming the file and the cell reached) instead of holding a warning per cell of a huge sheet."""
    from assistant.parse.limits import MAX_WARNINGS

    cols = 10
    rows = "".join(f'<row r="{r}">' + "".join(_cell(f"{c}{r}", f"说明{r}-{c}") for c in "ABCDEFGHIJ") + "</row>"
                   for r in range(1, MAX_WARNINGS // cols + 100))
    path = write_package(tmp_path / "notes.xlsx", [("说明", sheet(rows))])
    _refused(_run("parse", str(path), timeout=240), "notes.xlsx", "说明!", "无法归入指标表", "fit no indicator table")


def test_cells_past_the_limit_in_repeated_rows_are_refused_by_their_count(tmp_path):
    """Rows that all claim to be row 1 keep the used range small; the count of cells still stops them."""
    rows = "".join('<row r="1">' + "".join(f"<c><v>{r * 10 + c}</v></c>" for c in range(10)) + "</row>"
                   for r in range(MAX_CELLS // 10 + 1))
    path = write_package(tmp_path / "repeat.xlsx", [("重复", sheet(rows))])
    _refused(_run("parse", str(path), timeout=240), "repeat.xlsx", "工作表“重复”", "单元格数超过上限", "cells")
