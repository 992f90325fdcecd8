"""Task results as a stream of events for a page: ``("row", SuggestedIndicator)`` as each row is completed,
``("text", piece)`` as the model writes, then ``("done", SuggestResult)``. Rows stream when the endpoint
has ``stream = true``; otherwise (or on the rules backend) the rows arrive once the answer is checked.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from typing import Any

Event = tuple[str, Any]
_END = object()


def events(work: Callable[[Callable[[str, Any], None]], Any]) -> Iterator[Event]:
    """Run ``work(emit)`` in a thread and yield what it emits, then ``("done", its result)``; its exception is
    raised here."""
    box: queue.Queue[Any] = queue.Queue()

    def target() -> None:
        try:
            box.put(("done", work(lambda kind, value: box.put((kind, value)))))
        except BaseException as err:  # noqa: BLE001 — re-raised in the consumer
            box.put(("error", err))
        box.put(_END)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    while (event := box.get()) is not _END:
        if event[0] == "error":
            raise event[1]
        yield event
    thread.join()


def stream_suggest(desc: Any, **kwargs: Any) -> Iterator[Event]:
    """:func:`assistant.tasks.suggest.suggest` as events (same keyword arguments)."""
    from assistant.tasks.suggest import suggest

    return events(lambda emit: suggest(desc, on_indicator=lambda ind: emit("row", ind),
                                       on_text=lambda piece: emit("text", piece), **kwargs))
