from evals import data
from evals.datasets import build_layouts
from evals.datasets.layouts_spec import TABLES


def test_committed_layout_gold_matches_the_spec():
    assert build_layouts.main(["--check"]) == 0


def test_every_layout_file_is_a_parse_set():
    names = {name for name, _, _ in data.parse_sets()}
    for file in TABLES:
        assert (data.LAYOUTS / file).exists()
        assert "layout_" + file.rsplit(".", 1)[0] in names
