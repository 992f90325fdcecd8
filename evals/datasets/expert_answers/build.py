"""Expert answers in the shape of the model's response models, for a scripted endpoint (issue 11).

``suggest.json``: for 15 items of ``drafting/items.json``, ``{"request": <the item's description>, "answer":
<SuggestAnswer>}``; ``rewrite.json``: for 30 cases of ``rewrite_expert/cases.json``, ``{"request": <project and
row>, "answer": <RewriteAnswer>}``. The answers are the expert sets and rewrites of those files (so they score 1.0
on the ``draft``/``rewrite_expert`` measures), completed with what the response models ask for: the value written
with its comparator and unit, a 取值依据 (one of the five bases), a data source and a reason; a rewrite option also
carries its 一级/二级 and ``needs_baseline`` for a change. Mapping to :mod:`assistant.tasks.answers`: see README.md.

``python -m evals.datasets.expert_answers.build`` rewrites both files; ``--check`` fails when they differ.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from evals import drafting

HERE = Path(__file__).resolve().parent
SUGGEST_IDS = ("D01", "D05", "D08", "D09", "D13", "D14", "D15", "D19", "D20", "D22", "D28", "D31", "D34", "D37",
               "D40")
REWRITE_IDS = ("R01", "R02", "R03", "R04", "R06", "R07", "R08", "R10", "R13", "R14", "R15", "R16", "R19", "R22",
               "R25", "R26", "R28", "R32", "R33", "R38", "R39", "R42", "R43", "R46", "R49", "R52", "R54", "R56",
               "R57", "R60")
SOURCES = {"数量指标": "项目工作台账", "质量指标": "验收报告、检查记录", "时效指标": "项目验收记录、工作台账",
           "经济成本指标": "财务核算资料、合同", "成本指标": "财务核算资料、合同", "经济效益指标": "统计部门及主管部门统计报表",
           "社会效益指标": "主管部门统计报表、监测数据", "生态效益指标": "环境监测报告", "可持续影响指标": "运维管护台账",
           "服务对象满意度指标": "抽样问卷调查（有效问卷不少于200份）"}
CHANGE = re.compile(r"较上年|下降率|增长率|提高|降低|减少|增长|下降")


def _bigrams(text: str) -> set[str]:
    han = "".join(re.findall(r"[\u4e00-\u9fff]", text))
    return {han[i:i + 2] for i in range(len(han) - 1)}


def _basis(e: dict[str, Any], figures: dict[str, str], costs: dict[str, str], year: int) -> tuple[str, str]:
    """(取值依据, reason) of an expert row."""
    name = e["name"]
    if name in costs:
        return "预算支出标准", f"测算：{costs[name]}，与申报预算相匹配"
    if CHANGE.search(name):
        given = f"来自申报资料：“{figures[name]}”；" if name in figures else ""
        unit = "百分点" if e["unit"] == "百分点" else "%"
        kind = "按百分点计的变化" if unit == "百分点" else "相对变化（%）"
        return "历史标准", f"{given}{kind}；基期为{year - 1}年实际值（基期值按{year - 1}年统计数据填写）"
    if name in figures:
        return "计划标准", f"来自申报资料：“{figures[name]}”"
    if e["subcategory"] == "服务对象满意度指标":
        return "行业标准", "满意度按抽样问卷测评，取同类项目通行的90%，不设100%"
    if e["value"] == 0:
        return "行业标准", "事故/事件类指标，目标为零发生"
    if "【" in str(e["value"]):
        return "计划标准", "数值待单位按实施方案或上年统计填写"
    if e["subcategory"] in ("经济成本指标", "成本指标"):
        return "预算支出标准", "以预算和支出标准为上限"
    if e["unit"] == "%" and e["value"] == 100:
        return "行业标准", "验收、发放、处置类按规范应全部达标"
    return "计划标准", "按项目实施方案和同类项目常规水平设定"


def suggest_answer(item: dict[str, Any]) -> dict[str, Any]:
    figures: dict[str, str] = {}
    for f in item["figures"]:
        figures.setdefault(f["concept"], f["text"])
    costs = {u["concept"]: u["formula"] for u in item["unit_costs"]}
    rows = []
    for e in item["expert"]:
        basis, reason = _basis(e, figures, costs, item["year"])
        qualitative = e["comparator"] == "定性"
        rows.append({"category": e["category"], "subcategory": e["subcategory"], "name": e["name"],
                     "comparator": e["comparator"], "value": drafting.expert_value(e),
                     "unit": None if qualitative else e["unit"], "value_basis": basis,
                     "data_source": SOURCES.get(e["subcategory"], "项目工作台账"), "reason": reason})
    return {"indicators": rows}


SUBJECT_REASON = {
    "R04": "原指标“服务周期内空气质量”的对象是全市空气质量，受气象和区域传输影响，不由保洁作业决定；改为作业直接影响、可归因的量。",
    "R16": "原指标“项目实施情况”不是一个可度量的量，“良好”也不可比较；改为结核病防治的核心结果。",
    "R56": "原三级名写成了二级名“社会效益指标”，没有对象；改为城乡低保的核心效果。",
    "R01": "主题是道路通行，不换成培训等无关指标；用车速和通行能力衡量。",
    "R14": "资金拨付到位率是投入指标，不能作为产出；改为补贴实际覆盖的人数和发放时效。",
    "R15": "预算执行率是投入指标，在自评中单独计分，不能作为效益；改为免费开放的使用效果。",
    "R60": "资金拨付及时率是投入进度，不是产出时效；改为工程本身的完工时限和规模。",
}


def rewrite_answer(case: dict[str, Any]) -> dict[str, Any]:
    opts = []
    for n, w in enumerate(case["rewrites"]):
        change = bool(CHANGE.search(w["name"]))
        reason = w["reason"]
        if case["id"] in SUBJECT_REASON and n == 0:
            reason = f"{SUBJECT_REASON[case['id']]}数据来源：{reason}"
        if change:
            year = int(m.group(1)) - 1 if (m := re.match(r"(\d{4})年", case["project"]["name"])) else None
            reason += f"（{year}年为基期，基期值按{year}年统计数据填写）"
        if case["id"] not in SUBJECT_REASON or n > 0:
            if not _bigrams(w["name"]) & _bigrams(case["row"]["name"]):
                reason = f"原指标“{case['row']['name']}”不可直接度量，改用“{w['name']}”衡量；{reason}"
        basis = "历史标准" if change else ("预算支出标准" if w["category"] == "成本指标" else "计划标准")
        if w.get("proposed"):
            basis = "计划标准" if w["unit"] == "日期" else "行业标准"
            reason = f"{reason}（建议值，请单位核实）"
        opts.append({"name": w["name"], "value": w["value"], "unit": w["unit"], "value_basis": basis, "reason": reason,
                     "needs_baseline": change, "category": w["category"], "subcategory": w["subcategory"]})
    return {"options": opts}


def build() -> tuple[str, str]:
    items = {i["id"]: i for i in drafting.items()}
    cases = {c["id"]: c for c in drafting.cases()}
    suggest = {"note": "15 个新项目的专家级模型回答（SuggestAnswer 形状）；由 build.py 从 drafting/items.json 生成。",
               "answers": {i: {"request": items[i]["description"] | {"year": items[i]["year"]},
                               "answer": suggest_answer(items[i])} for i in SUGGEST_IDS}}
    rewrite = {"note": "30 个模糊指标的专家级模型回答（RewriteAnswer 形状）；由 build.py 从 rewrite_expert/cases.json 生成。",
               "answers": {c: {"request": {"project": cases[c]["project"], "row": cases[c]["row"]},
                               "answer": rewrite_answer(cases[c])} for c in REWRITE_IDS}}
    dump = lambda x: json.dumps(x, ensure_ascii=False, indent=1) + "\n"  # noqa: E731
    return dump(suggest), dump(rewrite)


def main(argv: list[str]) -> int:
    texts = dict(zip(("suggest.json", "rewrite.json"), build(), strict=True))
    if "--check" in argv:
        stale = [n for n, t in texts.items() if not (HERE / n).exists() or (HERE / n).read_text(encoding="utf-8") != t]
        print("已过期：" + "、".join(stale) if stale else "专家回答与数据集一致")
        return 1 if stale else 0
    for name, text in texts.items():
        (HERE / name).write_text(text, encoding="utf-8")
    print(f"已写入 {HERE}/suggest.json（{len(SUGGEST_IDS)}）与 rewrite.json（{len(REWRITE_IDS)}）")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
