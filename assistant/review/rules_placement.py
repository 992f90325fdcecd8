"""Placement and logic rules (DOMAIN.md §2.2 L1–L3, L9): what a measure is against where it sits."""

from __future__ import annotations

import re

from assistant.model import Category, Op
from assistant.review.names import (
    ACTIVITY_UNITS,
    DOCUMENT_UNITS,
    SATISFACTION_NAME,
    base_unit,
    core_name,
    input_measure,
)
from assistant.review.registry import Hit, IndicatorCtx, rule

_B88_DEF = "财预〔2015〕88号 产出、效益、满意度指标的定义"
_OUTCOME_MEASURE = re.compile(r"就业(?!见习|培训|服务|援助|指导|招聘|帮扶|补贴|补助)|发展质量|影响力|知名度|知晓率|知晓度|营收|营业收入|收入增长|增速|增长率|增幅|产值|"
                              r"产业规模|经济效益|社会效益|生态效益|减排")
_OUTPUT_VERB = re.compile(r"^(?:编制|举办|开展|组织|召开|举行|出具|印发|播放|发布|制定|编印|培训)(?!后|结束后|结业后)")
_ENV_STATE = re.compile(r"(?:空气|大气|环境|水环境|声环境|土壤|水体|河流|河道|断面)(?:质量|优良|达标)|优良天数|"
                        r"PM2\.?5|PM10|水质(?:达标|优良|类别)")
_ENV_OUTPUT = re.compile(r"监测|检测|采样|数据|报告|设备|站点|点位|评价|预报")
_REVERSE_OUTCOME = re.compile(r"投诉|事故|事件|违法|隐患|故障|案件|返修|返工|差错|漏洞|缺陷")
_EFFECT_WORD = re.compile(r"转化|效果|成效|能力|带动|增长|知晓|就业|满意")
_REACH = re.compile(r"覆盖|报道|转载|引用|触达|调用|诊疗|游客|旅客|观众|观看|收看|收听|传播|浏览|点击|阅读|访问|客流|接待|参观|播放量|曝光|关注|"
                    r"受益|惠及|带动|吸引|引客|下载|使用人次|就诊|入园|入馆")
_CUMULATIVE = re.compile(r"累计|落户以来|历年|以来")


def _mismatch(name: str, where: str, should: str, why: str) -> Hit:
    return Hit(message=f"“{name}”放在{where}下，但它是{should}（{why}）。", fix=f"移到{should}下。")


@rule("category_mismatch", domain="L2；L3", severity="warning", level="indicator", title="一级指标归类错误",
      basis=_B88_DEF, dimension="相关性", structural=True)
def category_mismatch(ctx: IndicatorCtx) -> Hit | None:
    ind = ctx.indicator
    name = core_name(ind.name)
    cat = ind.category
    satisfaction = bool(SATISFACTION_NAME.search(name))
    if satisfaction and cat != Category.SATISFACTION.value:
        return _mismatch(ind.name, cat, "满意度指标", "满意度是服务对象的评价")
    if cat == Category.SATISFACTION.value and not satisfaction:
        return Hit(message=f"“{ind.name}”放在满意度指标下，但名称不是满意度。",
                   fix="满意度指标只放服务对象满意度；其他内容移到产出或效益指标下。")
    cost_row = "成本" in (ind.subcategory or "") or name.endswith(("成本", "费用", "单价"))
    if cat == Category.OUTPUT.value and not cost_row:
        m = _OUTCOME_MEASURE.search(name)
        if m:
            return _mismatch(ind.name, cat, "效益指标", f"“{m.group(0)}”是项目带来的效果，不是直接产出")
        m = _ENV_STATE.search(name)
        if m and not _ENV_OUTPUT.search(name):
            return _mismatch(ind.name, cat, "效益指标（生态效益）", f"“{m.group(0)}”是环境状况，是项目的效果，不是产出")
    if cat == Category.OUTCOME.value:
        units = {base_unit(p.unit) for p in ind.target.parts if p.unit}
        activity = units & (DOCUMENT_UNITS | ACTIVITY_UNITS)
        lowered = bool(ind.target.parts) and all(p.op in (Op.LE, Op.LT) for p in ind.target.parts)
        if activity and not lowered and not _REVERSE_OUTCOME.search(name) and not _REACH.search(ind.name) \
                and not _EFFECT_WORD.search(name):
            return _mismatch(ind.name, cat, "产出指标", f"以“{sorted(activity)[0]}”计的是活动或成果数量")
        m = _OUTPUT_VERB.search(name)
        if m and not _EFFECT_WORD.search(name):
            return _mismatch(ind.name, cat, "产出指标", f"“{m.group(0)}……”是完成的工作，不是效果")
    return None


@rule("input_as_target", domain="L1", severity="warning", level="indicator", title="投入或过程指标当作产出/效益",
      basis="财预〔2015〕88号 绩效目标为产出和效果；财预〔2020〕10号 预算执行率在自评中单独计分；地方绩效目标模板：资金、人员、物资投入不作为绩效目标", dimension="相关性")
def input_as_target(ctx: IndicatorCtx) -> Hit | None:
    """Budget execution and fund arrival or disbursement are inputs in every 一级 (101号: they are not
    performance); paying out a subsidy to its recipients (补贴发放) is an output and is not matched."""
    ind = ctx.indicator
    if ind.category == Category.SATISFACTION.value:
        return None
    words = input_measure(ind.name)
    if not words:
        return None
    return Hit(message=f"“{words}”是投入或过程指标，不是产出或效益。",
               fix="删去该指标（预算执行率在自评中单独评分），改写这笔资金带来的产出或效果。")


@rule("cumulative_target", domain="L9", severity="warning", level="indicator", title="年度指标值为累计数",
      basis="财预〔2015〕88号 合理可行：年度指标值应为本年度可完成的量", dimension="可行性")
def cumulative_target(ctx: IndicatorCtx) -> Hit | None:
    ind = ctx.indicator
    cumulative = any(p.basis == "累计" for p in ind.target.parts) or _CUMULATIVE.search(ind.name)
    if not cumulative or ind.target.kind != "quantitative":
        return None
    return Hit(message=f"“{ind.name}”的指标值是累计数，不是本年度要完成的量。",
               fix="改为本年度新增量（如“年度新增……”），累计数可写入指标解释。")
