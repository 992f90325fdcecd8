"""The operations the CLI and the page share: parse, review (rules, then the model), suggest, rewrite,
export. Each takes :class:`Options` (checked here again, so no caller can skip the check) and reports
through a :class:`Progress`; every failure the user can fix is a :class:`ServiceError`."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant import atomic
from assistant.model import Indicator, Project, Table
from assistant.service.errors import ServiceError, from_parse, from_text
from assistant.service.options import Options
from assistant.service.progress import Progress, Step, no_progress
from assistant.service.resolve import RULES, load_policy, resolve_endpoint

if TYPE_CHECKING:
    from assistant.llm.endpoints import Endpoint
    from assistant.review.result import ReviewReport
    from assistant.tasks.models import LLMReviewResult, ProjectDescription, RewriteResult, SuggestResult
    from assistant.tasks.suggest import OnIndicator


@dataclass(frozen=True)
class Outcome:
    """A review: the table, the report (model findings merged in when the model ran), and the model's
    result (None for rules only). ``calls`` is how many model calls were planned."""

    table: Table
    report: ReviewReport
    model: LLMReviewResult | None = None
    calls: int = 0

    @property
    def model_failed(self) -> bool:
        """Every planned model call failed: the report holds the rules' findings only."""
        return self.model is not None and bool(self.model.errors) and len(self.model.errors) == self.calls

    def readable(self) -> ReviewReport:
        """The report for reading: a model finding's message names the model that made it."""
        if self.model is None:
            return self.report
        name = self.model.model
        findings = [f.model_copy(update={"message": f"［模型 {name}］{f.message}"}) if f.source == "model" else f
                    for f in self.report.findings]
        return self.report.model_copy(update={"findings": findings})

    def exit_code(self, options: Options) -> int:
        """1 when a finding reaches ``options.fail_on`` or every model call failed, else 0."""
        threshold = options.checked().threshold
        if self.model_failed:
            return 1
        return int(threshold != "never" and self.report.has_at_least(threshold))


def parse(path: str | Path) -> Table:
    """Read a table file (any supported format)."""
    from assistant.parse import ParseError, read_path

    try:
        return read_path(path)
    except ParseError as err:
        raise from_parse(err) from None


def parse_text(text: str, name: str = "粘贴的表格") -> Table:
    """Read pasted table text; text that yields no project is an error."""
    from assistant.parse import ParseError, read_text

    try:
        table = read_text(text, name)
    except ParseError as err:
        raise from_parse(err) from None
    if not table.projects:
        raise ServiceError("没有读到项目。请确认包含“项目名称”“绩效目标”“绩效指标”等列，或直接上传原文件。",
                           "No project found: the text needs 项目名称, 绩效目标 and 绩效指标 columns.", path=name)
    return table


def review_rules(table: Table, options: Options, progress: Progress = no_progress) -> Outcome:
    """The rule review under ``options.policy``. The table joins the drafting reference library only through
    :func:`add_reference`, when the user asks."""
    from assistant.review.engine import review_table

    opts = options.checked()
    report = review_table(table, load_policy(opts.policy),
                          progress=lambda done, total: progress(Step("rules", done, total)))
    return Outcome(table, report)


def add_reference(table: Table, path: str | Path | None = None, *, user: str | None = None) -> str:
    """Add ``table`` to the user's drafting reference library (the user's choice: ``--add-to-library``, the
    page's button); the Chinese message says what was done."""
    import sqlite3

    from assistant.library.references import LibraryFull, add_to_library

    try:
        return add_to_library(table, path, user=user).message
    except LibraryFull as err:
        raise ServiceError(str(err), "the reference library is full") from None
    except (OSError, sqlite3.Error) as err:
        raise ServiceError(f"无法写入参考库：{err}", f"cannot write the reference library: {err}") from None


def _model_api(name: str, option: str) -> Callable[..., Any]:
    """``assistant.tasks.llm_review.<name>``, or a clear error when this build's model review lacks it."""
    import assistant.tasks.llm_review as task

    found = getattr(task, name, None)
    if found is None or (name == "llm_review" and option == "--checkpoint"
                         and "checkpoint" not in inspect.signature(found).parameters):
        raise ServiceError(f"本版本的模型审核尚不支持 {option}", f"This build's model review lacks {option}",
                           where=option)
    fn: Callable[..., Any] = found
    return fn


