"""``jixiao eval``: hand the arguments to ``evals/runner.py`` of the source tree this package runs from."""

from __future__ import annotations

import sys
from pathlib import Path


def run(args: list[str]) -> int:
    """Exit code of ``evals.runner.main(args)``; 2 when the package is not run from a source checkout."""
    root = Path(__file__).resolve().parent.parent
    if not (root / "evals" / "runner.py").exists():
        print("评测只能在源码仓库中运行（需要 evals/ 目录）。", file=sys.stderr)
        return 2
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from evals.runner import main

    return main(args)
