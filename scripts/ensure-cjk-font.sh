#!/usr/bin/env bash
# Installs Debian's Noto CJK fonts when no Japanese font is present, so screenshots show Japanese
# text instead of empty boxes.
set -euo pipefail
[ -n "$(fc-list :lang=ja 2>/dev/null | head -1)" ] && exit 0
echo "Installing Debian fonts-noto-cjk for the screenshots…"
sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq fonts-noto-cjk >/dev/null
