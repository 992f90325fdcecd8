"""The drafting and expert-rewrite scorers (evals/drafting.py) and the consistency of their hand-written data."""

from __future__ import annotations

import copy

import pytest

from evals import drafting as d
from evals.datasets.drafting import author as items_author
from evals.datasets.rewrite_expert import author as cases_author
from evals.datasets.rewrite_expert import heldout_author

SECTORS = ("培训", "会议", "展会", "赛事", "宣传", "补助", "工程", "设备购置", "信息化建设", "信息化运维", "法律援助",
           "监督检查", "执法", "抽检", "课题研究", "规划编制", "基本运行", "教育", "卫生", "疫苗", "疾控", "养老",
           "社会救助", "高标准农田", "水利", "河道", "交通", "农村公路", "生态环保", "图书馆", "旅游", "科技", "人才",
           "招商", "应急", "就业")


def _item(item_id: str) -> dict:
    return next(i for i in d.items() if i["id"] == item_id)


def _case(case_id: str) -> dict:
    return next(c for c in d.cases() if c["id"] == case_id)


def _row(name: str, value: str, unit: str | None, cat: str = "产出指标", sub: str = "数量指标", **kw) -> dict:
    return {"category": cat, "subcategory": sub, "name": name, "value": value, "unit": unit, **kw}


# ---- the data ------------------------------------------------------------------------------------------------

def test_committed_json_matches_its_authoring_source():
    assert items_author.main(["--check"]) == 0
    assert cases_author.main(["--check"]) == 0
    assert heldout_author.main(["--check"]) == 0


def test_items_cover_the_sectors_and_every_figure_is_in_the_officers_words():
    items = d.items()
    assert len(items) >= 40
    labels = " ".join(i["sector"] + i["description"]["name"] for i in items)
    assert [s for s in SECTORS if s not in labels] == []
    for item in items:
        text = item["description"]["goal"] + item["description"]["content"]
        names = {e["name"] for e in item["expert"]}
        assert len(names) == len(item["expert"]), item["id"]
        assert item["chat"] and len(item["expert"]) >= 6
        for fig in item["figures"]:
            assert fig["text"] in text, (item["id"], fig["text"])
            assert fig["concept"] in names, (item["id"], fig["concept"])
        for uc in item["unit_costs"]:
            assert uc["concept"] in names


def test_cases_cover_every_vague_class_and_special_form():
    cases = d.cases()
    assert len(cases) >= 60
    classes = {c for case in cases for c in case["classes"]}
    wanted = set("ABCDEFGHI") | {"合理", "优良", "可控", "不超预算", "覆盖全区所有人员", "满意", "高质量", "应发尽发",
                                 "控制在合理范围", "严格按照", "是否", "reduction", "input", "subject"}
    assert wanted <= classes
    assert len({c["row"]["name"] + c["row"]["value"] for c in cases}) == len(cases)
    assert all(1 <= len(c["rewrites"]) <= 3 and c["families"] for c in cases)


def test_the_expert_sets_score_full_marks():
    rows = [d.score_item(item, d.expert_rows(item)) for item in d.items()]
    scores = d.score_draft(rows)
    assert {k: scores[k] for k in (*d.DRAFT_METRICS, "figures_in_concept", "unit_costs")} == \
        dict.fromkeys((*d.DRAFT_METRICS, "figures_in_concept", "unit_costs"), 1.0)


def test_the_expert_rewrites_score_full_marks():
    rows = [d.score_rewrite_case(c, c["rewrites"]) for c in d.cases()]
    assert [r["id"] for r in rows if r["overall"] < 1] == []
    assert d.score_rewrites(rows)["overall"] == 1.0


def test_the_heldout_set_is_new_and_its_expert_rewrites_score_full_marks():
    old, held = d.cases(), d.cases(d.REWRITE_HELDOUT)
    assert len(held) >= 40
    assert not {c["project"]["name"] for c in held} & {c["project"]["name"] for c in old}
    assert {"A", "B", "C", "D", "E", "F", "G", "H", "I", "优良", "unitcost", "audience", "input"} <= {
        k for c in held for k in c["classes"]}
    rows = [d.score_rewrite_case(c, c["rewrites"]) for c in held]
    assert [r["id"] for r in rows if r["overall"] < 1 or r["on_topic"] < 1] == []


def test_on_topic_counts_the_options_that_measure_no_family():
    film = next(c for c in d.cases(d.REWRITE_HELDOUT) if c["id"] == "H01")
    viewers = {"name": "观影群众人次", "value": "≥【待填】人次", "unit": "人次", "comparator": "≥",
               "category": "效益指标", "subcategory": "社会效益指标"}
    readers = {"name": "居民人均纸质图书阅读量", "value": "≥【待填】本", "unit": "本", "comparator": "≥",
               "category": "效益指标", "subcategory": "社会效益指标"}
    row = d.score_rewrite_case(film, [viewers, readers])
    assert (row["family"], row["on_topic"]) == (1.0, 0.5)
    assert d.score_rewrite_case(film, [readers])["family"] == 0.0


