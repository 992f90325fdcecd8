"""One interpreter for every columnar layout: grids of positioned cells in, a :class:`Table` out.

A reader (xlsx, docx, html, csv, text) turns its input into :class:`Grid` objects — rows of
:class:`Cell` with merged cells already resolved — and calls :func:`build_table`. Rows before an
indicator header are header fields (项目名称, 主管部门 …) or a title; the header row (found by the names
三级指标 and 指标值, not by position) maps columns to roles; rows after it are indicators. Every non-empty
cell ends up in a field, an indicator, or a :class:`ParseWarning` that keeps its text and position.

Two header blocks side by side (中期 and 年度 indicator grids, as in older local templates) are read
as follows: the 年度 block gives the indicators, and each 中期 row is kept as a warning of kind
``medium_term``. The 中期 rows are not a second group because groups feed the review rules
(duplicate names, indicator counts), and a 中期 grid usually repeats the 年度 one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.model import Indicator, ParseWarning, Position, Project, Table
from assistant.parse.categories import (
    clean_label,
    is_category_label,
    is_subcategory_label,
    normalize_category,
    normalize_subcategory,
)
from assistant.parse.errors import ParseError
from assistant.parse.value import parse_target


@dataclass(frozen=True)
class Cell:
    """One cell's text and where it stood. ``anchor`` names the merged range it was copied from; ``chrome``
    marks page furniture the reader recognised (a page title, a script outside any table)."""

    text: str
    pos: Position
    anchor: str | None = None
    chrome: bool = False


@dataclass
class Grid:
    """Rows of cells from one sheet, table or text block.

    ``positional``: column index means header column (spreadsheets, tables, tab/markdown text). Otherwise
    cells are matched to header columns by their shape (text whose merged cells were lost).
    ``starts_project``: a new grid begins a new project (one project per sheet).
    """

    rows: list[list[Cell]]
    name: str | None = None
    positional: bool = True
    starts_project: bool = False


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
    ("basis", re.compile(r"(设定|确定|取值)依据")),
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
_INDICATOR_ROLES = ("l1", "l2", "name", "value", "comparator", "unit", "basis", "weight", "source",
                    "explanation", "core")

_CHROME = re.compile(r"当前位置|发布时间|浏览次数|阅读次数|索\s*引\s*号|发文机关|发文日期|文\s*号[:：]|"
                     r"分\s*类[:：]|打印本页|关闭窗口|字体[:：]?\s*[大中小]|<image>|^[-–—>·\s]+$|^\S+(\s*>\s*\S+)+$")
_YEAR = re.compile(r"^[(（]\s*(\d{4})\s*年\s*(度)?\s*[)）]$")
_TITLE = re.compile(r"绩效.*表|申报表|批复表")
_LABEL_TAIL = re.compile(
    r"(名称|部门|单位|负责人|属性|期限|类别|性质|总额|资金|拨款|拨款数|金额|目标|日期|电话|科室|预算|依据|内容|年度)$")
_PAREN = re.compile(r"[（(][^()（）]*[)）]")
_MONEY_UNIT = re.compile(r"[（(]\s*(亿元|万元|元)\s*[)）]")
_FRAME_LABELS = {"项目绩效目标", "绩效指标", "项目资金", "投入目标", "资金情况", "项目资金情况", "绩效目标表"}
_FUNDS_HEADER = re.compile(r"资金来源|年初安排|资金性质")
_SPACE = re.compile(r"[\s\u3000]+")
_CJK = re.compile(r"[\u3400-\u9fff（）“”：，。、；]")


def cell_ref(row: int, col: int) -> str:
    """1-based row and column → A1 reference (``cell_ref(7, 2) == "B7"``)."""
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row}"


def join_lines(text: str) -> str:
    """Join a cell's wrapped lines: no space between Chinese characters, one space otherwise."""
    lines = [ln.strip() for ln in (text or "").replace("\r", "").split("\n")]
    out = ""
    for ln in lines:
        if not ln:
            continue
        if out and not (_CJK.match(out[-1]) or _CJK.match(ln[0])):
            out += " "
        out += ln
    return out.strip()


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


