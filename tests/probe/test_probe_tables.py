"""Probe of unseen layouts: small tables written the way other regions publish 项目支出绩效目标表, each
with what an expert reads from it (projects, indicators, the values of telling rows) and the review
findings a finance-bureau reviewer would and would not raise, by rule title."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from assistant.model import Indicator, Table
from assistant.parse import read_path
from assistant.review import review_table
from assistant.review.registry import rule_title

DATA = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Case:
    file: str
    indicators: dict[str, int]
    values: dict[str, str] = field(default_factory=dict)
    subcategories: dict[str, str] = field(default_factory=dict)
    expected: set[tuple[str, str | None]] = field(default_factory=set)
    unexpected: set[tuple[str, str | None]] = field(default_factory=set)
    goal_has: str | None = None
    goal_lacks: str | None = None
    amount: float | None = None


CASES = {
    "merged_cells_xlsx": Case(
        "p1_merged_cells.xlsx", {"基层医疗卫生机构能力提升": 8},
        values={"配置基本医疗设备数量": "≥50台", "设备验收合格率": "＝100%"},
        subcategories={"配置基本医疗设备数量": "数量指标", "设备验收合格率": "质量指标",
                       "项目资金到位率": "时效指标"},
        expected={("投入或过程指标当作产出/效益", "项目资金到位率")},
        unexpected={("缺少二级指标", None), ("一级指标归类错误", None), ("没有成本指标", None),
                    ("缺少满意度指标", None), ("指标值为空", None), ("成本指标与预算资金不匹配", None)},
        amount=200),
    "longterm_docx": Case(
        "p2_longterm_goal.docx", {"高标准农田灌溉设施维护": 7},
        values={"灌溉设施维护面积": "≥1万亩", "维修泵站数量": "≥12座"},
        expected={("指标值为含糊的定性表述", "农田灌溉设施运行情况")},
        unexpected={("年度指标值为累计数", None), ("年度资金超过项目总额", None), ("缺少年度资金", None),
                    ("缺少年度绩效目标", None)},
        goal_has="2025年完成灌溉设施维护1万亩", goal_lacks="三年内", amount=100),
    "two_row_header_xlsx": Case(
        "p3_two_row_header.xlsx", {"城区生活垃圾分类处理": 7},
        subcategories={"配置分类收集容器": "数量指标", "分类投放准确率": "质量指标"},
        unexpected={("定量指标缺少计算符号", None), ("数值缺少计量单位", None), ("百分比超出0–100", None),
                    ("一个数值型指标值包含多个目标", "分类投放准确率"), ("定量指标的指标值不是数值", None),
                    ("缺少二级指标", None)},
        amount=80),
    "nature_column_docx": Case(
        "p4_nature_column.docx", {"社区居家养老服务补助": 7},
        values={"上门服务老人数": "≥800人", "服务投诉率": "≤2%", "服务规范化程度": "达到预期"},
        expected={("指标值为含糊的定性表述", "服务规范化程度")},
        unexpected={("比较方向与指标性质不符", None), ("定量指标缺少计算符号", None),
                    ("定性指标占比过高", None)},
        amount=60),
    "pdf_paste_txt": Case(
        "p5_pdf_paste.txt", {"农村生活污水治理设施运维": 6},
        values={"单座设施年运维成本": "≤3.3万元/座", "农村生活污水治理率（较上年提高）": "≥2个百分点"},
        subcategories={"周边群众满意度": "服务对象满意度指标", "出水水质达标率": "质量指标"},
        unexpected={("缺少满意度指标", None), ("数值缺少计量单位", None), ("指标值为空", None),
                    ("缺少二级指标", None), ("指标名称不是度量", None)},
        goal_has="出水水质稳定达标", amount=150),
    "two_projects_csv": Case(
        "p6_two_projects.csv", {"乡村公益性岗位补贴": 6, "职业技能培训补贴": 5},
        values={"开发乡村公益性岗位数": "≥200个"},
        expected={("投入或过程指标当作产出/效益", "年度预算执行率"), ("没有成本指标", None),
                  ("指标值为含糊的定性表述", "参训学员满意度")},
        unexpected={("数值缺少计量单位", None), ("指标值为空", None)}),
}

XFAIL: dict[tuple[str, str], str] = {}


def _param(check: str) -> list[object]:
    return [pytest.param(name, id=name, marks=[pytest.mark.xfail(strict=True, reason=XFAIL[(check, name)])]
                         if (check, name) in XFAIL else []) for name in CASES]


_cache: dict[str, tuple[Table, set[tuple[str, str | None, str | None]]]] = {}


def _read(name: str) -> tuple[Table, set[tuple[str, str | None, str | None]]]:
    if name not in _cache:
        table = read_path(DATA / CASES[name].file)
        report = review_table(table)
        _cache[name] = table, {(rule_title(f.code), f.project, f.indicator) for f in report.findings}
    return _cache[name]


def _indicators(table: Table) -> dict[str, Indicator]:
    return {i.name: i for p in table.projects for g in p.groups for i in g}


def _value(indicator: Indicator | None) -> str | None:
    """The value as the table shows it, with a 计量单位 from its own column appended."""
    if indicator is None:
        return None
    unit = indicator.unit or ""
    return indicator.value if indicator.value.endswith(unit) else indicator.value + unit


@pytest.mark.parametrize("name", _param("counts"))
def test_projects_and_indicators(name: str) -> None:
    table, _ = _read(name)
    counts = {p.name: sum(len(g) for g in p.groups) for p in table.projects}
    assert counts == CASES[name].indicators


@pytest.mark.parametrize("name", _param("cells"))
def test_values_and_subcategories(name: str) -> None:
    table, _ = _read(name)
    case, found = CASES[name], _indicators(table)
    assert {n: _value(found.get(n)) for n in case.values} == case.values
    assert {n: getattr(found.get(n), "subcategory", None) for n in case.subcategories} == case.subcategories


@pytest.mark.parametrize("name", _param("header"))
def test_header_fields(name: str) -> None:
    table, _ = _read(name)
    case, project = CASES[name], table.projects[0]
    if case.goal_has:
        assert case.goal_has in project.goal
    if case.goal_lacks:
        assert case.goal_lacks not in project.goal
    if case.amount is not None:
        assert project.amount == case.amount


def _hit(keys: set[tuple[str, str | None, str | None]], title: str, indicator: str | None) -> bool:
    return any(t == title and (indicator is None or i == indicator) for t, _, i in keys)


@pytest.mark.parametrize("name", _param("expected"))
def test_what_a_reviewer_flags(name: str) -> None:
    _, keys = _read(name)
    missed = {e for e in CASES[name].expected if not _hit(keys, *e)}
    assert not missed, (missed, keys)


@pytest.mark.parametrize("name", _param("unexpected"))
def test_what_a_reviewer_does_not_flag(name: str) -> None:
    _, keys = _read(name)
    wrong = {e for e in CASES[name].unexpected if _hit(keys, *e)}
    assert not wrong, (wrong, keys)
