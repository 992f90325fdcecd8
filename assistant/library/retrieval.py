"""Ranking library records against a whole project description with SQLite FTS5 (BM25, weighted by field).

The shipped records are loaded once per process into an in-memory FTS5 table (trigram tokenizer). Routing
words sit in their columns wrapped as ``‖培训‖`` so that a two-character word becomes a matchable token
and matches only whole words. A query is the OR of the library terms found in the description
(``vocab.Vocabulary.find``); BM25 gives each matched term its weight, rare terms counting most."""

from __future__ import annotations

import json
import math
import sqlite3
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant.library.record import Kind, Layout, Record
from assistant.library.vocab import Vocabulary, core, name_terms

DATA = Path(__file__).resolve().parent / "data"
WRAP = "‖"
# bm25() weights, one per FTS column: name, aliases, keywords, kind, definition
WEIGHTS = (4.0, 3.0, 2.0, 1.5, 0.5)
CORE_BOOST = 1.25
# a kind whose best record scores below this share of the best kind's is left out (noise from one word)
KIND_FLOOR = 0.3
# a kind whose matched terms all matched a better kind already brings no new evidence: its score is scaled
REDUNDANT = 0.5


@dataclass(frozen=True)
class Hit:
    """A library record ranked for a description: the record (in the layout asked for), its score, the
    description's terms that matched it, and the score of its project type."""

    record: Record
    score: float
    terms: tuple[str, ...]
    kind_score: float


@dataclass(frozen=True)
class KindScore:
    """A project type ranked for a description, with the terms that are the evidence."""

    kind: Kind
    score: float
    terms: tuple[str, ...]


def _wrap(words: list[str]) -> str:
    return " ".join(f"{WRAP}{w}{WRAP}" for w in words)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


class Index:
    """The shipped records and kinds, indexed in an in-memory FTS5 table. Thread-safe."""

    def __init__(self, records: list[Record], kinds: list[Kind], stop: set[str] | None = None) -> None:
        self.records = records
        self.by_id = {r.id: r for r in records}
        self.kinds = {k.code: k for k in kinds}
        self._lock = threading.Lock()
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute("CREATE VIRTUAL TABLE rec USING fts5(name, aliases, keywords, kind, definition,"
                         " tokenize='trigram')")
        terms: set[str] = set()
        rows = []
        for i, r in enumerate(records):
            own = [core(r.name), *name_terms(r.name), *r.aliases]
            kind = self.kinds.get(r.kind)
            shared = set(kind.keywords) if kind else set()
            rows.append((i, _wrap(name_terms(r.name)), _wrap(r.aliases), _wrap([w for w in r.keywords if w not in shared]),
                         _wrap([*(kind.keywords if kind else []), r.kind_name]), f"{r.definition} {r.formula or ''}"))
            terms.update(own)
            terms.update(r.keywords)
        self._db.executemany("INSERT INTO rec (rowid, name, aliases, keywords, kind, definition) VALUES (?,?,?,?,?,?)",
                             rows)
        for k in kinds:
            terms.update(k.keywords)
        self.vocabulary = Vocabulary(terms, stop or ())

    def _match(self, terms: list[str]) -> list[tuple[int, float]]:
        if not terms:
            return []
        parts = [f"{{name aliases keywords kind}} : {_quote(WRAP + t + WRAP)}" for t in terms]
        parts += [f"definition : {_quote(t)}" for t in terms if len(t) >= 3]
        query = " OR ".join(parts)
        with self._lock:
            return [(rowid, -score) for rowid, score in self._db.execute(
                "SELECT rowid, bm25(rec, ?, ?, ?, ?, ?) FROM rec WHERE rec MATCH ? ", (*WEIGHTS, query))]

    def _matched(self, r: Record, terms: list[str]) -> tuple[str, ...]:
        kind = self.kinds.get(r.kind)
        words = set(r.keywords) | set(r.aliases) | set(name_terms(r.name)) | set(kind.keywords if kind else ())
        return tuple(t for t in terms if t in words or (len(t) >= 3 and t in r.definition))

    def rank(self, text: str) -> tuple[list[Hit], list[KindScore]]:
        """Every matching record and kind for ``text``, best first, before the floor and the cut."""
        terms = self.vocabulary.find(text)
        scored = []
        for rowid, score in self._match(terms):
            r = self.records[rowid]
            scored.append((r, score * (CORE_BOOST if r.is_core else 1.0)))
        by_kind: dict[str, list[float]] = {}
        kind_terms: dict[str, list[str]] = {}
        matched: dict[str, tuple[str, ...]] = {}
        for r, s in scored:
            by_kind.setdefault(r.kind, []).append(s)
            matched[r.id] = self._matched(r, terms)
            kind_terms.setdefault(r.kind, [])
            for t in matched[r.id]:
                if t not in kind_terms[r.kind]:
                    kind_terms[r.kind].append(t)
        kind_score = {k: _top_mean(v) for k, v in by_kind.items()}
        seen: set[str] = set()
        for code in sorted(kind_score, key=lambda c: (-kind_score[c], c)):
            if set(kind_terms[code]) <= seen:
                kind_score[code] *= REDUNDANT
            seen.update(kind_terms[code])
        kinds = sorted((KindScore(self.kinds[k], round(s, 4), tuple(kind_terms[k])) for k, s in kind_score.items()
                        if k in self.kinds), key=lambda ks: (-ks.score, ks.kind.code))
        hits = sorted((Hit(r, round(s, 4), matched[r.id], round(kind_score[r.kind], 4)) for r, s in scored),
                      key=lambda h: (-h.score, h.record.id))
        return hits, kinds


