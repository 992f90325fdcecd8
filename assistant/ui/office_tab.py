"""批量审核 tab: many tables in, per-department figures and charts, a decision per finding, the corrected
version compared with the stored one (decisions carried over), the 审核意见 letter and the summaries.

The handlers are thin: everything is :mod:`assistant.office`; the tab keeps only run ids in its state."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.model import SEVERITY_ZH
from assistant.office import (
    DECISIONS,
    OfficeStore,
    collect,
    diff_reports,
    finding_key,
    run_batch,
    write_letter,
)
from assistant.office.batch import BatchItem, BatchResult
from assistant.office.diff import totals
from assistant.office.render import DIFF_HEAD, SUMMARY_HEAD, diff_rows, summary_rows, write_html, write_xlsx
from assistant.office.stats import rule_title, statistics
from assistant.ui import services
from assistant.ui.background import Stopped, request_stop, stop_flag, streamed
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


def _user(request: gr.Request | None) -> str:
    return getattr(request, "username", None) or ""


def _items(state: dict[str, Any]) -> list[BatchItem]:
    s = store()
    out = []
    for run_id in state.get("runs", []):
        run = s.get_run(run_id)
        if run is None:
            continue
        table, report = s.load(run_id)
        out.append(BatchItem(name=run.file_name, sha256=run.sha256, department=run.department, table=table,
                             report=report, run_id=run_id, reused=True))
    return out


def _finding_rows(items: list[BatchItem]) -> list[list[Any]]:
    s = store()
    rows, n = [], 0
    for item in items:
        assert item.report is not None
        decisions = s.decisions_for(item.department, item.report)
        for f in item.report.findings:
            n += 1
            d = decisions.get(finding_key(f))
            rows.append([n, item.department, f.project or "", f.indicator or "（项目整体）", f.value or "",
                         SEVERITY_ZH[f.severity], rule_title(f.code), f.message, d.decision if d else "",
                         d.comment if d else ""])
    return rows


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


def run_office(files: list[str] | None, department: str, policy: str | None, request: gr.Request,
               progress: gr.Progress = gr.Progress()) -> Iterator[tuple]:  # noqa: B008
    """Review every uploaded file (zips included) and show the figures, charts, findings and downloads."""
    paths = [Path(f) for f in (files or [])]
    if not paths:
        raise gr.Error("请先上传一个或多个表格文件（也可以是 zip 压缩包）。", title="没有可审核的文件")
    collected = collect(paths)
    if not collected.sources:
        raise gr.Error("上传的文件里没有可审核的表格。", title="没有可审核的表格")
    flag = stop_flag(f"office:{getattr(request, 'session_hash', None) or 'api'}")
    steps = streamed(lambda emit: run_batch(collected, policy=policy or None, department=department or None,
                                            store=store(), progress=lambda n, t, name: emit((n, t, name)),
                                            should_stop=flag.is_set, user=_user(request)))
    try:
        while True:
            try:
                n, total, name = next(steps)
            except StopIteration as finished:
                result = finished.value
                break
            progress((n, total), desc=f"审核 {name}", unit="份")
    except Stopped:
        raise gr.Error("批量审核已停止。", title="已停止") from None
    folder = services.out_dir()
    xlsx = write_xlsx(result, folder / "批量审核汇总.xlsx")
    html = write_html(result, folder / "批量审核汇总.html")
    state = {"runs": [i.run_id for i in result.reviewed if i.run_id is not None]}
    per, overall = statistics(result)
    projects = [ALL_PROJECTS, *dict.fromkeys(p.name for i in result.reviewed if i.table for p in i.table.projects)]
    yield (_summary_text(result), summary_rows(per, overall), *_figures(result),
           gr.DownloadButton(value=str(xlsx), interactive=True), gr.DownloadButton(value=str(html), interactive=True),
           _finding_rows(result.reviewed), state, gr.Dropdown(choices=projects, value=ALL_PROJECTS))


def stop_office(request: gr.Request) -> str:
    running = request_stop(f"office:{getattr(request, 'session_hash', None) or 'api'}")
    return "正在停止，已完成的表格会保留……" if running else "当前没有进行中的批量审核。"


def decide(state: dict[str, Any], number: float | None, decision: str, comment: str,
           request: gr.Request) -> tuple[list[list[Any]], str]:
    """Record the decision on finding ``number`` (as numbered in the findings table)."""
    if decision not in DECISIONS:
        raise gr.Error(f"处理意见只能是 {'、'.join(DECISIONS)}。")
    items = _items(state or {})
    n = int(number or 0)
    flat = [(item, f) for item in items for f in (item.report.findings if item.report else [])]
    if not 1 <= n <= len(flat):
        raise gr.Error(f"问题序号应在 1–{len(flat)} 之间。", title="序号无效")
    item, f = flat[n - 1]
    store().decide(item.department, f, decision, comment or "", user=_user(request), run_id=item.run_id)
    return _finding_rows(items), f"已记录：第 {n} 条（{esc(f.indicator or f.project)}）→ {decision}"


def compare(state: dict[str, Any], corrected: str | None, policy: str | None,
            request: gr.Request) -> tuple[str, list[list[Any]], dict[str, Any]]:
    """Review the corrected version and compare it with the stored version of the same projects."""
    if not corrected:
        raise gr.Error("请上传修改后的表格。", title="没有文件")
    collected = collect([Path(corrected)])
    result = run_batch(collected, policy=policy or None, store=store(), user=_user(request))
    if not result.reviewed:
        raise gr.Error(esc(result.failed[0].error) if result.failed else "无法读取修改后的表格。", title="无法读取")
    new = result.reviewed[0]
    assert new.table is not None and new.report is not None and new.run_id is not None
    names = [p.name for p in new.table.projects]
    earlier = [i for i in _items(state or {}) if i.department == new.department and i.table is not None
               and set(names) & {p.name for p in i.table.projects} and i.run_id != new.run_id]
    prev_run = earlier[-1].run_id if earlier else None
    if prev_run is None:
        found = store().previous_run(new.department, names, before=new.run_id, exclude_sha256=new.sha256)
        prev_run = found.id if found else None
    if prev_run is None:
        raise gr.Error("没有找到这些项目此前的审核记录，请先批量审核原版。", title="没有原版")
    _, old_report = store().load(prev_run)
    diffs = diff_reports(old_report, new.report)
    decisions = store().decisions_for(new.department, new.report)
    t = totals(diffs)
    runs = [r for r in (state or {}).get("runs", []) if r != prev_run] + [new.run_id]
    text = (f"### 复核：{esc(new.name)} 对比第 {prev_run} 次审核\n\n"
            + "，".join(f"{k} **{v}**" for k, v in t.items())
            + f"；沿用处理意见 {sum(1 for f in new.report.findings if finding_key(f) in decisions)} 条。")
    return text, [r[:9] for r in diff_rows(diffs, decisions)], {"runs": runs}


def letter(state: dict[str, Any], project: str | None) -> gr.DownloadButton:
    """The 审核意见 .docx for one project, or for every project of the batch's departments."""
    items = _items(state or {})
    if not items:
        raise gr.Error("请先完成批量审核。", title="没有审核结果")
    chosen = None if not project or project == ALL_PROJECTS else project
    if chosen is not None:
        items = [i for i in items if i.table and chosen in {p.name for p in i.table.projects}] or items
    decisions: dict[str, Any] = {}
    for i in items:
        assert i.report is not None
        decisions |= store().decisions_for(i.department, i.report)
    name = f"审核意见-{chosen or items[0].department}"[:60]
    path = write_letter([i.report for i in items if i.report], services.out_dir() / f"{name}.docx",
                        decisions=decisions, project=chosen, recipient=items[0].department)
    return gr.DownloadButton(value=str(path), interactive=True)


def build() -> None:
    """Lay out the tab and wire its events inside the current Blocks context."""
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
    state = gr.State({"runs": []})
    start.click(run_office, [uploads, department, policy],
                [summary, depts, *plots, xlsx, html, findings, state, project],
                api_name="office_review", concurrency_limit=2)
    stop.click(stop_office, None, status, api_name="office_stop")
    save.click(decide, [state, number, decision, comment], [findings, status], api_name="office_decide")
    compare_btn.click(compare, [state, corrected, policy], [diff_text, diff_table, state], api_name="office_compare")
    letter_btn.click(letter, [state, project], letter_file, api_name="office_letter")
