#!/usr/bin/env bash
# Soak: 10 API writers and 10 open boards for an hour (or SECONDS given). See README.md.
#   bench/soak/run.sh [seconds=3600] [writers=10] [boards=10] [window-seconds=300]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
[ -d "$here/node_modules/playwright-core" ] || (cd "$here" && npm install --no-audit --no-fund --silent)
dotnet build "$root/LiveOrders.Web" -c Release -nologo -v quiet
node "$here/soak.mjs" "$root" "$@"
