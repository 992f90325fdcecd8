"""The ``jixiao suggest`` and ``jixiao rewrite`` commands. Each returns an exit code: 0 done, 1 the model
endpoint failed, 2 a usage, input or configuration error. Without an endpoint nothing imports openai."""

from __future__ import annotations

import sys
from pathlib import Path


def _err(message: str, code: int = 2) -> int:
    sys.stderr.write(message.rstrip() + "\n")
    return code


def _llm_errors() -> tuple[type[Exception], type[Exception]]:
    from assistant.llm.errors import ConfigError, LLMError

    return ConfigError, LLMError


def run_suggest(*, name: str, goal: str = "", amount: float | None = None, unit: str | None = None,
                project_type: str | None = None, beneficiaries: str | None = None, content: str | None = None,
                endpoint: str | None = None, profile: str | None = None, as_json: bool = False) -> int:
    from assistant.review import ProfileError
    from assistant.tasks.models import ProjectDescription
    from assistant.tasks.render import suggest_text
    from assistant.tasks.suggest import missing_fields, suggest

    if not name.strip():
        return _err("请用 --name 给出项目名称。")
    desc = ProjectDescription(name=name.strip(), goal=goal.strip(), amount=amount, unit=unit,
                              project_type=project_type, beneficiaries=beneficiaries, content=content)
    config_error, llm_error = _llm_errors()
    try:
        result = suggest(desc, endpoint=endpoint, profile=profile)
    except (config_error, ProfileError) as err:
        return _err(str(err))
    except llm_error as err:
        return _err(f"模型端点出错：{err}。可去掉 --endpoint，改用规则后端。", 1)
    if as_json:
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
        return 0
    sys.stdout.write(suggest_text(result) + "\n")
    asks = missing_fields(desc)
    if asks:
        sys.stdout.write("\n补充以下信息可以让建议更准确：\n" + "\n".join(f"  - {a}" for a in asks) + "\n")
    return 0


def run_rewrite(text: str, *, project: str | None = None, table: Path | None = None, endpoint: str | None = None,
                profile: str | None = None, as_json: bool = False) -> int:
    from assistant.review import ProfileError
    from assistant.tasks.render import rewrite_text
    from assistant.tasks.rewrite import find_indicator, rewrite

    if not text.strip():
        return _err("请给出要改写的指标，例如：jixiao rewrite \"指标名称，年度指标值：进一步提高\"")
    if (project is None) != (table is None):
        return _err("--project 和 --table 需要同时给出：--table 是表格文件，--project 是其中的项目名称。")
    target, holder = text, None
    if table is not None and project is not None:
        from assistant.parse import ParseError, read_path

        try:
            parsed = read_path(table)
        except ParseError as err:
            return _err(str(err))
        found = find_indicator(parsed, project, text)
        if found is None:
            holder = next((p for p in parsed.projects if project in p.name), None)
            if holder is None:
                return _err(f"表格中没有名称含“{project}”的项目。")
        else:
            holder, target = found
    config_error, llm_error = _llm_errors()
    try:
        result = rewrite(target, project=holder, endpoint=endpoint, profile=profile)
    except (config_error, ProfileError) as err:
        return _err(str(err))
    except llm_error as err:
        return _err(f"模型端点出错：{err}。可去掉 --endpoint，改用规则后端。", 1)
    if as_json:
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
        return 0
    sys.stdout.write(rewrite_text(result) + "\n")
    return 0
