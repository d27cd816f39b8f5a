#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser tests.
# Playwright's own browser download does not work on these machines (closed network), so the
# tests drive the system Chromium. Installing it needs root; say so clearly when we are not.
set -euo pipefail
CHROMIUM=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$CHROMIUM" ]; then exit 0; fi
echo "setup-chromium: $CHROMIUM not found; installing Debian's chromium package (about 30 s)…" >&2
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO=sudo; else
    echo "setup-chromium: the browser tests need Chromium, and installing it needs root." >&2
    echo "  Run once as root:  apt-get update && apt-get install -y chromium" >&2
    echo "  or point CHROMIUM_PATH at an installed Chromium." >&2
    exit 1
  fi
else SUDO=; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-chromium: no apt-get here; install Chromium yourself and set CHROMIUM_PATH." >&2
  exit 1
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
[ -x "$CHROMIUM" ] || { echo "setup-chromium: installed, but $CHROMIUM is still missing." >&2; exit 1; }
echo "setup-chromium: $("$CHROMIUM" --version 2>/dev/null || echo chromium) ready." >&2
