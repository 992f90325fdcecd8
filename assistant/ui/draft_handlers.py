"""起草 handlers: gather the project description in a chat, stream a proposed indicator grid, re-check
edits at once, offer rewrites for a row, list the grounding projects, export, and save every step."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import Any

import gradio as gr

from assistant.ui import draft_session, services, usage
from assistant.ui.auth import owner
from assistant.ui.background import streamed
from assistant.ui.export import export_draft
from assistant.ui.intake import description, field_label, question_field, update_fields
from assistant.ui.refine import CONFIRM, DECLINE, apply, describe, merge
from assistant.ui.rows import (
    CONFIRMED,
    annotate,
    esc,
    finding_text,
    indicator_row,
    is_blank,
    normalize_rows,
    rows_project,
    split_value,
)
from assistant.ui.store import DraftStore

WELCOME = ("您好！请描述要申报的预算项目：**项目名称、金额、要做什么（买什么/建什么/开展什么活动）、"
           "谁受益、想达到什么效果**。我会追问缺少的信息，然后在右侧起草绩效指标表，每条指标都会注明取值依据，"
           "助手提出的数字标为“建议值，待确认”。")


PICK_ROW = "点选表格中的一行（尤其是审核意见里说“含糊”的行），查看这一行的改写建议。"


def new_state() -> dict[str, Any]:
    return {"id": None, "fields": {}, "asked": [], "rows": [], "generated": [], "pending": [], "grounding": "",
            "notes": "", "options": [], "messages": welcome()}


def welcome() -> list[dict[str, str]]:
    return [{"role": "assistant", "content": WELCOME}]


def _user(request: gr.Request | None) -> str:
    return owner(request)


def _title(state: dict[str, Any]) -> str:
    return str(state["fields"].get("name") or "未命名草稿")[:60]


def _project(state: dict[str, Any], rows: list[list[str]]) -> Any:
    f = state["fields"]
    return rows_project(rows, f.get("name", ""), f.get("goal", ""), f.get("amount"))


def _check(state: dict[str, Any], rows: list[list[str]]) -> tuple[list[list[str]], str]:
    """Rows with their findings, and the project-level findings as Markdown."""
    if all(is_blank(row) for row in rows):
        return rows, ""
    from assistant.tasks.checks import review_project

    findings = review_project(_project(state, rows))
    annotated, rest = annotate(rows, findings)
    lines = [f"- {esc(finding_text(f))}" for f in rest]
    return annotated, ("**整体问题**\n\n" + "\n".join(lines)) if lines else "**整体问题**：未发现。"


def _confirm_edits(old: list[list[str]], new: list[list[str]]) -> list[list[str]]:
    """A row whose value cells the officer changed is no longer a proposal. A row already confirmed stays
    so while its value cells are unchanged, even when the page sent a grid from before that confirmation
    arrived (two quick edits: the second event carries the older status column)."""
    out = []
    for i, row in enumerate(new):
        row = list(row)
        if i < len(old) and row[4] and (row[3:6] != old[i][3:6] or old[i][8] == CONFIRMED):
            row[8] = CONFIRMED
        out.append(row)
    return out


def _export(state: dict[str, Any], rows: list[list[str]], fmt: str) -> str:
    """The draft's rows written as ``fmt`` (xlsx or docx) into a fresh folder; :class:`gr.Error` when empty."""
    filled = [row for row in rows if not is_blank(row)]
    if not filled:
        raise gr.Error("表格还是空的：先起草或填写指标，再下载。", title="没有可下载的内容")
    return export_draft(_project(state, filled), filled, fmt)


def _save(store: DraftStore, request: gr.Request | None, state: dict[str, Any],
          rows: list[list[str]]) -> dict[str, Any]:
    """Store the draft (conversation included) over the version the page saw; the state comes back with
    its id and version."""
    return draft_session.save(store, request, state, rows, _title(state))


def _draft_choices(store: DraftStore, user: str, selected: str | None = None) -> Any:
    choices = [(d.label(), d.id) for d in store.list(user)]
    return gr.Dropdown(choices=choices, value=selected if selected in {c[1] for c in choices} else None)


def _stream(desc: Any, endpoint_name: str, user: str | None) -> Generator[Any, None, Any]:
    """Yield indicators as the suggest task produces them (grounded in ``user``'s reference library);
    return its result."""
    return streamed(lambda emit: services.suggest(desc, endpoint_name=endpoint_name, on_indicator=emit, user=user))


