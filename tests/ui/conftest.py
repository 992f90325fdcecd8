from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from ui_server import Server, start

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One app for the API and browser tests, with an empty JIXIAO_HOME."""
    srv = start(tmp_path_factory.mktemp("ui-home"))
    yield srv
    srv.stop()


@pytest.fixture()
def client(server: Server):
    from gradio_client import Client

    return Client(server.url, verbose=False, download_files=str(server.home / "downloads"))


@pytest.fixture(scope="session")
def seed() -> Path:
    return Path(__file__).resolve().parents[2] / "assistant" / "data" / "gz-gongxinju-2023.txt"
