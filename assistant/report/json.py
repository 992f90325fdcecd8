"""JSON report: exactly ``ReviewReport.model_dump_json()`` (schemas/review-report.schema.json)."""

from __future__ import annotations

from assistant.model import Table
from assistant.parse.load import paused_gc
from assistant.review.result import ReviewReport


@paused_gc()
def render(report: ReviewReport, table: Table | None = None) -> str:
    return report.model_dump_json(indent=2) + "\n"
