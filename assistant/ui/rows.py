"""Conversion between the page's tables (lists of string rows) and the domain objects.

The draft grid has :data:`DRAFT_COLUMNS`; its rows become one :class:`Project` with one group, so a
finding's ``item`` is the 1-based row number. Cells are plain text: the grid shows them as text, and
text put into Markdown or chat goes through :func:`esc` first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from assistant.model import SEVERITY_ZH, Finding, Grade, Indicator, Project
from assistant.parse import parse_target
from assistant.ui.safe_text import md_text

DRAFT_COLUMNS = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "计量单位",
                 "指标值设定依据", "数据来源", "状态", "审核意见"]
FINDING_COLUMNS = ["严重程度", "问题类别", "项目", "位置", "指标", "指标值", "问题", "修改建议", "依据", "规则编号"]
GRADE_COLUMNS = ["项目", "评级", "各维度得分", "说明"]
PROPOSED = "建议值，待确认"
CONFIRMED = "已确认"
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def esc(text: object) -> str:
    """Text made safe for Markdown/HTML display: markup shows as characters and never runs."""
    return md_text(text)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:
        return ""
    return str(value).strip()


def normalize_rows(value: Any) -> list[list[str]]:
    """The grid's value (a pandas DataFrame, a dict with ``data`` or a list of lists) as padded string
    rows. Blank rows stay (the officer may just have added one), so indexes match the grid's."""
    if value is None:
        return []
    if hasattr(value, "values") and hasattr(value, "columns"):
        data = value.values.tolist()
    elif isinstance(value, dict):
        data = value.get("data") or []
    else:
        data = list(value)
    width = len(DRAFT_COLUMNS)
    rows = []
    for raw in data:
        row = [_cell(v) for v in list(raw)[:width]]
        row += [""] * (width - len(row))
        rows.append(row)
    return rows


def is_blank(row: Sequence[str]) -> bool:
    return not any(row[:8])


def split_value(value: str, comparator: str, unit: str) -> str:
    """The 指标值 cell of the columnar layout: the value without the comparator and unit it repeats."""
    if comparator and comparator != "定性" and value.startswith(comparator):
        value = value[len(comparator):]
    if unit and value.endswith(unit) and len(value) > len(unit):
        value = value[: -len(unit)]
    return value.strip()


def indicator_row(ind: Any, *, proposed: bool | None = None) -> list[str]:
    """A draft row from an :class:`Indicator` or a suggested indicator (``comparator``, ``value``, ``unit``,
    ``value_basis``, ``data_source``, ``proposed``)."""
    flag = getattr(ind, "proposed", False) if proposed is None else proposed
    comp, unit = _cell(getattr(ind, "comparator", "")), _cell(getattr(ind, "unit", ""))
    return [_cell(getattr(ind, "category", "")), _cell(getattr(ind, "subcategory", "")),
            _cell(getattr(ind, "name", "")), comp,
            split_value(_cell(getattr(ind, "value", "")), comp, unit), unit,
            _cell(getattr(ind, "value_basis", "")), _cell(getattr(ind, "data_source", "")),
            PROPOSED if flag else CONFIRMED, ""]


def row_indicator(row: Sequence[str], no: int) -> Indicator:
    """The :class:`Indicator` a draft row stands for; comparator and unit are read as separate columns."""
    cat, sub, name, comp, value, unit, basis, source = (row + [""] * 8)[:8]
    return Indicator(no=no, category=cat, subcategory=sub or None, name=name, value=value,
                     target=parse_target(value, comparator=comp or None, unit=unit or None),
                     comparator=comp or None, unit=unit or None, value_basis=basis or None,
                     data_source=source or None, category_raw=cat or None, subcategory_raw=sub or None)


def rows_project(rows: Sequence[Sequence[str]], name: str, goal: str = "",
                 amount: float | None = None) -> Project:
    filled = [list(row) for row in rows if not is_blank(row)]
    indicators = [row_indicator(row, i + 1) for i, row in enumerate(filled)]
    return Project(name=name or "未命名项目", goal=goal, amount=amount, groups=[indicators] if indicators else [])


BRIEF_CHARS = 48


def finding_text(f: Finding, *, code: bool = True) -> str:
    head = f"{f.code} " if code else ""
    text = f"【{SEVERITY_ZH.get(f.severity, f.severity)}】{head}{f.message.rstrip('。；; ')}"
    return text + (f"；建议：{f.fix}" if f.fix else "")


def finding_brief(f: Finding) -> str:
    """The grid cell's short form: severity and the start of the message; the full text is shown when the
    row is selected."""
    message = f.message.rstrip("。；; ")
    cut = message if len(message) <= BRIEF_CHARS else message[:BRIEF_CHARS].rstrip("，、；：（") + "…"
    return f"【{SEVERITY_ZH.get(f.severity, f.severity)}】{cut}"


def annotate(rows: list[list[str]], findings: Iterable[Finding]) -> tuple[list[list[str]], list[Finding]]:
    """Put each indicator finding into its row's 审核意见 cell (``item`` counts the non-blank rows, as
    :func:`rows_project` does); return the rows and the other findings."""
    filled = [i for i, row in enumerate(rows) if not is_blank(row)]
    notes: dict[int, list[str]] = {}
    rest: list[Finding] = []
    for f in sorted(findings, key=lambda f: SEVERITY_ORDER.get(f.severity, 3)):
        if f.item is not None and 1 <= f.item <= len(filled) and (f.group in (None, 1)):
            notes.setdefault(filled[f.item - 1], []).append(finding_brief(f))
        else:
            rest.append(f)
    out = []
    for i, row in enumerate(rows):
        new = list(row)
        new[9] = "" if is_blank(row) else ("\n".join(notes.get(i, [])) or "✓ 未发现问题")
        out.append(new)
    return out, rest


def shown_order(f: Finding) -> tuple[int, str, str]:
    """The page's order of findings: severity, then project, then rule."""
    return SEVERITY_ORDER.get(f.severity, 3), f.project or "", f.code


def finding_rows(findings: Iterable[Finding], *, ordered: bool = False) -> list[list[str]]:
    """The findings as the page shows them (in :func:`shown_order` unless ``ordered`` says they already
    are): the rule's Chinese title, the document citations, and the rule's code only in the last (id)
    column."""
    from assistant.report.common import basis_text
    from assistant.review import rule_title

    rows = []
    for f in findings if ordered else sorted(findings, key=shown_order):
        where = f"第{f.group}组第{f.item}条" if f.item is not None and f.group is not None else (
            f"第{f.item}条" if f.item is not None else "")
        rows.append([SEVERITY_ZH.get(f.severity, f.severity), rule_title(f.code), _cell(f.project), where,
                     _cell(f.indicator), _cell(f.value), f.message, _cell(f.fix), _cell(basis_text(f.basis)), f.code])
    return rows


def grade_rows(grades: Iterable[Grade]) -> list[list[str]]:
    rows = []
    for g in grades:
        dims = "，".join(f"{k} {'—' if v is None else v}" for k, v in g.dimensions.items())
        rows.append([g.project, g.grade, dims, "；".join(g.reasons)])
    return rows
