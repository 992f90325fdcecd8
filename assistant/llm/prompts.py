"""Prompt files: ``prompts/NAME.md`` with a front matter (``name``, ``version``) and two parts.

The part after ``<!-- system -->`` is fixed (rules, examples) and becomes the system message; the part
after ``<!-- user -->`` holds the variables and comes last, so that servers with prefix caching reuse
everything before it. Both are Jinja2. Table text goes in through the ``data`` filter, which writes a
``<数据 名称="…">…</数据>`` block whose content is JSON with ``<``, ``>`` and ``&`` escaped: no cell can
close the block or open a new one, and the system message tells the model that what is inside is data.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from assistant.llm.errors import ConfigError

_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_PART = re.compile(r"^<!--\s*(system|user)\s*-->\s*$", re.M)


def prompts_dir() -> Path:
    if os.environ.get("JIXIAO_PROMPTS"):
        return Path(os.environ["JIXIAO_PROMPTS"])
    from assistant.paths import packaged

    return packaged("prompts")


def data_block(value: Any, label: str = "数据") -> str:
    """Fence ``value`` as data: JSON, with the characters that could form a tag escaped."""
    text = json.dumps(value, ensure_ascii=False, indent=None if isinstance(value, str) else 1)
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    safe_label = re.sub(r'[<>&"\n]', "", str(label))
    return f'<数据 名称="{safe_label}">\n{text}\n</数据>'


@cache
def _env() -> Any:
    import jinja2

    env = jinja2.Environment(undefined=jinja2.StrictUndefined, keep_trailing_newline=False,
                             autoescape=False)
    env.filters["data"] = data_block
    return env


@cache
def _template(source: str) -> Any:
    return _env().from_string(source)


@dataclass(frozen=True)
class RenderedPrompt:
    """Messages ready to send; ``name``/``version`` go into the cache key."""

    name: str
    version: str
    messages: list[dict[str, str]]

    @property
    def fixed_chars(self) -> int:
        return sum(len(m["content"]) for m in self.messages if m["role"] == "system")


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    system: str
    user: str
    meta: dict[str, str] = field(default_factory=dict)

    def render(self, **variables: Any) -> RenderedPrompt:
        system = _template(self.system).render(**variables).strip()
        user = _template(self.user).render(**variables).strip()
        return RenderedPrompt(self.name, self.version,
                              [{"role": "system", "content": system}, {"role": "user", "content": user}])


def parse_prompt(text: str, name: str = "prompt") -> Prompt:
    front = _FRONT.match(text)
    if front is None:
        raise ConfigError(f"提示词 {name} 缺少前置信息（--- name/version ---）")
    meta = {}
    for line in front.group(1).splitlines():
        if ":" in line:
            key, value = line.split(":", 1)
            meta[key.strip()] = value.strip().strip('"')
    if "version" not in meta:
        raise ConfigError(f"提示词 {name} 缺少 version")
    parts = dict.fromkeys(("system", "user"), "")
    pieces = _PART.split(text[front.end():])
    for role, body in zip(pieces[1::2], pieces[2::2], strict=True):
        parts[role] = body
    if not parts["user"].strip():
        raise ConfigError(f"提示词 {name} 缺少 <!-- user --> 部分")
    return Prompt(meta.get("name", name), meta["version"], parts["system"], parts["user"], meta)


def load_prompt(name: str, directory: Path | None = None) -> Prompt:
    path = (directory or prompts_dir()) / f"{name}.md"
    if not path.exists():
        raise ConfigError(f"找不到提示词文件：{path}")
    return parse_prompt(path.read_text(encoding="utf-8"), name)