# ---- units, values, dates ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("unit", "parts"), [
    ("万元", ("元", 1e4)), ("亿元", ("元", 1e8)), ("万人次", ("人次", 1e4)), ("万平方米", ("平方米", 1e4)),
    ("元/人·月", ("元/人月", 1.0)), ("km", ("公里", 1.0)), ("㎡", ("平方米", 1.0)), ("个工作日", ("工作日", 1.0)),
    ("元/人次", ("元/人", 1.0)), ("千米", ("公里", 1.0)), ("万元/辆", ("元/辆", 1e4)),
])
def test_unit_parts(unit, parts):
    assert d.unit_parts(unit) == parts


def test_dates_with_and_without_a_year():
    assert d.dates_in("≤2025年11月30日") == [(2025, 11, 30)]
    assert d.dates_in("11月30日前完成") == [(None, 11, 30)]
    assert (None, 11, 30) in d.dates_in("11月底前")
    assert d.dates_in("≤2025-08-31") == [(2025, 8, 31)]


def test_category_layouts_fold():
    assert d.category_ok({"category": "产出指标", "subcategory": "成本指标"}, [["成本指标", "经济成本指标"]])
    assert d.category_ok({"category": "效益指标", "subcategory": "环境效益指标"}, [["效益指标", "生态效益指标"]])
    assert d.category_ok({"category": "效益指标", "subcategory": None}, [["效益指标", "社会效益指标"]])
    assert not d.category_ok({"category": "产出指标", "subcategory": "数量指标"}, [["效益指标", "社会效益指标"]])


# ---- drafting: the failures issue 10 lists must score as failures ----------------------------------------------

def test_figures_keep_magnitude_comparator_and_unit():
    laptops = _item("D15")
    price = next(f for f in laptops["figures"] if f["concept"] == "单台购置价格")
    assert d.figure_kept(price, _row("单台购置价格", "≤6000元/台", "元/台"), 2025)
    assert not d.figure_kept(price, _row("项目预算", "≤0.6万元", "万元"), 2025)
    assert not d.figure_kept(price, _row("单台购置价格", "≥6000元/台", "元/台"), 2025)
    marathon = _item("D05")
    reach = next(f for f in marathon["figures"] if f["concept"] == "赛事直播及网络传播量")
    assert d.figure_kept(reach, _row("赛事直播及网络传播量", "≥120万人次", "万人次"), 2025)
    assert d.figure_kept(reach, _row("赛事直播及网络传播量", "≥120万人次", "人次"), 2025)
    assert d.figure_kept(reach, _row("赛事直播及网络传播量", "≥1200000", "人次"), 2025)
    assert not d.figure_kept(reach, _row("赛事直播及网络传播量", "≥120人次", "人次"), 2025)


def test_no_incident_is_zero_not_a_placeholder():
    meals = _item("D09")
    zero = next(f for f in meals["figures"] if f["value"] == 0)
    assert d.figure_kept(zero, _row("食物中毒事件发生数", "=0起", "起"), 2025)
    assert not d.figure_kept(zero, _row("食物中毒事件发生数", "≤【待填】起", "起"), 2025)


def test_deadline_without_a_year_takes_the_budget_year():
    training = _item("D01")
    date = next(f for f in training["figures"] if f["unit"] == "日期")
    assert d.figure_kept(date, _row("培训完成时间", "≤2025年11月30日", "日期"), 2025)
    assert d.figure_kept(date, _row("11月30日前完成全部培训", "≤11月30日", None), 2025)
    assert not d.figure_kept(date, _row("培训完成时间", "≤2024年11月30日", "日期"), 2025)


def test_a_good_draft_beats_the_failures_issue_10_lists():
    meals = _item("D09")
    good = d.expert_rows(meals)
    bad = copy.deepcopy(good)
    for r in bad:
        if r["name"] == "享受助餐补贴老年人数":
            r.update(value="≥8000家", unit="家")
        if r["name"] == "普通老年人每餐补贴标准":
            r.update(category="产出指标", subcategory="数量指标", comparator="≥", value="≥3元/人·餐")
        if r["name"] == "食物中毒事件发生数":
            r.update(comparator="≤", value="≤【待填】起")
    g, b = d.score_item(meals, good), d.score_item(meals, bad)
    assert g["units"] == g["directions"] == g["categories"] == g["figures"] == 1.0
    assert b["units"] < 1 and b["directions"] < 1 and b["categories"] < 1 and b["figures"] < 1


