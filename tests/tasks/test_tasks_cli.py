"""`jixiao suggest`, `jixiao rewrite` and `jixiao review --llm` end to end, as subprocesses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from task_helpers import critique_ids, rewrite_rows, tool_name

from assistant.review.rewrite import subject_of

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "assistant" / "data" / "gz-gongxinju-2023.txt"


def schema(name: str) -> dict:
    return json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))


def jixiao(tmp_path: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_")}
    base |= {"JIXIAO_HOME": str(tmp_path / "home"), "JIXIAO_CONFIG": str(tmp_path / "endpoints.toml"),
             "JIXIAO_CACHE": str(tmp_path / "cache.sqlite3"), "COLUMNS": "200"} | (env or {})
    return subprocess.run([sys.executable, "-m", "assistant.cli", *args], env=base, capture_output=True,
                          text=True, timeout=240, cwd=tmp_path)


def test_suggest_rules_backend_text_and_json(tmp_path):
    done = jixiao(tmp_path, "suggest", "--name", "企业经营管理人员培训", "--goal", "举办研修班", "--amount", "80",
                  "--beneficiaries", "企业管理人员")
    assert done.returncode == 0, done.stderr
    assert "规则后端" in done.stdout and "【待填】" in done.stdout and "≤" in done.stdout
    assert "主要实施内容" in done.stdout
    done = jixiao(tmp_path, "suggest", "--name", "企业经营管理人员培训", "--goal", "举办研修班", "--json")
    data = json.loads(done.stdout)
    jsonschema.validate(data, schema("suggest-result"))
    assert data["backend"] == "rules" and data["indicators"] and data["grounding"]


def test_rewrite_with_project_and_table(tmp_path):
    done = jixiao(tmp_path, "rewrite", "超高清视频和新型显示产业链，年度指标值：进一步完善",
                  "--project", "第8.5代OLED", "--table", str(SEED), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    jsonschema.validate(data, schema("rewrite-result"))
    assert data["project"] == "支持发展第8.5代OLED显示器件生产项目" and data["options"]
    assert all("【待填】" in o["value"] for o in data["options"])
    assert not (tmp_path / "home" / "references.sqlite3").exists(), "a table read for rewriting never joins the library"


def test_usage_errors_exit_2(tmp_path):
    assert jixiao(tmp_path, "rewrite", "x", "--project", "p").returncode == 2
    done = jixiao(tmp_path, "suggest", "--name", "培训", "--endpoint", "no-such-endpoint")
    assert done.returncode == 2 and "未知" in done.stderr
    done = jixiao(tmp_path, "review", str(SEED), "--llm")
    assert done.returncode == 2 and "模型端点" in done.stderr


def _script(payload: dict, n: int) -> dict:
    if tool_name(payload) == "CritiqueBatchAnswer":
        out = []
        for pid, name in critique_ids(payload):
            found = [{"code": "unit_mismatch", "group": 1, "item": 4, "severity": "warning",
                      "message": "培训批次应以“期”计", "fix": "单位改为 期"}] if name == "工业和信息化培训经费" else []
            out.append({"id": pid, "findings": found})
        return {"projects": out}
    items = []
    for row in rewrite_rows(payload):
        name = subject_of(row["名称"])
        items.append({"id": row["编号"], "options": [
            {"name": f"{name}任务完成率", "value": "≥【待填】%", "unit": "%", "category": "产出指标",
             "subcategory": "质量指标", "value_basis": "计划标准", "reason": "按年度计划核定",
             "needs_baseline": False}]})
    return {"items": items}


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_review_llm_runs_critique_and_rewrites_on_the_scripted_server(server, tmp_path, seed_table, fmt):
    from assistant.review import review_table

    server.script = _script
    env = {"JIXIAO_BASE_URL": server.url, "JIXIAO_MODEL": "scripted-model", "JIXIAO_MODE": "TOOLS"}
    done = jixiao(tmp_path, "review", str(SEED), "--llm", "--format", fmt, env=env)
    assert done.returncode == 0, done.stderr
    vague = [f for f in review_table(seed_table).findings if f.code in ("vague_target", "vague_name")]
    kinds = [tool_name(p) for p in server.requests]
    assert kinds.count("CritiqueBatchAnswer") == -(-len(seed_table.projects) // 5)
    assert 1 <= kinds.count("RewriteBatchAnswer") <= 3 and len(kinds) <= 8
    assert "费用" in done.stderr and "scripted-model" in done.stderr
    if fmt == "text":
        assert "（模型改写）" in done.stdout and "［模型 env:scripted-model］" in done.stdout
        return
    data = json.loads(done.stdout)
    jsonschema.validate(data, schema("llm-review"))
    model = [f for f in data["findings"] if f["source"] == "model"]
    assert [(f["code"], f["project"], f["item"]) for f in model] == [("unit_mismatch", "工业和信息化培训经费", 4)]
    assert len(data["rewrites"]) == len(vague) and data["errors"] == []
    assert all(o["proposed"] for r in data["rewrites"] for o in r["options"])
    marked = [f for f in data["findings"] if f["code"] == "vague_target"]
    assert all(f["rewrites"][0].endswith("（模型改写）") for f in marked)


def test_review_llm_exits_1_when_every_model_call_fails(server, tmp_path):
    from scripted_server import Reply

    server.script = lambda payload, n: Reply(status=400)
    env = {"JIXIAO_BASE_URL": server.url, "JIXIAO_MODEL": "scripted-model", "JIXIAO_MODE": "TOOLS"}
    done = jixiao(tmp_path, "review", str(SEED), "--llm", "--format", "json", env=env)
    assert done.returncode == 1 and "模型调用全部失败" in done.stderr
    data = json.loads(done.stdout)
    assert data["errors"] and all(f["source"] == "rules" for f in data["findings"])


def test_review_llm_killed_mid_batch_resumes_from_its_checkpoint(server, tmp_path, seed_table):
    """SIGKILL while calls hang on the server; the re-run (answer cache off) asks only for what was not answered:
    every call is answered exactly once over both runs and the report is complete."""
    import signal
    import time

    from assistant.review import review_table
    from assistant.tasks.grounding import library_or_default
    from assistant.tasks.llm_review import plan

    server.script = _script
    server.hang_after = 2
    checkpoint = tmp_path / "review.ckpt.jsonl"
    env = {"JIXIAO_BASE_URL": server.url, "JIXIAO_MODEL": "scripted-model", "JIXIAO_MODE": "TOOLS",
           "JIXIAO_CACHE": "off"}
    base = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_")}
    base |= {"JIXIAO_HOME": str(tmp_path / "home"), "JIXIAO_CONFIG": str(tmp_path / "endpoints.toml")} | env
    args = [sys.executable, "-m", "assistant.cli", "review", str(SEED), "--llm", "--format", "json",
            "--checkpoint", str(checkpoint)]
    child = subprocess.Popen(args, env=base, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        lines = checkpoint.read_text(encoding="utf-8").splitlines() if checkpoint.exists() else []
        answered = sum(server.answered.values())
        if answered >= 2 and len(lines) == answered and len(server.requests) > answered:
            break
        time.sleep(0.05)
    else:
        child.kill()
        raise AssertionError(f"the run did not reach the kill point: {child.communicate()}")
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    first = dict(server.answered)
    assert 2 <= sum(first.values()) == len(checkpoint.read_text(encoding="utf-8").splitlines())

    server.hang_after = None
    done = subprocess.run(args, env=base, cwd=tmp_path, capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    report = review_table(seed_table)
    ids = {item.id for item, _ in (lambda p: p.critiques + p.rewrites)(plan(seed_table, report,
                                                                            library_or_default(None)))}
    assert set(server.answered) == ids and all(n == 1 for n in server.answered.values()), server.answered
    data = json.loads(done.stdout)
    vague = [f for f in report.findings if f.code in ("vague_target", "vague_name") and f.item is not None]
    assert data["errors"] == [] and len(data["rewrites"]) == len(vague)


def test_review_llm_batch_write_then_batch_read_gives_the_live_report(server, tmp_path, seed_table):
    """--batch-write writes OpenAI Batch JSONL without calling; the results file read back with --batch-read gives
    the same findings and rewrites as the live run."""
    from scripted_server import completion

    server.script = _script
    env = {"JIXIAO_BASE_URL": server.url, "JIXIAO_MODEL": "scripted-model", "JIXIAO_MODE": "TOOLS",
           "JIXIAO_CACHE": "off"}
    requests = tmp_path / "requests.jsonl"
    done = jixiao(tmp_path, "review", str(SEED), "--llm", "--format", "json", "--batch-write", str(requests), env=env)
    assert done.returncode == 0, done.stderr
    assert server.requests == []
    lines = [json.loads(x) for x in requests.read_text(encoding="utf-8").splitlines()]
    results = tmp_path / "results.jsonl"
    results.write_text("".join(json.dumps({"custom_id": x["custom_id"], "error": None, "response": {
        "status_code": 200, "body": completion(x["body"], _script(x["body"], 0))}}, ensure_ascii=False) + "\n"
        for x in lines), encoding="utf-8")
    offline = jixiao(tmp_path, "review", str(SEED), "--llm", "--format", "json", "--batch-read", str(results), env=env)
    assert offline.returncode == 0, offline.stderr
    live = jixiao(tmp_path, "review", str(SEED), "--llm", "--format", "json", env=env)
    assert live.returncode == 0, live.stderr
    a, b = json.loads(offline.stdout), json.loads(live.stdout)
    assert [(f["code"], f["project"], f["item"]) for f in a["findings"]] == \
        [(f["code"], f["project"], f["item"]) for f in b["findings"]]
    assert [[o["name"] for o in r["options"]] for r in a["rewrites"]] == \
        [[o["name"] for o in r["options"]] for r in b["rewrites"]]
    assert a["rewrites"] and a["errors"] == []


def test_parse_llm_adds_only_rows_found_in_the_text(server, tmp_path):
    """``jixiao parse --llm`` on prose the rules cannot structure: the model's rows whose name and value
    occur in the text are kept and marked; an invented number is refused and shown as a warning."""
    prose = tmp_path / "说明.txt"
    prose.write_text("关于2025年全民健身工程的说明\n今年计划新建社区健身路径 36 处，器材安装验收合格率达到 100%。\n",
                     encoding="utf-8")
    server.script = lambda payload, n: {"rows": [
        {"category": "产出指标", "subcategory": "数量指标", "name": "新建社区健身路径", "value": "36 处"},
        {"category": "产出指标", "subcategory": "质量指标", "name": "器材安装验收合格率", "value": "100%"},
        {"category": "产出指标", "subcategory": "数量指标", "name": "新建社区健身路径", "value": "40处"}]}
    env = {"JIXIAO_BASE_URL": server.url, "JIXIAO_MODEL": "scripted-model", "JIXIAO_MODE": "TOOLS",
           "JIXIAO_CACHE": "off"}
    done = jixiao(tmp_path, "parse", str(prose), "--llm", "--json", env=env)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    inds = [i for p in data["projects"] for g in p["groups"] for i in g]
    assert [(i["name"], i["value"], i["extracted_by"]) for i in inds] == [
        ("新建社区健身路径", "36 处", "model"), ("器材安装验收合格率", "100%", "model")]
    assert any(w["kind"] == "model_rejected" and "40处" in w["text"] for w in data["warnings"])
    no_endpoint = jixiao(tmp_path, "parse", str(prose), "--llm")
    assert no_endpoint.returncode == 2 and "需要模型端点" in no_endpoint.stderr


def test_rewrite_text_names_rules_by_their_chinese_titles(tmp_path):
    done = jixiao(tmp_path, "rewrite", "群众安全感：稳步提升")
    assert done.returncode == 0, done.stderr
    assert "指标值为含糊的定性表述" in done.stdout
    assert "vague_target" not in done.stdout and "vague_name" not in done.stdout
