"""Run a checkpointed batch against a scripted server: ``python batch_child.py URL CHECKPOINT N``.

The kill test runs this in a subprocess, kills it with SIGKILL mid-batch and runs it again."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from llm_models import Extraction  # noqa: E402

from assistant.llm import BatchItem, Client, Endpoint, load_prompt, run_batch  # noqa: E402


def main() -> None:
    url, checkpoint, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    endpoint = Endpoint(name="child", base_url=url, model="scripted-model", mode="TOOLS", concurrency=3,
                      timeout=60, transport_retries=0)
    template = load_prompt("extract_indicators")
    items = [BatchItem(f"item-{i}", template.render(text=f"培育企业数≥{1000 + i}家", item_id=f"item-{i}"))
             for i in range(count)]
    report = run_batch(Client(endpoint, cache=False), items, Extraction, checkpoint=checkpoint)
    print(report.summary(), flush=True)


if __name__ == "__main__":
    main()
