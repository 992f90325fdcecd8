"""The gradio Blocks app: four tabs over one endpoint choice, one session's usage and one draft store."""

from __future__ import annotations

import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402

from assistant.ui import draft_tab, office_tab, review_tab, settings_tab  # noqa: E402
from assistant.ui.store import DraftStore  # noqa: E402

TITLE = "绩效目标助手"
CSS = """
#draft-grid td, #review-findings td { white-space: pre-wrap; }
"""
FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei",
         "system-ui", "sans-serif"]


def theme() -> gr.themes.Base:
    """The default theme with system fonts only, so the page loads no font from any other address."""
    return gr.themes.Default(font=FONTS, font_mono=["ui-monospace", "Consolas", "monospace"])


def build_app(store: DraftStore | None = None) -> gr.Blocks:
    store = store or DraftStore()
    with gr.Blocks(title=TITLE, analytics_enabled=False, fill_width=True, delete_cache=(3600, 86400)) as demo:
        gr.Markdown(f"## {TITLE}\n项目支出绩效目标表：起草、审核、改写。规则引擎离线即时可用；模型端点在“设置”页选择。")
        endpoint = settings_tab.endpoint_dropdown()
        totals = settings_tab.totals_state()
        with gr.Tabs():
            with gr.Tab("起草", id="draft", elem_id="tab-draft"):
                draft_tab.build(store, endpoint, totals, demo)
            with gr.Tab("审核", id="review", elem_id="tab-review"):
                review_tab.build(endpoint, totals)
            with gr.Tab("批量审核", id="office", elem_id="tab-office"):
                office_tab.build(demo)
            with gr.Tab("设置与用量", id="settings", elem_id="tab-settings"):
                settings_tab.build(endpoint, totals)
    demo.queue(default_concurrency_limit=4)
    return demo
