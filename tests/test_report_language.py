"""What a finance office forwards is Chinese: no English rule code outside the id column (规则编号), and
no internal section id (“L9｜”, “§3 A–H”, “DOMAIN §2.2 V5”) anywhere, in xlsx, html, md and text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook
from test_review_helpers import COST, EFF, OUT, SAT, filler, ind, proj, review, table

from assistant.model import Finding
from assistant.report import html as html_report
from assistant.report import markdown as md_report
from assistant.report import text as text_report
from assistant.report import xlsx as xlsx_report
from assistant.review.registry import all_rules, rule_title

INTERNAL = re.compile(r"§|DOMAIN|｜|(?<![A-Za-z0-9])[SVL]\d{1,2}(?:[｜/、；]|(?=[（(]))")


def _codes() -> set[str]:
    return set(all_rules()) | {"goal_uncovered", "unrelated_indicator", "value_out_of_line"}


def _code_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z][a-z0-9_]+", text) if w in _codes()}


@pytest.fixture(scope="module")
def pair(seed_table):
    extra = table(
        proj("金额不符项目", [ind("培训人次", "≥500人次"), ind("服务质量", "进一步提高", EFF),
                           ind("人均培训成本", "≤900元/人", COST), ind("满意度", "=100%", SAT)],
             amount=100.0, amount_text="100", fields={"资金单位": "万元", "财政拨款": "80", "其他资金": "10"}),
        proj("待核对项目", [ind("XX场次", "≥**场", OUT)], needs_check=True),
        proj("完整项目", filler(5)))
    report = review(extra)
    model = Finding(code="goal_uncovered", severity="warning", level="project", project="完整项目",
                    message="年度目标第2条没有对应指标。", basis="L4｜财预〔2015〕88号 相关性；DOMAIN §2.2 L4",
                    source="model")
    report.findings.append(model)
    seed_report = review(seed_table)
    return [(report, extra), (seed_report, seed_table)]


def test_every_code_has_a_chinese_title():
    for code in _codes():
        title = rule_title(code)
        assert title and not re.search(r"[A-Za-z]{2,}", title), code
    assert rule_title("no_such_code") == "其他问题"


def test_text_report(pair):
    for report, t in pair:
        out = text_report.render(report, t, width=400)
        assert not _code_words(out)
        assert not INTERNAL.search(out), INTERNAL.search(out)
        assert rule_title("vague_target") in out


def test_markdown_report_codes_only_in_the_id_column(pair):
    for report, t in pair:
        out = md_report.render(report, t)
        for line in out.splitlines():
            if line.startswith("| ") and "`" in line:
                cells = line.split(" | ")
                assert not _code_words(" | ".join(cells[:-1])), line
                assert _code_words(cells[-1]), line
            else:
                assert not _code_words(line), line
        assert not INTERNAL.search(out)
        assert "| 规则编号 |" in out


class _Cells(HTMLParser):
    """Text outside and inside ``<td class="code">``."""

    def __init__(self):
        super().__init__()
        self.outside, self.inside, self._in_code = [], [], False

    def handle_starttag(self, tag, attrs):
        if tag == "td":
            self._in_code = ("class", "code") in attrs

    def handle_endtag(self, tag):
        if tag == "td":
            self._in_code = False

    def handle_data(self, data):
        (self.inside if self._in_code else self.outside).append(data)


def test_html_report_codes_only_in_the_id_column(pair):
    for report, t in pair:
        parser = _Cells()
        parser.feed(html_report.render(report, t))
        outside = "\n".join(parser.outside)
        assert not _code_words(outside)
        assert not INTERNAL.search(outside)
        assert _code_words("\n".join(parser.inside)) == {f.code for f in report.findings}


def test_xlsx_report_codes_only_in_the_id_columns(pair, tmp_path):
    for n, (report, t) in enumerate(pair):
        wb = load_workbook(xlsx_report.write(report, t, tmp_path / f"r{n}.xlsx"))
        seen = set()
        for ws in wb.worksheets:
            rows = list(ws.iter_rows(values_only=True))
            head = list(rows[0])
            id_cols = {i for i, h in enumerate(head) if h == "规则编号"}
            for row in rows:
                for i, value in enumerate(row):
                    text = "" if value is None else str(value)
                    if i in id_cols:
                        seen |= _code_words(text)
                        continue
                    assert not _code_words(text), (ws.title, text)
                    assert not INTERNAL.search(text), (ws.title, text)
        assert seen == {f.code for f in report.findings}
