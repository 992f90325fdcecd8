"""Markdown scorecards: one per run, and the summary table across backends for evals/README.md."""

from __future__ import annotations

from typing import Any

from evals.drafting import DRAFT_METRICS
from evals.drafting import REWRITE_METRICS as EXPERT_METRICS
from evals.scorers import REWRITE_METRICS, SUGGEST_METRICS

NAMES_ZH = {
    "parse": "解析", "review": "审核", "rewrite": "改写", "suggest": "建议指标", "operational": "运行",
    "projects": "项目", "indicators": "指标", "parts": "目标分量", "measurable": "可衡量", "subject": "保留主题",
    "category": "类别一致", "flagged": "新数字已标注", "family": "指标族命中", "overall": "综合",
    "category_coverage": "一级覆盖", "output_coverage": "二级覆盖", "rule_pass": "通过规则", "recall": "概念召回",
    "duplicate_free": "无重复", "schema": "结构有效",
    "draft": "新项目起草", "rewrite_expert": "专家改写", "figures": "数字保留", "units": "单位正确",
    "directions": "方向正确", "categories": "类别正确", "has_option": "有改写", "direction": "方向保持",
    "no_invented": "无未标注新数字", "on_topic": "切题", "unit_costs": "测算值", "clean": "无跨行业行",
    "no_repeat": "无重复行",
}


def _f(x: Any) -> str:
    return f"{x:.3f}" if isinstance(x, int | float) else "—"


def _not_run(section: dict[str, Any] | None) -> str | None:
    if section is None:
        return "not run（未运行）"
    if section.get("status") == "not run":
        return f"not run（未运行）：{section.get('reason', '')}"
    return None


