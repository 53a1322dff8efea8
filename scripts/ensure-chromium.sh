#!/usr/bin/env bash
# Installs Debian's chromium when no browser for the tests is present (Playwright's own download
# does not work on these machines). Honours CHROMIUM_PATH.
set -euo pipefail
want="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$want" ] && exit 0
ls "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"/chromium-* >/dev/null 2>&1 && exit 0
echo "Installing Debian chromium for the browser tests…"
sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
