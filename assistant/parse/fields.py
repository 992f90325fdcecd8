"""Field rows: the rows before (and between) indicator headers — title, year, 项目名称, 主管部门, amounts,
goals, a 资金 table's header — placed into the project draft or kept as warnings."""

from __future__ import annotations

import re

from assistant.parse.categories import clean_label
from assistant.parse.cells import Cell, join_lines
from assistant.parse.state import GridState

CHROME = re.compile(r"当前位置|发布时间|浏览次数|阅读次数|索\s*引\s*号|发文机关|发文日期|文\s*号[:：]|"
                    r"分\s*类[:：]|^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$|^共\s*\d+\s*页|打印本页|关闭窗口|字体[:：]?\s*[大中小]|<image>|^[-–—>·\s]+$|^\S+(\s*>\s*\S+)+$")
_YEAR = re.compile(r"^[(（]\s*(\d{4})\s*年\s*(度)?\s*[)）]$")
TITLE = re.compile(r"绩效.*表|申报表|批复表")
_LABEL_TAIL = re.compile(
    r"(名称|部门|单位|负责人|属性|期限|类别|性质|总额|资金|拨款|拨款数|金额|目标|日期|电话|科室|预算|依据|内容|年度)$")
_PAREN = re.compile(r"[（(][^()（）]*[)）]")
MONEY_UNIT = re.compile(r"[（(]\s*(亿元|万元|元)\s*[)）]")
NAME_LABELS = {"项目名称", "主管部门", "主管单位", "实施单位", "预算单位", "部门名称", "单位名称", "项目单位", "资金使用单位",
               "项目实施单位"}
FRAME_LABELS = {"项目绩效目标", "绩效指标", "项目资金", "投入目标", "资金情况", "项目资金情况", "绩效目标表"}
_FUNDS_HEADER = re.compile(r"资金来源|年初安排|资金性质")
_SPACE = re.compile(r"[\s\u3000]+")
_NUMBER_ONLY = re.compile(r"^[-+]?\d[\d,]*(\.\d+)?$")
HEADING = re.compile(r"^\s*(第[一二三四五六七八九十百\d]+\s*(部分|章|节)|[一二三四五六七八九十]+\s*[、.．])")
SIGNOFF = re.compile(r"^\s*(填表人|填报人|联系电话|联系人|经办人|审核人|单位负责人|财务负责人)\s*[:：]?|"
                     r"审核意见|初审意见|审批意见|审查意见|[（(]\s*盖\s*章\s*[)）]|签\s*字[:：]|签\s*章")


def is_signoff(text: str) -> bool:
    """An approval or sign-off cell (主管部门审核意见（盖章）, 财政部门…初审意见, 填表人/联系电话): never an indicator."""
    return bool(SIGNOFF.search(text or ""))


def field_label(text: str) -> str | None:
    """The label of a header field (项目名称, 其中：财政拨款 …), cleaned; None when the text is not one."""
    key = clean_label(text)
    key = re.sub(r"^其中[:：]?", "", key)
    base = _PAREN.sub("", key)
    if len(base) < 3 or len(base) > 20 or re.search(r"\d", base) or TITLE.search(base) or HEADING.match(key):
        return None
    if base in FRAME_LABELS or _LABEL_TAIL.search(base):
        return key
    return None


def split_label_value(text: str) -> tuple[str, str] | None:
    """``label：value`` in one cell → (label, value) when the label is a field label."""
    m = re.match(r"^\s*([^:：\n]{2,20}?)\s*[:：]\s*(.*)$", text, re.S)
    if not m:
        return None
    label = field_label(m.group(1))
    return (label, m.group(2).strip()) if label else None


def starts_new_project(st: GridState, cells: list[Cell]) -> bool:
    """Inside an indicator grid, a 项目名称 row (without a 项目名称 column) begins the next project."""
    first = cells[0].text
    label = field_label(first) or (split_label_value(first) or ("", ""))[0]
    return label == "项目名称" and not (st.header is not None and st.header.has_role("project"))


