"""A finished review as the page keeps it: a folder holding the outcome and every finding row, plus the
light view the page shows (summary counts, grade rows and finding rows up to a display cap).

The page never holds a big review in the server's memory: the review (in a child process for a big
table) writes its folder and hands back only the view. Reports are written from the folder when the user
asks for one format (:func:`write`), and filters read the stored rows (:func:`filtered`). The folder is a
fresh private ``mkdtemp`` under the page's download area; its path lives in the session's server-side
state, never in the browser.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.model import SEVERITY_ZH, Finding

if TYPE_CHECKING:
    from assistant.model import Table
    from assistant.service import Outcome

DISPLAY_ROWS = 2000
MAX_INDICATORS = 100_000
OUTCOME = "outcome.json"
FINDINGS = "findings.json"
REPORT_FORMATS = (("xlsx", "Excel"), ("html", "HTML"), ("json", "JSON"))
SEVERITY_COLUMN, CODE_COLUMN = 0, 9


@dataclass
class View:
    """What the page shows of a review. ``folder`` is where its outcome and rows are kept."""

    folder: str
    stem: str
    name: str
    projects: int
    indicators: int
    counts: dict[str, int]
    grades_by_letter: dict[str, int]
    grade_rows: list[list[str]]
    finding_rows: list[list[str]]
    findings: int
    codes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def capped(self) -> bool:
        return self.findings > len(self.finding_rows) or self.projects > len(self.grade_rows)


def check_size(table: Table, name: str) -> None:
    """Refuse a table with more indicators than one page review may hold (:data:`MAX_INDICATORS`): the
    review's memory grows with them (bench/page_load.py: about 1.2 GB at 160k), and the server is shared."""
    from assistant.service import ServiceError

    count = table.indicator_count()
    if count > MAX_INDICATORS:
        raise ServiceError(
            f"“{name}”有 {count} 条指标，超过网页一次审核的上限 {MAX_INDICATORS} 条。请拆分后分别上传，"
            "或在命令行用 jixiao review / jixiao batch 审核。",
            f"'{name}' has {count} indicators, over the page's limit of {MAX_INDICATORS} for one review; "
            "split it, or review it with jixiao review / jixiao batch.", where=name)


def keep(outcome: Outcome, folder: Path) -> View:
    """Store ``outcome`` and its finding rows in ``folder``; return the view. Both are written a part at a
    time, so a big review's copies never sit in memory whole."""
    from assistant.review import rule_title
    from assistant.ui.rows import grade_rows

    report = outcome.readable()
    _save_outcome(outcome, folder / OUTCOME)
    rows = _save_rows(report.findings, folder / FINDINGS)
    table, grades = outcome.table, list(report.grades)
    codes = sorted(((rule_title(c), c) for c in {f.code for f in report.findings}), key=lambda tc: tc[0])
    return View(folder=str(folder), stem=Path(table.source or "表格").stem[:40] or "表格",
                name=table.department or table.title or table.source or "表格",
                projects=len(table.projects), indicators=table.indicator_count(),
                counts={k: sum(f.severity == k for f in report.findings) for k in ("error", "warning", "info")},
                grades_by_letter={g: sum(x.grade == g for x in grades) for g in "优良中差"},
                grade_rows=grade_rows(grades[:DISPLAY_ROWS]), finding_rows=rows,
                findings=len(report.findings), codes=codes)


def filtered(view: View | None, severities: list[str] | None, codes: list[str] | None) -> list[list[str]]:
    """The stored finding rows with the chosen severities (Chinese names) and rule codes, up to the cap."""
    if view is None:
        return []
    rows = view.finding_rows if not view.capped else json.loads(
        (Path(view.folder) / FINDINGS).read_text(encoding="utf-8"))
    chosen = set(severities or SEVERITY_ZH.values())
    wanted = set(codes or ())
    out = [r for r in rows if r[SEVERITY_COLUMN] in chosen and (not wanted or r[CODE_COLUMN] in wanted)]
    return out[:DISPLAY_ROWS]


def write(view: View, fmt: str) -> Path:
    """Write the review's report in ``fmt`` next to its stored outcome (once; later asks reuse the file)."""
    from assistant.service import Options, export

    if fmt not in dict(REPORT_FORMATS):
        raise ValueError(fmt)
    target = Path(view.folder) / f"{view.stem}-审核报告.{fmt}"
    if not target.exists():
        export(load(Path(view.folder)), Options(fmt=fmt, output=target))
    return target


def load(folder: Path) -> Outcome:
    """The outcome :func:`keep` stored in ``folder``."""
    from assistant.model import Table
    from assistant.review.result import ReviewReport
    from assistant.service import Outcome
    from assistant.tasks.models import LLMReviewResult

    raw = json.loads((folder / OUTCOME).read_text(encoding="utf-8"))
    model = LLMReviewResult.model_validate(raw["model"]) if raw.get("model") is not None else None
    return Outcome(table=Table.model_validate(raw["table"]), report=ReviewReport.model_validate(raw["report"]),
                   model=model, calls=raw.get("calls", 0))


def _save_rows(findings: list[Finding], path: Path, chunk: int = 5000) -> list[list[str]]:
    """Write every finding's page row to ``path`` as one JSON list; return the first :data:`DISPLAY_ROWS`."""
    from assistant.ui.rows import finding_rows, shown_order

    ordered = sorted(findings, key=shown_order)
    first: list[list[str]] = []
    with path.open("w", encoding="utf-8") as out:
        out.write("[")
        for start in range(0, len(ordered), chunk):
            rows = finding_rows(ordered[start:start + chunk], ordered=True)
            if len(first) < DISPLAY_ROWS:
                first += rows[: DISPLAY_ROWS - len(first)]
            out.write(("," if start else "") + ",".join(json.dumps(r, ensure_ascii=False) for r in rows))
        out.write("]")
    return first


def _save_outcome(outcome: Outcome, path: Path) -> None:
    """One JSON object, written a part at a time so only one part's text is in memory at once."""
    with path.open("w", encoding="utf-8") as out:
        out.write('{"table":')
        out.write(outcome.table.model_dump_json())
        out.write(',"report":')
        out.write(outcome.report.model_dump_json())
        out.write(',"model":')
        out.write(outcome.model.model_dump_json() if outcome.model is not None else "null")
        out.write(f',"calls":{int(outcome.calls)}}}')
