"""Synthetic tables: the seed repeated n times, each copy's project names made unique."""

from __future__ import annotations

from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "assistant" / "data" / "gz-gongxinju-2023.txt"


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def repeated(n: int, text: str | None = None) -> str:
    """The seed's header once, then its body n times; project names get a copy suffix so none repeat."""
    lines = (text or seed_text()).split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("项目名称"))
    head, body = lines[: start + 1], lines[start + 1:]
    out = list(head)
    for copy in range(n):
        for line in body:
            if line and not line.startswith("\t") and "\t" in line and copy:
                name, rest = line.split("\t", 1)
                line = f"{name}（副本{copy}）\t{rest}"
            out.append(line)
    return "\n".join(out)
