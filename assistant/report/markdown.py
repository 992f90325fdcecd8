"""Markdown report: self-contained, every piece of table text escaped (HTML and Markdown specials)."""

from __future__ import annotations

import html
import re

from assistant.model import Finding, Table
from assistant.parse.load import paused_gc
from assistant.report.cells import for_terminal
from assistant.report.common import (
    DIMENSIONS,
    LAYOUT_ZH,
    counts_text,
    position_zh,
    projects_in_order,
    severity_zh,
    sorted_findings,
)
from assistant.report.index import FindingIndex
from assistant.review.result import ReviewReport

_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")


def esc(text: object) -> str:
    """Text safe in Markdown and in the HTML a Markdown viewer makes: no tags, no markup, one line."""
    s = _MD_SPECIAL.sub(r"\\\1", "" if text is None else for_terminal(str(text)))
    s = html.escape(s, quote=False)
    return re.sub(r"\s*\n\s*", " ", s)


def _finding_lines(f: Finding) -> list[str]:
    where = position_zh(f)
    subject = f"“{esc(f.indicator)}”＝“{esc(f.value)}” " if f.indicator else ""
    lines = [f"- **{severity_zh(f.severity)}** {where} {subject}{esc(f.message)} `{f.code}`"]
    if f.fix:
        lines.append(f"  - 修改：{esc(f.fix)}")
    for r in f.rewrites:
        lines.append(f"  - 改写：{esc(r)}")
    if f.basis:
        lines.append(f"  - 依据：{esc(f.basis)}")
    return lines


@paused_gc()
def render(report: ReviewReport, table: Table) -> str:
    out = [f"# 审核报告：{esc(report.title or report.source or '')}", "",
           f"- 部门：{esc(report.department or '未注明')}",
           f"- 审核口径：{esc(report.profile_title)}；版式：{LAYOUT_ZH[report.layout]}",
           f"- 项目 {len(table.projects)} 个，指标 {table.indicator_count()} 个；{counts_text(report.counts)}",
           "", "## 项目评级", "",
           "| 序号 | 项目名称 | 指标 | 评级 | " + " | ".join(DIMENSIONS) + " | 错误 | 警告 | 提示 |",
           "|---:|---|---:|:---:|" + "---:|" * len(DIMENSIONS) + "---:|---:|---:|"]
    summaries = {s.name: s for s in report.projects}
    index = FindingIndex(report)
    for n, (project, grade) in enumerate(projects_in_order(table, report), 1):
        c = summaries[project.name].counts if project.name in summaries else {}
        dims = [("—" if not grade or grade.dimensions.get(d) is None else str(grade.dimensions[d])) for d in DIMENSIONS]
        out.append(f"| {n} | {esc(project.name)} | {len(project.indicators())} | {grade.grade if grade else '—'} | "
                   + " | ".join(dims) + f" | {c.get('error', 0)} | {c.get('warning', 0)} | {c.get('info', 0)} |")
    out += ["", "## 各项目问题", ""]
    for n, (project, grade) in enumerate(projects_in_order(table, report), 1):
        out.append(f"### {n}. {esc(project.name)}")
        out.append("")
        if grade:
            out.append(f"评级：**{grade.grade}**。" + "；".join(esc(r) for r in grade.reasons))
            out.append("")
        found = sorted_findings(index.of(project.name))
        if not found:
            out += ["未发现问题。", ""]
            continue
        for f in sorted_findings(index.project_level(project.name)) + [f for f in found if f.item is not None]:
            out += _finding_lines(f)
        out.append("")
    return "\n".join(out) + "\n"
