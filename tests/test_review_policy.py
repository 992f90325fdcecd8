"""Profiles: shipped defaults, loading by name or path, and clear bilingual errors naming file and key."""

from __future__ import annotations

import pytest

from assistant.review.policy import PolicyError, available_policies, load_policy


def test_default_is_the_local_legacy_profile():
    p = load_policy(None)
    assert p.name == "guangzhou" and p.layout == "legacy"
    assert p.thresholds.min_indicators == 4 and p.thresholds.max_qualitative_share == 0.5
    assert p.severity["missing_cost"] == "warning" and p.require.subcategory is False
    assert load_policy("default").name == "guangzhou"


def test_central_profile_is_101_layout():
    p = load_policy("central")
    assert p.layout == "101" and p.severity["missing_cost"] == "error" and p.require.subcategory
    assert load_policy("101").name == "central"
    assert {"central", "guangzhou"} <= set(available_policies())


def _write(tmp_path, text: str):
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    return path


HEAD = '[profile]\nname = "mine"\ntitle = "我的口径"\nlayout = "legacy"\n'


def test_load_by_path_with_chinese_severity(tmp_path):
    path = _write(tmp_path, HEAD + '[severity]\nmissing_cost = "错误"\n[thresholds]\nmin_indicators = 6\n')
    p = load_policy(str(path))
    assert p.severity["missing_cost"] == "error" and p.thresholds.min_indicators == 6
    assert p.thresholds.max_indicators == 20


@pytest.mark.parametrize(("body", "key"), [
    ("[thresholds]\nmin_indicator = 3\n", "thresholds.min_indicator"),
    ("[thresholds]\nmax_qualitative_share = \"half\"\n", "thresholds.max_qualitative_share"),
    ("[severity]\nmissing_cost = \"severe\"\n", "severity.missing_cost"),
    ("[severity]\nno_such_rule = \"warning\"\n", "severity"),
    ("[rules]\ndisabled = [\"no_such_rule\"]\n", "rules.disabled"),
])
def test_bad_policy_names_file_and_key(tmp_path, body, key):
    path = _write(tmp_path, HEAD + body)
    with pytest.raises(PolicyError) as err:
        load_policy(str(path))
    text = str(err.value)
    assert str(path) in text and key in text
    assert "审核口径" in text and "policy" in text.lower()


def test_bad_layout_and_bad_toml(tmp_path):
    path = _write(tmp_path, HEAD.replace('"legacy"', '"modern"'))
    with pytest.raises(PolicyError, match="profile.layout"):
        load_policy(str(path))
    path = _write(tmp_path, "[profile\nname=")
    with pytest.raises(PolicyError, match="TOML"):
        load_policy(str(path))


def test_unknown_name_and_missing_file():
    with pytest.raises(PolicyError, match="guangzhou"):
        load_policy("shanghai")
    with pytest.raises(PolicyError, match="not found"):
        load_policy("/nonexistent/x.toml")
