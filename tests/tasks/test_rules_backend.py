"""The rules backend: no endpoint, no model, no invented numbers."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from assistant.examples import tokens
from assistant.parse.value import is_measurable
from assistant.tasks import checks
from assistant.tasks.models import ProjectDescription
from assistant.tasks.rewrite import rewrite
from assistant.tasks.suggest import missing_fields, suggest

DESCRIPTIONS = [
    ProjectDescription(name="2025年企业经营管理人员培训", goal="举办专题研修班，提升企业管理人员经营管理能力",
                       amount=80, beneficiaries="中小企业经营管理人员"),
    ProjectDescription(name="政务信息系统运维服务", goal="保障12个业务系统稳定运行", amount=300),
    ProjectDescription(name="办公设备购置", goal="购置计算机和打印机", amount=45.5),
    ProjectDescription(name="产业发展规划编制", goal="编制产业发展规划和研究报告", amount=120),
    ProjectDescription(name="企业技术改造补助", goal="对完成技术改造的企业给予补助", amount=1000),
    ProjectDescription(name="道路改造工程", goal="改造道路3.2公里"),
    ProjectDescription(name="年度重点工作经费", goal="完成年度工作任务"),
]


def _vague(gold_review):
    return [f for f in gold_review["findings"] if f["code"] == "vague_target"]


def test_gold_vague_indicators_get_measurable_rewrites_without_invented_numbers(seed_table, gold_review):
    from assistant.review.rewrite import subject_of

    vague = _vague(gold_review)
    assert len(vague) == 16
    projects = {p.name: p for p in seed_table.projects}
    for label in vague:
        project = projects[label["project"]]
        ind = project.groups[label["group"] - 1][label["item"] - 1]
        assert ind.name == label["indicator"]
        result = rewrite(ind, project=project)
        assert result.backend == "rules" and result.model is None
        assert 1 <= len(result.options) <= 3, ind.name
        own = checks.given_numbers(ind.name, ind.value)
        for o in result.options:
            assert is_measurable(o.value), (ind.name, o.value)
            conventional = o.proposed and re.fullmatch(r"=(?:0\D+|100%)", o.value)
            assert checks.has_placeholder(o.value) or conventional, (ind.name, o.value)
            assert conventional or checks.invented(o.value, own) == [], (ind.name, o.value)
            assert o.proposed
            subject = subject_of(ind.name)
            assert set(tokens(subject)) & set(tokens(o.name + o.reason)), (subject, o.name, o.reason)


def test_a_change_of_a_rate_is_in_points_and_asks_for_a_baseline():
    result = rewrite("政策知晓率，年度指标值：较上年提高")
    change = [o for o in result.options if o.needs_baseline]
    assert change and all("百分点" in o.value for o in change)
    assert all("基期" in o.reason for o in change)


def test_bare_value_is_accepted_and_asks_for_a_name():
    result = rewrite("进一步提高")
    assert result.original_name == "" and result.original_value == "进一步提高"
    assert all(is_measurable(o.value) for o in result.options)
    assert any("未给出指标名称" in n for n in result.notes)


@pytest.mark.parametrize("desc", DESCRIPTIONS, ids=lambda d: d.name)
@pytest.mark.parametrize("policy", [None, "central"])
def test_suggest_rules_backend_is_complete_and_invents_nothing(desc, policy, library):
    result = suggest(desc, library=library, policy=policy)
    assert result.backend == "rules" and any("规则后端" in n for n in result.notes)
    assert result.findings == []
    given = checks.given_numbers(desc.name, desc.goal, desc.amount)
    for ind in result.indicators:
        assert is_measurable(ind.value), ind
        if "测算" not in ind.reason:
            assert checks.invented(ind.value, given) == [], ind
        assert ind.proposed == checks.has_placeholder(ind.value)
    pairs = {(i.category, i.subcategory) for i in result.indicators}
    for sub in ("数量指标", "质量指标", "时效指标"):
        assert ("产出指标", sub) in pairs
    assert any(c == "效益指标" for c, _ in pairs)
    cost = ("产出指标", "成本指标") if policy is None else ("成本指标", "经济成本指标")
    assert cost in pairs
    assert 1 <= len(result.grounding) <= 3
    assert [g.name for g in result.grounding] == [m.project.name for m in library.similar_projects(desc.text(), 3)]


def test_satisfaction_only_with_service_recipients(library):
    bought = suggest(ProjectDescription(name="办公设备购置", goal="购置计算机"), library=library)
    trained = suggest(ProjectDescription(name="办公设备购置", goal="购置计算机", beneficiaries="机关干部"),
                      library=library)
    assert "满意度指标" not in {i.category for i in bought.indicators}
    assert "满意度指标" in {i.category for i in trained.indicators}


def test_amount_given_caps_the_cost_and_is_not_a_proposal(library):
    result = suggest(ProjectDescription(name="产业发展规划编制", goal="编制规划", amount=120), library=library)
    cost = [i for i in result.indicators if i.value == "≤120万元"]
    assert cost and cost[0].proposed is False and cost[0].value_basis == "预算支出标准"


def test_library_values_are_hints_not_values(library):
    result = suggest(ProjectDescription(name="企业经营管理培训", goal="培训企业管理人员"), library=library)
    assert result.hints
    hinted = [i for i in result.indicators if "参考：同类指标" in i.reason]
    assert hinted and all(checks.has_placeholder(i.value) for i in hinted)


def test_on_indicator_streams_every_row(library):
    seen = []
    result = suggest(DESCRIPTIONS[0], library=library, on_indicator=seen.append)
    assert seen == result.indicators


def test_missing_fields_asks_in_chinese():
    asks = missing_fields(ProjectDescription(name="某项目"))
    assert len(asks) == 4 and all(re.search(r"[\u4e00-\u9fff]", a) for a in asks)
    full = ProjectDescription(name="某项目", goal="目标", amount=1, content="内容", beneficiaries="企业")
    assert missing_fields(full) == []


def test_rules_backend_never_imports_the_model_client(tmp_path):
    code = ("import sys; from assistant.tasks.suggest import suggest; from assistant.tasks.rewrite import rewrite;"
            "from assistant.tasks.models import ProjectDescription as D;"
            "suggest(D(name='培训', goal='培训')); rewrite('服务质量，年度指标值：进一步提高');"
            "assert 'openai' not in sys.modules and 'instructor' not in sys.modules, 'model client imported'")
    env = {"JIXIAO_HOME": str(tmp_path), "JIXIAO_CONFIG": str(tmp_path / "none.toml"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_targets_the_user_stated_are_used_as_given(library):
    desc = ProjectDescription(name="政务服务平台升级", goal="新增十个服务事项在线办理，2025年10月底前上线；培训500人次",
                              amount=260, beneficiaries="企业")
    result = suggest(desc, library=library)
    given = [i for i in result.indicators if not i.proposed]
    values = {i.value for i in given}
    assert {"≥10个", "2025年10月底前", "≥500人次", "≤260万元"} <= values
    assert all("取自您给出" in i.reason or "预算金额" in i.reason or "测算" in i.reason for i in given)
    timely = [i for i in result.indicators if i.subcategory == "时效指标"]
    assert [i.value for i in timely] == ["2025年10月底前"]
    assert result.findings == []


def test_endpoint_rules_forces_the_rules_backend_even_with_a_configured_default(tmp_path, monkeypatch):
    from assistant.tasks.models import ProjectDescription
    from assistant.tasks.rewrite import rewrite
    from assistant.tasks.suggest import suggest

    config = tmp_path / "endpoints.toml"
    config.write_text('default = "deepseek"\n', encoding="utf-8")
    monkeypatch.setenv("JIXIAO_CONFIG", str(config))
    result = suggest(ProjectDescription(name="干部培训", goal="举办培训班"), endpoint="rules")
    assert result.backend == "rules" and result.model is None
    assert rewrite("培训效果，年度指标值：明显提升", endpoint="rules").backend == "rules"
