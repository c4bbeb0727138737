#!/usr/bin/env bash
# Builds the app in Release, then kills it under load ROUNDS times (default 20). See README.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dotnet build "$root/LiveOrders.Web" -c Release -nologo -v quiet
dotnet run -c Release --project "$here" -- "$root" "$@"
