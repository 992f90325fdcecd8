"""The page in headless Debian chromium (Playwright, system browser): drafting, editing, upload and
download, escaping, loopback-only requests, and a draft that survives a server restart."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from ui_server import ARTIFACTS, Server, start

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
REQUEST = ("项目名称：教室照明改造\n金额：350万元\n绩效目标：全区中小学教室照度全部达标\n"
           "实施内容：更换LED护眼灯具6000套\n受益对象：全区中小学生约6万人")
GRID = "#draft-grid"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if CHROMIUM is None:
        pytest.fail("浏览器测试需要 Debian chromium（make test 会以 root 安装它） / the browser tests need Debian "
                    "chromium: run make test as root or apt-get install chromium", pytrace=False)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Page:
    """A page on one server that records every request it makes."""

    def __init__(self, browser: object, server: Server, storage_state: object = None):
        self.server = server
        self.context = browser.new_context(locale="zh-CN", viewport={"width": 1440, "height": 1000},
                                           accept_downloads=True, storage_state=storage_state)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(server.url)
        self.page.wait_for_selector("#draft-input textarea", timeout=30_000)

    def foreign(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(("http://127.0.0.1:", "data:", "blob:"))]

    def cell(self, row: int, col: int) -> object:
        return self.page.locator(f'{GRID} [data-testid="cell-{row}-{col}"]')

    def wait_text(self, selector: str, text: str, timeout: int = 30_000) -> None:
        self.page.wait_for_function("([s, t]) => (document.querySelector(s)?.innerText || '').includes(t)",
                                    arg=[selector, text], timeout=timeout)

    def draft(self, text: str = REQUEST) -> None:
        self.page.fill("#draft-input textarea", text)
        self.page.click("#draft-send")
        self.wait_text(GRID, "产出指标", timeout=60_000)
        self.page.wait_for_function(
            "document.querySelector('#draft-grid [data-testid=\"cell-0-9\"]')?.innerText.trim().length > 0",
            timeout=60_000)

    def placeholder_row(self) -> int:
        """The first row whose value is still a 【待填】 placeholder."""
        return int(self.page.evaluate(
            "[...document.querySelectorAll('#draft-grid [data-col=\"4\"][data-row]')]"
            ".find(c => c.innerText.includes('【待填】')).dataset.row"))

    def edit(self, row: int, col: int, text: str) -> None:
        self.cell(row, col).dblclick()
        editor = self.page.locator(f'{GRID} [data-testid="cell-{row}-{col}"] textarea, '
                                   f'{GRID} [data-testid="cell-{row}-{col}"] input').first
        editor.fill(text)
        editor.press("Enter")

    def tab(self, name: str) -> None:
        self.page.get_by_role("tab", name=name, exact=True).click()

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

    def close(self) -> None:
        self.context.close()


@pytest.fixture()
def page(browser: object, server: Server) -> Iterator[Page]:
    pg = Page(browser, server)
    yield pg
    foreign = pg.foreign()
    pg.close()
    assert not foreign, f"the page requested addresses other than 127.0.0.1: {foreign}"


def test_chinese_request_streams_a_table_and_an_edit_rechecks_its_row(page: Page) -> None:
    page.shot("draft-empty")
    page.draft()
    assert "建议值，待确认" in page.page.inner_text(GRID)
    assert "规则引擎" in page.page.inner_text("#draft-chat")
    row = page.placeholder_row()
    assert "【错误】" in page.cell(row, 9).inner_text()
    page.edit(row, 4, "6000")
    page.wait_text(f'#draft-grid [data-testid="cell-{row}-9"]', "未发现问题", timeout=20_000)
    assert page.cell(row, 8).inner_text().strip() == "已确认"
    page.shot("draft")


def test_vague_row_offers_rewrites(page: Page) -> None:
    page.draft()
    row = page.placeholder_row()
    page.edit(row, 4, "进一步提高")
    page.wait_text(f'#draft-grid [data-testid="cell-{row}-9"]', "含糊")
    page.cell(row, 2).click()
    page.page.wait_for_function("document.querySelectorAll('#draft-options input[type=radio]').length > 0",
                                timeout=20_000)
    page.shot("draft-rewrite")
    page.page.locator("#draft-options label").first.click()
    page.page.click("#draft-apply")
    page.page.wait_for_function(
        f"!document.querySelector('#draft-grid [data-testid=\"cell-{row}-4\"]').innerText.includes('进一步提高')",
        timeout=20_000)
    assert "≥" not in page.cell(row, 4).inner_text()


def test_script_in_cells_and_chat_shows_as_text(page: Page) -> None:
    page.draft()
    payload = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">"
    page.edit(1, 2, payload)
    page.wait_text(GRID, "<script>window.__pwned = 1</script>")
    page.page.fill("#draft-input textarea", "名称：" + payload)
    page.page.click("#draft-send")
    page.wait_text("#draft-chat", "<script>window.__pwned = 1</script>")
    page.page.wait_for_timeout(500)
    assert page.page.evaluate("window.__pwned") is None


def test_upload_seed_review_and_download_xlsx(page: Page, seed: Path, tmp_path: Path) -> None:
    page.tab("审核")
    page.page.locator("#review-upload input[type=file]").set_input_files(str(seed))
    page.page.wait_for_timeout(500)
    page.page.click("#review-start")
    page.wait_text("#review-summary", "审核完成", timeout=60_000)
    page.wait_text("#review-grades", "广州")  # a project of the seed table
    assert "错误" in page.page.inner_text("#review-findings")
    page.shot("review")
    with page.page.expect_download(timeout=30_000) as info:
        page.page.click("#download-xlsx")
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    assert target.suffix == ".xlsx" and zipfile.is_zipfile(target)
    from openpyxl import load_workbook

    assert load_workbook(target).sheetnames


def test_draft_downloads_are_written_on_click_with_the_edited_value(page: Page, tmp_path: Path) -> None:
    page.draft()
    row = page.placeholder_row()
    page.edit(row, 4, "6000")
    page.wait_text(f'#draft-grid [data-testid="cell-{row}-9"]', "未发现问题", timeout=20_000)
    for button, suffix in (("#draft-xlsx", ".xlsx"), ("#draft-docx", ".docx")):
        with page.page.expect_download(timeout=30_000) as info:
            page.page.click(button)
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(target)
        assert target.suffix == suffix and zipfile.is_zipfile(target)
        assert "6000" in _cell_texts(target)


def _cell_texts(path: Path) -> set[str]:
    """Every table cell's text of a downloaded .xlsx or .docx."""
    if path.suffix == ".docx":
        from docx import Document

        return {c.text for t in Document(str(path)).tables for r in t.rows for c in r.cells}
    from openpyxl import load_workbook

    return {str(c.value) for ws in load_workbook(path) for r in ws.iter_rows() for c in r if c.value is not None}


