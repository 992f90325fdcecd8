"""A large table's rule review runs in a child process with progress and stop, and gives the same findings."""

from __future__ import annotations

import threading

import pytest

from assistant.ui import review_worker, services
from assistant.ui.background import Stopped
from bench.synth import repeated


def test_big_review_in_a_child_gives_the_same_findings_with_progress() -> None:
    table = services.read_pasted(repeated(9))
    assert len(table.projects) >= review_worker.BIG_PROJECTS
    opts = services.options("guangzhou", None)
    steps: list[object] = []
    outcome = review_worker.review(table, opts, steps.append, threading.Event())
    here = services.review(table, opts)
    assert [f.code for f in outcome.report.findings] == [f.code for f in here.report.findings]
    assert steps and steps[-1].done == steps[-1].total == len(table.projects)


def test_big_review_stops_when_asked() -> None:
    table = services.read_pasted(repeated(9))
    stop = threading.Event()
    stop.set()
    with pytest.raises(Stopped):
        review_worker.review(table, services.options("guangzhou", None), lambda s: None, stop)


def test_big_file_is_read_in_the_child_and_a_bad_one_says_why(tmp_path) -> None:
    from pathlib import Path

    from assistant.service import ServiceError

    good = tmp_path / "big.txt"
    good.write_text(repeated(3), encoding="utf-8")
    outcome = review_worker.review(Path(good), services.options("guangzhou", None), lambda s: None,
                                   threading.Event())
    assert len(outcome.table.projects) == len(services.read_upload(good).projects)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook" * 100)
    with pytest.raises(ServiceError, match="bad.xlsx"):
        review_worker.review(Path(bad), services.options("guangzhou", None), lambda s: None, threading.Event())
