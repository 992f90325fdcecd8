"""Turn what the officer types in the draft chat into the fields of a project description.

The chat is slot filling: labelled text (``金额：200万元``, ``受益对象：…``) fills its field anywhere;
an unlabelled answer fills the fields the assistant just asked for, in the order asked (one per line or
clause). The first unlabelled message gives the name (its first clause); amounts are picked up anywhere.
"""

from __future__ import annotations

import re
from typing import Any

FIELD_ZH: dict[str, str] = {
    "name": "项目名称",
    "goal": "绩效目标（这笔钱要达到什么效果）",
    "amount": "金额（万元）",
    "content": "实施内容（买什么、做什么）",
    "beneficiaries": "受益对象（谁受益）",
    "unit": "资金使用单位",
}
LABELS: dict[str, tuple[str, ...]] = {
    "name": ("项目名称", "项目名", "名称"),
    "goal": ("绩效目标", "项目目标", "目标"),
    "amount": ("资金总额", "预算金额", "金额", "预算", "资金"),
    "content": ("实施内容", "主要内容", "建设内容", "内容", "做什么", "买什么"),
    "beneficiaries": ("受益对象", "服务对象", "受益群体", "受益人", "受益"),
    "unit": ("资金使用单位", "实施单位", "使用单位"),
}
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(亿元|万元|元|万|亿)")
_SPLIT = re.compile(r"[\n；;]+")
_ALL_LABELS = "|".join(sorted((lab for labs in LABELS.values() for lab in labs), key=len, reverse=True))
_LABELLED = re.compile(rf"({_ALL_LABELS})\s*[：:为是]\s*(.+?)(?=[\n；;。]|(?:{_ALL_LABELS})\s*[：:]|$)")


QUESTION_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("amount", ("金额", "预算", "万元")),
    ("beneficiaries", ("受益", "服务对象")),
    ("content", ("实施内容", "做什么", "买什么")),
    ("goal", ("目标", "效果")),
    ("name", ("名称",)),
    ("unit", ("单位",)),
)


def field_label(field: str) -> str:
    return FIELD_ZH.get(field, field)


def question_field(question: str) -> str | None:
    """The description field a question (or a field name) asks for."""
    if question in FIELD_ZH:
        return question
    return next((f for f, words in QUESTION_WORDS if any(w in question for w in words)), None)


def parse_amount(text: str) -> float | None:
    """An amount in 万元 from text such as ``200万元``, ``1.5亿元`` or ``300000元``."""
    m = _AMOUNT.search(text.replace(",", ""))
    if not m:
        return None
    value, unit = float(m.group(1)), m.group(2)
    return {"亿元": value * 10000, "亿": value * 10000, "元": value / 10000}.get(unit, value)


def _label_field(label: str) -> str:
    return next(f for f, labs in LABELS.items() if label in labs)


def _set(fields: dict[str, Any], field: str, text: str) -> None:
    text = text.strip(" ，,。：:")
    if not text:
        return
    if field == "amount":
        amount = parse_amount(text)
        if amount is None and re.fullmatch(r"\d+(?:\.\d+)?", text):
            amount = float(text)
        if amount is not None:
            fields["amount"] = amount
        return
    fields[field] = text


_SENTENCE = re.compile(r"[。；;\n]+")
_COMMA = re.compile(r"[，,]")
_NAME = re.compile(r"^(?:我们|我单位|本单位|我局|我委|我中心)?(?:今年|明年|\d{4}年(?:度)?)?(?:计划|拟|准备|打算|要|想)?"
                   r"(?:申报|申请|安排|做|开展|实施|设立)?(?:一个|一项)?(?:名为|叫)?[“\"]?"
                   r"(?P<name>[^，,。；“”\"]{2,30}?(?:项目|工程|经费|专项资金|专项|补贴|补助|服务|活动|赛事|计划|采购|购置))"
                   r"[”\"]?(?:，|,|。|$)")
_UNIT = re.compile(r"(?:由|实施单位[是为：:]?|资金使用单位[是为：:]?)(?P<unit>[^，,。；]{2,20}?(?:局|委|办|中心|站|所|院|馆|队|街道|镇|政府))")
_GOALISH = re.compile(r"目标|力争|确保|实现|提升|提高|改善|达到|达标|不发生|杜绝|满意|覆盖率|合格率|优良|%|降低|减少|下降|"
                      r"保障|解决|促进|带动|增加|增收|知晓|效果|效益|不少于.*人次|底前|日前|月前|之前")
