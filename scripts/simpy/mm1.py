"""M/M/1 in SimPy, written the way SimPy's own examples write a queue: a source process that
spawns one process per customer, a Resource with capacity 1, a timeout for the service.

Usage: python mm1.py CUSTOMERS RATE_PER_S MEAN_SERVICE_MS SEED
Prints one JSON object: customers served, mean latency (ms) and the simulated time.
"""
import json
import random
import sys

import simpy


def main():
    customers, rate, mean_ms, seed = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    mean_s = mean_ms / 1e3
    rng = random.Random(seed)
    env = simpy.Environment()
    server = simpy.Resource(env, capacity=1)
    total = [0.0, 0]

    def customer():
        arrived = env.now
        with server.request() as req:
            yield req
            yield env.timeout(rng.expovariate(1.0 / mean_s))
        total[0] += env.now - arrived
        total[1] += 1

    def source():
        for _ in range(customers):
            env.process(customer())
            yield env.timeout(rng.expovariate(rate))

    env.process(source())
    env.run()
    print(json.dumps({"served": total[1], "mean_ms": total[0] / total[1] * 1e3, "end_s": env.now}))


if __name__ == "__main__":
    main()
