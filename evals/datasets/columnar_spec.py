"""Hand-written spec of the columnar gold tables: what each file holds and what a careful reader extracts.

Every table is transcribed by hand from a source (a ``shared/examples`` excerpt or an example of
``shared/DOMAIN.md`` §4.2/§4.3); each indicator row carries the cells as printed *and* the reading
(normalised 一级, target parts) written by hand — never produced by the project's parser.
``build_columnar.py`` turns this module into the .xlsx/.docx/.html files and the gold JSON.

Reading conventions (as in ``shared/gold/README.md``, plus what columnar layouts need):
- ``value`` is the text of the 指标值 column as printed; the comparator and unit columns feed ``parts``.
- ``category`` is the 一级 normalised to 产出/效益/成本/满意度指标; the legacy 产出指标/成本指标 and the
  2019 广东 template's 预算(或投资规模)控制指标 (its cost 二级 under 产出) read as 成本指标.
- A date deadline ``2025年11月30日前`` is ``<= 20251130 日期``; a placeholder ``**`` is a part with
  ``value`` None and the unit as written; ``★`` is a core-indicator mark, not part of the name; a
  measure word 个 before a unit is dropped as in the seed gold (``5个百分点`` → ``百分点``).
- Goals are written into one cell without line breaks, so the gold goal is that cell's text.
- Table ``title`` and ``department`` (主管部门 / 预算单位) are informative only.
"""

from __future__ import annotations

from typing import Any


def P(op: str, value: float | None, unit: str | None = None, basis: str | None = None,
      high: float | None = None) -> dict[str, Any]:
    """One target part of the gold reading."""
    return {"op": op, "value": value, "high": high, "unit": unit, "basis": basis}


def R(l1: str, l2: str, name: str, value: str, cat: str, parts: list[dict[str, Any]] | None = None, **cells: str
      ) -> dict[str, Any]:
    """One indicator row: printed cells (``l1``, ``l2``, ``name``, ``value`` and any extra column by key)
    plus the hand-written reading ``cat`` and ``parts`` (None or [] means qualitative)."""
    return {"l1": l1, "l2": l2, "name": name, "value": value, "cat": cat, "parts": parts or [], **cells}


OUT, OUTCOME, COST, SAT = "产出指标", "效益指标", "成本指标", "满意度指标"

