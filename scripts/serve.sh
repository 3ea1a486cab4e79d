#!/usr/bin/env bash
# Serves the demo page with both widget instances at http://127.0.0.1:8080/ (set-up runs first
# and skips whatever is already installed).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
echo
echo "  node-vs-python demo page: http://127.0.0.1:8080/   (Ctrl+C to stop)"
echo
# A release build: the simulator is only interactive when optimised (a debug build of the
# engine is many times slower), and it is what visitors get.
exec trunk serve --release --address 127.0.0.1 --port 8080 "$@"
