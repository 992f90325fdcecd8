"""Curated reference projects: reviewed tables the user chose to keep as drafting references.

A table joins only when the user asks (``jixiao review TABLE --add-to-library``, the page's button; both
call ``add_to_library``). Each table keeps its provenance (file name, sha256, date, user, department).
The store is one SQLite file under the user data dir, partitioned by user and bounded: past
``MAX_PROJECTS`` projects per user an add is refused with a Chinese message (``LibraryFull``) rather than
silently evicting a table the user chose. ``similar`` ranks projects with FTS5 BM25 over their name, goal,
content and indicator names, querying with the indicator library's vocabulary found in the description."""

from __future__ import annotations

import datetime as _dt
import getpass
import hashlib
import json
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from assistant.model import Project, Table

MAX_PROJECTS = 20_000
MAX_TABLES = 2_000
FILE_NAME = "references.sqlite3"
WRAP = "‖"
WEIGHTS = (3.0, 1.0, 2.0)  # name, body, terms

_SCHEMA = """
PRAGMA foreign_keys = ON;
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE IF NOT EXISTS ref_tables (id INTEGER PRIMARY KEY, owner TEXT NOT NULL, file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL, added TEXT NOT NULL, department TEXT, title TEXT, projects INTEGER NOT NULL,
  UNIQUE (owner, sha256));
CREATE TABLE IF NOT EXISTS ref_projects (id INTEGER PRIMARY KEY,
  table_id INTEGER NOT NULL REFERENCES ref_tables(id) ON DELETE CASCADE, owner TEXT NOT NULL, name TEXT NOT NULL,
  data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ref_projects_owner ON ref_projects(owner);
CREATE INDEX IF NOT EXISTS ref_projects_table ON ref_projects(table_id);
CREATE TABLE IF NOT EXISTS ref_values (project_id INTEGER NOT NULL, owner TEXT NOT NULL, core TEXT NOT NULL,
  name TEXT NOT NULL, value TEXT NOT NULL, unit TEXT NOT NULL, op TEXT NOT NULL, num REAL NOT NULL);
CREATE INDEX IF NOT EXISTS ref_values_core ON ref_values(owner, core);
CREATE VIRTUAL TABLE IF NOT EXISTS ref_fts USING fts5(name, body, terms, tokenize='trigram');
"""


class LibraryFull(ValueError):
    """The user's reference library is at its cap; ``str()`` is the Chinese message for the user."""


@dataclass(frozen=True)
class Provenance:
    """Where a reference table came from and who added it when."""

    table_id: int
    file_name: str
    sha256: str
    added: str
    owner: str
    department: str | None
    title: str | None
    projects: int


@dataclass(frozen=True)
class ReferenceHit:
    """A reference project ranked for a description, with the matched terms and its table's provenance."""

    project: Project
    score: float
    terms: tuple[str, ...]
    provenance: Provenance


@dataclass(frozen=True)
class AddResult:
    """What an add did: ``added`` False with a message when the same file was already in."""

    added: bool
    table_id: int
    projects: int
    message: str


def user_data_dir() -> Path:
    """The user data dir (the product's one helper for it)."""
    from assistant.paths import data_dir

    return data_dir()


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER") or "user"


def _project_text(p: Project) -> tuple[str, str]:
    names = " ".join(i.name for i in p.indicators())
    return p.name, f"{p.goal or ''} {p.fields.get('项目内容', '') if p.fields else ''} {names}"


def _values(p: Project) -> list[tuple[str, str, str, str, str, float]]:
    from assistant.library.vocab import core

    out = []
    for ind in p.indicators():
        parts = ind.target.parts
        if ind.target.kind != "quantitative" or len(parts) != 1:
            continue
        part = parts[0]
        if part.value is None or part.op.value == "range" or not part.unit or part.unit == "日期":
            continue
        out.append((core(ind.name), ind.name, ind.value, part.unit, part.op.value, float(part.value)))
    return out


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


