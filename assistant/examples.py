"""Project-level example retrieval over given tables, and the user data dir.

``Library`` indexes given tables (BM25 over character bigrams) for leave-one-out evaluation and tests;
``default_library()`` is the drafting library, ``CuratedLibrary``: the user's opted-in reference tables and
the indicator library's project types (``assistant.library``). No table joins it automatically and the
seed table is not in it. User data lives where :func:`assistant.paths.data_dir` says.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import sqlite3
import statistics
import threading
import time
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from assistant.model import Indicator, Project, Table
from assistant.paths import data_dir

SEED = Path(__file__).resolve().parent / "data" / "gz-gongxinju-2023.txt"

_TOKEN = re.compile(r"[A-Za-z]+|\d+(?:\.\d+)?|[\u3400-\u9fff]+")
_FOLD = str.maketrans("０１２３４５６７８９．（）", "0123456789.()")


def tokens(text: str) -> list[str]:
    """Character bigrams of Chinese runs (a lone character stands for itself), Latin words and numbers."""
    out: list[str] = []
    for run in _TOKEN.findall((text or "").translate(_FOLD)):
        if run[0] >= "\u3400":
            out.extend([run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)])
        else:
            out.append(run.lower())
    return out


class BM25:
    """Okapi BM25 over pre-tokenised documents."""

    def __init__(self, docs: list[list[str]], k1: float = 1.5, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.tf = [Counter(d) for d in docs]
        self.len = [len(d) for d in docs]
        self.avg = (sum(self.len) / len(docs)) if docs else 0.0
        df: Counter[str] = Counter()
        for counts in self.tf:
            df.update(counts.keys())
        n = len(docs)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}
        self.postings: dict[str, list[int]] = {}
        for i, counts in enumerate(self.tf):
            for t in counts:
                self.postings.setdefault(t, []).append(i)

    def scores(self, query: list[str]) -> dict[int, float]:
        out: dict[int, float] = {}
        for term in set(query):
            idf = self.idf.get(term)
            if idf is None:
                continue
            for i in self.postings[term]:
                f = self.tf[i][term]
                norm = f * (self.k1 + 1) / (f + self.k1 * (1 - self.b + self.b * self.len[i] / (self.avg or 1)))
                out[i] = out.get(i, 0.0) + idf * norm
        return out


@dataclass(frozen=True)
class ProjectMatch:
    """A similar project: the project, its score, and where it comes from."""

    project: Project
    score: float
    source: str | None = None
    department: str | None = None
    key: str = ""


@dataclass
class ValueRange:
    """What similar indicators use: min/median/max in one unit, with the (project, indicator, value) rows."""

    query: str
    unit: str | None
    n: int
    min: float
    median: float
    max: float
    op: str | None = None
    examples: list[tuple[str, str, str]] = field(default_factory=list)

    def hint(self) -> str:
        """One Chinese line for a prompt or a reason column."""
        unit = self.unit or ""
        names = "、".join(sorted({p for p, _, _ in self.examples}))[:120]
        if self.min == self.max:
            return f"同类指标{self.n}例均为{_fmt(self.min)}{unit}（来自：{names}）"
        return (f"同类指标{self.n}例：最小{_fmt(self.min)}{unit}，中位{_fmt(self.median)}{unit}，"
                f"最大{_fmt(self.max)}{unit}（来自：{names}）")


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


@dataclass
class _Row:
    key: str
    project: Project
    source: str | None
    department: str | None


def _project_text(p: Project) -> str:
    names = " ".join(i.name for i in p.indicators())
    return f"{p.name} {p.name} {p.goal} {p.fields.get('项目内容', '')} {names}"


def _digest(table: Table) -> str:
    payload = json.dumps([table.title, table.department, [p.model_dump(mode="json", exclude={"position", "line"})
                                                          for p in table.projects]],
                         ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


_SCHEMA = """
CREATE TABLE IF NOT EXISTS tables (id INTEGER PRIMARY KEY, digest TEXT UNIQUE, source TEXT, title TEXT,
  department TEXT, added REAL);
CREATE TABLE IF NOT EXISTS projects (id INTEGER PRIMARY KEY, table_id INTEGER, idx INTEGER, name TEXT,
  goal TEXT, unit TEXT, amount REAL, data TEXT);
CREATE TABLE IF NOT EXISTS indicators (id INTEGER PRIMARY KEY, project_id INTEGER, grp INTEGER, item INTEGER,
  category TEXT, subcategory TEXT, name TEXT, value TEXT, unit TEXT, op TEXT, num REAL);
