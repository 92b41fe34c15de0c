#!/usr/bin/env bash
# Make sure Debian's Chromium is installed for the browser tests.
set -euo pipefail
browser="${DASHBOARD_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$browser" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Chromium for the browser tests (apt-get install chromium)…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The browser tests need Chromium at $browser." >&2
echo "Install it with: sudo apt-get install chromium   (or set DASHBOARD_CHROMIUM)" >&2
exit 1
