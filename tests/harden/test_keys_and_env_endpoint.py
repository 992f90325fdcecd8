"""Defects 5 and 6 of issue 15: a key goes only to the endpoint it belongs to, and an endpoint set by
the environment is one the page can start with and choose."""

from __future__ import annotations

import html

import pytest

from assistant.llm.endpoints import endpoint_names, load_endpoint

NO_KEY = "sk-no-key"

ENV = ("JIXIAO_BASE_URL", "JIXIAO_API_KEY", "JIXIAO_MODEL", "JIXIAO_MODE", "JIXIAO_ENDPOINT", "JIXIAO_PROFILE", "DEEPSEEK_API_KEY",
       "LAB_KEY")


@pytest.fixture(autouse=True)
def clean(monkeypatch, tmp_path):
    for var in ENV:
        monkeypatch.delenv(var, raising=False)
    config = tmp_path / "endpoints.toml"
    config.write_text('[profiles.lab]\npreset = "vllm"\nbase_url = "http://127.0.0.1:9000/v1"\n'
                      'api_key_env = "LAB_KEY"\n[profiles.plain]\npreset = "vllm"\n', encoding="utf-8")
    monkeypatch.setenv("JIXIAO_CONFIG", str(config))
    monkeypatch.setenv("JIXIAO_API_KEY", "sk-jixiao-secret")


def test_defect_05_api_key_goes_only_to_its_own_endpoint(monkeypatch):
    for preset in ("deepseek", "qwen", "openai", "vllm", "ollama", "local"):
        assert load_endpoint(preset).key() != "sk-jixiao-secret", preset
    assert load_endpoint("vllm").key() == NO_KEY
    assert load_endpoint("plain").key() == NO_KEY
    monkeypatch.setenv("LAB_KEY", "sk-lab")
    assert load_endpoint("lab").key() == "sk-lab"
    monkeypatch.setenv("DEEPSEEK_API_KEY", "sk-deepseek")
    assert load_endpoint("deepseek").key() == "sk-deepseek"
    monkeypatch.setenv("JIXIAO_BASE_URL", "http://127.0.0.1:1234/v1")
    monkeypatch.setenv("JIXIAO_MODEL", "m")
    env = load_endpoint()
    assert env.base_url == "http://127.0.0.1:1234/v1" and env.key() == "sk-jixiao-secret"
    # a named endpoint moved to the environment's address sends the environment's key, not its own
    moved = load_endpoint("deepseek")
    assert moved.base_url == "http://127.0.0.1:1234/v1" and moved.key() == "sk-jixiao-secret"


def test_defect_05_the_page_names_the_key_variable_never_the_value(monkeypatch):
    monkeypatch.setenv("LAB_KEY", "sk-lab")
    from assistant.ui.settings_tab import describe

    shown = html.unescape(describe("lab"))
    assert "LAB_KEY" in shown and "sk-lab" not in shown
    assert "不发送密钥" in describe("vllm") and "sk-jixiao-secret" not in describe("vllm")
    assert "DEEPSEEK_API_KEY（未设置）" in html.unescape(describe("deepseek"))
    monkeypatch.setenv("JIXIAO_BASE_URL", "http://127.0.0.1:1234/v1")
    monkeypatch.setenv("JIXIAO_MODEL", "m")
    shown = html.unescape(describe("env"))
    assert "JIXIAO_API_KEY（已设置）" in shown and "sk-jixiao-secret" not in shown


def test_defect_06_endpoint_from_the_environment_is_a_choice_of_the_page(monkeypatch):
    monkeypatch.setenv("JIXIAO_BASE_URL", "http://127.0.0.1:1234/v1")
    monkeypatch.setenv("JIXIAO_MODEL", "m")
    assert load_endpoint("env").base_url == "http://127.0.0.1:1234/v1"
    assert endpoint_names()[0] == "env"
    from assistant.ui import services

    assert services.default_endpoint() == "env"
    assert services.default_endpoint() in services.endpoint_choices()
    assert services.endpoint("env").model == "m"
