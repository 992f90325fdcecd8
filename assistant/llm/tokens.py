"""Offline token counting: tiktoken with its encoding files rebuilt from quicktok-v1's vocabularies.

tiktoken downloads ``*.tiktoken`` files on first use; nothing here may download at run time. quicktok-v1
ships the same vocabularies in a binary form; rebuilt into tiktoken's text format they are
byte-identical to the official files (checked against tiktoken's own sha256 before use), and a cache
directory named as tiktoken expects makes ``get_encoding`` work offline.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import os
import struct
import threading
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

# tiktoken's cache file name (sha1 of the download URL) and the sha256 tiktoken checks.
ENCODINGS: dict[str, tuple[str, str, str]] = {
    "cl100k_base": ("cl100k", "9b5ad71b2ce5302211f9c61530b329a4922fc6a4",
                    "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"),
    "o200k_base": ("o200k", "fb374d419588a4632f3f557e76b4b70aebbca790",
                   "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d"),
}
_lock = threading.Lock()


def cache_dir() -> Path:
    from assistant.paths import shared_cache_dir

    return shared_cache_dir() / "tiktoken"


def _quicktok_data() -> Path | None:
    spec = importlib.util.find_spec("quicktok")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def rebuild(vocab: bytes) -> bytes:
    """quicktok ``.vocab`` (LE uint32 n, then n × (uint16 len, bytes, uint32 rank)) → tiktoken text."""
    (count,) = struct.unpack_from("<I", vocab, 0)
    offset, pairs = 4, []
    for _ in range(count):
        (length,) = struct.unpack_from("<H", vocab, offset)
        token = vocab[offset + 2: offset + 2 + length]
        (rank,) = struct.unpack_from("<I", vocab, offset + 2 + length)
        offset += 6 + length
        pairs.append((rank, token))
    pairs.sort()
    return b"".join(base64.b64encode(token) + b" " + str(rank).encode() + b"\n" for rank, token in pairs)


def ensure_cache(name: str) -> Path | None:
    """Build the tiktoken cache file for ``name`` once; None when quicktok is not installed."""
    stem, key, sha = ENCODINGS[name]
    target = cache_dir() / key
    if target.exists():
        return target
    data = _quicktok_data()
    if data is None or not (data / f"{stem}.vocab").exists():
        return None
    text = rebuild((data / f"{stem}.vocab").read_bytes())
    if hashlib.sha256(text).hexdigest() != sha:
        raise RuntimeError(f"quicktok 词表重建结果与 tiktoken 官方文件不一致：{name}")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(text)
    tmp.replace(target)
    return target


@cache
def encoding(name: str = "o200k_base") -> Any | None:
    """A tiktoken Encoding built offline, or None when tiktoken or quicktok is missing."""
    if name not in ENCODINGS or importlib.util.find_spec("tiktoken") is None:
        return None
    with _lock:
        path = ensure_cache(name)
        if path is None:
            return None
        import tiktoken

        old = os.environ.get("TIKTOKEN_CACHE_DIR")
        os.environ["TIKTOKEN_CACHE_DIR"] = str(path.parent)
        try:
            return tiktoken.get_encoding(name)
        finally:
            if old is None:
                os.environ.pop("TIKTOKEN_CACHE_DIR", None)
            else:
                os.environ["TIKTOKEN_CACHE_DIR"] = old


@lru_cache(maxsize=4096)
def count(text: str, name: str = "o200k_base") -> int:
    """Tokens in ``text`` (memoised: a batch counts each prompt several times); without tiktoken, a rough
    bound (one token per CJK char, 4 chars otherwise)."""
    enc = encoding(name)
    if enc is not None:
        return len(enc.encode(text, disallowed_special=()))
    cjk = sum(1 for ch in text if ord(ch) > 0x2E80)
    return cjk + (len(text) - cjk + 3) // 4


def count_messages(messages: list[dict[str, Any]], name: str = "o200k_base") -> int:
    """Prompt tokens of chat messages, with OpenAI's per-message overhead (3 + 3 for the reply)."""
    total = 3
    for message in messages:
        content = message.get("content") or ""
        total += 3 + count(content if isinstance(content, str) else str(content), name)
    return total
