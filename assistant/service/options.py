"""The one options type of the service layer, checked as a whole before any file is read or model called."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from assistant.service.errors import ServiceError

Format = Literal["text", "md", "html", "xlsx", "json"]
FailOn = Literal["error", "warning", "info", "never"]
FORMATS: dict[str, Format] = {"text": "text", "txt": "text", "md": "md", "markdown": "md", "html": "html",
                              "xlsx": "xlsx", "json": "json"}
FAIL_ON: tuple[FailOn, ...] = ("error", "warning", "info", "never")
RULES = "rules"


@dataclass(frozen=True)
class Options:
    """What the user chose, for every operation.

    ``policy``: the review standard (口径), a bundled name (``guangzhou``, ``central``) or a TOML file;
    None is the default. ``endpoint``: the model endpoint by name; None is the configured default (none
    configured: the rules), ``"rules"`` the rules backend whatever is configured. ``use_model``: review
    with the model after the rules. ``fmt``/``output``: the report format and file (None: the terminal).
    ``fail_on``: the severity that makes a review exit 1. ``checkpoint``: a JSONL file of finished model
    calls to resume from. ``batch_out``/``batch_in``: write the model requests as an OpenAI Batch API
    JSONL file instead of calling (the format vLLM's ``run_batch`` and hosted batch services take), or
    read that batch's results file back into the same report.
    """

    policy: str | None = None
    endpoint: str | None = None
    use_model: bool = False
    fmt: str = "text"
    output: Path | None = None
    fail_on: str = "never"
    checkpoint: Path | None = None
    batch_out: Path | None = None
    batch_in: Path | None = None

    @property
    def format(self) -> Format:
        return FORMATS[self.fmt]

    @property
    def threshold(self) -> FailOn:
        """``fail_on`` as its literal; call on a :meth:`checked` copy."""
        return next(v for v in FAIL_ON if v == self.fail_on)

    def checked(self) -> Options:
        """A normalised copy, or :class:`ServiceError` naming the first bad value. Loads the policy and
        the endpoint's configuration (no network) so that a typo fails before any work is done."""
        fmt = (self.fmt or "text").strip().lower()
        if fmt not in FORMATS:
            raise ServiceError(f"不支持的报告格式“{self.fmt}”，可选：text、md、html、xlsx、json",
                               f"Unknown format '{self.fmt}': use text, md, html, xlsx or json")
        fail_on = (self.fail_on or "never").strip().lower()
        if fail_on not in FAIL_ON:
            raise ServiceError(f"--fail-on 取值“{self.fail_on}”无效，可选：error、warning、info、never",
                               f"Invalid --fail-on '{self.fail_on}': use error, warning, info or never")
        if FORMATS[fmt] == "xlsx" and self.output is None:
            raise ServiceError("xlsx 报告需要用 -o 指定输出文件，如：jixiao review 表.txt --format xlsx -o 审核结果.xlsx",
                               "The xlsx format needs -o FILE")
        if (self.checkpoint or self.batch_out or self.batch_in) and not self.use_model:
            raise ServiceError("--checkpoint、--batch-out、--batch-in 只用于模型审核，请同时加 --llm",
                               "--checkpoint, --batch-out and --batch-in need --llm", where="--llm")
        if self.batch_out is not None and self.batch_in is not None:
            raise ServiceError("--batch-out 与 --batch-in 不能同时使用：先写出请求文件，批处理完成后再读回结果",
                               "Use --batch-out and --batch-in in two separate runs", where="--batch-in")
        if self.batch_in is not None and not Path(self.batch_in).is_file():
            raise ServiceError("找不到批处理结果文件", "Batch results file not found", path=str(self.batch_in))
        out = replace(self, fmt=fmt, fail_on=fail_on)
        from assistant.service.resolve import load_policy, resolve_endpoint

        load_policy(out.policy)
        if out.use_model and resolve_endpoint(out.endpoint) is None:
            raise ServiceError("模型审核需要模型端点：请用 --endpoint 选择，或设置 JIXIAO_BASE_URL/JIXIAO_MODEL。"
                               "不加 --llm 时只做规则审核。",
                               "Model review needs an endpoint: pass --endpoint NAME or set JIXIAO_BASE_URL and "
                               "JIXIAO_MODEL; without --llm only the rules run.", where="--endpoint")
        return out
