"""Expert-written answers served by the scripted endpoint over real HTTP: every one is accepted on the first
request and shown intact — same rows, same values, nothing replaced. The sets: evals/datasets/model_expert (this
issue's own) and evals/datasets/expert_answers (written independently for issue 11) when present."""

from __future__ import annotations

import pytest
from task_helpers import client

from assistant.model import Project
from assistant.tasks import checks
from assistant.tasks.models import ProjectDescription
from assistant.tasks.rewrite import rewrite
from assistant.tasks.suggest import suggest
from evals.expert_answers import load_rewrite, load_suggest

SUGGEST = load_suggest()
REWRITE = load_rewrite()


@pytest.mark.parametrize("case", SUGGEST, ids=[c["id"] for c in SUGGEST])
def test_expert_suggest_set_is_accepted_first_time_and_shown_intact(server, library, case):
    server.script = lambda payload, n: case["answer"]
    result = suggest(ProjectDescription(**case["description"]), endpoint=client(server), library=library)
    assert len(server.requests) == 1 and result.attempts == 1 and result.backend == "model", result.notes
    shown = [(i.category, i.subcategory, i.name, i.value, i.explanation, i.core) for i in result.indicators]
    assert shown == [(i["category"], i["subcategory"], i["name"], i["value"], i.get("explanation", ""), i.get("core", False))
                     for i in case["answer"]["indicators"]]


@pytest.mark.parametrize("case", REWRITE, ids=[c["id"] for c in REWRITE])
def test_expert_rewrite_is_accepted_first_time_and_shown_intact(server, case):
    server.script = lambda payload, n: case["answer"]
    row = case["indicator"]
    ind = checks.to_indicator(row["category"], row.get("subcategory"), row["name"], row["value"])
    project = Project(name=case["project"]["name"], goal=case["project"]["goal"],
                      amount=case["project"].get("amount"), groups=[[ind]])
    result = rewrite(ind, project=project, endpoint=client(server))
    assert len(server.requests) == 1 and result.attempts == 1 and result.backend == "model", result.notes
    assert [(o.name, o.value, o.category) for o in result.options] == [
        (o["name"], o["value"], o.get("category")) for o in case["answer"]["options"]]
    assert not any(n.startswith("写法") for n in result.notes), result.notes
