"""Streaming against a scripted server that sends server-sent events over real HTTP: rows reach the caller
as each is completed (before the answer has finished arriving), the text as written, and the final result is
the checked answer."""

from __future__ import annotations

import json
import time
from pathlib import Path

from scripted_server import Reply
from task_helpers import client

from assistant.llm.stream import ItemScanner
from assistant.tasks.models import ProjectDescription
from assistant.tasks.streaming import stream_suggest

DATA = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "model_expert"
CASE = next(c for c in json.loads((DATA / "suggest.json").read_text(encoding="utf-8")) if c["id"] == "s07-training")


def test_scanner_returns_each_item_when_its_object_closes():
    text = json.dumps({"indicators": [{"name": "a{", "v": [1, {"x": "}"}]}, {"name": "b"}]}, ensure_ascii=False)
    scanner, got = ItemScanner(), []
    for n in range(len(text)):
        for key, item in scanner.feed(text[n]):
            got.append((n, key, item["name"]))
    first_close = text.index(', {"name": "b"}') - 1
    assert text[first_close] == "}"
    assert [(k, name) for _, k, name in got] == [("indicators", "a{"), ("indicators", "b")]
    assert got[0][0] == first_close, "the first item is returned the moment its object closes"


def stream_events(server, mode: str):
    server.script = lambda payload, n: Reply(obj=CASE["answer"], chunk_delay=0.01)
    got = []
    for kind, value in stream_suggest(ProjectDescription(**CASE["description"]),
                                      endpoint=client(server, mode=mode, stream=True)):
        got.append((time.monotonic(), kind, value))
    return got


def test_rows_arrive_before_the_answer_is_complete_in_tools_mode(server):
    got = stream_events(server, "TOOLS")
    assert server.requests[0]["stream"] is True and len(server.requests) == 1
    rows = [(t, v) for t, k, v in got if k == "row"]
    done = [v for _, k, v in got if k == "done"][0]
    assert [r.name for _, r in rows] == [i["name"] for i in CASE["answer"]["indicators"]]
    assert rows[0][0] < server.sent_at[-1], "the first row came before the last piece was sent"
    assert "".join(v for _, k, v in got if k == "text") == json.dumps(CASE["answer"], ensure_ascii=False)
    assert done.backend == "model" and done.attempts == 1
    assert [i.name for i in done.indicators] == [r.name for _, r in rows]


def test_reply_text_streams_in_json_mode(server):
    got = stream_events(server, "JSON")
    texts = [v for _, k, v in got if k == "text"]
    assert len(texts) > 10 and [v for _, k, v in got if k == "done"][0].attempts == 1


def test_a_streamed_answer_that_fails_a_check_is_re_asked_without_streaming(server):
    bad = json.loads(json.dumps(CASE["answer"]))
    bad["indicators"][5]["value"] = "进一步提高"
    server.script = lambda payload, n: Reply(obj=bad) if n == 0 else CASE["answer"]
    events = list(stream_suggest(ProjectDescription(**CASE["description"]),
                                 endpoint=client(server, stream=True)))
    done = events[-1][1]
    assert len(server.requests) == 2 and "stream" not in server.requests[1]
    assert "含糊" in server.requests[1]["messages"][-1]["content"]
    assert done.attempts == 2 and done.indicators[5].value == CASE["answer"]["indicators"][5]["value"]
