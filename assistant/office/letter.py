"""The 审核意见 letter an office sends back: a .docx per project or per department.

Problems are the review's errors and warnings (and any finding the reviewer confirmed), each with its
basis and the requested change; findings marked 不是问题 are left out; findings marked 待定 are listed
apart as matters still to verify. Date and signature lines are left blank for the office to fill.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from assistant.model import Finding
from assistant.office.keys import finding_key
from assistant.office.store import Decision
from assistant.report.common import basis_text
from assistant.review import rule_title
from assistant.review.result import ReviewReport

OPINION = {
    "优": "绩效目标明确、指标细化量化，同意按程序进入下一预算环节。",
    "良": "绩效目标总体合理，请按上述意见修改完善后报送，经财务部门确认后进入下一预算环节。",
    "中": "绩效目标和指标存在较多问题，请按上述意见修改后重新报送审核。",
    "差": "绩效目标和指标不符合要求，暂不进入下一预算环节，请按上述意见重新编制后报送。",
}
NUMERALS = "一二三四五六七八九十"


def _problem_text(f: Finding) -> str:
    where = f"指标“{f.indicator}”（指标值：{f.value or '空'}）" if f.level == "indicator" else "项目整体"
    parts = [f"{where}：{rule_title(f.code)}。{f.message}"]
    if basis_text(f.basis):
        parts.append(f"依据：{basis_text(f.basis)}。")
    if f.fix:
        parts.append(f"修改要求：{f.fix}")
    if f.rewrites:
        parts.append("参考写法：" + "；".join(f.rewrites))
    return "".join(p if p.endswith(("。", "；", "）")) else p + "。" for p in parts)


Pair = tuple[Finding, Decision | None]


def _split(findings: list[Finding], decisions: dict[str, Decision]) -> tuple[list[Pair], list[Pair]]:
    problems: list[Pair] = []
    pending: list[Pair] = []
    for f in findings:
        d = decisions.get(finding_key(f))
        if d is not None and d.decision == "不是问题":
            continue
        if d is not None and d.decision == "待定":
            pending.append((f, d))
        elif f.severity in ("error", "warning") or (d is not None and d.decision == "确认"):
            problems.append((f, d))
    return problems, pending


def _project_section(doc: DocxDocument, report: ReviewReport, project: str, decisions: dict[str, Decision],
                     heading: str | None) -> None:
    if heading:
        doc.add_heading(heading, level=2)
    problems, pending = _split(report.findings_for(project), decisions)
    grade = next((g for g in report.grades if g.project == project), None)
    doc.add_paragraph("一、存在的问题及修改要求")
    if not problems:
        doc.add_paragraph("未发现需要修改的问题。")
    for n, (f, d) in enumerate(problems, 1):
        text = f"{n}. {_problem_text(f)}"
        if d is not None and d.comment:
            text += f"（审核人意见：{d.comment}）"
        doc.add_paragraph(text)
    section = 2
    if pending:
        doc.add_paragraph(f"{NUMERALS[section - 1]}、需进一步核实的事项")
        for n, (f, d) in enumerate(pending, 1):
            doc.add_paragraph(f"{n}. {_problem_text(f)}" + (f"（{d.comment}）" if d and d.comment else ""))
        section += 1
    doc.add_paragraph(f"{NUMERALS[section - 1]}、总体意见")
    if grade is not None:
        doc.add_paragraph(f"审核等级：{grade.grade}。{OPINION[grade.grade]}")
    else:
        doc.add_paragraph("请按上述意见修改完善后报送。")


def write_letter(reports: list[ReviewReport], path: str | Path, *, decisions: dict[str, Decision] | None = None,
                 project: str | None = None, recipient: str | None = None, office: str = "") -> Path:
    """Write the letter for one ``project`` (found in ``reports``), or for every project of ``reports``
    (a department's letter) when ``project`` is None."""
    decisions = decisions or {}
    pairs = [(r, p.name) for r in reports for p in r.projects if project is None or p.name == project]
    if not pairs:
        raise ValueError(f"没有找到项目“{project}” / project not found: {project}")
    doc = Document()
    style = doc.styles["Normal"]
    style.font.size = Pt(12)
    dept = recipient or next((r.department for r in reports if r.department), None) or "报送单位"
    title = (f"关于《{pairs[0][1]}》绩效目标的审核意见" if project is not None
             else f"关于{dept}项目支出绩效目标的审核意见")
    head = doc.add_heading(title, level=1)
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(f"{dept}：")
    names = "、".join(f"《{name}》" for _, name in pairs)
    doc.add_paragraph(f"你单位报送的{names}项目支出绩效目标表已收悉。依据《中央部门预算绩效目标管理办法》"
                      f"（财预〔2015〕88号）、《项目支出绩效评价管理办法》（财预〔2020〕10号）和"
                      f"《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》（财预〔2021〕101号）等规定，"
                      f"经审核，现将意见反馈如下：")
    for report, name in pairs:
        _project_section(doc, report, name, decisions, None if project is not None else f"《{name}》")
    doc.add_paragraph("")
    doc.add_paragraph(f"审核单位（盖章）：{office or '＿＿＿＿＿＿＿＿'}")
    doc.add_paragraph("审核人（签字）：＿＿＿＿＿＿＿＿　　复核人（签字）：＿＿＿＿＿＿＿＿")
    doc.add_paragraph("日期：＿＿＿＿年＿＿月＿＿日")
    from assistant.atomic import atomic_path

    out = Path(path)
    with atomic_path(out) as tmp:
        doc.save(str(tmp))
    return out
