"""Issue 15, defect 2 on the page: a review writes no report until one format is asked for, a big
review is shown up to a display cap while filters and reports cover every finding, and its report is
written by a child process from the stored outcome."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from gradio_client import Client, handle_file
from ui_server import Server

from assistant.ui import review_results, services

RULES = "规则引擎（不调用模型）"
ROOT = Path(__file__).resolve().parents[2]


def _big_table(tmp_path: Path, copies: int) -> Path:
    sys.path.insert(0, str(ROOT))
    from bench.synth import repeated

    path = tmp_path / "big.txt"
    path.write_text(repeated(copies), encoding="utf-8")
    return path


def test_defect_02_review_keeps_its_outcome_and_writes_reports_only_when_asked(tmp_path: Path, seed: Path) -> None:
    outcome = services.review(services.read_upload(seed), services.options(None, services.RULES))
    view = review_results.keep(outcome, tmp_path)
    assert not list(tmp_path.glob("*审核报告*"))
    assert view.findings == len(outcome.report.findings) and not view.capped
    html = review_results.write(view, "html")
    assert list(tmp_path.glob("*审核报告*")) == [html]
    again = review_results.load(tmp_path)
    assert again.report == outcome.report and again.table == outcome.table
    errors = review_results.filtered(view, ["错误"], None)
    assert errors and {r[0] for r in errors} == {"错误"}
    assert len(errors) == sum(f.severity == "error" for f in outcome.report.findings)


def test_defect_02_big_review_is_capped_on_the_page_but_filters_and_reports_cover_all(
        server: Server, tmp_path: Path) -> None:
    big = _big_table(tmp_path, 30)
    client = Client(server.url, verbose=False, download_files=str(tmp_path / "downloads"))
    summary, _grades, findings, codes, _severity, report_file, _status = client.predict(
        handle_file(str(big)), "", "guangzhou", False, RULES, api_name="/review")
    assert "审核完成" in summary and "页面列出前" in summary and report_file is None
    shown = len(findings["data"])
    assert shown == review_results.DISPLAY_ROWS
    total = int(summary.split("（共 ")[1].split(" 条")[0])
    assert total > shown
    code = codes["choices"][0][1]
    by_code = client.predict([], [code], api_name="/filter_findings")["data"]
    assert by_code and {r[-1] for r in by_code} == {code}
    report = client.predict(api_name="/report_json")
    data = json.loads(Path(report["value"]).read_text(encoding="utf-8"))
    assert len(data["findings"]) == total
    assert sum(f["code"] == code for f in data["findings"]) >= len(by_code)


def test_report_before_any_review_says_so(client: Client) -> None:
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="请先完成一次审核"):
        client.predict(api_name="/report_html")


def test_defect_01_a_table_over_the_page_limit_is_refused_in_both_languages(seed: Path, monkeypatch) -> None:
    table = services.read_upload(seed)
    monkeypatch.setattr(review_results, "MAX_INDICATORS", table.indicator_count() - 1)
    with pytest.raises(services.UserError) as err:
        review_results.check_size(table, seed.name)
    text = services.message(err.value)
    assert seed.name in text and "jixiao batch" in text and str(table.indicator_count()) in text
    assert "over the page's limit" in err.value.en


def test_big_pasted_text_is_reviewed_like_a_big_upload(server: Server, tmp_path: Path) -> None:
    text = _big_table(tmp_path, 25).read_text(encoding="utf-8")
    client = Client(server.url, verbose=False, download_files=str(tmp_path / "downloads"))
    summary, *_ = client.predict(None, text, "guangzhou", False, RULES, api_name="/review")
    assert "审核完成" in summary and "页面列出前" in summary
