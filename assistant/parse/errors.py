"""Errors a reader raises for input it cannot read at all. Messages name the file and place, Chinese first."""

from __future__ import annotations


class ParseError(ValueError):
    """Bad input. ``str(err)`` is a two-language message naming the file and, where known, the line or cell."""

    def __init__(self, zh: str, en: str, *, path: str | None = None, where: str | None = None):
        self.zh, self.en, self.path, self.where = zh, en, path, where
        loc_zh = f"{path}" + (f"（{where}）" if where else "") if path else (where or "")
        loc_en = f"{path}" + (f" ({where})" if where else "") if path else (where or "")
        head_zh = f"{loc_zh}：" if loc_zh else ""
        head_en = f"{loc_en}: " if loc_en else ""
        super().__init__(f"{head_zh}{zh}\n{head_en}{en}")
