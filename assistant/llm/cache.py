"""A disk cache of validated answers, keyed by what determines them.

Key: sha256 of (prompt name, prompt version, model, messages, response JSON schema). An unchanged call
is answered from disk with no model request; the stored object is validated again on the way out, so
a change in the validators turns an old entry into a miss instead of a stale answer.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any


def default_path() -> Path | None:
    """``$JIXIAO_CACHE`` (a file path, or ``off``), else ``llm-cache.sqlite3`` in
    :func:`assistant.paths.cache_dir`."""
    value = os.environ.get("JIXIAO_CACHE")
    if value:
        return None if value.lower() in {"off", "0", "no"} else Path(value).expanduser()
    from assistant.paths import cache_dir

    return cache_dir() / "llm-cache.sqlite3"


def cache_key(*, prompt: str, version: str, model: str, messages: list[dict[str, Any]],
              schema: dict[str, Any]) -> str:
    payload = json.dumps([prompt, version, model, messages, schema], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class Cache:
    """SQLite-backed ``key → (object JSON, usage JSON)``; safe to share between threads."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path is not None else (default_path() or Path(":memory:"))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, prompt TEXT, model TEXT,"
            " value TEXT NOT NULL, usage TEXT NOT NULL, created REAL NOT NULL)"
        )

    def get(self, key: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
        with self._lock:
            row = self._db.execute("SELECT value, usage FROM answers WHERE key = ?", (key,)).fetchone()
        return (json.loads(row[0]), json.loads(row[1])) if row else None

    def put(self, key: str, value: dict[str, Any], usage: dict[str, Any], *, prompt: str = "",
            model: str = "") -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?)",
                (key, prompt, model, json.dumps(value, ensure_ascii=False), json.dumps(usage), time.time()),
            )

    def delete(self, key: str) -> None:
        with self._lock:
            self._db.execute("DELETE FROM answers WHERE key = ?", (key,))

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute("SELECT count(*) FROM answers").fetchone()[0]

    def close(self) -> None:
        with self._lock:
            self._db.close()
