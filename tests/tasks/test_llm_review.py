"""llm_review in process: few, large calls; failures reported per call; rule rewrites kept; a checkpoint that
resumes a killed batch without repeating or losing an item; the Batch API file path."""

from __future__ import annotations

import json

from task_helpers import client, critique_ids, rewrite_rows, tool_name

from assistant.review import review_table
from assistant.tasks.llm_review import llm_review, plan, read_results, write_requests


def expert(payload, n):
    """Answers every batched request correctly: no critique finding, one measurable option per row."""
    if tool_name(payload) == "CritiqueBatchAnswer":
        return {"projects": [{"id": pid, "findings": []} for pid, _ in critique_ids(payload)]}
    return {"items": [{"id": row["编号"], "options": [
        {"name": f"{row['名称'][:8]}按期完成率", "value": "≥【待填】%", "unit": "%", "category": "产出指标",
         "subcategory": "时效指标", "value_basis": "计划标准", "reason": "按年度计划核定"}]}
        for row in rewrite_rows(payload)]}


def test_a_failed_rewrite_is_reported_and_the_rule_templates_stay(server, seed_table, library):
    def script(payload, n):
        if tool_name(payload) == "CritiqueBatchAnswer":
            return expert(payload, n)
        return {"items": [{"id": row["编号"], "options": [{"name": "x", "value": "进一步提高"}]}
                          for row in rewrite_rows(payload)]}

    server.script = script
    report = review_table(seed_table)
    before = {(f.project, f.group, f.item): list(f.rewrites) for f in report.findings if f.code == "vague_target"}
    ticks = []
    result, merged = llm_review(seed_table, report, client(server, max_retries=0), library=library,
                                progress=lambda done, total: ticks.append((done, total)))
    calls = plan(seed_table, report, library)
    assert len(result.errors) == len(calls.rewrites) and result.rewrites == []
    assert all(e.startswith("r-") for e in result.errors)
    after = {(f.project, f.group, f.item): f.rewrites for f in merged.findings if f.code == "vague_target"}
    assert after == before
    assert ticks[-1] == (calls.calls, calls.calls) and len(ticks) == calls.calls
    assert result.usage["calls"] == calls.calls and result.usage["cost"] > 0
    assert merged.counts == report.counts


def test_seed_review_takes_few_calls_and_every_vague_row_is_rewritten(server, seed_table, library):
    server.script = expert
    report = review_table(seed_table)
    vague = [f for f in report.findings if f.code in ("vague_target", "vague_name") and f.item is not None]
    result, _ = llm_review(seed_table, report, client(server), library=library)
    assert len(server.requests) <= 8 and result.errors == []
    assert len(result.rewrites) == len(vague)
    assert sum(len(critique_ids(p)) for p in server.requests if tool_name(p) == "CritiqueBatchAnswer") \
        == len(seed_table.projects)


def test_killed_batch_resumes_without_repeating_or_losing_an_item(server, seed_table, library, tmp_path):
    """The second run meets a server that fails every call after the first two: the checkpoint holds those,
    the third run (server healthy again) asks only for the rest, and the result is complete."""
    from scripted_server import Reply

    checkpoint = tmp_path / "review.ckpt.jsonl"
    report = review_table(seed_table)
    calls = plan(seed_table, report, library)
    served = []

    def failing(payload, n):
        if len(served) >= 2:
            return Reply(status=400, body={"error": {"message": "killed"}})
        served.append(payload)
        return expert(payload, n)

    server.script = failing
    first, _ = llm_review(seed_table, report, client(server, max_retries=0, transport_retries=0, concurrency=1),
                          library=library, checkpoint=checkpoint)
    assert len(first.errors) == calls.calls - 2
    asked_before = len(server.requests)
    server.script = expert
    report = review_table(seed_table)
    second, _ = llm_review(seed_table, report, client(server), library=library, checkpoint=checkpoint)
    again = server.requests[asked_before:]
    assert len(again) == calls.calls - 2, "finished calls are not repeated"
    records = [json.loads(line) for line in checkpoint.read_text(encoding="utf-8").splitlines()]
    ok = [r["id"] for r in records if r["ok"]]
    assert sorted(ok) == sorted(item.id for item, _ in calls.critiques + calls.rewrites), "each call answered once"
    assert second.errors == []
    vague = [f for f in report.findings if f.code in ("vague_target", "vague_name") and f.item is not None]
    assert len(second.rewrites) == len(vague), "no item lost"


def test_batch_api_file_round_trip(server, seed_table, library, tmp_path):
    """Requests written as OpenAI Batch JSONL, answered offline, read back into the same report."""
    from scripted_server import completion

    report = review_table(seed_table)
    endpoint = client(server).endpoint
    requests = tmp_path / "requests.jsonl"
    n = write_requests(seed_table, report, endpoint, requests, library=library)
    lines = [json.loads(x) for x in requests.read_text(encoding="utf-8").splitlines()]
    assert n == len(lines) == plan(seed_table, report, library).calls
    assert all(x["url"] == "/v1/chat/completions" and x["method"] == "POST" for x in lines)
    results = tmp_path / "results.jsonl"
    with results.open("w", encoding="utf-8") as fh:
        for x in lines:
            body = completion(x["body"], expert(x["body"], 0))
            fh.write(json.dumps({"custom_id": x["custom_id"], "response": {"status_code": 200, "body": body},
                                 "error": None}, ensure_ascii=False) + "\n")
    result, merged = read_results(seed_table, review_table(seed_table), endpoint, results, library=library)
    vague = [f for f in report.findings if f.code in ("vague_target", "vague_name") and f.item is not None]
    assert result.errors == [] and len(result.rewrites) == len(vague)
    assert all(f.rewrites[0].endswith("（模型改写）") for f in merged.findings if f.code == "vague_target")
