"""Three cases each of suggest, rewrite and critique from the rules backend and from one endpoint, side by
side, as Markdown. Not a score: a look at what each backend gives.

    python -m evals.side_by_side --endpoint local            # a configured endpoint
    python -m evals.side_by_side --base-url http://127.0.0.1:8765/v1 --model qwen2.5-coder-0.5b-instruct
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from assistant.parse import read_path
from assistant.tasks.critique import critique
from assistant.tasks.models import ProjectDescription
from assistant.tasks.rewrite import rewrite
from assistant.tasks.suggest import suggest

SEED = Path(__file__).resolve().parent.parent / "assistant" / "data" / "gz-gongxinju-2023.txt"
DESCRIPTIONS = [
    ProjectDescription(name="2025年中小企业经营管理人员培训", goal="举办专题研修班5期，培训企业经营管理人员500人次",
                       amount=80, beneficiaries="中小企业经营管理人员"),
    ProjectDescription(name="区政务云平台运维服务", goal="保障政务云平台及32个业务系统稳定运行", amount=260,
                       beneficiaries="区属各部门"),
    ProjectDescription(name="困难群众临时救助资金", goal="对遭遇突发困难的家庭及时实施临时救助", amount=500,
                       beneficiaries="困难群众"),
]
REWRITES = ["超高清视频和新型显示产业链，年度指标值：进一步完善",
            "我市集成电路产业影响力，年度指标值：提高我市集成电路产业影响力",
            "资金项目管理工作水平，年度指标值：提升"]
CRITIQUES = ["工业和信息化培训经费", "购置经费", "支持举办第25届中国集成电路制造年会"]


def _suggested(result) -> str:
    rows = "; ".join(f"{i.category[:2]}/{(i.subcategory or '')[:4]} {i.name} {i.value}"
                     f"{'（建议值）' if i.proposed else ''}" for i in result.indicators)
    return f"{rows} ‖ backend={result.backend} attempts={result.attempts} {result.notes[:1]}"


def _timed(fn):
    started = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - started


def run(endpoint) -> list[str]:
    lines: list[str] = []
    backends = (("规则后端", "rules"), ("模型", endpoint))
    for desc in DESCRIPTIONS:
        lines.append(f"### suggest：{desc.name}")
        for label, ep in backends:
            result, secs = _timed(lambda ep=ep, desc=desc: suggest(desc, endpoint=ep))
            lines.append(f"- {label}（{secs:.0f} 秒）：{_suggested(result)}")
    for text in REWRITES:
        lines.append(f"### rewrite：{text}")
        for label, ep in backends:
            result, secs = _timed(lambda ep=ep, text=text: rewrite(text, endpoint=ep))
            options = "; ".join(f"{o.name}：{o.value}" for o in result.options)
            lines.append(f"- {label}（{secs:.0f} 秒）：{options} ‖ backend={result.backend} {result.notes[:1]}")
    seed = read_path(SEED)
    for name in CRITIQUES:
        project = next(p for p in seed.projects if p.name == name)
        lines.append(f"### critique：{name}")
        for label, ep in backends:
            found, secs = _timed(lambda ep=ep, project=project: critique(project, endpoint=ep))
            text = "; ".join(f"[{f.code}/{f.source}] {f.message[:70]}" for f in found) or "（无发现）"
            lines.append(f"- {label}（{secs:.0f} 秒）：{text}")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--endpoint", help="端点配置名")
    ap.add_argument("--base-url", help="OpenAI 兼容端点地址（代替 --endpoint）")
    ap.add_argument("--model", default="local")
    ap.add_argument("--mode", default="TOOLS")
    args = ap.parse_args()
    endpoint = args.endpoint
    if args.base_url:
        from assistant.llm import Endpoint

        endpoint = Endpoint(name="side", base_url=args.base_url, model=args.model, mode=args.mode, timeout=600,
                           concurrency=1, max_retries=2, max_tokens=1024)
    for line in run(endpoint):
        print(line, flush=True)


if __name__ == "__main__":
    main()
