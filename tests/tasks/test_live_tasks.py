"""One live run of each task on a real OpenAI-compatible endpoint ($JIXIAO_LIVE_BASE_URL, optional
$JIXIAO_LIVE_MODEL and $JIXIAO_LIVE_MODE). Skipped without it; checks structure only, since a small
local model's content is not stable."""

from __future__ import annotations

import os

import pytest

from assistant.parse.value import is_measurable

LIVE = os.environ.get("JIXIAO_LIVE_BASE_URL")
pytestmark = [pytest.mark.skipif(not LIVE, reason="JIXIAO_LIVE_BASE_URL 未设置"), pytest.mark.timeout(1800)]


@pytest.fixture
def endpoint(monkeypatch):
    import assistant.llm as llm
    from assistant.llm import Endpoint

    monkeypatch.setattr(llm, "ALLOW_MODEL_REQUESTS", True)
    return Endpoint(name="live", base_url=LIVE, model=os.environ.get("JIXIAO_LIVE_MODEL", "local"),
                   mode=os.environ.get("JIXIAO_LIVE_MODE", "TOOLS"), timeout=600, concurrency=1, max_retries=2,
                   max_tokens=1024)


def _answered_by_model_or_said_why(result) -> None:
    """The model was asked; a small model's unusable answer falls back to the rules and says so."""
    assert result.model and result.prompt_version and result.attempts >= 1
    assert result.backend == "model" or "仍未给出" in result.notes[0]


def test_live_suggest(endpoint, library):
    from assistant.tasks.models import ProjectDescription
    from assistant.tasks.suggest import suggest

    desc = ProjectDescription(name="企业经营管理人员培训", goal="举办专题研修班，提升企业管理人员经营管理能力",
                              amount=80, beneficiaries="中小企业经营管理人员")
    result = suggest(desc, endpoint=endpoint, library=library)
    _answered_by_model_or_said_why(result)
    assert result.indicators and result.grounding
    assert {i.category for i in result.indicators} <= {"产出指标", "效益指标", "成本指标", "满意度指标"}
    for ind in result.indicators:
        if ind.proposed is False:
            assert "【" not in ind.value


def test_live_rewrite(endpoint):
    from assistant.tasks.rewrite import rewrite

    result = rewrite("超高清视频和新型显示产业发展质量，年度指标值：进一步提高", endpoint=endpoint)
    _answered_by_model_or_said_why(result)
    assert 1 <= len(result.options) <= 3
    if not any("未通过" in n for n in result.notes):
        assert all(is_measurable(o.value) for o in result.options)


def test_live_critique(endpoint, library, seed_table):
    from assistant.tasks.critique import critique

    project = next(p for p in seed_table.projects if p.name == "工业和信息化培训经费")
    found = critique(project, endpoint=endpoint, library=library)
    assert all(f.source == "model" and f.message and f.basis for f in found)