def test_recall_counts_each_suggested_row_once_and_misses_boilerplate():
    meals = _item("D09")
    one = [_row("每餐补贴标准", "=3元/人·餐", "元/人·餐", "成本指标", "经济成本指标")]
    assert d.score_item(meals, one)["recall"] == pytest.approx(1 / len(meals["expert"]))
    boiler = [_row("受助对象新增产值", "≥【待填】万元", "万元", "效益指标", "经济效益指标"),
              _row("政策知晓率", "≥【待填】%", "%", "效益指标", "社会效益指标")]
    assert d.score_item(meals, boiler)["recall"] == 0.0
    assert d.score_item(meals, None)["recall"] == 0.0


def test_unit_costs_must_be_computed_and_marked():
    farmland = _item("D31")
    rows = d.expert_rows(farmland)
    assert d.score_item(farmland, rows)["unit_costs"] == 1.0
    for r in rows:
        r["reason"] = ""
    assert d.score_item(farmland, rows)["unit_costs"] == 0.0


def test_an_empty_draft_scores_zero_not_none():
    scores = d.score_draft([d.score_item(i, []) for i in d.items()[:3]])
    assert scores["recall"] == scores["figures"] == scores["units"] == scores["directions"] == 0.0


# ---- rewrite ---------------------------------------------------------------------------------------------------

def test_rewrite_by_keyword_misses_the_family():
    road = _case("R01")
    by_keyword = [{"name": "培训人次", "value": "≥【待填】人次", "unit": "人次"},
                  {"name": "道路通行能力提升完成率", "value": "≥【待填】%", "unit": "%"}]
    assert d.score_rewrite_case(road, by_keyword)["family"] == 0.0
    good = [{"name": "改造路段高峰时段平均车速", "value": "≥【待填】公里/小时", "unit": "公里/小时",
             "category": "效益指标", "subcategory": "社会效益指标"}]
    assert d.score_rewrite_case(road, good)["overall"] == 1.0


def test_a_reduction_keeps_its_direction():
    case = _case("R02")
    reversed_ = [{"name": "新增违建发生数较上年提升幅度", "value": "≥【待填】%", "unit": "%"}]
    zero = [{"name": "新增违建发生数", "value": "=0处", "unit": "处", "comparator": "="}]
    assert d.score_rewrite_case(case, reversed_)["direction"] == 0.0
    assert d.score_rewrite_case(case, zero)["direction"] == 1.0


def test_no_option_scores_zero_everywhere():
    row = d.score_rewrite_case(_case("R06"), [])
    assert all(row[m] == 0.0 for m in d.REWRITE_METRICS)


def test_invented_numbers_must_be_marked():
    case = _case("R08")
    assert d.score_rewrite_case(case, [{"name": "服务对象满意度", "value": "≥92%", "proposed": False}])["no_invented"] == 0
    assert d.score_rewrite_case(case, [{"name": "服务对象满意度", "value": "≥92%", "proposed": True}])["no_invented"] == 1
    assert d.score_rewrite_case(case, [{"name": "服务对象满意度", "value": "≥【待填】%"}])["no_invented"] == 1


def test_rewrite_category_is_the_options_own_else_the_rows():
    case = _case("R15")
    option = {"name": "年接待读者人次", "value": "≥【待填】人次", "unit": "人次"}
    assert d.score_rewrite_case(case, [option])["category"] == 1.0
    wrong = dict(option, category="成本指标", subcategory="经济成本指标")
    assert d.score_rewrite_case(case, [wrong])["category"] == 0.0


# ---- expert answers for the scripted endpoint -------------------------------------------------------------------

def test_expert_answers_are_current_and_fit_the_response_models():
    import json

    from assistant.tasks.answers import RewriteAnswer, SuggestAnswer
    from evals.datasets.expert_answers import build

    assert build.main(["--check"]) == 0
    suggest = json.loads((build.HERE / "suggest.json").read_text(encoding="utf-8"))["answers"]
    rewrite = json.loads((build.HERE / "rewrite.json").read_text(encoding="utf-8"))["answers"]
    assert len(suggest) >= 15 and len(rewrite) >= 30
    for item_id, entry in suggest.items():
        answer = SuggestAnswer.model_validate(entry["answer"])
        rows = [r.model_dump() for r in answer.indicators]
        assert d.score_item(_item(item_id), rows)["figures"] == 1.0, item_id
    for case_id, entry in rewrite.items():
        answer = RewriteAnswer.model_validate(entry["answer"])
        options = [o.model_dump() | {"category": o2["category"], "subcategory": o2["subcategory"]}
                   for o, o2 in zip(answer.options, entry["answer"]["options"], strict=True)]
        assert d.score_rewrite_case(_case(case_id), options)["overall"] == 1.0, case_id


