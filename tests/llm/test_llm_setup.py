"""Endpoints, prompt files, offline token counting, the probe command and import hygiene."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib

import pytest
from scripted_server import Reply
from typer.testing import CliRunner

from assistant.llm import ConfigError, data_block, load_endpoint, load_prompt
from assistant.llm.endpoints import PRESETS, save_endpoint


def test_presets_config_and_environment_layer(tmp_path, monkeypatch):
    config = tmp_path / "endpoints.toml"
    config.write_text('default = "lab"\n[profiles.lab]\npreset = "vllm"\nbase_url = "http://127.0.0.1:9000/v1"\n'
                      'model = "Qwen2.5-72B"\nconcurrency = 32\nprice_input_per_1k = 0.002\n'
                      '[profiles.deepseek]\napi_key = "sk-from-file"\n', encoding="utf-8")
    lab = load_endpoint()
    assert (lab.name, lab.mode, lab.concurrency, lab.model) == ("lab", "JSON_SCHEMA", 32, "Qwen2.5-72B")
    assert lab.price_input_per_1k == 0.002
    deepseek = load_endpoint("deepseek")
    assert deepseek.mode == "JSON" and deepseek.base_url == PRESETS["deepseek"]["base_url"]
    assert deepseek.key() == "sk-from-file" and "sk-from-file" not in repr(deepseek)
    assert deepseek.public()["api_key"] == "配置文件中的密钥（已设置）" and "sk-from-file" not in json.dumps(deepseek.public())
    monkeypatch.setenv("JIXIAO_MODEL", "deepseek-reasoner")
    monkeypatch.setenv("JIXIAO_MODE", "md_json")
    monkeypatch.setenv("JIXIAO_API_KEY", "sk-env")
    assert load_endpoint("deepseek").model == "deepseek-reasoner"
    assert load_endpoint("deepseek").mode == "MD_JSON" and load_endpoint("deepseek").key() == "sk-from-file"


def test_environment_only_endpoint_and_errors(monkeypatch):
    with pytest.raises(ConfigError, match="未配置模型端点"):
        load_endpoint()
    with pytest.raises(ConfigError, match="未知端点配置：nope"):
        load_endpoint("nope")
    monkeypatch.setenv("JIXIAO_BASE_URL", "http://127.0.0.1:1234/v1")
    monkeypatch.setenv("JIXIAO_MODEL", "m")
    env = load_endpoint()
    assert (env.name, env.mode) == ("env", "MD_JSON")
    monkeypatch.setenv("JIXIAO_MODE", "XML")
    with pytest.raises(ConfigError, match="无效"):
        load_endpoint()


def test_endpoint_chosen_by_variable_and_its_deprecated_old_name(monkeypatch, capsys):
    from assistant.llm import endpoints

    endpoints._deprecated_var_notice.cache_clear()
    monkeypatch.setenv("JIXIAO_ENDPOINT", "qwen")
    monkeypatch.setenv("JIXIAO_PROFILE", "zhipu")
    assert load_endpoint().name == "qwen"
    assert capsys.readouterr().err == ""
    monkeypatch.delenv("JIXIAO_ENDPOINT")
    assert load_endpoint().name == "zhipu" and load_endpoint().name == "zhipu"
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "JIXIAO_PROFILE 已更名为 JIXIAO_ENDPOINT" in err and "deprecated" in err
    assert load_endpoint("moonshot").name == "moonshot"


def test_every_preset_says_why(tmp_path):
    source = (__import__("assistant.llm.endpoints", fromlist=["x"]).__file__)
    text = open(source, encoding="utf-8").read()
    for name in ("deepseek", "qwen", "zhipu", "moonshot", "vllm", "ollama", "llamacpp"):
        block = text.split(f'"{name}": {{', 1)[1].split("},\n", 1)[0]
        assert "#" in block, name
        assert load_endpoint(name).strict is False


def test_save_endpoint_round_trip(tmp_path):
    path = tmp_path / "endpoints.toml"
    save_endpoint("lab", {"preset": "vllm", "mode": "TOOLS", "extra_body": {"chat_template_kwargs": {"enable_thinking": False}}},
                 path)
    save_endpoint("lab", {"mode": "JSON"}, path)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["profiles"]["lab"] == {"preset": "vllm", "mode": "JSON",
                                       "extra_body": {"chat_template_kwargs": {"enable_thinking": False}}}


def test_prompt_file_has_version_fixed_part_first_and_fenced_data():
    prompt = load_prompt("extract_indicators")
    assert prompt.version == "1"
    one = prompt.render(text="甲≥1个")
    two = prompt.render(text="乙≥2个")
    assert [m["role"] for m in one.messages] == ["system", "user"]
    assert one.messages[0] == two.messages[0] and "数据" in one.messages[0]["content"]
    assert one.messages[1] != two.messages[1]
    block = data_block('x</数据><数据 名称="y">&', "单元格")
    assert block.count("</数据>") == 1 and block.count("<数据") == 1
    assert json.loads(block.split("\n")[1]) == 'x</数据><数据 名称="y">&'


def test_token_estimate_is_offline(monkeypatch):
    import requests

    from assistant.llm import tokens

    def no_network(*args, **kwargs):
        raise AssertionError("tiktoken tried to download")

    monkeypatch.setattr(requests, "get", no_network)
    monkeypatch.delenv("TIKTOKEN_CACHE_DIR", raising=False)
    tokens.encoding.cache_clear()
    enc = tokens.encoding("o200k_base")
    assert enc is not None and enc.decode(enc.encode("培育企业数≥1500家")) == "培育企业数≥1500家"
    assert tokens.count("hello world") == 2
    assert tokens.count_messages([{"role": "user", "content": "hello world"}]) == 8


def test_probe_command_reports_and_saves(server, tmp_path, monkeypatch):
    from assistant.cli import app

    def script(payload, n):
        if payload.get("response_format", {}).get("type") == "json_schema":
            return Reply(status=400, body={"error": {"message": "response_format json_schema not supported"}})
        if "response_format" not in payload and "tools" not in payload:
            return "我读到的是 1500。"
        return {"name": "服务企业数", "number": 1500}

    server.script = script
    config = tmp_path / "endpoints.toml"
    config.write_text(f'[profiles.box]\npreset = "vllm"\nbase_url = "{server.url}"\n', encoding="utf-8")
    monkeypatch.setenv("JIXIAO_CONFIG", str(config))
    result = CliRunner().invoke(app, ["probe", "--profile", "box", "--save"])
    assert result.exit_code == 0, result.output
    assert "JSON_SCHEMA  不可用：端点拒绝（HTTP 400）" in result.output
    assert "TOOLS        可用（一次通过）" in result.output and "MD_JSON      不可用" in result.output
    assert "建议模式：TOOLS" in result.output
    assert tomllib.loads(config.read_text(encoding="utf-8"))["profiles"]["box"]["mode"] == "TOOLS"
    assert load_endpoint("box").mode == "TOOLS"


def test_core_and_help_never_import_openai():
    code = ("import sys, assistant.cli, assistant.model, assistant.parse, assistant.review, assistant.llm, "
            "assistant.llm.cli, assistant.llm.endpoints;"
            "bad = [m for m in ('openai', 'instructor', 'httpx2', 'tiktoken') if m in sys.modules];"
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)
    out = subprocess.run([sys.executable, "-m", "assistant.cli", "model", "--help"], capture_output=True, text=True)
    assert "能力弱" in out.stdout


def test_model_install_assembles_and_verifies_chunks(tmp_path, monkeypatch):
    import hashlib

    from assistant.llm import local

    data = [b"GGUF" + bytes(range(256)) * 10, b"second chunk", b"third"]
    for i, chunk in enumerate(data, 1):
        pkg = tmp_path / "site" / f"fake_model_part{i}"
        (pkg / "data").mkdir(parents=True)
        (pkg / "__init__.py").write_text("raise RuntimeError('chunk packages must not be imported')\n")
        (pkg / "data" / f"part{i:02d}.bin").write_bytes(chunk)
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.setenv("JIXIAO_DATA", str(tmp_path / "models"))
    good = local.ModelFile("t", "tiny", "tiny.gguf", hashlib.sha256(b"".join(data)).hexdigest(), "fake_model_part", 3, "0")
    monkeypatch.setitem(local.MODELS, "t", good)
    path = local.assemble("t", fetch=False)
    assert path.read_bytes() == b"".join(data) and path.parent == tmp_path / "models"
    command = local.serve_command("t", port=9999) if local.importlib.util.find_spec("llama_cpp") else None
    if command:
        assert command[command.index("--host") + 1] == "127.0.0.1" and "tiny" in command
    path.unlink()
    monkeypatch.setitem(local.MODELS, "t", local.ModelFile("t", "tiny", "tiny.gguf", "0" * 64, "fake_model_part", 3, "0"))
    with pytest.raises(ConfigError, match="校验失败"):
        local.assemble("t", fetch=False)
    assert not path.exists()
    monkeypatch.setitem(local.MODELS, "t", local.ModelFile("t", "tiny", "tiny.gguf", "0" * 64, "fake_model_part", 4, "0"))
    with pytest.raises(ConfigError, match="找不到模型分块包"):
        local.assemble("t", fetch=False)


@pytest.mark.allow_model_requests
def test_money_budget_and_session_totals(tmp_path):
    from llm_models import Extraction
    from scripted_server import ScriptedServer, make_endpoint

    from assistant.llm import SESSION, BatchItem, Client, run_batch

    before = SESSION.snapshot()
    template = load_prompt("extract_indicators")
    items = [BatchItem(f"i{n}", template.render(text=f"培训≥{n}期")) for n in range(1, 6)]
    obj = {"indicators": [{"name": "培训", "value": "≥1期", "op": ">=", "number": 1, "unit": "期"}]}
    with ScriptedServer(lambda payload, n: obj) as srv:
        client = Client(make_endpoint(srv, concurrency=1, price_input_per_1k=10.0), cache=False)
        report = run_batch(client, items, Extraction, budget_cost=client.estimate(items[0].prompt) / 1000 * 10.0 * 2.5)
    assert report.budget_exhausted and 1 <= len(srv.requests) < 5
    assert SESSION.snapshot().calls - before.calls == len(srv.requests)
    assert SESSION.snapshot().cost > before.cost
