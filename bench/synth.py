"""Synthetic tables: the seed repeated n times, each copy's project names made unique."""

from __future__ import annotations

from pathlib import Path

SEED = Path(__file__).resolve().parent.parent / "assistant" / "data" / "gz-gongxinju-2023.txt"


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def repeated(n: int, text: str | None = None) -> str:
    """The seed's header once, then its body n times; project names get a copy suffix so none repeat."""
    lines = (text or seed_text()).split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("项目名称"))
    head, body = lines[: start + 1], lines[start + 1:]
    out = list(head)
    for copy in range(n):
        for line in body:
            if line and not line.startswith("\t") and "\t" in line and copy:
                name, rest = line.split("\t", 1)
                line = f"{name}（副本{copy}）\t{rest}"
            out.append(line)
    return "\n".join(out)


_DISTRICTS = ("越秀区", "海珠区", "天河区", "白云区", "黄埔区", "番禺区", "花都区", "南沙区", "从化区", "增城区",
              "城关镇", "东城街道", "西城街道", "高新区", "经开区")


def reference_tables(projects: int, *, per_table: int = 20, seed: int = 7) -> list:
    """``projects`` realistic reference projects in tables of ``per_table``: each project is one library
    project type with a district name, a goal from the type's routing words and 6–10 indicators drawn
    from the type's records with plausible values. Deterministic for a given seed."""
    import random

    from assistant.library import kinds, records
    from assistant.model import Indicator, Project, Table
    from assistant.parse.value import parse_target

    rng = random.Random(seed)
    by_kind: dict[str, list] = {}
    for r in records():
        by_kind.setdefault(r.kind, []).append(r)
    types = [k for k in kinds() if k.code in by_kind]
    tables, batch = [], []
    for i in range(projects):
        kind = types[i % len(types)]
        district = _DISTRICTS[rng.randrange(len(_DISTRICTS))]
        words = rng.sample(kind.keywords, min(3, len(kind.keywords)))
        chosen = rng.sample(by_kind[kind.code], min(len(by_kind[kind.code]), rng.randint(6, 10)))
        groups: dict[str, list] = {}
        for r in chosen:
            value = (r.value_form.replace("YYYY年MM月DD日", f"2026年{rng.randint(3, 12)}月{rng.randint(1, 28)}日")
                     .replace("N", str(rng.choice((5, 12, 30, 85, 90, 95, 120, 300, 1500)))))
            groups.setdefault(r.level1, []).append(Indicator(
                category=r.level1, subcategory=r.level2, name=r.name, value=value, unit=r.unit,
                target=parse_target(value, unit=r.unit)))
        name = f"{district}{kind.name.split('（')[0]}项目（{i + 1}）"
        goal = f"{district}围绕{'、'.join(words)}开展工作，服务{kind.served.split('；')[0][:20]}。"
        batch.append(Project(name=name, goal=goal, groups=list(groups.values()), amount=rng.randint(10, 3000),
                             fields={"项目内容": f"实施{kind.name}，重点是{'、'.join(words)}。"}))
        if len(batch) == per_table or i == projects - 1:
            tables.append(Table(source=f"参考表{len(tables) + 1}.xlsx", title=f"{district}部门项目支出绩效目标表",
                                department=f"{district}财政局", projects=batch))
            batch = []
    return tables
