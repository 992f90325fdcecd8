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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.examples import Library
from assistant.llm.client import run_sync
from assistant.model import Finding, Indicator, Project, Table
from assistant.tasks import critique as crit
from assistant.tasks import rewrite as rw
from assistant.tasks.endpoint import model_name
from assistant.tasks.grounding import library_or_default
from assistant.tasks.models import LLMReviewResult, RewriteResult

VAGUE_CODES = ("vague_target", "vague_name")
PROJECTS_PER_CALL = 5
"""Projects per critique call (the ministry's system reviews five at a time)."""
ROWS_PER_CALL = 12
"""Vague rows per rewrite call; one project's rows are never split between calls."""
Progress = Callable[[int, int], None]


@dataclass
class Plan:
    """The model calls of a review: critique items (several projects each) and rewrite items (all vague rows
    of one or more whole projects each), with what each item's answer is about."""

    critiques: list[tuple[Any, list[tuple[str, Project, list[Finding]]]]] = field(default_factory=list)
    rewrites: list[tuple[Any, list[tuple[str, Finding, Indicator, Project, list[Finding]]]]] = field(
        default_factory=list)

    @property
    def calls(self) -> int:
        return len(self.critiques) + len(self.rewrites)


def plan(table: Table, report: Any, library: Library, policy: Any = None, *,
         projects_per_call: int = PROJECTS_PER_CALL, rows_per_call: int = ROWS_PER_CALL) -> Plan:
    """Group the table into few, large calls; item ids are stable across runs (the checkpoint's keys)."""
    from assistant.llm.batch import BatchItem
    from assistant.review.policy import load_policy

    policy = load_policy(policy)
    out = Plan()
    entries = []
    rows: list[list[tuple[str, Finding, Indicator, Project, list[Finding]]]] = []
    for n, project in enumerate(table.projects):
        found = [f for f in report.findings if f.project == project.name]
        entries.append((f"p{n}", project, found))
        mine = []
        for f in found:
            if f.code not in VAGUE_CODES or f.item is None:
                continue
            try:
                ind = project.groups[(f.group or 1) - 1][f.item - 1]
            except IndexError:
                continue
            mine.append((f"p{n}-{f.group or 1}-{f.item}-{f.code}", f, ind, project,
                         rw.own_findings(ind, project, policy)))
        if mine:
            rows.append(mine)
    size = max(1, projects_per_call)
    for start in range(0, len(entries), size):
        chunk = entries[start:start + size]
        cid = f"c{start}-{start + len(chunk) - 1}"
        out.critiques.append((BatchItem(cid, crit.render_batch(chunk, library, item_id=cid),
                                        crit.batch_context(chunk, policy)), chunk))
    pack: list[tuple[str, Finding, Indicator, Project, list[Finding]]] = []
    for mine in rows:
        if pack and len(pack) + len(mine) > rows_per_call:
            out.rewrites.append(_rewrite_item(pack, policy))
            pack = []
        pack = pack + mine
    if pack:
        out.rewrites.append(_rewrite_item(pack, policy))
    return out


def _rewrite_item(pack: list, policy: Any) -> tuple[Any, list]:
    from assistant.llm.batch import BatchItem

    rid = f"r-{pack[0][0]}"
    rows = [(key, ind, own) for key, _, ind, _, own in pack]
    projects = list(dict.fromkeys(id(p) for *_, p, _ in pack))
    project = pack[0][3] if len(projects) == 1 else None
    if project is None:
        prompt = rw.render_multi(pack, item_id=rid)
    else:
        prompt = rw.render_batch(rows, project, item_id=rid)
    ctx = {"task": "rewrite_batch", "items": {key: rw.context(ind, p, policy) for key, _, ind, p, _ in pack}}
    return BatchItem(rid, prompt, ctx), pack


def _option_text(o: Any) -> str:
    flags = [x for x, on in (("建议值，待确认", o.proposed), ("需提供基期值", o.needs_baseline)) if on]
    tail = f"［{'，'.join(flags)}］" if flags else ""
    return f"{o.name}：{o.value}{tail}（模型改写）"


