#!/usr/bin/env bash
# Peak memory and time of loading agreements with `riskshare check`, `riskshare calc` and the
# workbench's open, measured with /usr/bin/time -v (GNU time). The bound: the peak memory of any
# load within 20 times the file's size; each row prints its ratio and whether it is within.
#
#   bash benches/load_memory.sh            # every file, every load
#   bash benches/load_memory.sh dense_checked syntax_end   # only these files
#
# Files, generated the same on every run:
# - large:  200 parties, 100 schemes, 20,000 risks (the workbench's large-agreement case);
# - 16mb:   200 parties, 100 schemes, 68,000 risks, just under the 16 MiB limit;
# - the worst cases of benches/gen_worst.py, each just under the limit: dense, dense_checked,
#   warned, tiny_parties, unknown_ids, long_strings, nested, syntax_end, comments, unclosed
#   (what each holds is described there);
# - 60mb:   over the limit, refused before it is read.
#
# The workbench is opened in tmux (when there is tmux) and quit with `q` once it has drawn; a
# file it refuses ends it at once. Without tmux, `open` reads the file with no terminal, which
# measures the load and stops where the workbench would start drawing.
set -euo pipefail
cd "$(dirname "$0")/.."
# RISKSHARE_BIN=path measures a binary built elsewhere (a CI build, an older release).
bin="${RISKSHARE_BIN:-target/release/riskshare}"
[ -n "${RISKSHARE_BIN:-}" ] || cargo build --release --quiet
bin=$(realpath "$bin")
work=$(mktemp -d)
session="load-memory-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT
bound=20

worst="dense dense_checked warned tiny_parties unknown_ids long_strings nested syntax_end comments unclosed"
names="${*:-large 16mb $worst 60mb}"
for name in $names; do
    f="$work/$name.ron"
    case "$name" in
        large) python3 benches/gen_agreement.py 200 100 20000 >"$f" ;;
        16mb) python3 benches/gen_agreement.py 200 100 68000 >"$f" ;;
        60mb) head -c $((60 * 1024 * 1024)) /dev/zero | tr '\0' ' ' >"$f" ;;
        *) python3 benches/gen_worst.py "$name" >"$f" ;;
    esac
done

# Runs one load of file $2 in the way $1 names, leaving GNU time's figures in $work/time and
# what the program said in $work/said.
run() {
    local how=$1 f=$2
    rm -f "$work/time" "$work/said" "$work/ended"
    case "$how" in
        check | calc)
            /usr/bin/time -v -o "$work/time" "$bin" "$how" "$f" >/dev/null 2>"$work/said" || true
            ;;
        open)
            if ! command -v tmux >/dev/null; then
                /usr/bin/time -v -o "$work/time" "$bin" "$f" </dev/null >/dev/null \
                    2>"$work/said" || true
                return
            fi
            tmux new-session -d -s "$session" -x 120 -y 40 \
                "RISKSHARE_HOME='$work/home' /usr/bin/time -v -o '$work/time' '$bin' '$f' \
                 2>'$work/said'; touch '$work/ended'"
            local waited=0
            while [ ! -e "$work/ended" ] && [ $waited -lt 1200 ]; do
                # Drawn: the frame's corner is on the screen. Then quit.
                if tmux capture-pane -p -t "$session" 2>/dev/null | grep -q '[┌+]'; then
                    tmux send-keys -t "$session" q
                fi
                sleep 0.1
                waited=$((waited + 1))
            done
            tmux kill-session -t "$session" 2>/dev/null || true
            ;;
    esac
}

printf '%-14s %-6s %8s %9s %7s %8s  %s\n' file load "size MB" "peak MB" "x size" seconds result
for name in $names; do
    f="$work/$name.ron"
    bytes=$(stat -c %s "$f")
    for how in check calc open; do
        run "$how" "$f"
        peak_kb=$(grep 'Maximum resident' "$work/time" | awk '{print $NF}')
        wall=$(grep 'Elapsed (wall clock)' "$work/time" | awk '{print $NF}')
        result=$(grep -v -E '^\s' "$work/said" 2>/dev/null | head -1 | cut -c1-70 || true)
        [ -z "$result" ] && result="(loaded)"
        result=${result//$work\//}
        awk -v n="$name" -v h="$how" -v b="$bytes" -v k="$peak_kb" -v w="$wall" -v r="$result" \
            -v bound="$bound" 'BEGIN {
            x = (k * 1024) / b
            printf "%-14s %-6s %8.1f %9.1f %6.1fx %8s  %s%s\n", n, h, b/1048576, k/1024, x, w,
                (x <= bound || b > 16 * 1048576) ? "" : "OVER 20x: ", r }'
    done
done
