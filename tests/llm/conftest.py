"""Every test of the endpoint layer gets its own cache and config file (the request switch is in
tests/conftest.py)."""

from __future__ import annotations

import pytest
from scripted_server import ScriptedServer

ENV = ("JIXIAO_BASE_URL", "JIXIAO_API_KEY", "JIXIAO_MODEL", "JIXIAO_MODE", "JIXIAO_ENDPOINT", "JIXIAO_PROFILE")


@pytest.fixture(autouse=True)
def _isolated_llm_settings(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("JIXIAO_CACHE", str(tmp_path / "llm-cache.sqlite3"))
    monkeypatch.setenv("JIXIAO_CONFIG", str(tmp_path / "endpoints.toml"))
    for var in ENV:
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def server(allow_model_requests):
    with ScriptedServer() as srv:
        yield srv
