"""A batch as an OpenAI Batch API JSONL file, and its results file read back into validated objects.

Each request line is ``{"custom_id", "method": "POST", "url": "/v1/chat/completions", "body"}`` with the
body instructor would send in the endpoint's mode — the format OpenAI's batch service and vLLM's
``run_batch`` accept. Result lines (``{"custom_id", "response": {"status_code", "body"}, "error"}``) are
cleaned and validated exactly like live answers; there is no re-ask in this path, so an invalid
answer is reported as a failure to run again live.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from assistant.llm.batch import BatchItem, BatchReport, ItemResult
from assistant.llm.endpoints import Endpoint
from assistant.llm.usage import Usage, cost

T = TypeVar("T", bound=BaseModel)
ENDPOINT = "/v1/chat/completions"


def _handlers(endpoint: Endpoint, response_model: type[BaseModel]) -> tuple[Any, Any]:
    import instructor
    from instructor.v2.core.providers import Provider
    from instructor.v2.core.registry import mode_registry
    from instructor.v2.core.response_model import prepare_response_model

    return mode_registry.get_handlers(Provider.OPENAI, instructor.Mode[endpoint.mode]), \
        prepare_response_model(response_model)


def request_body(endpoint: Endpoint, item: BatchItem, response_model: type[BaseModel]) -> dict[str, Any]:
    handlers, model = _handlers(endpoint, response_model)
    _, body = handlers.request_handler(model, {"model": endpoint.model,
                                               "messages": [dict(m) for m in item.prompt.messages]})
    if endpoint.max_tokens:
        body["max_tokens"] = endpoint.max_tokens
    return body | endpoint.extra_body


def write_batch_file(endpoint: Endpoint, items: Iterable[BatchItem], response_model: type[BaseModel],
                     path: Path | str) -> int:
    """Write one request line per item; returns the number of lines."""
    count = 0
    with Path(path).open("w", encoding="utf-8") as fh:
        for item in items:
            line = {"custom_id": item.id, "method": "POST", "url": ENDPOINT,
                    "body": request_body(endpoint, item, response_model)}
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
            count += 1
    return count


def read_batch_results(endpoint: Endpoint, items: Iterable[BatchItem], response_model: type[T],
                       path: Path | str) -> BatchReport[T]:
    """Validate a results file against ``items`` (for their contexts); items without a result line
    are failures of kind ``error``."""
    from openai.types.chat import ChatCompletion

    from assistant.llm.client import _clean, _plain, _raw_text

    handlers, model = _handlers(endpoint, response_model)
    lines: dict[str, dict[str, Any]] = {}
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        if raw.strip():
            record = json.loads(raw)
            lines[record["custom_id"]] = record
    results: list[ItemResult[T]] = []
    total = Usage()
    for item in items:
        record = lines.get(item.id)
        if record is None:
            results.append(ItemResult(item.id, failure="error", error="结果文件中没有该项"))
            continue
        response = record.get("response") or {}
        if record.get("error") or response.get("status_code", 200) != 200:
            detail = record.get("error") or response.get("body")
            results.append(ItemResult(item.id, failure="transport", error=f"批处理请求失败：{detail}"))
            continue
        completion = ChatCompletion.model_validate(response["body"])
        raw_text = _raw_text(completion)
        tokens_in = completion.usage.prompt_tokens if completion.usage else 0
        tokens_out = completion.usage.completion_tokens if completion.usage else 0
        usage = Usage(prompt_tokens=tokens_in, completion_tokens=tokens_out, calls=1, answers=1,
                      cost=cost(tokens_in, tokens_out, endpoint.price_input_per_1k, endpoint.price_output_per_1k))
        total.add(usage)
        _clean(completion, endpoint.mode)
        try:
            value = handlers.response_parser(response=completion, response_model=model,
                                             validation_context=item.context, strict=endpoint.strict)
        except ValueError as err:
            from assistant.llm.client import _errors

            results.append(ItemResult(item.id, failure="invalid", error=f"回答未通过校验：{raw_text[:200]}",
                                      errors=_errors(err), usage=usage, attempts=1))
            continue
        results.append(ItemResult(item.id, _plain(value, response_model), usage=usage, attempts=1))
    return BatchReport(results, total)
