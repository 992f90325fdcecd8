"""Expert answers on the model path: every answer in ``datasets/model_expert`` (15 suggest sets, 30 rewrites
written from the rules of the field) served by a scripted OpenAI-compatible server on 127.0.0.1 must be
accepted on the first request and shown intact. ``jixiao eval --gate`` fails below 100%."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

EVALS = Path(__file__).resolve().parent
DATA = EVALS / "datasets" / "model_expert"
INDEPENDENT = EVALS / "datasets" / "expert_answers"
"""The independently written set (same shapes, ``{"answers": {id: {"request", "answer"}}}``), when present."""


def _load(name: str) -> list[dict[str, Any]]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _independent(name: str) -> dict[str, Any]:
    path = INDEPENDENT / name
    return json.loads(path.read_text(encoding="utf-8"))["answers"] if path.exists() else {}


def load_suggest() -> list[dict[str, Any]]:
    """Every suggest case as ``{id, description, answer}``: this issue's set, then the independent one."""
    from assistant.tasks.models import ProjectDescription

    out = [{"id": c["id"], "description": c["description"], "answer": c["answer"]} for c in _load("suggest.json")]
    for key, entry in _independent("suggest.json").items():
        desc = {k: v for k, v in entry["request"].items() if k in ProjectDescription.model_fields}
        out.append({"id": key, "description": desc, "answer": entry["answer"]})
    return out


def load_rewrite() -> list[dict[str, Any]]:
    """Every rewrite case as ``{id, indicator, project, answer}``: this issue's set, then the independent one."""
    out = [{k: c[k] for k in ("id", "indicator", "project", "answer")} for c in _load("rewrite.json")]
    for key, entry in _independent("rewrite.json").items():
        out.append({"id": key, "indicator": entry["request"]["row"], "project": entry["request"]["project"],
                    "answer": entry["answer"]})
    return out


def _suggest_ok(case: dict[str, Any], result: Any, requests: int) -> bool:
    want = [(i["category"], i["subcategory"], i["name"], i["value"]) for i in case["answer"]["indicators"]]
    got = [(i.category, i.subcategory, i.name, i.value) for i in result.indicators]
    return requests == 1 and result.backend == "model" and result.attempts == 1 and got == want


def _rewrite_ok(case: dict[str, Any], result: Any, requests: int) -> bool:
    want = [(o["name"], o["value"]) for o in case["answer"]["options"]]
    got = [(o.name, o.value) for o in result.options]
    return requests == 1 and result.backend == "model" and result.attempts == 1 and got == want


def run() -> dict[str, Any]:
    """Accepted-first-time shares and the ids that were not."""
    sys.path.insert(0, str(EVALS.parent / "tests" / "llm"))
    from scripted_server import ScriptedServer

    import assistant.llm as llm
    from assistant.llm import Client, Endpoint
    from assistant.model import Project
    from assistant.tasks import checks
    from assistant.tasks.models import ProjectDescription
    from assistant.tasks.rewrite import rewrite
    from assistant.tasks.suggest import suggest

    allow, home = llm.ALLOW_MODEL_REQUESTS, os.environ.get("JIXIAO_HOME")
    llm.ALLOW_MODEL_REQUESTS = "loopback"
    failed: list[str] = []
    counts = {"suggest": [0, 0], "rewrite": [0, 0]}
    try:
        with tempfile.TemporaryDirectory(prefix="jixiao-expert-") as tmp, ScriptedServer() as srv:
            os.environ["JIXIAO_HOME"] = tmp
            endpoint = Endpoint(name="expert", base_url=srv.url, model="scripted-expert", mode="TOOLS", timeout=10,
                              max_retries=2, transport_retries=0)
            for case in load_suggest():
                srv.script, before = (lambda payload, n, a=case["answer"]: a), len(srv.requests)
                result = suggest(ProjectDescription(**case["description"]), endpoint=Client(endpoint, cache=False))
                ok = _suggest_ok(case, result, len(srv.requests) - before)
                counts["suggest"][0] += ok
                counts["suggest"][1] += 1
                failed += [] if ok else [case["id"]]
            for case in load_rewrite():
                srv.script, before = (lambda payload, n, a=case["answer"]: a), len(srv.requests)
                row = case["indicator"]
                ind = checks.to_indicator(row["category"], row.get("subcategory"), row["name"], row["value"])
                project = Project(name=case["project"]["name"], goal=case["project"]["goal"],
                                  amount=case["project"].get("amount"), groups=[[ind]])
                result = rewrite(ind, project=project, endpoint=Client(endpoint, cache=False))
                ok = _rewrite_ok(case, result, len(srv.requests) - before)
                counts["rewrite"][0] += ok
                counts["rewrite"][1] += 1
                failed += [] if ok else [case["id"]]
    finally:
        llm.ALLOW_MODEL_REQUESTS = allow
        if home is None:
            os.environ.pop("JIXIAO_HOME", None)
        else:
            os.environ["JIXIAO_HOME"] = home
    return {task: {"accepted": a, "total": n, "share": a / n if n else 0.0} for task, (a, n) in counts.items()} | {
        "failed": failed}


def gate(result: dict[str, Any]) -> list[str]:
    """Problems for ``--gate``: any expert answer not accepted first time."""
    return [f"专家答案首次通过率 {task} {result[task]['accepted']}/{result[task]['total']}（要求 100%）："
            f"{'、'.join(result['failed'])}" for task in ("suggest", "rewrite") if result[task]["share"] < 1.0]
