"""审核 tab: paste or upload a table, get grades, a filterable findings table and report downloads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.model import SEVERITY_ZH, Finding, Grade, Table
from assistant.service import Outcome
from assistant.ui import review_worker, services, usage
from assistant.ui.background import Stopped, request_stop, stop_flag, streamed
from assistant.ui.rows import FINDING_COLUMNS, GRADE_COLUMNS, esc, finding_rows, grade_rows

UPLOAD_TYPES = [".xlsx", ".docx", ".pdf", ".csv", ".txt", ".md", ".html", ".htm", ".json"]
SEVERITY_CHOICES = [SEVERITY_ZH[k] for k in ("error", "warning", "info")]
REPORT_FORMATS = (("xlsx", "Excel"), ("html", "HTML"), ("json", "JSON"))


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
    no_files = [gr.DownloadButton(value=None, interactive=False)] * len(REPORT_FORMATS)
    return (message, [], [], [], gr.Dropdown(choices=[], value=[]), gr.CheckboxGroup(value=SEVERITY_CHOICES),
            *no_files, totals, "")


def _summary(table: Table, findings: list[Finding], grades: list[Grade], who: str, done: bool) -> str:
    counts = {k: sum(f.severity == k for f in findings) for k in ("error", "warning", "info")}
    dist = "，".join(f"{g} {sum(x.grade == g for x in grades)} 个" for g in "优良中差")
    head = "审核完成" if done else "审核中……"
    name = esc(table.department or table.title or table.source or "表格")
    return (f"### {head}：{name}\n\n{len(table.projects)} 个项目，{table.indicator_count()} 条指标；"
            f"错误 **{counts['error']}**，警告 **{counts['warning']}**，提示 **{counts['info']}**。"
            f"评级：{dist or '—'}。\n\n<sub>审核：{esc(who)}</sub>")


def _write_reports(outcome: Outcome) -> list[str]:
    folder = services.out_dir()
    stem = Path(outcome.table.source or "表格").stem[:40] or "表格"
    return [str(services.write_report(outcome, fmt, folder / f"{stem}-审核报告.{fmt}")) for fmt, _ in REPORT_FORMATS]


def _filter(findings: list[dict[str, Any]], severities: list[str] | None, codes: list[str] | None) -> list[list[str]]:
    chosen = [Finding.model_validate(f) for f in findings]
    if severities:
        chosen = [f for f in chosen if SEVERITY_ZH.get(f.severity) in severities]
    if codes:
        chosen = [f for f in chosen if f.code in codes]
    return finding_rows(chosen)


def run_review(file: str | None, text: str | None, policy: str | None, use_model: bool, endpoint_name: str,
               totals: dict[str, Any], request: gr.Request,
               progress: gr.Progress = gr.Progress()) -> Iterator[tuple[Any, ...]]:  # noqa: B008
    """Rules first; then, when asked and an endpoint is chosen, the model's critiques and rewrites under the
    same policy, with a progress bar. 停止 ends the model part; the rule results stay and the reports are
    still written. A review that cannot start clears the previous results before saying why."""
    try:
        try:
            opts = services.options(policy, endpoint_name)
        except services.UserError as err:
            raise gr.Error(esc(services.message(err)), title="选项有误") from None
        big = file is not None and Path(file).is_file() and Path(file).stat().st_size >= review_worker.BIG_BYTES
        source: Table | Path = Path(file) if big and file is not None else load_input(file, text)
    except gr.Error as err:
        yield cleared(f"### 审核未能进行\n\n{err.message}", totals)
        raise
    chosen = input_note(file, text)
    progress(0.05, desc="读取并审核" if big else "规则审核")
    try:
        outcome = rules_off_thread(source, opts, progress, getattr(request, "session_hash", None) or "api")
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
        no_files = [gr.DownloadButton(value=None, interactive=False)] * len(REPORT_FORMATS)
        yield _outputs(outcome, f"{services.RULES}；模型审核进行中……", False, no_files, totals)
        flag = stop_flag(getattr(request, "session_hash", None) or "api")
        rules = outcome
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
            who = f"{services.RULES} + {result.model or endpoint_name}"
            totals = usage.add(totals, result.model or endpoint_name, result.usage)
            note = usage.footer(who, result.usage) + "".join(f"\n\n- 失败：{esc(e)}" for e in result.errors[:5])
        except Stopped:
            note = "\n\n**模型审核已停止**：下面是规则审核的结果，报告文件也只含规则审核。"
        except Exception as err:  # noqa: BLE001 - the rule results still stand
            shown = services.message(err) if isinstance(err, services.UserError) else err
            note = f"\n\n**模型审核失败**：{esc(shown)}。下面是规则审核的结果；可稍后重试或改用规则引擎。"
    progress(0.95, desc="生成报告文件")
    files = [gr.DownloadButton(value=path, interactive=True) for path in _write_reports(outcome)]
    yield _outputs(outcome, who, True, files, totals, chosen + note)


def rules_off_thread(source: Table | Path, opts: Any, progress: Any, session: str) -> Outcome:
    """The rule review in a worker thread (a big file or table: in a child process, which also reads the
    file), reporting each project to the progress bar; the session's 停止 ends it (:class:`Stopped`)."""
    flag = stop_flag(session)
    if isinstance(source, Path) or len(source.projects) >= review_worker.BIG_PROJECTS:
        steps = streamed(lambda emit: review_worker.review(source, opts, emit, flag), flag)
    else:
        table = source
        steps = streamed(lambda emit: services.review(table, opts, emit), flag)
    while True:
        try:
            step = next(steps)
        except StopIteration as finished:
            outcome: Outcome = finished.value
            return outcome
        services.show(progress, step, "")


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


