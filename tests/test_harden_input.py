"""Issue 15, the files-and-reports half: one test per defect (1, 2, 3, 7, 8, 9, 10), each building its
hostile input here. Hangs and memory blow-ups of the old code are caught by running the command in a
child process with an address-space limit and a timeout, never by timing a passing run."""

from __future__ import annotations

import errno
import gc
import io
import logging
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from assistant import service
from assistant.parse import ParseError, read_path, read_text
from assistant.service import Options, ServiceError
from bench.synth import repeated
from tests.fixtures_columnar import write_xlsx_fixture

ROOT = Path(__file__).resolve().parent.parent
JIXIAO = [sys.executable, "-m", "assistant.cli"]
CSV_HEAD = "项目名称,年度绩效目标,一级指标,二级指标,三级指标,指标值,计量单位,备注\n"
CSV_ROW = "干部培训,完成培训600人次,产出指标,数量指标,培训人次,≥600,人次,{note}\n"


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def _run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The CLI in a child process that cannot take more than 2 GB of address space."""
    return subprocess.run([*JIXIAO, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                          preexec_fn=_limited, env={**os.environ, "PYTHONPATH": str(ROOT)})


def _refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def _rezip(src: Path, dst: Path, name: str, write_member) -> Path:
    """Copy the zip ``src`` to ``dst`` with member ``name`` replaced by what ``write_member(fh, old)`` writes."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == name:
                member = zipfile.ZipInfo(name)
                member.compress_type = zipfile.ZIP_DEFLATED
                with zout.open(member, "w", force_zip64=True) as fh:
                    write_member(fh, data)
            else:
                zout.writestr(info, data)
    return dst


SHEET_ROW = b"<row>" + b'<c t="inlineStr"><is><t>\xe6\x8c\x87\xe6\xa0\x87</t></is></c>' * 10 + b"</row>"


