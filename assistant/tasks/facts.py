"""The officer's own facts: every figure of a description and every goal clause, as indicator rows.

``read_facts(desc)`` reads the name, goal, content and beneficiaries of a :class:`ProjectDescription`:

- a figure is a number with its unit and magnitude as written (``2万亩``, ``120万人次``, ``252万元``), a
  comparator (不少于/不低于/以上/达到 → ≥, 不超过/以内 → ≤, none → ≥ for a count, = for a standard), whether
  it is approximate (约/左右, the number is kept), a range (``6-8场``), a per-unit price or standard (``每台
  6000元``, ``3000元/人·月``) as distinct from a total, a date with or without a year, and "不发生…事件" as
  ``=0起``;
- the budget is the total money figure of a clause that speaks of the budget (预算/总共/资金/经费…), never a
  unit price and never an outcome (新增产值…);
- unit costs are computed from the budget and the main quantity (3200万元 ÷ 2万亩 = 1600元/亩) and a count
  from a total and a unit price (252万元 ÷ 6000元/台 = 420台), both marked 测算;
- every figure ends up in a row or in ``unused`` with the reason; goal clauses without a figure are kept in
  ``clauses`` for the caller to cover with library records.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from assistant.parse.value import normalize

_MONEY = ("亿元", "万元", "元")
_PEOPLE = ("人次", "人", "名", "位")
_COUNT = ("户次", "场次", "班次", "架次", "车次", "批次", "人天", "课时", "学时", "个", "项", "家", "户", "场", "期", "次",
          "份", "篇", "套", "台", "件", "条", "所", "座", "处", "批", "本", "册", "部", "辆", "张", "只", "头", "株", "棵",
          "盏", "块", "间", "栋", "起", "例", "页", "具", "头只", "台套", "剂", "剂次", "支", "门", "节", "天", "小时", "分钟", "个工作日", "工作日",
          "年", "个月", "月", "周", "届", "期次", "单", "宗", "件次", "份次", "册次", "车公里", "日", "轮", "轮次")
_SIZE = ("平方公里", "平方米", "立方米", "公里", "千米", "km", "m²", "m³", "亩", "公顷", "吨", "公斤", "千克", "斤", "米", "千瓦", "兆瓦")
_UNITS = sorted(_MONEY + _PEOPLE + _COUNT + _SIZE + ("%", "‰", "个百分点", "百分点"), key=len, reverse=True)
_UNIT_RE = "|".join(re.escape(u) for u in _UNITS)
_PER = (r"(?:车公里|平方公里|平方米|人次|课时|学时|台套|台|套|人|名|户|亩|个|所|家|场|期|次|件|辆|公里|吨|份|间|座|处|剂|例|张|天|"
        r"小时|月|年|班|餐|生|床|车|位|页|盏|具|校)")
_NUM = r"\d+(?:\.\d+)?"
_GE_PRE = ("不少于", "不低于", "不小于", "至少", "达到", "达", "超过", "多于", "高于", "≥", ">")
_LE_PRE = ("不超过", "不高于", "不多于", "控制在", "至多", "最多", "低于", "少于", "≤", "<")
_PRE_RE = "|".join(sorted(_GE_PRE + _LE_PRE + ("等于", "为", "="), key=len, reverse=True))
_OP_OF = {**{w: "≥" for w in _GE_PRE}, **{w: "≤" for w in _LE_PRE}, "超过": ">", "多于": ">", "高于": ">",
          ">": ">", "低于": "<", "少于": "<", "<": "<", "等于": "=", "为": "=", "=": "="}
_FIGURE = re.compile(
    rf"(?:(?P<per1>每(?P<per1u>{_PER})(?:[\u4e00-\u9fa5]{{0,2}}?每(?:月|年|天|次))?)(?P<gap>[^\d，,。；;每]{{0,6}}?))?\s*"
    rf"(?P<op>{_PRE_RE})?\s*(?P<approx>约|大约|近|约为|预计约|预计)?\s*"
    rf"(?P<num>{_NUM})(?:\s*(?:-|~|～|—|至|到)\s*(?P<num2>{_NUM}))?\s*(?P<mag>万|亿|千)?\s*"
    rf"(?P<unit>{_UNIT_RE})(?P<per2>\s*/\s*(?:{_PER})(?:\s*[·.]\s*(?:月|年|天|次))?)?"
    r"(?P<post>左右|以上|及以上|以下|及以下|以内|余|多|上下)?")
_DATE = re.compile(r"(?:(?P<y>\d{4})\s*年\s*)?(?P<m>\d{1,2})\s*月(?:\s*(?P<d>\d{1,2})\s*日|底|末|上旬|中旬|下旬|份)?"
                   r"(?:前|之前|以前|内)?")
_ENUM = re.compile(r"^(?:\d{1,2}\s*[.、．](?!\d)|\d{1,2}\s*[.．](?=\d{1,2}\s*月)|[（(]\d{1,2}[)）]|[一二三四五六七八九十]+、)")
_AVG = re.compile(rf"(?P<avg>人均|户均|亩均|生均|场均|件均|次均|单车|单台|单个|单家|单件|每家|每个|每户)(?P<what>[^\d，,。；;]{{0,8}}?)"
                  rf"(?P<op>约|大约|不超过|不高于|最高不超过|最高|控制在)?(?P<num>{_NUM})\s*(?P<unit>万元|元)(?P<post>左右|以内|以下)?")
_FREQ = re.compile(rf"每(?P<period>日|天|周|月|季度|年)(?P<act>[^\d，,。；;]{{0,10}}?)(?P<op>不少于|至少|不低于)?(?P<num>{_NUM})\s*"
                   r"(?P<unit>次|遍|趟)")
_SPACING = re.compile(rf"每(?P<num>{_NUM})\s*(?P<unit>公里|米|千米)设(?:置)?(?P<n>{_NUM}|一)\s*(?:个|处|座)(?P<what>[^，,。；;]{{2,10}})")
_WITHIN = re.compile(rf"(?P<when>(?P<num>{_NUM})\s*(?P<unit>个工作日|工作日|日|天|小时|分钟)内|当日|当天|即时)"
                     r"(?P<act>[^，,。；;\d]{1,10})")
_DENSITY = re.compile(rf"每(?P<t>月|年|日|天)每(?P<a>平方公里|平方米|公里|人|户|亩)(?P<num>{_NUM})\s*(?P<u>吨|公斤|千克|次|件)"
                      r"(?P<post>以下|以内|以上)?")
_ZERO2 = re.compile(r"(?P<what>[^，,。；;]{2,20}?)(?:数)?(?:为零|为0|清零|归零|动态清零|保持为零|实现零增长|零增长|实现零发生|保持零发生|零发生)")
_YEAR_ONLY = re.compile(r"(?P<y>20\d{2})\s*年(?:度)?")
_AGE = re.compile(rf"{_NUM}\s*(?:周岁|岁)(?:以上|及以上|以下)?")
_ZERO = re.compile(r"(?:不发生|杜绝|无|零|未发生|不出现|避免发生)(?P<what>[^，,。；;]{0,30}?(?:事件|事故|案件|疫情|伤亡|问题|投诉|"
                   r"火灾|中毒|泄漏|污染|舆情|违法行为|违规行为))")
_CLAUSE = re.compile(r"[，,。；;\n]|(?<=[^\d])、(?=[^\d])")
_BUDGET_WORDS = re.compile(r"预算|总共|共计|合计|总计|总额|资金|经费|投入|投资|拨付|安排|申请|总价|总金额|计划使用|需要|费用")
_OUTCOME_MONEY = re.compile(r"产值|收入|营业|销售|税|利润|增收|节约|节省|带动|撬动|吸引投资|社会资本|融资|交易额|消费|GDP|效益|"
                            r"意向|成交|签约|到位|内资|外资|引资|招商|投资总额|增加值|挽回")
_STANDARD = re.compile(r"标准|每人每月|每人每年|/人\s*[·.]\s*[月年]")
_RATE_QUALITY = re.compile(r"差错|错误|失误|合格|验收|准确|达标|优良|完成率|通过率|完好|到位率|及时|按期|准时|执行率|办结|完成|正确|规范")
_RATE_SAT = re.compile(r"满意")
_LEAD = re.compile(r"^(?:提供|开展|实施|发放|通过|力争|争取|计划|预计|全年|年内|本年度|今年|共|累计|合计|总共|共计|并|和|及|且|同时|其中|"
                   r"为|对|向|给|在|使|将|让|确保|保证|实现|完成|达到|约|大约|不少于|不低于|以上)+")
_SCOPE = re.compile(r"^(?:全区|全市|全县|全镇|全省|全乡|全街道|辖区内?|区内|市内|县内|本区|本市|本县|各|所有|全部|该|本)+")
VERBS = ("检查", "抽检", "检测", "监测", "巡查", "巡河", "执法", "督查", "培训", "轮训", "接种", "体检", "筛查", "养护", "维修",
         "修缮", "维护", "运维", "建设", "新建", "改建", "扩建", "改造", "提升改造", "硬化", "铺设", "安装", "购置", "采购",
         "配备", "配发", "更新", "发放", "补助", "补贴", "资助", "救助", "慰问", "奖励", "宣传", "举办", "承办", "组织",
         "服务", "供餐", "助餐", "配餐", "送餐", "清理", "清淤", "疏浚", "保洁", "打捞", "治理", "整治", "修复", "种植",
         "造林", "绿化", "招聘", "培育", "引进", "孵化", "办理", "受理", "援助", "咨询", "调解", "演练", "巡逻", "整改",
         "验收", "参赛", "参与", "接待", "覆盖", "收治", "诊疗", "救治", "安置", "帮扶", "吸纳", "就业", "入住", "出版",
         "编制", "制定", "修订", "调研", "研究", "评估", "采样", "消杀", "收集", "处理", "清运", "转运", "建成", "开发",
         "上线", "接入", "部署", "提供", "开展", "实施", "完成", "新增", "覆盖")
_WEAK_VERBS = ("提供", "开展", "实施", "完成", "新增", "覆盖")
_VERB_RE = "|".join(sorted(VERBS, key=len, reverse=True))
_STOP = re.compile(rf"(?:{_VERB_RE}|的|和|及|与|并|进行|等|每|各|，|,|。|；|;|、|$)")
_PEOPLE_WORDS = re.compile(r"人|员|者|队|老|民|生|师|童|户主|职工|选手|观众|患者|群众|居民|家庭|儿童|学生|教师|医生|残疾|妇女|青年")


@dataclass
class Figure:
    """One number the officer wrote. ``number`` is in ``unit`` as written (``120`` with ``万人次``);
    ``scale`` turns it into base units (10000 for 万); money is always also given in 万元 by :meth:`wan`."""

    span: str
    clause: str
    number: float
    unit: str
    comparator: str
    approx: bool = False
    high: float | None = None
    scale: float = 1.0
    per: str | None = None
    start: int = 0
    end: int = 0
    prev: str = ""
    nxt: str = ""
    goal: bool = False
    beneficiary: bool = False

    @property
    def base(self) -> str:
        """The unit without its magnitude (``人次`` for ``万人次``)."""
        return self.unit[1:] if self.unit[:1] in ("万", "亿", "千") and self.unit not in _MONEY else self.unit

    @property
    def money(self) -> bool:
        return self.base in _MONEY and self.per is None

    def wan(self) -> float:
        """A money figure in 万元."""
        factor = {"亿元": 10000.0, "万元": 1.0, "元": 0.0001}[self.unit if self.unit in _MONEY else "元"]
        return self.number * self.scale * factor

    def count(self) -> float:
        return self.number * self.scale


@dataclass
class FactRow:
    """A row the officer's facts make. ``sub`` is a 二级 name (成本指标 placed by the caller's layout)."""

    sub: str
    name: str
    comparator: str
    value: str
    unit: str | None
    basis: str
    source: str
    reason: str
    derived: bool = False
    spans: tuple[str, ...] = ()


@dataclass
class Facts:
    figures: list[Figure] = field(default_factory=list)
    dates: list[tuple[str, str]] = field(default_factory=list)
    budget: float | None = None
    budget_span: str | None = None
    rows: list[FactRow] = field(default_factory=list)
    clauses: list[str] = field(default_factory=list)
    content_clauses: list[str] = field(default_factory=list)
    unused: list[tuple[str, str]] = field(default_factory=list)


def fmt(x: float) -> str:
    return str(int(round(x))) if abs(x - round(x)) < 1e-9 else f"{x:.2f}".rstrip("0").rstrip(".")


def _clean_noun(text: str) -> str:
    text = _LEAD.sub("", text.strip(" ：:（）()"))
    text = re.sub(rf"^{_NUM}\s*(?:{_UNIT_RE})(?![岁])", "", text)
    text = _SCOPE.sub("", text)
    return text.strip(" 的")[:12]


def _noun_after(text: str) -> str:
    """The noun phrase right after a figure (``80岁以上老年人`` in ``…名80岁以上老年人提供…``)."""
    text = re.sub(r"^[的，,\s]+", "", text)
    m = _STOP.search(text)
    return _clean_noun(text[: m.start()] if m else text)


def _noun_before(text: str) -> str:
    """The noun phrase ending right before a figure (``学校食堂`` in ``…检查学校食堂不少于``)."""
    text = re.sub(rf"(?:{_PRE_RE}|约|大约|预计|共|累计|合计|总共|全年|年内|每年|达到|达)+$", "", text.strip())
    parts = re.split(rf"{_VERB_RE}|(?<![成认行以])为|对|(?<![意方导取动风])向|给|在|从|把|将|使|让|以|由|其中|，|,|、", text)
    return _clean_noun(parts[-1] if parts else "")


def _verbs(clause: str) -> list[str]:
    return [m.group(0) for m in re.finditer(_VERB_RE, clause)]


def _action(clause: str) -> str:
    """The main verb of a clause: the first strong one, else the first weak one."""
    found = _verbs(clause)
    strong = [v for v in found if v not in _WEAK_VERBS]
    return strong[0] if strong else (found[0] if found else "")


def _object_of(clause: str, verb: str, fig: Figure) -> str:
    """The object of ``verb`` in ``clause`` (the noun after it), ignoring the figure itself."""
    if not verb:
        return ""
    i = clause.find(verb)
    rest = clause[i + len(verb):]
    rest = rest.replace(fig.span, "")
    return _noun_after(rest)


def _measure_name(fig: Figure, project_name: str) -> str:
    """A measure name for a count or size figure: object + action + what is counted."""
    clause = fig.clause
    before, after = clause[: fig.start], clause[fig.end:]
    verb = _action(clause)
    if (not verb or verb in _WEAK_VERBS) and fig.nxt:
        verb = _action(fig.nxt) or verb
    noun = _noun_after(after) or _noun_before(before)
    if noun and verb and noun.endswith(verb):
        noun = noun[: -len(verb)]
    obj = _object_of(clause, verb, fig) if verb else ""
    between = ""
    if verb and verb in before:
        between = _clean_noun(re.sub(rf"(?:{_PRE_RE}|约|大约|预计|共|累计|全年|不少于)+$", "",
                                     before[before.rfind(verb) + len(verb):]))
        if not 2 <= len(between) <= 14:
            between = ""
    base = fig.base
    if base in ("人", "名", "位"):
        who = noun if _PEOPLE_WORDS.search(noun or "") else (obj if _PEOPLE_WORDS.search(obj or "") else "")
        if not who and (named := re.search(r"(?:失能|半失能|困难|高龄|残疾|在职)?(?:老人|老年人|学生|儿童|居民|群众|患者|职工|"
                                           r"干部|村民|残疾人|师生)", after[:16])):
            who = named.group(0)
        act = verb if verb and verb not in _WEAK_VERBS else ("服务" if verb == "提供" else "")
        if who:
            return f"{act}{who}人数" if act and act not in who else f"{who}人数"
        return f"{act or '受益'}人数"
    if base == "人次":
        act = verb if verb and verb not in ("完成", "新增") else "服务"
        head = noun if noun and not _PEOPLE_WORDS.fullmatch(noun or "") and noun != act else ""
        if re.search(r"(?:量|数|人次)$", head):
            return head
        return f"{head}{act}人次" if head and act not in head else f"{head or ''}{act}人次".lstrip()
    if base in _SIZE:
        kind = "面积" if base in ("亩", "公顷", "平方米", "平方公里", "m²") else (
            "里程" if base in ("公里", "千米", "km") else ("长度" if base == "米" else (
                "体量" if base in ("立方米", "m³") else ("重量" if base == "吨" else "规模"))))
        thing = noun if noun and noun not in (verb,) else obj
        act = verb if verb not in _WEAK_VERBS else ""
        return f"{thing}{act}{kind}" if thing or act else f"实施{kind}"
    if base == "起" or base == "例":
        return f"{noun or obj or '事件'}发生{base}数"
    thing = noun or obj
    act = verb if verb and verb not in _WEAK_VERBS else ""
    if thing and act and thing.endswith(act):
        act = ""
    if base in ("场", "场次", "期", "次", "班次", "期次", "届", "轮", "轮次"):
        core = between if between else (f"{thing}{act}" if (thing or act) else "活动")
        return core + ("场次" if base in ("场", "场次") else ("期数" if base in ("期", "期次", "届") else (
            "轮次" if base.startswith("轮") else "次数")))
    if base in ("户次", "件次", "车次", "架次", "批次"):
        return f"{thing}{act}{base}" if (thing or act) else f"服务{base}"
    if base in ("天", "小时", "分钟", "个工作日", "工作日", "月", "周", "年"):
        return f"{thing}{act}时长" if (thing or act) else "工作时长"
    if not thing and not act:
        thing = re.sub(r"(?:项目|工作|经费|专项资金|资金)$", "", project_name)[:10]
    label = "数" if base in ("户", "家", "个", "所", "项", "座", "处", "条") else "数量"
    return f"{act}{thing}{label}" if act and thing and act not in thing else f"{thing or act}{label}"


def _op(fig_match: re.Match[str]) -> str:
    pre, post = fig_match.group("op"), fig_match.group("post")
    if pre:
        return _OP_OF.get(pre, "≥")
    if post in ("以上", "及以上", "余", "多"):
        return "≥"
    if post in ("以下", "及以下", "以内"):
        return "≤"
    return ""


def _calendar_year(m: re.Match[str], unit: str, mag: str) -> bool:
    """``2022年`` in ``支持2022年中国工业文化发展大会`` names a year, not a duration of 2022 years: a bare whole
    number from 1949 to 2100 before 年, with no comparator, range or magnitude."""
    number = m.group("num")
    return (unit == "年" and not mag and "." not in number and 1949 <= float(number) <= 2100
            and not m.group("num2") and _op(m) in ("", "="))


def _figures(clause: str) -> list[Figure]:
    out = []
    masked = _AGE.sub(lambda m: "#" * len(m.group(0)), clause)
    masked = _DATE.sub(lambda m: "#" * len(m.group(0)), masked)
    masked = _MONTHLY.sub(lambda m: "#" * len(m.group("when")) + m.group("act"), masked)
    for m in _FIGURE.finditer(masked):
        unit = m.group("unit")
        mag = m.group("mag") or ""
        if unit in _MONEY:
            if mag == "万" and unit == "元":
                unit, mag = "万元", ""
            elif mag == "亿" and unit == "元":
                unit, mag = "亿元", ""
        scale = {"万": 10000.0, "亿": 1e8, "千": 1000.0}.get(mag, 1.0)
        per = None
        if m.group("per1") and (unit in _MONEY or not m.group("gap") or m.group("per1u") in ("人", "位", "户", "所", "家")):
            per = {"餐": "人·餐", "生": "生", "位": "人"}.get(m.group("per1u"), m.group("per1u")) + ("·" + m.group("per1")[-1] if re.search(r"每(?:月|年|天|次)$", m.group("per1"))
                                      and len(m.group("per1")) > 2 else "")
        elif m.group("per2"):
            per = re.sub(r"[\s/]", "", m.group("per2")).replace(".", "·")
        elif unit in _MONEY and re.match(r"\s*/\s*人", clause[m.end():]):
            per = "人"
        approx = bool(m.group("approx") and "约" in m.group("approx")) or m.group("post") in ("左右", "上下", "余", "多")
        if m.group("approx") == "近":
            approx = True
        if _calendar_year(m, unit, mag):
            continue
        span = clause[m.start():m.end()]
        out.append(Figure(span=span.strip(), clause=clause, number=float(m.group("num")), unit=mag + unit
                          if unit not in _MONEY else unit, comparator=_op(m), approx=approx,
                          high=float(m.group("num2")) if m.group("num2") else None, scale=scale, per=per,
                          start=m.start(), end=m.end()))
    return out


def shown_unit(fig: Figure) -> str:
    """The unit as a table shows it: the officer's magnitude kept, 名/位 counted as 人."""
    unit = fig.unit
    return unit[:-1] + "人" if unit.endswith(("名", "位")) and fig.base in ("名", "位") else unit


