#!/usr/bin/env bash
# bench/run.sh - the whole benchmark table in one run (make bench).
#
# Runs every cell (workload x allocator) REPS times, then prints one table of
# median Mops/s with the ratio to mimalloc, an RSS table, the targets of
# bench/README.md with their verdicts, and which peers ran and which were
# missing. The Go allocators (veralloc, gomake, syncpool) run through
# `veralloc bench`; the C peers (glibc, mimalloc, jemalloc, tcmalloc) through
# bench/c/harness.c built once per peer. Missing Debian packages of the peers
# are installed with apt-get when this runs as root (or with password-less
# sudo) and NO_INSTALL is unset; otherwise the script says what is missing and
# goes on with what exists.
#
# Every parameter can be overridden from the environment:
#   REPS=3                       runs per cell; the table shows the median
#   SEED=42
#   RM_ITERS=20000000 RM_SLOTS=256            random_mixed
#   XF_ITERS=3000000  XF_PAIRS=1              xfree (blocks per producer, pairs)
#   LA_ITERS=250000 LA_SLOTS=1024 LA_THREADS=2 LA_ROUNDS=20   larson
#   RSS_ITERS=4000000 RSS_SLOTS=262144        random_mixed cell with a large live set (RSS table)
#   WORKLOADS="random_mixed xfree larson"
#   ALLOCS="veralloc vera-iface gomake syncpool glibc mimalloc jemalloc tcmalloc gofloor cfloor"
#                                gofloor/cfloor: the harness floors (random_mixed only)
#   OUT=out/bench                build directory and raw results (results.txt)
#   NO_INSTALL=1                 never call apt-get
set -u
cd "$(dirname "$0")/.."

REPS=${REPS:-3}
SEED=${SEED:-42}
RM_ITERS=${RM_ITERS:-20000000}
RM_SLOTS=${RM_SLOTS:-256}
XF_ITERS=${XF_ITERS:-3000000}
XF_PAIRS=${XF_PAIRS:-1}
LA_ITERS=${LA_ITERS:-250000}
LA_SLOTS=${LA_SLOTS:-1024}
LA_THREADS=${LA_THREADS:-2}
LA_ROUNDS=${LA_ROUNDS:-20}
RSS_ITERS=${RSS_ITERS:-4000000}
RSS_SLOTS=${RSS_SLOTS:-262144}
WORKLOADS=${WORKLOADS:-"random_mixed xfree larson"}
ALLOCS=${ALLOCS:-"veralloc vera-iface gomake syncpool glibc mimalloc jemalloc tcmalloc gofloor cfloor"}
OUT=${OUT:-out/bench}
GO_ALLOCS="veralloc vera-iface gomake syncpool gofloor"
C_PEERS="glibc mimalloc jemalloc tcmalloc cfloor"
FLOORS="gofloor cfloor" # the cheapest correct allocator per language: what the harness loop costs

mkdir -p "$OUT"
RESULTS="$OUT/results.txt"
: >"$RESULTS"
LOG="$OUT/run.log"
: >"$LOG"

say() { echo "run.sh: $*" >&2; }

peer_pkg() {
	case $1 in
	mimalloc) echo libmimalloc-dev ;;
	jemalloc) echo libjemalloc-dev ;;
	tcmalloc) echo libgoogle-perftools-dev ;;
	esac
}
peer_lib() {
	case $1 in
	glibc | cfloor) echo "" ;;
	mimalloc) echo -lmimalloc ;;
	jemalloc) echo -ljemalloc ;;
	tcmalloc) echo -ltcmalloc_minimal ;;
	esac
}

wanted() { case " $ALLOCS " in *" $1 "*) return 0 ;; esac; return 1; }

CC=${CC:-}
if [ -z "$CC" ]; then
	if command -v gcc >/dev/null; then CC=gcc; elif command -v cc >/dev/null; then CC=cc; fi
fi

build_peer() { # build_peer NAME -> 0 when $OUT/harness-NAME was built
	[ -n "$CC" ] || return 1
	# shellcheck disable=SC2046
	$CC -O2 -std=gnu11 -DPEER="$1" bench/c/harness.c -o "$OUT/harness-$1" $(peer_lib "$1") -lpthread >>"$LOG" 2>&1
}

# --- C peers: build, install what is missing, build again ---
declare -A HAVE WHY
MISSING_NOTE=""
PEER_INFO=""
if [ -z "$CC" ]; then
	say "no C compiler (gcc/cc): the C peers cannot be built"
	MISSING_NOTE="no C compiler"
