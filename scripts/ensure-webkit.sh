#!/usr/bin/env bash
# Installs Debian's WebKitGTK WebDriver (WebKitWebDriver + MiniBrowser) and Xvfb when missing: the
# WebKit flows (tests/webkit) run the engine of every iPhone browser through them.
set -euo pipefail
have() { command -v WebKitWebDriver >/dev/null && command -v Xvfb >/dev/null && ls /usr/lib/*/webkit2gtk-4.1/MiniBrowser >/dev/null 2>&1; }
have && exit 0
echo "Installing Debian webkit2gtk-driver and xvfb for the WebKit tests…"
sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq webkit2gtk-driver xvfb >/dev/null
have
