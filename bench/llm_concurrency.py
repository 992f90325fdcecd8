"""Model-call throughput: 200 structured calls against a scripted server with a fixed 0.5 s latency.

    .venv/bin/python bench/llm_concurrency.py [--calls 200] [--concurrency 20] [--latency 0.5]

Prints wall time against the ideal (calls ÷ concurrency × latency; the target is within 1.25×), the
calls of a second, cached run (target 0), prompt tokens per call and the share of them that is the
stable prefix (the system message: rules and examples) that servers with prefix caching reuse.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "llm")]

from llm_models import Extraction  # noqa: E402
from scripted_server import Reply, ScriptedServer  # noqa: E402

import assistant.llm as llm  # noqa: E402
from assistant.llm import BatchItem, Client, Profile, load_prompt, run_batch  # noqa: E402
from assistant.llm import tokens as tok  # noqa: E402


def answer(latency: float):
    def script(payload, n):
        text = payload["messages"][-1]["content"]
        number = int(text.split("≥", 1)[1].split("家", 1)[0])
        obj = {"indicators": [{"name": "培育企业数", "value": f"≥{number}家", "op": ">=", "number": number,
                               "unit": "家"}]}
        return Reply(obj=obj, delay=latency)

    return script


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.5)
    args = parser.parse_args()
    llm.ALLOW_MODEL_REQUESTS = "loopback"
    import instructor  # noqa: F401  (import cost is not throughput)

    template = load_prompt("extract_indicators")
    items = []
    for i in range(args.calls):
        text = f"{i + 1}.培育企业数≥{1000 + i}家"
        items.append(BatchItem(f"item-{i}", template.render(text=text), {"source": text}))
    with ScriptedServer(answer(args.latency)) as server, tempfile.TemporaryDirectory() as tmp:
        profile = Profile(name="bench", base_url=server.url, model="scripted", mode="TOOLS",
                          concurrency=args.concurrency, timeout=30)
        cache = Path(tmp) / "cache.sqlite3"
        started = time.monotonic()
        first = run_batch(Client(profile, cache=cache), items, Extraction)
        elapsed = time.monotonic() - started
        before = len(server.requests)
        started = time.monotonic()
        second = run_batch(Client(profile, cache=cache), items, Extraction)
        cached_elapsed = time.monotonic() - started
        second_calls = len(server.requests) - before

    ideal = args.calls / args.concurrency * args.latency
    prompt_tokens = first.usage.prompt_tokens / args.calls
    estimate = tok.count_messages(items[0].prompt.messages)
    prefix = tok.count(items[0].prompt.messages[0]["content"])
    print(f"calls {args.calls}, concurrency {args.concurrency}, latency {args.latency} s")
    print(f"first run:  {elapsed:.2f} s, ideal {ideal:.2f} s, ratio {elapsed / ideal:.3f} (target ≤ 1.25); "
          f"ok {len(first.values)}/{args.calls}; max in flight {server.max_in_flight}")
    print(f"second run: {cached_elapsed:.2f} s, model calls {second_calls} (target 0), cache hits {second.usage.cached}")
    print(f"prompt tokens per call: server {prompt_tokens:.0f} (scripted count), tiktoken estimate {estimate}")
    print(f"stable prefix (system message): {prefix} tokens = {prefix / estimate:.1%} of the prompt messages "
          f"(tool schema, also stable, not counted)")


if __name__ == "__main__":
    main()
