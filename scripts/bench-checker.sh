#!/usr/bin/env bash
# make bench-checker: gotlc against TLC on the same models, back to back in one
# run, each with $WORKERS workers (default 2). For every model it prints the
# distinct states, depth, wall time, distinct states per second and peak RSS
# of each checker and the ratios gotlc/TLC (wall time and RSS: below 1 means
# gotlc is faster / smaller). TLC runs only when TLA2TOOLS names tla2tools.jar
# and java is installed; then the distinct counts and depths must agree.
#
#   TLA2TOOLS=/tmp/tlc/tla2tools.jar make bench-checker
#   MODELS=treiber,filterlock WORKERS=1 bash scripts/bench-checker.sh
#   TLC_FIRST=1 ...   runs TLC before gotlc on each model (load drifts on a
#                     shared machine: run both orders and compare)
#
# MODELS selects among: allocator (tla/MCAllocatorLarge.cfg, ~10^6 states),
# filterlock (FilterLock4.cfg, ~3x10^5), treiber (TreiberBig.cfg, ~2x10^5),
# livetwoslabs (tla/MCLiveTwoSlabs.cfg, a liveness model: 26282 states, the
# behaviour graph and its fair-cycle search included; the property fails).
# The machine should be otherwise quiet; on a shared machine compare ratios
# from one run, not absolute times.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
WORKERS=${WORKERS:-2}
MODELS=${MODELS:-allocator,filterlock,treiber,livetwoslabs}
out=$(mktemp -d "${TMPDIR:-/tmp}/bench-checker.XXXXXX")
trap 'rm -rf "$out"' EXIT

# GOTLC names a built gotlc (make bench-checker passes bin/gotlc); else build one.
if [ -n "${GOTLC:-}" ]; then
  cp "$GOTLC" "$out/gotlc"
else
  go build -o "$out/gotlc" ./cmd/gotlc
fi

have_tlc=0
if [ -n "${TLA2TOOLS:-}" ] && [ -f "$TLA2TOOLS" ] && command -v java >/dev/null; then
  have_tlc=1
else
  echo "TLA2TOOLS not set (or java missing): running gotlc only." >&2
fi

# model name -> directory, spec, cfg
spec_of() {
  case "$1" in
    allocator) echo "tla MCAllocator.tla MCAllocatorLarge.cfg" ;;
    filterlock) echo "gotlc/testdata/corpus/filterlock FilterLock.tla FilterLock4.cfg" ;;
    treiber) echo "gotlc/testdata/corpus/treiber Treiber.tla TreiberBig.cfg" ;;
    livetwoslabs) echo "tla MCAllocatorLiveness.tla MCLiveTwoSlabs.cfg -lncheck final -noGenerateSpecTE" ;;
    *) echo "unknown model $1" >&2; exit 2 ;;
  esac
}

# run NAME LOG DIR CMD...: runs CMD in DIR under /usr/bin/time, leaves the
# output in LOG and "wall_seconds peak_kb" in LOG.time.
run() {
  local log=$1 dir=$2
  shift 2
  (cd "$dir" && /usr/bin/time -f "%e %M" -o "$log.time" "$@" >"$log" 2>&1) || true
}

distinct_of() { grep -Eo '^[0-9]+ states generated, [0-9]+ distinct' "$1" | tail -1 | awk '{print $4}'; }
depth_of() { grep -Eo 'depth of the complete state graph search is [0-9]+' "$1" | tail -1 | awk '{print $NF}'; }

rows=()
status=0
IFS=, read -r -a names <<<"$MODELS"
for name in "${names[@]}"; do
  # extra: flags for both checkers (-lncheck final: TLC checks liveness once
  # at the end, as gotlc does, so both explore the whole state space;
  # -noGenerateSpecTE: TLC writes no trace spec into tla/ for the lasso).
  read -r dir spec cfg extra <<<"$(spec_of "$name")"
  echo "== $name: $dir/$cfg ($WORKERS workers)" >&2
  run_tlc() {
    mkdir -p "$out/meta-$name"
    run "$out/$name.tlc" "$root/$dir" java -XX:+UseParallelGC -cp "$TLA2TOOLS" tlc2.TLC \
      -workers "$WORKERS" -metadir "$out/meta-$name" -config "$cfg" ${extra:-} "$spec"
  }
  if [ "$have_tlc" = 1 ] && [ -n "${TLC_FIRST:-}" ]; then run_tlc; fi
  run "$out/$name.gotlc" "$root/$dir" "$out/gotlc" -workers "$WORKERS" -config "$cfg" ${extra:-} "$spec"
  if [ "$have_tlc" = 1 ] && [ -z "${TLC_FIRST:-}" ]; then run_tlc; fi
  read -r g_wall g_kb < <(tail -1 "$out/$name.gotlc.time")
  g_dist=$(distinct_of "$out/$name.gotlc"); g_depth=$(depth_of "$out/$name.gotlc")
  if [ -z "$g_dist" ]; then
    echo "gotlc failed on $name:" >&2; tail -20 "$out/$name.gotlc" >&2; status=1; continue
  fi
  row="$name gotlc $g_dist $g_depth $g_wall $g_kb"
  rows+=("$row")
  if [ "$have_tlc" = 1 ]; then
    read -r t_wall t_kb < <(tail -1 "$out/$name.tlc.time")
    t_dist=$(distinct_of "$out/$name.tlc"); t_depth=$(depth_of "$out/$name.tlc")
    if [ -z "$t_dist" ]; then
      echo "TLC failed on $name:" >&2; tail -20 "$out/$name.tlc" >&2; status=1; continue
    fi
    rows+=("$name tlc $t_dist $t_depth $t_wall $t_kb")
    if [ "$t_dist" != "$g_dist" ] || [ "$t_depth" != "$g_depth" ]; then
      echo "MISMATCH on $name: gotlc $g_dist states depth $g_depth, TLC $t_dist depth $t_depth" >&2
      status=1
    fi
  fi
done

printf '%s\n' "${rows[@]}" | awk -v workers="$WORKERS" '
  BEGIN {
    printf "%-11s %-6s %10s %6s %9s %12s %9s %11s %10s\n", "model", "tool", "distinct", "depth", "wall s", "states/s", "RSS MiB", "wall ratio", "RSS ratio"
  }
  {
    m = $1; tool = $2; d = $3; dep = $4; w = $5; kb = $6
    rate = (w > 0) ? d / w : 0
    line[NR] = sprintf("%-11s %-6s %10d %6d %9.1f %12.0f %9.0f", m, tool, d, dep, w, rate, kb / 1024)
    if (tool == "gotlc") { gw[m] = w; gk[m] = kb; gi[m] = NR }
    else { tw[m] = w; tk[m] = kb }
    mod[NR] = m; tl[NR] = tool
  }
  END {
    for (i = 1; i <= NR; i++) {
      r = line[i]
      if (tl[i] == "gotlc" && (mod[i] in tw) && tw[mod[i]] > 0)
        r = r sprintf(" %11.2f %10.2f", gw[mod[i]] / tw[mod[i]], gk[mod[i]] / tk[mod[i]])
      print r
    }
    printf "(%d workers; ratios are gotlc/TLC, below 1 = gotlc faster or smaller)\n", workers
  }'
exit $status
