"""SQLite storage of drafts (chat, description, indicator rows), one row per draft, kept per user.

The database is ``ui.sqlite3`` in the user data folder (``$JIXIAO_HOME``, else e.g. ``~/.local/share/jixiao``). ``user`` is the
login name, ``""`` when login is off. Every call opens its own connection, so handlers on any thread
may use one :class:`DraftStore`.
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS drafts (
    id TEXT PRIMARY KEY,
    user TEXT NOT NULL,
    title TEXT NOT NULL,
    created REAL NOT NULL,
    updated REAL NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS drafts_user ON drafts (user, updated);
"""


def home() -> Path:
    """The user data folder (:func:`assistant.paths.data_dir`)."""
    from assistant.paths import data_dir

    return data_dir()


@dataclass(frozen=True)
class DraftInfo:
    id: str
    title: str
    updated: float

    def label(self) -> str:
        stamp = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.updated))
        return f"{self.title}（{stamp}）"


class DraftStore:
    """Drafts as JSON documents. A user sees and changes only their own drafts."""

    def __init__(self, path: Path | None = None):
        self.path = path or home() / "ui.sqlite3"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(self._connect()) as db, db:
            db.executescript(SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=10)

    def save(self, user: str, data: dict[str, Any], title: str, draft_id: str | None = None) -> str:
        """Insert or update a draft; returns its id. An id owned by another user starts a new draft."""
        now = time.time()
        payload = json.dumps(data, ensure_ascii=False)
        with closing(self._connect()) as db, db:
            if draft_id and db.execute("SELECT 1 FROM drafts WHERE id=? AND user=?",
                                       (draft_id, user)).fetchone():
                db.execute("UPDATE drafts SET title=?, updated=?, data=? WHERE id=? AND user=?",
                           (title, now, payload, draft_id, user))
                return draft_id
            new_id = uuid.uuid4().hex[:12]
            db.execute("INSERT INTO drafts VALUES (?,?,?,?,?,?)", (new_id, user, title, now, now, payload))
            return new_id

    def load(self, user: str, draft_id: str) -> dict[str, Any] | None:
        with closing(self._connect()) as db:
            row = db.execute("SELECT data FROM drafts WHERE id=? AND user=?", (draft_id, user)).fetchone()
        return json.loads(row[0]) if row else None

    def list(self, user: str, limit: int = 200) -> list[DraftInfo]:
        """The user's drafts, newest first."""
        with closing(self._connect()) as db:
            rows = db.execute("SELECT id, title, updated FROM drafts WHERE user=? ORDER BY updated DESC LIMIT ?",
                              (user, limit)).fetchall()
        return [DraftInfo(*row) for row in rows]

    def delete(self, user: str, draft_id: str) -> bool:
        with closing(self._connect()) as db, db:
            return db.execute("DELETE FROM drafts WHERE id=? AND user=?", (draft_id, user)).rowcount > 0
