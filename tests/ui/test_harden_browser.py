"""Issue 15 in headless Debian chromium: defect 4 (table text is never Markdown or HTML: nothing in it makes
the page fetch anything) and defect 11 (a stale page resumes its draft after a restart; two tabs on one
draft keep both versions). Every request the page makes is recorded; only 127.0.0.1 is allowed."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_ui_browser import ARGS, CHROMIUM, GRID, REQUEST, Page
from ui_server import Server, start

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed")
TRAP = "http://198.51.100.7"  # TEST-NET-2: any request to it is a defect


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def _drafts(home: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(home / "ui.sqlite3") as db:
        return db.execute("SELECT title, data FROM drafts").fetchall()


def test_defect_04_markdown_in_cells_and_department_fetches_nothing(browser: object, server: Server,
                                                                   seed: Path, tmp_path: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    text = text.replace("部门名称：广州市工业和信息化局", f"部门名称：![d]({TRAP}/dept.png)广州市工业和信息化局")
    text = text.replace("支持发展第10.5代", f"![c]({TRAP}/cell.png)<img src={TRAP}/img.png>支持发展第10.5代")
    table = tmp_path / "部门表.txt"
    table.write_text(text, encoding="utf-8")
    pg = Page(browser, server)
    try:
        pg.tab("审核")
        pg.page.locator("#review-upload input[type=file]").set_input_files(str(table))
        pg.page.wait_for_timeout(500)
        pg.page.click("#review-start")
        pg.wait_text("#review-summary", "审核完成", timeout=60_000)
        pg.wait_text("#review-summary", f"![d]({TRAP}/dept.png)")
        pg.wait_text("#review-grades", f"![c]({TRAP}/cell.png)")
        pg.tab("批量审核")
        pg.page.locator("#office-upload input[type=file]").set_input_files(str(table))
        pg.page.locator("#office-department textarea, #office-department input").first.fill(
            f"![o]({TRAP}/office.png)")
        pg.page.wait_for_timeout(500)
        pg.page.click("#office-start")
        pg.wait_text("#office-summary", "批量审核完成", timeout=90_000)
        pg.page.wait_for_timeout(1000)
        pg.tab("起草")
        pg.draft(REQUEST + f"\n资金使用单位：![u]({TRAP}/unit.png)")
        pg.wait_text("#draft-chat", f"![u]({TRAP}/unit.png)")
        pg.page.fill("#draft-input textarea", "新型显示器件生产项目：支持发展显示器件生产，![m](" + TRAP + "/chat.png)")
        pg.page.click("#draft-send")
        pg.wait_text("#draft-chat", f"![m]({TRAP}/chat.png)", timeout=60_000)
        pg.edit(1, 2, f"![g]({TRAP}/grid.png)")
        pg.wait_text(GRID, f"![g]({TRAP}/grid.png)")
        pg.page.wait_for_timeout(1500)
        assert pg.page.locator(f"img[src^='{TRAP}']").count() == 0
        assert not [u for u in pg.requests if TRAP in u]
        assert not pg.foreign(), pg.foreign()
    finally:
        pg.close()


def _draft_in_address(pg: Page) -> str:
    pg.page.wait_for_function("new URL(location.href).searchParams.get('draft')", timeout=30_000)
    return str(pg.page.evaluate("new URL(location.href).searchParams.get('draft')"))


def _reloaded_after_restart(pg: Page, reloads: list[str]) -> None:
    """Wait until the page has reloaded itself (it notices the new server within seconds) and reopened its
    draft with the Chinese notice."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not reloads:
        pg.page.wait_for_timeout(250)
    assert reloads, "the page did not notice the restarted server"
    pg.page.wait_for_load_state()
    pg.wait_text("body", "已重新接上草稿", timeout=60_000)


