"""The service layer under the CLI and the page: options checked before any work, one error type that
names the place, one progress protocol, and the renamed options (--policy, probe --endpoint)."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import service
from assistant.commands import run_review
from assistant.service import Options, ServiceError, Step


def _endpoint_env(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("JIXIAO_BASE_URL", url)
    monkeypatch.setenv("JIXIAO_MODEL", "scripted-model")
    monkeypatch.setenv("JIXIAO_MODE", "TOOLS")


@pytest.mark.parametrize(("kwargs", "says"), [
    ({"fail_on": "bogus"}, "--fail-on"),
    ({"fmt": "pdf"}, "不支持的报告格式"),
    ({"fmt": "xlsx"}, "-o"),
    ({"policy": "nowhere"}, "审核口径"),
    ({"endpoint": "no-such-endpoint"}, "no-such-endpoint"),
])
def test_review_llm_checks_every_option_before_any_model_call(server, monkeypatch, capsys, seed_path, kwargs, says):
    _endpoint_env(monkeypatch, server.url)
    assert run_review(seed_path, use_model=True, **kwargs) == 2
    err = capsys.readouterr().err
    assert says in err and server.requests == []
    zh, en = err.strip().split("\n")[:2]
    assert any("\u4e00" <= c <= "\u9fff" for c in zh) and en.isascii()


def test_review_llm_fail_on_bogus_fails_at_once_from_the_command_line(tmp_path):
    done = subprocess.run([sys.executable, "-m", "assistant.cli", "review", "--llm", "--fail-on", "bogus"],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path,
                          env={"PATH": "/usr/bin:/bin", "JIXIAO_HOME": str(tmp_path),
                               "JIXIAO_BASE_URL": "http://127.0.0.1:9/v1", "JIXIAO_MODEL": "m"})
    assert done.returncode == 2 and "Invalid --fail-on 'bogus'" in done.stderr and "Traceback" not in done.stderr


def test_options_are_normalised_and_model_only_options_need_the_model(tmp_path):
    opts = Options(fmt="Markdown", fail_on="WARNING").checked()
    assert (opts.format, opts.threshold) == ("md", "warning")
    with pytest.raises(ServiceError, match="--llm"):
        Options(checkpoint=tmp_path / "c.jsonl").checked()
    with pytest.raises(ServiceError) as err:
        Options(use_model=True, batch_in=tmp_path / "missing.jsonl").checked()
    assert err.value.path == str(tmp_path / "missing.jsonl")


def test_model_review_without_an_endpoint_is_a_clear_error(monkeypatch):
    with pytest.raises(ServiceError) as err:
        Options(use_model=True).checked()
    assert "模型端点" in err.value.zh and "endpoint" in err.value.en and err.value.exit_code == 2


def test_errors_name_the_file(tmp_path):
    junk = tmp_path / "表.txt"
    junk.write_bytes(b"\x00\x01binary")
    with pytest.raises(ServiceError) as err:
        service.parse(junk)
    assert err.value.path and "表.txt" in err.value.path and str(junk) in str(err.value)
    with pytest.raises(ServiceError, match="文件不存在"):
        service.parse(tmp_path / "missing.txt")


def test_policy_replaces_profile_which_still_works(seed_path, capsys):
    assert run_review(seed_path, fmt="json", profile="central") == 0
    out = capsys.readouterr()
    assert '"profile": "central"' in out.out and "--policy" in out.err
    assert run_review(seed_path, fmt="json", policy="guangzhou", profile="central") == 2
    assert "--policy" in capsys.readouterr().err


def test_one_progress_protocol_for_rules_and_model(server, monkeypatch, seed_table):
    server.script = lambda payload, n: {"findings": []}
    _endpoint_env(monkeypatch, server.url)
    steps: list[Step] = []
    outcome = service.review(seed_table, Options(use_model=True), steps.append)
    rules = [s for s in steps if s.stage == "rules"]
    model = [s for s in steps if s.stage == "model"]
    assert [s.done for s in rules] == list(range(1, len(seed_table.projects) + 1))
    assert model and model[-1].done == model[-1].total == outcome.calls
    assert [s.done for s in model] == list(range(1, outcome.calls + 1))
    assert outcome.model is not None and outcome.readable() is not outcome.report


def _supports(name: str, parameter: str | None = None) -> bool:
    import assistant.tasks.llm_review as task

    fn = getattr(task, name, None)
    return fn is not None and (parameter is None or parameter in inspect.signature(fn).parameters)


def test_checkpoint_reaches_the_model_review_and_a_rerun_calls_nothing(server, monkeypatch, tmp_path):
    from test_review_helpers import filler, proj, table

    _endpoint_env(monkeypatch, server.url)
    monkeypatch.setenv("JIXIAO_CACHE", "off")
    server.script = lambda payload, n: {"findings": [], "projects": []}
    clean = table(proj("职业技能培训项目", filler(5), goal="开展培训。"), proj("农村实用人才培训项目", filler(5)))
    rules = service.review_rules(clean, Options())
    opts = Options(use_model=True, checkpoint=tmp_path / "review.ckpt.jsonl")
    if not _supports("llm_review", "checkpoint"):
        with pytest.raises(ServiceError, match="--checkpoint"):
            service.review_model(rules, opts)
        assert server.requests == []
        return
    first = service.review_model(rules, opts)
    sent = len(server.requests)
    again = service.review_model(rules, opts)
    assert sent and len(server.requests) == sent
    assert first.model is not None and again.model is not None and again.model.findings == first.model.findings


def test_batch_file_round_trip_through_the_command(server, monkeypatch, capsys, seed_path, tmp_path):
    _endpoint_env(monkeypatch, server.url)
    requests = tmp_path / "requests.jsonl"
    if not _supports("write_requests"):
        assert run_review(seed_path, use_model=True, batch_out=requests) == 2
        assert "--batch-out" in capsys.readouterr().err and server.requests == []
        return
    assert run_review(seed_path, use_model=True, batch_out=requests) == 0
    lines = [json.loads(line) for line in requests.read_text(encoding="utf-8").splitlines()]
    assert lines and server.requests == [] and all(line["url"] == "/v1/chat/completions" for line in lines)
    capsys.readouterr()
    results = tmp_path / "results.jsonl"
    results.write_text("".join(json.dumps({"custom_id": line["custom_id"], "error": {"message": "expired"}}) + "\n"
                               for line in lines), encoding="utf-8")
    report = tmp_path / "report.json"
    assert run_review(seed_path, use_model=True, batch_in=results, fmt="json", output=report) == 1
    data = json.loads(report.read_text(encoding="utf-8"))
    assert len(data["errors"]) == len(lines) and all(f["source"] == "rules" for f in data["findings"])
    assert server.requests == []


def test_probe_takes_endpoint_and_keeps_profile_as_an_alias():
    from typer.testing import CliRunner

    from assistant.cli import app

    helptext = CliRunner().invoke(app, ["probe", "--help"]).output
    assert "--endpoint" in helptext and "--profile" not in helptext


def test_user_paths_follow_jixiao_home(monkeypatch, tmp_path):
    from assistant import paths
    from assistant.llm.cache import default_path
    from assistant.llm.endpoints import config_path
    from assistant.ui.store import home

    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path))
    for var in ("JIXIAO_CACHE", "JIXIAO_CONFIG"):
        monkeypatch.delenv(var, raising=False)
    assert paths.data_dir() == home() == tmp_path
    assert config_path() == tmp_path / "config" / "endpoints.toml"
    assert default_path() == tmp_path / "cache" / "llm-cache.sqlite3"
    monkeypatch.delenv("JIXIAO_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert paths.data_dir() == tmp_path / "xdg" / "jixiao"


def test_schemas_are_written_where_told_and_checked_against_the_packaged_copy(tmp_path: Path):
    from assistant import schemas

    assert schemas.main(["--out", str(tmp_path)]) == 0
    for name, text in schemas.render().items():
        assert (tmp_path / name).read_text(encoding="utf-8") == text == (schemas.SCHEMA_DIR / name).read_text(
            encoding="utf-8")
    assert schemas.main(["--check"]) == 0
