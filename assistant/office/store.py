"""SQLite store of reviewed versions and of the reviewer's decisions per finding.

Every run keeps its date, the input file's sha256, the review policy, the rule version and, for model
findings, the model and prompt version, so a bureau can show what was checked and with what. A decision
(确认 / 不是问题 / 待定, with a comment) belongs to a department's project and a finding key
(:func:`assistant.office.keys.finding_key`), so it carries over to the next version of the same project.

Runs and decisions belong to an owner (``runs.user``, ``decisions.owner``): the page's login name (or its
browser), ``""`` for the local command line. Every read takes the owner and sees only that owner's rows,
so no page user lists, opens, compares, reuses or decides on another's runs. A decision also keeps who made
it (``decisions.user``).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from datetime import datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from assistant.model import Finding, Table
from assistant.office.keys import finding_key
from assistant.review.result import ReviewReport

DecisionValue = Literal["确认", "不是问题", "待定"]
DECISIONS: tuple[str, ...] = ("确认", "不是问题", "待定")

_DECISIONS_COLUMNS = """ decisions (
  owner TEXT NOT NULL DEFAULT '',
  department TEXT NOT NULL,
  project TEXT NOT NULL,
  fkey TEXT NOT NULL,
  decision TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  user TEXT NOT NULL DEFAULT '',
  run_id INTEGER,
  updated TEXT NOT NULL,
  PRIMARY KEY (owner, department, project, fkey)
);
"""
_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  created TEXT NOT NULL,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  department TEXT NOT NULL,
  policy TEXT NOT NULL,
  rules_version TEXT NOT NULL,
  engine TEXT NOT NULL DEFAULT 'rules',
  model TEXT,
  prompt_version TEXT,
  user TEXT NOT NULL DEFAULT '',
  table_json TEXT NOT NULL,
  report_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS runs_by_input ON runs (sha256, policy, rules_version, engine);
CREATE INDEX IF NOT EXISTS runs_by_user ON runs (user, id);
CREATE TABLE IF NOT EXISTS run_projects (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  department TEXT NOT NULL,
  project TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS run_projects_by_name ON run_projects (department, project);
CREATE TABLE IF NOT EXISTS""" + _DECISIONS_COLUMNS
_OWNED_DECISIONS = """
ALTER TABLE decisions RENAME TO decisions_unowned;
CREATE TABLE""" + _DECISIONS_COLUMNS + """INSERT OR REPLACE INTO decisions
  SELECT COALESCE((SELECT r.user FROM runs r WHERE r.id = d.run_id), ''), d.department, d.project, d.fkey,
         d.decision, d.comment, d.user, d.run_id, d.updated
  FROM decisions_unowned d ORDER BY d.updated;
DROP TABLE decisions_unowned;
"""


class StoredRun(BaseModel):
    """One reviewed version of one input file (without its table and report bodies)."""

    id: int
    created: str
    file_name: str
    sha256: str
    department: str
    policy: str
    rules_version: str
    engine: str = "rules"
    model: str | None = None
    prompt_version: str | None = None
    user: str = ""


class Decision(BaseModel):
    """The reviewer's call on one finding of one project."""

    department: str
    project: str
    key: str
    decision: DecisionValue
    comment: str = ""
    user: str = ""
    owner: str = ""
    run_id: int | None = None
    updated: str


def default_path() -> Path:
    """``$JIXIAO_HOME/office.sqlite3``, else under the XDG data dir."""
    home = os.environ.get("JIXIAO_HOME")
    if home:
        base = Path(home)
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "jixiao"
    return base / "office.sqlite3"


