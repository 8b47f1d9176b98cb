#!/usr/bin/env bash
# The test command: installs what the tests need, builds, runs every test project, and prints one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh --tests
dotnet build Pipeline.sln -c Release
log=$(mktemp)
status=0
dotnet test Pipeline.sln -c Release --no-build 2>&1 | tee "$log" || status=$?
awk '/(Passed|Failed)! +- +Failed:/ {
       gsub(",", ""); f += $4; p += $6; s += $8
     }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit $status
