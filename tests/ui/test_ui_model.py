"""The page on the model path, against the scripted OpenAI-compatible server on 127.0.0.1: the draft
says which model answered and what it cost; a model-backed review shows progress and stops on 停止."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from gradio_client import Client, handle_file
from ui_server import Server, start

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "llm"))

from scripted_server import Reply, ScriptedServer  # noqa: E402

DESCRIPTION = ("项目名称：2024年中小企业经营管理人员培训\n金额：80万元\n绩效目标：开展中小企业经营管理人员培训，提升经营管理能力\n"
               "实施内容：举办专题研修班\n受益对象：中小企业经营管理人员")


def _row(cat: str, sub: str, name: str, comp: str, value: str, unit: str, basis: str, source: str) -> dict:
    return {"category": cat, "subcategory": sub, "name": name, "comparator": comp, "value": value, "unit": unit,
            "value_basis": basis, "data_source": source, "reason": ""}


SUGGESTION = {"indicators": [
    _row("产出指标", "数量指标", "专题研修班期数", "≥", "≥【待填】期", "期", "计划标准", "工作台账"),
    _row("产出指标", "数量指标", "参训人次", "≥", "≥500人次", "人次", "历史标准", "签到表"),
    _row("产出指标", "质量指标", "结业考核合格率", "≥", "≥【待填】%", "%", "计划标准", "考核记录"),
    _row("产出指标", "时效指标", "培训按期完成率", "≥", "≥【待填】%", "%", "计划标准", "工作台账"),
    _row("产出指标", "成本指标", "项目总成本", "≤", "≤80万元", "万元", "预算支出标准", "财务决算"),
    _row("效益指标", "社会效益指标", "参训人员技能测评合格率", "≥", "≥【待填】%", "%", "历史标准", "测评记录"),
    _row("满意度指标", "服务对象满意度指标", "参训人员满意度", "≥", "≥90%", "%", "历史标准", "问卷调查"),
]}


def _tool(payload: dict) -> str:
    tools = payload.get("tools") or []
    return tools[0]["function"]["name"] if tools else ""


def _script(payload: dict, n: int) -> object:
    if "Suggest" in _tool(payload):
        return SUGGESTION
    return Reply(delay=0.4, obj={"findings": []})


@pytest.fixture(scope="module")
def scripted() -> Iterator[ScriptedServer]:
    with ScriptedServer(_script) as srv:
        yield srv


@pytest.fixture(scope="module")
def model_server(scripted: ScriptedServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    home = tmp_path_factory.mktemp("ui-model")
    config = home / "endpoints.toml"
    config.write_text(
        f'[profiles.scripted]\nbase_url = "{scripted.url}"\nmodel = "scripted-model"\nmode = "TOOLS"\n'
        "timeout = 5.0\ntransport_retries = 0\nmax_retries = 0\nconcurrency = 1\n"
        "price_input_per_1k = 0.002\nprice_output_per_1k = 0.008\n", encoding="utf-8")
    srv = start(home, env={"JIXIAO_CONFIG": str(config), "JIXIAO_CACHE": str(home / "cache.sqlite3")})
    yield srv
    srv.stop()


def test_draft_names_the_model_its_tokens_and_cost(model_server: Server) -> None:
    client = Client(model_server.url, verbose=False)
    chat, _, grid, *_ = client.predict(DESCRIPTION, "scripted", api_name="/chat")
    last = chat[-1]["content"]
    text = last if isinstance(last, str) else "".join(p.get("text", "") for p in last)
    assert "scripted-model" in text and "tokens" in text and "费用 0.0000" not in text
    rows = {r[2]: r for r in grid["data"]}
    assert rows["参训人次"][4] == "500" and rows["参训人次"][8] == "建议值，待确认"
    assert "scripted-model" in client.predict(api_name="/usage_totals")


def test_model_review_reports_progress_and_stops(model_server: Server, scripted: ScriptedServer, seed: Path) -> None:
    client = Client(model_server.url, verbose=False)
    before = len(scripted.requests)
    job = client.submit(handle_file(str(seed)), "", "guangzhou", True, "scripted", api_name="/review")
    deadline = time.monotonic() + 30
    while len(scripted.requests) - before < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "正在停止" in client.predict(api_name="/stop_review")
    summary, *_rest, status = job.result(timeout=60)
    assert "模型审核已停止" in summary and "审核完成" in summary
    assert len(scripted.requests) - before < 19


def test_probe_reports_the_modes(model_server: Server) -> None:
    text = Client(model_server.url, verbose=False).predict("scripted", api_name="/probe")
    assert "TOOLS" in text and ("推荐的结构化输出方式" in text or "没有一种" in text)
