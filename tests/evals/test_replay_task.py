"""The real task path (task → instructor → openai → llm transport → HTTP) recorded, then replayed offline."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from evals import runner

OPTION = {"options": [{"name": "超高清视频和新型显示产业规上企业数", "value": "≥【待填】家", "unit": "家",
                       "reason": "以规上企业数衡量产业发展质量"}]}


def _completion(payload):
    text = json.dumps(OPTION, ensure_ascii=False)
    message = {"role": "assistant", "content": None}
    if payload.get("tools"):
        message["tool_calls"] = [{"id": "c1", "type": "function",
                                  "function": {"name": payload["tools"][0]["function"]["name"], "arguments": text}}]
    else:
        message["content"] = text
    return {"id": "x", "object": "chat.completion", "created": 0, "model": payload.get("model"),
            "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120}}


@pytest.fixture
def stub():
    count = {"n": 0}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            count["n"] += 1
            data = json.dumps(_completion(payload), ensure_ascii=False).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd, count
    httpd.shutdown()
    httpd.server_close()


def test_rewrite_recorded_then_replayed_offline(stub, tmp_path, monkeypatch):
    from assistant.model import Indicator, Project
    from assistant.parse import parse_target
    from assistant.tasks.rewrite import rewrite

    httpd, count = stub
    config = tmp_path / "endpoints.toml"
    config.write_text(f'[profiles.stub]\nbase_url = "http://127.0.0.1:{httpd.server_address[1]}/v1"\n'
                      'model = "stub-model"\nmode = "TOOLS"\ntimeout = 10.0\n', encoding="utf-8")
    monkeypatch.setenv("JIXIAO_CONFIG", str(config))
    monkeypatch.setattr(runner, "RECORDINGS", tmp_path / "recordings")
    ind = Indicator(category="效益指标", name="超高清视频和新型显示产业发展质量", value="进一步提高",
                    target=parse_target("进一步提高"))
    project = Project(name="支持显示产业项目", groups=[[ind]])

    with runner.model_env("stub", "record") as server:
        recorded = rewrite(ind, project=project, endpoint="stub")
    assert server.recorded >= 1 and count["n"] == server.recorded
    assert (tmp_path / "recordings" / "stub" / "manifest.json").exists()

    httpd.shutdown()
    with runner.model_env("stub", "replay") as server:
        replayed = rewrite(ind, project=project, endpoint="stub")
        assert server.misses == 0 and server.hits == count["n"]
    assert [o.model_dump() for o in replayed.options] == [o.model_dump() for o in recorded.options]
    assert replayed.backend == "model" and replayed.options[0].name.startswith("超高清")
