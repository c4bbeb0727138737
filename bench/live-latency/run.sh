#!/usr/bin/env bash
# Builds the app, then measures live latency on 1, 10 and 50 open boards. See README.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
[ -d "$here/node_modules/playwright-core" ] || (cd "$here" && npm install --no-audit --no-fund --silent)
dotnet build "$root/LiveOrders.Web" -c Release -nologo -v quiet
node "$here/bench.mjs" "$root" "$@"
