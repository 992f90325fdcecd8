"""Builders of hand-made columnar fixture files (.xlsx, .docx, .csv, .html) for the reader tests."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from openpyxl import Workbook

HEADER = ["一级指标", "二级指标", "三级 指标", "指标性质", "指标值", "计量单位", "指标值设定依据", "分值", "备注"]

# Sheet 项目A: (一级, 二级, 三级, 性质, 值, 单位, 依据, 分值, 备注); 一级/二级 are merged down their group.
SHEET_A = [
    ("产出指标", "数量指标", "★培训人次", "≥", "600", "人次", "计划标准", 10, None),
    (None, None, "培训期数", "≥", "≥**个", None, None, 10, None),
    (None, "质量指标", "考核合格率", "≥", "95", "%", "历史标准", 10, "抽查"),
    (None, "时效指标", "完成时间", "≤", "2025年11月30日前", None, None, 10, None),
    ("效益指标", "社会效益指标", "参训人员技能提升率", "正向", "【待填】", "%", None, 20, None),
    ("满意度指\n标", "服务对象满意度指标", "参训人员满意度", "定量其他", "90", "%", None, 10, None),
    (None, None, "投诉处理情况", "定性", None, None, None, 5, None),
]


def write_xlsx_fixture(path: Path) -> Path:
    """Two sheets: 项目A (title, header fields, a 资金 table, merged 一级/二级, extra columns, blanks and
    placeholders) and 项目B (labels only on first rows, legacy 成本 under 产出, old 一级 names)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "项目A"
    ws["A1"] = "2025年度项目支出绩效目标申报表"
    ws.merge_cells("A1:I1")
    ws.append(["项目名称", "干部业务能力培训", None, "主管部门", "某某市财政局"])
    ws.append(["实施单位", "某某市财政局培训中心", None, "项目负责人", "张三"])
    ws.append(["资金来源", "金额（万元）"])
    ws.append(["年度资金总额", 54])
    ws.append(["其中：财政拨款", 50])
    ws.append(["其他资金", 4])
    ws.append(["年度绩效目标", "完成干部培训600人次，考核合格率不低于95%。"])
    ws.append(["总体目标", "三年内完成全员轮训。"])
    ws.append(HEADER)
    first = ws.max_row + 1
    for row in SHEET_A:
        ws.append(list(row))
    ws.merge_cells(f"A{first}:A{first + 3}")
    ws.merge_cells(f"B{first}:B{first + 1}")
    ws.merge_cells(f"A{first + 5}:A{first + 6}")
    ws.merge_cells(f"B{first + 5}:B{first + 6}")
    ws.append(["填表人：李四"])

    wb2 = wb.create_sheet("项目B")
    wb2.append(["项目名称：道路养护"])
    wb2.append(["一级指标", "二级指标", "三级指标", "年度指标值", "计量单位"])
    wb2.append(["项目完成指标", "数量指标", "养护里程", "≥12", "公里"])
    wb2.append([None, "成本指标", "单位养护成本", "≤3", "万元/公里"])
    wb2.append(["效果指标", "可持续影响指标", "设施完好率", "98%", None])
    wb.save(path)
    return path


def write_xlsx_two_blocks(path: Path) -> Path:
    """One sheet, two 项目名称 blocks, each with its own indicator header."""
    wb = Workbook()
    ws = wb.active
    ws.title = "汇总"
    for name, rows in (("项目甲", [("产出指标", "数量指标", "检查户次", "≥300户次")]),
                       ("项目乙", [("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"),
                                   ("产出指标", "时效指标", "办结时限", "≤5个工作日")])):
        ws.append(["项目名称", name])
        ws.append(["一级指标", "二级指标", "三级指标", "指标值"])
        for row in rows:
            ws.append(list(row))
        ws.append([])
    wb.save(path)
    return path


