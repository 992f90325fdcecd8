# 绩效目标助手 — the two commands of the README, and the helpers they use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run review test lint typecheck wheel-check bench eval schemas clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dev,llm,ui]'
	touch $(STAMP)

run: $(STAMP)
	GRADIO_ANALYTICS_ENABLED=False $(VENV)/bin/jixiao ui

review: $(STAMP)
	$(VENV)/bin/jixiao review

test: $(STAMP)
	$(VENV)/bin/ruff check assistant tests bench evals
	$(VENV)/bin/mypy
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check assistant tests bench evals

eval: $(STAMP)
	$(VENV)/bin/jixiao eval --backend all --gate --out build/eval

typecheck: $(STAMP)
	$(VENV)/bin/mypy

wheel-check: $(STAMP)
	bash .ci/wheel_stage.sh

bench: $(STAMP)
	$(PY) -m bench

schemas: $(STAMP)
	$(PY) -m assistant.schemas --out schemas

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