def render(result: dict[str, Any]) -> str:
    """The scorecard of one run."""
    t = result["tasks"]
    lines = [f"# 评测记分卡 / Scorecard — {result['backend']}（{result['date']}）", "",
             f"- 后端 backend：`{result['backend']}`；模式 mode：{result['mode']}；模型 model：{result.get('model') or '—'}",
             f"- 数据集：见 evals/README.md；耗时 {result.get('seconds', 0):.1f} 秒"]
    if result.get("replay"):
        rp = result["replay"]
        lines.append(f"- 回放 replay：命中 hits {rp['hits']}，未命中 misses {rp['misses']}，"
                     f"未使用的录制 unused {rp.get('unused', 0)}")
    lines.append("")
    lines += ["## 解析 parse（字段精确匹配）", ""]
    p = t.get("parse")
    if (msg := _not_run(p)) or p is None:
        lines += [msg or "", ""]
    else:
        lines += ["| 数据集 dataset | 项目 projects | 指标 indicators | 目标分量 parts |", "|---|---|---|---|"]
        for name, d in p["datasets"].items():
            lines.append(f"| {name} | {_f(d['projects'])} | {_f(d['indicators'])} | {_f(d['parts'])} |")
        c = p["counts"]
        lines += [f"| **合计 micro**（{c['projects']}/{c['indicators']}/{c['parts']}） | **{_f(p['projects'])}** | "
                  f"**{_f(p['indicators'])}** | **{_f(p['parts'])}** |", ""]
    lines += ["## 审核 review（按代码的精确率/召回率/F1，各表合计）", ""]
    r = t.get("review")
    if (msg := _not_run(r)) or r is None:
        lines += [msg or "", ""]
    else:
        lines += _review_lines(r)
        if "model_findings" in r:
            lines += [f"{r['note']}；模型给出的发现 {r['model_findings']} 条。", ""]
        if r.get("heldout"):
            lines += ["## 审核 review（外省风格独立表 held-out-style tables，evals/datasets/review_tables）", ""]
            lines += _review_lines(r["heldout"])
    lines += _metric_section("改写 rewrite", t.get("rewrite"), REWRITE_METRICS)
    w = t.get("rewrite")
    if w and not _not_run(w):
        lines += [f"其中种子表案例综合 seed overall：{_f(w.get('seed_overall'))}；模型录制子集综合 model subset "
                  f"overall：{_f(w.get('model_subset_overall'))}", ""]
        if w.get("fallback_share") is not None:
            lines += [f"模型未给出合格答案、改用规则模板的比例 fallback share：{_f(w['fallback_share'])}", ""]
        lines += ["最弱的案例 weakest cases：", ""]
        lines += [f"- {x['id']}：" + "，".join(f"{NAMES_ZH[m]} {_f(x[m])}" for m in REWRITE_METRICS)
                  for x in w["weakest"]]
        lines.append("")
    lines += _metric_section("建议指标 suggest（留一法 leave-one-out）", t.get("suggest"), SUGGEST_METRICS)
    s = t.get("suggest")
    if s and not _not_run(s) and s.get("fallback_share") is not None:
        lines += [f"模型未给出合格答案、改用规则后端结果的比例 fallback share：{_f(s['fallback_share'])}", ""]
    if s and not _not_run(s):
        lines += ["| 项目 project | 条数 n | 概念召回 recall | 召回的真实指标 recalled |", "|---|---|---|---|"]
        lines += [f"| {x['project']} | {x['n']} | {_f(x['recall'])} | {'、'.join(x['recalled'][:4]) or '—'} |"
                  for x in s["projects"]]
        lines.append("")
    lines += _metric_section("新项目起草 draft（42 个新预算项目，专家指标体系）", t.get("draft"), DRAFT_METRICS)
    dr = t.get("draft")
    if dr and not _not_run(dr):
        lines += [f"数字保留且在对应概念中 figures in concept：{_f(dr.get('figures_in_concept'))}；"
                  f"可测算单位成本已测算并标注 unit costs：{_f(dr.get('unit_costs'))}", ""]
        if dr.get("chat"):
            lines += ["只给官员一段话（作为目标）时 chat paragraph only：" + "，".join(
                f"{NAMES_ZH[m]} {_f(v)}" for m, v in dr["chat"].items()), ""]
        lines += _draft_items(dr.get("items", []))
        h = dr.get("heldout")
        if h:
            lines += [f"### 第三轮留出集 held-out（{h['cases']} 个未见过的新预算项目）", "",
                      "完整描述 full description：" + "，".join(f"{NAMES_ZH[m]} {_f(h.get(m))}" for m in HELDOUT_KEYS),
                      "", "只给一段话 chat paragraph only：" + "，".join(
                          f"{NAMES_ZH[m]} {_f(h['chat'].get(m))}" for m in HELDOUT_KEYS), ""]
            lines += _draft_items(h.get("items", []), extra=True)
    lines += _metric_section("专家改写 rewrite_expert（60 个其他地区模糊指标）", t.get("rewrite_expert"), EXPERT_METRICS)
    ex = t.get("rewrite_expert")
    if ex and not _not_run(ex):
        lines += ["按类别的指标族命中 family hit by class：" + "；".join(f"{k} {_f(v)}" for k, v in
                                                                  ex.get("family_by_class", {}).items()), ""]
        if ex.get("heldout"):
            ho = ex["heldout"]
            lines += ["留出集 held-out（调规则前写成）：" + "，".join(
                f"{NAMES_ZH[m]} {_f(ho[m])}" for m in (*EXPERT_METRICS, "on_topic", "overall")) + f"（{ho['cases']} 例）",
                      "留出集按类别 held-out by class：" + "；".join(
                          f"{k} {_f(v)}" for k, v in ho.get("family_by_class", {}).items()), ""]
    o = result.get("operational") or {}
    lines += ["## 运行 operational", ""]
    if o.get("calls"):
        lines += [f"- 调用 calls：{o['calls']}；失败率 failure rate：{_f(o['failure_rate'])}；"
                  f"每次调用模型回答数 attempts/call：{_f(o['attempts_per_call'])}",
                  f"- tokens：输入 {o['prompt_tokens']}，输出 {o['completion_tokens']}；费用 cost：{o['cost']}",
                  f"- 延迟 latency（秒）：平均 {_f(o['latency_mean'])}，p95 {_f(o['latency_p95'])}"
                  + ("（回放：为录制时的上游耗时）" if result["mode"] == "replay" else "")]
        lines += [f"- 错误 error：{e}" for e in o.get("errors", [])]
    else:
        lines.append("not run（未运行）")
    return "\n".join(lines) + "\n"


def _review_lines(r: dict[str, Any]) -> list[str]:
    lines = ["| 代码 code | P | R | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|"]
    for code, v in r["per_code"].items():
        lines.append(f"| {code} | {_f(v['precision'])} | {_f(v['recall'])} | {_f(v['f1'])} | {v['tp']} | "
                     f"{v['fp']} | {v['fn']} |")
    m = r["macro"]
    lines += [f"| **macro** | **{_f(m['precision'])}** | **{_f(m['recall'])}** | **{_f(m['f1'])}** | | | |", ""]
    return lines + ["各表 macro F1：" + "；".join(f"{n} {_f(d['macro']['f1'])}" for n, d in r["datasets"].items()), ""]


