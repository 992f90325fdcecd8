"""Stable identities: a finding's key across versions of a table, and the version of the rules."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from assistant.model import Finding

_SPACE = re.compile(r"\s+")


def _norm(text: str | None) -> str:
    return _SPACE.sub("", text or "")


def finding_key(f: Finding) -> str:
    """What identifies a finding from one version of a table to the next: project, indicator and rule.

    Row numbers are left out on purpose: inserting a row above must not make every finding "new"."""
    return "｜".join((_norm(f.project), _norm(f.indicator) if f.level == "indicator" else f"（{f.level}）", f.code))


@lru_cache(maxsize=1)
def rules_version() -> str:
    """The package version plus a digest of every rule's code, severity, title and basis."""
    from importlib.metadata import PackageNotFoundError, version

    from assistant.review.registry import all_rules

    try:
        pkg = version("jixiao-assistant")
    except PackageNotFoundError:
        pkg = "0"
    h = hashlib.sha256()
    for code, rule in sorted(all_rules().items()):
        h.update(f"{code}|{rule.severity}|{rule.title}|{rule.basis}\n".encode())
    return f"{pkg}+rules.{h.hexdigest()[:10]}"
