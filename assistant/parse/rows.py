"""Indicator rows: cells under an indicator header become :class:`Indicator` objects.

Positional grids map a cell to the header column at its index; text whose merged cells were lost is
aligned to the header by the shape of each token (:func:`align`). Empty 一级/二级 cells inherit the
label above; a 项目名称 (or 项目序号) column starts a new project when it changes; a 组号 column starts a
new group; a 中期 block beside the 年度 one is kept as ``medium_term`` warnings.
"""

from __future__ import annotations

import re

from assistant.model import Indicator
from assistant.parse.categories import (
    clean_label,
    is_category_label,
    is_subcategory_label,
    normalize_category,
    normalize_subcategory,
)
from assistant.parse.cells import Cell, Grid, join_lines, parse_number
from assistant.parse.header import Header
from assistant.parse.state import GridState
from assistant.parse.value import parse_target

_COMPARATOR_WORDS = re.compile(r"^(正向|反向|中性|=|＝|≥|≤|>|<|>=|<=|定性|定量|定量其他|不适用|等于|大于|小于|"
                               r"不低于|不高于|不少于|不超过|大于等于|小于等于)$")
_BOTH_LEVELS = ("成本指标", "满意度指标")
_NUMBER_ONLY = re.compile(r"^[-+]?\d[\d,]*(\.\d+)?$")
_TEMPLATE_NO = re.compile(r"^指标\s*\d+\s*[:：]\s*")


def comparator_op_text(text: str | None) -> str | None:
    """Of a comparator cell (``正向 =``), the token that decides the operator: a symbol before a direction."""
    if not text:
        return None
    tokens = text.split()
    for tok in tokens:
        if re.match(r"^(≥|≤|>|<|=|＝|>=|<=|不低于|不高于|不少于|不超过|大于|小于|等于|定性)", tok):
            return tok
    return tokens[0] if tokens else None


def categorize(l1: str, l2: str) -> tuple[str, str | None]:
    """(一级, 二级) from the table's labels; 产出指标/成本指标 of the legacy layout becomes 成本指标/经济成本指标."""
    category, implied = normalize_category(l1) if l1 else (None, None)
    sub, parent = normalize_subcategory(l2) if l2 else (implied, None)
    if parent == "成本指标" and category in (None, "产出指标"):
        category = parent
        if sub == "成本指标":
            sub = "经济成本指标"
    if category is None:
        category = parent or clean_label(l1) or ""
    return category, sub


def fit(role: str, text: str) -> float:
    """How well ``text`` looks like a value of a column with ``role`` (negative: it does not)."""
    t = text.strip()
    numeric = bool(_NUMBER_ONLY.match(t))
    if role == "l1":
        return 3 if is_category_label(t) else -6
    if role == "l2":
        return 3 if is_subcategory_label(t) else 1 if clean_label(t) in _BOTH_LEVELS else -6
    if role == "name":
        return -6 if is_category_label(t) or is_subcategory_label(t) else -2 if numeric else 1
    if role == "comparator":
        return 3 if _COMPARATOR_WORDS.match(t) else -6
    if role == "value":
        if is_category_label(t) or is_subcategory_label(t):
            return -4
        return 2 if re.search(r"\d|\*|【", t) else 0
    if role == "unit":
        return -3 if numeric or re.search(r"\d", t) else (1 if len(t) <= 8 else -2)
    if role in ("weight", "no", "pno", "group", "line"):
        return 2 if numeric else -4
    if role == "frame":
        return -5
    return -3 if numeric else 0


_SKIP = {"l1": -0.5, "l2": -0.5, "name": -8, "value": -3, "comparator": -1, "unit": -0.5, "weight": -1,
         "frame": 0, "remark": 0}


