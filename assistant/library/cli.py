"""``jixiao library``: the user's reference library — list, add a reviewed table, remove one.

Imports stay lazy so that the command line starts fast."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

library_app = typer.Typer(help="我的参考库：列出、加入或删除参考表（只有您选择加入的表才会作为起草参考）。",
                          no_args_is_help=True)


def _fail(message: str, code: int = 2) -> None:
    sys.stderr.write(message.rstrip() + "\n")
    raise typer.Exit(code)


@library_app.command("list")
def list_tables() -> None:
    """列出参考库中的表：编号、文件、加入日期、部门、项目数。"""
    from assistant.library.references import MAX_PROJECTS, reference_store

    store = reference_store()
    tables = store.tables()
    if not tables:
        print("参考库为空。审核表格时加 --add-to-library，或用 jixiao library add 文件 加入。")
        return
    for t in tables:
        print(f"{t.table_id}\t{t.file_name}\t{t.added[:10]}\t{t.department or ''}\t{t.projects}个项目\tsha256:{t.sha256[:12]}")
    print(f"共{len(tables)}张表、{store.count()}个项目（上限{MAX_PROJECTS}个项目）。")


@library_app.command("add")
def add(table: Annotated[Path, typer.Argument(help="表格文件")]) -> None:
    """把一张表加入参考库（不审核；需要审核时用 jixiao review 文件 --add-to-library）。"""
    from assistant.library.references import LibraryFull, add_to_library
    from assistant.parse import ParseError, read_path

    try:
        parsed = read_path(table)
    except ParseError as err:
        _fail(str(err))
    try:
        print(add_to_library(parsed, table).message)
    except LibraryFull as err:
        _fail(str(err))


@library_app.command("remove")
def remove(table_id: Annotated[int, typer.Argument(help="jixiao library list 显示的编号")]) -> None:
    """从参考库删除一张表及其项目。"""
    from assistant.library.references import reference_store

    if not reference_store().remove(table_id):
        _fail(f"参考库中没有编号为{table_id}的表。 / No reference table {table_id}.")
    print(f"已删除编号为{table_id}的参考表。")