fi
missing_pkgs=""
for p in $C_PEERS; do
	wanted "$p" || continue
	if build_peer "$p"; then HAVE[$p]=1; else
		HAVE[$p]=0
		case $p in glibc | cfloor) ;; *) missing_pkgs="$missing_pkgs $(peer_pkg "$p")" ;; esac
	fi
done
if [ -n "$missing_pkgs" ] && [ -n "$CC" ]; then
	SUDO=""
	[ "$(id -u)" = 0 ] || { sudo -n true 2>/dev/null && SUDO="sudo -n"; }
	if [ -n "${NO_INSTALL:-}" ]; then
		say "missing:$missing_pkgs (NO_INSTALL is set, not installing)"
	elif ! command -v apt-get >/dev/null; then
		say "missing:$missing_pkgs (no apt-get here, cannot install)"
	elif [ "$(id -u)" != 0 ] && [ -z "$SUDO" ]; then
		say "missing:$missing_pkgs (not root and no password-less sudo, cannot install)"
	else
		say "installing:$missing_pkgs"
		if ! $SUDO apt-get update -qq >>"$LOG" 2>&1; then
			say "apt-get update failed (see $LOG); trying the install anyway"
		fi
		for pkg in $missing_pkgs; do # one at a time, so one unknown package does not stop the others
			if DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$pkg" >>"$LOG" 2>&1; then
				say "installed $pkg"
			else
				say "apt-get install $pkg failed (see $LOG); going on without it"
			fi
		done
		for p in $C_PEERS; do
			wanted "$p" || continue
			[ "${HAVE[$p]}" = 1 ] && continue
			build_peer "$p" && HAVE[$p]=1
		done
	fi
fi
for p in $C_PEERS; do
	wanted "$p" || continue
	if [ "${HAVE[$p]}" = 1 ]; then
		# the harness refuses to run when malloc does not come from the peer
		if which=$("$OUT/harness-$p" -which 2>>"$LOG"); then
			PEER_INFO="$PEER_INFO
  $which"
		else
			say "peer $p built but its malloc is not the peer's (see $LOG); dropped"
			HAVE[$p]=0
			WHY[$p]="malloc was not the peer's"
		fi
	fi
done

# --- Go allocators ---
GO_OK=0
if command -v go >/dev/null && go build -o "$OUT/veralloc" ./cmd/veralloc >>"$LOG" 2>&1; then
	GO_OK=1
else
	say "cannot build ./cmd/veralloc (see $LOG): the Go cells are missing"
fi
for a in $GO_ALLOCS; do
	wanted "$a" || continue
	HAVE[$a]=0
	[ $GO_OK = 1 ] || { WHY[$a]="./cmd/veralloc does not build"; continue; }
	if "$OUT/veralloc" bench -alloc "$a" -iters 1000 >>"$LOG" 2>&1; then
		HAVE[$a]=1
	else
		say "allocator $a does not run (see $LOG)"
		WHY[$a]="does not run: $(tail -1 "$LOG")"
	fi
done

# --- cells ---
cell_args() { # cell_args WORKLOAD
	case $1 in
	random_mixed) echo "-workload random_mixed -iters $RM_ITERS -slots $RM_SLOTS -seed $SEED" ;;
	xfree) echo "-workload xfree -iters $XF_ITERS -pairs $XF_PAIRS -seed $SEED" ;;
	larson) echo "-workload larson -iters $LA_ITERS -slots $LA_SLOTS -threads $LA_THREADS -rounds $LA_ROUNDS -seed $SEED" ;;
	rss) echo "-workload random_mixed -iters $RSS_ITERS -slots $RSS_SLOTS -seed $SEED" ;;
	esac
}
run_cell() { # run_cell ALLOC CELL REP
	local a=$1 cell=$2 bin
	case " $GO_ALLOCS " in
	*" $a "*) bin=("$OUT/veralloc" bench -alloc "$a") ;;
	*) bin=("$OUT/harness-$a") ;;
	esac
	local line
	# shellcheck disable=SC2046
	if line=$("${bin[@]}" $(cell_args "$cell") 2>>"$LOG"); then
		echo "cell=$cell rep=$3 $line" >>"$RESULTS"
		echo "  $cell rep $3: $line" >>"$LOG"
	else
		echo "cell=$cell rep=$3 workload=$cell alloc=$a FAILED" >>"$RESULTS"
		say "FAILED: $a $cell (see $LOG)"
	fi
}

