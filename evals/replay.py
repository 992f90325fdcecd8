"""Record and replay model answers through a local OpenAI-compatible server on 127.0.0.1.

The eval points a profile's ``base_url`` at this server (``JIXIAO_BASE_URL``), so the real code path runs
unchanged: task → prompt → instructor → openai client → the llm layer's transport → HTTP.

- ``record``: each POST is forwarded to ``upstream`` (with the caller's headers) and the answer (a 200 or
  a 4xx — server errors are not stored) is kept as ``<dir>/<key>.json`` = {request, status, response,
  elapsed}. Headers are never stored; keys named
  like api_key/authorization are removed from what is stored.
- ``replay``: the stored answer for the request's key is served; a request with no recording gets HTTP
  404 (the call fails and the eval counts a failure — it never falls through to a network).
``key`` is the sha256 of the request body's canonical JSON.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

SECRET_KEYS = ("api_key", "apikey", "authorization", "x-api-key", "api-key")
FORWARD_HEADERS = ("content-type", "authorization", "accept")


def request_key(body: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()


def scrub(data: Any) -> Any:
    """``data`` without any key that names a secret, at any depth."""
    if isinstance(data, dict):
        return {k: scrub(v) for k, v in data.items() if k.lower().replace("_", "-") not in
                {s.replace("_", "-") for s in SECRET_KEYS}}
    if isinstance(data, list):
        return [scrub(v) for v in data]
    return data


class RecordReplayServer:
    """``with RecordReplayServer(dir, "replay") as srv: ... srv.url``. Counters: ``hits``, ``misses``,
    ``recorded``, ``served`` (file names replayed) and ``recorded_seconds`` (the upstream time of the
    answers served or recorded)."""

    def __init__(self, directory: Path, mode: str = "replay", upstream: str | None = None,
                 timeout: float = 600.0) -> None:
        if mode not in ("replay", "record"):
            raise ValueError(mode)
        if mode == "record" and not upstream:
            raise ValueError("record mode needs an upstream base_url")
        self.directory = Path(directory)
        self.mode = mode
        self.upstream = (upstream or "").rstrip("/")
        self.timeout = timeout
        self.hits = self.misses = self.recorded = 0
        self.served: set[str] = set()
        self.recorded_seconds = 0.0
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def _send(self, status: int, body: Any) -> None:
                data = json.dumps(body, ensure_ascii=False).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self._send(200, {"object": "list", "data": [{"id": "replay", "object": "model"}]})

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                body = json.loads(raw or b"{}")
                headers = {k: v for k, v in self.headers.items() if k.lower() in FORWARD_HEADERS}
                status, answer = server.answer(self.path, body, raw, headers)
                self._send(status, answer)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def path_for(self, body: dict[str, Any]) -> Path:
        return self.directory / f"{request_key(body)[:24]}.json"

    def answer(self, path: str, body: dict[str, Any], raw: bytes, headers: dict[str, str]) -> tuple[int, Any]:
        file = self.path_for(body)
        if self.mode == "replay":
            if not file.exists():
                with self._lock:
                    self.misses += 1
                return 404, {"error": {"message": f"录制中没有这条请求：{file.name}", "type": "replay_miss"}}
            stored = json.loads(file.read_text(encoding="utf-8"))
            with self._lock:
                self.hits += 1
                self.served.add(file.name)
                self.recorded_seconds += float(stored.get("elapsed") or 0.0)
            return int(stored.get("status", 200)), stored["response"]
        suffix = path[path.index("/v1") + 3:] if "/v1" in path else path
        request = urllib.request.Request(self.upstream + suffix, data=raw, headers=headers, method="POST")
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as resp:
                status, answer = resp.status, json.loads(resp.read() or b"{}")
        except urllib.error.HTTPError as err:
            status, answer = err.code, json.loads(err.read() or b"{}")
        except (urllib.error.URLError, TimeoutError) as err:
            return 502, {"error": {"message": f"上游不可达：{err}"}}
        elapsed = time.perf_counter() - started
        if status < 500:
            self.directory.mkdir(parents=True, exist_ok=True)
            record = {"request": scrub(body), "status": status, "response": scrub(answer),
                      "elapsed": round(elapsed, 3)}
            file.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            with self._lock:
                self.recorded += 1
                self.recorded_seconds += elapsed
        return status, answer

    def start(self) -> RecordReplayServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> RecordReplayServer:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()
