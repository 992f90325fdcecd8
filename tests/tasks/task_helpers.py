"""Shared helpers of the task tests: a client on the scripted server, and reading what was sent."""

from __future__ import annotations

import json
from typing import Any


def client(srv: Any, mode: str = "TOOLS", **overrides: Any) -> Any:
    from assistant.llm import Client, Endpoint

    values = {"name": "scripted", "base_url": srv.url, "model": "scripted-model", "mode": mode, "timeout": 5.0,
              "transport_retries": 1, "backoff_cap": 1.0, "concurrency": 3, "max_retries": 2,
              "price_input_per_1k": 0.002, "price_output_per_1k": 0.008} | overrides
    return Client(Endpoint(**values), cache=False)


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


def data_blocks(payload: dict[str, Any]) -> dict[str, Any]:
    """The ``<数据 名称="…">`` blocks of the last user message, parsed (label → value)."""
    import re

    user = [m for m in payload.get("messages", []) if m.get("role") == "user"][0]
    return {m.group(1): json.loads(m.group(2))
            for m in re.finditer(r'<数据 名称="([^"]+)">\n(.*?)\n</数据>', str(user["content"]), re.S)}


def rewrite_rows(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """Every row to rewrite in a rewrite request (one project or several), each with its 编号 if any."""
    block = data_blocks(payload)["待改写指标"]
    if block and isinstance(block[0], dict) and "待改写指标" in block[0]:
        return [row for group in block for row in group["待改写指标"]]
    return block


def critique_ids(payload: dict[str, Any]) -> list[tuple[str, str]]:
    """(编号, 项目名称) of every project in a critique request."""
    return [(p.get("编号", ""), p["名称"]) for p in data_blocks(payload)["待审项目"]]
