"""Hand-written department tables for the office tests: two departments, seven files, three formats.

Each project has a realistic mix of good rows and a few defects (a vague value, a missing 成本, a
satisfaction of 100% …) so a batch has findings to count, decide on and fix."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from openpyxl import Workbook

HEAD = ["一级指标", "二级指标", "三级指标", "指标值", "计量单位"]
ROAD_FILE = "交通运输局/农村公路养护.xlsx"
DEPT = "某县交通运输局"

Row = tuple[str, str, str, str, str]

ROAD: list[Row] = [
    ("产出指标", "数量指标", "农村公路日常养护里程", "≥320", "公里"),
    ("产出指标", "质量指标", "优良中等路率", "≥85", "%"),
    ("产出指标", "时效指标", "养护任务完成时间", "2025年12月31日前", ""),
    ("产出指标", "成本指标", "每公里年养护成本", "≤0.9", "万元/公里"),
    ("效益指标", "社会效益指标", "道路通行条件", "进一步改善", ""),
    ("满意度指标", "服务对象满意度指标", "沿线群众满意度", "=100", "%"),
    ("满意度指标", "服务对象满意度指标", "群众投诉处理情况", "良好", ""),
]
BRIDGE: list[Row] = [
    ("产出指标", "数量指标", "危桥改造座数", "≥6", "座"),
    ("产出指标", "质量指标", "工程验收合格率", "=100", "%"),
    ("产出指标", "时效指标", "工程完工时间", "2025年10月31日前", ""),
    ("效益指标", "社会效益指标", "受益人口", "≥12000", "人"),
    ("满意度指标", "服务对象满意度指标", "受益群众满意度", "=100", "%"),
]
BUS: list[Row] = [
    ("产出指标", "数量指标", "补贴公交线路数", "≥42", "条"),
    ("产出指标", "质量指标", "补贴发放准确率", "=100", "%"),
    ("产出指标", "时效指标", "补贴发放及时率", "≥95", "%"),
    ("产出指标", "成本指标", "单车年补贴标准", "=3.6", "万元/辆"),
    ("效益指标", "社会效益指标", "城乡公交通达率", "≥98", "%"),
    ("满意度指标", "服务对象满意度指标", "乘客满意度", "≥88", "%"),
]
VACCINE: list[Row] = [
    ("产出指标", "数量指标", "适龄儿童免疫规划疫苗接种剂次", "≥86000", "剂次"),
    ("产出指标", "质量指标", "免疫规划疫苗接种率", "≥95", "%"),
    ("产出指标", "时效指标", "疑似预防接种异常反应报告及时率", "≥95", "%"),
    ("产出指标", "成本指标", "单剂次接种服务成本", "≤18", "元/剂次"),
    ("效益指标", "社会效益指标", "相应传染病发病率", "有效降低", ""),
    ("满意度指标", "服务对象满意度指标", "受种者家长满意度", "≥90", "%"),
]
CHECKUP: list[Row] = [
    ("产出指标", "数量指标", "65岁及以上老年人健康体检人数", "≥21000", "人"),
    ("产出指标", "质量指标", "体检结果反馈率", "≥95", "%"),
    ("产出指标", "时效指标", "体检完成时间", "按时", ""),
    ("效益指标", "社会效益指标", "老年人健康管理率", "≥70", "%"),
    ("满意度指标", "服务对象满意度指标", "体检老年人满意度", "≥90", "%"),
]
TRAINING: list[Row] = [
    ("产出指标", "数量指标", "基层医务人员培训人次", "≥600", "人次"),
    ("产出指标", "质量指标", "结业考核合格率", "≥95", "%"),
    ("产出指标", "时效指标", "培训完成时间", "2025年11月30日前", ""),
    ("产出指标", "成本指标", "人均培训成本", "≤800", "元/人"),
    ("效益指标", "社会效益指标", "参训人员业务能力", "明显提升", ""),
    ("满意度指标", "服务对象满意度指标", "参训人员满意度", "≥90", "%"),
]
IT: list[Row] = [
    ("产出指标", "数量指标", "运维信息系统数", "≥12", "个"),
    ("产出指标", "质量指标", "系统可用率", "≥99.5", "%"),
    ("产出指标", "时效指标", "故障平均修复时长", "≤4", "小时"),
    ("效益指标", "可持续影响指标", "重大网络安全事件", "=0", "起"),
    ("满意度指标", "服务对象满意度指标", "用户满意度", "≥90", "%"),
]

Project = tuple[str, str, float, list[Row]]
FILES: list[tuple[str, str, list[Project]]] = [
    # (relative path, department, projects)
    ("交通运输局/农村公路养护.xlsx", "某县交通运输局", [
        ("农村公路日常养护", "完成农村公路日常养护320公里，优良中等路率不低于85%。", 288.0, ROAD)]),
    ("交通运输局/危桥改造.docx", "某县交通运输局", [
        ("农村公路危桥改造", "年内完成6座危桥改造并通过验收。", 1500.0, BRIDGE)]),
    ("交通运输局/公交补贴.xlsx", "某县交通运输局", [
        ("城乡公交运营补贴", "对42条城乡公交线路按标准发放运营补贴。", 420.0, BUS)]),
    ("卫生健康委/免疫规划.xlsx", "某县卫生健康委员会", [
        ("国家免疫规划疫苗接种", "完成适龄儿童免疫规划疫苗接种86000剂次，接种率保持95%以上。", 160.0, VACCINE)]),
    ("卫生健康委/老年人体检.docx", "某县卫生健康委员会", [
        ("老年人健康体检", "为65岁及以上老年人提供健康体检21000人。", 210.0, CHECKUP)]),
    ("卫生健康委/基层培训.txt", "某县卫生健康委员会", [
        ("基层医务人员能力培训", "培训基层医务人员600人次，结业考核合格率95%以上。", 48.0, TRAINING)]),
    ("卫生健康委/信息系统运维.xlsx", "某县卫生健康委员会", [
        ("卫生健康信息系统运维", "保障12个业务系统稳定运行，系统可用率不低于99.5%。", 96.0, IT)]),
]


def write_xlsx(path: Path, department: str, projects: list[Project]) -> None:
    wb = Workbook()
    for n, (name, goal, amount, rows) in enumerate(projects):
        ws = wb.active if n == 0 else wb.create_sheet()
        assert ws is not None
        ws.title = f"项目{n + 1}"
        ws.append(["2025年度项目支出绩效目标表"])
        ws.append(["项目名称", name, "主管部门", department])
        ws.append(["年度资金总额（万元）", amount])
        ws.append(["年度绩效目标", goal])
        ws.append(HEAD)
        for r in rows:
            ws.append(list(r))
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
    wb.save(path)


def write_docx(path: Path, department: str, projects: list[Project]) -> None:
    doc = Document()
    for name, goal, amount, rows in projects:
        doc.add_paragraph("2025年度项目支出绩效目标表")
        t = doc.add_table(rows=0, cols=5)
        for cells in (["项目名称", name, "主管部门", department, ""], ["年度资金总额（万元）", str(amount), "", "", ""],
                      ["年度绩效目标", goal, "", "", ""], HEAD, *[list(r) for r in rows]):
            row = t.add_row().cells
            for c, v in zip(row, cells, strict=True):
                c.text = v
    doc.save(str(path))


def write_txt(path: Path, department: str, projects: list[Project]) -> None:
    lines = []
    for name, goal, amount, rows in projects:
        lines += ["2025年度项目支出绩效目标表", f"项目名称\t{name}\t主管部门\t{department}",
                  f"年度资金总额（万元）\t{amount}", f"年度绩效目标\t{goal}", "\t".join(HEAD)]
        lines += ["\t".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


WRITERS = {".xlsx": write_xlsx, ".docx": write_docx, ".txt": write_txt}


def write_folder(root: Path, files=FILES) -> Path:
    """Write every table of ``files`` under ``root``; returns ``root``."""
    for rel, dept, projects in files:
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        WRITERS[p.suffix](p, dept, projects)
    return root


def corrected_road() -> list[Project]:
    """The road project as the unit sends it back: the vague effect fixed, a new vague time row added."""
    rows = [r for r in ROAD if r[2] != "道路通行条件"]
    rows.insert(4, ("效益指标", "社会效益指标", "农村公路列养率", "=100", "%"))
    rows[2] = ("产出指标", "时效指标", "养护任务完成时间", "年底前", "")
    return [("农村公路日常养护", "完成农村公路日常养护320公里，优良中等路率不低于85%。", 288.0, rows)]
