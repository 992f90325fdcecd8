"""Who answered and what it cost: the line under every assistant message, and the session totals."""

from __future__ import annotations

from typing import Any

from assistant.ui.rows import esc
from assistant.ui.services import RULES

USAGE_KEYS = ("calls", "prompt_tokens", "completion_tokens", "cost")


def empty() -> dict[str, Any]:
    return {"calls": 0, "prompt_tokens": 0, "completion_tokens": 0, "cost": 0.0, "by_model": {}}


def answered_by(result: Any) -> str:
    """The model name of a task result, or 规则引擎 when the rules answered."""
    if getattr(result, "backend", "rules") == "rules" or not getattr(result, "model", None):
        return RULES
    return str(result.model)


def footer(who: str, usage: dict[str, Any] | None, currency: str = "CNY") -> str:
    u = usage or {}
    tokens = int(u.get("prompt_tokens", 0)) + int(u.get("completion_tokens", 0))
    return (f"\n\n<sub>回答：{esc(who)} · tokens {tokens}（输入 {int(u.get('prompt_tokens', 0))}，"
            f"输出 {int(u.get('completion_tokens', 0))}） · 费用 {float(u.get('cost', 0.0)):.4f} {currency}</sub>")


def add(totals: dict[str, Any] | None, who: str, usage: dict[str, Any] | None) -> dict[str, Any]:
    """New session totals with one more answer counted."""
    out = empty() | {k: v for k, v in (totals or {}).items() if k != "by_model"}
    out["by_model"] = dict((totals or {}).get("by_model", {}))
    u = usage or {}
    out["calls"] += 1
    for key in ("prompt_tokens", "completion_tokens"):
        out[key] += int(u.get(key, 0))
    out["cost"] += float(u.get("cost", 0.0))
    out["by_model"][who] = out["by_model"].get(who, 0) + 1
    return out


def totals_markdown(totals: dict[str, Any] | None) -> str:
    t = totals or empty()
    models = "、".join(f"{esc(k)} {v} 次" for k, v in t.get("by_model", {}).items()) or "无"
    return (f"**本次会话合计**：回答 {t['calls']} 次，输入 {t['prompt_tokens']} tokens，"
            f"输出 {t['completion_tokens']} tokens，费用 {t['cost']:.4f} CNY。\n\n回答来源：{models}")