# --- 1. 上海普陀 拆违经费 (shared/examples/04): 申报表 form, one cell per line in the PDF; 成本指标 first.
PUTUO = {
    "id": "putuo_chaiwei_2026",
    "format": "xlsx",
    "source": "shared/examples/04_shanghai-putuo-cgzf-2026-pymupdf.txt（上海市普陀区城市管理行政执法局 2026 部门预算公开）",
    "layout": "申报表：表头字段块 + 一级/二级合并单元格的指标表，指标值列写作 =100.00(%)，成本指标在前",
    "title": "财政项目支出绩效目标申报表",
    "department": "普陀区城市管理行政执法局执法大队",
    "columns": [("一级指标", "l1"), ("二级指标", "l2"), ("三级指标", "name"), ("年度(/项目)指标值", "value")],
    "vmerge": ["l1", "l2"],
    "preamble": [["（2026年度）"]],
    "projects": [{
        "name": "拆违经费",
        "goal": "1.完成市、区相关部门下达的年度拆违任务。2.新增违建“零增长”，坚决做到“无增减存”。"
                "3.开展存量违建专项治理，快速降低违建点位数。4.开展普查数据平台“拆一件、销一项、存一档”目标管理。",
        "fields": [
            ["项目名称", "拆违经费", "项目性质", "阶段性项目"],
            ["项目类别", "特定目标类", "主管部门", "普陀区城市管理行政执法局执法大队"],
            ["实施单位", "上海市普陀区城市管理行政执法局执法大队", "计划开始日期", "2024-01-01"],
            ["计划完成日期", "2026-12-31", "项目资金总额（元）", "10,308,000.00"],
            ["年度资金申请总额（元）", "3,498,000.00", "其中：当年财政拨款", "3,498,000.00"],
            ["项目总体目标(2024年-2026年)",
             "1.完成市、区相关部门下达的年度拆违任务。2.新增违建“零增长”，坚决做到“无增减存”。"
             "3.开展存量违建专项治理，快速降低违建点位数。4.开展普查数据平台“拆一件、销一项、存一档”目标管理。"],
            ["年度总体目标", "@goal"],
        ],
        "rows": [
            R("成本指标", "经济成本指标", "成本控制合理性", "合理", COST),
            R("产出指标", "数量指标", "完成年度拆违计划", "=100.00(%)", OUT, [P("=", 100, "%")]),
            R("产出指标", "质量指标", "违法建筑销项正确率", "=100.00(%)", OUT, [P("=", 100, "%")]),
            R("产出指标", "时效指标", "新增违建处置率", "=100.00(%)", OUT, [P("=", 100, "%")]),
            R("效益指标", "社会效益指标", "群众政策知晓度", "≥90.00(%)", OUTCOME, [P(">=", 90, "%")]),
            R("效益指标", "生态效益指标", "提升城市环境美化指数", "提高", OUTCOME),
            R("效益指标", "可持续影响指标", "新增违建发生数", "降低", OUTCOME),
            R("满意度指标", "服务对象满意度\n指标", "群众满意度", "≥90.00(%)", SAT, [P(">=", 90, "%")]),
        ],
    }],
    "findings": [
        ("vague_target", "拆违经费", 1, 1),
        ("vague_target", "拆违经费", 1, 6),
        ("vague_target", "拆违经费", 1, 7),
    ],
}

