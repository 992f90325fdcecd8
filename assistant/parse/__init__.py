"""Readers that turn a file or pasted text into a :class:`assistant.model.Table`."""

from assistant.parse.errors import ParseError
from assistant.parse.load import read_path, read_text
from assistant.parse.value import parse_target

__all__ = ["ParseError", "parse_target", "read_path", "read_text"]
