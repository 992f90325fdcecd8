"""The rules backend of suggest: the officer's facts first, then the best-matching library records.

``draft_rows(desc, layout, recipients)`` returns rows and notes: every row the officer's figures make
(:mod:`assistant.tasks.facts`), then, per 二级, the records that rank best against the whole description
(:mod:`assistant.tasks.records`, across project types) where the officer's facts leave the 二级 thin, and a
row for every goal clause without a figure. Each row names the record(s) it came from; a number the officer
did not give is a 【待填】 placeholder flagged proposed.
"""

from __future__ import annotations

import re

from assistant.examples import tokens
from assistant.tasks.checks import OUTCOME_SUBS, place
from assistant.tasks.facts import FactRow, Facts, read_facts
from assistant.tasks.models import ProjectDescription, SuggestedIndicator
from assistant.tasks.records import Record, search
from assistant.tasks.sector_fit import fitting_kinds, kind_records

QUOTA = {"数量指标": 3, "质量指标": 2, "时效指标": 1, "成本指标": 2, "效益指标": 3, "服务对象满意度指标": 1}
_FACT_SOURCE = "您给出的信息"
SECTOR_BOOST = 1.6
GROUP_FLOOR = 0.6


def _slot(sub: str) -> str:
    return "效益指标" if sub in OUTCOME_SUBS else sub


def _from_fact(r: FactRow, layout: str) -> SuggestedIndicator:
    category, sub = place(r.sub, layout)
    return SuggestedIndicator(category=category, subcategory=sub, name=r.name, comparator=r.comparator,
                              value=r.value, unit=r.unit, value_basis=r.basis, data_source=r.source,
                              proposed=False, reason=f"{r.reason}（来源：{_FACT_SOURCE}）")


def _from_record(rec: Record, layout: str, why: str) -> SuggestedIndicator:
    category, sub = place(rec.sub, layout)
    value, unit = f"{rec.op}【待填】{rec.unit}", rec.unit
    if rec.unit == "日期":
        value, unit = "≤【待填】年【待填】月【待填】日前", None
    if rec.op == "=" and re.search(r"发生|事故|事件|死亡|黑臭", rec.name):
        why += "；此类事件指标通常取0"
    return SuggestedIndicator(category=category, subcategory=sub, name=rec.name, comparator=rec.op, value=value,
                              unit=unit, value_basis=rec.basis, data_source=rec.data_source,
                              proposed=True, reason=f"{why}（来源：指标库“{rec.label}”，{rec.source}）")


def _similar(a: str, b: str) -> float:
    ta, tb = set(tokens(a)), set(tokens(b))
    return len(ta & tb) / (min(len(ta), len(tb)) or 1)


def _covered(rec: Record, rows: list[SuggestedIndicator]) -> bool:
    """A record repeats a row already drafted: the same measure (similar name) or the same unit in a 二级."""
    for r in rows:
        if not r.proposed and _unit_root(r.unit) == _unit_root(rec.unit) and _similar(r.name, rec.name) >= 0.5:
            return True
        if not r.proposed and _repeats_officer(r, rec):
            return True
        if _slot_of(r) != _slot(rec.sub):
            continue
        if rec.sub == "数量指标" and not r.proposed and _unit_root(r.unit) == _unit_root(rec.unit):
            return True
        if _similar(r.name, rec.name) >= 0.5:
            return True
        if (r.unit or "") == rec.unit and (m := re.search(r"中毒|火灾|舆情|疫情|违建|违法建设|安全事故|安全事件|责任事故",
                                                             rec.name)) and m.group(0) in r.name:
            return True
        if rec.sub == "成本指标" and (r.unit or "") == rec.unit:
            return True
        if rec.sub == "服务对象满意度指标":
            return True
    return False


_INCIDENT = re.compile(r"事故|事件|伤亡|死亡|中毒|疫情|火灾")
_INCIDENT_KIND = re.compile(r"中毒|食品安全|火灾|伤亡|死亡|失踪|疫情|安全事故|安全责任事故|责任事故|案件")


