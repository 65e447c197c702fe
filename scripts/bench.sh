#!/usr/bin/env bash
# Every benchmark in one command: lint, language rules, handbook build and search (prints figures,
# asserts nothing; README, 性能). Browser figures need Chromium, so the dev bootstrap runs first.
# Sizes may be given: scripts/bench.sh 200 2000 (default).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh --dev
sizes=("${@:-200 2000}")
# shellcheck disable=SC2206
sizes=(${sizes[*]})
.venv/bin/python benchmarks/bench_lint.py --sizes "${sizes[@]}"
.venv/bin/python benchmarks/bench_lang.py
.venv/bin/python benchmarks/bench_site.py --sizes "${sizes[@]}"
