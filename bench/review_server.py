"""``python bench/review_server.py LATENCY``: a scripted endpoint on 127.0.0.1 that answers the batched
``review --llm`` requests correctly (every project and every row it is asked about) after LATENCY seconds;
prints its base URL and serves until killed."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "llm"))

from scripted_server import Reply, ScriptedServer  # noqa: E402

_BLOCK = re.compile(r'<数据 名称="([^"]+)">\n(.*?)\n</数据>', re.S)


def answer(payload: dict[str, Any]) -> dict[str, Any]:
    user = [m for m in payload["messages"] if m["role"] == "user"][0]["content"]
    blocks = {m.group(1): json.loads(m.group(2)) for m in _BLOCK.finditer(user)}
    tool = (payload.get("tools") or [{}])[0].get("function", {}).get("name")
    if tool == "CritiqueBatchAnswer":
        return {"projects": [{"id": p["编号"], "findings": []} for p in blocks["待审项目"]]}
    rows = blocks["待改写指标"]
    if rows and "待改写指标" in rows[0]:
        rows = [r for g in rows for r in g["待改写指标"]]
    return {"items": [{"id": r["编号"], "options": [
        {"name": "年度计划任务完成率", "value": "≥【待填】%", "unit": "%", "category": "产出指标",
         "subcategory": "数量指标", "value_basis": "计划标准", "reason": "按年度计划核定",
         "subject_change": "原对象是过程，改为任务完成率"}]} for r in rows]}


def main() -> None:
    latency = float(sys.argv[1])
    server = ScriptedServer(lambda payload, n: Reply(obj=answer(payload), delay=latency))
    server.start()
    print(server.url, flush=True)
    server.thread.join()


if __name__ == "__main__":
    main()
