"""Collect the tables of a batch: files, folders and zips, each tagged with a department.

The department of a table is, in order: the one the user gives, the one the table names (its 部门 or its
first project's 主管部门), the folder the
file sits in (below the folder the user gave), a department-like prefix of the file name
(``交通运输局-农村公路养护.xlsx``), else 未注明部门. Files that are not tables (by suffix) are listed
as skipped with the reason, never dropped silently.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from assistant.parse.errors import ParseError
from assistant.parse.load import max_bytes

TABLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".csv", ".xlsx", ".xlsm", ".docx", ".json", ".pdf")
UNKNOWN_DEPARTMENT = "未注明部门"
MAX_ZIP_MEMBERS = 2000
MAX_ZIP_TOTAL = 512 * 1024 * 1024
_DEPT_END = re.compile(r"(局|委|办|厅|中心|院|所|站|馆|会|部|处|科|队|社|校|园|委员会|管委会|街道|镇|乡)$")
_SPLIT = re.compile(r"[-_－—–\s]+")
_IGNORED = ("__MACOSX/", ".DS_Store", "Thumbs.db")


@dataclass
class Source:
    """One table to review. ``name`` is what the user sees (a path relative to what they gave)."""

    name: str
    department_hint: str | None
    path: Path | None = None
    zip_path: Path | None = None
    member: str | None = None
    _data: bytes | None = field(default=None, repr=False)

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name).suffix.lower()

    def read(self) -> bytes:
        """The file's bytes (bounded by the parser's size limit)."""
        if self._data is not None:
            return self._data
        if self.path is not None:
            if not self.path.is_file():
                raise ParseError("不是普通文件，无法读取。", "not a regular file.", path=self.name)
            size = self.path.stat().st_size
            if size > max_bytes():
                raise ParseError(f"文件过大（{size} 字节）。", f"file too large ({size} bytes).", path=self.name)
            return self.path.read_bytes()
        assert self.zip_path is not None and self.member is not None
        with zipfile.ZipFile(self.zip_path) as zf:
            info = zf.getinfo(self.member)
            if info.file_size > max_bytes():
                raise ParseError(f"压缩包内文件过大（{info.file_size} 字节）。",
                                 f"zip member too large ({info.file_size} bytes).", path=self.name)
            with zf.open(info) as fh:
                return fh.read(max_bytes() + 1)[: max_bytes()]


@dataclass
class Collected:
    """What :func:`collect` found: the sources, and every path it skipped with the reason."""

    sources: list[Source] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def department_from_name(name: str) -> str | None:
    """A department named by the file's folder or by a department-like prefix of its file name."""
    parts = PurePosixPath(name).parts
    if len(parts) > 1:
        return parts[-2]
    stem = PurePosixPath(name).stem
    head = _SPLIT.split(stem, maxsplit=1)[0]
    if head != stem and 2 <= len(head) <= 20 and _DEPT_END.search(head):
        return head
    return None


def _is_table(name: str) -> bool:
    return PurePosixPath(name).suffix.lower() in TABLE_SUFFIXES


def _from_zip(zpath: Path, label: str, out: Collected) -> None:
    try:
        zf = zipfile.ZipFile(zpath)
    except zipfile.BadZipFile:
        out.skipped.append((label, "不是有效的 zip 压缩包 / not a valid zip file"))
        return
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir() and not any(x in i.filename for x in _IGNORED)]
        if len(infos) > MAX_ZIP_MEMBERS:
            out.skipped.append((label, f"压缩包内文件超过 {MAX_ZIP_MEMBERS} 个 / more than {MAX_ZIP_MEMBERS} files"))
            return
        if sum(i.file_size for i in infos) > MAX_ZIP_TOTAL:
            out.skipped.append((label, "压缩包解压后过大 / zip expands beyond the limit"))
            return
        for info in sorted(infos, key=lambda i: i.filename):
            member = info.filename
            shown = f"{label}/{member}"
            if member.startswith("/") or ".." in PurePosixPath(member).parts:
                out.skipped.append((shown, "压缩包内路径不安全 / unsafe path inside the zip"))
            elif not _is_table(member):
                out.skipped.append((shown, "不是表格文件 / not a table file"))
            else:
                out.sources.append(Source(name=shown, department_hint=department_from_name(member),
                                          zip_path=zpath, member=member))


def collect(paths: list[str | Path]) -> Collected:
    """Every table under ``paths`` (files, folders searched recursively, .zip files), in a stable order."""
    out = Collected()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(x for x in p.rglob("*") if x.is_file()):
                rel = f.relative_to(p).as_posix()
                if any(x in rel for x in _IGNORED) or any(part.startswith(".") for part in f.relative_to(p).parts):
                    continue
                if f.suffix.lower() == ".zip":
                    _from_zip(f, rel, out)
                elif _is_table(rel):
                    out.sources.append(Source(name=rel, department_hint=department_from_name(rel), path=f))
                else:
                    out.skipped.append((rel, "不是表格文件 / not a table file"))
        elif p.suffix.lower() == ".zip" and p.is_file():
            _from_zip(p, p.name, out)
        elif p.is_file():
            out.sources.append(Source(name=p.name, department_hint=department_from_name(p.name), path=p))
        else:
            out.skipped.append((str(p), "文件不存在或不是普通文件 / missing or not a regular file"))
    return out
