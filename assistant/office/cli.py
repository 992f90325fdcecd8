"""The office commands: ``jixiao batch``, ``diff``, ``letter``, ``runs`` and ``decide``.

Each returns an exit code: 0 done, 2 usage or input error. Messages are Chinese with an English gloss."""

from __future__ import annotations

import sys
from pathlib import Path

OUTPUTS = (".html", ".htm", ".xlsx")


def _err(message: str) -> int:
    sys.stderr.write(message.rstrip() + "\n")
    return 2


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.0f}%"


def _print_summary(result) -> None:
    from rich.console import Console
    from rich.table import Table as RichTable

    from assistant.office.stats import GRADES, statistics

    per, overall = statistics(result)
    t = RichTable(title="批量审核汇总")
    for h in ("部门", "表数", "项目数", "指标数", *GRADES, "含糊指标", "缺成本", "缺效益", "缺满意度", "定量占比"):
        t.add_column(h)
    for s in [*per, overall]:
        t.add_row(s.department, str(s.tables), str(s.projects), str(s.indicators), *(str(s.grades[g]) for g in GRADES),
                  _pct(s.vague_share), _pct(s.missing_share("成本")), _pct(s.missing_share("效益")),
                  _pct(s.missing_share("满意度")), _pct(s.quantitative_share))
    console = Console()
    console.print(t)
    for item in result.failed:
        console.print(f"[red]未能读取[/red] {item.name}：{item.error}", markup=True, highlight=False)
    for name, why in result.skipped:
        console.print(f"跳过 {name}：{why}", markup=False, highlight=False)
    reused = sum(i.reused for i in result.items)
    if reused:
        console.print(f"其中 {reused} 份此前已按相同规则审核，直接沿用（断点续跑）。")
    if result.stopped:
        console.print("已中途停止；已完成的表格已保存，重新运行同一命令会从中断处继续。")


def run_batch_command(paths: list[Path], *, outputs: list[Path], policy: str | None, department: str | None,
                      store: bool = True) -> int:
    """Review every table under ``paths`` and write the summaries named by ``outputs``."""
    bad = [o for o in outputs if o.suffix.lower() not in OUTPUTS]
    if bad:
        return _err(f"不支持的输出格式：{bad[0]}（可用 .html、.xlsx） / unsupported output {bad[0]}: use .html or .xlsx")
    from assistant.office import OfficeStore, collect, run_batch
    from assistant.office.render import write_html, write_xlsx
    from assistant.review.profile import ProfileError, load_profile

    try:
        load_profile(policy)
    except ProfileError as err:
        return _err(str(err))
    collected = collect(list(paths))
    if not collected.sources:
        return _err("没有找到可审核的表格文件。 / no table files found.")
    from rich.progress import Progress

    office = OfficeStore() if store else None
    stop = {"now": False}
    try:
        with Progress(transient=True) as bar:
            task = bar.add_task("批量审核", total=len(collected.sources))
            try:
                result = run_batch(collected, policy=policy, department=department, store=office,
                                   progress=lambda n, t, name: bar.update(task, completed=n, description=name[-30:]),
                                   should_stop=lambda: stop["now"])
            except KeyboardInterrupt:
                return _err("已中断；已完成的表格已保存，重新运行同一命令会从中断处继续。 / interrupted; "
                            "finished tables are saved, run the same command again to resume.")
        _print_summary(result)
        for out in outputs:
            try:
                (write_html if out.suffix.lower() in (".html", ".htm") else write_xlsx)(result, out)
            except OSError as err:
                return _err(str(err))
            print(f"已写入 {out}")
    finally:
        if office is not None:
            office.close()
    return 0


def _review_file(path: Path, policy: str | None):
    from assistant.parse import read_path
    from assistant.review import review_table

    table = read_path(path)
    return table, review_table(table, policy)


