#!/usr/bin/env bash
# Installs Debian's Chromium, which the HTML audit test of switchboard-cli
# (switchboard-cli/tests/html.rs) drives headless. Called from .ci/run; safe to run again.
set -euo pipefail

if command -v chromium >/dev/null 2>&1; then
    echo "install-chromium: $(chromium --version 2>/dev/null || echo chromium) already installed"
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# With the recommended packages: the fonts a screenshot needs come with them.
apt-get install -y -qq chromium >/dev/null
echo "install-chromium: $(chromium --version 2>/dev/null || echo 'chromium installed')"
