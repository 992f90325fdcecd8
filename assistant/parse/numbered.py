"""Reader for the published Guangzhou layout: one row per project, ``名称<TAB>绩效目标<TAB>绩效指标``, where the
indicator cell is a numbered list ``1、产出指标：名称，年度指标值：值。2、…``. A list that restarts its
numbering inside one cell starts a new group. A row with no project name is an orphan fragment: it becomes
a warning that keeps its text and line and is never merged into the row above.
"""

from __future__ import annotations

import re

from assistant.model import Indicator, ParseWarning, Position, Project, Table
from assistant.parse.categories import normalize_category
from assistant.parse.markup import strip_markup
from assistant.parse.value import parse_target

_ITEM = re.compile(r"(?<!\d)(?P<no>[1-9]\d{0,2})\s*[、.．]\s*(?P<cat>[^：:，,。\d]{1,12}指标)\s*[：:]")
_VALUE_LABEL = re.compile(r"[，,；;]?\s*(?:年度)?(?:指标值|目标值)\s*[：:]")
_TITLE = re.compile(r"^\s*#+\s*(?P<title>.+?)\s*$")
_DEPARTMENT = re.compile(r"^\s*(?P<label>部门名称|预算单位|主管部门|单位名称)\s*[：:]\s*(?P<dept>.+?)\s*$")
_VALUE_TAIL = re.compile(r"[。；;\s]+$")
_HEADER = re.compile(r"项目名称.*\t.*(?:绩效指标|绩效目标)")


def looks_numbered(text: str) -> bool:
    """True when the text holds at least two ``N、X指标：`` items (the numbered layout)."""
    return len(_ITEM.findall(strip_markup(text))) >= 2 and "\t" in text


def split_items(cell: str) -> tuple[str, list[tuple[int, str, str]]]:
    """Split an indicator cell into (leading text, [(no, category label, body)])."""
    matches = list(_ITEM.finditer(cell))
    if not matches:
        return cell, []
    items = []
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(cell)
        items.append((int(m.group("no")), m.group("cat"), cell[m.end():end]))
    return cell[: matches[0].start()], items


def _name_value(body: str) -> tuple[str, str, bool]:
    """Split ``名称，年度指标值：值。`` into name and value; the flag says whether a value label was found."""
    labels = list(_VALUE_LABEL.finditer(body))
    if not labels:
        return body.strip().rstrip("。").strip(), "", False
    last = labels[-1]
    name = body[: last.start()].strip().rstrip("，,").strip()
    value = body[last.end():].strip()
    value = _VALUE_TAIL.sub("", value)
    return name, value, True


def parse_numbered(text: str, source: str | None = None) -> Table:
    table = Table(source=source)
    for lineno, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        if "\t" not in line:
            _read_plain_line(table, line, lineno)
            continue
        if _HEADER.search(line):
            header = " | ".join(strip_markup(c).strip() for c in line.split("\t"))
            if "表头" in table.fields:
                table.warnings.append(ParseWarning(
                    kind="repeated_header", text=header, line=lineno, message=f"第{lineno}行是重复的表头，已跳过。"))
            else:
                table.fields["表头"] = header
            continue
        cells = [strip_markup(c) for c in line.split("\t")]
        name = cells[0].strip()
        if not name:
            fragment = "".join(c for c in cells if c.strip()).strip()
            table.warnings.append(ParseWarning(
                kind="orphan_fragment", text=fragment, line=lineno,
                message=f"第{lineno}行没有项目名称，无法归入任何项目，原文保留于此。"))
            continue
        table.projects.append(_project(table, cells, lineno))
    return table


def _read_plain_line(table: Table, line: str, lineno: int) -> None:
    text = strip_markup(line).strip()
    title = _TITLE.match(line)
    dept = _DEPARTMENT.match(text)
    if title and table.title is None:
        table.title = strip_markup(title.group("title")).strip()
    elif dept and table.department is None:
        table.department = dept.group("dept")
        table.fields[dept.group("label")] = dept.group("dept")
    elif table.title is None and not table.projects and "绩效目标" in text and len(text) <= 60:
        table.title = text
    else:
        table.warnings.append(ParseWarning(
            kind="unplaced_line", text=text, line=lineno,
            message=f"第{lineno}行不在任何表格行内，原文保留于此。"))


def _project(table: Table, cells: list[str], lineno: int) -> Project:
    name = cells[0].strip()
    goal = cells[1].strip() if len(cells) > 1 else ""
    indicator_text = "\t".join(cells[2:]).strip()
    project = Project(line=lineno, name=name, goal=goal, position=Position(line=lineno))
    lead, items = split_items(indicator_text)
    if lead.strip():
        table.warnings.append(ParseWarning(
            kind="unplaced_text", text=lead.strip(), line=lineno,
            message=f"第{lineno}行“{name}”的指标栏开头有无法归入指标的文字，原文保留于此。"))
    last_no = None
    for no, label, body in items:
        if last_no is None or no <= last_no:
            project.groups.append([])
        last_no = no
        ind_name, value, labelled = _name_value(body)
        category, sub = normalize_category(label)
        project.groups[-1].append(Indicator(
            no=no, category=category or label, subcategory=sub, category_raw=label, name=ind_name,
            value=value, target=parse_target(value), position=Position(line=lineno)))
        if not labelled:
            table.warnings.append(ParseWarning(
                kind="missing_value_label", text=body.strip(), line=lineno,
                message=f"第{lineno}行“{name}”第{no}项没有“年度指标值：”，整段记为指标名称。"))
    if not items and indicator_text:
        table.warnings.append(ParseWarning(
            kind="unplaced_text", text=indicator_text, line=lineno,
            message=f"第{lineno}行“{name}”的指标栏不是编号列表，原文保留于此。"))
    return project
