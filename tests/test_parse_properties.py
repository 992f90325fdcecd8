"""Property tests over random and mutated numbered tables: the reader never raises, and every non-space
character of the input (markup and structural punctuation aside) ends up in a field or a warning."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.model import Table
from assistant.parse import read_text
from assistant.parse.markup import strip_markup
from assistant.parse.numbered import parse_numbered

STRUCTURAL = set("、：:，,。；; \t\r\n\u3000\xa0#")
WORDS = ["产业", "发展", "企业", "培训", "进一步", "提高", "完善", "满意度", "家", "个", "份", "人次",
         "亿元", "万", "%", "≥", "≤", "&gt;", "不少于", "以上", "上年", "减少", "累计", "超", "2-3",
         "、", "，", "。", "（", "）", "<p>", "</p>", "指标", "效益", "产出"]
CATEGORIES = ["产出指标", "效益指标", "成本指标", "满意度指标", "项目完成指标"]

text_piece = st.lists(st.one_of(st.sampled_from(WORDS), st.integers(0, 5000).map(str),
                                st.text(alphabet="甲乙丙丁中文数据测试ABC", max_size=4)), max_size=8).map("".join)


@st.composite
def indicator(draw) -> str:
    no = draw(st.integers(1, 12))
    return f"{no}、{draw(st.sampled_from(CATEGORIES))}：{draw(text_piece)}，年度指标值：{draw(text_piece)}。"


@st.composite
def row(draw) -> str:
    name = draw(st.one_of(st.just(""), text_piece))
    goal = draw(text_piece)
    items = "".join(draw(st.lists(indicator(), min_size=0, max_size=6)))
    return f"{name}\t{goal}\t{items}"


@st.composite
def table_text(draw) -> str:
    rows = draw(st.lists(row(), min_size=1, max_size=6))
    rows.insert(0, "项目名称（资金使用单位）\t绩效目标\t绩效指标")
    return "\n".join(rows)


@st.composite
def mutated(draw) -> str:
    text = draw(table_text())
    for _ in range(draw(st.integers(0, 6))):
        i = draw(st.integers(0, len(text)))
        op = draw(st.sampled_from(["delete", "insert", "tab", "newline"]))
        if op == "delete":
            text = text[:i] + text[i + 1:]
        elif op == "insert":
            text = text[:i] + draw(st.sampled_from(WORDS + ["1、", "年度指标值：", "效益指标："])) + text[i:]
        else:
            text = text[:i] + ("\t" if op == "tab" else "\n") + text[i:]
    return text


def accounted(table: Table) -> Counter:
    """Characters the table holds, plus those of the labels the reader consumed as structure."""
    pieces = [table.title or "", table.department or ""]
    pieces += [f"{k}{v}" for k, v in table.fields.items()]
    for project in table.projects:
        pieces += [project.name, project.goal]
        for ind in project.indicators():
            pieces += [str(ind.no or ""), ind.category_raw or ind.category, ind.name, ind.value, "年度指标值"]
    pieces += [w.text for w in table.warnings]
    return Counter(ch for ch in "".join(pieces) if ch not in STRUCTURAL and not ch.isspace())


def significant(text: str) -> Counter:
    return Counter(ch for ch in strip_markup(text) if ch not in STRUCTURAL and not ch.isspace())


def _check_nothing_lost(text: str, table: Table) -> None:
    lost = significant(text) - accounted(table)
    assert not lost, f"lost characters: {dict(lost)}"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table_text())
def test_well_formed_tables_lose_nothing(text):
    table = parse_numbered(text)
    _check_nothing_lost(text, table)
    assert all(p.name for p in table.projects)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_tables_never_raise_and_lose_nothing(text):
    table = read_text(text)
    if "\t" in text and table.projects:
        _check_nothing_lost(text, table)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text):
    table = read_text(text)
    if not table.projects:
        _check_nothing_lost(text, table)


def test_checker_notices_a_dropped_character():
    text = "项目甲\t目标\t1、产出指标：培训人次，年度指标值：≥500人次。"
    table = parse_numbered(text)
    table.projects[0].groups[0][0].name = "培训人"
    lost = significant(text) - accounted(table)
    assert lost == Counter({"次": 1})