FUNDS_TITLE = re.compile(r"^(项目)?(资金安排|资金预算|资金分配|成本测算|预算明细|资金明细|经费预算|成本明细)\S{0,4}表?$")


def field_row(st: GridState, cells: list[Cell]) -> None:
    """Place one row outside any indicator grid."""
    first = clean_label(cells[0].text)
    if FUNDS_TITLE.match(first):
        st.in_funds_table = True
    elif st.in_funds_table and (field_label(first) == "项目名称" or split_label_value(cells[0].text)
                                or TITLE.search(first)):
        st.in_funds_table = False
    if st.in_funds_table:
        for c in cells:
            st.warn("funds_table", c.text.strip(), c.pos, "资金/成本测算表的内容，不是绩效指标，原文保留于此。")
        return
    if st.pending_labels:
        labels, st.pending_labels = st.pending_labels, []
        if all(field_label(c.text) is None for c in cells) and len(cells) <= len(labels):
            paired = labels[len(labels) - len(cells):]
            for lab in labels[: len(labels) - len(cells)]:
                if field_label(lab.text) not in FRAME_LABELS and clean_label(lab.text) not in ("总体目标",):
                    st.warn("unplaced_text", lab.text.strip(), lab.pos, "这个标签后面没有对应的值，原文保留于此。")
            for lab, val in zip(paired, cells, strict=True):
                assign(st, field_label(lab.text) or clean_label(lab.text), val)
            return
        for lab in labels:
            if field_label(lab.text) not in FRAME_LABELS:
                st.warn("unplaced_text", lab.text.strip(), lab.pos, "这个标签后面没有对应的值，原文保留于此。")
    if len(cells) == 1 and _single(st, cells[0], cells[0].text.strip()):
        return
    if len(cells) >= 2 and all(field_label(c.text) for c in cells) and not (
            len(cells) == 2 and _PAREN.sub("", field_label(cells[0].text) or "") in NAME_LABELS):
        if _FUNDS_HEADER.search("".join(c.text for c in cells)):
            _funds_header(st, cells)
            return
        st.pending_labels = [c for c in cells if field_label(c.text) not in FRAME_LABELS]
        return
    if _FUNDS_HEADER.search("".join(c.text for c in cells)) and not any(
            _NUMBER_ONLY.match(c.text.strip()) for c in cells):
        _funds_header(st, cells)
        return
    i = 0
    while i < len(cells):
        cell = cells[i]
        text = cell.text.strip()
        label = field_label(text)
        split = split_label_value(text) if label is None else None
        if split:
            assign(st, split[0], Cell(split[1], cell.pos))
            i += 1
        elif label and label in FRAME_LABELS:
            i += 1
        elif label and i + 1 < len(cells) and (field_label(cells[i + 1].text) is None
                                                or _PAREN.sub("", label) in NAME_LABELS):
            assign(st, label, cells[i + 1])
            i += 2
        elif label and i + 1 == len(cells):
            st.pending_labels = [cell]
            i += 1
        elif label:
            st.draft.put(label, "")
            i += 1
        else:
            other_text(st, cell, text)
            i += 1


def _single(st: GridState, cell: Cell, text: str) -> bool:
    if CHROME.search(text):
        st.warn("page_chrome", text, cell.pos, "网页或版面文字（导航、发布信息等），不属于表格，原文保留于此。")
        return True
    year = _YEAR.match(_SPACE.sub("", text))
    if year:
        st.year = f"{year.group(1)}年度" if year.group(2) else f"{year.group(1)}年"
        return True
    if TITLE.search(text) and len(text) <= 60 and not split_label_value(text):
        if st.table.title is None:
            st.table.title = join_lines(text)
        elif join_lines(text) == st.table.title:
            st.warn("page_chrome", text, cell.pos, "与表格标题重复的文字，原文保留于此。")
        else:
            st.warn("unplaced_text", text, cell.pos, "标题以外的另一行标题文字，原文保留于此。")
        return True
    label = field_label(text)
    if label and label not in FRAME_LABELS:
        st.pending_labels = [cell]
        return True
    return label in FRAME_LABELS