def _value(op: str, fig: Figure, unit: str | None = None) -> str:
    return f"{op}{fmt(fig.number)}{unit if unit is not None else shown_unit(fig)}"


def _note(fig: Figure) -> str:
    notes = [f"取自您给出的“{fig.span}”"]
    if fig.approx:
        notes.append("原文为约数，数值照录，请核实是否按此作为目标值")
    if fig.high is not None:
        notes.append(f"原文为范围{fmt(fig.number)}–{fmt(fig.high)}，可取下限{fmt(fig.number)}作目标、上限写入说明")
    return "；".join(notes)


_MONTHLY = re.compile(r"(?P<when>(?:次月|每月|当月|下月)\s*(?P<d>\d{1,2})\s*日(?:前|之前|以前))(?P<act>[^，,。；;]{0,12})")


def _date_rows(clause: str, dates: list[tuple[str, str]]) -> list[FactRow]:
    rows = []
    for m in _MONTHLY.finditer(clause):
        act = _clean_noun(re.sub(r"上月|本月", "", m.group("act"))) or "办理"
        dates.append((m.group("when"), clause))
        rows.append(FactRow("时效指标", f"{act}时间", "≤", m.group("when"), None, "计划标准", "工作台账",
                            f"取自您给出的时间“{m.group('when')}”（每月执行）", spans=(m.group("when"),)))
    for m in _DATE.finditer(clause):
        text = m.group(0)
        if not re.search(r"月", text):
            continue
        rest = (clause[: m.start()] + clause[m.end():]).strip()
        rest = _LEAD.sub("", _SCOPE.sub("", rest))
        verb = _action(rest)
        thing = _noun_before(rest[: rest.find(verb)] if verb else rest) if verb else ""
        tail = rest[rest.find(verb):] if verb else rest
        tail = re.split(r"[，,]", tail)[0][:14]
        name = f"{thing}{tail}" if thing and thing not in tail else tail
        name = (name or "全部任务完成") + ("时间" if not name.endswith("时间") else "")
        value = text if re.search(r"前$|内$", text) else text + "前"
        year = "" if m.group("y") else "；原文未写年份，按预算年度理解"
        month = int(m.group("m"))
        if re.fullmatch(r"(?:\d{4}\s*年\s*)?\d{1,2}\s*月(?:前|之前|以前)", text) and 1 < month <= 12:
            last = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 2]
            value = (f"{m.group('y')}年" if m.group("y") else "") + f"{month - 1}月{last}日前"
            year += f"；“{text}”即{month}月1日之前，写成{month - 1}月{last}日前"
        dates.append((text, clause))
        rows.append(FactRow("时效指标", name, "≤", value, None, "计划标准", "工作台账/验收报告",
                            f"取自您给出的时间“{text}”{year}", spans=(text,)))
    return rows


