"""``jixiao eval``: hand the arguments to ``evals/runner.py`` of the source tree this package runs from.
Evaluation is a checkout tool (its datasets are not installed); ``python -m evals`` runs the same."""

from __future__ import annotations

import sys
from pathlib import Path


def run(args: list[str]) -> int:
    """Exit code of ``evals.runner.main(args)``; 2 when the package is not run from a source checkout."""
    root = Path(__file__).resolve().parent.parent
    if not (root / "evals" / "runner.py").exists():
        print("评测是源码仓库的工具：请在仓库中运行 python -m evals（或 jixiao eval），安装包不带评测数据。\n"
              "Evaluation is a checkout tool: run `python -m evals` in the source repository; the installed "
              "package does not ship the evaluation data.", file=sys.stderr)
        return 2
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from evals.runner import main

    code: int = main(args)
    return code
