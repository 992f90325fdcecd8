"""Rules of the vague-phrase lexicon (DOMAIN.md §3, classes A–I) and V3 (verifiable qualitative values)."""

from __future__ import annotations

import re

from assistant.review.lexicon import find_vague, has_number
from assistant.review.registry import Hit, IndicatorCtx, ProjectCtx, rule
from assistant.review.rewrite import CLASS_TEMPLATES, subject_of, vague_rewrites

_B88 = "财预〔2015〕88号 细化量化：指标应细化、量化，定性表述也须可衡量"
_VERIFY = re.compile(r"通过|验收|审议|评审|印发|出台|批复|备案|发布|上线|GB|标准")
_MILESTONE = re.compile(r"通过|验收|完工|竣工|建成|上线|印发|出台|挂牌|开业|开园|投入使用|投用|交付|审议|批复|备案|"
                        r"发布|签订|启用|投入运行|上线运行|办结|结题|获批|授牌|认定|取得|测评")
_YES_NO = re.compile(r"^(?:是|否)$")
_RATING_NAME = re.compile(r"等次|等级|评级|星级|评定|考核结果|评价结果|评估等级|信用等级")
_GRADE_VALUE = re.compile(r"(?:优秀|良好|合格|达标|[A-D]{1,3}级?|[一二三四五]星级?|[一二三四五]级)(?:及以上|以上)?|"
                          r"保持或提升[一二三]?级?")


def _classes(hits) -> str:
    return "；".join(f"{h.cls.title}“{h.word}”（{h.cls.why}）" for h in hits)


@rule("vague_target", domain="§3 A–H；V2/V3", severity="warning", level="indicator",
      title="指标值为含糊的定性表述", basis=_B88 + "；财预〔2020〕10号 绩效指标明确性", dimension="相关性")
def vague_target(ctx: IndicatorCtx) -> Hit | None:
    ind = ctx.indicator
    if ind.target.kind != "qualitative" or has_number(ind.value):
        return None
    hits = find_vague(ind.value, "value")
    if not hits or (_YES_NO.match(ind.value.strip()) and _MILESTONE.search(ind.name)):
        return None
    if _RATING_NAME.search(ind.name) and _GRADE_VALUE.fullmatch(ind.value.strip()):
        return None
    return Hit(
        message=f"指标值“{ind.value}”是含糊的定性表述，无法判断是否达成：{_classes(hits)}。",
        fix=f"改为“比较符＋数值＋单位”的可测目标，并写明取值依据。{hits[0].cls.replacement}",
        rewrites=vague_rewrites(ind, hits),
    )


@rule("vague_name", domain="§3 G、I", severity="warning", level="indicator",
      title="指标名称不是度量", basis=_B88, dimension="相关性")
def vague_name(ctx: IndicatorCtx) -> Hit | None:
    ind = ctx.indicator
    if has_number(ind.value):
        return None
    hits = find_vague(ind.name, "name")
    if not hits:
        return None
    hit = hits[-1]
    what = "只指一个工作领域" if hit.cls.key == "I" else "是无法观察的软性效果"
    return Hit(message=f"指标名称“{ind.name}”含“{hit.word}”，{what}，没有说明度量什么。",
               fix=hit.cls.replacement,
               rewrites=[t.render(subject_of(ind.name)) for t in CLASS_TEMPLATES[hit.cls.key]])


@rule("vague_goal", domain="§3；L4", severity="info", level="project",
      title="年度绩效目标含含糊用语", basis="财预〔2015〕88号 绩效目标设定要求（指向明确、细化量化）",
      dimension=None)
def vague_goal(ctx: ProjectCtx) -> Hit | None:
    hits = find_vague(ctx.project.goal, "goal")
    if not hits:
        return None
    words = "、".join(f"“{h.word}”" for h in hits)
    return Hit(message=f"年度绩效目标含含糊用语 {words}，请确认每条目标都有可测指标覆盖。",
               fix="把目标中的方向性表述落到具体指标上（数量、质量、时效、效益），避免只写“进一步提高/完善”。")


@rule("effort_word", domain="§3 F", severity="info", level="indicator",
      title="指标值含努力类用语", basis=_B88, dimension="相关性")
def effort_word(ctx: IndicatorCtx) -> Hit | None:
    ind = ctx.indicator
    if not has_number(ind.value):
        return None
    hits = [h for h in find_vague(ind.value, "value") if h.cls.key == "F"]
    if not hits:
        return None
    return Hit(message=f"指标值含“{hits[0].word}”，描述的是努力程度而不是结果。",
               fix="删去该词，直接写明目标值。",
               rewrites=[f"{subject_of(ind.name)}：{ind.value.replace(hits[0].word, '')}（依据：计划标准）"])


@rule("approximate_value", domain="§3 E", severity="warning", level="indicator",
      title="指标值为约数", basis=_B88, dimension="相关性")
def approximate_value(ctx: IndicatorCtx) -> Hit | None:
    ind = ctx.indicator
    m = re.search(r"\d+\s*余|约\s*\d|\d+[^\d，,；;]{0,4}左右", ind.value)
    if not m or ind.target.kind != "quantitative":
        return None
    return Hit(message=f"指标值“{ind.value}”是约数（“{m.group(0)}”），无法判断是否达成。",
               fix="写成确切数值并用比较符表达下限或上限，如“≥N”。")


@rule("qualitative_unverifiable", domain="V3；V11", severity="info", level="indicator",
      title="定性指标缺少核验标准或时限", basis=_B88 + "；预算管理一体化系统要求定性指标写明衡量内容和方式",
      dimension="相关性")
def qualitative_unverifiable(ctx: IndicatorCtx) -> Hit | None:
    ind = ctx.indicator
    if ind.target.kind != "qualitative" or has_number(ind.value) or find_vague(ind.value, "value"):
        return None
    if _VERIFY.search(ind.value):
        return None
    return Hit(message=f"定性指标值“{ind.value}”是可核验的结果，但没有写明完成时限和核验方式（验收、审议、检查）。",
               fix="写明时限和核验依据，如“【日期】前建成并通过验收”“经【审计/检查】未发现违规问题”。")


@rule("uniform_value", domain="§3 H", severity="info", level="project",
      title="各指标值一律为100%", basis="财预〔2020〕10号 绩效指标明确性：指标值与计划任务数相对应", dimension="相关性", structural=True)
def uniform_value(ctx: ProjectCtx) -> Hit | None:
    inds = ctx.project.indicators()
    if len(inds) < ctx.policy.thresholds.uniform_value_min_rows:
        return None
    if all(re.fullmatch(r"[=≥]?\s*100\s*[%％]", i.value.strip()) for i in inds):
        return Hit(message=f"本项目{len(inds)}个指标的值都是100%，目标水平没有区分。",
                   fix="按每个指标的历史值或计划值分别设定目标。")
    return None
