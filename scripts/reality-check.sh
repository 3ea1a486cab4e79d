#!/usr/bin/env bash
# Reality check (issue 15): the same seeded traffic through real Node.js and CPython servers and through
# the simulator, side by side. Installs what it needs (a Python venv from reality/requirements.txt, the
# Rust load generator), runs every scenario, and rewrites docs/validation.md and docs/validation.svg.
#
#   ./scripts/reality-check.sh            full run, about 15 minutes on 2 cores
#   ./scripts/reality-check.sh --smoke    one Node.js and one gthread scenario at low load (under a minute
#                                         once built); exits non-zero if the harness breaks or the
#                                         simulation is off by more than the bound in reality/loadgen/src/verdict.rs
#   ./scripts/reality-check.sh --report   rewrite the report from the last full run's results
# Extra arguments go to the load generator (e.g. --only node-io,gthread-io --short).
#
# Traffic goes to 127.0.0.1 only. Servers run pinned to core 0 (and 1 for two-core scenarios); the load
# generator runs on the last core; as root the servers run at nice -10 and the generator at -20, each
# in a session of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m[reality]\033[0m %s\n' "$*" >&2; }
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"

need() { command -v "$1" >/dev/null || { echo "reality-check: $1 is required ($2)" >&2; exit 2; }; }
need node "Node.js 20 or later"
need python3 "CPython 3.11 or later with venv"
need cargo "the Rust toolchain"

VENV=reality/.venv
REQ_SUM=$(sha256sum reality/requirements.txt | cut -d' ' -f1)
if [ "$(cat "$VENV/.req-sum" 2>/dev/null)" != "$REQ_SUM" ]; then
  say "installing the Python servers into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r reality/requirements.txt
  echo "$REQ_SUM" > "$VENV/.req-sum"
fi

say "building the load generator"
cargo build --release --quiet --manifest-path reality/loadgen/Cargo.toml
LOADGEN=reality/loadgen/target/release/reality-loadgen

ARGS=(run)
case "${1:-}" in
  --smoke) ARGS=(run --smoke); shift ;;
  --report) ARGS=(report); shift ;;
esac

# The load generator gets the last core; servers are pinned to the first ones by the generator itself.
LAST=$(( $(nproc --all) - 1 ))
PIN=()
if command -v taskset >/dev/null && [ "$LAST" -ge 1 ]; then PIN=(taskset -c "$LAST"); fi
# setsid gives the generator a session of its own, which it raises to nice -20 when run as root (the
# servers get sessions at -10), so other work on a shared machine disturbs the measurements less.
if command -v setsid >/dev/null; then PIN=(setsid -w "${PIN[@]}"); fi
say "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
exec "${PIN[@]}" "$LOADGEN" "${ARGS[@]}" "$@"
