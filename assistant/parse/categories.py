"""一级/二级 labels: normalise the names of both layouts (101号 and legacy) and their local variants."""

from __future__ import annotations

import re

from assistant.model import Category

_SPACE = re.compile(r"[\s\u3000]+")

# Older and local 一级 names → the four of 101号. Order matters: the first pattern found wins.
_LEVEL1: list[tuple[str, Category]] = [
    ("满意度", Category.SATISFACTION),
    ("成本", Category.COST),
    ("产出", Category.OUTPUT),
    ("项目完成", Category.OUTPUT),
    ("完成指标", Category.OUTPUT),
    ("效益", Category.OUTCOME),
    ("效果", Category.OUTCOME),
    ("影响", Category.OUTCOME),
]

# 二级 names, canonical form first. Keys are searched as substrings of the cleaned label.
_LEVEL2: list[tuple[str, str, Category]] = [
    ("数量", "数量指标", Category.OUTPUT),
    ("建筑规模", "数量指标", Category.OUTPUT),
    ("质量", "质量指标", Category.OUTPUT),
    ("时效", "时效指标", Category.OUTPUT),
    ("工期", "时效指标", Category.OUTPUT),
    ("经济成本", "经济成本指标", Category.COST),
    ("社会成本", "社会成本指标", Category.COST),
    ("生态环境成本", "生态环境成本指标", Category.COST),
    ("环境成本", "生态环境成本指标", Category.COST),
    ("预算", "经济成本指标", Category.COST),
    ("投资规模", "经济成本指标", Category.COST),
    ("成本", "成本指标", Category.COST),
    ("社会、经济、生态", "社会效益指标", Category.OUTCOME),
    ("经济效益", "经济效益指标", Category.OUTCOME),
    ("社会效益", "社会效益指标", Category.OUTCOME),
    ("生态效益", "生态效益指标", Category.OUTCOME),
    ("环境效益", "生态效益指标", Category.OUTCOME),
    ("可持续", "可持续影响指标", Category.OUTCOME),
    ("满意度", "服务对象满意度指标", Category.SATISFACTION),
]


def clean_label(label: str) -> str:
    """Join a label broken by line breaks or spaces (满意度指\\n标 → 满意度指标) and drop a ★ mark."""
    return _SPACE.sub("", label or "").replace("★", "").strip("：:")


def normalize_category(label: str) -> tuple[str | None, str | None]:
    """Map a 一级 label to (一级, 二级 implied by it). 产出指标/成本指标 of the legacy layout stays 产出."""
    text = clean_label(label)
    if not text:
        return None, None
    for key, cat in _LEVEL1:
        if key in text:
            return cat.value, None
    return None, None


def normalize_subcategory(label: str) -> tuple[str | None, str | None]:
    """Map a 二级 label to (canonical 二级, the 一级 it belongs to)."""
    text = clean_label(label)
    if not text:
        return None, None
    for key, canonical, parent in _LEVEL2:
        if key in text:
            return canonical, parent.value
    return (text if text.endswith("指标") else text + "指标"), None


_LEVEL2_ONLY = ("可持续", "经济效益", "社会效益", "生态效益", "环境效益", "数量", "质量", "时效", "经济成本",
                "社会成本", "环境成本", "服务对象", "社会公众")
_LEVEL2_TAIL = re.compile(r"指标(?:[（(][^()（）]*[)）])?$")


def is_category_label(label: str) -> bool:
    """A 一级 label (产出指标, 效果指标 …); 二级 names that contain a 一级 word (可持续影响指标) are not."""
    text = clean_label(label)
    if not text or len(text) > 14 or not text.endswith("指标") or any(k in text for k in _LEVEL2_ONLY):
        return False
    return normalize_category(text)[0] is not None


def is_subcategory_label(label: str) -> bool:
    """A 二级 label: a short name ending in 指标 (or 指标 plus a parenthesis), such as 时效指标(工期指标)."""
    text = clean_label(label)
    return bool(text) and len(text) <= 30 and bool(_LEVEL2_TAIL.search(text)) and not is_category_label(text)
