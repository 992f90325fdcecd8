"""The CLI and the page run the same service: for the same table and options (a non-default policy, the
rules alone and then a scripted model on 127.0.0.1) they send the model the same requests and write the
same findings and grades."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from gradio_client import Client, handle_file
from ui_server import Server, start

sys.path[:0] = [str(Path(__file__).resolve().parents[1] / "llm"), str(Path(__file__).resolve().parents[1] / "tasks")]

from scripted_server import ScriptedServer  # noqa: E402
from task_helpers import critique_ids, rewrite_rows, tool_name  # noqa: E402

from assistant.review.rewrite import subject_of  # noqa: E402

POLICY = "central"


def _script(payload: dict, n: int) -> dict:
    if tool_name(payload) == "CritiqueBatchAnswer":
        found = [{"code": "unit_mismatch", "group": 1, "item": 4, "severity": "warning",
                  "message": "培训批次应以“期”计", "fix": "单位改为 期"}]
        return {"projects": [{"id": pid, "findings": found if name == "工业和信息化培训经费" else []}
                             for pid, name in critique_ids(payload)]}
    return {"items": [{"id": row["编号"], "options": [
        {"name": f"{subject_of(row['名称'])}任务完成率", "value": "≥【待填】%", "unit": "%", "category": "产出指标",
         "subcategory": "质量指标", "value_basis": "计划标准", "reason": "按年度计划核定", "needs_baseline": False}]}
        for row in rewrite_rows(payload)]}


@pytest.fixture(scope="module")
def scripted() -> Iterator[ScriptedServer]:
    with ScriptedServer(_script) as srv:
        yield srv


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory, scripted: ScriptedServer) -> Path:
    home = tmp_path_factory.mktemp("same")
    (home / "endpoints.toml").write_text(
        f'[profiles.scripted]\nbase_url = "{scripted.url}"\nmodel = "scripted-model"\nmode = "TOOLS"\n'
        "timeout = 5.0\ntransport_retries = 0\nmax_retries = 1\nconcurrency = 2\n", encoding="utf-8")
    return home


def _env(home: Path) -> dict[str, str]:
    return {"JIXIAO_CONFIG": str(home / "endpoints.toml"), "JIXIAO_CACHE": "off"}


@pytest.fixture(scope="module")
def page(home: Path) -> Iterator[Server]:
    srv = start(home / "page", env=_env(home))
    yield srv
    srv.stop()


def _cli(home: Path, *args: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_")}
    env |= {"JIXIAO_HOME": str(home / "cli")} | _env(home)
    done = subprocess.run([sys.executable, "-m", "assistant.cli", "review", *args, "--format", "json"], env=env,
                          capture_output=True, text=True, timeout=240, cwd=home)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _page(page: Server, seed: Path, use_model: bool, endpoint: str) -> dict:
    client = Client(page.url, verbose=False, download_files=str(page.home / "downloads"))
    outputs = client.predict(handle_file(str(seed)), "", POLICY, use_model, endpoint, api_name="/review")
    summary = outputs[0]
    assert "审核完成" in summary and "失败" not in summary, summary
    json_report = client.predict(api_name="/report_json")
    path = json_report["value"] if isinstance(json_report, dict) else json_report
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _requests(scripted: ScriptedServer, since: int) -> list[str]:
    return sorted(json.dumps(p["messages"], ensure_ascii=False, sort_keys=True) for p in scripted.requests[since:])


def test_rules_review_is_the_same_from_the_cli_and_the_page(home: Path, page: Server, seed: Path) -> None:
    cli = _cli(home, str(seed), "--policy", POLICY)
    shown = _page(page, seed, False, "规则引擎（不调用模型）")
    assert cli["profile"] == shown["profile"] == POLICY
    assert cli["findings"] and cli["findings"] == shown["findings"]
    assert cli["grades"] == shown["grades"]


def test_model_review_is_the_same_from_the_cli_and_the_page(home: Path, page: Server, scripted: ScriptedServer,
                                                           seed: Path) -> None:
    before = len(scripted.requests)
    cli = _cli(home, str(seed), "--policy", POLICY, "--llm", "--endpoint", "scripted")
    sent_by_cli, before = _requests(scripted, before), len(scripted.requests)
    shown = _page(page, seed, True, "scripted")
    assert sent_by_cli and _requests(scripted, before) == sent_by_cli
    model = [f for f in cli["findings"] if f["source"] == "model"]
    assert [(f["code"], f["project"], f["item"]) for f in model] == [("unit_mismatch", "工业和信息化培训经费", 4)]
    assert cli["findings"] == shown["findings"] and cli["rewrites"] == shown["rewrites"]
    assert cli["errors"] == shown["errors"] == []
