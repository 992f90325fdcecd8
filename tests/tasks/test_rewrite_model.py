"""rewrite() on the model path against the scripted server over real HTTP."""

from __future__ import annotations

from task_helpers import client, sent_text

from assistant.tasks.rewrite import rewrite

TEXT = "政策知晓率，年度指标值：较上年进一步提高"
GOOD = {"options": [
    {"name": "政策知晓率较上年提高幅度", "value": "≥【待填】个百分点", "unit": "百分点", "value_basis": "历史标准",
     "reason": "按百分点计，基期：【基期年份】年【基期值】%", "needs_baseline": True},
    {"name": "政策知晓率", "value": "≥85%", "unit": "%", "value_basis": "历史标准", "reason": "参考同类项目",
     "needs_baseline": False},
]}


def test_request_carries_the_rule_problems_and_templates(server):
    server.script = lambda payload, n: GOOD
    result = rewrite(TEXT, endpoint=client(server))
    text = sent_text(server.requests[0])
    assert "审核问题" in text and "规则模板" in text and "<数据 名称=\"待改写指标\">" in text
    assert "政策知晓率" in text and "百分点" in server.requests[0]["messages"][0]["content"]
    assert result.backend == "model" and len(result.options) == 2 and result.attempts == 1


def test_unmeasurable_option_is_sent_back(server):
    bad = {"options": [{"name": "政策知晓率", "value": "进一步提高", "reason": "", "needs_baseline": False}]}
    server.script = lambda payload, n: bad if n == 0 else GOOD
    result = rewrite(TEXT, endpoint=client(server))
    assert len(server.requests) == 2
    second = sent_text(server.requests[1])
    assert "不可测" in second
    assert [m["role"] for m in server.requests[1]["messages"]] == ["system", "user", "assistant", "user"]
    assert [o.value for o in result.options] == ["≥【待填】个百分点", "≥85%"]


def test_rate_change_must_say_points_or_percent(server):
    unclear = {"options": [{"name": "政策知晓率提高幅度", "value": "≥【待填】%", "unit": "%",
                            "reason": "较上年", "needs_baseline": True}]}
    server.script = lambda payload, n: unclear if n == 0 else GOOD
    rewrite(TEXT, endpoint=client(server))
    assert "按“百分点”（新值减基期值）还是按“%”" in sent_text(server.requests[1])


def test_subject_must_be_kept(server):
    drift = {"options": [{"name": "媒体报道数", "value": "≥【待填】篇", "reason": "宣传", "needs_baseline": False}]}
    server.script = lambda payload, n: drift if n == 0 else GOOD
    rewrite(TEXT, endpoint=client(server))
    assert "换掉了原指标的对象" in sent_text(server.requests[1]) and "subject_change" in sent_text(server.requests[1])


def test_proposals_and_baselines_are_flagged(server):
    server.script = lambda payload, n: GOOD
    result = rewrite(TEXT, endpoint=client(server))
    points, level = result.options
    assert points.proposed and points.needs_baseline
    assert level.proposed and not level.needs_baseline
    assert any("模型提出" in n for n in result.notes)


def test_numbers_from_the_original_are_not_proposals(server):
    kept = {"options": [{"name": "诊断中小企业家数", "value": "≥78家", "unit": "家", "reason": "原值",
                         "needs_baseline": False}]}
    server.script = lambda payload, n: kept
    result = rewrite("诊断中小企业家数，年度指标值：78家左右", endpoint=client(server))
    assert result.options[0].proposed is False


def test_only_checked_options_survive_exhausted_retries(server):
    mixed = {"options": [GOOD["options"][0], {"name": "单位", "value": "%", "needs_baseline": False}]}
    server.script = lambda payload, n: mixed
    result = rewrite(TEXT, endpoint=client(server, max_retries=1))
    assert [o.value for o in result.options] == ["≥【待填】个百分点"]
    assert result.backend == "model" and any("保留其可测的 1 个写法" in n for n in result.notes)


def test_rule_templates_replace_an_answer_with_nothing_usable(server):
    junk = {"options": [{"name": "指标名称", "value": "超高清视频", "needs_baseline": False}]}
    server.script = lambda payload, n: junk
    result = rewrite(TEXT, endpoint=client(server, max_retries=1))
    assert len(server.requests) == 2
    assert result.backend == "rules" and result.model == "scripted:scripted-model" and result.options
    assert all("【" in o.value for o in result.options) and "规则模板" in result.notes[0]
