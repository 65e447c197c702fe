#!/usr/bin/env bash
# Run the whole test suite, browser tests included (installs what it needs first).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh --dev
exec .venv/bin/python -m pytest "$@"
