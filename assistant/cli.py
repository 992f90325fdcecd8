"""`jixiao`: the command line. Imports stay lazy so that the command starts fast."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(
    name="jixiao",
    help="绩效目标助手：解析、审核项目支出绩效目标表。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DEFAULT_TABLE = Path(__file__).resolve().parent / "data" / "gz-gongxinju-2023.txt"


def _fail(message: str, code: int = 2) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(code)


def _load(path: Path):
    from assistant.parse import ParseError, read_path

    try:
        return read_path(path)
    except ParseError as err:
        _fail(str(err))


@app.command()
def parse(
    table: Annotated[Path, typer.Argument(help="表格文件：.txt/.md/.html/.csv/.xlsx/.docx/.json")],
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="写入文件（.json 或 .xlsx）")] = None,
) -> None:
    """解析表格，输出结构化结果。"""
    parsed = _load(table)
    if output is not None:
        from assistant.writers import write_table

        write_table(parsed, output)
        typer.echo(f"已写入 {output}")
        return
    if as_json:
        sys.stdout.write(parsed.model_dump_json(indent=2) + "\n")
        return
    from assistant.report.summary import print_parse_summary

    print_parse_summary(parsed)


@app.command()
def review(
    table: Annotated[Path | None, typer.Argument(help="表格文件；省略时审核内置示例表")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text|md|html|xlsx|json")] = "text",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="报告文件")] = None,
    profile: Annotated[str | None, typer.Option("--profile", "-p", help="审核口径（名称或 TOML 文件）")] = None,
    fail_on: Annotated[str, typer.Option("--fail-on", help="error|warning|never")] = "never",
) -> None:
    """按规则审核表格，输出问题清单、修改建议和项目评级。"""
    from assistant.review.cli import run_review

    code = run_review(table or DEFAULT_TABLE, fmt=fmt, output=output, profile=profile, fail_on=fail_on)
    raise typer.Exit(code)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
