"""The published layouts of issue 12, one hand-written fixture each (tests/data/layouts), read to the exact
indicators the fixture holds. Expected rows were written from the fixture text, not from the reader.

Sign-off rows (主管部门审核意见（盖章）, 财政部门初审意见, 填表人/联系电话) and 资金 tables are never
indicators; every line of the input the reader could not place is kept as a warning."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures_columnar import rows

from assistant.parse import read_path

LAYOUTS = Path(__file__).parent / "data" / "layouts"
OUT, OUTCOME, COST, SAT = "产出指标", "效益指标", "成本指标", "满意度指标"


def parts(indicator):
    return [(p.op.value, p.value, p.unit) for p in indicator.target.parts]


def kinds(table, kind):
    return [w.text for w in table.warnings if w.kind == kind]


def test_01_blank_lines_between_cells():
    table = read_path(LAYOUTS / "01_blank_lines.txt")
    [project] = table.projects
    assert project.name == "农村饮水安全工程维修养护"
    assert project.department == "某县水利局" and project.unit == "某县农村供水管理站"
    assert project.amount == 186.5
    assert rows(project) == [
        (OUT, "数量指标", "维修供水工程处数", "≥45处"),
        (OUT, "质量指标", "维修工程验收合格率", "100%"),
        (OUT, "时效指标", "维修任务完成时间", "2025年10月底前"),
        (COST, "经济成本指标", "单处维修平均成本", "≤2.5万元"),
        (OUTCOME, "经济效益指标", "减少群众购水支出", "≥30万元"),
        (OUTCOME, "社会效益指标", "保障农村饮水人口", "≥3.2万人"),
        (SAT, "服务对象满意度指标", "受益群众满意度", "≥90%"),
    ]
    assert [i.position.line for i in project.indicators()] == [35, 41, 47, 57, 67, 75, 85]
    assert table.warnings == []


def test_02_pipe_cells_with_row_tails_chrome_and_footer():
    table = read_path(LAYOUTS / "02_pipe_cells.txt")
    [project] = table.projects
    assert table.title == "2024年项目支出绩效目标表"
    assert project.name == "老年人助餐服务补贴" and project.department == "某区民政局"
    assert rows(project) == [
        (OUT, "数量指标", "助餐服务人次", "≥12万人次"),
        (OUT, "质量指标", "助餐点食品安全检查合格率", "100%"),
        (OUT, "时效指标", "补贴发放及时率", "≥95%"),
        (OUTCOME, "社会效益指标", "老年人就餐便利度", "明显提升"),
        (SAT, "服务对象满意度指标", "就餐老年人满意度", "≥90%"),
    ]
    assert [i.value_basis for i in project.indicators()] == ["计划标准", "行业标准", "计划标准", "计划标准", "历史标准"]
    assert kinds(table, "signoff") == ["填表人：李某某", "联系电话：0571-87650000"]
    assert kinds(table, "page_chrome") == ["首页 > 信息公开 > 财政预决算", "发布时间：2024-03-12  浏览次数：318",
                                          "第 3 页 共 12 页"]
    assert kinds(table, "unplaced_text") == []


def test_03_extractor_json_rows():
    table = read_path(LAYOUTS / "03_extractor.json")
    [project] = table.projects
    assert project.name == "城市道路桥梁定期检测" and project.unit == "某市市政设施管理处"
    assert rows(project) == [
        (OUT, "数量指标", "桥梁定期检测座数", "86座"),
        (OUT, "质量指标", "检测报告合格率", "100%"),
        (OUT, "时效指标", "检测完成时间", "2025年9月30日前"),
        (COST, "经济成本指标", "单座桥梁检测费用", "≤1.8万元"),
        (COST, "生态环境成本指标", "检测作业单座占道时长", "≤2小时"),
        (OUTCOME, "社会效益指标", "桥梁安全事故发生数", "0起"),
        (OUTCOME, "可持续影响指标", "桥梁技术状况评定一、二类比例", "≥85%"),
        (SAT, "服务对象满意度指标", "市民满意度", "≥90%"),
    ]
    assert project.indicators()[0].position.cell == "C6"
    assert table.warnings == []


def test_08_table_inside_budget_narrative():
    table = read_path(LAYOUTS / "08_narrative_pipe.txt")
    [project] = table.projects
    assert project.name == "中小学校舍维修改造" and project.amount == 1250
    assert rows(project) == [
        (OUT, "数量指标", "维修改造学校数量", "≧8所"),
        (OUT, "质量指标", "工程竣工验收合格率", "≧98%"),
        (OUT, "时效指标", "项目完工时间", "2025年8月20日前"),
        (COST, "经济成本指标", "维修改造每平方米造价", "≦650元"),
        (OUTCOME, "社会效益指标", "校舍安全隐患消除率", "100%"),
        (SAT, "服务对象满意度指标", "师生满意度", "≧90%"),
    ]
    inds = project.indicators()
    assert parts(inds[0]) == [(">=", 8, "所")] and parts(inds[3]) == [("<=", 650, "元")]
    unplaced = kinds(table, "unplaced_text")
    assert "第四部分 名词解释" in unplaced and "1．一般公共预算拨款收入：指区财政当年拨付的资金。" in unplaced
    assert "本部门预算包括局机关和所属32所中小学。" in unplaced


def test_09_unit_only_values_are_missing_and_template_numbers_dropped():
    table = read_path(LAYOUTS / "09_unit_only_values.md")
    [project] = table.projects
    assert rows(project) == [
        (OUT, "数量指标", "新建农村公路里程", "公里"),
        (OUT, "数量指标", "改造危桥数量", "≧ 座"),
        (OUT, "质量指标", "工程交工验收合格率", "≧ %"),
        (OUT, "时效指标", "项目完工及时率", "≧95%"),
        (OUTCOME, "社会效益指标", "群众出行条件", "明显改善"),
        (SAT, "服务对象满意度指标", "沿线群众满意度", "≧ %"),
    ]
    kinds_ = [i.target.kind for i in project.indicators()]
    assert kinds_ == ["missing", "missing", "missing", "quantitative", "qualitative", "missing"]
    assert parts(project.indicators()[1]) == [(">=", None, "座")]


def test_10_space_rows_broken_labels_and_approval_rows():
    table = read_path(LAYOUTS / "10_space_approval.txt")
    [project] = table.projects
    assert rows(project) == [
        (OUT, "数量指标", "家庭医生签约服务人数(≥**人)", "18000"),
        (OUT, "数量指标", "健康教育讲座场次(≥**场)", "48"),
        (OUT, "质量指标", "重点人群签约服务覆盖率", "70"),
        (OUT, "时效指标", "签约服务年度完成时间", "12"),
        (COST, "经济成本指标", "人均签约服务经费", "120"),
        (OUTCOME, "社会效益指标", "居民健康素养水平提升", "2"),
        (SAT, "服务对象满意度指标", "签约居民满意度", "90"),
    ]
    inds = project.indicators()
    assert inds[0].category_raw == "项目完成指标" and inds[5].category_raw == "项目效益指标"
    assert parts(inds[0]) == [("=", 18000, "人")] and inds[0].comparator == "正向 ="
    assert kinds(table, "signoff") == ["主管部门审核意见", "(盖章)", "财政部门初审意见", "(盖章)"]
    assert kinds(table, "unplaced_text") == [] and kinds(table, "ambiguous_cell") == []


@pytest.mark.parametrize("name", sorted(p.name for p in LAYOUTS.iterdir() if not p.name.startswith(("04", "05", "07"))))
def test_no_signoff_or_funds_row_becomes_an_indicator(name):
    table = read_path(LAYOUTS / name)
    for project in table.projects:
        for ind in project.indicators():
            text = ind.name + ind.value
            assert not any(w in text for w in ("审核意见", "初审意见", "盖章", "填表人", "联系电话", "资金安排", "合计"))


def test_06_one_value_column_per_site_after_a_funds_table():
    table = read_path(LAYOUTS / "06_per_site.txt")
    [project] = table.projects
    assert project.name == "农村人居环境整治奖补"
    towns = ["城关镇", "河口镇", "青山镇", "白沙镇", "石门镇", "龙潭镇", "清水镇"]
    assert rows(project) == [
        (OUT, "数量指标", "改造农村户厕数",
         "；".join(f"{t}：{n}户" for t, n in zip(towns, [120, 90, 75, 70, 60, 55, 50], strict=True))),
        (OUT, "质量指标", "户厕改造验收合格率", "≥95%"),
        (COST, "经济成本指标", "户均改厕补助", "≤0.4万元"),
        (OUTCOME, "生态效益指标", "生活污水乱排乱放减少", "明显减少"),
        (SAT, "服务对象满意度指标", "受益农户满意度", "≥90%"),
    ]
    first = project.indicators()[0]
    assert [(p.subject, p.value, p.unit) for p in first.target.parts] == [
        (t, n, "户") for t, n in zip(towns, [120, 90, 75, 70, 60, 55, 50], strict=True)]
    assert first.explanation == "完成改造并验收的户厕数量"
    funds = kinds(table, "funds_table")
    assert funds[:4] == ["资金安排表", "乡镇", "安排资金（万元）", "备注"] and funds[-2:] == ["合计", "209"]
    assert kinds(table, "unplaced_text") == []


def test_11_shanghai_form_as_layout_text():
    table = read_path(LAYOUTS / "11_shanghai_layout.txt")
    [project] = table.projects
    assert table.title == "财政项目支出绩效目标申报表" and project.fields["年度"] == "2026年度"
    assert project.name == "社区养老服务综合体运营补贴"
    assert project.department == "上海市某区民政局" and project.unit == "某区社区养老服务中心"
    assert project.amount == 216 and project.amount_text == "2,160,000.00"
    assert project.fields["项目资金总额(元)"] == "6,480,000.00"
    assert project.fields["金额换算"] == "年度资金申请总额：2,160,000.00元 = 216万元"
    assert project.goal == "1.年内新增运营社区养老服务综合体2家。\n2.提供日间照料服务不少于3万人次。"
    assert project.fields["项目总体目标(2025年-2027年)"] == \
        "1.建成并运营社区养老服务综合体6家。\n2.为辖区老年人提供日间照料、助餐等服务。"
    assert rows(project) == [
        (OUT, "数量指标", "新增运营综合体数量", "=2(家)"),
        (OUT, "数量指标", "日间照料服务人次", "≥30000(人次)"),
        (OUT, "质量指标", "服务机构等级评定达标率", "≥95.00(%)"),
        (OUT, "时效指标", "补贴资金拨付及时率", "≥95.00(%)"),
        (COST, "经济成本指标", "单个综合体年度运营补贴", "≤1,080,000.00(元)"),
        (OUTCOME, "社会效益指标", "老年人照护负担减轻程度", "明显减轻"),
        (OUTCOME, "可持续影响指标", "综合体持续运营年限", "≥3(年)"),
        (SAT, "服务对象满意度指标", "服务老人满意度", "≥90.00(%)"),
    ]
    inds = project.indicators()
    assert parts(inds[0]) == [("=", 2, "家")] and parts(inds[4]) == [("<=", 1080000, "元")]
    assert [i.category_raw for i in inds[:4]] == ["产出指标"] * 4
    assert [i.position.line for i in inds] == [11, 12, 13, 14, 15, 16, 18, 19]
    assert table.warnings == []
