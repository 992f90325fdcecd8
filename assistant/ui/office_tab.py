"""批量审核 tab: many tables in, per-department figures and charts, a decision per finding, the corrected
version compared with the stored one (decisions carried over), the 审核意见 letter and the summaries.

The handlers are thin: every operation is :mod:`assistant.service.office`, as for the CLI; the tab keeps
only run ids in its state. Every operation acts for the requesting user (:func:`assistant.ui.auth.owner`:
the login name, else the browser): a user lists, opens, compares and decides on their own runs only, and
naming another's run id is refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.model import SEVERITY_ZH
from assistant.office import DECISIONS, OfficeStore
from assistant.office.batch import BatchResult
from assistant.office.render import DIFF_HEAD, SUMMARY_HEAD, diff_rows, summary_rows, write_html, write_xlsx
from assistant.office.stats import statistics
from assistant.review import rule_title
from assistant.service import Options, ServiceError, office
from assistant.ui import services
from assistant.ui.auth import owner
from assistant.ui.background import request_stop, stop_flag, streamed
from assistant.ui.review_tab import policy_choices
from assistant.ui.rows import esc

UPLOAD_TYPES = [".xlsx", ".docx", ".csv", ".txt", ".md", ".html", ".htm", ".json", ".pdf", ".zip"]
FINDING_HEAD = ["序号", "部门", "项目名称", "三级指标", "指标值", "级别", "问题", "说明", "处理意见", "审核人意见"]
ALL_PROJECTS = "（整个部门）"
_STORE: OfficeStore | None = None


def store() -> OfficeStore:
    """The office store of this server (``$JIXIAO_HOME/office.sqlite3``)."""
    global _STORE
    if _STORE is None:
        _STORE = OfficeStore()
    return _STORE


def _owner(request: gr.Request | None) -> str:
    """Whose runs a request may touch."""
    return owner(request)


def _author(request: gr.Request | None) -> str:
    """Who makes a decision: the login name, else the (browser) owner."""
    return getattr(request, "username", None) or _owner(request)


def _runs(state: dict[str, Any] | None) -> list[int]:
    return list((state or {}).get("runs", []))


def _finding_rows(run_ids: list[int], who: str) -> list[list[Any]]:
    return [[n.number, n.item.department, n.finding.project or "", n.finding.indicator or "（项目整体）",
             n.finding.value or "", SEVERITY_ZH[n.finding.severity], rule_title(n.finding.code), n.finding.message,
             n.decision.decision if n.decision else "", n.decision.comment if n.decision else ""]
            for n in office.listing(store(), run_ids, who).findings]


def _run_choices(who: str, selected: list[int] | None = None) -> Any:
    """The user's stored runs for the 审核记录 list (label, id), newest first."""
    choices = [(f"第 {r.id} 次｜{r.created.replace('T', ' ')}｜{r.department}｜{r.file_name}", str(r.id))
               for r in office.runs(store(), who)]
    ids = {c[1] for c in choices}
    return gr.Dropdown(choices=choices, value=[str(r) for r in selected or [] if str(r) in ids])


def _run_ids(chosen: Any) -> list[int]:
    values = chosen if isinstance(chosen, list) else [chosen] if chosen not in (None, "") else []
    ids = []
    for v in values:
        text = str(v).strip().removeprefix("第").split("｜")[0].removesuffix("次").strip()
        if not text.isdigit():
            raise gr.Error(f"审核记录编号应是数字：{esc(v)}", title="编号无效")
        ids.append(int(text))
    return ids


def _figures(result: BatchResult) -> list[Any]:
    from assistant.office import charts

    per, overall = statistics(result)
    return [fig for _, fig in charts.all_figures(per, overall)]


def _summary_text(result: BatchResult) -> str:
    per, overall = statistics(result)
    parts = [f"### 批量审核完成：{len(result.reviewed)} 份表格，{overall.projects} 个项目，{overall.indicators} 条指标"]
    if result.stopped:
        parts.append("已按“停止”中断；已完成的表格已保存，再次审核同样的文件会从中断处继续。")
    for item in result.failed:
        parts.append(f"- 未能读取 {esc(item.name)}：{esc(item.error)}")
    for name, why in result.skipped:
        parts.append(f"- 跳过 {esc(name)}：{esc(why)}")
    return "\n\n".join(parts)


def _raise(err: ServiceError, title: str) -> None:
    """A dialog with the Chinese message, then the English one."""
    raise gr.Error(esc(f"{err.zh_text} / {err.en}"), title=title) from None


