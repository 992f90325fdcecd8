"""起草 tab: the chat beside the editable indicator grid, rewrites, grounding, downloads and saved drafts."""

from __future__ import annotations

import gradio as gr

from assistant.ui import draft_session
from assistant.ui.downloads import click_download_js
from assistant.ui.draft_handlers import PICK_ROW, DraftHandlers, new_state, welcome
from assistant.ui.rows import DRAFT_COLUMNS
from assistant.ui.store import DraftStore


def build(store: DraftStore, endpoint: gr.Dropdown, totals: gr.State, demo: gr.Blocks) -> None:
    """Lay out the tab and wire its events inside the current Blocks context."""
    h = DraftHandlers(store)
    state = gr.State(new_state())
    with gr.Row():
        with gr.Column(scale=2, min_width=360):
            chatbot = gr.Chatbot(value=welcome(), label="对话", height=460, elem_id="draft-chat",
                                 buttons=["copy"], feedback_options=None)
            message = gr.Textbox(label="描述项目或回答问题", lines=3, elem_id="draft-input",
                                 placeholder="例如：为全区 120 所中小学更新教室照明，预算 350 万元，受益学生约 6 万人……")
            with gr.Row():
                send = gr.Button("发送", variant="primary", elem_id="draft-send")
                force = gr.Button("直接起草", elem_id="draft-generate")
                fresh = gr.Button("新建草稿", elem_id="draft-new")
            with gr.Row():
                drafts = gr.Dropdown(choices=[], label="我的草稿（自动保存）", scale=3, elem_id="draft-list",
                                     allow_custom_value=True)
                reopen = gr.Button("打开", scale=1, elem_id="draft-open")
        with gr.Column(scale=3, min_width=480):
            grid = gr.Dataframe(headers=DRAFT_COLUMNS, column_count=len(DRAFT_COLUMNS), interactive=True,
                                label="绩效指标表（可直接修改，改动后立即重新检查）", wrap=True,
                                elem_id="draft-grid", type="array", max_height=520,
                                column_widths=["8%", "9%", "16%", "6%", "9%", "6%", "9%", "10%", "9%", "18%"])
            notes = gr.Markdown(elem_id="draft-notes")
            with gr.Row():
                xlsx = gr.Button("下载 Excel（列式）", elem_id="draft-xlsx")
                docx = gr.Button("下载 Word", elem_id="draft-docx")
            file = gr.File(label="下载文件（点击文件名下载）", interactive=False, visible=False, elem_id="draft-file")
            with gr.Column(variant="panel"):
                row_no = gr.Number(label="当前行", value=0, precision=0, minimum=0, visible=False, elem_id="draft-row")
                rewrite_md = gr.Markdown(PICK_ROW, elem_id="draft-rewrite-head")
                options = gr.Radio(choices=[], label="改写建议", elem_id="draft-options")
                apply = gr.Button("采用所选改写", elem_id="draft-apply")
            grounding = gr.Markdown(elem_id="draft-grounding")
    chat_outputs = [chatbot, message, grid, state, grounding, notes, file, totals]
    turn = dict(outputs=chat_outputs, concurrency_limit=4)
    gr.on([send.click, message.submit], h.chat, [message, state, endpoint, totals, grid],
          api_name="chat", **turn).then(h.list_drafts, [state], drafts, api_name="list_drafts")
    force.click(h.generate, [state, endpoint, totals, grid], api_name="generate", **turn).then(
        h.list_drafts, [state], drafts, api_visibility="private")
    grid.input(h.recheck, [grid, state], [grid, notes, file, state], api_name="recheck",
               show_progress="hidden", trigger_mode="always_last")
    grid.select(h.select_row, None, row_no, api_name="select_row", api_visibility="private",
                show_progress="hidden").then(
        h.rewrite_options, [grid, row_no, state, endpoint, totals], [options, rewrite_md, state, totals],
        api_name="rewrite_options")
    apply.click(h.apply_rewrite, [grid, row_no, options, state],
                [grid, notes, file, state, options], api_name="apply_rewrite")
    reopen.click(h.open_draft, [drafts], [chatbot, grid, state, grounding, notes, file], api_name="open_draft")
    gr.on([fresh.click, chatbot.clear], h.new_draft, None,
          [chatbot, grid, state, grounding, notes, file, options, rewrite_md], api_name="new_draft")
    for button, fmt in ((xlsx, "xlsx"), (docx, "docx")):
        button.click(h.download(fmt), [grid, state], file, api_name=f"download_{fmt}").success(
            None, js=click_download_js("draft-file"))
    demo.load(h.list_drafts, [state], drafts, api_name="load_drafts")
    draft_session.keep_in_url(demo, h, state, [chatbot, grid, state, grounding, notes, file], drafts)