def _rate_row(fig: Figure, project_name: str) -> FactRow:
    before = fig.clause[: fig.start]
    name = _LEAD.sub("", _SCOPE.sub("", re.sub(rf"(?:{_PRE_RE}|达|稳定在|保持在|提高到|提升到|提高至|提升至)+$", "",
                                                before.strip())))
    name = re.sub(r"(?:常年|保持|必须|要|需|稳定)+$", "", name.strip(" ：:，,"))[:20]
    if _RATE_SAT.search(name):
        sub = "服务对象满意度指标"
    elif re.search(r"审减|核减|节约|节支|增收|收入|产值|利润|税收", name):
        sub = "经济效益指标"
    elif _RATE_QUALITY.search(name):
        sub = "质量指标"
    else:
        sub = "社会效益指标"
    if not name:
        name = f"{project_name[:10]}目标完成率"
    elif len(name) <= 3 and fig.prev and (act := _action(fig.prev)) and act not in name:
        name = act + name
    if re.search(r"按.{0,16}的$|的$", before.strip()) and re.search(r"补助|补贴|奖励|奖补|资助|补偿", fig.clause):
        op = "≤" if re.search(r"最高|不超过|以内", fig.clause[: fig.end + 4]) else "="
        return FactRow("成本指标", "补助比例", op, _value(op, fig), "%", "预算支出标准", "补助政策文件",
                       _note(fig) + f"；按“{before.strip()}”计算补助", spans=(fig.span,))
    if re.search(r"(?:增长|提高|提升|增加|下降|降低|减少)$", name):
        name += "率" if re.search(r"增长|增加", name[-2:]) else "幅度"
    op = fig.comparator or "≥"
    if fig.number == 100 and op in ("≥", ""):
        op = "="
    if fig.base in ("个百分点", "百分点"):
        return FactRow(sub, name, op, _value(op, fig), fig.base, "历史标准", "统计数据",
                       _note(fig) + "；变化量以百分点计，需写明基期年份和基期值", spans=(fig.span,))
    return FactRow(sub, name, op, _value(op, fig), "%", "计划标准", "统计数据/工作台账", _note(fig), spans=(fig.span,))


