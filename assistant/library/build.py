"""Regenerate the shipped library data from its reviewed sources.

    python -m assistant.library.build            # writes data/kinds.jsonl, data/indicators.jsonl and a
                                                 # spreadsheet view for reviewers, data/indicators.csv
    python -m assistant.library.build --check    # fails when the shipped files are out of date

Sources: ``sources/INDICATORS.md`` (researched rows, 34 kinds / 90 sub-kinds; each row keeps its evidence
tag and id as its source line), judged by ``corrections.py`` (rows dropped or fixed, with the reason), and
``extra.py`` (records written from DOMAIN.md and the 101号 templates for what the research lacks).
Every record written passes ``checks.problems``; the build stops when one does not."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from assistant.library import corrections, extra
from assistant.library.checks import problems
from assistant.library.record import Kind, Record

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "sources" / "INDICATORS.md"
DATA = HERE / "data"

_BASIS = {"计划": "计划标准", "历史": "历史标准", "行业": "行业标准", "预算标准": "预算支出标准", "预算": "预算支出标准",
          "预算支出标准": "预算支出标准", "其他": "其他标准"}
_COMPARATOR = {"正向": "≥", "反向": "≤", "等于": "=", "定性": "定性"}
_KIND = re.compile(r"^### (K\d+) (.+)$")
_SUB = re.compile(r"^#### (K\d+\.\d+) (.+)$")
_BULLET = re.compile(r"^- \*\*(.+?)\*\*[：:](.*)$")
_SPLIT = re.compile(r"[、，,；;/（）()\s]+")


def _terms(text: str) -> list[str]:
    return [t for t in _SPLIT.split(text) if 2 <= len(t) <= 12 and not re.search(r"[A-Za-z0-9]", t)]


def _func(line: str) -> tuple[str | None, str | None]:
    cls = re.search(r"(?<!\d)(2\d\d)\s*([\u4e00-\u9fff]+)", line)
    sub = re.search(r"(?<!\d)(2\d{4})\s*([\u4e00-\u9fff]+)", line)
    return (f"{cls.group(1)} {cls.group(2)}" if cls else None, f"{sub.group(1)} {sub.group(2)}" if sub else None)


def _data_source(level1: str, level2: str, name: str, unit: str) -> str:
    if level1 == "满意度":
        return "服务对象问卷调查（满意与较满意份数÷有效问卷份数）"
    if re.search(r"事故|事件|中毒|伤亡|死亡", name):
        return "事故统计快报、主管部门通报"
    if re.search(r"投诉|舆情", name):
        return "投诉平台（12345等）记录、舆情监测"
    if level2 == "成本" or level1 == "成本":
        return "财务决算、合同及结算资料"
    if level2 == "时效":
        return "工作台账、验收或完成文件的日期"
    if re.search(r"验收|合格|达标|检测|监测|水质|浓度", name):
        return "验收报告、检测或监测报告"
    if re.search(r"系统|平台|在线|上线|可用|访问|办理", name):
        return "业务系统日志与统计"
    if level1 == "效益":
        return "业务统计报表、监测数据或第三方评估"
    if unit in ("人次", "人", "名"):
        return "签到表、花名册、业务台账"
    return "工作台账、合同与验收资料"


def _value_note(basis: list[str], evidence: str, kind_source: str) -> str:
    first = basis[0] if basis else "计划标准"
    note = f"N按{first}确定（" + {"计划标准": "预算测算、工作计划或合同", "历史标准": "上年实际或近三年平均",
                                   "行业标准": "国家或行业标准", "预算支出标准": "不得超过支出标准",
                                   "其他标准": "注明来源"}[first] + "）"
    if evidence != "expert" and kind_source:
        note += "；值形式见：" + kind_source[:160]
    return note


def parse_indicators(text: str) -> tuple[list[Kind], list[Record]]:
    """Kinds and records of INDICATORS.md §2, as written (before correction)."""
    kinds: list[Kind] = []
    records: list[Record] = []
    group = ""
    head: dict[str, str] = {}
    sub: tuple[str, str] | None = None
    rows: list[list[str]] = []

    def flush() -> None:
        if sub is None:
            return
        code, title = sub
        common = "共性" if int(code[1:].split(".")[0]) <= 15 else "个性"
        func_class, func_subclass = _func(head.get("行业领域/行业类别（功能分类）", ""))
        if common == "共性":
            func_class = func_subclass = None
        kind = Kind(code=code, name=title, sector=group, common=common, func_class=func_class,
                    func_subclass=func_subclass, keywords=[], served=head.get("服务对象（满意度调查对象）", ""),
                    mistakes=head.get("本类常见错误", ""), source=f"INDICATORS.md {code}")
        kinds.append(kind)
        for cells in rows:
            records.append(_record(kind, cells, head.get("主要来源", "")))

    for line in text.splitlines():
        if line.startswith("## 3."):
            break
        if m := _KIND.match(line):
            flush()
            sub, rows, head = None, [], {}
            group = re.sub(r"^K\d+ ", "", line[4:]).strip()
            continue
        if m := _SUB.match(line):
            flush()
            sub, rows = (m.group(1), m.group(2).strip()), []
            continue
        if m := _BULLET.match(line):
            head[m.group(1)] = m.group(2).strip()
            continue
        if sub and re.match(r"^\| \d+ \|", line):
            rows.append([c.strip() for c in line.strip().strip("|").split("|")])
    flush()
    return kinds, records


def _record(kind: Kind, cells: list[str], kind_source: str) -> Record:
    num, levels, name, expl, unit, direction, form, basis, core, evidence = cells[:10]
    level1, level2 = levels.split("/")
    tag = evidence.strip("[]") or "expert"
    bases = []
    for part in re.split(r"[/、]", basis):
        b = _BASIS.get(part.strip())
        if b and b not in bases:
            bases.append(b)
    formula = expl if re.search(r"[÷×]|/\S", expl) else None
    rid = f"{kind.code}-{int(num):02d}"
    unit = unit.strip() or None
    if direction == "定性":
        unit = None
    aliases = []
    if m := re.search(r"（(?:或|即)?([^（）]{2,20})）$", name):
        aliases = [a for a in re.split(r"[/、]|或", m.group(1))
                   if len(a) >= 4 and re.search(r"(?:率|数|量|人次|时限|时间|成本|满意度|知晓度|费)$", a)]
    return Record(
        id=rid, name=name, aliases=aliases, level1=level1, level2=level2, kind=kind.code, kind_name=kind.name,
        sector=kind.sector, common=kind.common, func_class=kind.func_class, func_subclass=kind.func_subclass,
        definition=expl, formula=formula, unit=unit, direction=direction, comparator=_COMPARATOR[direction],
        value_form=form, value_note=_value_note(bases, tag, kind_source), basis=bases or ["计划标准"],
        data_source=_data_source(level1, level2, name, unit or ""), keywords=[], is_core=core == "★",
        scope="区域" if re.search(r"失业率|PM2\.5|森林覆盖率|旅游综合收入|地区生产总值|人均可支配收入", name) else "项目",
        evidence=tag, source=f"INDICATORS.md {rid} [{tag}]")


def _route(kinds: list[Kind], records: list[Record], text: str) -> list[Kind]:
    """Give each sub-kind the routing words of its kind that concern it, plus the reviewed extra words."""
    routing: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        if m := _KIND.match(line):
            current = m.group(1)
        elif current and line.startswith("- **资金用途"):
            routing[current] = _terms(line.split("：", 1)[1])
    by_kind: dict[str, str] = {}
    for r in records:
        by_kind[r.kind] = by_kind.get(r.kind, "") + r.name + r.definition
    out = []
    for k in kinds:
        family = k.code.split(".")[0]
        siblings = [s for s in kinds if s.code.split(".")[0] == family]
        words: list[str] = []
        for w in routing.get(family, []):
            owners = [s.code for s in siblings if w in s.name or w in by_kind.get(s.code, "")]
            if not owners or k.code in owners:
                words.append(w)
        if k.code in extra.KEYWORDS:
            words = list(extra.KEYWORDS[k.code])
        else:
            words += _terms(re.split(r"[（(]", k.name)[0])
        seen: list[str] = []
        for w in words:
            if w not in seen and w not in extra.STOP_KEYWORDS:
                seen.append(w)
        out.append(k.model_copy(update={"keywords": seen}))
    return out


_CHANGE = re.compile(r"增长|下降|减少|压缩")


def _with_baseline(r: Record) -> Record:
    """A change measured in % must name its base (DOMAIN.md V12): ≥N% → ≥N%（较YYYY年基数N）."""
    if r.unit != "%" or not _CHANGE.search(r.name) or "较" in r.value_form or "基" in r.value_form:
        return r
    base = "改造前" if "改造前" in r.definition else ("上线前" if "上线前" in r.definition else "YYYY年")
    return r.model_copy(update={"value_form": f"{r.value_form}（较{base}基数N）"})


def build() -> tuple[list[Kind], list[Record], list[str]]:
    """The kinds, the judged records, and the log of what the judgement changed."""
    text = SOURCE.read_text(encoding="utf-8")
    kinds, raw = parse_indicators(text)
    kinds = _route(kinds, raw, text) + [Kind.model_validate(k) for k in extra.KINDS]
    by_code = {k.code: k for k in kinds}
    log: list[str] = []
    records: list[Record] = []
    for r in raw:
        if r.id in corrections.DROP:
            log.append(f"删除 {r.id} {r.name}：{corrections.DROP[r.id]}")
            continue
        fix = corrections.FIX.get(r.id)
        if fix:
            update, why = fix
            if "direction" in update and "comparator" not in update:
                update = {**update, "comparator": _COMPARATOR[update["direction"]]}
            r = r.model_copy(update={**update, "review_note": why,
                                     "source": r.source + "（经审核修改）"})
            log.append(f"修改 {r.id} {r.name}：{why}")
        records.append(r)
    records = [_with_baseline(r) for r in records]
    for spec in extra.records(by_code):
        records.append(Record.model_validate(spec))
    out = []
    for r in records:
        kind = by_code[r.kind]
        words = list(dict.fromkeys(kind.keywords + r.keywords))
        aliases = list(dict.fromkeys(r.aliases + _synonyms(r.name)))
        out.append(r.model_copy(update={"keywords": words, "aliases": aliases}))
    return kinds, out, log


def _synonyms(name: str) -> list[str]:
    core = re.sub(r"[（(][^（）()]*[）)]", "", name).strip()
    out = [core] if core != name and len(core) >= 3 else []
    for a, b in extra.SYNONYM_ENDINGS:
        if core.endswith(a):
            out.append(core[: -len(a)] + b)
    return out


SHEET = [("指标编码", "id"), ("项目类型", "kind_name"), ("行业领域", "func_class"), ("行业类别", "func_subclass"),
         ("一级指标", "level1"), ("二级指标", "level2"), ("三级指标", "name"), ("指标解释", "definition"),
         ("计算公式", "formula"), ("计量单位", "unit"), ("方向", "direction"), ("典型值", "value_form"),
         ("典型值来源", "value_note"), ("取值依据", "basis"), ("数据来源", "data_source"), ("核心指标", "is_core"),
         ("适用层级", "scope"), ("证据", "evidence"), ("出处", "source"), ("审核修改", "review_note")]


def review_sheet(records: list[Record]) -> str:
    """The records as a CSV for reviewers who open it in a spreadsheet (UTF-8 with BOM, Chinese headers)."""
    import csv
    import io

    buf = io.StringIO()
    out = csv.writer(buf, lineterminator="\n")
    out.writerow([zh for zh, _ in SHEET])
    for r in records:
        row = []
        for _, field in SHEET:
            v = getattr(r, field)
            row.append("、".join(v) if isinstance(v, list) else ("★" if v is True else ("" if v in (None, False) else v)))
        out.writerow(row)
    return "\ufeff" + buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="fail when the shipped data differs from a rebuild")
    ap.add_argument("--log", action="store_true", help="print what the judgement dropped or changed")
    args = ap.parse_args(argv)
    kinds, records, log = build()
    bad = [(r.id, r.name, p) for r in records for p in problems(r)]
    ids = [r.id for r in records]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if bad or dup:
        for rid, name, p in bad:
            print(f"{rid} {name}: {p}", file=sys.stderr)
        if dup:
            print("duplicate ids: " + ", ".join(dup), file=sys.stderr)
        return 1
    files = {
        DATA / "kinds.jsonl": "".join(k.model_dump_json(exclude_defaults=False) + "\n" for k in kinds),
        DATA / "indicators.jsonl": "".join(json.dumps(r.model_dump(mode="json"), ensure_ascii=False) + "\n"
                                           for r in records),
        DATA / "indicators.csv": review_sheet(records),
    }
    if args.check:
        stale = [p.name for p, body in files.items() if not p.exists() or p.read_text(encoding="utf-8") != body]
        if stale:
            print("out of date: " + ", ".join(stale) + " (run python -m assistant.library.build)", file=sys.stderr)
            return 1
        return 0
    DATA.mkdir(parents=True, exist_ok=True)
    for path, body in files.items():
        path.write_text(body, encoding="utf-8")
    if args.log:
        print("\n".join(log))
    print(f"{len(kinds)} kinds, {len(records)} records, {len(log)} judged changes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
