"""The target-value grammar (assistant/parse/value.py) on the forms the issue names."""

from __future__ import annotations

import pytest

from assistant.parse.value import is_measurable, normalize, parse_target


def parts(text: str, **kw) -> list[tuple]:
    target = parse_target(text, **kw)
    return [(p.op.value, p.value, p.high, p.unit, p.basis) for p in target.parts]


@pytest.mark.parametrize(("text", "expected"), [
    ("≥1500家", [(">=", 1500, None, "家", None)]),
    ("不少于150支", [(">=", 150, None, "支", None)]),
    ("不低于95%", [(">=", 95, None, "%", None)]),
    ("500人以上", [(">=", 500, None, "人", None)]),
    ("至少3场", [(">=", 3, None, "场", None)]),
    ("达到90%", [(">=", 90, None, "%", None)]),
    ("超500人", [(">", 500, None, "人", None)]),
    ("超过20家", [(">", 20, None, "家", None)]),
    ("不超过5个工作日", [("<=", 5, None, "工作日", None)]),
    ("30天以内", [("<=", 30, None, "天", None)]),
    ("低于1%", [("<", 1, None, "%", None)]),
    (">=85%", [(">=", 85, None, "%", None)]),
    ("<=4小时", [("<=", 4, None, "小时", None)]),
    ("&gt;2020家", [(">", 2020, None, "家", None)]),
    ("&lt;=10次", [("<=", 10, None, "次", None)]),
    ("≧90%", [(">=", 90, None, "%", None)]),
    ("≦30分钟", [("<=", 30, None, "分钟", None)]),
    ("＞５０家", [(">", 50, None, "家", None)]),
    ("１，８００台", [("=", 1800, None, "台", None)]),
    ("10,308,000.00元", [("=", 10308000.0, None, "元", None)]),
    ("五百人次", [("=", 500, None, "人次", None)]),
    ("两千元", [("=", 2000, None, "元", None)]),
    ("十二个月", [("=", 12, None, "月", None)]),
    ("99.5%", [("=", 99.5, None, "%", None)]),
    ("2-3家", [("range", 2, 3, "家", None)]),
    ("6～8份", [("range", 6, 8, "份", None)]),
    ("6~8份", [("range", 6, 8, "份", None)]),
    ("±3%以内", [("range", -3, 3, "%", None)]),
    ("30万户", [("=", 30, None, "万户", None)]),
    ("≥5亿", [(">=", 5, None, "亿", None)]),
    ("≥3000万", [(">=", 3000, None, "万", None)]),
    ("≥1万台", [(">=", 1, None, "万台", None)]),
    ("相比上年减少10%", [("<=", -10, None, "%", "上年")]),
    ("较上年提高5个百分点", [(">=", 5, None, "百分点", "上年")]),
    ("同比增长5%", [(">=", 5, None, "%", "上年")]),
    ("较2024年下降不少于8%", [("<=", -8, None, "%", "2024年")]),
    ("累计超500家", [(">", 500, None, "家", "累计")]),
    ("5个班次", [("=", 5, None, "班次", None)]),
    ("6大赛道", [("=", 6, None, "赛道", None)]),
    ("10个", [("=", 10, None, "个", None)]),
    ("各1名", [("=", 1, None, "名", None)]),
    ("持续播放5周，≥20次/日", [("=", 5, None, "周", None), (">=", 20, None, "次/日", None)]),
    ("抽查站点数≥600个，充电桩数≥1800台", [(">=", 600, None, "个", None), (">=", 1800, None, "台", None)]),
    ("=100.00(%)", [("=", 100.0, None, "%", None)]),
    ("2025年11月30日前完成", [("<=", 20251130, None, "日期", None)]),
    ("10", [("=", 10, None, None, None)]),
    ("0起", [("=", 0, None, "起", None)]),
])
def test_quantitative_forms(text, expected):
    assert parse_target(text).kind == "quantitative"
    assert parts(text) == expected


@pytest.mark.parametrize("text", ["进一步提高", "提升", "满足", "建成", "合规", "年度计划数", "一批", "良好",
                                  "传播工业文化、展示优秀成果、促进交流合作", "统一部署", "第一名"])
def test_qualitative_forms(text):
    target = parse_target(text)
    assert target.kind == "qualitative" and target.parts == []


@pytest.mark.parametrize("text", ["", "  ", "/", "—", "无"])
def test_blank_values_are_missing(text):
    assert parse_target(text).kind == "missing"


@pytest.mark.parametrize(("text", "op", "unit"), [("≥**个", ">=", "个"), ("【待填】", "=", None),
                                                  ("≥【基线值】家", ">=", "家"), ("XX%", "=", "%")])
def test_placeholders_are_missing_values_not_numbers(text, op, unit):
    target = parse_target(text)
    assert target.kind == "missing"
    (part,) = target.parts
    assert part.placeholder and part.value is None and part.op.value == op and part.unit == unit


def test_columns_supply_comparator_and_unit():
    assert parts("90", comparator="≥", unit="%") == [(">=", 90, None, "%", None)]
    assert parts("8", comparator="正向", unit="人") == [(">=", 8, None, "人", None)]
    assert parts("0", comparator="反向", unit="万元") == [("<=", 0, None, "万元", None)]
    assert parse_target("出台方案", comparator="定性").kind == "qualitative"
    assert parts("=100", comparator="≥", unit="%") == [("=", 100, None, "%", None)]


def test_percent_and_percentage_points_are_kept_apart():
    assert parts("提高2个百分点")[0][3] == "百分点"
    assert parts("提高2%")[0][3] == "%"


def test_normalize_leaves_words_that_merely_contain_numerals():
    assert normalize("进一步提高") == "进一步提高"
    assert normalize("第一批") == "第一批"


def test_is_measurable():
    assert is_measurable("≥【待填】家")
    assert is_measurable("≥90%")
    assert not is_measurable("进一步提高")
    assert not is_measurable("10")
