"""Packaging beyond pyproject.toml: the data folders at the top of the repository ship inside the package,
``prompts/`` as ``assistant.prompts`` and ``schemas/`` as ``assistant.jsonschemas`` (read them with
importlib.resources). Everything else is declared in pyproject.toml."""

from setuptools import find_namespace_packages, setup

DATA_DIRS = {"assistant.prompts": "prompts", "assistant.jsonschemas": "schemas"}

setup(packages=[*find_namespace_packages(include=["assistant", "assistant.*"], exclude=["*.__pycache__"]),
                *DATA_DIRS],
      package_dir=DATA_DIRS)
