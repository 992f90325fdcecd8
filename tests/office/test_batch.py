"""Batch review of a folder of tables from two departments: collection, departments, figures, the html
and xlsx summaries, and resuming a stopped run without repeating a table."""

from __future__ import annotations

import zipfile

import pytest
from openpyxl import load_workbook

from assistant.office import collect, run_batch, statistics
from assistant.office.inputs import UNKNOWN_DEPARTMENT, department_from_name
from assistant.office.render import render_html, write_xlsx
from office.tables import FILES, write_folder

TRANSPORT, HEALTH = "某县交通运输局", "某县卫生健康委员会"


@pytest.fixture
def folder(tmp_path):
    return write_folder(tmp_path / "tables")



def test_collect_walks_folders_and_zips_and_lists_what_it_skips(folder, tmp_path):
    (folder / "说明.pdfx").write_text("not a table")
    z = tmp_path / "more.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.write(folder / "交通运输局" / "公交补贴.xlsx", "财政局-公交补贴.xlsx")
        zf.writestr("../evil.txt", "x")
        zf.writestr("readme.bin", "x")
    got = collect([folder, z])
    names = [s.name for s in got.sources]
    assert len(names) == len(FILES) + 1
    assert "more.zip/财政局-公交补贴.xlsx" in names
    skipped = dict(got.skipped)
    assert "说明.pdfx" in skipped and "more.zip/../evil.txt" in skipped and "more.zip/readme.bin" in skipped


def test_department_from_folder_or_file_name():
    assert department_from_name("交通运输局/危桥改造.docx") == "交通运输局"
    assert department_from_name("教育局-课后服务补助.xlsx") == "教育局"
    assert department_from_name("课后服务补助.xlsx") is None
    assert department_from_name("2025-课后服务补助.xlsx") is None


def test_batch_tags_departments_from_the_tables(folder):
    result = run_batch(collect([folder]))
    assert not result.failed and len(result.reviewed) == len(FILES)
    by_name = {i.name: i.department for i in result.items}
    assert by_name["交通运输局/危桥改造.docx"] == TRANSPORT
    assert by_name["卫生健康委/基层培训.txt"] == HEALTH


def test_user_given_department_wins(folder):
    result = run_batch(collect([folder]), department="某县财政局")
    assert {i.department for i in result.items} == {"某县财政局"}


def test_unreadable_file_is_reported_not_dropped(folder):
    (folder / "坏文件.xlsx").write_bytes(b"PK\x03\x04 broken")
    result = run_batch(collect([folder]))
    bad = [i for i in result.items if i.name == "坏文件.xlsx"]
    assert bad and bad[0].error and bad[0].department == UNKNOWN_DEPARTMENT


def test_statistics_per_department_and_overall(folder):
    result = run_batch(collect([folder]))
    per, overall = statistics(result)
    assert [s.department for s in per] == sorted({TRANSPORT, HEALTH}, key=[i.department for i in result.items].index)
    by = {s.department: s for s in per}
    expected = {dept: [p for rel, d, projects in FILES if d == dept for p in projects] for dept in (TRANSPORT, HEALTH)}
    for dept, projects in expected.items():
        assert by[dept].projects == len(projects)
        assert by[dept].indicators == sum(len(rows) for *_, rows in projects)
        assert sum(by[dept].grades.values()) == len(projects)
    assert overall.projects == sum(s.projects for s in per)
    # 危桥改造, 老年人体检 and 信息系统运维 have no cost row: 1 of 3 transport projects, 2 of 4 health ones.
    assert by[TRANSPORT].missing_share("成本") == pytest.approx(1 / 3)
    assert by[HEALTH].missing_share("成本") == pytest.approx(2 / 4)
    vague = {dept: sum(1 for *_, projects in [f for f in FILES if f[1] == dept] for p in projects for r in p[3]
                       if r[3] in ("进一步改善", "有效降低", "明显提升")) for dept in (TRANSPORT, HEALTH)}
    assert by[TRANSPORT].vague >= vague[TRANSPORT] and by[HEALTH].vague >= vague[HEALTH]
    assert 0 < overall.vague_share < 0.5


def test_html_summary_has_every_department_and_three_charts(folder):
    html = render_html(run_batch(collect([folder])))
    assert html.count("<svg") == 3 and "<script" not in html
    assert TRANSPORT in html and HEALTH in html and "全部" in html
    assert "vague_target" not in html


def test_xlsx_summary_sheet(folder, tmp_path):
    out = write_xlsx(run_batch(collect([folder])), tmp_path / "汇总.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames == ["汇总", "项目", "问题", "图表"]
    rows = list(wb["汇总"].iter_rows(values_only=True))
    assert rows[0][:4] == ("部门", "表数", "项目数", "指标数")
    depts = {r[0]: r for r in rows[1:4]}
    assert depts[TRANSPORT][1] == 3 and depts[HEALTH][1] == 4 and depts["全部"][1] == 7
    assert len(wb["图表"]._images) == 3
    problems = list(wb["问题"].iter_rows(values_only=True))
    assert problems[0][6] == "问题" and all(r[6] and not r[6].isascii() for r in problems[1:])


def test_a_stopped_batch_resumes_without_repeating_a_table(folder, store):
    done: list[str] = []
    first = run_batch(collect([folder]), store=store, progress=lambda n, t, name: done.append(name),
                      should_stop=lambda: len(done) >= 3)
    assert first.stopped and len(first.items) == 3
    second = run_batch(collect([folder]), store=store)
    assert [i.reused for i in second.items].count(True) == 3
    assert {i.name for i in second.items} == {s.name for s in collect([folder]).sources}
    assert len(store.runs()) == len(FILES)
    third = run_batch(collect([folder]), store=store)
    assert all(i.reused for i in third.items) and len(store.runs()) == len(FILES)


def test_a_changed_policy_is_a_new_review(folder, store):
    run_batch(collect([folder]), store=store)
    again = run_batch(collect([folder]), store=store, policy="central")
    assert not any(i.reused for i in again.items)
