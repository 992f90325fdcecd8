"""JSON Schema of the public types, generated from assistant/model.py into schemas/.

``python -m assistant.schemas`` rewrites the files; ``python -m assistant.schemas --check`` exits 1 when one
is stale (a test runs the check).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"


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


def main(argv: list[str]) -> int:
    files = render()
    if "--check" in argv:
        stale = [n for n, text in files.items()
                 if not (SCHEMA_DIR / n).exists() or (SCHEMA_DIR / n).read_text(encoding="utf-8") != text]
        for name in stale:
            print(f"schemas/{name} 已过期，请运行 make schemas / is stale: run `make schemas`")
        return 1 if stale else 0
    SCHEMA_DIR.mkdir(exist_ok=True)
    for name, text in files.items():
        (SCHEMA_DIR / name).write_text(text, encoding="utf-8")
        print(f"wrote schemas/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
