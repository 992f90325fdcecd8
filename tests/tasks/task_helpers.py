"""Shared helpers of the task tests: a client on the scripted server, and reading what was sent (the
request readers are the scripted server's)."""

from __future__ import annotations

import json
from typing import Any

from scripted_server import critique_projects, data_blocks, make_endpoint, rewrite_rows

__all__ = ["as_json", "client", "critique_ids", "data_blocks", "rewrite_rows", "sent_text", "tool_name"]


def client(srv: Any, mode: str = "TOOLS", **overrides: Any) -> Any:
    """A cache-less client on ``srv`` with the task tests' timeouts (longer than the llm tests')."""
    from assistant.llm import Client

    values = {"timeout": 5.0, "transport_retries": 1, "backoff_cap": 1.0, "concurrency": 3, "max_retries": 2}
    return Client(make_endpoint(srv, mode, **(values | overrides)), cache=False)


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


def critique_ids(payload: dict[str, Any]) -> list[tuple[str, str]]:
    """(编号, 项目名称) of every project in a critique request."""
    return [(p.get("编号", ""), p["名称"]) for p in critique_projects(payload)]
