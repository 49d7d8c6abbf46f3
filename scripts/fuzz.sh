#!/usr/bin/env bash
# Runs every Go fuzz target of the repository for the given time each.
set -euo pipefail
cd "$(dirname "$0")/.."
t="${1:-60s}"
found=0
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for f in $(grep -lE '^func Fuzz[A-Za-z0-9_]*\(' "$dir"/*_test.go 2>/dev/null || true); do
    for target in $(grep -oE '^func Fuzz[A-Za-z0-9_]*' "$f" | sed 's/^func //'); do
      found=1
      echo "== $pkg $target ($t)"
      go test -run '^$' -fuzz "^${target}\$" -fuzztime "$t" -fuzzminimizetime 10s "$pkg"
    done
  done
done
[ "$found" = 1 ] || { echo "fuzz: no fuzz targets found" >&2; exit 1; }
