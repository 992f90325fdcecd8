"""What a corrected version changed: each finding is fixed / new / unchanged / changed, per project."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from assistant.model import Finding
from assistant.office.keys import finding_key
from assistant.review.result import ReviewReport

Status = Literal["已修正", "新增", "未变", "有变化"]
STATUSES: tuple[Status, ...] = ("已修正", "新增", "未变", "有变化")


@dataclass
class DiffEntry:
    """One finding across two versions. ``old``/``new`` is None where the finding is absent."""

    status: Status
    key: str
    project: str
    code: str
    old: Finding | None
    new: Finding | None

    @property
    def finding(self) -> Finding:
        f = self.new or self.old
        assert f is not None
        return f


@dataclass
class ProjectDiff:
    """The entries of one project, in the new version's order (fixed ones last)."""

    project: str
    entries: list[DiffEntry] = field(default_factory=list)
    only_in: Literal["old", "new"] | None = None

    def counts(self) -> Counter[str]:
        return Counter(e.status for e in self.entries)


def _keyed(findings: list[Finding]) -> dict[str, Finding]:
    out: dict[str, Finding] = {}
    seen: Counter[str] = Counter()
    for f in findings:
        k = finding_key(f)
        seen[k] += 1
        out[k if seen[k] == 1 else f"{k}#{seen[k]}"] = f
    return out


def _same(a: Finding, b: Finding) -> bool:
    return (a.value or "") == (b.value or "") and a.message == b.message and a.severity == b.severity


def diff_reports(old: ReviewReport, new: ReviewReport) -> list[ProjectDiff]:
    """Compare the findings of two versions of a table, project by project (matched by name)."""
    old_k, new_k = _keyed(old.findings), _keyed(new.findings)
    order = [p.name for p in new.projects] + [p.name for p in old.projects if p.name not in
                                               {q.name for q in new.projects}]
    projects: dict[str, ProjectDiff] = {name: ProjectDiff(name) for name in dict.fromkeys(order)}
    old_names, new_names = {p.name for p in old.projects}, {p.name for p in new.projects}
    for name, pd in projects.items():
        pd.only_in = "old" if name not in new_names else ("new" if name not in old_names else None)
    for k, f in new_k.items():
        before = old_k.get(k)
        status: Status = "新增" if before is None else ("未变" if _same(before, f) else "有变化")
        projects.setdefault(f.project or "", ProjectDiff(f.project or "")).entries.append(
            DiffEntry(status, k.split("#")[0], f.project or "", f.code, before, f))
    for k, f in old_k.items():
        if k not in new_k:
            projects.setdefault(f.project or "", ProjectDiff(f.project or "")).entries.append(
                DiffEntry("已修正", k.split("#")[0], f.project or "", f.code, f, None))
    return list(projects.values())


def totals(diffs: list[ProjectDiff]) -> Counter[str]:
    """Counts per status over all projects."""
    out: Counter[str] = Counter({s: 0 for s in STATUSES})
    for d in diffs:
        out.update(d.counts())
    return out
