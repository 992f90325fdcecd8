"""审核 tab: paste or upload a table, get grades, a filterable findings table and report downloads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.model import SEVERITY_ZH, Table
from assistant.ui import review_results, review_worker, services, usage
from assistant.ui.background import Stopped, request_stop, stop_flag, streamed
from assistant.ui.downloads import click_download_js
from assistant.ui.review_results import REPORT_FORMATS
from assistant.ui.rows import FINDING_COLUMNS, GRADE_COLUMNS, esc

UPLOAD_TYPES = [".xlsx", ".docx", ".pdf", ".csv", ".txt", ".md", ".html", ".htm", ".json"]
SEVERITY_CHOICES = [SEVERITY_ZH[k] for k in ("error", "warning", "info")]


def policy_choices() -> list[tuple[str, str]]:
    """(label, name) of the bundled review policies (口径), the default first."""
    from assistant.review.policy import DEFAULT_POLICY, POLICY_DIR, load_policy

    names = sorted((p.stem for p in POLICY_DIR.glob("*.toml")), key=lambda n: n != DEFAULT_POLICY)
    return [(load_policy(n).meta.title + ("（默认）" if n == DEFAULT_POLICY else ""), n) for n in names]


def load_input(file: str | None, text: str | None) -> Table:
    """The table from an upload (preferred) or pasted text; :class:`gr.Error` in Chinese otherwise."""
    try:
        if file:
            return services.read_upload(file)
        if text and text.strip():
            return services.read_pasted(text)
    except services.UserError as err:
        raise gr.Error(esc(services.message(err)), title="无法读取表格") from None
    raise gr.Error("请先上传表格文件，或把表格内容粘贴到文本框里。", title="没有可审核的内容")


def input_note(file: str | None, text: str | None) -> str:
    """What the review read when both an upload and pasted text are given (the upload wins)."""
    if file and text and text.strip():
        return (f"\n\n**注意**：同时提供了上传文件和粘贴内容，本次审核的是上传的文件“{esc(Path(file).name)}”，"
                "粘贴的内容没有使用。要审核粘贴的内容，请先移除上传的文件。")
    return ""


def cleared(message: str, totals: dict[str, Any]) -> tuple[Any, ...]:
    """Every review output emptied, with ``message`` in the summary: a failed review shows no old results."""
    return (message, [], [], None, gr.Dropdown(choices=[], value=[]), gr.CheckboxGroup(value=SEVERITY_CHOICES),
            None, totals, "")


def _summary(view: review_results.View, who: str, done: bool) -> str:
    counts, grades = view.counts, view.grades_by_letter
    dist = "，".join(f"{g} {n} 个" for g, n in grades.items())
    head = "审核完成" if done else "审核中……"
    shown = ""
    if view.capped:
        shown = (f"\n\n页面列出前 {len(view.grade_rows)} 个项目的评级和前 {len(view.finding_rows)} 条问题"
                 f"（共 {view.findings} 条）；按严重程度或规则筛选时从全部问题中筛选，完整清单见下载的报告。")
    return (f"### {head}：{esc(view.name)}\n\n{view.projects} 个项目，{view.indicators} 条指标；"
            f"错误 **{counts['error']}**，警告 **{counts['warning']}**，提示 **{counts['info']}**。"
            f"评级：{dist or '—'}。{shown}\n\n<sub>审核：{esc(who)}</sub>")


def _filter(view: review_results.View | None, severities: list[str] | None, codes: list[str] | None
            ) -> list[list[str]]:
    return review_results.filtered(view, severities, codes)


def run_review(file: str | None, text: str | None, policy: str | None, use_model: bool, endpoint_name: str,
               totals: dict[str, Any], request: gr.Request,
               progress: gr.Progress = gr.Progress()) -> Iterator[tuple[Any, ...]]:  # noqa: B008
    """Rules first; then, when asked and an endpoint is chosen, the model's critiques and rewrites under the
    same policy, with a progress bar. 停止 ends the model part; the rule results stay. A review that cannot
    start clears the previous results before saying why. No report file is written here: each format is
    written when the user asks for it (:func:`report_handler`)."""
    try:
        try:
            opts = services.options(policy, endpoint_name)
        except services.UserError as err:
            raise gr.Error(esc(services.message(err)), title="选项有误") from None
        source = _big_source(file, text) or load_input(file, text)
        big = isinstance(source, Path)
    except gr.Error as err:
        yield cleared(f"### 审核未能进行\n\n{err.message}", totals)
        raise
    chosen = input_note(file, text)
    progress(0.05, desc="读取并审核" if big else "规则审核")
    try:
        view = rules_off_thread(source, opts, progress, _session(request))
    except Stopped:
        yield cleared("### 审核已停止\n\n规则审核在完成前被停止，没有结果。", totals)
        return
    except services.UserError as err:
        unread = esc(services.message(err))
        yield cleared(f"### 审核未能进行\n\n{unread}", totals)
        raise gr.Error(unread, title="无法读取表格") from None
    who, note = services.RULES, ""
    if use_model and services.endpoint(endpoint_name) is not None:
        model_opts = services.options(policy, endpoint_name, use_model=True)
        yield _outputs(view, f"{services.RULES}；模型审核进行中……", False, totals)
        flag = stop_flag(_session(request))
        rules = review_results.load(Path(view.folder))
        steps = streamed(lambda emit: services.model_review(rules, model_opts, emit), flag)
        try:
            while True:
                try:
                    step = next(steps)
                except StopIteration as finished:
                    outcome = finished.value
                    break
                services.show(progress, step, endpoint_name)
            result = outcome.model
            assert result is not None
            view = review_results.keep(outcome, Path(view.folder))
            who = f"{services.RULES} + {result.model or endpoint_name}"
            totals = usage.add(totals, result.model or endpoint_name, result.usage)
            note = usage.footer(who, result.usage) + "".join(f"\n\n- 失败：{esc(e)}" for e in result.errors[:5])
        except Stopped:
            note = "\n\n**模型审核已停止**：下面是规则审核的结果，报告文件也只含规则审核。"
        except Exception as err:  # noqa: BLE001 - the rule results still stand
            shown = services.message(err) if isinstance(err, services.UserError) else err
            note = f"\n\n**模型审核失败**：{esc(shown)}。下面是规则审核的结果；可稍后重试或改用规则引擎。"
    yield _outputs(view, who, True, totals, chosen + note)


def _big_source(file: str | None, text: str | None) -> Path | None:
    """A big upload's path, or big pasted text saved to a file, for the child process to read; None for a
    small input (read here)."""
    if file:
        path = Path(file)
        return path if path.is_file() and path.stat().st_size >= review_worker.BIG_BYTES else None
    if text and len(text) * 3 >= review_worker.BIG_BYTES and len(text.encode("utf-8")) >= review_worker.BIG_BYTES:
        try:
            services.check_pasted_size(text)
        except services.UserError as err:
            raise gr.Error(esc(services.message(err)), title="无法读取表格") from None
        path = services.out_dir() / "粘贴的表格.txt"
        path.write_text(text, encoding="utf-8")
        return path
    return None


def _session(request: gr.Request | None) -> str:
    return getattr(request, "session_hash", None) or "api"


def rules_off_thread(source: Table | Path, opts: Any, progress: Any, session: str) -> review_results.View:
    """The rule review in a worker thread (a big file or table: in a child process, which also reads the
    file), reporting each project to the progress bar; the session's 停止 ends it (:class:`Stopped`). The
    outcome is kept in a fresh folder; the view comes back."""
    flag = stop_flag(session)
    folder = services.out_dir()
    if isinstance(source, Path) or len(source.projects) >= review_worker.BIG_PROJECTS:
        steps = streamed(lambda emit: review_worker.review(source, opts, folder, emit, flag), flag)
    else:
        table = source
        steps = streamed(lambda emit: review_results.keep(services.review(table, opts, emit), folder), flag)
    while True:
        try:
            step = next(steps)
        except StopIteration as finished:
            view: review_results.View = finished.value
            return view
        services.show(progress, step, "")


def report_handler(fmt: str) -> Any:
    """The click handler that writes the shown review's report in ``fmt`` (a big review's in a child
    process) and hands the file to the download box."""
    label = dict(REPORT_FORMATS)[fmt]

    def write_report(view: review_results.View | None, request: gr.Request,
                     progress: gr.Progress = gr.Progress()) -> Any:  # noqa: B008
        if view is None:
            raise gr.Error("请先完成一次审核，再下载报告。", title="没有审核结果")
        progress(0.1, desc=f"生成 {label} 报告")
        try:
            if view.indicators >= review_worker.BIG_REPORT_INDICATORS:
                path = review_worker.report(view, fmt, stop_flag(_session(request) + ":report"))
            else:
                path = review_results.write(view, fmt)
        except services.UserError as err:
            raise gr.Error(esc(services.message(err)), title="无法生成报告") from None
        except FileNotFoundError:
            raise gr.Error("这次审核的结果已过期（超过一天或服务已清理），请重新审核后再下载。",
                           title="结果已过期") from None
        return gr.File(value=str(path), visible=True)

    write_report.__name__ = f"report_{fmt}"
    return write_report


def add_to_library(file: str | None, text: str | None, request: gr.Request) -> str:
    """Put the reviewed table into this user's drafting reference library (only when asked)."""
    from assistant.service import ServiceError, add_reference
    from assistant.ui.auth import owner

    table = load_input(file, text)
    try:
        return esc(add_reference(table, file or None, user=owner(request) or None))
    except ServiceError as err:
        raise gr.Error(esc(err.zh_text), title="无法加入参考库") from None


