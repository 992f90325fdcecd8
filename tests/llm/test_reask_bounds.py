"""Bounded re-ask and the context check, over real HTTP: a retry carries the original messages, the last answer
and its errors — the same four messages on every retry — and a prompt that would not fit the endpoint's context
is refused before anything is sent."""

from __future__ import annotations

import pytest
from llm_models import Extraction
from scripted_server import make_endpoint

from assistant.llm import AnswerInvalid, Client, TransportError, load_prompt
from assistant.llm.errors import PromptTooLong

SOURCE = "1.培育企业数≥1500家；2.服务满意度≥90%"
GOOD = {"indicators": [{"name": "培育企业数", "value": "≥1500家", "op": ">=", "number": 1500, "unit": "家"}]}


def bad(n: int) -> dict:
    return {"indicators": [{"name": "培育企业数", "value": "≥1500家", "op": ">=", "number": 7000 + n, "unit": "家"}]}


def prompt():
    return load_prompt("extract_indicators").render(text=SOURCE)


def test_every_retry_sends_the_original_the_last_answer_and_its_errors_only(server):
    server.script = lambda payload, n: bad(n) if n < 3 else GOOD
    value, usage, attempts = Client(make_endpoint(server, max_retries=3), cache=False).call(
        prompt(), Extraction, {"source": SOURCE})
    assert attempts == 4 and value.indicators[0].number == 1500
    original = server.requests[0]["messages"]
    for n, request in enumerate(server.requests[1:]):
        messages = request["messages"]
        assert len(messages) == len(original) + 2 and messages[:len(original)] == original
        assert f"7{n:03d}" in messages[-2]["content"], "the last answer, not an earlier one"
        assert f"数值 {7000 + n} 不在原文中" in messages[-1]["content"]
        assert str(7000 + n - 1) not in str(messages), "earlier answers are not carried"


def test_answers_that_never_pass_end_in_answer_invalid_with_the_last_raw_answer(server):
    server.script = lambda payload, n: bad(n)
    with pytest.raises(AnswerInvalid) as err:
        Client(make_endpoint(server, max_retries=2), cache=False).call(prompt(), Extraction, {"source": SOURCE})
    assert err.value.attempts == 3 and "7002" in err.value.raw and len(server.requests) == 3


def test_a_prompt_too_long_for_the_context_is_refused_before_sending(server):
    client = Client(make_endpoint(server, context_tokens=600, max_tokens=200), cache=False)
    with pytest.raises(PromptTooLong) as err:
        client.call(prompt(), Extraction, {"source": SOURCE})
    assert server.requests == [] and isinstance(err.value, TransportError)
    assert "超出模型端点" in str(err.value) and "600" in str(err.value) and "context" in str(err.value)


def test_a_prompt_that_fits_is_sent(server):
    server.script = lambda payload, n: GOOD
    Client(make_endpoint(server, context_tokens=16384, max_tokens=512), cache=False).call(
        prompt(), Extraction, {"source": SOURCE})
    assert len(server.requests) == 1
