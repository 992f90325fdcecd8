"""Batches: concurrency, progress, per-item failure, budget, checkpoint resume after kill -9, and the
Batch API JSONL round trip."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from llm_models import Extraction
from scripted_server import Reply, completion, make_endpoint

from assistant.llm import BatchItem, Client, load_prompt, run_batch
from assistant.llm.batchfile import read_batch_results, write_batch_file

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def number_of(payload) -> int:
    text = payload["messages"][-1]["content"]
    return int(re.search(r"≥(\d+)家", text).group(1))


def answer(payload, n):
    value = number_of(payload)
    return {"indicators": [{"name": "培育企业数", "value": f"≥{value}家", "op": ">=", "number": value, "unit": "家"}]}


def items(count: int, start: int = 1000):
    template = load_prompt("extract_indicators")
    out = []
    for i in range(count):
        text = f"培育企业数≥{start + i}家"
        out.append(BatchItem(f"item-{i}", template.render(text=text, item_id=f"item-{i}"), {"source": text}))
    return out


def test_batch_runs_concurrently_reports_progress_and_isolates_failures(server):
    def script(payload, n):
        if number_of(payload) == 1003:
            return {"indicators": []}
        return Reply(obj=answer(payload, n), delay=0.2)

    server.script = script
    seen = []
    client = Client(make_endpoint(server, concurrency=8), cache=False)
    report = run_batch(client, items(8), Extraction, progress=lambda done, total, r: seen.append((done, total, r.id)),
                       max_retries=0, concurrency=4)
    assert 2 <= server.max_in_flight <= 4
    assert [s[0] for s in seen] == list(range(1, 9)) and all(s[1] == 8 for s in seen)
    assert len(report.values) == 7 and [f.id for f in report.failures] == ["item-3"]
    assert report.failures[0].failure == "invalid" and "至少应提取一条指标" in report.failures[0].errors[0]["msg"]
    assert report.values["item-5"].indicators[0].number == 1005
    assert report.usage.calls == 8 and report.usage.prompt_tokens > 0


def test_token_budget_stops_new_calls(server):
    server.script = answer
    client = Client(make_endpoint(server, concurrency=1), cache=False)
    one = client.estimate(items(1)[0].prompt)
    report = run_batch(client, items(6), Extraction, budget_tokens=int(one * 2.5) + 400)
    assert report.budget_exhausted
    called = [r for r in report.results if r.failure != "budget"]
    assert 1 <= len(called) < 6 and len(server.requests) == len(called)
    assert "预算已用尽" in report.summary()


def test_checkpoint_resume_after_kill_repeats_nothing(server, tmp_path):
    server.script = answer
    server.hang_after = 5
    checkpoint = tmp_path / "batch.jsonl"
    cmd = [sys.executable, str(HERE / "batch_child.py"), server.url, str(checkpoint), "12"]
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        answered = sum(server.answered.values())
        lines = checkpoint.read_text().splitlines() if checkpoint.exists() else []
        if answered >= 5 and len(server.requests) - answered == 3 and len(lines) == answered:
            break
        time.sleep(0.05)
    else:
        child.kill()
        raise AssertionError(f"child did not reach the kill point: {child.communicate()}")
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    first_run = dict(server.answered)
    assert sum(first_run.values()) == len(checkpoint.read_text().splitlines())

    server.hang_after = None
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    assert "来自检查点）" in done.stdout
    assert set(server.answered) == {f"item-{i}" for i in range(12)}
    assert all(count == 1 for count in server.answered.values()), server.answered
    records = [json.loads(line) for line in checkpoint.read_text().splitlines()]
    assert sorted(r["id"] for r in records) == sorted(f"item-{i}" for i in range(12))


def test_batch_api_jsonl_round_trip(tmp_path, allow_model_requests):
    from scripted_server import ScriptedServer

    batch = items(3)
    for mode in ("TOOLS", "JSON", "JSON_SCHEMA", "MD_JSON"):
        endpoint = make_endpoint(ScriptedServer(), mode, extra_body={"enable_thinking": False})
        requests = tmp_path / f"{mode}.jsonl"
        assert write_batch_file(endpoint, batch, Extraction, requests) == 3
        lines = [json.loads(line) for line in requests.read_text(encoding="utf-8").splitlines()]
        assert {line["custom_id"] for line in lines} == {"item-0", "item-1", "item-2"}
        for line in lines:
            assert line["method"] == "POST" and line["url"] == "/v1/chat/completions"
            body = line["body"]
            assert body["model"] == "scripted-model" and body["enable_thinking"] is False
            assert ("tools" in body) == (mode == "TOOLS")
        results = tmp_path / f"{mode}.results.jsonl"
        with results.open("w", encoding="utf-8") as fh:
            for line in lines:
                obj = answer(line["body"], 0)
                if line["custom_id"] == "item-2":
                    obj = {"indicators": []}
                text = "```json\n" + json.dumps(obj, ensure_ascii=False) + "\n```" if mode == "MD_JSON" else None
                fh.write(json.dumps({"id": "batch_req_" + line["custom_id"], "custom_id": line["custom_id"],
                                     "response": {"status_code": 200, "request_id": "r",
                                                  "body": completion(line["body"], obj, text)},
                                     "error": None}, ensure_ascii=False) + "\n")
        report = read_batch_results(endpoint, batch, Extraction, results)
        assert report.values["item-1"].indicators[0].number == 1001
        assert isinstance(report.values["item-0"], Extraction)
        assert [f.id for f in report.failures] == ["item-2"] and report.failures[0].failure == "invalid"
        assert report.usage.prompt_tokens > 0


def test_checkpoint_entries_of_a_changed_prompt_are_not_reused(server, tmp_path):
    server.script = answer
    checkpoint = tmp_path / "cp.jsonl"
    client = Client(make_endpoint(server), cache=False)
    run_batch(client, items(3), Extraction, checkpoint=checkpoint)
    assert len(server.requests) == 3
    report = run_batch(client, items(3), Extraction, checkpoint=checkpoint)
    assert len(server.requests) == 3 and all(r.from_checkpoint for r in report.results)
    changed = items(3)
    changed[1] = BatchItem("item-1", load_prompt("extract_indicators").render(text="培育企业数≥7家"), None)
    report = run_batch(client, changed, Extraction, checkpoint=checkpoint)
    assert len(server.requests) == 4 and report.values["item-1"].indicators[0].number == 7
