#!/usr/bin/env bash
# Sets govbench up on a fresh Debian machine and runs the bundled demo:
#   1. npm dependencies (npm ci), and the TypeScript build;
#   2. a working Chromium: Playwright's own if present or downloadable, else Debian's
#      `chromium` package when running as root, else a clear message;
#   3. the demo: the fixture portals served on loopback and crawled into output/.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "npm dependencies"
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi

step "build"
npm run build --silent

step "browser"
if ! node dist/scripts/find-browser.js 2>/dev/null; then
  # Playwright's own browser needs a download; where the network has none this fails fast.
  timeout 180 npx --no-install playwright install chromium >/dev/null 2>&1 || true
fi
if ! node dist/scripts/find-browser.js 2>/dev/null; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
  else
    echo "govbench: no Chromium, and not root on Debian: install one (sudo apt-get install chromium)" >&2
    echo "          or set GOVBENCH_CHROMIUM=/path/to/chrome. Browser checks will be reported as not applicable." >&2
  fi
fi
node dist/scripts/find-browser.js || true

step "demo"
node dist/src/cli.js demo
