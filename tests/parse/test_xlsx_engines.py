"""The streaming xlsx engine and the openpyxl engine give the same table (positions, warnings, fields)
for every ordinary workbook: the .xlsx files in the repository, the workbooks the test helpers write, the
product's own exports, and hand-written packages shaped like Excel's and WPS's output."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.parse import ParseError
from assistant.parse.xlsx import read_xlsx
from tests.fixtures_columnar import write_xlsx_fixture, write_xlsx_two_blocks, write_xlsx_without_indicators
from tests.office import tables as office
from tests.parse.xlsx_package import shared_strings, sheet, t, write_package

ROOT = Path(__file__).resolve().parents[2]
REPO_XLSX = sorted(p for p in ROOT.rglob("*.xlsx")
                   if not {".venv", "build", ".git", "node_modules"} & set(p.relative_to(ROOT).parts))

STRINGS = [
    t("2025年度项目支出绩效目标表"),                                        # 0
    t("项目名称"),                                                          # 1
    '<r><rPr><b/></rPr><t>乡村</t></r><r><t xml:space="preserve">道路养护 </t></r>',  # 2 rich text
    t("主管部门"), t("某县交通运输局"),                                       # 3, 4
    t("年度资金总额（万元）"),                                               # 5
    t("年度绩效目标"),                                                       # 6
    '<t>完成乡道养护120公里。</t><rPh sb="0" eb="2"><t>ケン</t></rPh><phoneticPr fontId="1"/>',  # 7
    t("一级指标"), t("二级指标"), t("三级指标"), t("指标值"), t("计量单位"),     # 8-12
    t("产出指标"), t("数量指标"), t("养护里程"), t("≥120"), t("公里"),         # 13-17
    t("质量指标"), t("道路完好率"), t("时效指标"), t("完工日期"),               # 18-21
    t("效益指标"), t("社会效益指标"), t("群众满意度"),                          # 22-24
    t("成本指标"), t("经济成本指标"), t("单位养护成本"),                         # 25-27
    t("备注_x005F_x000D_保留"),                                              # 28
    t("满意度指标"), t("服务对象满意度指标"), t("通行满意度"),                   # 29-31
]


def _style(style: int) -> str:
    return f' s="{style}"' if style else ""


def s(ref: str, index: int, style: int = 0) -> str:
    return f'<c r="{ref}" t="s"{_style(style)}><v>{index}</v></c>'


def n(ref: str, value: str, style: int = 0) -> str:
    return f'<c r="{ref}"{_style(style)}><v>{value}</v></c>'


def _unreferenced(indices: tuple[int, ...]) -> str:
    return "".join(f'<c t="s"><v>{i}</v></c>' for i in indices)


def _excel_like(path: Path, date1904: bool = False) -> Path:
    """Two indicator sheets written as Excel writes them, a third with rows and cells out of order, and a
    fourth with element prefixes."""
    first = (
        f'<row r="1">{s("A1", 0)}</row>'
        f'<row r="2">{s("A2", 1)}{s("B2", 2)}{s("D2", 3)}{s("E2", 4)}</row>'
        f'<row r="3">{s("A3", 5)}{n("B3", "120.5")}</row>'
        f'<row r="4">{s("A4", 6)}{s("B4", 7)}</row>'
        f'<row r="5">{s("A5", 8)}{s("B5", 9)}{s("C5", 10)}{s("D5", 11)}{s("E5", 12)}</row>'
        f'<row r="6">{s("A6", 13)}{s("B6", 14)}{s("C6", 15)}{s("D6", 16)}{s("E6", 17)}</row>'
        f'<row r="7"><c r="A7" s="1"/>{s("B7", 18)}{s("C7", 19)}{n("D7", "0.98", 1)}</row>'
        f'<row r="8">{s("B8", 20)}{s("C8", 21)}{n("D8", "45657", 2)}</row>'
        f'<row r="9">{s("A9", 22)}{s("B9", 23)}{s("C9", 24)}{n("D9", "0.905", 3)}'
        '<c r="F9" t="b"><v>1</v></c></row>'
        f'<row r="10">{s("A10", 25)}{s("B10", 26)}{s("C10", 27)}'
        '<c r="D10" t="str"><f>"≤"&amp;3</f><v>≤3</v></c><c r="E10" t="inlineStr"><is><t>万元/公里</t></is></c>'
        f'<c r="F10" t="e"><v>#N/A</v></c>{s("G10", 28)}</row>'
        f'<row>{_unreferenced((29, 30, 31))}<c><v>95</v></c>'
        f'<c t="inlineStr"><is><r><t>%</t></r></is></c></row>'
        f'<row r="12">{n("A12", "1.5E+3")}{n("B12", "45657.5", 4)}{n("C12", "2", 0)}<c r="H14" s="1"/></row>'
    )
    second = (f'<row r="1">{s("A1", 1)}<c r="B1" t="inlineStr"><is><t>桥梁检测</t></is></c></row>'
              f'<row r="2">{s("A2", 8)}{s("B2", 9)}{s("C2", 10)}{s("D2", 11)}</row>'
              f'<row r="3">{s("A3", 13)}{s("B3", 14)}{s("C3", 15)}{n("D3", "30")}</row>')
    shuffled = (f'<row r="3">{n("D3", "12")}{s("C3", 15)}{s("A3", 13)}{s("B3", 14)}</row>'
                f'<row r="1">{s("A1", 1)}<c r="B1" t="inlineStr"><is><t>顺序错乱</t></is></c></row>'
                f'<row r="2">{s("A2", 8)}{s("B2", 9)}{s("C2", 10)}{s("D2", 11)}</row>')
    prefixed = (f'<row r="1">{s("A1", 1)}<c r="B1" t="inlineStr"><is><t>前缀命名空间</t></is></c></row>'
                f'<row r="2">{s("A2", 8)}{s("B2", 9)}{s("C2", 10)}{s("D2", 11)}</row>'
                f'<row r="3">{s("A3", 13)}{s("B3", 14)}{s("C3", 15)}{n("D3", "0.5", 1)}</row>')
    return write_package(path, [("项目A", sheet(first, ["A1:F1", "A6:A8", "D11:D11"])),
                                ("项目B", sheet(second)), ("乱序", sheet(shuffled)),
                                ("前缀", sheet(prefixed, ["A3:A3"], prefix="x"))],
                         strings=shared_strings(STRINGS), date1904=date1904)


def _export(path: Path) -> Path:
    from assistant.parse import read_path
    from assistant.writers import write_table

    write_table(read_path(ROOT / "assistant" / "data" / "gz-gongxinju-2023.txt"), path)
    return path


def _review_report(path: Path) -> Path:
    from assistant.parse import read_path
    from assistant.report import xlsx
    from assistant.review.engine import review_table

    table = read_path(ROOT / "assistant" / "data" / "gz-gongxinju-2023.txt")
    return xlsx.write(review_table(table), table, path)


def _office(path: Path) -> Path:
    office.write_xlsx(path, "某县交通运输局", [project for _, _, projects in office.FILES for project in projects][:3])
    return path


def _missing_sheet_part(path: Path) -> Path:
    """A workbook whose second listed worksheet has no part in the zip."""
    full = _excel_like(path.with_name("full.xlsx"))
    with zipfile.ZipFile(full) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != "xl/worksheets/sheet2.xml":
                zout.writestr(info, zin.read(info))
    return path


WRITTEN: dict[str, Callable[[Path], Path]] = {
    "fixture": write_xlsx_fixture, "two_blocks": write_xlsx_two_blocks, "no_indicators": write_xlsx_without_indicators,
    "office": _office, "export": _export, "review_report": _review_report, "excel_like": _excel_like,
    "excel_like_1904": lambda p: _excel_like(p, date1904=True),
}


def _outcome(path: Path, engine: str) -> object:
    try:
        return read_xlsx(path, engine=engine).model_dump()  # type: ignore[arg-type]
    except ParseError as err:
        return ("refused", err.zh, err.en, err.where)


def test_the_repository_holds_xlsx_fixtures():
    assert len(REPO_XLSX) >= 6


@pytest.mark.parametrize("path", REPO_XLSX, ids=[p.name for p in REPO_XLSX])
def test_repository_workbooks_read_the_same_both_ways(path):
    assert _outcome(path, "stream") == _outcome(path, "openpyxl")


@pytest.mark.parametrize("name", sorted(WRITTEN))
def test_written_workbooks_read_the_same_both_ways(name, tmp_path):
    path = WRITTEN[name](tmp_path / f"{name}.xlsx")
    assert _outcome(path, "stream") == _outcome(path, "openpyxl")


def test_a_missing_sheet_part_is_refused_as_not_a_valid_workbook(tmp_path):
    """The one deliberate difference: openpyxl skips the listed sheet without a word; the stream engine
    refuses the damaged file rather than drop a sheet silently."""
    with pytest.raises(ParseError, match="不是有效的 .xlsx 工作簿"):
        read_xlsx(_missing_sheet_part(tmp_path / "m.xlsx"))


def test_excel_like_values_are_read_as_a_reader_of_the_sheet_sees_them(tmp_path):
    table = read_xlsx(_excel_like(tmp_path / "x.xlsx"))
    project = table.projects[0]
    assert project.name == "乡村道路养护"
    assert project.goal == "完成乡道养护120公里。"
    values = {ind.name: ind.value for ind in project.indicators()}
    assert values["道路完好率"] == "98%"
    assert values["完工日期"] == "2024-12-31"
    assert values["群众满意度"] == "90.5%"
    assert values["单位养护成本"] == "≤3"
    assert [ind.category for ind in project.indicators()][:3] == ["产出指标"] * 3
    assert [p.name for p in table.projects][1:] == ["桥梁检测", "顺序错乱", "前缀命名空间"]
    assert "备注_x000D_保留" in {w.text for w in table.warnings}
