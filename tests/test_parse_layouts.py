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
    assert kinds(table, "empty_category") == ["经济效益指标", "生态效益指标", "可持续影响指标"]
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


@pytest.mark.parametrize("name", sorted(p.name for p in LAYOUTS.iterdir()))
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


def test_04_word_cells_run_together_after_a_cost_table():
    table = read_path(LAYOUTS / "04_word_runtogether.txt")
    [project] = table.projects
    assert table.title == "项目支出绩效目标表"
    assert project.name == "空气质量微型监测站建设" and project.department == "某县生态环境分局"
    assert rows(project) == [
        (OUT, "数量指标", "新建微型监测站数量", "12个"),
        (OUT, "质量指标", "监测数据有效率", "≥95%"),
        (OUT, "时效指标", "监测站建成时间", "2025年6月底前"),
        (COST, "经济成本指标", "单站建设成本", "≤1.1万元"),
        (OUTCOME, "生态效益指标", "空气质量优良天数比例", "292%"),
        (SAT, "服务对象满意度指标", "周边群众满意度", "≥85%"),
    ]
    inds = project.indicators()
    assert inds[0].explanation == "反映本年度新建空气质量微型监测站的数量"
    assert parts(inds[4]) == [("=", 292, "%")]
    assert kinds(table, "funds_table") == ["项目成本测算表", "序号成本项目数量单价（元）金额（万元）",
                                           "1监测设备购置12台8500010.2", "2设备运维服务1年300003", "合计13.2"]
    assert kinds(table, "unplaced_text") == []


def test_05_prose_notice_and_budget_explanation():
    table = read_path(LAYOUTS / "05_prose.txt")
    first, second = table.projects
    assert first.name == "城区绿化提升工程" and second.name == "政务服务热线升级"
    assert rows(first) == [
        (OUT, "数量指标", "新植乔木数量(≥**株)", ">=17600株"),
        (OUT, "质量指标", "苗木成活率(≥**%)", ">=95%"),
        (OUT, "时效指标", "栽植完成时间", "<=2025年4月30日"),
        (SAT, "服务对象满意度指标", "周边居民满意度", ">=90%"),
    ]
    assert first.indicators()[0].core is True
    assert parts(first.indicators()[2]) == [("<=", 20250430, "日期")]
    assert rows(second) == [
        (OUT, "数量指标", "开通业务月份", "≥1个月"),
        (OUT, "时效指标", "资金支付及时率", "≥95%"),
        (OUTCOME, "社会效益指标", "热线接通率", "≥90%"),
        (SAT, "服务对象满意度指标", "来电群众满意度", "≥85%"),
    ]
    assert [i.position.line for i in second.indicators()] == [9, 9, 10, 10]
    assert kinds(table, "unplaced_text") == ["关于下达2025年城区绿化提升专项资金的通知", "各街道办事处：",
                                             "为推进城区绿化提升工作，现将专项资金下达给你们，并明确绩效目标如下。",
                                             "绩效目标", "请各单位加强资金管理，确保专款专用。", "预算说明"]
    assert second.indicators()[0].subcategory_raw == "设1条数量指标"


def test_07_direction_glued_to_per_area_values():
    table = read_path(LAYOUTS / "07_direction_glued.txt")
    [project] = table.projects
    assert rows(project) == [
        (COST, "经济成本指标", "人均月补贴标准", "0.2万元"),
        (OUT, "数量指标", "新建就业帮扶基地数", "1"),
        (OUT, "数量指标", "新开发公益性岗位数", ""),
        (OUT, "质量指标", "补贴按标准发放比例", "100%"),
        (OUT, "时效指标", "补贴是否按月发放", "是"),
        (OUTCOME, "社会效益指标", "岗位人员按时足额领取补贴", "东城区：是；西城区：否"),
        (SAT, "服务对象满意度指标", "岗位人员满意度", "90%"),
    ]
    inds = project.indicators()
    assert [i.comparator for i in inds] == ["≤", "≥", "≥", "≤", "=", "=", "≥"]
    assert parts(inds[0]) == [("<=", 0.2, "万元")] and parts(inds[1]) == [(">=", 1, None)]
    assert inds[2].target.kind == "missing"
    [unsplit] = [w for w in table.warnings if w.kind == "extra_column"]
    assert unsplit.text.endswith("≥120150") and unsplit.line == 7


