"""A draft page's link to its stored draft: versioned saves that keep both sides of a conflict, and the
session→draft binding that lets a page left open across a server restart carry on with its draft."""

from __future__ import annotations

import threading
from typing import Any

import gradio as gr

from assistant.ui.auth import owner
from assistant.ui.store import CONFLICT_SUFFIX, DraftStore

CONFLICT = ("这份草稿刚在另一个页面（或另一个标签页）中被修改过。两个版本都已保存：那边的修改保留在原草稿中，"
            "本页的修改另存为“{title}”，可在“我的草稿”中打开比较。")
NOT_STORED = ("id", "options", "version")
_LOCK = threading.Lock()
_SESSION_LOCKS: dict[str, threading.Lock] = {}
_LAST: dict[tuple[str, str], int] = {}
_COPIES: dict[tuple[str, str | None], str] = {}
_BOUND: dict[str, str | None] = {}


def _session(request: Any) -> str | None:
    return getattr(request, "session_hash", None) if request is not None else None


def resume(store: DraftStore, state: dict[str, Any], request: Any) -> dict[str, Any]:
    """``state``, or, when it has no draft but this page session was showing one (the server restarted
    and forgot the page's state), that draft as stored."""
    session = _session(request)
    if state.get("id") or not session:
        return state
    draft_id = store.session_draft(session, owner(request))
    found = store.load_versioned(owner(request), draft_id) if draft_id else None
    if found is None:
        return state
    data, version = found
    return state | data | {"id": draft_id, "version": version}


def save(store: DraftStore, request: Any, state: dict[str, Any], rows: list[list[str]], title: str) -> dict[str, Any]:
    """Store the draft over the version the page last saw; returns the state with its id and version.
    A conflicting save becomes a copy (the other page's version stays) and the officer is told."""
    state = dict(state, rows=rows)
    data = {k: v for k, v in state.items() if k not in NOT_STORED}
    session = _session(request) or ""
    with _LOCK:
        lock = _SESSION_LOCKS.setdefault(session, threading.Lock())
    with lock:  # events of one page (quick edits) save in turn and never conflict with each other
        draft_id = _COPIES.get((session, state.get("id")), state.get("id"))
        version = state.get("version") if draft_id == state.get("id") else None
        own = _LAST.get((session, draft_id))
        if own is not None and (version is None or own > version):
            version = own
        saved = store.save_checked(owner(request), data, title, draft_id, version)
        _LAST[(session, saved.id)] = saved.version
        if saved.conflict_with:
            _COPIES[(session, saved.conflict_with)] = saved.id
    state["id"], state["version"] = saved.id, saved.version
    if saved.conflict_with:
        gr.Warning(CONFLICT.format(title=title + CONFLICT_SUFFIX), title="草稿冲突")
    bind(store, request, saved.id)
    return state


def bind(store: DraftStore, request: Any, draft_id: str | None) -> None:
    """Record that this page session shows ``draft_id`` (written only when that changes)."""
    session = _session(request)
    if session and (session not in _BOUND or _BOUND[session] != draft_id):
        store.bind_session(session, owner(request), draft_id)
        _BOUND[session] = draft_id
