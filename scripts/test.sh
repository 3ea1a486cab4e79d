#!/usr/bin/env bash
# Runs every test layer: formatting, lints (native and wasm32), the workspace's native tests
# (core crates, views rendered through Yew's SSR, property tests, fuzzing, queueing theory), wasm
# tests in headless Chromium, the release build with its size report, the end-to-end suite in
# Debian Chromium, and the reality check's smoke run against real servers. Set-up runs first and
# skips whatever is already installed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

START=$(date +%s)
step() { printf '\n\033[1m== %s\033[0m (%s s so far)\n' "$*" "$(( $(date +%s) - START ))"; }
WASM=wasm32-unknown-unknown

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy (native)"
cargo clippy --workspace --all-targets -- -D warnings
step "clippy (wasm32)"
cargo clippy --workspace --all-targets --target "$WASM" -- -D warnings

step "cargo test (core crates, views through SSR, property tests, fuzzing, queueing theory)"
cargo test --workspace

step "wasm-bindgen tests in headless Chromium"
export CHROMEDRIVER=/usr/bin/chromedriver
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export WASM_BINDGEN_TEST_TIMEOUT=120
cargo test --target "$WASM" -p node-vs-python --test wasm_shell
cargo test --target "$WASM" -p nvp-sim --test sim_wasm
unset CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER

step "trunk build --release"
trunk build --release

step "size report"
node scripts/size-report.mjs dist

step "end-to-end suite (Playwright + Debian Chromium)"
node --test --test-concurrency=1 e2e/

if [ -x scripts/reality-check.sh ]; then
  step "reality check, smoke run (real Node.js and CPython servers on loopback)"
  bash scripts/reality-check.sh --smoke
fi

step "all tests passed in $(( $(date +%s) - START )) s"
