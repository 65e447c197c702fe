#!/usr/bin/env bash
# Build the intranet handbook from policies/ into site/ (installs what it needs into .venv first).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
exec .venv/bin/baomi build "$@"
