"""``jixiao review --llm``: rules first, then a model critique per project and a model rewrite for every vague
finding, run concurrently and bounded by the llm layer's batch, with a progress bar and a cost line.

``llm_review`` merges everything into the rule report (model findings carry ``source="model"``, model
rewrites go in front of the rule templates in ``Finding.rewrites``); the command is ``assistant.commands``,
over ``assistant.service.review_model``.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Callable
from typing import Any

from assistant.examples import Library
from assistant.model import Finding, Table
from assistant.tasks import critique as crit
from assistant.tasks import rewrite as rw
from assistant.tasks.endpoint import model_name
from assistant.tasks.grounding import library_or_default
from assistant.tasks.models import LLMReviewResult, RewriteResult

VAGUE_CODES = ("vague_target", "vague_name")
Progress = Callable[[int, int], None]


def _jobs(table: Table, report: Any, library: Library, profile: Any) -> tuple[list, list]:
    from assistant.llm.batch import BatchItem

    critiques, rewrites = [], []
    for n, project in enumerate(table.projects):
        found = [f for f in report.findings if f.project == project.name]
        critiques.append((BatchItem(f"critique-{n}", crit.render(project, found, library, item_id=f"c{n}"),
                                    crit.context(project, profile)), project, found))
        for f in found:
            if f.code not in VAGUE_CODES or f.item is None:
                continue
            try:
                ind = project.groups[(f.group or 1) - 1][f.item - 1]
            except IndexError:
                continue
            key = f"rewrite-{n}-{f.group}-{f.item}-{f.code}"
            own = rw.own_findings(ind, project, profile)
            rewrites.append((BatchItem(key, rw.render(ind, project, own, item_id=key.replace("rewrite-", "r")),
                                       rw.context(ind, project, profile)), f, ind, project, own))
    return critiques, rewrites


def _option_text(o: Any) -> str:
    flags = [x for x, on in (("建议值，待确认", o.proposed), ("需提供基期值", o.needs_baseline)) if on]
    tail = f"［{'，'.join(flags)}］" if flags else ""
    return f"{o.name}：{o.value}{tail}（模型改写）"


def llm_review(table: Table, report: Any, client: Any, *, library: Library | None = None, profile: Any = None,
               progress: Progress | None = None) -> tuple[LLMReviewResult, Any]:
    """Run the model tasks over ``table`` after its rule ``report``; returns the result and the merged report."""
    from assistant.llm.batch import arun_batch
    from assistant.tasks.answers import CritiqueAnswer, RewriteAnswer

    library = library_or_default(library)
    critiques, rewrites = _jobs(table, report, library, profile)
    total = len(critiques) + len(rewrites)
    state = {"done": 0}

    def tick(*_: Any) -> None:
        state["done"] += 1
        if progress is not None:
            progress(state["done"], total)

    async def main() -> tuple[Any, Any]:
        try:
            return await asyncio.gather(
                arun_batch(client, [c[0] for c in critiques], CritiqueAnswer, progress=tick),
                arun_batch(client, [r[0] for r in rewrites], RewriteAnswer, progress=tick))
        finally:
            await client.aclose()

    crit_report, rw_report = asyncio.run(main())
    errors = [f"{r.id}：{r.error}" for r in (*crit_report.failures, *rw_report.failures)]
    model_findings: list[Finding] = []
    for (_, project, found), result in zip(critiques, crit_report.results, strict=True):
        if result.value is not None:
            model_findings.extend(crit.dedupe(crit.to_findings(result.value, project), found))
    results: list[RewriteResult] = []
    for (item, finding, ind, project, own), result in zip(rewrites, rw_report.results, strict=True):
        if result.value is None:
            continue
        done = rw.from_answer(result.value, ind, project, own, model=model_name(client),
                              version=item.prompt.version, attempts=result.attempts, usage=result.usage)
        results.append(done)
        finding.rewrites = list(dict.fromkeys([_option_text(o) for o in done.options] + finding.rewrites))
    usage = crit_report.usage + rw_report.usage
    merged = _merge(report, table, model_findings)
    out = LLMReviewResult(title=table.title, department=table.department, findings=merged.findings,
                          rewrites=results, model=model_name(client), usage=usage.to_dict(), errors=errors)
    return out, merged


def call_count(table: Table, report: Any) -> int:
    """How many model calls ``llm_review`` makes: one critique per project, one rewrite per vague finding."""
    return len(table.projects) + sum(f.code in VAGUE_CODES and f.item is not None for f in report.findings)


def _merge(report: Any, table: Table, extra: list[Finding]) -> Any:
    order = {p.name: n for n, p in enumerate(table.projects)}
    findings = sorted([*report.findings, *extra], key=lambda f: order.get(f.project or "", len(order)))
    sev = Counter(f.severity for f in findings)
    summaries = []
    for s in report.projects:
        counts = Counter(f.severity for f in findings if f.project == s.name)
        summaries.append(s.model_copy(update={"counts": {k: counts.get(k, 0) for k in ("error", "warning", "info")}}))
    return report.model_copy(update={
        "findings": findings, "projects": summaries,
        "counts": {s: sev.get(s, 0) for s in ("error", "warning", "info")},
        "codes": dict(sorted(Counter(f.code for f in findings).items()))})
