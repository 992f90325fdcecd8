"""Build the columnar gold files from ``columnar_spec.py``: .xlsx (openpyxl), .docx (python-docx), .html.

    python -m evals.datasets.build_columnar          # writes evals/datasets/columnar/
    python -m evals.datasets.build_columnar --check  # exit 1 if a committed gold JSON differs

For each table it writes ``<id>.<format>`` (the file a user would upload), ``<id>.parse.json`` and
``<id>.review.json`` (the hand-written reading of the spec, in the seed gold's shape). The gold JSON is
expanded from the spec's hand-written parts; the project's parser is never called.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evals.datasets.columnar_spec import TABLES

OUT_DIR = Path(__file__).resolve().parent / "columnar"
SEED_REVIEW = Path(__file__).resolve().parent / "gold" / "000_203a48228822a7e9.review.json"
FIXED_TIME = (2025, 1, 1, 0, 0, 0)


@dataclass
class Block:
    """A rectangle of text cells with merged ranges (0-based, inclusive) — one sheet or one table."""

    width: int
    rows: list[list[str]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)

    def add(self, cells: list[str], span_last: bool = True) -> int:
        row = list(cells) + [""] * (self.width - len(cells))
        self.rows.append(row[: self.width])
        r = len(self.rows) - 1
        if span_last and 0 < len(cells) < self.width:
            self.merges.append((r, len(cells) - 1, r, self.width - 1))
        return r


def _columns(table: dict[str, Any]) -> list[tuple[str, str]]:
    cols = list(table["columns"])
    return [(table["frame"], "frame"), *cols] if table.get("frame") else cols


def _project_rows(block: Block, table: dict[str, Any], project: dict[str, Any]) -> None:
    cols = _columns(table)
    for cells in project["fields"]:
        block.add([project["goal"] if c == "@goal" else c for c in cells])
    header = block.add([label for label, _ in cols], span_last=False)
    first = len(block.rows)
    blank = set(table.get("blank_repeats", []))
    previous: dict[str, str] = {}
    for row in project["rows"]:
        cells = []
        for _, key in cols:
            text = "" if key == "frame" else str(row.get(key, "") or "")
            if key in blank and previous.get(key) == text:
                cells.append("")
            else:
                cells.append(text)
            previous[key] = text
        block.add(cells, span_last=False)
    last = len(block.rows) - 1
    for key in table.get("vmerge", []):
        c = [k for _, k in cols].index(key)
        start = first
        for r in range(first, last + 2):
            if r > last or block.rows[r][c] != block.rows[start][c]:
                if r - 1 > start:
                    block.merges.append((start, c, r - 1, c))
                    for k in range(start + 1, r):
                        block.rows[k][c] = ""
                start = r
    if table.get("frame"):
        block.merges.append((header, 0, last, 0))


def blocks(table: dict[str, Any]) -> list[tuple[str, Block]]:
    """The table laid out as named blocks: one per project when ``sheet_per_project``, for docx one per
    project, otherwise one for the whole table."""
    width = len(_columns(table))
    per_project = table.get("sheet_per_project") or table["format"] == "docx"
    out: list[tuple[str, Block]] = []
    for i, project in enumerate(table["projects"]):
        if per_project or i == 0:
            block = Block(width)
            if i == 0 or table.get("sheet_per_project"):
                block.add([table["title"]])
                for cells in table.get("preamble", []):
                    block.add(cells)
            out.append((project["name"][:28] if per_project else "绩效目标表", block))
        _project_rows(out[-1][1], table, project)
    return out


def write_xlsx(table: dict[str, Any], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    wb = Workbook()
    wb.remove(wb.active)
    for name, block in blocks(table):
        ws = wb.create_sheet(name)
        for r, row in enumerate(block.rows, start=1):
            for c, text in enumerate(row, start=1):
                if text:
                    cell = ws.cell(r, c, text)
                    if text.startswith("="):
                        cell.data_type = "s"
                        cell.quotePrefix = True
                    cell.alignment = Alignment(wrap_text=True, vertical="center")
        for r1, c1, r2, c2 in block.merges:
            ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    from datetime import datetime

    wb.properties.created = wb.properties.modified = datetime(*FIXED_TIME)
    wb.save(path)


def write_docx(table: dict[str, Any], path: Path) -> None:
    from datetime import datetime

    import docx

    doc = docx.Document()
    for _, block in blocks(table):
        t = doc.add_table(rows=len(block.rows), cols=block.width)
        t.style = "Table Grid"
        for r, row in enumerate(block.rows):
            for c, text in enumerate(row):
                if text:
                    t.cell(r, c).text = text
        for r1, c1, r2, c2 in block.merges:
            keep = t.cell(r1, c1).text
            t.cell(r1, c1).merge(t.cell(r2, c2)).text = keep
        doc.add_paragraph("")
    doc.core_properties.created = doc.core_properties.modified = datetime(*FIXED_TIME)
    doc.save(path)


def html_text(table: dict[str, Any]) -> str:
    """The table as an HTML page: page chrome in paragraphs, merged cells as rowspan/colspan."""
    parts = ["<!DOCTYPE html>", "<html><head><meta charset=\"utf-8\"><title>"
             f"{html.escape(table['title'])}</title></head><body>"]
    parts += [f"<p>{html.escape(line)}</p>" for line in table.get("chrome", [])]
    for _, block in blocks(table):
        covered: set[tuple[int, int]] = set()
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        for r1, c1, r2, c2 in block.merges:
            spans[(r1, c1)] = (r2 - r1 + 1, c2 - c1 + 1)
            covered |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)} - {(r1, c1)}
        parts.append("<table border=\"1\">")
        for r, row in enumerate(block.rows):
            cells = []
            for c, text in enumerate(row):
                if (r, c) in covered:
                    continue
                rs, cs = spans.get((r, c), (1, 1))
                attrs = (f" rowspan=\"{rs}\"" if rs > 1 else "") + (f" colspan=\"{cs}\"" if cs > 1 else "")
                cells.append(f"<td{attrs}>{html.escape(text).replace(chr(10), '<br>')}</td>")
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def gold_parse(table: dict[str, Any]) -> dict[str, Any]:
    """The seed-gold shape, from the spec's hand-written reading."""
    projects = []
    for project in table["projects"]:
        group = []
        for row in project["rows"]:
            parts = [dict(p) for p in row["parts"]]
            group.append({"no": None, "category": row["cat"], "name": row["name"].replace("★", "").strip(),
                          "value": row["value"],
                          "target": {"kind": "quantitative" if parts else "qualitative", "parts": parts}})
        projects.append({"line": None, "name": project["name"], "goal": project["goal"], "groups": [group]})
    return {"source": table["source"], "layout": table["layout"], "file": f"{table['id']}.{table['format']}",
            "title": table["title"], "department": table["department"], "projects": projects, "warnings": []}


