"""Targets the user already stated in a goal or content text ("新增10个服务事项", "覆盖率达到95%",
"2025年10月底前完工"), turned into indicator rows that carry the user's own numbers and nothing else."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.parse.value import normalize

_COUNT_UNITS = ("人次", "户次", "场次", "班次", "个", "项", "人", "名", "家", "户", "场", "期", "次", "份", "篇", "套",
                "台", "件", "条", "所", "座", "处", "批", "本", "册", "部", "辆", "张")
_SIZE_UNITS = ("平方公里", "平方米", "公里", "千米", "km", "m²", "亩", "吨", "米")
_UNITS = sorted(_COUNT_UNITS + _SIZE_UNITS + ("%", "万元", "元"), key=len, reverse=True)
_OPS = {"不少于": "≥", "不低于": "≥", "达到": "≥", "至少": "≥", "≥": "≥", "超过": ">", "不超过": "≤", "控制在": "≤",
        "≤": "≤", "以内": "≤"}
_NUM = re.compile(r"(?P<op>不少于|不低于|达到|至少|超过|不超过|控制在|≥|≤)?\s*(?P<num>\d+(?:\.\d+)?)\s*"
                  rf"(?P<unit>{'|'.join(re.escape(u) for u in _UNITS)})")
_DATE = re.compile(r"\d{4}年\d{1,2}月(?:\d{1,2}日|底|末|中旬|上旬|下旬)?(?:前|之前|以前)?")
_CLAUSE = re.compile(r"[，,。；;、\n]")
_LEAD = re.compile(r"^(?:通过|力争|计划|预计|全年|年内|共|累计|合计|并|和|及)")
_QUALITY = re.compile(r"合格|验收|准确|达标|完成率|通过率|完好")


@dataclass(frozen=True)
class GivenTarget:
    sub: str
    name: str
    value: str
    unit: str | None
    clause: str


def _name(before: str, after: str, unit: str) -> str:
    core = _LEAD.sub("", (before + after).strip(" ：:")).strip()
    if unit in ("人次", "户次", "场次", "班次"):
        return core if core.endswith(unit) else core + unit
    if unit in _SIZE_UNITS:
        return core + "规模"
    if unit in ("万元", "元"):
        return core + "金额"
    return core if re.search(r"(?:数|量|率|度)$", core) else core + "数量"


def goal_targets(*texts: str | None) -> list[GivenTarget]:
    """Every clause of ``texts`` that states one number with a unit, or one date, as a row."""
    out: list[GivenTarget] = []
    for text in texts:
        for clause in _CLAUSE.split(normalize(text or "")):
            clause = clause.strip()
            date = _DATE.search(clause)
            if date:
                rest = (clause[:date.start()] + clause[date.end():]).strip()
                value = date.group(0) if re.search(r"前$", date.group(0)) else date.group(0) + "前"
                rest = _LEAD.sub("", rest)
                name = rest + "时间" if re.search(r"(?:完工|完成|上线|交付|竣工|验收)$", rest) else rest + "完成时间"
                out.append(GivenTarget("时效指标", name, value, None, clause))
                continue
            found = list(_NUM.finditer(clause))
            if len(found) != 1:
                continue
            m = found[0]
            unit, op = m.group("unit"), _OPS.get(m.group("op") or "", "≥")
            if unit == "%" and not m.group("op") and float(m.group("num")) == 100:
                op = "="
            before, after = clause[:m.start()], clause[m.end():]
            if unit == "%":
                sub = "质量指标" if _QUALITY.search(before) else "社会效益指标"
                name = _LEAD.sub("", before).strip()
            else:
                sub, name = "数量指标", _name(before, after, unit)
            if len(name) < 2:
                continue
            out.append(GivenTarget(sub, name, f"{op}{m.group('num')}{unit}", unit, clause))
    return out
