"""One indicator-library record (the ministry's 指标库 shape) and the project kinds that group records."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Direction = Literal["正向", "反向", "等于", "定性"]
Basis = Literal["计划标准", "历史标准", "行业标准", "预算支出标准", "其他标准"]
Layout = Literal["legacy", "101"]

BASES: tuple[str, ...] = ("计划标准", "历史标准", "行业标准", "预算支出标准", "其他标准")
LEVEL2 = {
    "产出": ("数量", "质量", "时效", "成本"),
    "效益": ("经济效益", "社会效益", "生态效益", "可持续影响"),
    "满意度": ("服务对象满意度",),
    "成本": ("经济成本", "社会成本", "生态环境成本"),
}


class Record(BaseModel):
    """A 三级指标 with everything the ministry's library keeps about it.

    ``level1``/``level2`` are stored in the legacy layout (成本 under 产出); rows that exist only in the
    101号 layout (社会成本, 生态环境成本) keep 一级 成本. ``in_layout`` maps a record at use time."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="指标编码, e.g. K22.2-04")
    name: str = Field(description="三级指标名称 (no value inside)")
    aliases: list[str] = Field(default_factory=list, description="同义名")
    level1: str = Field(description="一级指标 (legacy layout)")
    level2: str = Field(description="二级指标 (legacy layout)")
    kind: str = Field(description="项目类型 code, e.g. K22.2")
    kind_name: str = Field(description="项目类型, e.g. 河湖管护与河道保洁")
    sector: str = Field(description="行业领域/资金用途 group, e.g. 水利（工程、河湖管护与保洁、防汛抗旱）")
    common: Literal["共性", "个性"] = Field(description="共性 (by project type) or 个性 (by sector)")
    func_class: str | None = Field(default=None, description="支出功能分类 类, e.g. '213 农林水'")
    func_subclass: str | None = Field(default=None, description="支出功能分类 款, e.g. '21303 水利'")
    definition: str = Field(description="指标解释")
    formula: str | None = Field(default=None, description="计算公式")
    unit: str | None = Field(default=None, description="计量单位; None for 定性")
    direction: Direction
    comparator: Literal["≥", "≤", "=", "定性"]
    value_form: str = Field(description="典型值形式; N stands for the officer's number")
    value_note: str = Field(description="where the typical value or range comes from")
    basis: list[Basis] = Field(description="取值依据 (the five 绩效标准)")
    data_source: str = Field(description="数据来源: where the actual value will come from")
    keywords: list[str] = Field(default_factory=list, description="关键词 that route a project to this record")
    is_core: bool = Field(description="核心指标")
    scope: Literal["项目", "区域"] = "项目"
    evidence: Literal["official", "practice", "expert"] = "expert"
    source: str = Field(description="source line, e.g. 'INDICATORS.md K22.2-04 [expert]'")
    review_note: str | None = Field(default=None, description="what the library's reviewer changed, and why")

    def in_layout(self, layout: Layout = "legacy") -> Record | None:
        """This record with 一级/二级 for ``layout``; None when the row has no place in it
        (社会成本/生态环境成本 rows in the legacy layout)."""
        if layout == "101":
            if self.level1 == "产出" and self.level2 == "成本":
                return self.model_copy(update={"level1": "成本", "level2": "经济成本"})
            return self
        if self.level1 == "成本":
            if self.level2 == "经济成本":
                return self.model_copy(update={"level1": "产出", "level2": "成本"})
            return None
        return self


class Kind(BaseModel):
    """A project type (sub-kind) with its routing data."""

    model_config = ConfigDict(frozen=True)

    code: str = Field(description="e.g. K22.2")
    name: str = Field(description="e.g. 河湖管护与河道保洁")
    sector: str = Field(description="the kind group, e.g. 水利（工程、河湖管护与保洁、防汛抗旱）")
    common: Literal["共性", "个性"]
    func_class: str | None = None
    func_subclass: str | None = None
    keywords: list[str] = Field(default_factory=list, description="资金用途 words that route a project here")
    served: str = Field(default="", description="服务对象 (who answers the satisfaction survey)")
    mistakes: str = Field(default="", description="本类常见错误")
    source: str = ""
