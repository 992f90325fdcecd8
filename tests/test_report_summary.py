"""`jixiao parse` summary: title, department, counts per project and the parse warnings with lines."""

from __future__ import annotations

import io

from rich.console import Console

from assistant.report.summary import print_parse_summary


def test_summary_of_the_seed(seed_table):
    buffer = io.StringIO()
    print_parse_summary(seed_table, Console(file=buffer, width=160, color_system=None))
    out = buffer.getvalue()
    assert "项目支出绩效目标表" in out and "广州市工业和信息化局" in out
    assert "项目 19 个" in out and "指标 175 个" in out
    assert "第20行" in out and "第27行" in out and "干。" in out
    assert "工信产业四化赋能专题" in out and "51" in out
