#!/usr/bin/env bash
# Runs the same benchmark, in one run on this machine, against a baseline commit and the working tree.
#   bench/live-latency/compare.sh BASELINE_COMMIT [sizes] [changes per size]
# e.g. compare.sh 110aa1d 1,10 20   (110aa1d: the last commit on net9.0 with the previous component library)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
baseline="${1:?baseline commit}"; shift
command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
[ -d "$here/node_modules/playwright-core" ] || (cd "$here" && npm install --no-audit --no-fund --silent)

tree="$(mktemp -d)/baseline"
git -C "$root" worktree add -q --detach "$tree" "$baseline"
trap 'git -C "$root" worktree remove --force "$tree"' EXIT
dotnet build "$tree/LiveOrders.Web" -c Release -nologo -v quiet
dotnet build "$root/LiveOrders.Web" -c Release -nologo -v quiet

echo "=== baseline $(git -C "$root" rev-parse --short "$baseline")"
node "$here/bench.mjs" "$tree" "$@"
echo "=== working tree $(git -C "$root" rev-parse --short HEAD)"
node "$here/bench.mjs" "$root" "$@"
