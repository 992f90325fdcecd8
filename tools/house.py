"""The house in figures: module sizes and the import graph between the subpackages of ``assistant``.

``python tools/house.py [ROOT]`` reads the checkout at ROOT (default: this one) and prints the largest
modules, the line count, each subpackage's imports of the others (module-level and lazy imports alike,
via grimp), and every pair of subpackages that import each other. Exit 1 when ``review`` and ``report``
import each other.
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path


def sizes(root: Path) -> list[tuple[int, str]]:
    pkg = root / "assistant"
    return sorted(((len(p.read_text(encoding="utf-8").splitlines()), str(p.relative_to(root)))
                   for p in pkg.rglob("*.py")), reverse=True)


def layers(root: Path) -> tuple[dict[str, set[str]], list[tuple[str, str]]]:
    sys.path.insert(0, str(root))
    sys.meta_path[:] = [f for f in sys.meta_path if "editable" not in type(f).__module__.lower()]
    import grimp

    graph = grimp.build_graph("assistant", cache_dir=None)
    subs = sorted(m for m in graph.find_children("assistant"))
    deps: dict[str, set[str]] = {s: set() for s in subs}
    for a, b in itertools.permutations(subs, 2):
        if graph.find_matching_direct_imports(import_expression=f"{a} -> {b}") or \
           graph.find_matching_direct_imports(import_expression=f"{a}.** -> {b}") or \
           graph.find_matching_direct_imports(import_expression=f"{a} -> {b}.**") or \
           graph.find_matching_direct_imports(import_expression=f"{a}.** -> {b}.**"):
            deps[a].add(b)
    mutual = [(a, b) for a, b in itertools.combinations(subs, 2) if b in deps[a] and a in deps[b]]
    return deps, mutual


def main(argv: list[str]) -> int:
    root = Path(argv[0] if argv else Path(__file__).resolve().parents[1]).resolve()
    found = sizes(root)
    print(f"{len(found)} modules, {sum(n for n, _ in found)} lines; largest:")
    for n, name in found[:10]:
        print(f"  {n:5d}  {name}")
    deps, mutual = layers(root)
    short = {s: s.removeprefix("assistant.") for s in deps}
    print("imports between subpackages:")
    for s, targets in deps.items():
        if targets:
            print(f"  {short[s]:<14} -> {', '.join(sorted(short[t] for t in targets))}")
    print("subpackages importing each other:", ", ".join(f"{short[a]}<->{short[b]}" for a, b in mutual) or "none")
    return int(("assistant.report", "assistant.review") in mutual)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