_BENEFIT = re.compile(r"受益|惠及|服务对象|面向|覆盖(?:全区|全市|全县)?.*?(?:人|户|家|企业|学生|群众|老人|居民)")
_BUDGET_ONLY = re.compile(r"^(?:项目)?(?:年度)?(?:总)?(?:预算|资金|投资|经费|金额|总额|总投资|共需|需要|安排|申请)[^，,]*?"
                          r"\d+(?:\.\d+)?\s*(?:万元|亿元|元|万)(?:左右)?$")
_PEOPLE_AFTER = re.compile(r"(?:为|向|给|对)(?P<who>[^，,。；]{2,24}?(?:老年人|老人|学生|教师|居民|群众|农户|企业|职工|患者|"
                           r"儿童|残疾人|人才|选手|市民|家庭|对象|人员|干部|退役军人|困难群众))")


_CN1 = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_DIGITS = "零一二三四五六七八九两"
_VERB_NUM = r"(?=\s*(?:\d|[一二三四五六七八九两十百千]))"
_VERB_WRITTEN = {"打": "比赛", "办": "举办", "搞": "开展", "开": "开展", "建": "新建", "查": "检查", "拆": "拆除",
                 "签": "签约", "招": "招收"}
_VERB_WRITTEN_ALL = {"冲": "冲洗", "扫": "清扫", "打": "打", "救": "救助", "跑": "运行", "查": "检查", "拆": "拆除", "管": "管理", "接": "接入", "放": "设置",
                     "修": "维修", "补": "补助", "请": "邀请", "发": "发放", "印": "印制", "招": "招收"}


class _SpokenVerb(dict[tuple[str, str], str]):
    """打 before a count of doses is 接种; before matches, 比赛; otherwise it stays."""

    def get(self, key: tuple[str, str], default: str = "") -> str:  # type: ignore[override]
        verb, after = key
        if verb == "打":
            return "接种" if re.match(r"[\d.约\s万]*(?:剂|针)", after) else "比赛" if re.match(r"[\d\s]*场", after) else "打"
        return default


