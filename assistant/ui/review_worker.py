"""The rule review of a large table in a child process, so one big upload does not hold the server's
interpreter while other page users wait. The child reports each project; the caller's stop flag ends it
at once (the child is terminated). Small tables stay in the server: a child costs about a second to start.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from typing import Any

BIG_PROJECTS = 150
BIG_BYTES = 512 * 1024


def _child(conn: Any, source: Any, opts: Any) -> None:
    from pathlib import Path

    from assistant.service import ServiceError, Step
    from assistant.ui import services

    try:
        try:
            table = services.read_upload(source) if isinstance(source, Path) else source
        except ServiceError as err:
            conn.send(("user_error", (err.zh, err.en, err.where)))
            return
        last = [0]

        def report(step: Step) -> None:
            if step.done - last[0] >= max(1, step.total // 100) or step.done == step.total:
                last[0] = step.done
                conn.send(("step", step))

        conn.send(("done", services.review(table, opts, report)))
    except BaseException as err:  # noqa: BLE001 - handed to the parent
        conn.send(("error", err))
    finally:
        conn.close()


def review(source: Any, opts: Any, emit: Callable[[Any], None], stop: threading.Event) -> Any:
    """``services.review(table, opts)`` in a spawned child, ``source`` a table or an uploaded file's path (read
    in the child, so a big file's parsing does not hold the server either; a file it cannot read raises
    :class:`ServiceError`); each step goes to ``emit`` (which may raise to stop); ``stop`` or an error ends
    the child."""
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, source, opts), daemon=True, name="jixiao-review")
    proc.start()
    child.close()
    try:
        while True:
            if stop.is_set():
                from assistant.ui.background import Stopped

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
    finally:
        if proc.is_alive():
            proc.terminate()
        proc.join(5)
        parent.close()
