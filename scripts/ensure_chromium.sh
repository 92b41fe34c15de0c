#!/usr/bin/env bash
# Make sure Debian's Chromium is installed for the browser tests, and Debian's Open Sans
# (fonts-open-sans) for the test that rebuilds the map's glyph files (make glyphs).
set -euo pipefail
browser="${DASHBOARD_CHROMIUM:-/usr/bin/chromium}"
font="/usr/share/fonts/truetype/open-sans/OpenSans-Regular.ttf"
packages=()
[ -x "$browser" ] || packages+=(chromium)
[ -f "$font" ] || packages+=(fonts-open-sans)
if [ "${#packages[@]}" = "0" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing ${packages[*]} for the tests (apt-get install ${packages[*]})…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
  exit 0
fi
if [ ! -f "$font" ]; then
  echo "The glyph rebuild test needs Open Sans at $font (skipped without it, except under CI)." >&2
  echo "Install it with: sudo apt-get install fonts-open-sans" >&2
fi
if [ ! -x "$browser" ]; then
  echo "The browser tests need Chromium at $browser." >&2
  echo "Install it with: sudo apt-get install chromium   (or set DASHBOARD_CHROMIUM)" >&2
  exit 1
fi
