"""The one progress protocol: the service reports :class:`Step` values to a callable; the CLI adapts it to
rich.progress, the page to gradio's progress. A callback may raise to stop the work (the page's 停止)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

Stage = Literal["parse", "rules", "model", "export"]
STAGE_ZH: dict[Stage, str] = {"parse": "解析", "rules": "规则审核", "model": "模型审核", "export": "生成报告"}


@dataclass(frozen=True)
class Step:
    """``done`` of ``total`` units of ``stage`` finished (projects for rules, calls for the model)."""

    stage: Stage
    done: int
    total: int

    @property
    def label(self) -> str:
        return STAGE_ZH[self.stage]

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0


class Progress(Protocol):
    def __call__(self, step: Step, /) -> None: ...


def no_progress(step: Step, /) -> None:
    """The default: report nothing."""
