"""`jixiao review`: formats, output files, exit codes, clear errors, and a fast import path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.commands import run_review

ROOT = Path(__file__).resolve().parent.parent


def test_text_to_stdout(seed_path, capsys):
    assert run_review(seed_path) == 0
    out = capsys.readouterr().out
    assert "审核报告" in out and "项目评级" in out and "没有成本指标" in out and "missing_cost" not in out


def test_json_to_stdout(seed_path, capsys):
    assert run_review(seed_path, fmt="json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["profile"] == "guangzhou" and len(data["grades"]) == 19
    f = data["findings"][0]
    assert {"code", "project", "group", "item", "severity", "message", "fix", "basis"} <= set(f)


@pytest.mark.parametrize("fmt", ["md", "html", "json", "text", "xlsx"])
def test_output_file(seed_path, tmp_path, fmt, capsys):
    out = tmp_path / f"r.{fmt}"
    assert run_review(seed_path, fmt=fmt, output=out) == 0
    assert out.stat().st_size > 1000
    assert capsys.readouterr().out == ""


def test_xlsx_requires_output(seed_path, capsys):
    assert run_review(seed_path, fmt="xlsx") == 2
    assert "-o" in capsys.readouterr().err


@pytest.mark.parametrize(("fail_on", "code"), [("never", 0), ("error", 1), ("warning", 1)])
def test_fail_on(seed_path, fail_on, code, capsys):
    assert run_review(seed_path, fmt="json", fail_on=fail_on) == code


def _json_table(tmp_path, rows) -> Path:
    from test_review_helpers import proj, table

    path = tmp_path / "t.json"
    path.write_text(table(proj("培训项目", rows, goal="开展培训。")).model_dump_json(), encoding="utf-8")
    return path


def test_fail_on_follows_the_worst_severity(tmp_path, capsys):
    from test_review_helpers import EFF, filler, ind

    clean = _json_table(tmp_path, filler(5))
    assert run_review(clean, fmt="json", fail_on="warning") == 0
    warned = _json_table(tmp_path, [ind("服务质量", "进一步提高", EFF), *filler(5)])
    assert run_review(warned, fmt="json", fail_on="error") == 0
    assert run_review(warned, fmt="json", fail_on="warning") == 1
    broken = _json_table(tmp_path, [ind("诊断企业数", "≥25"), *filler(5)])
    assert run_review(broken, fmt="json", fail_on="error") == 1


def test_bad_inputs_give_clear_messages(seed_path, tmp_path, capsys):
    assert run_review(seed_path, fmt="pdf") == 2
    assert "不支持的报告格式" in capsys.readouterr().err
    assert run_review(seed_path, fail_on="sometimes") == 2
    assert "--fail-on" in capsys.readouterr().err
    assert run_review(seed_path, policy="nowhere") == 2
    assert "Unknown policy" in capsys.readouterr().err
    bad = tmp_path / "bad.toml"
    bad.write_text('[profile]\nname = "x"\ntitle = "x"\nlayout = "legacy"\n[thresholds]\nfoo = 1\n', encoding="utf-8")
    assert run_review(seed_path, policy=str(bad)) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "thresholds.foo" in err
    assert run_review(tmp_path / "missing.txt") == 2
    assert "文件不存在" in capsys.readouterr().err


def test_review_imports_no_model_client_or_web_framework():
    """The end-to-end time is measured in bench/cli_startup.py, not asserted here."""
    code = ("import sys;"
            "from assistant.cli import app;"
            "from typer.testing import CliRunner;"
            "r = CliRunner().invoke(app, ['review', '--format', 'json']);"
            "assert r.exit_code == 0, r.output;"
            "bad = [m for m in ('gradio', 'openai', 'instructor', 'httpx2') if m in sys.modules];"
            "assert not bad, bad")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_progress_is_silent_for_fast_runs(seed_path, capsys):
    run_review(seed_path, fmt="json")
    assert "审核中" not in capsys.readouterr().err


def test_progress_bar_appears_after_a_second(monkeypatch):
    from assistant import cli_progress
    from assistant.service import Step

    ticks = iter([0.0, 2.0, 2.5, 3.0])
    monkeypatch.setattr(cli_progress.time, "monotonic", lambda: next(ticks))
    bar = cli_progress.RichProgress()
    bar(Step("rules", 1, 3))
    assert bar.bar is not None
    bar(Step("rules", 2, 3))
    bar.close()