# --- 2. 乌海 供销社 (shared/examples/08): web page, one row per indicator with 一级/二级 repeated,
# 指标性质/指标方向/目标值/计量单位/分值 columns. The excerpt stops after the 产出 rows (效益 cut off).
WUHAI = {
    "id": "wuhai_gongxiaoshe_2021",
    "format": "html",
    "source": "shared/examples/08_wuhai-gongxiaoshe-2021-columns.txt（乌海市供销合作社联合社 2021，网页）",
    "layout": "网页表格：每行重复一级/二级，指标性质/指标方向/目标值/计量单位/分值列；成本指标是产出下的二级；"
              "时间类目标值为 Excel 日期序列号 44,561；页面导航文字在表外；原摘录在效益指标处截断",
    "title": "再生资源回收市场管理经费项目绩效目标表",
    "department": "(433)乌海市供销合作社联合社(部门)",
    "chrome": ["当前位置: 首页 > 新闻资讯 > 数据统计", "再生资源回收市场管理经费项目绩效目标表",
               "发布时间:2022年09月12日 作者: 来源: 浏览次数:"],
    "columns": [("一级指标", "l1"), ("二级指标", "l2"), ("三级指标", "name"), ("指标性质", "nature"),
                ("指标方向", "cmp"), ("目标值", "value"), ("计量单位", "unit"), ("分值", "weight"),
                ("备注", "remark")],
    "frame": "绩效指标(权重分值90分,其中产出指标权重分值50分,效益指标权重分值30分,满意度指标权重分值10分)",
    "vmerge": [],
    "preamble": [["(2021年)"]],
    "projects": [{
        "name": "再生资源回收市场管理经费",
        "goal": "围绕国家关于建设节约型社会和发展循环经济的要求,在充分规范整合和利用现有再生资源回收渠道的基础上,"
                "合理布局,规范建设。达成以下目标: 目标1:聘用人员1人,出差8人 目标2:聘用人员在岗率100% "
                "目标3:2021年12月31日前完成 目标4:年度预算总金额3万元 目标5:促进资源循环和高效利用,改善城乡生态环境。",
        "fields": [
            ["项目名称", "再生资源回收市场管理经费"],
            ["项目类别", "(31)部门预算项目"],
            ["归口科室", "(08)经济贸易科"],
            ["主管部门", "(433)乌海市供销合作社联合社(部门)"],
            ["实施单位", "(433001)乌海市供销合作社联合社"],
            ["投入目标(万元)", "资金来源", "年初安排金额(万元)"],
            ["", "资金总额", "3"],
            ["", "其中: 财政拨款数", "3"],
            ["", "其他资金", "0"],
            ["年度目标", "@goal"],
        ],
        "rows": [
            R("产出指标", "数量指标", "出差人数", "8", OUT, [P("=", 8)], nature="正向", cmp="=", unit="", weight="4"),
            R("产出指标", "数量指标", "出差人次", "24", OUT, [P("=", 24, "人/次")], nature="正向", cmp="=",
              unit="人/次", weight="4"),
            R("产出指标", "质量指标", "工作任务完成率", "100", OUT, [P("=", 100, "%")], nature="正向", cmp="=",
              unit="%", weight="4"),
            R("产出指标", "时效指标", "项目财政资金到位时间", "44,561", OUT, [P("=", 44561, "44,561")],
              nature="正向", cmp="=", unit="44,561", weight="10"),
            R("产出指标", "时效指标", "财政资金到位及时支付率", "100", OUT, [P("=", 100, "%")], nature="正向",
              cmp="=", unit="%", weight="4"),
            R("产出指标", "时效指标", "工作计划按时完成时间", "44,561", OUT, [P("=", 44561, "44,561")],
              nature="正向", cmp="=", unit="44,561", weight="4"),
            R("产出指标", "成本指标", "出差单位成本", "0", COST, [P("=", 0, "万元/人")], nature="反向", cmp="=",
              unit="万元/人", weight="4"),
            R("产出指标", "成本指标", "出差总成本", "1", COST, [P("=", 1, "万元")], nature="反向", cmp="=",
              unit="万元", weight="4"),
            R("产出指标", "成本指标", "劳务人员总成本", "2", COST, [P("=", 2, "万元")], nature="反向", cmp="=",
              unit="万元", weight="4"),
            R("产出指标", "成本指标", "办公费总成本", "0", COST, [P("=", 0, "万元")], nature="反向", cmp="=",
              unit="万元", weight="4"),
            R("产出指标", "成本指标", "年度预算总成本", "3", COST, [P("=", 3, "万元")], nature="反向", cmp="=",
              unit="万元", weight="4"),
        ],
    }],
    "findings": [
        ("missing_unit", "再生资源回收市场管理经费", 1, 1),
        ("unit_mismatch", "再生资源回收市场管理经费", 1, 4),
        ("unit_mismatch", "再生资源回收市场管理经费", 1, 6),
        ("missing_outcome", "再生资源回收市场管理经费", None, None),
    ],
}

