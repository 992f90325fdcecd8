"""Amount arithmetic (DOMAIN.md §2.2 L6, 88号 相应匹配): header sums, the annual amount against the
project total, 元/万元, and cost indicators against the budget.

Each rule fires only on figures the table states. When a rule has part of the figures it needs, it
leaves a note (``数据不足``) through :func:`amount_notes` instead of a finding, so that a finding always
means a stated figure is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.model import Category, Indicator, Op, Project
from assistant.review.amounts import TO_YUAN, Amounts, read_amounts
from assistant.review.registry import Hit, ProjectCtx, rule
from assistant.review.rules_structure import is_cost_indicator

_B88_MATCH = "财预〔2015〕88号 绩效目标要求“相应匹配”、审核内容“适当性”：绩效目标与预算资金相匹配"
_QUANTITY_UNITS_SAME = {"人": {"人", "人次", "名"}, "人次": {"人次", "人"}, "名": {"名", "人"},
                        "公里": {"公里", "km"}, "km": {"公里", "km"}, "平方米": {"平方米", "m²", "㎡"},
                        "m²": {"平方米", "m²", "㎡"}}


def _fmt(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _close(a: float, b: float, rel: float = 0.005) -> bool:
    return abs(a - b) <= max(0.01, rel * max(abs(a), abs(b)))


def _amounts(ctx: ProjectCtx) -> Amounts:
    cache = ctx.shared.setdefault("amounts", {})
    if ctx.index not in cache:
        cache[ctx.index] = read_amounts(ctx.project)
    return cache[ctx.index]


def _money_unit(unit: str | None) -> tuple[str, str | None] | None:
    """(money unit, per-what) of a cost value's unit: 元/人 → (元, 人); 万元 → (万元, None)."""
    text = (unit or "").strip()
    money, _, per = text.partition("/")
    if money not in TO_YUAN:
        return None
    return money, (per.strip() or None)


@dataclass
class _Cost:
    indicator: Indicator
    yuan: float
    per: str | None


def _costs(project: Project) -> list[_Cost]:
    """The cost rows stated in money (元/万元, per unit or in total); a 效益 row in money (户均增收) is not one."""
    out = []
    for ind in project.indicators():
        if ind.target.kind != "quantitative" or len(ind.target.parts) != 1 or not is_cost_indicator(ind):
            continue
        part = ind.target.parts[0]
        money = _money_unit(part.unit)
        if money is None or part.value is None or part.basis or part.op is Op.RANGE:
            continue
        out.append(_Cost(ind, part.value * TO_YUAN[money[0]], money[1]))
    return out


def _quantity_for(project: Project, per: str) -> list[tuple[Indicator, float]]:
    same = _QUANTITY_UNITS_SAME.get(per, {per})
    found = []
    for ind in project.indicators():
        if ind.category not in (Category.OUTPUT.value,) or is_cost_indicator(ind):
            continue
        for part in ind.target.parts:
            if part.value is None or part.basis or part.op not in (Op.GE, Op.EQ, Op.GT):
                continue
            unit = (part.unit or "").strip()
            scale = 1.0
            if unit[:1] in ("万", "千", "百") and len(unit) > 1:
                scale = {"万": 1e4, "千": 1e3, "百": 1e2}[unit[0]]
                unit = unit[1:]
            if unit in same:
                found.append((ind, part.value * scale))
    return found


@rule("amount_sum_mismatch", domain="L6", severity="error", level="project", title="年度资金总额与分项之和不符",
      basis="项目支出绩效目标申报表：年度资金总额＝财政拨款＋其他资金（" + _B88_MATCH + "）", dimension="完整性",
      structural=True)
def amount_sum_mismatch(ctx: ProjectCtx) -> Hit | None:
    a = _amounts(ctx)
    if a.annual is None or a.fiscal is None or a.other is None or _unit_confusion(a):
        return None
    sums = [a.fiscal + a.other] + ([a.fiscal + a.other + a.carry] if a.carry else [])
    if any(_close(a.annual, s) for s in sums):
        return None
    carry = f"＋上年结转{_fmt(a.carry)}" if a.carry else ""
    unit = a.unit or ""
    return Hit(message=f"年度资金总额{_fmt(a.annual)}{unit}，但财政拨款{_fmt(a.fiscal)}＋其他资金{_fmt(a.other)}{carry}"
                       f"＝{_fmt(sums[-1])}{unit}，两者不符。",
               fix="核对年度资金总额及其分项（财政拨款、其他资金、上年结转），使总额等于各分项之和。")


