"""Plain-text rendering of task results for the terminal (Chinese, paste-friendly)."""

from __future__ import annotations

from assistant.model import SEVERITY_ZH, Finding
from assistant.review import rule_title
from assistant.tasks.models import RewriteResult, SuggestResult

BACKEND_ZH = {"rules": "规则后端（无模型）", "model": "模型"}


def _backend(backend: str, model: str | None) -> str:
    if backend == "rules" and model:
        return f"规则后端（模型 {model} 未给出合格答案）"
    return f"{BACKEND_ZH[backend]}{'：' + model if model else ''}"


def suggest_text(result: SuggestResult) -> str:
    d = result.description
    lines = [f"项目：{d.name}（推断类型：{result.project_type}；生成方式：{_backend(result.backend, result.model)}）"]
    if d.amount is not None:
        lines.append(f"年度预算：{d.amount:g}万元")
    lines.append("")
    lines.append("一级指标｜二级指标｜三级指标｜指标值｜取值依据｜数据来源｜说明")
    for i in result.indicators:
        mark = "（建议值，待确认）" if i.proposed and "【" not in i.value else ""
        lines.append(f"{i.category}｜{i.subcategory}｜{i.name}｜{i.value}{mark}｜{i.value_basis}｜{i.data_source}｜{i.reason}")
    if result.grounding:
        lines.append("")
        lines.append("参考的同类项目：")
        for n, g in enumerate(result.grounding, 1):
            where = f"（{g.department}）" if g.department else ""
            lines.append(f"  {n}. {g.name}{where}")
    if result.findings:
        lines.append("")
        lines.append("仍未通过的审核规则：")
        lines.extend(finding_line(f) for f in result.findings)
    for note in result.notes:
        lines.append(f"注：{note}")
    if result.usage:
        lines.append(usage_line(result.usage))
    return "\n".join(lines)


def rewrite_text(result: RewriteResult) -> str:
    head = f"原指标：{result.original_name or '（未写名称）'}｜{result.original_value}"
    lines = [head + (f"（项目：{result.project}）" if result.project else ""),
             f"生成方式：{_backend(result.backend, result.model)}", ""]
    if result.findings:
        lines.append("问题：")
        lines.extend(finding_line(f) for f in result.findings)
        lines.append("")
    if result.options:
        lines.append("可测的改写：")
    for n, o in enumerate(result.options, 1):
        flags = [x for x, on in (("建议值，待确认", o.proposed and "【" not in o.value),
                                 ("需提供基期值", o.needs_baseline)) if on]
        flag = f"［{'，'.join(flags)}］" if flags else ""
        basis = f"（依据：{o.value_basis}）" if o.value_basis else ""
        lines.append(f"  {n}. {o.name}：{o.value}{basis}{flag}")
        if o.reason:
            lines.append(f"     理由：{o.reason}")
    for note in result.notes:
        lines.append(f"注：{note}")
    if result.usage:
        lines.append(usage_line(result.usage))
    return "\n".join(lines)


def finding_line(f: Finding) -> str:
    where = f"“{f.indicator}”" if f.indicator else "项目"
    src = "［模型］" if f.source == "model" else ""
    return f"  - {SEVERITY_ZH.get(f.severity, f.severity)}{src}［{rule_title(f.code)}］{where}：{f.message}"


def usage_line(usage: dict) -> str:
    return (f"模型用量：调用 {usage.get('calls', 0)} 次，输入 {usage.get('prompt_tokens', 0)} tokens，"
            f"输出 {usage.get('completion_tokens', 0)} tokens，费用 {usage.get('cost', 0.0):.4f}")