START=$(date +%s)
say "running REPS=$REPS x cells {$WORKLOADS rss} x allocators {$ALLOCS}; raw lines in $RESULTS"
for rep in $(seq 1 "$REPS"); do
	for w in $WORKLOADS; do
		for a in $ALLOCS; do
			case " $FLOORS " in *" $a "*) [ "$w" = random_mixed ] || continue ;; esac
			[ "${HAVE[$a]:-0}" = 1 ] && run_cell "$a" "$w" "$rep"
		done
	done
done
for a in $ALLOCS; do
	case " $FLOORS " in *" $a "*) continue ;; esac
	[ "${HAVE[$a]:-0}" = 1 ] && run_cell "$a" rss 1
done
END=$(date +%s)

ran="" missing=""
for a in $ALLOCS; do
	if [ "${HAVE[$a]:-0}" = 1 ]; then ran="$ran $a"; else
		why=${WHY[$a]:-}
		case " $C_PEERS " in *" $a "*) [ -z "$why" ] && why="not installed or does not link" ;; esac
		missing="$missing $a${why:+ [$why]}"
	fi
done

# --- the table ---
echo
echo "veralloc benchmark  $(date -u '+%Y-%m-%d %H:%M UTC')  $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //'))  load avg at end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
cells=""
for w in $WORKLOADS; do
	case $w in
	random_mixed) cells="$cells random_mixed $RM_ITERS $RM_SLOTS $SEED |" ;;
	xfree) cells="$cells xfree pairs=$XF_PAIRS ops=$XF_ITERS/producer |" ;;
	larson) cells="$cells larson threads=$LA_THREADS rounds=$LA_ROUNDS ops=$LA_ITERS/worker/round slots=$LA_SLOTS |" ;;
	esac
