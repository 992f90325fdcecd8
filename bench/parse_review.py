"""Parse and review cost on the seed and on tables 10×, 100×, 1000× its size.

Prints, per size: seconds to parse; seconds for one regex scan of the same text, in two forms — the
bare scan for each ``年度指标值：…`` (the floor any reader pays to look at every character) and a scan that
also captures each item's number, category, name and value (the cheapest reader that extracts the same
fields, without the value grammar or objects); the parse/scan ratios; seconds to review; and the fitted
scaling exponents (slope of log time against log size). Run: ``python -m bench.parse_review [--sizes 1,10,100,1000]``.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import time
from pathlib import Path

from bench.synth import repeated

SCAN = re.compile(r"年度指标值：([^。]*)")
ITEM_SCAN = re.compile(r"(\d{1,3})、([^：]{1,12}指标)：(.*?)，年度指标值：(.*?)。")
RESULTS = Path(__file__).resolve().parent / "results"


def _best(fn, repeat: int) -> tuple[float, object]:
    best, out = math.inf, None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def slope(xs: list[float], ys: list[float]) -> float:
    """Least-squares slope of log(y) on log(x)."""
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=True)) / sum((a - mx) ** 2 for a in lx)


def run(sizes: list[int]) -> dict:
    from assistant.parse import read_text
    from assistant.review import review_table

    rows = []
    for n in sizes:
        text = repeated(n)
        repeat = 5 if n <= 10 else (2 if n <= 100 else 1)
        scan_s, _ = _best(lambda text=text: sum(1 for _ in SCAN.finditer(text)), repeat)
        item_s, _ = _best(lambda text=text: [m.groups() for m in ITEM_SCAN.finditer(text)], repeat)
        parse_s, table = _best(lambda text=text: read_text(text), repeat)
        review_s, report = _best(lambda table=table: review_table(table), repeat)
        rows.append({
            "size": n, "chars": len(text), "projects": len(table.projects),
            "indicators": table.indicator_count(), "findings": len(report.findings),
            "scan_s": scan_s, "item_scan_s": item_s, "parse_s": parse_s, "review_s": review_s,
            "parse_over_scan": parse_s / scan_s, "parse_over_item_scan": parse_s / item_s,
            "review_over_parse": review_s / parse_s,
        })
        print(f"{n:>5}×  {len(text):>10,} 字符  {table.indicator_count():>7,} 指标  "
              f"解析 {parse_s:8.3f}s  解析/扫描 {parse_s / scan_s:6.1f}×  解析/逐项扫描 {parse_s / item_s:5.1f}×  "
              f"审核 {review_s:8.3f}s  审核/解析 {review_s / parse_s:5.2f}×", flush=True)
    result = {"rows": rows}
    if len(rows) > 1:
        xs = [r["chars"] for r in rows]
        result["parse_exponent"] = slope(xs, [r["parse_s"] for r in rows])
        result["review_exponent"] = slope(xs, [r["review_s"] for r in rows])
        print(f"拟合指数：解析 {result['parse_exponent']:.3f}，审核 {result['review_exponent']:.3f}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1,10,100,1000")
    parser.add_argument("--save", action="store_true", help="write bench/results/parse_review.json")
    args = parser.parse_args()
    result = run([int(s) for s in args.sizes.split(",")])
    if args.save:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "parse_review.json").write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
