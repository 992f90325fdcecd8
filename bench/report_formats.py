"""Report writing time in every format (html, md, text, json, xlsx) for 1k, 10k and 100k indicators, and
the fitted scaling exponent per format (issue 15 asks for ≤ 1.1: a writer that scans every finding per
project is quadratic).

The reviewed table is the seed parsed and reviewed once, then copied (project names made unique, the
findings, grades and summaries copied with them) up to the size, so the figures time the writers only.
Each size runs in a fresh subprocess so that its peak memory (ru_maxrss) is its own. Times are CPU seconds of
the writer (best of ``--repeat``; the machine is shared, so wall time is kept beside them as ``<fmt>_wall``).
Run: ``python -m bench.report_formats [--sizes 1000,10000,100000] [--repeat 2] [--save]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from bench.parse_review import RESULTS, slope

FORMATS = ("html", "md", "text", "json", "xlsx")

CHILD = r"""
import json, math, resource, sys, tempfile, time
from pathlib import Path
from assistant.parse import read_path
from assistant.review.engine import review_table
from assistant.service.resolve import load_policy
from assistant.report import html, markdown, text, xlsx
from assistant.report import json as as_json
from bench.synth import SEED

size, repeat = int(sys.argv[1]), int(sys.argv[2])
seed = read_path(SEED)
report = review_table(seed, load_policy(None))
copies = math.ceil(size / seed.indicator_count())
projects, findings, grades, summaries = [], [], [], []
for c in range(copies):
    tag = f"（副本{c}）" if c else ""
    rename = {p.name: p.name + tag for p in seed.projects}
    projects += [p.model_copy(update={"name": rename[p.name]}) for p in seed.projects]
    findings += [f.model_copy(update={"project": rename.get(f.project, f.project)}) for f in report.findings]
    grades += [g.model_copy(update={"project": rename.get(g.project, g.project)}) for g in report.grades]
    summaries += [s.model_copy(update={"name": rename.get(s.name, s.name)}) for s in report.projects]
table = seed.model_copy(update={"projects": projects})
big = report.model_copy(update={"findings": findings, "grades": grades, "projects": summaries})
out = Path(tempfile.mkdtemp(prefix="jixiao-bench-report-"))
writers = {"html": lambda: html.render(big, table), "md": lambda: markdown.render(big, table),
           "text": lambda: text.render(big, table), "json": lambda: as_json.render(big, table),
           "xlsx": lambda: xlsx.write(big, table, out / "r.xlsx")}
row = {"indicators": table.indicator_count(), "projects": len(table.projects), "findings": len(findings)}
for name in sys.argv[3].split(","):
    best = wall = math.inf
    for _ in range(repeat):
        t0, w0 = time.process_time(), time.perf_counter()
        writers[name]()
        best, wall = min(best, time.process_time() - t0), min(wall, time.perf_counter() - w0)
    row[name], row[name + "_wall"] = best, wall
row["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(row))
"""


def _child(size: int, repeat: int, formats: tuple[str, ...]) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, str(size), str(repeat), ",".join(formats)],
                          check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(sizes: list[int], repeat: int = 2, formats: tuple[str, ...] = FORMATS) -> dict:
    rows = []
    for n in sizes:
        row = _child(n, repeat, formats)
        rows.append(row)
        print(f"{row['indicators']:7d} indicators ({row['projects']:5d} projects, {row['findings']:6d} findings): "
              + "  ".join(f"{f} {row[f]:7.2f} s" for f in formats) + f"  peak {row['peak_mib']:6.0f} MiB")
    exponents = {f: slope([r["indicators"] for r in rows], [r[f] for r in rows]) for f in formats}
    print("fitted exponent of writing time on indicators: "
          + "  ".join(f"{f} {e:.2f}" for f, e in exponents.items()))
    return {"rows": rows, "exponents": exponents}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--save", action="store_true")
    args = ap.parse_args()
    result = run([int(x) for x in args.sizes.split(",")], args.repeat, tuple(args.formats.split(",")))
    if args.save:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "report_formats.json").write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")


if __name__ == "__main__":
    main()
