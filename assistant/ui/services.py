"""The domain calls the page makes, in one place: the same functions the CLI uses, imported lazily.

Nothing here knows about gradio; every function takes and returns domain objects or paths.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from assistant.model import Project, Table
from assistant.tasks.endpoint import RULES as RULES_BACKEND

RULES = "规则引擎"
RULES_CHOICE = "规则引擎（不调用模型）"


class UserError(ValueError):
    """A problem the user can fix; ``str(err)`` is the Chinese message to show."""


OUT_BASE = Path(tempfile.gettempdir()) / "jixiao-ui"
KEEP_SECONDS = 86400


def out_dir() -> Path:
    """A fresh folder for generated downloads; folders older than a day are removed on the way."""
    import shutil
    import time

    OUT_BASE.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - KEEP_SECONDS
    for old in OUT_BASE.iterdir():
        if old.is_dir() and old.stat().st_mtime < cutoff:
            shutil.rmtree(old, ignore_errors=True)
    return Path(tempfile.mkdtemp(dir=OUT_BASE))


def read_upload(path: str | Path) -> Table:
    """Read an uploaded file; over-size and unreadable files raise :class:`UserError` in Chinese."""
    from assistant.parse import ParseError, read_path
    from assistant.parse.load import max_bytes

    p = Path(path)
    limit = max_bytes()
    if p.exists() and p.stat().st_size > limit:
        raise UserError(f"文件“{p.name}”大小 {p.stat().st_size / 1048576:.1f} MB，超过上限 "
                        f"{limit / 1048576:.0f} MB。请拆分后分别上传，或只粘贴需要审核的部分。")
    try:
        return read_path(p)
    except ParseError as err:
        raise UserError(f"无法读取“{p.name}”：{err.zh}") from None


def read_pasted(text: str) -> Table:
    from assistant.parse import ParseError, read_text
    from assistant.parse.load import max_bytes

    if len(text.encode("utf-8")) > max_bytes():
        raise UserError(f"粘贴的内容超过上限 {max_bytes() / 1048576:.0f} MB，请分批粘贴。")
    try:
        table = read_text(text, "粘贴的表格")
    except ParseError as err:
        raise UserError(f"无法读取粘贴的内容：{err.zh}") from None
    if not table.projects:
        raise UserError("没有从粘贴的内容中读到项目。请确认包含“项目名称”“绩效目标”“绩效指标”等列，"
                        "或直接上传原文件。")
    return table


def review(table: Table, profile: str | None = None) -> Any:
    """Review a table. It joins the reference library only through ``assistant.library.add_to_library``
    (the user's choice), never here."""
    from assistant.review import review_table

    report = review_table(table, profile=profile)
    return report


def write_report(report: Any, table: Table, fmt: str, path: Path) -> Path:
    """Render a review report with the report package's renderer for ``fmt`` (xlsx, html, json, md)."""
    if fmt == "xlsx":
        from assistant.report.xlsx import write

        return Path(write(report, table, path))
    from importlib import import_module

    renderer = import_module(f"assistant.report.{ {'md': 'markdown'}.get(fmt, fmt)}")
    path.write_text(renderer.render(report, table), encoding="utf-8")
    return path


def write_table(table: Table, path: Path) -> Path:
    from assistant.writers import write_table as write

    write(table, path)
    return path


def endpoint(name: str | None) -> Any:
    """The endpoint profile for a choice of the settings page; ``None`` for the rules backend."""
    if not name or name in (RULES, RULES_CHOICE):
        return None
    from assistant.llm.profiles import load_profile

    return load_profile(name)


def endpoint_choices() -> list[str]:
    from assistant.llm.profiles import profile_names

    try:
        return [RULES_CHOICE, *profile_names()]
    except Exception:  # noqa: BLE001 - a broken config file must not stop the page
        return [RULES_CHOICE]


def default_endpoint() -> str:
    """The configured profile (``$JIXIAO_PROFILE`` or the config's ``default``), else the rules."""
    from assistant.llm.errors import ConfigError
    from assistant.llm.profiles import load_profile

    try:
        return load_profile().name
    except (ConfigError, ValueError):
        return RULES_CHOICE


def probe(name: str) -> Any:
    from assistant.llm.probe import probe as run

    return run(endpoint(name))


def missing_fields(desc: Any) -> list[str]:
    """What the chat should still ask, as Chinese questions."""
    from assistant.tasks.suggest import missing_fields as missing

    return missing(desc)


def suggest(desc: Any, *, endpoint_name: str | None, on_indicator: Any) -> Any:
    """Suggest indicators; the rules backend when the rules are chosen, whatever the config's default."""
    from assistant.tasks import suggest as task

    return task.suggest(desc, endpoint=endpoint(endpoint_name) or RULES_BACKEND, on_indicator=on_indicator)


def rewrite(indicator: Any, project: Project, endpoint_name: str | None) -> Any:
    from assistant.tasks import rewrite as task

    return task.rewrite(indicator, project=project, endpoint=endpoint(endpoint_name) or RULES_BACKEND)


def model_review(table: Table, report: Any, endpoint_name: str, progress: Any) -> tuple[Any, Any]:
    """``jixiao review --llm``'s work: critiques and rewrites by the model after the rule ``report``;
    returns the model result and the merged report. ``progress(done, total)`` may raise to stop."""
    from assistant.tasks.endpoint import client_for
    from assistant.tasks.llm_review import llm_review

    return llm_review(table, report, client_for(endpoint(endpoint_name)), progress=progress)
