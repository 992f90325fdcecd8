"""设置 tab: the model endpoint (or the rules), a connection probe, and what this session has used."""

from __future__ import annotations

from typing import Any

import gradio as gr

from assistant.ui import services, usage
from assistant.ui.rows import esc

ABOUT_RULES = ("当前使用**规则引擎**：不调用任何模型，不联网，结果即时且每次相同。起草时给出模板指标和相似项目的取值，"
               "需要您填写的数字用【待填】占位。")


def describe(name: str) -> str:
    """The chosen endpoint as Markdown, without its key."""
    try:
        found = services.endpoint(name)
    except services.UserError as err:
        return f"端点配置有误：{esc(services.message(err))}"
    if found is None:
        return ABOUT_RULES
    data = found.public()
    keep = ("name", "base_url", "model", "mode", "api_key", "concurrency", "price_input_per_1k",
            "price_output_per_1k", "currency", "note")
    labels = {"name": "名称", "base_url": "地址", "model": "模型", "mode": "结构化输出方式", "api_key": "API 密钥",
              "concurrency": "并发", "price_input_per_1k": "输入单价（每千 tokens）",
              "price_output_per_1k": "输出单价（每千 tokens）", "currency": "币种", "note": "说明"}
    return "\n".join(f"- {labels[k]}：{esc(data.get(k))}" for k in keep if data.get(k) not in (None, ""))


def probe(name: str) -> str:
    """Ask the endpoint which structured-output modes it honours."""
    if services.endpoint(name) is None:
        return "规则引擎不需要测试连接。"
    try:
        results = services.probe(name)
    except Exception as err:  # noqa: BLE001 - shown to the user with what to do next
        return f"连接失败：{esc(err)}\n\n请检查地址、模型名和密钥（环境变量），或改用规则引擎。"
    from assistant.llm.probe import best_mode

    lines = []
    for r in results:
        state = ("可用（一次成功）" if r.first_try else "可用（重试后成功）") if r.ok else f"不可用：{esc(str(r.error)[:120])}"
        lines.append(f"- {r.mode}：{state}，{r.seconds:.1f} 秒")
    best = best_mode(results)
    head = f"推荐的结构化输出方式：**{best}**" if best else "**没有一种结构化输出方式可用**，请换模型或端点。"
    return head + "\n\n" + "\n".join(lines)


def build(endpoint: gr.Dropdown, totals: gr.State) -> None:
    """Lay out the tab and wire its events; ``endpoint`` is rendered here."""
    from assistant.llm.endpoints import config_path

    with gr.Row():
        with gr.Column(scale=2):
            endpoint.render()
            details = gr.Markdown(describe(endpoint.value), elem_id="settings-endpoint")
            check = gr.Button("测试连接", elem_id="settings-probe")
            result = gr.Markdown(elem_id="settings-probe-result")
        with gr.Column(scale=1):
            shown = gr.Markdown(usage.totals_markdown(None), elem_id="settings-usage")
            gr.Markdown("每条助手回复下方都注明了由哪个模型（或规则引擎）回答、用了多少 tokens、花费多少。"
                        f"端点在配置文件 {esc(config_path())} 中设置，密钥只从环境变量读取。")
    endpoint.change(describe, endpoint, details, api_name="endpoint_details")
    check.click(probe, endpoint, result, api_name="probe")
    totals.change(usage.totals_markdown, totals, shown, api_name="usage_totals")


def endpoint_dropdown() -> gr.Dropdown:
    return gr.Dropdown(choices=services.endpoint_choices(), value=services.default_endpoint(), label="模型端点",
                       render=False, elem_id="settings-endpoint-choice",
                       info="选“规则引擎”则完全离线；选模型端点则起草、改写和语义审核由模型完成、规则校验。")


def totals_state() -> Any:
    return gr.State(usage.empty())
