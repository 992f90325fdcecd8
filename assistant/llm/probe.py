"""``jixiao probe``: which structured-output modes an endpoint actually honours.

Each mode gets one small structured call (one re-ask allowed) against the real endpoint, without the
cache. A mode "works" when a validated object comes back; "first try" means without a re-ask.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from pydantic import BaseModel, ValidationInfo, field_validator

from assistant.llm.endpoints import MODES, Endpoint, Mode
from assistant.llm.errors import AnswerInvalid, LLMError, ModelRequestsForbidden, TransportError
from assistant.llm.prompts import load_prompt

PREFERENCE: tuple[Mode, ...] = ("JSON_SCHEMA", "TOOLS", "JSON", "MD_JSON")
PROBE_TEXT = "服务企业数≥1500家"


class ProbeAnswer(BaseModel):
    name: str
    number: int

    @field_validator("number")
    @classmethod
    def matches(cls, value: int, info: ValidationInfo) -> int:
        expected = (info.context or {}).get("number")
        if expected is not None and value != expected:
            raise ValueError(f"数值应为原文中的 {expected}，不是 {value}")
        return value


@dataclass
class ProbeResult:
    mode: Mode
    ok: bool
    attempts: int = 0
    seconds: float = 0.0
    error: str = ""

    @property
    def first_try(self) -> bool:
        return self.ok and self.attempts == 1


async def aprobe(endpoint: Endpoint, modes: tuple[Mode, ...] = MODES) -> list[ProbeResult]:
    from assistant.llm.client import Client

    prompt = load_prompt("probe").render(text=PROBE_TEXT)
    results = []
    for mode in modes:
        client = Client(endpoint.model_copy(update={"mode": mode, "transport_retries": 1}), cache=False)
        started = time.monotonic()
        try:
            _, _, attempts = await client.acall(prompt, ProbeAnswer, {"number": 1500}, max_retries=1)
            results.append(ProbeResult(mode, True, attempts, time.monotonic() - started))
        except ModelRequestsForbidden:
            raise
        except AnswerInvalid as err:
            results.append(ProbeResult(mode, False, err.attempts, time.monotonic() - started, "回答未通过校验"))
        except TransportError as err:
            reason = f"端点拒绝（HTTP {err.status}）" if err.status and err.status < 500 else str(err)
            results.append(ProbeResult(mode, False, 0, time.monotonic() - started, reason))
        except LLMError as err:
            results.append(ProbeResult(mode, False, 0, time.monotonic() - started, str(err)))
        finally:
            await client.aclose()
    return results


def best_mode(results: list[ProbeResult]) -> Mode | None:
    """The preferred mode that worked on the first try, else the preferred one that worked at all."""
    working = {r.mode: r for r in results if r.ok}
    for want_first_try in (True, False):
        for mode in PREFERENCE:
            if mode in working and (working[mode].first_try or not want_first_try):
                return mode
    return None


def probe(endpoint: Endpoint, modes: tuple[Mode, ...] = MODES) -> list[ProbeResult]:
    """Synchronous :func:`aprobe`."""
    import asyncio

    return asyncio.run(aprobe(endpoint, modes))
