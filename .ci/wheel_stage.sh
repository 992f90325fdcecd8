#!/usr/bin/env bash
# CI stage: build the wheel, install it (not editable) into a fresh venv, run the test suite against the
# installed package from a folder outside the checkout, and run `jixiao review`, `suggest` and `rewrite`
# (the latter two against a loopback scripted endpoint) from that folder.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-python3}"
WORK="$(mktemp -d /tmp/jixiao-wheel-XXXXXX)"
started=$(date +%s)
step() { echo "== wheel stage: $* ($(( $(date +%s) - started )) s)"; }
server_pid=""
cleanup() { if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi; rm -rf "$WORK"; }
trap cleanup EXIT

step "build the wheel"
rm -rf "$ROOT/build/lib"
"$PYTHON" -m pip wheel -q --disable-pip-version-check --no-deps -w "$WORK/dist" "$ROOT"
WHEEL="$(ls "$WORK"/dist/jixiao_assistant-*.whl)"
git -C "$ROOT" ls-files assistant prompts schemas | "$PYTHON" -c '
import sys, zipfile
shipped = set(zipfile.ZipFile(sys.argv[1]).namelist())
moved = {"prompts/": "assistant/prompts/", "schemas/": "assistant/jsonschemas/"}
missing = [f for f in sys.stdin.read().split() if next((v + f[len(k):] for k, v in moved.items() if f.startswith(k)), f)
           not in shipped]
print("files of the checkout missing from the wheel:", *missing, sep="\n  ") if missing else None
sys.exit(1 if missing else 0)' "$WHEEL"

step "install $(basename "$WHEEL") into a fresh venv"
"$PYTHON" -m venv "$WORK/venv"
VPY="$WORK/venv/bin/python"
"$VPY" -m pip install -q --disable-pip-version-check "$WHEEL[llm,ui,dev]"

OUT="$WORK/elsewhere"
mkdir -p "$OUT"
cd "$OUT"
export JIXIAO_HOME="$WORK/home" GRADIO_ANALYTICS_ENABLED=False
"$VPY" - <<'PY'
import assistant, assistant.paths as p
assert "site-packages" in assistant.__file__, assistant.__file__
assert (p.packaged("prompts") / "suggest.md").is_file() and (p.packaged("jsonschemas") / "table.schema.json").is_file()
print("assistant from", assistant.__file__)
PY
"$VPY" -m assistant.schemas --check

step "test suite against the installed package (from $OUT)"
ln -s "$ROOT/evals" "$OUT/evals"
ln -s "$ROOT/bench" "$OUT/bench"
ln -s "$ROOT/tests" "$OUT/tests"
"$VPY" -m pytest "$ROOT/tests" -q -x -p no:cacheprovider --rootdir "$ROOT" ${WHEEL_PYTEST_ARGS:-}

step "jixiao review / suggest / rewrite from $OUT"
J="$WORK/venv/bin/jixiao"
"$J" review --format json -o review.json && test -s review.json
"$J" review "$ROOT/assistant/data/gz-gongxinju-2023.txt" --policy central --format md -o review.md && test -s review.md
if "$J" eval 2> eval.err; then echo "jixiao eval should say it is a checkout tool" >&2; exit 1; fi
grep -q "checkout tool" eval.err
"$VPY" "$ROOT/.ci/scripted_endpoint.py" > endpoint.url &
server_pid=$!
for _ in $(seq 50); do [ -s endpoint.url ] && break; sleep 0.1; done
export JIXIAO_BASE_URL="$(cat endpoint.url)" JIXIAO_MODEL=scripted-model JIXIAO_MODE=TOOLS JIXIAO_CACHE=off
"$J" suggest --name "2024年中小企业经营管理人员培训" --goal "举办专题研修班" --amount 80 --json > suggest.json
"$VPY" -c "import json; d = json.load(open('suggest.json')); assert d['backend'] == 'model' and d['indicators'], d"
"$J" rewrite "政策知晓度，年度指标值：进一步提高" --json > rewrite.json
"$VPY" -c "import json; d = json.load(open('rewrite.json')); assert d['backend'] == 'model' and d['options'], d"
"$J" review --llm --format json -o review-llm.json
"$VPY" -c "import json; d = json.load(open('review-llm.json')); assert d['rewrites'] and not d['errors'], d['errors']"
step "done"
