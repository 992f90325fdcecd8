import copy

import pytest

from evals import data, scorers


@pytest.fixture(scope="module")
def seed_gold():
    return data.parse_sets()[0][2]


def test_parse_perfect_and_broken(seed_gold):
    perfect = scorers.score_parse([("seed", seed_gold, seed_gold)])
    assert (perfect["projects"], perfect["indicators"], perfect["parts"]) == (1.0, 1.0, 1.0)
    broken = copy.deepcopy(seed_gold)
    broken["projects"][0]["groups"][0][0]["target"]["parts"][0]["unit"] = "人"
    broken["projects"][1]["name"] = "别的项目"
    worse = scorers.score_parse([("seed", broken, seed_gold)])
    assert worse["indicators"] < 1 and worse["parts"] < 1 and worse["projects"] < 1
    assert scorers.score_parse([("seed", None, seed_gold)])["indicators"] == 0


def test_review_perfect_and_broken():
    sets = data.review_sets()
    perfect = scorers.score_review_sets([(n, g["findings"], g) for n, _, g in sets])
    assert perfect["macro"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    name, _, gold = sets[0]
    noisy = gold["findings"][1:] + [{"code": "missing_unit", "project": "购置经费", "group": 1, "item": 1}]
    worse = scorers.score_review_sets([(name, noisy, gold)])
    assert worse["macro"]["f1"] < 1
    assert worse["per_code"]["missing_unit"]["fp"] == 1


CASE = {"id": "t", "category": "效益指标", "name": "超高清视频和新型显示产业发展质量", "value": "进一步提高",
        "goal": "", "families": {"良品率": ["良品率"], "产值增长": ["产值"]}}


def test_rewrite_perfect_option_scores_one():
    good = {"name": "新型显示产业产值增长率", "comparator": "≥", "value": "【待填】", "unit": "%", "proposed": True}
    row = scorers.score_rewrite_case(CASE, [good])
    assert {m: row[m] for m in scorers.REWRITE_METRICS} == dict.fromkeys(scorers.REWRITE_METRICS, 1.0)


def test_rewrite_broken_options_score_less():
    vague = {"name": "工作推进", "value": "进一步提高", "proposed": False}
    invented = {"name": "显示产业良品率", "comparator": "≥", "value": "98", "unit": "%", "proposed": False}
    satisfaction = {"name": "企业满意度", "comparator": "≥", "value": "90", "unit": "%", "proposed": True}
    assert scorers.score_rewrite_case(CASE, [vague])["measurable"] == 0
    assert scorers.score_rewrite_case(CASE, [vague])["subject"] == 0
    assert scorers.score_rewrite_case(CASE, [vague])["family"] == 0
    assert scorers.score_rewrite_case(CASE, [invented])["flagged"] == 0
    assert scorers.score_rewrite_case(CASE, [satisfaction])["category"] == 0
    assert scorers.score_rewrite_case(CASE, None)["measurable"] == 0
    rows = [scorers.score_rewrite_case(CASE, [vague]), scorers.score_rewrite_case(CASE, [invented])]
    assert scorers.score_rewrite(rows)["overall"] < 1


def test_numbers_given_by_the_original_need_no_flag():
    case = dict(CASE, name="培训人次", value="500人次左右", category="产出指标")
    option = {"name": "培训人次", "comparator": "≥", "value": "500", "unit": "人次", "proposed": False}
    assert scorers.score_rewrite_case(case, [option])["flagged"] == 1


def _as_suggestion(ind):
    part = (ind["target"]["parts"] or [{}])[0]
    return {"category": ind["category"], "subcategory": "数量指标", "name": ind["name"], "comparator": "≥",
            "value": ind["value"], "unit": part.get("unit")}


def test_suggest_real_indicators_are_fully_recalled():
    case = next(c for c in data.suggest_cases() if c["name"] == "工业工作经费")
    rows = [_as_suggestion(i) for i in case["real"]]
    scored = scorers.score_suggest_case(case["name"], rows, case["real"], lambda _: 1.0)
    assert scored["recall"] == 1.0 and scored["schema"] == 1.0


def test_suggest_broken_set_scores_less():
    case = next(c for c in data.suggest_cases() if c["name"] == "购置经费")
    rows = [{"category": "产出", "subcategory": "", "name": "无关指标", "comparator": "大约", "value": "x"}] * 2
    scored = scorers.score_suggest_case(case["name"], rows, case["real"], lambda _: 0.5)
    assert scored["recall"] == 0 and scored["schema"] == 0 and scored["duplicate_free"] == 0.5
    assert scored["category_coverage"] == 0 and scored["output_coverage"] == 0
    full = [{"category": c, "subcategory": s, "name": n, "comparator": "≥", "value": "1"} for c, s, n in (
        ("产出指标", "数量指标", "a"), ("产出指标", "质量指标", "b"), ("产出指标", "时效指标", "c"),
        ("产出指标", "成本指标", "d"), ("效益指标", "社会效益指标", "e"), ("满意度指标", "服务对象满意度指标", "f"))]
    assert scorers.coverage(full) == (1.0, 1.0)
    assert scorers.score_suggest_case("x", None, case["real"], lambda _: 1.0)["recall"] == 0


def test_operational():
    calls = [scorers.Call("rewrite", True, 1.0, attempts=2, prompt_tokens=10, completion_tokens=5, cost=0.01),
             scorers.Call("rewrite", False, 3.0, error="TransportError: x")]
    ops = scorers.score_operational(calls)
    assert ops["failure_rate"] == 0.5 and ops["attempts_per_call"] == 1.0 and ops["prompt_tokens"] == 10
    assert ops["latency_mean"] == 2.0 and ops["errors"] == ["TransportError: x"]
