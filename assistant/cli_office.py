"""Typer wrappers of the office commands; :func:`register` adds them to the ``jixiao`` app."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

POLICY_HELP = "审核口径（名称或 TOML 文件），如 guangzhou、central"


def batch(
    paths: Annotated[list[Path], typer.Argument(help="表格文件、文件夹或 zip 压缩包（可多个）")],
    output: Annotated[list[Path] | None, typer.Option("-o", "--output", help="汇总报告：.html 或 .xlsx（可多次）")] = None,
    department: Annotated[str | None, typer.Option("--department", "-d", help="指定所有表格的部门")] = None,
    policy: Annotated[str | None, typer.Option("--policy", "--profile", "-p", help=POLICY_HELP)] = None,
    no_store: Annotated[bool, typer.Option("--no-store", help="不保存审核记录（不能断点续跑）")] = False,
) -> None:
    """批量审核多个表格：按部门汇总评级、含糊指标占比、缺少成本/效益/满意度的项目；中断后重跑会从断点继续。"""
    from assistant.commands_office import run_batch_command

    raise typer.Exit(run_batch_command(paths, outputs=output or [], policy=policy, department=department,
                                       store=not no_store))


def diff(
    first: Annotated[Path, typer.Argument(help="原版表格；只给一个文件时，它是修改后的表格，与保存的上一版对比")],
    second: Annotated[Path | None, typer.Argument(help="修改后的表格")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="对比结果 .xlsx")] = None,
    policy: Annotated[str | None, typer.Option("--policy", "--profile", "-p", help=POLICY_HELP)] = None,
) -> None:
    """对比两版表格的审核结果：每条问题标为 已修正 / 新增 / 未变 / 有变化，并带出已有的处理意见。
    只给修改后的表格时，与保存的同一部门同一项目的上一次审核对比。"""
    from assistant.commands_office import run_diff

    old, new = (first, second) if second is not None else (None, first)
    raise typer.Exit(run_diff(old, new, policy=policy, output=output))


def letter(
    table: Annotated[Path, typer.Argument(help="表格文件")],
    output: Annotated[Path, typer.Option("-o", "--output", help="审核意见 .docx")],
    project: Annotated[str | None, typer.Option("--project", help="只写这个项目；省略时写整张表")] = None,
    department: Annotated[str | None, typer.Option("--department", "-d", help="报送单位（抬头）")] = None,
    policy: Annotated[str | None, typer.Option("--policy", "--profile", "-p", help=POLICY_HELP)] = None,
) -> None:
    """生成审核意见书（.docx）：逐条列出问题、依据和修改要求，已标为“不是问题”的不列入。"""
    from assistant.commands_office import run_letter

    raise typer.Exit(run_letter(table, output=output, project=project, department=department, policy=policy))


def runs(
    show: Annotated[int | None, typer.Option("--show", help="列出某次审核的问题（带序号和处理意见）")] = None,
) -> None:
    """列出本机命令行保存的审核记录（日期、文件、部门、口径、规则版本、文件摘要）。
    网页用户的审核记录各归其人，只在网页“批量审核”的“我的审核记录”中可见。"""
    from assistant.commands_office import run_runs

    raise typer.Exit(run_runs(show))


def decide(
    run_id: Annotated[int, typer.Argument(help="审核记录编号（jixiao runs）")],
    number: Annotated[int, typer.Argument(help="问题序号（jixiao runs --show 编号）")],
    decision: Annotated[str, typer.Argument(help="确认 / 不是问题 / 待定")],
    comment: Annotated[str, typer.Option("--comment", "-c", help="说明")] = "",
    user: Annotated[str, typer.Option("--user", help="审核人")] = "",
) -> None:
    """记录对一条问题的处理意见；下一版同一项目的同一问题会带出这条意见。"""
    from assistant.commands_office import run_decide

    raise typer.Exit(run_decide(run_id, number, decision, comment, user))


def register(app: typer.Typer) -> None:
    for fn in (batch, diff, letter, runs, decide):
        app.command(fn.__name__)(fn)