# --- 3. 东莞 交通 批复表 (shared/examples/13): two indicator blocks side by side (中期 | 年度), old
# 一级 names (预期产出指标, 效果指标). The excerpt's last row (可持续影响指标, no value) is cut off: omitted.
_DG = "镇际联网路升级改造工程一期"
DONGGUAN = {
    "id": "dongguan_jiaotong_2019",
    "format": "docx",
    "source": "shared/examples/13_dongguan-jiaotong-2019-pifu-dualcol.txt（东莞市交通运输局 2019 批复表，网页镜像）",
    "layout": "批复表：中期与年度两组指标左右并排，旧一级名称（预期产出指标/效果指标），一级与“绩效指标”框为纵向合并单元格",
    "title": "东莞市财政项目支出绩效目标批复表",
    "department": "东莞市交通运输局",
    "frame": "绩效指标",
    "columns": [("一级\n指标", "l1"), ("二级\n指标", "mid_l2"), ("三级\n指标", "mid_name"),
                ("指标值(或计划水平)", "mid_value"), ("二级\n指标", "l2"), ("三级\n指标", "name"),
                ("计划指标值(或计划水平)", "value")],
    "vmerge": ["l1"],
    "preamble": [["( 2019 年度)"], ["预算单位:东莞市交通运输局"]],
    "projects": [{
        "name": _DG,
        "goal": "督促勘察设计单位、咨询单位完成勘察设计费、审查咨询费结算532万元,以及茶山、常平镇街完成3个项目补助尾款结算387万元。",
        "fields": [
            ["项目名称", _DG, "中期市财政预算(万元)", "284500.00", "本年度申请市财政预算资金(万元)", "919.00"],
            ["总体目标", "中期滚动目标(2019年--2021年)", "", "", "年度目标"],
            ["", "新建或改造道路,共29个项目,规划里程169公里。", "", "", "@goal"],
        ],
        "rows": [
            R("预期产出指标", "数量指标(或建筑规模指标)", "镇街补助款完成结算项目数", "3", OUT, [P("=", 3)],
              mid_l2="数量指标(或建筑规模指标)", mid_name="镇街补助款完成结算项目数", mid_value="3"),
            R("预期产出指标", "质量指标", "补助款结算误差率", "±3%以内", OUT, [P("range", -3, "%", high=3)],
              mid_l2="质量指标", mid_name="补助款结算误差率", mid_value="±3%以内"),
            R("预期产出指标", "时效指标(工期指标、形象进度指标)", "结算款支付及时性", "及时", OUT,
              mid_l2="时效指标(工期指标)", mid_name="结算款支付及时性", mid_value="及时"),
            R("预期产出指标", "预算(或投资规模)控制指标", "年度预算执行率", "≥90%", COST, [P(">=", 90, "%")],
              mid_l2="预算(或投资规模)控制指标", mid_name="年度预算执行率", mid_value="≥90%"),
            R("效果指标", "社会、经济、生态效益 指标", "补助款结算争议率", "0%", OUTCOME, [P("=", 0, "%")],
              mid_l2="社会、经济、生态效益 指标", mid_name="补助款结算争议率", mid_value="0%"),
        ],
    }],
    "findings": [
        ("missing_unit", _DG, 1, 1),
        ("vague_target", _DG, 1, 3),
    ],
}

# --- 4. 101号 layout, national-system columns (计算符号/指标值/计量单位/设定依据/数据来源), merged 一级/二级,
# one project per sheet. Built from DOMAIN.md §4.2's "good" Training, IT operations and Subsidy examples
# (where §4.2 gives no number, e.g. 运维服务费 ≤ 合同价 or the number of systems, a number was chosen).
_COLS_101 = [("一级指标", "l1"), ("二级指标", "l2"), ("三级指标", "name"), ("计算符号", "cmp"), ("指标值", "value"),
             ("计量单位", "unit"), ("指标值设定依据", "basis"), ("数据来源", "source")]


def N(l1: str, l2: str, name: str, cmp: str, value: str, unit: str, cat: str, parts: list[dict[str, Any]],
      basis: str = "计划标准", source: str = "项目台账") -> dict[str, Any]:
    """A national-layout row: comparator, value and unit in their own columns."""
    return R(l1, l2, name, value, cat, parts, cmp=cmp, unit=unit, basis=basis, source=source)


