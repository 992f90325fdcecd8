"""``review --llm`` cost: calls, prompt tokens (tiktoken o200k_base, offline) and the stable-prefix share, on the
seed and on 10× the seed; then the batch wall time against the ideal at concurrency 20 (after one warm-up run on the seed:
first-use imports of openai/instructor are not throughput).

    .venv/bin/python bench/llm_review_calls.py [--latency 1.0] [--concurrency 20] [--copies 10]

Goals (issue 11): the seed in ≤ 8 calls and ≤ 3× the table's own tokens plus one fixed prompt; batch wall ≤ 1.25×
ideal, where ideal = ceil(calls ÷ concurrency) × latency (the calls in waves of ``concurrency``, each taking the
server's fixed latency). The endpoint is a scripted server in its own process on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from bench.synth import repeated, seed_text  # noqa: E402


def figures(text: str) -> dict:
    from assistant.llm import tokens as tok
    from assistant.parse import read_text
    from assistant.review import review_table
    from assistant.tasks.grounding import library_or_default
    from assistant.tasks.llm_review import plan

    table = read_text(text)
    report = review_table(table)
    started = time.perf_counter()
    calls = plan(table, report, library_or_default(None))
    planned = time.perf_counter() - started
    items = [c[0] for c in calls.critiques] + [r[0] for r in calls.rewrites]
    total = sum(tok.count_messages(i.prompt.messages) for i in items)
    fixed = [tok.count(i.prompt.messages[0]["content"]) for i in items]
    distinct_fixed = sum({i.prompt.name: f for i, f in zip(items, fixed, strict=True)}.values())
    own = tok.count(text)
    return {"projects": len(table.projects), "calls": len(items), "critique_calls": len(calls.critiques),
            "rewrite_calls": len(calls.rewrites), "prompt_tokens": total, "table_tokens": own,
            "fixed_tokens_per_prompt": {i.prompt.name: f for i, f in zip(items, fixed, strict=True)},
            "stable_prefix_share": round(sum(fixed) / total, 3),
            "variable_over_table": round((total - sum(fixed)) / own, 2),
            "goal_tokens": 3 * own + distinct_fixed, "plan_seconds": round(planned, 2)}


def wall(text: str, latency: float, concurrency: int) -> dict:
    import assistant.llm as llm
    from assistant.llm import Client, Endpoint
    from assistant.parse import read_text
    from assistant.review import review_table
    from assistant.tasks.grounding import library_or_default
    from assistant.tasks.llm_review import llm_review, plan

    llm.ALLOW_MODEL_REQUESTS = "loopback"
    import instructor  # noqa: F401  (import time is not throughput)
    import openai  # noqa: F401

    server = subprocess.Popen([sys.executable, str(ROOT / "bench" / "review_server.py"), str(latency)],
                              stdout=subprocess.PIPE, text=True)
    try:
        url = server.stdout.readline().strip()
        table = read_text(text)
        library = library_or_default(None)
        report = review_table(table)
        warm = read_text(seed_text())
        llm_review(warm, review_table(warm), Client(Endpoint(name="warm", base_url=url, model="scripted", mode="TOOLS",
                                                             timeout=60), cache=False), library=library)
        started = time.monotonic()
        calls = plan(table, report, library)
        planned = time.monotonic() - started
        n = calls.calls
        with tempfile.TemporaryDirectory() as tmp:
            endpoint = Endpoint(name="bench", base_url=url, model="scripted", mode="TOOLS", concurrency=concurrency,
                              timeout=60)
            started = time.monotonic()
            result, _ = llm_review(table, report, Client(endpoint, cache=False), library=library,
                                   checkpoint=Path(tmp) / "ckpt.jsonl", calls=calls)
            elapsed = time.monotonic() - started
    finally:
        server.kill()
        server.wait()
    ideal = math.ceil(n / concurrency) * latency
    return {"calls": n, "errors": len(result.errors), "plan_seconds": round(planned, 2),
            "wall_seconds": round(elapsed, 2), "ideal_seconds": ideal,
            "ratio": round(elapsed / ideal, 3)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--latency", type=float, default=1.0)
    ap.add_argument("--concurrency", type=int, default=20)
    ap.add_argument("--copies", type=int, default=10)
    args = ap.parse_args()
    seed = figures(seed_text())
    big = figures(repeated(args.copies))
    print(f"seed: {json.dumps(seed, ensure_ascii=False)}")
    print(f"  goal ≤ 8 calls: {seed['calls']} {'✓' if seed['calls'] <= 8 else '✗'}; "
          f"goal prompt tokens ≤ 3×table + fixed = {seed['goal_tokens']}: {seed['prompt_tokens']} "
          f"{'✓' if seed['prompt_tokens'] <= seed['goal_tokens'] else '✗'}")
    print(f"{args.copies}× seed: {json.dumps(big, ensure_ascii=False)}")
    w = wall(repeated(args.copies), args.latency, args.concurrency)
    print(f"{args.copies}× seed batch at concurrency {args.concurrency}, latency {args.latency} s: "
          f"{json.dumps(w, ensure_ascii=False)}; goal ratio ≤ 1.25 {'✓' if w['ratio'] <= 1.25 else '✗'}")


if __name__ == "__main__":
    main()
