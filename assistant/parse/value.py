"""The target-value grammar: ``≥1500家``, ``2-3家``, ``相比上年减少10%``, ``抽查站点数≥600个，充电桩数≥1800台``.

``parse_target(text)`` never raises. A text with no number is ``qualitative``; a blank, a dash or a
template placeholder (``≥**个``, ``【待填】``) is ``missing``. Conventions follow shared/gold/README.md:
a bare number is ``=``; a measure word 个 or the adjective 大 before a noun unit is dropped; magnitude
words stay in the unit (``万户``); ``%`` and ``百分点`` are kept apart; a relative change carries its
basis and a signed value (减少10% → ``<= -10 %``).
"""

from __future__ import annotations

import html
import re

from assistant.model import Op, Target, TargetPart

_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９．％＋－＜＞＝，；：（）～≧≦⩾⩽≯≮\u3000\xa0",
    "0123456789.%+-<>=,;:()~≥≤≥≤≤≥  ",
)
_ASCII_OPS = re.compile(r">=|<=|=>|=<")
_ASCII_OP_MAP = {">=": "≥", "<=": "≤", "=>": "≥", "=<": "≤"}

_PLACEHOLDER = re.compile(r"\*{1,}|＊+|【[^】]*】|\[[^\]]*待[^\]]*\]|[Xx]{2,}|_{2,}|待填|待定|※+")
_EMPTY = re.compile(r"^[\s/／\\—\-–_无/、。.·…]*$")

_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
_CN_RUN = re.compile(r"[零〇一二两三四五六七八九十百千]+")
# A Chinese numeral is converted only before one of these measure words, so that 进一步, 一批, 一定,
# 统一 and the like stay words.
_CN_MEASURE = "个项人次场家份篇条台套辆户名期批支所座件本册部万亿元天日周月年小分公里米倍"
_CN_NOT_AFTER = "进统唯第单同之逐专万"


def _cn_to_int(run: str) -> int | None:
    total, current = 0, 0
    for ch in run:
        if ch in _CN_DIGIT:
            current = current * 10 + _CN_DIGIT[ch] if current and run[0] not in _CN_UNIT else _CN_DIGIT[ch]
        elif ch in _CN_UNIT:
            total += (current or 1) * _CN_UNIT[ch]
            current = 0
        else:
            return None
    return total + current


def _replace_cn_numerals(text: str) -> str:
    def sub(m: re.Match[str]) -> str:
        run = m.group(0)
        after = text[m.end(): m.end() + 1]
        before = text[m.start() - 1: m.start()] if m.start() else ""
        if not after or after not in _CN_MEASURE or (before and before in _CN_NOT_AFTER):
            return run
        if run in ("百", "千") or text.startswith(("百分", "千分"), m.end() - 1):
            return run
        if run == "一" and after in "批次个项期年" and not before:
            return run if after == "批" else "1"
        value = _cn_to_int(run)
        return run if value is None else str(value)

    return _CN_RUN.sub(sub, text)


_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def normalize(text: str) -> str:
    """Decode entities, fold full-width forms and comparator look-alikes, convert Chinese numerals."""
    out = html.unescape(text) if "&" in text else text
    out = out.translate(_FULLWIDTH)
    if "=" in out:
        out = _ASCII_OPS.sub(lambda m: _ASCII_OP_MAP[m.group(0)], out)
    if "," in out:
        out = _THOUSANDS.sub("", out)
    return _replace_cn_numerals(out).strip()


_PRE_OPS: list[tuple[str, Op]] = [
    ("不少于", Op.GE), ("不低于", Op.GE), ("不小于", Op.GE), ("大于等于", Op.GE), ("至少", Op.GE),
    ("达到", Op.GE), ("≥", Op.GE), ("不超过", Op.LE), ("不高于", Op.LE), ("不多于", Op.LE),
    ("不大于", Op.LE), ("小于等于", Op.LE), ("控制在", Op.LE), ("至多", Op.LE), ("最多", Op.LE),
    ("≤", Op.LE), ("超过", Op.GT), ("多于", Op.GT), ("大于", Op.GT), ("高于", Op.GT), ("超", Op.GT),
    (">", Op.GT), ("少于", Op.LT), ("低于", Op.LT), ("小于", Op.LT), ("<", Op.LT), ("等于", Op.EQ),
    ("=", Op.EQ), ("达", Op.GE),
]
_POST_OPS: list[tuple[str, Op]] = [
    ("及以上", Op.GE), ("以上", Op.GE), ("及以下", Op.LE), ("以下", Op.LE), ("以内", Op.LE),
    ("之内", Op.LE), ("内", Op.LE),
]
_DECREASE = ("减少", "下降", "降低", "压减", "缩短", "减", "降")
_INCREASE = ("增长", "提高", "提升", "增加", "上升", "增幅", "增", "升", "提")
_PRE_OP = dict(_PRE_OPS)
_POST_OP = dict(_POST_OPS)
_TRAILING_CHANGE = re.compile("(" + "|".join(_DECREASE + _INCREASE) + r")\s*$")
_BASIS = [("上年", "上年"), ("去年", "上年"), ("上一年", "上年"), ("同比", "上年"), ("累计", "累计"),
          ("上期", "上期"), ("基期", "基期")]