def stop_review(request: gr.Request) -> str:
    """Stop this session's model review at its next call."""
    running = request_stop(getattr(request, "session_hash", None) or "api")
    return "正在停止审核……" if running else "当前没有进行中的模型审核。"


def _outputs(view: review_results.View, who: str, done: bool, totals: dict[str, Any],
             note: str = "") -> tuple[Any, ...]:
    return (_summary(view, who, done) + note, view.grade_rows, view.finding_rows, view,
            gr.Dropdown(choices=view.codes, value=[]), gr.CheckboxGroup(value=SEVERITY_CHOICES), None, totals, "")


def build(endpoint: gr.Dropdown, totals: gr.State) -> None:
    """Lay out the tab and wire its events inside the current Blocks context."""
    with gr.Row():
        with gr.Column(scale=2):
            upload = gr.File(label="上传表格（.xlsx/.docx/.pdf/.csv/.txt/.html）", file_types=UPLOAD_TYPES,
                             type="filepath", elem_id="review-upload")
            pasted = gr.Textbox(label="或粘贴表格内容", lines=8, max_lines=20, elem_id="review-text",
                                placeholder="从部门预算公开文件或 Excel 中复制整张表，粘贴到这里……")
        with gr.Column(scale=1):
            policy = gr.Dropdown(choices=policy_choices(), value=policy_choices()[0][1], label="审核口径")
            use_model = gr.Checkbox(label="同时用模型做语义审核（在“设置”页选择模型端点）", value=False)
            start = gr.Button("开始审核", variant="primary", elem_id="review-start")
            stop = gr.Button("停止模型审核", variant="secondary", elem_id="review-stop")
            keep = gr.Button("加入我的参考库（起草时参考）", variant="secondary", elem_id="review-add-library")
            gr.Markdown("规则审核即时完成；模型审核逐个项目进行，可随时停止，已完成的部分保留。")
    status = gr.Markdown(elem_id="review-status")
    summary = gr.Markdown("上传或粘贴表格后点击“开始审核”。", elem_id="review-summary")
    with gr.Row():
        writers = [gr.Button(f"下载 {label} 报告", elem_id=f"download-{fmt}") for fmt, label in REPORT_FORMATS]
    report_file = gr.File(label="报告文件（点击文件名下载）", interactive=False, visible=False,
                          elem_id="review-report-file")
    grades = gr.Dataframe(headers=GRADE_COLUMNS, label="项目评级", interactive=False, wrap=True,
                          elem_id="review-grades", column_count=len(GRADE_COLUMNS),
                          column_widths=["26%", "6%", "24%", "44%"], max_height=420)
    with gr.Row():
        severity = gr.CheckboxGroup(SEVERITY_CHOICES, value=SEVERITY_CHOICES, label="按严重程度筛选")
        codes = gr.Dropdown(choices=[], value=[], multiselect=True, label="按规则筛选（不选即全部）")
    table = gr.Dataframe(headers=FINDING_COLUMNS, label="问题清单", interactive=False, wrap=True,
                         elem_id="review-findings", column_count=len(FINDING_COLUMNS), max_height=600,
                         column_widths=["6%", "10%", "11%", "7%", "11%", "7%", "17%", "15%", "11%", "5%"])
    found = gr.State(None)
    start.click(run_review, [upload, pasted, policy, use_model, endpoint, totals],
                [summary, grades, table, found, codes, severity, report_file, totals, status],
                api_name="review", concurrency_limit=4)
    for button, (fmt, _) in zip(writers, REPORT_FORMATS, strict=True):
        button.click(report_handler(fmt), [found], report_file, api_name=f"report_{fmt}",
                     concurrency_limit=2).success(None, js=click_download_js("review-report-file"))
    stop.click(stop_review, None, status, api_name="stop_review")
    keep.click(add_to_library, [upload, pasted], status, api_name="add_to_library")
    gr.on([severity.change, codes.change], _filter, [found, severity, codes], table,
          api_name="filter_findings", show_progress="hidden")
