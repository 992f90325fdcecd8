"""Model-call throughput: 200 structured calls against a scripted server with a fixed 0.5 s latency.

    .venv/bin/python bench/llm_concurrency.py [--calls 200] [--concurrency 10] [--latency 0.5]

The scripted OpenAI-compatible server runs in its own process on 127.0.0.1, as a real one would.
Prints wall time against the ideal (calls ÷ concurrency × latency; the target is within 1.25×), the
model calls of a second, cached run (target 0), prompt tokens per call and the share of them that is
the stable prefix (the system message: rules and examples) that servers with prefix caching reuse.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVER = ROOT / "tests" / "llm" / "scripted_server.py"
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "llm")]

from llm_models import Extraction  # noqa: E402

import assistant.llm as llm  # noqa: E402
from assistant.llm import BatchItem, Client, Endpoint, load_prompt, run_batch  # noqa: E402
from assistant.llm import tokens as tok  # noqa: E402

ANSWER = {"indicators": [{"name": "培育企业数", "value": "≥1000家", "op": ">=", "number": 1000, "unit": "家"}]}


def stats(url: str) -> dict:
    with urllib.request.urlopen(url + "/_stats", timeout=5) as response:
        return json.loads(response.read())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--latency", type=float, default=0.5)
    args = parser.parse_args()
    llm.ALLOW_MODEL_REQUESTS = "loopback"
    import instructor  # noqa: F401  (import time is not throughput)

    template = load_prompt("extract_indicators")
    items = [BatchItem(f"item-{i}", template.render(text=f"{i + 1}.培育企业数≥{1000 + i}家")) for i in range(args.calls)]
    server = subprocess.Popen([sys.executable, str(SERVER), str(args.latency), json.dumps(ANSWER)],
                              stdout=subprocess.PIPE, text=True)
    try:
        url = server.stdout.readline().strip()
        with tempfile.TemporaryDirectory() as tmp:
            endpoint = Endpoint(name="bench", base_url=url, model="scripted", mode="TOOLS",
                              concurrency=args.concurrency, timeout=30)
            cache = Path(tmp) / "cache.sqlite3"
            started = time.monotonic()
            first = run_batch(Client(endpoint, cache=cache), items, Extraction)
            elapsed = time.monotonic() - started
            after_first = stats(url)
            started = time.monotonic()
            second = run_batch(Client(endpoint, cache=cache), items, Extraction)
            cached_elapsed = time.monotonic() - started
            second_calls = stats(url)["requests"] - after_first["requests"]
    finally:
        server.kill()
        server.wait()

    ideal = args.calls / args.concurrency * args.latency
    estimate = tok.count_messages(items[0].prompt.messages)
    prefix = tok.count(items[0].prompt.messages[0]["content"])
    print(f"calls {args.calls}, concurrency {args.concurrency}, latency {args.latency} s")
    print(f"first run:  {elapsed:.2f} s, ideal {ideal:.2f} s, ratio {elapsed / ideal if ideal else float('nan'):.3f} (target ≤ 1.25); "
          f"ok {len(first.values)}/{args.calls}; server saw {after_first['requests']} requests, "
          f"max in flight {after_first['max_in_flight']}")
    print(f"second run: {cached_elapsed:.2f} s, model calls {second_calls} (target 0), cache hits {second.usage.cached}")
    print(f"prompt tokens per call: {first.usage.prompt_tokens / args.calls:.0f} reported by the scripted server "
          f"(chars/2), {estimate} by tiktoken o200k_base")
    print(f"stable prefix (system message: rules, examples): {prefix} tokens = {prefix / estimate:.1%} of the "
          f"prompt messages; the tool schema sent with every call is stable too and not counted")


if __name__ == "__main__":
    main()
