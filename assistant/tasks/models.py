"""Inputs and results of the model tasks (suggest, rewrite, critique), as the user and the JSON output see them.

The response models that the model fills in are in :mod:`assistant.tasks.answers`; these are the results
returned to callers, whichever backend answered.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from assistant.model import Finding

VALUE_BASES = ("计划标准", "历史标准", "行业标准", "预算支出标准", "其他标准")
ValueBasis = Literal["计划标准", "历史标准", "行业标准", "预算支出标准", "其他标准"]
Backend = Literal["rules", "model"]


class ProjectDescription(BaseModel):
    """What a budget officer says about a new budget item. ``amount`` is in 万元."""

    name: str
    goal: str = ""
    amount: float | None = None
    unit: str | None = None
    project_type: str | None = None
    beneficiaries: str | None = None
    content: str | None = None

    def text(self) -> str:
        return " ".join(x for x in (self.name, self.goal, self.content or "", self.beneficiaries or "") if x)


class SuggestedIndicator(BaseModel):
    """One proposed row. ``value`` is written as it would appear in the table (``≥【待填】人次``, ``≥500人次``);
    ``proposed`` is True whenever the value holds a number the user did not give (or a placeholder)."""

    category: str = Field(description="一级指标")
    subcategory: str = Field(description="二级指标")
    name: str = Field(description="三级指标名称")
    comparator: str = Field(description="≥ ≤ = > < 或 定性")
    value: str
    unit: str | None = None
    value_basis: ValueBasis
    data_source: str
    proposed: bool = True
    reason: str = ""
    explanation: str = Field(default="", description="指标解释")
    formula: str = Field(default="", description="计算公式")
    core: bool = Field(default=False, description="核心指标")


class GroundingExample(BaseModel):
    """A similar known project shown to the model and to the user."""

    name: str
    department: str | None = None
    source: str | None = None
    score: float
    goal: str = ""
    indicators: list[str] = Field(default_factory=list)


class ValueHint(BaseModel):
    """The values that similarly named indicators in the library use."""

    indicator: str
    unit: str | None
    n: int
    min: float
    median: float
    max: float
    projects: list[str] = Field(default_factory=list)
    text: str


class SuggestResult(BaseModel):
    """A complete indicator set for a description. ``findings`` are the rule findings it still carries."""

    description: ProjectDescription
    project_type: str
    indicators: list[SuggestedIndicator]
    grounding: list[GroundingExample] = Field(default_factory=list)
    hints: list[ValueHint] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    backend: Backend
    model: str | None = None
    prompt_version: str | None = None
    attempts: int = 0
    usage: dict[str, Any] | None = None
    notes: list[str] = Field(default_factory=list)


class RewriteOption(BaseModel):
    """A measurable alternative. ``needs_baseline``: the value is a change and a 基期值 must be stated."""

    name: str
    value: str
    comparator: str | None = None
    unit: str | None = None
    value_basis: str | None = None
    reason: str = ""
    proposed: bool = True
    needs_baseline: bool = False
    category: str | None = None
    subcategory: str | None = None


class RewriteResult(BaseModel):
    """1–3 alternatives for one vague indicator."""

    original_name: str
    original_value: str
    project: str | None = None
    options: list[RewriteOption]
    findings: list[Finding] = Field(default_factory=list)
    backend: Backend
    model: str | None = None
    prompt_version: str | None = None
    attempts: int = 0
    usage: dict[str, Any] | None = None
    notes: list[str] = Field(default_factory=list)


class LLMReviewResult(BaseModel):
    """``jixiao review --llm``: rule findings, model findings and rewrites of every vague finding."""

    title: str | None = None
    department: str | None = None
    findings: list[Finding]
    rewrites: list[RewriteResult] = Field(default_factory=list)
    model: str | None = None
    usage: dict[str, Any] | None = None
    errors: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
