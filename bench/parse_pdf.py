"""PDF reading cost: a document of N pages, one 绩效目标表 per page (built with reportlab and the installed
CJK font), read by ``read_path`` against the floor of pdfplumber itself (opening the file and extracting
each page's text and tables, which any PDF reader built on it pays). Prints seconds per size, the
read/floor ratio and the scaling exponents. Run: ``python -m bench.parse_pdf [--pages 1,4,16]``.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from bench.parse_review import RESULTS, _best, slope

FONT_PATH = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
ROWS = [["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "医养结合签约老年人数", "≥3000人"], ["", "质量指标", "健康档案建档率", "100%"],
        ["", "时效指标", "补助资金拨付时间", "2025年12月31日前"], ["成本指标", "经济成本指标", "人均签约服务补助", "≤1400元"],
        ["效益指标", "社会效益指标", "失能老人照护负担减轻", "明显减轻"], ["满意度指标", "服务对象满意度指标", "签约老年人满意度", "≥90%"]]


def build(path: Path, pages: int) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, SimpleDocTemplate, Table, TableStyle

    if "WQY" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("WQY", FONT_PATH, subfontIndex=0))
    story = []
    for k in range(pages):
        table = Table([["项目名称", f"社区医养结合服务补助{k + 1}", "", ""], *ROWS], colWidths=[115, 135, 155, 110])
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "WQY"), ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
        story += [table, PageBreak()]
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=40, rightMargin=40).build(story[:-1])
    return path


def floor(path: Path) -> int:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return sum(len(p.extract_text() or "") + len(p.find_tables()) for p in pdf.pages)


def main(argv: list[str] | None = None) -> dict:
    from assistant.parse import read_path

    ap = argparse.ArgumentParser(prog="python -m bench.parse_pdf")
    ap.add_argument("--pages", default="1,4,16")
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args(argv)
    sizes = [int(x) for x in args.pages.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = build(Path(tmp) / f"bench_{n}.pdf", n)
            t_read, table = _best(lambda p=path: read_path(p), args.repeat)
            t_floor, _ = _best(lambda p=path: floor(p), args.repeat)
            rows.append({"pages": n, "projects": len(table.projects), "read_s": round(t_read, 4),
                         "floor_s": round(t_floor, 4), "ratio": round(t_read / t_floor, 2)})
            print(f"{n:>4} 页  项目 {len(table.projects):>3}  读取 {t_read:.3f} s  pdfplumber 下限 {t_floor:.3f} s  "
                  f"比值 {t_read / t_floor:.2f}")
    out = {"rows": rows}
    if len(sizes) > 1:
        out["exponent_read"] = round(slope(sizes, [r["read_s"] for r in rows]), 2)
        out["exponent_floor"] = round(slope(sizes, [r["floor_s"] for r in rows]), 2)
        print(f"伸缩指数：读取 {out['exponent_read']}，下限 {out['exponent_floor']}")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "parse_pdf.json").write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return out


if __name__ == "__main__":
    main()
