"""Chat intake by the model over real HTTP, its checks, and the rule extractor as fallback."""

from __future__ import annotations

from task_helpers import client, data_blocks

from assistant.tasks.intake_model import intake

TEXT = ("我们明年（2025年）要改造城区3条老旧道路，总长12公里，预算3600万元，工程10月31日前完工并通过县级验收，"
        "主要是路面翻修和排水管网改造，受益的是沿线居民。")
GOOD = {"name": "2025年城区老旧道路改造工程", "goal": "改造城区3条老旧道路共12公里，10月31日前完工并通过县级验收",
        "goal_clauses": ["改造城区3条老旧道路共12公里", "10月31日前完工并通过县级验收"], "amount": 3600,
        "budget_year": 2025, "content": "路面翻修和排水管网改造", "beneficiaries": "沿线居民",
        "figures": ["3条", "12公里", "10月31日前"]}


def test_free_text_becomes_a_description_with_clauses_and_figures(server):
    server.script = lambda payload, n: GOOD
    result = intake(TEXT, endpoint=client(server))
    assert data_blocks(server.requests[0])["用户叙述"] == TEXT
    assert result.backend == "model" and result.description.amount == 3600 and result.budget_year == 2025
    assert result.clauses == GOOD["goal_clauses"]
    assert {"3条", "12公里"} <= set(result.figures)


def test_an_invented_amount_or_figure_is_sent_back(server):
    bad = GOOD | {"amount": 5000, "figures": ["3条", "20公里"]}
    server.script = lambda payload, n: bad if n == 0 else GOOD
    result = intake(TEXT, endpoint=client(server))
    second = [m["content"] for m in server.requests[1]["messages"]][-1]
    assert "“20公里”中的数字不在用户原话中" in second and "预算金额 5000 万元在用户原话中找不到" in second
    assert result.backend == "model" and result.description.amount == 3600


def test_without_an_endpoint_the_rule_extractor_answers():
    result = intake("项目名称：社区助餐补贴\n目标：为800名老年人供餐20万份\n金额：240万元")
    assert result.backend == "rules" and result.description.name == "社区助餐补贴"
    assert result.description.amount == 240 and {"800名", "20万份"} <= set(result.figures)


def test_a_failing_endpoint_falls_back_to_rules(server):
    from scripted_server import Reply

    server.script = lambda payload, n: Reply(status=500)
    result = intake(TEXT, endpoint=client(server, transport_retries=0))
    assert result.backend == "rules" and result.model == "scripted:scripted-model"
    assert result.description.amount == 3600 and "规则提取" in result.notes[0]
