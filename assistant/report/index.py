"""Findings indexed by project in one pass, so that a renderer's work grows linearly with the table
(looking each project's findings up by scanning them all made every report quadratic)."""

from __future__ import annotations

from collections import defaultdict

from assistant.model import Finding
from assistant.review.result import ReviewReport


class FindingIndex:
    """``of(name)``: a project's findings in report order; ``project_level(name)``: those not tied to a row."""

    def __init__(self, report: ReviewReport) -> None:
        self._by_project: dict[str | None, list[Finding]] = defaultdict(list)
        for f in report.findings:
            self._by_project[f.project].append(f)

    def of(self, project: str) -> list[Finding]:
        return list(self._by_project.get(project, ()))

    def project_level(self, project: str) -> list[Finding]:
        return [f for f in self._by_project.get(project, ()) if f.item is None]
