"""Builders for review tests: tables made with the model classes, and the review keys they yield."""

from __future__ import annotations

from assistant.model import Indicator, Project, Table
from assistant.parse.value import parse_target

OUT, EFF, COST, SAT = "产出指标", "效益指标", "成本指标", "满意度指标"


def ind(name: str, value: str, category: str = OUT, *, sub: str | None = None, comparator: str | None = None,
        unit: str | None = None, **extra) -> Indicator:
    return Indicator(category=category, subcategory=sub, name=name, value=value, comparator=comparator, unit=unit,
                     target=parse_target(value, comparator=comparator, unit=unit), **extra)


def proj(name: str, *groups: list[Indicator], goal: str = "完成年度工作任务。", **extra) -> Project:
    return Project(name=name, goal=goal, groups=[list(g) for g in groups], **extra)


def filler(n: int = 4) -> list[Indicator]:
    """A clean, complete indicator set: output, outcome, cost and satisfaction rows."""
    rows = [ind("培训人次", "≥500人次", sub="数量指标"), ind("结业考核合格率", "≥95%", sub="质量指标"),
            ind("参训人员持证率", "≥80%", EFF, sub="社会效益指标"), ind("人均培训成本", "≤900元/人", COST,
                                                                   sub="经济成本指标"),
            ind("参训人员满意度", "≥90%", SAT, sub="服务对象满意度指标")]
    return rows[:n] if n <= len(rows) else rows


def table(*projects: Project) -> Table:
    return Table(title="测试表", department="测试局", projects=list(projects))


def review(t: Table, profile: str | None = None):
    from assistant.review import review_table

    return review_table(t, policy=profile)


def keys(t: Table, code: str, profile: str | None = None) -> set[tuple]:
    return {(f.project, f.group, f.item) for f in review(t, profile).findings if f.code == code}


def one_row(name: str, value: str, category: str = OUT, code: str = "", **kw) -> set[tuple]:
    """Review a complete project whose first row is the given indicator; return hits of ``code`` on it."""
    t = table(proj("P", [ind(name, value, category, **kw), *filler(5)]))
    return {k for k in keys(t, code) if k == ("P", 1, 1)}


def test_filler_project_is_clean():
    t = table(proj("培训项目", filler(5)))
    found = {f.code for f in review(t).findings}
    assert found <= {"vague_goal"}, found
