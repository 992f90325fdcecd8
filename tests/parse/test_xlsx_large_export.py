"""A finance office re-imports its own large export: the product's .xlsx of 30,000 indicators (a sheet
XML of about 58 MB, refused by the old 24 MB cap) reads back with every project and indicator."""

from __future__ import annotations

import zipfile

from assistant.parse import read_path, read_text
from assistant.parse.limits import MAX_MEMBER
from assistant.writers import write_table
from bench.synth import repeated


def test_a_30k_indicator_export_re_imports_with_every_indicator(tmp_path):
    table = read_text(repeated(172), "large.txt")
    assert table.indicator_count() >= 30_000
    out = tmp_path / "large.xlsx"
    write_table(table, out)
    with zipfile.ZipFile(out) as zf:
        assert max(i.file_size for i in zf.infolist()) > MAX_MEMBER
    back = read_path(out)

    def rows(t):
        return [(p.name, p.goal, ind.category, ind.subcategory, ind.name, ind.value, ind.unit)
                for p in t.projects for ind in p.indicators()]

    assert back.indicator_count() == table.indicator_count()
    assert [p.name for p in back.projects] == [p.name for p in table.projects]
    assert rows(back) == rows(table)