def _funds_header(st: GridState, cells: list[Cell]) -> None:
    text = " ".join(c.text.strip() for c in cells)
    unit = MONEY_UNIT.search(text)
    if unit:
        st.draft.fields.setdefault("资金单位", unit.group(1))
    st.draft.put("资金表表头", text)


def other_text(st: GridState, cell: Cell, text: str) -> None:
    if CHROME.search(text):
        st.warn("page_chrome", text, cell.pos, "网页或版面文字（导航、发布信息等），不属于表格，原文保留于此。")
    else:
        st.warn("unplaced_text", text, cell.pos, "无法识别为表头字段或指标的文字，原文保留于此。")


_NEIGHBOUR = re.compile(r"(?:[（(]\s*|\s+)([^\s:：（）()]{3,14}?)\s*(?:[:：]\s*|\s{2,}|\s(?=\S))")


def split_neighbours(value: str) -> tuple[str, list[tuple[str, str]]]:
    """A value that runs into the next labels on its line (``城区绿化养护  主管部门：某区城管局``, or in a
    parenthesis ``城区绿化养护（主管部门：某区城管局）``): its own text and the (label, value) pairs after it."""
    found = [m for m in _NEIGHBOUR.finditer(value) if field_label(m.group(1)) and (
        re.search(r"[:：]", m.group(0)) or re.match(r"\s{2,}|[（(]", m.group(0)))]
    if not found:
        return value, []
    own = value[:found[0].start()].strip()
    if not own:
        return value, []
    pairs = []
    for k, m in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(value)
        text = value[m.end():end].strip()
        if text.endswith(("）", ")")) and value[m.start():m.end()].lstrip().startswith(("（", "(")):
            text = text[:-1].strip()
        pairs.append((m.group(1), text))
    return own, pairs


def assign(st: GridState, label: str, cell: Cell) -> None:
    """Put a labelled value where it belongs: project name, department, unit, amount, goal or a field.
    A short value that runs into the next label on its line is split there."""
    key = re.sub(r"^其中[:：]?", "", clean_label(label))
    base = _PAREN.sub("", key)
    if "目标" not in base and len(cell.text) <= 120:
        own, pairs = split_neighbours(cell.text.strip())
        if pairs:
            _assign(st, key, base, Cell(own, cell.pos))
            for other, text in pairs:
                assign(st, other, Cell(text, cell.pos))
            return
    _assign(st, key, base, cell)


def _assign(st: GridState, key: str, base: str, cell: Cell) -> None:
    draft = st.draft
    value = cell.text.strip()
    unit = MONEY_UNIT.search(key)
    if base == "项目名称":
        if draft.name is not None or draft.has_indicators():
            st.flush()
            draft = st.draft
        draft.name = join_lines(value)
        draft.position = cell.pos
        draft.line = cell.pos.line
        return
    if base in ("部门名称", "预算单位", "单位名称", "预算部门"):
        if st.table.department is None:
            st.table.department = join_lines(value)
        else:
            draft.put(key, value)
        return
    if base in ("主管部门", "主管单位"):
        draft.department = join_lines(value)
        return
    if base in ("实施单位", "资金使用单位", "项目实施单位", "使用单位"):
        draft.unit = join_lines(value)
        return
    if unit and re.search(r"资金|预算|金额|总额", base):
        draft.fields.setdefault("资金单位", unit.group(1))
    if re.search(r"年度.*(资金|预算)|年度.*总额", base):
        draft.amounts.append((0 if "申请" in base else 1, key, value))
        return
    if re.search(r"资金总额|项目总额|总金额|预算金额", base):
        draft.amounts.append((2 if "项目" in base else 1 if base == "资金总额" else 3, key, value))
        return
    if re.search(r"目标", base) and base not in FRAME_LABELS:
        if base in ("年度绩效目标", "年度目标", "年度总体目标"):
            rank = 0
        elif base in ("总体目标", "绩效目标", "项目总体目标", "项目绩效目标", "长期目标"):
            rank = 2
        else:
            rank = 3 if re.search(r"中期|长期|实施期|总体", base) else 1
        draft.goals.append((rank, key, value))
        return
    draft.put(key, value)
