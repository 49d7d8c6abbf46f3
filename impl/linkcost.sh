#!/bin/sh
# linkcost.sh: the cost of validating free-list links (impl/link.go), in one
# run. It builds impl's test binary twice, as shipped and with -tags
# nolinkcheck (links decoded, not validated), runs the two alternately
# ROUNDS times on random_mixed and xfree, and prints the median of each
# metric per build and their ratio. The machine's load is printed before and
# after (uptime): on a shared machine the ratio means more than the figures.
#
#   sh impl/linkcost.sh            # ROUNDS=8 OPS=5000000 by default
set -eu
ROUNDS=${ROUNDS:-8}
OPS=${OPS:-5000000}
BENCH=${BENCH:-'RandomMixed/veralloc$|Xfree/veralloc$'}
GO=${GO:-go}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$(dirname "$0")"
$GO test -c -o "$dir/checked.test" .
$GO test -c -tags nolinkcheck -o "$dir/unchecked.test" .
echo "uptime before: $(uptime)"
i=0
while [ "$i" -lt "$ROUNDS" ]; do
	for v in checked unchecked; do
		"$dir/$v.test" -test.run '^$' -test.bench "$BENCH" -test.benchtime "${OPS}x" |
			awk -v v="$v" '/^Benchmark/ { for (k = 3; k < NF; k += 2) print v, $1, $(k+1), $k }' >>"$dir/all"
	done
	i=$((i + 1))
done
echo "uptime after:  $(uptime)"
# median per (build, benchmark, unit), then validated / unvalidated (for
# Mops/s, higher is better; for the ns units, lower)
printf "%-40s %-16s %12s %12s %8s\n" benchmark unit validated unvalidated ratio
sort -k1,1 -k2,2 -k3,3 -k4,4g "$dir/all" | awk '
	{ key = $1 " " $2 " " $3; n[key]++; val[key, n[key]] = $4 }
	END {
		for (key in n) {
			m = n[key]; med = (m % 2) ? val[key, (m + 1) / 2] : (val[key, m / 2] + val[key, m / 2 + 1]) / 2
			split(key, f, " "); bu = f[2] " " f[3]; seen[bu] = 1
			if (f[1] == "checked") c[bu] = med; else u[bu] = med
		}
		for (bu in seen) {
			split(bu, f, " ")
			printf "%-40s %-16s %12.2f %12.2f %8.3f\n", f[1], f[2], c[bu], u[bu], (u[bu] ? c[bu] / u[bu] : 0)
		}
	}' | sort