done
echo "cells:$cells big (RSS) random_mixed $RSS_ITERS $RSS_SLOTS $SEED | median of $REPS runs, $((END - START)) s"
echo "ran:    ${ran:- none}"
echo "missing:${missing:- none}${MISSING_NOTE:+ ($MISSING_NOTE)}"
echo "C peers (plain malloc/free; the harness checks which shared object provides malloc):${PEER_INFO:- none}"
echo
awk -v workloads="$WORKLOADS" -v allocs="$ALLOCS" '
function kv(   i, n, f, k) {
	delete F
	n = split($0, f, " ")
	for (i = 1; i <= n; i++) { k = index(f[i], "="); if (k) F[substr(f[i], 1, k - 1)] = substr(f[i], k + 1) }
}
function median(key,   n, i, j, t, v) {
	n = split(vals[key], v, " ")
	for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (v[j] + 0 < v[i] + 0) { t = v[i]; v[i] = v[j]; v[j] = t }
	if (n == 0) return ""
	return (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
}
function rsscols() { return F["rss_before_kb"] " " F["rss_peak_kb"] " " F["rss_after_kb"] " " (("rss_closed_kb" in F) ? F["rss_closed_kb"] : "-") " " F["rss_returned"] }
{
	kv()
	cell = F["cell"]; a = F["alloc"]
	if ($0 ~ /FAILED/) { failed[cell, a] = 1; next }
	if (cell == "rss") { rss[a] = rsscols(); next }
	vals["wall", cell, a] = vals["wall", cell, a] " " F["Mops/s"]
	vals["cpu", cell, a] = vals["cpu", cell, a] " " F["Mops/cpu-s"]
	if (!(cell in ref)) ref[cell] = F["checksum"]
	if (F["checksum"] != ref[cell]) mismatch[cell, a] = 1
	if (cell == "random_mixed" && F["rep"] == 1) rm[a] = rsscols()
}
function table(kind, title,   i, j, a, w, m, mm) {
	printf "%s\n%-10s", title, ""
	for (i = 1; i <= nw; i++) printf " | %-22s", W[i]
	printf "\n%-10s", "allocator"
	for (i = 1; i <= nw; i++) printf " | %10s %11s", (kind == "wall") ? "Mops/s" : "Mops/cpu-s", "x mimalloc"
	printf "\n"
	for (j = 1; j <= na; j++) {
		a = A[j]; printf "%-10s", a
		for (i = 1; i <= nw; i++) {
			w = W[i]; m = median(kind SUBSEP w SUBSEP a); mm = median(kind SUBSEP w SUBSEP "mimalloc")
			if (m == "") { printf " | %10s %11s", ((w, a) in failed) ? "FAILED" : "-", ""; continue }
			med[kind, w, a] = m
			printf " | %10.2f %11s", m, (mm != "" && mm > 0) ? sprintf("%.2fx", m / mm) : "n/a"
		}
		printf "\n"
	}
	printf "\n"
}
# net prints, for random_mixed, the CPU ns/op of each allocator minus the
# harness floor of its language (gofloor for Go, cfloor for C): the own
# cost per op, with the harness loop taken out.
function net(   j, a, fl, x, f, mm) {
	if (!(("cpu", "random_mixed", "gofloor") in med) || !(("cpu", "random_mixed", "cfloor") in med)) return
	printf "\nrandom_mixed CPU ns/op, total and net of the harness floor (Go floor gofloor %.1f ns, C floor cfloor %.1f ns)\n", 1000 / med["cpu", "random_mixed", "gofloor"], 1000 / med["cpu", "random_mixed", "cfloor"]
	if (("cpu", "random_mixed", "mimalloc") in med) mm = 1000 / med["cpu", "random_mixed", "mimalloc"] - 1000 / med["cpu", "random_mixed", "cfloor"]
	printf "%-10s %9s %9s %14s\n", "allocator", "total", "net", "net/mimalloc"
	for (j = 1; j <= na; j++) {
		a = A[j]
		if (a == "gofloor" || a == "cfloor" || !(("cpu", "random_mixed", a) in med)) continue
		fl = (a == "veralloc" || a == "vera-iface" || a == "gomake" || a == "syncpool") ? "gofloor" : "cfloor"
		x = 1000 / med["cpu", "random_mixed", a]; f = x - 1000 / med["cpu", "random_mixed", fl]
		netns[a] = f
		printf "%-10s %9.1f %9.1f %14s\n", a, x, f, (mm > 0) ? sprintf("%.2fx", f / mm) : "n/a"
	}
	printf "(net/mimalloc > 1 means more allocator time per op than mimalloc; lower is better)\n"
}
function target(w, a, b, want,   x, y, s) {
	if (!(("wall", w, a) in med) || !(("wall", w, b) in med)) { printf "  %s: %s/%s >= %.1f: not measured (missing cell)\n", w, a, b, want; return }
	x = med["wall", w, a] / med["wall", w, b]
	s = sprintf("  %s: %s/%s = %.2f by wall time (target >= %.1f): %s", w, a, b, x, want, (x >= want) ? "met" : "NOT met")
	if (med["cpu", w, a] > 0 && med["cpu", w, b] > 0) {
		y = med["cpu", w, a] / med["cpu", w, b]
		s = s sprintf("; %.2f by CPU time: %s", y, (y >= want) ? "met" : "NOT met")
	}
	print s
}
END {
	nw = split(workloads, W, " "); na = split(allocs, A, " ")
	table("wall", "Throughput by wall time (median Mops/s; ratio = allocator / mimalloc)")
	table("cpu", "Throughput by process CPU time (median Mops per CPU second, all threads incl. spinning and GC)")
	bad = 0
	for (k in mismatch) bad++
	printf "checksums: %s\n", bad ? "MISMATCH (some allocator performed a different op sequence or lost a byte; see results.txt)" : "every allocator produced the same checksum per workload (same ops, every first byte read back intact)"
	printf "\nRSS kB          before      peak     after   after-close  within 10%%\n"
	for (j = 1; j <= na; j++) {
		a = A[j]
		if (a in rm) { split(rm[a], r, " "); printf "%-10s rm  %9s %9s %9s %9s     %s\n", a, r[1], r[2], r[3], r[4], r[5] }
		if (a in rss) { split(rss[a], r, " "); printf "%-10s big %9s %9s %9s %9s     %s\n", a, r[1], r[2], r[3], r[4], r[5] }
	}
	printf "(rm = the random_mixed cell above, first run; big = random_mixed with a large live set, see RSS_SLOTS)\n"
	net()
	printf "\ntargets:\n"
	target("random_mixed", "veralloc", "mimalloc", 1.0)
	target("random_mixed", "veralloc", "gomake", 8.0)
	target("xfree", "veralloc", "mimalloc", 1.0)
	if (("veralloc" in netns) && ("mimalloc" in netns) && netns["veralloc"] > 0) printf "  random_mixed net of harness floor: mimalloc/veralloc ns = %.2f (>= 1.0 means veralloc spends no more time per op than mimalloc)\n", netns["mimalloc"] / netns["veralloc"]
	if ("veralloc" in rss) { split(rss["veralloc"], r, " "); printf "  veralloc RSS after freeing everything (big cell) within 10%% of before: %s (%s kB -> peak %s kB -> %s kB)\n", r[5], r[1], r[2], r[3] }
	if ("veralloc" in rm) { split(rm["veralloc"], r, " "); printf "  veralloc RSS after freeing everything (random_mixed cell) within 10%% of before: %s (%s kB -> peak %s kB -> %s kB)\n", r[5], r[1], r[2], r[3] }
}' "$RESULTS"
