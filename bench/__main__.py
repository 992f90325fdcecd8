"""``python -m bench``: every benchmark in turn, with its figures saved under bench/results/."""

from __future__ import annotations

import sys

from bench import cli_startup, parse_review


def main() -> None:
    sys.argv = [sys.argv[0], "--save"]
    parse_review.main()
    cli_startup.main()


if __name__ == "__main__":
    main()
