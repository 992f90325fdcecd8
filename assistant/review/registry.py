"""The rule registry: one small function per rule, registered with its code, DOMAIN id, severity,
level, title, basis and the 88号 review dimension it informs.

An indicator rule gets an :class:`IndicatorCtx`, a project rule a :class:`ProjectCtx`; each returns
None, one :class:`Hit` or a list of them. The engine turns hits into :class:`assistant.model.Finding`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.model import Indicator, Level, Project, Severity, Table

if TYPE_CHECKING:
    from assistant.review.policy import Policy

DIMENSIONS = ("完整性", "相关性", "适当性", "可行性")


@dataclass
class Hit:
    """What a rule found. ``project``, ``group`` and ``item`` are filled in by the engine."""

    message: str
    fix: str | None = None
    rewrites: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class IndicatorCtx:
    table: Table
    project: Project
    indicator: Indicator
    group: int
    item: int
    policy: Policy
    columns: frozenset[str] = frozenset()
    layout: str = "legacy"


@dataclass(frozen=True)
class ProjectCtx:
    table: Table
    project: Project
    index: int
    policy: Policy
    shared: dict[str, Any] = field(default_factory=dict)
    layout: str = "legacy"


@dataclass(frozen=True)
class Rule:
    code: str
    domain: str
    severity: Severity
    level: Level
    title: str
    basis: str
    dimension: str | None
    fn: Callable[[Any], Hit | list[Hit] | None]
    default_enabled: bool = True
    structural: bool = False

    def citation(self) -> str:
        """The documents the rule rests on, as a reader sees them (``domain`` is an internal id only)."""
        return self.basis


_RULES: dict[str, Rule] = {}


def rule(code: str, *, domain: str, severity: Severity, level: Level, title: str, basis: str,
         dimension: str | None, default_enabled: bool = True, structural: bool = False) -> Callable:
    """Register the decorated function under ``code`` (unique). A ``structural`` rule judges what the
    parser placed (categories, row counts, header money) and is skipped on a project marked
    ``needs_check``."""
    if dimension is not None and dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}")

    def wrap(fn: Callable) -> Callable:
        if code in _RULES:
            raise ValueError(f"duplicate rule code {code!r}")
        _RULES[code] = Rule(code, domain, severity, level, title, basis, dimension, fn, default_enabled, structural)
        return fn

    return wrap


def all_rules() -> dict[str, Rule]:
    """Every registered rule, importing the rule modules on first use."""
    from assistant.review import (  # noqa: F401
        rules_amount,
        rules_lexicon,
        rules_placement,
        rules_structure,
        rules_value,
    )

    return dict(_RULES)


MODEL_TITLES = {
    "goal_uncovered": "年度绩效目标未被指标覆盖",
    "unrelated_indicator": "指标与项目支出内容无关",
    "value_out_of_line": "指标值与同类项目明显不符",
    "missing_core_indicator": "缺少核心指标",
    "budget_mismatch": "指标与预算资金不匹配",
}


def rule_title(code: str) -> str:
    """The Chinese title a reader sees for ``code`` (rule or model finding); a generic title for an
    unknown code, never the code itself."""
    found = all_rules().get(code)
    if found is not None:
        return found.title
    return MODEL_TITLES.get(code, "其他问题")
