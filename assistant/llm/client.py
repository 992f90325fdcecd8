"""The structured call: rendered prompt + response model + validation context → validated object.

``openai`` and ``instructor`` are imported on first use. Each model answer is cleaned (reasoning blocks,
fences), validated by the response model with ``context``; a failure goes back to the model as
instructor's re-ask carrying the validators' own (Chinese) messages, up to ``max_retries`` times, then
raises :class:`AnswerInvalid`. HTTP trouble is retried only by :class:`RetryTransport` and surfaces as
:class:`TransportError`.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from assistant.llm import tokens
from assistant.llm.cache import Cache, cache_key
from assistant.llm.endpoints import Endpoint, load_endpoint
from assistant.llm.errors import (
    AnswerInvalid,
    LLMError,
    ModelRequestsForbidden,
    PromptTooLong,
    TransportError,
)
from assistant.llm.normalize import json_text, strip_think
from assistant.llm.prompts import RenderedPrompt
from assistant.llm.transport import CallStats, RetryTransport, current_stats
from assistant.llm.usage import SESSION, Meter, Usage, cost

T = TypeVar("T", bound=BaseModel)
R = TypeVar("R")


@dataclass(frozen=True)
class Result(Generic[T]):
    """``value, usage, attempts = result``; ``attempts`` counts model answers (0 on a cache hit)."""

    value: T
    usage: Usage
    attempts: int
    cached: bool = False

    def __iter__(self) -> Iterator[Any]:
        return iter((self.value, self.usage, self.attempts))


def _raw_text(completion: Any) -> str:
    message = completion.choices[0].message if getattr(completion, "choices", None) else None
    if message is None:
        return ""
    if message.tool_calls:
        return "\n".join(call.function.arguments or "" for call in message.tool_calls)
    return message.content or ""


def _clean(completion: Any, mode: str) -> None:
    """Normalise an answer in place so the mode's parser sees plain JSON."""
    if not getattr(completion, "choices", None):
        return
    message = completion.choices[0].message
    if message.tool_calls:
        for call in message.tool_calls:
            if call.function.arguments:
                call.function.arguments = json_text(call.function.arguments)
    elif message.content is not None:
        message.content = strip_think(message.content) if mode == "MD_JSON" else json_text(message.content)


@cache
def _prepared(response_model: type[BaseModel]) -> Any:
    """instructor's schema class for ``response_model``, built once: instructor otherwise creates a new
    pydantic class on every call, which dominates the client's CPU time in large batches."""
    from instructor.v2.core.response_model import prepare_response_model

    return prepare_response_model(response_model)


@cache
def _schema(response_model: type[BaseModel]) -> dict[str, Any]:
    return response_model.model_json_schema()


def _plain(value: BaseModel, response_model: type[T]) -> T:
    """The answer as an instance of exactly ``response_model``: instructor returns an instance of its
    own schema subclass carrying ``_raw_response``; copy the validated fields over, without
    validating again."""
    if type(value) is response_model:
        return value
    fields = {name: getattr(value, name) for name in response_model.model_fields}
    return response_model.model_construct(_fields_set=set(value.model_fields_set), **fields)


def _errors(exc: BaseException | None) -> list[dict[str, Any]]:
    if isinstance(exc, ValidationError):
        return [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors(include_url=False)]
    return [{"loc": [], "msg": str(exc), "type": type(exc).__name__}] if exc else []


def _cause_chain(exc: BaseException) -> list[BaseException]:
    chain, seen = [], set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        chain.append(exc)
        exc = exc.__cause__ or exc.__context__
    return chain


def _server_reason(body: Any) -> str:
    """A short excerpt of the server's own error message (context overflow, bad request …), if any."""
    error = body.get("error", body) if isinstance(body, dict) else None
    message = error.get("message") if isinstance(error, dict) else None
    if not message:
        return ""
    hint = "（对话超出模型的上下文长度）" if "context" in str(message).lower() else ""
    return f"；服务器说明{hint}：{str(message)[:160]}"


