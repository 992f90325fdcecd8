"""Model endpoints: presets, the TOML config file and the environment, merged in that order.

An :class:`Endpoint` names one OpenAI-compatible server and how to talk to it. Resolution order, later
wins: preset → ``[profiles.NAME]`` in the config file (the table name the file has always used) →
``JIXIAO_*`` environment variables. ``$JIXIAO_ENDPOINT`` picks the endpoint (``$JIXIAO_PROFILE`` is its
deprecated old name). The config file is ``$JIXIAO_CONFIG`` or ``~/.config/jixiao/endpoints.toml``::

    default = "deepseek"

    [profiles.deepseek]
    api_key_env = "DEEPSEEK_API_KEY"

    [profiles.lab]
    preset = "vllm"
    base_url = "http://10.0.0.5:8000/v1"
    model = "Qwen2.5-72B-Instruct"
    concurrency = 32
    price_input_per_1k = 0.002
    price_output_per_1k = 0.006
"""

from __future__ import annotations

import os
import sys
import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr

from assistant.llm.errors import ConfigError

Mode = Literal["TOOLS", "JSON", "JSON_SCHEMA", "MD_JSON"]
MODES: tuple[Mode, ...] = ("TOOLS", "JSON", "JSON_SCHEMA", "MD_JSON")

LOCAL_PORT = 8765
ENV_ENDPOINT = "env"
NO_KEY = "sk-no-key"
ENDPOINT_VAR = "JIXIAO_ENDPOINT"
DEPRECATED_ENDPOINT_VAR = "JIXIAO_PROFILE"


class Endpoint(BaseModel):
    """One endpoint. ``mode`` is an instructor mode name; prices are per 1000 tokens in ``currency``."""

    model_config = ConfigDict(extra="forbid")

    name: str = "env"
    base_url: str
    model: str
    mode: Mode = "MD_JSON"
    api_key: SecretStr | None = Field(default=None, repr=False)
    api_key_env: str | None = None
    extra_body: dict[str, Any] = Field(default_factory=dict)
    timeout: float = 60.0
    max_tokens: int | None = None
    context_tokens: int | None = None
    stream: bool = False
    concurrency: int = 4
    max_retries: int = 2
    transport_retries: int = 4
    backoff_cap: float = 30.0
    strict: bool = False
    price_input_per_1k: float = 0.0
    price_output_per_1k: float = 0.0
    currency: str = "CNY"
    tokenizer: str = "o200k_base"
    note: str = ""

    def key(self) -> str:
        """The API key to send: the endpoint's own, else the variable it names, else a placeholder
        (local servers accept anything, the openai client insists on a value)."""
        if self.api_key is not None:
            return self.api_key.get_secret_value()
        if self.api_key_env and os.environ.get(self.api_key_env):
            return os.environ[self.api_key_env]
        return NO_KEY

    def key_source(self) -> str:
        """Which key this endpoint sends, by name and never by value (shown on the page and by the CLI)."""
        if self.api_key is not None:
            return ("环境变量 JIXIAO_API_KEY（已设置）" if self.api_key_env == "JIXIAO_API_KEY"
                    else "配置文件中的密钥（已设置）")
        if self.api_key_env:
            return f"环境变量 {self.api_key_env}（{'已设置' if os.environ.get(self.api_key_env) else '未设置'}）"
        return "不发送密钥"

    def public(self) -> dict[str, Any]:
        """The endpoint as shown to users: everything but the key, which is named by its source."""
        data = self.model_dump(mode="json", exclude={"api_key"})
        data["api_key"] = self.key_source()
        return data


