"""suggest() on the model path against the scripted server over real HTTP."""

from __future__ import annotations

import copy

import pytest
from task_helpers import client, sent_text

from assistant.tasks.models import ProjectDescription
from assistant.tasks.suggest import suggest

DESC = ProjectDescription(name="2024年中小企业经营管理人员培训", goal="开展中小企业经营管理人员培训，提升经营管理能力",
                          amount=80, beneficiaries="中小企业经营管理人员", content="举办专题研修班")

GOOD = {"indicators": [
    {"category": "产出指标", "subcategory": "数量指标", "name": "专题研修班期数", "comparator": "≥",
     "value": "≥【待填】期", "unit": "期", "value_basis": "计划标准", "data_source": "工作台账", "reason": "按计划"},
    {"category": "产出指标", "subcategory": "数量指标", "name": "参训人次", "comparator": "≥", "value": "≥500人次",
     "unit": "人次", "value_basis": "历史标准", "data_source": "签到表", "reason": "参考同类项目"},
    {"category": "产出指标", "subcategory": "质量指标", "name": "结业考核合格率", "comparator": "≥",
     "value": "≥【待填】%", "unit": "%", "value_basis": "计划标准", "data_source": "考核记录", "reason": ""},
    {"category": "产出指标", "subcategory": "时效指标", "name": "培训按期完成率", "comparator": "≥",
     "value": "≥【待填】%", "unit": "%", "value_basis": "计划标准", "data_source": "工作台账", "reason": ""},
    {"category": "产出指标", "subcategory": "成本指标", "name": "项目总成本", "comparator": "≤", "value": "≤80万元",
     "unit": "万元", "value_basis": "预算支出标准", "data_source": "财务决算", "reason": "年度预算"},
    {"category": "效益指标", "subcategory": "社会效益指标", "name": "参训人员技能测评合格率", "comparator": "≥",
     "value": "≥【待填】%", "unit": "%", "value_basis": "历史标准", "data_source": "测评记录", "reason": ""},
    {"category": "满意度指标", "subcategory": "服务对象满意度指标", "name": "参训人员满意度", "comparator": "≥",
     "value": "≥90%", "unit": "%", "value_basis": "历史标准", "data_source": "问卷调查", "reason": ""},
]}


def vague(answer: dict) -> dict:
    bad = copy.deepcopy(answer)
    bad["indicators"][5].update(name="参训人员经营管理能力", comparator="定性", value="进一步提高", unit=None)
    return bad


def rule_message(answer: dict, code: str) -> str:
    """The message the review engine itself writes for ``code`` on this answer."""
    from assistant.model import Project
    from assistant.tasks import checks

    rows = [checks.to_indicator(i["category"], i["subcategory"], i["name"], i["value"], i["unit"], i["comparator"])
            for i in answer["indicators"]]
    found = checks.review_project(Project(name=DESC.name, goal=DESC.goal, groups=[rows]))
    return next(f.message for f in found if f.code == code)


def test_request_carries_grounding_examples_and_rules(server, library):
    server.script = lambda payload, n: GOOD
    result = suggest(DESC, endpoint=client(server), library=library)
    assert len(server.requests) == 1
    text = sent_text(server.requests[0])
    assert "指标库·" in text and "示例，不是本项目的答案" in text, "curated example sets from the indicator library"
    assert "参考示例" in text and "目标分句" in text and "预算支出标准" in text
    assert "vague_target" not in text, "the model sees a drafting guide, not rule codes"
    assert "<数据 名称=\"项目描述\">" in text
    system = server.requests[0]["messages"][0]["content"]
    assert "2024年中小企业经营管理人员培训" not in system, "the variable part must come after the fixed part"
    assert result.backend == "model" and result.model == "scripted:scripted-model"
    assert result.prompt_version and result.attempts == 1 and result.findings == []


def test_rule_failure_goes_back_to_the_model(server, library):
    server.script = lambda payload, n: vague(GOOD) if n == 0 else GOOD
    result = suggest(DESC, endpoint=client(server), library=library)
    assert len(server.requests) == 2
    first, second = sent_text(server.requests[0]), sent_text(server.requests[1])
    assert "参训人员经营管理能力" not in first
    assert rule_message(vague(GOOD), "vague_target") in second
    assert [m["role"] for m in server.requests[1]["messages"]] == ["system", "user", "assistant", "user"]
    assert result.attempts == 2 and result.findings == []
    assert [i.name for i in result.indicators] == [i["name"] for i in GOOD["indicators"]]


def test_incomplete_set_is_sent_back(server, library):
    partial = copy.deepcopy(GOOD)
    partial["indicators"] = [i for i in partial["indicators"] if i["subcategory"] != "时效指标"]
    server.script = lambda payload, n: partial if n == 0 else GOOD
    suggest(DESC, endpoint=client(server), library=library)
    assert "产出指标/时效指标" in sent_text(server.requests[1])


def test_numbers_the_user_did_not_give_are_proposed(server, library):
    server.script = lambda payload, n: GOOD
    seen = []
    result = suggest(DESC, endpoint=client(server), library=library, on_indicator=seen.append)
    by_name = {i.name: i for i in result.indicators}
    assert by_name["参训人次"].proposed is True
    assert by_name["参训人员满意度"].proposed is True
    assert by_name["项目总成本"].proposed is False
    assert by_name["结业考核合格率"].proposed is True
    assert seen == result.indicators
    assert any("建议值" in n for n in result.notes)


def test_unfixed_findings_are_carried(server, library):
    server.script = lambda payload, n: vague(GOOD)
    result = suggest(DESC, endpoint=client(server, max_retries=1), library=library)
    assert len(server.requests) == 2
    assert [f.code for f in result.findings] == ["vague_target"]
    assert result.findings[0].indicator == "参训人员经营管理能力"
    assert any("未通过" in n for n in result.notes)


def test_model_requests_are_forbidden_without_the_server(library):
    from assistant.llm import Endpoint, ModelRequestsForbidden

    endpoint = Endpoint(name="x", base_url="http://127.0.0.1:9/v1", model="m", mode="TOOLS")
    with pytest.raises(ModelRequestsForbidden):
        suggest(DESC, endpoint=endpoint, library=library)


def test_rules_backend_replaces_an_answer_with_no_usable_row(server, library):
    server.script = lambda payload, n: {"indicators": [{"name": "只有名称"}]}
    result = suggest(DESC, endpoint=client(server, max_retries=1), library=library)
    assert len(server.requests) == 2
    assert result.backend == "rules" and result.model == "scripted:scripted-model"
    assert "规则后端" in result.notes[0] and result.indicators and result.findings == []


def test_an_endpoint_error_falls_back_to_the_rules_and_says_why(server, library):
    from scripted_server import Reply

    overflow = {"error": {"message": "This model's maximum context length is 4096 tokens.",
                          "code": "context_length_exceeded"}}
    server.script = lambda payload, n: Reply(status=400, body=overflow)
    result = suggest(DESC, endpoint=client(server, max_retries=1), library=library)
    assert result.backend == "rules" and result.model == "scripted:scripted-model" and result.indicators
    assert "HTTP 400" in result.notes[0] and "上下文长度" in result.notes[0] and "规则后端" in result.notes[0]
