"""A finance office's batch: 25, 50, 100 and 200 tables (built from the office test tables, spread over
ten departments) parsed, reviewed, stored and summarised (xlsx + html with charts).

Each size runs in a fresh subprocess so that its peak memory (ru_maxrss) is its own; imports, fonts and the
first review are warmed up before the clock starts, so the figures scale with the batch. Prints seconds,
seconds per table, peak MiB and the fitted scaling exponent of time on size.
Run: ``python -m bench.office_batch [--sizes 25,50,100,200] [--save]``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.parse_review import RESULTS, slope

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from assistant.office import OfficeStore, collect, run_batch
from assistant.office.render import write_html, write_xlsx
from assistant.office.charts import _pyplot
from assistant.parse import read_text
from assistant.review import review_table
folder, out = Path(sys.argv[1]), Path(sys.argv[2])
_pyplot(); review_table(read_text("1、产出指标：培训人次，年度指标值：≥10人次。"))
t0 = time.perf_counter()
store = OfficeStore(out / "office.sqlite3")
result = run_batch(collect([folder]), store=store)
t1 = time.perf_counter()
write_xlsx(result, out / "s.xlsx"); write_html(result, out / "s.html")
t2 = time.perf_counter()
print(json.dumps({"tables": len(result.reviewed), "failed": len(result.failed), "review_s": t1 - t0,
                  "summary_s": t2 - t1, "total_s": t2 - t0,
                  "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def build(folder: Path, n: int) -> None:
    from tests.office.tables import FILES, WRITERS

    for i in range(n):
        rel, dept, projects = FILES[i % len(FILES)]
        d = i % 10
        p = folder / f"部门{d:02d}" / f"{i:03d}-{Path(rel).name}"
        p.parent.mkdir(parents=True, exist_ok=True)
        renamed = [(f"{name}（{i:03d}）", goal, amount, rows) for name, goal, amount, rows in projects]
        WRITERS[p.suffix](p, f"某县第{d}部门", renamed)


def _once(folder: Path, out: Path) -> dict:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir()
    done = subprocess.run([sys.executable, "-c", CHILD, str(folder), str(out)], check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(sizes: list[int], repeat: int = 3) -> dict:
    """Best of ``repeat`` runs per size (the machine may be shared)."""
    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as tmp:
            folder, out = Path(tmp) / "in", Path(tmp) / "out"
            build(folder, n)
            row = {"size": n, **min((_once(folder, out) for _ in range(repeat)), key=lambda r: r["total_s"])}
            row["s_per_table"] = row["total_s"] / n
            rows.append(row)
            print(f"{n:4d} tables: review {row['review_s']:6.2f} s, summary {row['summary_s']:5.2f} s, "
                  f"total {row['total_s']:6.2f} s ({row['s_per_table'] * 1000:5.1f} ms/table), "
                  f"peak {row['peak_mib']:6.0f} MiB")
    exp = slope([r["size"] for r in rows], [r["total_s"] for r in rows])
    print(f"fitted exponent of total time on size: {exp:.2f}")
    return {"rows": rows, "exponent": exp}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="25,50,100,200")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--save", action="store_true")
    args = ap.parse_args()
    result = run([int(x) for x in args.sizes.split(",")], args.repeat)
    if args.save:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "office_batch.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
