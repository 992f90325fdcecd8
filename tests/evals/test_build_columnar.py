import json
from collections import Counter

from evals import data
from evals.datasets import build_columnar
from evals.datasets.columnar_spec import TABLES


def test_committed_gold_matches_the_spec():
    assert build_columnar.build(check=True) == []


def test_at_least_five_tables_in_three_formats():
    formats = Counter(t["format"] for t in TABLES)
    assert len(TABLES) >= 5 and set(formats) == {"xlsx", "docx", "html"}
    assert len({t["layout"] for t in TABLES}) == len(TABLES)
    for t in TABLES:
        assert t["source"] and (data.COLUMNAR / f"{t['id']}.{t['format']}").exists()


def test_generated_files_hold_the_spec_text(tmp_path):
    import docx
    from openpyxl import load_workbook

    build_columnar.build(tmp_path)
    for t in TABLES:
        path = tmp_path / f"{t['id']}.{t['format']}"
        if t["format"] == "xlsx":
            wb = load_workbook(path)
            assert not [c for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"]
            text = " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value)
        elif t["format"] == "docx":
            text = " ".join(c.text for tb in docx.Document(str(path)).tables for r in tb.rows for c in r.cells)
        else:
            text = path.read_text(encoding="utf-8")
        for project in t["projects"]:
            assert project["name"] in text
            for row in project["rows"]:
                assert row["name"] in text and row["value"] in text


def test_review_gold_positions_point_at_rows():
    for name, _, gold in data.review_sets()[1:]:
        parse = json.loads((data.COLUMNAR / f"{name}.parse.json").read_text(encoding="utf-8"))
        projects = {p["name"]: p for p in parse["projects"]}
        assert gold["codes"], name
        for f in gold["findings"]:
            assert f["code"] in gold["codes"]
            if "item" in f:
                ind = projects[f["project"]]["groups"][f["group"] - 1][f["item"] - 1]
                assert ind["name"] == f["indicator"]
