"""The office round trip as service operations, for the CLI and the page alike: review a batch, compare a
corrected version with the stored one, number the findings of stored runs, decide on one, write the letter.

Every operation acts for one ``owner`` (the page's user, ``""`` for the local command line) and touches only
that owner's runs and decisions; naming another owner's run raises :class:`ServiceError` (:data:`NOT_YOURS`),
which says the same whether the run exists or not, so ids reveal nothing about other users."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.model import Finding
from assistant.office import (
    BatchItem,
    BatchResult,
    Decision,
    OfficeStore,
    ProjectDiff,
    StoredRun,
    collect,
    diff_reports,
    finding_key,
    run_batch,
    write_letter,
)
from assistant.office.diff import totals
from assistant.service.errors import ServiceError, from_parse
from assistant.service.options import Options
from assistant.service.progress import Progress, Step, no_progress

NOT_YOURS = ("没有第 {run} 次审核记录，或它属于其他用户，不能打开。",
             "run {run} does not exist or belongs to another user")


def own_run(store: OfficeStore, run_id: int, owner: str) -> StoredRun:
    """Run ``run_id`` of ``owner``; :class:`ServiceError` when it does not exist or is another's."""
    run = store.get_run(int(run_id), owner=owner)
    if run is None:
        zh, en = NOT_YOURS
        raise ServiceError(zh.format(run=run_id), en.format(run=run_id))
    return run


def runs(store: OfficeStore, owner: str = "", limit: int = 200) -> list[StoredRun]:
    """The owner's stored runs, newest first."""
    return store.runs(limit, owner=owner)


@dataclass
class Comparison:
    """A corrected version against an earlier one: the diff per project and the decisions carried over."""

    new: BatchItem
    old_label: str
    diffs: list[ProjectDiff]
    decisions: dict[str, Decision]
    old_run: int | None = None

    @property
    def totals(self) -> dict[str, int]:
        return dict(totals(self.diffs))

    @property
    def carried(self) -> int:
        assert self.new.report is not None
        return sum(1 for f in self.new.report.findings if finding_key(f) in self.decisions)


@dataclass
class Numbered:
    """A finding of a stored run with its number in the listing (1-based) and its decision, if any."""

    number: int
    item: BatchItem
    finding: Finding
    decision: Decision | None = None


@dataclass
class Listing:
    items: list[BatchItem] = field(default_factory=list)
    findings: list[Numbered] = field(default_factory=list)


def batch(paths: list[Path], options: Options, *, department: str | None = None, store: OfficeStore | None = None,
          progress: Progress = no_progress, should_stop: Callable[[], bool] | None = None,
          user: str = "") -> BatchResult:
    """Parse and review every table under ``paths`` (files, folders, zips) under ``options.policy``.
    With a ``store`` the run resumes: tables already reviewed under the same policy and rules are reused."""
    opts = options.checked()
    collected = collect(list(paths))
    if not collected.sources:
        reasons = "；".join(f"{n}：{why}" for n, why in collected.skipped[:3])
        raise ServiceError("没有找到可审核的表格文件" + (f"（{reasons}）" if reasons else ""),
                           "no table files found")
    return run_batch(collected, policy=opts.policy, department=department, store=store,
                     progress=lambda n, t, _name: progress(Step("rules", n, t)), should_stop=should_stop,
                     user=user)


def _one(path: Path, options: Options, store: OfficeStore | None, user: str) -> BatchItem:
    result = batch([path], options, store=store, user=user)
    if not result.reviewed:
        raise ServiceError((result.failed[0].error if result.failed else None) or "无法读取表格",
                           "the table could not be read", path=str(path))
    return result.reviewed[0]