def _grounding_md(result: Any) -> str:
    lines = []
    for g in getattr(result, "grounding", []) or []:
        dept = f"，{esc(g.department)}" if g.department else ""
        inds = "、".join(esc(x) for x in g.indicators[:4])
        lines.append(f"- **{esc(g.name)}**（相关度 {g.score:.2f}{dept}）" + (f"：{inds}" if inds else ""))
    hints = [f"- {esc(h.text)}" for h in getattr(result, "hints", []) or []][:6]
    out = "**参考的相似项目**\n\n" + ("\n".join(lines) if lines else "（指标库中没有找到相似项目）")
    return out + ("\n\n**同类指标的常见取值**\n\n" + "\n".join(hints) if hints else "")


def _done_message(result: Any, rows: list[list[str]]) -> str:
    cats: dict[str, int] = {}
    for row in rows:
        cats[row[0]] = cats.get(row[0], 0) + 1
    per = "，".join(f"{esc(k)} {v} 条" for k, v in cats.items())
    proposed = sum(row[8] != CONFIRMED for row in rows)
    notes = "".join(f"\n- {esc(n)}" for n in getattr(result, "notes", []) or [])
    return (f"已起草 {len(rows)} 条指标（{per}）。其中 {proposed} 条的数值是助手提出的建议值，请逐条核实后再提交。"
            "\n\n右侧表格可以直接修改，改动后立即重新检查；点选一行可查看改写建议。继续在这里补充信息会完善草稿，"
            "不会覆盖您改过的单元格（会先列出改动请您确认）。"
            + notes)