def write_xlsx_without_indicators(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "资金"
    ws.append(["项目名称", "某项目"])
    ws.append(["资金总额", 100])
    wb.save(path)
    return path


def write_docx_fixture(path: Path) -> Path:
    """A title paragraph, a header-field table, then an indicator table with vertically merged 一级/二级."""
    doc = Document()
    doc.add_paragraph("项目支出绩效目标表")
    fields = doc.add_table(rows=3, cols=4)
    for r, values in enumerate([("项目名称", "社区养老服务补贴", "主管部门", "某某区民政局"),
                                ("实施单位", "某某区养老服务中心", "年度资金总额（万元）", "120"),
                                ("年度绩效目标", "为800名老人发放养老服务补贴。", "", "")]):
        for c, text in enumerate(values):
            fields.cell(r, c).text = text
    fields.cell(2, 1).merge(fields.cell(2, 3))
    rows = [("一级指标", "二级指标", "三级指标", "计算符号", "指标值", "计量单位"),
            ("产出指标", "数量指标", "补贴发放人数", "=", "800", "人"),
            ("", "", "补贴标准", "=", "150", "元/人·月"),
            ("", "质量指标", "发放准确率", "=", "100", "%"),
            ("满意度指标", "服务对象满意度指标", "受助对象满意度", "≥", "90", "%")]
    grid = doc.add_table(rows=len(rows), cols=6)
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            if text:
                grid.cell(r, c).text = text
    grid.cell(1, 0).merge(grid.cell(3, 0))
    grid.cell(1, 1).merge(grid.cell(2, 1))
    doc.add_paragraph("注：本表由实施单位填报。")
    doc.save(path)
    return path


def write_docx_without_tables(path: Path) -> Path:
    doc = Document()
    doc.add_paragraph("项目名称：没有表格的项目")
    doc.save(path)
    return path


CSV_TEXT = (
    "项目名称,一级指标,二级指标,三级指标,计算符号,指标值,计量单位,数据来源\n"
    "园区招商,产出指标,数量指标,新引进企业数,≥,20,家,招商台账\n"
    ",,,\"举办招商\n活动场次\",≥,6,场,\n"
    ",效益指标,经济效益指标,带动投资额,≥,5,亿元,统计年报\n"
    "企业服务,满意度指标,服务对象满意度指标,企业满意度,≥,90,%,问卷调查\n"
)

HTML_TEXT = """<!DOCTYPE html>
<html><head><title>页面标题</title><script>var tracker = 1;</script></head>
<body>
<div class="nav">当前位置：首页 &gt; 信息公开</div>
<h1>2024年项目支出绩效目标表</h1>
<p>项目名称：智慧城管平台运维</p>
<p>年度绩效目标：保障平台全年稳定运行&amp;及时处置案件。</p>
<table>
<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th colspan="2">指标值</th></tr>
<tr><td rowspan="3">产出指标</td><td rowspan="2">质量指标</td><td>系统可用率</td><td>≥99.5%</td><td></td></tr>
<tr><td>案件处置率&lt;24小时&gt;</td><td>≥95%</td><td></td></tr>
<tr><td>时效指标</td><td>故障修复时长<br>（平均）</td><td>≤4小时</td><td></td></tr>
<tr><td>成本指标</td><td>经济成本指标</td><td>运维费用<script>alert("x")</script></td><td colspan="2">≤120万元</td></tr>
</table>
<p>发布时间：2024-03-01</p>
</body></html>
"""


def write_docx_two_projects(path: Path) -> Path:
    """Two projects, each a header-field table followed by its indicator table; the second indicator table
    is split in two by a page break (its header repeated), which must not start a third project."""
    doc = Document()
    for name, tables in (("项目一", [[("产出指标", "数量指标", "采购设备台数", "≥10台")]]),
                         ("项目二", [[("产出指标", "质量指标", "验收合格率", "100%")],
                                    [("满意度指标", "服务对象满意度指标", "使用人员满意度", "≥90%")]])):
        fields = doc.add_table(rows=1, cols=2)
        fields.cell(0, 0).text, fields.cell(0, 1).text = "项目名称", name
        for rows in tables:
            grid = doc.add_table(rows=len(rows) + 1, cols=4)
            for c, text in enumerate(("一级指标", "二级指标", "三级指标", "指标值")):
                grid.cell(0, c).text = text
            for r, values in enumerate(rows, start=1):
                for c, text in enumerate(values):
                    grid.cell(r, c).text = text
            doc.add_paragraph("")
    doc.save(path)
    return path


def rows(project):
    """(一级, 二级, 三级, 指标值) of each indicator, in order."""
    return [(i.category, i.subcategory, i.name, i.value) for i in project.indicators()]
