"""Rewrites: measurable by the project's own value grammar, with no invented numbers."""

from __future__ import annotations

import re

import pytest
from test_review_helpers import EFF, OUT, filler, ind, proj, review, table

from assistant.parse.value import parse_target

VAGUE = [("超高清视频和新型显示产业链", "进一步完善"), ("我市集成电路产业影响力", "提高我市集成电路产业影响力"),
         ("群众满意度", "提高"), ("满足日常工作需要", "满足"), ("纪检监察开展次数", "年度计划数"),
         ("宣传效果", "效果明显"), ("补贴发放", "及时"), ("服务质量", "进一步提高"), ("活动场次", "若干"),
         ("工作目标", "力争"), ("形象", "形象提升"), ("项目实施情况", "良好"), ("园区土地集约利用", "显著提升")]


def _split(rewrite: str) -> tuple[str, str]:
    m = re.fullmatch(r"(?P<metric>[^：]+)：(?P<value>[^（]+)（依据：(?P<basis>[^）]*)）", rewrite)
    assert m, rewrite
    return m.group("metric"), m.group("value")


def _numbers_outside_placeholders(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)?", re.sub(r"【[^】]*】", "", text))


def check(rewrite: str, source: str) -> None:
    metric, value = _split(rewrite)
    target = parse_target(value)
    assert target.parts, rewrite
    for part in target.parts:
        assert part.op is not None and part.unit, rewrite
        assert part.placeholder or part.value is not None
    own = set(_numbers_outside_placeholders(source))
    for number in _numbers_outside_placeholders(rewrite):
        assert number in own, (rewrite, number)


@pytest.mark.parametrize(("name", "value"), VAGUE)
def test_vague_rewrites_are_measurable_and_invent_no_numbers(name, value):
    t = table(proj("P", [ind(name, value, EFF), *filler(5)]))
    found = [f for f in review(t).findings if f.code in ("vague_target", "vague_name") and f.item == 1]
    assert found and all(f.rewrites for f in found)
    for f in found:
        for r in f.rewrites:
            check(r, f"{name} {value}")


def test_subject_chooses_the_template():
    t = table(proj("P", [ind("超高清视频产业链", "进一步完善", EFF), ind("产业影响力", "提高", EFF),
                         ind("服务对象满意度", "提高", EFF), *filler(5)]))
    rw = {f.item: f.rewrites for f in review(t).findings if f.code == "vague_target"}
    assert any(r.startswith("新增链上企业数：≥【") and r.endswith("家（依据：计划标准）") for r in rw[1])
    assert any(r.startswith("媒体报道数") for r in rw[2]) and any(r.startswith("参会企业数") for r in rw[2])
    assert any(r.startswith("服务对象满意度：≥【") for r in rw[3])


@pytest.mark.parametrize(("name", "value", "code"), [
    ("诊断联网工业企业数", "≥25", "missing_unit"), ("带动投资额", "≥3000万", "ambiguous_unit"),
    ("支持服务平台个数", "≥2家", "unit_mismatch"), ("抽查站点数及充电桩数", "抽查站点数≥600个，充电桩数≥1800台", "compound_target"),
    ("完成培训500人次", "是", "value_in_name"),
])
def test_value_rewrites_keep_the_indicators_own_numbers(name, value, code):
    t = table(proj("P", [ind(name, value, OUT), *filler(5)]))
    found = [f for f in review(t).findings if f.code == code and f.item == 1]
    assert found and found[0].rewrites
    for r in found[0].rewrites:
        check(r, f"{name} {value}")


def test_seed_rewrites_are_all_measurable(seed_table):
    report = review(seed_table)
    projects = {p.name: p for p in seed_table.projects}
    checked = 0
    for f in report.findings:
        for r in f.rewrites:
            src = f"{f.indicator or ''} {f.value or ''}" if f.indicator else projects[f.project].name
            check(r, src)
            checked += 1
    assert checked > 30
