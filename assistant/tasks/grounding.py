"""Grounding from the example library: the similar projects a task shows, and value hints per indicator."""

from __future__ import annotations

from typing import Any

from assistant.examples import Library, ProjectMatch, default_library
from assistant.model import Project
from assistant.tasks.models import GroundingExample, ValueHint


def library_or_default(library: Library | None) -> Library:
    return library if library is not None else default_library()


def indicator_line(ind: Any) -> str:
    sub = f"/{ind.subcategory}" if ind.subcategory else ""
    return f"{ind.category}{sub}｜{ind.name}｜{ind.value}"


def example(match: ProjectMatch, max_indicators: int = 12) -> GroundingExample:
    p = match.project
    return GroundingExample(name=p.name, department=match.department, source=match.source, score=match.score,
                            goal=p.goal[:200], indicators=[indicator_line(i) for i in p.indicators()[:max_indicators]])


def for_prompt(example: GroundingExample) -> dict[str, Any]:
    """A grounding example with Chinese keys, as the prompts show it."""
    return {"项目名称": example.name, "部门": example.department, "年度绩效目标": example.goal,
            "指标（一级｜三级｜指标值）": example.indicators}


def similar(library: Library, text: str, k: int, exclude: set[str] | None = None) -> list[GroundingExample]:
    return [example(m) for m in library.similar_projects(text, k, exclude=exclude)]


def hint(library: Library, name: str, unit: str | None, exclude: set[str] | None = None) -> ValueHint | None:
    """Library values for an indicator named like ``name`` in ``unit``; percentages only against percentages."""
    found = library.value_range(name, unit, exclude=exclude)
    if found is None:
        return None
    return ValueHint(indicator=name, unit=found.unit, n=found.n, min=found.min, median=found.median,
                     max=found.max, projects=sorted({p for p, _, _ in found.examples}), text=found.hint())


def project_hints(library: Library, project: Project) -> list[ValueHint]:
    """A hint for every quantitative indicator of ``project`` that the library can compare (itself excluded)."""
    out: list[ValueHint] = []
    for ind in project.indicators():
        parts = ind.target.parts
        if ind.target.kind != "quantitative" or len(parts) != 1 or not parts[0].unit:
            continue
        h = hint(library, ind.name, parts[0].unit, exclude={project.name})
        if h is not None:
            out.append(h)
    return out
