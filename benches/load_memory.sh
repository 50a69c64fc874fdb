#!/usr/bin/env bash
# Peak memory and time of loading agreements of several sizes with `riskshare check`, measured
# with /usr/bin/time -v (GNU time). The target: peak memory within 20 times the file's size.
#
#   bash benches/load_memory.sh
#
# Files, generated the same on every run (benches/gen_agreement.py):
# - large:  200 parties, 100 schemes, 20,000 risks (the workbench's large-agreement case);
# - 16 MB:  200 parties, 100 schemes, 68,000 risks, just under the 16 MiB limit;
# - dense:  a list of 4 million tiny numbers where records belong (refused with its line);
# - dense, checked: 16 MB of review thresholds that do not rise, every one an error to place on
#   its line (the case that needs the file's tokens);
# - 60 MB:  over the limit, refused before it is read.
set -euo pipefail
cd "$(dirname "$0")/.."
# RISKSHARE_BIN=path measures a binary built elsewhere (a CI build, an older release).
bin="${RISKSHARE_BIN:-target/release/riskshare}"
[ -n "${RISKSHARE_BIN:-}" ] || cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 benches/gen_agreement.py 200 100 20000 >"$work/large.ron"
python3 benches/gen_agreement.py 200 100 68000 >"$work/16mb.ron"
python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
n = 4_000_000
open(work + "/dense.ron", "w").write(
    '(format: 1, name: "dense", review_thresholds: [' + "1," * n + "1])\n")
rows = []
size = 0
i = 0
while size < 16 * 1024 * 1024 - 4096:
    row = '(at: %d.0, action: "a"),' % (i % 7)
    rows.append(row)
    size += len(row)
    i += 1
open(work + "/dense_checked.ron", "w").write(
    '(format: 1, name: "dense", review_thresholds: [' + "".join(rows) + "])\n")
PY
head -c $((60 * 1024 * 1024)) /dev/zero | tr '\0' ' ' >"$work/60mb.ron"

printf '%-16s %10s %12s %8s %9s  %s\n' file "size MB" "peak MB" "x size" "seconds" result
for name in large 16mb dense dense_checked 60mb; do
    f="$work/$name.ron"
    bytes=$(stat -c %s "$f")
    /usr/bin/time -v "$bin" check "$f" >"$work/out" 2>"$work/err" || true
    peak_kb=$(grep 'Maximum resident' "$work/err" | awk '{print $NF}')
    wall=$(grep 'Elapsed (wall clock)' "$work/err" | awk '{print $NF}')
    result=$(grep -v -E "^\s" "$work/err" | head -1 | cut -c1-60 || true)
    [ -z "$result" ] && result=$(head -1 "$work/out")
    awk -v n="$name" -v b="$bytes" -v k="$peak_kb" -v w="$wall" -v r="$result" 'BEGIN {
        printf "%-16s %10.1f %12.1f %8.1f %9s  %s\n", n, b/1048576, k/1024, (k*1024)/b, w, r }'
done