def _inflating_xlsx(tmp_path: Path, megabytes: int) -> Path:
    """The fixture workbook with its first sheet's data grown to ``megabytes`` of identical cell rows."""
    def padded(fh, old: bytes) -> None:
        rows, end, rest = old.partition(b"</sheetData>")
        fh.write(rows)
        chunk = SHEET_ROW * ((1 << 20) // len(SHEET_ROW))
        for _ in range(megabytes):
            fh.write(chunk)
        fh.write(end + rest)

    good = write_xlsx_fixture(tmp_path / "good.xlsx")
    return _rezip(good, tmp_path / "bomb.xlsx", "xl/worksheets/sheet1.xml", padded)


@pytest.mark.parametrize("megabytes", [100, 8])
def test_defect_01_xlsx_inflating_to_100mb_is_refused_quickly(tmp_path, megabytes):
    bomb = _inflating_xlsx(tmp_path, megabytes)
    assert bomb.stat().st_size < 1 << 20
    result = _run("parse", str(bomb), timeout=60)
    _refused(result, "bomb.xlsx", "xl/worksheets/sheet1.xml", "压缩比", "compression ratio")


def test_defect_01_sheet_with_a_far_corner_cell_is_refused_before_its_cells_are_built(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active["A1"] = "项目名称"
    wb.active["XFD1048576"] = "x"
    wb.save(tmp_path / "corner.xlsx")
    result = _run("parse", str(tmp_path / "corner.xlsx"), timeout=60)
    _refused(result, "corner.xlsx", "1048576 行 × 16384 列", "over the limit")


def test_defect_01_a_normal_workbook_still_reads(tmp_path):
    table = read_path(write_xlsx_fixture(tmp_path / "good.xlsx"))
    assert table.indicator_count() > 5


class _CountingList(list):
    scans = 0

    def __iter__(self):
        type(self).scans += 1
        return super().__iter__()


def _reviewed(copies: int):
    table = read_text(repeated(copies), "synthetic.txt")
    report = service.review_rules(table, Options()).report
    return table, report


@pytest.mark.parametrize("fmt", ["html", "md", "text", "xlsx"])
def test_defect_02_report_writers_scan_the_findings_a_fixed_number_of_times(tmp_path, fmt):
    from assistant.report import html, markdown, text, xlsx

    writers = {"html": html.render, "md": markdown.render, "text": text.render,
               "xlsx": lambda r, t: xlsx.write(r, t, tmp_path / "r.xlsx")}
    scans = []
    for copies in (1, 4):
        table, report = _reviewed(copies)
        assert len(table.projects) > 3 * copies - 1 and report.findings
        report.findings = _CountingList(report.findings)
        _CountingList.scans = 0
        writers[fmt](report, table)
        scans.append(_CountingList.scans)
    assert scans[0] == scans[1], f"{fmt}: findings scanned {scans} times for 1 and 4 copies of the seed"


def _with_text_in_first_value(extra: str):
    table, _ = _reviewed(1)
    ind = table.projects[0].groups[0][0]
    ind.value = f"{ind.value}{extra}"
    ind.name = f"{ind.name}{extra}"
    return table


def test_defect_03_control_character_in_a_cell_keeps_the_xlsx_report_working(tmp_path):
    table = _with_text_in_first_value("\x01尾")
    outcome = service.review_rules(table, Options())
    out = tmp_path / "report.xlsx"
    service.export(outcome, Options(fmt="xlsx", output=out))
    ws = load_workbook(out)["指标审核"]
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert any("\\x01尾" in t for t in texts)
    assert not any("\x01" in t for t in texts)


def test_defect_03_formulas_stay_text_and_parse_export_keeps_the_character_visible(tmp_path):
    from assistant.writers import write_table

    table = _with_text_in_first_value("=1+1\x02")
    write_table(table, tmp_path / "t.xlsx")
    back = read_path(tmp_path / "t.xlsx")
    names = [i.name for p in back.projects for i in p.indicators()]
    assert any(n.endswith("=1+1\\x02") for n in names)


def test_defect_07_html_nested_1000_deep_gives_a_clear_message(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 1000 + "x" + "</div>" * 1000
                    + "<table><tr><td>项目名称</td></tr></table></body></html>", encoding="utf-8")
    with pytest.raises(ParseError) as err:
        read_path(path)
    assert "deep.html" in str(err.value) and "嵌套" in str(err.value) and "150" in str(err.value)


def test_defect_07_csv_cell_over_128kb_is_read_whole(tmp_path):
    note = "说明" * 100_000
    path = tmp_path / "long.csv"
    path.write_text(CSV_HEAD + CSV_ROW.format(note=note) + CSV_ROW.format(note="短"), encoding="utf-8")
    table = read_path(path)
    assert table.indicator_count() >= 1
    assert note in table.model_dump_json()


def test_defect_07_csv_cell_over_the_cell_limit_names_the_line(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text(CSV_HEAD + CSV_ROW.format(note="短") + CSV_ROW.format(note="长" * 1_200_000), encoding="utf-8")
    with pytest.raises(ParseError) as err:
        read_path(path)
    message = str(err.value)
    assert "huge.csv" in message and "第3行" in message and "1000000" in message


BILLION_LAUGHS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!DOCTYPE w:document [\n'
                  b'<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">\n'
                  + b"".join(b'<!ENTITY %s "&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;&%s;">\n'
                             % ((bytes([c]),) + (bytes([c - 1]),) * 10) for c in range(ord("b"), ord("k")))
                  + b"]>\n")


def test_defect_07_docx_with_an_entity_expansion_payload_gives_a_clear_message(tmp_path):
    doc = Document()
    doc.add_table(rows=2, cols=2).cell(0, 0).text = "三级指标"
    doc.save(tmp_path / "good.docx")

    def payload(fh, old: bytes) -> None:
        body = old.split(b"?>", 1)[1]
        fh.write(BILLION_LAUGHS + body.replace(b"\xe4\xb8\x89\xe7\xba\xa7\xe6\x8c\x87\xe6\xa0\x87", b"&j;"))

    bomb = _rezip(tmp_path / "good.docx", tmp_path / "laughs.docx", "word/document.xml", payload)
    result = _run("parse", str(bomb), timeout=60)
    _refused(result, "laughs.docx", "word/document.xml", "<!ENTITY>", "entity expansion")


def test_defect_07_parse_to_an_unsupported_output_is_a_clear_message(tmp_path):
    good = write_xlsx_fixture(tmp_path / "good.xlsx")
    result = _run("parse", str(good), "-o", str(tmp_path / "x.csv"))
    _refused(result, ".csv", "unsupported output format")
    assert not (tmp_path / "x.csv").exists()


def test_defect_08_dev_zero_is_refused_not_read(tmp_path):
    result = _run("parse", "/dev/zero", timeout=60)
    _refused(result, "/dev/zero", "不是普通文件", "not a regular file")


def test_defect_08_fifo_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "table.csv"
    os.mkfifo(fifo)
    result = _run("parse", str(fifo), timeout=60)
    _refused(result, "table.csv", "FIFO")


def test_defect_08_a_file_that_grows_past_the_limit_after_stat_is_not_read_whole(tmp_path, monkeypatch):
    from assistant.parse import limits

    path = tmp_path / "t.txt"
    path.write_text("项目名称\n" * 100, encoding="utf-8")
    with pytest.raises(ParseError, match="超过上限"):
        limits.read_bounded(path, 50, ParseError("文件大小超过上限", "over the limit", path=str(path)))


class _FullDisk:
    """A file on a disk that fills after ``room`` bytes: the write that crosses it raises ENOSPC."""

    def __init__(self, fh, room: int) -> None:
        self._fh, self._room = fh, room

    def write(self, data):
        if len(data) > self._room:
            self._fh.write(data[: self._room])
            self._fh.flush()
            raise OSError(errno.ENOSPC, "No space left on device")
        self._room -= len(data)
        return self._fh.write(data)

    def __getattr__(self, name):
        return getattr(self._fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._fh.close()

    def __iter__(self):
        return iter(self._fh)


@pytest.fixture
def full_disk(monkeypatch, tmp_path):
    """Every file opened for writing under tmp_path/out fails with ENOSPC after 200 bytes."""
    real_open = io.open
    folder = tmp_path / "out"
    folder.mkdir()

    def opener(file, mode="r", *args, **kwargs):
        fh = real_open(file, mode, *args, **kwargs)
        if isinstance(file, str | os.PathLike) and Path(file).parent == folder and set(mode) & set("wax+"):
            return _FullDisk(fh, 200)
        return fh

    def arm():
        monkeypatch.setattr(io, "open", opener)
        monkeypatch.setattr("builtins.open", opener)

    return folder, arm


UNCLOSED_ZIP = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


@UNCLOSED_ZIP
@pytest.mark.parametrize("fmt", ["html", "md", "json", "text", "xlsx"])
def test_defect_09_disk_full_keeps_the_earlier_report(full_disk, fmt):
    folder, arm = full_disk
    table, _ = _reviewed(1)
    outcome = service.review_rules(table, Options())
    out = folder / f"report.{fmt}"
    service.export(outcome, Options(fmt=fmt, output=out))
    before = out.read_bytes()
    arm()
    with pytest.raises(ServiceError) as err:
        service.export(outcome, Options(fmt=fmt, output=out))
    message = str(err.value)
    del err
    gc.collect()
    assert "磁盘空间不足" in message and "disk is full" in message
    assert out.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == [out.name]


@UNCLOSED_ZIP
@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_defect_09_disk_full_keeps_the_earlier_parse_export(full_disk, suffix):
    from assistant.writers import write_table

    folder, arm = full_disk
    table, _ = _reviewed(1)
    out = folder / f"table{suffix}"
    write_table(table, out)
    before = out.read_bytes()
    arm()
    with pytest.raises(OSError) as err:
        write_table(table, out)
    message = str(err.value)
    del err
    gc.collect()
    assert "磁盘空间不足" in message
    assert out.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == [out.name]


ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b[31m红\x9b1m\r"


def test_defect_10_terminal_escapes_in_cells_are_shown_escaped_in_the_text_report():
    from assistant.report.text import render

    table = _with_text_in_first_value(ESCAPES)
    report = service.review_rules(table, Options()).report
    out = render(report, table)
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out and "\r" not in out
    assert "\\x1b]0;pwned\\x07\\x1b[2J" in out


def test_defect_10_cli_text_report_and_parse_summary_carry_no_escape_sequences(tmp_path):
    path = tmp_path / "esc.csv"
    path.write_text(CSV_HEAD + CSV_ROW.format(note="x").replace("干部培训", "干部培训" + ESCAPES.replace("\r", "")),
                    encoding="utf-8")
    for args in (("review", str(path)), ("parse", str(path))):
        result = _run(*args)
        assert result.returncode == 0, result.stderr
        assert "\x1b" not in result.stdout + result.stderr
        assert "\\x1b]0;pwned" in result.stdout


def test_defect_10_log_messages_carry_no_escape_sequences():
    from assistant.report.cells import install_log_guard

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    log = logging.getLogger("jixiao.test")
    log.addHandler(handler)
    old_factory = logging.getLogRecordFactory()
    try:
        install_log_guard()
        log.error("单元格：%s", ESCAPES)
    finally:
        logging.setLogRecordFactory(old_factory)
        log.removeHandler(handler)
    assert "\x1b" not in stream.getvalue() and "\\x1b[2J" in stream.getvalue()


def test_limits_html_with_more_elements_than_the_cap_is_refused_before_parsing(tmp_path):
    from assistant.parse.limits import MAX_HTML_ELEMENTS

    path = tmp_path / "many.html"
    path.write_text("<table>" + "<tr><td>x</td></tr>" * (MAX_HTML_ELEMENTS // 2 + 1) + "</table>", encoding="utf-8")
    with pytest.raises(ParseError) as err:
        read_path(path)
    assert "many.html" in str(err.value) and str(MAX_HTML_ELEMENTS) in str(err.value)
