"""The page under load: N page users (gradio_client, default 20) drafting and reviewing small tables while
one more uploads and reviews a ~10 MB table, against ``jixiao ui`` on 127.0.0.1 with a fresh JIXIAO_HOME.

Each user loops chat → recheck → list drafts → review of a 2-project pasted table, pausing ``--think``
seconds on average between actions (0 for back-to-back calls), until the run's time is up (bounded: ``--seconds``, default 60; every call has a timeout). The big upload's review is stopped at
the end if it is still running. Prints the p50/p95/max of the small requests (goal: p95 < 2 s), how many
ran and failed, the big upload's state, and the server's peak resident memory (VmHWM, goal < 1 GiB).
Run: ``python -m bench.page_load [--users 20] [--seconds 60] [--mb 10] [--save]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.parse_review import RESULTS
from bench.synth import repeated, seed_text

ROOT = Path(__file__).resolve().parent.parent
RULES = "规则引擎（不调用模型）"
REQUEST = ("项目名称：教室照明改造\n金额：350万元\n绩效目标：全区中小学教室照度全部达标\n"
           "实施内容：更换LED护眼灯具6000套\n受益对象：全区中小学生约6万人")


def small_table() -> str:
    lines = seed_text().split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("项目名称"))
    return "\n".join(lines[: start + 3])


def big_table(folder: Path, mb: float) -> Path:
    one = len(repeated(1).encode("utf-8"))
    path = folder / "big.txt"
    path.write_text(repeated(max(1, int(mb * 1024 * 1024 / one))), encoding="utf-8")
    return path


def peak_mib(pid: int) -> float:
    """The process's peak resident set (VmHWM) in MiB, children not included."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def tree_rss_mib(pid: int) -> float:
    """Resident memory of ``pid`` and its children (the review worker processes, started from any of its
    threads) now, in MiB."""
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            kids = [k for task in Path(f"/proc/{p}/task").iterdir() for k in (task / "children").read_text().split()]
        except OSError:
            continue
        total += next((int(x.split()[1]) for x in status.splitlines() if x.startswith("VmRSS:")), 0) / 1024
        todo += [int(k) for k in kids]
    return total


def sample_memory(pid: int, stop: threading.Event, peak: list[float]) -> None:
    while not stop.wait(0.25):
        peak[0] = max(peak[0], tree_rss_mib(pid))


def user_loop(url: str, deadline: float, times: list[tuple[str, float]], errors: list[str],
              lock: threading.Lock, think: float) -> None:
    from gradio_client import Client

    client = Client(url, verbose=False, download_files=False, httpx_kwargs={"timeout": 120})
    table = small_table()

    def timed(*args: object, api_name: str) -> object:
        t0 = time.perf_counter()
        try:
            job = client.submit(*args, api_name=api_name)
            out = job.result(timeout=max(1.0, deadline + 30 - time.monotonic()))
        except Exception as err:  # noqa: BLE001 - counted, the run goes on
            with lock:
                errors.append(f"{api_name}: {type(err).__name__}: {str(err)[:120]}")
            return None
        with lock:
            times.append((api_name, time.perf_counter() - t0))
        return out

    pause = random.Random(id(client))

    def rest() -> None:
        if think:
            time.sleep(pause.uniform(0.5 * think, 1.5 * think))

    while time.monotonic() < deadline:
        rest()
        out = timed(REQUEST, api_name="/chat")
        if out:
            grid = out[2]
            rows = [list(r) for r in grid["data"]] if grid else []
            if rows:
                rows[0][4] = "6000"
                rest()
                timed({"headers": grid["headers"], "data": rows}, api_name="/recheck")
        timed(api_name="/list_drafts")
        rest()
        timed(None, table, "guangzhou", False, RULES, api_name="/review")


def warm_up(url: str) -> float:
    """One chat and one review before the clock starts: the first draft builds the indicator library's
    index in the fresh home, a one-time cost reported on its own."""
    from gradio_client import Client

    client = Client(url, verbose=False, download_files=False, httpx_kwargs={"timeout": 300})
    t0 = time.perf_counter()
    client.predict(REQUEST, api_name="/chat")
    client.predict(None, small_table(), "guangzhou", False, RULES, api_name="/review")
    return time.perf_counter() - t0