def llm_review(table: Table, report: Any, client: Any, *, library: Library | None = None, policy: Any = None,
               progress: Progress | None = None, checkpoint: str | Path | None = None,
               projects_per_call: int = PROJECTS_PER_CALL, calls: Plan | None = None) -> tuple[LLMReviewResult, Any]:
    """Run the model tasks over ``table`` after its rule ``report``; returns the result and the merged report.
    With ``checkpoint`` (a JSONL file) a re-run after a kill repeats no finished call and loses none. ``calls``
    is a :func:`plan` already made for this table and report (to count or show the calls first). The Batch API
    path is :func:`write_requests` then :func:`read_results`."""
    from assistant.llm.batch import arun_batch
    from assistant.tasks.answers import CritiqueBatchAnswer, RewriteBatchAnswer

    if calls is None:
        calls = plan(table, report, library_or_default(library), policy, projects_per_call=projects_per_call)
    total = calls.calls
    state = {"done": 0}

    def tick(*_: Any) -> None:
        state["done"] += 1
        if progress is not None:
            progress(state["done"], total)

    async def main() -> tuple[Any, Any]:
        try:
            return await asyncio.gather(
                arun_batch(client, [c[0] for c in calls.critiques], CritiqueBatchAnswer, progress=tick,
                           checkpoint=checkpoint),
                arun_batch(client, [r[0] for r in calls.rewrites], RewriteBatchAnswer, progress=tick,
                           checkpoint=checkpoint))
        finally:
            await client.aclose()

    crit_report, rw_report = run_sync(main)
    return assemble(table, report, calls, crit_report, rw_report, model_name(client), policy)


def assemble(table: Table, report: Any, calls: Plan, crit_report: Any, rw_report: Any, model: str,
             policy: Any = None) -> tuple[LLMReviewResult, Any]:
    """The review result from the batch reports (live or read back from a Batch API results file)."""
    from assistant.review.policy import load_policy

    policy = load_policy(policy)
    errors = [f"{r.id}：{r.error}" for r in (*crit_report.failures, *rw_report.failures)]
    model_findings: list[Finding] = []
    for (_, chunk), result in zip(calls.critiques, crit_report.results, strict=True):
        if result.value is None:
            continue
        answers = {p.id: p for p in result.value.projects}
        for pid, project, found in chunk:
            if pid in answers:
                model_findings.extend(crit.dedupe(crit.to_findings(answers[pid], project), found))
    results: list[RewriteResult] = []
    for (item, pack), result in zip(calls.rewrites, rw_report.results, strict=True):
        if result.value is None:
            continue
        answers = {a.id: a for a in result.value.items}
        for key, finding, ind, project, own in pack:
            if key not in answers:
                continue
            done = rw.from_answer(answers[key], ind, project, own, model=model, version=item.prompt.version,
                                  attempts=result.attempts, usage=None, policy=policy, checked=True)
            results.append(done)
            finding.rewrites = list(dict.fromkeys([_option_text(o) for o in done.options] + finding.rewrites))
    usage = crit_report.usage + rw_report.usage
    merged = _merge(report, table, model_findings)
    out = LLMReviewResult(title=table.title, department=table.department, findings=merged.findings,
                          rewrites=results, model=model, usage=usage.to_dict(), errors=errors)
    return out, merged


def write_requests(table: Table, report: Any, endpoint: Any, path: str | Path, *, library: Library | None = None,
                   policy: Any = None, projects_per_call: int = PROJECTS_PER_CALL) -> int:
    """The review's model calls as an OpenAI Batch API JSONL file (sent as ``endpoint`` would receive them);
    returns the number of request lines."""
    from assistant.llm.batchfile import write_batch_file
    from assistant.tasks.answers import CritiqueBatchAnswer, RewriteBatchAnswer

    calls = plan(table, report, library_or_default(library), policy, projects_per_call=projects_per_call)
    target = Path(path)
    n = write_batch_file(endpoint, [c[0] for c in calls.critiques], CritiqueBatchAnswer, target)
    rest = target.with_name(target.name + ".part")
    n += write_batch_file(endpoint, [r[0] for r in calls.rewrites], RewriteBatchAnswer, rest)
    with target.open("a", encoding="utf-8") as fh:
        fh.write(rest.read_text(encoding="utf-8"))
    rest.unlink()
    return n


def read_results(table: Table, report: Any, endpoint: Any, path: str | Path, *, library: Library | None = None,
                 policy: Any = None, projects_per_call: int = PROJECTS_PER_CALL) -> tuple[LLMReviewResult, Any]:
    """A Batch API results file read back into the same review result as a live run."""
    from assistant.llm.batchfile import read_batch_results
    from assistant.tasks.answers import CritiqueBatchAnswer, RewriteBatchAnswer

    calls = plan(table, report, library_or_default(library), policy, projects_per_call=projects_per_call)
    crit_report = read_batch_results(endpoint, [c[0] for c in calls.critiques], CritiqueBatchAnswer, path)
    rw_report = read_batch_results(endpoint, [r[0] for r in calls.rewrites], RewriteBatchAnswer, path)
    return assemble(table, report, calls, crit_report, rw_report, f"{endpoint.name}:{endpoint.model}", policy)


def call_count(table: Table, report: Any, library: Library | None = None) -> int:
    """How many model calls ``llm_review`` makes."""
    return plan(table, report, library_or_default(library)).calls


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