def run_office(files: list[str] | None, department: str, policy: str | None, request: gr.Request,
               progress: gr.Progress = gr.Progress()) -> Iterator[tuple[Any, ...]]:  # noqa: B008
    """Review every uploaded file (zips included) and show the figures, charts, findings and downloads."""
    paths = [Path(f) for f in (files or [])]
    if not paths:
        raise gr.Error("请先上传一个或多个表格文件（也可以是 zip 压缩包）。", title="没有可审核的文件")
    flag = stop_flag(f"office:{getattr(request, 'session_hash', None) or 'api'}")
    steps = streamed(lambda emit: office.batch(paths, Options(policy=policy or None), department=department or None,
                                               store=store(), progress=emit, should_stop=flag.is_set,
                                               user=_owner(request)))
    try:
        while True:
            try:
                step = next(steps)
            except StopIteration as finished:
                result = finished.value
                break
            progress((step.done, step.total), desc="批量审核", unit="份")
    except ServiceError as err:
        _raise(err, "无法批量审核")
    folder = services.out_dir()
    xlsx = write_xlsx(result, folder / "批量审核汇总.xlsx")
    html = write_html(result, folder / "批量审核汇总.html")
    runs = [i.run_id for i in result.reviewed if i.run_id is not None]
    per, overall = statistics(result)
    projects = [ALL_PROJECTS, *dict.fromkeys(p.name for i in result.reviewed if i.table for p in i.table.projects)]
    yield (_summary_text(result), summary_rows(per, overall), *_figures(result),
           gr.DownloadButton(value=str(xlsx), interactive=True), gr.DownloadButton(value=str(html), interactive=True),
           _finding_rows(runs, _owner(request)), {"runs": runs}, gr.Dropdown(choices=projects, value=ALL_PROJECTS),
           _run_choices(_owner(request), runs))


def stop_office(request: gr.Request) -> str:
    running = request_stop(f"office:{getattr(request, 'session_hash', None) or 'api'}")
    return "正在停止，已完成的表格会保留……" if running else "当前没有进行中的批量审核。"


def decide(state: dict[str, Any], number: float | None, decision: str, comment: str,
           request: gr.Request) -> tuple[list[list[Any]], str]:
    """Record the decision on finding ``number`` (as numbered in the findings table)."""
    try:
        chosen = office.decide(store(), _runs(state), int(number or 0), decision, comment or "", _author(request),
                               owner=_owner(request))
    except ServiceError as err:
        _raise(err, "序号无效")
    f = chosen.finding
    return (_finding_rows(_runs(state), _owner(request)),
            f"已记录：第 {chosen.number} 条（{esc(f.indicator or f.project)}）→ {decision}（{esc(_author(request))}）")


def open_runs(chosen: Any, request: gr.Request) -> tuple[Any, ...]:
    """Open stored runs of this user (chosen from the list, or typed as ids) as the current batch; another
    user's run id is refused."""
    run_ids = _run_ids(chosen)
    if not run_ids:
        raise gr.Error("请先从“我的审核记录”中选择一次或几次审核。", title="没有选择审核记录")
    who = _owner(request)
    try:
        found = office.listing(store(), run_ids, who)
    except ServiceError as err:
        _raise(err, "无法打开审核记录")
    projects = [ALL_PROJECTS, *dict.fromkeys(p.name for i in found.items if i.table for p in i.table.projects)]
    names = "、".join(esc(i.name) for i in found.items)
    return (f"### 已打开审核记录：{names}\n\n共 {len(found.findings)} 条问题，可继续标记处理意见、对比修改版或生成审核意见书。",
            _finding_rows(run_ids, who), {"runs": run_ids}, gr.Dropdown(choices=projects, value=ALL_PROJECTS))


def list_runs(state: dict[str, Any], request: gr.Request) -> Any:
    return _run_choices(_owner(request), _runs(state))


def compare(state: dict[str, Any], corrected: str | None, policy: str | None,
            request: gr.Request) -> tuple[str, list[list[Any]], dict[str, Any]]:
    """Review the corrected version and compare it with the stored version of the same projects."""
    if not corrected:
        raise gr.Error("请上传修改后的表格。", title="没有文件")
    try:
        c = office.compare(Path(corrected), Options(policy=policy or None), store(), candidates=_runs(state),
                           user=_owner(request))
    except ServiceError as err:
        _raise(err, "无法对比")
    runs = [r for r in _runs(state) if r != c.old_run] + [c.new.run_id]
    text = (f"### 复核：{esc(c.new.name)} 对比{esc(c.old_label)}\n\n"
            + "，".join(f"{k} **{v}**" for k, v in c.totals.items()) + f"；沿用处理意见 {c.carried} 条。")
    return text, [r[:9] for r in diff_rows(c.diffs, c.decisions)], {"runs": runs}


def letter(state: dict[str, Any], project: str | None, request: gr.Request) -> gr.DownloadButton:
    """The 审核意见 .docx for one project, or for every project of the batch."""
    chosen = None if not project or project == ALL_PROJECTS else project
    name = f"审核意见-{chosen or '全部项目'}"[:60]
    try:
        path = office.letter(store(), _runs(state), services.out_dir() / f"{name}.docx", project=chosen,
                             owner=_owner(request))
    except ServiceError as err:
        _raise(err, "无法生成审核意见书")
    return gr.DownloadButton(value=str(path), interactive=True)


