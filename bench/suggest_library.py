"""Suggest time and memory with 10, 1,000 and 10,000 projects in the user's reference library.

Each size runs in a fresh process with its own user data dir: the reference store is filled with
synthetic reference tables (``bench.synth.reference_tables``), then ``suggest`` (rules backend, no model)
drafts five realistic budget items. Reported per size: seconds to fill the store, the start-up (imports
including the ones suggest makes lazily, the indicator-library index built, the store opened), the first
suggest (cold caches), the median and worst of the
14 warm suggests, one reference-store query alone, the Python allocation peak during the suggests
(tracemalloc) and the peak RSS of the suggesting process (the store is filled in a process of its own). Run: ``python -m bench.suggest_library [--sizes 10,1000,10000] [--save]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
ROOT = Path(__file__).resolve().parent.parent
ITEMS = [
    {"name": "城区河道保洁服务采购", "goal": "对辖区12条河道共38公里水面开展日常保洁和漂浮物打捞", "amount": 96},
    {"name": "2026年城市马拉松赛事", "goal": "举办全程、半程和迷你跑，参赛选手约3万人", "amount": 800},
    {"name": "中小学教师笔记本电脑配备", "goal": "为教师配备笔记本电脑，每台6000元左右，总共252万元", "amount": 252},
    {"name": "学校食堂食品安全监督检查", "goal": "对156所学校食堂开展监督检查和食品抽检，全年不发生学生集体食物中毒事件",
     "amount": 60},
    {"name": "农村公路日常养护", "goal": "全区村道共320公里实施日常养护", "amount": 640},
]


def fill(size: int) -> dict:
    """Fill the user's store with ``size`` projects (a process of its own, so that its memory is not
    counted against suggest)."""
    sys.path.insert(0, str(ROOT))
    import assistant.library.references as refs
    from assistant.library.references import reference_store
    from bench.synth import reference_tables

    refs.current_user = lambda: "bench"
    t0 = time.perf_counter()
    store = reference_store()
    for i, table in enumerate(reference_tables(size, per_table=min(50, size))):
        store.add(table, file_name=f"参考表{i}.xlsx", sha256=f"{i:064d}")
    return {"fill_s": round(time.perf_counter() - t0, 3)}


def child(size: int) -> dict:
    """Open the filled store and time the suggests; runs inside the measured process."""
    sys.path.insert(0, str(ROOT))
    t0 = time.perf_counter()
    import assistant.library.references as refs
    from assistant.library.references import reference_store
    from assistant.library.retrieval import index
    from assistant.tasks.models import ProjectDescription
    from assistant.tasks.suggest import suggest

    refs.current_user = lambda: "bench"
    import assistant.review.engine  # noqa: F401 - imported lazily by suggest; counted in start-up, not in it
    import assistant.tasks.drafting  # noqa: F401

    index()
    store = reference_store()
    startup = time.perf_counter() - t0
    descs = [ProjectDescription(**item) for item in ITEMS]
    tracemalloc.start()
    times = []
    for desc in descs * 3:
        t = time.perf_counter()
        result = suggest(desc)
        times.append(time.perf_counter() - t)
        assert result.indicators
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    t = time.perf_counter()
    store.similar(ITEMS[0]["name"] + ITEMS[0]["goal"], k=3)
    query = time.perf_counter() - t
    warm = times[1:]
    return {"projects": store.count(), "startup_s": round(startup, 3), "first_suggest_s": round(times[0], 4),
            "warm_median_s": round(statistics.median(warm), 4), "warm_max_s": round(max(warm), 4),
            "store_query_s": round(query, 4), "tracemalloc_peak_mb": round(peak / 2**20, 1),
            "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def run(sizes: list[int]) -> list[dict]:
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as home:
            env = {**os.environ, "JIXIAO_HOME": home, "PYTHONPATH": str(ROOT)}
            for key in ("JIXIAO_BASE_URL", "JIXIAO_MODEL", "JIXIAO_ENDPOINT"):
                env.pop(key, None)
            row: dict = {}
            for step in ("--fill", "--child"):
                done = subprocess.run([sys.executable, "-m", "bench.suggest_library", step, str(size)],
                                      capture_output=True, text=True, env=env, cwd=ROOT, check=True)
                row.update(json.loads(done.stdout.strip().splitlines()[-1]))
        rows.append(row)
        print(f"{row['projects']:>6} 个参考项目：填充 {row['fill_s']:.1f}s；导入与建索引 {row['startup_s']:.2f}s；首次 suggest {row['first_suggest_s']:.3f}s；"
              f"之后中位 {row['warm_median_s']:.3f}s、最慢 {row['warm_max_s']:.3f}s；参考库查询 {row['store_query_s']:.4f}s；"
              f"分配峰值 {row['tracemalloc_peak_mb']} MB；进程峰值 {row['max_rss_mb']} MB", flush=True)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description="suggest time and memory against the reference-library size")
    ap.add_argument("--sizes", default="10,1000,10000")
    ap.add_argument("--save", action="store_true")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--fill", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.fill is not None:
        print(json.dumps(fill(args.fill)))
        return
    if args.child is not None:
        print(json.dumps(child(args.child)))
        return
    rows = run([int(s) for s in args.sizes.split(",")])
    if args.save:
        RESULTS.mkdir(exist_ok=True)
        out = RESULTS / "suggest_library.json"
        out.write_text(json.dumps({"command": "python -m bench.suggest_library --save", "rows": rows},
                                  ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"已写入 {out}")


if __name__ == "__main__":
    main()
