"""Hostile and large inputs under the upload limit: peak memory, CPU seconds and the outcome (read or
refused, with the message) of ``read_path`` followed by the rule review, each in a fresh subprocess so
that its peak memory (ru_maxrss) is its own. Issue 15 asks that every input under the upload limit stays
under 1 GB.

Cases: xlsx zip bombs (a sheet of identical cell rows inflating to 100 MB and to 1 GB), a sheet with one
far-corner cell, a docx with nested entities, HTML nested 100,000 deep, a CSV cell of 19 MB, /dev/zero,
a FIFO, and the largest ordinary tables under the limit (the seed repeated as .txt, .csv and .xlsx).
The streaming xlsx reader adds: our own export (``write_table``) of 12k, 30k and 60k indicators read
back (``re-import``: read only; one row also reviews the 60k table), with the fitted exponent of CPU time
and peak memory over indicators, and hostile workbooks past its limits (a merged range over the whole
sheet, a shared-strings table of 1M+1 strings, 200,001 rows, 1M+ cells, one long string repeated past
the text limit, a 250 MB sheet).
Run: ``python -m bench.input_limits [--only NAME] [--engine stream|openpyxl] [--exports DIR] [--save]``
(``--save`` replaces only the rows of the cases and engine it ran; ``--engine openpyxl``
reads xlsx the way the previous round did, for the before figures; ``--exports DIR`` keeps the generated
exports there and reuses them). ``peak_mib`` is the child's VmHWM (its own high-water mark: ru_maxrss
carries the parent's over fork and exec, kept as ``maxrss_mib``).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from bench.parse_review import RESULTS
from bench.synth import repeated

LIMIT_MB = 20

CHILD = r"""
import json, resource, sys, time
import assistant.parse.xlsx as xlsx
from assistant.parse import ParseError, read_path
from assistant.review.engine import review_table
if sys.argv[3] == "openpyxl":
    stream_reader = xlsx.read_xlsx
    xlsx.read_xlsx = lambda path: stream_reader(path, engine="openpyxl")
t0 = time.process_time()
try:
    table = read_path(sys.argv[1])
    if sys.argv[2] == "review":
        report = review_table(table)
        outcome = f"read: {table.indicator_count()} indicators, {len(report.findings)} findings"
    else:
        outcome = f"read: {table.indicator_count()} indicators, {len(table.projects)} projects (not reviewed)"
except ParseError as err:
    outcome = "refused: " + str(err).splitlines()[0].split("：", 1)[-1][:90]
hwm = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"outcome": outcome, "cpu_s": time.process_time() - t0, "peak_mib": hwm / 1024,
                  "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

ROW = b"<row>" + b'<c t="inlineStr"><is><t>\xe6\x8c\x87\xe6\xa0\x87</t></is></c>' * 10 + b"</row>"


def _distinct_rows(megabytes: int):
    """Rows of ten different cells each (an indicator-like text with the row number): compresses ~20:1."""
    size, n = 0, 0
    while size < megabytes << 20:
        n += 1
        row = (f'<row r="{n}">' + "".join(f'<c r="{col}{n}" t="inlineStr"><is><t>第{n}项指标{col}值{n * 7 % 1000}</t>'
                                          f"</is></c>" for col in "ABCDEFGHIJ") + "</row>").encode()
        size += len(row)
        yield row