def build(demo: gr.Blocks | None = None) -> None:
    """Lay out the tab and wire its events inside the current Blocks context (``demo``: fill the user's
    审核记录 list when the page opens)."""
    with gr.Row():
        with gr.Column(scale=2):
            uploads = gr.File(label="上传多个表格或 zip 压缩包（.xlsx/.docx/.pdf/.txt/.csv/.html）", file_count="multiple",
                              file_types=UPLOAD_TYPES, type="filepath", elem_id="office-upload")
        with gr.Column(scale=1):
            department = gr.Textbox(label="部门（可不填：从表格、文件夹或文件名识别）", elem_id="office-department")
            policy = gr.Dropdown(choices=policy_choices(), value=policy_choices()[0][1], label="审核口径")
            start = gr.Button("批量审核", variant="primary", elem_id="office-start")
            stop = gr.Button("停止", variant="secondary", elem_id="office-stop")
    status = gr.Markdown(elem_id="office-status")
    summary = gr.Markdown("上传一个部门（或多个部门）的表格后点击“批量审核”。", elem_id="office-summary")
    depts = gr.Dataframe(headers=list(SUMMARY_HEAD), label="按部门汇总", interactive=False, wrap=True,
                         elem_id="office-depts", column_count=len(SUMMARY_HEAD))
    with gr.Row():
        plots = [gr.Plot(label=title, elem_id=f"office-chart-{n}", format="png")
                 for n, title in enumerate(("评级分布", "指标质量", "最常见的问题"), 1)]
    with gr.Row():
        xlsx = gr.DownloadButton("下载汇总 Excel", interactive=False, elem_id="office-xlsx")
        html = gr.DownloadButton("下载汇总 HTML", interactive=False, elem_id="office-html")
    findings = gr.Dataframe(headers=FINDING_HEAD, label="问题清单（按序号标记处理意见）", interactive=False, wrap=True,
                            elem_id="office-findings", column_count=len(FINDING_HEAD), max_height=520)
    with gr.Row():
        number = gr.Number(label="问题序号", value=1, precision=0, minimum=1, elem_id="office-number")
        decision = gr.Radio(list(DECISIONS), value=DECISIONS[0], label="处理意见", elem_id="office-decision")
        comment = gr.Textbox(label="说明（可不填）", elem_id="office-comment")
        save = gr.Button("保存处理意见", elem_id="office-decide")
    gr.Markdown("#### 复核修改后的版本")
    with gr.Row():
        corrected = gr.File(label="上传修改后的表格", file_types=UPLOAD_TYPES, type="filepath",
                            elem_id="office-corrected")
        compare_btn = gr.Button("对比原版", elem_id="office-compare")
    diff_text = gr.Markdown(elem_id="office-diff-summary")
    diff_table = gr.Dataframe(headers=list(DIFF_HEAD[:9]), label="两版对比", interactive=False, wrap=True,
                              elem_id="office-diff", column_count=9, max_height=520)
    gr.Markdown("#### 审核意见书")
    with gr.Row():
        project = gr.Dropdown(choices=[ALL_PROJECTS], value=ALL_PROJECTS, label="项目", elem_id="office-project")
        letter_btn = gr.Button("生成审核意见书（.docx）", elem_id="office-letter-make")
        letter_file = gr.DownloadButton("下载审核意见书", interactive=False, elem_id="office-letter")
    gr.Markdown("#### 我的审核记录（只列出本人的审核）")
    with gr.Row():
        history = gr.Dropdown(choices=[], value=[], multiselect=True, allow_custom_value=True, scale=4,
                              label="选择一次或几次审核（也可输入编号）", elem_id="office-runs")
        open_btn = gr.Button("打开", scale=1, elem_id="office-open")
    state = gr.State({"runs": []})
    start.click(run_office, [uploads, department, policy],
                [summary, depts, *plots, xlsx, html, findings, state, project, history],
                api_name="office_review", concurrency_limit=2)
    open_btn.click(open_runs, [history], [summary, findings, state, project], api_name="office_open")
    gr.on([history.focus], list_runs, [state], history, api_name="office_runs", show_progress="hidden")
    stop.click(stop_office, None, status, api_name="office_stop")
    save.click(decide, [state, number, decision, comment], [findings, status], api_name="office_decide")
    compare_btn.click(compare, [state, corrected, policy], [diff_text, diff_table, state], api_name="office_compare")
    letter_btn.click(letter, [state, project], letter_file, api_name="office_letter")
    if demo is not None:
        demo.load(list_runs, [state], history, api_visibility="private")
