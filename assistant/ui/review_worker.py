"""Heavy review work in a child process, so one big upload does not hold the server's interpreter while
other page users wait: reading and reviewing a big table, and writing a big review's report. The child
reports progress; the caller's stop flag ends it at once (the child is terminated). At most one child
runs at a time (:data:`CHILDREN`), which bounds the page's memory; the others wait their turn. Small
tables and reports stay in the server: a child costs about a second to start.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

BIG_PROJECTS = 150
BIG_BYTES = 512 * 1024
BIG_REPORT_INDICATORS = 3000
CHILDREN = threading.BoundedSemaphore(1)


def _review_child(conn: Any, source: Any, opts: Any, folder: Path) -> None:
    from assistant.service import ServiceError, Step
    from assistant.ui import review_results, services

    try:
        try:
            table = services.read_upload(source) if isinstance(source, Path) else source
            review_results.check_size(table, source.name if isinstance(source, Path) else "粘贴的表格")
        except ServiceError as err:
            conn.send(("user_error", (err.zh, err.en, err.where)))
            return
        last = [0]

        def report(step: Step) -> None:
            if step.done - last[0] >= max(1, step.total // 100) or step.done == step.total:
                last[0] = step.done
                conn.send(("step", step))

        outcome = services.review(table, opts, report)
        conn.send(("done", review_results.keep(outcome, folder)))
    except BaseException as err:  # noqa: BLE001 - handed to the parent
        conn.send(("error", err))
    finally:
        conn.close()


def _report_child(conn: Any, view: Any, fmt: str) -> None:
    from assistant.service import ServiceError
    from assistant.ui import review_results

    try:
        conn.send(("done", review_results.write(view, fmt)))
    except ServiceError as err:
        conn.send(("user_error", (err.zh, err.en, err.where)))
    except BaseException as err:  # noqa: BLE001 - handed to the parent
        conn.send(("error", err))
    finally:
        conn.close()


def review(source: Any, opts: Any, folder: Path, emit: Callable[[Any], None], stop: threading.Event) -> Any:
    """``services.review(table, opts)`` in a spawned child, ``source`` a table or an uploaded file's path (read
    in the child, so a big file's parsing does not hold the server either; a file it cannot read raises
    :class:`ServiceError`); the outcome is kept in ``folder`` and its :class:`review_results.View` returned.
    Each step goes to ``emit`` (which may raise to stop); ``stop`` or an error ends the child."""
    return _run(_review_child, (source, opts, folder), emit, stop)


def report(view: Any, fmt: str, stop: threading.Event) -> Path:
    """The review's report in ``fmt``, written by a child process from the stored outcome."""
    result: Path = _run(_report_child, (view, fmt), lambda _: None, stop)
    return result


def _run(target: Callable[..., None], args: tuple[Any, ...], emit: Callable[[Any], None],
         stop: threading.Event) -> Any:
    from assistant.ui.background import Stopped

    while not CHILDREN.acquire(timeout=0.2):
        if stop.is_set():
            raise Stopped
    try:
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=target, args=(child, *args), daemon=True, name="jixiao-review")
        proc.start()
        child.close()
        try:
            return _collect(parent, proc, emit, stop)
        finally:
            if proc.is_alive():
                proc.terminate()
            proc.join(5)
            parent.close()
    finally:
        CHILDREN.release()


def _collect(parent: Any, proc: Any, emit: Callable[[Any], None], stop: threading.Event) -> Any:
    from assistant.ui.background import Stopped

    while True:
        if stop.is_set():
            raise Stopped
        if not parent.poll(0.2):
            if not proc.is_alive() and not parent.poll(0):
                raise RuntimeError("审核进程意外退出 / the review process ended unexpectedly")
            continue
        kind, value = parent.recv()
        if kind == "step":
            emit(value)
        elif kind == "done":
            return value
        elif kind == "user_error":
            from assistant.service import ServiceError

            zh, en, where = value
            raise ServiceError(zh, en, where=where)
        else:
            raise value