def _is_budget(fig: Figure, money_in_text: int) -> bool:
    if not fig.money or _OUTCOME_MONEY.search(fig.clause):
        return False
    return bool(_BUDGET_WORDS.search(fig.clause)) or money_in_text == 1


def _unit_cost_name(base: str, thing: str) -> str:
    per = {"人": "人均", "名": "人均", "位": "人均", "人次": "人次均", "亩": "亩均", "户": "户均", "公里": "每公里",
           "千米": "每公里", "台": "单台", "套": "单套", "场": "单场", "场次": "单场", "期": "单期", "所": "每所",
           "个": "单个", "件": "单件", "辆": "单车", "平方米": "单位面积", "户次": "户次均", "吨": "每吨"}.get(base)
    prefix = per or f"每{base}"
    return f"{thing}{prefix}成本" if thing and len(thing) <= 8 else f"{prefix}成本"


def _cost_unit(amount_wan: float, qty: float, base: str) -> tuple[float, str]:
    yuan = amount_wan * 10000 / qty
    return (yuan, f"元/{base}") if yuan < 100000 else (yuan / 10000, f"万元/{base}")


def _base_unit(fig: Figure) -> str:
    return {"名": "人", "位": "人", "千米": "公里"}.get(fig.base, fig.base)


def read_facts(desc: object, *, name: str | None = None) -> Facts:
    """The facts of a :class:`ProjectDescription` (or any object with ``name``/``goal``/``content``/
    ``beneficiaries``/``amount``)."""
    project_name = name or getattr(desc, "name", "") or ""
    texts = [getattr(desc, a, None) or "" for a in ("goal", "content", "beneficiaries")]
    facts = Facts()
    content_text = spoken(normalize(getattr(desc, "content", None) or ""))
    money_total = 0
    clauses: list[tuple[str, str, bool]] = []
    benef: set[str] = set()
    seen: set[str] = set()
    for k, text in enumerate(texts):
        prev = ""
        for clause in _CLAUSE.split(spoken(normalize(text))):
            clause = _ENUM.sub("", clause.strip()).strip()
            if clause and clause not in seen:
                seen.add(clause)
                clauses.append((clause, prev, k == 0))
                if k == 2:
                    benef.add(clause)
            prev = clause or prev
    per_clause: list[tuple[str, list[Figure]]] = []
    told = ""
    for i, (clause, prev, is_goal) in enumerate(clauses):
        told += clause + "，"
        special, masked = _special_rows(clause)
        facts.rows.extend(special)
        each, spans = _entity_rows(clause, prev, told)
        facts.rows.extend(each)
        for a, b in spans:
            masked = masked[:a] + "#" * (b - a) + masked[b:]
        figs = [f for f in _figures(masked) if "#" not in f.span]
        for f in figs:
            f.span, f.clause = clause[f.start:f.end].strip(), clause
        nxt = clauses[i + 1][0] if i + 1 < len(clauses) and not _figures(clauses[i + 1][0]) else ""
        for f in figs:
            f.prev, f.nxt, f.goal, f.beneficiary = prev, nxt, is_goal, clause in benef
        money_total += sum(f.money for f in figs)
        per_clause.append((clause, figs))
    rows = facts.rows
    prices: list[Figure] = []
    quantities: list[Figure] = []
    budgets: list[Figure] = []
    for clause, figs in per_clause:
        has_row = any(clause in r.reason or any(sp in clause for sp in r.spans) for r in rows)
        for z in _ZERO.finditer(clause):
            what = _SCOPE.sub("", _LEAD.sub("", z.group("what"))).strip()
            what = re.sub(r"^(?:任何|重大|较大|一般)?", lambda m: m.group(0), what)
            unit = "起" if re.search(r"(?:事件|事故|案件|火灾|中毒|泄漏|污染|舆情|疫情)$", what) else (
                "人" if re.search(r"伤亡|死亡|失踪|伤害", what) else (
                    "起" if re.search(r"事件|事故|案件|火灾|中毒|泄漏|污染|舆情|疫情", what) else "次"))
            rows.append(FactRow("社会效益指标", f"{what}{'数' if unit == '人' else '发生数'}", "=", f"=0{unit}", unit, "计划标准", "监管部门通报/工作台账",
                                f"取自您给出的目标“{z.group(0)}”，“不发生”即目标值为0", spans=(z.group(0),)))
            has_row = True
        date_rows = _date_rows(clause, facts.dates)
        rows.extend(date_rows)
        has_row = has_row or bool(date_rows)
        for fig in figs:
            facts.figures.append(fig)
            has_row = True
            if fig.base in ("%", "个百分点", "百分点"):
                rows.append(_rate_row(fig, project_name))
            elif fig.base in _MONEY:
                if fig.per is not None:
                    prices.append(fig)
                elif _is_budget(fig, money_total):
                    budgets.append(fig)
                elif _OUTCOME_MONEY.search(clause):
                    thing = _noun_before(clause[: fig.start]) or "带动经济效益"
                    op = fig.comparator or "≥"
                    rows.append(FactRow("经济效益指标", thing if re.search(r"额|值|收入|利润|税", thing) else thing + "金额",
                                        op, _value(op, fig), fig.unit, "计划标准", "统计数据", _note(fig),
                                        spans=(fig.span,)))
                else:
                    budgets.append(fig)
            else:
                quantities.append(fig)
        if not has_row and clause and not _YEAR_ONLY.fullmatch(clause):
            if any(c == clause and g for c, _, g in clauses):
                facts.clauses.append(clause)
            elif clause in content_text and len(clause) >= 4 and _verbs(clause) and not re.match(r"经费|资金|费用", clause):
                facts.content_clauses.append(clause)
        for y in _YEAR_ONLY.finditer(clause):
            if not _DATE.search(clause[y.start():]) or not re.match(r"\d{4}\s*年\s*\d{1,2}\s*月", clause[y.start():]):
                facts.unused.append((y.group(0), "年度，作为预算年度的背景，不单独成为指标"))
    amount = getattr(desc, "amount", None)
    if budgets:
        top: Figure | None = max(budgets, key=lambda f: f.wan())
        if amount is not None:
            same = [b for b in budgets if abs(b.wan() - float(amount)) < 1e-6]
            top = same[0] if same else None
        if top is not None:
            facts.budget, facts.budget_span = top.wan(), top.span
        for b in budgets:
            if b is not top and re.search(r"其中|市级|区级|县级|省级|中央|自筹|配套|财政|上级|本级", b.clause):
                facts.unused.append((b.span, "资金来源的构成，写入资金来源栏，不作为绩效指标"))
            elif b is not top:
                thing = _noun_before(b.clause[: b.start]) or _noun_after(b.clause[b.end:])
                rows.append(FactRow("成本指标", f"{thing or '分项'}支出", "≤", _value("≤", b), b.unit, "预算支出标准",
                                    "财务决算/支付凭证", _note(b) + "；这是预算中的一部分，按分项成本列示", spans=(b.span,)))
    if amount is not None and facts.budget is None:
        facts.budget = float(amount)
    if facts.budget is not None:
        span = facts.budget_span or f"{fmt(facts.budget)}万元"
        rows.append(FactRow("成本指标", "项目总成本", "≤", f"≤{fmt(facts.budget)}万元", "万元", "预算支出标准",
                            "财务决算/支付凭证", f"上限取自您给出的预算“{span}”", spans=(span,)))
    for p in prices:
        rows.append(_price_row(p))
    for q in quantities:
        rows.append(_quantity_row(q, project_name))
    rows.extend(_derived(facts, prices, quantities, project_name))
    used = {s for r in rows for s in r.spans} | {s for s, _ in facts.unused}
    for fig in facts.figures:
        if fig.span not in used:
            facts.unused.append((fig.span, "未能确定它衡量什么，请补充说明后再起草"))
    return facts


