"""The commands' work behind ``assistant.cli``: build :class:`Options`, call the service, print, and
return the exit code (0 done; 1 ``--fail-on`` matched or the model endpoint failed; 2 a usage, input or
configuration error, printed in Chinese and English)."""

from __future__ import annotations

import sys
from pathlib import Path

from assistant import service
from assistant.cli_progress import RichProgress
from assistant.model import Indicator, Project
from assistant.service import Options, ServiceError


def _fail(err: ServiceError) -> int:
    from assistant.report.cells import for_terminal

    sys.stderr.write(for_terminal(str(err)).rstrip() + "\n")
    return err.exit_code


def policy_of(policy: str | None, profile: str | None) -> str | None:
    """``--policy``, or the deprecated ``--profile`` it replaces (with a warning); both is an error."""
    if profile is None:
        return policy
    if policy is not None and policy != profile:
        raise ServiceError("--policy 与已弃用的 --profile 取值不同，请只用 --policy",
                           "--policy and the deprecated --profile disagree: use --policy only", where="--profile")
    sys.stderr.write("提示：--profile 已更名为 --policy（审核口径）。 / Note: --profile is now --policy.\n")
    return profile


def run_review(path: str | Path, *, fmt: str = "text", output: str | Path | None = None, policy: str | None = None,
               fail_on: str = "never", use_model: bool = False, endpoint: str | None = None,
               checkpoint: Path | None = None, batch_out: Path | None = None, batch_in: Path | None = None,
               profile: str | None = None, add_to_library: bool = False) -> int:
    """``jixiao review``: every option is checked before the table is read or a model called. With
    ``add_to_library`` the table then joins the user's drafting reference library (never otherwise)."""
    try:
        options = Options(policy=policy_of(policy, profile), endpoint=endpoint, use_model=use_model, fmt=fmt,
                          output=Path(output) if output is not None else None, fail_on=fail_on,
                          checkpoint=checkpoint, batch_out=batch_out, batch_in=batch_in).checked()
        if options.batch_out is not None:
            count = service.write_batch(service.review_rules(service.parse(path), options), options)
            sys.stderr.write(f"已写入 {count} 个请求：{options.batch_out}（提交给批处理服务，完成后用 --batch-in "
                             f"读入结果） / Wrote {count} requests for a batch service; read its results with "
                             "--batch-in\n")
            return 0
        with RichProgress() as bar:
            outcome = service.review(path, options, bar)
        if options.format == "text" and options.output is None:
            from assistant.report.text import print_report

            print_report(outcome.readable(), outcome.table)
        else:
            written = service.export(outcome, options)
            if isinstance(written, Path):
                sys.stderr.write(f"已写入 {written}\n")
            else:
                sys.stdout.write(written)
        if add_to_library:
            sys.stderr.write(service.add_reference(outcome.table, path) + "\n")
    except ServiceError as err:
        return _fail(err)
    if outcome.model is not None:
        _model_footer(outcome, options)
    return outcome.exit_code(options)


def _model_footer(outcome: service.Outcome, options: Options) -> None:
    from assistant.llm.usage import Usage

    assert outcome.model is not None
    endpoint = service.resolve_endpoint(options.endpoint)
    usage = Usage.from_dict(outcome.model.usage or {})
    sys.stderr.write(f"模型：{outcome.model.model}；{usage.summary(endpoint.currency if endpoint else 'CNY')}\n")
    for line in outcome.model.errors:
        sys.stderr.write(f"未完成：{line}\n")
    if outcome.model_failed:
        sys.stderr.write("模型调用全部失败：以上为规则审核结果。请检查模型端点（jixiao probe）后重试。 / "
                         "Every model call failed: the report holds the rule findings only.\n")


def run_suggest(*, name: str, goal: str = "", amount: float | None = None, unit: str | None = None,
                project_type: str | None = None, beneficiaries: str | None = None, content: str | None = None,
                endpoint: str | None = None, policy: str | None = None, as_json: bool = False,
                profile: str | None = None) -> int:
    """``jixiao suggest``."""
    from assistant.tasks.models import ProjectDescription
    from assistant.tasks.render import suggest_text
    from assistant.tasks.suggest import missing_fields

    desc = ProjectDescription(name=name.strip(), goal=goal.strip(), amount=amount, unit=unit,
                              project_type=project_type, beneficiaries=beneficiaries, content=content)
    try:
        options = Options(policy=policy_of(policy, profile), endpoint=endpoint).checked()
        result = service.suggest(desc, options)
    except ServiceError as err:
        return _fail(err)
    if as_json:
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
        return 0
    sys.stdout.write(suggest_text(result) + "\n")
    asks = missing_fields(desc)
    if asks:
        sys.stdout.write("\n补充以下信息可以让建议更准确：\n" + "\n".join(f"  - {a}" for a in asks) + "\n")
    return 0


def run_rewrite(text: str, *, project: str | None = None, table: Path | None = None, endpoint: str | None = None,
                policy: str | None = None, as_json: bool = False, profile: str | None = None) -> int:
    """``jixiao rewrite``; with ``--table`` and ``--project`` the indicator is looked up in its project."""
    from assistant.tasks.render import rewrite_text

    try:
        options = Options(policy=policy_of(policy, profile), endpoint=endpoint).checked()
        if (project is None) != (table is None):
            raise ServiceError("--project 和 --table 需要同时给出：--table 是表格文件，--project 是其中的项目名称",
                               "Give --project and --table together", where="--project")
        if not text.strip():
            raise ServiceError("请给出要改写的指标，例如：jixiao rewrite \"指标名称，年度指标值：进一步提高\"",
                               "Give the indicator to rewrite")
        holder: Project | None = None
        target: Indicator | str = text
        if table is not None and project is not None:
            holder, target = service.locate(service.parse(table), project, text)
        result = service.rewrite(target, options, project=holder)
    except ServiceError as err:
        return _fail(err)
    if as_json:
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
        return 0
    sys.stdout.write(rewrite_text(result) + "\n")
    return 0