def run_diff(old: Path, new: Path, *, policy: str | None, output: Path | None) -> int:
    """Compare two versions of a table; print the changes and optionally write an xlsx."""
    from assistant.office import OfficeStore
    from assistant.office.diff import totals
    from assistant.office.render import diff_rows, write_diff_xlsx
    from assistant.parse import ParseError
    from assistant.review.profile import ProfileError

    if output is not None and output.suffix.lower() != ".xlsx":
        return _err("对比结果只能写成 .xlsx / the diff output must be .xlsx")
    try:
        _, old_report = _review_file(old, policy)
        new_table, new_report = _review_file(new, policy)
    except (ParseError, ProfileError) as err:
        return _err(str(err))
    from assistant.office import diff_reports

    diffs = diff_reports(old_report, new_report)
    dept = new_table.department or next((p.department for p in new_table.projects if p.department), None) or ""
    office = OfficeStore()
    try:
        decisions = office.decisions_for(dept, new_report) if dept else {}
    finally:
        office.close()
    t = totals(diffs)
    print("；".join(f"{k} {v}" for k, v in t.items()))
    for row in diff_rows(diffs, decisions):
        print("｜".join(str(c) for c in row[:4]) + (f"｜处理意见：{row[7]}" if row[7] else ""))
    if output is not None:
        try:
            write_diff_xlsx(diffs, output, decisions)
        except OSError as err:
            return _err(str(err))
        print(f"已写入 {output}")
    return 0


def run_letter(table_path: Path, *, output: Path, project: str | None, department: str | None,
               policy: str | None) -> int:
    """Write the 审核意见 .docx for a table (one project or all), using the stored decisions."""
    from assistant.office import OfficeStore, write_letter
    from assistant.parse import ParseError
    from assistant.review.profile import ProfileError

    if output.suffix.lower() != ".docx":
        return _err("审核意见只能写成 .docx / the letter must be .docx")
    try:
        table, report = _review_file(table_path, policy)
    except (ParseError, ProfileError) as err:
        return _err(str(err))
    dept = department or table.department or next((p.department for p in table.projects if p.department), None) or ""
    office = OfficeStore()
    try:
        decisions = office.decisions_for(dept, report) if dept else {}
    finally:
        office.close()
    try:
        write_letter([report], output, decisions=decisions, project=project, recipient=dept or None)
    except (ValueError, OSError) as err:
        return _err(str(err))
    print(f"已写入 {output}")
    return 0


def run_runs(show: int | None) -> int:
    """List stored runs, or the numbered findings of one run with their decisions."""
    from assistant.office import OfficeStore, finding_key
    from assistant.office.stats import rule_title

    office = OfficeStore()
    try:
        if show is None:
            for r in office.runs():
                print(f"{r.id}\t{r.created}\t{r.department}\t{r.file_name}\t口径 {r.policy}\t规则 {r.rules_version}"
                      f"\t{r.sha256[:12]}")
            return 0
        run = office.get_run(show)
        if run is None:
            return _err(f"没有编号为 {show} 的审核记录 / no stored run {show}")
        _, report = office.load(show)
        decisions = office.decisions_for(run.department, report)
        for n, f in enumerate(report.findings, 1):
            d = decisions.get(finding_key(f))
            mark = f"［{d.decision}{'：' + d.comment if d.comment else ''}］" if d else ""
            print(f"{n}\t{f.project}\t{f.indicator or '（项目整体）'}\t{rule_title(f.code)}\t{f.message}{mark}")
        return 0
    finally:
        office.close()


def run_decide(run_id: int, number: int, decision: str, comment: str, user: str) -> int:
    """Record a decision on finding ``number`` (as listed by ``jixiao runs --show``) of a stored run."""
    from assistant.office import DECISIONS, OfficeStore

    if decision not in DECISIONS:
        return _err(f"处理意见只能是 {'、'.join(DECISIONS)} / decision must be one of {', '.join(DECISIONS)}")
    office = OfficeStore()
    try:
        run = office.get_run(run_id)
        if run is None:
            return _err(f"没有编号为 {run_id} 的审核记录 / no stored run {run_id}")
        _, report = office.load(run_id)
        if not 1 <= number <= len(report.findings):
            return _err(f"问题序号应在 1–{len(report.findings)} 之间 / finding number out of range")
        office.decide(run.department, report.findings[number - 1], decision, comment, user=user, run_id=run_id)
        print(f"已记录：第 {number} 条 → {decision}")
        return 0
    finally:
        office.close()
