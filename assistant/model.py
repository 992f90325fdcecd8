"""The domain model: a Table of Projects whose Indicators sit in groups, each with a parsed Target.

Field names follow the gold files in shared/gold (``title``, ``department``, ``projects[].groups[][]``,
``target.parts[]``); everything else is an extra key with a default, so ``Table.model_dump(mode="json")``
is a superset of the gold shape.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Op(StrEnum):
    GE = ">="
    LE = "<="
    GT = ">"
    LT = "<"
    EQ = "="
    RANGE = "range"


class Category(StrEnum):
    """一级指标, normalised. Older names (项目完成指标, 效果指标 …) map onto these four."""

    OUTPUT = "产出指标"
    OUTCOME = "效益指标"
    COST = "成本指标"
    SATISFACTION = "满意度指标"


class Position(BaseModel):
    """Where a piece of text came from: a 1-based line of a text file, or a sheet and cell."""

    model_config = ConfigDict(frozen=True)

    line: int | None = None
    sheet: str | None = None
    cell: str | None = None
    page: int | None = None

    def label(self) -> str:
        where = ""
        if self.cell:
            where = f"{self.sheet}!{self.cell}" if self.sheet else self.cell
        elif self.line:
            where = f"第{self.line}行"
        if self.page:
            return f"第{self.page}页 {where}".strip()
        return where


class TargetPart(BaseModel):
    """One comparable target: ``op value[..high] unit``.

    ``value`` is None only for a template placeholder (``≥**个``, ``【待填】``); ``basis`` names the
    reference of a relative change (``上年``) or a cumulative count (``累计``).
    """

    op: Op
    value: int | float | None
    high: int | float | None = None
    unit: str | None = None
    basis: str | None = None
    subject: str | None = None
    placeholder: bool = False


class Target(BaseModel):
    """A parsed 指标值. ``missing`` is a blank value or a template placeholder."""

    kind: Literal["quantitative", "qualitative", "missing"]
    parts: list[TargetPart] = Field(default_factory=list)

    @property
    def is_compound(self) -> bool:
        return len(self.parts) > 1


class Indicator(BaseModel):
    """One 三级指标 row. ``no`` is the number printed before it in a numbered list, if any.
    ``extracted_by`` is ``"model"`` for a row a model read from text the rules could not structure
    (its name and value were checked to occur in that text)."""

    no: int | None = None
    category: str
    subcategory: str | None = None
    name: str
    value: str
    target: Target
    comparator: str | None = None
    unit: str | None = None
    value_basis: str | None = None
    explanation: str | None = None
    data_source: str | None = None
    weight: float | None = None
    core: bool = False
    category_raw: str | None = None
    subcategory_raw: str | None = None
    position: Position | None = None
    extracted_by: Literal["rules", "model"] = "rules"


class Project(BaseModel):
    """A budget item. ``groups`` keeps merged sub-items apart: a numbered list that restarts at 1
    inside one cell begins a new group. ``confidence`` (0–1) says how much of the project's text the
    parser placed and how many rows have all their cells; ``needs_check`` marks a project whose
    structure is too uncertain to grade (需人工核对)."""

    line: int | None = None
    name: str
    goal: str = ""
    groups: list[list[Indicator]] = Field(default_factory=list)
    unit: str | None = None
    department: str | None = None
    amount: float | None = None
    amount_text: str | None = None
    fields: dict[str, str] = Field(default_factory=dict)
    position: Position | None = None
    confidence: float | None = None
    needs_check: bool = False

    def indicators(self) -> list[Indicator]:
        return [ind for group in self.groups for ind in group]


class ParseWarning(BaseModel):
    """Text the parser read but could not place, kept whole, with where it stood."""

    kind: str
    text: str
    line: int | None = None
    sheet: str | None = None
    cell: str | None = None
    page: int | None = None
    message: str | None = None

    def label(self) -> str:
        """Where the text stood, as a reader says it: ``第2页 第5行``, ``项目A!B7`` …; empty when unknown."""
        return Position(line=self.line, sheet=self.sheet, cell=self.cell, page=self.page).label()


class Table(BaseModel):
    """A whole table. ``fields`` keeps table-level labels the readers recognised (部门名称, the column
    header row …) so that no text of the input is lost. ``layout`` is what the table itself uses:
    ``"101"`` (成本指标 as its own 一级) or ``"legacy"`` (成本 under 产出), None when it cannot tell."""

    source: str | None = None
    title: str | None = None
    department: str | None = None
    fields: dict[str, str] = Field(default_factory=dict)
    projects: list[Project] = Field(default_factory=list)
    warnings: list[ParseWarning] = Field(default_factory=list)
    layout: Literal["101", "legacy"] | None = None

    def indicator_count(self) -> int:
        return sum(len(p.indicators()) for p in self.projects)


Severity = Literal["error", "warning", "info"]
Level = Literal["indicator", "project", "table"]

SEVERITY_ZH: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}


class Finding(BaseModel):
    """One problem found by a rule or by the model. ``group`` and ``item`` are 1-based positions of
    the indicator inside its project (as in shared/gold), absent for project- and table-level codes."""

    code: str
    severity: Severity
    level: Level
    project: str | None = None
    group: int | None = None
    item: int | None = None
    indicator: str | None = None
    value: str | None = None
    message: str
    fix: str | None = None
    basis: str | None = None
    rewrites: list[str] = Field(default_factory=list)
    source: Literal["rules", "model"] = "rules"
    position: Position | None = None


class Grade(BaseModel):
    """88号 review of one project: a score per dimension where rules can judge, and 优/良/中/差."""

    project: str
    dimensions: dict[str, int | None]
    grade: Literal["优", "良", "中", "差"]
    reasons: list[str] = Field(default_factory=list)