_CN_DIGIT = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
def _about(num: str, mag: str) -> str:
    n = float(_CN_DIGIT.get(num, 0) or num)
    return f"约{fmt(n)}万元" if mag == "万" else f"约{fmt(n * 1000)}元"


_SPOKEN: tuple[tuple[str, str | Callable[[re.Match[str]], str]], ...] = (
    (r"百分之百", "100%"),
    (r"百分之(\d+(?:\.\d+)?)", r"\1%"),
    (r"(\d+(?:\.\d+)?)\s*块钱", r"\1元"),
    (r"(?<=补|费|价|花|贴|付|人)(\d+(?:\.\d+)?)\s*块(?!地|板|屏|牌)", r"\1元"),
    (r"(\d+(?:\.\d+)?)\s*块(?=上下|左右)", r"\1元"),
    (r"(?<![\d.])(\d+(?:\.\d+)?|两|一)\s*(万|千)来块钱?", lambda m: _about(m.group(1), m.group(2))),
    (r"(?<![\d.万])(\d+(?:\.\d+)?)\s*来块钱?", r"约\1元"),
    (r"(?<![\d.])(\d|[一二两三四五六七八九])万([一二三四五六七八九])(?![\d千百万])",
     lambda m: f"{_CN_DIGIT.get(m.group(1), m.group(1))}.{_CN_DIGIT[m.group(2)]}万元"),
    (r"(?:一个|每个|1个)(?:人|保安|保安员|队员|老人|学员|职工)(?:一个月|每个月|1个月|每月)", "每人每月"),
    (r"个钟头", "小时"),
    (r"大概|差不多", "约"),
    (r"每个月", "每月"),
    (r"年底前|年底之前", "12月底前"),
    (r"(\d+)\s*块(\d)(?![\d.])", r"\1.\2元"),
    (r"死伤人|死伤|死人|伤人", "人员伤亡"),
    (r"不能(?:因为|因)(?=[^，,。；;]{0,20}?(?:事件|事故|案件|伤亡))", "不发生因"),
    (r"(约?\d+(?:\.\d+)?(?:万元|元))(?:钱)?(?:一|1)(台|个|辆|套|座|盏|具|页|场|件|人|小时|平方米)(?![\d.])", r"每\2\1"),
    (r"(?<![\d.一])(?:一|1)(台套|台|个|辆|套|座|盏|具|页|场|件|小时|平方米|基站|村)(?=(?:[\u4e00-\u9fa5]{0,4}?)"
     r"(?:(?:一|1)(?:年|个月|月|天))?(?:补|差不多|大概|大约|约|运维费|费用)?\s*(?:\d|一万|两万))", r"每\1"),
    (r"(?<![\d.一])(?:一|1)个(村|基站|社区|点|学校|项目)(?=[\u4e00-\u9fa5]{0,6}?(?:补|约)?\s*\d)", r"每个\1"),
    (r"(每[\u4e00-\u9fa5]{1,6}?补[\u4e00-\u9fa5]{0,4}?)(\d+(?:\.\d+)?)(万)?(?![\d.%元万块])", r"\1\2\3元"),
    (r"(每[\u4e00-\u9fa5]{1,5}?)(?:一|1)(?:个)?(年|月|天)", r"\1每\2"),
    (r"(?<![\d.每])(?:一|1)年(?=\s*(?:\d|[一二三四五六七八九两]))", "全年"),
    (r"(?<![\d.])(\d+)个(?=[\u4e00-\u9fa5]{0,8}?(?:老人|老年人|学生|居民|群众|人员|保安|队员|学员|患者|急救员|村民|职工|干部|志愿者))",
     r"\1名"),
    (r"(?:差不多|大概|大约)(\d+(?:\.\d+)?)\s*块(?:钱)?", r"约\1元"),
    (r"(每[\u4e00-\u9fa5]{1,6}?)(\d+(?:\.\d+)?)\s*块(?:钱)?", r"\1\2元"),
    (r"(每[人户]每[月年]补)(\d+(?:\.\d+)?)(?=[，,。；;\s]|$)", r"\1\2元"),
    (r"头[（(]只[)）]", "头只"),
    (r"平米", "平方米"),
    (r"(\d{1,2})\s*号(?=前|之前|以前|截止|完成|完工|[，,。；;]|$)", r"\1日"),
    (r"(?:不能|不得|不准|不可|不许|决不能|绝不)(?:出|有|发生|出现)", "不发生"),
    (r"(?<![\d.])两(?=[个栋座所台套辆家人名户场期次条处项本册部间块亩])", "2"),
)


def spoken(text: str) -> str:
    """Spoken forms as written ones: 百分之九十 → 90%, 3块 → 3元, 平米 → 平方米, 20号前 → 20日前, 不能出 → 不发生,
    两栋 → 2栋, and a bare ``N万`` that ends a clause about money → N万元."""
    text = re.sub(r"百分之([一二三四五六七八九十]+)", lambda m: "百分之" + str(_cn_small(m.group(1))), text)
    for pattern, repl in _SPOKEN:
        text = re.sub(pattern, repl, text)
    return re.sub(r"(\d+(?:\.\d+)?)\s*万(?=[，,。；;\s]|$)", _bare_wan, text)


def _cn_small(word: str) -> int:
    if word == "十":
        return 10
    if "十" in word:
        tens, _, ones = word.partition("十")
        return (_CN_DIGIT.get(tens, 1) if tens else 1) * 10 + (_CN_DIGIT.get(ones, 0) if ones else 0)
    return _CN_DIGIT.get(word, 0)


