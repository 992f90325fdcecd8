"""Text layouts that are not the numbered one: the three real examples (PDF one-cell-per-line, space-separated
rows, web-page pipe table with 中期 and 年度 blocks) and hand-written tab and markdown tables.

Expected values were written from reading the example files, not copied from the reader's output."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures_columnar import rows
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.parse import ParseError, read_path, read_text

EXAMPLES = Path(__file__).parent / "data" / "examples"


def parts(indicator):
    return [(p.op.value, p.value, p.high, p.unit) for p in indicator.target.parts]


def kinds(table):
    return [(w.kind, w.line, w.text) for w in table.warnings]


def test_04_pdf_one_cell_per_line():
    table = read_path(EXAMPLES / "04_shanghai-putuo-cgzf-2026-pymupdf.txt")
    assert table.title == "财政项目支出绩效目标申报表"
    [project] = table.projects
    assert project.name == "拆违经费"
    assert project.department == "普陀区城市管理行政执法局执法大队"
    assert project.unit == "上海市普陀区城市管理行政执法局执法大队"
    assert project.amount == 349.8 and project.amount_text == "3,498,000.00"
    assert project.fields["金额换算"] == "年度资金申请总额：3,498,000.00元 = 349.8万元"
    assert project.goal.splitlines() == [
        "1.完成市、区相关部门下达的年度拆违任务。",
        "2.新增违建“零增长”，坚决做到“无增减存”。",
        "3.开展存量违建专项治理，快速降低违建点位数。",
        "4.开展普查数据平台“拆一件、销一项、存一档”目标管理。",
    ]
    fields = project.fields
    assert fields["年度"] == "2026年度"
    assert fields["项目性质"] == "阶段性项目"
    assert fields["项目类别"] == "特定目标类"
    assert fields["计划开始日期"] == "2024-01-01" and fields["计划完成日期"] == "2026-12-31"
    assert fields["资金单位"] == "元"
    assert fields["项目资金总额"] == "10,308,000.00"
    assert fields["财政资金"] == "10,308,000.00" and fields["当年财政拨款"] == "3,498,000.00"
    assert fields["上年结转资金"] == "0.00" and fields["其他资金"] == "0.00" and fields["其他资金（2）"] == "0.00"
    assert fields["项目总体目标(2024年-2026年)"].startswith("1.完成市、区相关部门下达的年度拆违任务。")
    assert rows(project) == [
        ("成本指标", "经济成本指标", "成本控制合理性", "合理"),
        ("产出指标", "数量指标", "完成年度拆违计划", "=100.00(%)"),
        ("产出指标", "质量指标", "违法建筑销项正确率", "=100.00(%)"),
        ("产出指标", "时效指标", "新增违建处置率", "=100.00(%)"),
        ("效益指标", "社会效益指标", "群众政策知晓度", "≥90.00(%)"),
        ("效益指标", "生态效益指标", "提升城市环境美化指数", "提高"),
        ("效益指标", "可持续影响指标", "新增违建发生数", "降低"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90.00(%)"),
    ]
    inds = project.indicators()
    assert inds[0].target.kind == "qualitative"
    assert parts(inds[1]) == [("=", 100, None, "%")]
    assert parts(inds[4]) == [(">=", 90, None, "%")]
    assert inds[5].target.kind == "qualitative" and inds[6].target.kind == "qualitative"
    assert inds[7].subcategory_raw == "服务对象满意度指标"
    assert [i.position.line for i in inds] == [62, 66, 69, 72, 76, 79, 82, 87]
    assert table.warnings == []


def test_08_space_separated_rows():
    table = read_path(EXAMPLES / "08_wuhai-gongxiaoshe-2021-columns.txt")
    assert table.title == "再生资源回收市场管理经费项目绩效目标表"
    [project] = table.projects
    assert project.name == "再生资源回收市场管理经费"
    assert project.department == "(433)乌海市供销合作社联合社(部门)"
    assert project.unit == "(433001)乌海市供销合作社联合社"
    assert project.amount == 3 and project.amount_text == "3"
    assert project.goal.startswith("围绕国家关于建设节约型社会") and project.goal.endswith("改善城乡生态环境。")
    assert project.fields["项目类别"] == "(31)部门预算项目"
    assert project.fields["归口科室"] == "(08)经济贸易科"
    assert project.fields["财政拨款数"] == "3" and project.fields["其他资金"] == "0"
    assert project.fields["年度"] == "2021年" and project.fields["资金单位"] == "万元"
    inds = project.indicators()
    assert [(i.subcategory, i.name, i.value, i.unit, i.weight) for i in inds] == [
        ("数量指标", "出差人数", "8", None, 4),
        ("数量指标", "出差人次", "24", "人/次", 4),
        ("质量指标", "工作任务完成率", "100", "%", 4),
        ("时效指标", "项目财政资金到位时间", "44,561", None, 10),
        ("时效指标", "财政资金到位及时支付率", "100", "%", 4),
        ("时效指标", "工作计划按时完成时间", "44,561", None, 4),
        ("经济成本指标", "出差单位成本", "0", "万元/人", 4),
        ("经济成本指标", "出差总成本", "1", "万元", 4),
        ("经济成本指标", "劳务人员总成本", "2", "万元", 4),
        ("经济成本指标", "办公费总成本", "0", "万元", 4),
        ("经济成本指标", "年度预算总成本", "3", "万元", 4),
    ]
    assert [i.category for i in inds] == ["产出指标"] * 6 + ["成本指标"] * 5
    assert {i.category_raw for i in inds} == {"产出指标"}
    assert inds[6].subcategory_raw == "成本指标"
    assert inds[0].comparator == "正向 =" and inds[6].comparator == "反向 ="
    assert parts(inds[1]) == [("=", 24, None, "人/次")]
    assert parts(inds[6]) == [("=", 0, None, "万元/人")]
    assert sum(i.weight for i in inds) == 50
    warnings = kinds(table)
    assert ("page_chrome", 1, "当前位置: 首页 > 新闻资讯 > 数据统计") in warnings
    assert ("page_chrome", 3, "发布时间:2022年09月12日 作者: 来源: 浏览次数:") in warnings
    assert ("page_chrome", 4, "再生资源回收市场管理经费项目绩效目标表") in warnings
    assert ("unplaced_text", 16, "绩效指标(权重分值90分,其中产出指标权重分值50分,效益指标权重分值30分,满意度指标权重分值10分)") \
        in warnings
    assert [(k, line) for k, line, text in warnings if text == "44,561"] == [
        ("ambiguous_cell", 20), ("excel_date_serial", 20), ("ambiguous_cell", 22), ("excel_date_serial", 22)]
    assert "2021-12-31" in next(w.message for w in table.warnings if w.kind == "excel_date_serial")
    assert ("unplaced_text", 28, "效") in warnings
    assert len(warnings) == 9


def test_13_pipe_table_with_medium_term_and_annual_blocks():
    table = read_path(EXAMPLES / "13_dongguan-jiaotong-2019-pifu-dualcol.txt")
    assert table.title == "东莞市财政项目支出绩效目标批复表"
    assert table.department == "东莞市交通运输局"
    [project] = table.projects
    assert project.name == "镇际联网路升级改造工程一期"
    assert project.amount == 919 and project.amount_text == "919.00"
    assert project.goal.startswith("督促勘察设计单位") and project.goal.endswith("尾款结算387万元。")
    assert project.fields["中期滚动目标(2019年--2021年)"] == "新建或改造道路,共29个项目,规划里程169公里。"
    assert project.fields["中期市财政预算(万元)"] == "284500.00"
    assert project.fields["年度"] == "2019年度"
    assert rows(project) == [
        ("产出指标", "数量指标", "镇街补助款完成结算项目数", "3"),
        ("产出指标", "质量指标", "补助款结算误差率", "±3%以内"),
        ("产出指标", "时效指标", "结算款支付及时性", "及时"),
        ("成本指标", "经济成本指标", "年度预算执行率", "≥90%"),
        ("效益指标", "社会效益指标", "补助款结算争议率", "0%"),
    ]
    inds = project.indicators()
    assert [i.category_raw for i in inds] == ["预期产出指标"] * 4 + ["效果指标"]
    assert inds[2].subcategory_raw == "时效指标(工期指标、形象进度指标)"
    assert inds[3].subcategory_raw == "预算(或投资规模)控制指标"
    assert parts(inds[0]) == [("=", 3, None, None)]
    assert parts(inds[1]) == [("range", -3, 3, "%")]
    assert inds[2].target.kind == "qualitative"
    assert parts(inds[3]) == [(">=", 90, None, "%")]
    medium = [(w.line, w.text) for w in table.warnings if w.kind == "medium_term"]
    assert medium == [
        (22, "预期产出指标/数量指标(或建筑规模指标)/镇街补助款完成结算项目数：3"),
        (23, "预期产出指标/质量指标/补助款结算误差率：±3%以内"),
        (24, "预期产出指标/时效指标(工期指标)/结算款支付及时性：及时"),
        (25, "预期产出指标/预算(或投资规模)控制指标/年度预算执行率：≥90%"),
        (26, "效果指标/社会、经济、生态效益指标/补助款结算争议率：0%"),
        (27, "效果指标/可持续影响指标/实现建设总目标控制程度："),
    ]
    chrome = [w.line for w in table.warnings if w.kind == "page_chrome"]
    assert chrome == [1, 2, 3, 4, 5, 6, 7, 8]
    assert any(w.kind == "ambiguous_alignment" and w.line == 27 for w in table.warnings)


def test_tab_separated_text_carries_labels_down():
    text = ("项目名称\t河道保洁\n"
            "一级指标\t二级指标\t三级指标\t指标值\t计量单位\n"
            "产出指标\t数量指标\t保洁河道长度\t≥35\t公里\n"
            "\t时效指标\t★保洁频次\t每日1次\t\n"
            '"满意度指\n标"\t服务对象满意度指标\t沿岸居民满意度\t≥90%\t\n'
            "制表：王五\n")
    table = read_text(text, "paste.txt")
    [project] = table.projects
    assert project.name == "河道保洁"
    assert rows(project) == [("产出指标", "数量指标", "保洁河道长度", "≥35"),
                             ("产出指标", "时效指标", "保洁频次", "每日1次"),
                             ("满意度指标", "服务对象满意度指标", "沿岸居民满意度", "≥90%")]
    first, second, third = project.indicators()
    assert parts(first) == [(">=", 35, None, "公里")] and first.unit == "公里"
    assert parts(second) == [("=", 1, None, "次")]
    assert second.core and not first.core and second.name == "保洁频次"
    assert third.category_raw == "满意度指标" and third.position.line == 5
    assert [(w.kind, w.line, w.text) for w in table.warnings] == [("unplaced_text", 7, "制表：王五")]


def test_medium_term_and_annual_value_columns_share_the_name():
    text = ("项目名称\t培训项目\n项目负责人\t\t联系电话\t020-1234\n"
            "一级指标\t二级指标\t三级指标\t中期指标值\t年度指标值\t计量单位\n"
            "产出指标\t数量指标\t培训人次\t1800\t600\t人次\n")
    table = read_text(text, "paste.txt")
    [project] = table.projects
    assert project.fields == {"项目负责人": "", "联系电话": "020-1234"}
    [ind] = project.indicators()
    assert (ind.name, ind.value, ind.unit) == ("培训人次", "600", "人次")
    assert parts(ind) == [("=", 600, None, "人次")]
    assert [(w.kind, w.line, w.text) for w in table.warnings] == [("medium_term", 4, "产出指标/数量指标/培训人次：1800")]


def test_markdown_pipe_table():
    text = ("# 2024年部门项目绩效目标表\n\n项目名称：网格化管理\n\n"
            "| 一级指标 | 二级指标 | 三级指标 | 指标值 |\n| --- | --- | --- | --- |\n"
            "| 产出指标 | 数量指标 | 巡查次数 | ≥120次 |\n|  | 质量指标 | 问题办结率 | ≥95% |\n"
            "| 满意度指标 | 服务对象满意度指标 | 居民满意度 | ≥90% |\n")
    table = read_text(text, "table.md")
    assert table.title == "2024年部门项目绩效目标表"
    [project] = table.projects
    assert project.name == "网格化管理"
    assert rows(project) == [("产出指标", "数量指标", "巡查次数", "≥120次"),
                             ("产出指标", "质量指标", "问题办结率", "≥95%"),
                             ("满意度指标", "服务对象满意度指标", "居民满意度", "≥90%")]
    assert [i.position.line for i in project.indicators()] == [7, 8, 9]
    assert table.warnings == []


def test_pasted_text_without_indicator_header_keeps_every_line_as_a_warning():
    table = read_text("一段说明文字\n\n没有任何表格", "note.txt")
    assert table.projects == []
    assert table.warnings[0].kind == "no_indicator_table" and "三级指标" in table.warnings[0].message
    assert [(w.line, w.text) for w in table.warnings[1:]] == [(1, "一段说明文字"), (3, "没有任何表格")]


def test_text_file_without_indicator_header_is_an_error(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("一段说明文字\n没有任何表格", encoding="utf-8")
    with pytest.raises(ParseError) as err:
        read_path(path)
    assert str(path) in str(err.value) and "没有找到指标表" in str(err.value) and "三级指标" in str(err.value)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标", "",
                                          "≥5个", "项目名称", "名称甲", "|", "★", "满意度指\n标", "44,561", "正向"]),
                         max_size=7), max_size=8),
       st.sampled_from(["\t", " ", " | ", "\n"]))
def test_any_text_reads_or_raises_parse_error(cells, sep):
    text = "\n".join(sep.join(row) for row in cells)
    try:
        table = read_text(text, "fuzz.txt")
    except ParseError as err:
        assert "fuzz.txt" in str(err)
        return
    assert all(isinstance(i.name, str) for p in table.projects for i in p.indicators())
