"""The 批量审核 tab through gradio_client: a batch of seven tables from two departments, decisions, the
corrected version compared, the letter and the summaries."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from gradio_client import Client, handle_file
from office.tables import corrected_road, write_folder, write_xlsx
from openpyxl import load_workbook

TRANSPORT = "某县交通运输局"


@pytest.fixture()
def batch(client: Client, tmp_path: Path):
    folder = write_folder(tmp_path / "tables")
    files = [handle_file(str(p)) for p in sorted(folder.rglob("*.*"))]
    return client.predict(files, "", "guangzhou", api_name="/office_review")


def test_batch_gives_department_figures_charts_and_downloads(batch) -> None:
    summary, depts, chart1, chart2, chart3, xlsx, html, findings, project, runs = batch
    assert "7 份表格" in summary
    assert [r[0] for r in depts["data"]] == [TRANSPORT, "某县卫生健康委员会", "全部"]
    assert all(c and c["type"] == "matplotlib" for c in (chart1, chart2, chart3))
    wb = load_workbook(xlsx["value"])
    assert wb["汇总"]["A1"].value == "部门" and wb["汇总"]["B4"].value == 7
    assert "<svg" in Path(html["value"]).read_text(encoding="utf-8")
    assert findings["data"] and [r[0] for r in findings["data"]] == list(range(1, len(findings["data"]) + 1))
    assert "农村公路日常养护" in [c[0] for c in project["choices"]]
    assert len(runs["choices"]) == 7 and sorted(runs["value"]) == sorted(c[1] for c in runs["choices"])


def test_decide_compare_and_letter(client: Client, batch, tmp_path: Path) -> None:
    findings = batch[7]["data"]
    road = [r for r in findings if r[2] == "农村公路日常养护"]
    satisfaction = next(r for r in road if r[3] == "沿线群众满意度")
    situation = next(r for r in road if r[3] == "群众投诉处理情况")
    rows, msg = client.predict(satisfaction[0], "不是问题", "以合同约定为准", api_name="/office_decide")
    assert "不是问题" in msg and rows["data"][satisfaction[0] - 1][8] == "不是问题"
    client.predict(situation[0], "确认", "请改为可衡量的指标", api_name="/office_decide")
    fixed = tmp_path / "v2" / "农村公路养护.xlsx"
    fixed.parent.mkdir()
    write_xlsx(fixed, TRANSPORT, corrected_road())
    text, diff = client.predict(handle_file(str(fixed)), "guangzhou", api_name="/office_compare")
    assert "已修正" in text and "沿用处理意见" in text
    statuses = {(r[2], r[1]) for r in diff["data"]}
    assert ("道路通行条件", "已修正") in statuses and ("养护任务完成时间", "新增") in statuses
    carried = {r[2]: (r[1], r[7], r[8]) for r in diff["data"] if r[7]}
    assert carried["沿线群众满意度"] == ("未变", "不是问题", "以合同约定为准")
    assert carried["群众投诉处理情况"][1] == "确认"
    letter = client.predict("农村公路日常养护", api_name="/office_letter")
    text = "\n".join(p.text for p in Document(letter["value"]).paragraphs)
    assert "关于《农村公路日常养护》绩效目标的审核意见" in text and "请改为可衡量的指标" in text
    assert "沿线群众满意度" not in text.split("总体意见")[0]


def test_decide_rejects_a_bad_number(client: Client, batch) -> None:
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="序号"):
        client.predict(9999, "确认", "", api_name="/office_decide")


def test_batch_without_files_says_what_to_do(client: Client) -> None:
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="上传"):
        client.predict([], "", "guangzhou", api_name="/office_review")


def test_stop_without_a_batch_says_so(client: Client) -> None:
    assert "没有进行中的批量审核" in client.predict(api_name="/office_stop")