def test_defect_11_stale_page_after_restart_resumes_its_draft(browser: object, tmp_path: Path) -> None:
    """A real server process restart under a page left open: the page notices the new server, reloads itself
    and carries on with its draft (no 未命名草稿 copy, no false missing_goal); the officer's own reload
    reopens the same draft too."""
    home = tmp_path / "home"
    first = start(home)
    port = first.port
    pg = None
    reloads: list[str] = []
    try:
        pg = Page(browser, first)
        pg.draft()
        draft_id = _draft_in_address(pg)
        pg.page.on("load", lambda p: reloads.append(p.url))
        first.stop()
        second = start(home, port=port)  # the page stays open across the restart
        try:
            _reloaded_after_restart(pg, reloads)
            pg.wait_text(GRID, "【待填】", timeout=60_000)
            row = pg.placeholder_row()
            pg.edit(row, 4, "6000")
            pg.wait_text(f'#draft-grid [data-testid="cell-{row}-9"]', "未发现问题", timeout=90_000)
            pg.page.wait_for_timeout(500)
            assert "缺少年度绩效目标" not in pg.page.inner_text("#draft-notes")
            pg.page.reload()  # the officer's own reload: the address brings the same draft back
            pg.wait_text("body", "已重新接上草稿", timeout=60_000)
            pg.wait_text(f'#draft-grid [data-testid="cell-{row}-4"]', "6000", timeout=60_000)
            assert _draft_in_address(pg) == draft_id
            assert "缺少年度绩效目标" not in pg.page.inner_text("#draft-notes")
            stored = _drafts(home)
            assert [t for t, _ in stored] == ["教室照明改造"], stored
            assert '"6000"' in stored[0][1]
            assert not pg.foreign()
        finally:
            second.stop()
    finally:
        if pg:
            pg.close()
        first.stop()


def _log_in(page: object, name: str, password: str) -> None:
    page.wait_for_selector("input[type=password]", timeout=30_000)
    page.locator("input").first.fill(name)
    page.locator("input[type=password]").fill(password)
    page.keyboard.press("Enter")
    page.wait_for_selector("#draft-input textarea", timeout=30_000)


def test_defect_11_logged_in_page_after_restart_logs_in_again_and_resumes_its_draft(browser: object,
                                                                                    tmp_path: Path) -> None:
    """With login the restarted server has forgotten the login, so the reloaded page asks for it; the address
    keeps the draft, and after logging in the officer is back on the same draft."""
    home = tmp_path / "home"
    first = start(home, login="alice:alice-password")
    port = first.port
    context = browser.new_context(locale="zh-CN", viewport={"width": 1440, "height": 1000})
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(first.url)
        _log_in(page, "alice", "alice-password")
        page.fill("#draft-input textarea", REQUEST)
        page.click("#draft-send")
        page.wait_for_function(
            "document.querySelector('#draft-grid [data-testid=\"cell-0-9\"]')?.innerText.trim().length > 0",
            timeout=60_000)
        page.wait_for_function("new URL(location.href).searchParams.get('draft')", timeout=60_000)
        draft_id = page.evaluate("new URL(location.href).searchParams.get('draft')")
        first.stop()
        second = start(home, login="alice:alice-password", port=port)
        try:
            _log_in(page, "alice", "alice-password")
            page.wait_for_function("([s, t]) => (document.querySelector(s)?.innerText || '').includes(t)",
                                   arg=["body", "已重新接上草稿"], timeout=60_000)
            page.wait_for_function("document.querySelector('#draft-grid')?.innerText.includes('产出指标')",
                                   timeout=60_000)
            assert page.evaluate("new URL(location.href).searchParams.get('draft')") == draft_id
            assert [t for t, _ in _drafts(home)] == ["教室照明改造"]
            assert not [u for u in requests if not u.startswith(("http://127.0.0.1:", "data:", "blob:"))]
        finally:
            second.stop()
    finally:
        context.close()
        first.stop()


def test_defect_11_two_tabs_editing_one_draft_keep_both_versions(browser: object, tmp_path: Path) -> None:
    home = tmp_path / "home"
    server = start(home)
    try:
        one = Page(browser, server)
        one.draft()
        one.page.wait_for_timeout(500)
        two = one.context.new_page()  # a second tab of the same browser
        two.goto(server.url)
        two.wait_for_selector("#draft-input textarea", timeout=30_000)
        other = Page.__new__(Page)
        other.server, other.context, other.page, other.requests = server, one.context, two, []
        two.on("request", lambda r: other.requests.append(r.url))
        two.locator("#draft-list input").click()
        two.get_by_role("option", name="教室照明改造").first.click()
        two.click("#draft-open")
        other.wait_text(GRID, "产出指标")
        row = one.placeholder_row()
        one.edit(row, 4, "6000")
        one.wait_text(f'#draft-grid [data-testid="cell-{row}-4"]', "6000")
        one.page.wait_for_timeout(1500)
        other.edit(row, 4, "5000")
        other.wait_text(f'#draft-grid [data-testid="cell-{row}-4"]', "5000")
        other.wait_text("body", "两个版本都已保存", timeout=20_000)
        two.wait_for_timeout(3000)
        stored = _drafts(home)
        assert len(stored) == 2 and any("冲突副本" in t for t, _ in stored)
        assert any('"6000"' in d for _, d in stored) and any('"5000"' in d for _, d in stored)
        assert not one.foreign() and not other.foreign()
        one.close()
    finally:
        server.stop()
