"""Terminal report: per-project grade and counts, then the findings of each project (rich, Chinese). Each
finding leads with its rule's Chinese title; rule codes are left to the id columns of md/html/xlsx."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from assistant.model import Table
from assistant.parse.load import paused_gc
from assistant.report.cells import terminal_safe
from assistant.report.common import (
    basis_text,
    counts_text,
    dimension_text,
    grade_text,
    layout_label,
    notes_of,
    position_zh,
    projects_in_order,
    severity_zh,
    sorted_findings,
    summaries_by_name,
    title_of,
)
from assistant.report.index import FindingIndex
from assistant.review.result import ReviewReport

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
GRADE_STYLE = {"优": "green", "良": "cyan", "中": "yellow", "差": "bold red"}


@paused_gc()
def print_report(report: ReviewReport, table: Table, console: Console | None = None) -> None:
    """Print the review of ``table``; all table text goes through Text (no markup is interpreted)."""
    console = console or Console()
    report, table = terminal_safe(report), terminal_safe(table)
    index = FindingIndex(report)
    console.print(Text(f"审核报告：{report.title or report.source or ''}", style="bold"))
    console.print(Text(f"部门：{report.department or '未注明'}　审核口径：{report.profile_title}"
                       f"　版式：{layout_label(report)}　{counts_text(report.counts)}"))
    grid = RichTable(title="项目评级")
    for head, justify in (("序号", "right"), ("项目名称", "left"), ("指标", "right"), ("评级", "center"),
                          ("错误", "right"), ("警告", "right"), ("提示", "right")):
        grid.add_column(head, justify=justify)
    summaries = summaries_by_name(report)
    for n, (project, grade) in enumerate(projects_in_order(table, report), 1):
        s = summaries.get(project.name)
        counts = s.counts if s else {}
        mark = grade_text(grade, s)
        grid.add_row(str(n), Text(project.name), str(len(project.indicators())),
                     Text(mark, style=GRADE_STYLE.get(mark, "")),
                     str(counts.get("error", 0)), str(counts.get("warning", 0)), str(counts.get("info", 0)))
    console.print(grid)
    notes = notes_of(report)
    if notes:
        console.print(Text("未能核对的内容：", style="bold"))
        for name, note in notes:
            console.print(Text(f"   {name}：{note}", style="dim"))
    for n, (project, grade) in enumerate(projects_in_order(table, report), 1):
        found = sorted_findings(index.of(project.name))
        console.print()
        head = Text(f"{n}. {project.name}", style="bold")
        s = summaries.get(project.name)
        if s is not None and s.needs_check:
            head.append(f"　评级：{grade_text(grade, s)}", style="yellow")
        elif grade:
            head.append(f"　评级：{grade.grade}（{dimension_text(grade)}）", style=GRADE_STYLE.get(grade.grade, ""))
        console.print(head)
        if not found:
            console.print(Text("   未发现问题。", style="green"))
        for f in found:
            line = Text("   ")
            line.append(f"[{severity_zh(f.severity)}]", style=STYLE[f.severity])
            line.append(f" {title_of(f)}", style="bold")
            line.append(f"　{position_zh(f)} ")
            if f.indicator:
                line.append(f"“{f.indicator}”＝“{f.value}” ")
            line.append(f.message)
            console.print(line)
            if f.fix:
                console.print(Text(f"      修改：{f.fix}"))
            for r in f.rewrites:
                console.print(Text(f"      改写：{r}", style="green"))
            basis = basis_text(f.basis)
            if basis:
                console.print(Text(f"      依据：{basis}", style="dim"))


def render(report: ReviewReport, table: Table, width: int = 120) -> str:
    """The same report as plain text (no colours), for -o FILE."""
    buffer = io.StringIO()
    print_report(report, table, Console(file=buffer, width=width, color_system=None, force_terminal=False))
    return buffer.getvalue()
