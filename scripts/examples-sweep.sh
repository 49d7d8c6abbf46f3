#!/usr/bin/env bash
# Runs gotlc on every model of a tlaplus/Examples checkout whose recorded TLC
# run (specifications/*/manifest.json, mode "exhaustive search") takes at most
# a minute, with the Examples CI's flags (-workers 1 -lncheck final -cleanup,
# the community modules and the TLAPS library on the module path), and prints
# one table comparing result, distinct and total states and depth with TLC's
# record, the totals, and the failures grouped by their first error line.
#
#   scripts/examples-sweep.sh EXAMPLES_DIR [COMMUNITY_DIR [TLAPS_DIR]] [flags]
#   scripts/examples-sweep.sh /work/ext/Examples /work/ext/CommunityModules/modules /work/ext/tlapm/library -j 2
#
# Flags (after the directories; internal/examplesweep has them all):
#   -j N             models run at once (default 1; the machine is small)
#   -only a,b        run only the models whose name contains a or b
#                    (names are the .cfg paths without specifications/ and .cfg)
#   -failures        print only the rows that do not agree
#   -list            list the selected models and stop
#   -timeout-factor F, -min-timeout D   timeout per model: F x TLC's recorded
#                    runtime, at least D (default 3 and 60s)
# The examples are only read; nothing of them is copied into this repository.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ]; then
  sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
args=(-examples "$1"); shift
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then args+=(-community "$1"); shift; fi
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then args+=(-tlaps "$1"); shift; fi
bin=$(mktemp -d "${TMPDIR:-/tmp}/examples-sweep.XXXXXX")
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/gotlc" ./cmd/gotlc
go build -o "$bin/examplesweep" ./internal/examplesweep
"$bin/examplesweep" "${args[@]}" -gotlc "$bin/gotlc" "$@"
