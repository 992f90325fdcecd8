"""Every folder the product reads or writes outside the table the user names, in one place.

User folders follow the platform (XDG on Linux, via platformdirs). ``$JIXIAO_HOME``, when set, holds all
of them: data in ``$JIXIAO_HOME``, configuration in ``$JIXIAO_HOME/config``, caches in
``$JIXIAO_HOME/cache``. Big machine-wide downloads (the local model, its server wheel, tokenizer
vocabularies) live in the platform's folders whatever ``$JIXIAO_HOME`` says, so a throwaway home does not
download them again. The specific overrides ``$JIXIAO_CONFIG``, ``$JIXIAO_CACHE`` and ``$JIXIAO_DATA`` are
read by the modules that own those files. Data that ships with the product (prompts, schemas) is read
from the installed package (``assistant.prompts``, ``assistant.jsonschemas``).
"""

from __future__ import annotations

import os
from importlib.util import find_spec
from pathlib import Path
from typing import Literal

import platformdirs

APP = "jixiao"
Packaged = Literal["prompts", "jsonschemas"]
_CHECKOUT_DIRS: dict[Packaged, str] = {"prompts": "prompts", "jsonschemas": "schemas"}


def _home() -> Path | None:
    value = os.environ.get("JIXIAO_HOME")
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """User data (example library, drafts): ``$JIXIAO_HOME``, else e.g. ``~/.local/share/jixiao``."""
    home = _home()
    return home if home is not None else Path(platformdirs.user_data_dir(APP, appauthor=False))


def config_dir() -> Path:
    """Configuration (``endpoints.toml``): ``$JIXIAO_HOME/config``, else e.g. ``~/.config/jixiao``."""
    home = _home()
    return home / "config" if home is not None else Path(platformdirs.user_config_dir(APP, appauthor=False))


def cache_dir() -> Path:
    """Caches (model answers): ``$JIXIAO_HOME/cache``, else e.g. ``~/.cache/jixiao``."""
    home = _home()
    return home / "cache" if home is not None else Path(platformdirs.user_cache_dir(APP, appauthor=False))


def shared_data_dir() -> Path:
    """Machine-wide downloads kept across homes (local model files): e.g. ``~/.local/share/jixiao``."""
    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def shared_cache_dir() -> Path:
    """Machine-wide build and vocabulary caches kept across homes: e.g. ``~/.cache/jixiao``."""
    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


def packaged(name: Packaged) -> Path:
    """The folder of data shipped in the package (a namespace package, found by its import spec) (``prompts``, ``jsonschemas``); in a source tree that is
    not installed, the repository's ``prompts/`` or ``schemas/``."""
    spec = find_spec(f"assistant.{name}")
    if spec is None or not spec.submodule_search_locations:
        return Path(__file__).resolve().parent.parent / _CHECKOUT_DIRS[name]
    return Path(next(iter(spec.submodule_search_locations)))
