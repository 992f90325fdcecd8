"""Run each task over its dataset with one backend and score it. ``endpoint`` None is the rules backend;
otherwise a profile name whose ``base_url`` the caller has already pointed at the replay server."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from typing import Any

from evals import data, drafting, scorers
from evals.scorers import Call

MODEL_REWRITE = ("seed-01", "seed-02", "seed-09", "seed-11", "seed-13", "seed-16")
MODEL_SUGGEST = ("工业和信息化培训经费", "购置经费")
MODEL_CRITIQUE = ("购置经费", "派驻纪检监察组工作经费", "支持发展第10.5代TFT-LCD显示器件生产项目")


def _timed(task: str, calls: list[Call], fn: Callable[[], Any]) -> Any:
    """Run ``fn``; record a :class:`Call` with its usage; return its value or None on an exception."""
    started = time.perf_counter()
    try:
        value = fn()
    except Exception as err:  # noqa: BLE001 — every failure of a task call is a scored failure
        calls.append(Call(task, False, time.perf_counter() - started, error=f"{type(err).__name__}: {err}"[:200]))
        return None
    usage = getattr(value, "usage", None) or {}
    calls.append(Call(task, True, time.perf_counter() - started, attempts=getattr(value, "attempts", 0) or 0,
                      prompt_tokens=usage.get("prompt_tokens", 0), completion_tokens=usage.get("completion_tokens", 0),
                      cost=usage.get("cost", 0.0)))
    return value


def run_parse() -> dict[str, Any]:
    from assistant.parse import read_path

    pairs = []
    for name, path, gold in data.parse_sets():
        try:
            parsed = read_path(path).model_dump(mode="json")
        except Exception:  # noqa: BLE001 — a reader failure scores 0 for that dataset
            parsed = None
        pairs.append((name, parsed, gold))
    return scorers.score_parse(pairs)


def _table(path: Any) -> Any:
    from assistant.parse import read_path

    return read_path(path)


def run_review(endpoint: str | None, calls: list[Call]) -> dict[str, Any]:
    """Rules: every gold table, and separately (``heldout``) the held-out-style review tables. Model: the rules' findings plus the model critique of MODEL_CRITIQUE, scored on
    those projects of the seed only."""
    from assistant.review import review_table

    if endpoint is None:
        def reviewed(sets: list[tuple[str, Any, dict[str, Any]]]) -> list[tuple[str, list[Any], dict[str, Any]]]:
            pairs = []
            for name, path, gold in sets:
                report = _timed("review", calls, lambda p=path: review_table(_table(p)))
                findings = [f.model_dump(mode="json") for f in report.findings] if report else []
                pairs.append((name, findings, gold))
            return pairs

        return scorers.score_review_sets(reviewed(data.review_sets())) | {
            "heldout": scorers.score_review_sets(reviewed(data.heldout_review_sets()))}
    from assistant.tasks.critique import critique

    name, path, gold = data.review_sets()[0]
    table = _table(path)
    rule_findings = [f.model_dump(mode="json") for f in review_table(table).findings]
    pairs = []
    n_model = 0
    for project in [p for p in table.projects if p.name in MODEL_CRITIQUE]:
        found = _timed("critique", calls, lambda p=project: critique(p, endpoint=endpoint))
        model = [f.model_dump(mode="json") | {"project": project.name} for f in found or []
                 if f.source == "model"]
        n_model += len(model)
        own = [f for f in rule_findings if f.get("project") == project.name]
        sub_gold = {**gold, "findings": [f for f in gold["findings"] if f["project"] == project.name]}
        pairs.append((project.name, own + model, sub_gold))
    return scorers.score_review_sets(pairs) | {"model_findings": n_model,
                                               "note": "规则审核结果加上模型评议（critique）的发现，仅评这几个项目"}


def rewrite_cases(endpoint: str | None) -> list[dict[str, Any]]:
    cases = data.rewrite_cases()
    return cases if endpoint is None else [c for c in cases if c["id"] in MODEL_REWRITE]


def run_rewrite(endpoint: str | None, calls: list[Call]) -> dict[str, Any]:
    from assistant.model import Indicator, Project
    from assistant.parse import parse_target
    from assistant.tasks.rewrite import rewrite, rules_rewrite

    rows = []
    fallbacks = 0
    for case in rewrite_cases(endpoint):
        ind = Indicator(category=case["category"], name=case["name"], value=case["value"],
                        target=parse_target(case["value"]))
        project = Project(name=case["project"], goal=case.get("goal", ""), groups=[[ind]])
        if endpoint is None:
            result = _timed("rewrite", calls, lambda i=ind, p=project: rules_rewrite(i, p))
        else:
            result = _timed("rewrite", calls, lambda i=ind, p=project: rewrite(i, project=p, endpoint=endpoint))
        options = [o.model_dump(mode="json") for o in result.options] if result else None
        fallbacks += bool(endpoint and result and result.backend == "rules")
        rows.append(scorers.score_rewrite_case(case, options) | {"source": case["source"]})
    out = scorers.score_rewrite(rows)
    seed = [r for r in rows if r["source"] == "seed"]
    out["seed_overall"] = scorers.score_rewrite(seed)["overall"] if seed else None
    subset = [r for r in rows if r["id"] in MODEL_REWRITE]
    out["model_subset_overall"] = scorers.score_rewrite(subset)["overall"] if subset else None
    out["fallback_share"] = fallbacks / len(rows) if endpoint and rows else None
    return out


def _rule_pass(result: Any) -> Callable[[list[dict[str, Any]]], float]:
    """Share of the suggested rows with no error or warning from the rules (a 【待填】 placeholder's
    ``missing_value``/``placeholder_left`` finding excepted: placeholders are scored by the rewrite task's
    flagging)."""
    def share(_: list[dict[str, Any]]) -> float:
        from assistant.model import Table
        from assistant.review import review_table
        from assistant.tasks.suggest import to_project

        project = to_project(result.description, result.indicators)
        report = review_table(Table(projects=[project]))
        bad = {(f.group, f.item) for f in report.findings if f.level == "indicator"
               and f.severity in ("error", "warning") and f.code not in ("missing_value", "placeholder_left")}
        return 1 - len(bad) / max(len(result.indicators), 1)

    return share


def suggest_cases(endpoint: str | None) -> list[dict[str, Any]]:
    cases = data.suggest_cases()
    return cases if endpoint is None else [c for c in cases if c["name"] in MODEL_SUGGEST]


def run_suggest(endpoint: str | None, calls: list[Call]) -> dict[str, Any]:
    """Leave-one-out: the library holds the seed table without the project being suggested for."""
    from assistant.examples import Library
    from assistant.model import Table
    from assistant.tasks.models import ProjectDescription
    from assistant.tasks.suggest import rules_suggest, suggest

    seed = _table(data.SEED_TABLE)
    rows = []
    fallbacks = 0
    for case in suggest_cases(endpoint):
        rest = Table(title=seed.title, department=seed.department,
                     projects=[p for p in seed.projects if p.name != case["name"]])
        library = Library.of(rest)
        desc = ProjectDescription(name=case["name"], goal=case["goal"])
        if endpoint is None:
            result = _timed("suggest", calls, lambda d=desc, lib=library: rules_suggest(d, lib))
        else:
            result = _timed("suggest", calls,
                            lambda d=desc, lib=library: suggest(d, endpoint=endpoint, library=lib))
        indicators = [i.model_dump(mode="json") for i in result.indicators] if result else None
        fallbacks += bool(endpoint and result and result.backend == "rules")
        passing = _rule_pass(result) if result else (lambda _: 0.0)
        rows.append(scorers.score_suggest_case(case["name"], indicators, case["real"], passing))
    out = scorers.score_suggest(rows)
    out["projects"] = rows
    out["fallback_share"] = fallbacks / len(rows) if endpoint and rows else None
    return out


@contextlib.contextmanager
def _fresh_home() -> Iterator[None]:
    """A temporary ``JIXIAO_HOME`` so the default libraries are the bundled ones, not the user's."""
    import os
    import tempfile

    saved = os.environ.get("JIXIAO_HOME")
    with tempfile.TemporaryDirectory(prefix="jixiao-eval-") as home:
        os.environ["JIXIAO_HOME"] = home
        try:
            yield
        finally:
            if saved is None:
                os.environ.pop("JIXIAO_HOME", None)
            else:
                os.environ["JIXIAO_HOME"] = saved


