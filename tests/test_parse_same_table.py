"""One table, many extractions: the same rows written as each layout a PDF extractor or web page produces
read to the same indicators (issue 12: the same table must not grade 良 from one extraction and 差 from
another)."""

from __future__ import annotations

import json

import pdf_fixtures as pf
import pytest
from fixtures_columnar import rows

from assistant.parse import read_path, read_text

NAME = "社区医养结合服务补助"
TABLE = [["项目名称", NAME, "", ""], pf.HEADER, *pf.ROWS]


def tabs() -> str:
    return "\n".join("\t".join(r) for r in TABLE)


def markdown() -> str:
    head = f"项目名称：{NAME}\n\n| " + " | ".join(pf.HEADER) + " |\n|" + "---|" * 4
    return head + "\n" + "\n".join("| " + " | ".join(r) + " |" for r in pf.ROWS)


def blank_lines() -> str:
    return "\n\n".join(c for r in TABLE for c in r if c)


def pipe_cells() -> str:
    out = []
    for r in TABLE:
        cells = r if any(r[1:]) else r[:1]
        out += [f"{c} |" for c in cells[:-1]] + [f"{cells[-1]} |||"]
    return "\n".join(out)


def spaces() -> str:
    return "\n".join(" ".join(c for c in r if c) for r in TABLE)


def json_rows(tmp_path) -> str:
    path = tmp_path / "rows.json"
    path.write_text(json.dumps(TABLE, ensure_ascii=False), encoding="utf-8")
    return str(path)


def layout_text() -> str:
    widths = [12, 16, 24, 12]
    lines = [f"项目名称    {NAME}"]
    for r in [pf.HEADER, *pf.ROWS]:
        line = ""
        for cell, w in zip(r, widths, strict=True):
            line += cell + " " * max(2, w - len(cell))
        lines.append(line.rstrip())
    return "\n".join(lines)


@pytest.mark.parametrize("make", [tabs, markdown, blank_lines, pipe_cells, layout_text, spaces])
def test_text_extractions_agree(make):
    table = read_text(make())
    [project] = table.projects
    assert project.name == NAME
    assert rows(project) == pf.EXPECTED
    assert project.confidence == 1.0 and table.layout == "101"


def test_extractor_rows_and_pdf_agree(tmp_path):
    for path in (json_rows(tmp_path), pf.single_page(tmp_path / "t.pdf")):
        [project] = read_path(path).projects
        assert rows(project) == pf.EXPECTED
