"""A loopback OpenAI-compatible endpoint for the wheel stage: ``python .ci/scripted_endpoint.py`` prints its
base URL and serves until killed. Built on tests/llm/scripted_server.py; answers by the requested tool:
a complete indicator set for suggest, a measurable option keeping the indicator's subject for rewrite,
no findings for critique."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parents[1] / "tests"
sys.path[:0] = [str(TESTS / "llm"), str(TESTS / "tasks")]

from scripted_server import ScriptedServer  # noqa: E402
from task_helpers import critique_ids, rewrite_rows, tool_name  # noqa: E402


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


def script(payload: dict[str, Any], n: int) -> dict[str, Any]:
    from assistant.review.rewrite import subject_of

    kind = tool_name(payload)
    if kind == "SuggestAnswer":
        return SUGGEST
    if kind == "RewriteBatchAnswer":
        return {"items": [{"id": row["编号"], "options": [
            {"name": f"{subject_of(row['名称'])}任务完成率", "value": "≥【待填】%", "unit": "%", "category": "产出指标",
             "subcategory": "质量指标", "value_basis": "计划标准", "reason": "按年度计划核定", "needs_baseline": False}]}
            for row in rewrite_rows(payload)]}
    if kind == "RewriteAnswer":
        row = rewrite_rows(payload)[0]
        return {"options": [{"name": f"{subject_of(row['名称'])}任务完成率", "value": "≥【待填】%", "unit": "%",
                             "value_basis": "计划标准", "reason": "按年度计划核定", "needs_baseline": False}]}
    return {"projects": [{"id": pid, "findings": []} for pid, _ in critique_ids(payload)], "findings": []}


if __name__ == "__main__":
    server = ScriptedServer(script).start()
    print(server.url, flush=True)
    server.thread.join()