NO_RECORDINGS = {"status": "not run", "reason": "该端点尚无此任务的录制；专家回答集见 evals/datasets/expert_answers/"}


def _draft_set(items: list[dict[str, Any]], calls: list[Call]) -> dict[str, Any]:
    """Scores of ``suggest`` (rules) on ``items``, from the full description and, under ``chat``, from the officer's
    paragraph alone, read into fields the way the page's chat reads it (:mod:`assistant.tasks.intake`), the
    name given."""
    from assistant.tasks.intake import description, update_fields
    from assistant.tasks.models import ProjectDescription
    from assistant.tasks.suggest import suggest

    rows, chat = [], []
    for item in items:
        desc = ProjectDescription(**item["description"])
        result = _timed("draft", calls, lambda d=desc: suggest(d, endpoint="rules"))
        indicators = [i.model_dump(mode="json") for i in result.indicators] if result else None
        rows.append(drafting.score_item(item, indicators))
        said = description(update_fields({"name": item["description"]["name"]}, item["chat"], []))
        result = _timed("draft", calls, lambda d=said: suggest(d, endpoint="rules"))
        chat.append(drafting.score_item(item, [i.model_dump(mode="json") for i in result.indicators]
                                        if result else None))
    from_chat = drafting.score_draft(chat)
    keys = (*drafting.DRAFT_METRICS, "overall", "unit_costs", "clean", "no_repeat")
    return drafting.score_draft(rows) | {"chat": {m: from_chat[m] for m in keys}, "items": rows}


