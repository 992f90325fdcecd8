"""Write the gold parse JSON of the published layouts from ``layouts_spec.py`` (the parser is never called).

    python -m evals.datasets.build_layouts          # writes evals/datasets/layouts/<file>.parse.json
    python -m evals.datasets.build_layouts --check  # exit 1 if a committed gold JSON differs
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from evals.datasets.layouts_spec import TABLES

OUT_DIR = Path(__file__).resolve().parent / "layouts"


def gold(file: str, spec: dict[str, Any]) -> dict[str, Any]:
    projects = []
    for p in spec["projects"]:
        inds = []
        for row in p["rows"]:
            kind = "quantitative" if any(x["value"] is not None for x in row["parts"]) else \
                "missing" if row["parts"] else "qualitative"
            inds.append({"category": row["category"], "name": row["name"], "value": row["value"],
                         "target": {"kind": kind, "parts": row["parts"]}})
        projects.append({"line": None, "name": p["name"], "goal": p["goal"], "groups": [inds]})
    return {"source": "issue 12 layout description; fixture written by hand", "layout": spec["layout"],
            "file": file, "title": spec.get("title"), "department": spec.get("department"),
            "projects": projects, "warnings": []}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args(argv)
    bad = 0
    for file, spec in TABLES.items():
        path = OUT_DIR / f"{Path(file).stem}.parse.json"
        text = json.dumps(gold(file, spec), ensure_ascii=False, indent=1) + "\n"
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                print(f"differs: {path.name}")
                bad += 1
        else:
            path.write_text(text, encoding="utf-8")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
