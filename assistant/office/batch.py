"""Review many tables in one run. Each finished table is stored at once, so a run that is stopped or
killed resumes where it stopped: a table already reviewed (same bytes, policy and rule version) is
loaded from the store, not reviewed again."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.model import Table
from assistant.office.inputs import UNKNOWN_DEPARTMENT, Collected, Source
from assistant.office.keys import rules_version
from assistant.office.store import OfficeStore
from assistant.parse.errors import ParseError
from assistant.review.result import ReviewReport

BatchProgress = Callable[[int, int, str], None]
"""``progress(done, total, name)``: called after each table."""


@dataclass
class BatchItem:
    """One input file's outcome: its table and report, or the error that stopped it."""

    name: str
    sha256: str
    department: str
    table: Table | None = None
    report: ReviewReport | None = None
    error: str | None = None
    run_id: int | None = None
    reused: bool = False


@dataclass
class BatchResult:
    """All items of a run, the inputs skipped (with why), and whether the user stopped it."""

    items: list[BatchItem] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    stopped: bool = False
    policy: str = ""

    @property
    def reviewed(self) -> list[BatchItem]:
        return [i for i in self.items if i.report is not None]

    @property
    def failed(self) -> list[BatchItem]:
        return [i for i in self.items if i.error is not None]


def _parse(source: Source, data: bytes) -> Table:
    if source.path is not None:
        from assistant.parse import read_path

        table = read_path(source.path)
    else:
        from assistant.parse import read_path

        with tempfile.TemporaryDirectory(prefix="jixiao-batch-") as tmp:
            p = Path(tmp) / Path(source.name).name
            p.write_bytes(data)
            table = read_path(p)
    table.source = source.name
    return table


def _department(given: str | None, table: Table | None, source: Source) -> str:
    named = (table.department or next((p.department for p in table.projects if p.department), None)) if table else None
    for candidate in (given, named, source.department_hint):
        if candidate and candidate.strip():
            return candidate.strip()
    return UNKNOWN_DEPARTMENT


def run_batch(collected: Collected, *, policy: str | None = None, department: str | None = None,
              store: OfficeStore | None = None, progress: BatchProgress | None = None,
              should_stop: Callable[[], bool] | None = None, user: str = "") -> BatchResult:
    """Parse and review every source of ``collected`` under ``policy`` (a review policy name or path).

    ``department`` overrides the department of every table. With a ``store``, each finished table is
    saved as ``user``'s and a table ``user`` already reviewed under the same policy and rules is reused
    (``reused=True``).
    ``should_stop()`` is checked between tables; the result then has ``stopped=True``."""
    from assistant.review import review_table
    from assistant.review.policy import load_policy

    chosen = load_policy(policy)
    version = rules_version()
    result = BatchResult(skipped=list(collected.skipped), policy=chosen.name)
    total = len(collected.sources)
    for n, source in enumerate(collected.sources, 1):
        if should_stop is not None and should_stop():
            result.stopped = True
            break
        try:
            data = source.read()
        except (OSError, ParseError) as err:
            result.items.append(BatchItem(name=source.name, sha256="", department=department or
                                          source.department_hint or UNKNOWN_DEPARTMENT, error=str(err)))
            if progress:
                progress(n, total, source.name)
            continue
        digest = hashlib.sha256(data).hexdigest()
        stored = store.find_run(digest, chosen.name, version, owner=user) if store is not None else None
        if stored is not None and store is not None:
            table, report = store.load(stored.id, owner=user)
            dept = department.strip() if department and department.strip() else stored.department
            result.items.append(BatchItem(name=source.name, sha256=digest, department=dept, table=table,
                                          report=report, run_id=stored.id, reused=True))
        else:
            item = BatchItem(name=source.name, sha256=digest, department=department or UNKNOWN_DEPARTMENT)
            try:
                table = _parse(source, data)
                report = review_table(table, chosen)
            except ParseError as err:
                item.error = str(err)
                item.department = _department(department, None, source)
            else:
                item.table, item.report = table, report
                item.department = _department(department, table, source)
                if store is not None:
                    item.run_id = store.save_run(file_name=source.name, sha256=digest, department=item.department,
                                                 policy=chosen.name, rules_version=version, table=table,
                                                 report=report, user=user)
            result.items.append(item)
        if progress:
            progress(n, total, source.name)
    return result