def align(tokens: list[str], roles: list[str]) -> tuple[list[int], bool]:
    """Assign tokens in order to columns (roles), skipping columns; return each token's column index and
    whether the choice was ambiguous (a different reading scored within 1 point)."""
    n, m = len(tokens), len(roles)
    memo: dict[tuple[int, int], list[tuple[float, tuple[int, ...]]]] = {}

    def best(i: int, j: int) -> list[tuple[float, tuple[int, ...]]]:
        if (i, j) in memo:
            return memo[(i, j)]
        if i == n:
            out = [(sum(_SKIP.get(r, -0.2) for r in roles[j:]), ())]
        elif j == m:
            out = [(-10.0 * (n - i), tuple([-1] * (n - i)))]
        else:
            options: list[tuple[float, tuple[int, ...]]] = []
            for score, rest in best(i, j + 1)[:2]:
                options.append((score + _SKIP.get(roles[j], -0.2), rest))
            f = fit(roles[j], tokens[i]) - 0.01 * j
            for score, rest in best(i + 1, j + 1)[:2]:
                options.append((score + f, (j, *rest)))
            if roles[j] == "name" and i + 1 < n:
                for score, rest in best(i + 1, j)[:2]:
                    if rest and rest[0] == j:
                        options.append((score - 0.5, (j, *rest)))
            options.sort(key=lambda o: -o[0])
            uniq: list[tuple[float, tuple[int, ...]]] = []
            for opt in options:
                if all(opt[1] != u[1] for u in uniq):
                    uniq.append(opt)
            out = uniq[:2]
        memo[(i, j)] = out
        return out

    results = best(0, 0)
    top = results[0]
    ambiguous = len(results) > 1 and results[1][0] > top[0] - 1
    return list(top[1]), ambiguous


def indicator_row(st: GridState, row: list[Cell], grid: Grid) -> None:
    """Read one row under the current header into indicators (or warnings)."""
    header = st.header
    assert header is not None
    cols = _positional(st, row, header) if grid.positional else _aligned(st, row, header)
    header.rows_read += 1
    if cols is not None:
        _indicators_from(st, cols, row)


def _positional(st: GridState, row: list[Cell], header: Header) -> dict[int, Cell]:
    cols: dict[int, Cell] = {}
    by_index = {c.index: c for c in header.columns}
    last_anchor: dict[int, str | None] = {}
    sites: list[tuple[str, Cell]] = []
    for idx, cell in enumerate(row):
        if not cell.text.strip():
            continue
        if idx in header.sites:
            sites.append((header.sites[idx], cell))
        elif idx in by_index:
            cols[idx] = cell
            last_anchor[idx] = cell.anchor
        else:
            prev = max((i for i in by_index if i < idx), default=None)
            if prev is not None and cell.anchor and last_anchor.get(prev) == cell.anchor:
                continue
            st.warn("unplaced_text", cell.text.strip(), cell.pos, "这个单元格不在任何有列名的列下，原文保留于此。")
    if sites:
        value = next(c.index for c in header.columns if c.role == "value")
        texts = [cell.text.strip() for _, cell in sites]
        joined = texts[0] if len(set(texts)) == 1 and len(texts) == len(header.sites) else \
            "；".join(f"{site}：{text}" for (site, _), text in zip(sites, texts, strict=True))
        cols[value] = Cell(joined, sites[0][1].pos)
    return cols


def _aligned(st: GridState, row: list[Cell], header: Header) -> dict[int, Cell] | None:
    cols: dict[int, Cell] = {}
    cells = [c for c in row if c.text.strip()]
    if len(cells) == 1 and not (is_category_label(cells[0].text) or is_subcategory_label(cells[0].text)):
        st.warn("unplaced_text", cells[0].text.strip(), cells[0].pos,
                "这一行只有一个单元格，无法对齐为指标行（可能是截断的行），原文保留于此。")
        return None
    roles = [c.role for c in header.columns]
    assignment, ambiguous = align([c.text.strip() for c in cells], roles)
    bad = []
    for cell, j in zip(cells, assignment, strict=True):
        if j < 0:
            st.warn("unplaced_text", cell.text.strip(), cell.pos, "这一行的单元格比表头的列多，无法对齐，原文保留于此。")
            continue
        col = header.columns[j]
        if fit(col.role, cell.text) < 0:
            bad.append((cell, col))
            continue
        prev = cols.get(col.index)
        cols[col.index] = Cell(f"{prev.text} {cell.text.strip()}", prev.pos) if prev else cell
    row_text = " | ".join(c.text.strip() for c in cells)
    for cell, col in bad:
        st.warn("ambiguous_cell", cell.text.strip(), cell.pos,
                f"“{cell.text.strip()}”对齐到“{col.label}”列，但形状不像该列的值，未采用；原行：{row_text}")
    if ambiguous and not bad:
        st.warn("ambiguous_alignment", row_text, row[0].pos if row else None,
                "这一行缺少部分单元格，按表头和取值形状对齐，对齐方式可能有误，请核对。")
    return cols


