"""The batch report: an html page with the charts, and an xlsx with a summary sheet, the projects, every
finding with its decision, and the charts. Every user-facing label is Chinese."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from html import escape
from pathlib import Path

from assistant.model import SEVERITY_ZH
from assistant.office import charts
from assistant.office.batch import BatchResult
from assistant.office.diff import ProjectDiff
from assistant.office.keys import finding_key, rules_version
from assistant.office.stats import GRADES, MISSING, Stats, statistics
from assistant.office.store import Decision
from assistant.report.cells import for_xlsx
from assistant.report.common import basis_text
from assistant.review import rule_title

SUMMARY_HEAD = ("部门", "表数", "项目数", "指标数", *GRADES, "含糊指标占比", *(f"缺{k}项目占比" for k in MISSING),
                "定量指标占比", "错误", "警告")
PROJECT_HEAD = ("部门", "文件", "项目名称", "指标数", "评级", "错误", "警告", "提示", "已处理意见")
FINDING_HEAD = ("部门", "文件", "项目名称", "三级指标", "指标值", "级别", "问题", "说明", "修改建议", "依据",
                "处理意见", "审核人意见", "规则编号")
Decisions = dict[str, dict[str, Decision]]
"""department → finding key → decision."""


def policy_title(name: str) -> str:
    """The review policy's Chinese title (its name only when the policy cannot be loaded)."""
    from assistant.review.policy import PolicyError, load_policy

    try:
        return load_policy(name).meta.title
    except (PolicyError, OSError, ValueError):
        return name


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.1f}%"


def summary_rows(per: list[Stats], overall: Stats) -> list[list[object]]:
    rows = []
    for s in [*per, overall]:
        rows.append([s.department, s.tables, s.projects, s.indicators, *(s.grades[g] for g in GRADES),
                     _pct(s.vague_share), *(_pct(s.missing_share(k)) for k in MISSING),
                     _pct(s.quantitative_share), s.errors, s.warnings])
    return rows


def project_rows(result: BatchResult, decisions: Decisions | None = None) -> list[list[object]]:
    rows: list[list[object]] = []
    for item in result.reviewed:
        assert item.table is not None and item.report is not None
        grades = {g.project: g.grade for g in item.report.grades}
        dec = (decisions or {}).get(item.department, {})
        for p in item.table.projects:
            found = item.report.findings_for(p.name)
            done = sum(1 for f in found if finding_key(f) in dec)
            rows.append([item.department, item.name, p.name, len(p.indicators()), grades.get(p.name, "—"),
                         *(sum(f.severity == s for f in found) for s in ("error", "warning", "info")), done])
    return rows


def finding_rows(result: BatchResult, decisions: Decisions | None = None) -> list[list[object]]:
    rows: list[list[object]] = []
    for item in result.reviewed:
        assert item.report is not None
        dec = (decisions or {}).get(item.department, {})
        for f in item.report.findings:
            d = dec.get(finding_key(f))
            rows.append([item.department, item.name, f.project or "", f.indicator or "（项目整体）", f.value or "",
                         SEVERITY_ZH[f.severity], rule_title(f.code), f.message, f.fix or "", basis_text(f.basis),
                         d.decision if d else "", d.comment if d else "", f.code])
    return rows


