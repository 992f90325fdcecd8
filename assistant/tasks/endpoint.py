"""Which model answers a task: a profile name, a Profile, a ready Client, or none (the rules backend).

Only ``assistant.llm.profiles`` is imported to decide; ``openai`` loads when a Client makes its first call.
"""

from __future__ import annotations

from typing import Any

RULES_NOTE = ("未配置模型端点，本结果由规则后端生成：指标取自同类项目常用指标集，数值用【待填】占位，"
              "需由您按实际填写。")
REWRITE_NOTE = "未配置模型端点，本结果由规则后端生成：改写取自审核规则的改写模板，数值用【待填】占位。"


def client_for(endpoint: Any = None) -> Any | None:
    """A ``assistant.llm.Client`` for ``endpoint``, or None when no endpoint is named or configured.
    A named endpoint that cannot be loaded raises ``assistant.llm.ConfigError``."""
    from assistant.llm.errors import ConfigError
    from assistant.llm.profiles import Profile, load_profile

    if endpoint is not None and hasattr(endpoint, "acall"):
        return endpoint
    if isinstance(endpoint, Profile):
        profile = endpoint
    elif endpoint:
        profile = load_profile(str(endpoint))
    else:
        try:
            profile = load_profile(None)
        except ConfigError:
            return None
    from assistant.llm.client import Client

    return Client(profile)


def model_name(client: Any) -> str:
    p = client.profile
    return f"{p.name}:{p.model}"


def run(client: Any, make: Any) -> Any:
    """Run the coroutine ``make()`` on a private event loop (in a thread when one is already running) and
    close the client's connections afterwards; exceptions propagate."""
    import asyncio
    import threading

    async def main() -> Any:
        try:
            return await make()
        finally:
            await client.aclose()

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(main())
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = asyncio.run(main())
        except BaseException as err:  # noqa: BLE001
            box["error"] = err

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in box:
        raise box["error"]
    return box["value"]
