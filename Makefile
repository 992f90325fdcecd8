# 绩效目标助手 — the two commands of the README, and the helpers they use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed


.PHONY: browser run review test lint typecheck wheel-check bench eval schemas clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --upgrade pip
	$(PY) -m pip install -q --disable-pip-version-check -e '.[dev,llm,ui]'
	touch $(STAMP)

run: $(STAMP)
	GRADIO_ANALYTICS_ENABLED=False $(VENV)/bin/jixiao ui

review: $(STAMP)
	$(VENV)/bin/jixiao review

# The browser tests need Debian chromium and a CJK font: install them (as root) or stop with a clear message.
browser:
	@command -v chromium >/dev/null && [ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "== 安装 Debian chromium 与中文字体（浏览器与 PDF 测试需要）"; \
	    apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
	      --no-install-recommends chromium fonts-wqy-microhei >/dev/null; \
	  else \
	    echo "浏览器测试需要 Debian chromium 与 fonts-wqy-microhei：请运行 sudo apt-get install chromium fonts-wqy-microhei" >&2; \
	    echo "The browser tests need Debian chromium and fonts-wqy-microhei: sudo apt-get install them." >&2; \
	    exit 1; \
	  fi; }

test: $(STAMP) browser
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
