#!/usr/bin/env bash
# Installs what the widget needs, skipping what is already there at the right version. Safe to
# run again and again; serve.sh and test.sh call it.
#
#   scripts/setup.sh          what building and serving need: the wasm32 target, trunk, the
#                             matching wasm-bindgen CLI, wasm-opt and terser (npm dependencies).
#   scripts/setup.sh --test   also what testing needs: rustfmt and clippy, Debian Chromium and
#                             chromedriver, Playwright and axe (npm devDependencies).
#
# Only crates.io, npm, Debian and rustup are reachable on the project's machines, so nothing is
# downloaded from a project's release page (see ../shared/toolchain.md). Each step says what it
# installs and roughly how long it takes on 2 cores; a failed step says which, and what to try.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
FOR_TESTS=false
[ "${1:-}" = "--test" ] && FOR_TESTS=true

bold() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
START=$(date +%s)
CURRENT=""
on_error() {
  local code=$?
  printf '\n\033[1;31m[setup] failed while %s (exit %s).\033[0m\n' "$CURRENT" "$code" >&2
  case "$CURRENT" in
    *trunk*|*wasm-bindgen*) echo "  Check that crates.io is reachable (cargo search trunk) and that there is disk space; then run the command again: finished steps are skipped." >&2 ;;
    *Chromium*) echo "  Run as root or with sudo, or install the Debian packages chromium and chromium-driver yourself." >&2 ;;
    *npm*) echo "  Check that the npm registry is reachable (npm ping) and that Node.js 20 and npm are installed." >&2 ;;
    *) echo "  Run the command again; finished steps are skipped." >&2 ;;
  esac
  exit "$code"
}
trap on_error ERR

# Runs one step: prints what it does and how long it took.
step() {
  CURRENT="$1"
  local expect="$2"
  shift 2
  bold "$CURRENT (usually $expect on 2 cores)"
  local t0
  t0=$(date +%s)
  "$@"
  bold "done in $(( $(date +%s) - t0 )) s: $CURRENT"
}

# The wasm-bindgen CLI must equal the library version Cargo.lock pins (Cargo.toml pins it with =).
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
[ -n "$WASM_BINDGEN_VERSION" ] || { echo "setup: no wasm-bindgen in Cargo.lock" >&2; exit 1; }

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

# Tools are built, not run, here: they spend their time launching cargo, wasm-bindgen and
# wasm-opt, so they need no whole-program optimisation. Building them without LTO, with 16
# codegen units and at opt-level 1 takes about half as long as their own release profiles, and
# a release build of the widget takes the same time with them (README, "Set-up time").
tool_install() {
  CARGO_PROFILE_RELEASE_LTO=false \
  CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
  CARGO_PROFILE_RELEASE_OPT_LEVEL=1 \
  CARGO_PROFILE_RELEASE_DEBUG=false \
    cargo install --quiet "$@"
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target" "20 s" rustup target add wasm32-unknown-unknown
fi

need_trunk=false
need_bindgen=false
[ "$(trunk --version 2>/dev/null | awk '{print $2}')" = "$TRUNK_VERSION" ] || need_trunk=true
[ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" = "$WASM_BINDGEN_VERSION" ] || need_bindgen=true
if $need_trunk && $need_bindgen; then
  # Both at once: each is mostly one long-running crate, so two builds fill two cores.
  CURRENT="installing trunk $TRUNK_VERSION and wasm-bindgen-cli $WASM_BINDGEN_VERSION side by side"
  bold "$CURRENT (usually 6-8 minutes on 2 cores)"
  t0=$(date +%s)
  tool_install --locked "trunk@$TRUNK_VERSION" --no-default-features --features rustls &
  trunk_pid=$!
  # --locked fails for this crate: one locked dependency is no longer on the registry.
  tool_install --force "wasm-bindgen-cli@$WASM_BINDGEN_VERSION" &
  bindgen_pid=$!
  wait "$trunk_pid" || { CURRENT="installing trunk $TRUNK_VERSION"; false; }
  wait "$bindgen_pid" || { CURRENT="installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"; false; }
  bold "done in $(( $(date +%s) - t0 )) s: $CURRENT"
elif $need_trunk; then
  step "installing trunk $TRUNK_VERSION" "5-6 minutes" \
    tool_install --locked "trunk@$TRUNK_VERSION" --no-default-features --features rustls
elif $need_bindgen; then
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION" "3 minutes" \
    tool_install --force "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
fi

# npm packages from the committed lock file: the build tools always, the test tools for tests.
LOCK_SUM=$(sha256sum package-lock.json | cut -d' ' -f1)
STAMP="node_modules/.nvp-lock-sum"
want="build:$LOCK_SUM"
$FOR_TESTS && want="test:$LOCK_SUM"
have=$(cat "$STAMP" 2>/dev/null || true)
if [ "$have" != "$want" ] && [ "$have" != "test:$LOCK_SUM" ] || [ ! -x node_modules/.bin/wasm-opt ]; then
  if $FOR_TESTS; then
    step "installing the npm build and test packages (npm ci)" "10 s" \
      npm ci --no-audit --no-fund --loglevel=error
  else
    step "installing the npm build packages (npm ci --omit=dev)" "5 s" \
      npm ci --omit=dev --no-audit --no-fund --loglevel=error
  fi
  echo "$want" > "$STAMP"
fi

if $FOR_TESTS; then
  for component in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^$component"; then
      step "adding rustup component $component" "20 s" rustup component add "$component"
    fi
  done
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    apt_install() {
      $SUDO apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver
    }
    step "installing Debian Chromium and chromedriver" "1 minute" apt_install
  fi
fi

# Cargo dependencies, so later builds (and trunk's --offline mode) never wait on the network.
CURRENT="fetching the crates the workspace uses (cargo fetch)"
cargo fetch --quiet

CURRENT="reporting"
bold "ready in $(( $(date +%s) - START )) s: trunk $(trunk --version | awk '{print $2}'), wasm-bindgen $(wasm-bindgen --version | awk '{print $2}'), $(wasm-opt --version | awk '{print $1, $3}')$($FOR_TESTS && echo ", $(/usr/bin/chromium --version 2>/dev/null)")"
