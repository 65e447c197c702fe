#!/usr/bin/env bash
# Create .venv and install baomi with everything it needs (idempotent; fast when up to date).
# Usage: scripts/bootstrap.sh [--dev]   (--dev adds the test tools and the system packages tests use)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
dev=0; [ "${1:-}" = "--dev" ] && dev=1

if [ ! -x .venv/bin/python ]; then
  echo "==> 创建虚拟环境 .venv"
  "$PY" -m venv .venv
fi
extra=""; stamp=".venv/.baomi-installed"
if [ $dev = 1 ]; then extra="[dev]"; stamp="$stamp-dev"; fi
want=$(cat pyproject.toml setup.py | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "==> 安装 baomi 及其依赖到 .venv"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".${extra}"
  echo "$want" > "$stamp"
fi

if [ $dev = 1 ]; then
  # Browser tests use Debian's Chromium (never `playwright install`); CJK fonts for screenshots;
  # LibreOffice converts the generated .docx to PDF in the document tests and in `baomi export`.
  need=()
  [ -x /usr/bin/chromium ] || need+=(chromium)
  [ -d /usr/share/fonts/opentype/noto ] || need+=(fonts-noto-cjk)
  command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
  # baomi export and the pledge layout tests: poppler reads the PDFs back; free 楷/明 faces stand in for the office fonts
  command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
  [ -f /usr/share/fonts/truetype/arphic/ukai.ttc ] || need+=(fonts-arphic-ukai)
  [ -f /usr/share/fonts/truetype/arphic/uming.ttc ] || need+=(fonts-arphic-uming)
  if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "==> 安装系统软件包：${need[*]}"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >/dev/null
      apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    else
      echo "提示：缺少系统软件包 ${need[*]}，请用 sudo apt-get install ${need[*]} 安装" >&2
    fi
  fi
fi
