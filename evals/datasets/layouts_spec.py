"""Hand-written gold for the published layouts of issue 12 (``evals/datasets/layouts``): what a careful
reader extracts from each file. Written from the files' text, never from the parser's output.

Conventions as in ``columnar_spec.py``: ``value`` is the 指标值 as printed; a comparator column feeds the
parts; ``2025年10月底前`` is ``<= 20251031 日期``; a value cell holding only a unit or ``≧ %`` is a
placeholder part (value None); per-area values are one part per area. Where the printed text cannot be
read with certainty (``≥120150`` for two areas), the gold holds what the table means (120 and 150), so a
reader that leaves the value empty scores that row wrong.
"""

from __future__ import annotations

from typing import Any

OUT, OUTCOME, COST, SAT = "产出指标", "效益指标", "成本指标", "满意度指标"


def P(op: str, value: float | None, unit: str | None = None, high: float | None = None) -> dict[str, Any]:
    return {"op": op, "value": value, "high": high, "unit": unit, "basis": None}


def I(cat: str, name: str, value: str, parts: list[dict[str, Any]] | None = None) -> dict[str, Any]:  # noqa: E743
    return {"category": cat, "name": name, "value": value, "parts": parts or []}


def project(name: str, goal: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {"name": name, "goal": goal, "rows": rows}


PCT = "%"
TOWNS = ["城关镇", "河口镇", "青山镇", "白沙镇", "石门镇", "龙潭镇", "清水镇"]
PDF_ROWS = [
    I(OUT, "医养结合签约老年人数", "≥3000人", [P(">=", 3000, "人")]),
    I(OUT, "上门巡诊服务人次", "≥12000人次", [P(">=", 12000, "人次")]),
    I(OUT, "签约老年人健康档案建档率", "100%", [P("=", 100, PCT)]),
    I(OUT, "补助资金拨付时间", "2025年12月31日前", [P("<=", 20251231, "日期")]),
    I(COST, "人均签约服务补助", "≤1400元", [P("<=", 1400, "元")]),
    I(OUTCOME, "失能老人照护负担减轻", "明显减轻"),
    I(OUTCOME, "医养结合服务网点覆盖率", "≥80%", [P(">=", 80, PCT)]),
    I(SAT, "签约老年人满意度", "≥90%", [P(">=", 90, PCT)]),
]

TABLES: dict[str, dict[str, Any]] = {
    "01_blank_lines.txt": {"layout": "1 一格一行，格间空行，二级名称折成两格", "projects": [project(
        "农村饮水安全工程维修养护", "完成全县45处农村集中供水工程维修养护，保障3.2万农村人口饮水安全。", [
            I(OUT, "维修供水工程处数", "≥45处", [P(">=", 45, "处")]),
            I(OUT, "维修工程验收合格率", "100%", [P("=", 100, PCT)]),
            I(OUT, "维修任务完成时间", "2025年10月底前", [P("<=", 20251031, "日期")]),
            I(COST, "单处维修平均成本", "≤2.5万元", [P("<=", 2.5, "万元")]),
            I(OUTCOME, "减少群众购水支出", "≥30万元", [P(">=", 30, "万元")]),
            I(OUTCOME, "保障农村饮水人口", "≥3.2万人", [P(">=", 3.2, "万人")]),
            I(SAT, "受益群众满意度", "≥90%", [P(">=", 90, PCT)])])]},
    "02_pipe_cells.txt": {"layout": "2 每格一行以 | 结尾，行尾 |||，页面导航与填表人页脚", "projects": [project(
        "老年人助餐服务补贴", "为辖区60周岁以上老年人提供助餐服务，全年助餐不少于12万人次。", [
            I(OUT, "助餐服务人次", "≥12万人次", [P(">=", 12, "万人次")]),
            I(OUT, "助餐点食品安全检查合格率", "100%", [P("=", 100, PCT)]),
            I(OUT, "补贴发放及时率", "≥95%", [P(">=", 95, PCT)]),
            I(OUTCOME, "老年人就餐便利度", "明显提升"),
            I(SAT, "就餐老年人满意度", "≥90%", [P(">=", 90, PCT)])])]},
    "03_extractor.json": {"layout": "3 PDF 表格提取器的行列表 JSON", "projects": [project(
        "城市道路桥梁定期检测", "完成城区86座桥梁定期检测，及时发现并处置病害，保障桥梁通行安全。", [
            I(OUT, "桥梁定期检测座数", "86座", [P("=", 86, "座")]),
            I(OUT, "检测报告合格率", "100%", [P("=", 100, PCT)]),
            I(OUT, "检测完成时间", "2025年9月30日前", [P("<=", 20250930, "日期")]),
            I(COST, "单座桥梁检测费用", "≤1.8万元", [P("<=", 1.8, "万元")]),
            I(COST, "检测作业单座占道时长", "≤2小时", [P("<=", 2, "小时")]),
            I(OUTCOME, "桥梁安全事故发生数", "0起", [P("=", 0, "起")]),
            I(OUTCOME, "桥梁技术状况评定一、二类比例", "≥85%", [P(">=", 85, PCT)]),
            I(SAT, "市民满意度", "≥90%", [P(">=", 90, PCT)])])]},
    "04_word_runtogether.txt": {"layout": "4 Word 文本，单元格连写无分隔，前有成本测算表", "projects": [project(
        "空气质量微型监测站建设", "", [
            I(OUT, "新建微型监测站数量", "12个", [P("=", 12, "个")]),
            I(OUT, "监测数据有效率", "≥95%", [P(">=", 95, PCT)]),
            I(OUT, "监测站建成时间", "2025年6月底前", [P("<=", 20250630, "日期")]),
            I(COST, "单站建设成本", "≤1.1万元", [P("<=", 1.1, "万元")]),
            I(OUTCOME, "空气质量优良天数比例", "292%", [P("=", 292, PCT)]),
            I(SAT, "周边群众满意度", "≥85%", [P(">=", 85, PCT)])])]},
    "04b_word_explanations.txt": {"layout": "4 变体：连写文本的指标说明不以“反映”开头，前有经费预算明细表", "projects": [project(
        "基层干部能力提升培训", "", [
            I(OUT, "培训人次", "≥500人次", [P(">=", 500, "人次")]),
            I(OUT, "培训考核合格率", "≥95%", [P(">=", 95, PCT)]),
            I(OUT, "培训完成时间", "2025年11月底前", [P("<=", 20251130, "日期")]),
            I(OUTCOME, "参训干部履职能力提升", "明显提升"),
            I(SAT, "参训学员满意度", "≥90%", [P(">=", 90, PCT)])])]},
    "05_prose.txt": {"layout": "5 通知正文与预算说明中的文字指标，PDF 硬换行", "projects": [
        project("城区绿化提升工程", "", [
            I(OUT, "新植乔木数量(≥**株)", ">=17600株", [P(">=", 17600, "株")]),
            I(OUT, "苗木成活率(≥**%)", ">=95%", [P(">=", 95, PCT)]),
            I(OUT, "栽植完成时间", "<=2025年4月30日", [P("<=", 20250430, "日期")]),
            I(SAT, "周边居民满意度", ">=90%", [P(">=", 90, PCT)])]),
        project("政务服务热线升级", "", [
            I(OUT, "开通业务月份", "≥1个月", [P(">=", 1, "月")]),
            I(OUT, "资金支付及时率", "≥95%", [P(">=", 95, PCT)]),
            I(OUTCOME, "热线接通率", "≥90%", [P(">=", 90, PCT)]),
            I(SAT, "来电群众满意度", "≥85%", [P(">=", 85, PCT)])])]},
    "06_per_site.txt": {"layout": "6 每个乡镇一列指标值，另有指标解释列，前有资金安排表", "projects": [project(
        "农村人居环境整治奖补", "", [
            I(OUT, "改造农村户厕数", "；".join(f"{t}：{n}户" for t, n in zip(TOWNS, [120, 90, 75, 70, 60, 55, 50],
                                                                              strict=True)),
              [P("=", n, "户") for n in (120, 90, 75, 70, 60, 55, 50)]),
            I(OUT, "户厕改造验收合格率", "≥95%", [P(">=", 95, PCT)]),
            I(COST, "户均改厕补助", "≤0.4万元", [P("<=", 0.4, "万元")]),
            I(OUTCOME, "生活污水乱排乱放减少", "明显减少"),
            I(SAT, "受益农户满意度", "≥90%", [P(">=", 90, PCT)])])]},
    "07_direction_glued.txt": {"layout": "7 连写文本，指标方向与各区数值粘连", "projects": [project(
        "城乡公益性岗位补贴", "", [
            I(COST, "人均月补贴标准", "0.2万元", [P("<=", 0.2, "万元")]),
            I(OUT, "新建就业帮扶基地数", "1", [P(">=", 1)]),
            I(OUT, "新开发公益性岗位数", "东城区：120；西城区：150", [P(">=", 120), P(">=", 150)]),
            I(OUT, "补贴按标准发放比例", "100%", [P("<=", 100, PCT)]),
            I(OUT, "补贴是否按月发放", "是"),
            I(OUTCOME, "岗位人员按时足额领取补贴", "东城区：是；西城区：否"),
            I(SAT, "岗位人员满意度", "90%", [P(">=", 90, PCT)])])]},
    "08_narrative_pipe.txt": {"layout": "8 部门预算正文中的表格，一格一行加 | 行，≧ 号", "projects": [project(
        "中小学校舍维修改造", "完成8所学校校舍维修改造，消除校舍安全隐患。", [
            I(OUT, "维修改造学校数量", "≧8所", [P(">=", 8, "所")]),
            I(OUT, "工程竣工验收合格率", "≧98%", [P(">=", 98, PCT)]),
            I(OUT, "项目完工时间", "2025年8月20日前", [P("<=", 20250820, "日期")]),
            I(COST, "维修改造每平方米造价", "≦650元", [P("<=", 650, "元")]),
            I(OUTCOME, "校舍安全隐患消除率", "100%", [P("=", 100, PCT)]),
            I(SAT, "师生满意度", "≧90%", [P(">=", 90, PCT)])])]},
    "09_unit_only_values.md": {"layout": "9 指标值只有单位或占位（公里、≧ %），名称前缀“指标1：”", "projects": [project(
        "农村公路提档升级", "", [
            I(OUT, "新建农村公路里程", "公里", [P("=", None, "公里")]),
            I(OUT, "改造危桥数量", "≧ 座", [P(">=", None, "座")]),
            I(OUT, "工程交工验收合格率", "≧ %", [P(">=", None, PCT)]),
            I(OUT, "项目完工及时率", "≧95%", [P(">=", 95, PCT)]),
            I(OUTCOME, "群众出行条件", "明显改善"),
            I(SAT, "沿线群众满意度", "≧ %", [P(">=", None, PCT)])])]},
    "10_space_approval.txt": {"layout": "10 空格分隔，一级/二级只在组首行，一级折行，审核盖章行", "projects": [project(
        "社区卫生服务能力提升", "", [
            I(OUT, "家庭医生签约服务人数(≥**人)", "18000", [P("=", 18000, "人")]),
            I(OUT, "健康教育讲座场次(≥**场)", "48", [P("=", 48, "场")]),
            I(OUT, "重点人群签约服务覆盖率", "70", [P("=", 70, PCT)]),
            I(OUT, "签约服务年度完成时间", "12", [P("=", 12, "月")]),
            I(COST, "人均签约服务经费", "120", [P("=", 120, "元")]),
            I(OUTCOME, "居民健康素养水平提升", "2", [P("=", 2, "百分点")]),
            I(SAT, "签约居民满意度", "90", [P("=", 90, PCT)])])]},
    "11_shanghai_layout.txt": {"layout": "11 上海申报表的版面保留文本，跨行标签漂移，两列目标交错", "projects": [project(
        "社区养老服务综合体运营补贴", "1.年内新增运营社区养老服务综合体2家。\n2.提供日间照料服务不少于3万人次。", [
            I(OUT, "新增运营综合体数量", "=2(家)", [P("=", 2, "家")]),
            I(OUT, "日间照料服务人次", "≥30000(人次)", [P(">=", 30000, "人次")]),
            I(OUT, "服务机构等级评定达标率", "≥95.00(%)", [P(">=", 95, PCT)]),
            I(OUT, "补贴资金拨付及时率", "≥95.00(%)", [P(">=", 95, PCT)]),
            I(COST, "单个综合体年度运营补贴", "≤1,080,000.00(元)", [P("<=", 1080000, "元")]),
            I(OUTCOME, "老年人照护负担减轻程度", "明显减轻"),
            I(OUTCOME, "综合体持续运营年限", "≥3(年)", [P(">=", 3, "年")]),
            I(SAT, "服务老人满意度", "≥90.00(%)", [P(">=", 90, PCT)])])]},
    "11b_shanghai_drift_below.txt": {"layout": "11 变体：一级标签在组中行，二级标签漂移到所属行下方，金额未注明单位",
                                     "projects": [project("中小学生课后服务补助", "", [
                                         I(OUT, "参与课后服务学生人数", "≥12000(人)", [P(">=", 12000, "人")]),
                                         I(OUT, "开设课后服务学校数", "=36(所)", [P("=", 36, "所")]),
                                         I(OUT, "课后服务课程门类", "≥8(类)", [P(">=", 8, "类")]),
                                         I(OUT, "课后服务安全事故发生率", "=0(%)", [P("=", 0, PCT)]),
                                         I(OUT, "补助资金拨付及时率", "≥95.00(%)", [P(">=", 95, PCT)]),
                                         I(OUTCOME, "家长接送负担减轻程度", "明显减轻"),
                                         I(SAT, "学生家长满意度", "≥90.00(%)", [P(">=", 90, PCT)])])]},
    "12_pdf_two_pages.pdf": {"layout": "PDF：表格跨两页", "projects": [project("社区医养结合服务补助", "", PDF_ROWS)]},
    "13_pdf_budget_document.pdf": {"layout": "PDF：部门预算全文中的绩效目标表（第4页）",
                                   "projects": [project("社区医养结合服务补助", "", PDF_ROWS)]},
}
