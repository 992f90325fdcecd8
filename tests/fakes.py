"""One endpoint fake on the transport seam: an OpenAI-compatible endpoint inside the test process.

:class:`FakeEndpoint` is an ``httpx2`` transport that a :class:`assistant.llm.Client` sends its requests to
(``Client(endpoint, transport=fake)``), so everything above HTTP runs for real: the request guard, retries
on the statuses it returns, instructor's parsing and the answer checks. It takes the same scripts as
``tests/llm/scripted_server.py`` (``script(payload, n) -> Reply | dict | str``) and records every request
the same way; keep one test per mode on the real-HTTP scripted server and use this one elsewhere.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx2

sys.path.insert(0, str(Path(__file__).resolve().parent / "llm"))

from scripted_server import Reply, completion  # noqa: E402

Script = Callable[[dict[str, Any], int], Any]
BASE_URL = "http://127.0.0.1:9/v1"


class FakeEndpoint(httpx2.AsyncBaseTransport):
    """Answers ``POST …/chat/completions`` from ``script``; ``requests`` holds every payload sent."""

    def __init__(self, script: Script | None = None) -> None:
        self.script: Script = script or (lambda payload, n: {})
        self.requests: list[dict[str, Any]] = []

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        payload = json.loads(await request.aread() or b"{}")
        n = len(self.requests)
        self.requests.append(payload)
        reply = self.script(payload, n)
        if not isinstance(reply, Reply):
            reply = Reply(text=reply) if isinstance(reply, str) else Reply(obj=reply)
        body = reply.body
        if body is None:
            body = completion(payload, reply.obj, reply.text) if reply.status == 200 else {
                "error": {"message": "scripted"}}
        return httpx2.Response(reply.status, json=body, headers=reply.headers, request=request)

    def client(self, mode: str = "TOOLS", **overrides: Any) -> Any:
        """A Client on this fake, without a cache (each call reaches the script)."""
        from assistant.llm import Client, Endpoint

        values = {"name": "fake", "base_url": BASE_URL, "model": "scripted-model", "mode": mode, "timeout": 5.0,
                  "transport_retries": 1, "backoff_cap": 0.1, "concurrency": 3, "max_retries": 2,
                  "price_input_per_1k": 0.002, "price_output_per_1k": 0.008} | overrides
        return Client(Endpoint(**values), cache=False, transport=self)
