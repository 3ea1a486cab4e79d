"""Summarises scripts/simpy-compare.sh's runs: per-request times, medians, ratios, peak memory,
and the M/M/1 sanity check. Exit status 1 when a mean latency is off theory.

Usage: python report.py WORK RUNS RATE SERVICE_MS LABEL...
WORK holds simpy.N.{json,time} and LABEL.N.{json,time} for N = 1..RUNS (timed.py's lines).
"""
import json
import statistics as st
import sys

import simpy


def side(work, name, runs, count):
    rows = []
    for i in range(1, runs + 1):
        with open(f"{work}/{name}.{i}.time") as f:
            wall, user, sys_, rss = (float(x) for x in f.read().split()[-4:])
        with open(f"{work}/{name}.{i}.json") as f:
            n, mean = count(json.load(f))
        rows.append(dict(n=n, mean=mean, wall=wall / n * 1e6, cpu=(user + sys_) / n * 1e6, rss=rss / 1024))
    return rows


def main():
    work, runs, rate, service_ms = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
    labels = sys.argv[5:]
    theory_ms = 1e3 / (1e3 / service_ms - rate)
    sim = side(work, "simpy", runs, lambda o: (o["served"], o["mean_ms"]))
    clis = {l: side(work, l, runs, lambda o: (o["latency_ms"]["count"], o["latency_ms"]["mean"])) for l in labels}
    med = lambda rows, k: st.median(r[k] for r in rows)
    mb = lambda rows: f"{med(rows, 'rss'):.1f}" if all(r["rss"] > 0 for r in rows) else "–"

    print("\nper request (µs), wall / CPU, and SimPy's time over ours, by round:")
    for i in range(runs):
        s = sim[i]
        cells = "   ".join(
            f"{l} {c[i]['wall']:.4f} / {c[i]['cpu']:.4f} ({s['wall'] / c[i]['wall']:.0f}× / {s['cpu'] / c[i]['cpu']:.0f}×)"
            for l, c in clis.items())
        print(f"  {i + 1}: SimPy {s['wall']:.2f} / {s['cpu']:.2f}   {cells}")

    print(f"\n| {runs} rounds, medians | µs per request, wall | µs per request, CPU | SimPy ÷ this, wall | SimPy ÷ this, CPU"
          " | per-round ratio, wall | peak RSS (MB) | requests per run |")
    print("|---|---|---|---|---|---|---|---|")
    print(f"| SimPy {simpy.__version__} | {med(sim, 'wall'):.2f} | {med(sim, 'cpu'):.2f} | 1× | 1× | – | {mb(sim)} | {sim[0]['n']:,} |")
    for l, c in clis.items():
        per_round = st.median(s["wall"] / o["wall"] for s, o in zip(sim, c))
        print(f"| simulate ({l}) | {med(c, 'wall'):.4f} | {med(c, 'cpu'):.4f} | {med(sim, 'wall') / med(c, 'wall'):.0f}×"
              f" | {med(sim, 'cpu') / med(c, 'cpu'):.0f}× | {per_round:.0f}× | {mb(c)} | {c[0]['n']:,} |")

    # Sanity: the same model. Means of M/M/1 sojourn times converge slowly at rho = 0.8 (one SimPy
    # run of 200 k customers can be 5 % off), so SimPy's runs are pooled (within 3 %), and each of
    # our runs, ten times longer, must be within 2 %.
    ok = True
    pooled = sum(r["mean"] * r["n"] for r in sim) / sum(r["n"] for r in sim)
    checks = [("SimPy (runs pooled)", [pooled], 0.03)]
    checks += [(f"simulate {l} (each run)", [r["mean"] for r in c], 0.02) for l, c in clis.items()]
    print()
    for name, means, tol in checks:
        worst = max(abs(m - theory_ms) / theory_ms for m in means)
        good = worst <= tol
        ok &= good
        print(f"mean latency, {name}: {', '.join(f'{m:.2f}' for m in means)} ms; M/M/1 theory {theory_ms:.2f} ms;"
              f" off by {worst:.1%} at most ({'ok' if good else 'OFF'}, allowed {tol:.0%})")
    print("SimPy per run: " + ", ".join(f"{r['mean']:.2f}" for r in sim) + " ms")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