class ReferenceStore:
    """The reference projects of one user, in SQLite (``path`` None: the user data dir). Thread-safe."""

    def __init__(self, path: Path | str | None = None, user: str | None = None, *,
                 max_projects: int = MAX_PROJECTS) -> None:
        if path is None:
            path = user_data_dir() / FILE_NAME
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.path = str(path)
        self.user = user or current_user()
        self.max_projects = max_projects
        self._lock = threading.RLock()
        self._db = sqlite3.connect(self.path, check_same_thread=False)
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def count(self) -> int:
        """Projects this user has in the store."""
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM ref_projects WHERE owner=?", (self.user,)).fetchone()[0]

    def tables(self) -> list[Provenance]:
        """This user's reference tables, newest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, file_name, sha256, added, owner, department, title, projects FROM ref_tables"
                " WHERE owner=? ORDER BY id DESC", (self.user,)).fetchall()
        return [Provenance(*r) for r in rows]

    def add(self, table: Table, *, file_name: str, sha256: str, department: str | None = None,
            added: str | None = None) -> AddResult:
        """Add ``table`` for this user. Refuses (``LibraryFull``) when it would pass the cap; returns
        ``added=False`` when a file with the same sha256 is already in."""
        from assistant.library.retrieval import index

        vocabulary = index().vocabulary
        n = len(table.projects)
        with self._lock:
            row = self._db.execute("SELECT id, projects FROM ref_tables WHERE owner=? AND sha256=?",
                                   (self.user, sha256)).fetchone()
            if row:
                return AddResult(False, row[0], row[1], f"“{file_name}”已在参考库中，未重复加入。")
            have = self.count()
            tables = self._db.execute("SELECT COUNT(*) FROM ref_tables WHERE owner=?", (self.user,)).fetchone()[0]
            if have + n > self.max_projects or tables >= MAX_TABLES:
                raise LibraryFull(
                    f"参考库已满：已有{have}个项目、{tables}张表（上限{self.max_projects}个项目、{MAX_TABLES}张表），"
                    f"“{file_name}”的{n}个项目未加入。请先用 jixiao library list 查看、jixiao library remove 编号 "
                    f"删除不再需要的参考表，再加入。 / "
                    f"Reference library full ({have} projects, limit {self.max_projects}); {file_name} was not added.")
            when = added or _dt.datetime.now().astimezone().isoformat(timespec="seconds")
            cur = self._db.execute(
                "INSERT INTO ref_tables (owner, file_name, sha256, added, department, title, projects)"
                " VALUES (?,?,?,?,?,?,?)",
                (self.user, file_name, sha256, when, department or table.department, table.title, n))
            table_id = int(cur.lastrowid or 0)
            for p in table.projects:
                pid = self._db.execute("INSERT INTO ref_projects (table_id, owner, name, data) VALUES (?,?,?,?)",
                                       (table_id, self.user, p.name, p.model_dump_json())).lastrowid
                name, body = _project_text(p)
                terms = " ".join(f"{WRAP}{t}{WRAP}" for t in vocabulary.find(f"{name} {body}"))
                self._db.execute("INSERT INTO ref_fts (rowid, name, body, terms) VALUES (?,?,?,?)",
                                 (pid, name, body, terms))
                self._db.executemany(
                    "INSERT INTO ref_values (project_id, owner, core, name, value, unit, op, num) VALUES (?,?,?,?,?,?,?,?)",
                    [(pid, self.user, *row) for row in _values(p)])
            self._db.commit()
        return AddResult(True, table_id, n, f"已将“{file_name}”的{n}个项目加入参考库（现有{have + n}个）。")

    def remove(self, table_id: int) -> bool:
        """Remove one of this user's tables and its projects; False when there is no such table."""
        with self._lock:
            ids = [r[0] for r in self._db.execute(
                "SELECT p.id FROM ref_projects p JOIN ref_tables t ON t.id=p.table_id WHERE t.id=? AND t.owner=?",
                (table_id, self.user))]
            self._db.executemany("DELETE FROM ref_fts WHERE rowid=?", [(i,) for i in ids])
            self._db.executemany("DELETE FROM ref_values WHERE project_id=?", [(i,) for i in ids])
            cur = self._db.execute("DELETE FROM ref_tables WHERE id=? AND owner=?", (table_id, self.user))
            self._db.execute("DELETE FROM ref_projects WHERE table_id=?", (table_id,))
            self._db.commit()
            return cur.rowcount > 0

    def values(self, name: str) -> list[tuple[str, str, str, str, str, float]]:
        """(project, indicator, value, unit, comparator, number) of this user's reference indicators whose
        name, without parenthetical remarks, is ``name``'s; single numeric targets only, no dates."""
        from assistant.library.vocab import core

        with self._lock:
            return self._db.execute(
                "SELECT p.name, v.name, v.value, v.unit, v.op, v.num FROM ref_values v"
                " JOIN ref_projects p ON p.id = v.project_id WHERE v.owner=? AND v.core=? ORDER BY v.rowid",
                (self.user, core(name))).fetchall()

    def similar(self, text: str, k: int = 5) -> list[ReferenceHit]:
        """This user's ``k`` reference projects closest to the description ``text``, best first."""
        from assistant.library.retrieval import index

        terms = index().vocabulary.find(text)
        if not terms:
            return []
        parts = [f"terms : {_quote(WRAP + t + WRAP)}" for t in terms]
        parts += [f"name : {_quote(t)}" for t in terms if len(t) >= 3]
        query = " OR ".join(parts)
        with self._lock:
            rows = self._db.execute(
                "SELECT f.rowid, bm25(ref_fts, ?, ?, ?) AS s, p.data, f.terms, t.id, t.file_name, t.sha256, t.added,"
                " t.owner, t.department, t.title, t.projects FROM ref_fts f"
                " JOIN ref_projects p ON p.id = f.rowid JOIN ref_tables t ON t.id = p.table_id"
                " WHERE ref_fts MATCH ? AND p.owner = ? ORDER BY s LIMIT ?",
                (*WEIGHTS, query, self.user, k)).fetchall()
        out = []
        for _rowid, score, data, found, *prov in rows:
            have = set(found.replace(WRAP, " ").split())
            out.append(ReferenceHit(Project.model_validate_json(data), round(-score, 4),
                                    tuple(t for t in terms if t in have), Provenance(*prov)))
        return out


