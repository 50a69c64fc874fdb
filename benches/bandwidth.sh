#!/usr/bin/env bash
# Bytes written per slider step at 120x40, and the bytes of the cells each step changed.
#
#   bash benches/bandwidth.sh
#
# 1. The real binary in a pseudo-terminal (tests/tui_bandwidth.rs): twelve steps right in the
#    Scenario pane, in 24-bit colour, 16 colours and NO_COLOR --ascii; idle bytes over 1.2 s.
# 2. The same steps drawn in-process through the `view::wire` backend and through ratatui's
#    crossterm backend (src/tui/view/wire/tests.rs), parsed by the same terminal emulator.
# The figures are byte counts, so they are the same on every run and every machine.
# BANDWIDTH_DUMP=1 also prints what each step wrote in the pseudo-terminal.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== the binary in a pseudo-terminal"
cargo test --quiet --test tui tui_bandwidth:: -- --nocapture --test-threads=1 2>&1 |
    grep -E '^(bandwidth|  bytes per step|  cells per step|step )' || true
echo
echo "== in-process: the wire backend against ratatui's crossterm backend"
cargo test --quiet --lib view::wire::tests::a_slider_step -- --nocapture 2>&1 |
    grep -E 'steps changed' || true
