"""Run blocking domain work in a thread and hand what it reports to a generator handler, so the page
streams rows and progress while the work runs; a per-session stop flag ends the work at its next report."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Generator
from typing import Any, TypeVar

R = TypeVar("R")
_DONE = object()
_STOPS: dict[str, threading.Event] = {}


class Stopped(Exception):
    """The user pressed 停止."""


def stop_flag(session: str) -> threading.Event:
    """A fresh stop flag for ``session`` (the previous one is dropped)."""
    _STOPS[session] = flag = threading.Event()
    return flag


def request_stop(session: str) -> bool:
    """Set the session's stop flag; False when nothing is running there."""
    flag = _STOPS.get(session)
    if flag is None or flag.is_set():
        return False
    flag.set()
    return True


def streamed(work: Callable[[Callable[[Any], None]], R], stop: threading.Event | None = None
             ) -> Generator[Any, None, R]:
    """Run ``work(emit)`` in a thread, yield each emitted item, return the work's result (or raise its error).
    Once ``stop`` is set, or the generator is closed, the next ``emit`` raises :class:`Stopped` in the work."""
    items: queue.Queue[Any] = queue.Queue()
    outcome: dict[str, Any] = {}
    stop = stop or threading.Event()

    def emit(item: Any) -> None:
        if stop.is_set():
            raise Stopped
        items.put(item)

    def target() -> None:
        try:
            outcome["result"] = work(emit)
        except BaseException as err:  # noqa: BLE001 - handed to the handler's thread
            outcome["error"] = err
        finally:
            items.put(_DONE)

    threading.Thread(target=target, daemon=True).start()
    try:
        while (item := items.get()) is not _DONE:
            yield item
    finally:
        stop.set()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]
