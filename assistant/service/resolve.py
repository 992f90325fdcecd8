"""Names to objects: a review policy (口径) name to its Profile, an endpoint name to its endpoint profile.
Both raise :class:`ServiceError`; neither touches the network nor imports openai."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.service.errors import ServiceError, from_text

if TYPE_CHECKING:
    from assistant.llm.profiles import Profile as Endpoint
    from assistant.review.profile import Profile as Policy

RULES = "rules"


def load_policy(name: str | None) -> Policy:
    """The review policy ``name`` (bundled name or TOML path; None the default)."""
    from assistant.review.profile import ProfileError, load_profile

    try:
        return load_profile(name)
    except ProfileError as err:
        raise from_text(err, f"Cannot load the review policy '{name}'", where="--policy") from None


def resolve_endpoint(name: str | None) -> Endpoint | None:
    """The endpoint called ``name``; None for the rules (``"rules"``, or no name and none configured)."""
    if name == RULES:
        return None
    from assistant.llm.errors import ConfigError
    from assistant.llm.profiles import load_profile

    try:
        return load_profile(name or None)
    except ConfigError as err:
        if not name:
            return None
        raise from_text(err, f"Cannot load the endpoint '{name}'", where="--endpoint") from None
    except ValueError as err:
        raise ServiceError(f"端点配置有误：{err}", f"Bad endpoint configuration: {err}",
                           where="--endpoint") from None