class DraftHandlers:
    """The tab's event handlers; each converts page values, calls the domain, and saves the draft."""

    def __init__(self, store: DraftStore):
        self.store = store

    def chat(self, message: str, state: dict[str, Any], endpoint_name: str, totals: dict[str, Any],
             grid: Any = None, request: gr.Request = None) -> Iterator[tuple]:
        """One chat turn: ask for what is missing, or stream a drafted grid. The conversation lives in the
        state, so the page and API clients see the same thing; the grid as the page shows it is the
        officer's current table (an edit whose re-check is still running is not lost)."""
        yield from self._turn(message, state, endpoint_name, totals, request, force=False, grid=grid)

    def generate(self, state: dict[str, Any], endpoint_name: str, totals: dict[str, Any],
                 grid: Any = None, request: gr.Request = None) -> Iterator[tuple]:
        """Draft now, with placeholders for whatever is still missing."""
        yield from self._turn("", state, endpoint_name, totals, request, force=True, grid=grid)

    def _turn(self, message: str, state: dict[str, Any], endpoint_name: str, totals: dict[str, Any],
              request: gr.Request | None, *, force: bool, grid: Any = None) -> Iterator[tuple]:
        state = draft_session.resume(self.store, new_state() | dict(state or {}), request)
        shown = normalize_rows(grid)
        if any(not is_blank(r) for r in shown):
            state["rows"] = _confirm_edits(state.get("rows", []), shown)
        history = state["messages"] = list(state.get("messages") or welcome())
        message = (message or "").strip()
        if not message and not force:
            raise gr.Error("请先输入项目的描述。", title="没有内容")
        if message and state.get("pending") and (CONFIRM.match(message) or DECLINE.match(message)):
            yield self._settle(message, state, history, totals, request)
            return
        if message:
            history.append({"role": "user", "content": esc(message)})
            state["fields"] = update_fields(state["fields"], message, state.get("asked", []))
            state["pending"] = []
        desc = description(state["fields"])
        missing = [] if force else services.missing_fields(desc)
        rows = list(state.get("rows", []))
        if missing:
            state["asked"] = [f for f in map(question_field, missing) if f]
            history.append({"role": "assistant", "content": self._ask(state, missing)
                            + usage.footer(services.RULES, None)})
            totals = usage.add(totals, services.RULES, None)
            state = _save(self.store, request, state, rows)
            yield self._out(history, state, rows, "", totals)
            return
        state["asked"], previous = [], rows
        refining = any(not is_blank(r) for r in previous)
        state = _save(self.store, request, state, previous)
        history.append({"role": "assistant", "content": "正在根据新信息完善草稿……" if refining else
                        "正在根据描述和指标库中的相似项目起草指标……"})
        rows = []
        yield self._out(history, state, previous if refining else rows, "", totals)
        stream = _stream(desc, endpoint_name, _user(request) or None)
        try:
            while True:
                try:
                    item = next(stream)
                except StopIteration as stop:
                    result = stop.value
                    break
                rows.append(indicator_row(item))
                if not refining:
                    yield self._out(history, state, rows, "", totals)
        except Exception as err:  # noqa: BLE001 - the officer is told, the old grid is kept
            history[-1] = {"role": "assistant", "content": f"起草失败：{esc(err)}\n\n原来的表格已保留。"
                           "可以稍后重试，或在“设置”页改用规则引擎。"}
            state = _save(self.store, request, state, previous)
            yield self._out(history, state, previous, state.get("notes", ""), totals)
            return
        if not rows or len(rows) != len(result.indicators):
            rows = [indicator_row(i) for i in result.indicators]
        fresh, changes = rows, []
        if refining:
            rows, changes = merge(previous, state.get("generated") or [], fresh)
        state["generated"], state["pending"] = fresh, changes
        who = usage.answered_by(result)
        state["grounding"] = _grounding_md(result)
        done = _done_message(result, rows) if not refining else (
            f"已根据新信息完善草稿，现有 {len(rows)} 条指标；您改过的单元格都保留了。")
        history[-1] = {"role": "assistant", "content": done + ("\n\n" + describe(changes) if changes else "")
                       + usage.footer(who, result.usage)}
        totals = usage.add(totals, who, result.usage)
        rows, notes = _check(state, rows)
        state["notes"] = notes
        state = _save(self.store, request, state, rows)
        yield self._out(history, state, rows, notes, totals)

    def _settle(self, message: str, state: dict[str, Any], history: list[Any], totals: dict[str, Any],
                request: gr.Request | None) -> tuple:
        """The officer's answer to the changes the last draft proposed for edited cells."""
        history.append({"role": "user", "content": esc(message)})
        changes, rows = state.get("pending") or [], list(state.get("rows") or [])
        if CONFIRM.match(message):
            rows = apply(rows, changes)
            reply = f"已按新信息修改 {len(changes)} 处。"
        else:
            reply = "好的，保留您的写法，没有修改。"
        state["pending"] = []
        rows, notes = _check(state, rows)
        state["notes"] = notes
        history.append({"role": "assistant", "content": reply})
        state = _save(self.store, request, state, rows)
        return self._out(history, state, rows, notes, totals)

    def _ask(self, state: dict[str, Any], missing: list[str]) -> str:
        got = state["fields"]
        known = "；".join(f"{field_label(k)}：{esc(v)}" for k, v in got.items() if v not in (None, ""))
        asks = "\n".join(f"{i}. {esc(field_label(m))}" for i, m in enumerate(missing, 1))
        return ((f"已记下——{known}。\n\n" if known else "") + f"还需要以下信息才能起草完整的指标：\n\n{asks}\n\n"
                "可以按顺序每行回答一项，也可以写成“受益对象：……”。信息暂时不全时，点“直接起草”，"
                "缺的数字会用【待填】占位。")

    def _out(self, history: list[Any], state: dict[str, Any], rows: list[list[str]], notes: str,
             totals: dict[str, Any]) -> tuple:
        """The chat's outputs; the download box is emptied, as the table it held may have changed."""
        return (history, "", rows or None, state, state.get("grounding", ""), notes, None, totals)

    def recheck(self, grid: Any, state: dict[str, Any], request: gr.Request) -> tuple:
        """Re-run the rules on the edited grid and save it."""
        state = draft_session.resume(self.store, new_state() | dict(state or {}), request)
        rows = _confirm_edits(state.get("rows", []), normalize_rows(grid))
        rows, notes = _check(state, rows)
        state["notes"] = notes
        state = _save(self.store, request, state, rows)
        return (rows or None, notes, None, state)

    def download(self, fmt: str) -> Any:
        """The click handler that writes the draft as it stands on the page in ``fmt`` (xlsx, docx)."""

        def write(grid: Any, state: dict[str, Any]) -> Any:
            rows = normalize_rows(grid)
            return gr.File(value=_export(new_state() | dict(state or {}), rows, fmt), visible=True)

        write.__name__ = f"download_{fmt}"
        return write

    def select_row(self, evt: gr.SelectData) -> int:
        index = getattr(evt, "index", None)
        return int(index[0]) + 1 if isinstance(index, list | tuple) and index else 0

    def rewrite_options(self, grid: Any, row_no: float | None, state: dict[str, Any], endpoint_name: str,
                        totals: dict[str, Any]) -> tuple:
        """Rewrite alternatives for the chosen row (1-based)."""
        rows = normalize_rows(grid)
        state = new_state() | dict(state or {})
        i = int(row_no or 0) - 1
        if not 0 <= i < len(rows) or is_blank(rows[i]):
            return gr.Radio(choices=[], value=None), PICK_ROW, state, totals
        from assistant.ui.rows import row_indicator

        try:
            result = services.rewrite(row_indicator(rows[i], i + 1), _project(state, rows), endpoint_name)
        except Exception as err:  # noqa: BLE001 - shown in Chinese with what to do next
            raise gr.Error(f"改写失败：{esc(err)}。可以稍后重试，或在“设置”页改用规则引擎。", title="改写失败") from None
        who = usage.answered_by(result)
        options = [o.model_dump(mode="json") for o in result.options]
        state["options"] = options
        choices = [(("【需基期值】" if o.get("needs_baseline") else "") + f"{o['name']}：{o['value']}"
                    + (f"（{o['reason']}）" if o.get("reason") else ""), str(k)) for k, o in enumerate(options)]
        problems = "".join(f"\n- {esc(finding_text(f, code=False))}" for f in result.findings)
        head = f"第 {i + 1} 行“{esc(rows[i][2])}”" + (f"的问题：{problems}\n\n" if problems else "：未发现问题。\n\n")
        head += "改写建议见下方，选一项后点“采用所选改写”。" if choices else "没有需要的改写建议。"
        if any(o.get("needs_baseline") for o in options):
            head += "标【需基期值】的建议要同时写明基期年份和基期值。"
        return (gr.Radio(choices=choices, value=None), head + usage.footer(who, result.usage),
                state, usage.add(totals, who, result.usage))

    def apply_rewrite(self, grid: Any, row_no: float | None, choice: str | None, state: dict[str, Any],
                      request: gr.Request) -> tuple:
        """Put the chosen rewrite into the row, re-check and save."""
        rows = normalize_rows(grid)
        state = draft_session.resume(self.store, new_state() | dict(state or {}), request)
        i, options = int(row_no or 0) - 1, state.get("options", [])
        if choice in (None, "") or not 0 <= i < len(rows) or not 0 <= int(choice) < len(options):
            raise gr.Error("请先点选一行，再从改写建议中选一项。", title="没有选中改写")
        o = options[int(choice)]
        row = list(rows[i])
        if o.get("comparator"):
            row[3] = o["comparator"]
        if o.get("unit") is not None:
            row[5] = o["unit"] or ""
        row[2], row[4] = o["name"], split_value(o["value"], row[3], row[5])
        if o.get("value_basis"):
            row[6] = o["value_basis"]
        row[8] = "建议值，待确认" if o.get("proposed", True) else CONFIRMED
        rows[i] = row
        state["rows"] = rows
        rows, notes = _check(state, rows)
        state["notes"], state["options"] = notes, []
        state = _save(self.store, request, state, rows)
        return (rows, notes, None, state, gr.Radio(choices=[], value=None))

    def list_drafts(self, state: dict[str, Any], request: gr.Request) -> Any:
        return _draft_choices(self.store, _user(request), (state or {}).get("id"))

    def open_draft(self, draft_id: str | None, request: gr.Request) -> tuple:
        found = self.store.load_versioned(_user(request), draft_id) if draft_id else None
        if found is None:
            raise gr.Error("没有找到这份草稿，请从列表中重新选择。", title="无法打开")
        state = new_state() | found[0] | {"id": draft_id, "version": found[1]}
        draft_session.bind(self.store, request, draft_id)
        rows = state.get("rows", [])
        return (state["messages"], rows or None, state, state.get("grounding", ""),
                state.get("notes", ""), None)

    def new_draft(self, request: gr.Request) -> tuple:
        draft_session.bind(self.store, request, None)
        return (welcome(), None, new_state(), "", "", None, gr.Radio(choices=[], value=None), PICK_ROW)
