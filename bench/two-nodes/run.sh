#!/usr/bin/env bash
# Two nodes + nginx on PostgreSQL (deploy/two-nodes.sh, Release), a board open on node B, 100 changes through node A's API:
# the time from A's publish to the card in B's DOM. See README.md.
#   bench/two-nodes/run.sh [changes=100]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
# The browser driver of bench/live-latency, installed there once.
[ -d "$root/bench/live-latency/node_modules/playwright-core" ] || (cd "$root/bench/live-latency" && npm install --no-audit --no-fund --silent)
dotnet build "$root/LiveOrders.Web" -c Release -nologo -v quiet
node "$here/bench.mjs" "$root" "$@"
