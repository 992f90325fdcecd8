"""Build the held-out-style review tables from ``review_tables_spec.py``: .xlsx, .docx, .html and
tab-separated .txt files, each with ``<id>.parse.json`` (the indicators as written, by hand) and
``<id>.review.json`` (the reviewer's labels).

    python -m evals.datasets.build_review_tables          # writes evals/datasets/review_tables/
    python -m evals.datasets.build_review_tables --check  # exit 1 if a committed gold JSON differs

The file writers, the parse-gold shape and the build loop are ``build_columnar``'s; the project's parser and review engine
are never called.
"""

from __future__ import annotations

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


def _write_tsv(table: dict[str, Any], path: Path) -> None:
    path.write_text(tsv_text(table), encoding="utf-8")


def build(out: Path = OUT_DIR, check: bool = False) -> list[str]:
    """Write every review table (or, with ``check``, only compare the gold JSON); return the differing names."""
    return columnar.write_set(TABLES, out, check=check, review=gold_review,
                              writers={**columnar.WRITERS, "txt": _write_tsv})


def main(argv: list[str] | None = None) -> int:
    return columnar.command(build, OUT_DIR, "生成外省风格审核评测表格与人工标注", argv)


if __name__ == "__main__":
    sys.exit(main())
