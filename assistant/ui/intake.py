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


def update_fields(fields: dict[str, Any], text: str, asked: list[str]) -> dict[str, Any]:
    """The fields after one more message; ``asked`` are the fields the assistant asked for last."""
    out = dict(fields)
    text = text.strip()
    labelled = list(_LABELLED.finditer(text))
    for m in labelled:
        _set(out, _label_field(m.group(1)), m.group(2))
    rest = _LABELLED.sub("", text).strip(" \n，,。；;") if labelled else text
    if rest and asked and not labelled:
        clauses = [c for c in _SPLIT.split(rest) if c.strip()]
        if len(asked) == 1 or len(clauses) == 1:
            _set(out, asked[0], rest)
        else:
            for field, clause in zip(asked, clauses, strict=False):
                _set(out, field, clause)
    elif rest and not out.get("name"):
        out["name"] = re.split(r"[，,。；;\n]", rest, maxsplit=1)[0][:60]
    if "amount" not in out and (amount := parse_amount(text)) is not None:
        out["amount"] = amount
    return out


def description(fields: dict[str, Any]) -> Any:
    """The :class:`ProjectDescription` the fields make (name defaults to 新项目)."""
    from assistant.tasks.models import ProjectDescription

    data = {k: v for k, v in fields.items() if k in ProjectDescription.model_fields and v not in (None, "")}
    data.setdefault("name", "新项目")
    return ProjectDescription(**data)