NATIONAL = {
    "id": "national_101_good",
    "format": "xlsx",
    "source": "DOMAIN.md §4.2 构造示例（Training / IT operations / Subsidy 的 Good 列），按一体化系统列布局转写",
    "layout": "101号布局（成本指标为一级），一体化系统列：计算符号/指标值/计量单位/指标值设定依据/数据来源；"
              "一级、二级纵向合并；每个项目一个工作表",
    "title": "项目支出绩效目标表",
    "department": "示例市财政局（构造）",
    "columns": _COLS_101,
    "vmerge": ["l1", "l2"],
    "sheet_per_project": True,
    "projects": [
        {
            "name": "干部业务能力提升培训",
            "goal": "全年举办干部业务培训，参训600人次，结业考核合格率不低于95%，提升干部岗位技能。",
            "fields": [["项目名称", "干部业务能力提升培训"], ["年度资金（万元）", "54"], ["年度绩效目标", "@goal"]],
            "rows": [
                N("产出指标", "数量指标", "培训人次", "≥", "600", "人次", OUT, [P(">=", 600, "人次")]),
                N("产出指标", "质量指标", "结业考核合格率", "≥", "95", "%", OUT, [P(">=", 95, "%")]),
                N("产出指标", "时效指标", "全部培训完成时间", "≤", "2025年11月30日前", "", OUT,
                  [P("<=", 20251130, "日期")]),
                N("成本指标", "经济成本指标", "人均培训成本", "≤", "900", "元/人", COST, [P("<=", 900, "元/人")],
                  basis="预算支出标准"),
                N("效益指标", "社会效益指标", "参训人员岗位技能测评平均分较训前提高", "≥", "10", "分", OUTCOME,
                  [P(">=", 10, "分")], source="训前训后测评记录"),
                N("满意度指标", "服务对象满意度指标", "参训人员满意度", "≥", "90", "%", SAT, [P(">=", 90, "%")],
                  basis="历史标准", source="问卷调查"),
            ],
        },
        {
            "name": "政务信息系统运维服务",
            "goal": "保障12套政务信息系统全年稳定运行，系统可用率不低于99.5%，不发生重大网络安全事件。",
            "fields": [["项目名称", "政务信息系统运维服务"], ["年度资金（万元）", "180"], ["年度绩效目标", "@goal"]],
            "rows": [
                N("产出指标", "数量指标", "运维信息系统数", "=", "12", "套", OUT, [P("=", 12, "套")]),
                N("产出指标", "质量指标", "系统可用率", "≥", "99.5", "%", OUT, [P(">=", 99.5, "%")],
                  basis="行业标准", source="运维监控报告"),
                N("产出指标", "时效指标", "故障平均修复时长", "≤", "4", "小时", OUT, [P("<=", 4, "小时")],
                  source="运维工单"),
                N("成本指标", "经济成本指标", "运维服务费", "≤", "180", "万元", COST, [P("<=", 180, "万元")],
                  basis="预算支出标准", source="合同及支付凭证"),
                N("效益指标", "可持续影响指标", "重大网络安全事件", "=", "0", "起", OUTCOME, [P("=", 0, "起")],
                  basis="行业标准", source="安全事件台账"),
                N("满意度指标", "服务对象满意度指标", "用户满意度", "≥", "90", "%", SAT, [P(">=", 90, "%")],
                  basis="历史标准", source="问卷调查"),
            ],
        },
        {
            "name": "困难群众生活补贴发放",
            "goal": "按月足额发放困难群众生活补贴，保障12000名困难群众基本生活。",
            "fields": [["项目名称", "困难群众生活补贴发放"], ["年度资金（万元）", "7200"], ["年度绩效目标", "@goal"]],
            "rows": [
                N("产出指标", "数量指标", "补贴对象人数", "=", "12,000", "人", OUT, [P("=", 12000, "人")]),
                N("产出指标", "质量指标", "发放准确率", "=", "100", "%", OUT, [P("=", 100, "%")]),
                N("产出指标", "时效指标", "补贴发放及时率（每月15日前）", "=", "100", "%", OUT, [P("=", 100, "%")]),
                N("成本指标", "经济成本指标", "补助标准", "=", "500", "元/人·月", COST, [P("=", 500, "元/人·月")],
                  basis="预算支出标准", source="补助政策文件"),
                N("效益指标", "社会效益指标", "困难群众基本生活保障覆盖率", "=", "100", "%", OUTCOME,
                  [P("=", 100, "%")], source="民政统计"),
                N("满意度指标", "服务对象满意度指标", "受助对象满意度", "≥", "90", "%", SAT, [P(">=", 90, "%")],
                  basis="历史标准", source="问卷调查"),
            ],
        },
    ],
    "findings": [],
}

