"""Build the held-out-style review tables from ``review_tables_spec.py``: .xlsx, .docx, .html and
tab-separated .txt files, each with ``<id>.parse.json`` (the indicators as written, by hand) and
``<id>.review.json`` (the reviewer's labels).

    python -m evals.datasets.build_review_tables          # writes evals/datasets/review_tables/
    python -m evals.datasets.build_review_tables --check  # exit 1 if a committed gold JSON differs

The file writers and the parse-gold shape are ``build_columnar``'s; the project's parser and review engine
are never called.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from evals.datasets import build_columnar as columnar
from evals.datasets.review_tables_spec import CODES, PROJECT_LEVEL_CODES, TABLES

OUT_DIR = Path(__file__).resolve().parent / "review_tables"


def tsv_text(table: dict[str, Any]) -> str:
    """The table as a system export: one line per grid row, cells separated by tabs, merged cells blank."""
    lines = []
    for _, block in columnar.blocks(table):
        lines += ["\t".join(cell.replace("\n", "") for cell in row).rstrip("\t") for row in block.rows]
        lines.append("")
    return "\n".join(lines) + "\n"


def gold_review(table: dict[str, Any]) -> dict[str, Any]:
    """The labels in the seed gold's shape, with every scored code listed and each label's reason."""
    by_name = {p["name"]: p for p in table["projects"]}
    findings = []
    for code, project, item, note in table["findings"]:
        if code not in CODES:
            raise ValueError(f"{table['id']}: unknown code {code}")
        f: dict[str, Any] = {"code": code, "project": project}
        if item is not None:
            row = by_name[project]["rows"][item - 1]
            f.update(group=1, item=item, indicator=row["name"].replace("★", "").strip(), value=row["value"])
        f["note"] = note
        findings.append(f)
    return {"source": table["source"], "file": f"{table['id']}.{table['format']}", "codes": dict(CODES),
            "project_level_codes": list(PROJECT_LEVEL_CODES), "findings": findings}


def build(out: Path = OUT_DIR, check: bool = False) -> list[str]:
    """Write every file (or, with ``check``, only compare the gold JSON); return the differing names."""
    out.mkdir(parents=True, exist_ok=True)
    differ = []
    for table in TABLES:
        for name, text in ((f"{table['id']}.parse.json", columnar._json(columnar.gold_parse(table))),
                           (f"{table['id']}.review.json", columnar._json(gold_review(table)))):
            path = out / name
            if check:
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    differ.append(name)
            else:
                path.write_text(text, encoding="utf-8")
        if check:
            continue
        target = out / f"{table['id']}.{table['format']}"
        if table["format"] == "xlsx":
            columnar.write_xlsx(table, target)
        elif table["format"] == "docx":
            columnar.write_docx(table, target)
        elif table["format"] == "html":
            target.write_text(columnar.html_text(table), encoding="utf-8")
        else:
            target.write_text(tsv_text(table), encoding="utf-8")
    return differ


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="生成外省风格审核评测表格与人工标注")
    ap.add_argument("--check", action="store_true", help="只检查已提交的标注 JSON 是否与 spec 一致")
    args = ap.parse_args(argv)
    differ = build(check=args.check)
    if differ:
        print("与 spec 不一致：" + "、".join(differ))
        return 1
    print("已生成" if not args.check else "一致", OUT_DIR)
    return 0


if __name__ == "__main__":
    sys.exit(main())
