#!/usr/bin/env bash
# The engine against SimPy on the same M/M/1 scenario, timed as whole processes, side by side.
#
#   scripts/simpy-compare.sh [RUNS]        (default 5; RUNS pairs of alternating runs)
#
# SimPy comes from PyPI (pinned below) into a local virtual environment, .venv-simpy (gitignored).
# Each pair runs SimPy (SIMPY_CUSTOMERS customers, default 200,000) and then our `simulate` CLI
# (about NVP_REQUESTS requests, default 2,000,000) as child processes timed from their rusage (what
# GNU time -v reports, at microsecond resolution), so each figure includes start-up, parsing and
# building the result. Reported per request: wall time and CPU time (user +
# sys; on a shared machine CPU time is the steadier figure), the median of each, their ratio, and
# peak memory. Both means are checked against M/M/1 theory, W = 1/(mu - lambda).
# A report, not a test: machines are noisy, so read the medians and the ratio, not one run.
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
CLI=target/release/simulate
[[ -x $CLI ]] || { echo "simpy-compare: no $CLI after the build" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DURATION=$(( REQUESTS / RATE ))
cat > "$WORK/mm1.json" <<EOF
{"seed": 1, "duration_s": $DURATION, "cores": 1,
 "workload": {"arrival": {"kind": "poisson", "rate_per_s": $RATE},
              "cpu_before_io_ms": {"dist": "exponential", "mean": $SERVICE_MS}},
 "model": {"kind": "event_loop"}}
EOF

# Whole-process wall and CPU time and peak RSS of a child, from its rusage (scripts/simpy/timed.py).
timed() { # OUT TIMES cmd...
  local out=$1 times=$2; shift 2
  "$VENV/bin/python" scripts/simpy/timed.py "$out" "$@" > "$times"
}

echo "M/M/1, lambda = $RATE/s, E[S] = $SERVICE_MS ms; SimPy $SIMPY_VERSION ($CUSTOMERS customers) vs simulate (~$REQUESTS requests); $RUNS alternating pairs"
for i in $(seq "$RUNS"); do
  timed "$WORK/simpy.$i.json" "$WORK/simpy.$i.time" "$VENV/bin/python" scripts/simpy/mm1.py "$CUSTOMERS" "$RATE" "$SERVICE_MS" "$i"
  sed "s/\"seed\": 1/\"seed\": $i/" "$WORK/mm1.json" > "$WORK/mm1.$i.json"
  timed "$WORK/nvp.$i.json" "$WORK/nvp.$i.time" "$CLI" "$WORK/mm1.$i.json"
done

"$VENV/bin/python" - "$WORK" "$RUNS" "$RATE" "$SERVICE_MS" <<'EOF'
import json, statistics as st, sys
work, runs, rate, service_ms = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
theory_ms = 1e3 / (1e3 / service_ms - rate)

def side(name, count):
    rows = []
    for i in range(1, runs + 1):
        wall, user, sys_, rss = (float(x) for x in open(f"{work}/{name}.{i}.time").read().split()[-4:])
        out = json.load(open(f"{work}/{name}.{i}.json"))
        n, mean = count(out)
        rows.append(dict(n=n, mean=mean, wall=wall / n * 1e6, cpu=(user + sys_) / n * 1e6, rss=rss / 1024))
    return rows

simpy = side("simpy", lambda o: (o["served"], o["mean_ms"]))
nvp = side("nvp", lambda o: (o["latency_ms"]["count"], o["latency_ms"]["mean"]))
med = lambda rows, k: st.median(r[k] for r in rows)

print(f"\n{'run':>4} {'SimPy µs/req wall':>18} {'cpu':>7} {'ours µs/req wall':>17} {'cpu':>7} {'ratio wall':>11} {'cpu':>6}")
for i, (s, o) in enumerate(zip(simpy, nvp), 1):
    print(f"{i:>4} {s['wall']:>18.2f} {s['cpu']:>7.2f} {o['wall']:>17.4f} {o['cpu']:>7.4f} {s['wall']/o['wall']:>10.0f}× {s['cpu']/o['cpu']:>5.0f}×")
print(f"\nmedian per request: SimPy {med(simpy,'wall'):.2f} µs wall, {med(simpy,'cpu'):.2f} µs CPU;"
      f" ours {med(nvp,'wall'):.4f} µs wall, {med(nvp,'cpu'):.4f} µs CPU")
print(f"ratio of medians: {med(simpy,'wall')/med(nvp,'wall'):.0f}× wall, {med(simpy,'cpu')/med(nvp,'cpu'):.0f}× CPU"
      f" (median of per-pair ratios: {st.median(s['wall']/o['wall'] for s, o in zip(simpy, nvp)):.0f}× wall)")
if all(r["rss"] > 0 for r in simpy + nvp):
    print(f"peak RSS (median): SimPy {med(simpy,'rss'):.1f} MB with {simpy[0]['n']:,} customers; ours {med(nvp,'rss'):.1f} MB with {nvp[0]['n']:,} requests")

# Sanity: the same model. Means of M/M/1 sojourn times converge slowly at rho = 0.8 (one SimPy run
# of 200 k customers can be 5 % off), so SimPy's runs are pooled (within 3 %), and each of our runs,
# ten times longer, must be within 2 %.
ok = True
pooled = sum(r["mean"] * r["n"] for r in simpy) / sum(r["n"] for r in simpy)
for name, means, tol in (("SimPy (pooled)", [pooled], 0.03), ("ours (each run)", [r["mean"] for r in nvp], 0.02)):
    worst = max(abs(m - theory_ms) / theory_ms for m in means)
    good = worst <= tol
    ok &= good
    print(f"mean latency {name}: {', '.join(f'{m:.2f}' for m in means)} ms; M/M/1 theory {theory_ms:.2f} ms;"
          f" off by {worst:.1%} at most ({'ok' if good else 'OFF'}, allowed {tol:.0%})")
per_run = ", ".join(f"{r['mean']:.2f}" for r in simpy)
print(f"SimPy per run: {per_run} ms")
sys.exit(0 if ok else 1)
EOF
