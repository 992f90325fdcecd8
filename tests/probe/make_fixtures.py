"""Writes the probe fixtures (tables in the shape other provinces publish them) into ``tests/probe/data``.

Run once by hand (``python tests/probe/make_fixtures.py``); the files it writes are committed."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl

DATA = Path(__file__).parent / "data"


def merged_xlsx(path: Path) -> None:
    """一级/二级 names in vertically merged cells, header fields above the indicator grid."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "绩效目标表"
    ws.append(["2025年度项目支出绩效目标申报表"])
    ws.merge_cells("A1:D1")
    ws.append(["项目名称", "基层医疗卫生机构能力提升", "主管部门", "某市卫生健康委员会"])
    ws.append(["年度资金总额（万元）", "200", "其中：财政拨款（万元）", "200"])
    ws.append(["年度绩效目标", "培训基层医务人员300人次，为乡镇卫生院配置基本医疗设备50台，提升基层诊疗能力。"])
    ws.merge_cells("B4:D4")
    ws.append(["一级指标", "二级指标", "三级指标", "指标值"])
    rows = [
        ["产出指标", "数量指标", "培训基层医务人员人次", "≥300人次"],
        [None, None, "配置基本医疗设备数量", "≥50台"],
        [None, "质量指标", "培训考核合格率", "≥95%"],
        [None, None, "设备验收合格率", "＝100%"],
        [None, "时效指标", "项目资金到位率", "＝100%"],
        ["成本指标", "经济成本指标", "设备购置成本", "≤150万元"],
        ["效益指标", "社会效益指标", "乡镇卫生院可开展的诊疗项目数", "≥20项"],
        ["满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90%"],
    ]
    for row in rows:
        ws.append(row)
    ws.merge_cells("A6:A10")
    ws.merge_cells("B6:B7")
    ws.merge_cells("B8:B9")
    wb.save(path)


def longterm_docx(path: Path) -> None:
    """A Word form with 长期目标/年度目标 side by side and 年度指标值/长期指标值 columns."""
    doc = docx.Document()
    doc.add_paragraph("项目支出绩效目标表（2025年度）")
    top = doc.add_table(rows=5, cols=3)
    cells = [
        ["项目名称", "高标准农田灌溉设施维护", ""],
        ["实施单位", "某县农业农村局", ""],
        ["项目资金（万元）", "项目总额：300", "年度资金：100"],
        ["总体目标", "长期目标（2024-2026年）", "年度目标"],
        ["", "三年内完成全县高标准农田灌溉设施维护3万亩，灌溉保证率稳定在85%以上。",
         "2025年完成灌溉设施维护1万亩，维修泵站12座。"],
    ]
    for r, row in enumerate(cells):
        for c, text in enumerate(row):
            top.cell(r, c).text = text
    doc.add_paragraph("")
    grid = [
        ["一级指标", "二级指标", "三级指标", "年度指标值", "长期指标值"],
        ["产出指标", "数量指标", "灌溉设施维护面积", "≥1万亩", "≥3万亩"],
        ["产出指标", "数量指标", "维修泵站数量", "≥12座", "≥36座"],
        ["产出指标", "质量指标", "维护工程验收合格率", "≥95%", "≥95%"],
        ["产出指标", "时效指标", "维护任务完成时间", "2025年11月底前", "2026年11月底前"],
        ["效益指标", "经济效益指标", "农田灌溉设施运行情况", "良好", "良好"],
        ["效益指标", "可持续影响指标", "灌溉保证率", "≥85%", "≥85%"],
        ["满意度指标", "服务对象满意度指标", "受益农户满意度", "≥90%", "≥90%"],
    ]
    table = doc.add_table(rows=len(grid), cols=5)
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    doc.save(path)


def two_row_header_xlsx(path: Path) -> None:
    """A header in two rows (绩效指标 over 一级/二级/三级), 指标值 and 计量单位 in separate columns,
    a 区间 value, 不低于 in words and full-width digits."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目名称", "城区生活垃圾分类处理"])
    ws.append(["预算单位", "某区城市管理局"])
    ws.append(["年度预算（万元）", "80"])
    ws.append(["年度绩效目标", "在城区120个小区推行垃圾分类，分类投放准确率达到90%以上。"])
    ws.append(["绩效指标", None, None, "指标值", "计量单位"])
    ws.append(["一级指标", "二级指标", "三级指标", None, None])
    ws.merge_cells("A5:C5")
    ws.merge_cells("D5:D6")
    ws.merge_cells("E5:E6")
    rows = [
        ["产出指标", "数量指标", "推行垃圾分类小区数", "≥１２０", "个"],
        [None, None, "配置分类收集容器", "≥２４００", "组"],
        [None, "质量指标", "分类投放准确率", "90%-95%", None],
        [None, "时效指标", "分类设施配置完成时间", "2025年6月底前", None],
        ["成本指标", "经济成本指标", "单个小区推行成本", "≤0.6", "万元/个"],
        ["效益指标", "生态效益指标", "生活垃圾资源化利用率", "不低于35", "%"],
        ["满意度指标", "服务对象满意度指标", "居民满意度", "不低于90%", None],
    ]
    for row in rows:
        ws.append(row)
    ws.merge_cells("A7:A10")
    ws.merge_cells("B7:B8")
    wb.save(path)


def nature_column_docx(path: Path) -> None:
    """A 指标性质 column (正向/反向/定性) beside the value; 达到预期 as a qualitative value."""
    doc = docx.Document()
    doc.add_paragraph("部门项目支出绩效目标表")
    grid = [
        ["项目名称", "社区居家养老服务补助", "", "", ""],
        ["主管部门", "某区民政局", "", "", ""],
        ["年度资金总额（万元）", "60", "", "", ""],
        ["年度目标", "为辖区800名特殊困难老人提供居家养老上门服务，服务满意度达到90%以上。", "", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标性质", "指标值"],
        ["产出指标", "数量指标", "上门服务老人数", "正向", "≥800人"],
        ["产出指标", "质量指标", "服务投诉率", "反向", "≤2%"],
        ["产出指标", "质量指标", "服务规范化程度", "定性", "达到预期"],
        ["产出指标", "时效指标", "服务响应时间", "反向", "≤24小时"],
        ["成本指标", "经济成本指标", "人均年补助标准", "反向", "≤750元/人"],
        ["效益指标", "社会效益指标", "特殊困难老人居家养老服务覆盖率", "正向", "≥95%"],
        ["满意度指标", "服务对象满意度指标", "服务对象满意度", "正向", "≥90%"],
    ]
    table = doc.add_table(rows=len(grid), cols=5)
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    doc.save(path)


def main() -> None:
    DATA.mkdir(exist_ok=True)
    merged_xlsx(DATA / "p1_merged_cells.xlsx")
    longterm_docx(DATA / "p2_longterm_goal.docx")
    two_row_header_xlsx(DATA / "p3_two_row_header.xlsx")
    nature_column_docx(DATA / "p4_nature_column.docx")


if __name__ == "__main__":
    main()
