"""Re-review and decisions: what a corrected version fixed, decisions carried over, and the letter."""

from __future__ import annotations

import pytest
from docx import Document

from assistant.office import OfficeStore, collect, diff_reports, finding_key, run_batch, write_letter
from assistant.office.diff import totals
from office.tables import DEPT, FILES, ROAD_FILE, corrected_road, write_folder, write_xlsx


@pytest.fixture
def versions(tmp_path, store):
    folder = write_folder(tmp_path / "v1", [f for f in FILES if f[0] == ROAD_FILE])
    old = run_batch(collect([folder]), store=store).items[0]
    v2 = tmp_path / "v2" / ROAD_FILE
    v2.parent.mkdir(parents=True)
    write_xlsx(v2, DEPT, corrected_road())
    new = run_batch(collect([tmp_path / "v2"]), store=store).items[0]
    return old, new


def _by(entries, status):
    return sorted((e.finding.indicator or "", e.code) for e in entries if e.status == status)


def test_diff_marks_fixed_new_and_unchanged(versions):
    old, new = versions
    diffs = diff_reports(old.report, new.report)
    assert [d.project for d in diffs] == ["农村公路日常养护"]
    entries = diffs[0].entries
    assert ("道路通行条件", "vague_target") in _by(entries, "已修正")
    assert any(ind == "养护任务完成时间" for ind, _ in _by(entries, "新增"))
    assert _by(entries, "未变")
    t = totals(diffs)
    assert sum(t.values()) == len(entries) and t["已修正"] >= 1 and t["新增"] >= 1


def test_inserting_a_row_does_not_make_old_findings_new(versions):
    old, new = versions
    kept = {finding_key(f) for f in old.report.findings} & {finding_key(f) for f in new.report.findings}
    positions_moved = [f for f in new.report.findings if finding_key(f) in kept and f.level == "indicator"]
    entries = diff_reports(old.report, new.report)[0].entries
    assert all(e.status in ("未变", "有变化") for e in entries if e.key in {finding_key(f) for f in positions_moved})


def test_decisions_carry_over_to_the_next_version(versions, store):
    old, new = versions
    kept = [f for f in old.report.findings if finding_key(f) in {finding_key(g) for g in new.report.findings}]
    assert len(kept) >= 2
    store.decide(DEPT, kept[0], "不是问题", "本项目按合同条款执行", user="审核员甲", run_id=old.run_id)
    store.decide(DEPT, kept[1], "确认", "请修改", user="审核员甲", run_id=old.run_id)
    carried = store.decisions_for(DEPT, new.report)
    assert carried[finding_key(kept[0])].decision == "不是问题"
    assert carried[finding_key(kept[1])].comment == "请修改"
    with pytest.raises(ValueError):
        store.decide(DEPT, kept[0], "随便")


def test_decisions_survive_reopening_the_store(versions, store, tmp_path):
    old, _ = versions
    store.decide(DEPT, old.report.findings[0], "待定", "等单位补充材料")
    reopened = OfficeStore(store.path)
    try:
        assert reopened.decisions(DEPT)[finding_key(old.report.findings[0])].decision == "待定"
        assert reopened.get_run(old.run_id).sha256 == old.sha256
        assert reopened.get_run(old.run_id).rules_version
    finally:
        reopened.close()


def test_previous_run_finds_the_earlier_version(versions, store):
    old, new = versions
    prev = store.previous_run(DEPT, [p.name for p in new.table.projects], before=new.run_id)
    assert prev is not None and prev.id == old.run_id


def test_letter_lists_problems_with_basis_and_leaves_out_not_a_problem(versions, store, tmp_path):
    _, new = versions
    problems = [f for f in new.report.findings if f.severity in ("error", "warning")]
    assert len(problems) >= 2
    dismissed, pending = problems[0], problems[1]
    store.decide(DEPT, dismissed, "不是问题")
    store.decide(DEPT, pending, "待定", "待核实合同")
    out = write_letter([new.report], tmp_path / "意见.docx", decisions=store.decisions_for(DEPT, new.report),
                       project="农村公路日常养护", recipient=DEPT)
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "关于《农村公路日常养护》绩效目标的审核意见" in text
    assert text.count("依据：") >= len(problems) - 2 >= 0
    assert "需进一步核实的事项" in text and "待核实合同" in text
    body = text.split("需进一步核实的事项")[0]
    assert f"“{dismissed.indicator}”" not in body or dismissed.indicator == pending.indicator
    assert "审核人（签字）" in text and "＿＿＿＿年＿＿月＿＿日" in text
    assert "vague_target" not in text and "财预〔2015〕88号" in text


def test_department_letter_covers_every_project(tmp_path):
    folder = write_folder(tmp_path / "t", [f for f in FILES if f[1] == DEPT])
    result = run_batch(collect([folder]))
    out = write_letter([i.report for i in result.reviewed], tmp_path / "部门.docx", recipient=DEPT)
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    for *_, projects in [f for f in FILES if f[1] == DEPT]:
        for name, *_ in projects:
            assert f"《{name}》" in text
