"""``jixiao eval``: run the tasks with a backend, write the JSON result and the Markdown scorecard, gate on the
baseline.

Backends: ``rules`` (in process), or an endpoint name. An endpoint runs through
:class:`evals.replay.RecordReplayServer`: ``--replay`` (the default) serves the answers stored under
``evals/recordings/<endpoint>/``; ``--record`` sends the requests to the endpoint's real server and stores the
answers. ``--backend all`` is ``rules`` plus every endpoint that has recordings.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from evals import headline, scorecard, scorers, tasks

EVALS = Path(__file__).resolve().parent
RECORDINGS = EVALS / "recordings"
RESULTS = EVALS / "results"
TASKS = ("parse", "review", "rewrite", "suggest", "draft", "rewrite_expert")


class NotRecorded(Exception):
    pass


def recorded_backends() -> list[str]:
    return sorted(p.name for p in RECORDINGS.iterdir() if p.is_dir()) if RECORDINGS.exists() else []


@contextlib.contextmanager
def model_env(endpoint_name: str, mode: str) -> Iterator[Any]:
    """Point ``endpoint_name`` at a record/replay server on 127.0.0.1, with the llm cache off and a fresh
    ``JIXIAO_HOME`` (so the default example library is the bundled seed only); yield the server."""
    import tempfile

    import assistant.llm as llm
    from assistant.llm.endpoints import load_endpoint
    from evals.replay import RecordReplayServer

    directory = RECORDINGS / endpoint_name
    if mode == "replay" and not any(directory.glob("*.json")):
        raise NotRecorded(f"没有录制：{directory}（先用 --record 对真实端点运行一次）")
    endpoint = load_endpoint(endpoint_name)
    server = RecordReplayServer(directory, mode, upstream=endpoint.base_url if mode == "record" else None)
    saved = {k: os.environ.get(k) for k in ("JIXIAO_BASE_URL", "JIXIAO_CACHE", "JIXIAO_HOME")}
    allow = llm.ALLOW_MODEL_REQUESTS
    with server, tempfile.TemporaryDirectory(prefix="jixiao-eval-") as home:
        os.environ["JIXIAO_HOME"] = home
        os.environ["JIXIAO_BASE_URL"] = server.url
        os.environ["JIXIAO_CACHE"] = "off"
        llm.ALLOW_MODEL_REQUESTS = "loopback"
        try:
            yield server
        finally:
            llm.ALLOW_MODEL_REQUESTS = allow
            for k, v in saved.items():
                if v is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = v
    if mode == "record":
        manifest = {"endpoint": endpoint.name, "model": endpoint.model, "mode": endpoint.mode,
                    "recorded_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    "answers_this_run": server.recorded,
                    "files": len([p for p in directory.glob("*.json") if p.name != "manifest.json"]),
                    "note": "仅保存请求体与回答；不含请求头与密钥"}
        (directory / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
                                                 encoding="utf-8")


def _run_tasks(endpoint: str | None, wanted: list[str]) -> tuple[dict[str, Any], list[scorers.Call]]:
    calls: list[scorers.Call] = []
    out: dict[str, Any] = {}
    for task in TASKS:
        if task not in wanted:
            out[task] = {"status": "not run", "reason": "未选择此任务"}
        elif task == "parse" and endpoint is not None:
            out[task] = {"status": "not run", "reason": "解析不调用模型，见 rules 记分卡"}
        else:
            try:
                out[task] = {"parse": lambda: tasks.run_parse(), "review": lambda: tasks.run_review(endpoint, calls),
                             "rewrite": lambda: tasks.run_rewrite(endpoint, calls),
                             "suggest": lambda: tasks.run_suggest(endpoint, calls),
                             "draft": lambda: tasks.run_draft(endpoint, calls),
                             "rewrite_expert": lambda: tasks.run_rewrite_expert(endpoint, calls)}[task]()
            except ImportError as err:
                out[task] = {"status": "not run", "reason": f"任务尚未实现：{err}"}
    return out, calls


def evaluate(backend: str, wanted: list[str], mode: str = "replay", prune: bool = False) -> dict[str, Any]:
    """One backend's result: scores per task (or ``{"status": "not run"}``) and the operational figures.
    ``prune`` (replay of all tasks only) deletes the recordings no request used."""
    started = time.perf_counter()
    result: dict[str, Any] = {"date": dt.date.today().isoformat(), "backend": backend,
                              "mode": "live" if backend == "rules" else mode, "model": None}
    if backend == "rules":
        result["tasks"], calls = _run_tasks(None, wanted)
    else:
        from assistant.llm.endpoints import load_endpoint

        result["model"] = load_endpoint(backend).model
        try:
            with model_env(backend, mode) as server:
                result["tasks"], calls = _run_tasks(backend, wanted)
                if mode == "replay":
                    for c in calls:
                        c.seconds = 0.0
                    if calls:
                        calls[0].seconds = server.recorded_seconds
                    unused = sorted(p.name for p in server.directory.glob("*.json")
                                    if p.name != "manifest.json" and p.name not in server.served)
                    result["replay"] = {"hits": server.hits, "misses": server.misses, "unused": len(unused)}
                    if prune and set(wanted) == set(TASKS):
                        for name in unused:
                            (server.directory / name).unlink()
                else:
                    result["recorded"] = server.recorded
        except NotRecorded as err:
            result["tasks"] = {t: {"status": "not run", "reason": str(err)} for t in TASKS}
            calls = []
    result["operational"] = scorers.score_operational(calls)
    if result["mode"] == "replay" and calls:
        n = result["operational"]["calls"]
        result["operational"]["latency_mean"] = sum(c.seconds for c in calls) / n
        result["operational"]["latency_p95"] = None
    result["seconds"] = round(time.perf_counter() - started, 2)
    return result


def write(result: dict[str, Any], out: Path = RESULTS) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    stem = out / f"{result['date']}-{result['backend']}"
    js, md = stem.with_suffix(".json"), stem.with_suffix(".md")
    js.write_text(json.dumps(result, ensure_ascii=False, indent=1, default=str) + "\n", encoding="utf-8")
    md.write_text(scorecard.render(result), encoding="utf-8")
    return js, md


def latest_results(out: Path = RESULTS) -> list[dict[str, Any]]:
    """The newest result of each backend in ``out``, rules first."""
    newest: dict[str, Path] = {}
    for path in sorted(out.glob("*.json")):
        newest[json.loads(path.read_text(encoding="utf-8"))["backend"]] = path
    order = sorted(newest, key=lambda b: (b != "rules", b))
    return [json.loads(newest[b].read_text(encoding="utf-8")) for b in order]


READMES = (EVALS / "README.md", EVALS.parent / "README.md")


def fill_readme(out: Path = RESULTS, readmes: tuple[Path, ...] = READMES) -> None:
    """Replace the table between each README's score markers with the latest results."""
    table = scorecard.summary_table(latest_results(out))
    for readme in readmes:
        text = readme.read_text(encoding="utf-8")
        head, rest = text.split("<!-- scores:begin -->", 1)
        _, tail = rest.split("<!-- scores:end -->", 1)
        readme.write_text(f"{head}<!-- scores:begin -->\n{table}<!-- scores:end -->{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="jixiao eval", description="按金标准数据评测各任务，写出记分卡。")
    ap.add_argument("--backend", default="rules", help="rules | 端点配置名 | all（rules 加所有有录制的端点）")
    ap.add_argument("--task", default="all", choices=[*TASKS, "all"])
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--replay", action="store_true", help="回放录制的模型回答（默认）")
    group.add_argument("--record", action="store_true", help="调用真实端点并更新录制")
    ap.add_argument("--prune", action="store_true", help="回放全部任务后删除未被使用的录制")
    ap.add_argument("--gate", action="store_true", help="分数低于 evals/baseline.json 超过容差时返回 1")
    ap.add_argument("--update-baseline", action="store_true", help="把本次分数写入 evals/baseline.json")
    ap.add_argument("--out", type=Path, default=RESULTS, help="结果目录（默认 evals/results）")
    ap.add_argument("--readme", action="store_true", help="用结果目录中各后端最新的结果更新 README.md 与 evals/README.md 的分数表")
    args = ap.parse_args(argv)
    backends = ["rules", *recorded_backends()] if args.backend == "all" else [args.backend]
    wanted = list(TASKS) if args.task == "all" else [args.task]
    mode = "record" if args.record else "replay"
    results = []
    for backend in backends:
        result = evaluate(backend, wanted, mode, prune=args.prune)
        js, md = write(result, args.out)
        results.append(result)
        print(f"【{backend}】已写入 {md} 与 {js.name}")
    print(scorecard.summary_table(results))
    if args.readme:
        fill_readme(args.out)
    if args.update_baseline:
        base = headline.load_baseline() if headline.BASELINE.exists() else {"tolerance": 0.02, "scores": {}}
        headline.BASELINE.write_text(json.dumps(headline.updated_baseline(results, base), ensure_ascii=False,
                                                indent=1) + "\n", encoding="utf-8")
        print(f"已更新基线 {headline.BASELINE}")
    if args.gate:
        from evals import expert_answers

        expert = expert_answers.run()
        print(f"专家答案（模型路径，首次请求即通过）：建议 {expert['suggest']['accepted']}/{expert['suggest']['total']}，"
              f"改写 {expert['rewrite']['accepted']}/{expert['rewrite']['total']}")
        problems = [d for r in results for d in headline.drops(r, headline.load_baseline())]
        problems += expert_answers.gate(expert)
        for p in problems:
            print(f"分数下降：{p}", file=sys.stderr)
        if problems:
            return 1
        print("全部分数不低于基线（容差内）。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
