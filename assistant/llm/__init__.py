"""The one way the product talks to a language model.

    from assistant import llm
    client = llm.Client("deepseek")
    prompt = llm.load_prompt("extract_indicators").render(text=cell_text)
    value, usage, attempts = client.call(prompt, Indicators, context={"source": cell_text})

A model task is a prompt file, a pydantic response model and its validators. Names load on first use
so that importing this package costs nothing; ``openai`` and ``instructor`` load on the first call.
``ALLOW_MODEL_REQUESTS`` is the test switch: ``False`` makes every model request raise
:class:`ModelRequestsForbidden`, ``"loopback"`` allows only 127.0.0.1/::1. Its start value comes from
``JIXIAO_ALLOW_MODEL_REQUESTS`` (``0``/``loopback``), so processes a test suite starts obey it too.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from assistant.llm.batch import BatchItem, BatchReport, ItemResult, arun_batch, run_batch
    from assistant.llm.client import Client, Result
    from assistant.llm.endpoints import PRESETS, Endpoint, load_endpoint
    from assistant.llm.errors import (
        AnswerInvalid,
        BudgetExceeded,
        ConfigError,
        LLMError,
        ModelRequestsForbidden,
        TransportError,
    )
    from assistant.llm.prompts import Prompt, RenderedPrompt, data_block, load_prompt
    from assistant.llm.usage import SESSION, Usage

def _switch_from_env() -> bool | Literal["loopback"]:
    value = os.environ.get("JIXIAO_ALLOW_MODEL_REQUESTS", "").strip().lower()
    if value == "loopback":
        return "loopback"
    return value not in ("0", "false", "no", "off")


ALLOW_MODEL_REQUESTS: bool | Literal["loopback"] = _switch_from_env()

_LAZY = {
    "assistant.llm.batch": ("BatchItem", "BatchReport", "ItemResult", "arun_batch", "run_batch"),
    "assistant.llm.client": ("Client", "Result"),
    "assistant.llm.errors": ("AnswerInvalid", "BudgetExceeded", "ConfigError", "LLMError",
                             "ModelRequestsForbidden", "TransportError"),
    "assistant.llm.endpoints": ("PRESETS", "Endpoint", "load_endpoint"),
    "assistant.llm.prompts": ("Prompt", "RenderedPrompt", "data_block", "load_prompt"),
    "assistant.llm.usage": ("SESSION", "Usage"),
}
_WHERE = {name: module for module, names in _LAZY.items() for name in names}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'assistant.llm' has no attribute {name!r}")


__all__ = [
    "ALLOW_MODEL_REQUESTS", "PRESETS", "SESSION", "AnswerInvalid", "BatchItem", "BatchReport", "BudgetExceeded",
    "Client", "ConfigError", "Endpoint", "ItemResult", "LLMError", "ModelRequestsForbidden", "Prompt",
    "RenderedPrompt", "Result", "TransportError", "Usage", "arun_batch", "data_block", "load_endpoint",
    "load_prompt", "run_batch",
]
