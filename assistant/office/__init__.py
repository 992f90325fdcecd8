"""The finance office's round trip: many tables in, decisions kept, what changed, a letter and figures out.

Public API:

- :func:`collect` — files, folders and zips → :class:`Source` items, each tagged with a department.
- :func:`run_batch` — parse and review every source (resumable: finished items are stored and not
  redone), giving a :class:`BatchResult`.
- :func:`statistics` — per-department and overall figures of a batch; :mod:`.charts` draws them.
- :func:`diff_reports` — each finding of a new version is fixed / new / unchanged / changed.
- :class:`OfficeStore` — SQLite: every reviewed version (date, input hash, rule version, model and
  prompt version) and the reviewer's decision per finding (确认 / 不是问题 / 待定), carried over to the
  next version of the same project.
- :func:`write_letter` — the 审核意见 .docx per project or per department.
"""

from importlib import import_module
from typing import TYPE_CHECKING

_WHERE = {"BatchItem": "batch", "BatchResult": "batch", "run_batch": "batch", "DiffEntry": "diff",
          "ProjectDiff": "diff", "diff_reports": "diff", "Source": "inputs", "collect": "inputs",
          "finding_key": "keys", "write_letter": "letter", "Stats": "stats", "statistics": "stats",
          "DECISIONS": "store", "Decision": "store", "OfficeStore": "store", "StoredRun": "store"}

if TYPE_CHECKING:
    from assistant.office.batch import BatchItem, BatchResult, run_batch
    from assistant.office.diff import DiffEntry, ProjectDiff, diff_reports
    from assistant.office.inputs import Source, collect
    from assistant.office.keys import finding_key
    from assistant.office.letter import write_letter
    from assistant.office.stats import Stats, statistics
    from assistant.office.store import DECISIONS, Decision, OfficeStore, StoredRun

__all__ = [
    "DECISIONS", "BatchItem", "BatchResult", "Decision", "DiffEntry", "OfficeStore", "ProjectDiff", "Source",
    "Stats", "StoredRun", "collect", "diff_reports", "finding_key", "run_batch", "statistics", "write_letter",
]


def __getattr__(name: str) -> object:
    """The public names load on first use, so that ``jixiao`` (which registers the office commands) starts
    without importing the batch, letter and chart modules."""
    if name in _WHERE:
        return getattr(import_module(f"assistant.office.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'assistant.office' has no attribute {name!r}")