def _indicators_from(st: GridState, cols: dict[int, Cell], row: list[Cell]) -> None:
    header = st.header
    assert header is not None
    blocks = sorted({c.block for c in header.columns})
    _project_columns(st, cols)
    for block in blocks:
        own = {c.role for c in header.columns if c.block == block}
        roles: dict[str, list[Cell]] = {}
        for col in header.columns:
            if col.index in cols and (col.block == block or (col.block == 0 and col.role not in own)):
                roles.setdefault(col.role, []).append(cols[col.index])
        if block == header.annual:
            _indicator(st, roles, header, row)
        else:
            _medium_term(st, roles, block)
    for col in header.columns:
        if col.role in ("extra", "remark", "frame") and col.index in cols:
            cell = cols[col.index]
            st.warn("extra_column", f"{col.label}：{cell.text.strip()}", cell.pos,
                    f"“{col.label}”列的内容不属于指标的任何字段，原文保留于此。")


def _project_columns(st: GridState, cols: dict[int, Cell]) -> None:
    """In a sheet with a 项目名称 (or 项目序号) column, a new name starts a new project."""
    header = st.header
    assert header is not None
    by_role = {c.role: cols.get(c.index) for c in header.columns if c.role in ("project", "pno", "goal", "line")}
    if "project" not in by_role and "pno" not in by_role:
        return
    key_cell = by_role.get("pno") or by_role.get("project")
    current = st.inherited.project_key
    key = key_cell.text.strip() if key_cell else current
    name_cell = by_role.get("project")
    if key != current or (key_cell is not None and current is None):
        if not st.draft.empty():
            st.flush_keep_header()
        st.inherited.project_key = key or ""
        draft = st.draft
        draft.name = join_lines(name_cell.text) if name_cell else ""
        draft.position = (name_cell or key_cell).pos if (name_cell or key_cell) else None
        line_cell = by_role.get("line")
        line_no = parse_number(line_cell.text) if line_cell else None
        draft.line = int(line_no) if line_no is not None else (draft.position.line if draft.position else None)
        goal_cell = by_role.get("goal")
        if goal_cell:
            draft.goals.append((0, "绩效目标", goal_cell.text.strip()))


def _text_of(roles: dict[str, list[Cell]], role: str) -> str:
    seen: list[str] = []
    for c in roles.get(role) or []:
        t = c.text.strip()
        if t and t not in seen:
            seen.append(t)
    return " ".join(seen)