@rule("annual_exceeds_total", domain="L6；L9", severity="error", level="project", title="年度资金超过项目总额",
      basis="财预〔2015〕88号 合理可行：多年项目的年度资金是项目总额中本年度的部分", dimension="适当性",
      structural=True)
def annual_exceeds_total(ctx: ProjectCtx) -> Hit | None:
    a = _amounts(ctx)
    if a.annual is None or a.total is None or a.annual <= a.total or _close(a.annual, a.total):
        return None
    unit = a.unit or ""
    return Hit(message=f"年度资金{_fmt(a.annual)}{unit}超过“{a.total_label}”{_fmt(a.total)}{unit}。",
               fix="核对项目总额和本年度安排：年度资金应为项目总额中本年度的部分；如单位不同（元/万元），请统一。")


def _ten_thousand(a: float, b: float, tolerance: float = 0.01) -> bool:
    if a <= 0 or b <= 0:
        return False
    ratio = max(a, b) / min(a, b)
    return (1 - tolerance) * 1e4 <= ratio <= (1 + tolerance) * 1e4


def _header_figures(a: Amounts) -> list[tuple[str, float]]:
    named = {"年度资金总额": a.annual, "财政拨款": a.fiscal, "其他资金": a.other, a.total_label or "项目总额": a.total}
    return [(k, v) for k, v in named.items() if v]


def _unit_confusion(a: Amounts) -> tuple[tuple[str, float], tuple[str, float]] | None:
    """Two header figures about ten thousand times apart (元 written where 万元 is meant, or back); none
    when the split adds up to the annual total (a tiny 其他资金 is not a unit slip)."""
    figures = _header_figures(a)
    if None not in (a.annual, a.fiscal, a.other) and _close(a.annual, a.fiscal + a.other):
        figures = [f for f in figures if f[0] not in ("财政拨款", "其他资金")]
    for i, first in enumerate(figures):
        for second in figures[i + 1:]:
            if _ten_thousand(first[1], second[1]):
                return first, second
    return None


def _product(project: Project, costs: list[_Cost]) -> tuple[float, list[str]] | None:
    """Σ quantity × unit cost in 元 over the unit-cost rows, None unless each has exactly one quantity."""
    unit_costs = [c for c in costs if c.per]
    if not unit_costs:
        return None
    product, parts = 0.0, []
    for cost in unit_costs:
        factors = _factors(project, cost.per or "")
        if factors is None:
            return None
        amount = cost.yuan
        for _, qty, _ in factors:
            amount *= qty
        product += amount
        named = "×".join(f"“{ind.name}”{_fmt(qty)}{unit}" for ind, qty, unit in factors)
        parts.append(f"{named}×“{cost.indicator.name}”{cost.indicator.value}")
    return product, parts


def _factors(project: Project, per: str) -> list[tuple[Indicator, float, str]] | None:
    """The quantity behind each unit of a compound denominator (人·天 → 人数, 天数), each found once."""
    units = [u.strip() for u in re.split(r"[·•*×x]", per) if u.strip()]
    out = []
    for unit in units:
        matches = _quantity_for(project, unit)
        if len(matches) != 1:
            return None
        out.append((matches[0][0], matches[0][1], unit))
    return out or None



@rule("amount_unit_mismatch", domain="L6；V5", severity="error", level="project", title="金额单位混用（元与万元）",
      basis="项目支出绩效目标申报表资金单位为万元（部分地区为元），同一表内金额须使用同一单位", dimension="完整性",
      structural=True)
