"""The service layer under the CLI and the page: one options type, one progress protocol, one error type,
and the operations both call. Importing it loads neither gradio, rich nor openai. The office round trip
(batch, compare, decide, letter) is :mod:`assistant.service.office`."""

from assistant.service.errors import ServiceError
from assistant.service.ops import (
    Outcome,
    add_reference,
    export,
    extract,
    locate,
    parse,
    parse_text,
    render,
    review,
    review_model,
    review_rules,
    rewrite,
    suggest,
    write_batch,
)
from assistant.service.options import FAIL_ON, FORMATS, Options
from assistant.service.progress import Progress, Step, no_progress
from assistant.service.resolve import RULES, load_policy, resolve_endpoint

__all__ = ["FAIL_ON", "FORMATS", "RULES", "Options", "Outcome", "Progress", "ServiceError", "Step", "add_reference", "export", "extract",
           "load_policy", "locate", "no_progress", "parse", "parse_text", "render", "resolve_endpoint", "review",
           "review_model", "review_rules", "rewrite", "suggest", "write_batch"]
