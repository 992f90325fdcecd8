"""Charts of batch figures, drawn with matplotlib (offline, no browser script): SVG for the html report,
PNG bytes for the page and the xlsx. Text is drawn as outlines, so a chart looks the same without the font."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.office.stats import GRADES, MISSING, Stats
from assistant.review import rule_title

CJK_FONTS = ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
GRADE_COLOURS = {"优": "#2e7d32", "良": "#7cb342", "中": "#f9a825", "差": "#c62828"}


@lru_cache(maxsize=1)
def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager
    from matplotlib import pyplot as plt

    names = []
    for path in CJK_FONTS:
        if Path(path).exists():
            font_manager.fontManager.addfont(path)
            names.append(font_manager.FontProperties(fname=path).get_name())
    matplotlib.rcParams["font.sans-serif"] = [*names, "DejaVu Sans"]
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["svg.fonttype"] = "path"
    matplotlib.rcParams["svg.hashsalt"] = "jixiao"
    return plt


def _labels(per: list[Stats]) -> list[str]:
    return [s.department for s in per]


def grades_figure(per: list[Stats]) -> Any:
    """Stacked bars: how many projects of each department got 优/良/中/差."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(8, 1.2 + 0.45 * max(3, len(per))))
    left = [0] * len(per)
    for grade in GRADES:
        values = [s.grades[grade] for s in per]
        ax.barh(_labels(per), values, left=left, color=GRADE_COLOURS[grade], label=grade)
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_xlabel("项目数")
    ax.set_title("各部门项目评级分布")
    ax.invert_yaxis()
    ax.legend(title="评级", loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8)
    fig.tight_layout()
    return fig


def shares_figure(per: list[Stats], overall: Stats) -> Any:
    """Grouped bars per department: share of vague indicators, of projects missing 成本/效益/满意度, and
    the quantitative share."""
    plt = _pyplot()
    rows = [*per, overall]
    series = [("含糊指标占比", [s.vague_share or 0 for s in rows]),
              *[(f"缺{k}指标的项目占比", [s.missing_share(k) or 0 for s in rows]) for k in MISSING],
              ("定量指标占比", [s.quantitative_share or 0 for s in rows])]
    fig, ax = plt.subplots(figsize=(8, 3.6))
    width = 0.8 / len(series)
    for i, (label, values) in enumerate(series):
        ax.bar([x + i * width for x in range(len(rows))], [v * 100 for v in values], width, label=label)
    ax.set_xticks([x + 0.4 - width / 2 for x in range(len(rows))], [s.department for s in rows], fontsize=8)
    ax.set_ylabel("%")
    ax.set_ylim(0, 100)
    ax.set_title("指标质量（按部门）")
    ax.legend(fontsize=7, ncols=3, loc="upper center", bbox_to_anchor=(0.5, -0.15))
    fig.tight_layout()
    return fig


def rules_figure(overall: Stats, n: int = 10) -> Any:
    """The most frequent rules over the whole batch, by their Chinese titles."""
    plt = _pyplot()
    top = overall.top_rules(n)
    fig, ax = plt.subplots(figsize=(7, 0.6 + 0.35 * max(3, len(top))))
    ax.barh([rule_title(c) for c, _ in top], [k for _, k in top], color="#5c6bc0")
    ax.invert_yaxis()
    ax.set_xlabel("问题数")
    ax.set_title("最常见的问题")
    fig.tight_layout()
    return fig


def svg(fig: Any) -> str:
    """The figure as an inline SVG element (closes the figure)."""
    plt = _pyplot()
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg"):]


def png(fig: Any) -> bytes:
    """The figure as PNG bytes (closes the figure)."""
    plt = _pyplot()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110)
    plt.close(fig)
    return buf.getvalue()


def all_figures(per: list[Stats], overall: Stats) -> list[tuple[str, object]]:
    """(title, figure) of every chart, in report order."""
    return [("评级分布", grades_figure(per)), ("指标质量", shares_figure(per, overall)),
            ("最常见的问题", rules_figure(overall))]
