"""A scripted OpenAI-compatible server on 127.0.0.1 for tests and the bench.

Real HTTP, stdlib only. A script decides every answer: ``script(payload, n) -> Reply | dict | str``
where ``payload`` is the request JSON and ``n`` its 0-based index. A dict is answered as the object
(a tool call when the request carries ``tools``, message content otherwise), a str as raw content.
The server records every request and counts answered requests per item (``item_of(payload)``).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    obj: Any = None
    text: str | None = None
    chunk_delay: float = 0.0


def _item_marker(payload: dict[str, Any]) -> str | None:
    for message in payload.get("messages", []):
        found = re.search(r"编号[:：]\s*([\w-]+)", str(message.get("content") or ""))
        if found:
            return found.group(1)
    return None


def completion(payload: dict[str, Any], obj: Any = None, text: str | None = None) -> dict[str, Any]:
    """A chat.completion answering ``payload`` with ``obj`` (or raw ``text``) in the request's shape."""
    answer = text if text is not None else json.dumps(obj, ensure_ascii=False)
    message: dict[str, Any] = {"role": "assistant", "content": None}
    if payload.get("tools"):
        name = payload["tools"][0]["function"]["name"]
        message["tool_calls"] = [{"id": "call_1", "type": "function",
                                  "function": {"name": name, "arguments": answer}}]
        finish = "tool_calls"
    else:
        message["content"] = answer
        finish = "stop"
    prompt_chars = sum(len(str(m.get("content") or "")) for m in payload.get("messages", []))
    return {
        "id": "chatcmpl-scripted", "object": "chat.completion", "created": int(time.time()),
        "model": payload.get("model", "scripted"),
        "choices": [{"index": 0, "message": message, "finish_reason": finish}],
        "usage": {"prompt_tokens": prompt_chars // 2 + 1, "completion_tokens": len(answer) // 2 + 1,
                  "total_tokens": prompt_chars // 2 + len(answer) // 2 + 2},
    }


class ScriptedServer:
    def __init__(self, script: Callable[[dict[str, Any], int], Any] | None = None, *,
                 item_of: Callable[[dict[str, Any]], str | None] = _item_marker) -> None:
        self.script = script or (lambda payload, n: {})
        self.item_of = item_of
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.answered: Counter[str] = Counter()
        self.hang_after: int | None = None
        self.in_flight = 0
        self.max_in_flight = 0
        self.sent_at: list[float] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
                data = json.dumps(body, ensure_ascii=False).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path.rstrip("/").endswith("/_stats"):
                    with server._lock:
                        stats = {"requests": len(server.requests), "max_in_flight": server.max_in_flight}
                    self._send(200, stats)
                elif self.path.rstrip("/").endswith("/models"):
                    self._send(200, {"object": "list", "data": [{"id": "scripted", "object": "model"}]})
                else:
                    self._send(404, {"error": {"message": "not found"}})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                payload = json.loads(self.rfile.read(length) or b"{}")
                with server._lock:
                    n = len(server.requests)
                    server.requests.append(payload)
                    server.headers.append({k.lower(): v for k, v in self.headers.items()})
                    hang = server.hang_after is not None and sum(server.answered.values()) >= server.hang_after
                    server.in_flight += 1
                    server.max_in_flight = max(server.max_in_flight, server.in_flight)
                try:
                    self._answer(payload, n, hang)
                finally:
                    with server._lock:
                        server.in_flight -= 1

            def _answer(self, payload: dict[str, Any], n: int, hang: bool) -> None:
                if hang:
                    server._stop.wait(60)
                    return
                reply = server.script(payload, n)
                if not isinstance(reply, Reply):
                    reply = Reply(text=reply) if isinstance(reply, str) else Reply(obj=reply)
                if reply.delay:
                    if server._stop.wait(reply.delay):
                        return
                body = reply.body
                if body is None and reply.status == 200 and payload.get("stream"):
                    self._stream(payload, reply)
                    with server._lock:
                        server.answered[server.item_of(payload) or "?"] += 1
                    return
                if body is None and reply.status == 200:
                    body = completion(payload, reply.obj, reply.text)
                try:
                    self._send(reply.status, body if body is not None else {"error": {"message": "scripted"}},
                               reply.headers)
                except (BrokenPipeError, ConnectionResetError):
                    return
                if reply.status == 200:
                    with server._lock:
                        server.answered[server.item_of(payload) or "?"] += 1

            def _stream(self, payload: dict[str, Any], reply: Reply) -> None:
                """Server-sent events: the answer in pieces of 16 characters, ``chunk_delay`` apart; the send time
                of each piece is recorded in ``server.sent_at``."""
                answer = reply.text if reply.text is not None else json.dumps(reply.obj, ensure_ascii=False)
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                tools = bool(payload.get("tools"))
                name = payload["tools"][0]["function"]["name"] if tools else None
                for n, start in enumerate(range(0, len(answer), 16)):
                    piece = answer[start:start + 16]
                    if tools:
                        call = {"index": 0, "function": {"arguments": piece}}
                        if n == 0:
                            call |= {"id": "call_1", "type": "function", "function": {"name": name, "arguments": piece}}
                        delta: dict[str, Any] = {"tool_calls": [call]}
                    else:
                        delta = {"content": piece}
                    chunk = {"id": "chunk", "object": "chat.completion.chunk", "created": int(time.time()),
                             "model": payload.get("model", "scripted"),
                             "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}
                    self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
                    self.wfile.flush()
                    with server._lock:
                        server.sent_at.append(time.monotonic())
                    if reply.chunk_delay:
                        time.sleep(reply.chunk_delay)
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
                self.close_connection = True

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def start(self) -> ScriptedServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> ScriptedServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()


def data_blocks(payload: dict[str, Any]) -> dict[str, Any]:
    """The ``<数据 名称="…">`` blocks of a request's first user message, parsed (label → value)."""
    user = next(m for m in payload.get("messages", []) if m.get("role") == "user")
    return {m.group(1): json.loads(m.group(2))
            for m in re.finditer(r'<数据 名称="([^"]+)">\n(.*?)\n</数据>', str(user["content"]), re.S)}


def rewrite_rows(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """Every row a rewrite request asks about (one project or several), each with its 编号 when batched."""
    block = data_blocks(payload)["待改写指标"]
    if block and isinstance(block[0], dict) and "待改写指标" in block[0]:
        return [row for group in block for row in group["待改写指标"]]
    return block


def critique_projects(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """Every project a critique request asks about, each with its 编号 and 名称."""
    return data_blocks(payload)["待审项目"]


def main() -> None:
    """``python scripted_server.py LATENCY OBJECT_JSON``: answer every request with OBJECT_JSON after
    LATENCY seconds; prints the base URL, serves until killed (the bench runs it in its own process)."""
    import sys

    latency, obj = float(sys.argv[1]), json.loads(sys.argv[2])
    server = ScriptedServer(lambda payload, n: Reply(obj=obj, delay=latency))
    server.start()
    print(server.url, flush=True)
    server.thread.join()


def make_endpoint(srv: ScriptedServer, mode: str = "TOOLS", **overrides):
    from assistant.llm import Endpoint

    values = {"name": "scripted", "base_url": srv.url, "model": "scripted-model", "mode": mode,
              "timeout": 2.0, "transport_retries": 2, "backoff_cap": 2.0, "concurrency": 4,
              "price_input_per_1k": 0.002, "price_output_per_1k": 0.008} | overrides
    return Endpoint(**values)


if __name__ == "__main__":
    main()
