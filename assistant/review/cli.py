"""``jixiao review``: parse, review, render, write; returns the exit code (2 usage or input error,
1 when --fail-on finds a finding at that severity or worse, else 0)."""

from __future__ import annotations

import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

FORMATS = {"text": "text", "txt": "text", "md": "md", "markdown": "md", "html": "html", "xlsx": "xlsx",
           "json": "json"}
FAIL_ON = ("error", "warning", "info", "never")
PROGRESS_AFTER_S = 1.0


def _err(message: str) -> int:
    sys.stderr.write(message.rstrip() + "\n")
    return 2


class _LazyProgress:
    """A rich progress bar that appears only once the review has run for more than a second."""

    def __init__(self, after: float = PROGRESS_AFTER_S):
        self.start, self.after, self.bar, self.task = time.monotonic(), after, None, None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if time.monotonic() - self.start < self.after or done >= total:
                return
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("审核中", total=total)
        self.bar.update(self.task, completed=done)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _render(fmt: str) -> Callable:
    if fmt == "md":
        from assistant.report.markdown import render
    elif fmt == "html":
        from assistant.report.html import render
    elif fmt == "json":
        from assistant.report.json import render
    else:
        from assistant.report.text import render
    return render


def run_review(path: str | Path, *, fmt: str = "text", output: str | Path | None = None,
               profile: str | None = None, fail_on: str = "never", add_to_library: bool = False) -> int:
    """Review the table at ``path`` and write the report; see the module docstring for exit codes.
    With ``add_to_library`` the table then joins the user's reference library (never otherwise)."""
    kind = FORMATS.get((fmt or "text").strip().lower())
    if kind is None:
        return _err(f"不支持的报告格式“{fmt}”，可选：text、md、html、xlsx、json / "
                    f"Unknown format '{fmt}': use text, md, html, xlsx or json")
    threshold = (fail_on or "never").strip().lower()
    if threshold not in FAIL_ON:
        return _err(f"--fail-on 取值“{fail_on}”无效，可选：error、warning、never / "
                    f"Invalid --fail-on '{fail_on}': use error, warning or never")
    if kind == "xlsx" and output is None:
        return _err("xlsx 报告需要用 -o 指定输出文件，如：jixiao review 表.txt --format xlsx -o 审核结果.xlsx / "
                    "The xlsx format needs -o FILE")
    from assistant.parse import ParseError, read_path
    from assistant.review.profile import ProfileError, load_profile

    try:
        prof = load_profile(profile)
    except ProfileError as err:
        return _err(str(err))
    try:
        table = read_path(path)
    except ParseError as err:
        return _err(str(err))
    from assistant.review.engine import review_table

    progress = _LazyProgress()
    try:
        report = review_table(table, prof, progress=progress)
    finally:
        progress.close()
    try:
        write_report(report, table, kind, output)
    except OSError as err:
        return _err(f"无法写入报告文件 {output}：{err} / Cannot write {output}: {err}")
    if add_to_library:
        from assistant.library.references import LibraryFull
        from assistant.library.references import add_to_library as add

        try:
            sys.stderr.write(add(table, path).message + "\n")
        except LibraryFull as err:
            return _err(str(err))
        except (OSError, sqlite3.Error) as err:
            return _err(f"无法写入参考库：{err} / Cannot write the reference library: {err}")
    if threshold != "never" and report.has_at_least(threshold):
        return 1
    return 0


def write_report(report, table, kind: str, output: str | Path | None) -> None:
    """Write ``report`` in format ``kind`` to ``output``, or to the terminal when ``output`` is None."""
    if kind == "xlsx":
        from assistant.report.xlsx import write

        write(report, table, Path(output))
        sys.stderr.write(f"已写入 {output}\n")
        return
    if kind == "text" and output is None:
        from assistant.report.text import print_report

        print_report(report, table)
        return
    text = _render(kind)(report, table)
    if output is None:
        sys.stdout.write(text)
        return
    Path(output).write_text(text, encoding="utf-8")
    sys.stderr.write(f"已写入 {output}\n")
