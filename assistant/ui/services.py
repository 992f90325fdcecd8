"""The page's calls into :mod:`assistant.service` (the layer the CLI uses too), in the page's terms: an
endpoint is chosen by its label on the settings page, errors are :class:`UserError` with a Chinese text.

Nothing here knows about gradio; every function takes and returns domain objects or paths.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from assistant import service
from assistant.model import Indicator, Project, Table
from assistant.service import Options, Outcome, Progress, ServiceError, Step

if TYPE_CHECKING:
    from assistant.llm.endpoints import Endpoint
    from assistant.llm.probe import ProbeResult
    from assistant.tasks.models import ProjectDescription, RewriteResult, SuggestedIndicator, SuggestResult

RULES = "规则引擎"
RULES_CHOICE = "规则引擎（不调用模型）"
UserError = ServiceError
OUT_BASE = Path(tempfile.gettempdir()) / "jixiao-ui"
KEEP_SECONDS = 86400
SWEEP_SECONDS = 600
_swept = [0.0]


def message(err: ServiceError) -> str:
    """The Chinese text of ``err`` for a page dialog."""
    return err.zh_text


def out_dir() -> Path:
    """A fresh private folder for generated downloads and kept reviews. Folders older than a day are removed
    on the way, in a sweep at most every ten minutes (each sweep reads the whole area)."""
    import shutil
    import time

    OUT_BASE.mkdir(parents=True, exist_ok=True)
    now = time.time()
    if now - _swept[0] >= SWEEP_SECONDS:
        _swept[0] = now
        for old in OUT_BASE.iterdir():
            if old.is_dir() and old.stat().st_mtime < now - KEEP_SECONDS:
                shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(dir=OUT_BASE))


def _limit(size: int, what: str, advice: str) -> None:
    from assistant.parse.load import max_bytes

    limit = max_bytes()
    if size > limit:
        raise ServiceError(f"{what}大小 {size / 1048576:.1f} MB，超过上限 {limit / 1048576:.0f} MB。{advice}",
                           f"{what} is {size / 1048576:.1f} MB, over the {limit / 1048576:.0f} MB limit")


def read_upload(path: str | Path) -> Table:
    """Read an uploaded file; over-size and unreadable files raise :class:`UserError`."""
    p = Path(path)
    if p.exists():
        _limit(p.stat().st_size, f"文件“{p.name}”", "请拆分后分别上传，或只粘贴需要审核的部分。")
    try:
        return service.parse(p)
    except ServiceError as err:
        raise ServiceError(f"无法读取“{p.name}”：{err.zh}", f"Cannot read '{p.name}': {err.en}", where=err.where,
                           exit_code=err.exit_code) from None


def check_pasted_size(text: str) -> None:
    """Pasted text over the size limit raises :class:`UserError`."""
    _limit(len(text.encode("utf-8")), "粘贴的内容", "请分批粘贴。")


def read_pasted(text: str) -> Table:
    check_pasted_size(text)
    try:
        return service.parse_text(text, "粘贴的表格")
    except ServiceError as err:
        raise ServiceError(f"无法读取粘贴的内容：{err.zh}", f"Cannot read the pasted text: {err.en}",
                           where=err.where) from None


def endpoint_option(name: str | None) -> str:
    """The service's endpoint value for a choice of the settings page (the rules by default)."""
    return service.RULES if not name or name in (RULES, RULES_CHOICE) else name


def options(policy: str | None = None, endpoint_name: str | None = None, use_model: bool = False) -> Options:
    """The one options type, from the page's controls; checked before anything runs."""
    return Options(policy=policy or None, endpoint=endpoint_option(endpoint_name), use_model=use_model).checked()


def review(table: Table, opts: Options, progress: Progress = service.no_progress) -> Outcome:
    """The rule review. The table joins the reference library only when the user asks
    (:func:`assistant.service.add_reference`), never here."""
    return service.review_rules(table, opts, progress)


def model_review(rules: Outcome, opts: Options, progress: Progress) -> Outcome:
    """The model's critiques and rewrites after ``rules``, under the same policy. ``progress`` may raise
    to stop."""
    return service.review_model(rules, opts, progress)


def write_report(outcome: Outcome, fmt: str, path: Path) -> Path:
    """Write the report in ``fmt`` (xlsx, html, json, md) with the service's exporter."""
    written = service.export(outcome, Options(fmt=fmt, output=path))
    return Path(written)


def write_table(table: Table, path: Path) -> Path:
    from assistant.writers import write_table as write

    write(table, path)
    return path


def endpoint(name: str | None) -> Endpoint | None:
    """The endpoint for a choice of the settings page; ``None`` for the rules backend."""
    return service.resolve_endpoint(endpoint_option(name))


def endpoint_choices() -> list[str]:
    from assistant.llm.endpoints import endpoint_names

    try:
        return [RULES_CHOICE, *endpoint_names()]
    except Exception:  # noqa: BLE001 - a broken config file must not stop the page
        return [RULES_CHOICE]


def default_endpoint() -> str:
    """The configured endpoint (``$JIXIAO_ENDPOINT`` or the config's ``default``), else the rules."""
    try:
        found = service.resolve_endpoint(None)
    except ServiceError:
        return RULES_CHOICE
    return found.name if found is not None else RULES_CHOICE


def probe(name: str) -> list[ProbeResult]:
    from assistant.llm.probe import probe as run

    found = endpoint(name)
    if found is None:
        return []
    return run(found)


def missing_fields(desc: ProjectDescription) -> list[str]:
    """What the chat should still ask, as Chinese questions."""
    from assistant.tasks.suggest import missing_fields as missing

    return missing(desc)


def suggest(desc: ProjectDescription, *, endpoint_name: str | None,
            on_indicator: Callable[[SuggestedIndicator], None] | None, user: str | None = None) -> SuggestResult:
    """Suggest indicators, grounded in the page user's reference library; the rules backend when the rules
    are chosen, whatever the config's default."""
    return service.suggest(desc, options(endpoint_name=endpoint_name), on_indicator, user=user)


def rewrite(indicator: Indicator | str, project: Project | None, endpoint_name: str | None) -> RewriteResult:
    return service.rewrite(indicator, options(endpoint_name=endpoint_name), project)


def show(progress: Callable[..., object], step: Step, endpoint_name: str) -> None:
    """Adapt a service :class:`Step` to gradio's progress (``progress((done, total), desc=, unit=)``)."""
    who = f"（{endpoint_name}）" if step.stage == "model" else ""
    progress((step.done, step.total), desc=step.label + who, unit="次调用" if step.stage == "model" else "个项目")
