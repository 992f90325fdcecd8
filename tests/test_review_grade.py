"""Grades on 88号's four dimensions: None where rules cannot judge, bands and caps from the profile."""

from __future__ import annotations

from test_review_helpers import EFF, SAT, filler, ind, proj, review, table


def _grade(t, profile=None):
    return review(t, profile).grades[0]


def test_clean_project_is_excellent():
    g = _grade(table(proj("培训项目", filler(5))))
    assert g.grade == "优"
    assert g.dimensions["完整性"] == 100 and g.dimensions["相关性"] == 100
    assert g.dimensions["适当性"] is None
    assert any("适当性" in r and "无法判断" in r for r in g.reasons)


def test_warnings_cap_at_good_and_errors_at_fair():
    warn = _grade(table(proj("P", [ind("服务质量", "进一步提高", EFF), *filler(5)])))
    assert warn.grade == "良" and warn.dimensions["相关性"] < 100
    err = _grade(table(proj("P", [ind("诊断企业数", "≥25"), *filler(5)])))
    assert err.grade == "中" and err.dimensions["完整性"] < 100


def test_many_problems_grade_poor():
    rows = [ind("服务对象满意度", "=100%", SAT)]
    g = _grade(table(proj("P", [ind("工作", "较好", EFF), ind("任务", "若干", EFF), *rows], goal="")))
    assert g.grade == "差"
    assert g.reasons[0].startswith("规则得分")


def test_grade_thresholds_follow_the_profile(tmp_path):
    path = tmp_path / "strict.toml"
    path.write_text('[profile]\nname = "s"\ntitle = "严格"\nlayout = "legacy"\n'
                    '[grade]\nwarning_weight = 40\n', encoding="utf-8")
    t = table(proj("P", [ind("服务质量", "进一步提高", EFF), *filler(5)]))
    assert _grade(t).grade == "良"
    assert _grade(t, str(path)).grade in ("中", "差")
