"""``python -m bench``: every benchmark in turn, with its figures saved under bench/results/."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from bench import (
    cli_startup,
    input_limits,
    office_batch,
    page_load,
    parse_review,
    report_formats,
    suggest_library,
)


def main() -> None:
    sys.argv = [sys.argv[0], "--save"]
    parse_review.main()
    cli_startup.main()
    office_batch.main()
    suggest_library.main()
    page_load.main()
    report_formats.main()
    input_limits.main()
    sys.argv = [sys.argv[0]]
    runpy.run_path(str(Path(__file__).with_name("llm_concurrency.py")), run_name="__main__")


if __name__ == "__main__":
    main()
