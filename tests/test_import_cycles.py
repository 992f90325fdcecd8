"""No import cycles between the top-level parts of ``assistant`` (its subpackages and top-level modules).

The graph is read from the source with ``ast``: every ``import``/``from … import``, at module level, inside
functions or under ``TYPE_CHECKING``, counts as an edge from the part that holds the file to the part it
names. A cycle means two parts cannot be understood, tested or moved apart; the shared piece belongs in
one of them or below both.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import assistant

PACKAGE = Path(assistant.__file__).resolve().parent

# Edges known to close a cycle and being removed elsewhere. Each entry says why it is here; a listed edge
# that no longer exists fails the test so the entry is deleted with the fix.
ALLOWED: dict[tuple[str, str], str] = {}

Edges = dict[tuple[str, str], list[str]]


def _part(module: str, package: str, parts: set[str]) -> str | None:
    names = module.split(".")
    if names[0] != package or len(names) < 2 or names[1] not in parts:
        return None
    return names[1]


def _imported(node: ast.Import | ast.ImportFrom, package: str) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        base = package.split(".")[: len(package.split(".")) - node.level + 1]
        module = ".".join(base + ([node.module] if node.module else []))
    else:
        module = node.module or ""
    return [module, *(f"{module}.{alias.name}" for alias in node.names)]


def import_edges(root: Path) -> Edges:
    """(importing part, imported part) → the ``file:line`` places that import it, for the package at
    ``root`` (named by its folder)."""
    name = root.name
    parts = {p.name for p in root.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    parts |= {p.stem for p in root.glob("*.py") if p.stem != "__init__"}
    edges: Edges = defaultdict(list)
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root.parent).with_suffix("")
        module = ".".join(relative.parts)
        if len(relative.parts) < 2 or relative.parts[1] == "__init__":
            continue
        source = relative.parts[1]
        package = module.removesuffix(".__init__") if path.name == "__init__.py" else module.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            targets = {_part(m, name, parts) for m in _imported(node, package)}
            for target in targets - {None, source}:
                assert target is not None
                edges[(source, target)].append(f"{path.relative_to(root.parent)}:{node.lineno}")
    return dict(edges)


def cycles(edges: Edges) -> list[list[str]]:
    """The strongly connected groups of two or more parts (Tarjan), each sorted; sorted."""
    graph: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        graph[a].add(b)
        graph.setdefault(b, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def _describe(group: list[str], edges: Edges) -> str:
    inside = [(a, b) for (a, b) in sorted(edges) if a in group and b in group]
    return "; ".join(f"{a}→{b} ({', '.join(edges[(a, b)][:3])})" for a, b in inside)


def test_no_import_cycle_between_parts_of_assistant():
    edges = import_edges(PACKAGE)
    checked = {edge: places for edge, places in edges.items() if edge not in ALLOWED}
    found = cycles(checked)
    assert not found, "import cycles: " + " | ".join(_describe(g, checked) for g in found)


def test_every_allowed_edge_still_exists():
    edges = import_edges(PACKAGE)
    gone = [f"{a}→{b}" for a, b in ALLOWED if (a, b) not in edges]
    assert not gone, f"delete these entries from ALLOWED, the imports are gone: {gone}"


def test_the_graph_sees_lazy_relative_and_type_only_imports():
    edges = import_edges(PACKAGE)
    assert ("service", "review") in edges and ("cli", "service") in edges
    assert ("review", "service") not in edges


def test_a_cycle_through_a_lazy_import_is_found(tmp_path):
    root = tmp_path / "assistant"
    for part in ("alpha", "beta", "gamma"):
        (root / part).mkdir(parents=True)
        (root / part / "__init__.py").write_text("", encoding="utf-8")
    (root / "__init__.py").write_text("", encoding="utf-8")
    (root / "alpha" / "one.py").write_text("from assistant.beta import x\n", encoding="utf-8")
    (root / "beta" / "two.py").write_text("from ..gamma.three import y\n", encoding="utf-8")
    (root / "gamma" / "three.py").write_text("def f():\n    import assistant.alpha.one\n", encoding="utf-8")
    (root / "solo.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import assistant.alpha\n",
                                  encoding="utf-8")
    edges = import_edges(root)
    assert cycles(edges) == [["alpha", "beta", "gamma"]]
    assert ("solo", "alpha") in edges
    assert "assistant/gamma/three.py:2" in edges[("gamma", "alpha")]