def _model_setup(options: Options) -> tuple[Options, Endpoint]:
    opts = options.checked()
    endpoint = resolve_endpoint(opts.endpoint)
    if endpoint is None:
        raise ServiceError("模型审核需要模型端点", "Model review needs an endpoint", where="--endpoint")
    return opts, endpoint


def review_model(rules: Outcome, options: Options, progress: Progress = no_progress) -> Outcome:
    """The model's critiques and rewrites after the rule review, under the same policy. With
    ``options.checkpoint`` a re-run after a kill repeats no finished call; with ``options.batch_in`` the
    answers come from an OpenAI Batch API results file instead of the endpoint. An endpoint that fails
    as a whole raises :class:`ServiceError` (exit 1); single failed calls are in ``Outcome.model.errors``."""
    from assistant.llm.errors import LLMError
    from assistant.tasks.endpoint import client_for
    from assistant.tasks.llm_review import call_count

    opts, endpoint = _model_setup(options)
    policy = load_policy(opts.policy)
    try:
        if opts.batch_in is not None:
            read = _model_api("read_results", "--batch-in")
            result, merged = read(rules.table, rules.report, endpoint, opts.batch_in, policy=policy)
        else:
            run = _model_api("llm_review", "--checkpoint" if opts.checkpoint else "")
            extra = {"checkpoint": opts.checkpoint} if opts.checkpoint is not None else {}
            result, merged = run(rules.table, rules.report, client_for(endpoint), policy=policy,
                                 progress=lambda done, total: progress(Step("model", done, total)), **extra)
    except LLMError as err:
        raise from_text(err, f"Model review failed: {err}", where=endpoint.name, exit_code=1) from None
    except (OSError, ValueError) as err:
        raise ServiceError(f"无法读取批处理结果文件：{err}", f"Cannot read the batch results file: {err}",
                           path=str(opts.batch_in)) from None
    return Outcome(rules.table, merged, result, call_count(rules.table, rules.report))


def write_batch(rules: Outcome, options: Options) -> int:
    """Write the model calls of ``review_model`` as an OpenAI Batch API JSONL file at
    ``options.batch_out`` instead of calling; returns the number of requests."""
    opts, endpoint = _model_setup(options)
    assert opts.batch_out is not None
    write = _model_api("write_requests", "--batch-out")
    try:
        count: int = write(rules.table, rules.report, endpoint, opts.batch_out,
                           policy=load_policy(opts.policy))
    except OSError as err:
        raise ServiceError(f"无法写入批处理请求文件：{err}", f"Cannot write the batch requests file: {err}",
                           path=str(opts.batch_out)) from None
    return count


def review(table: Table | str | Path, options: Options, progress: Progress = no_progress) -> Outcome:
    """Parse (when given a path), review by the rules, then by the model when ``options.use_model``
    (``options.batch_out`` is not a review: call :func:`write_batch` after :func:`review_rules`)."""
    opts = options.checked()
    if opts.batch_out is not None:
        raise ServiceError("写出批处理请求不是审核：请先 review_rules 再 write_batch",
                           "batch_out is not a review: call review_rules, then write_batch", where="--batch-out")
    parsed = table if isinstance(table, Table) else parse(table)
    outcome = review_rules(parsed, opts, progress)
    return review_model(outcome, opts, progress) if opts.use_model else outcome


def export(outcome: Outcome, options: Options) -> str | Path:
    """Write the report in ``options.fmt`` to ``options.output`` and return the path, or return the text
    when no output is set. JSON of a model review is the model result (schemas/llm-review.schema.json),
    otherwise the review report (schemas/review-report.schema.json)."""
    opts = options.checked()
    report, kind = outcome.readable(), opts.format
    try:
        if kind == "xlsx":
            from assistant.report.xlsx import write

            assert opts.output is not None
            return Path(write(report, outcome.table, opts.output))
        text = render(outcome, kind)
        if opts.output is None:
            return text
        return atomic.write_text(opts.output, text)
    except atomic.WriteFailed as err:
        raise ServiceError(err.zh, err.en, path=str(opts.output)) from None
    except OSError as err:
        raise ServiceError(f"无法写入报告文件：{err}", f"Cannot write the report: {err}",
                           path=str(opts.output)) from None


