from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
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
