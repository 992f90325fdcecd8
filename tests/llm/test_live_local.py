"""Live smoke test against a real local model (``.ci/live_model.sh`` starts it).

Skipped unless ``JIXIAO_LIVE_BASE_URL`` points at a loopback OpenAI-compatible server. It checks the
pipeline, not quality: the model is small and weak.
"""

from __future__ import annotations

import os

import pytest
from llm_models import Extraction

from assistant.llm import Client, load_endpoint, load_prompt

LIVE = os.environ.get("JIXIAO_LIVE_BASE_URL")
pytestmark = [pytest.mark.live, pytest.mark.skipif(not LIVE, reason="JIXIAO_LIVE_BASE_URL 未设置"),
              pytest.mark.timeout(900)]

TEXTS = [
    "1.培育企业数≥1500家；2.服务满意度≥90%",
    "举办培训班≥12期，培训人次≥600人次",
    "项目按期完成率100%；资金支付率≥95%",
]


def test_three_structured_calls_return_validated_objects(allow_model_requests, monkeypatch, tmp_path):
    monkeypatch.setenv("JIXIAO_BASE_URL", LIVE)
    endpoint = load_endpoint("local").model_copy(update={"timeout": 300.0, "max_retries": 2})
    client = Client(endpoint, cache=tmp_path / "live.sqlite3")
    template = load_prompt("extract_indicators")
    for text in TEXTS:
        value, usage, attempts = client.call(template.render(text=text), Extraction)
        assert isinstance(value, Extraction) and value.indicators
        assert all(ind.name and ind.value for ind in value.indicators)
        assert usage.prompt_tokens > 0 and usage.completion_tokens > 0 and attempts >= 1
        print(f"{text} → {[i.name for i in value.indicators]}（{attempts} 次回答，{usage.total_tokens} tokens）")
    again = client.call(template.render(text=TEXTS[0]), Extraction)
    assert again.cached and again.attempts == 0