CREATE INDEX IF NOT EXISTS ind_name ON indicators(name);
"""


class Library:
    """Known tables in one SQLite file (``":memory:"`` for a throwaway library). Thread-safe."""

    def __init__(self, path: Path | str | None = None, *, seed: bool = True) -> None:
        if path is None:
            path = data_dir() / "examples.sqlite3"
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.path = str(path)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(self.path, check_same_thread=False)
        self._db.executescript(_SCHEMA)
        self._index: tuple[list[_Row], BM25, list[tuple[int, int, Indicator]], BM25] | None = None
        if seed:
            from assistant.parse import read_path

            self.add(read_path(SEED), source="内置示例：" + SEED.name)

    @classmethod
    def of(cls, *tables: Table) -> Library:
        """An in-memory library holding exactly ``tables`` (no seed)."""
        lib = cls(":memory:", seed=False)
        for t in tables:
            lib.add(t)
        return lib

    def add(self, table: Table, source: str | None = None) -> bool:
        """Index ``table``; False when the same content is already in. Never changes stored tables."""
        digest = _digest(table)
        with self._lock:
            if self._db.execute("SELECT 1 FROM tables WHERE digest=?", (digest,)).fetchone():
                return False
            cur = self._db.execute(
                "INSERT INTO tables (digest, source, title, department, added) VALUES (?,?,?,?,?)",
                (digest, source or table.source, table.title, table.department, time.time()))
            table_id = cur.lastrowid
            for idx, p in enumerate(table.projects):
                pid = self._db.execute(
                    "INSERT INTO projects (table_id, idx, name, goal, unit, amount, data) VALUES (?,?,?,?,?,?,?)",
                    (table_id, idx, p.name, p.goal, p.unit, p.amount, p.model_dump_json())).lastrowid
                for g, group in enumerate(p.groups, 1):
                    for i, ind in enumerate(group, 1):
                        part = ind.target.parts[0] if len(ind.target.parts) == 1 else None
                        self._db.execute(
                            "INSERT INTO indicators (project_id, grp, item, category, subcategory, name, value, unit,"
                            " op, num) VALUES (?,?,?,?,?,?,?,?,?,?)",
                            (pid, g, i, ind.category, ind.subcategory, ind.name, ind.value,
                             part.unit if part else ind.unit, part.op.value if part else None,
                             part.value if part and ind.target.kind == "quantitative" else None))
            self._db.commit()
            self._index = None
        return True

    def table_count(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM tables").fetchone()[0]

    def _load(self) -> tuple[list[_Row], BM25, list[tuple[int, int, Indicator]], BM25]:
        with self._lock:
            if self._index is not None:
                return self._index
            rows: list[_Row] = []
            seen: set[str] = set()
            query = ("SELECT p.id, p.data, t.source, t.department FROM projects p JOIN tables t ON t.id=p.table_id "
                     "ORDER BY p.id")
            for pid, data, source, dept in self._db.execute(query):
                project = Project.model_validate_json(data)
                dedup = hashlib.sha256(json.dumps(
                    [project.name, project.goal, [(i.name, i.value) for i in project.indicators()]],
                    ensure_ascii=False).encode()).hexdigest()
                if dedup in seen:
                    continue
                seen.add(dedup)
                rows.append(_Row(str(pid), project, source, dept))
            indicators = [(r, n, ind) for r, row in enumerate(rows)
                          for n, ind in enumerate(row.project.indicators())]
            self._index = (rows, BM25([tokens(_project_text(r.project)) for r in rows]),
                           indicators, BM25([tokens(ind.name) for _, _, ind in indicators]))
            return self._index

    def similar_projects(self, text: str, k: int = 3, *, exclude: set[str] | None = None) -> list[ProjectMatch]:
        """The ``k`` projects most similar to ``text`` (a name, goal and content), best first.
        ``exclude`` holds project names to leave out (for leave-one-out)."""
        rows, bm25, _, _ = self._load()
        scored = sorted(bm25.scores(tokens(text)).items(), key=lambda kv: (-kv[1], kv[0]))
        out: list[ProjectMatch] = []
        for i, score in scored:
            row = rows[i]
            if exclude and row.project.name in exclude:
                continue
            out.append(ProjectMatch(row.project, round(score, 3), row.source, row.department, row.key))
            if len(out) >= k:
                break
        return out

    def value_range(self, name: str, unit: str | None = None, *, min_overlap: float = 0.5,
                    exclude: set[str] | None = None) -> ValueRange | None:
        """Min/median/max of the numeric values that indicators named like ``name`` use.

        Only indicators sharing at least ``min_overlap`` of the name's bigrams count; with ``unit`` only
        that unit, else the most frequent unit among them. None when nothing comparable is known."""
        rows, _, indicators, bm25 = self._load()
        query = tokens(name)
        if not query:
            return None
        qset = set(query)
        found: list[tuple[str, Indicator]] = []
        for i, _score in sorted(bm25.scores(query).items(), key=lambda kv: -kv[1]):
            r, _, ind = indicators[i]
            project = rows[r].project.name
            if exclude and project in exclude:
                continue
            if len(qset & set(tokens(ind.name))) / len(qset) < min_overlap:
                continue
            if ind.target.kind != "quantitative" or len(ind.target.parts) != 1:
                continue
            part = ind.target.parts[0]
            if part.value is None or part.op.value == "range" or not part.unit or part.unit == "日期":
                continue
            found.append((project, ind))
        if unit is None and found:
            unit = Counter(ind.target.parts[0].unit for _, ind in found).most_common(1)[0][0]
        same = [(p, ind) for p, ind in found if ind.target.parts[0].unit == unit]
        if not same:
            return None
        values = [float(ind.target.parts[0].value) for _, ind in same]
        ops = Counter(ind.target.parts[0].op.value for _, ind in same)
        return ValueRange(name, unit, len(values), min(values), statistics.median(values), max(values),
                          ops.most_common(1)[0][0], [(p, ind.name, ind.value) for p, ind in same[:8]])


class CuratedLibrary(Library):
    """The drafting library: the user's opted-in reference tables (``assistant.library.references``), then
    the indicator library's project types. Nothing joins it without the user's choice, and the seed table
    is not in it."""

    def __init__(self, user: str | None = None) -> None:
        super().__init__(":memory:", seed=False)
        self.path = str(data_dir() / "references.sqlite3")
        self.user = user

    def table_count(self) -> int:
        from assistant.library.references import reference_store

        return len(reference_store(self.user).tables())

    def similar_projects(self, text: str, k: int = 3, *, exclude: set[str] | None = None) -> list[ProjectMatch]:
        from assistant.library.reference_projects import references_for
        from assistant.library.references import reference_store

        return [ProjectMatch(r.project, round(r.score, 3), r.source, r.department, r.key)
                for r in references_for(text, k, exclude=exclude, store=reference_store(self.user))]

    def value_range(self, name: str, unit: str | None = None, *, min_overlap: float = 0.5,
                    exclude: set[str] | None = None) -> ValueRange | None:
        """Values that the user's reference projects give indicators of the same name (the indicator
        library holds value forms, not values); None when none is comparable."""
        from assistant.library.references import reference_store

        try:
            rows = [r for r in reference_store(self.user).values(name) if not exclude or r[0] not in exclude]
        except (sqlite3.Error, OSError):
            return None
        if unit is None and rows:
            unit = Counter(r[3] for r in rows).most_common(1)[0][0]
        same = [r for r in rows if r[3] == unit]
        if not same:
            return None
        values = [r[5] for r in same]
        ops = Counter(r[4] for r in same)
        return ValueRange(name, unit, len(values), min(values), statistics.median(values), max(values),
                          ops.most_common(1)[0][0], [(r[0], r[1], r[2]) for r in same[:8]])


_DEFAULT: Library | None = None
_DEFAULT_LOCK = threading.Lock()
_BY_USER: OrderedDict[str, CuratedLibrary] = OrderedDict()
_USERS_KEPT = 64


def default_library(user: str | None = None) -> Library:
    """The drafting library of ``user`` (the local user when None; see ``CuratedLibrary``), opened once per
    process and user."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        here = str(data_dir() / "references.sqlite3")
        if user is not None:
            mine = _BY_USER.get(user)
            if mine is None or mine.path != here:
                mine = _BY_USER[user] = CuratedLibrary(user)
            _BY_USER.move_to_end(user)
            while len(_BY_USER) > _USERS_KEPT:
                _BY_USER.popitem(last=False)
            return mine
        if _DEFAULT is None or _DEFAULT.path != here:
            _DEFAULT = CuratedLibrary()
        return _DEFAULT