_NUMBER = r"[-+]?\d+(?:\.\d+)?"
_PRE = "|".join(re.escape(w) for w, _ in _PRE_OPS)
_CHANGE = "|".join(re.escape(w) for w in _DECREASE + _INCREASE)
_TOKEN = re.compile(
    rf"(?P<change>{_CHANGE})?\s*(?P<pre>{_PRE})?\s*(?P<pm>±)?\s*(?P<num>{_NUMBER})"
    rf"(?:\s*(?P<low_unit>[%‰]|[^\s\d,，;；、。:：()（）≥≤<>=±\-~～—–－至到]{{1,4}})?"
    rf"\s*(?P<dash>[-~～—–－至到])\s*(?P<high>{_NUMBER}))?"
    r"\s*(?P<unit>\(\s*[%‰]\s*\)|[%‰]|[^\s\d,，;；、。:：()（）≥≤<>=±]{0,8})"
    r"(?P<post>及以上|以上|及以下|以下|以内|之内)?"
)
_DATE = re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*日)?\s*(?P<post>前|之前|以前|底前|内)?")
_YEAR = re.compile(r"(?<![\d.])(?:19|20)\d{2}(?=\s*年)")
_UNIT_STOP = re.compile(r"(及以上|以上|及以下|以下|以内|之内|左右|规模|的|前|后|，|。).*$")
_NOUN_UNIT_TAIL = set("个项人次场家份篇条台套辆户名期批支所座件本册部")


def _clean_unit(raw: str) -> tuple[str | None, Op | None]:
    unit = raw.strip().strip("()（）")
    post_op = None
    for word, op in _POST_OPS:
        idx = unit.find(word)
        if idx >= 0 and (word != "内" or idx == len(unit) - 1):
            post_op = op
            unit = unit[:idx]
            break
    unit = _UNIT_STOP.sub("", unit)
    if len(unit) > 1 and unit[0] in "个大" and unit[1] not in "%‰" and not unit.startswith("个百分点"):
        unit = unit[1:]
    if unit.startswith("个百分点"):
        unit = "百分点"
    return (unit or None), post_op


_SUBJECT_HEAD = re.compile(r"^(各|共|计|合计|总计|约|每年|全年|年均)")
_SUBJECT_TAIL = re.compile(r"(相比|比|较|对比|同比)$")
_BASIS_YEAR = re.compile(r"(?:较|比|相比)\s*(\d{4})\s*年")


def _subject(text: str) -> str | None:
    s = text
    for word, _ in _BASIS:
        s = s.replace(word, "")
    s = _SUBJECT_HEAD.sub("", s)
    s = _SUBJECT_TAIL.sub("", s)
    s = s.strip(" ，,;；、：:。（）()")
    return s or None


def _basis(text: str) -> str | None:
    for word, basis in _BASIS:
        if word in text:
            return basis
    m = _BASIS_YEAR.search(text)
    return f"{m.group(1)}年" if m else None


def _last_day(year: int, month: int) -> int:
    import calendar

    return calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 1


def _part_from(clause: str) -> TargetPart | None:
    date = _DATE.search(clause)
    if date:
        month_end = (date.group("post") or "").startswith("底") or clause[date.end():date.end() + 1] in ("底", "末")
        day = int(date.group("d") or (_last_day(int(date.group("y")), int(date.group("m"))) if month_end else 1))
        stamp = int(date.group("y")) * 10000 + int(date.group("m")) * 100 + day
        op = Op.LE if date.group("post") else Op.EQ
        before = clause[: date.start()].strip()
        for word, candidate in _PRE_OPS:
            if before.endswith(word):
                op, before = candidate, before[: -len(word)]
                break
        return TargetPart(op=op, value=stamp, unit="日期", subject=_subject(before))
    masked = _YEAR.sub(lambda y: "#" * len(y.group(0)), clause)
    matches = list(_TOKEN.finditer(masked)) or list(_TOKEN.finditer(clause))
    if not matches:
        return None
    with_op = [m for m in matches if m.group("pre") or m.group("change")]
    m = with_op[0] if with_op else matches[-1]
    value = _num(m.group("num"))
    unit, post_op = _clean_unit(m.group("unit") or "")
    if m.group("post"):
        post_op = _POST_OP[m.group("post")]
    op = Op.EQ
    if m.group("pre"):
        op = _PRE_OP[m.group("pre")]
    elif post_op:
        op = post_op
    high = None
    if m.group("pm"):
        op, high, value = Op.RANGE, value, -value
    elif m.group("high") is not None:
        op, high = Op.RANGE, _num(m.group("high"))
    head = clause[: m.start()]
    change = m.group("change") or _trailing_change(head)
    basis = _basis(clause)
    if change in _DECREASE and value is not None and op is not Op.RANGE:
        value = -abs(value)
        op = {Op.GE: Op.LE, Op.GT: Op.LT, Op.LE: Op.GE, Op.LT: Op.GT}.get(op, Op.LE) if m.group("pre") else Op.LE
    elif change in _INCREASE and op is Op.EQ and basis:
        op = Op.GE
    subject_text = head
    if change and head.endswith(change):
        subject_text = head[: -len(change)]
    return TargetPart(op=op, value=value, high=high, unit=unit, basis=basis, subject=_subject(subject_text))


