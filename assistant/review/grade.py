"""Project grades on 88号's four review dimensions (完整性/相关性/适当性/可行性) and 优/良/中/差.

A dimension is scored (0–100) only when at least one enabled rule informs it, otherwise it is None.
Each finding deducts its severity weight from its rule's dimension, at most twice per code. The
overall score is the lowest scored dimension (a weak dimension is not averaged away), banded by the
policy; any error caps the grade at 中 (revise and resubmit), any warning at 良 (fixes agreed first).
"""

from __future__ import annotations

from collections import defaultdict

from assistant.model import SEVERITY_ZH, Finding, Grade
from assistant.review.policy import Policy
from assistant.review.registry import DIMENSIONS, Rule

_ORDER = ("优", "良", "中", "差")


def grade_project(name: str, findings: list[Finding], rules: dict[str, Rule], policy: Policy,
                  unjudged: frozenset[str] = frozenset()) -> Grade:
    """``unjudged`` names dimensions the rules could not judge on this project (no money stated)."""
    weights = {"error": policy.grade.error_weight, "warning": policy.grade.warning_weight,
               "info": policy.grade.info_weight}
    judged = {r.dimension for r in rules.values() if r.dimension} - set(unjudged)
    per_code: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        per_code[f.code].append(f)
    deductions: dict[str, float] = defaultdict(float)
    reasons: list[str] = []
    for code, items in per_code.items():
        rule = rules.get(code)
        if rule is None or rule.dimension is None:
            continue
        weight = weights[items[0].severity]
        cut = min(weight * len(items), 2 * weight)
        deductions[rule.dimension] += cut
        if cut:
            reasons.append(f"{rule.dimension}：{rule.title}（{SEVERITY_ZH[items[0].severity]}，{len(items)}处，扣{cut:g}分）")
    dims: dict[str, int | None] = {
        d: (max(0, round(100 - deductions[d])) if d in judged else None) for d in DIMENSIONS}
    for d in DIMENSIONS:
        if dims[d] is None:
            reasons.append(f"{d}：规则无法判断（需要资金测算、历史值等材料，留待人工或模型审核）")
    scored = [v for v in dims.values() if v is not None]
    score = min(scored) if scored else 100.0
    g = policy.grade
    grade = "优" if score >= g.excellent else "良" if score >= g.good else "中" if score >= g.fair else "差"
    severities = {f.severity for f in findings}
    cap = "中" if "error" in severities else "良" if "warning" in severities else "优"
    if _ORDER.index(cap) > _ORDER.index(grade):
        reasons.append(f"有{'错误' if cap == '中' else '警告'}级问题，评级最高为“{cap}”")
        grade = cap
    reasons.insert(0, f"规则得分{score:.0f}（已评维度中的最低分）")
    return Grade(project=name, dimensions=dims, grade=grade, reasons=reasons)
