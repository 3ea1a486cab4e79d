#!/usr/bin/env bash
# Runs every test layer: formatting, lints (native and wasm32), native unit/SSR/property tests,
# wasm tests in headless Chromium, the release build with its size report, and the end-to-end
# suite in Debian Chromium. Set-up runs first and skips whatever is already installed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
WASM=wasm32-unknown-unknown

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy (native)"
cargo clippy --all-targets -- -D warnings
step "clippy (wasm32)"
cargo clippy --all-targets --target "$WASM" -- -D warnings

step "cargo test (core, SSR views, property tests)"
cargo test

step "wasm-bindgen tests in headless Chromium"
CHROMEDRIVER=/usr/bin/chromedriver \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --target "$WASM" --test 'wasm_*' --test sim_wasm

step "trunk build --release"
trunk build --release

step "size report"
node scripts/size-report.mjs dist

step "end-to-end suite (Playwright + Debian Chromium)"
node --test --test-concurrency=1 e2e/
