"""Table text made safe for one output without losing it: a character the output cannot hold or would
act on (a control character an .xlsx refuses, a terminal escape sequence, a bidi override) is shown
escaped as ``\\x1b`` / ``\\u202e``, so the reader still sees that it was there."""

from __future__ import annotations

import logging
import re
from typing import Any, TypeVar

from pydantic import BaseModel

XLSX_MAX_CELL = 32_767
XLSX_CUT = "……（超出 Excel 单元格上限 32767 字，全文见 JSON 报告）"

_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TERMINAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_JSON_CONTROL = re.compile(r"\\u00[01][0-9a-fA-F]|\\u007[fF]|\\[bf]|[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

M = TypeVar("M", bound=BaseModel)


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_xlsx(text: str) -> str:
    """Text an .xlsx cell can hold: illegal XML characters escaped; over 32767 characters cut with a note."""
    out = _XLSX_ILLEGAL.sub(_shown, text)
    if len(out) > XLSX_MAX_CELL:
        out = out[: XLSX_MAX_CELL - len(XLSX_CUT)] + XLSX_CUT
    return out


def for_terminal(text: str) -> str:
    """Text safe to print or log: control characters (ESC, CSI, bell, backspace, CR …) and bidi overrides
    escaped; tab and newline kept."""
    return _TERMINAL.sub(_shown, text)


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return for_terminal(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def terminal_safe(model: M) -> M:
    """``model`` with every string field passed through :func:`for_terminal` (the model itself when no
    field needs it, found by one scan of its JSON)."""
    if not _JSON_CONTROL.search(model.model_dump_json()):
        return model
    return type(model).model_validate(_clean(model.model_dump()))


class _SafeRecord(logging.LogRecord):
    def getMessage(self) -> str:  # noqa: N802 (the logging API's name)
        return for_terminal(super().getMessage())


class SafeFormatter(logging.Formatter):
    """A formatter whose messages and tracebacks carry no terminal control sequences."""

    def format(self, record: logging.LogRecord) -> str:
        return for_terminal(super().format(record))


def install_log_guard() -> None:
    """Escape control characters in every log record's message from now on (the page's server log
    repeats table text in error messages); idempotent."""
    if logging.getLogRecordFactory() is not _SafeRecord:
        logging.setLogRecordFactory(_SafeRecord)
    for name in ("", "uvicorn", "uvicorn.error", "uvicorn.access", "gradio"):
        _guard_handlers(logging.getLogger(name))


def _guard_handlers(logger: logging.Logger) -> None:
    for handler in logger.handlers:
        if not isinstance(handler.formatter, SafeFormatter):
            handler.setFormatter(SafeFormatter(handler.formatter._fmt if handler.formatter else None))
