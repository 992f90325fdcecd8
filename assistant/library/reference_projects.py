"""Reference projects for drafting: the user's opted-in reference tables first, then the indicator
library's own project types shown as projects (their core records with the value forms), never a table
that joined without the user's choice."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from assistant.library.record import Kind, Record
from assistant.library.references import Provenance, ReferenceStore, reference_store
from assistant.library.retrieval import Hit, kinds_for, search
from assistant.model import Indicator, Project
from assistant.parse.value import parse_target

PLACEHOLDER = "【待填】"


@dataclass(frozen=True)
class Reference:
    """A project shown to the officer as a reference: where it comes from and why it matched."""

    project: Project
    score: float
    source: str
    department: str | None
    key: str
    terms: tuple[str, ...]
    provenance: Provenance | None = None


def value_of(record: Record) -> str:
    """The record's value form with the officer's number left to fill: ≥N人次 → ≥【待填】人次."""
    text = record.value_form.replace("YYYY年MM月DD日", f"{PLACEHOLDER}日期")
    return re.sub(r"(?<![A-Za-z])N(?![A-Za-z])", PLACEHOLDER, text)


def kind_project(kind: Kind, hits: list[Hit], limit: int = 12) -> Project:
    """A project type as a reference project: its best-ranked records, core ones first."""
    chosen = sorted(hits, key=lambda h: (not h.record.is_core, -h.score))[:limit]
    groups: dict[str, list[Indicator]] = {}
    for h in chosen:
        r = h.record
        value = value_of(r)
        groups.setdefault(r.level1, []).append(Indicator(
            category=r.level1 + "指标", subcategory=r.level2 + "指标",
            name=r.name, value=value, unit=r.unit, core=r.is_core, value_basis="、".join(r.basis),
            data_source=r.data_source, explanation=r.definition,
            target=parse_target(value, unit=r.unit) if r.unit else parse_target(value)))
    order = ["产出", "成本", "效益", "满意度"]
    return Project(name=f"指标库：{kind.name}", goal=f"{kind.sector}类项目的常用指标（服务对象：{kind.served[:40]}）",
                   groups=[groups[k] for k in order if k in groups])


def references_for(text: str, k: int = 3, *, exclude: set[str] | None = None,
                   store: ReferenceStore | None = None) -> list[Reference]:
    """Up to ``k`` references for the description ``text``: the user's reference projects that match
    (when the store can be read), then the library's best-fitting project types."""
    out: list[Reference] = []
    try:
        found = (store or reference_store()).similar(text, k=k)
    except (sqlite3.Error, OSError):
        found = []
    for h in found:
        if exclude and h.project.name in exclude:
            continue
        p = h.provenance
        out.append(Reference(h.project, h.score, f"参考库：{p.file_name}（{p.added[:10]} 由 {p.owner} 加入）",
                             p.department, f"ref:{p.table_id}:{h.project.name}", h.terms, p))
    if len(out) >= k:
        return out[:k]
    hits = search(text, k=80)
    for ks in kinds_for(text, k=k):
        if len(out) >= k:
            break
        mine = [h for h in hits if h.record.kind == ks.kind.code]
        if not mine:
            continue
        project = kind_project(ks.kind, mine)
        if exclude and project.name in exclude:
            continue
        out.append(Reference(project, ks.score, f"指标库 {ks.kind.code}（{ks.kind.source}）", None,
                             f"lib:{ks.kind.code}", ks.terms))
    return out
