"""The web page (gradio). Import :func:`launch` lazily: gradio is not needed by the rest of the package."""

from __future__ import annotations

LOCALHOST = "127.0.0.1"


def parse_login(text: str | None) -> tuple[str, str] | None:
    """``user:pass`` → ``(user, pass)``; ``None`` when login is off."""
    if not text:
        return None
    user, sep, password = text.partition(":")
    if not sep or not user or not password:
        raise ValueError("--login 的格式应为 用户名:密码")
    return user, password


def launch(host: str = LOCALHOST, port: int = 7860, login: str | None = None, *, block: bool = True) -> object:
    """Start the page on ``host:port``; never a share link. Returns the Blocks app."""
    from assistant.parse.load import max_bytes
    from assistant.ui.app import CSS, TITLE, build_app, theme
    from assistant.ui.limits import upload_guard_js

    demo = build_app()
    auth = parse_login(login)
    demo.launch(server_name=host, server_port=port, share=False, auth=auth, inbrowser=False,
                auth_message=f"{TITLE}：请输入用户名和密码" if auth else None,
                max_file_size=max_bytes(), theme=theme(), css=CSS, footer_links=[],
                js=upload_guard_js(max_bytes()),
                prevent_thread_lock=not block, show_error=True, quiet=False, mcp_server=False,
                ssr_mode=False, pwa=False, enable_monitoring=False, run_history=False)
    return demo