def _table(head: tuple[str, ...], rows: Sequence[Sequence[object]], cls: str = "") -> str:
    th = "".join(f"<th>{escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in r) + "</tr>" for r in rows)
    return f'<table class="{cls}"><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>'


def render_html(result: BatchResult, decisions: Decisions | None = None) -> str:
    """A self-contained html page (no script, no outside address)."""
    per, overall = statistics(result)
    figs = "".join(f'<figure><figcaption>{escape(t)}</figcaption>{charts.svg(f)}</figure>'
                   for t, f in charts.all_figures(per, overall))
    failed = [[i.name, i.department, i.error or ""] for i in result.failed]
    skipped = [[n, why] for n, why in result.skipped]
    parts = [
        "<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><title>批量审核汇总</title>",
        "<style>body{font-family:system-ui,'WenQuanYi Micro Hei',sans-serif;margin:2em}"
        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:4px 8px;"
        "vertical-align:top}th{background:#eef}figure{display:inline-block;margin:1em}svg{max-width:100%;height:auto}"
        "</style></head><body>",
        "<h1>批量审核汇总</h1>",
        f"<p>审核口径：{escape(policy_title(result.policy))}；规则版本：{escape(rules_version())}；"
        f"生成时间：{datetime.now().strftime('%Y-%m-%d %H:%M')}；表格 {len(result.reviewed)} 份"
        f"{f'，未能读取 {len(failed)} 份' if failed else ''}{'，已中途停止' if result.stopped else ''}。</p>",
        "<h2>按部门汇总</h2>", _table(SUMMARY_HEAD, summary_rows(per, overall), "summary"),
        f"<h2>图表</h2><div class='charts'>{figs}</div>",
        "<h2>项目</h2>", _table(PROJECT_HEAD, project_rows(result, decisions), "projects"),
    ]
    if failed:
        parts += ["<h2>未能读取的文件</h2>", _table(("文件", "部门", "原因"), failed)]
    if skipped:
        parts += ["<h2>跳过的文件</h2>", _table(("文件", "原因"), skipped)]
    parts.append("</body></html>")
    return "".join(parts)


def write_html(result: BatchResult, path: str | Path, decisions: Decisions | None = None) -> Path:
    from assistant.atomic import write_text

    return write_text(Path(path), render_html(result, decisions))


def write_xlsx(result: BatchResult, path: str | Path, decisions: Decisions | None = None) -> Path:
    """汇总 (per department and overall), 项目, 问题 (with decisions) and 图表 sheets."""
    from openpyxl import Workbook
    from openpyxl.drawing.image import Image
    from openpyxl.styles import Font

    per, overall = statistics(result)
    wb = Workbook()
    sheets = [("汇总", SUMMARY_HEAD, summary_rows(per, overall)), ("项目", PROJECT_HEAD, project_rows(result, decisions)),
              ("问题", FINDING_HEAD, finding_rows(result, decisions))]
    for n, (title, head, rows) in enumerate(sheets):
        ws = wb.active if n == 0 else wb.create_sheet()
        assert ws is not None
        ws.title = title
        ws.append(list(head))
        for c in ws[1]:
            c.font = Font(bold=True)
        for i, r in enumerate(rows, 2):
            for j, value in enumerate(r, 1):
                cell = ws.cell(row=i, column=j, value=for_xlsx(value) if isinstance(value, str) else value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"
        ws.freeze_panes = "A2"
    summary = wb["汇总"]
    summary.append([])
    summary.append([f"审核口径：{policy_title(result.policy)}；规则版本：{rules_version()}；"
                    f"未能读取 {len(result.failed)} 份；跳过 {len(result.skipped)} 个文件"])
    ws = wb.create_sheet("图表")
    row = 1
    for title, fig in charts.all_figures(per, overall):
        ws.cell(row=row, column=1, value=title)
        img = Image(io.BytesIO(charts.png(fig)))
        ws.add_image(img, f"A{row + 1}")
        row += int(img.height / 20) + 3
    from assistant.atomic import atomic_path

    out = Path(path)
    with atomic_path(out) as tmp:
        wb.save(str(tmp))
    return out


DIFF_HEAD = ("项目名称", "状态", "三级指标", "问题", "原指标值", "新指标值", "说明", "处理意见", "审核人意见", "规则编号")


def diff_rows(diffs: list[ProjectDiff], decisions: dict[str, Decision] | None = None) -> list[list[object]]:
    """One row per finding of :func:`assistant.office.diff.diff_reports`, with its carried decision."""
    rows: list[list[object]] = []
    for d in diffs:
        for e in d.entries:
            f = e.finding
            dec = (decisions or {}).get(e.key)
            rows.append([d.project, e.status, f.indicator or "（项目整体）", rule_title(e.code),
                         e.old.value or "" if e.old else "", e.new.value or "" if e.new else "",
                         f.message, dec.decision if dec else "", dec.comment if dec else "", e.code])
    return rows


def write_diff_xlsx(diffs: list[ProjectDiff], path: str | Path, decisions: dict[str, Decision] | None = None) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from assistant.office.diff import totals

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "对比"
    ws.append(list(DIFF_HEAD))
    for c in ws[1]:
        c.font = Font(bold=True)
    for r in diff_rows(diffs, decisions):
        ws.append([for_xlsx(c) if isinstance(c, str) else c for c in r])
    ws.freeze_panes = "A2"
    s = wb.create_sheet("汇总")
    s.append(["状态", "问题数"])
    for status, n in totals(diffs).items():
        s.append([status, n])
    from assistant.atomic import atomic_path

    out = Path(path)
    with atomic_path(out) as tmp:
        wb.save(str(tmp))
    return out
