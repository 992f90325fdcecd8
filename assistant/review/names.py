"""Reading an indicator's name and unit: the core name without parentheses, a unit written in the
name, the counted noun, and unit families (percent, money, counts, documents, activities)."""

from __future__ import annotations

import re

_PAREN = re.compile(r"[（(][^（）()]*[）)]")
MAGNITUDES = ("万亿", "千万", "百万", "亿", "万", "千", "百")
PERCENT = {"%", "‰", "百分点"}
MONEY = {"元", "万元", "亿元", "千元", "百万元"}
DOCUMENT_UNITS = {"份", "篇", "本", "册"}
ACTIVITY_UNITS = {"场", "场次", "期", "班次", "人次", "次", "届"}
KNOWN_UNITS = ({"个", "项", "人", "名", "家", "户", "台", "套", "辆", "件", "条", "支", "所", "座", "处", "批",
                "天", "日", "周", "月", "年", "小时", "分钟", "km", "公里", "米", "m²", "平方米", "亩", "吨", "倍",
                "类", "种", "款", "部", "张", "间", "栋", "床", "位", "起", "分"}
               | PERCENT | MONEY | DOCUMENT_UNITS | ACTIVITY_UNITS)

RATE_NAME = re.compile(r"(?:(?<![频速功])率|比例|占比|比重|满意度|知晓度)$")
SATISFACTION_NAME = re.compile(r"(?<!结果)满意(?:度|率)")
INPUT_MEASURE = re.compile(r"(?:预算|资金|支出|经费|采购)执行|(?:资金|经费)[^，,；;]{0,4}?(?:到位|拨付|支付|落实)|拨付率|拨付及时|"
                           r"支出进度|支付(?:进度|率)|(?:资金|经费)使用|(?:资金|经费)投入(?:额|量)?|人员投入")
PAYOUT = re.compile(r"发放|兑付|兑现|到户|到人|直达|(?:补贴|补助|贴息|奖补|奖励|救助|慰问)(?:资金|金|款)")
CHANGE_WORDS = re.compile(r"增长|增速|增幅|提高|提升|下降|降低|减少|较上年|同比|变化")

_NAME_MEASURE: list[tuple[str, tuple[str, ...]]] = [
    ("个数", ("个",)), ("家数", ("家", "户")), ("人次", ("人次",)), ("人数", ("人", "名")),
    ("场次", ("场", "场次", "次", "项次")), ("次数", ("次",)), ("件数", ("件", "起")), ("篇数", ("篇",)), ("户数", ("户", "家")),
    ("天数", ("天", "日")),
]

NON_ORGANISATION_NOUNS = ("项目", "场景", "活动", "会议", "报告", "案例", "产品", "车型", "线索", "品种", "课题",
                          "标准", "专利", "知识产权", "赛道", "方案", "政策", "文件")


def core_name(name: str) -> str:
    """The name without parenthetical remarks: 受益群众满意度（%） → 受益群众满意度."""
    previous = None
    text = name or ""
    while previous != text:
        previous, text = text, _PAREN.sub("", text)
    return text.strip()


def input_measure(name: str | None) -> str | None:
    """The words that make ``name`` an input or process measure (预算执行率, 资金到位率, 资金拨付及时率, 资金使用情况,
    经费投入额, 人员投入, 政府采购执行率), or None. Paying a subsidy out to its recipients (补贴资金发放到户) is an output, not an input.
    The one definition for review (L1 input_as_target) and for rewrite (what replaces an input row)."""
    m = INPUT_MEASURE.search(core_name(name or ""))
    return None if not m or PAYOUT.search(name or "") else m.group(0)


def name_unit(name: str) -> str | None:
    """A unit written in parentheses at the end of the name (（个）, （亿元）, （%）), if any; a bracket inside
    the name (补贴按季（月）发放) is a remark, not the unit."""
    for m in re.finditer(r"[（(]\s*([^（）()]{1,4})\s*[）)]\s*$", name or ""):
        unit = m.group(1)
        if unit in KNOWN_UNITS or base_unit(unit) in KNOWN_UNITS:
            return unit
    return None


def base_unit(unit: str | None) -> str:
    """The unit without a magnitude prefix or a per-period suffix: 万台 → 台, 次/日 → 次."""
    text = (unit or "").split("/")[0].strip()
    for mag in MAGNITUDES:
        if text.startswith(mag) and len(text) > len(mag):
            return text[len(mag):]
    return text


def is_bare_magnitude(unit: str | None) -> bool:
    return (unit or "") in MAGNITUDES


def expected_from_measure_word(name: str) -> tuple[str, ...] | None:
    """Units implied by a measure word that ends the core name (平台个数 → (个,)), preferred first."""
    core = core_name(name)
    for suffix, units in _NAME_MEASURE:
        if core.endswith(suffix) and not core.endswith(("落" + suffix, "入" + suffix, "客" + suffix)):
            return units
    return None


def counted_noun_is_not_organisation(name: str) -> str | None:
    """The counted noun when it is clearly not an organisation (so 家 cannot count it)."""
    core = re.sub(r"(?:数量|个数|数目|总数|数)$", "", core_name(name))
    for noun in NON_ORGANISATION_NOUNS:
        if core.endswith(noun):
            return noun
    return None


def money_name(name: str) -> bool:
    return bool(re.search(r"(?:金额|资金|投资额|投资|费用|成本|营收|收入|产值|效益|经费)", core_name(name)))


def guess_unit(name: str) -> str | None:
    """A likely unit for a count or amount named ``name`` (used in suggestions only)."""
    written = name_unit(name)
    if written:
        return written
    measure = expected_from_measure_word(name)
    if measure:
        return measure[0]
    core = core_name(name)
    if RATE_NAME.search(core):
        return "%"
    best: tuple[int, str] | None = None
    for pattern, unit in _NOUN_UNITS:
        for m in re.finditer(pattern, core):
            if best is None or m.end() > best[0]:
                best = (m.end(), unit)
    return best[1] if best else None


_NOUN_UNITS: tuple[tuple[str, str], ...] = (
    (r"企业|公司|单位|机构|园区|医院|学校|商户|运营商", "家"), (r"人员|人才|选手|代表|学员|对象", "人"),
    (r"平台|项目|场景|案例|产品|中心|基地|节点|模块|系统", "个"), (r"活动|会议|论坛|培训|讲座", "场"),
    (r"报告|方案|规划|规定|办法|文件|材料", "份"), (r"次数|频次", "次"),
    (r"金额|资金|投资|费用|成本|营收|收入|产值", "万元"), (r"时间|时限|时长|周期", "天"),
)