def test_settings_tab_shows_rules_backend_and_usage(page: Page) -> None:
    page.draft()
    page.tab("设置与用量")
    page.wait_text("#settings-endpoint", "规则引擎")
    page.wait_text("#settings-usage", "回答 1 次")
    page.shot("settings")


def test_draft_survives_a_restart(browser: object, tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = start(home)
    try:
        pg = Page(browser, first)
        pg.draft()
        row = pg.placeholder_row()
        pg.edit(row, 4, "6000")
        pg.wait_text(f'#draft-grid [data-testid="cell-{row}-9"]', "未发现问题", timeout=20_000)
        pg.page.wait_for_timeout(500)
        cookies = pg.context.storage_state()  # without login, drafts belong to the browser (its cookie)
        pg.close()
    finally:
        first.stop()
    second = start(home)
    try:
        pg = Page(browser, second, storage_state=cookies)
        pg.page.locator("#draft-list input").click()
        pg.page.get_by_role("option", name="教室照明改造").first.click()
        pg.page.click("#draft-open")
        pg.wait_text(GRID, "产出指标")
        assert pg.cell(row, 4).inner_text().strip() == "6000"
        assert pg.cell(row, 8).inner_text().strip() == "已确认"
        pg.wait_text("#draft-chat", "全区中小学生约6万人")
        assert not pg.foreign()
        pg.close()
    finally:
        second.stop()


def test_too_large_upload_is_refused_in_chinese(browser: object, seed: Path, tmp_path: Path) -> None:
    small = start(tmp_path / "home", env={"JIXIAO_MAX_FILE_MB": "0.01"})
    try:
        pg = Page(browser, small)
        pg.tab("审核")
        pg.page.locator("#review-upload input[type=file]").set_input_files(str(seed))
        pg.wait_text("body", "超过上限 11 KB，未上传")
        assert not pg.foreign()
        pg.close()
    finally:
        small.stop()


def _row_named(page: Page, text: str) -> int:
    return int(page.page.evaluate(
        "t => [...document.querySelectorAll('#draft-grid [data-col=\"2\"][data-row]')]"
        ".find(c => c.innerText.includes(t)).dataset.row", text))


def test_an_edited_cell_survives_more_facts_and_a_conflict_waits_for_confirmation(page: Page) -> None:
    page.draft()
    row = page.placeholder_row()
    page.edit(row, 4, "777")
    page.wait_text(f'#draft-grid [data-testid="cell-{row}-8"]', "已确认", timeout=20_000)
    lamps = _row_named(page, "灯具")
    page.edit(lamps, 4, "5800")
    page.wait_text(f'#draft-grid [data-testid="cell-{lamps}-8"]', "已确认", timeout=20_000)
    page.page.fill("#draft-input textarea", "另外举办护眼知识宣传活动3场；实施内容：更换LED护眼灯具6500套")
    page.page.click("#draft-send")
    page.wait_text("#draft-chat", "已根据新信息完善草稿", timeout=60_000)
    page.wait_text("#draft-chat", "新信息给出")
    assert page.cell(row, 4).inner_text().strip() == "777"
    assert page.cell(lamps, 4).inner_text().strip() == "5800"
    assert "宣传活动" in page.page.inner_text(GRID)
    page.shot("draft-refine-pending")
    page.page.fill("#draft-input textarea", "确认")
    page.page.click("#draft-send")
    page.wait_text("#draft-chat", "已按新信息修改")
    page.wait_text(f'#draft-grid [data-testid="cell-{lamps}-4"]', "6500", timeout=20_000)
    assert page.cell(row, 4).inner_text().strip() == "777"