def big_upload(url: str, path: Path, deadline: float, state: dict[str, object]) -> None:
    from gradio_client import Client, handle_file

    client = Client(url, verbose=False, download_files=False, httpx_kwargs={"timeout": 120})
    t0 = time.perf_counter()
    job = client.submit(handle_file(str(path)), "", "guangzhou", False, RULES, api_name="/review")
    state["job"], state["client"] = job, client
    while not job.done() and time.monotonic() < deadline:
        time.sleep(0.5)
    if job.done():
        try:
            job.result()
            state["big"] = f"reviewed in {time.perf_counter() - t0:.1f} s"
        except Exception as err:  # noqa: BLE001
            state["big"] = f"failed after {time.perf_counter() - t0:.1f} s: {str(err)[:160]}"
    else:
        state["big"] = f"still running after {time.perf_counter() - t0:.1f} s: stopped"
        client.predict(api_name="/stop_review")


def _p95(times: list[float]) -> float:
    return times[min(len(times) - 1, int(0.95 * len(times)))] if times else float("nan")


def _stats(times: list[float]) -> dict[str, float]:
    return {"n": len(times), "p50_s": round(statistics.median(times), 3), "p95_s": round(_p95(times), 3)}


def run(users: int, seconds: float, mb: float, think: float) -> dict[str, object]:
    sys.path.insert(0, str(ROOT / "tests" / "ui"))
    from ui_server import start

    with tempfile.TemporaryDirectory(prefix="jixiao-page-load-") as tmp:
        folder = Path(tmp)
        big = big_table(folder, mb)
        big_mb = big.stat().st_size / 1048576
        server = start(folder / "home")
        try:
            warm = warm_up(server.url)
            deadline = time.monotonic() + seconds
            times: list[tuple[str, float]] = []
            errors: list[str] = []
            lock = threading.Lock()
            state: dict[str, object] = {}
            threads = [threading.Thread(target=big_upload, args=(server.url, big, deadline, state), daemon=True)
                       ] if mb > 0 else []
            threads += [threading.Thread(target=user_loop, args=(server.url, deadline, times, errors, lock, think),
                                         daemon=True) for _ in range(users)]
            done, tree_peak = threading.Event(), [0.0]
            sampler = threading.Thread(target=sample_memory, args=(server.proc.pid, done, tree_peak), daemon=True)
            sampler.start()
            for t in threads:
                t.start()
            for t in threads:
                t.join(seconds + 120)
            done.set()
            peak = peak_mib(server.proc.pid)
        finally:
            server.stop()
    per = {name: _stats(sorted(t for n, t in times if n == name)) for name in sorted({n for n, _ in times})}
    all_times = sorted(t for _, t in times)
    p95 = _p95(all_times)
    times = all_times
    return {"per_request": per, "warm_up_s": round(warm, 2), "think_s": think, "users": users, "seconds": seconds, "big_mb": round(big_mb, 1),
            "requests": len(times), "failed": len(errors), "errors": errors[:5],
            "p50_s": round(statistics.median(times), 3) if times else None, "p95_s": round(p95, 3),
            "max_s": round(times[-1], 3) if times else None, "big_upload": state.get("big"),
            "server_peak_mib": round(peak, 1),
            "server_and_workers_peak_mib": round(tree_peak[0], 1), "cpus": os.cpu_count()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--mb", type=float, default=10)
    ap.add_argument("--think", type=float, default=2.0, help="mean pause of a user between actions (s)")
    ap.add_argument("--save", action="store_true")
    args = ap.parse_args()
    users = max(1, min(args.users, 50))
    seconds = max(5.0, min(args.seconds, 600.0))
    result = run(users, seconds, args.mb, max(0.0, args.think))
    print(f"page load: {users} users (mean pause {args.think} s) for {seconds:.0f} s while one uploads a {result['big_mb']} MB table")
    print(f"  small requests: {result['requests']} ran, {result['failed']} failed; "
          f"p50 {result['p50_s']} s, p95 {result['p95_s']} s (goal < 2 s), max {result['max_s']} s")
    print(f"  warm-up (first chat builds the library index, first review): {result['warm_up_s']} s")
    for name, st in result["per_request"].items():
        print(f"    {name:<14} n={st['n']:<5} p50 {st['p50_s']} s  p95 {st['p95_s']} s")
    print(f"  big upload: {result['big_upload']}")
    print(f"  server peak memory: {result['server_peak_mib']} MiB; with review workers "
          f"{result['server_and_workers_peak_mib']} MiB (goal < 1024)")
    for err in result["errors"]:
        print(f"  error: {err}")
    if args.save:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "page_load.json").write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
