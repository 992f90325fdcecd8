"""Consistency checks a finance-bureau reviewer applies to one library record.

``problems(record)`` returns Chinese sentences, empty when the record is consistent: the unit fits the
name, the direction fits the meaning (incidents, cost and time are 反向 or =0; deadlines are dates or
durations with ≤; satisfaction is % with ≥), the comparator and value form agree with the direction,
the 一级/二级 pair exists, and the name is a measure, not a vague phrase or an input measure."""

from __future__ import annotations

import re

from assistant.library.record import LEVEL2, Record

UNITS = frozenset({
    "个", "项", "件", "人", "人次", "户", "户次", "家", "家次", "场", "次", "期", "班", "批次", "份", "篇", "部", "条",
    "处", "所", "座", "台", "台（套）", "辆", "套", "张", "册", "盏", "剂次", "笔", "名", "种", "类", "本", "块",
    "宗", "起", "支", "间", "床", "张床", "只", "株", "棵", "头", "批", "栋", "门", "届", "单", "课时", "学时",
    "平方米", "万平方米", "亩", "万亩", "公里", "米", "千米", "吨", "万吨", "吨/日", "万吨/日", "立方米", "万立方米",
    "公顷", "千瓦", "兆瓦", "TB", "GB", "Mbps", "Gbps", "元", "万元", "亿元", "%", "‰", "个百分点", "倍",
    "1/10万", "日期", "天", "工作日", "小时", "分钟", "秒", "月", "年", "分", "人/万人", "张/千人",
    "人·天", "微克/立方米", "项次", "册次", "核", "系数", "等", "公斤", "亩次", "车公里", "枚", "平方公里",
    "千克标准煤", "站", "餐", "千人", "千次", "千人次", "生", "年度", "株次", "桶", "箱", "份次", "针次", "页", "具",
})
_MAGNITUDE = re.compile(r"^(?:万|亿|千|百)(?=.)")
PERCENT_UNITS = frozenset({"%", "‰", "个百分点", "1/10万"})
TIME_UNITS = frozenset({"日期", "天", "工作日", "小时", "分钟", "秒", "月", "年"})
INCIDENT_UNITS = frozenset({"起", "次", "件", "人", "例", "宗", "个"})

INPUT_MEASURE = re.compile(
    r"预算执行|资金执行|执行进度|支付进度|资金支付|资金拨付(?:率|及时率)|资金到位|资金下达|拨付到校|结余率|足额保障|"
    r"采购执行率|合同签订率|资金使用率|资金使用合规|专款专用")
VAGUE_NAME = re.compile(r"(?:情况|工作|建设|水平|能力|作用|影响|氛围|成效|效果)$|(?:提高|提升|增强|改善|促进|推动)(?!值|幅度|率|百分点)")
RATE_NAME = re.compile(r"(?:(?<![频速功效])率|比例|占比|比重|满意度|知晓度)$")
SATISFACTION = re.compile(r"满意(?:度|率)")
INCIDENT = re.compile(r"事故|事件|死亡|伤亡|中毒|失泄密|违规|差错|投诉|故障次数|案件发生|负面舆情|踩踏|违纪")
DEADLINE = re.compile(r"时限|完成时间|截止|期限|交付时间|上线时间|竣工时间|完工时间|提交时间|发放时间|到货时间|时间$")
DURATION = re.compile(r"(?:响应|处置|处理|办理|办结|等待|到达|修复|出警|审批|审核|结算|兑现|清算|检测|出具|恢复|到场)"
                      r".{0,4}(?:时长|周期|天数|用时|时间)")
COST = re.compile(r"成本|单价|费用|造价|经费|(?:单位|人均|户均|亩均|生均|件均|次均|场均|单次|每).{0,6}(?:投入|支出|补助)")
STANDARD = re.compile(r"标准$|补助额$|补贴额$|奖励额$|定额$|限额$")
_N_VALUE = re.compile(r"^(≥|≤|=|>|<|＞|＜)")


def _core(name: str) -> str:
    return re.sub(r"[（(][^（）()]*[）)]", "", name).strip()


