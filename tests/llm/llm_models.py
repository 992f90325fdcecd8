"""Response models the tests ask for: the shape of ``prompts/extract_indicators.md``."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ValidationInfo, field_validator, model_validator


class ExtractedIndicator(BaseModel):
    name: str
    value: str
    op: Literal[">=", "<=", ">", "<", "=", "range", "qualitative"]
    number: float | None = None
    unit: str | None = None


class Extraction(BaseModel):
    """Validators speak Chinese: their messages go back to the model on retry."""

    indicators: list[ExtractedIndicator]

    @field_validator("indicators")
    @classmethod
    def not_empty(cls, value: list[ExtractedIndicator]) -> list[ExtractedIndicator]:
        if not value:
            raise ValueError("至少应提取一条指标，原文中有指标")
        return value

    @model_validator(mode="after")
    def numbers_in_source(self, info: ValidationInfo) -> Extraction:
        source = (info.context or {}).get("source")
        if source is None:
            return self
        for ind in self.indicators:
            if ind.number is not None and f"{ind.number:g}" not in source:
                raise ValueError(f"指标“{ind.name}”的数值 {ind.number:g} 不在原文中，不得编造数字")
        return self