_SPOKEN_VERB = _SpokenVerb()
_WRITTEN: tuple[tuple[str, str | Any], ...] = (
    (r"(?:一|1)个半亿", "1.5亿元"),
    (r"(?:一个|1个)亿([一二三四五六七八九两])千万", lambda m: f"1.{_CN1[m.group(1)]}亿元"),
    (r"(?:一个|1个)亿(\d)000万", r"1.\1亿元"),
    (r"(\d+(?:\.\d+)?)\s*个亿", r"\1亿元"),
    (r"(?:一个|1个)亿", "1亿元"),
    (r"(?<![\d.])(\d+(?:\.\d+)?)\s*亿(?![元\d])", r"\1亿元"),
    (r"千分之零点([1-9一二三四五六七八九])", lambda m: f"0.{_CN1.get(m.group(1), m.group(1))}‰"),
    (r"千分之(\d+(?:\.\d+)?)", r"\1‰"),
    (r"(?<![\d一二三四五六七八九两十])([一二三四五六七八九两])成(?![本绩果立员功交])",
     lambda m: f"{_CN1[m.group(1)] * 10}%"),
    (r"(?<![\d.])([1-9])\s*成(?![本绩果立员功交])", r"\g<1>0%"),
    (r"(?<![\d一二三四五六七八九两十百])([一二三四五六七八九两])千([一二三四五六七八九])(?![\d百千万亿])",
     lambda m: str(_CN1[m.group(1)] * 1000 + _CN1[m.group(2)] * 100)),
    (r"(?<![\d.])(\d+(?:\.\d+)?)\s*([\u4e00-\u9fa5]{1,2}?)起步", r"不少于\1\2"),
    (r"至少(?:要)?([打办搞做开建查拆签招]?)" + _VERB_NUM, lambda m: _VERB_WRITTEN.get(m.group(1), m.group(1)) + "不少于"),
    (r"(?:要|得|能|争取|力争)(?:达到|做到|到|达)(?=\s*(?:\d|百分之))|(?<![达提])做到(?=\s*(?:\d|百分之))", "达到"),
    (r"百分之百", "100%"),
    (r"(\d+(?:\.\d+)?)\s*万方(?![面向式案法])", r"\1万立方米"),
    (r"(\d+(?:\.\d+)?)\s*个(?=小时|工作日|月)", r"\1"),
    (r"(?:要|得|能)?(?:保持|稳)在(?=\s*\d)", "保持在"),
    (r"(?:估计|预计|大概|大约|差不多)(?:有|能|要|会)?(?=[\u4e00-\u9fa5]{0,6}\s*\d)", "约"),
    (r"(?<![举开创承主])办(?=\s*(?:\d|[一二三四五六七八九两]))", "举办"),
    (r"搞(?=\s*(?:\d|[一二三四五六七八九两]))", "开展"),
    (r"(?<=[分共])?搞", ""),
    (r"请的", "邀请的"),
    (r"(?<![签])签(?=\s*\d)", "签约"),
    (r"(?<![打])打(?=\s*\d+\s*场)", "比赛"),
    (r"(?<![购采])买(?=\s*\d)", "购置"),
    (r"(?<![新修扩改创])建(?=\s*\d)", "新建"),
    (r"(?<![完办])(培训|建|修|办|打|干|弄|做)完(?![成善整])", lambda m: {"培训": "培训完成", "建": "建成", "修": "修复"}.get(
        m.group(1), "完成")),
    (r"(?<=[\u4e00-\u9fa5])完(?=[，,。；;]|$)", "完成"),
    (r"(\d{1,2})\s*号(?=前|之前|以前|[，,。；;]|$)", r"\1日"),
    (r"(?<=日|底|末)之前", "前"),
    (r"(\d+(?:\.\d+)?)\s*块钱", r"\1元"),
    (r"(?<=均)(\d+(?:\.\d+)?)\s*块(?![地板屏牌])|(\d+(?:\.\d+)?)\s*块(?=的?标准)",
     lambda m: (m.group(1) or m.group(2)) + "元"),
    (r"每(亩|人|户|车|台|公里)((?:(?!每)[\u4e00-\u9fa5]){2,10}?)(约)?(\d+(?:\.\d+)?)\s*(公斤|千克|吨|度|立方米)",
     r"\2\3\4\5/\1"),
    (r"(?:1|一)人(?:1|一)(台|套|份|个|部)", r"每人1\1"),
    (r"一共|总共", "共"),
    (r"里头|里面", "其中"),
    (r"[:：](?!\d)", "，"),
    (r"都(?:要|得)?(?=保持|达到|在|不低于|不少于|\d)", ""),
    (r"(?<=[\u4e00-\u9fa5])去(?=参展|参加|参赛|参会)", ""),
    (r"(?<=[\u4e00-\u9fa5])的?要(?=\s*\d+(?:\.\d+)?\s*(?:小时|分钟|天|日|个?工作日)内)", ""),
    (r"(?:不能|不得|不可|不准|不许)(低于|少于|超过|高于|多于)", lambda m: "不" + m.group(1)),
    (r"[，,]?(?:也就是|即)(?:说)?\s*约?\d+(?:\.\d+)?\s*%", ""),
    (r"最多(\d+(?:\.\d+)?)\s*万(?:元)?(?:封顶)?", r"最高不超过\1万元"),
    (r"(\d+(?:\.\d+)?)\s*(万元|元|万)(?:上下|左右)", lambda m: f"约{m.group(1)}{'万元' if m.group(2) == '万' else m.group(2)}"),
    (r"约约", "约"),
    (r"(?<=补)(\d+(?:\.\d+)?)\s*(?:块|(?=[，,。；;]|$|结算|的标准))", r"\1元"),
    (r"每隔", "每"),
    (r"每天", "每日"),
    (r"(?<![一二三四五六七八九十百千万\d统普])([一两二三四五六七八九])(?=遍(?![历布及地]))", lambda m: str(_CN1[m.group(1)])),
    (r"(?<=\d)\s*遍", "次"),
    (r"(?<=\d)台车", "辆车"),
    (r"(?:要|能|得)?(\d+(?:\.\d+)?%)(?:的)?(整改|处置|办结|筛查|覆盖|通公交|通|到位|完成|随访|兑现|拨付|回访|检测|核查|落实)"
     r"(?=[，,。；;]|$)", r"\2率\1"),
    (r"(?<![检调排核普审抽巡督稽监主托接分申邀聘开研印下突颁发对连迎承直投存释增弥修候扑急营援补])"
     r"([打救跑查拆管接放修补请发印招冲扫])(?=\s*(?:约)?\s*\d)",
     lambda m: _SPOKEN_VERB.get((m.group(1), m.string[m.end():m.end() + 12]), "") or _VERB_WRITTEN_ALL[m.group(1)]),
)


