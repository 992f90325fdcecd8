"""A large table's rule review runs in a child process with progress and stop, keeps its outcome on disk,
and gives the same findings; a big review's report is written by a child from that outcome."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from assistant.ui import review_results, review_worker, services
from assistant.ui.background import Stopped
from bench.synth import repeated


def test_big_review_in_a_child_gives_the_same_findings_with_progress(tmp_path: Path) -> None:
    table = services.read_pasted(repeated(9))
    assert len(table.projects) >= review_worker.BIG_PROJECTS
    opts = services.options("guangzhou", None)
    steps: list[object] = []
    view = review_worker.review(table, opts, tmp_path, steps.append, threading.Event())
    here = services.review(table, opts)
    kept = review_results.load(tmp_path)
    assert [f.code for f in kept.report.findings] == [f.code for f in here.report.findings]
    assert view.findings == len(here.report.findings) and view.projects == len(table.projects)
    assert steps and steps[-1].done == steps[-1].total == len(table.projects)
    report = review_worker.report(view, "json", threading.Event())
    assert len(json.loads(report.read_text(encoding="utf-8"))["findings"]) == view.findings


def test_big_review_stops_when_asked(tmp_path: Path) -> None:
    table = services.read_pasted(repeated(9))
    stop = threading.Event()
    stop.set()
    with pytest.raises(Stopped):
        review_worker.review(table, services.options("guangzhou", None), tmp_path, lambda s: None, stop)


def test_big_file_is_read_in_the_child_and_a_bad_one_says_why(tmp_path: Path) -> None:
    from assistant.service import ServiceError

    good = tmp_path / "big.txt"
    good.write_text(repeated(3), encoding="utf-8")
    (tmp_path / "out").mkdir()
    view = review_worker.review(Path(good), services.options("guangzhou", None), tmp_path / "out",
                                lambda s: None, threading.Event())
    assert view.projects == len(services.read_upload(good).projects)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook" * 100)
    with pytest.raises(ServiceError, match="bad.xlsx"):
        review_worker.review(Path(bad), services.options("guangzhou", None), tmp_path, lambda s: None,
                             threading.Event())
