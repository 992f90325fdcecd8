"""Token usage and cost: per call, summed per batch and per session."""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Usage:
    """What calls cost. Tokens come from the server's ``usage``; ``estimated_prompt_tokens`` is the
    pre-flight tiktoken estimate; ``cost`` uses the endpoint's prices. ``requests`` counts HTTP requests
    (transport retries included), ``answers`` the model answers received, ``cached`` the cache hits."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    estimated_prompt_tokens: int = 0
    cost: float = 0.0
    calls: int = 0
    requests: int = 0
    answers: int = 0
    cached: int = 0
    transport_retries: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def add(self, other: Usage) -> Usage:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    def __add__(self, other: Usage) -> Usage:
        return Usage().add(self).add(other)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"total_tokens": self.total_tokens}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Usage:
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})

    def summary(self, currency: str = "CNY") -> str:
        return (f"调用 {self.calls} 次（缓存命中 {self.cached}，HTTP 请求 {self.requests}），"
                f"输入 {self.prompt_tokens} tokens，输出 {self.completion_tokens} tokens，"
                f"费用 {self.cost:.4f} {currency}")


def cost(prompt_tokens: int, completion_tokens: int, price_in: float, price_out: float) -> float:
    return prompt_tokens / 1000 * price_in + completion_tokens / 1000 * price_out


@dataclass
class Meter:
    """A thread-safe running total."""

    total: Usage = field(default_factory=Usage)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def record(self, usage: Usage) -> None:
        with self._lock:
            self.total.add(usage)

    def snapshot(self) -> Usage:
        with self._lock:
            return Usage().add(self.total)


SESSION = Meter()
"""Everything this process spent on models."""