def field_label(text: str) -> str | None:
    """The label of a header field (项目名称, 其中：财政拨款 …), cleaned; None when the text is not one."""
    key = clean_label(text)
    key = re.sub(r"^其中[:：]?", "", key)
    base = _PAREN.sub("", key)
    if len(base) < 3 or len(base) > 20 or re.search(r"\d", base) or _TITLE.search(base):
        return None
    if base in _FRAME_LABELS or _LABEL_TAIL.search(base):
        return key
    return None


def _split_label_value(text: str) -> tuple[str, str] | None:
    m = re.match(r"^\s*([^:：\n]{2,20}?)\s*[:：]\s*(.*)$", text, re.S)
    if not m:
        return None
    label = field_label(m.group(1))
    return (label, m.group(2).strip()) if label else None


def comparator_op_text(text: str | None) -> str | None:
    """Of a comparator cell (``正向 =``), the token that decides the operator: a symbol before a direction."""
    if not text:
        return None
    tokens = text.split()
    for tok in tokens:
        if re.match(r"^(≥|≤|>|<|=|＝|>=|<=|不低于|不高于|不少于|不超过|大于|小于|等于|定性)", tok):
            return tok
    return tokens[0] if tokens else None


def parse_number(text: str | None) -> float | None:
    m = re.search(r"[-+]?\d[\d,]*(?:\.\d+)?", text or "")
    if not m:
        return None
    try:
        return float(m.group(0).replace(",", ""))
    except ValueError:
        return None


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


@dataclass
class _Draft:
    name: str | None = None
    position: Position | None = None
    line: int | None = None
    department: str | None = None
    unit: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    goals: list[tuple[int, str, str]] = field(default_factory=list)
    amounts: list[tuple[int, str, str]] = field(default_factory=list)
    groups: list[list[Indicator]] = field(default_factory=list)

    def empty(self) -> bool:
        return not (self.name or self.fields or self.goals or self.amounts or self.groups or self.department
                    or self.unit)

    def has_indicators(self) -> bool:
        return any(self.groups)

    def put(self, label: str, value: str) -> None:
        key, n = label, 2
        while key in self.fields:
            key, n = f"{label}（{n}）", n + 1
        self.fields[key] = value

    def project(self) -> Project:
        fields = dict(self.fields)
        goal = ""
        if self.goals:
            _, label, goal = min(self.goals, key=lambda g: g[0])
            for _, other, text in self.goals:
                if other != label:
                    fields.setdefault(other, text)
        amount = amount_text = None
        if self.amounts:
            _, label, amount_text = min(self.amounts, key=lambda a: a[0])
            amount = parse_number(amount_text)
            for _, other, text in self.amounts:
                if other != label:
                    fields.setdefault(other, text)
        return Project(line=self.line, name=self.name or "", goal=goal, groups=[g for g in self.groups if g],
                       unit=self.unit, department=self.department, amount=amount, amount_text=amount_text,
                       fields=fields, position=self.position)


@dataclass
class _Column:
    index: int
    role: str
    block: int
    label: str


@dataclass
class _Header:
    columns: list[_Column]
    annual: int
    explicit: bool


def _make_header(cells: list[Cell]) -> tuple[_Header, list[Cell]]:
    """Map header cells to roles and blocks; also return header cells that carry extra text."""
    columns: list[_Column] = []
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
        columns.append(_Column(idx, role, block, header_key(text)))
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
    return _Header(columns, annual, explicit), extra


_COMPARATOR_WORDS = re.compile(r"^(正向|反向|中性|=|＝|≥|≤|>|<|>=|<=|定性|定量|定量其他|不适用|等于|大于|小于|"
                               r"不低于|不高于|不少于|不超过|大于等于|小于等于)$")
_BOTH_LEVELS = ("成本指标", "满意度指标")
_NUMBER_ONLY = re.compile(r"^[-+]?\d[\d,]*(\.\d+)?$")


