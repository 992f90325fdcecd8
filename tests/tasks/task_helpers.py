"""Shared helpers of the task tests: a client on the scripted server, and reading what was sent."""

from __future__ import annotations

import json
from typing import Any


def client(srv: Any, mode: str = "TOOLS", **overrides: Any) -> Any:
    from assistant.llm import Client, Profile

    values = {"name": "scripted", "base_url": srv.url, "model": "scripted-model", "mode": mode, "timeout": 5.0,
              "transport_retries": 1, "backoff_cap": 1.0, "concurrency": 3, "max_retries": 2,
              "price_input_per_1k": 0.002, "price_output_per_1k": 0.008} | overrides
    return Client(Profile(**values), cache=False)


def sent_text(payload: dict[str, Any]) -> str:
    """Everything a request carried: message contents and tool-call arguments."""
    parts = []
    for m in payload.get("messages", []):
        parts.append(str(m.get("content") or ""))
        for call in m.get("tool_calls") or []:
            parts.append(call["function"]["arguments"])
    return "\n".join(parts)


def tool_name(payload: dict[str, Any]) -> str | None:
    tools = payload.get("tools") or []
    return tools[0]["function"]["name"] if tools else None


def as_json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False)