def _xlsx_bomb(folder: Path, megabytes: int, distinct: bool = False) -> Path:
    from openpyxl import Workbook

    good = folder / "small.xlsx"
    wb = Workbook()
    wb.active.append(["项目名称", "一级指标", "二级指标", "三级指标", "指标值"])
    wb.save(good)
    out = folder / f"{'rows' if distinct else 'bomb'}-{megabytes}mb.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename != "xl/worksheets/sheet1.xml":
                zout.writestr(info, data)
                continue
            member = zipfile.ZipInfo(info.filename)
            member.compress_type = zipfile.ZIP_DEFLATED
            rows, end, rest = data.partition(b"</sheetData>")
            with zout.open(member, "w", force_zip64=True) as fh:
                fh.write(rows)
                if distinct:
                    for row in _distinct_rows(megabytes):
                        fh.write(row)
                else:
                    chunk = ROW * ((1 << 20) // len(ROW))
                    for _ in range(megabytes):
                        fh.write(chunk)
                fh.write(end + rest)
    return out


def _far_corner(folder: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "项目名称"
    wb.active["XFD1048576"] = "x"
    wb.save(folder / "corner.xlsx")
    return folder / "corner.xlsx"


def _laughs(folder: Path) -> Path:
    from docx import Document

    from tests.test_harden_input import BILLION_LAUGHS

    doc = Document()
    doc.add_table(rows=1, cols=1).cell(0, 0).text = "三级指标"
    doc.save(folder / "plain.docx")
    out = folder / "laughs.docx"
    with zipfile.ZipFile(folder / "plain.docx") as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                data = BILLION_LAUGHS + data.split(b"?>", 1)[1].replace("三级指标".encode(), b"&j;")
            zout.writestr(info, data)
    return out


def _deep_html(folder: Path) -> Path:
    out = folder / "deep.html"
    out.write_text("<html><body>" + "<div>" * 100_000 + "x" + "</div>" * 100_000 + "</body></html>",
                   encoding="utf-8")
    return out


def _html_rows(folder: Path, size: int) -> Path:
    out = folder / f"rows-{size}.html"
    row = "<tr><td>第1项</td><td>x</td></tr>"
    head = "<table><tr><td>三级指标</td><td>指标值</td></tr>"
    out.write_text(head + row * (size // len(row.encode())) + "</table>", encoding="utf-8")
    return out


def _csv_cell(folder: Path) -> Path:
    out = folder / "cell.csv"
    out.write_text("项目名称,三级指标,指标值\n培训,人次," + "长" * (6 << 20) + "\n", encoding="utf-8")
    return out


def _largest_text(folder: Path) -> Path:
    unit = len(repeated(10).encode()) / 10
    out = folder / "seed-many.txt"
    out.write_text(repeated(int(LIMIT_MB * 1024 * 1024 * 0.95 / unit)), encoding="utf-8")
    return out


def _largest_csv(folder: Path) -> Path:
    from assistant.parse import read_path

    seed = folder / "seed-many.txt"
    table = read_path(seed if seed.exists() else _largest_text(folder))
    head = "项目名称,年度绩效目标,一级指标,二级指标,三级指标,指标值,计量单位\n"
    lines = [head]
    size = len(head.encode())
    for p in table.projects:
        for ind in p.indicators():
            line = ",".join(f'"{v}"' for v in (p.name, p.goal or "", ind.category, ind.subcategory or "",
                                                ind.name, ind.value, ind.unit or "")) + "\n"
            size += len(line.encode())
            if size > LIMIT_MB * 1024 * 1024 * 0.95:
                break
            lines.append(line)
    out = folder / "seed-many.csv"
    out.write_text("".join(lines), encoding="utf-8")
    return out


def _largest_xlsx(folder: Path, copies: int) -> Path:
    from assistant.parse import read_text
    from assistant.writers import write_table

    out = folder / f"seed-x{copies}.xlsx"
    write_table(read_text(repeated(copies), out.name), out)
    return out


def _export(folder: Path, copies: int) -> Path:
    """The product's own .xlsx export of the seed repeated ``copies`` times (175 indicators a copy)."""
    from assistant.parse import read_text
    from assistant.writers import write_table

    out = folder / f"export-x{copies}.xlsx"
    if not out.exists():
        write_table(read_text(repeated(copies), out.name), out)
    return out


def _package(folder: Path, name: str, rows: str, merges: list[str] | None = None, strings: list[str] | None = None) -> Path:
    from tests.parse.xlsx_package import shared_strings, sheet, write_package

    return write_package(folder / name, [("绩效指标", sheet(rows, merges))],
                         strings=shared_strings(strings) if strings is not None else None)


HEAD = "".join(f'<c r="{c}1" t="inlineStr"><is><t>{n}</t></is></c>'
               for c, n in zip("ABCD", ("一级指标", "二级指标", "三级指标", "指标值"), strict=True))


def _noise(chars: int, seed: int = 15) -> str:
    import random

    rng = random.Random(seed)
    return "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(chars))


def _hostile(folder: Path) -> dict[str, Callable[[], Path]]:
    from assistant.parse.limits import MAX_CELLS, MAX_ROWS, MAX_SHARED_STRINGS

    head = f'<row r="1">{HEAD}</row>'
    return {
        "xlsx merged range A1:XFD1048576": lambda: _package(folder, "merged.xlsx", head, ["A1:XFD1048576"]),
        "xlsx shared strings, 1M+1 strings": lambda: _package(
            folder, "strings.xlsx", head, strings=[f"<t>第{i}项</t>" for i in range(MAX_SHARED_STRINGS + 1)]),
        "xlsx sheet of 200,001 rows": lambda: _package(folder, "rows.xlsx", head + "".join(
            f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>' for r in range(2, MAX_ROWS + 2))),
        "xlsx sheet of 1M+ cells": lambda: _package(folder, "cells.xlsx", head + "".join(
            f'<row r="{r}">' + "".join(f"<c><v>{(r * 7919 + c * 104729) % 999983}</v></c>" for c in range(100))
            + "</row>" for r in range(2, MAX_CELLS // 100 + 2))),
        "xlsx one 900k-char string in 78 cells": lambda: _package(folder, "text.xlsx", head + "".join(
            f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>产出指标</t></is></c><c r="B{r}" t="s"><v>0</v></c></row>'
            for r in range(2, 80)), strings=[f"<t>{_noise(900_000)}</t>"]),
    }


def _fifo(folder: Path) -> Path:
    out = folder / "pipe.csv"
    os.mkfifo(out)
    return out


ROUND_TRIP = {"12k": 69, "30k": 172, "60k": 343}


def cases(folder: Path, xlsx_copies: int, sheet_mb: int,
          exports: Path | None = None) -> dict[str, tuple[str, Callable[[], Path]]]:
    """Each case's name, what the child does (``review``: read and review; ``parse``: read only) and the
    builder of its file (built only when the case runs)."""
    kept = exports or folder
    review = {"xlsx sheet inflating to 100 MB": lambda: _xlsx_bomb(folder, 100),
            "xlsx sheet inflating to 1 GB": lambda: _xlsx_bomb(folder, 1024),
            f"xlsx, {sheet_mb} MB sheet of distinct rows": lambda: _xlsx_bomb(folder, sheet_mb, distinct=True),
            "xlsx cell at XFD1048576": lambda: _far_corner(folder),
            "docx nested entities": lambda: _laughs(folder),
            "html nested 100,000 deep": lambda: _deep_html(folder),
            "csv cell of 6M characters": lambda: _csv_cell(folder),
            "/dev/zero": lambda: Path("/dev/zero"),
            "fifo": lambda: _fifo(folder),
            "html of 19 MB one-cell rows": lambda: _html_rows(folder, 19 << 20),
            "html of 95,000 rows (under the element cap)": lambda: _html_rows(folder, 95_000 * 35),
            "txt, seed repeated to 19 MB": lambda: _largest_text(folder),
            "csv, seed rows to 19 MB": lambda: _largest_csv(folder),
            f"xlsx, seed repeated {xlsx_copies} times": lambda: _largest_xlsx(folder, xlsx_copies),
            "xlsx, 250 MB sheet of distinct rows": lambda: _xlsx_bomb(folder, 250, distinct=True),
            "xlsx export of 60k indicators, read and reviewed": lambda: _export(kept, ROUND_TRIP["60k"]),
            **_hostile(folder)}
    parse: dict[str, Callable[[], Path]] = {
        f"re-import of our export, {size} indicators": (lambda c=copies: _export(kept, c))
        for size, copies in ROUND_TRIP.items()}
    return {**{k: ("review", v) for k, v in review.items()}, **{k: ("parse", v) for k, v in parse.items()}}


def _address_space() -> None:
    """At most 3 GB of address space for a child, so that a reader that would take the machine's memory
    dies with MemoryError (reported as crashed) instead."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))


def fit(rows: list[dict], key: str) -> float | None:
    """The least-squares exponent b of ``key ≈ a · indicators^b`` over the re-import rows that were read."""
    points = [(math.log(int(r["outcome"].split()[1])), math.log(r[key])) for r in rows
              if r["case"].startswith("re-import") and r["outcome"].startswith("read") and r[key] > 0]
    if len(points) < 2:
        return None
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    return sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)


def run(xlsx_copies: int = 20, sheet_mb: int = 55, only: str = "", engine: str = "stream",
        exports: Path | None = None) -> dict:
    rows = []
    if exports is not None:
        exports.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-inputs-") as tmp:
        for name, (mode, build) in cases(Path(tmp), xlsx_copies, sheet_mb, exports).items():
            if only and not any(part in name for part in only.split(",")):
                continue
            path = build()
            size = path.stat().st_size if path.is_file() else 0
            done = subprocess.run([sys.executable, "-c", CHILD, str(path), mode, engine], capture_output=True,
                                  text=True, timeout=1800, preexec_fn=_address_space)
            if done.returncode:
                row = {"outcome": f"crashed ({done.returncode}): {done.stderr.strip()[-200:]}", "cpu_s": 0,
                       "peak_mib": 0}
            else:
                row = json.loads(done.stdout.strip().splitlines()[-1])
            row = {"case": name, "engine": engine, "file_mb": size / 1024 / 1024, **row}
            rows.append(row)
            print(f"{name:34s} {row['file_mb']:7.2f} MB  cpu {row['cpu_s']:7.2f} s  peak {row['peak_mib']:6.0f} MiB  "
                  f"{row['outcome']}", flush=True)
    return summary(rows)


def summary(rows: list[dict]) -> dict:
    """The rows, the largest peak, and per engine the fitted re-import exponents."""
    worst = max(r["peak_mib"] for r in rows)
    print(f"largest peak: {worst:.0f} MiB (limit 1024 MiB)")
    fits = {}
    for engine in sorted({r.get("engine", "stream") for r in rows}):
        mine = [r for r in rows if r.get("engine", "stream") == engine]
        fits[engine] = {"cpu_exponent": fit(mine, "cpu_s"), "peak_exponent": fit(mine, "peak_mib")}
        print(f"re-import exponents ({engine}): {fits[engine]}")
    return {"rows": rows, "largest_peak_mib": worst, "re_import_fit": fits}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--xlsx-copies", type=int, default=20)
    ap.add_argument("--sheet-mb", type=int, default=55)
    ap.add_argument("--only", default="", help="run only the cases whose name contains this (or, comma-separated, "
                                               "any of these)")
    ap.add_argument("--engine", choices=("stream", "openpyxl"), default="stream",
                    help="xlsx reader: stream (this round) or openpyxl (the previous round's, for before figures)")
    ap.add_argument("--exports", type=Path, default=None, help="keep the generated exports here and reuse them")
    ap.add_argument("--save", action="store_true")
    args = ap.parse_args()
    result = run(args.xlsx_copies, args.sheet_mb, args.only, args.engine, args.exports)
    if args.save:
        RESULTS.mkdir(exist_ok=True)
        path = RESULTS / "input_limits.json"
        if path.exists():
            ran = {(r["case"], r["engine"]) for r in result["rows"]}
            kept = [r for r in json.loads(path.read_text())["rows"]
                    if (r["case"], r.get("engine", "stream")) not in ran]
            result = summary(kept + result["rows"])
        path.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
