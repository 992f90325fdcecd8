"""The vague-phrase lexicon of DOMAIN.md §3, classes A–I: trigger patterns, why each fails, and the
replacement pattern. ``find_vague(text, scope)`` returns the hits of one text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Scope = Literal["value", "name", "goal"]


@dataclass(frozen=True)
class VagueClass:
    key: str
    title: str
    why: str
    pattern: re.Pattern[str]
    scopes: tuple[Scope, ...]
    replacement: str


@dataclass(frozen=True)
class VagueHit:
    cls: VagueClass
    word: str


def _words(*words: str) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_A = _words("提高", "提升", "增强", "加强", "完善", "优化", "改善", "促进", "推动", "推进", "降低", "减少",
            "扩大", "加快", "规范", "健全", "深化", "巩固", "强化")
_B = _words("显著", "明显", "大幅", "较大", "有效", "切实", "全面", "充分", "持续", "稳步", "逐步", "不断",
            "有所", "一定程度", "基本", "初步", "较好", "良好", "较高", "优质", "高效", "进一步", "合理", "可控")
_B_GRADE = r"优良(?!中等|天数|率|比例|品种|等级|以上)"
_C = _words("满足", "保障", "确保", "保证", "符合要求", "达到要求", "按要求", "按规定", "按计划", "计划数",
            "按需", "达到预期", "符合预期", "实现预期", "达预期", "严格按照", "严格执行", "落实到位", "不超预算", "不超过预算", "控制在预算内", "预算范围内")
_C_ALL = r"(?:覆盖|惠及|服务|面向)?(?:全区|全市|全县|全省|全镇|全乡|全街道|全体|所有|全部)[^，,；;。\d]{0,10}|全覆盖"
_C_STANDARD = _words("合格", "达标")
_D = _words("及时", "尽快", "按时", "按期", "适时", "年内", "年底前", "长期", "常态化")
_E = _words("若干", "一批", "多个", "部分", "一些", "大量", "少量", "各类", "相关")
_F = _words("力争", "争取", "努力", "积极", "尽量", "着力", "致力", "力求")
_G = _words("获得感", "幸福感", "安全感", "营造良好氛围", "社会影响良好", "效果明显", "作用显著",
            "示范带动作用", "形象提升")
_H = _words("是", "否", "到位", "足额到位", "满意", "基本满意", "较满意", "比较满意", "好", "较好", "良好", "优", "优秀", "完成", "已完成", "提高", "有效", "明显", "达标",
            "正常", "无", "/", "—", "-", "≥0", ">0", "≥0%")

CLASSES: tuple[VagueClass, ...] = (
    VagueClass("A", "只有方向的动词", "只说方向、没有水平，永远无法判定“未达成”",
               re.compile(rf"进一步(?:{_A})|{_A}"), ("value", "goal"),
               "指标（率/数/量）＋比较符＋数值＋单位，并写明基期值：如“X≥【目标值】%（【基期年份】年基数【基期值】%）”"),
    VagueClass("B", "程度副词", "主观程度词，无法核验", re.compile(rf"{_B}|{_B_GRADE}"), ("value", "goal"),
               "改为数值门槛或区间：如“≥【目标值】%”“下降≥【目标值】%”"),
    VagueClass("C", "保障/满足类用语", "没有可观察的判定标准", re.compile(rf"{_C}|{_C_ALL}|(?:{_C_STANDARD})(?!.*(?:GB|标准|规范))"),
               ("value", "goal"), "改为对照明确标准的满足率、覆盖率或合格率：如“需求满足率（已满足/申请）≥【目标值】%”"),
    VagueClass("D", "时间用语", "没有期限", re.compile(_D), ("value", "goal"),
               "改为日期（“【日期】前完成”）、周期（“办理时限≤【天数】个工作日”）或按期完成率"),
    VagueClass("E", "数量用语", "没有数量", re.compile(rf"{_E}|(?<![中高初上下一二三四五六七八九同平均对相])等(?![级次同于])|\d+余|[十百千万]余"), ("value", "goal"),
               "改为确切数量并用≥：如“开展宣传活动≥【场次】场”"),
    VagueClass("F", "努力类用语", "描述努力程度而非结果", re.compile(_F), ("value", "goal"),
               "删去该词，直接写明目标值"),
    VagueClass("G", "软性效果", "无法观察", re.compile(_G), ("value", "name", "goal"),
               "改用可测的替代指标：服务对象满意度、媒体报道数、复制推广地区数、政策知晓率"),
    VagueClass("H", "指标值栏的非数值", "无法与实际完成值比较", re.compile(rf"^(?:{_H})$"), ("value",),
               "写明比较符、数值和单位；定性指标写明可核验的成果（如“出台实施方案并经党组会审议通过”）"),
    VagueClass("I", "“情况/工作”类名称", "名称只指一个领域，不是一个度量",
               re.compile(r"(?:情况|工作|建设)$"), ("name",),
               "写明度量：完成率、数量、合格率、时长"),
)

BY_KEY: dict[str, VagueClass] = {c.key: c for c in CLASSES}


def find_vague(text: str, scope: Scope = "value") -> list[VagueHit]:
    """Lexicon hits in ``text`` for the classes that apply to ``scope``, one per class, in class order."""
    text = (text or "").strip().rstrip("。")
    hits: list[VagueHit] = []
    for cls in CLASSES:
        if scope not in cls.scopes:
            continue
        m = cls.pattern.search(text)
        if m:
            hits.append(VagueHit(cls, m.group(0)))
    return hits


def has_number(text: str) -> bool:
    return bool(re.search(r"\d", text or ""))
