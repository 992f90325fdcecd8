"""The office commands end to end in a subprocess with its own JIXIAO_HOME: batch (and its resume), runs,
decide, diff against the stored version, letter."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from docx import Document
from openpyxl import load_workbook

from office.tables import corrected_road, write_folder, write_xlsx


@pytest.fixture
def jixiao(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_")}
    env |= {"JIXIAO_HOME": str(tmp_path / "home"), "COLUMNS": "200"}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "assistant.cli", *args], capture_output=True, text=True,
                              env=env, cwd=tmp_path, timeout=300)
    return run


def test_batch_writes_summaries_and_a_rerun_resumes(jixiao, tmp_path):
    folder = write_folder(tmp_path / "tables")
    done = jixiao("batch", str(folder), "-o", "s.xlsx", "-o", "s.html")
    assert done.returncode == 0, done.stderr
    assert "某县交通运输局" in done.stdout and "全部" in done.stdout
    assert load_workbook(tmp_path / "s.xlsx")["汇总"]["A1"].value == "部门"
    assert "<svg" in (tmp_path / "s.html").read_text(encoding="utf-8")
    again = jixiao("batch", str(folder))
    assert again.returncode == 0 and "7 份此前已按相同规则审核" in again.stdout
    listed = jixiao("runs")
    assert listed.returncode == 0 and len(listed.stdout.strip().splitlines()) == 7


def test_bad_output_and_missing_input_say_so(jixiao, tmp_path):
    bad = jixiao("batch", str(tmp_path), "-o", "s.csv")
    assert bad.returncode == 2 and "不支持的输出格式" in bad.stderr and "Traceback" not in bad.stderr
    empty = jixiao("batch", str(tmp_path / "nothing"))
    assert empty.returncode == 2 and "没有找到可审核的表格" in empty.stderr


def test_decide_then_diff_against_the_stored_version_and_letter(jixiao, tmp_path):
    folder = write_folder(tmp_path / "tables")
    assert jixiao("batch", str(folder / "交通运输局")).returncode == 0
    runs = [line.split("\t") for line in jixiao("runs").stdout.strip().splitlines()]
    road = next(r for r in runs if r[3].endswith("农村公路养护.xlsx"))
    shown = jixiao("runs", "--show", road[0]).stdout.splitlines()
    number = next(line.split("\t")[0] for line in shown if "沿线群众满意度" in line)
    done = jixiao("decide", road[0], number, "不是问题", "-c", "以合同约定为准")
    assert done.returncode == 0 and "不是问题" in done.stdout
    assert jixiao("decide", road[0], number, "随便").returncode == 2

    fixed = tmp_path / "v2" / "农村公路养护.xlsx"
    fixed.parent.mkdir()
    write_xlsx(fixed, "某县交通运输局", corrected_road())
    diff = jixiao("diff", str(fixed), "-o", "d.xlsx")
    assert diff.returncode == 0, diff.stderr
    assert "已修正" in diff.stdout and "沿用处理意见 1 条" in diff.stdout
    assert "沿线群众满意度｜满意度目标不合理｜处理意见：不是问题" in diff.stdout.replace("未变｜", "")
    two = jixiao("diff", str(folder / "交通运输局" / "农村公路养护.xlsx"), str(fixed))
    assert two.returncode == 0 and "已修正" in two.stdout

    letter = jixiao("letter", str(fixed), "-o", "意见.docx", "--project", "农村公路日常养护")
    assert letter.returncode == 0, letter.stderr
    text = "\n".join(p.text for p in Document(str(tmp_path / "意见.docx")).paragraphs)
    assert "农村公路日常养护" in text and "沿线群众满意度" not in text.split("总体意见")[0]
