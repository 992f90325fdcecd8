"""llm_review in process: bounded batch, failures reported per item, rule rewrites kept."""

from __future__ import annotations

from task_helpers import client, tool_name

from assistant.review import review_table
from assistant.tasks.llm_review import llm_review


def test_a_failed_rewrite_is_reported_and_the_rule_templates_stay(server, seed_table, library):
    def script(payload, n):
        if tool_name(payload) == "CritiqueAnswer":
            return {"findings": []}
        return {"options": [{"name": "x", "value": "进一步提高", "needs_baseline": False}]}

    server.script = script
    report = review_table(seed_table)
    before = {(f.project, f.group, f.item): list(f.rewrites) for f in report.findings if f.code == "vague_target"}
    ticks = []
    result, merged = llm_review(seed_table, report, client(server, max_retries=0), library=library,
                                progress=lambda done, total: ticks.append((done, total)))
    assert len(result.errors) == len(before) and result.rewrites == []
    assert all(e.startswith("rewrite-") for e in result.errors)
    after = {(f.project, f.group, f.item): f.rewrites for f in merged.findings if f.code == "vague_target"}
    assert after == before
    total = len(seed_table.projects) + sum(f.code in ("vague_target", "vague_name") for f in report.findings)
    assert ticks[-1] == (total, total) and len(ticks) == total
    assert result.usage["calls"] == total and result.usage["cost"] > 0
    assert merged.counts == report.counts