def _metric_section(title: str, section: dict[str, Any] | None, metrics: tuple[str, ...]) -> list[str]:
    lines = [f"## {title}", ""]
    if (msg := _not_run(section)) or section is None:
        return lines + [msg or "", ""]
    head = " | ".join(f"{NAMES_ZH[m]} {m}" for m in (*metrics, "overall"))
    lines += [f"| 案例 cases | {head} |", "|" + "---|" * (len(metrics) + 2)]
    lines.append(f"| {section['cases']} | " + " | ".join(_f(section[m]) for m in (*metrics, "overall")) + " |")
    return lines + [""]


HELDOUT_KEYS = (*DRAFT_METRICS, "overall", "unit_costs", "clean", "no_repeat")


def _draft_items(items: list[dict[str, Any]], extra: bool = False) -> list[str]:
    head = "| 项目 item | 概念召回 recall | 数字保留 figures | 漏掉的专家指标 missed | 丢失的数字 lost figures |"
    if extra:
        head += " 跨行业行 off-sector | 重复行 repeats |"
    lines = [head, "|---" * head.count(" |") + "|"]
    for x in items:
        line = (f"| {x['id']} {x['sector']} | {_f(x['recall'])} | {_f(x['figures'])} | "
                f"{'、'.join(x['missed'][:4]) or '—'} | {'、'.join(x['lost_figures'][:3]) or '—'} |")
        if extra:
            line += f" {'、'.join(x['off_sector'][:3]) or '—'} | {'、'.join(x['repeats'][:3]) or '—'} |"
        lines.append(line)
    return lines + [""]


def summary_table(results: list[dict[str, Any]]) -> str:
    """One row per backend and task: the headline numbers, or "not run"."""
    lines = ["| 后端 backend | 任务 task | 分数 scores |", "|---|---|---|"]
    keys = {"parse": ("projects", "indicators", "parts"), "review": ("macro",),
            "rewrite": (*REWRITE_METRICS, "overall"), "suggest": (*SUGGEST_METRICS, "overall"),
            "draft": (*DRAFT_METRICS, "overall"), "rewrite_expert": (*EXPERT_METRICS, "overall")}
    for r in results:
        for task, metrics in keys.items():
            sec = r["tasks"].get(task)
            if (msg := _not_run(sec)) or sec is None:
                lines.append(f"| {r['backend']} | {task} | {msg} |")
                continue
            if task == "review":
                m = sec["macro"]
                text = f"macro P {_f(m['precision'])} / R {_f(m['recall'])} / F1 {_f(m['f1'])}"
                if "model_findings" in sec:
                    text += f"（规则＋模型评议 {len(sec['datasets'])} 个项目，模型发现 {sec['model_findings']} 条）"
            else:
                text = "，".join(f"{NAMES_ZH[k]} {_f(sec[k])}" for k in metrics)
                if sec.get("fallback_share") is not None:
                    text += f"（{sec['cases']} 例，回退规则 fallback {_f(sec['fallback_share'])}）"
            lines.append(f"| {r['backend']} | {task} | {text} |")
            if task == "draft" and sec.get("heldout"):
                h = sec["heldout"]
                lines.append(f"| {r['backend']} | draft (held-out, {h['cases']} items) | "
                             + "，".join(f"{NAMES_ZH[k]} {_f(h.get(k))}" for k in HELDOUT_KEYS) + " |")
                lines.append(f"| {r['backend']} | draft (held-out, chat paragraph only) | "
                             + "，".join(f"{NAMES_ZH[k]} {_f(h['chat'].get(k))}" for k in HELDOUT_KEYS) + " |")
            if task == "review" and sec.get("heldout"):
                h = sec["heldout"]
                lines.append(f"| {r['backend']} | review (held-out-style tables) | macro P "
                             f"{_f(h['macro']['precision'])} / R {_f(h['macro']['recall'])} / F1 "
                             f"{_f(h['macro']['f1'])}（{len(h['datasets'])} 张表） |")
    return "\n".join(lines) + "\n"
