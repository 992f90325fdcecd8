"""Starter indicator sets per project type (DOMAIN.md §4.3) and the inference of a type from a description.

Each row is a measure, a comparator, a unit, a value basis and a data source; never a number. The rules
backend fills the value with a 【placeholder】 (or a number the user gave).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    sub: str
    name: str
    op: str
    unit: str
    basis: str
    source: str
    note: str = ""


@dataclass(frozen=True)
class ProjectType:
    name: str
    keywords: tuple[str, ...]
    rows: tuple[Row, ...]
    service: bool


_Q, _QL, _T, _C = "数量指标", "质量指标", "时效指标", "成本指标"
_ECO, _SOC, _ENV, _SUS, _SAT = "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标"
_LEDGER, _ACCEPT, _SURVEY, _STAT, _FIN = "工作台账", "验收报告", "问卷调查", "统计数据", "财务决算/支付凭证"

TYPES: tuple[ProjectType, ...] = (
    ProjectType("培训/会议", ("培训", "研修", "轮训", "讲座", "会议", "年会", "论坛", "大会", "研讨", "峰会"), (
        Row(_Q, "培训（会议）期数", "≥", "期", "计划标准", _LEDGER),
        Row(_Q, "参训（参会）人次", "≥", "人次", "计划标准", "签到表/工作台账"),
        Row(_QL, "结业考核合格率", "≥", "%", "计划标准", "考核记录"),
        Row(_QL, "出勤率", "≥", "%", "历史标准", "签到表"),
        Row(_T, "按计划完成率", "≥", "%", "计划标准", _LEDGER),
        Row(_C, "人均培训（会议）成本", "≤", "元/人", "预算支出标准", _FIN, "对照培训费、会议费开支标准"),
        Row(_SOC, "参训人员技能测评合格率", "≥", "%", "历史标准", "测评记录"),
        Row(_SAT, "参训（参会）人员满意度", "≥", "%", "历史标准", _SURVEY, "通常取85%–95%，写明有效问卷份数"),
    ), True),
    ProjectType("补助/补贴发放", ("补助", "补贴", "奖补", "资助", "奖励", "扶持资金", "专项资金", "救助", "慰问"), (
        Row(_Q, "补助对象数", "≥", "家", "计划标准", "补助名单"),
        Row(_Q, "补助资金发放金额", "≤", "万元", "预算支出标准", _FIN),
        Row(_QL, "发放准确率", "=", "%", "计划标准", "发放台账/审计报告", "通常为100%"),
        Row(_QL, "应保尽保率", "≥", "%", "计划标准", "补助名单与申请台账"),
        Row(_T, "发放及时率", "≥", "%", "计划标准", _LEDGER),
        Row(_C, "补助标准", "≤", "万元/家", "预算支出标准", "补助政策文件"),
        Row(_ECO, "受助对象新增产值（收入）", "≥", "万元", "历史标准", _STAT, "写明【基期年份】年基数"),
        Row(_SOC, "政策覆盖率", "≥", "%", "计划标准", _STAT),
        Row(_SAT, "受助对象满意度", "≥", "%", "历史标准", _SURVEY, "通常取85%–95%"),
    ), True),
    ProjectType("信息化运维", ("运维", "运行维护", "维保", "系统维护", "网络维护", "机房"), (
        Row(_Q, "运维系统（设备）数", "≥", "套", "计划标准", "运维合同/台账"),
        Row(_QL, "系统可用率", "≥", "%", "行业标准", "运维监测报告", "写明依据的服务等级协议"),
        Row(_QL, "故障修复率", "≥", "%", "计划标准", "运维工单"),
        Row(_T, "故障响应时长", "≤", "小时", "计划标准", "运维工单"),
        Row(_C, "单套（台）年运维成本", "≤", "万元/套", "预算支出标准", "运维合同"),
        Row(_SOC, "重大网络安全事件数", "≤", "起", "历史标准", "安全监测报告", "通常为0起"),
        Row(_SAT, "系统用户满意度", "≥", "%", "历史标准", _SURVEY),
    ), True),
    ProjectType("信息化建设", ("信息化", "信息系统", "平台建设", "系统建设", "软件开发", "数字化", "智慧", "上线",
                          "数据库", "政务系统", "系统升级", "平台升级", "信息平台"), (
        Row(_Q, "建设功能模块数", "≥", "个", "计划标准", "建设合同/验收报告"),
        Row(_Q, "接入单位数", "≥", "家", "计划标准", "系统接入台账"),
        Row(_QL, "系统验收通过率", "=", "%", "计划标准", _ACCEPT),
        Row(_QL, "数据准确率", "≥", "%", "行业标准", "数据质量检查报告"),
        Row(_T, "系统上线时间", "≤", "月", "计划标准", "上线通知/验收报告", "自合同签订起算的月数"),
        Row(_C, "项目合同金额", "≤", "万元", "预算支出标准", "采购合同"),
        Row(_SOC, "业务线上办理率", "≥", "%", "计划标准", "系统统计"),
        Row(_SUS, "系统持续运行年限", "≥", "年", "行业标准", "运维记录"),
        Row(_SAT, "系统用户满意度", "≥", "%", "历史标准", _SURVEY),
    ), True),
    ProjectType("工程建设", ("工程", "建设项目", "新建", "改建", "扩建", "改造", "修缮", "道路", "装修", "基建"), (
        Row(_Q, "建设规模", "≥", "平方米", "计划标准", "施工合同/竣工验收报告"),
        Row(_QL, "工程验收合格率", "=", "%", "行业标准", "竣工验收报告", "写明依据的工程质量验收标准"),
        Row(_T, "按期完工率", "≥", "%", "计划标准", "竣工验收报告"),
        Row(_C, "单位造价", "≤", "元/平方米", "预算支出标准", "工程结算审核报告"),
        Row(_SOC, "受益人口", "≥", "人", "计划标准", _STAT),
        Row(_SUS, "设计使用年限", "≥", "年", "行业标准", "设计文件"),
        Row(_SAT, "受益群众满意度", "≥", "%", "历史标准", _SURVEY),
    ), True),
    ProjectType("设备购置", ("购置", "采购", "设备", "车辆", "家具", "装备"), (
        Row(_Q, "购置设备台（套）数", "≥", "台", "计划标准", "采购合同/资产登记"),
        Row(_QL, "设备验收合格率", "=", "%", "计划标准", _ACCEPT),
        Row(_QL, "设备完好率", "≥", "%", "历史标准", "资产台账"),
        Row(_T, "设备到货安装完成时限", "≤", "天", "计划标准", "到货验收单", "自合同签订起算"),
        Row(_C, "设备单价", "≤", "万元/台", "预算支出标准", "采购合同", "对照资产配置标准"),
        Row(_SOC, "设备使用率", "≥", "%", "历史标准", "使用登记"),
        Row(_SAT, "使用人员满意度", "≥", "%", "历史标准", _SURVEY),
    ), False),
    ProjectType("课题研究/规划编制", ("研究", "课题", "规划", "编制", "调研", "咨询", "评估", "诊断", "报告", "图谱",
                                "审计", "绩效评价"), (
        Row(_Q, "形成研究报告（成果）数", "≥", "份", "计划标准", "成果文本"),
        Row(_QL, "成果评审通过率", "=", "%", "计划标准", "专家评审意见"),
        Row(_T, "成果按期提交率", "≥", "%", "计划标准", "成果提交记录"),
        Row(_C, "课题经费", "≤", "万元", "预算支出标准", "委托合同"),
        Row(_SOC, "成果被采纳（转化）数", "≥", "项", "计划标准", "采纳证明/政策文件"),
        Row(_SAT, "委托方满意度", "≥", "%", "历史标准", _SURVEY),
    ), True),
    ProjectType("宣传", ("宣传", "推介", "广告", "宣讲", "展会", "展览", "传播", "大赛", "活动周"), (
        Row(_Q, "宣传活动场次", "≥", "场", "计划标准", "活动台账"),
        Row(_Q, "宣传品投放量", "≥", "份", "计划标准", "投放记录"),
        Row(_QL, "宣传内容审核通过率", "=", "%", "计划标准", "审核记录"),
        Row(_T, "按计划完成率", "≥", "%", "计划标准", _LEDGER),
        Row(_C, "单场活动成本", "≤", "万元/场", "预算支出标准", _FIN),
        Row(_SOC, "活动覆盖人次", "≥", "人次", "计划标准", "活动统计"),
        Row(_SOC, "政策知晓率", "≥", "%", "历史标准", _SURVEY, "较上年变化时写明基期值与百分点"),
        Row(_SAT, "受众满意度", "≥", "%", "历史标准", _SURVEY),
    ), True),
    ProjectType("执法检查/监管", ("执法", "检查", "监管", "稽查", "监督", "纪检", "监察", "巡查", "督查"), (
        Row(_Q, "检查户次", "≥", "户次", "计划标准", "检查台账"),
        Row(_QL, "发现问题整改率", "≥", "%", "计划标准", "整改台账"),
        Row(_QL, "案件办结率", "≥", "%", "历史标准", "案件台账"),
        Row(_T, "案件办结时限", "≤", "个工作日", "计划标准", "案件台账"),
        Row(_C, "户均检查成本", "≤", "元/户", "预算支出标准", _FIN),
        Row(_SOC, "违法违规问题发生率", "≤", "%", "历史标准", _STAT, "写明【基期年份】年基数"),
        Row(_SAT, "被服务对象满意度", "≥", "%", "历史标准", _SURVEY),
    ), True),
    ProjectType("机构运转/维护", ("运行经费", "运转", "后勤", "物业", "保障", "日常", "办公", "公用经费", "维修"), (
        Row(_Q, "保障人数", "≥", "人", "计划标准", "人事台账"),
        Row(_Q, "保障办公面积", "≥", "平方米", "计划标准", "资产台账"),
        Row(_QL, "设施设备完好率", "≥", "%", "历史标准", "巡检记录"),
        Row(_T, "维修响应时长", "≤", "小时", "计划标准", "报修记录"),
        Row(_C, "定额内支出控制率", "≤", "%", "预算支出标准", _FIN, "实际支出/定额"),
        Row(_SOC, "机关正常运转率", "≥", "%", "历史标准", _LEDGER),
        Row(_SAT, "职工满意度", "≥", "%", "历史标准", _SURVEY),
    ), True),
)

GENERIC = ProjectType("通用", (), (
    Row(_Q, "完成主要工作任务数", "≥", "项", "计划标准", _LEDGER),
    Row(_QL, "工作任务验收合格率", "≥", "%", "计划标准", _ACCEPT),
    Row(_T, "按计划完成率", "≥", "%", "计划标准", _LEDGER),
    Row(_C, "项目成本控制率", "≤", "%", "预算支出标准", _FIN, "实际支出/预算"),
    Row(_SOC, "服务对象覆盖数", "≥", "家", "计划标准", _STAT),
    Row(_SAT, "服务对象满意度", "≥", "%", "历史标准", _SURVEY),
), True)

BY_NAME = {t.name: t for t in (*TYPES, GENERIC)}
SERVICE_WORDS = re.compile(r"补助|补贴|培训|服务|救助|宣传|企业|群众|市民|学员|用户|对象|居民|学生|患者")


def infer_type(name: str, goal: str = "", content: str = "", hint: str | None = None) -> ProjectType:
    """The best-matching type: an explicit ``hint`` that names a type wins; else keyword hits, the name
    counted three times; ties go to the earlier type; no hit gives the generic set."""
    if hint:
        for t in (*TYPES, GENERIC):
            if hint in t.name or t.name.split("/")[0] in hint or any(k == hint for k in t.keywords):
                return t
    best, best_score = GENERIC, 0
    for t in TYPES:
        score = sum(3 * name.count(k) + goal.count(k) + content.count(k) for k in t.keywords)
        if score > best_score:
            best, best_score = t, score
    return best


def has_recipients(ptype: ProjectType, text: str, beneficiaries: str | None) -> bool:
    """Whether a 满意度 row belongs: named beneficiaries, a service word in the text, or a service type."""
    return bool(beneficiaries) or bool(SERVICE_WORDS.search(text)) or ptype.service
