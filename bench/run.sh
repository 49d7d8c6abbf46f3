#!/usr/bin/env bash
# bench/run.sh - the whole benchmark table in one run (make bench).
#
# Runs every cell (workload x allocator) REPS times, then prints one table:
# per workload and allocator the median Mops/s by wall and by CPU time with
# the ratios to mimalloc and tcmalloc of the same run, and RSS (growth at peak
# over the start, after everything is freed against the start); then the
# targets of issue 16 with their verdicts, and which peers ran and which were
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
#   XM_ITERS=200 XM_THREADS=2 XM_SIZE=64      xmalloc (batches of 4096 per producer, producers, size)
#   MS_ITERS=50 MS_THREADS=2 MS_ROUNDS=25     mstress (scale, threads, rounds)
#   CS_ITERS=1000 CS_THREADS=2 CS_SIZE=1 CS_REPS=200000   cache_scratch
#   SH_ITERS=100 SH_SLOTS=10000 SH_THREADS=4  sh6bench (passes, ring slots, threads)
#   AT_ITERS=2000000 AT_SLOTS=262144 AT_THREADS=2   alloc_test (steps per thread, bins, threads)
#   GS_ITERS=250000 GS_SIZE=16                glibc_simple (NUM_ITERS, first size)
#   RSS_ITERS=4000000 RSS_SLOTS=262144        random_mixed cell with a large live set (RSS table)
#   WORKLOADS="random_mixed xfree larson xmalloc mstress cache_scratch sh6bench alloc_test glibc_simple"
#   ALLOCS="veralloc vera-iface gomake syncpool glibc mimalloc jemalloc tcmalloc gofloor cfloor"
#                                gofloor/cfloor: the harness floors (random_mixed only);
#                                vera-iface: random_mixed and larson only (the other
#                                workloads call every Go allocator through the interface)
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
XM_ITERS=${XM_ITERS:-200}
XM_THREADS=${XM_THREADS:-2}
XM_SIZE=${XM_SIZE:-64}
MS_ITERS=${MS_ITERS:-50}
MS_THREADS=${MS_THREADS:-2}
MS_ROUNDS=${MS_ROUNDS:-25}
CS_ITERS=${CS_ITERS:-1000}
CS_THREADS=${CS_THREADS:-2}
CS_SIZE=${CS_SIZE:-1}
CS_REPS=${CS_REPS:-200000}
SH_ITERS=${SH_ITERS:-100}
SH_SLOTS=${SH_SLOTS:-10000}
SH_THREADS=${SH_THREADS:-4}
AT_ITERS=${AT_ITERS:-2000000}
AT_SLOTS=${AT_SLOTS:-262144}
AT_THREADS=${AT_THREADS:-2}
GS_ITERS=${GS_ITERS:-250000}
GS_SIZE=${GS_SIZE:-16}
RSS_ITERS=${RSS_ITERS:-4000000}
RSS_SLOTS=${RSS_SLOTS:-262144}
WORKLOADS=${WORKLOADS:-"random_mixed xfree larson xmalloc mstress cache_scratch sh6bench alloc_test glibc_simple"}
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
	xmalloc) echo "-workload xmalloc -iters $XM_ITERS -threads $XM_THREADS -size $XM_SIZE -seed $SEED" ;;
	mstress) echo "-workload mstress -iters $MS_ITERS -threads $MS_THREADS -rounds $MS_ROUNDS -seed $SEED" ;;
	cache_scratch) echo "-workload cache_scratch -iters $CS_ITERS -threads $CS_THREADS -size $CS_SIZE -reps $CS_REPS" ;;
	sh6bench) echo "-workload sh6bench -iters $SH_ITERS -slots $SH_SLOTS -threads $SH_THREADS" ;;
	alloc_test) echo "-workload alloc_test -iters $AT_ITERS -slots $AT_SLOTS -threads $AT_THREADS -seed $SEED" ;;
	glibc_simple) echo "-workload glibc_simple -iters $GS_ITERS -size $GS_SIZE" ;;
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
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
say "running REPS=$REPS x cells {$WORKLOADS rss} x allocators {$ALLOCS}; raw lines in $RESULTS"
for rep in $(seq 1 "$REPS"); do
	for w in $WORKLOADS; do
		for a in $ALLOCS; do
			case " $FLOORS " in *" $a "*) [ "$w" = random_mixed ] || continue ;; esac
			case $a in vera-iface) case $w in random_mixed | larson) ;; *) continue ;; esac ;; esac
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
for w in $WORKLOADS; do cells="$cells $w: $(cell_args "$w" | sed 's/-workload [a-z0-9_]* //; s/ -/ /g; s/^-//') |"; done
echo "cells:$cells big (RSS): random_mixed $RSS_ITERS $RSS_SLOTS $SEED"
echo "median of $REPS runs per cell, allocators interleaved in each repetition; $((END - START)) s in all; load avg at start: $LOAD_START"
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
function ratio(x, y) { return (x != "" && y != "" && y > 0) ? sprintf("%.2fx", x / y) : "-" }
{
	kv()
	cell = F["cell"]; a = F["alloc"]
	if ($0 ~ /FAILED/) { failed[cell, a] = 1; next }
	if (cell == "rss") { rss[a] = rsscols(); next }
	vals["wall", cell, a] = vals["wall", cell, a] " " F["Mops/s"]
	vals["cpu", cell, a] = vals["cpu", cell, a] " " F["Mops/cpu-s"]
	if (!(cell in ref)) ref[cell] = F["checksum"]
	if (F["checksum"] != ref[cell]) mismatch[cell, a] = 1
	# RSS of each cell: that of its first run
	if (!((cell, a) in rs)) rs[cell, a] = rsscols()
}
END {
	nw = split(workloads, W, " "); na = split(allocs, A, " ")
	for (i = 1; i <= nw; i++) for (j = 1; j <= na; j++) {
		w = W[i]; a = A[j]
		for (k = 1; k <= 2; k++) { kind = (k == 1) ? "wall" : "cpu"; m = median(kind SUBSEP w SUBSEP a); if (m != "") med[kind, w, a] = m }
		if ((w, a) in rs) { split(rs[w, a], r, " "); grow[w, a] = r[2] - r[1] }
	}
	print "One table: median Mops/s by wall time and by process CPU time (all threads: GC, spinning ring ends), ratio = allocator / peer"
	print "(x mi = / mimalloc, x tc = / tcmalloc; >1 is faster). RSS kB of the first run: start = before the allocator opened,"
	print "+peak = peak - start, +peak/mi = that over mimalloc'"'"'s +peak, after = after every block was freed and every heap closed,"
	print "ret = after within 10% of start."
	printf "\n%-13s %-10s | %8s %6s %6s | %10s %6s %6s | %8s %8s %8s %8s %4s\n", "workload", "allocator", "Mops/s", "x mi", "x tc", "Mops/cpu-s", "x mi", "x tc", "start", "+peak", "+peak/mi", "after", "ret"
	for (i = 1; i <= nw; i++) {
		w = W[i]
		printf "%s\n", "-------------------------------------------------------------------------------------------------------------"
		for (j = 1; j <= na; j++) {
			a = A[j]
			if (!(("wall", w, a) in med)) { if ((w, a) in failed) printf "%-13s %-10s | FAILED (see run.log)\n", w, a; continue }
			split(rs[w, a], r, " ")
			printf "%-13s %-10s | %8.2f %6s %6s | %10.2f %6s %6s | %8s %8s %8s %8s %4s\n", w, a,
				med["wall", w, a], ratio(med["wall", w, a], med["wall", w, "mimalloc"]), ratio(med["wall", w, a], med["wall", w, "tcmalloc"]),
				med["cpu", w, a], ratio(med["cpu", w, a], med["cpu", w, "mimalloc"]), ratio(med["cpu", w, a], med["cpu", w, "tcmalloc"]),
				r[1], grow[w, a], ((w, "mimalloc") in grow && grow[w, "mimalloc"] > 0) ? sprintf("%.2fx", grow[w, a] / grow[w, "mimalloc"]) : "-", r[3], r[5]
		}
	}
	bad = 0
	for (k in mismatch) bad++
	printf "\nchecksums: %s\n", bad ? "MISMATCH (some allocator performed a different op sequence or lost a byte; see results.txt)" : "every allocator produced the same checksum per workload (same ops, every byte read back intact)"
	printf "\nRSS kB, random_mixed with a large live set   before      peak     after   after-close  within 10%%\n"
	for (j = 1; j <= na; j++) { a = A[j]; if (a in rss) { split(rss[a], r, " "); printf "%-44s %9s %9s %9s %9s     %s\n", a, r[1], r[2], r[3], r[4], r[5] } }
	if (("cpu", "random_mixed", "gofloor") in med && ("cpu", "random_mixed", "cfloor") in med) {
		gf = 1000 / med["cpu", "random_mixed", "gofloor"]; cf = 1000 / med["cpu", "random_mixed", "cfloor"]
		printf "\nrandom_mixed CPU ns/op net of the harness floor of its language (gofloor %.1f ns, cfloor %.1f ns):", gf, cf
		for (j = 1; j <= na; j++) {
			a = A[j]
			if (a == "gofloor" || a == "cfloor" || !(("cpu", "random_mixed", a) in med)) continue
			fl = (a == "veralloc" || a == "vera-iface" || a == "gomake" || a == "syncpool") ? gf : cf
			netns[a] = 1000 / med["cpu", "random_mixed", a] - fl
			printf " %s %.1f", a, netns[a]
		}
		printf "\n"
	}
	printf "\ntargets (issue 16; veralloc against the peer in this run, by wall time and by CPU time):\n"
	target("xfree", "mimalloc", 1.5); target("xmalloc", "mimalloc", 1.3)
	target("larson", "mimalloc", 1.1); target("larson", "tcmalloc", 1.0)
	target("random_mixed", "mimalloc", 1.2); target("random_mixed", "tcmalloc", 1.0)
	n = split("mstress cache_scratch sh6bench alloc_test glibc_simple", O, " ")
	for (i = 1; i <= n; i++) target(O[i], "mimalloc", 1.0)
	if (("veralloc" in netns) && ("mimalloc" in netns) && netns["veralloc"] > 0) printf "  random_mixed net of the harness floors: mimalloc ns / veralloc ns = %.2f\n", netns["mimalloc"] / netns["veralloc"]
	for (i = 1; i <= nw; i++) {
		w = W[i]
		if (!((w, "veralloc") in rs)) continue
		split(rs[w, "veralloc"], r, " ")
		s = sprintf("  %-13s RSS: veralloc back within 10%% of start after freeing: %s (%s -> %s kB)", w, r[5], r[1], r[3])
		if ((w, "mimalloc") in grow && grow[w, "mimalloc"] > 0) s = s sprintf("; peak growth %d kB vs mimalloc %d kB: %s", grow[w, "veralloc"], grow[w, "mimalloc"], (grow[w, "veralloc"] <= 1.1 * grow[w, "mimalloc"]) ? "within 10%" : "NOT within 10%")
		print s
	}
}
function target(w, b, want,   x, y, s) {
	if (!(("wall", w, "veralloc") in med) || !(("wall", w, b) in med)) { printf "  %-13s veralloc/%s >= %.1f: not measured (missing cell)\n", w, b, want; return }
	x = med["wall", w, "veralloc"] / med["wall", w, b]
	s = sprintf("  %-13s veralloc/%-8s >= %.1f: wall %.2f %-7s", w, b, want, x, (x >= want) ? "met" : "NOT met")
	if (med["cpu", w, "veralloc"] > 0 && med["cpu", w, b] > 0) {
		y = med["cpu", w, "veralloc"] / med["cpu", w, b]
		s = s sprintf("  cpu %.2f %s", y, (y >= want) ? "met" : "NOT met")
	}
	print s
}' "$RESULTS"