def _repeats_officer(r: SuggestedIndicator, rec: Record) -> bool:
    """A library record says again what the officer's own row says: a second deadline next to the officer's date,
    a second standard in the officer's per-unit unit (元/人·月), a second zero target for the same kind of incident
    (食品安全事故 next to 食物中毒=0起), or the same measure under another 二级 (汛期巡查频次 next to 巡查次数)."""
    if rec.unit == "日期" and _slot_of(r) == "时效指标" and re.search(r"\d+\s*月", r.value or ""):
        return True
    if "/" in (rec.unit or "") and _unit_root(r.unit) == _unit_root(rec.unit):
        return True
    if rec.op == "=" and _INCIDENT.search(rec.name) and re.match(r"=\s*0", r.value or "") and _INCIDENT.search(r.name):
        same = {"安全责任事故": "安全事故", "责任事故": "安全事故"}
        kinds_r = {same.get(m.group(0), m.group(0)) for m in _INCIDENT_KIND.finditer(r.name)}
        kinds_rec = {same.get(m.group(0), m.group(0)) for m in _INCIDENT_KIND.finditer(rec.name)}
        if kinds_r & kinds_rec or ("中毒" in kinds_r | kinds_rec and "食品安全" in kinds_r | kinds_rec):
            return True
    return _similar(r.name, rec.name) >= 0.6 and (rec.unit == "%") == (r.unit == "%")


_GENERIC_MEASURE = re.compile(r"满意|合格|完成时间|及时|完好|成本|单价|费用|事故|事件|伤亡|覆盖率|验收|准确|达标|按期|时限|投诉|"
                              r"使用率|年限|完成率|到位|办结|整改|知晓|质保|响应|合规|应.尽|纳入|采纳|保存|转化|应用率|利用率")


def relevant(rec: Record, text: str) -> bool:
    """A library row belongs in this draft: a measure every project has (满意度, 验收合格率, 完成时间, 单位成本…), or
    one whose own subject the description speaks of (at least 40 % of the name's character pairs occur in it): a
    送戏下乡 item does not get 居民人均纸质图书阅读量 because both sit in one library type."""
    if _GENERIC_MEASURE.search(rec.name):
        return True
    stem = re.sub(r"[（(][^）)]*[）)]", "", rec.name)
    stem = re.sub(r"(?:率|数|量|数量|人数|人次|次数|面积|长度|规模|比例|占比|增长率)$", "", stem)
    pairs = {stem[i:i + 2] for i in range(len(stem) - 1) if re.fullmatch(r"[\u4e00-\u9fa5]{2}", stem[i:i + 2])}
    return not pairs or sum(p in text for p in pairs) >= 0.4 * len(pairs)


def _unit_root(unit: str | None) -> str:
    return re.sub(r"（.*?）|\(.*?\)|^万", "", unit or "")


def _slot_of(ind: SuggestedIndicator) -> str:
    if ind.subcategory in ("成本指标", "经济成本指标"):
        return "成本指标"
    return _slot(ind.subcategory)


def _clause_row(clause: str, ranked: list[tuple[Record, float]], rows: list[SuggestedIndicator],
                layout: str, recipients: bool, *, goal: bool = True, text: str | None = None) -> SuggestedIndicator | None:
    """The record that best measures a goal clause given without a figure."""
    best, best_score = None, 0.0
    for rec, score in ranked:
        if rec.sub == "成本指标" or _covered(rec, rows) or (text is not None and not relevant(rec, text)) or (
                rec.sub == "服务对象满意度指标" and (
                not recipients or not goal)):
            continue
        s = _similar(clause, rec.name + " ".join(rec.keywords)) + 0.05 * score
        if s > best_score:
            best, best_score = rec, s
    if best is None or best_score < 0.34:
        return None
    why = f"对应您的目标“{clause}”，请填写目标值" if goal else f"衡量您写的实施内容“{clause}”，请填写目标值"
    return _from_record(best, layout, why)