@pytest.mark.parametrize("line", [
    "项目名称：城区绿化养护 主管部门：某区城市管理局",
    "项目名称 城区绿化养护  主管部门 某区城市管理局",
    "项目名称：城区绿化养护    主管部门：某区城市管理局",
    "项目名称\t城区绿化养护（主管部门：某区城市管理局）",
])
def test_project_name_stops_at_the_next_label(line):
    from assistant.parse import read_text

    sep = "\t" if "\t" in line else " "
    rows = [line, sep.join(["一级指标", "二级指标", "三级指标", "指标值"]),
            sep.join(["产出指标", "数量指标", "养护面积", "≥120万平方米"])]
    [project] = read_text("\n".join(rows)).projects
    assert project.name == "城区绿化养护" and project.department == "某区城市管理局"


def test_a_name_with_a_space_inside_stays_whole():
    from assistant.parse import read_text

    text = "项目名称\t城区道路 养护资金补助\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t养护面积\t≥120万平方米"
    assert read_text(text).projects[0].name == "城区道路 养护资金补助"


def test_header_words_split_over_cells_in_one_cell_per_line_text():
    from assistant.parse import read_text

    cells = ["项目名称", "乡村道路养护", "一级", "指标", "二级", "指标", "三级", "指标", "指标值", "产出指标", "数量指标",
             "养护里程", "≥320公里", "满意度", "指标", "服务对象满意度", "指标", "沿线群众满意度", "≥90%"]
    table = read_text("\n\n".join(cells))
    [project] = table.projects
    assert rows(project) == [(OUT, "数量指标", "养护里程", "≥320公里"),
                             (SAT, "服务对象满意度指标", "沿线群众满意度", "≥90%")]
    assert table.warnings == []


def test_run_together_header_after_a_frame_label_and_units_outside_the_list():
    from assistant.parse import read_text

    text = "\n".join(["项目名称城区照明维护", "绩效指标一级指标二级指标三级指标指标值", "产出指标数量指标维护路灯数量≥5200盏",
                      "质量指标路灯亮灯率98%", "时效指标故障修复时间24小时以内", "满意度指标服务对象满意度指标市民满意度≥90%"])
    [project] = read_text(text).projects
    assert project.name == "城区照明维护"
    assert rows(project) == [(OUT, "数量指标", "维护路灯数量", "≥5200盏"), (OUT, "质量指标", "路灯亮灯率", "98%"),
                             (OUT, "时效指标", "故障修复时间", "24小时以内"),
                             (SAT, "服务对象满意度指标", "市民满意度", "≥90%")]


def test_11b_labels_drifting_below_and_an_amount_without_unit():
    table = read_path(LAYOUTS / "11b_shanghai_drift_below.txt")
    [project] = table.projects
    assert project.name == "中小学生课后服务补助"
    assert rows(project) == [
        (OUT, "数量指标", "参与课后服务学生人数", "≥12000(人)"),
        (OUT, "数量指标", "开设课后服务学校数", "=36(所)"),
        (OUT, "数量指标", "课后服务课程门类", "≥8(类)"),
        (OUT, "质量指标", "课后服务安全事故发生率", "=0(%)"),
        (OUT, "时效指标", "补助资金拨付及时率", "≥95.00(%)"),
        (OUTCOME, "社会效益指标", "家长接送负担减轻程度", "明显减轻"),
        (SAT, "服务对象满意度指标", "学生家长满意度", "≥90.00(%)"),
    ]
    assert project.amount == 1800000
    assert project.fields["金额换算"] == ("年度资金申请总额：1,800,000.00 未注明单位，按万元读取；若单位为元，则为 180万元，"
                                         "请核对。")
    assert table.warnings == []


def test_04b_run_together_explanations_without_fanying():
    table = read_path(LAYOUTS / "04b_word_explanations.txt")
    [project] = table.projects
    assert project.name == "基层干部能力提升培训"
    assert rows(project) == [
        (OUT, "数量指标", "培训人次", "≥500人次"),
        (OUT, "质量指标", "培训考核合格率", "≥95%"),
        (OUT, "时效指标", "培训完成时间", "2025年11月底前"),
        (OUTCOME, "社会效益指标", "参训干部履职能力提升", "明显提升"),
        (SAT, "服务对象满意度指标", "参训学员满意度", "≥90%"),
    ]
    assert project.indicators()[2].explanation == "指全部培训班次结束的时间"
    assert kinds(table, "funds_table")[:2] == ["经费预算明细表", "支出内容数量标准金额（万元）"]
    assert project.confidence == 1.0
