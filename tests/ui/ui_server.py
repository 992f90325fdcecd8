"""Start ``jixiao ui`` in a subprocess on 127.0.0.1 and a free port, with its own JIXIAO_HOME and no model
endpoint configured."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    home: Path
    port: int
    proc: subprocess.Popen
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


def start(home: Path, *, login: str | None = None, port: int | None = None, timeout: float = 90,
          env: dict[str, str] | None = None) -> Server:
    """Run the server and wait until it answers; raise with its log if it does not."""
    port = port or free_port()
    extra = env
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "GRADIO_"))}
    env |= {"JIXIAO_HOME": str(home), "JIXIAO_CONFIG": str(home / "no-endpoints.toml"),
            "GRADIO_ANALYTICS_ENABLED": "False", "GRADIO_TEMP_DIR": str(home / "gradio-tmp"),
            "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost", "PYTHONUNBUFFERED": "1"}
    env |= extra or {}
    home.mkdir(parents=True, exist_ok=True)
    log = home / f"server-{port}.log"
    args = [sys.executable, "-m", "assistant.cli", "ui", "--host", "127.0.0.1", "--port", str(port)]
    if login:
        args += ["--login", login]
    with log.open("wb") as out:
        proc = subprocess.Popen(args, cwd=home, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(home, port, proc, log)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with opener.open(server.url, timeout=2):
                return server
        except OSError:
            time.sleep(0.3)
    server.stop()
    raise RuntimeError(f"server did not answer within {timeout} s:\n{log.read_text(errors='replace')}")
