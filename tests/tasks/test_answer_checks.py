"""The task validators, one test per former false rejection (an expert's answer that was sent back) and one
per remaining true rejection, with the message the model (and an expert) reads."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.tasks.answers import RewriteAnswer, SuggestAnswer

DATA = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "model_expert"
SETS = {c["id"]: c for c in json.loads((DATA / "suggest.json").read_text(encoding="utf-8"))}


def rewrite_ctx(name: str, category: str = "产出指标", sub: str | None = "质量指标") -> dict:
    from assistant.review.rewrite import subject_of

    return {"task": "rewrite", "subject": subject_of(name), "category": category, "subcategory": sub,
            "project": "测试项目"}


def option(name: str, value: str, **over) -> dict:
    return {"name": name, "value": value, "reason": over.pop("reason", "按计划"), **over}


def accepted(answer: dict, ctx: dict, model=RewriteAnswer) -> None:
    model.model_validate(answer, context=ctx)


def rejected(answer: dict, ctx: dict, model=RewriteAnswer) -> str:
    with pytest.raises(ValidationError) as err:
        model.model_validate(answer, context=ctx)
    return str(err.value)


def suggest_ctx(case: dict, figures: list[str] | None = None) -> dict:
    return {"task": "suggest", "layout": "legacy", "recipients": True, "name": case["description"]["name"],
            "goal": case["description"]["goal"], "figures": figures or []}


# --- former false rejections -------------------------------------------------------------------------------

def test_completion_deadline_with_le_is_accepted():
    accepted({"options": [option("工程完工并通过县级验收时间", "≤2025年10月31日", category="产出指标",
                                 subcategory="时效指标")]}, rewrite_ctx("工程进度", sub="时效指标"))
    accepted({"options": [option("年度活动计划完成时间", "≤2025年12月31日")]}, rewrite_ctx("活动开展", sub="时效指标"))


def test_reach_as_the_items_effect_is_accepted_under_outcomes():
    accepted({"options": [option("赛事直播及网络传播量", "≥【待填】万人次", category="效益指标", subcategory="社会效益指标",
                                 subject_change="“宣传效果”是含糊的总括")]},
             rewrite_ctx("宣传效果", "效益指标", "社会效益指标"))


def test_zero_incidents_are_accepted():
    accepted({"options": [option("新增违建发生数", "=0处", category="效益指标", subcategory="社会效益指标",
                                 subject_change="“违建管控”是工作过程")]}, rewrite_ctx("违建管控", "效益指标", "社会效益指标"))


def test_relative_decline_rate_in_percent_is_accepted():
    accepted({"options": [option("违法建设投诉件数较上年下降率", "≥10%", reason="基期2024年", needs_baseline=True)]},
             rewrite_ctx("违建投诉", "效益指标", "社会效益指标"))


def test_replaced_subject_with_a_stated_reason_is_accepted():
    accepted({"options": [option("现症病人规范治疗完成率", "≥90%",
                                 subject_change="“项目实施情况”是过程的总括，不可衡量")]}, rewrite_ctx("项目实施情况"))
    accepted({"options": [option("作业路段降尘量", "≤【待填】吨/平方公里·月",
                                 subject_change="全市空气质量不是保洁服务能左右的")]},
             rewrite_ctx("服务周期内空气质量", "效益指标", "生态效益指标"))


def test_judgement_calls_on_a_suggested_set_are_shown_not_sent_back():
    case = SETS["s06-illegal-building"]
    accepted(case["answer"], suggest_ctx(case, ["5万平方米"]), SuggestAnswer)


# --- remaining true rejections -----------------------------------------------------------------------------

def test_replaced_subject_without_a_reason_is_sent_back():
    text = rejected({"options": [option("媒体报道数", "≥【待填】篇", reason="宣传")]}, rewrite_ctx("政策知晓率"))
    assert "换掉了原指标的对象“政策知晓率”" in text and "subject_change" in text


def test_change_of_a_rate_must_say_points_or_percent():
    text = rejected({"options": [option("政策知晓率较上年提高", "≥5%", reason="较上年", needs_baseline=True)]},
                    rewrite_ctx("政策知晓率", "效益指标", "社会效益指标"))
    assert "按“百分点”（新值减基期值）还是按“%”（相对基期的变化率）" in text


def test_unmeasurable_value_is_sent_back():
    text = rejected({"options": [option("服务质量", "进一步提高")]}, rewrite_ctx("服务质量"))
    assert "不可测" in text and "比较符＋数值（或【待填】）＋单位" in text


def test_deadline_without_a_date_is_sent_back():
    text = rejected({"options": [option("工程完工时间", "按时")]}, rewrite_ctx("工程进度", sub="时效指标"))
    assert "没有日期、周期或比率" in text


def test_percentage_over_100_is_sent_back():
    text = rejected({"options": [option("验收合格率", "≥120%")]}, rewrite_ctx("验收合格率"))
    assert "超出0–100%" in text


def test_a_figure_left_out_is_shown_not_sent_back():
    """An expert may leave a detail (每期5天) out of the indicators: the set is accepted and the figure named."""
    from assistant.tasks.answers import AnswerIndicator, missing_figures

    case = copy.deepcopy(SETS["s01-road"])
    case["answer"]["indicators"][1]["value"] = "≥【待填】公里"
    accepted(case["answer"], suggest_ctx(case, ["3条", "12公里"]), SuggestAnswer)
    rows = [AnswerIndicator.model_validate(i) for i in case["answer"]["indicators"]]
    assert missing_figures(rows, ["3条", "12公里", "约1.2万平方米"]) == ["12公里", "约1.2万平方米"]
    rows[1] = rows[1].model_copy(update={"value": "≥12000平方米"})
    assert missing_figures(rows, ["约1.2万平方米"]) == [], "1.2万 is 12000"


def test_a_set_without_timeliness_is_sent_back():
    case = copy.deepcopy(SETS["s07-training"])
    case["answer"]["indicators"] = [i for i in case["answer"]["indicators"] if i["subcategory"] != "时效指标"]
    assert "缺少：产出指标/时效指标" in rejected(case["answer"], suggest_ctx(case), SuggestAnswer)


def test_a_vague_row_in_a_set_is_sent_back_with_the_rules_own_message():
    case = copy.deepcopy(SETS["s07-training"])
    case["answer"]["indicators"][5]["value"] = "进一步提高"
    text = rejected(case["answer"], suggest_ctx(case), SuggestAnswer)
    assert "参训企业管理改进措施落实数" in text and "含糊" in text and "[vague_target]" not in text