def compare(new_path: Path, options: Options, store: OfficeStore, *, old_path: Path | None = None,
            candidates: list[int] | None = None, user: str = "") -> Comparison:
    """Review ``new_path`` for ``user`` and compare it with ``old_path`` or, without one, with the user's
    newest stored run of the same department that reviewed any of its projects (preferring the runs in
    ``candidates``, each of which must be the user's)."""
    for run_id in candidates or []:
        own_run(store, run_id, user)
    try:
        new = _one(new_path, options, store, user)
    except ValueError as err:
        raise from_parse(err) if not isinstance(err, ServiceError) else err from None
    assert new.table is not None and new.report is not None
    names = [p.name for p in new.table.projects]
    if old_path is not None:
        old = _one(old_path, options, store, user)
        assert old.report is not None
        old_report, label, old_run = old.report, old_path.name, old.run_id
    else:
        old_run = None
        for run_id in reversed(candidates or []):
            run = store.get_run(run_id, owner=user)
            if run is None or run_id == new.run_id or run.department != new.department:
                continue
            table, _ = store.load(run_id, owner=user)
            if set(names) & {p.name for p in table.projects}:
                old_run = run_id
                break
        if old_run is None:
            found = store.previous_run(new.department, names, before=new.run_id, exclude_sha256=new.sha256,
                                       owner=user)
            old_run = found.id if found else None
        if old_run is None:
            raise ServiceError("没有找到这些项目此前的审核记录，请先审核原版。",
                               "no earlier review of these projects is stored: review the original first")
        _, old_report = store.load(old_run, owner=user)
        label = f"第 {old_run} 次审核"
    return Comparison(new=new, old_label=label, diffs=diff_reports(old_report, new.report),
                      decisions=store.decisions_for(new.department, new.report, owner=user), old_run=old_run)


def listing(store: OfficeStore, run_ids: list[int], owner: str = "") -> Listing:
    """The owner's stored runs ``run_ids`` with every finding numbered across them, in order; another
    owner's run raises :class:`ServiceError`."""
    out = Listing()
    n = 0
    for run_id in run_ids:
        run = own_run(store, run_id, owner)
        table, report = store.load(run_id, owner=owner)
        item = BatchItem(name=run.file_name, sha256=run.sha256, department=run.department, table=table,
                         report=report, run_id=run_id, reused=True)
        out.items.append(item)
        decisions = store.decisions_for(run.department, report, owner=owner)
        for f in report.findings:
            n += 1
            out.findings.append(Numbered(n, item, f, decisions.get(finding_key(f))))
    return out


def decide(store: OfficeStore, run_ids: list[int], number: int, decision: str, comment: str = "",
           user: str = "", *, owner: str = "") -> Numbered:
    """Record ``decision`` on finding ``number`` of :func:`listing` over the owner's ``run_ids``; the decision
    keeps ``user`` (who made it; the owner when empty)."""
    found = listing(store, run_ids, owner).findings
    if not 1 <= number <= len(found):
        raise ServiceError(f"问题序号应在 1–{len(found)} 之间", "finding number out of range", where=str(number))
    chosen = found[number - 1]
    try:
        chosen.decision = store.decide(chosen.item.department, chosen.finding, decision, comment,
                                       user=user or owner, run_id=chosen.item.run_id, owner=owner)
    except ValueError as err:
        raise ServiceError(str(err).split(" / ")[0], "decision must be 确认, 不是问题 or 待定") from None
    return chosen


def letter(store: OfficeStore, run_ids: list[int], output: Path, *, project: str | None = None,
           recipient: str | None = None, owner: str = "") -> Path:
    """The 审核意见 .docx for ``project`` (or every project) of the owner's stored runs, with the owner's
    decisions."""
    if output.suffix.lower() != ".docx":
        raise ServiceError("审核意见只能写成 .docx", "the letter must be .docx", path=str(output))
    items = listing(store, run_ids, owner).items
    if project is not None:
        items = [i for i in items if i.table and project in {p.name for p in i.table.projects}]
    if not items:
        raise ServiceError("没有可写入审核意见的审核结果", "no review to write a letter for")
    decisions: dict[str, Decision] = {}
    for i in items:
        assert i.report is not None
        decisions |= store.decisions_for(i.department, i.report, owner=owner)
    return write_letter([i.report for i in items if i.report], output, decisions=decisions, project=project,
                        recipient=recipient or items[0].department)
