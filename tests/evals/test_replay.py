import json
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from evals.replay import RecordReplayServer, request_key, scrub

ANSWER = {"id": "x", "object": "chat.completion", "model": "m", "api_key": "sk-leak",
          "choices": [{"index": 0, "message": {"role": "assistant", "content": "{}"}, "finish_reason": "stop"}],
          "usage": {"prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4}}


@pytest.fixture
def upstream():
    seen: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_POST(self):
            seen.append(dict(self.headers))
            self.rfile.read(int(self.headers["Content-Length"]))
            data = json.dumps(ANSWER).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/v1", seen
    httpd.shutdown()
    httpd.server_close()


def _post(url, body, key="sk-secret"):
    req = urllib.request.Request(url + "/chat/completions", data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.status, json.loads(resp.read())


BODY = {"model": "m", "messages": [{"role": "user", "content": "你好"}]}


def test_record_then_replay_without_secrets(tmp_path, upstream):
    url, seen = upstream
    with RecordReplayServer(tmp_path, "record", upstream=url) as rec:
        status, answer = _post(rec.url, BODY)
    assert status == 200 and answer["api_key"] == "sk-leak"
    assert seen[0]["Authorization"] == "Bearer sk-secret"
    stored = (tmp_path / f"{request_key(BODY)[:24]}.json").read_text(encoding="utf-8")
    assert "sk-secret" not in stored and "sk-leak" not in stored and "Authorization" not in stored
    with RecordReplayServer(tmp_path, "replay") as rep:
        status, answer = _post(rep.url, BODY, key="other")
        assert rep.hits == 1 and rep.misses == 0
    assert status == 200 and answer["choices"][0]["message"]["content"] == "{}"
    assert len(seen) == 1


def test_replay_miss_is_a_404_not_a_network_call(tmp_path):
    with RecordReplayServer(tmp_path, "replay") as rep:
        with pytest.raises(urllib.error.HTTPError) as err:
            _post(rep.url, {**BODY, "model": "other"})
        assert err.value.code == 404 and rep.misses == 1


def test_scrub_removes_secret_keys_at_any_depth():
    assert scrub({"a": [{"api_key": 1, "b": 2}], "Authorization": "x"}) == {"a": [{"b": 2}]}