# --- 5. Legacy layout (88号/10号, pre-2021 local templates): 成本 as a 二级 under 产出, 环境效益 and
# 社会公众或服务对象满意度指标 names, value and unit in one 指标值 cell, hierarchy labels only on a group's
# first row. Good rows from DOMAIN.md §4.2 Construction/Publicity; bad projects from the §4.2 "Bad"
# column and §3's lexicon.
LEGACY = {
    "id": "legacy_good_bad",
    "format": "docx",
    "source": "DOMAIN.md §4.2 构造示例（Construction/Publicity 的 Good 列，五类 Bad 列）与 §3 词表，按旧版布局转写",
    "layout": "旧版布局：成本指标为产出下的二级，环境效益指标，社会公众或服务对象满意度指标；指标值与单位写在同一格；"
              "层级标签只写在每组第一行；一份文档多个项目（每个项目一张表）",
    "title": "项目支出绩效目标申报表（旧版格式）",
    "department": "示例县财政局（构造）",
    "columns": [("一级指标", "l1"), ("二级指标", "l2"), ("三级指标", "name"), ("指标值", "value")],
    "vmerge": [],
    "blank_repeats": ["l1", "l2"],
    "projects": [
        {
            "name": "镇村道路新建工程",
            "goal": "新建镇村道路3.2公里，年内竣工验收合格，改善沿线8000名群众出行条件。",
            "fields": [["项目名称", "镇村道路新建工程"], ["年度资金（万元）", "1440"], ["年度绩效目标", "@goal"]],
            "rows": [
                R("产出指标", "数量指标", "新建道路里程", "≥3.2km", OUT, [P(">=", 3.2, "km")]),
                R("产出指标", "质量指标", "竣工验收合格率", "=100%", OUT, [P("=", 100, "%")]),
                R("产出指标", "时效指标", "完工时间", "2025年10月31日前", OUT, [P("<=", 20251031, "日期")]),
                R("产出指标", "成本指标", "单位造价", "≤450万元/km", COST, [P("<=", 450, "万元/km")]),
                R("效益指标", "社会效益指标", "沿线受益人口", "≥8000人", OUTCOME, [P(">=", 8000, "人")]),
                R("效益指标", "环境效益指标", "施工期扬尘污染投诉次数", "≤2次", OUTCOME, [P("<=", 2, "次")]),
                R("效益指标", "可持续影响指标", "设计使用年限", "≥15年", OUTCOME, [P(">=", 15, "年")]),
                R("满意度指标", "社会公众或服务对象满意度指标", "受益群众满意度", "≥90%", SAT, [P(">=", 90, "%")]),
            ],
        },
        {
            "name": "惠企政策宣传",
            "goal": "全年开展惠企政策宣传活动12场，覆盖2万人次，政策知晓率较上年提高5个百分点。",
            "fields": [["项目名称", "惠企政策宣传"], ["年度资金（万元）", "24"], ["年度绩效目标", "@goal"]],
            "rows": [
                R("产出指标", "数量指标", "宣传活动场次", "≥12场", OUT, [P(">=", 12, "场")]),
                R("产出指标", "质量指标", "宣传内容审核通过率", "=100%", OUT, [P("=", 100, "%")]),
                R("产出指标", "成本指标", "单场活动成本", "≤2万元/场", COST, [P("<=", 2, "万元/场")]),
                R("效益指标", "社会效益指标", "宣传覆盖人次", "≥20000人次", OUTCOME, [P(">=", 20000, "人次")]),
                R("效益指标", "社会效益指标", "政策知晓率较上年提高", "≥5个百分点", OUTCOME, [P(">=", 5, "百分点")]),
                R("满意度指标", "社会公众或服务对象满意度指标", "受众满意度", "≥85%", SAT, [P(">=", 85, "%")]),
            ],
        },
        {
            "name": "干部业务培训",
            "goal": "提高干部业务能力。",
            "fields": [["项目名称", "干部业务培训"], ["年度资金（万元）", "30"], ["年度绩效目标", "@goal"]],
            "rows": [
                R("产出指标", "数量指标", "培训工作", "完成", OUT),
                R("产出指标", "质量指标", "提高干部业务能力", "明显提升", OUT),
                R("效益指标", "社会效益指标", "培训效果", "良好", OUTCOME),
                R("满意度指标", "社会公众或服务对象满意度指标", "参训人员满意度", "满意", SAT),
            ],
        },
        {
            "name": "信息系统运行维护",
            "goal": "保障系统稳定运行。",
            "fields": [["项目名称", "信息系统运行维护"], ["年度资金（万元）", "60"], ["年度绩效目标", "@goal"]],
            "rows": [
                R("产出指标", "质量指标", "保障系统稳定运行", "良好", OUT),
                R("效益指标", "可持续影响指标", "系统安全", "确保安全", OUTCOME),
            ],
        },
        {
            "name": "困难群众补贴发放",
            "goal": "及时足额发放补贴。",
            "fields": [["项目名称", "困难群众补贴发放"], ["年度资金（万元）", "600"], ["年度绩效目标", "@goal"]],
            "rows": [
                R("产出指标", "数量指标", "及时足额发放补贴", "是", OUT),
                R("产出指标", "数量指标", "发放对象", "12000", OUT, [P("=", 12000)]),
                R("效益指标", "社会效益指标", "惠及困难群众", "600万", OUTCOME, [P("=", 600, "万")]),
            ],
        },
        {
            "name": "道路建设",
            "goal": "完成道路建设。",
            "fields": [["项目名称", "道路建设"], ["年度资金（万元）", "1500"], ["年度绩效目标", "@goal"]],
            "rows": [
                R("产出指标", "数量指标", "完成道路建设", "完成", OUT),
                R("产出指标", "数量指标", "新建道路及路灯", "3.2公里，路灯120盏", OUT,
                  [P("=", 3.2, "公里"), P("=", 120, "盏")]),
            ],
        },
        {
            "name": "政策宣传",
            "goal": "营造良好政策氛围。",
            "fields": [["项目名称", "政策宣传"], ["年度资金（万元）", "20"], ["年度绩效目标", "@goal"]],
            "rows": [
                R("产出指标", "数量指标", "宣传活动场次", "12场", OUT, [P("=", 12, "场")]),
                R("产出指标", "质量指标", "宣传活动场次", "100%", OUT, [P("=", 100, "%")]),
                R("效益指标", "社会效益指标", "营造良好氛围", "效果明显", OUTCOME),
                R("效益指标", "社会效益指标", "开展宣传进社区活动", "8场", OUTCOME, [P("=", 8, "场")]),
            ],
        },
    ],
    "findings": [
        ("vague_target", "干部业务培训", 1, 1),
        ("vague_target", "干部业务培训", 1, 2),
        ("vague_target", "干部业务培训", 1, 3),
        ("vague_target", "干部业务培训", 1, 4),
        ("missing_cost", "干部业务培训", None, None),
        ("vague_target", "信息系统运行维护", 1, 1),
        ("vague_target", "信息系统运行维护", 1, 2),
        ("missing_cost", "信息系统运行维护", None, None),
        ("vague_target", "困难群众补贴发放", 1, 1),
        ("missing_unit", "困难群众补贴发放", 1, 2),
        ("ambiguous_unit", "困难群众补贴发放", 1, 3),
        ("missing_cost", "困难群众补贴发放", None, None),
        ("vague_target", "道路建设", 1, 1),
        ("compound_target", "道路建设", 1, 2),
        ("missing_outcome", "道路建设", None, None),
        ("missing_cost", "道路建设", None, None),
        ("unit_mismatch", "政策宣传", 1, 2),
        ("vague_target", "政策宣传", 1, 3),
        ("category_mismatch", "政策宣传", 1, 4),
        ("duplicate_name", "政策宣传", None, None),
        ("missing_cost", "政策宣传", None, None),
    ],
}

