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


def launch(host: str = LOCALHOST, port: int = 7860, login: str | None = None, *, block: bool = True,
           allow_remote_without_login: bool = False, user_header: str | None = None) -> object:
    """Start the page on ``host:port``; never a share link. Returns the Blocks app.

    Login is on when the users file has accounts, ``login`` gives one, or ``user_header`` names the
    reverse proxy's user header. A non-loopback ``host`` without login is refused unless
    ``allow_remote_without_login``, and then warned about loudly."""
    import os
    import sys

    from starlette.middleware import Middleware

    from assistant.parse.load import max_bytes
    from assistant.ui.app import CSS, TITLE, build_app, theme
    from assistant.ui.auth import (
        REMOTE_REFUSED,
        REMOTE_WARNING,
        Accounts,
        OwnerCookie,
        header_user,
        is_loopback,
    )
    from assistant.ui.draft_session import CONNECTION_NOTICE_JS
    from assistant.ui.limits import upload_guard_js

    accounts = Accounts(extra=parse_login(login))
    auth = accounts.login if accounts and not user_header else None
    if auth is None and not user_header and not is_loopback(host):
        if not allow_remote_without_login:
            raise SystemExit(REMOTE_REFUSED.format(host=host))
        print("\n" + "!" * 72 + "\n" + REMOTE_WARNING.format(host=host) + "\n" + "!" * 72 + "\n",
              file=sys.stderr, flush=True)
    # gradio's queue rebuilds a pandas summary of its last 10,000 events after every event, for a
    # monitoring page this app turns off (enable_monitoring=False); under load that held the server's
    # interpreter for a tenth of its time. Keep one event and summarise never.
    os.environ.setdefault("GRADIO_ANALYTICS_MAX_EVENTS", "1")
    os.environ.setdefault("GRADIO_ANALYTICS_CACHE_FREQUENCY", str(2**31))
    demo = build_app()
    demo.launch(server_name=host, server_port=port, share=False, auth=auth, inbrowser=False,
                auth_dependency=header_user(user_header) if user_header else None,
                auth_message=f"{TITLE}：请输入用户名和密码" if auth else None,
                app_kwargs={"middleware": [Middleware(OwnerCookie)]},
                max_file_size=max_bytes(), theme=theme(), css=CSS, footer_links=[],
                js=f"() => {{ ({upload_guard_js(max_bytes()).strip()})(); ({CONNECTION_NOTICE_JS.strip()})(); }}",
                prevent_thread_lock=not block, show_error=True, quiet=False, mcp_server=False,
                ssr_mode=False, pwa=False, enable_monitoring=False, run_history=False)
    return demo