def run_draft(endpoint: str | None, calls: list[Call]) -> dict[str, Any]:
    """``suggest`` on the new budget items of ``evals/datasets/drafting/items.json``, scored against the expert
    sets (:mod:`evals.drafting`); ``chat`` holds the same scores when only the officer's paragraph is given (as the
    goal), which the headline does not include; ``heldout`` the same for round 3's held-out items
    (``heldout.json``, with off-sector rows and repeats scored)."""
    if endpoint is not None:
        return dict(NO_RECORDINGS)
    with _fresh_home():
        main = _draft_set(drafting.items(), calls)
        main["heldout"] = _draft_set(drafting.heldout_items(), calls)
    return main


def run_rewrite_expert(endpoint: str | None, calls: list[Call]) -> dict[str, Any]:
    """``rewrite`` on the vague indicators of ``evals/datasets/rewrite_expert/cases.json`` (row in its project);
    ``heldout`` scores the held-out set ``heldout.json`` the same way, as its own line."""
    if endpoint is not None:
        return dict(NO_RECORDINGS)
    with _fresh_home():
        rows = _rewrite_expert_rows(drafting.cases(), calls)
        held = _rewrite_expert_rows(drafting.cases(drafting.REWRITE_HELDOUT), calls)
    return drafting.score_rewrites(rows) | {"per_case": rows,
                                            "heldout": drafting.score_rewrites(held) | {"per_case": held}}


def _rewrite_expert_rows(cases: list[dict[str, Any]], calls: list[Call]) -> list[dict[str, Any]]:
    from assistant.model import Indicator, Project
    from assistant.parse import parse_target
    from assistant.tasks.rewrite import rewrite

    rows = []
    for case in cases:
        row, proj = case["row"], case["project"]
        ind = Indicator(category=row["category"], subcategory=row["subcategory"], name=row["name"],
                        value=row["value"], target=parse_target(row["value"]))
        project = Project(name=proj["name"], goal=proj["goal"], fields={"项目内容": proj["content"]}, groups=[[ind]])
        result = _timed("rewrite_expert", calls, lambda i=ind, p=project: rewrite(i, project=p, endpoint="rules"))
        options = [o.model_dump(mode="json") for o in result.options] if result else None
        rows.append(drafting.score_rewrite_case(case, options))
    return rows
