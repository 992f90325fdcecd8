"""The office commands over :mod:`assistant.service.office`: ``jixiao batch``, ``diff``, ``letter``, ``runs``
and ``decide``. Each returns an exit code: 0 done, 2 usage or input error."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.service.errors import ServiceError

if TYPE_CHECKING:
    from assistant.office import BatchResult, OfficeStore

OUTPUTS = (".html", ".htm", ".xlsx")


def _err(message: str) -> int:
    sys.stderr.write(message.rstrip() + "\n")
    return 2


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.0f}%"


def _print_summary(result: BatchResult) -> None:
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
        console.print(f"未能读取 {item.name}：{item.error}", markup=False, highlight=False)
    for name, why in result.skipped:
        console.print(f"跳过 {name}：{why}", markup=False, highlight=False)
    reused = sum(i.reused for i in result.items)
    if reused:
        console.print(f"其中 {reused} 份此前已按相同规则审核，直接沿用（断点续跑）。")
    if result.stopped:
        console.print("已中途停止；已完成的表格已保存，重新运行同一命令会从中断处继续。")


def _store() -> OfficeStore:
    from assistant.office import OfficeStore

    return OfficeStore()


def run_batch_command(paths: list[Path], *, outputs: list[Path], policy: str | None, department: str | None,
                      store: bool = True) -> int:
    """Review every table under ``paths`` and write the summaries named by ``outputs``."""
    bad = [o for o in outputs if o.suffix.lower() not in OUTPUTS]
    if bad:
        return _err(f"不支持的输出格式：{bad[0]}（可用 .html、.xlsx） / unsupported output {bad[0]}: use .html or .xlsx")
    from rich.progress import Progress

    from assistant.office.render import write_html, write_xlsx
    from assistant.service import Options, Step
    from assistant.service.office import batch

    office = _store() if store else None
    try:
        with Progress(transient=True) as bar:
            task = bar.add_task("批量审核", total=None)

            def show(step: Step) -> None:
                bar.update(task, completed=step.done, total=step.total)

            result = batch(paths, Options(policy=policy), department=department, store=office, progress=show)
        _print_summary(result)
        for out in outputs:
            try:
                (write_html if out.suffix.lower() in (".html", ".htm") else write_xlsx)(result, out)
            except OSError as err:
                return _err(str(err))
            print(f"已写入 {out}")
    except ServiceError as err:
        return _err(str(err))
    except KeyboardInterrupt:
        return _err("已中断；已完成的表格已保存，重新运行同一命令会从中断处继续。 / interrupted; "
                    "finished tables are saved, run the same command again to resume.")
    finally:
        if office is not None:
            office.close()
    return 0


def run_diff(old: Path | None, new: Path, *, policy: str | None, output: Path | None) -> int:
    """Compare a corrected table with ``old`` (or the stored earlier version); print and optionally write xlsx."""
    from assistant.office.render import diff_rows, write_diff_xlsx
    from assistant.service import Options
    from assistant.service.office import compare

    if output is not None and output.suffix.lower() != ".xlsx":
        return _err("对比结果只能写成 .xlsx / the diff output must be .xlsx")
    office = _store()
    try:
        c = compare(new, Options(policy=policy), office, old_path=old)
    except ServiceError as err:
        return _err(str(err))
    finally:
        office.close()
    print(f"对比 {c.old_label}：" + "；".join(f"{k} {v}" for k, v in c.totals.items()) + f"；沿用处理意见 {c.carried} 条")
    for row in diff_rows(c.diffs, c.decisions):
        print("｜".join(str(x) for x in row[:4]) + (f"｜处理意见：{row[7]}" if row[7] else ""))
    if output is not None:
        try:
            write_diff_xlsx(c.diffs, output, c.decisions)
        except OSError as err:
            return _err(str(err))
        print(f"已写入 {output}")
    return 0


def run_letter(table_path: Path, *, output: Path, project: str | None, department: str | None,
               policy: str | None) -> int:
    """Write the 审核意见 .docx for a table (one project or all), with the stored decisions."""
    from assistant.service import Options
    from assistant.service.office import batch, letter

    office = _store()
    try:
        result = batch([table_path], Options(policy=policy), store=office)
        if not result.reviewed:
            return _err(result.failed[0].error or "无法读取表格" if result.failed else "无法读取表格")
        run_id = result.reviewed[0].run_id
        assert run_id is not None
        letter(office, [run_id], output, project=project, recipient=department)
    except (ServiceError, OSError) as err:
        return _err(str(err))
    finally:
        office.close()
    print(f"已写入 {output}")
    return 0


def run_runs(show: int | None) -> int:
    """List stored runs, or the numbered findings of one run with their decisions."""
    from assistant.review import rule_title
    from assistant.service.office import listing

    office = _store()
    try:
        if show is None:
            for r in office.runs():
                print(f"{r.id}\t{r.created}\t{r.department}\t{r.file_name}\t口径 {r.policy}\t规则 {r.rules_version}"
                      f"\t{r.sha256[:12]}")
            return 0
        if office.get_run(show) is None:
            return _err(f"没有编号为 {show} 的审核记录 / no stored run {show}")
        for n in listing(office, [show]).findings:
            f, d = n.finding, n.decision
            mark = f"［{d.decision}{'：' + d.comment if d.comment else ''}］" if d else ""
            print(f"{n.number}\t{f.project}\t{f.indicator or '（项目整体）'}\t{rule_title(f.code)}\t{f.message}{mark}")
        return 0
    finally:
        office.close()


def run_decide(run_id: int, number: int, decision: str, comment: str, user: str) -> int:
    """Record a decision on finding ``number`` (as listed by ``jixiao runs --show``) of a stored run."""
    from assistant.service.office import decide

    office = _store()
    try:
        if office.get_run(run_id) is None:
            return _err(f"没有编号为 {run_id} 的审核记录 / no stored run {run_id}")
        chosen = decide(office, [run_id], number, decision, comment, user)
    except ServiceError as err:
        return _err(str(err))
    finally:
        office.close()
    print(f"已记录：第 {number} 条（{chosen.finding.indicator or chosen.finding.project}）→ {decision}")
    return 0