def test_expert_answers_hold_the_issue_11_patterns():
    import json

    from evals.datasets.expert_answers import build

    suggest = json.loads((build.HERE / "suggest.json").read_text(encoding="utf-8"))["answers"]
    rows = {(k, r["name"]): r for k, e in suggest.items() for r in e["answer"]["indicators"]}
    assert rows[("D14", "工程完工并通过县级验收时间")]["value"] == "≤2026年8月20日"
    assert rows[("D05", "赛事直播及网络传播量")]["category"] == "效益指标"
    assert rows[("D37", "活动期间接待游客人次")]["category"] == "效益指标"
    assert rows[("D22", "新增违建发生数")]["value"] == "=0处"
    assert rows[("D08", "电信网络诈骗发案数较上年下降率")]["unit"] == "%"
    rewrite = json.loads((build.HERE / "rewrite.json").read_text(encoding="utf-8"))["answers"]
    first = {k: e["answer"]["options"][0] for k, e in rewrite.items()}
    assert first["R16"]["name"] == "现症病人规范治疗完成率" and "项目实施情况" in first["R16"]["reason"]
    assert first["R04"]["name"] == "作业路段降尘量" and "空气质量" in first["R04"]["reason"]


@pytest.mark.parametrize(("name", "variants", "same"), [
    ("培训中小学骨干教师人次", ["培训人次"], True),
    ("新增违法建设发生数", ["新增违建发生数"], True),
    ("★工程竣工验收合格率（依据GB 50300）", ["竣工验收"], True),
    ("检测报告在抽样后工作日内出具数量", ["报告出具"], False),
    ("活动覆盖人次", ["活动期间接待游客人次"], False),
    ("政策知晓率", ["老年人助餐服务覆盖率", "助餐服务覆盖"], False),
])
def test_names_match(name, variants, same):
    assert d.names_match(name, variants) is same


def test_a_bare_percentage_is_kept_only_under_its_measure():
    training = _item("D01")
    rows = [_row("参训人员满意度", "≥95%", "%", "满意度指标", "服务对象满意度指标")]
    assert "95%以上" in d.score_item(training, rows)["lost_figures"]
    rows = [_row("结业考核合格率", "≥95%", "%", "产出指标", "质量指标")]
    assert "95%以上" not in d.score_item(training, rows)["lost_figures"]


# ---- round 3's held-out items --------------------------------------------------------------------------------

def test_heldout_set_is_current_new_and_consistent():
    from evals.datasets.drafting import heldout

    assert heldout.main(["--check"]) == 0
    held = d.heldout_items()
    assert len(held) >= 20
    old_names = {i["description"]["name"] for i in d.items()}
    for item in held:
        assert item["description"]["name"] not in old_names
        text = item["description"]["goal"] + item["description"]["content"]
        names = {e["name"] for e in item["expert"]}
        assert item["forbid"] and item["chat"] and len(item["expert"]) >= 6, item["id"]
        for fig in item["figures"]:
            assert fig["text"] in text and fig["concept"] in names, (item["id"], fig["text"])
        for uc in item["unit_costs"]:
            assert uc["concept"] in names
        # the expert's own rows never trip the item's forbidden names
        assert not [e["name"] for e in item["expert"] if d.names_match(e["name"], item["forbid"])], item["id"]


def test_heldout_expert_sets_score_full_marks():
    rows = [d.score_item(item, d.expert_rows(item)) for item in d.heldout_items()]
    scores = d.score_draft(rows)
    assert all(scores[m] == 1.0 for m in (*d.DRAFT_METRICS, "unit_costs", "clean", "no_repeat")), scores


def test_a_borrowed_sector_row_and_a_repeat_are_counted():
    item = next(i for i in d.heldout_items() if i["id"] == "H01")
    rows = d.expert_rows(item) + [_row("食品抽检批次", "≥500批次", "批次"),
                                  _row("校园安全事故发生数", "=0起", "起", "效益指标", "社会效益指标")]
    s = d.score_item(item, rows)
    assert s["clean"] == 0.0 and s["off_sector"] == ["食品抽检批次"]
    assert s["repeats"] == ["校园安全事故发生数"] and s["no_repeat"] < 1.0
    assert d.score_item(item, d.expert_rows(item))["clean"] == 1.0


def test_a_per_school_standard_misread_as_beneficiaries_loses_the_figure():
    item = next(i for i in d.heldout_items() if i["id"] == "H01")
    s = d.score_item(item, [_row("受益人数", "≥2人", "人", "效益指标", "社会效益指标")])
    assert "每校不少于2名" in s["lost_figures"] and s["unit_costs"] == 0.0