def draft_rows(desc: ProjectDescription, layout: str, recipients: bool) -> tuple[list[SuggestedIndicator], Facts,
                                                                               list[str]]:
    """Rows for ``desc``: the officer's facts, goal clauses, then library records per 二级 quota."""
    facts = read_facts(desc)
    rows = [_from_fact(r, layout) for r in facts.rows]
    text = desc.text()
    ranked = search(text, 60)
    notes: list[str] = []
    fit = fitting_kinds(desc.text())
    if fit is not None:
        names, spend, label = fit
        kept = [(r, s) for r, s in ranked if r.group in names or r.group == "通用"]
        if spend and not any(r.group != spend for r, _ in kept):
            have = {r.id for r, _ in kept}
            best_score = max((s for _, s in ranked), default=1.0)
            kept += [(r, s) for r, s in kind_records(spend, best_score) if r.id not in have]
            notes.append(f"指标库中没有与本项目行业相符的类别，按“{label}”类项目的通用框架起草，请补充行业特有指标")
        ranked = kept
    uncovered = []
    for clause in facts.clauses:
        row = _clause_row(clause, ranked, rows, layout, recipients, text=text)
        if row is not None:
            rows.append(row)
        else:
            uncovered.append(clause)
    for clause in facts.content_clauses:
        row = _clause_row(clause, ranked, rows, layout, recipients, goal=False, text=text)
        if row is not None:
            rows.append(row)
    count = {slot: sum(_slot_of(r) == slot for r in rows) for slot in QUOTA}
    ranked = [(rec, score * (SECTOR_BOOST if rec.common == "个性" else 1.0)) for rec, score in ranked]
    ranked.sort(key=lambda x: -x[1])
    best: dict[str, float] = {}
    for rec, score in ranked:
        if rec.group != "通用":
            best[rec.group] = max(best.get(rec.group, 0.0), score)
    groups = sorted(best, key=lambda g: -best[g])
    top = {g for g in groups[:3] if best[g] >= GROUP_FLOOR * best[groups[0]]}
    for rec, _score in ranked:
        slot = _slot(rec.sub)
        if rec.group not in top and rec.group != "通用":
            continue
        if slot == "服务对象满意度指标" and not recipients:
            continue
        if count.get(slot, 0) >= QUOTA.get(slot, 1) or _covered(rec, rows) or not relevant(rec, text):
            continue
        rows.append(_from_record(rec, layout, f"同类项目常用的{rec.sub}"))
        count[slot] = count.get(slot, 0) + 1
    for slot in QUOTA:
        if count.get(slot, 0) == 0 and (slot != "服务对象满意度指标" or recipients):
            open_ = [rec for rec, _ in ranked if _slot(rec.sub) == slot and not _covered(rec, rows)]
            generic = next((rec for rec in open_ if relevant(rec, text)), open_[0] if open_ else None)
            if generic is not None:
                rows.append(_from_record(generic, layout, f"每个项目都需要的{slot}"))
    order = list(QUOTA)
    rows.sort(key=lambda r: (("产出指标", "成本指标", "效益指标", "满意度指标").index(r.category)
                             if r.category in ("产出指标", "成本指标", "效益指标", "满意度指标") else 9,
                             order.index(_slot_of(r)) if _slot_of(r) in order else 9))
    if uncovered:
        notes.append("以下目标表述没有找到合适的衡量指标，请补充一个可衡量的写法：" + "；".join(uncovered))
    for span, why in facts.unused:
        notes.append(f"“{span}”未作为指标：{why}")
    groups_used = list(dict.fromkeys(g for g in groups if g in top))
    if groups_used:
        notes.append("参考的指标库类别：" + "、".join(groups_used))
    return rows, facts, notes
