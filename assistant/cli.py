"""`jixiao`: the command line. Imports stay lazy so that the command starts fast."""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from assistant.model import Table

app = typer.Typer(
    name="jixiao",
    help="绩效目标助手：解析、审核项目支出绩效目标表。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DEFAULT_TABLE = Path(__file__).resolve().parent / "data" / "gz-gongxinju-2023.txt"


def _fail(message: str, code: int = 2) -> None:
    from assistant.report.cells import for_terminal

    typer.echo(for_terminal(message), err=True)
    raise typer.Exit(code)


def _load(path: Path) -> Table:
    from assistant.service import ServiceError, parse

    try:
        return parse(path)
    except ServiceError as err:
        _fail(str(err), err.exit_code)
        raise


@app.command()
def parse(
    table: Annotated[Path, typer.Argument(help="表格文件：.txt/.md/.html/.csv/.xlsx/.docx/.json")],
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="写入文件（.json 或 .xlsx）")] = None,
    llm: Annotated[bool, typer.Option("--llm", help="规则未能归位的文字交给模型抽取指标（只收原文中出现的名称和数值）")] = False,
    endpoint: Annotated[str | None, typer.Option("--endpoint", "-e", help="模型端点配置名（与 --llm 一起用）")] = None,
) -> None:
    """解析表格，输出结构化结果；--llm 时把规则未能归位的文字交给模型抽取。"""
    if llm:
        from assistant.service import Options, ServiceError, extract
        from assistant.service.ops import parse_for_extraction

        try:
            parsed = extract(parse_for_extraction(table), Options(endpoint=endpoint))
        except ServiceError as err:
            _fail(str(err), err.exit_code)
            raise
    else:
        parsed = _load(table)
    if output is not None:
        from assistant.writers import write_table

        try:
            write_table(parsed, output)
        except (ValueError, OSError) as err:
            _fail(str(err))
        typer.echo(f"已写入 {output}")
        return
    if as_json:
        sys.stdout.write(parsed.model_dump_json(indent=2) + "\n")
        return
    from assistant.report.summary import print_parse_summary

    print_parse_summary(parsed)


PolicyOpt = Annotated[str | None, typer.Option("--policy", help="审核口径：guangzhou、central 或 TOML 文件")]
ProfileAlias = Annotated[str | None, typer.Option("--profile", "-p", hidden=True, help="已弃用：同 --policy")]
EndpointOpt = Annotated[str | None, typer.Option("--endpoint", "-e",
                                                 help="模型端点配置名；rules 为规则后端；省略时用已配置的默认端点")]


@app.command()
def review(
    table: Annotated[Path | None, typer.Argument(help="表格文件；省略时审核内置示例表")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text|md|html|xlsx|json")] = "text",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="报告文件")] = None,
    policy: PolicyOpt = None,
    fail_on: Annotated[str, typer.Option("--fail-on", help="error|warning|info|never")] = "never",
    llm: Annotated[bool, typer.Option("--llm", help="规则审核后再用模型审核：目标覆盖、相关性、归类，并改写含糊指标")] = False,
    endpoint: EndpointOpt = None,
    checkpoint: Annotated[Path | None, typer.Option("--checkpoint", help="模型审核检查点（JSONL）：中断后重跑不重复已完成的调用")] = None,
    batch_out: Annotated[Path | None, typer.Option("--batch-out", "--batch-write", help="不调用模型，把请求写成 OpenAI Batch API 的 JSONL 文件")] = None,
    batch_in: Annotated[Path | None, typer.Option("--batch-in", "--batch-read", help="读入该批处理的结果文件，生成同样的报告")] = None,
    profile: ProfileAlias = None,
    add_to_library: Annotated[bool, typer.Option("--add-to-library",
                                                 help="审核后把这张表加入我的参考库（起草时作为参考项目）")] = False,
) -> None:
    """按规则审核表格，输出问题清单、修改建议和项目评级。"""
    from assistant.commands import run_review

    raise typer.Exit(run_review(table or DEFAULT_TABLE, fmt=fmt, output=output, policy=policy, profile=profile,
                                fail_on=fail_on, use_model=llm, endpoint=endpoint, checkpoint=checkpoint,
                                batch_out=batch_out, batch_in=batch_in, add_to_library=add_to_library))


@app.command()
def suggest(
    name: Annotated[str, typer.Option("--name", "-n", help="项目名称")],
    goal: Annotated[str, typer.Option("--goal", "-g", help="年度绩效目标")] = "",
    amount: Annotated[float | None, typer.Option("--amount", help="年度预算金额（万元）")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="实施单位")] = None,
    project_type: Annotated[str | None, typer.Option("--type", help="项目类型，如 培训、补助、信息化建设")] = None,
    beneficiaries: Annotated[str | None, typer.Option("--beneficiaries", help="服务对象或受益对象")] = None,
    content: Annotated[str | None, typer.Option("--content", help="主要实施内容")] = None,
    endpoint: EndpointOpt = None,
    policy: PolicyOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
    profile: ProfileAlias = None,
) -> None:
    """为新项目起草完整的绩效指标（参照同类项目；未给出的数值用【待填】占位）。"""
    from assistant.commands import run_suggest

    if amount is not None and not (math.isfinite(amount) and amount > 0):
        _fail(f"--amount 应为大于 0 的金额（万元），收到 {amount}。 / --amount must be a positive finite amount "
              f"in 10k yuan, got {amount}.")

    raise typer.Exit(run_suggest(name=name, goal=goal, amount=amount, unit=unit, project_type=project_type,
                                 beneficiaries=beneficiaries, content=content, endpoint=endpoint, policy=policy,
                                 profile=profile, as_json=as_json))


