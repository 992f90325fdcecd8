"""Reading files: encodings are detected, bad input gets a two-language error naming the file."""

from __future__ import annotations

import subprocess
import sys

import pytest

from assistant.parse import ParseError, read_path


def _dump(table):
    data = table.model_dump(mode="json")
    data.pop("source")
    return data


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig", "utf-16"])
def test_seed_in_other_encodings_parses_identically(tmp_path, seed_path, seed_table, encoding):
    text = seed_path.read_text(encoding="utf-8")
    if encoding == "gbk":
        text = text.replace("·", "-")
        expected = read_path(_write(tmp_path / "utf8.txt", text, "utf-8"))
    else:
        expected = seed_table
    path = _write(tmp_path / f"seed-{encoding}.txt", text, encoding)
    assert _dump(read_path(path)) == _dump(expected)


def _write(path, text, encoding):
    path.write_bytes(text.encode(encoding))
    return path


def test_crlf_line_endings_parse_identically(tmp_path, seed_path, seed_table):
    path = tmp_path / "crlf.txt"
    path.write_bytes(seed_path.read_bytes().replace(b"\n", b"\r\n"))
    assert _dump(read_path(path)) == _dump(seed_table)


def _error(path) -> ParseError:
    with pytest.raises(ParseError) as info:
        read_path(path)
    return info.value


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n", encoding="utf-8")
    err = _error(path)
    assert "文件为空" in str(err) and "empty" in str(err) and str(path) in str(err)


def test_binary_file(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    err = _error(path)
    assert "二进制" in str(err) and "binary" in str(err) and str(path) in str(err)


def test_file_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("JIXIAO_MAX_FILE_MB", "0.01")
    path = tmp_path / "big.txt"
    path.write_text("项目\t目标\t1、产出指标：甲，年度指标值：1个。\n" * 400, encoding="utf-8")
    err = _error(path)
    assert "超过上限" in str(err) and "limit" in str(err) and str(path) in str(err)


def test_missing_file(tmp_path):
    err = _error(tmp_path / "nope.xlsx")
    assert "不存在" in str(err) and "not found" in str(err)


def test_cli_reports_bad_input_without_a_traceback(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "assistant.cli", "parse", str(path)], capture_output=True, text=True)
    assert run.returncode == 2
    assert "文件为空" in run.stderr and "Traceback" not in run.stderr
