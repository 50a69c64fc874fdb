#!/usr/bin/env bash
# Proof two of two that riskshare never opens a network socket (proof one is tests/no_network.rs):
# build the release binary and run a real session under `strace -f -e trace=network`, the
# headless commands and the workbench in a terminal, and fail on any call that could reach a
# network.
#
# What is allowed, and why:
#   socketpair(AF_UNIX, ...)   An anonymous pair of connected sockets inside the process, with no
#                              address, so nothing outside can reach it. signal-hook uses one to
#                              carry SIGTERM/SIGHUP/SIGINT to riskshare::signals, and crossterm
#                              (through signal-hook-mio) one for SIGWINCH. The sendto/recvfrom
#                              calls on them carry a NULL address.
# What fails: any socket(), connect(), bind(), listen(), accept() or accept4(), and a socketpair
# of any family but AF_UNIX. Every socket that can reach a network starts with socket(), so a
# trace without one proves the point.
#
# The name-service case: glibc's getpwuid() (which `directories` would call when HOME is unset)
# tries nscd with socket(AF_UNIX) + connect("/var/run/nscd/socket"). That is local, but on a
# machine with sssd or LDAP it is how a user lookup leaves the machine, so riskshare avoids it:
# with no HOME it treats the home as missing. The session below runs once with HOME unset to
# prove that, and that run must show no socket() either.
#
# Usage: scripts/no-network.sh            (builds target/release/riskshare)
#        RISKSHARE_BIN=path scripts/no-network.sh   (traces that binary instead)
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'no-network: %s\n' "$*"; }
fail() { printf 'no-network: FAILED: %s\n' "$*" >&2; exit 1; }

need() {
    command -v "$1" >/dev/null 2>&1 && return
    say "installing $2"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
    command -v "$1" >/dev/null 2>&1 || fail "could not install $2"
}
need strace strace
need tmux tmux

if [ -z "${RISKSHARE_BIN:-}" ]; then
    say "building the release binary"
    cargo build --release --locked --quiet
    RISKSHARE_BIN=target/release/riskshare
fi
BIN=$(realpath "$RISKSHARE_BIN")
[ -x "$BIN" ] || fail "no binary at $BIN"

WORK=$(mktemp -d)
TMUX_SOCKET="riskshare-no-network-$$"
cleanup() {
    tmux -L "$TMUX_SOCKET" kill-server 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$WORK/home"
cp saves/anytown.ron "$WORK/anytown.ron"
TRACE=(strace -f -qq -e trace=network)

# Lines of a trace that could reach a network (see the top of this file).
forbidden() {
    grep -E '(^|[] ])(socket|connect|bind|listen|accept4?)\(' "$1" || true
    grep -E 'socketpair\(' "$1" | grep -v 'socketpair(AF_UNIX,' || true
}

# 0. strace must see a socket when there is one, or a clean trace would prove nothing. bash's
#    /dev/tcp opens one to this machine's own discard port (refused; nothing leaves the machine).
"${TRACE[@]}" -o "$WORK/selftest.trace" bash -c 'exec 3<>/dev/tcp/127.0.0.1/9' 2>/dev/null || true
[ -n "$(forbidden "$WORK/selftest.trace")" ] || fail "strace did not report a known socket call"

check_trace() {
    local name=$1 bad
    bad=$(forbidden "$WORK/$name.trace")
    [ -z "$bad" ] || fail "$name opened a socket:
$bad"
    say "$name: no socket ($(grep -c 'socketpair(AF_UNIX' "$WORK/$name.trace" || true) AF_UNIX socketpair)"
}

# 1. The headless commands, as a script would run them.
run_headless() {
    local name=$1; shift
    HOME="$WORK/home" "${TRACE[@]}" -o "$WORK/$name.trace" "$BIN" "$@" >"$WORK/$name.out" \
        || fail "$name exited with $? ($(head -c 300 "$WORK/$name.out"))"
    [ -s "$WORK/$name.out" ] || fail "$name printed nothing"
    check_trace "$name"
}
run_headless calc-json calc "$WORK/anytown.ron" --format json
run_headless calc-table calc "$WORK/anytown.ron" --variance 3 --format table
run_headless check check "$WORK/anytown.ron"

# 2. The workbench in a real terminal (tmux, 120x40), driven for a few keys then `q`.
run_workbench() {
    local name=$1 env_prefix=$2 rc_file="$WORK/$1.rc" screen
    rm -f "$rc_file"
    tmux -L "$TMUX_SOCKET" new-session -d -x 120 -y 40 -s "$name" \
        "cd '$WORK' && $env_prefix ${TRACE[*]} -o '$WORK/$name.trace' '$BIN' anytown.ron; echo \$? > '$rc_file'; sleep 1"
    sleep 2
    [ ! -e "$rc_file" ] || fail "$name ended before any key (exit $(cat "$rc_file"))"
    for key in 2 3 4 1 Tab '?' Escape; do
        tmux -L "$TMUX_SOCKET" send-keys -t "$name" "$key"
        sleep 0.3
    done
    screen=$(tmux -L "$TMUX_SOCKET" capture-pane -p -t "$name")
    [ -n "$(printf '%s' "$screen" | tr -d '[:space:]')" ] || fail "$name drew nothing"
    [ ! -e "$rc_file" ] || fail "$name ended during the keys (exit $(cat "$rc_file"))"
    tmux -L "$TMUX_SOCKET" send-keys -t "$name" q
    for i in $(seq 1 20); do
        [ -e "$rc_file" ] && break
        sleep 0.25
        # A quit that asks first (unsaved changes) is answered yes once.
        if [ "$i" = 4 ]; then tmux -L "$TMUX_SOCKET" send-keys -t "$name" y; fi
    done
    [ -e "$rc_file" ] || fail "$name did not quit on q"
    [ "$(cat "$rc_file")" = 0 ] || fail "$name exited with $(cat "$rc_file")"
    check_trace "$name"
}
KEEP_OUT="-u RISKSHARE_HOME -u XDG_CONFIG_HOME -u XDG_DATA_HOME"
run_workbench workbench "env $KEEP_OUT HOME='$WORK/home'"
run_workbench workbench-no-home "env $KEEP_OUT -u HOME"

say "passed: no socket in $(ls "$WORK"/*.trace | wc -l) traced runs (one of them the self-test)"