def _bare_wan(m: re.Match[str]) -> str:
    before = m.string[max(0, m.start() - 12): m.start()]
    if re.search(r"人|户|家|名|次|亩|册|份|件|辆|台|套", before[-4:]) or re.search(r"惠及|覆盖|服务|受益", before):
        return m.group(0)
    return m.group(1) + "万元"


def _mask(text: str, m: re.Match[str]) -> str:
    return text[: m.start()] + "#" * (m.end() - m.start()) + text[m.end():]


def _special_rows(clause: str) -> tuple[list[FactRow], str]:
    """Rows for the phrasings a single figure does not carry: frequencies (每日保洁不少于1次), spacing (每2.5公里设
    1个救护点), time limits (30日内归档, 当日清运), per-head amounts (人均费用约80元, 单家最高50万元) and
    zero targets (为零, 动态清零); the clause comes back with those spans masked."""
    rows: list[FactRow] = []
    masked = clause
    for m in _FREQ.finditer(clause):
        act = _clean_noun(m.group("act")) or "作业"
        period = {"天": "日"}.get(m.group("period"), m.group("period"))
        n = float(m.group("num"))
        each = re.search(r"每(?:个)?(座|所|处|校|村|点|站|社区|户|人)[\u4e00-\u9fa5]{0,4}$", clause[: m.start()])
        if each:
            ent = {"校": "所"}.get(each.group(1), each.group(1))
            unit = f"次/{ent}·{period}"
            rows.append(FactRow("数量指标", f"{act}频次", "≥", f"≥{m.group('num')}{unit}", unit, "计划标准", "作业记录",
                                f"取自您给出的“{each.group(0)}{m.group(0)}”；这是每{ent}的频次标准", spans=(m.group(0),)))
        elif period in ("月", "季度", "周"):
            per_year = {"月": 12, "季度": 4, "周": 52}[period] * n
            rows.append(FactRow("数量指标", f"{act}次数", "≥", f"≥{fmt(per_year)}次", "次", "计划标准", "工作台账",
                                f"测算：取自您给出的“{m.group(0)}”，全年{fmt(per_year)}次", derived=True,
                                spans=(m.group(0),)))
        else:
            unit = f"次/{period}"
            rows.append(FactRow("数量指标", f"{act}频次", "≥", f"≥{m.group('num')}{unit}", unit, "计划标准", "作业记录",
                                f"取自您给出的“{m.group(0)}”", spans=(m.group(0),)))
        masked = _mask(masked, m)
    for m in _DENSITY.finditer(masked):
        unit = f"{m.group('u')}/{m.group('a')}·{ {'天': '日'}.get(m.group('t'), m.group('t'))}"
        op = "≥" if m.group("post") == "以上" else "≤"
        name = re.sub(r"(?:控制在|保持在|不超过)$", "", _SCOPE.sub("", _LEAD.sub("", clause[: m.start()])).strip())[:16]
        rows.append(FactRow("生态效益指标" if re.search(r"尘|排放|污染", name) else "质量指标", name or "强度指标", op,
                            f"{op}{m.group('num')}{unit}", unit, "计划标准", "监测数据", f"取自您给出的“{m.group(0)}”",
                            spans=(m.group(0),)))
        masked = _mask(masked, m)
    for m in _SPACING.finditer(masked):
        what = _clean_noun(m.group("what"))
        rows.append(FactRow("质量指标", f"{what}设置间距", "≤", f"≤{m.group('num')}{m.group('unit')}", m.group("unit"),
                            "计划标准", "工作方案", f"取自您给出的“{m.group(0)}”", spans=(m.group(0),)))
        masked = _mask(masked, m)
    for m in _WITHIN.finditer(masked):
        act = _clean_noun(m.group("act"))
        if m.group("num"):
            value, unit = f"≤{m.group('num')}{m.group('unit')}", m.group("unit")
        else:
            value, unit = "≤1天", "天"
        before = _noun_before(clause[: m.start()])
        if before in ("", "后") and (subj := re.match(r"^([\u4e00-\u9fa5]{2,8}?)(?:在|于|须|应|要)", clause)):
            before = subj.group(1)
        rows.append(FactRow("时效指标", f"{before}{act}时限" if before and len(before) <= 6 else f"{act}时限", "≤", value,
                            unit, "计划标准", "工作台账", f"取自您给出的“{m.group(0)}”" +
                            ("，当日即1天内" if not m.group("num") else ""), spans=(m.group(0),)))
        masked = _mask(masked, m)
    for m in _AVG.finditer(masked):
        before = _SCOPE.sub("", _LEAD.sub("", clause[: m.start()])).strip(" ，,")
        before = before if len(before) <= 10 else _noun_before(clause[: m.start()])
        avg = m.group("avg")
        what = m.group("what").strip() or ("补助" if re.search(r"补助|补贴|奖补|资助", clause) else "成本")
        per = {"人均": "人", "户均": "户", "亩均": "亩", "生均": "生", "场均": "场", "件均": "件", "次均": "人次",
               "单车": "辆", "单台": "台", "单个": "个", "单家": "家", "件": "件", "每家": "家", "每个": "个", "每户": "户"}[avg]
        op_word = m.group("op") or ""
        cap = bool(re.search(r"最高|不超过|不高于|控制在", op_word + what) or m.group("post") in ("以内", "以下"))
        if avg.startswith(("单", "每")):
            subject = re.sub(r"最高|不超过|不高于", "", what) or "补助"
            name = f"{avg}{subject}上限" if cap else f"{avg}{subject}"
            unit = m.group("unit") if cap else f"{m.group('unit')}/{per}"
            value = f"≤{m.group('num')}{unit}"
        else:
            name = f"{before}{avg}{what}"
            op = "≤" if cap or not re.search(r"补助|补贴|救助|标准|水平", what + clause) else "="
            unit = f"{m.group('unit')}/{per}"
            value = f"{op}{m.group('num')}{unit}"
        rows.append(FactRow("成本指标", name[:20], value[0], value, unit, "预算支出标准", "财务决算/支出标准",
                            f"取自您给出的“{m.group(0)}”" + ("；原文为约数，数值照录" if "约" in op_word else ""),
                            spans=(m.group(0),)))
        masked = _mask(masked, m)
    for m in _ZERO2.finditer(masked):
        what = _SCOPE.sub("", _LEAD.sub("", m.group("what"))).strip()
        if not what or "#" in what:
            continue
        unit = "户" if "家庭" in what else ("处" if re.search(r"违建|违法建设|违章", what) else "起")
        name = what + ("户数" if unit == "户" and not what.endswith("数") else ("" if what.endswith("数") else "数"))
        rows.append(FactRow("社会效益指标", name, "=", f"=0{unit}", unit, "计划标准", "工作台账",
                            f"取自您给出的目标“{m.group(0)}”，即目标值为0", spans=(m.group(0),)))
        masked = _mask(masked, m)
    return rows, masked


_EACH = re.compile(rf"(?:每(?P<ent>个?[\u4e00-\u9fa5]{{0,3}}?(?:学校|校|所|处|点|站|社区|村|座|乡镇|街道|园|院|馆|室|中心))|(?<=[\u4e00-\u9fa5])各)"
                   rf"(?P<act>[^\d，,。；;#]{{0,12}}?)(?P<op>不少于|至少|不低于|不超过)?(?P<num>{_NUM})\s*"
                   r"(?P<unit>名|人|台|套|辆|个|块|处)(?P<what>[^\d，,。；;]{0,12})")
_ENTITY_UNIT = {"学校": "所", "校": "所", "所": "所", "处": "处", "座": "座"}


