"""Which expert answers the response models' validators accept on the first request, and why the others are sent
back. ``python -m evals.datasets.expert_answers.accept`` prints one line per rejection and the totals; exit code 1
when any answer is rejected (issue 11 wants 100 %).

The validation context is built as the tasks build it: ``assistant.tasks.rewrite.context`` for a rewrite; for
suggest the keys ``amodel_suggest`` passes (task, policy, layout, recipients, name, goal) with the default
policy's layout and recipients taken as true (every one of the 15 items serves people or enterprises).
"""

from __future__ import annotations

import json
import sys
from typing import Any

from evals.datasets.expert_answers.build import HERE


def suggest_context(request: dict[str, Any]) -> dict[str, Any]:
    from assistant.tasks import checks

    return {"task": "suggest", "policy": None, "layout": checks.layout(None), "recipients": True,
            "name": request["name"], "goal": request["goal"]}


def rewrite_context(request: dict[str, Any]) -> dict[str, Any]:
    from assistant.model import Indicator, Project
    from assistant.parse import parse_target
    from assistant.tasks.rewrite import context

    row, proj = request["row"], request["project"]
    ind = Indicator(category=row["category"], subcategory=row["subcategory"], name=row["name"], value=row["value"],
                    target=parse_target(row["value"]))
    return context(ind, Project(name=proj["name"], goal=proj["goal"], groups=[[ind]]))


def rejections() -> tuple[dict[str, str], int]:
    """``({id: the validator's message}, number of answers)`` over both files."""
    from assistant.tasks.answers import RewriteAnswer, SuggestAnswer

    out: dict[str, str] = {}
    total = 0
    for name, model, ctx in (("suggest.json", SuggestAnswer, suggest_context),
                             ("rewrite.json", RewriteAnswer, rewrite_context)):
        for key, entry in json.loads((HERE / name).read_text(encoding="utf-8"))["answers"].items():
            total += 1
            try:
                model.model_validate(entry["answer"], context=ctx(entry["request"]))
            except ValueError as err:
                out[key] = " ".join(str(err).split())
    return out, total


def main() -> int:
    rejected, total = rejections()
    for key, message in rejected.items():
        print(f"{key}：{message[:400]}")
    print(f"首次请求即通过 accepted on the first request：{total - len(rejected)}/{total}")
    return 1 if rejected else 0


if __name__ == "__main__":
    sys.exit(main())