PRESETS: dict[str, dict[str, Any]] = {
    "deepseek": {
        "base_url": "https://api.deepseek.com/v1",
        "model": "deepseek-chat",
        # DeepSeek documents response_format json_object but not json_schema; JSON mode is the one
        # structured mode it honours on every model, including when a reasoner is swapped in.
        "mode": "JSON",
        "api_key_env": "DEEPSEEK_API_KEY",
        "concurrency": 8,
        "note": "服务端前缀缓存：固定的提示词前缀会被复用",
    },
    "qwen": {
        "base_url": "https://dashscope.aliyuncs.com/compatible-mode/v1",
        "model": "qwen-plus",
        # DashScope rejects response_format json_object while thinking is on, and Qwen3 models think
        # by default in compatible mode: turn thinking off in the body and use JSON mode.
        "mode": "JSON",
        "extra_body": {"enable_thinking": False},
        "api_key_env": "DASHSCOPE_API_KEY",
        "concurrency": 8,
    },
    "zhipu": {
        "base_url": "https://open.bigmodel.cn/api/paas/v4",
        "model": "glm-4-flash",
        # Zhipu only accepts tool_choice "auto" and rejects the forced tool_choice that TOOLS mode
        # sends, so the model may answer in prose; JSON mode (json_object) is accepted.
        "mode": "JSON",
        "api_key_env": "ZHIPUAI_API_KEY",
    },
    "moonshot": {
        "base_url": "https://api.moonshot.cn/v1",
        "model": "moonshot-v1-32k",
        # Moonshot/Kimi supports json_object but not a forced (named or "required") tool_choice.
        "mode": "JSON",
        "api_key_env": "MOONSHOT_API_KEY",
    },
    "vllm": {
        "base_url": "http://127.0.0.1:8000/v1",
        "model": "Qwen/Qwen2.5-7B-Instruct",
        # vLLM turns response_format json_schema into guided decoding: the answer always parses.
        # Its tool parsers differ per model family, so TOOLS is not reliable across models.
        "mode": "JSON_SCHEMA",
        "concurrency": 32,
        "note": "vLLM 自动前缀缓存：固定前缀在批量中复用",
    },
    "ollama": {
        "base_url": "http://127.0.0.1:11434/v1",
        "model": "qwen2.5:7b",
        # Ollama maps response_format json_schema to its grammar-constrained `format`; it ignores
        # tool_choice, so TOOLS mode can come back without a tool call.
        "mode": "JSON_SCHEMA",
        "concurrency": 2,
    },
    "llamacpp": {
        "base_url": "http://127.0.0.1:8080/v1",
        "model": "local",
        # llama-cpp-python's server constrains a forced tool call with a grammar built from the schema
        # and rejects response_format json_schema; TOOLS is the mode that always parses there.
        "mode": "TOOLS",
        "concurrency": 1,
    },
    "local": {
        "base_url": f"http://127.0.0.1:{LOCAL_PORT}/v1",
        "model": "qwen2.5-coder-0.5b-instruct",
        # `jixiao model serve` runs llama-cpp-python's server: grammar-constrained TOOLS, as above.
        "mode": "TOOLS",
        "concurrency": 1,
        "timeout": 300.0,
        # Without a cap llama.cpp generates up to the context size when a small model loops.
        "max_tokens": 512,
        "context_tokens": 16384,
        "note": "本地小模型：能力弱，仅用于离线试用和测试流程，不代表正式模型的质量",
    },
    "openai": {
        "base_url": "https://api.openai.com/v1",
        "model": "gpt-4o-mini",
        # OpenAI honours forced tool_choice and strict schemas; TOOLS is its most reliable mode.
        "mode": "TOOLS",
        "strict": True,
        "api_key_env": "OPENAI_API_KEY",
        "concurrency": 8,
    },
}