def _trailing_change(head: str) -> str | None:
    m = _TRAILING_CHANGE.search(head)
    return m.group(1) if m else None


def _num(text: str) -> int | float:
    number = float(text)
    return int(number) if number.is_integer() and "." not in text else number


# A published template whose 指标值 cell holds only a unit (``公里``, ``≧ %``): the value was never filled in.
_UNIT_ONLY = re.compile(r"^(?:≥|≤|>|<|=)?(?:%|‰|个|人|人次|次|家|户|元|万元|亿元|天|日|月|年|小时|台|套|座|处|项|份|篇|"
                        r"平方米|亩|株|吨|辆|条|所|件|公里|千米|米|场|期|批|名|个百分点|百分点|分)$")
# A unit printed in parentheses after its number, as 申报表 systems print it: ``=2(家)``, ``≥3(年)``.
_UNIT_PAREN = re.compile(r"(\d)\s*\(\s*(?!含|不含|约|暂定)([^()\d\s,;，；]{1,4})\s*\)")
_CLAUSE_SPLIT = re.compile(r"[，,；;]|(?<=[。])")


def parse_target(text: str, *, comparator: str | None = None, unit: str | None = None) -> Target:
    """Parse one 指标值. ``comparator`` and ``unit`` come from separate columns when a table has them."""
    raw = _UNIT_PAREN.sub(r"\1\2", normalize(text)) if text else ""
    comp = normalize(comparator) if comparator else ""
    col_unit = (normalize(unit).strip("()（）") or None) if unit else None
    if comp in ("定性", "定性指标"):
        return Target(kind="qualitative") if raw and not _EMPTY.match(raw) else Target(kind="missing")
    if _EMPTY.match(raw):
        return Target(kind="missing")
    if _PLACEHOLDER.search(raw) or _UNIT_ONLY.match(raw.replace(" ", "")):
        return _placeholder_target(raw, comp, col_unit)
    parts: list[TargetPart] = []
    for clause in _CLAUSE_SPLIT.split(raw.rstrip("。")):
        clause = clause.strip()
        if not clause:
            continue
        part = _part_from(clause)
        if part is not None:
            parts.append(part)
    if not parts:
        return Target(kind="qualitative")
    if len(parts) == 1:
        part = parts[0]
        column_op = _column_op(comp)
        if column_op is not None and part.op is Op.EQ and not re.search(r"[=＝]|等于", raw):
            part.op = column_op
        if part.unit is None and col_unit:
            part.unit = col_unit
    return Target(kind="quantitative", parts=parts)


def _column_op(comp: str) -> Op | None:
    comp = comp.strip()
    if not comp:
        return None
    for word, op in _PRE_OPS + _POST_OPS:
        if comp == word or comp.startswith(word):
            return op
    return {"正向": Op.GE, "反向": Op.LE, "等于": Op.EQ}.get(comp)


def _placeholder_target(raw: str, comp: str, col_unit: str | None) -> Target:
    stripped = _PLACEHOLDER.sub("", raw)
    op = _column_op(comp) or Op.EQ
    for word, candidate in _PRE_OPS:
        if stripped.startswith(word):
            op, stripped = candidate, stripped[len(word):]
            break
    unit, _ = _clean_unit(stripped)
    part = TargetPart(op=op, value=None, unit=unit or col_unit, placeholder=True)
    return Target(kind="missing", parts=[part])


def is_measurable(text: str) -> bool:
    """True when the value names a comparable target: a number or a placeholder, with a unit."""
    target = parse_target(text)
    return bool(target.parts) and all(p.unit for p in target.parts)
