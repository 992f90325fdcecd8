"""Which model answers a task: an endpoint name, an Endpoint, a ready Client, or none (the rules backend).

Only ``assistant.llm.endpoints`` is imported to decide; ``openai`` loads when a Client makes its first call.
"""

from __future__ import annotations

from typing import Any

RULES = "rules"
RULES_NOTE = ("本结果由规则后端生成（未调用模型）：指标取自同类项目常用指标集，数值用【待填】占位，"
              "需由您按实际填写。")
REWRITE_NOTE = "本结果由规则后端生成（未调用模型）：改写取自审核规则的改写模板，数值用【待填】占位。"


def client_for(endpoint: Any = None) -> Any | None:
    """A ``assistant.llm.Client`` for ``endpoint``, or None (the rules backend) when ``endpoint`` is
    ``"rules"`` or when none is named or configured. A named endpoint that cannot be loaded raises
    ``assistant.llm.ConfigError``."""
    if endpoint == RULES:
        return None
    from assistant.llm.endpoints import Endpoint, load_endpoint
    from assistant.llm.errors import ConfigError

    if endpoint is not None and hasattr(endpoint, "acall"):
        return endpoint
    if isinstance(endpoint, Endpoint):
        pass
    elif endpoint:
        endpoint = load_endpoint(str(endpoint))
    else:
        try:
            endpoint = load_endpoint(None)
        except ConfigError:
            return None
    from assistant.llm.client import Client

    return Client(endpoint)


def model_name(client: Any) -> str:
    p = client.endpoint
    return f"{p.name}:{p.model}"


def fell_back(fallback: Any, client: Any, version: str, err: Any, reason: str) -> Any:
    """The rules backend's ``fallback`` result, marked with the model that was asked, its attempts and
    usage, and ``reason`` as the first note (in place of the rules backend's own first note)."""
    usage = getattr(err, "usage", None)
    return fallback.model_copy(update={
        "model": model_name(client), "prompt_version": version, "attempts": getattr(err, "attempts", 0) or 0,
        "usage": usage.to_dict() if usage is not None else None, "notes": [reason, *fallback.notes[1:]]})


def run(client: Any, make: Any) -> Any:
    """Run the coroutine ``make()`` from synchronous code and close the client's connections afterwards;
    exceptions propagate."""
    from assistant.llm.client import run_sync

    async def main() -> Any:
        try:
            return await make()
        finally:
            await client.aclose()

    return run_sync(main)