def config_path(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if env.get("JIXIAO_CONFIG"):
        return Path(env["JIXIAO_CONFIG"]).expanduser()
    if env.get("JIXIAO_HOME"):
        return Path(env["JIXIAO_HOME"]).expanduser() / "config" / "endpoints.toml"
    if env is not os.environ:
        return Path(env.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "jixiao" / "endpoints.toml"
    from assistant.paths import config_dir

    return config_dir() / "endpoints.toml"


def read_config(path: Path | None = None) -> dict[str, Any]:
    path = path or config_path()
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"配置文件格式错误：{path}：{err}") from err


def endpoint_names(path: Path | None = None) -> list[str]:
    """Presets and configured endpoints, and ``env`` when the environment defines an endpoint."""
    names = sorted(set(PRESETS) | set(read_config(path).get("profiles", {})))
    return [ENV_ENDPOINT, *[n for n in names if n != ENV_ENDPOINT]] if env_endpoint_defined() else names


def load_endpoint(
    name: str | None = None, *, path: Path | None = None, env: Mapping[str, str] | None = None
) -> Endpoint:
    """Resolve an endpoint: ``name`` or ``$JIXIAO_ENDPOINT`` or the config's ``default``; with none of
    them, an ad-hoc endpoint ``env`` built from ``JIXIAO_BASE_URL``/``JIXIAO_MODEL``."""
    env = os.environ if env is None else env
    config = read_config(path or config_path(env))
    profiles = config.get("profiles", {})
    name = name or endpoint_var(env) or config.get("default")
    if name is None and not env.get("JIXIAO_BASE_URL"):
        raise ConfigError(
            "未配置模型端点：请用 --endpoint 选择预设（" + "、".join(sorted(PRESETS)) + "），"
            f"或设置 JIXIAO_BASE_URL/JIXIAO_MODEL，或编辑 {config_path(env)}"
        )
    if name == ENV_ENDPOINT and name not in profiles and env.get("JIXIAO_BASE_URL"):
        name = None
    data: dict[str, Any] = {}
    if name is not None:
        own = dict(profiles.get(name, {}))
        preset = own.pop("preset", name if name in PRESETS else None)
        if preset is not None and preset not in PRESETS:
            raise ConfigError(f"未知预设：{preset}（可用：{'、'.join(sorted(PRESETS))}）")
        if name not in profiles and preset is None:
            raise ConfigError(f"未知端点配置：{name}（可用：{'、'.join(endpoint_names(path))}）")
        data.update(PRESETS.get(preset, {}) if preset else {})
        data.update(own)
        data["name"] = name
    for var, field in (("JIXIAO_BASE_URL", "base_url"), ("JIXIAO_MODEL", "model"), ("JIXIAO_MODE", "mode")):
        if env.get(var):
            data[field] = env[var].upper() if field == "mode" else env[var]
    data.update(_key_for_address(data, env))
    try:
        return Endpoint(**data)
    except ValueError as err:
        raise ConfigError(f"端点配置 {name or 'env'} 无效：{err}") from None


def endpoint_var(env: Mapping[str, str]) -> str | None:
    """The endpoint the environment names: ``$JIXIAO_ENDPOINT``, else the deprecated ``$JIXIAO_PROFILE``
    (read with a one-time notice on stderr)."""
    if env.get(ENDPOINT_VAR):
        return env[ENDPOINT_VAR]
    if env.get(DEPRECATED_ENDPOINT_VAR):
        _deprecated_var_notice()
        return env[DEPRECATED_ENDPOINT_VAR]
    return None


@cache
def _deprecated_var_notice() -> None:
    sys.stderr.write(f"提示：环境变量 {DEPRECATED_ENDPOINT_VAR} 已更名为 {ENDPOINT_VAR}。 / "
                     f"Note: {DEPRECATED_ENDPOINT_VAR} is deprecated, set {ENDPOINT_VAR} instead.\n")


def _key_for_address(data: Mapping[str, Any], env: Mapping[str, str]) -> dict[str, Any]:
    """The key fields that go with the endpoint's address: ``JIXIAO_API_KEY`` only with the address
    ``JIXIAO_BASE_URL`` gives, and then no other key; otherwise the endpoint's own key (its ``api_key``,
    the variable it names, or its preset's) and never ``JIXIAO_API_KEY``."""
    if env.get("JIXIAO_BASE_URL"):
        return {"api_key_env": "JIXIAO_API_KEY", "api_key": env.get("JIXIAO_API_KEY") or None}
    return {}


def env_endpoint_defined(env: Mapping[str, str] | None = None) -> bool:
    """True when the environment defines an endpoint (``JIXIAO_BASE_URL``), listed as ``env``."""
    env = os.environ if env is None else env
    return bool(env.get("JIXIAO_BASE_URL"))


def save_endpoint(name: str, updates: Mapping[str, Any], path: Path | None = None) -> Path:
    """Merge ``updates`` into ``[profiles.NAME]`` of the config file and write it back."""
    path = path or config_path()
    config = read_config(path)
    config.setdefault("profiles", {}).setdefault(name, {}).update(updates)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump_toml(config), encoding="utf-8")
    return path


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
    raise ConfigError(f"无法写入 TOML 的值：{value!r}")


def _toml_key(key: str) -> str:
    return key if key.replace("_", "").replace("-", "").isalnum() and key.isascii() else _toml_value(key)


def dump_toml(config: Mapping[str, Any]) -> str:
    """A TOML writer for the config's shape: top-level scalars and ``[profiles.NAME]`` tables."""
    lines = [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in config.items() if k != "profiles"]
    for name, table in config.get("profiles", {}).items():
        lines += ["", f"[profiles.{_toml_key(name)}]"]
        lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in table.items()]
    return "\n".join(lines).lstrip("\n") + "\n"
