"""HTML report: one self-contained page (inline CSS, no scripts); jinja2 autoescapes all table text."""

from __future__ import annotations

from jinja2 import Environment

from assistant.model import Table
from assistant.parse.load import paused_gc
from assistant.report.cells import for_terminal
from assistant.report.common import (
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

_TEMPLATE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>审核报告：{{ title }}</title>
<style>
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222;line-height:1.5}
table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #bbb;padding:4px 8px;vertical-align:top}
th{background:#f0f0f0}.error{background:#ffc7ce}.warning{background:#ffeb9c}.info{background:#ddebf7}
.sev{font-weight:bold;padding:0 4px;border-radius:3px}.code{color:#666;font-family:monospace}
.fix{color:#333}.rewrite{color:#1a6b2a}.basis{color:#777;font-size:90%}
.grade{font-weight:bold;font-size:110%}
</style></head><body>
<h1>审核报告：{{ title }}</h1>
<p>部门：{{ department }}；审核口径：{{ profile }}；版式：{{ layout }}；项目 {{ n_projects }} 个，指标 {{ n_indicators }} 个；{{ counts }}</p>
<h2>项目评级</h2>
<table><tr><th>序号</th><th>项目名称</th><th>指标</th><th>评级</th>{% for d in dims %}<th>{{ d }}</th>{% endfor %}<th>错误</th><th>警告</th><th>提示</th></tr>
{% for p in projects %}<tr><td>{{ p.n }}</td><td><a href="#p{{ p.n }}">{{ p.name }}</a></td><td>{{ p.indicators }}</td><td class="grade">{{ p.grade }}</td>{% for v in p.dims %}<td>{{ v }}</td>{% endfor %}<td>{{ p.counts.error }}</td><td>{{ p.counts.warning }}</td><td>{{ p.counts.info }}</td></tr>
{% endfor %}</table>
{% if notes %}<h2>未能核对的内容</h2><ul>{% for p, n in notes %}<li>{{ p }}：{{ n }}</li>{% endfor %}</ul>{% endif %}
<h2>各项目问题</h2>
{% for p in projects %}<h3 id="p{{ p.n }}">{{ p.n }}. {{ p.name }}</h3>
<p>评级：<span class="grade">{{ p.grade }}</span>。{{ p.reasons }}</p>
{% if not p.findings %}<p>未发现问题。</p>{% else %}<table><tr><th>级别</th><th>问题类型</th><th>位置</th><th>指标</th><th>指标值</th><th>问题</th><th>修改建议与改写</th><th>依据</th><th>规则编号</th></tr>
{% for f in p.findings %}<tr class="{{ f.severity }}"><td><span class="sev">{{ f.severity_zh }}</span></td><td>{{ f.title }}</td><td>{{ f.where }}</td><td>{{ f.indicator or "" }}</td><td>{{ f.value or "" }}</td>
<td>{{ f.message }}</td>
<td>{% if f.fix %}<div class="fix">修改：{{ f.fix }}</div>{% endif %}{% for r in f.rewrites %}<div class="rewrite">改写：{{ r }}</div>{% endfor %}</td><td class="basis">{{ f.basis_text }}</td><td class="code">{{ f.code }}</td></tr>
{% endfor %}</table>{% endif %}
{% endfor %}
</body></html>
"""


def _visible(value: object) -> object:
    return for_terminal(value) if isinstance(value, str) else value


@paused_gc()
def render(report: ReviewReport, table: Table) -> str:
    env = Environment(autoescape=True, trim_blocks=False, finalize=_visible)
    index = FindingIndex(report)
    summaries = summaries_by_name(report)
    projects = []
    for n, (project, grade) in enumerate(projects_in_order(table, report), 1):
        found = sorted_findings(index.project_level(project.name)) + [
            f for f in sorted_findings(index.of(project.name)) if f.item is not None]
        summary = summaries.get(project.name)
        counts = summary.counts if summary else {}
        needs_check = bool(summary and summary.needs_check)
        projects.append({
            "n": n, "name": project.name, "indicators": len(project.indicators()),
            "grade": grade_text(grade, summary),
            "dims": [("—" if not grade or grade.dimensions.get(d) is None else grade.dimensions[d]) for d in DIMENSIONS],
            "reasons": "解析结构不确定，未评级" if needs_check else ("；".join(grade.reasons) if grade else ""),
            "counts": {k: counts.get(k, 0) for k in ("error", "warning", "info")},
            "findings": [{**f.model_dump(), "severity_zh": severity_zh(f.severity), "where": position_zh(f),
                          "title": title_of(f), "basis_text": basis_text(f.basis)} for f in found],
        })
    return env.from_string(_TEMPLATE).render(
        title=report.title or report.source or "", department=report.department or "未注明",
        profile=report.profile_title, layout=layout_label(report), n_projects=len(table.projects),
        notes=notes_of(report),
        n_indicators=table.indicator_count(), counts=counts_text(report.counts), dims=DIMENSIONS,
        projects=projects)
