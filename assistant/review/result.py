"""The review result: findings, per-project grades and counts. ``ReviewReport.model_dump_json()`` is the
``--format json`` output and schemas/review-report.schema.json is generated from it."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from assistant.model import Finding, Grade

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


class ProjectSummary(BaseModel):
    """One project's counts: indicators, and findings per severity. ``needs_check`` projects (the parser
    could not be sure of their structure) are not graded and structure-dependent rules skip them;
    ``notes`` say what could not be checked (``数据不足：…``)."""

    name: str
    line: int | None = None
    indicators: int
    counts: dict[str, int] = Field(default_factory=dict)
    needs_check: bool = False
    notes: list[str] = Field(default_factory=list)


class ReviewReport(BaseModel):
    """What ``jixiao review`` found in one table, under one review policy (口径): its name and title are in
    ``profile``/``profile_title``, the JSON keys reports have always used."""

    source: str | None = None
    title: str | None = None
    department: str | None = None
    profile: str
    profile_title: str
    layout: Literal["legacy", "101"]
    layout_source: Literal["table", "profile", "default"] = "profile"
    engine: Literal["rules"] = "rules"
    rules: list[str] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    grades: list[Grade] = Field(default_factory=list)
    projects: list[ProjectSummary] = Field(default_factory=list)
    counts: dict[str, int] = Field(default_factory=dict)
    codes: dict[str, int] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list)

    def findings_for(self, project: str) -> list[Finding]:
        return [f for f in self.findings if f.project == project]

    def has_at_least(self, severity: str) -> bool:
        """True when a finding at ``severity`` or worse exists."""
        floor = SEVERITY_RANK[severity]
        return any(SEVERITY_RANK[f.severity] >= floor for f in self.findings)
