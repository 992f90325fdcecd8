from __future__ import annotations

import pytest

from assistant.office import OfficeStore


@pytest.fixture
def store(tmp_path):
    """An office store in the test's folder, closed afterwards."""
    s = OfficeStore(tmp_path / "office.sqlite3")
    yield s
    s.close()
