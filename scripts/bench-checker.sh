#!/usr/bin/env bash
# make bench-checker: gotlc against TLC on the same models, back to back in one
# run, both with $WORKERS workers (default 2). For every model it prints one
# row of a Markdown table: both exit codes, both distinct counts, each
# checker's wall time, CPU time (user + system) and peak RSS, the ratios
# gotlc/TLC (below 1 means gotlc is faster / smaller) and the load average
# when the row started. TLC runs only when TLA2TOOLS names tla2tools.jar and
# java is installed; then the exit codes must agree, the distinct counts
# too where both searched the whole state space (successes, and liveness
# violations, found after the search), and the depths on the safety
# models; else the row says MISMATCH and the script exits 1.
#
#   TLA2TOOLS=/tmp/tlc/tla2tools.jar make bench-checker
#   TLA2TOOLS=... EXAMPLES=/work/ext/Examples COMMUNITY=.../CommunityModules/modules \
#       TLAPS=.../tlapm/library make bench-checker
#   MODELS=treiber,LiveTwoSlabs WORKERS=1 bash scripts/bench-checker.sh
#
# MODELS (comma-separated) names models or groups:
#   safety      allocator (tla/MCAllocatorLarge.cfg, ~10^6 states), filterlock
#               (corpus FilterLock4.cfg, ~3x10^5), treiber (corpus TreiberBig.cfg)
#   liveness    every model of tla/models.json with "kind": "liveness" (the
#               allocator's progress properties, their expected violations
#               and the liveness mutants), by name, e.g. LiveTwoSlabs
#   examples    the tlaplus/Examples models that examples-sweep marks as
#               needing liveness checking (needs EXAMPLES=checkout), by their
#               sweep name, e.g. DiningPhilosophers/DiningPhilosophers; any
#               other model of the sweep is selected by its name too
#               (SlushProtocol/SlushMedium), run as these are
# Default: safety,liveness, and examples when EXAMPLES is set.
# COMMUNITY and TLAPS name module directories for the Examples (TLC gets
# them as -DTLA-Library, gotlc as -lib; TLC has no community modules' jar
# here, so no Java overrides of their operators).
# Liveness models run with -lncheck final for both (TLC then explores the
# whole state space before its one liveness check, as gotlc always does);
# TLC gets -noGenerateSpecTE, so it writes no trace spec beside the spec.
# ORDER=alternate (default) runs TLC first on odd rows and gotlc first on
# even rows (load drifts on a shared machine), ORDER=tlc or gotlc always
# that one first. TIMEOUT (default 600) is each run's limit in seconds; a
# run that hits it is reported as "timeout" (exit 124) and its row has no
# ratio (when only TLC timed out, the wall ratio is given as "< gotlc/TIMEOUT").
# The machine should be otherwise quiet; on a shared machine compare
# ratios from one run, not absolute times.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
WORKERS=${WORKERS:-2}
TIMEOUT=${TIMEOUT:-600}
ORDER=${ORDER:-alternate}
EXAMPLES=${EXAMPLES:-}
default=safety,liveness
if [ -n "$EXAMPLES" ]; then default=$default,examples; fi
MODELS=${MODELS:-$default}
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