def _outputs(outcome: Outcome, who: str, done: bool, files: list[Any], totals: dict[str, Any],
             note: str = "") -> tuple[Any, ...]:
    table, report = outcome.table, outcome.readable()
    findings, grades = list(report.findings), list(report.grades)
    from assistant.review import rule_title

    codes = sorted(((rule_title(c), c) for c in {f.code for f in findings}), key=lambda tc: tc[0])
    return (_summary(table, findings, grades, who, done) + note, grade_rows(grades), finding_rows(findings),
            [f.model_dump(mode="json") for f in findings], gr.Dropdown(choices=codes, value=[]),
            gr.CheckboxGroup(value=SEVERITY_CHOICES), *files, totals, "")


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
        downloads = [gr.DownloadButton(f"下载 {label} 报告", interactive=False, elem_id=f"download-{fmt}")
                     for fmt, label in REPORT_FORMATS]
    grades = gr.Dataframe(headers=GRADE_COLUMNS, label="项目评级", interactive=False, wrap=True,
                          elem_id="review-grades", column_count=len(GRADE_COLUMNS),
                          column_widths=["26%", "6%", "24%", "44%"], max_height=420)
    with gr.Row():
        severity = gr.CheckboxGroup(SEVERITY_CHOICES, value=SEVERITY_CHOICES, label="按严重程度筛选")
        codes = gr.Dropdown(choices=[], value=[], multiselect=True, label="按规则筛选（不选即全部）")
    table = gr.Dataframe(headers=FINDING_COLUMNS, label="问题清单", interactive=False, wrap=True,
                         elem_id="review-findings", column_count=len(FINDING_COLUMNS), max_height=600,
                         column_widths=["6%", "10%", "11%", "7%", "11%", "7%", "17%", "15%", "11%", "5%"])
    found = gr.State([])
    start.click(run_review, [upload, pasted, policy, use_model, endpoint, totals],
                [summary, grades, table, found, codes, severity, *downloads, totals, status],
                api_name="review", concurrency_limit=2)
    stop.click(stop_review, None, status, api_name="stop_review")
    keep.click(add_to_library, [upload, pasted], status, api_name="add_to_library")
    gr.on([severity.change, codes.change], _filter, [found, severity, codes], table,
          api_name="filter_findings", show_progress="hidden")
