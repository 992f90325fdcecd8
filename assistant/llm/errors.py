"""Errors of the model path. Every message is Chinese first and never contains an API key."""

from __future__ import annotations

from typing import Any


class LLMError(Exception):
    """Base of every error raised by ``assistant.llm``; ``usage`` is what the failed call spent."""

    usage: Any = None


class ConfigError(LLMError):
    """An endpoint or config file is missing or wrong."""


class ModelRequestsForbidden(LLMError):
    """A real model request was attempted while ``ALLOW_MODEL_REQUESTS`` forbids it (test suites)."""


class TransportError(LLMError):
    """The endpoint did not answer usably (HTTP 429/5xx, timeout, connection) after our backoff cap.

    ``status`` is the last HTTP status (None for timeouts and connection errors); ``attempts`` counts
    HTTP requests sent for the failing call, retries included.
    """

    def __init__(self, message: str, *, status: int | None = None, attempts: int = 0) -> None:
        super().__init__(message)
        self.status = status
        self.attempts = attempts


class AnswerInvalid(LLMError):
    """The model kept answering invalid objects until the retries ran out.

    ``errors`` are the last validation errors (pydantic's ``errors()`` shape, messages as the validators
    wrote them), ``raw`` the last raw answer text, ``attempts`` the number of model answers received.
    """

    def __init__(
        self, message: str, *, errors: list[dict[str, Any]], raw: str | None, attempts: int, usage: Any = None
    ) -> None:
        super().__init__(message)
        self.errors = errors
        self.raw = raw
        self.attempts = attempts
        self.usage = usage


class BudgetExceeded(LLMError):
    """A batch stopped starting new calls because its token or money budget was spent."""


class PromptTooLong(TransportError):
    """A request would not fit the endpoint's context (``context_tokens`` of the endpoint): raised before
    anything is sent. A TransportError so that tasks fall back to the rules the same way."""

    def __init__(self, needed: int, limit: int, endpoint: str) -> None:
        super().__init__(f"提示词约 {needed} tokens（含回答预留），超出模型端点 {endpoint} 的上下文 {limit} tokens，未发送"
                         f" / prompt of about {needed} tokens (reply reserve included) exceeds the {limit}-token "
                         f"context of endpoint {endpoint}; not sent", status=None, attempts=0)
        self.needed = needed
        self.limit = limit
