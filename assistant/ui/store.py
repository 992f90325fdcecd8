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
CREATE TABLE IF NOT EXISTS draft_sessions (
    session TEXT PRIMARY KEY,
    user TEXT NOT NULL,
    draft_id TEXT,
    updated REAL NOT NULL
);
"""
CONFLICT_SUFFIX = "（冲突副本）"


@dataclass(frozen=True)
class Saved:
    """The outcome of a versioned save: the draft now holding the data, its version, and, on a conflict,
    the draft that another page changed meanwhile (kept as it was)."""

    id: str
    version: int
    conflict_with: str | None = None


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
            db.execute("PRAGMA journal_mode=WAL")
            db.executescript(SCHEMA)
            if "version" not in {row[1] for row in db.execute("PRAGMA table_info(drafts)")}:
                db.execute("ALTER TABLE drafts ADD COLUMN version INTEGER NOT NULL DEFAULT 1")
        self._keeper = self._connect()  # open for the store's life: closing the last connection checkpoints

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10)
        db.execute("PRAGMA busy_timeout=10000")
        db.execute("PRAGMA synchronous=NORMAL")  # WAL: kill -9 loses no saved draft; no fsync on every save
        return db

    def save(self, user: str, data: dict[str, Any], title: str, draft_id: str | None = None) -> str:
        """Insert or update a draft; returns its id. An id owned by another user starts a new draft."""
        now = time.time()
        payload = json.dumps(data, ensure_ascii=False)
        with closing(self._connect()) as db, db:
            if draft_id and db.execute("SELECT 1 FROM drafts WHERE id=? AND user=?",
                                       (draft_id, user)).fetchone():
                db.execute("UPDATE drafts SET title=?, updated=?, data=?, version=version+1 WHERE id=? AND user=?",
                           (title, now, payload, draft_id, user))
                return draft_id
            new_id = uuid.uuid4().hex[:12]
            db.execute("INSERT INTO drafts (id, user, title, created, updated, data) VALUES (?,?,?,?,?,?)",
                       (new_id, user, title, now, now, payload))
            return new_id

    def save_checked(self, user: str, data: dict[str, Any], title: str, draft_id: str | None,
                     version: int | None) -> Saved:
        """Save ``data`` over version ``version`` of ``draft_id``. When the stored draft has moved on (another
        page saved it), nothing is overwritten: ``data`` becomes a new draft titled as a conflict copy."""
        now = time.time()
        payload = json.dumps(data, ensure_ascii=False)
        with closing(self._connect()) as db, db:
            if draft_id:
                row = db.execute("SELECT version, title FROM drafts WHERE id=? AND user=?",
                                 (draft_id, user)).fetchone()
                if row and (version is None or row[0] == version):
                    title = row[1] if row[1] == title + CONFLICT_SUFFIX else title
                    db.execute("UPDATE drafts SET title=?, updated=?, data=?, version=version+1 "
                               "WHERE id=? AND user=?", (title, now, payload, draft_id, user))
                    return Saved(draft_id, row[0] + 1)
                conflict = draft_id if row else None
                if conflict:
                    title = title + CONFLICT_SUFFIX
            else:
                conflict = None
            new_id = uuid.uuid4().hex[:12]
            db.execute("INSERT INTO drafts (id, user, title, created, updated, data, version) "
                       "VALUES (?,?,?,?,?,?,1)", (new_id, user, title, now, now, payload))
            return Saved(new_id, 1, conflict)

    def load_versioned(self, user: str, draft_id: str) -> tuple[dict[str, Any], int] | None:
        with closing(self._connect()) as db:
            row = db.execute("SELECT data, version FROM drafts WHERE id=? AND user=?", (draft_id, user)).fetchone()
        return (json.loads(row[0]), int(row[1])) if row else None

    def bind_session(self, session: str, user: str, draft_id: str | None) -> None:
        """Remember which draft a page session shows, so the page finds it again after a server restart."""
        with closing(self._connect()) as db, db:
            db.execute("INSERT OR REPLACE INTO draft_sessions VALUES (?,?,?,?)", (session, user, draft_id, time.time()))

    def session_draft(self, session: str, user: str) -> str | None:
        with closing(self._connect()) as db:
            row = db.execute("SELECT draft_id FROM draft_sessions WHERE session=? AND user=?",
                             (session, user)).fetchone()
        return row[0] if row else None

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
