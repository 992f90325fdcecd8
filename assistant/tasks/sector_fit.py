"""Which retrieved project types fit a budget item, and the generic skeleton when none does.

A library type fits when the description names its object (路灯, 送戏下乡, 保安, 隐患点…), not only an activity or a
setting every sector shares (运维, 养护, 检查, 采购, 培训, 学校, 企业…): "路灯运行维护" is street lighting, not
information-system operation, and "学校保安" is security, not school running costs. ``spending_kind(text)`` names
the kind of spending (服务购买, 设备购置, 维修/工程, 补助发放, 培训, 会议, 信息化运维) by what the money buys; its
library type always fits, and when no sector type fits its records are the skeleton (DOMAIN.md §4.3 starter
sets by project type), so the draft never borrows another sector's rows.
"""

from __future__ import annotations

import re

from assistant.tasks.records import Record

GENERIC_TERMS = frozenset({
    "运维", "运行维护", "系统运维", "养护", "日常养护", "维保", "维修", "维护", "检查", "巡查", "监测", "采购", "购置",
    "配备", "配置", "培训", "政府购买", "购买服务", "外包", "委托服务", "补贴", "补助", "发放", "建设", "改造", "安装",
    "服务", "管理", "企业", "学校", "中小学", "校园", "社区", "农户", "老年人", "数字化", "数据库", "隐患", "隐患点",
    "公共服务", "第三方机构", "社会力量", "设备", "验收", "工作经费", "施工", "运营补贴",
})

# (library type, what the money buys); the first that matches is the kind of spending, else 服务购买
SPENDING: tuple[tuple[str, str, str], ...] = (
    ("K11.1", "信息化运维", r"(?:系统|平台|机房|网络|软件|服务器).{0,12}运维|运维.{0,8}(?:系统|平台|机房|网络)"),
    ("K09.1", "设备购置", r"(?:购置|采购|配备|配置|配发|更新|买).{0,16}(?:设备|仪器|终端|电脑|车辆|救护车|记录仪|器材|装备|"
                     r"除颤器|AED|\d+\s*(?:台|套|辆))"),
    ("K08.1", "维修改造", r"修缮|维修|修复|加固|翻新|改造"),
    ("K07.1", "工程建设", r"新建|扩建|改建|施工|竣工"),
    ("K05.1", "补助发放", r"补贴|补助|津贴|减免|救助|发放"),
    ("K01.1", "培训", r"培训"),
    ("K02.1", "会议", r"会议|论坛"),
)
SERVICE = ("K12.1", "服务购买")


def spending_kind(text: str) -> tuple[str, str]:
    """(library type code, Chinese label) of the kind of spending ``text`` describes."""
    for code, label, pattern in SPENDING:
        if re.search(pattern, text):
            return code, label
    return SERVICE


def fitting_kinds(text: str) -> tuple[set[str], str, str] | None:
    """The names of the library types that fit ``text``, the spending kind's type name and its label; ``None``
    when the library is not installed (the built-in records answer and are not filtered)."""
    try:
        from assistant.library.retrieval import index
    except ImportError:
        return None
    idx = index()
    _hits, kinds = idx.rank(text)
    code, label = spending_kind(text)
    spend = idx.kinds.get(code)
    names = {ks.kind.name for ks in kinds if set(ks.terms) - GENERIC_TERMS or ks.kind.code == code}
    return names | ({spend.name} if spend else set()), (spend.name if spend else ""), label


def kind_records(name: str, score: float) -> list[tuple[Record, float]]:
    """The measurable records of the library type called ``name`` (legacy layout), each with ``score``."""
    from assistant.library.retrieval import index

    out = []
    for r in index().records:
        if r.kind_name != name or r.comparator == "定性" or not r.unit:
            continue
        mapped = r.in_layout("legacy")
        if mapped is None:
            continue
        level2 = mapped.level2 if mapped.level2.endswith("指标") else mapped.level2 + "指标"
        out.append((Record(id=mapped.id, group=mapped.kind_name, sub=level2, name=mapped.name, op=mapped.comparator,
                           unit=mapped.unit or "", basis=(mapped.basis or ["计划标准"])[0],
                           data_source=mapped.data_source, keywords=tuple(mapped.keywords), source=mapped.source,
                           core=mapped.is_core, common=mapped.common), score))
    return out