# The catalogue: one line per model, "name<TAB>kind<TAB>dir<TAB>module<TAB>config<TAB>lib",
# kind safety (counts and depth must agree) or liveness (exit and counts must agree).
cat="$out/catalogue"
{
  printf 'allocator\tsafety\ttla\tMCAllocator.tla\tMCAllocatorLarge.cfg\t\n'
  printf 'filterlock\tsafety\tgotlc/testdata/corpus/filterlock\tFilterLock.tla\tFilterLock4.cfg\t\n'
  printf 'treiber\tsafety\tgotlc/testdata/corpus/treiber\tTreiber.tla\tTreiberBig.cfg\t\n'
  command -v jq >/dev/null || { echo "bench-checker: jq is needed to read tla/models.json" >&2; exit 2; }
  jq -r '.models[] | select(.kind == "liveness") |
      [.name, "liveness", ".", .spec, .config, ((.lib // []) | join(":"))] | @tsv' tla/models.json
} >"$cat"
if [ -n "$EXAMPLES" ]; then
  lib=""
  for d in "${COMMUNITY:-}" "${TLAPS:-}"; do
    if [ -n "$d" ]; then lib=${lib:+$lib:}$(cd "$d" && pwd); fi
  done
  go build -o "$out/examplesweep" ./internal/examplesweep
  "$out/examplesweep" -examples "$EXAMPLES" -list |
    awk -F'\t' -v dir="$(cd "$EXAMPLES" && pwd)" -v lib="$lib" \
      '{ printf "%s\t%s\t%s\t%s\t%s\t%s\n", $1, ($4 == "liveness=true" ? "examples" : "example"), dir, $5, $6, lib }' >>"$cat"
fi

# The selected models, in catalogue order within each MODELS item.
sel="$out/selected"
: >"$sel"
IFS=, read -r -a wants <<<"$MODELS"
for w in "${wants[@]}"; do
  case "$w" in
    safety | liveness | examples) awk -F'\t' -v k="$w" '$2 == k' "$cat" >>"$sel" ;;
    *)
      if ! awk -F'\t' -v n="$w" '$1 == n { print; found = 1 } END { exit !found }' "$cat" >>"$sel"; then
        echo "bench-checker: unknown model $w (see MODELS in $0; examples need EXAMPLES=dir)" >&2
        exit 2
      fi
      ;;
  esac
done

# run LOG DIR CMD...: runs CMD in DIR under /usr/bin/time and timeout; leaves
# the output in LOG and "exit wall_seconds user_seconds sys_seconds peak_kb"
# in LOG.time.
run() {
  local log=$1 dir=$2 code=0
  shift 2
  (cd "$dir" && /usr/bin/time -f "%e %U %S %M" -o "$log.t" \
    timeout --kill-after=10 "$TIMEOUT" "$@" >"$log" 2>&1) || code=$?
  echo "$code $(tail -1 "$log.t")" >"$log.time"
}

# (empty when the run printed no count, e.g. a timeout)
distinct_of() { { grep -Eo '^[0-9]+ states generated, [0-9]+ distinct' "$1" || true; } | tail -1 | awk '{print $4}'; }
depth_of() { { grep -Eo 'depth of the complete state graph search is [0-9]+' "$1" || true; } | tail -1 | awk '{print $NF}'; }

printf '| model | exit TLC / gotlc | distinct TLC / gotlc | TLC wall s | TLC CPU s | TLC RSS MiB | gotlc wall s | gotlc CPU s | gotlc RSS MiB | wall gotlc/TLC | CPU gotlc/TLC | RSS gotlc/TLC | load |\n'
printf '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
status=0 n=0 faster=0 slower=""
while IFS=$'\t' read -r name kind dir module config lib; do
  n=$((n + 1))
  case "$dir" in /*) ;; *) dir="$root/$dir" ;; esac
  # Run in the module's directory: TLC finds the -DTLA-Library modules only
  # for a spec named without a directory.
  config=$(realpath --relative-to="$dir/$(dirname "$module")" "$dir/$config")
  dir="$dir/$(dirname "$module")" module=$(basename "$module")
  gargs=(-workers "$WORKERS" -config "$config")
  jargs=(-XX:+UseParallelGC)
  targs=(-workers "$WORKERS" -config "$config" -noGenerateSpecTE)
  if [ "$kind" != safety ]; then
    gargs+=(-lncheck final)
    targs+=(-lncheck final)
  fi
  if [ -n "$lib" ]; then
    lib=$(cd "$dir" && IFS=:; for l in $lib; do (cd "$l" && printf '%s:' "$(pwd)"); done)
    lib=${lib%:}
    gargs+=(-lib "$lib")
    jargs+=("-DTLA-Library=$lib")
  fi
  load=$(cut -d' ' -f1 /proc/loadavg)
  echo "== $name: $config ($WORKERS workers, load $load)" >&2
  log="$out/m$n"
  run_tlc() {
    mkdir -p "$out/meta$n"
    run "$log.tlc" "$dir" java "${jargs[@]}" -cp "$TLA2TOOLS" tlc2.TLC -metadir "$out/meta$n" "${targs[@]}" "$module"
    rm -rf "$out/meta$n"
  }
  run_gotlc() { run "$log.gotlc" "$dir" "$out/gotlc" "${gargs[@]}" "$module"; }
  tlc_first=0
  case "$ORDER" in
    tlc) tlc_first=1 ;;
    gotlc) ;;
    *) if [ $((n % 2)) = 1 ]; then tlc_first=1; fi ;;
  esac
  if [ "$have_tlc" = 1 ] && [ "$tlc_first" = 1 ]; then run_tlc; fi
  run_gotlc
  if [ "$have_tlc" = 1 ] && [ "$tlc_first" = 0 ]; then run_tlc; fi

  read -r g_exit g_wall g_user g_sys g_kb <"$log.gotlc.time"
  g_dist=$(distinct_of "$log.gotlc"); g_depth=$(depth_of "$log.gotlc")
  t_exit=- t_wall=0 t_user=0 t_sys=0 t_kb=0 t_dist="" t_depth=""
  if [ "$have_tlc" = 1 ]; then
    read -r t_exit t_wall t_user t_sys t_kb <"$log.tlc.time"
    t_dist=$(distinct_of "$log.tlc"); t_depth=$(depth_of "$log.tlc")
  fi
  note=""
  if [ "$g_exit" = 124 ] || [ "$g_exit" = 137 ]; then note="gotlc timeout"; fi
  if [ "$t_exit" = 124 ] || [ "$t_exit" = 137 ]; then note="${note:+$note, }TLC timeout"; fi
  # The counts are compared only for a search of the whole state space: a
  # success, or a liveness violation found after it (-lncheck final). Where
  # a safety violation stops the search depends on the order of the workers.
  whole=0
  if [ "$g_exit" = 0 ] || grep -q "for the complete state space" "$log.gotlc"; then whole=1; fi
  if [ "$have_tlc" = 1 ] && [ -z "$note" ]; then
    if [ "$g_exit" != "$t_exit" ] || { [ "$whole" = 1 ] && [ "$g_dist" != "$t_dist" ]; } ||
      { [ "$kind" = safety ] && [ "$g_depth" != "$t_depth" ]; }; then
      note="MISMATCH"
      echo "MISMATCH on $name: gotlc exit $g_exit, $g_dist states, depth $g_depth; TLC exit $t_exit, $t_dist, depth $t_depth" >&2
      tail -5 "$log.gotlc" >&2; tail -5 "$log.tlc" >&2
      status=1
    fi
  fi
  awk -v m="$name" -v ge="$g_exit" -v te="$t_exit" -v gd="${g_dist:--}" -v td="${t_dist:--}" \
    -v gw="$g_wall" -v gc="$(echo "$g_user $g_sys" | awk '{print $1 + $2}')" -v gk="$g_kb" \
    -v tw="$t_wall" -v tc="$(echo "$t_user $t_sys" | awk '{print $1 + $2}')" -v tk="$t_kb" \
    -v tlc="$have_tlc" -v note="$note" -v load="$load" 'BEGIN {
      ratio = (tlc == 1 && note == "" && tw > 0)
      r = sprintf("| %s | %s / %s | %s / %s | ", m, te, ge, td, gd)
      if (tlc == 1) r = r sprintf("%.1f | %.1f | %.0f | ", tw, tc, tk / 1024)
      else r = r "- | - | - | "
      r = r sprintf("%.1f | %.1f | %.0f | ", gw, gc, gk / 1024)
      if (ratio) r = r sprintf("%s | %.2f | %.2f | ", (gw <= tw ? sprintf("%.2f", gw / tw) : sprintf("**%.2f**", gw / tw)), (tc > 0 ? gc / tc : 0), gk / tk)
      else if (note == "TLC timeout" && tw > 0) r = r sprintf("< %.2f (TLC timeout) | | | ", gw / tw)
      else r = r sprintf("%s | | | ", note == "" ? "-" : note)
      print r load " |"
    }'
  if [ "$note" = "TLC timeout" ]; then
    faster=$((faster + 1)) # gotlc finished within the time TLC did not
  elif [ -n "$note" ] && [ "$note" != MISMATCH ]; then
    slower="$slower $name($note)"
  elif [ "$have_tlc" = 1 ] && [ -z "$note" ]; then
    if awk -v g="$g_wall" -v t="$t_wall" 'BEGIN { exit !(g <= t) }'; then
      faster=$((faster + 1))
    else
      slower="$slower $name"
    fi
  fi
done <"$sel"
echo
echo "($n models, $WORKERS workers each, timeout ${TIMEOUT}s; ratios gotlc/TLC, below 1 = gotlc faster or smaller; load = 1-minute load average when the row started)"
if [ "$have_tlc" = 1 ]; then
  echo "gotlc's wall time <= TLC's on $faster of $n models (a TLC timeout where gotlc finished counts as faster); slower or timed out on:${slower:- none}"
fi
exit $status
