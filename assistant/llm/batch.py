"""Many structured calls: bounded concurrency, progress, per-item failures, a budget, and a checkpoint.

The checkpoint is a JSONL file, one line per finished item, flushed and fsync'd before the next item is
reported: a batch killed at any moment and run again with the same checkpoint skips every item whose
line was written and repeats none of them. A torn last line (kill during the write) is ignored.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from assistant.llm.errors import AnswerInvalid, ModelRequestsForbidden, TransportError
from assistant.llm.prompts import RenderedPrompt
from assistant.llm.usage import Usage

T = TypeVar("T", bound=BaseModel)
Failure = Literal["invalid", "transport", "budget", "error"]


@dataclass(frozen=True)
class BatchItem:
    """One call of a batch; ``id`` must be unique within the batch and stable across runs."""

    id: str
    prompt: RenderedPrompt
    context: dict[str, Any] | None = None


@dataclass
class ItemResult(Generic[T]):
    id: str
    value: T | None = None
    failure: Failure | None = None
    error: str | None = None
    errors: list[dict[str, Any]] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    attempts: int = 0
    from_checkpoint: bool = False

    @property
    def ok(self) -> bool:
        return self.failure is None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "ok": self.ok, "value": self.value.model_dump(mode="json") if self.value else None,
                "failure": self.failure, "error": self.error, "errors": self.errors,
                "usage": self.usage.to_dict(), "attempts": self.attempts}


@dataclass
class BatchReport(Generic[T]):
    results: list[ItemResult[T]]
    usage: Usage
    budget_exhausted: bool = False

    @property
    def values(self) -> dict[str, T]:
        return {r.id: r.value for r in self.results if r.value is not None}

    @property
    def failures(self) -> list[ItemResult[T]]:
        return [r for r in self.results if not r.ok]

    def summary(self) -> str:
        done = sum(r.ok for r in self.results)
        resumed = sum(r.from_checkpoint for r in self.results)
        text = f"完成 {done}/{len(self.results)} 项（其中 {resumed} 项来自检查点），失败 {len(self.failures)} 项；"
        return text + self.usage.summary() + ("；预算已用尽，其余项目未调用" if self.budget_exhausted else "")


class Checkpoint:
    """Append-only JSONL of finished items."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)

    def load(self) -> dict[str, dict[str, Any]]:
        done: dict[str, dict[str, Any]] = {}
        if not self.path.exists():
            return done
        for line in self.path.read_text(encoding="utf-8").splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and "id" in record:
                done[record["id"]] = record
        return done

    def append(self, record: dict[str, Any]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())


def _restore(record: dict[str, Any], response_model: type[T], context: dict[str, Any] | None) -> ItemResult[T] | None:
    if not record.get("ok"):
        return None
    try:
        value = response_model.model_validate(record["value"], context=context)
    except ValidationError:
        return None
    return ItemResult(record["id"], value, usage=Usage(), attempts=record.get("attempts", 0), from_checkpoint=True)


async def arun_batch(
    client: Any,
    items: Iterable[BatchItem],
    response_model: type[T],
    *,
    concurrency: int | None = None,
    progress: Callable[[int, int, ItemResult[T]], None] | None = None,
    budget_tokens: int | None = None,
    budget_cost: float | None = None,
    checkpoint: Path | str | None = None,
    max_retries: int | None = None,
) -> BatchReport[T]:
    """Run ``items`` through ``client.acall``. Item failures are recorded, not raised (except a
    forbidden model request, which is a setup error). Once the spent plus in-flight estimated tokens
    (or cost) would pass the budget, the remaining items are marked ``budget`` without a call.
    Items finished in ``checkpoint`` with the same cache key (prompt version, model, messages, schema)
    are taken from it; failed or changed ones run again."""
    items = list(items)
    ids = [item.id for item in items]
    if len(set(ids)) != len(ids):
        raise ValueError("批量任务的编号必须唯一")
    store = Checkpoint(checkpoint) if checkpoint is not None else None
    previous = store.load() if store else {}
    results: dict[str, ItemResult[T]] = {}
    keys = {item.id: client.key(item.prompt, response_model) for item in items}
    for item in items:
        record = previous.get(item.id)
        if record and record.get("key") == keys[item.id] and (
                restored := _restore(record, response_model, item.context)):
            results[item.id] = restored
    pending = [item for item in items if item.id not in results]
    total, done = len(items), len(results)
    usage = Usage()
    in_flight = {"tokens": 0, "cost": 0.0}
    state = {"exhausted": False}
    queue: asyncio.Queue[BatchItem] = asyncio.Queue()
    for item in pending:
        queue.put_nowait(item)
    price_in = client.endpoint.price_input_per_1k

    def over_budget(estimate: int) -> bool:
        if budget_tokens is not None and usage.total_tokens + in_flight["tokens"] + estimate > budget_tokens:
            return True
        cost_estimate = estimate / 1000 * price_in
        return budget_cost is not None and usage.cost + in_flight["cost"] + cost_estimate > budget_cost

    def finish(result: ItemResult[T]) -> None:
        nonlocal done
        results[result.id] = result
        usage.add(result.usage)
        if store is not None and result.failure != "budget":
            store.append(result.to_json() | {"key": keys[result.id]})
        done += 1
        if progress is not None:
            progress(done, total, result)

    async def worker() -> None:
        while True:
            try:
                item = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            estimate = client.estimate(item.prompt)
            if state["exhausted"] or over_budget(estimate):
                state["exhausted"] = True
                finish(ItemResult(item.id, failure="budget", error="预算已用尽，未调用模型"))
                continue
            in_flight["tokens"] += estimate
            in_flight["cost"] += estimate / 1000 * price_in
            try:
                value, call_usage, attempts = await client.acall(item.prompt, response_model, item.context,
                                                                 max_retries=max_retries)
                result: ItemResult[T] = ItemResult(item.id, value, usage=call_usage, attempts=attempts)
            except ModelRequestsForbidden:
                raise
            except AnswerInvalid as err:
                result = ItemResult(item.id, failure="invalid", error=str(err), errors=err.errors,
                                    usage=err.usage or Usage(calls=1), attempts=err.attempts)
            except TransportError as err:
                result = ItemResult(item.id, failure="transport", error=str(err), usage=err.usage or Usage(calls=1))
            except Exception as err:  # noqa: BLE001
                result = ItemResult(item.id, failure="error", error=f"{type(err).__name__}: {err}",
                                    usage=Usage(calls=1))
            finally:
                in_flight["tokens"] -= estimate
                in_flight["cost"] -= estimate / 1000 * price_in
            finish(result)

    width = max(1, concurrency or client.endpoint.concurrency)
    await asyncio.gather(*(worker() for _ in range(min(width, len(pending)) or 1)))
    return BatchReport([results[i] for i in ids], usage, state["exhausted"])


def run_batch(client: Any, items: Iterable[BatchItem], response_model: type[T], **kwargs: Any) -> BatchReport[T]:
    """Synchronous :func:`arun_batch` on a private event loop."""

    async def run() -> BatchReport[T]:
        try:
            return await arun_batch(client, items, response_model, **kwargs)
        finally:
            await client.aclose()

    return asyncio.run(run())
