"""``jixiao parse`` without --json: a short rich summary of a parsed table."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from assistant.model import Table
from assistant.report.cells import terminal_safe


def print_parse_summary(table: Table, console: Console | None = None) -> None:
    """Title, department, project count, indicators per project, and parse warnings with their lines."""
    console = console or Console()
    table = terminal_safe(table)
    console.print(Text(table.title or "（无标题）", style="bold"))
    console.print(Text(f"部门：{table.department or '未注明'}　项目 {len(table.projects)} 个　"
                       f"指标 {table.indicator_count()} 个"))
    grid = RichTable(title="各项目指标数", show_lines=False)
    grid.add_column("序号", justify="right")
    grid.add_column("项目名称")
    grid.add_column("分组", justify="right")
    grid.add_column("指标数", justify="right")
    for n, p in enumerate(table.projects, 1):
        grid.add_row(str(n), Text(p.name), str(len(p.groups)), str(len(p.indicators())))
    console.print(grid)
    if not table.warnings:
        console.print(Text("解析提示：无", style="green"))
        return
    console.print(Text(f"解析提示 {len(table.warnings)} 条：", style="yellow"))
    for w in table.warnings:
        where = f"第{w.line}行" if w.line else (f"{w.sheet or ''}!{w.cell}" if w.cell else "")
        console.print(Text(f"  {where}：{w.message or w.kind}"))
        console.print(Text(f"      原文：{w.text}", style="dim"))
