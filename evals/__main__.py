"""``python -m evals`` from the checkout: the evaluation runner (same arguments as ``jixiao eval``)."""

import sys

from evals.runner import main

sys.exit(main(sys.argv[1:]))
