"""Markdown report: self-contained, every piece of table text escaped (HTML and Markdown specials).
Findings are tables whose last column (规则编号) is the only place a rule code appears."""

from __future__ import annotations

import html
import re

from assistant.model import Finding, Table
from assistant.parse.load import paused_gc
from assistant.report.cells import for_terminal
from assistant.report.common import (
    CODE_HEAD,
    DIMENSIONS,
    basis_text,
    counts_text,
    grade_text,
    layout_label,
    notes_of,
    position_zh,
    projects_in_order,
    severity_zh,
    sorted_findings,
    summaries_by_name,
    title_of,
)
from assistant.report.index import FindingIndex
from assistant.review.result import ReviewReport

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")
_FINDING_HEAD = ("级别", "问题类型", "位置", "指标", "指标值", "问题", "修改建议与改写", "依据", CODE_HEAD)


def esc(text: object) -> str:
    """Text safe in Markdown and in the HTML a Markdown viewer makes: no tags, no markup, one line."""
    s = _MD_SPECIAL.sub(r"\\\1", "" if text is None else for_terminal(str(text)))
    s = html.escape(s, quote=False)
    return re.sub(r"\s*\n\s*", " ", s)


def _row(f: Finding) -> str:
    advice = [f"修改：{esc(f.fix)}"] if f.fix else []
    advice += [f"改写：{esc(r)}" for r in f.rewrites]
    cells = [f"**{severity_zh(f.severity)}**", esc(title_of(f)), position_zh(f), esc(f.indicator or ""),
             esc(f.value or ""), esc(f.message), "<br>".join(advice), esc(basis_text(f.basis)), f"`{f.code}`"]
    return "| " + " | ".join(cells) + " |"


@paused_gc()
def render(report: ReviewReport, table: Table) -> str:
    out = [f"# 审核报告：{esc(report.title or report.source or '')}", "",
           f"- 部门：{esc(report.department or '未注明')}",
           f"- 审核口径：{esc(report.profile_title)}；版式：{layout_label(report)}",
           f"- 项目 {len(table.projects)} 个，指标 {table.indicator_count()} 个；{counts_text(report.counts)}",
           "", "## 项目评级", "",
           "| 序号 | 项目名称 | 指标 | 评级 | " + " | ".join(DIMENSIONS) + " | 错误 | 警告 | 提示 |",
           "|---:|---|---:|:---:|" + "---:|" * len(DIMENSIONS) + "---:|---:|---:|"]
    summaries = summaries_by_name(report)
    index = FindingIndex(report)
    for n, (project, grade) in enumerate(projects_in_order(table, report), 1):
        s = summaries.get(project.name)
        c = s.counts if s else {}
        dims = [("—" if not grade or grade.dimensions.get(d) is None else str(grade.dimensions[d])) for d in DIMENSIONS]
        out.append(f"| {n} | {esc(project.name)} | {len(project.indicators())} | {grade_text(grade, s)} | "
                   + " | ".join(dims) + f" | {c.get('error', 0)} | {c.get('warning', 0)} | {c.get('info', 0)} |")
    notes = notes_of(report)
    if notes:
        out += ["", "## 未能核对的内容", ""] + [f"- {esc(p)}：{esc(n)}" for p, n in notes]
    out += ["", "## 各项目问题", ""]
    for n, (project, grade) in enumerate(projects_in_order(table, report), 1):
        out.append(f"### {n}. {esc(project.name)}")
        out.append("")
        s = summaries.get(project.name)
        if s is not None and s.needs_check:
            out += [f"评级：**{grade_text(grade, s)}**（解析结构不确定，未评级）。", ""]
        elif grade:
            out.append(f"评级：**{grade.grade}**。" + "；".join(esc(r) for r in grade.reasons))
            out.append("")
        found = sorted_findings(index.of(project.name))
        if not found:
            out += ["未发现问题。", ""]
            continue
        out += ["| " + " | ".join(_FINDING_HEAD) + " |", "|" + "---|" * len(_FINDING_HEAD)]
        for f in sorted_findings(index.project_level(project.name)) + [f for f in found if f.item is not None]:
            out.append(_row(f))
        out.append("")
    return "\n".join(out) + "\n"