class OfficeStore:
    """Thread-safe access to one SQLite file (WAL mode, busy timeout)."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(_SCHEMA)
        if "owner" not in {row[1] for row in self._db.execute("PRAGMA table_info(decisions)")}:
            self._db.executescript("BEGIN;" + _OWNED_DECISIONS + "COMMIT;")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # runs -------------------------------------------------------------------------------------------
    def save_run(self, *, file_name: str, sha256: str, department: str, policy: str, rules_version: str,
                 table: Table, report: ReviewReport, engine: str = "rules", model: str | None = None,
                 prompt_version: str | None = None, user: str = "") -> int:
        now = datetime.now().isoformat(timespec="seconds")
        with self._lock, self._db:
            cur = self._db.execute(
                "INSERT INTO runs (created, file_name, sha256, department, policy, rules_version, engine, model, "
                "prompt_version, user, table_json, report_json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (now, file_name, sha256, department, policy, rules_version, engine, model, prompt_version, user,
                 table.model_dump_json(), report.model_dump_json()))
            run_id = int(cur.lastrowid or 0)
            self._db.executemany("INSERT INTO run_projects (run_id, department, project) VALUES (?,?,?)",
                                 [(run_id, department, p.name) for p in table.projects])
        return run_id

    def _run(self, row: sqlite3.Row) -> StoredRun:
        return StoredRun(**{k: row[k] for k in StoredRun.model_fields})

    def find_run(self, sha256: str, policy: str, rules_version: str, engine: str = "rules", *,
                 owner: str = "") -> StoredRun | None:
        """The owner's newest run of the same input under the same policy and rules, if any (resume)."""
        with self._lock:
            row = self._db.execute(
                "SELECT * FROM runs WHERE sha256=? AND policy=? AND rules_version=? AND engine=? AND user=? "
                "ORDER BY id DESC LIMIT 1", (sha256, policy, rules_version, engine, owner)).fetchone()
        return self._run(row) if row else None

    def runs(self, limit: int = 200, *, owner: str = "") -> list[StoredRun]:
        """The owner's runs, newest first."""
        with self._lock:
            rows = self._db.execute("SELECT * FROM runs WHERE user=? ORDER BY id DESC LIMIT ?",
                                    (owner, limit)).fetchall()
        return [self._run(r) for r in rows]

    def get_run(self, run_id: int, *, owner: str = "") -> StoredRun | None:
        """Run ``run_id`` when it belongs to ``owner``; ``None`` when it does not exist or is another's."""
        with self._lock:
            row = self._db.execute("SELECT * FROM runs WHERE id=? AND user=?", (run_id, owner)).fetchone()
        return self._run(row) if row else None

    def load(self, run_id: int, *, owner: str = "") -> tuple[Table, ReviewReport]:
        """The table and report of the owner's stored run; :class:`KeyError` for another's."""
        with self._lock:
            row = self._db.execute("SELECT table_json, report_json FROM runs WHERE id=? AND user=?",
                                   (run_id, owner)).fetchone()
        if row is None:
            raise KeyError(run_id)
        return Table.model_validate_json(row["table_json"]), ReviewReport.model_validate_json(row["report_json"])

    def previous_run(self, department: str, projects: list[str], *, before: int | None = None,
                     exclude_sha256: str | None = None, owner: str = "") -> StoredRun | None:
        """The owner's newest earlier run of the same department that reviewed any of ``projects``."""
        if not projects:
            return None
        marks = ",".join("?" * len(projects))
        sql = (f"SELECT r.* FROM runs r JOIN run_projects p ON p.run_id = r.id WHERE r.user=? AND p.department=? "
               f"AND p.project IN ({marks})")
        args: list[object] = [owner, department, *projects]
        if before is not None:
            sql += " AND r.id < ?"
            args.append(before)
        if exclude_sha256:
            sql += " AND r.sha256 <> ?"
            args.append(exclude_sha256)
        sql += " ORDER BY r.id DESC LIMIT 1"
        with self._lock:
            row = self._db.execute(sql, args).fetchone()
        return self._run(row) if row else None

    # decisions --------------------------------------------------------------------------------------
    def decide(self, department: str, finding: Finding, decision: str, comment: str = "", *, user: str = "",
               run_id: int | None = None, owner: str = "") -> Decision:
        """Record (or replace) the owner's decision on ``finding``, made by ``user``; ``decision`` is one of
        :data:`DECISIONS`."""
        if decision not in DECISIONS:
            raise ValueError(f"处理意见只能是 {'、'.join(DECISIONS)} / decision must be one of {DECISIONS}")
        now = datetime.now().isoformat(timespec="seconds")
        d = Decision.model_validate({"department": department, "project": finding.project or "",
                                     "key": finding_key(finding), "decision": decision, "comment": comment,
                                     "user": user, "owner": owner, "run_id": run_id, "updated": now})
        with self._lock, self._db:
            self._db.execute(
                "INSERT INTO decisions (owner, department, project, fkey, decision, comment, user, run_id, updated) "
                "VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT (owner, department, project, fkey) DO UPDATE SET "
                "decision=excluded.decision, comment=excluded.comment, user=excluded.user, "
                "run_id=excluded.run_id, updated=excluded.updated",
                (d.owner, d.department, d.project, d.key, d.decision, d.comment, d.user, d.run_id, d.updated))
        return d

    def decisions(self, department: str, projects: list[str] | None = None, *,
                  owner: str = "") -> dict[str, Decision]:
        """The owner's decisions on a department (optionally only some projects), by finding key."""
        sql, args = "SELECT * FROM decisions WHERE owner=? AND department=?", [owner, department]
        if projects is not None:
            if not projects:
                return {}
            sql += f" AND project IN ({','.join('?' * len(projects))})"
            args.extend(projects)
        with self._lock:
            rows = self._db.execute(sql, args).fetchall()
        return {r["fkey"]: Decision(department=r["department"], project=r["project"], key=r["fkey"],
                                    decision=r["decision"], comment=r["comment"], user=r["user"],
                                    owner=r["owner"], run_id=r["run_id"], updated=r["updated"]) for r in rows}

    def decisions_for(self, department: str, report: ReviewReport, *, owner: str = "") -> dict[str, Decision]:
        """The owner's decisions that apply to the findings of ``report``, by finding key."""
        return self.decisions(department, sorted({f.project or "" for f in report.findings}), owner=owner)
