"""Chat intake by the model: an officer's free text → a project description with its goal clauses and the figures
the officer gave. Without an endpoint (or when the model fails) a rule extractor answers instead.

``intake(text, endpoint=None)`` is the entry point; the page wiring belongs to the drafting UI.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, Field, ValidationInfo, model_validator

from assistant.tasks import checks
from assistant.tasks import prompt_facts as pf
from assistant.tasks.endpoint import client_for, model_name, run
from assistant.tasks.intake import description, update_fields
from assistant.tasks.models import Backend, ProjectDescription


class IntakeAnswer(BaseModel):
    """What the model extracts; every number must come from the text."""

    name: str = Field(description="项目名称")
    goal: str = Field(default="", description="年度绩效目标（尽量保留原话）")
    goal_clauses: list[str] = Field(default_factory=list, description="目标分句")
    amount: float | None = Field(default=None, description="年度预算金额（万元）")
    budget_year: int | None = Field(default=None, description="预算年度")
    content: str | None = Field(default=None, description="主要实施内容")
    beneficiaries: str | None = Field(default=None, description="服务对象或受益对象")
    unit: str | None = Field(default=None, description="实施单位")
    figures: list[str] = Field(default_factory=list, description="用户给出的数量、比率、日期，连同单位原样摘出")

    @model_validator(mode="after")
    def _from_text(self, info: ValidationInfo) -> IntakeAnswer:
        ctx = info.context if isinstance(info.context, dict) else None
        if ctx is None or ctx.get("task") != "intake":
            return self
        text = ctx.get("text", "")
        given = checks.given_numbers(text)
        messages = [f"“{f}”中的数字不在用户原话中：只摘出用户给出的数字。" for f in self.figures
                    if not checks.given_numbers(f) <= given]
        if self.amount is not None and not _amount_in(self.amount, text):
            messages.append(f"预算金额 {self.amount:g} 万元在用户原话中找不到对应的金额：没说时留空。")
        if messages:
            raise ValueError("\n".join(messages))
        return self


class IntakeResult(BaseModel):
    """The description, its goal clauses and figures, and which backend produced them."""

    description: ProjectDescription
    clauses: list[str] = Field(default_factory=list)
    figures: list[str] = Field(default_factory=list)
    budget_year: int | None = None
    backend: Backend
    model: str | None = None
    notes: list[str] = Field(default_factory=list)


_MONEY = re.compile(r"(\d+(?:\.\d+)?)\s*(亿元|亿|万元|万|元)")
_SCALE = {"亿元": 10000.0, "亿": 10000.0, "万元": 1.0, "万": 1.0, "元": 0.0001}


def _amounts(text: str) -> list[float]:
    from assistant.parse.value import normalize

    return [float(n) * _SCALE[u] for n, u in _MONEY.findall(normalize(text))]


def _amount_in(amount: float, text: str) -> bool:
    return any(abs(a - amount) < 1e-6 * max(1.0, amount) for a in _amounts(text))


def rules_intake(text: str) -> IntakeResult:
    """The rule extractor: the chat's slot filler, then goal clauses and figures by rule."""
    fields = update_fields({}, text, [])
    if not fields.get("goal"):
        fields["goal"] = text.strip()
    desc = description(fields)
    if not isinstance(desc, ProjectDescription):
        desc = ProjectDescription(name=str(fields.get("name") or "未命名项目"))
    return IntakeResult(description=desc, clauses=pf.goal_clauses(desc.goal), figures=pf.figures(text),
                        budget_year=pf.budget_year(text), backend="rules",
                        notes=["未调用模型：按标签和分句规则提取，请核对各字段。"])


async def amodel_intake(text: str, client: Any) -> IntakeResult:
    from assistant.llm.errors import AnswerInvalid, TransportError
    from assistant.llm.prompts import load_prompt

    prompt = load_prompt("intake").render(text=text)
    try:
        answer, _, _ = await client.acall(prompt, IntakeAnswer, {"task": "intake", "text": text})
    except (TransportError, AnswerInvalid) as err:
        fallback = rules_intake(text)
        return fallback.model_copy(update={"model": model_name(client),
                                           "notes": [f"模型未给出可用的提取（{err}），以下改为规则提取。"]})
    desc = ProjectDescription(name=answer.name, goal=answer.goal, amount=answer.amount, unit=answer.unit,
                              content=answer.content, beneficiaries=answer.beneficiaries)
    clauses = answer.goal_clauses or pf.goal_clauses(answer.goal)
    figures = list(dict.fromkeys([*answer.figures, *pf.figures(text)]))
    return IntakeResult(description=desc, clauses=clauses, figures=figures,
                        budget_year=answer.budget_year or pf.budget_year(text), backend="model",
                        model=model_name(client))


def intake(text: str, *, endpoint: Any = None) -> IntakeResult:
    """The officer's free text as a project description: by the model when an endpoint is configured, else
    (or when the model fails) by the rule extractor."""
    client = client_for(endpoint)
    if client is None:
        return rules_intake(text)
    return run(client, lambda: amodel_intake(text, client))