def gold_review(table: dict[str, Any]) -> dict[str, Any]:
    by_name = {p["name"]: p for p in table["projects"]}
    findings = []
    for code, project, group, item in table["findings"]:
        f: dict[str, Any] = {"code": code, "project": project}
        if group is not None:
            row = by_name[project]["rows"][item - 1]
            f.update(group=group, item=item, indicator=row["name"].replace("★", ""), value=row["value"])
        findings.append(f)
    codes = json.loads(SEED_REVIEW.read_text(encoding="utf-8"))["codes"]
    return {"source": table["source"], "file": f"{table['id']}.{table['format']}", "codes": codes,
            "findings": findings}


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


Writer = Callable[[dict[str, Any], Path], None]


def _write_html(table: dict[str, Any], path: Path) -> None:
    path.write_text(html_text(table), encoding="utf-8")


WRITERS: dict[str, Writer] = {"xlsx": write_xlsx, "docx": write_docx, "html": _write_html}


def write_set(tables: list[dict[str, Any]], out: Path, *, check: bool,
              review: Callable[[dict[str, Any]], dict[str, Any]], writers: dict[str, Writer]) -> list[str]:
    """Write each table's ``<id>.parse.json``, ``<id>.review.json`` (from ``review``) and ``<id>.<format>``
    (by ``writers[format]``), or with ``check`` only compare the gold JSON; return the differing names."""
    out.mkdir(parents=True, exist_ok=True)
    differ = []
    for table in tables:
        for name, text in ((f"{table['id']}.parse.json", _json(gold_parse(table))),
                           (f"{table['id']}.review.json", _json(review(table)))):
            path = out / name
            if check:
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    differ.append(name)
            else:
                path.write_text(text, encoding="utf-8")
        if not check:
            writers[table["format"]](table, out / f"{table['id']}.{table['format']}")
    return differ


def build(out: Path = OUT_DIR, check: bool = False) -> list[str]:
    """Write every columnar file (or, with ``check``, only compare the gold JSON); return the differing names."""
    return write_set(TABLES, out, check=check, review=gold_review, writers=WRITERS)


def command(build: Callable[..., list[str]], out: Path, description: str, argv: list[str] | None) -> int:
    """The ``python -m`` entry of a dataset builder: ``--check`` compares, otherwise it writes ``out``."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--check", action="store_true", help="只检查已提交的金标准 JSON 是否与 spec 一致")
    args = ap.parse_args(argv)
    differ = build(check=args.check)
    if differ:
        print("与 spec 不一致：" + "、".join(differ))
        return 1
    print("已生成" if not args.check else "一致", out)
    return 0


def main(argv: list[str] | None = None) -> int:
    return command(build, OUT_DIR, "生成列式金标准表格文件与金标准 JSON", argv)


if __name__ == "__main__":
    sys.exit(main())
