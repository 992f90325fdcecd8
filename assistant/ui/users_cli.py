"""``jixiao users``: the page's accounts (salted scrypt hashes in the users file; see :mod:`assistant.ui.auth`)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

users_app = typer.Typer(help="网页账号：添加、删除、列出（密码只存加盐哈希）。", no_args_is_help=True)


@users_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="用户名")],
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="从标准输入读取密码")] = False,
) -> None:
    """添加账号或重设密码。"""
    from assistant.ui.auth import AuthError, add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("密码", hide_input=True, confirmation_prompt=True)
    try:
        path = add_user(name, password)
    except AuthError as err:
        typer.echo(f"错误：{err}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"已保存账号 {name.strip()}（{path}）")


@users_app.command("remove")
def remove(name: Annotated[str, typer.Argument(help="用户名")]) -> None:
    """删除账号。"""
    from assistant.ui.auth import remove_user

    if not remove_user(name):
        typer.echo(f"错误：没有账号 {name} / No such user", err=True)
        raise typer.Exit(1)
    typer.echo(f"已删除账号 {name}")


@users_app.command("list")
def list_() -> None:
    """列出账号（不显示密码）。"""
    from assistant.ui.auth import list_users, users_path

    typer.echo(f"用户文件：{users_path()}")
    for name in list_users():
        typer.echo(f"  {name}")