def render(outcome: Outcome, kind: str) -> str:
    """The report text in ``kind`` (text, md, html, json)."""
    report = outcome.readable()
    if kind == "json":
        if outcome.model is not None:
            return outcome.model.model_dump_json(indent=2) + "\n"
        from assistant.report.json import render as as_json

        return as_json(report, outcome.table)
    if kind == "md":
        from assistant.report.markdown import render as as_md

        return as_md(report, outcome.table)
    if kind == "html":
        from assistant.report.html import render as as_html

        return as_html(report, outcome.table)
    from assistant.report.text import render as as_text

    return as_text(report, outcome.table)


def _endpoint_or_rules(options: Options) -> object:
    endpoint = resolve_endpoint(options.endpoint)
    return RULES if endpoint is None else endpoint


def suggest(desc: ProjectDescription, options: Options,
            on_indicator: OnIndicator | None = None, *, user: str | None = None) -> SuggestResult:
    """Draft a complete indicator set for ``desc`` (the rules backend when no endpoint is chosen), grounded
    in ``user``'s reference library (the local user's when None) and the indicator library."""
    from assistant.examples import default_library
    from assistant.llm.errors import LLMError
    from assistant.tasks import suggest as task

    opts = options.checked()
    if not desc.name.strip():
        raise ServiceError("请给出项目名称", "A project name is needed", where="--name")
    try:
        return task.suggest(desc, endpoint=_endpoint_or_rules(opts), policy=load_policy(opts.policy),
                            on_indicator=on_indicator, library=default_library(user))
    except LLMError as err:
        raise from_text(err, f"The model endpoint failed: {err}", where="--endpoint", exit_code=1) from None


def parse_for_extraction(path: str | Path) -> Table:
    """The table at ``path`` as the rules read it; a text file in which the rules find no indicator table
    is still read (every line kept as a warning) so that the model can look at it."""
    try:
        return parse(path)
    except ServiceError:
        p = Path(path)
        if p.suffix.lower() not in (".txt", ".md", "") or not p.is_file():
            raise
        from assistant.parse.load import decode, read_text

        data = p.read_bytes()
        return read_text(decode(data, str(p)), p.name)


def extract(table: Table, options: Options) -> Table:
    """``table`` with rows the model found in the text the rules could not place. Only rows whose name
    and value occur in that text are kept, marked as model-extracted; their projects are marked
    需人工核对. Needs an endpoint."""
    from assistant.llm.errors import LLMError
    from assistant.tasks.extract import extract as model_extract

    opts = options.checked()
    endpoint = resolve_endpoint(opts.endpoint)
    if endpoint is None:
        raise ServiceError("模型辅助抽取需要模型端点：请用 --endpoint 选择，或设置 JIXIAO_BASE_URL/JIXIAO_MODEL。",
                           "Model-assisted extraction needs an endpoint", where="--endpoint")
    try:
        return model_extract(table, endpoint=endpoint)
    except LLMError as err:
        raise from_text(err, f"The model endpoint failed: {err}", where="--endpoint", exit_code=1) from None


def locate(table: Table, project: str, text: str) -> tuple[Project, Indicator | str]:
    """The project named (or containing) ``project`` and its indicator like ``text`` (else ``text``)."""
    from assistant.tasks.rewrite import find_indicator

    found = find_indicator(table, project, text)
    if found is not None:
        return found
    holder = next((p for p in table.projects if project in p.name), None)
    if holder is None:
        raise ServiceError(f"表格中没有名称含“{project}”的项目", f"No project named like '{project}' in the table",
                           path=table.source, where="--project")
    return holder, text


def rewrite(indicator: Indicator | str, options: Options, project: Project | None = None) -> RewriteResult:
    """1–3 measurable alternatives for a vague indicator (an Indicator or ``名称，年度指标值：值``)."""
    from assistant.llm.errors import LLMError
    from assistant.tasks import rewrite as task

    opts = options.checked()
    if isinstance(indicator, str) and not indicator.strip():
        raise ServiceError("请给出要改写的指标，例如：指标名称，年度指标值：进一步提高",
                           "Give the indicator to rewrite, e.g. 名称，年度指标值：进一步提高")
    try:
        return task.rewrite(indicator, project=project, endpoint=_endpoint_or_rules(opts),
                            policy=load_policy(opts.policy))
    except LLMError as err:
        raise from_text(err, f"The model endpoint failed: {err}", where="--endpoint", exit_code=1) from None