def _entity_rows(clause: str, prev: str, told: str) -> tuple[list[FactRow], list[tuple[int, int]]]:
    """Per-entity standards (``42所中小学…每校不少于2名``, ``每处配备群测群防员1名``, ``36个社区各配置1台``): a row for
    the standard per entity and, when the number of entities was given, the total it makes (marked 测算); the
    spans come back so the figure is not read again as a bare count."""
    rows: list[FactRow] = []
    spans: list[tuple[int, int]] = []
    for m in _EACH.finditer(clause):
        ent = m.group("ent") or ""
        where = told[: len(told) - len(clause) - 1 + m.start()]
        unit_e = next((u for k, u in _ENTITY_UNIT.items() if ent.endswith(k)), "")
        counts = list(re.finditer(rf"({_NUM})\s*{unit_e}(?![\d%])", where)) if unit_e else \
            list(re.finditer(rf"({_NUM})\s*(个|所|处|座|家)(?![\d%])" + ("" if ent else r"(?=[\u4e00-\u9fa5]{0,8}$)"), where))
        unit_e = unit_e or (counts[-1].group(2) if counts else "个")
        if ent.startswith("个") and not counts:
            continue
        act = _clean_noun(m.group("act")) if m.group("act") else ""
        verb = _action(act) or _action(prev if not act else "")
        what = re.sub(r"[（(][^）)]*[）)]?", "", _noun_after(m.group("what"))) if m.group("what") else ""
        if not act and not what and verb:
            what = _noun_after(prev[prev.find(verb) + len(verb):])
        thing = f"{verb}{what}" if verb and not act.startswith(verb) else f"{act}{what}"
        thing = thing or "配备"
        unit = {"名": "人"}.get(m.group("unit"), m.group("unit"))
        if unit == "个" and _PEOPLE_WORDS.search(what or act or ""):
            unit = "人"
        label = "人数" if unit == "人" else "数量"
        noun = re.sub(r"[^\u4e00-\u9fa5]", "", where[counts[-1].end():])[:4] if counts and not ent else ""
        per_name = {"所": "每校", "处": "每处", "座": "每座"}.get(unit_e, "每个" + (ent[1:] if ent.startswith("个") else ent or noun or "点"))
        op = _OP_OF.get(m.group("op") or "", "=") if m.group("op") else "="
        per_unit = f"{unit}/{unit_e}"
        rows.append(FactRow("数量指标", f"{per_name}{thing}{label}", op, f"{op}{m.group('num')}{per_unit}", per_unit,
                            "计划标准", "配置标准/工作方案", f"取自您给出的“{m.group(0)}”；这是每个单位的配置标准，不是总数",
                            spans=(m.group(0),)))
        if counts:
            n_ent = float(counts[-1].group(1))
            total = n_ent * float(m.group("num"))
            tot_op = "≥" if op in ("≥", "=") else op
            rows.append(FactRow("数量指标", f"{thing}{label}", tot_op, f"{tot_op}{fmt(total)}{unit}", unit, "计划标准",
                                "配置台账/工作台账",
                                f"测算：{counts[-1].group(0)}×{m.group('num')}{m.group('unit')}={fmt(total)}{unit}",
                                derived=True, spans=(m.group(0),)))
        spans.append((m.start(), m.end()))
    return rows, spans


_GRANT = re.compile(r"补助|补贴|资助|救助|奖励|津贴|慰问|减免|奖补")
_FEE = re.compile(r"服务费|备勤费|运维费|管护费|养护费|物业费|劳务费|租赁费|加工费")


def _price_row(p: Figure) -> FactRow:
    per = p.per or ""
    unit = f"{p.unit}/{per}"
    grant = bool(_GRANT.search(p.clause) or re.search(r"补\d", p.clause))
    bought = re.search(r"购买|买服务|委托|外包|合同|结算|公司", p.clause + p.prev)
    if grant or (_STANDARD.search(p.clause) and not _FEE.search(p.clause) and ("·" in per or not bought)):
        thing = re.sub(r"标准$", "", _noun_before(p.clause[: p.start]) or "")
        named = re.search(r"[\u4e00-\u9fa5]{0,2}(?:补助|补贴|津贴|资助|救助|奖励|减免)", p.clause)
        phrase = re.search(r"每[\u4e00-\u9fa5]{1,3}?每(?:月|年|天)", p.clause)
        word = re.sub(r"^每[\u4e00-\u9fa5]", "", named.group(0)) if named else "补助"
        name = (thing if _GRANT.search(thing) else f"{phrase.group(0) if phrase else ''}{word}") + "标准"
        op = p.comparator if p.comparator in ("≤", "<") else "="
        return FactRow("成本指标", name, op, _value(op, p, unit), unit, "预算支出标准", "补助政策文件",
                       _note(p) + ("；按人按月（年）的标准是固定值，用“=”" if op == "=" else "；原文为上限，用“≤”"),
                       spans=(p.span,))
    if "·" in per or _FEE.search(p.clause):
        fee = _FEE.search(p.clause)
        head = fee.group(0) if fee else "服务费"
        phrase = re.search(r"每[\u4e00-\u9fa5]{1,3}?每(?:月|年|天)", p.clause)
        thing = _noun_before(p.clause[: p.start]) if not fee else ""
        name = f"{thing if len(thing) <= 4 else ''}{phrase.group(0) if phrase else ''}{head}标准"
        op = p.comparator or "≤"
        return FactRow("成本指标", name, op, _value(op, p, unit), unit, "预算支出标准", "服务合同/结算单",
                       _note(p) + "；购买服务的单价以合同价为准，不超过此标准", spans=(p.span,))
    thing = _priced_thing(p)
    name = _unit_cost_name(per, thing) if not thing else f"{thing}单价"
    return FactRow("成本指标", name, "≤", _value("≤", p, unit), unit, "预算支出标准", "采购合同",
                   _note(p) + "；单价以合同价为准，不超过资产配置或支出标准", spans=(p.span,))


_POPULATION = r"师生|群众|居民|人口|村民|市民"
_DELIVERED = re.compile(r"补助|补贴|救助|助餐|津贴|减免|培训|体检|筛查|接种|慰问|资助|奖励|奖补|发放|服务对象|上门")
_SUBSIDY = re.compile(r"[\u4e00-\u9fa5]{0,4}?(?:补助|补贴|资助|救助|津贴|奖励|慰问金|助学金)")
_ECONOMIC = re.compile(r"产能|产量|增产|产值|收入|增收|营业|销售|利润|税收|节约|节省|投资|融资")
_SOCIAL = re.compile(r"带动|吸纳|就业|受益|脱贫|减少|下降|降低|提高|提升|增加|改善")


def _priced_thing(p: Figure) -> str:
    """What a unit price is the price of: the noun before or after it, else the object of the clause
    before (``配备笔记本电脑，每台6000元``)."""
    gap = re.match(rf"每(?:{_PER})(?:[\u4e00-\u9fa5]{{0,2}}?每(?:月|年|天))?([\u4e00-\u9fa5]*)", p.span)
    inner = re.sub(r"(?:标准|单价|费用|不超过|不高于|约|大约|控制在|最高|补助|补贴|补|为|按)+$", "", gap.group(1)) if gap else ""
    if len(inner) >= 2:
        return inner
    thing = _noun_before(p.clause[: p.start]) or _noun_after(p.clause[p.end:])
    if not thing and p.prev:
        verb = _action(p.prev)
        thing = _noun_after(p.prev[p.prev.find(verb) + len(verb):]) if verb else _noun_before(p.prev)
    thing = re.sub(rf"^(?:{_UNIT_RE})", "", re.split(r"[\d每各]", thing)[-1])
    thing = re.sub(r"(?:按|的)$", "", re.sub(r"^(?:跟|和|与|给|向|按|由)", "", thing))
    return "服务" if re.search(r"机构|公司|单位|企业", thing) else thing


