"""JSON Schema of the public types, generated from the pydantic models.

``python -m assistant.schemas --out DIR`` writes the files into DIR; in a source checkout DIR defaults to
the repository's ``schemas/`` (which ships in the package as ``assistant.jsonschemas``), installed it must
be given. ``python -m assistant.schemas --check`` exits 1 when a file of the packaged copy is stale (a test
runs the check).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from assistant.paths import packaged

SCHEMA_DIR = packaged("jsonschemas")
CHECKOUT_DIR = Path(__file__).resolve().parent.parent / "schemas"


def _models() -> dict[str, type[BaseModel]]:
    from assistant.model import Finding, Grade, Table

    models: dict[str, type[BaseModel]] = {"table": Table, "finding": Finding, "grade": Grade}
    from assistant.tasks.models import LLMReviewResult, RewriteResult, SuggestResult

    models |= {"suggest-result": SuggestResult, "rewrite-result": RewriteResult, "llm-review": LLMReviewResult}
    try:
        from assistant.review.result import ReviewReport
    except ImportError:
        return models
    models["review-report"] = ReviewReport
    return models


def render() -> dict[str, str]:
    """File name → schema text, exactly as committed."""
    return {
        f"{name}.schema.json": json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2) + "\n"
        for name, model in _models().items()
    }


def _out_dir(argv: list[str]) -> Path | None:
    if "--out" in argv:
        at = argv.index("--out")
        return Path(argv[at + 1]) if at + 1 < len(argv) else None
    return CHECKOUT_DIR if (CHECKOUT_DIR.parent / "pyproject.toml").exists() else None


def main(argv: list[str]) -> int:
    files = render()
    if "--check" in argv:
        stale = [n for n, text in files.items()
                 if not (SCHEMA_DIR / n).exists() or (SCHEMA_DIR / n).read_text(encoding="utf-8") != text]
        for name in stale:
            print(f"{SCHEMA_DIR / name} 已过期，请运行 make schemas / is stale: run `make schemas`")
        return 1 if stale else 0
    out = _out_dir(argv)
    if out is None:
        print("请用 --out 目录 指定写到哪里 / Tell me where to write: --out DIR", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
        print(f"wrote {out / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
