"""Review policies (审核口径): TOML files that set the layout, severities, thresholds and switches.

``load_policy(None)`` gives the default (Guangzhou, legacy layout); a name loads
``assistant/review/profiles/<name>.toml``; anything with a path separator or a ``.toml`` suffix is read
as a file. Every problem raises :class:`PolicyError` with a Chinese + English message naming the file
and the key.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

POLICY_DIR = Path(__file__).resolve().parent / "profiles"
DEFAULT_POLICY = "guangzhou"
ALIASES = {"default": "guangzhou", "gz": "guangzhou", "local": "guangzhou", "legacy": "guangzhou",
           "101": "central", "101号": "central"}
SEVERITY_WORDS = {"error": "error", "warning": "warning", "info": "info",
                  "错误": "error", "警告": "warning", "提示": "info"}


class PolicyError(ValueError):
    """A policy that cannot be found or read; the message is bilingual and names file and key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


LAYOUT_TITLES = {"legacy": "传统版式（成本在产出下）", "101": "101号版式（成本为一级指标）"}
DEFAULT_LAYOUT = "legacy"


def layout_title(layout: str | None) -> str:
    """The one Chinese name of a layout, used by every report and the page."""
    return LAYOUT_TITLES.get(layout or DEFAULT_LAYOUT, LAYOUT_TITLES[DEFAULT_LAYOUT])


class Meta(_Strict):
    """``layout`` is a policy (``legacy``/``101``) or ``auto``: follow the layout the table itself uses."""

    name: str
    title: str
    layout: Literal["legacy", "101", "auto"] = "auto"


class Thresholds(_Strict):
    min_indicators: int = Field(4, ge=0)
    max_indicators: int = Field(20, ge=1)
    max_qualitative_share: float = Field(0.5, ge=0, le=1)
    satisfaction_min: float = Field(85, ge=0, le=100)
    satisfaction_max: float = Field(100, ge=0, le=100)
    duplicate_project_min_indicators: int = Field(3, ge=1)
    max_name_bytes: int = Field(100, ge=1)
    max_value_bytes: int = Field(200, ge=1)
    uniform_value_min_rows: int = Field(3, ge=2)
    cost_tolerance: float = Field(0.15, ge=0, le=1)


class Requirements(_Strict):
    subcategory: bool = False
    amount: bool = False
    value_basis: bool = False
    data_source: bool = False


class Switches(_Strict):
    disabled: list[str] = Field(default_factory=list)
    enabled: list[str] = Field(default_factory=list)
    extra_comparators: list[str] = Field(default_factory=list)


class GradeConfig(_Strict):
    error_weight: float = Field(20, ge=0)
    warning_weight: float = Field(8, ge=0)
    info_weight: float = Field(0, ge=0)
    excellent: float = 90
    good: float = 80
    fair: float = 60


class Policy(_Strict):
    """A loaded policy. ``meta`` is the file's ``[profile]`` table; ``severity`` maps rule codes to
    error/warning/info overrides."""

    meta: Meta = Field(alias="profile")
    thresholds: Thresholds = Field(default_factory=Thresholds)
    require: Requirements = Field(default_factory=Requirements)
    severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=dict)
    rules: Switches = Field(default_factory=Switches)
    grade: GradeConfig = Field(default_factory=GradeConfig)
    source: str = ""

    @property
    def name(self) -> str:
        return self.meta.name

    @property
    def layout(self) -> str:
        """The policy's layout, ``legacy`` when it follows the table (``auto``)."""
        return DEFAULT_LAYOUT if self.meta.layout == "auto" else self.meta.layout

    def layout_for(self, table_layout: str | None) -> tuple[str, str]:
        """(layout to review under, where it comes from: ``table``, ``profile`` or ``default``): the table's
        layout unless the policy sets one; the default layout when neither says."""
        if self.meta.layout != "auto":
            return self.meta.layout, "profile"
        if table_layout in LAYOUT_TITLES:
            return table_layout, "table"
        return DEFAULT_LAYOUT, "default"

    def enabled(self, code: str, default: bool = True) -> bool:
        if code in self.rules.disabled:
            return False
        return default or code in self.rules.enabled


def available_policies() -> list[str]:
    return sorted(p.stem for p in POLICY_DIR.glob("*.toml"))


def _resolve(spec: str | Path | None) -> Path:
    if spec is None or str(spec).strip() == "":
        return POLICY_DIR / f"{DEFAULT_POLICY}.toml"
    text = str(spec).strip()
    if isinstance(spec, Path) or "/" in text or "\\" in text or text.endswith(".toml"):
        path = Path(text).expanduser()
        if not path.is_file():
            raise PolicyError(f"找不到审核口径文件：{path} / Policy file not found: {path}")
        return path
    name = ALIASES.get(text.lower(), text.lower())
    path = POLICY_DIR / f"{name}.toml"
    if not path.is_file():
        names = "、".join(available_policies())
        raise PolicyError(f"没有名为“{text}”的审核口径（可用：{names}） / "
                           f"Unknown policy '{text}' (available: {', '.join(available_policies())})")
    return path


def _normalise_severity(data: dict, path: Path) -> None:
    table = data.get("severity")
    if not isinstance(table, dict):
        return
    for code, word in list(table.items()):
        value = SEVERITY_WORDS.get(str(word).strip().lower()) if isinstance(word, str) else None
        if value is None:
            raise PolicyError(
                f"审核口径文件 {path} 的键 severity.{code} 取值“{word}”无效，应为 错误/警告/提示（error/warning/info） / "
                f"Invalid policy {path}: key 'severity.{code}' = {word!r}, expected error, warning or info")
        table[code] = value


def _check_codes(policy: Policy, path: Path) -> None:
    from assistant.review.registry import all_rules

    known = set(all_rules())
    for key, codes in (("severity", list(policy.severity)), ("rules.disabled", policy.rules.disabled),
                       ("rules.enabled", policy.rules.enabled)):
        for code in codes:
            if code not in known:
                raise PolicyError(f"审核口径文件 {path} 的键 {key} 含未知规则代码“{code}” / "
                                   f"Invalid policy {path}: key '{key}' names unknown rule code '{code}'")


def load_policy(spec: str | Path | None = None) -> Policy:
    """Load a policy by name or path; raise :class:`PolicyError` on any problem."""
    if isinstance(spec, Policy):
        return spec
    path = _resolve(spec)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise PolicyError(f"审核口径文件 {path} 不是有效的 TOML：{err} / Policy {path} is not valid TOML: {err}") from err
    except (OSError, UnicodeDecodeError) as err:
        raise PolicyError(f"无法读取审核口径文件 {path}：{err} / Cannot read policy {path}: {err}") from err
    _normalise_severity(data, path)
    try:
        policy = Policy.model_validate({**data, "source": str(path)})
    except ValidationError as err:
        first = err.errors()[0]
        key = ".".join(str(x) for x in first["loc"])
        kind = "未知的键" if first["type"] == "extra_forbidden" else (
            "缺少必填键" if first["type"] == "missing" else "取值无效")
        raise PolicyError(f"审核口径文件 {path} 的键 {key}：{kind}（{first['msg']}） / "
                           f"Invalid policy {path}: key '{key}': {first['msg']}") from err
    _check_codes(policy, path)
    return policy
