"""critique() on the model path against the scripted server over real HTTP."""

from __future__ import annotations

import pytest
from task_helpers import client, sent_text

from assistant.tasks.critique import critique, goal_clauses


@pytest.fixture
def project(seed_table):
    return next(p for p in seed_table.projects if p.name == "工业和信息化培训经费")


def answer(project, **over):
    clause = goal_clauses(project.goal)[-1]
    item = {"code": "unit_mismatch", "group": 1, "item": 4, "severity": "warning",
            "message": "培训批次应以“批”或“期”计，不是“次”", "fix": "单位改为 期"}
    return {"findings": [item | over, {"code": "goal_uncovered", "clause": clause, "severity": "warning",
                                       "message": "这句目标没有指标覆盖", "fix": "增加【待填】相应的效益指标"}]}


def test_request_carries_the_project_rules_findings_and_codes(server, project, library):
    server.script = lambda payload, n: {"findings": []}
    assert critique(project, endpoint=client(server), library=library) == []
    text = sent_text(server.requests[0])
    for code in ("goal_uncovered", "unrelated_indicator", "category_mismatch", "unit_mismatch", "value_out_of_line",
                 "missing_core", "budget_mismatch"):
        assert code in text
    assert "<数据 名称=\"待审项目\">" in text and "规则已发现" in text and "missing_cost" in text
    assert all(c in text for c in goal_clauses(project.goal))


def test_findings_have_the_rule_shape(server, project, library):
    server.script = lambda payload, n: answer(project)
    found = critique(project, endpoint=client(server), library=library)
    assert {f.code for f in found} == {"unit_mismatch", "goal_uncovered"}
    mismatch = next(f for f in found if f.code == "unit_mismatch")
    assert mismatch.source == "model" and mismatch.level == "indicator" and mismatch.basis
    assert mismatch.indicator == project.groups[0][3].name and mismatch.value == project.groups[0][3].value
    covered = next(f for f in found if f.code == "goal_uncovered")
    assert covered.item is None and covered.level == "project" and goal_clauses(project.goal)[-1] in covered.message


def test_bad_reference_is_sent_back(server, project, library):
    server.script = lambda payload, n: answer(project, item=99) if n == 0 else answer(project)
    found = critique(project, endpoint=client(server), library=library)
    assert len(server.requests) == 2
    assert "不对应任何指标" in sent_text(server.requests[1])
    assert any(f.item == 4 for f in found)


def test_a_finding_the_rules_already_made_is_dropped(server, project, library):
    from assistant.tasks import checks

    rules = {(f.code, f.group, f.item) for f in checks.review_project(project)}
    assert ("category_mismatch", 1, 2) in rules
    server.script = lambda payload, n: answer(project, code="category_mismatch", item=2)
    found = critique(project, endpoint=client(server), library=library)
    assert [f.code for f in found] == ["goal_uncovered"]


def test_invented_goal_clause_is_sent_back(server, project, library):
    bad = answer(project)
    bad["findings"][1]["clause"] = "建成全国一流的培训基地"
    server.script = lambda payload, n: bad if n == 0 else answer(project)
    critique(project, endpoint=client(server), library=library)
    assert "逐字摘自年度绩效目标" in sent_text(server.requests[1])


def test_without_endpoint_the_rule_findings_come_back(project, library):
    from assistant.model import Table
    from assistant.review import review_table

    expected = review_table(Table(projects=[project])).findings
    assert critique(project, library=library) == expected