def written(text: str) -> str:
    """Spoken figures and verbs as a table writes them: 一个半亿 → 1.5亿元, 20个亿 → 20亿元, 九成 → 90%,
    千分之零点九 → 0.9‰, 一千五 → 1500, 800件起步 / 至少打60场 → 不少于…, 要到95% → 达到95%, 大概有 → 约,
    办1场 → 举办1场, 签10个 → 签约10个, 打完 → 完成, 20号前 → 20日前. Every figure stays; none is invented."""
    from assistant.parse.value import normalize

    text = normalize(text)
    text = re.sub(r"(?<!\d),|,(?!\d)", "，", text).replace(";", "；").replace("(", "（").replace(")", "）")
    for pattern, repl in _WRITTEN:
        text = re.sub(pattern, repl, text)
    return text


def _add(fields: dict[str, Any], field: str, text: str) -> None:
    """Append ``text`` to a text field unless it is already there (new facts refine, never erase)."""
    text = text.strip(" ，,。；;")
    if not text:
        return
    old = str(fields.get(field) or "")
    if text in old:
        return
    fields[field] = f"{old}；{text}" if old else text


def _budget(text: str) -> float | None:
    """The budget in 万元 when ``text`` states one (a total that is the budget; never a unit price or an
    outcome such as 新增产值)."""
    from assistant.tasks.facts import read_facts
    from assistant.tasks.models import ProjectDescription

    return read_facts(ProjectDescription(name="", content=text)).budget


_MONEY = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(亿元|万元|万|亿)(?![\d人户次件册份名元平方亩公里吨])")
_NOT_TOTAL = re.compile(r"每|人均|户均|亩均|生均|单个|单家|单台|一家|最多|最高|上限|封顶|不超过|补助上限|收入|成交|产值|投资额|"
                        r"带动|撬动|到位|营业|销售|税|利润|增收|节约|消费|融资|交易|贷款|价值|物资|其中|里头|里面")


def _spoken_total(text: str) -> float | None:
    """The budget said plainly (``村BA今年要35万``, ``一网通办平台升级，380万``): the first amount in 万/亿 in the
    paragraph whose clause is not a price, a cap, a part of the whole or an outcome."""
    for clause in re.split(r"[，,。；;：:\n]", text):
        m = _MONEY.search(clause)
        if m and not _NOT_TOTAL.search(clause[: m.start()] + clause[m.end(): m.end() + 4]):
            return parse_amount(m.group(0))
    return None


_PEOPLE_NOUN = re.compile(r"[\u4e00-\u9fa5]{0,8}?(?:老年人|老人|学生|幼儿|儿童|教师|老师|居民|群众|农户|企业|职工|患者|残疾人|人才|"
                          r"选手|市民|家庭|游客|读者|嘉宾|代表|村民|学员|农民)")


def _people_of(clause: str) -> str:
    """The people a counted clause names, without the count (``惠及8000位老人左右`` → ``老人``)."""
    for piece in reversed(re.split(r"\d+(?:\.\d+)?\s*[万千]?", clause)):
        if m := _PEOPLE_NOUN.search(piece):
            return re.sub(r"^(?:约|估计|预计|惠及|覆盖|受益|面向|的|位|名|个|户|家|人次|人|左右|上下|以上)+", "", m.group(0))
    return ""


_NAME_TAIL = re.compile(r"(?:(?:今年|明年|全年|一年|\d年|这块|这一块|我们|明年继续|继续)+[\u4e00-\u9fa5]{0,3}?)?"
                        r"(?:[：:].*|(?:要|申请|预算|安排|盘子|大概|约|是|需要|总投资?)*\s*\d+(?:\.\d+)?\s*(?:万元|亿元|万|亿|元).*|"
                        r"(?:今年|明年|全年|一年|\d年)?(?:这块|这一块)?(?:我们)?(?:继续|还要)?(?:搞|做|办)?)$")


def _name_of(clause: str) -> str:
    """A project name from the clause that opens the paragraph: without the amount, the year or the speaker
    (``农交会这块我们申请60万`` → ``农交会``, ``我们今年想办能力提升培训`` → ``能力提升培训``)."""
    lead = re.match(r"^(?:我们|咱们|我单位|本单位|区里|县里|市里)?(?:今年|明年|下年|\d{4}年)?(?:想|要|打算|计划|准备|拟)?"
                    r"(?:办|搞|做|开展|申请|实施)?", clause)
    rest = clause[lead.end():] if lead and len(clause) - lead.end() >= 2 else clause
    name = _tidy_name(_NAME_TAIL.sub("", rest).strip(" ，,：:"))
    return name if len(name) >= 2 else clause


def _tidy_name(name: str) -> str:
    """A name without the year said in passing, 要/想/打算, or 是 before 购买服务; 买 written as 购置."""
    name = re.sub(r"今年|明年|下年|(?<![重主需纲摘必提概只])(?:要做|要搞|要|想|打算|准备)(?=[\u4e00-\u9fa5])", "", name)
    name = re.sub(r"是(?=购买服务$)", "", name)
    return re.sub(r"(?<![购采])买(?=[\u4e00-\u9fa5\d])", "购置", name)


