"""The transport fake behaves as the real-HTTP scripted server: same script, same requests, same results."""

from __future__ import annotations

import sys
from pathlib import Path

from task_helpers import client

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fakes import FakeEndpoint  # noqa: E402
from scripted_server import Reply  # noqa: E402

from assistant.tasks.rewrite import rewrite  # noqa: E402

GOOD = {"options": [{"name": "政策知晓率", "value": "≥【待填】%", "unit": "%", "value_basis": "计划标准",
                     "reason": "按年度宣传计划核定", "needs_baseline": False}]}
VAGUE = {"options": [{"name": "政策知晓率", "value": "进一步提高", "reason": "", "needs_baseline": False}]}


def _script(payload: dict, n: int) -> object:
    return Reply(status=503) if n == 0 else (VAGUE if n == 1 else GOOD)


def test_fake_and_scripted_server_send_and_return_the_same(server, monkeypatch):
    import assistant.llm as llm

    monkeypatch.setattr(llm, "ALLOW_MODEL_REQUESTS", "loopback")
    server.script = _script
    over_http = rewrite("政策知晓率，年度指标值：进一步提高", endpoint=client(server, backoff_cap=0.1))
    fake = FakeEndpoint(_script)
    in_process = rewrite("政策知晓率，年度指标值：进一步提高", endpoint=fake.client())
    assert [p["messages"] for p in fake.requests] == [p["messages"] for p in server.requests]
    assert len(fake.requests) == 3
    assert over_http.backend == in_process.backend == "model"
    assert [o.model_dump() for o in over_http.options] == [o.model_dump() for o in in_process.options]
    assert over_http.attempts == in_process.attempts


def test_the_fake_obeys_the_request_guard(monkeypatch):
    import pytest

    import assistant.llm as llm
    from assistant.llm.errors import ModelRequestsForbidden

    monkeypatch.setattr(llm, "ALLOW_MODEL_REQUESTS", "loopback")
    fake = FakeEndpoint(lambda payload, n: GOOD)
    with pytest.raises(ModelRequestsForbidden):
        rewrite("政策知晓率，年度指标值：进一步提高", endpoint=fake.client(base_url="https://api.example.com/v1"))
    assert fake.requests == []