def _fit(role: str, text: str) -> float:
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
            fit = _fit(roles[j], tokens[i]) - 0.01 * j
            for score, rest in best(i + 1, j + 1)[:2]:
                options.append((score + fit, (j, *rest)))
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


class _Interpreter:
    def __init__(self, source: str | None, path: str | None):
        self.table = Table(source=source)
        self.path = path
        self.projects: list[Project] = []
        self.draft = _Draft()
        self.header: _Header | None = None
        self.found_header = False
        self.carry: dict[str, str] = {}
        self.pending_labels: list[Cell] = []
        self.year: str | None = None

    def warn(self, kind: str, text: str, pos: Position | None, message: str) -> None:
        pos = pos or Position()
        self.table.warnings.append(ParseWarning(kind=kind, text=text, line=pos.line, sheet=pos.sheet,
                                                cell=pos.cell, message=message))

    def flush(self) -> None:
        draft = self.draft
        if draft.name is not None or draft.has_indicators():
            if self.year and "年度" not in draft.fields:
                draft.fields = {"年度": self.year, **draft.fields}
            if not draft.name:
                self.warn("missing_project_name", "", draft.position, "指标表前没有找到“项目名称”，项目名称留空。")
            self.projects.append(draft.project())
        elif not draft.empty():
            loose = [("主管部门", draft.department), ("实施单位", draft.unit)]
            loose += [(label, text) for _, label, text in draft.goals + draft.amounts]
            loose += list(draft.fields.items())
            for label, value in loose:
                if value is not None:
                    self.warn("unplaced_text", f"{label}：{value}", draft.position,
                              "这些表头信息后面没有项目名称或指标表，原文保留于此。")
        self.draft = _Draft()
        self.header = None
        self.carry = {}

    def run(self, grids: list[Grid]) -> Table:
        for grid in grids:
            if grid.starts_project and self.draft.has_indicators():
                self.flush()
            self.header = None
            self.carry = {}
            self.pending_labels = []
            for row in grid.rows:
                self.row(row, grid)
            if self.pending_labels:
                for cell in self.pending_labels:
                    self.warn("unplaced_text", cell.text.strip(), cell.pos, "这个标签后面没有对应的值，原文保留于此。")
                self.pending_labels = []
        self.flush()
        if not self.found_header:
            where = ", ".join(g.name for g in grids if g.name) or None
            raise ParseError(NO_HEADER_ZH, NO_HEADER_EN, path=self.path, where=where)
        self.table.projects = self.projects
        return self.table

    def row(self, row: list[Cell], grid: Grid) -> None:
        cells, anchors = [], set()
        for c in row:
            if c.text and c.text.strip() and (c.anchor is None or c.anchor not in anchors):
                cells.append(c)
                anchors.add(c.anchor)
        if not cells:
            return
        if all(c.chrome for c in cells):
            for c in cells:
                self.warn("page_chrome", c.text.strip(), c.pos, "网页的标题或脚本，不属于表格，原文保留于此。")
            return
        texts = [c.text for c in row]
        if is_header_row(texts):
            self.start_header(row)
            return
        if self.header is not None:
            if self.starts_new_project(cells):
                self.flush()
            else:
                self.indicator_row(row, grid)
                return
        self.field_row(cells)

    def starts_new_project(self, cells: list[Cell]) -> bool:
        first = cells[0].text
        label = field_label(first) or (_split_label_value(first) or ("", ""))[0]
        return label == "项目名称" and not any(c.role == "project" for c in self.header.columns)

    def start_header(self, row: list[Cell]) -> None:
        header, extra = _make_header(row)
        self.header = header
        self.found_header = True
        self.carry = {}
        for cell in extra:
            self.warn("unplaced_text", cell.text.strip(), cell.pos, "表头单元格中除列名外还有说明文字，原文保留于此。")
        if self.draft.position is None:
            self.draft.position = row[0].pos if row else None

    # header fields -------------------------------------------------------------------------------------
    def field_row(self, cells: list[Cell]) -> None:
        if self.pending_labels:
            labels, self.pending_labels = self.pending_labels, []
            if all(field_label(c.text) is None for c in cells) and len(cells) <= len(labels):
                paired = labels[len(labels) - len(cells):]
                for lab in labels[: len(labels) - len(cells)]:
                    if field_label(lab.text) not in _FRAME_LABELS and clean_label(lab.text) not in ("总体目标",):
                        self.warn("unplaced_text", lab.text.strip(), lab.pos, "这个标签后面没有对应的值，原文保留于此。")
                for lab, val in zip(paired, cells, strict=True):
                    self.assign(field_label(lab.text) or clean_label(lab.text), val)
                return
            for lab in labels:
                if field_label(lab.text) not in _FRAME_LABELS:
                    self.warn("unplaced_text", lab.text.strip(), lab.pos, "这个标签后面没有对应的值，原文保留于此。")
        if len(cells) == 1:
            text = cells[0].text.strip()
            if self.single(cells[0], text):
                return
        if len(cells) >= 2 and all(field_label(c.text) for c in cells):
            if _FUNDS_HEADER.search("".join(c.text for c in cells)):
                self.funds_header(cells)
                return
            self.pending_labels = [c for c in cells if field_label(c.text) not in _FRAME_LABELS]
            return
        if _FUNDS_HEADER.search("".join(c.text for c in cells)) and not any(
                _NUMBER_ONLY.match(c.text.strip()) for c in cells):
            self.funds_header(cells)
            return
        i = 0
        while i < len(cells):
            cell = cells[i]
            text = cell.text.strip()
            label = field_label(text)
            split = _split_label_value(text) if label is None else None
            if split:
                self.assign(split[0], Cell(split[1], cell.pos), raw_label=True)
                i += 1
            elif label and label in _FRAME_LABELS:
                i += 1
            elif label and i + 1 < len(cells) and field_label(cells[i + 1].text) is None:
                self.assign(label, cells[i + 1])
                i += 2
            elif label and i + 1 == len(cells):
                self.pending_labels = [cell]
                i += 1
            elif label:
                self.draft.put(label, "")
                i += 1
            else:
                self.other_text(cell, text)
                i += 1

    def single(self, cell: Cell, text: str) -> bool:
        if _CHROME.search(text):
            self.warn("page_chrome", text, cell.pos, "网页或版面文字（导航、发布信息等），不属于表格，原文保留于此。")
            return True
        year = _YEAR.match(_SPACE.sub("", text))
        if year:
            self.year = f"{year.group(1)}年度" if year.group(2) else f"{year.group(1)}年"
            return True
        if _TITLE.search(text) and len(text) <= 60 and not _split_label_value(text):
            if self.table.title is None:
                self.table.title = join_lines(text)
            elif join_lines(text) == self.table.title:
                self.warn("page_chrome", text, cell.pos, "与表格标题重复的文字，原文保留于此。")
            else:
                self.warn("unplaced_text", text, cell.pos, "标题以外的另一行标题文字，原文保留于此。")
            return True
        label = field_label(text)
        if label and label not in _FRAME_LABELS:
            self.pending_labels = [cell]
            return True
        if label in _FRAME_LABELS:
            return True
        return False

    def funds_header(self, cells: list[Cell]) -> None:
        text = " ".join(c.text.strip() for c in cells)
        unit = _MONEY_UNIT.search(text)
        if unit:
            self.draft.fields.setdefault("资金单位", unit.group(1))
        self.draft.put("资金表表头", text)

    def other_text(self, cell: Cell, text: str) -> None:
        if _CHROME.search(text):
            self.warn("page_chrome", text, cell.pos, "网页或版面文字（导航、发布信息等），不属于表格，原文保留于此。")
        else:
            self.warn("unplaced_text", text, cell.pos, "无法识别为表头字段或指标的文字，原文保留于此。")

    def assign(self, label: str, cell: Cell, raw_label: bool = False) -> None:
        value = cell.text.strip()
        key = re.sub(r"^其中[:：]?", "", clean_label(label))
        base = _PAREN.sub("", key)
        unit = _MONEY_UNIT.search(key)
        if base == "项目名称":
            if self.draft.name is not None or self.draft.has_indicators():
                self.flush()
            self.draft.name = join_lines(value)
            self.draft.position = cell.pos
            self.draft.line = cell.pos.line
            return
        if base in ("部门名称", "预算单位", "单位名称", "预算部门"):
            if self.table.department is None:
                self.table.department = join_lines(value)
            else:
                self.draft.put(key, value)
            return
        if base in ("主管部门", "主管单位"):
            self.draft.department = join_lines(value)
            return
        if base in ("实施单位", "资金使用单位", "项目实施单位", "使用单位"):
            self.draft.unit = join_lines(value)
            return
        if unit and re.search(r"资金|预算|金额|总额", base):
            self.draft.fields.setdefault("资金单位", unit.group(1))
        if re.search(r"年度.*(资金|预算)|年度.*总额", base):
            self.draft.amounts.append((0 if "申请" in base else 1, key, value))
            return
        if re.search(r"资金总额|项目总额|总金额|预算金额", base):
            self.draft.amounts.append((2 if "项目" in base else 1 if base == "资金总额" else 3, key, value))
            return
        if re.search(r"目标", base) and base not in _FRAME_LABELS:
            text = value.strip()
            if base in ("年度绩效目标", "年度目标", "年度总体目标"):
                rank = 0
            elif base in ("总体目标", "绩效目标", "项目总体目标", "项目绩效目标", "长期目标"):
                rank = 2
            else:
                rank = 3 if re.search(r"中期|长期|实施期|总体", base) else 1
            self.draft.goals.append((rank, key, text))
            return
        self.draft.put(key, value)

    # indicator rows ------------------------------------------------------------------------------------
    def indicator_row(self, row: list[Cell], grid: Grid) -> None:
        assert self.header is not None
        header = self.header
        cols: dict[int, Cell] = {}
        if grid.positional:
            by_index = {c.index: c for c in header.columns}
            last_anchor: dict[int, str | None] = {}
            for idx, cell in enumerate(row):
                if not cell.text.strip():
                    continue
                if idx in by_index:
                    cols[idx] = cell
                    last_anchor[idx] = cell.anchor
                else:
                    prev = max((i for i in by_index if i < idx), default=None)
                    if prev is not None and cell.anchor and last_anchor.get(prev) == cell.anchor:
                        continue
                    self.warn("unplaced_text", cell.text.strip(), cell.pos, "这个单元格不在任何有列名的列下，原文保留于此。")
        else:
            cells = [c for c in row if c.text.strip()]
            if len(cells) == 1 and not (is_category_label(cells[0].text) or is_subcategory_label(cells[0].text)):
                self.warn("unplaced_text", cells[0].text.strip(), cells[0].pos,
                          "这一行只有一个单元格，无法对齐为指标行（可能是截断的行），原文保留于此。")
                return
            roles = [c.role for c in header.columns]
            assignment, ambiguous = align([c.text.strip() for c in cells], roles)
            bad = []
            for cell, j in zip(cells, assignment, strict=True):
                if j < 0:
                    self.warn("unplaced_text", cell.text.strip(), cell.pos, "这一行的单元格比表头的列多，无法对齐，原文保留于此。")
                    continue
                col = header.columns[j]
                if _fit(col.role, cell.text) < 0:
                    bad.append((cell, col))
                    continue
                prev = cols.get(col.index)
                cols[col.index] = Cell(f"{prev.text} {cell.text.strip()}", prev.pos) if prev else cell
            row_text = " | ".join(c.text.strip() for c in cells)
            for cell, col in bad:
                self.warn("ambiguous_cell", cell.text.strip(), cell.pos,
                          f"“{cell.text.strip()}”对齐到“{col.label}”列，但形状不像该列的值，未采用；原行：{row_text}")
            if ambiguous and not bad:
                self.warn("ambiguous_alignment", row_text, row[0].pos if row else None,
                          "这一行缺少部分单元格，按表头和取值形状对齐，对齐方式可能有误，请核对。")
        self.indicators_from(cols, row)

    def indicators_from(self, cols: dict[int, Cell], row: list[Cell]) -> None:
        header = self.header
        assert header is not None
        blocks = sorted({c.block for c in header.columns})
        self.project_columns(cols)
        for block in blocks:
            own = {c.role for c in header.columns if c.block == block}
            roles: dict[str, list[Cell]] = {}
            for col in header.columns:
                if col.index in cols and (col.block == block or (col.block == 0 and col.role not in own)):
                    roles.setdefault(col.role, []).append(cols[col.index])
            if block == header.annual:
                self.indicator(roles, header, row)
            else:
                self.medium_term(roles, block)
        for col in header.columns:
            if col.role in ("extra", "remark", "frame") and col.index in cols:
                cell = cols[col.index]
                self.warn("extra_column", f"{col.label}：{cell.text.strip()}", cell.pos,
                          f"“{col.label}”列的内容不属于指标的任何字段，原文保留于此。")

    def project_columns(self, cols: dict[int, Cell]) -> None:
        """In a sheet with a 项目名称 (or 项目序号) column, a new name starts a new project."""
        header = self.header
        assert header is not None
        by_role = {c.role: cols.get(c.index) for c in header.columns if c.role in ("project", "pno", "goal", "line")}
        if "project" not in by_role and "pno" not in by_role:
            return
        key_cell = by_role.get("pno") or by_role.get("project")
        key = key_cell.text.strip() if key_cell else self.carry.get("__project")
        name_cell = by_role.get("project")
        if key != self.carry.get("__project") or (key_cell is not None and "__project" not in self.carry):
            if not self.draft.empty():
                self.flush_keep_header()
            self.carry["__project"] = key or ""
            self.draft.name = join_lines(name_cell.text) if name_cell else ""
            self.draft.position = (name_cell or key_cell).pos if (name_cell or key_cell) else None
            line_cell = by_role.get("line")
            self.draft.line = int(parse_number(line_cell.text)) if line_cell and parse_number(line_cell.text) \
                is not None else (self.draft.position.line if self.draft.position else None)
            goal_cell = by_role.get("goal")
            if goal_cell:
                self.draft.goals.append((0, "绩效目标", goal_cell.text.strip()))

    def flush_keep_header(self) -> None:
        header, carry = self.header, self.carry
        self.flush()
        self.header, self.carry = header, {}
        self.carry.update({k: v for k, v in carry.items() if k == "__project"})

    def text_of(self, roles: dict[str, list[Cell]], role: str) -> str:
        cells = roles.get(role) or []
        seen: list[str] = []
        for c in cells:
            t = c.text.strip()
            if t and t not in seen:
                seen.append(t)
        return " ".join(seen)

    def indicator(self, roles: dict[str, list[Cell]], header: _Header, row: list[Cell]) -> None:
        l1_raw = join_lines(self.text_of(roles, "l1"))
        l2_raw = join_lines(self.text_of(roles, "l2"))
        name = join_lines(self.text_of(roles, "name"))
        value = join_lines(self.text_of(roles, "value"))
        rest = any(self.text_of(roles, r) for r in ("comparator", "unit", "basis", "weight", "source",
                                                    "explanation"))
        explicit = header.explicit
        if not explicit:
            if l1_raw:
                if l1_raw != self.carry.get("l1"):
                    self.carry.pop("l2", None)
                self.carry["l1"] = l1_raw
            else:
                l1_raw = self.carry.get("l1", "")
            if l2_raw:
                self.carry["l2"] = l2_raw
            else:
                l2_raw = self.carry.get("l2", "")
        if not name and not value and not rest:
            for role in ("l1", "l2"):
                for cell in roles.get(role) or []:
                    text = cell.text.strip()
                    ok = is_category_label(text) if role == "l1" else is_subcategory_label(text)
                    if not ok and not explicit:
                        self.warn("unplaced_text", text, cell.pos,
                                  "指标表中的这一行不是指标（没有三级指标名称和指标值），原文保留于此。")
            return
        first = next((c for r in ("name", "value", "l2", "l1") for c in roles.get(r) or []), row[0])
        if not name:
            self.warn("missing_name", value, first.pos, "这一行有指标值但没有三级指标名称。")
        core = "★" in name or "★" in l1_raw or "★" in l2_raw or self.text_of(roles, "core") in ("是", "★", "√")
        name = name.replace("★", "").strip()
        comparator = join_lines(self.text_of(roles, "comparator")) or None
        unit = join_lines(self.text_of(roles, "unit")) or None
        category, sub = categorize(l1_raw, l2_raw)
        weight_text = self.text_of(roles, "weight")
        weight = parse_number(weight_text)
        if weight_text and weight is None:
            self.warn("unplaced_text", weight_text, first.pos, "分值/权重不是数字，原文保留于此。")
        target = parse_target(value, comparator=comparator_op_text(comparator), unit=unit)
        no_text = self.text_of(roles, "no")
        no = int(parse_number(no_text)) if no_text and parse_number(no_text) is not None else None
        group_text = self.text_of(roles, "group")
        self.place(Indicator(
            no=no, category=category, subcategory=sub, name=name, value=value, target=target,
            comparator=comparator, unit=unit, value_basis=join_lines(self.text_of(roles, "basis")) or None,
            explanation=self.text_of(roles, "explanation") or None,
            data_source=join_lines(self.text_of(roles, "source")) or None, weight=weight, core=core,
            category_raw=clean_label(l1_raw) or None, subcategory_raw=clean_label(l2_raw) or None,
            position=first.pos), group_text)
        if re.fullmatch(r"4\d,?\d{3}|[34]\d{4}", value.strip()) and re.search(r"时间|日期|期限", name):
            self.warn("excel_date_serial", value, first.pos,
                      f"“{value}”像是 Excel 日期序列号（{_serial_date(value)}），已按原文保留，请核对。")

    def place(self, indicator: Indicator, group_text: str) -> None:
        groups = self.draft.groups
        if self.header is not None and any(c.role == "group" for c in self.header.columns):
            if not groups or self.carry.get("__group") != group_text:
                groups.append([])
            self.carry["__group"] = group_text
        elif not groups:
            groups.append([])
        elif indicator.no is not None and groups[-1] and groups[-1][-1].no is not None \
                and indicator.no <= groups[-1][-1].no:
            groups.append([])
        groups[-1].append(indicator)

    def medium_term(self, roles: dict[str, list[Cell]], block: int) -> None:
        cells = [c for r in ("l2", "name", "value", "comparator", "unit") for c in roles.get(r) or []]
        if not cells:
            return
        l1 = join_lines(self.text_of(roles, "l1")) or self.carry.get("l1", "")
        l2 = join_lines(self.text_of(roles, "l2"))
        if l2:
            self.carry[f"l2#{block}"] = l2
        else:
            l2 = self.carry.get(f"l2#{block}", "")
        text = f"{clean_label(l1)}/{clean_label(l2)}/{join_lines(self.text_of(roles, 'name'))}：" \
               f"{join_lines(self.text_of(roles, 'value'))}"
        self.warn("medium_term", text, cells[0].pos, "中期（实施期）指标，按年度指标读取本项目，中期指标原文保留于此。")


def _serial_date(value: str) -> str:
    from datetime import date, timedelta

    days = int(re.sub(r"\D", "", value))
    return (date(1899, 12, 30) + timedelta(days=days)).isoformat()


def build_table(grids: list[Grid], source: str | None, path: str | None = None) -> Table:
    """Interpret grids into a Table. Raise ParseError (naming ``path`` and the grids) when none has an
    indicator header."""
    return _Interpreter(source, path).run(grids)


__all__ = ["Cell", "Grid", "align", "build_table", "cell_ref", "column_role", "is_header_row", "join_lines"]