def _bare_people(clause: str) -> bool:
    """A clause that only names people (``全区中小学生约6万人``): no action verb, a word for people."""
    from assistant.tasks.facts import VERBS

    return bool(re.search(r"学生|老人|老年人|居民|群众|农户|企业|职工|患者|儿童|残疾人|人才|教师|市民|家庭|选手|游客", clause)) \
        and not any(v in clause for v in VERBS)


def read_paragraph(text: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Every field a free paragraph answers: the name (a ``…项目/工程/补贴…`` phrase or, for the first
    message, its first clause), the budget, the implementing unit, the beneficiaries, goal sentences
    (targets, effects, 不发生…) and content sentences (what is bought, built or done). Sentences are kept
    whole, so every figure stays in some field."""
    out = dict(fields)
    sentences = [x.strip() for x in _SENTENCE.split(written(text)) if x.strip()]
    named = ""
    said: list[float] = []
    for k, sentence in enumerate(sentences):
        m = _NAME.match(sentence)
        if m and not out.get("name"):
            out["name"] = named = _tidy_name(m.group("name"))
            sentence = sentence[m.end():].strip(" ，,")
        elif k == 0 and not out.get("name"):
            out["name"] = _name_of(_COMMA.split(sentence, maxsplit=1)[0])[:60]
        if (u := _UNIT.search(sentence)) and not out.get("unit"):
            out["unit"] = u.group("unit")
        if (amount := _budget(sentence)) is not None:
            said.append(amount)
        goal: list[str] = []
        content: list[str] = []
        for clause in (c.strip() for c in _COMMA.split(sentence)):
            if not clause or _BUDGET_ONLY.match(clause) or clause == named:
                continue
            if (_BENEFIT.search(clause) or _bare_people(clause)) and not _GOALISH.search(clause):
                said_who = re.sub(r"^(?:受益对象|服务对象|受益群体)?(?:是|为|：|:)?", "", clause)
                if not re.search(r"\d", clause):
                    _add(out, "beneficiaries", said_who)
                    continue
                if not out.get("beneficiaries") and (people := _people_of(said_who)):
                    out["beneficiaries"] = people
            if (who := _PEOPLE_AFTER.search(clause)) and not out.get("beneficiaries"):
                out["beneficiaries"] = re.sub(r"\d+(?:\.\d+)?\s*[万千]?(?:名|人|户|位|家)", "", who.group("who"))
            (goal if _GOALISH.search(clause) else content).append(clause)
        if goal:
            _add(out, "goal", "，".join(goal))
        if content:
            _add(out, "content", "，".join(content))
    if said:
        out["amount"] = max(said)
    elif out.get("amount") is None and (total := _spoken_total("。".join(sentences))) is not None:
        out["amount"] = total
    return out


def update_fields(fields: dict[str, Any], text: str, asked: list[str]) -> dict[str, Any]:
    """The fields after one more message; ``asked`` are the fields the assistant asked for last.

    Labelled text fills its field; a short unlabelled answer to one question fills that field (answers to
    several questions, one per line, fill them in order); anything longer is read as a paragraph that fills
    every field it answers. Text fields grow with new facts; they are never emptied."""
    out = dict(fields)
    text = text.strip()
    labelled = list(_LABELLED.finditer(text))
    for m in labelled:
        _set(out, _label_field(m.group(1)), m.group(2))
    rest = _LABELLED.sub("", text).strip(" \n，,。；;") if labelled else text
    clauses = [c for c in _SPLIT.split(rest) if c.strip()]
    slot_answer = asked and not labelled and (
        (len(asked) == 1 and len(clauses) == 1 and len(rest) <= 40) or
        (len(asked) > 1 and len(clauses) == len(asked) and all(len(c) <= 40 for c in clauses)))
    if rest and slot_answer:
        if len(asked) == 1:
            _set(out, asked[0], rest)
        else:
            for field, clause in zip(asked, clauses, strict=False):
                _set(out, field, clause)
    elif rest:
        out = read_paragraph(rest, out)
    return out


def description(fields: dict[str, Any]) -> Any:
    """The :class:`ProjectDescription` the fields make (name defaults to 新项目)."""
    from assistant.tasks.models import ProjectDescription

    data = {k: v for k, v in fields.items() if k in ProjectDescription.model_fields and v not in (None, "")}
    data.setdefault("name", "新项目")
    return ProjectDescription(**data)
