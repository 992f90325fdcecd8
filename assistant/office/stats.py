"""Figures of a batch, per department and overall: grades, vague share, missing 成本/效益/满意度,
most frequent rules, quantitative share."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from assistant.office.batch import BatchResult

GRADES = ("优", "良", "中", "差")
MISSING = {"成本": "missing_cost", "效益": "missing_outcome", "满意度": "missing_satisfaction"}
VAGUE = "vague_target"
OVERALL = "全部"


@dataclass
class Stats:
    """One department's (or the whole batch's) figures. Shares are 0–1; None when there is nothing to divide."""

    department: str
    tables: int = 0
    projects: int = 0
    indicators: int = 0
    quantitative: int = 0
    vague: int = 0
    grades: Counter[str] = field(default_factory=Counter)
    missing: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    errors: int = 0
    warnings: int = 0

    @staticmethod
    def _share(n: int, d: int) -> float | None:
        return n / d if d else None

    @property
    def vague_share(self) -> float | None:
        return self._share(self.vague, self.indicators)

    @property
    def quantitative_share(self) -> float | None:
        return self._share(self.quantitative, self.indicators)

    def missing_share(self, what: str) -> float | None:
        return self._share(self.missing[what], self.projects)

    def top_rules(self, n: int = 10) -> list[tuple[str, int]]:
        return self.rules.most_common(n)

    def add(self, other: Stats) -> None:
        for name in ("tables", "projects", "indicators", "quantitative", "vague", "errors", "warnings"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.grades.update(other.grades)
        self.missing.update(other.missing)
        self.rules.update(other.rules)


def statistics(result: BatchResult) -> tuple[list[Stats], Stats]:
    """Per-department figures (departments in first-seen order) and the overall figures."""
    per: dict[str, Stats] = {}
    for item in result.reviewed:
        assert item.table is not None and item.report is not None
        s = per.setdefault(item.department, Stats(item.department))
        s.tables += 1
        s.projects += len(item.table.projects)
        for p in item.table.projects:
            for ind in p.indicators():
                s.indicators += 1
                s.quantitative += ind.target.kind == "quantitative"
        vague_rows = {(f.project, f.group, f.item) for f in item.report.findings if f.code == VAGUE}
        s.vague += len(vague_rows)
        for g in item.report.grades:
            s.grades[g.grade] += 1
        for what, code in MISSING.items():
            s.missing[what] += len({f.project for f in item.report.findings if f.code == code})
        s.rules.update(f.code for f in item.report.findings)
        s.errors += item.report.counts.get("error", 0)
        s.warnings += item.report.counts.get("warning", 0)
    overall = Stats(OVERALL)
    for s in per.values():
        overall.add(s)
    return list(per.values()), overall
