"""Rule-based review: ``review_table(table, profile=None, progress=None) -> ReviewReport`` and
``load_profile(name_or_path)``. No model, no network."""

from __future__ import annotations

from assistant.review.engine import review_table
from assistant.review.profile import Profile, ProfileError, load_profile
from assistant.review.result import ReviewReport

__all__ = ["Profile", "ProfileError", "ReviewReport", "load_profile", "review_table"]
