"""Who may use the page and whose data a request touches.

Accounts live in ``users.json`` in the user config folder (``$JIXIAO_HOME/config``, else e.g.
``~/.config/jixiao``): one salted scrypt hash per name, written atomically with mode 0600 by
``jixiao users add``. Logins are throttled per name: after :data:`FREE_TRIES` wrong passwords the name
is locked for a delay that doubles with each further failure, and while locked no password (not even the
right one) is checked, so a burst of guesses costs the guesser time, not the server. Checks run one at a
time. Without login every browser is its own owner (a random cookie), so no visitor sees another's drafts.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import os
import secrets
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

USERS_FILE = "users.json"
SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
FREE_TRIES = 5
FIRST_DELAY = 2.0
MAX_DELAY = 900.0
OWNER_COOKIE = "jixiao_owner"


class AuthError(ValueError):
    """A bad user name or password for ``jixiao users``; the text is Chinese and English."""


def users_path() -> Path:
    from assistant.paths import config_dir

    return config_dir() / USERS_FILE


def _read(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise AuthError(f"用户文件无法读取：{path}：{err} / Cannot read the users file") from None
    return data.get("users", {}) if isinstance(data, dict) else {}


def _write(path: Path, users: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".users-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"users": users}, out, ensure_ascii=False, indent=1)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def hash_password(password: str, salt: bytes | None = None) -> dict[str, Any]:
    """A scrypt record ``{"salt", "hash", "n", "r", "p"}`` (hex strings) for ``password``."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, maxmem=64 * 1024 * 1024, **SCRYPT)
    return {"salt": salt.hex(), "hash": digest.hex(), "n": SCRYPT["n"], "r": SCRYPT["r"], "p": SCRYPT["p"]}


def password_matches(record: dict[str, Any], password: str) -> bool:
    try:
        salt = bytes.fromhex(record["salt"])
        digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=int(record["n"]), r=int(record["r"]),
                                p=int(record["p"]), dklen=len(bytes.fromhex(record["hash"])),
                                maxmem=64 * 1024 * 1024)
    except (KeyError, ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), record["hash"])


def check_name(name: str) -> str:
    name = (name or "").strip()
    if not name or len(name) > 64 or any(c.isspace() or c in ":/\\" for c in name):
        raise AuthError("用户名不能为空、不能含空格、冒号或斜杠，最长 64 个字符 / "
                        "A user name must be 1-64 characters without spaces, colons or slashes")
    return name


def add_user(name: str, password: str, path: Path | None = None) -> Path:
    """Add or replace ``name``'s password; returns the users file."""
    name = check_name(name)
    if len(password) < 8:
        raise AuthError("密码至少 8 个字符 / The password must have at least 8 characters")
    path = path or users_path()
    users = _read(path)
    users[name] = hash_password(password)
    _write(path, users)
    return path


def remove_user(name: str, path: Path | None = None) -> bool:
    path = path or users_path()
    users = _read(path)
    if users.pop(name, None) is None:
        return False
    _write(path, users)
    return True


def list_users(path: Path | None = None) -> list[str]:
    return sorted(_read(path or users_path()))


@dataclass
class Throttle:
    """Per-name login throttling; ``clock`` is injectable for tests."""

    free_tries: int = FREE_TRIES
    first_delay: float = FIRST_DELAY
    max_delay: float = MAX_DELAY
    clock: Callable[[], float] = time.monotonic
    failures: dict[str, int] = field(default_factory=dict)
    locked_until: dict[str, float] = field(default_factory=dict)
    checked: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def attempt(self, name: str, check: Callable[[], bool]) -> bool:
        """Run ``check`` unless ``name`` is locked; record the outcome. A locked name is refused unchecked."""
        with self._lock:
            if self.clock() < self.locked_until.get(name, 0.0):
                return False
            self.checked += 1
            ok = check()
            if ok:
                self.failures.pop(name, None)
                self.locked_until.pop(name, None)
                return True
            n = self.failures[name] = self.failures.get(name, 0) + 1
            if n >= self.free_tries:
                delay = min(self.max_delay, self.first_delay * 2 ** (n - self.free_tries))
                self.locked_until[name] = self.clock() + delay
            return False


class Accounts:
    """The page's ``auth`` callable: the users file, plus the one ``--login`` account if given."""

    def __init__(self, path: Path | None = None, extra: tuple[str, str] | None = None,
                 throttle: Throttle | None = None):
        self.path = path or users_path()
        self.extra = (extra[0], hash_password(extra[1])) if extra else None
        self.throttle = throttle or Throttle()

    def records(self) -> dict[str, Any]:
        users = _read(self.path)
        if self.extra:
            users[self.extra[0]] = self.extra[1]
        return users

    def __bool__(self) -> bool:
        return bool(self.records())

    def __call__(self, username: str, password: str) -> bool:
        record = self.records().get(username)
        return self.throttle.attempt(
            username or "", lambda: record is not None and password_matches(record, password or ""))

    async def login(self, username: str, password: str) -> bool:
        """:meth:`__call__` off the event loop (scrypt takes tens of milliseconds)."""
        import asyncio

        return await asyncio.to_thread(self, username, password)


def header_user(header: str) -> Callable[[Any], str | None]:
    """An ``auth_dependency`` trusting the organisation's reverse proxy to put the user name in ``header``."""

    def user(request: Any) -> str | None:
        value = (request.headers.get(header) or "").strip()
        return value[:64] or None

    return user


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


REMOTE_WARNING = ("警告：网页监听在 {host}，其他机器可以访问，但没有启用登录——任何能连上的人都能使用并查看这台服务器上的草稿。"
                  "请用 jixiao users add 用户名 添加账号，或用 --login。\n"
                  "WARNING: the page listens on {host} without login; anyone who can reach it can use it.")
REMOTE_REFUSED = ("拒绝启动：网页监听在 {host}（非本机地址）却没有启用登录。请先用 jixiao users add 用户名 添加账号"
                  "（或用 --login 用户名:密码）；确需无登录对外开放时加 --allow-remote-without-login。\n"
                  "Refusing to listen on {host} without login; add a user or pass --allow-remote-without-login.")


def owner(request: Any) -> str:
    """Whose drafts a request may see: the login name; without login the browser's owner cookie, else
    (an API client without cookies) the session, so no two visitors share drafts."""
    if request is None:
        return ""
    name = getattr(request, "username", None)
    if name:
        return str(name)
    cookies = getattr(request, "cookies", None) or {}
    token = cookies.get(OWNER_COOKIE) if hasattr(cookies, "get") else None
    if token and len(token) == 32 and all(c in "0123456789abcdef" for c in token):
        return f"browser:{token}"
    return f"session:{getattr(request, 'session_hash', None) or 'none'}"


class OwnerCookie:
    """ASGI middleware giving each browser a random, HttpOnly owner cookie on its first request."""

    def __init__(self, app: Any):
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope.get("type") != "http":
            await self.app(scope, receive, send)
            return
        raw = b"; ".join(v for k, v in scope.get("headers", []) if k == b"cookie")
        if (OWNER_COOKIE + "=").encode() in raw:
            await self.app(scope, receive, send)
            return
        token = secrets.token_hex(16)
        scope = dict(scope, headers=[*scope.get("headers", []), (b"cookie", f"{OWNER_COOKIE}={token}".encode())])
        cookie = f"{OWNER_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000".encode()

        async def send_with_cookie(message: dict[str, Any]) -> None:
            if message.get("type") == "http.response.start":
                message = dict(message, headers=[*message.get("headers", []), (b"set-cookie", cookie)])
            await send(message)

        await self.app(scope, receive, send_with_cookie)