def _top_mean(scores: list[float], n: int = 3) -> float:
    top = sorted(scores, reverse=True)[:n]
    return sum(top) / n


@cache
def _load_records() -> tuple[Record, ...]:
    with (DATA / "indicators.jsonl").open(encoding="utf-8") as fh:
        return tuple(Record.model_validate(json.loads(line)) for line in fh if line.strip())


@cache
def _load_kinds() -> tuple[Kind, ...]:
    with (DATA / "kinds.jsonl").open(encoding="utf-8") as fh:
        return tuple(Kind.model_validate(json.loads(line)) for line in fh if line.strip())


_INDEX: Index | None = None
_INDEX_LOCK = threading.Lock()


def index() -> Index:
    """The process-wide index of the shipped library (built on first use, about 0.1 s)."""
    global _INDEX
    with _INDEX_LOCK:
        if _INDEX is None:
            from assistant.library.extra import STOP_KEYWORDS

            _INDEX = Index(list(_load_records()), list(_load_kinds()), STOP_KEYWORDS)
        return _INDEX


def records() -> tuple[Record, ...]:
    """Every shipped record, in file order."""
    return _load_records()


def kinds() -> tuple[Kind, ...]:
    """Every project type, in file order."""
    return _load_kinds()


def get(record_id: str) -> Record | None:
    """The record with this id (e.g. ``K22.2-04``), or None."""
    return index().by_id.get(record_id)


def terms_in(text: str) -> list[str]:
    """The library terms found in ``text`` (the query the search runs), longest first."""
    return index().vocabulary.find(text)


def kinds_for(text: str, *, k: int = 5) -> list[KindScore]:
    """The project types that fit ``text`` best, with the matched terms as evidence; types scoring below
    ``KIND_FLOOR`` of the best are left out."""
    _, ranked = index().rank(text)
    if not ranked:
        return []
    floor = ranked[0].score * KIND_FLOOR
    return [ks for ks in ranked if ks.score >= floor][:k]


def search(text: str, *, k: int = 40, layout: Layout = "legacy", per_kind: int | None = None) -> list[Hit]:
    """The ``k`` library records that fit the description ``text`` best (name, goal, content,
    beneficiaries, amount: pass them all), mixed across project types.

    Records of types scoring below ``KIND_FLOOR`` of the best type are left out. No type takes more than
    ``per_kind`` places while other types wait (default: a share that leaves room for three types), so a
    school-canteen inspection gets inspection, food-safety and education rows; leftover places go to the
    capped types afterwards. Records are returned in ``layout`` (legacy: 成本 under
    产出; 101: 成本 as its own 一级); rows with no place in that layout are skipped."""
    hits, ranked = index().rank(text)
    if not ranked:
        return []
    floor = ranked[0].score * KIND_FLOOR
    keep = {ks.kind.code for ks in ranked if ks.score >= floor}
    cap = per_kind or max(6, math.ceil(k * 0.45))
    taken: dict[str, int] = {}
    chosen: list[Hit] = []
    held: list[Hit] = []
    for h in hits:
        if h.record.kind not in keep:
            continue
        if taken.get(h.record.kind, 0) >= cap:
            held.append(h)
            continue
        taken[h.record.kind] = taken.get(h.record.kind, 0) + 1
        chosen.append(h)
    out: list[Hit] = []
    for h in sorted(chosen, key=lambda h: (-h.score, h.record.id)) + held:
        mapped = h.record.in_layout(layout)
        if mapped is None:
            continue
        out.append(Hit(mapped, h.score, h.terms, h.kind_score) if mapped is not h.record else h)
        if len(out) >= k:
            break
    return out
