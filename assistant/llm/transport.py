"""The HTTP seam: every model request goes through :class:`RetryTransport`.

It refuses requests the ``ALLOW_MODEL_REQUESTS`` switch forbids, and it is the only place that retries:
429 (honouring ``Retry-After``/``retry-after-ms``), 408/5xx, timeouts and connection errors, with
exponential backoff up to a cap. The openai client is built with ``max_retries=0`` so that these are the
only retries and each one is counted in the current call's :class:`CallStats`.
"""

from __future__ import annotations

import asyncio
import contextvars
import email.utils
import ipaddress
import random
import time
from dataclasses import dataclass, field
from typing import Any

import httpx2

from assistant.llm.errors import ModelRequestsForbidden

RETRY_STATUS = frozenset({408, 429, 500, 502, 503, 504})


@dataclass
class CallStats:
    """Facts of one logical call: HTTP requests and retries (filled in by the transport), and the
    answers with their server-reported tokens (filled in by the client)."""

    requests: int = 0
    retries: int = 0
    last_status: int | None = None
    last_error: str | None = None
    waits: list[float] = field(default_factory=list)
    answers: list[str] = field(default_factory=list)
    prompt_tokens: int = 0
    completion_tokens: int = 0


current_stats: contextvars.ContextVar[CallStats | None] = contextvars.ContextVar("jixiao_call_stats",
                                                                                 default=None)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_allowed(url: Any) -> None:
    """Raise unless the switch allows a request to ``url`` (True, or "loopback" for 127.0.0.1/::1)."""
    import assistant.llm as llm

    allow = llm.ALLOW_MODEL_REQUESTS
    host = httpx2.URL(str(url)).host
    if allow is True or (allow == "loopback" and is_loopback(host)):
        return
    raise ModelRequestsForbidden(
        f"已禁止真实模型请求（ALLOW_MODEL_REQUESTS={allow!r}），目标 {host}；"
        "测试中请使用 allow_model_requests 夹具并只连接 127.0.0.1"
    )


def retry_after(response: httpx2.Response) -> float | None:
    """Seconds the server asked us to wait, if it said so."""
    ms = response.headers.get("retry-after-ms")
    if ms:
        try:
            return float(ms) / 1000
        except ValueError:
            pass
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value) if value else None
        return max(0.0, parsed.timestamp() - time.time()) if parsed else None


STREAM_HEADER = "x-jixiao-stream"
"""Set on a streaming request: a successful response is passed on unread (the events as they arrive)."""


class RetryTransport(httpx2.AsyncBaseTransport):
    """Wraps a transport with the guard, a per-attempt deadline and counted backoff retries.

    ``retries`` is the number of retries after the first request; ``cap`` bounds any single wait,
    including a server's ``Retry-After``.
    """

    def __init__(self, inner: httpx2.AsyncBaseTransport | None = None, *, retries: int = 4,
                 base: float = 0.5, cap: float = 30.0, deadline: float | None = None) -> None:
        self.inner = inner or httpx2.AsyncHTTPTransport()
        self.retries = retries
        self.base = base
        self.cap = cap
        self.deadline = deadline

    def _delay(self, attempt: int, response: httpx2.Response | None) -> float:
        asked = retry_after(response) if response is not None else None
        if asked is not None:
            return min(asked, self.cap)
        return min(self.cap, self.base * 2**attempt) * random.uniform(0.5, 1.0)

    async def _once(self, request: httpx2.Request) -> httpx2.Response:
        response = await self.inner.handle_async_request(request)
        if request.headers.get(STREAM_HEADER) and response.status_code not in RETRY_STATUS:
            return response
        try:
            await response.aread()
        finally:
            await response.aclose()
        return response

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        check_allowed(request.url)
        stats = current_stats.get()
        attempt = 0
        while True:
            if stats is not None:
                stats.requests += 1
            response: httpx2.Response | None = None
            try:
                if self.deadline:
                    async with asyncio.timeout(self.deadline):
                        response = await self._once(request)
                else:
                    response = await self._once(request)
            except (TimeoutError, httpx2.TimeoutException) as err:
                error: Exception = httpx2.ReadTimeout(f"请求超时：{err or '超过时限'}", request=request)
                error.__cause__ = err
            except httpx2.TransportError as err:
                error = err
            else:
                if stats is not None:
                    stats.last_status = response.status_code
                if response.status_code not in RETRY_STATUS or attempt >= self.retries:
                    return response
                error = None  # type: ignore[assignment]
            if error is not None:
                if stats is not None:
                    stats.last_status, stats.last_error = None, type(error).__name__
                if attempt >= self.retries:
                    raise error
            wait = self._delay(attempt, response)
            if stats is not None:
                stats.retries += 1
                stats.waits.append(wait)
            attempt += 1
            await asyncio.sleep(wait)

    async def aclose(self) -> None:
        await self.inner.aclose()
