"""The money a project's header states, read from the parser's fields: the annual total, its split into
财政拨款 / 其他资金 (and 上年结转), the project total of a multi-year project, and the unit (元 or 万元).

Nothing here guesses: a figure that the table does not hold is None, and a label that appears twice with
different values (two header columns) makes that figure unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.model import Project

TO_YUAN = {"元": 1.0, "千元": 1e3, "万元": 1e4, "百万元": 1e6, "亿元": 1e8}
_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")
_UNIT_IN_LABEL = re.compile(r"[（(]\s*(元|万元|千元|亿元|百万元)\s*[）)]")
_FISCAL = re.compile(r"财政拨款|财政资金|本级财政|市财政|区财政|县财政|省财政")
_CARRY = re.compile(r"结转|结余")
_OTHER = re.compile(r"其他资金|自筹|单位资金|社会资金|其他来源")
_PROJECT_TOTAL = re.compile(r"项目(?:资金)?总额|项目总(?:投资|预算|金额)|总投资|实施期.*(?:资金|预算|总额)|"
                            r"中期.*(?:资金|预算|总额)|项目资金合计")
_PHASE = re.compile(r"[一二三四五六七八九\d]期|分期|阶段|本期")
_ANNUAL = re.compile(r"年度|当年|本年")


@dataclass
class Amounts:
    """Header money of one project, each in ``unit`` (None when the table does not state it)."""

    annual: float | None = None
    fiscal: float | None = None
    other: float | None = None
    carry: float | None = None
    total: float | None = None
    total_label: str | None = None
    unit: str | None = None
    labels: dict[str, float] = field(default_factory=dict)
    ambiguous: list[str] = field(default_factory=list)

    def yuan(self, value: float | None) -> float | None:
        """``value`` converted to 元, None when the unit is unknown."""
        if value is None or self.unit not in TO_YUAN:
            return None
        return value * TO_YUAN[self.unit]


def number(text: str | None) -> float | None:
    m = _NUMBER.search(text or "")
    return float(m.group(0).replace(",", "")) if m else None


def _base(label: str) -> str:
    return re.sub(r"（\d+）$", "", re.sub(r"^(?:其中)?[:：\s]*", "", label)).strip()


def _unit(project: Project) -> str | None:
    declared = (project.fields.get("资金单位") or "").strip()
    if declared in TO_YUAN:
        return declared
    for label in project.fields:
        m = _UNIT_IN_LABEL.search(label)
        if m:
            return m.group(1)
    m = re.search(r"(万元|亿元|千元|元)", project.amount_text or "")
    return m.group(1) if m else None


def _single(values: list[float]) -> float | None:
    distinct = {round(v, 6) for v in values}
    return values[0] if len(distinct) == 1 else None


def read_amounts(project: Project) -> Amounts:
    """The project's header money, in the header's own unit (the parser gives ``project.amount`` in 万元 and
    records a conversion in the ``金额换算`` field). A figure whose label repeats with different values is left unknown
    (and named in ``ambiguous``) rather than picked."""
    out = Amounts(annual=project.amount, unit=_unit(project))
    if project.amount is not None and "金额换算" in project.fields and out.unit in TO_YUAN:
        out.annual = project.amount * TO_YUAN["万元"] / TO_YUAN[out.unit]
    grouped: dict[str, list[float]] = {}
    for label, text in project.fields.items():
        value = number(text)
        if value is None or not re.search(r"资金|拨款|预算|投资|金额|总额|结转|自筹", label):
            continue
        if re.search(r"目标|单位$|表头|说明", label):
            continue
        grouped.setdefault(_base(label), []).append(value)
    for base, values in grouped.items():
        value = _single(values)
        if value is None:
            out.ambiguous.append(base)
            continue
        out.labels[base] = value
    totals = {k: v for k, v in out.labels.items() if _PROJECT_TOTAL.search(k) and not _PHASE.search(k)}
    if len(totals) == 1:
        out.total_label, out.total = next(iter(totals.items()))
    annual_fiscal = {k: v for k, v in out.labels.items() if _FISCAL.search(k) and "拨款" in k}
    any_fiscal = {k: v for k, v in out.labels.items()
                  if _FISCAL.search(k) and not _PROJECT_TOTAL.search(k) and not _CARRY.search(k)}
    fiscal = annual_fiscal or ({} if out.total is not None else any_fiscal)
    if len(fiscal) == 1:
        out.fiscal = next(iter(fiscal.values()))
    elif len(fiscal) > 1:
        annual_only = {k: v for k, v in fiscal.items() if _ANNUAL.search(k)}
        out.fiscal = next(iter(annual_only.values())) if len(annual_only) == 1 else None
    others = {k: v for k, v in out.labels.items() if _OTHER.search(k)}
    if len(others) == 1:
        out.other = next(iter(others.values()))
    elif any(_OTHER.search(a) for a in out.ambiguous):
        out.other = None
    carries = {k: v for k, v in out.labels.items() if _CARRY.search(k)}
    if len(carries) == 1:
        out.carry = next(iter(carries.values()))
    return out
