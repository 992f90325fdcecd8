"""Field-exact comparison of a parsed Table with a gold parse file (rules in shared/gold/README.md)."""

from __future__ import annotations

from typing import Any

PART_KEYS = ("op", "value", "high", "unit", "basis")


def _part(p: dict[str, Any]) -> tuple:
    return tuple(p.get(k) for k in PART_KEYS)


def indicator_key(ind: dict[str, Any]) -> tuple:
    t = ind["target"]
    return (ind["category"], ind["name"], ind["value"], tuple(_part(p) for p in t.get("parts", [])))


def project_key(p: dict[str, Any]) -> tuple:
    return (p["name"], p["goal"], tuple(len(g) for g in p["groups"]))


def compare(parsed: dict[str, Any], gold: dict[str, Any]) -> dict[str, Any]:
    """Scores and a list of differences; ``parsed`` and ``gold`` are JSON dicts of the table shape."""
    diffs: list[str] = []
    gp, pp = gold["projects"], parsed["projects"]
    proj_ok = ind_ok = ind_total = part_ok = part_total = 0
    for i, g in enumerate(gp):
        p = pp[i] if i < len(pp) else None
        if p is not None and project_key(p) == project_key(g):
            proj_ok += 1
        elif p is not None:
            diffs.append(f"project {i + 1}: {project_key(p)[0]!r} groups {project_key(p)[2]} != {project_key(g)[2]}"
                         if p["name"] == g["name"] else f"project {i + 1}: {p['name']!r} != {g['name']!r}")
        else:
            diffs.append(f"project {i + 1}: missing {g['name']!r}")
        g_inds = [x for grp in g["groups"] for x in grp]
        p_inds = [x for grp in p["groups"] for x in grp] if p else []
        for j, gi in enumerate(g_inds):
            ind_total += 1
            part_total += len(gi["target"]["parts"])
            pi = p_inds[j] if j < len(p_inds) else None
            if pi is not None and indicator_key(pi) == indicator_key(gi):
                ind_ok += 1
            elif pi is not None:
                diffs.append(f"{g['name']} #{j + 1}: {indicator_key(pi)} != {indicator_key(gi)}")
            if pi is not None:
                gparts, pparts = gi["target"]["parts"], pi["target"].get("parts", [])
                part_ok += sum(1 for a, b in zip(gparts, pparts, strict=False) if _part(a) == _part(b))
    gw = {(w["line"], w["kind"], w["text"]) for w in gold.get("warnings", [])}
    pw = {(w.get("line"), w["kind"], w["text"]) for w in parsed.get("warnings", [])}
    for missing in sorted(gw - pw, key=str):
        diffs.append(f"warning missing: {missing}")
    for k in ("title", "department"):
        if parsed.get(k) != gold.get(k):
            diffs.append(f"{k}: {parsed.get(k)!r} != {gold.get(k)!r}")
    return {
        "projects": proj_ok / max(len(gp), 1),
        "projects_count": (len(pp), len(gp)),
        "indicators": ind_ok / max(ind_total, 1),
        "parts": part_ok / max(part_total, 1),
        "warnings_recall": len(gw & pw) / max(len(gw), 1),
        "diffs": diffs,
    }
