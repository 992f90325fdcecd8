"""The 批量审核 round trip in headless Debian chromium: review a department's tables, mark two findings,
upload the corrected version, see fixed/new/unchanged with both decisions carried over, download the
letter and read it back; and the html summary's charts as chromium renders them."""

from __future__ import annotations

from pathlib import Path

import test_ui_browser as shared
from docx import Document
from office.tables import corrected_road, write_folder, write_xlsx
from test_ui_browser import Page
from ui_server import ARTIFACTS

browser, page = shared.browser, shared.page  # the same chromium and page fixtures as the other page tests


def _row_number(page: Page, indicator: str) -> int:
    """The 序号 of the first finding of ``indicator`` in the findings table."""
    text = page.page.inner_text("#office-findings")
    lines = [c.strip() for line in text.splitlines() for c in line.split("\t")]
    for i, cell in enumerate(lines):
        if cell == indicator:
            number = next((c for c in reversed(lines[max(0, i - 4):i]) if c.isdigit()), None)
            if number:
                return int(number)
    raise AssertionError(f"{indicator} not in the findings table:\n{text[:2000]}")


def _decide(page: Page, number: int, decision: str, comment: str) -> None:
    page.page.fill("#office-number input", str(number))
    page.page.locator("#office-decision").get_by_text(decision, exact=True).click()
    page.page.fill("#office-comment textarea", comment)
    page.page.click("#office-decide")
    page.wait_text("#office-findings", comment)


def test_round_trip_review_decide_compare_letter(page: Page, tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "tables")
    page.tab("批量审核")
    page.page.locator("#office-upload input[type=file]").set_input_files(sorted(str(p) for p in folder.rglob("*.*")))
    page.page.wait_for_timeout(800)
    page.page.click("#office-start")
    page.wait_text("#office-summary", "批量审核完成", timeout=90_000)
    page.wait_text("#office-depts", "全部")
    page.page.wait_for_selector("#office-chart-1 img", timeout=30_000)
    page.shot("office-batch")
    _decide(page, _row_number(page, "沿线群众满意度"), "不是问题", "以合同约定为准")
    _decide(page, _row_number(page, "群众投诉处理情况"), "确认", "请改为可衡量的指标")

    fixed = tmp_path / "v2" / "农村公路养护.xlsx"
    fixed.parent.mkdir()
    write_xlsx(fixed, "某县交通运输局", corrected_road())
    page.page.locator("#office-corrected input[type=file]").set_input_files(str(fixed))
    page.page.wait_for_timeout(800)
    page.page.click("#office-compare")
    page.wait_text("#office-diff-summary", "沿用处理意见", timeout=60_000)
    diff = page.page.inner_text("#office-diff")
    for status in ("已修正", "新增", "未变"):
        assert status in diff
    assert "以合同约定为准" in diff and "请改为可衡量的指标" in diff
    page.shot("office-diff")

    page.page.click("#office-letter-make")
    page.page.wait_for_function("() => !document.querySelector('#office-letter')?.disabled", timeout=30_000)
    with page.page.expect_download(timeout=30_000) as info:
        page.page.click("#office-letter")
    target = tmp_path / "letter.docx"
    info.value.save_as(target)
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert "审核意见" in text and "请改为可衡量的指标" in text and "审核人（签字）" in text


def test_html_summary_charts_render_in_chromium(browser: object, tmp_path: Path) -> None:
    from assistant.office import collect, run_batch
    from assistant.office.render import write_html

    out = write_html(run_batch(collect([write_folder(tmp_path / "t")])), tmp_path / "汇总.html")
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    try:
        pg = context.new_page()
        requests: list[str] = []
        pg.on("request", lambda r: requests.append(r.url))
        pg.goto(out.as_uri())
        boxes = [pg.locator("svg").nth(i).bounding_box() for i in range(3)]
        assert all(b and b["width"] > 200 and b["height"] > 100 for b in boxes)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / "office-summary-html.png"), full_page=True)
        assert all(u.startswith(("file://", "data:")) for u in requests)
    finally:
        context.close()
