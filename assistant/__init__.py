"""绩效目标助手: parse, review, rewrite and draft 项目支出绩效目标表.

The public API (loaded on first use, so ``import assistant`` stays cheap)::

    from assistant import Options, parse, review, export
    outcome = review(parse("表.xlsx"), Options(policy="central", fmt="json"))
    print(export(outcome, Options(fmt="md")))

``Options``, ``Outcome``, ``ServiceError``, ``Step``/``Progress`` and the operations ``parse``,
``parse_text``, ``review``, ``review_rules``, ``review_model``, ``suggest``, ``rewrite``, ``export`` come
from :mod:`assistant.service`; ``Table``, ``Project``, ``Indicator``, ``Finding``, ``Grade`` from
:mod:`assistant.model`; ``ReviewReport`` from :mod:`assistant.review`.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

__version__ = "0.1.0"

_SERVICE = ("Options", "Outcome", "Progress", "ServiceError", "Step", "export", "parse", "parse_text", "review",
            "review_model", "review_rules", "rewrite", "suggest")
_MODEL = ("Finding", "Grade", "Indicator", "Project", "Table")
_WHERE = {**dict.fromkeys(_SERVICE, "assistant.service"), **dict.fromkeys(_MODEL, "assistant.model"),
          "ReviewReport": "assistant.review.result"}
__all__ = ["Finding", "Grade", "Indicator", "Options", "Outcome", "Progress", "Project", "ReviewReport",
           "ServiceError", "Step", "Table", "__version__", "export", "parse", "parse_text", "review", "review_model",
           "review_rules", "rewrite", "suggest"]

if TYPE_CHECKING:
    from assistant.model import Finding, Grade, Indicator, Project, Table
    from assistant.review.result import ReviewReport
    from assistant.service import (
        Options,
        Outcome,
        Progress,
        ServiceError,
        Step,
        export,
        parse,
        parse_text,
        review,
        review_model,
        review_rules,
        rewrite,
        suggest,
    )


def __getattr__(name: str) -> object:
    if name in _WHERE:
        return getattr(import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'assistant' has no attribute {name!r}")