REASK = "你上一次的答案（上面）未通过检查：\n{errors}\n请只修改这些问题，其余保持不变，重新给出完整答案。"


def _invalid(err: BaseException) -> str:
    """The validators' messages when ``err`` is an answer that failed validation; empty otherwise."""
    if any(type(exc).__name__ == "IncompleteOutputException" for exc in _cause_chain(err)):
        return ""
    failed = getattr(err, "failed_attempts", None) or []
    last = failed[-1].exception if failed else err.__cause__ or err
    if not isinstance(last, ValueError):
        return ""
    return "\n".join(e["msg"].removeprefix("Value error, ") for e in _errors(last))


def reask(messages: list[dict[str, Any]], answer: str, errors: str) -> list[dict[str, Any]]:
    """The re-ask request: the original messages, the last answer, and its errors — bounded, whatever the
    number of attempts before."""
    return [*(dict(m) for m in messages), {"role": "assistant", "content": answer},
            {"role": "user", "content": REASK.format(errors=errors)}]


def run_sync(make: Callable[[], Awaitable[R]]) -> R:
    """Run the coroutine ``make()`` to completion from synchronous code: on a new event loop, or in a
    thread of its own when the caller is already inside a running loop (a web handler). Exceptions
    propagate."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make())
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(make())
        except BaseException as err:  # noqa: BLE001
            box["error"] = err

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


class Client:
    """One endpoint endpoint, its cache and its meter. Safe to share between tasks of one event loop;
    the sync :meth:`call` runs its own loop."""

    def __init__(self, endpoint: Endpoint | str | None = None, *, cache: Cache | Path | str | bool | None = True,
                 meter: Meter | None = None, transport: Any = None) -> None:
        self.endpoint = endpoint if isinstance(endpoint, Endpoint) else load_endpoint(endpoint)
        if cache is True:
            from assistant.llm.cache import default_path

            cache = None if default_path() is None else Cache(default_path())
        elif isinstance(cache, str | Path):
            cache = Cache(cache)
        self.cache: Cache | None = cache if isinstance(cache, Cache) else None
        self.meter = meter or Meter()
        self._transport = transport
        self._loop: asyncio.AbstractEventLoop | None = None
        self._inst: Any = None
        self._oai: Any = None
        self._sem: asyncio.Semaphore | None = None
        self._create_raw: Any = None

    def _instructor(self) -> tuple[Any, asyncio.Semaphore]:
        loop = asyncio.get_running_loop()
        if self._loop is not loop:
            import logging

            import httpx2
            import instructor
            import openai

            # instructor logs every failed attempt at ERROR; our exceptions carry the same facts, in Chinese.
            quiet = logging.getLogger("instructor")
            if not quiet.handlers:
                quiet.addHandler(logging.NullHandler())

            endpoint = self.endpoint
            transport = RetryTransport(self._transport, retries=endpoint.transport_retries,
                                       cap=endpoint.backoff_cap, deadline=endpoint.timeout)
            http = httpx2.AsyncClient(transport=transport, timeout=httpx2.Timeout(endpoint.timeout))
            oai = openai.AsyncOpenAI(base_url=endpoint.base_url, api_key=endpoint.key(), max_retries=0,
                                     timeout=endpoint.timeout, http_client=http)
            original = oai.chat.completions.create
            mode = endpoint.mode

            async def create(*args: Any, **kwargs: Any) -> Any:
                completion = await original(*args, **kwargs)
                stats = current_stats.get()
                if stats is not None:
                    stats.answers.append(_raw_text(completion))
                    if completion.usage is not None:
                        stats.prompt_tokens += completion.usage.prompt_tokens or 0
                        stats.completion_tokens += completion.usage.completion_tokens or 0
                _clean(completion, mode)
                return completion

            oai.chat.completions.create = create
            self._create_raw = original
            self._inst = instructor.from_openai(oai, mode=instructor.Mode[mode])
            self._oai, self._loop = oai, loop
            self._sem = asyncio.Semaphore(max(1, endpoint.concurrency))
        assert self._sem is not None
        return self._inst, self._sem

    def key(self, prompt: RenderedPrompt, response_model: type[BaseModel]) -> str:
        return cache_key(prompt=prompt.name, version=prompt.version, model=self.endpoint.model,
                         messages=prompt.messages, schema=_schema(response_model))

    def estimate(self, prompt: RenderedPrompt) -> int:
        """Pre-flight prompt tokens (tiktoken, offline)."""
        return tokens.count_messages(prompt.messages, self.endpoint.tokenizer)

    def _from_cache(self, key: str, response_model: type[T], context: dict[str, Any] | None) -> T | None:
        if self.cache is None:
            return None
        hit = self.cache.get(key)
        if hit is None:
            return None
        try:
            return response_model.model_validate(hit[0], context=context)
        except ValidationError:
            self.cache.delete(key)
            return None

    def preflight(self, messages: list[dict[str, Any]], response_model: type[BaseModel]) -> int:
        """Prompt tokens of ``messages`` plus the schema; raises :class:`PromptTooLong` when they and the reply
        reserve (``max_tokens``, else a quarter of the context) would not fit ``context_tokens``."""
        import json

        needed = tokens.count_messages(messages, self.endpoint.tokenizer) + tokens.count(
            json.dumps(_schema(response_model), ensure_ascii=False), self.endpoint.tokenizer)
        limit = self.endpoint.context_tokens
        if limit:
            reserve = self.endpoint.max_tokens or limit // 4
            if needed + reserve > limit:
                raise PromptTooLong(needed + reserve, limit, self.endpoint.name)
        return needed

    async def acall(self, prompt: RenderedPrompt, response_model: type[T], context: dict[str, Any] | None = None,
                    *, max_retries: int | None = None, use_cache: bool = True) -> Result[T]:
        """Ask for one ``response_model`` object. A failed answer is sent back as a bounded re-ask: the
        original messages, the last answer and its errors — never the whole history — each request checked
        against the endpoint's context first. Raises AnswerInvalid, TransportError (PromptTooLong before
        sending) or ModelRequestsForbidden; never returns None."""
        key = self.key(prompt, response_model)
        if use_cache and (value := self._from_cache(key, response_model, context)) is not None:
            usage = Usage(calls=1, cached=1)
            self._record(usage)
            return Result(value, usage, 0, True)
        self.preflight(prompt.messages, response_model)
        inst, sem = self._instructor()
        stats = CallStats()
        token = current_stats.set(stats)
        estimate = self.estimate(prompt)
        retries = self.endpoint.max_retries if max_retries is None else max_retries
        kwargs: dict[str, Any] = {"model": self.endpoint.model}
        if self.endpoint.extra_body:
            kwargs["extra_body"] = self.endpoint.extra_body
        if self.endpoint.max_tokens:
            kwargs["max_tokens"] = self.endpoint.max_tokens
        messages = [dict(m) for m in prompt.messages]
        try:
            for attempt in range(retries + 1):
                try:
                    async with sem:
                        value = await inst.create(response_model=_prepared(response_model), messages=messages,
                                                  max_retries=0, context=context, strict=self.endpoint.strict,
                                                  **kwargs)
                    break
                except Exception as err:
                    if attempt >= retries or not _invalid(err) or not stats.answers:
                        raise
                    messages = reask(prompt.messages, stats.answers[-1], _invalid(err))
                    self.preflight(messages, response_model)
        except Exception as err:
            usage = self._usage(stats, estimate)
            self._record(usage)
            error = self._translate(err, stats, usage)
            if error is None:
                raise
            error.usage = usage
            raise error from err
        finally:
            current_stats.reset(token)
        value = _plain(value, response_model)
        usage = self._usage(stats, estimate)
        self._record(usage)
        if self.cache is not None and use_cache:
            self.cache.put(key, value.model_dump(mode="json"), usage.to_dict(), prompt=prompt.name,
                           model=self.endpoint.model)
        return Result(value, usage, len(stats.answers), False)

    async def astream(self, prompt: RenderedPrompt, response_model: type[T], context: dict[str, Any] | None = None,
                      *, on_text: Any = None, on_item: Any = None) -> Result[T]:
        """:meth:`acall` streamed: ``on_text(piece)`` as the answer is written, ``on_item(list_key, dict)`` as each
        list item completes (see :mod:`assistant.llm.stream`)."""
        from assistant.llm.stream import astream

        return await astream(self, prompt, response_model, context, on_text=on_text, on_item=on_item)

    def call(self, prompt: RenderedPrompt, response_model: type[T], context: dict[str, Any] | None = None,
             **kwargs: Any) -> Result[T]:
        """Synchronous :meth:`acall` on a private event loop (in a thread if one is already running)."""
        async def run() -> Result[T]:
            try:
                return await self.acall(prompt, response_model, context, **kwargs)
            finally:
                await self.aclose()

        return run_sync(run)

    async def aclose(self) -> None:
        if self._oai is not None:
            await self._oai.close()
        self._oai = self._inst = self._loop = self._sem = None

    def _usage(self, stats: CallStats, estimate: int) -> Usage:
        p = self.endpoint
        return Usage(prompt_tokens=stats.prompt_tokens, completion_tokens=stats.completion_tokens,
                     estimated_prompt_tokens=estimate * max(1, len(stats.answers)),
                     cost=cost(stats.prompt_tokens, stats.completion_tokens, p.price_input_per_1k,
                               p.price_output_per_1k),
                     calls=1, requests=stats.requests, answers=len(stats.answers),
                     transport_retries=stats.retries)

    def _record(self, usage: Usage) -> None:
        self.meter.record(usage)
        SESSION.record(usage)

    def _translate(self, err: Exception, stats: CallStats, usage: Usage) -> LLMError | None:
        """Our error for ``err``; None for what is neither transport nor validation (a bug: re-raised)."""
        import openai

        chain = _cause_chain(err)
        for exc in chain:
            if isinstance(exc, ModelRequestsForbidden):
                return exc
        for exc in chain:
            if isinstance(exc, openai.AuthenticationError):
                where = self.endpoint.api_key_env or "JIXIAO_API_KEY"
                return TransportError(f"模型端点拒绝了密钥（HTTP 401）：请检查 {where} 或配置文件中的 api_key",
                                      status=401, attempts=stats.requests)
            if isinstance(exc, openai.APIStatusError):
                return TransportError(f"模型端点返回 HTTP {exc.status_code}（已请求 {stats.requests} 次）：{self.endpoint.name}"
                                      f"{_server_reason(exc.body)}", status=exc.status_code, attempts=stats.requests)
            if isinstance(exc, openai.APITimeoutError):
                return TransportError(f"模型端点超时（{self.endpoint.timeout:g} 秒，已请求 {stats.requests} 次）："
                                      f"{self.endpoint.name}", attempts=stats.requests)
            if isinstance(exc, openai.APIConnectionError):
                return TransportError(f"无法连接模型端点（已请求 {stats.requests} 次）：{self.endpoint.name}",
                                      attempts=stats.requests)
        if any(type(exc).__name__ == "IncompleteOutputException" for exc in chain):
            return AnswerInvalid(f"模型回答超出长度上限（max_tokens）被截断，共回答 {len(stats.answers)} 次",
                                 errors=[{"loc": [], "msg": "回答被截断", "type": "length"}],
                                 raw=stats.answers[-1] if stats.answers else None, attempts=len(stats.answers),
                                 usage=usage)
        failed = getattr(err, "failed_attempts", None) or []
        last = failed[-1].exception if failed else err.__cause__ or err
        if not isinstance(last, ValueError):
            return None
        errors = _errors(last)
        detail = "；".join(e["msg"] for e in errors)[:500]
        return AnswerInvalid(f"模型回答 {len(stats.answers)} 次仍未通过校验：{detail}", errors=errors,
                             raw=stats.answers[-1] if stats.answers else None, attempts=len(stats.answers),
                             usage=usage)
