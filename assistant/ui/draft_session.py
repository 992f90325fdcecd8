"""A draft page's link to its stored draft: versioned saves that keep both sides of a conflict, the
session→draft binding that lets a page left open across a server restart carry on with its draft, and the
draft id kept in the page's address (``?draft=…``).

Why the address: when an event of a page fails because the server went away, gradio's page polls the
server and, once a restarted server answers (a new ``app_id``), reloads itself — a fresh session with an
empty draft. A page with no event in flight at the restart is not told, and its next event can wait on an
event stream the old server took with it; so the page script below also asks for the ``app_id`` every
ten seconds (while it is visible) and reloads as soon as it changes, so every page takes the same path.
With login, the reload meets the login form first (gradio keeps its sessions in memory); the address keeps
the draft id through it. The address survives that reload (and the officer's own F5), is per tab (two tabs keep their
own drafts, unlike browser storage), and reaches the server with the page's load event, so the reloaded
page reopens its draft and says so."""

from __future__ import annotations

import json
import threading
from typing import Any

import gradio as gr

from assistant.ui.auth import owner
from assistant.ui.store import CONFLICT_SUFFIX, DraftStore

RESUMED = ("已重新接上草稿“{title}”（页面刷新或服务器重启后自动恢复）。"
           "如果您在重启那一刻做的最后一处修改没有显示，请再改一次。")
LINK_NOT_FOUND = "地址中的草稿不存在或属于其他用户，已显示一份新的空白草稿。"
URL_PARAM = "draft"
REMEMBER_JS = f"""(id) => {{
  const u = new URL(window.location.href);
  if (id) {{ u.searchParams.set("{URL_PARAM}", id); }} else {{ u.searchParams.delete("{URL_PARAM}"); }}
  if (u.href !== window.location.href) {{ window.history.replaceState(window.history.state, "", u.href); }}
  return [];
}}"""
CONNECTION_LOST = "与服务器的连接已断开，正在重新连接……服务器恢复后页面会自动刷新，并接上您正在编辑的草稿。"
CONNECTION_NOTICE_JS = """
() => {
  const swap = {"Connection Lost": "连接中断",
                "Connection to the server was lost. Attempting reconnection...": __LOST__};
  const fix = (node) => {
    if (node.nodeType === 3) {
      const said = swap[node.nodeValue.trim()];
      if (said) node.nodeValue = said;
      return;
    }
    if (node.nodeType !== 1) return;
    const walk = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) fix(n);
  };
  new MutationObserver((changes) => changes.forEach((c) => c.addedNodes.forEach(fix)))
    .observe(document.body, {childList: true, subtree: true});
  let app = null;
  const watch = async () => {
    if (document.hidden) return;
    try {
      const answer = await fetch("gradio_api/app_id", {credentials: "same-origin", cache: "no-store"});
      if (!answer.ok) return;
      const now = (await answer.json()).app_id;
      if (app !== null && now !== app) window.location.reload();
      app = now;
    } catch (e) { /* the server is away: keep asking */ }
  };
  watch();
  setInterval(watch, 10000);
}
""".replace("__LOST__", json.dumps(CONNECTION_LOST, ensure_ascii=False))
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


def _draft_ref(state: dict[str, Any] | None) -> str:
    return str((state or {}).get("id") or "")


def keep_in_url(demo: gr.Blocks, handlers: Any, state: gr.State, opened: list[Any], drafts: Any) -> None:
    """Keep the page's draft id in its address and reopen that draft when the page loads (after a reload
    forced by a server restart, or the officer's own). ``opened`` are the outputs of
    ``handlers.open_draft``; ``drafts`` is the draft list, refreshed afterwards."""
    ref = gr.Textbox(visible=False, elem_id="draft-ref")
    state.change(_draft_ref, state, ref, show_progress="hidden", api_visibility="private", queue=False)
    ref.change(None, ref, None, js=REMEMBER_JS, show_progress="hidden", api_visibility="private")

    def reattach(request: gr.Request) -> tuple[Any, ...]:
        params = getattr(request, "query_params", None) or {}
        draft_id = str(params.get(URL_PARAM) or "").strip()
        if not draft_id:
            return tuple(gr.skip() for _ in opened)
        try:
            out = handlers.open_draft(draft_id, request)
        except gr.Error:
            gr.Warning(LINK_NOT_FOUND, title="草稿")
            return tuple(gr.skip() for _ in opened)
        found = store_title(handlers.store, request, draft_id)
        gr.Info(RESUMED.format(title=found), title="已恢复草稿")
        return tuple(out)

    demo.load(reattach, None, opened, api_visibility="private", show_progress="hidden").then(
        handlers.list_drafts, [state], drafts, api_visibility="private", show_progress="hidden")


def store_title(store: DraftStore, request: Any, draft_id: str) -> str:
    """The title of the requesting user's draft ``draft_id`` ("未命名草稿" when unknown)."""
    for info in store.list(owner(request)):
        if info.id == draft_id:
            return info.title
    return "未命名草稿"
