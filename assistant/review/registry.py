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
    from assistant.review.profile import Profile

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
    profile: Profile
    columns: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ProjectCtx:
    table: Table
    project: Project
    index: int
    profile: Profile
    shared: dict[str, Any] = field(default_factory=dict)


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

    def citation(self) -> str:
        return f"{self.domain}｜{self.basis}"


_RULES: dict[str, Rule] = {}


def rule(code: str, *, domain: str, severity: Severity, level: Level, title: str, basis: str,
         dimension: str | None, default_enabled: bool = True) -> Callable:
    """Register the decorated function under ``code`` (unique)."""
    if dimension is not None and dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}")

    def wrap(fn: Callable) -> Callable:
        if code in _RULES:
            raise ValueError(f"duplicate rule code {code!r}")
        _RULES[code] = Rule(code, domain, severity, level, title, basis, dimension, fn, default_enabled)
        return fn

    return wrap


def all_rules() -> dict[str, Rule]:
    """Every registered rule, importing the rule modules on first use."""
    from assistant.review import rules_lexicon, rules_placement, rules_structure, rules_value  # noqa: F401

    return dict(_RULES)
