"""Draft downloads: the columnar .xlsx through :mod:`assistant.writers`, and a Word table."""

from __future__ import annotations

import re
from pathlib import Path

from assistant.model import Project, Table
from assistant.ui import services
from assistant.ui.rows import DRAFT_COLUMNS

WORD_COLUMNS = DRAFT_COLUMNS[:9]


def safe_stem(name: str) -> str:
    return re.sub(r'[\\/:*?"<>|\s]+', "_", name).strip("_.")[:40] or "绩效目标"


def write_docx(project: Project, rows: list[list[str]], path: Path) -> Path:
    """A Word document: project name, amount and goal, then one table row per indicator."""
    from docx import Document

    doc = Document()
    doc.add_heading("项目支出绩效目标表", level=1)
    doc.add_paragraph(f"项目名称：{project.name}")
    if project.amount is not None:
        doc.add_paragraph(f"资金总额（万元）：{project.amount:g}")
    if project.goal:
        doc.add_paragraph(f"绩效目标：{project.goal}")
    grid = doc.add_table(rows=1, cols=len(WORD_COLUMNS))
    grid.style = "Table Grid"
    for cell, name in zip(grid.rows[0].cells, WORD_COLUMNS, strict=True):
        cell.text = name
    for row in rows:
        for cell, value in zip(grid.add_row().cells, row[: len(WORD_COLUMNS)], strict=True):
            cell.text = value
    doc.add_paragraph("注：状态为“建议值，待确认”的指标值由助手提出，提交前请逐项核实。")
    doc.save(str(path))
    return path


def export_draft(project: Project, rows: list[list[str]], fmt: str) -> str:
    """Write the draft as ``fmt``: .xlsx (columnar layout) or .docx, into a fresh folder; return the path."""
    path = services.out_dir() / f"{safe_stem(project.name)}.{fmt}"
    if fmt == "xlsx":
        return str(services.write_table(Table(title="项目支出绩效目标表", projects=[project]), path))
    if fmt == "docx":
        return str(write_docx(project, rows, path))
    raise ValueError(fmt)