@app.command()
def rewrite(
    text: Annotated[str, typer.Argument(help="要改写的指标，如“指标名称，年度指标值：进一步提高”")],
    project: Annotated[str | None, typer.Option("--project", help="所在项目名称（与 --table 一起用）")] = None,
    table: Annotated[Path | None, typer.Option("--table", help="项目所在的表格文件")] = None,
    endpoint: EndpointOpt = None,
    policy: PolicyOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
    profile: ProfileAlias = None,
) -> None:
    """把含糊的指标改写成 1–3 个可衡量的写法（保留指标对象；变化类指标要求基期值）。"""
    from assistant.commands import run_rewrite

    raise typer.Exit(run_rewrite(text, project=project, table=table, endpoint=endpoint, policy=policy,
                                 profile=profile, as_json=as_json))


@app.command()
def ui(
    host: Annotated[str, typer.Option("--host", help="监听地址；默认只允许本机访问")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="端口")] = 7860,
    login: Annotated[str | None, typer.Option("--login", envvar="JIXIAO_UI_LOGIN",
                                              help="启用登录：用户名:密码（也可用环境变量 JIXIAO_UI_LOGIN）")] = None,
    allow_remote: Annotated[bool, typer.Option("--allow-remote-without-login",
                                               help="允许在非本机地址上无登录启动（不建议）")] = False,
    user_header: Annotated[str | None, typer.Option("--user-header", envvar="JIXIAO_UI_USER_HEADER",
                                                    help="信任单位反向代理传来的用户名请求头，如 X-Remote-User")] = None,
) -> None:
    """启动网页：对话起草、审核和设置（默认规则引擎，不联网）。账号用 jixiao users add 添加。"""
    from assistant.report.cells import install_log_guard
    from assistant.ui import launch, parse_login

    try:
        parse_login(login)
    except ValueError as err:
        _fail(str(err))
    install_log_guard()
    launch(host=host, port=port, login=login, allow_remote_without_login=allow_remote, user_header=user_header)


from assistant.cli_office import register as register_office  # noqa: E402
from assistant.llm.cli import endpoints, model_app, probe  # noqa: E402
from assistant.ui.users_cli import users_app  # noqa: E402

register_office(app)
app.add_typer(users_app, name="users")

app.command("probe")(probe)
app.command("endpoints")(endpoints)
app.add_typer(model_app, name="model")

from assistant.library.cli import library_app  # noqa: E402

app.add_typer(library_app, name="library")


@app.command("eval", add_help_option=False,
             context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def eval_(ctx: typer.Context) -> None:
    """按金标准数据评测各任务并写出记分卡（参数见 jixiao eval --help）。"""
    from assistant.evalrun import run

    raise typer.Exit(run(list(ctx.args)))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
