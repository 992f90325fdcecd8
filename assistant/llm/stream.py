"""Streaming answers: the text as the model writes it, and each list item as soon as its object closes.

:class:`ItemScanner` reads a JSON answer incrementally and returns every object that is an element of an array
directly under the top-level object (``{"indicators": [{…}, {…}]}``) the moment it is complete.
:func:`astream` sends one streaming request in the endpoint's mode, calls ``on_text`` with every piece of text
and ``on_item`` with every completed item, then validates the whole answer like a live call; a failed answer
goes through the client's bounded re-ask (not streamed).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

T = TypeVar("T", bound=BaseModel)
OnText = Callable[[str], None]
OnItem = Callable[[str, dict[str, Any]], None]


class ItemScanner:
    """Feed text pieces; get back (list key, item) for every element object of a top-level array that closed."""

    def __init__(self) -> None:
        self.text = ""
        self._pos = 0
        self._stack: list[str] = []
        self._in_string = False
        self._escape = False
        self._start: int | None = None
        self._key: str | None = None
        self._last_string = ""
        self._string_start = 0

    def feed(self, piece: str) -> list[tuple[str, dict[str, Any]]]:
        self.text += piece
        out: list[tuple[str, dict[str, Any]]] = []
        text = self.text
        while self._pos < len(text):
            ch = text[self._pos]
            if self._in_string:
                if self._escape:
                    self._escape = False
                elif ch == "\\":
                    self._escape = True
                elif ch == '"':
                    self._in_string = False
                    self._last_string = text[self._string_start:self._pos]
            elif ch == '"':
                self._in_string, self._string_start = True, self._pos + 1
            elif ch in "{[":
                if ch == "[" and len(self._stack) == 1:
                    self._key = self._last_string
                self._stack.append(ch)
                if ch == "{" and self._stack[:-1] == ["{", "["]:
                    self._start = self._pos
            elif ch in "}]":
                if self._stack:
                    self._stack.pop()
                if ch == "}" and self._stack == ["{", "["] and self._start is not None:
                    try:
                        item = json.loads(text[self._start:self._pos + 1])
                    except ValueError:
                        item = None
                    if isinstance(item, dict):
                        out.append((self._key or "", item))
                    self._start = None
            self._pos += 1
        return out


def _pieces(chunk: Any) -> str:
    if not getattr(chunk, "choices", None):
        return ""
    delta = chunk.choices[0].delta
    text = delta.content or ""
    for call in getattr(delta, "tool_calls", None) or []:
        if call.function is not None and call.function.arguments:
            text += call.function.arguments
    return text


async def astream(client: Any, prompt: Any, response_model: type[T], context: dict[str, Any] | None = None, *,
                  on_text: OnText | None = None, on_item: OnItem | None = None) -> Any:
    """One streamed structured call on ``client`` (an :class:`assistant.llm.Client`); returns its ``Result``."""
    from assistant.llm import tokens
    from assistant.llm.batch import BatchItem
    from assistant.llm.batchfile import request_body
    from assistant.llm.client import Result, _invalid, reask
    from assistant.llm.normalize import json_text, strip_think
    from assistant.llm.prompts import RenderedPrompt
    from assistant.llm.transport import STREAM_HEADER
    from assistant.llm.usage import Usage, cost

    key = client.key(prompt, response_model)
    if client.cache is not None and (value := client._from_cache(key, response_model, context)) is not None:
        _replay(value, on_text, on_item)
        usage = Usage(calls=1, cached=1)
        client._record(usage)
        return Result(value, usage, 0, True)
    client.preflight(prompt.messages, response_model)
    client._instructor()
    body = request_body(client.endpoint, BatchItem("stream", prompt), response_model)
    scanner = ItemScanner()
    _, sem = client._instructor()
    async with sem:
        stream = await client._create_raw(**body, stream=True, extra_headers={STREAM_HEADER: "1"})
        async for chunk in stream:
            piece = _pieces(chunk)
            if not piece:
                continue
            if on_text is not None:
                on_text(piece)
            for list_key, item in scanner.feed(piece):
                if on_item is not None:
                    on_item(list_key, item)
    raw = scanner.text
    p = client.endpoint
    tokens_in = client.estimate(prompt)
    tokens_out = tokens.count(raw, p.tokenizer)
    usage = Usage(prompt_tokens=tokens_in, completion_tokens=tokens_out, estimated_prompt_tokens=tokens_in,
                  cost=cost(tokens_in, tokens_out, p.price_input_per_1k, p.price_output_per_1k), calls=1,
                  requests=1, answers=1)
    try:
        value = response_model.model_validate(json.loads(json_text(strip_think(raw))), context=context)
    except (ValueError, ValidationError) as err:
        errors = _invalid(err) or str(err)[:500]
        client._record(usage)
        again = RenderedPrompt(prompt.name, prompt.version, reask(prompt.messages, raw, errors))
        retries = max(0, p.max_retries - 1)
        result = await client.acall(again, response_model, context, max_retries=retries, use_cache=False)
        return Result(result.value, usage + result.usage, 1 + result.attempts, False)
    client._record(usage)
    if client.cache is not None:
        client.cache.put(key, value.model_dump(mode="json"), usage.to_dict(), prompt=prompt.name, model=p.model)
    return Result(value, usage, 1, False)


def _replay(value: BaseModel, on_text: OnText | None, on_item: OnItem | None) -> None:
    """A cached answer reported as if streamed: its text once, then its items."""
    data = value.model_dump(mode="json")
    if on_text is not None:
        on_text(json.dumps(data, ensure_ascii=False))
    if on_item is not None:
        for key, rows in data.items():
            for row in rows if isinstance(rows, list) else []:
                if isinstance(row, dict):
                    on_item(key, row)
