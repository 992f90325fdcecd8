"""A loopback OpenAI-compatible endpoint for the wheel stage: ``python .ci/scripted_endpoint.py`` prints its
base URL and serves until killed. Built on tests/llm/scripted_server.py; answers by the requested tool:
a complete indicator set for suggest, a measurable option keeping the indicator's subject for rewrite,
no findings for critique."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "llm"))

from scripted_server import ScriptedServer, critique_projects, rewrite_rows  # noqa: E402


def _row(cat: str, sub: str, name: str, cmp: str, value: str, unit: str | None, basis: str, source: str) -> dict:
    return {"category": cat, "subcategory": sub, "name": name, "comparator": cmp, "value": value, "unit": unit,
            "value_basis": basis, "data_source": source, "reason": "脚本端点"}


SUGGEST = {"indicators": [
    _row("产出指标", "数量指标", "专题研修班期数", "≥", "≥【待填】期", "期", "计划标准", "工作台账"),
    _row("产出指标", "质量指标", "结业考核合格率", "≥", "≥【待填】%", "%", "计划标准", "考核记录"),
    _row("产出指标", "时效指标", "培训按期完成率", "≥", "≥【待填】%", "%", "计划标准", "工作台账"),
    _row("产出指标", "成本指标", "项目总成本", "≤", "≤80万元", "万元", "预算支出标准", "财务决算"),
    _row("效益指标", "社会效益指标", "参训人员技能测评合格率", "≥", "≥【待填】%", "%", "历史标准", "测评记录"),
    _row("满意度指标", "服务对象满意度指标", "参训人员满意度", "≥", "≥90%", "%", "历史标准", "问卷调查"),
]}


def _tool(payload: dict[str, Any]) -> str | None:
    tools = payload.get("tools") or []
    return tools[0]["function"]["name"] if tools else None


def script(payload: dict[str, Any], n: int) -> dict[str, Any]:
    from assistant.review.rewrite import subject_of

    kind = _tool(payload)
    if kind == "SuggestAnswer":
        return SUGGEST
    if kind == "CritiqueBatchAnswer":
        return {"projects": [{"id": p["编号"], "findings": []} for p in critique_projects(payload)]}
    if kind == "RewriteBatchAnswer":
        return {"items": [{"id": r["编号"], "options": [
            {"name": f"{subject_of(r['名称'])}任务完成率", "value": "≥【待填】%", "unit": "%", "value_basis": "计划标准",
             "reason": "按年度计划核定", "needs_baseline": False}]} for r in rewrite_rows(payload)]}
    if kind == "RewriteAnswer":
        text = "\n".join(str(m.get("content") or "") for m in payload["messages"])
        found = re.search(r'"名称": "([^"]+)"', text.split("请改写这个指标")[-1])
        name = subject_of(found.group(1)) if found else "任务"
        return {"options": [{"name": f"{name}任务完成率", "value": "≥【待填】%", "unit": "%",
                             "value_basis": "计划标准", "reason": "按年度计划核定", "needs_baseline": False}]}
    return {"findings": []}


if __name__ == "__main__":
    server = ScriptedServer(script).start()
    print(server.url, flush=True)
    server.thread.join()
