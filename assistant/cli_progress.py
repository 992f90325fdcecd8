"""The CLI's adapter of :class:`assistant.service.Progress`: a rich progress bar on stderr, one task per
stage, shown only once a stage has run for ``after`` seconds (the model stage at once)."""

from __future__ import annotations

import time
from types import TracebackType
from typing import TYPE_CHECKING

from assistant.service.progress import Stage, Step

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

PROGRESS_AFTER_S = 1.0


class RichProgress:
    """Use as a context manager; call with :class:`Step` values."""

    def __init__(self, after: float = PROGRESS_AFTER_S) -> None:
        self.start, self.after = time.monotonic(), after
        self.bar: Progress | None = None
        self.tasks: dict[Stage, TaskID] = {}

    def __call__(self, step: Step, /) -> None:
        if self.bar is None:
            waited = time.monotonic() - self.start
            if step.stage != "model" and (waited < self.after or step.done >= step.total):
                return
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
        if step.stage not in self.tasks:
            self.tasks[step.stage] = self.bar.add_task(step.label + "中", total=step.total)
        self.bar.update(self.tasks[step.stage], completed=step.done, total=step.total)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()

    def __enter__(self) -> RichProgress:
        return self

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()
