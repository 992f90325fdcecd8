"""Names to objects: a review policy (口径) name to its Policy, an endpoint name to its Endpoint.
Both raise :class:`ServiceError`; neither touches the network nor imports openai."""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.service.errors import ServiceError, from_text

if TYPE_CHECKING:
    from assistant.llm.endpoints import Endpoint
    from assistant.review.policy import Policy

RULES = "rules"


def load_policy(name: str | None) -> Policy:
    """The review policy ``name`` (bundled name or TOML path; None the default)."""
    from assistant.review.policy import PolicyError
    from assistant.review.policy import load_policy as load

    try:
        return load(name)
    except PolicyError as err:
        raise from_text(err, f"Cannot load the review policy '{name}'", where="--policy") from None


def resolve_endpoint(name: str | None) -> Endpoint | None:
    """The endpoint called ``name``; None for the rules (``"rules"``, or no name and none configured)."""
    if name == RULES:
        return None
    from assistant.llm.endpoints import load_endpoint
    from assistant.llm.errors import ConfigError

    try:
        return load_endpoint(name or None)
    except ConfigError as err:
        if not name:
            return None
        raise from_text(err, f"Cannot load the endpoint '{name}'", where="--endpoint") from None
    except ValueError as err:
        raise ServiceError(f"端点配置有误：{err}", f"Bad endpoint configuration: {err}",
                           where="--endpoint") from None
