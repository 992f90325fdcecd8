"""The vague-phrase lexicon of DOMAIN.md §3: every class triggers on its words and not on measurable text."""

from __future__ import annotations

import pytest

from assistant.review.lexicon import CLASSES, find_vague

CASES = [
    ("A", "value", "进一步提高", True), ("A", "value", "增强", True), ("A", "value", "促进交流合作", True),
    ("B", "value", "效果显著", True), ("B", "value", "稳步推进", True),
    ("C", "value", "满足", True), ("C", "value", "按规定", True), ("C", "value", "年度计划数", True),
    ("C", "value", "合格", True), ("C", "value", "合格（依据GB/T 1234）", False),
    ("D", "value", "及时", True), ("D", "value", "常态化", True),
    ("E", "value", "若干", True), ("E", "value", "一批", True),
    ("F", "value", "力争", True), ("F", "value", "积极推动", True),
    ("G", "value", "营造良好氛围", True), ("G", "name", "群众获得感", True),
    ("H", "value", "是", True), ("H", "value", "良好", True), ("H", "value", "/", True),
    ("H", "value", "是否完成", False),
    ("I", "name", "项目实施情况", True), ("I", "name", "资金使用情况", True), ("I", "name", "培训人次", False),
]


@pytest.mark.parametrize(("key", "scope", "text", "expected"), CASES)
def test_class_triggers(key, scope, text, expected):
    assert (key in {h.cls.key for h in find_vague(text, scope)}) is expected


def test_all_nine_classes_exist_with_replacements():
    assert [c.key for c in CLASSES] == list("ABCDEFGHI")
    assert all(c.replacement and c.why and c.title for c in CLASSES)


@pytest.mark.parametrize("text", ["≥95%", "500人次", "2025年10月31日前完成", "建成", "合规",
                                  "出台实施方案并经党组会审议通过"])
def test_measurable_or_verifiable_values_do_not_trigger(text):
    assert find_vague(text, "value") == []


def test_name_scope_ignores_value_only_classes():
    assert find_vague("进一步提高服务质量", "name") == []
    assert {h.cls.key for h in find_vague("进一步提高服务质量", "goal")} >= {"A", "B"}
