"""Answer clean-up before validation: reasoning blocks and fences that servers wrap around JSON."""

from __future__ import annotations

import json
import re

_THINK = re.compile(r"<think(?:ing)?>.*?</think(?:ing)?>", re.S | re.I)
_DANGLING = re.compile(r"\A.*?</think(?:ing)?>", re.S | re.I)
_FENCE = re.compile(r"```(?:json|JSON)?\s*\n?(.*?)```", re.S)


def strip_think(text: str) -> str:
    """Remove ``<think>…</think>`` blocks, and text before a closing tag whose opening tag the chat
    template already consumed (DeepSeek-R1 and Qwen3 templates do this)."""
    text = _THINK.sub("", text)
    return _DANGLING.sub("", text).strip()


def json_text(text: str) -> str:
    """The JSON of an answer: the text itself if it parses, else the last fenced block that parses,
    else the last JSON object or array in it (instructor's extractor, which prefers the last one
    because earlier ones may quote the prompt's data)."""
    text = strip_think(text)
    try:
        json.loads(text)
        return text
    except ValueError:
        pass
    for block in reversed(_FENCE.findall(text)):
        try:
            json.loads(block)
            return block.strip()
        except ValueError:
            continue
    try:
        from instructor.v2.core.json import extract_json_from_codeblock

        return extract_json_from_codeblock(text)
    except (ImportError, ValueError):
        return text
