"""PDFs built in the tests with reportlab and the installed CJK font (fonts-wqy-microhei): ruled tables from
rows we hold, a table broken across two pages, a table inside a longer 部门预算 document, and a scanned page
(an image and no text layer)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
FONT = "WQYMicroHei"

HEADER = ["一级指标", "二级指标", "三级指标", "指标值"]
FIELDS = [["项目名称", "社区医养结合服务补助", "", ""], ["主管部门", "某市卫生健康委员会", "实施单位", "某市老年病医院"],
          ["年度资金总额（万元）", "420", "", ""]]
ROWS = [
    ["产出指标", "数量指标", "医养结合签约老年人数", "≥3000人"],
    ["", "", "上门巡诊服务人次", "≥12000人次"],
    ["", "质量指标", "签约老年人健康档案建档率", "100%"],
    ["", "时效指标", "补助资金拨付时间", "2025年12月31日前"],
    ["成本指标", "经济成本指标", "人均签约服务补助", "≤1400元"],
    ["效益指标", "社会效益指标", "失能老人照护负担减轻", "明显减轻"],
    ["", "可持续影响指标", "医养结合服务网点覆盖率", "≥80%"],
    ["满意度指标", "服务对象满意度指标", "签约老年人满意度", "≥90%"],
]
EXPECTED = [
    ("产出指标", "数量指标", "医养结合签约老年人数", "≥3000人"),
    ("产出指标", "数量指标", "上门巡诊服务人次", "≥12000人次"),
    ("产出指标", "质量指标", "签约老年人健康档案建档率", "100%"),
    ("产出指标", "时效指标", "补助资金拨付时间", "2025年12月31日前"),
    ("成本指标", "经济成本指标", "人均签约服务补助", "≤1400元"),
    ("效益指标", "社会效益指标", "失能老人照护负担减轻", "明显减轻"),
    ("效益指标", "可持续影响指标", "医养结合服务网点覆盖率", "≥80%"),
    ("满意度指标", "服务对象满意度指标", "签约老年人满意度", "≥90%"),
]


def _font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, FONT_PATH, subfontIndex=0))
        pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT, italic=FONT, boldItalic=FONT)


def _style() -> ParagraphStyle:
    _font()
    return ParagraphStyle("zh", fontName=FONT, fontSize=11, leading=16)


def _table(rows: list[list[str]]) -> Table:
    _font()
    table = Table(rows, colWidths=[115, 135, 155, 110])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 10),
                               ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    return table


def _build(path: Path, story: list) -> Path:
    _font()
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=40, rightMargin=40).build(story)
    return path


def _title(text: str) -> Paragraph:
    return Paragraph(text, _style())


def unruled(path: Path) -> Path:
    """The same table laid out in columns without ruling lines (no table a PDF extractor can find)."""
    _font()
    table = Table(FIELDS + [HEADER] + ROWS, colWidths=[115, 135, 155, 110])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), 10)]))
    return _build(path, [_title("2025年度项目支出绩效目标表"), Spacer(1, 8), table])


def single_page(path: Path) -> Path:
    """One page: title, header fields and the indicator table in one ruled table."""
    return _build(path, [_title("2025年度项目支出绩效目标表"), Spacer(1, 8),
                         _table(FIELDS + [HEADER] + ROWS)])


def across_two_pages(path: Path) -> Path:
    """The indicator table breaks after its fifth row; page 2 continues it without repeating the header."""
    return _build(path, [_title("2025年度项目支出绩效目标表"), Spacer(1, 8), _table(FIELDS + [HEADER] + ROWS[:5]),
                         PageBreak(), _table(ROWS[5:])])


SECOND_FIELDS = [["项目名称", "基层医疗机构设备更新", "", ""], ["主管部门", "某市卫生健康委员会", "实施单位", "某市卫生健康委员会"],
                 ["年度资金总额（万元）", "1,360", "", ""]]
SECOND_ROWS = [
    ["产出指标", "数量指标", "更新医疗设备台数", "≥85台"],
    ["", "质量指标", "设备验收合格率", "100%"],
    ["成本指标", "经济成本指标", "单台设备平均采购价", "≤16万元"],
    ["满意度指标", "服务对象满意度指标", "基层医务人员满意度", "≥85%"],
]


def two_projects(path: Path) -> Path:
    """One project per page, each table starting with its own 项目名称."""
    return _build(path, [_title("2025年度项目支出绩效目标表"), _table(FIELDS + [HEADER] + ROWS), PageBreak(),
                         _table(SECOND_FIELDS + [HEADER] + SECOND_ROWS)])


def inside_budget_document(path: Path) -> Path:
    """Three pages of 部门预算 narrative and a 收支 table, then the 绩效目标表 on page 4."""
    style = _style()
    narrative = [Paragraph(t, style) for t in (
        "某市卫生健康委员会2025年部门预算", "第一部分 部门概况", "一、主要职能：负责全市卫生健康事业发展规划和管理。",
        "二、部门预算单位构成：本部门预算包括委机关及所属12个事业单位。")]
    budget = Table([["项目", "本年预算（万元）"], ["一般公共预算拨款", "58,230.00"], ["事业收入", "12,400.00"]])
    budget.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story = [*narrative, PageBreak(), Paragraph("第二部分 2025年部门预算表", style), budget, PageBreak(),
             Paragraph("第三部分 2025年部门预算情况说明", style),
             Paragraph("2025年收支总预算70,630.00万元，比上年增加2.4%。", style), PageBreak(),
             Paragraph("第四部分 项目支出绩效目标表", style), Spacer(1, 8), _table(FIELDS + [HEADER] + ROWS)]
    return _build(path, story)


class _Scan(Flowable):
    """A page image as a scanner leaves it: grey marks where text was, and no text layer."""

    def wrap(self, *_args):
        return 400, 300

    def draw(self):
        self.canv.setFillGray(0.85)
        self.canv.rect(0, 0, 400, 300, stroke=0, fill=1)
        self.canv.setFillGray(0.2)
        for row in range(12):
            for col in range(8):
                self.canv.rect(10 + col * 48, 280 - row * 22, 40, 8, stroke=0, fill=1)


def with_scanned_page(path: Path) -> Path:
    """Page 1 holds the table as text; page 2 is a scanned page with no text layer."""
    return _build(path, [_title("2025年度项目支出绩效目标表"), _table(FIELDS + [HEADER] + ROWS), PageBreak(), _Scan()])


def scanned_only(path: Path) -> Path:
    """Two scanned pages: no text layer at all."""
    return _build(path, [_Scan(), PageBreak(), _Scan()])
