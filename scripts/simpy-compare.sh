#!/usr/bin/env bash
# The engine against SimPy on the same M/M/1 scenario, timed as whole processes, side by side.
#
#   scripts/simpy-compare.sh [RUNS]        (default 5 rounds of alternating runs)
#   NVP_CLIS="before=/path/to/old/simulate" scripts/simpy-compare.sh 5
#                                          (other builds of the CLI, run in every round too)
#
# SimPy comes from PyPI (pinned below) into a local virtual environment, .venv-simpy (gitignored).
# Each round runs SimPy (SIMPY_CUSTOMERS customers, default 200,000) and then each `simulate` CLI
# (about NVP_REQUESTS requests, default 2,000,000; this checkout's release build last) as child
# processes timed from their rusage (what GNU time -v reports, at microsecond resolution), so each
# figure includes start-up, parsing and building the result. Reported per request: wall time and
# CPU time (user + sys; on a shared machine CPU time is the steadier figure), their medians, the
# ratios, and peak memory (from GNU time, when installed). All means are checked against M/M/1
# theory, W = 1/(mu - lambda). A report, not a test: read the medians and the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${1:-5}
SIMPY_VERSION=4.1.2
VENV=.venv-simpy
CUSTOMERS=${SIMPY_CUSTOMERS:-200000}
REQUESTS=${NVP_REQUESTS:-2000000}
RATE=80        # arrivals per second (lambda)
SERVICE_MS=10  # mean service time (1/mu): rho = 0.8, W = 1/(100 - 80) s = 50 ms

if [[ ! -x $VENV/bin/python ]]; then
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import simpy, sys; sys.exit(simpy.__version__ != '$SIMPY_VERSION')" 2>/dev/null; then
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "simpy==$SIMPY_VERSION"
fi

nice -n 10 cargo build --quiet --release -p nvp-sim --bin simulate
CLIS=()
for spec in ${NVP_CLIS:-} "this=target/release/simulate"; do
  [[ -x ${spec#*=} ]] || { echo "simpy-compare: no executable ${spec#*=}" >&2; exit 1; }
  CLIS+=("$spec")
done

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DURATION=$(( REQUESTS / RATE ))

# Whole-process wall and CPU time and peak RSS of a child, from its rusage (scripts/simpy/timed.py).
timed() { # OUT TIMES cmd...
  local out=$1 times=$2; shift 2
  "$VENV/bin/python" scripts/simpy/timed.py "$out" "$@" > "$times"
}

echo "M/M/1, lambda = $RATE/s, E[S] = $SERVICE_MS ms; SimPy $SIMPY_VERSION ($CUSTOMERS customers) vs simulate (~$REQUESTS requests: ${CLIS[*]}); $RUNS alternating rounds"
for i in $(seq "$RUNS"); do
  cat > "$WORK/mm1.$i.json" <<EOF
{"seed": $i, "duration_s": $DURATION, "cores": 1,
 "workload": {"arrival": {"kind": "poisson", "rate_per_s": $RATE},
              "cpu_before_io_ms": {"dist": "exponential", "mean": $SERVICE_MS}},
 "model": {"kind": "event_loop"}}
EOF
  timed "$WORK/simpy.$i.json" "$WORK/simpy.$i.time" "$VENV/bin/python" scripts/simpy/mm1.py "$CUSTOMERS" "$RATE" "$SERVICE_MS" "$i"
  for spec in "${CLIS[@]}"; do
    timed "$WORK/${spec%%=*}.$i.json" "$WORK/${spec%%=*}.$i.time" "${spec#*=}" "$WORK/mm1.$i.json"
  done
done

labels=()
for spec in "${CLIS[@]}"; do labels+=("${spec%%=*}"); done
"$VENV/bin/python" scripts/simpy/report.py "$WORK" "$RUNS" "$RATE" "$SERVICE_MS" "${labels[@]}"