def problems(r: Record) -> list[str]:
    """Every inconsistency of ``r``, as Chinese sentences."""
    out: list[str] = []
    name = _core(r.name)
    unit = r.unit or ""
    if r.level2 not in LEVEL2.get(r.level1, ()):
        out.append(f"一级“{r.level1}”下没有二级“{r.level2}”")
    if INPUT_MEASURE.search(name):
        out.append("投入或过程指标（资金拨付、预算执行等）不能作为产出或效益")
    if VAGUE_NAME.search(name) and not RATE_NAME.search(name) and not re.search(r"[数量率度额]$", name):
        out.append("名称是领域或方向，不是度量")
    if re.search(r"[≥≤＞＜>]|\d+(?:\.\d+)?\s*(?:%|％|万元|元)", name):
        out.append("名称里含数值")
    if r.direction == "定性":
        if r.unit:
            out.append("定性指标不应有计量单位")
        if r.comparator != "定性":
            out.append("定性指标的计算符号应为“定性”")
        return out
    if not unit:
        out.append("定量指标缺计量单位")
    elif not known_unit(unit):
        out.append(f"计量单位“{unit}”不在单位表中")
    expected = {"正向": ("≥",), "反向": ("≤",), "等于": ("=",)}[r.direction]
    if r.comparator not in expected:
        out.append(f"方向“{r.direction}”与计算符号“{r.comparator}”不一致")
    m = _N_VALUE.match(r.value_form)
    if not m or m.group(1).translate(str.maketrans("><＞＜", "≥≤≥≤")) != r.comparator:
        out.append(f"典型值“{r.value_form}”与计算符号“{r.comparator}”不一致")
    if SATISFACTION.search(name):
        if unit != "%" or r.direction != "正向":
            out.append("满意度应以%计、方向为正向（≥）")
        if r.level1 != "满意度":
            out.append("满意度指标应在一级“满意度”下")
        if "100%" in r.value_form:
            out.append("满意度目标不宜为100%")
    elif RATE_NAME.search(name) and not re.search(r"(?:倍数|倍)$", name) and unit not in PERCENT_UNITS:
        if not (unit == "倍" and re.search(r"比$|杠杆率$", name)):
            out.append(f"比率类名称的单位应为%（现为“{unit}”）")
    if INCIDENT.search(name) and not RATE_NAME.search(name):
        if r.direction == "正向":
            out.append("事故、事件、投诉类指标应为反向（≤）或=0")
    if DEADLINE.search(name) and not RATE_NAME.search(name):
        if unit not in TIME_UNITS:
            out.append("时限类指标的单位应为日期或时长")
        if r.direction != "反向":
            out.append("时限类指标应为反向（≤）")
    if DURATION.search(name) and not RATE_NAME.search(name) and "年限" not in name:
        if unit not in TIME_UNITS:
            out.append("时长类指标的单位应为时长")
        if r.direction == "正向":
            out.append("时长类指标应为反向（≤）")
    if COST.search(name) and not RATE_NAME.search(name) and not STANDARD.search(name):
        if not _money(unit):
            out.append(f"成本类指标的单位应为金额（现为“{unit}”）")
        if r.direction == "正向":
            out.append("成本类指标应为反向（≤）或等于标准")
    if re.search(r"人次$", name) and unit not in ("人次", "万人次"):
        out.append(f"“人次”指标的单位应为人次（现为“{unit}”）")
    if re.search(r"(?<!户)人数$", name) and unit not in ("人", "万人", "人次", "名"):
        out.append(f"“人数”指标的单位应为人（现为“{unit}”）")
    if re.search(r"面积$", name) and unit not in ("平方米", "万平方米", "亩", "万亩", "亩次", "万亩次", "公顷", "平方公里"):
        out.append(f"面积指标的单位应为平方米或亩（现为“{unit}”）")
    if re.search(r"(?:长度|里程)$", name) and unit not in ("公里", "米", "千米"):
        out.append(f"长度指标的单位应为公里或米（现为“{unit}”）")
    if r.level2 == "时效" and unit not in TIME_UNITS and unit not in PERCENT_UNITS:
        out.append("时效指标应为日期、时长或按时完成率")
    if r.level1 in ("效益", "满意度") and r.level2 == "成本":
        out.append("成本指标不应放在效益或满意度下")
    return out


def _money(unit: str) -> bool:
    return unit.split("/")[0] in ("元", "万元", "亿元")


def _simple_unit(unit: str) -> bool:
    if unit in UNITS:
        return True
    if m := re.fullmatch(r"(.+?)（(.+)）", unit):
        return _simple_unit(m.group(1)) and _simple_unit(m.group(2))
    return bool(_MAGNITUDE.match(unit)) and _simple_unit(_MAGNITUDE.sub("", unit))


def known_unit(unit: str) -> bool:
    """A unit from the library's list: 万株, 台（套）, or a compound such as 元/人·天 or 万元/站·年."""
    if unit in UNITS or "/" not in unit:
        return _simple_unit(unit)
    head, tail = unit.split("/", 1)
    return _simple_unit(head) and all(_simple_unit(part) for part in tail.split("·"))
