"""Task: model-assisted extraction — indicator rows from text the rules could not structure.

The text is what a reader kept as warnings (lines outside any table, cells it could not align, a table it
could not find). The model lists rows (``prompts/extract_table.md``); a row is accepted only when its
name and its value both occur in that text (after removing spaces and width differences), so no number
can be invented. Accepted rows are marked ``extracted_by="model"``, go into the project the text belongs
to (a new one when the table had none), and that project is marked 需人工核对. Rejected rows are kept as
``model_rejected`` warnings. With no endpoint the table is returned unchanged.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Literal

from pydantic import BaseModel, Field

from assistant.model import Indicator, ParseWarning, Project, Table
from assistant.parse.rows import categorize
from assistant.parse.value import parse_target
from assistant.tasks.endpoint import client_for, run

SOURCE_KINDS = ("unplaced_text", "unplaced_line", "ambiguous_cell", "ambiguous_alignment", "pdf_text")
_SPACE = re.compile(r"\s+")
_SAME = str.maketrans({"≧": "≥", "≦": "≤", "＞": ">", "＜": "<", "＝": "=", "：": ":", "；": ";", "，": ",",
                       "（": "(", "）": ")"})


class ExtractedRow(BaseModel):
    category: Literal["产出指标", "效益指标", "成本指标", "满意度指标"] = Field(description="一级指标")
    subcategory: str | None = Field(default=None, description="原文中的二级指标名称")
    name: str = Field(description="三级指标名称，原样摘抄")
    value: str = Field(description="指标值，原样摘抄")


class ExtractAnswer(BaseModel):
    rows: list[ExtractedRow] = Field(default_factory=list)


def _norm(text: str) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text or "").translate(_SAME)).replace(">=", "≥") \
        .replace("<=", "≤")


def source_text(table: Table) -> str:
    """The text the rules left unstructured, one warning per line, in reading order."""
    return "\n".join(w.text for w in table.warnings if w.kind in SOURCE_KINDS and w.text.strip())


def occurs(row: ExtractedRow, text: str) -> bool:
    """True when the row's name and value both occur in ``text`` (spaces and character widths ignored)."""
    hay = _norm(text)
    name, value = _norm(row.name), _norm(row.value)
    return bool(name) and bool(value) and name in hay and value in hay


def render(text: str, item_id: str | None = None) -> Any:
    from assistant.llm.prompts import load_prompt

    extra = {"item_id": item_id} if item_id else {}
    return load_prompt("extract_table").render(text=text, **extra)


def _indicator(row: ExtractedRow) -> Indicator:
    category, sub = categorize(row.category, row.subcategory or "")
    return Indicator(category=category, subcategory=sub, name=row.name.strip(), value=row.value.strip(),
                     target=parse_target(row.value), category_raw=row.category,
                     subcategory_raw=row.subcategory, extracted_by="model")


def merge(table: Table, rows: list[ExtractedRow], text: str) -> Table:
    """Put the accepted rows into ``table`` (a copy); rejected ones become warnings."""
    out = table.model_copy(deep=True)
    accepted = [r for r in rows if occurs(r, text)]
    for r in rows:
        if r not in accepted:
            out.warnings.append(ParseWarning(
                kind="model_rejected", text=f"{r.name}：{r.value}",
                message="模型给出的这一行的名称或指标值在原文中找不到，未采用。"))
    if not accepted:
        return out
    inds = [_indicator(r) for r in accepted]
    target = next((p for p in out.projects if p.needs_check), out.projects[-1] if out.projects else None)
    if target is None:
        target = Project(name="", confidence=0.0)
        out.projects.append(target)
        out.warnings = [w for w in out.warnings if w.kind != "no_indicator_table"]
    target.groups.append(inds)
    target.needs_check = True
    out.warnings.append(ParseWarning(
        kind="model_extracted", text="；".join(f"{i.name}：{i.value}" for i in inds),
        message=f"规则无法整理的文字中，模型读出 {len(inds)} 行指标（名称和指标值均见于原文），已标为模型提取，需人工核对。"))
    return out


async def amodel_extract(table: Table, client: Any) -> tuple[Table, Any]:
    from assistant.llm.errors import AnswerInvalid
    from assistant.tasks.answers import items_of

    text = source_text(table)
    if not text:
        return table, None
    try:
        answer, usage, _ = await client.acall(render(text), ExtractAnswer, None)
    except AnswerInvalid as err:
        answer, usage = ExtractAnswer(rows=items_of(err.raw, "rows", ExtractedRow)), err.usage
    return merge(table, answer.rows, text), usage


def extract(table: Table, *, endpoint: Any = None) -> Table:
    """``table`` with model-extracted rows added from its unstructured text; unchanged with no endpoint
    or when the rules left no text."""
    if not source_text(table):
        return table
    client = client_for(endpoint)
    if client is None:
        return table
    return run(client, lambda: amodel_extract(table, client))[0]