def amount_unit_mismatch(ctx: ProjectCtx) -> Hit | None:
    a = _amounts(ctx)
    pair = _unit_confusion(a)
    if pair:
        (k1, v1), (k2, v2) = pair
        return Hit(message=f"“{k1}”{_fmt(v1)}与“{k2}”{_fmt(v2)}相差约一万倍，疑为元与万元混用。",
                   fix="统一表头金额的单位（元或万元），并核对各项数值。")
    budget = a.yuan(a.annual)
    if budget is None:
        return None
    costs = _costs(ctx.project)
    product = _product(ctx.project, costs)
    if product and _ten_thousand(product[0], budget, ctx.policy.thresholds.cost_tolerance):
        shown = product[0] / TO_YUAN["万元"]
        return Hit(message=f"{'＋'.join(product[1])}＝{_fmt(shown)}万元，而年度资金为{_fmt(a.annual)}{a.unit}，"
                           "相差约一万倍，疑为元与万元混用。",
                   fix="核对表头资金单位（元或万元）与成本指标单位是否一致。")
    for cost in costs:
        if cost.per is None and is_cost_indicator(cost.indicator) and _ten_thousand(cost.yuan, budget):
            ind = cost.indicator
            return Hit(message=f"成本指标“{ind.name}”＝“{ind.value}”与年度资金{_fmt(a.annual)}{a.unit}相差约一万倍，"
                               "疑为元与万元混用。",
                       fix="核对成本指标的计量单位与表头资金单位是否一致（元或万元）。")
    return None


@rule("cost_budget_mismatch", domain="L6", severity="warning", level="project", title="成本指标与预算资金不匹配",
      basis=_B88_MATCH + "；预算支出标准为成本指标的上限", dimension="适当性", structural=True)
def cost_budget_mismatch(ctx: ProjectCtx) -> Hit | None:
    a = _amounts(ctx)
    budget = a.yuan(a.annual)
    if budget is None or budget <= 0:
        return None
    tolerance = ctx.policy.thresholds.cost_tolerance
    if _unit_confusion(a):
        return None
    costs = _costs(ctx.project)
    for cost in costs:
        ind = cost.indicator
        if cost.per is None and is_cost_indicator(ind) and cost.yuan > budget * 1.005 \
                and not _ten_thousand(cost.yuan, budget):
            total = a.yuan(a.total)
            if total is not None and "总" in ind.name and cost.yuan <= total * 1.005:
                continue
            return Hit(message=f"成本指标“{ind.name}”＝“{ind.value}”超过年度资金{_fmt(a.annual)}{a.unit}。",
                       fix="成本总额不能超过预算资金：核对成本测算或预算金额。")
    found = _product(ctx.project, costs)
    if found is None:
        return None
    product, parts = found
    if abs(product - budget) <= tolerance * budget or _ten_thousand(product, budget, tolerance):
        return None
    shown = product / TO_YUAN[a.unit] if a.unit in TO_YUAN else product
    side = "超出" if product > budget else "低于"
    return Hit(message=f"{'＋'.join(parts)}＝{_fmt(shown)}{a.unit}，{side}年度资金{_fmt(a.annual)}{a.unit}"
                       f"{abs(product - budget) / budget:.0%}（允许偏差±{tolerance:.0%}）。",
               fix="核对数量、单位成本与预算：数量×单位成本应与年度资金大致相符；如另有其他支出内容，补充相应的产出和成本指标。")


def amount_notes(project: Project, policy: object) -> list[str]:
    """Why the amount rules could not check ``project`` (``数据不足：…``); empty when they could, or when
    the table states no money for the project at all."""
    a = read_amounts(project)
    if a.annual is None and not a.labels:
        return []
    notes = []
    if a.ambiguous:
        notes.append(f"数据不足：表头“{'、'.join(a.ambiguous)}”出现多次且数值不同，未核对金额。")
    if a.annual is not None and (a.fiscal is None or a.other is None):
        notes.append("数据不足：表中没有完整的财政拨款、其他资金分列，未核对年度资金总额与分项之和。")
    costs = _costs(project)
    if costs and a.unit is None:
        notes.append("数据不足：表头未注明资金单位（元或万元），未将成本指标与预算资金比较。")
    if a.unit is not None and a.annual is not None:
        for cost in costs:
            if cost.per and _factors(project, cost.per) is None:
                notes.append(f"数据不足：找不到与“{cost.indicator.name}”（{cost.indicator.value}）唯一对应的数量指标，"
                             "未核对数量×单位成本与预算。")
                break
    return notes


def can_judge_appropriateness(project: Project) -> bool:
    """True when the table states enough money to weigh the targets against it (适当性): the annual
    amount and either a project total or a cost indicator to compare with it."""
    a = read_amounts(project)
    return a.annual is not None and (a.total is not None or (a.unit is not None and bool(_costs(project))))
