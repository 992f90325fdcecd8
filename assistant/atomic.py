"""Atomic file writes: the new content goes to a temporary file in the target's folder, is flushed to
disk, then renamed over the target. A failed write (disk full, permission, an exception in the writer)
leaves the earlier file untouched and no temporary file behind."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO


class WriteFailed(OSError):
    """A write that did not happen; ``zh``/``en`` say why, and that the earlier file is intact."""

    def __init__(self, path: Path, err: OSError) -> None:
        self.path, self.zh, self.en = path, *_messages(path, err)
        super().__init__(err.errno, f"{self.zh}\n{self.en}")

    def __str__(self) -> str:
        return f"{self.zh}\n{self.en}"


def _messages(path: Path, err: OSError) -> tuple[str, str]:
    kept = "原有文件未被改动。" if path.exists() else ""
    kept_en = " The earlier file is unchanged." if path.exists() else ""
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return (f"{path}：磁盘空间不足，文件未写入。{kept}请清理磁盘后重试。",
                f"{path}: the disk is full; nothing was written.{kept_en} Free some space and retry.")
    if err.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (f"{path}：没有写入权限，文件未写入。{kept}", f"{path}: permission denied; nothing was written.{kept_en}")
    reason = err.strerror or type(err).__name__
    return f"{path}：无法写入（{reason}）。{kept}", f"{path}: cannot write ({reason}).{kept_en}"


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path`` for a writer that wants a file name (openpyxl, python-docx);
    on success it is fsynced and renamed over ``path``. Raise :class:`WriteFailed` on an OSError."""
    out = Path(path)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
        os.close(fd)
    except OSError as err:
        raise WriteFailed(out, err) from None
    tmp = Path(name)
    try:
        os.chmod(tmp, out.stat().st_mode & 0o777 if out.exists() else 0o644)
        yield tmp
        _sync(tmp)
        os.replace(tmp, out)
        _sync_dir(out.parent)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        if isinstance(err, WriteFailed):
            raise
        raise WriteFailed(out, err) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically."""
    return write_with(path, lambda fh: fh.write(data))


def write_text(path: str | Path, text: str) -> Path:
    """Write ``text`` as UTF-8 to ``path`` atomically."""
    return write_bytes(path, text.encode("utf-8"))


def write_with(path: str | Path, writer: Callable[[BinaryIO], object]) -> Path:
    """Call ``writer`` with a binary file open on the temporary file; rename it over ``path`` on success."""
    out = Path(path)
    with atomic_path(out) as tmp, tmp.open("wb") as fh:
        writer(fh)
    return out


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