def _effect_name(q: Figure) -> str:
    before = re.sub(rf"(?:{_PRE_RE}|约|大约|预计|以上)+$", "", q.clause[: q.start].strip())
    return _SCOPE.sub("", re.sub(r"^(?:通过|力争|争取|计划|预计|全年|年内|实现|确保|使|带动)+", "", before)).strip()[:16]


def _quantity_row(q: Figure, project_name: str) -> FactRow:
    op = q.comparator or "≥"
    name = _measure_name(q, project_name)
    sub = "数量指标"
    if q.base in ("天", "小时", "分钟", "个工作日", "工作日", "周") and q.per and "·" in q.per:
        who, period = q.per.split("·", 1)
        act = _action(q.clause)
        name = f"{'人均' if who == '人' else '每' + who}每{period}{act if act not in _WEAK_VERBS else ''}{'服务' if not act else ''}时长"
        return FactRow("质量指标", name, q.comparator or "≥", _value(q.comparator or "≥", q, f"{q.unit}/{q.per}"),
                       f"{q.unit}/{q.per}", "计划标准", "服务记录", _note(q) + "；这是每人（每单位）的服务标准，不是总量",
                       spans=(q.span,))
    if q.base in ("天", "小时", "分钟", "个工作日", "工作日", "周"):
        sub, op = "时效指标", q.comparator or "≤"
    elif q.base in ("人", "名", "位", "户") and (q.beneficiary or re.search(r"惠及|受益|覆盖|保障", q.clause[: q.start] + q.clause[q.end:][:4])
                                             or (not _verbs(q.clause) and re.search(_POPULATION, q.clause[: q.start]))):
        who = _SCOPE.sub("", re.sub(r"^(?:惠及|受益|覆盖|保障)", "", _noun_before(q.clause[: q.start])
                                    or _noun_after(q.clause[q.end:])))
        name = f"受益{who}人数" if who and _PEOPLE_WORDS.search(who) else "受益人数"
        if not _DELIVERED.search(project_name + q.clause):
            sub = "社会效益指标"
    elif q.base in ("人", "名", "位", "户") and (sm := _SUBSIDY.search(q.clause)):
        who = _noun_after(q.clause[q.end:]) or _noun_before(q.clause[: q.start])
        name = f"{_clean_noun(sm.group(0))}对象数" + (f"（{who}）" if who and _PEOPLE_WORDS.search(who) else "")
    elif q.goal and _ECONOMIC.search(q.clause) and not re.search(r"完成|评审|办理|受理|调解|举办|开展|建设|购置|培训|检查", q.clause):
        sub, name = "经济效益指标", _effect_name(q) or name
    elif q.goal and _SOCIAL.search(q.clause) and not re.search(r"举办|开展|建设|购置|培训|检查", q.clause):
        sub, name = "社会效益指标", _effect_name(q) or name
    reason = _note(q)
    if q.base == "年" and (kept := re.match(r"[的]?(维保|质保|保修|保固|运维)", q.clause[q.end:])):
        return FactRow("可持续影响指标", f"{kept.group(1)}期", q.comparator or "≥", _value(q.comparator or "≥", q), "年",
                       "计划标准", "采购合同", reason, spans=(q.span,))
    unit = shown_unit(q) + (f"/{q.per}" if q.per else "")
    if q.per and q.per in ("人", "户", "所", "家"):
        thing = _noun_after(q.clause[q.end:]) or _object_of(q.clause, _action(q.clause), q)
        act = _action(q.clause)
        name = f"{ {'人': '人均', '户': '户均', '所': '校均', '家': '家均'}[q.per]}{act}{thing}数量"
        return FactRow("数量指标", name, "=", f"={fmt(q.number)}{unit}", unit, "计划标准", "配置标准/工作方案",
                       reason + "；这是按人（户）的配置标准，不是总数", spans=(q.span,))
    return FactRow(sub, name, op, _value(op, q, unit), unit, "计划标准", "工作台账", reason, spans=(q.span,))


def _main_quantity(quantities: list[Figure]) -> Figure | None:
    """The quantity a unit cost divides by: objects built/bought/served, not time spans or events."""
    skip = ("天", "小时", "分钟", "个工作日", "工作日", "月", "周", "年", "起", "例", "届", "轮", "轮次", "日", "个月")
    cands = [q for q in quantities if q.base not in skip and q.high is None and not (
        q.goal and (_ECONOMIC.search(q.clause) or _SOCIAL.search(q.clause)))]
    cands = [q for q in cands if q.base != "项" and q.count() > 1]
    sized = [q for q in cands if q.base in _SIZE or q.base in ("台", "套", "辆", "所", "座", "户", "人", "名")]
    if sized:
        return sized[0]
    return max(cands, key=lambda q: q.count()) if cands else None


def _derived(facts: Facts, prices: list[Figure], quantities: list[Figure], project_name: str) -> list[FactRow]:
    out: list[FactRow] = []
    budget = facts.budget
    if budget is None:
        return out
    span = facts.budget_span or f"{fmt(budget)}万元"
    for p in prices:
        if p.per is None or "·" in p.per or p.base not in _MONEY:
            continue
        same = [q for q in quantities if (_base_unit(q) == p.per or q.base == p.per) and not q.per]
        if same or any(r.derived and r.unit == p.per for r in facts.rows):
            continue
        price_wan = p.number * {"亿元": 10000.0, "万元": 1.0, "元": 0.0001}[p.unit]
        n = budget / price_wan
        thing = _priced_thing(p)
        verb = _action(p.clause) or _action(p.prev)
        name = f"{verb if verb in ('购置', '采购', '配备', '配发', '更新', '安装') else '购置'}{thing}数量"
        if p.per in ("小时", "天", "日"):
            name = "服务总时长"
        out.append(FactRow("数量指标", name, "≥", f"≥{fmt(n)}{p.per}", p.per, "计划标准", "采购合同/资产登记",
                           f"测算：{span}÷{p.span}≈{fmt(n)}{p.per}" + ("（单价为约数，数量请按采购计划核实）" if p.approx else ""),
                           derived=True, spans=(p.span, span)))
        return out
    priced = {(p.per or "").split("·")[0] for p in prices}
    for p in prices:
        per = (p.per or "").removesuffix("·年")
        for q in quantities:
            if q.per or _base_unit(q) != per or "·" in per or p.base not in _MONEY or q.count() <= 0:
                continue
            priced.add(per)
            calc, unit = _cost_unit(budget, q.count(), per)
            price = p.number * {"亿元": 10000.0, "万元": 1.0, "元": 0.0001}[p.unit] * 10000 / (10000 if unit.startswith("万") else 1)
            agree = abs(calc - price) <= 0.02 * price
            for r in facts.rows:
                if p.span in r.spans and r.sub == "成本指标":
                    r.reason += (f"；测算：{span}÷{q.span}≈{fmt(round(calc, 2))}{unit}，" +
                                 ("与您给出的单价一致" if agree else "与您给出的单价不一致，请核对预算是否含其他支出"))
            break
    q = _main_quantity([q for q in quantities if _base_unit(q) not in priced])
    if q is None:
        return out
    qty = q.count()
    if qty <= 0:
        return out
    base = _base_unit(q)
    cost, unit = _cost_unit(budget, qty, base)
    thing = (_noun_after(q.clause[q.end:]) or _noun_before(q.clause[: q.start])) if base in ("人", "户") else ""
    thing = thing if _PEOPLE_WORDS.search(thing) else ""
    name = _unit_cost_name(base, thing)
    if base == "个" and 2 <= len(noun := _noun_after(q.clause[q.end:])) <= 6:
        name = f"每个{noun}平均成本"
    out.append(FactRow("成本指标", name, "≤", f"≤{fmt(round(cost, 2))}{unit}", unit,
                       "预算支出标准", "财务决算/支付凭证",
                       f"测算：{span}÷{q.span}≈{fmt(round(cost, 2))}{unit}，请与支出标准或同类项目核对",
                       derived=True, spans=(q.span, span)))
    return out