def _indicator(st: GridState, roles: dict[str, list[Cell]], header: Header, row: list[Cell]) -> None:
    inh = st.inherited
    l1_raw = join_lines(_text_of(roles, "l1"))
    l2_raw = join_lines(_text_of(roles, "l2"))
    name = join_lines(_text_of(roles, "name"))
    value = join_lines(_text_of(roles, "value"))
    rest = any(_text_of(roles, r) for r in ("comparator", "unit", "basis", "weight", "source", "explanation"))
    explicit = header.explicit
    if not explicit:
        if l1_raw:
            if l1_raw != inh.l1:
                inh.l2 = None
            inh.l1 = l1_raw
        else:
            l1_raw = inh.l1 or ""
        if l2_raw:
            inh.l2 = l2_raw
        else:
            l2_raw = inh.l2 or ""
    if not name and not value and not rest:
        for role in ("l1", "l2"):
            for cell in roles.get(role) or []:
                text = cell.text.strip()
                ok = is_category_label(text) if role == "l1" else is_subcategory_label(text)
                if not ok and not explicit:
                    st.warn("unplaced_text", text, cell.pos,
                            "指标表中的这一行不是指标（没有三级指标名称和指标值），原文保留于此。")
                elif ok and role == "l2":
                    st.label_unused()
                    inh.empty_label = cell
        return
    if roles.get("l2") and inh.empty_label is not None and inh.empty_label not in roles["l2"]:
        st.label_unused()
    inh.empty_label = None
    first = next((c for r in ("name", "value", "l2", "l1") for c in roles.get(r) or []), row[0])
    if not name:
        st.warn("missing_name", value, first.pos, "这一行有指标值但没有三级指标名称。")
    name = _TEMPLATE_NO.sub("", name)
    core = "★" in name or "★" in l1_raw or "★" in l2_raw or _text_of(roles, "core") in ("是", "★", "√")
    name = name.replace("★", "").strip()
    comparator = join_lines(_text_of(roles, "comparator")) or None
    unit = join_lines(_text_of(roles, "unit")) or None
    category, sub = categorize(l1_raw, l2_raw)
    weight_text = _text_of(roles, "weight")
    weight = parse_number(weight_text)
    if weight_text and weight is None:
        st.warn("unplaced_text", weight_text, first.pos, "分值/权重不是数字，原文保留于此。")
    target = parse_target(value, comparator=comparator_op_text(comparator), unit=unit)
    no_text = _text_of(roles, "no")
    no_num = parse_number(no_text) if no_text else None
    _place(st, Indicator(
        no=int(no_num) if no_num is not None else None, category=category, subcategory=sub, name=name,
        value=value, target=target, comparator=comparator, unit=unit,
        value_basis=join_lines(_text_of(roles, "basis")) or None,
        explanation=_text_of(roles, "explanation") or None,
        data_source=join_lines(_text_of(roles, "source")) or None, weight=weight, core=core,
        category_raw=clean_label(l1_raw) or None, subcategory_raw=clean_label(l2_raw) or None,
        position=first.pos), _text_of(roles, "group"))
    if re.fullmatch(r"4\d,?\d{3}|[34]\d{4}", value.strip()) and re.search(r"时间|日期|期限", name):
        st.warn("excel_date_serial", value, first.pos,
                f"“{value}”像是 Excel 日期序列号（{_serial_date(value)}），已按原文保留，请核对。")


def _place(st: GridState, indicator: Indicator, group_text: str) -> None:
    groups = st.draft.groups
    if st.header is not None and st.header.has_role("group"):
        if not groups or st.inherited.group_key != group_text:
            groups.append([])
        st.inherited.group_key = group_text
    elif not groups:
        groups.append([])
    elif indicator.no is not None and groups[-1] and groups[-1][-1].no is not None \
            and indicator.no <= groups[-1][-1].no:
        groups.append([])
    groups[-1].append(indicator)


def _medium_term(st: GridState, roles: dict[str, list[Cell]], block: int) -> None:
    cells = [c for r in ("l2", "name", "value", "comparator", "unit") for c in roles.get(r) or []]
    if not cells:
        return
    l1 = join_lines(_text_of(roles, "l1")) or st.inherited.l1 or ""
    l2 = join_lines(_text_of(roles, "l2"))
    if l2:
        st.inherited.block_l2[block] = l2
    else:
        l2 = st.inherited.block_l2.get(block, "")
    text = f"{clean_label(l1)}/{clean_label(l2)}/{join_lines(_text_of(roles, 'name'))}：" \
           f"{join_lines(_text_of(roles, 'value'))}"
    st.warn("medium_term", text, cells[0].pos, "中期（实施期）指标，按年度指标读取本项目，中期指标原文保留于此。")


def _serial_date(value: str) -> str:
    from datetime import date, timedelta

    days = int(re.sub(r"\D", "", value))
    return (date(1899, 12, 30) + timedelta(days=days)).isoformat()
