"""Eval tests: no model requests leave 127.0.0.1; every test gets its own llm cache and config."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _local_only(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    import assistant.llm as llm

    monkeypatch.setattr(llm, "ALLOW_MODEL_REQUESTS", "loopback")
    monkeypatch.setenv("JIXIAO_CACHE", "off")
    monkeypatch.setenv("JIXIAO_CONFIG", str(tmp_path / "endpoints.toml"))
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path / "home"))
    for var in ("JIXIAO_BASE_URL", "JIXIAO_API_KEY", "JIXIAO_MODEL", "JIXIAO_MODE", "JIXIAO_ENDPOINT", "JIXIAO_PROFILE"):
        monkeypatch.delenv(var, raising=False)
