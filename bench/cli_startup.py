"""End-to-end time of `jixiao review` on the seed (a new process each run), and of `jixiao --help`.

Run: ``python -m bench.cli_startup``. Prints the best and median of several runs; the goal of issue 3 is a
review of the seed under 1 s end to end.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
COMMANDS = {
    "help": [sys.executable, "-m", "assistant.cli", "--help"],
    "review_seed_text": [sys.executable, "-m", "assistant.cli", "review"],
    "review_seed_json": [sys.executable, "-m", "assistant.cli", "review", "--format", "json"],
}


def measure(runs: int = 7) -> dict:
    out = {}
    for name, cmd in COMMANDS.items():
        walls = []
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=True)
            walls.append(time.perf_counter() - t0)
        out[name] = {"best_s": min(walls), "median_s": statistics.median(walls)}
        print(f"{name:<18} 最快 {min(walls):.3f}s  中位 {statistics.median(walls):.3f}s", flush=True)
    return out


def main() -> None:
    result = measure()
    if "--save" in sys.argv:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "cli_startup.json").write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