# --- 6. Reference template with placeholders (DOMAIN.md §4.2 "seen in sources": 困难群众救助 template with ★
# core indicators and values left for the unit to fill), plus a partly filled project of the same kind.
TEMPLATE = {
    "id": "template_placeholders",
    "format": "html",
    "source": "DOMAIN.md §4.2 所见参考模板（困难群众救助，★核心指标，指标值留空待填）与同类构造项目",
    "layout": "参考模板：★标记核心指标，指标值写作 ≥**人、≥**%、≥**元/人·月 的占位符；一级、二级用 rowspan 合并",
    "title": "绩效目标申报表参考模板（困难群众救助）",
    "department": "示例区民政局（构造）",
    "columns": [("一级指标", "l1"), ("二级指标", "l2"), ("三级指标", "name"), ("指标值", "value")],
    "vmerge": ["l1", "l2"],
    "projects": [
        {
            "name": "困难群众救助补助资金",
            "goal": "保障城乡低保对象、特困人员、孤儿和流浪乞讨人员基本生活。",
            "fields": [["项目名称", "困难群众救助补助资金"], ["年度绩效目标", "@goal"]],
            "rows": [
                R("产出指标", "数量指标", "★农村低保发放人数", "≥**人", OUT, [P(">=", None, "人")]),
                R("产出指标", "数量指标", "★城市低保发放人数", "≥**人", OUT, [P(">=", None, "人")]),
                R("产出指标", "质量指标", "流浪乞讨人员救助服务保障率", "≥**%", OUT, [P(">=", None, "%")]),
                R("产出指标", "质量指标", "生活不能自理特困人员集中供养率", "≥**%", OUT, [P(">=", None, "%")]),
                R("成本指标", "经济成本指标", "★农村低保标准", "≥**元/人·月", COST, [P(">=", None, "元/人·月")]),
                R("成本指标", "经济成本指标", "孤儿基本生活保障标准", "≥**元/人·月", COST,
                  [P(">=", None, "元/人·月")]),
                R("效益指标", "社会效益指标", "政策知晓率", "≥**%", OUTCOME, [P(">=", None, "%")]),
                R("满意度指标", "服务对象满意度指标", "受助对象满意度", "≥**%", SAT, [P(">=", None, "%")]),
            ],
        },
        {
            "name": "残疾人两项补贴",
            "goal": "按月发放困难残疾人生活补贴和重度残疾人护理补贴。",
            "fields": [["项目名称", "残疾人两项补贴"], ["年度绩效目标", "@goal"]],
            "rows": [
                R("产出指标", "数量指标", "困难残疾人生活补贴发放人数", "≥**人", OUT, [P(">=", None, "人")]),
                R("产出指标", "数量指标", "重度残疾人护理补贴发放人数", "≥**人", OUT, [P(">=", None, "人")]),
                R("产出指标", "质量指标", "补贴发放准确率", "=100%", OUT, [P("=", 100, "%")]),
                R("产出指标", "时效指标", "补贴按月发放率", "=100%", OUT, [P("=", 100, "%")]),
                R("成本指标", "经济成本指标", "困难残疾人生活补贴标准", "≥**元/人·月", COST,
                  [P(">=", None, "元/人·月")]),
                R("效益指标", "社会效益指标", "残疾人生活质量", "进一步改善", OUTCOME),
                R("满意度指标", "服务对象满意度指标", "受助对象满意度", "≥90%", SAT, [P(">=", 90, "%")]),
            ],
        },
    ],
    "findings": [
        ("vague_target", "残疾人两项补贴", 1, 6),
    ],
}

TABLES: list[dict[str, Any]] = [PUTUO, WUHAI, DONGGUAN, NATIONAL, LEGACY, TEMPLATE]
