"""Task tests: model requests are forbidden unless a test takes ``server`` (loopback only); every test
gets its own data dir, cache and endpoint config, so no user file is read or written."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "llm"))

from scripted_server import ScriptedServer  # noqa: E402

ENV = ("JIXIAO_BASE_URL", "JIXIAO_API_KEY", "JIXIAO_MODEL", "JIXIAO_MODE", "JIXIAO_ENDPOINT", "JIXIAO_PROFILE")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import assistant.llm as llm

    monkeypatch.setattr(llm, "ALLOW_MODEL_REQUESTS", False)
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("JIXIAO_CACHE", str(tmp_path / "llm-cache.sqlite3"))
    monkeypatch.setenv("JIXIAO_CONFIG", str(tmp_path / "endpoints.toml"))
    for var in ENV:
        monkeypatch.delenv(var, raising=False)


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch):
    import assistant.llm as llm

    monkeypatch.setattr(llm, "ALLOW_MODEL_REQUESTS", "loopback")
    with ScriptedServer() as srv:
        yield srv


@pytest.fixture(scope="session")
def library(seed_table):
    from assistant.examples import Library

    return Library.of(seed_table)
