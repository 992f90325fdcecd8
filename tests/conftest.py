"""Shared fixtures. Model requests are forbidden in the whole suite unless a test asks for them
(marker or fixture ``allow_model_requests``), and then only to loopback addresses; processes the tests
start inherit the loopback-only limit through the environment. The user data dir (example library,
drafts, caches) is a temporary one for the whole session unless JIXIAO_HOME is already set."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

os.environ["JIXIAO_ALLOW_MODEL_REQUESTS"] = "loopback"
os.environ.setdefault("JIXIAO_HOME", tempfile.mkdtemp(prefix="jixiao-test-home-"))

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "assistant" / "data" / "gz-gongxinju-2023.txt"
GOLD_DIR = ROOT / "evals" / "datasets" / "gold"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def gold_parse() -> dict:
    return json.loads((GOLD_DIR / "000_203a48228822a7e9.parse.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def gold_review() -> dict:
    return json.loads((GOLD_DIR / "000_203a48228822a7e9.review.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def seed_table():
    from assistant.parse import read_path

    return read_path(SEED)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "live: needs a real model server at $JIXIAO_LIVE_BASE_URL")
    config.addinivalue_line("markers", "allow_model_requests: allow model requests to loopback addresses")


@pytest.fixture(autouse=True)
def _forbid_model_requests(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    import assistant.llm as llm

    allowed = (request.node.get_closest_marker("allow_model_requests") is not None
               or request.node.get_closest_marker("live") is not None)
    monkeypatch.setattr(llm, "ALLOW_MODEL_REQUESTS", "loopback" if allowed else False)


@pytest.fixture
def allow_model_requests(monkeypatch: pytest.MonkeyPatch) -> None:
    import assistant.llm as llm

    monkeypatch.setattr(llm, "ALLOW_MODEL_REQUESTS", "loopback")
