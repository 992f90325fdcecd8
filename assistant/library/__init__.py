"""The indicator library (指标库) and the reference projects that drafting is grounded in.

Records (``Record``) follow the ministry's library shape (行业领域, 项目类型, 一级/二级/三级, 指标解释, 计算公式,
计量单位, 方向, 取值依据, 典型值, 数据来源, 关键词, 核心指标, source line). They ship as
``data/indicators.jsonl``, regenerated from reviewed sources by ``python -m assistant.library.build``.

    search(text, k=40, layout="legacy") -> list[Hit]   records for a whole description, mixed across types;
                                                       each Hit has .record, .score, .terms (what matched)
    kinds_for(text) -> list[KindScore]                 the project types that fit, with the matched terms
    get(record_id) -> Record | None                    one record by id (e.g. "K22.2-04")
    records(), kinds()                                 everything shipped
    terms_in(text) -> list[str]                        the library terms found in a text (the query)

Reference projects (reviewed tables) join only when the user asks:

    ReferenceStore(path=None, user=None)               per-user SQLite store under the user data dir, bounded
      .add(table, file_name=..., sha256=..., department=...) -> AddResult   (refuses past the cap: LibraryFull)
      .similar(text, k=5) -> list[ReferenceHit]        FTS5-ranked reference projects with provenance
    add_to_library(table, path, user=None) -> AddResult   what `jixiao review --add-to-library` and the
                                                       page's button call
    references_for(text, k=3) -> list[Reference]       what drafting shows as reference projects: the
                                                       user's opted-in projects, then library project types
                                                       (``assistant.examples.default_library()`` wraps it)
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "Kind": "record", "Record": "record",
    "Hit": "retrieval", "KindScore": "retrieval", "get": "retrieval", "kinds": "retrieval", "kinds_for": "retrieval",
    "records": "retrieval", "search": "retrieval", "terms_in": "retrieval",
    "AddResult": "references", "LibraryFull": "references", "Provenance": "references", "ReferenceHit": "references",
    "ReferenceStore": "references", "add_to_library": "references", "reference_store": "references",
    "Reference": "reference_projects", "references_for": "reference_projects",
}
__all__ = ["AddResult", "Hit", "Kind", "KindScore", "LibraryFull", "Provenance", "Record", "Reference",
           "ReferenceHit", "ReferenceStore", "add_to_library", "get", "kinds", "kinds_for", "records",
           "reference_store", "references_for", "search", "terms_in"]

if TYPE_CHECKING:
    from assistant.library.record import Kind, Record
    from assistant.library.reference_projects import Reference, references_for
    from assistant.library.references import (
        AddResult,
        LibraryFull,
        Provenance,
        ReferenceHit,
        ReferenceStore,
        add_to_library,
        reference_store,
    )
    from assistant.library.retrieval import Hit, KindScore, get, kinds, kinds_for, records, search, terms_in


def __getattr__(name: str) -> Any:
    """Load the public names on first use, so that the command line starts fast."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'assistant.library' has no attribute {name!r}")
    value = getattr(import_module(f"assistant.library.{_EXPORTS[name]}"), name)
    globals()[name] = value
    return value
