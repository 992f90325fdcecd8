"""The draft chat's slot filling, for the page: the logic lives in :mod:`assistant.tasks.intake` (the tasks layer
uses it too); this module re-exports what the page's handlers call."""

from __future__ import annotations

from assistant.tasks.intake import (
    LABELS,
    description,
    field_label,
    parse_amount,
    question_field,
    read_paragraph,
    update_fields,
)

__all__ = ["LABELS", "description", "field_label", "parse_amount", "question_field", "read_paragraph",
           "update_fields"]
