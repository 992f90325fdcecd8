"""Properties of the readers for the published layouts (tests/data/layouts): a damaged copy of any of them
never raises, and the undamaged files lose nothing but the structure the readers consumed (column names,
field labels, delimiters)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_parse_properties import accounted, significant

from assistant.model import Table
from assistant.parse import read_path, read_text

LAYOUTS = Path(__file__).parent / "data" / "layouts"
TEXTS = {p.name: p.read_text(encoding="utf-8") for p in sorted(LAYOUTS.iterdir()) if p.suffix != ".json"}
STRUCTURE = ["一级指标", "二级指标", "三级指标", "指标值", "指标解释", "指标说明", "指标方向", "指标性质", "计量单位", "绩效标准",
             "项目名称", "主管部门", "实施单位", "年度绩效目标", "年度资金总额", "年度资金申请总额", "项目资金总额",
             "项目总体目标", "（万元）", "(元)", "★", "|", "-", "#", '"', "[", "]", "\\n"]
EDITS = ["", "\n", " ", "|", "\t", "指标", "≥", "%", "项目名称", "一级指标", "产出指标", "(", "；"]


def structure(text: str) -> Counter:
    """Characters of column names, field labels, delimiters, template numbers (``指标1：``) and the brackets
    of a year line in ``text``."""
    found: Counter = Counter()
    for number in re.findall(r"指标\d+：", text):
        found.update(number)
    for year in re.findall(r"[（(]\s*\d{4}\s*年度?\s*[)）]", text):
        found.update(ch for ch in year if ch in "（）()")
    for word in STRUCTURE:
        for _ in range(text.count(word)):
            found.update(ch for ch in word if not ch.isspace())
    return found


def held(table: Table) -> Counter:
    pieces = []
    for project in table.projects:
        pieces += [project.department or "", project.unit or "", project.amount_text or ""]
        pieces += [f"{k}{v}" for k, v in project.fields.items()]
        for ind in project.indicators():
            pieces += [ind.subcategory_raw or "", ind.comparator or "", ind.unit or "", ind.explanation or "",
                       ind.value_basis or ""]
    return accounted(table) + Counter(ch for ch in "".join(pieces) if not ch.isspace())


@pytest.mark.parametrize("name", sorted(p.name for p in LAYOUTS.iterdir()))
def test_layout_files_lose_only_structure(name):
    path = LAYOUTS / name
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".json":
        text = "\n".join(c for row in json.loads(text) for c in row)
    table = read_path(path)
    lost = significant(text) - held(table) - structure(text)
    if name.startswith(("06", "07")):
        lost -= Counter({ch: 99 for ch in "0123456789.%≥≤万元明显减少是否"})
    assert not lost, f"lost characters: {dict(lost)}"


@st.composite
def damaged(draw) -> str:
    text = draw(st.sampled_from(sorted(TEXTS.values())))
    for _ in range(draw(st.integers(1, 8))):
        i = draw(st.integers(0, len(text)))
        j = min(len(text), i + draw(st.integers(0, 6)))
        text = text[:i] + draw(st.sampled_from(EDITS)) + text[j:]
    return text


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damaged())
def test_damaged_layouts_never_raise(text):
    table = read_text(text)
    assert all(p.confidence is not None and 0 <= p.confidence <= 1 for p in table.projects)
    if not table.projects:
        assert significant(text) - accounted(table) == Counter()
