"""The interpreter's state while it walks a grid: the project being built and what rows inherit."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.model import Indicator, ParseWarning, Position, Project, Table
from assistant.parse.cells import parse_number
from assistant.parse.header import Header
from assistant.parse.limits import MAX_WARNINGS, too_many_warnings


@dataclass
class ProjectDraft:
    """A project being read: header fields, ranked goal and amount candidates, indicator groups."""

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
            amount = _in_wan(amount, amount_text, label, fields)
        return Project(line=self.line, name=self.name or "", goal=goal, groups=[g for g in self.groups if g],
                       unit=self.unit, department=self.department, amount=amount, amount_text=amount_text,
                       fields=fields, position=self.position)


_MONEY_UNIT = re.compile(r"(亿元|万元|元)")
_TO_WAN = {"元": 1e-4, "万元": 1.0, "亿元": 1e4}
_UNSTATED_LARGE = 100_000


def _in_wan(amount: float | None, text: str | None, label: str, fields: dict[str, str]) -> float | None:
    """The project amount in 万元 (the unit the review and drafting use). A table printed in 元 or 亿元 is
    converted and the conversion is recorded in ``fields["金额换算"]`` so the reader sees it."""
    if amount is None:
        return None
    found = _MONEY_UNIT.search(text or "") or _MONEY_UNIT.search(label)
    unit = found.group(1) if found else fields.get("资金单位")
    if unit is None and amount >= _UNSTATED_LARGE:
        fields["金额换算"] = f"{label}：{(text or '').strip()} 未注明单位，按万元读取；若单位为元，则为 " \
                         f"{round(amount * 1e-4, 6):g}万元，请核对。"
        return amount
    if unit not in _TO_WAN or unit == "万元":
        return amount
    wan = round(amount * _TO_WAN[unit], 6)
    fields["金额换算"] = f"{label}：{(text or '').strip()}{'' if found and found.group(1) in (text or '') else unit}" \
                     f" = {wan:g}万元"
    return wan


@dataclass
class Inherited:
    """What an indicator row takes from the rows above it when its cells are empty (merged down)."""

    l1: str | None = None
    l2: str | None = None
    block_l2: dict[int, str] = field(default_factory=dict)
    group_key: str | None = None
    project_key: str | None = None
    empty_label: object | None = None


@dataclass
class GridState:
    """Everything the interpreter knows at a row: the table so far, the current header and draft, the
    labels waiting for their values, and what rows inherit."""

    table: Table
    path: str | None = None
    projects: list[Project] = field(default_factory=list)
    draft: ProjectDraft = field(default_factory=ProjectDraft)
    header: Header | None = None
    found_header: bool = False
    inherited: Inherited = field(default_factory=Inherited)
    pending_labels: list = field(default_factory=list)
    year: str | None = None
    in_funds_table: bool = False

    def warn(self, kind: str, text: str, pos: Position | None, message: str) -> None:
        """Keep ``text`` as a warning; refuse the input (ParseError) past :data:`MAX_WARNINGS` warnings,
        whose memory would otherwise grow with every unplaced cell of a huge sheet."""
        pos = pos or Position()
        if len(self.table.warnings) >= MAX_WARNINGS:
            raise too_many_warnings(self.path, pos.label() or None)
        self.table.warnings.append(ParseWarning(kind=kind, text=text, line=pos.line, sheet=pos.sheet,
                                                cell=pos.cell, page=pos.page, message=message))

    def label_unused(self) -> None:
        """A 二级 label row no indicator row used (经济效益指标 with nothing under it): keep it as a warning."""
        cell = self.inherited.empty_label
        if cell is not None:
            self.warn("empty_category", cell.text.strip(), cell.pos,
                      f"“{cell.text.strip()}”下没有三级指标（空行），原文保留于此。")
        self.inherited.empty_label = None

    def flush(self) -> None:
        """Close the current project (or keep its loose fields as warnings) and start a new draft."""
        self.label_unused()
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
        self.draft = ProjectDraft()
        self.header = None
        self.inherited = Inherited()

    def flush_keep_header(self) -> None:
        """Close the project but stay inside the same indicator header (a 项目名称 column changed)."""
        header, key = self.header, self.inherited.project_key
        self.flush()
        self.header = header
        self.inherited.project_key = key
