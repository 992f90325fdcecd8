"""Header detection: which cells name indicator columns, and which role (一级, 三级, 指标值 …) each has.

A header row is found by the names 三级指标 and 指标值, not by position. Two header blocks side by side
(中期 and 年度) are numbered; :attr:`Header.annual` is the block whose rows give the indicators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.parse.cells import Cell

NO_HEADER_ZH = "没有找到指标表：需要包含“三级指标”和“指标值”列的表头（可另有一级指标、二级指标、计量单位等列）。"
NO_HEADER_EN = ("no indicator table found: expected a header row with the columns 三级指标 and 指标值 "
                "(optionally 一级指标, 二级指标, 计量单位 …).")

_ROLES: list[tuple[str, re.Pattern[str]]] = [
    ("pno", re.compile(r"^项目序号$")),
    ("group", re.compile(r"^组号$")),
    ("line", re.compile(r"^源行号$")),
    ("no", re.compile(r"^(序号|编号)$")),
    ("project", re.compile(r"^项目名称")),
    ("goal", re.compile(r"^(年度)?(绩效)?目标$|^年度绩效目标$|^绩效目标$")),
    ("l1", re.compile(r"^一级(指标)?$")),
    ("l2", re.compile(r"^二级(指标)?$")),
    ("name", re.compile(r"^(三级(指标)?(名称)?|指标名称|绩效指标名称)$")),
    ("basis", re.compile(r"(设定|确定|取值)依据|^绩效标准$")),
    ("source", re.compile(r"数据来源")),
    ("explanation", re.compile(r"指标解释|计算公式|指标说明|指标内涵")),
    ("comparator", re.compile(r"^(计算符号|符号|指标性质|指标方向|运算符号?|比较符号?|计算方式)$")),
    ("unit", re.compile(r"^(计量单位|单位|度量单位)$")),
    ("weight", re.compile(r"^(分值|权重|权重分值|权重设定值)")),
    ("core", re.compile(r"^(核心指标|是否核心指标)$")),
    ("value", re.compile(r"指标值|目标值|计划水平")),
    ("remark", re.compile(r"^备注$")),
    ("frame", re.compile(r"^绩效指标")),
]
_NOT_VALUE = re.compile(r"上年|完成值|预估|实际|自评")
_BLOCK_ROLES = ("l2", "name", "value")
_SPACE = re.compile(r"[\s\u3000]+")


def header_key(text: str) -> str:
    return _SPACE.sub("", text or "").replace("★", "").replace("（", "(").replace("）", ")").strip("：:")


def column_role(text: str) -> str | None:
    key = header_key(text)
    if not key:
        return None
    for role, pattern in _ROLES:
        if pattern.search(key):
            if role == "value" and _NOT_VALUE.search(key):
                return None
            return role
    return None


def is_header_row(texts: list[str]) -> bool:
    roles = {column_role(t) for t in texts}
    return "name" in roles and "value" in roles


@dataclass
class Column:
    index: int
    role: str
    block: int
    label: str


@dataclass
class Header:
    """The columns of an indicator header; ``explicit`` when the table numbers its groups or projects."""

    columns: list[Column]
    annual: int
    explicit: bool
    sites: dict[int, str] = field(default_factory=dict)
    rows_read: int = 0

    def has_role(self, role: str) -> bool:
        return any(c.role == role for c in self.columns)


def site_columns(header: Header, cells: list[Cell]) -> dict[int, str] | None:
    """A second header row naming one value column per site (乡镇, 区 …) under a merged 指标值: {index: site}."""
    value = next((c.index for c in header.columns if c.role == "value"), None)
    if value is None or header.rows_read:
        return None
    named = {i: c.text.strip() for i, c in enumerate(cells) if c.text.strip()}
    if len(named) < 2 or min(named) < value:
        return None
    if any(re.search(r"\d|指标|[%≥≤<>=]", t) or len(t) > 12 for t in named.values()):
        return None
    return named


def make_header(cells: list[Cell]) -> tuple[Header, list[Cell]]:
    """Map header cells to roles and blocks; also return header cells that carry extra text."""
    columns: list[Column] = []
    extra: list[Cell] = []
    block, seen, last_anchor = 0, set(), None
    for idx, cell in enumerate(cells):
        text = cell.text.strip()
        if not text:
            continue
        if cell.anchor and cell.anchor == last_anchor:
            continue
        last_anchor = cell.anchor
        role = column_role(text) or "extra"
        if role == "frame" and header_key(text) not in ("绩效指标", "绩效指标名称"):
            extra.append(cell)
        if role in _BLOCK_ROLES and role in seen:
            block, seen = block + 1, set()
        seen.add(role)
        columns.append(Column(idx, role, block, header_key(text)))
    annual = block
    for b in range(block + 1):
        labels = "".join(c.label for c in columns if c.block == b)
        if "年度" in labels and block:
            annual = b
    for b in range(block + 1):
        labels = "".join(c.label for c in columns if c.block == b)
        if re.search(r"中期|长期|实施期", labels) and block:
            annual = block if b != block else 0
    explicit = any(c.role in ("group", "pno") for c in columns)
    return Header(columns, annual, explicit), extra
