#!/usr/bin/env bash
# riskshare simulate against the numpy Monte Carlo an analyst would write, on one generated
# agreement (12 parties, one scheme with a contingency, caps and redistribution pro rata to
# contributions, 200 pooled risks with fixed costs), 100,000 trials each.
#
#   bash benches/simulate_vs_numpy.sh [TRIALS]
#
# Prints each side's seconds and the ratio. numpy's time is the simulation inside Python (the
# draws, the sharing and the statistics), not Python's start or numpy's import; riskshare's is
# the whole process: reading the file, the trials and the output. Installs numpy with pip if it
# is missing. The machine should be quiet: other work on the cores slows either side.
set -euo pipefail
cd "$(dirname "$0")/.."
trials="${1:-100000}"
python3 -c 'import numpy' 2>/dev/null || python3 -m pip install --quiet numpy
# RISKSHARE_BIN=path measures a binary built elsewhere (a CI build, an older release).
bin="${RISKSHARE_BIN:-target/release/riskshare}"
[ -n "${RISKSHARE_BIN:-}" ] || cargo build --release --quiet
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 benches/simulate_vs_numpy.py generate "$work/bench.ron"

best() { # the fastest of three runs, in seconds
    local best=""
    for _ in 1 2 3; do
        local t
        t="$("$@")"
        if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN { exit !(a < b) }'; then best="$t"; fi
    done
    echo "$best"
}
numpy_once() { # all its output first: cutting the pipe short would stop Python with an error
    python3 benches/simulate_vs_numpy.py run "$trials" > "$work/numpy.txt"
    head -1 "$work/numpy.txt"
}
riskshare_once() {
    local start end
    start="$(date +%s.%N)"
    "$bin" simulate "$work/bench.ron" --trials "$trials" --format json > "$work/out.json"
    end="$(date +%s.%N)"
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.4f\n", e - s }'
}

numpy_s="$(best numpy_once)"
riskshare_s="$(best riskshare_once)"
cores="$(nproc)"
echo "agreement: 12 parties, 1 scheme, 200 pooled risks; $trials trials; $cores cores"
echo "numpy      ${numpy_s} s"
echo "riskshare  ${riskshare_s} s"
awk -v n="$numpy_s" -v r="$riskshare_s" 'BEGIN { printf "ratio      %.1fx (numpy / riskshare)\n", n / r }'
