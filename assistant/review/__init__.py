"""Rule-based review: ``review_table(table, policy=None, progress=None) -> ReviewReport`` and
``load_policy(name_or_path)``. No model, no network.

What a reader sees of a rule: ``rule_title(code)`` (Chinese title, also for model finding codes) and
``layout_title(layout)`` (the one Chinese name of a layout, as every report writes it)."""

from __future__ import annotations

from assistant.review.engine import review_table
from assistant.review.policy import Policy, PolicyError, layout_title, load_policy
from assistant.review.registry import rule_title
from assistant.review.result import ReviewReport

__all__ = ["Policy", "PolicyError", "ReviewReport", "layout_title", "load_policy", "review_table", "rule_title"]
