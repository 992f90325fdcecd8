"""The one error type of the service layer: a Chinese and an English message, and where the problem is."""

from __future__ import annotations


class ServiceError(ValueError):
    """A problem the user can fix (bad option, unreadable file, endpoint failure).

    ``zh``/``en`` are the two messages; ``path`` names the file, ``where`` the line, cell or option;
    ``exit_code`` is what the command returns (2 usage/input/configuration, 1 the model endpoint failed).
    ``str(err)`` is both messages, located, on two lines.
    """

    def __init__(self, zh: str, en: str, *, path: str | None = None, where: str | None = None,
                 exit_code: int = 2) -> None:
        self.zh, self.en, self.path, self.where, self.exit_code = zh, en, path, where, exit_code
        loc_zh = (path or "") + (f"（{where}）" if where and path else (where or ""))
        loc_en = (path or "") + (f" ({where})" if where and path else (where or ""))
        super().__init__(f"{loc_zh + '：' if loc_zh else ''}{zh}\n{loc_en + ': ' if loc_en else ''}{en}")

    @property
    def zh_text(self) -> str:
        """The Chinese message with its location, for the page."""
        return str(self).split("\n", 1)[0]


def from_parse(err: Exception) -> ServiceError:
    """Wrap an :class:`assistant.parse.ParseError` (which already names the file, line or cell)."""
    return ServiceError(getattr(err, "zh", str(err)), getattr(err, "en", str(err)),
                        path=getattr(err, "path", None), where=getattr(err, "where", None))


def from_text(err: Exception, en: str, *, where: str | None = None, exit_code: int = 2) -> ServiceError:
    """Wrap an error whose message is Chinese (or already two-language) with an English summary."""
    text = str(err).strip()
    for sep in ("\n", " / "):
        zh, _, tail = text.rpartition(sep)
        if zh and tail.isascii():
            return ServiceError(zh, tail, where=where, exit_code=exit_code)
    return ServiceError(text, en, where=where, exit_code=exit_code)