_STORES: dict[tuple[str, str], ReferenceStore] = {}
_STORES_LOCK = threading.Lock()


def reference_store(user: str | None = None) -> ReferenceStore:
    """The user's store in the user data dir, opened once per process."""
    user = user or current_user()
    key = (str(user_data_dir() / FILE_NAME), user)
    with _STORES_LOCK:
        if key not in _STORES:
            _STORES[key] = ReferenceStore(Path(key[0]), user)
        return _STORES[key]


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def table_digest(table: Table) -> str:
    payload = json.dumps([table.title, table.department, [p.model_dump(mode="json", exclude={"position", "line"})
                                                          for p in table.projects]], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def add_to_library(table: Table, path: str | Path | None = None, *, user: str | None = None,
                   department: str | None = None, store: ReferenceStore | None = None) -> AddResult:
    """Add a reviewed table to the user's reference library because the user asked to (CLI flag or the
    page's button). The sha256 is the file's when ``path`` exists, else the table content's. Raises
    ``LibraryFull`` at the cap; storage errors surface as ``OSError``/``sqlite3.Error`` to the caller."""
    file = Path(path) if path else None
    digest = file_digest(file) if file and file.is_file() else table_digest(table)
    name = file.name if file else (table.source or table.title or "未命名表格")
    return (store or reference_store(user)).add(table, file_name=name, sha256=digest, department=department)
