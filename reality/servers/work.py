"""The one request shape every Python server in the reality check runs.

A request asks for CPU, then I/O, then CPU again (times in milliseconds in the query string, drawn by
the load generator from the scenario's seed). CPU is burnt in Python itself, so the thread holds the GIL
as real Python code does, except for the `ns` share, which is burnt in hashlib over a large buffer:
native code that releases the GIL. The I/O is the runtime's own non-blocking wait. With `k` > 1 the I/O
is split into k equal waits and the second CPU phase into k equal slices, one after each wait.

CPU time is counted on the thread's own clock (time.thread_time), so a thread waiting for the GIL or for
a core is not credited with work it did not do. The response body reports the CPU and I/O time the
request really got, so the harness can tell emulation error from model error.
"""

import asyncio
import hashlib
import os
import sys
import time

# A scenario may set CPython's GIL switch interval (the model gets the same figure).
if os.environ.get("REALITY_SWITCH_INTERVAL_MS"):
    sys.setswitchinterval(float(os.environ["REALITY_SWITCH_INTERVAL_MS"]) / 1e3)

_cpu = time.thread_time
_wall = time.perf_counter

# hashlib releases the GIL for buffers over 2 KiB; 8 MiB keeps each native call long and uninterrupted.
_CHUNK = 8 << 20
_BUF = memoryview(bytearray(_CHUNK))


def _hash_rate():
    """Bytes hashed per CPU second on this machine (best of a few tries, so noise does not inflate it)."""
    sample = _BUF[: 1 << 20]
    best = float("inf")
    for _ in range(5):
        t0 = _cpu()
        hashlib.sha256(sample)
        best = min(best, _cpu() - t0)
    return len(sample) / max(best, 1e-6)


_BYTES_PER_S = _hash_rate()


class BadRequest(ValueError):
    """A query the handler cannot run; answered with 400 and this message."""


class Demand:
    __slots__ = ("c1", "io", "c2", "k", "ns")

    def __init__(self, c1=0.0, io=0.0, c2=0.0, k=1, ns=0.0):
        self.c1, self.io, self.c2, self.k, self.ns = c1, io, c2, k, ns


def parse(query):
    """Reads c1, io, c2 (ms), k (I/O calls) and ns (native share 0..1) from a query string."""
    d = Demand()
    for part in query.split("&"):
        if not part:
            continue
        key, _, value = part.partition("=")
        if key not in Demand.__slots__:
            raise BadRequest(f"unknown parameter {key!r}")
        try:
            number = int(value) if key == "k" else float(value)
        except ValueError:
            raise BadRequest(f"{key} must be a number, got {value!r}") from None
        setattr(d, key, number)
    if min(d.c1, d.io, d.c2) < 0 or not 0 <= d.ns <= 1 or not 1 <= d.k <= 1000:
        raise BadRequest("need c1, io, c2 >= 0, 0 <= ns <= 1 and 1 <= k <= 1000")
    return d


def _burn_python(seconds):
    end = _cpu() + seconds
    while _cpu() < end:
        pass


def _burn_native(seconds):
    left = int(seconds * _BYTES_PER_S)
    while left > 0:
        n = min(left, _CHUNK)
        hashlib.sha256(_BUF[:n])
        left -= n


def _burn(ms, native_share):
    """Burns `ms` of this thread's CPU; returns the CPU seconds it really took."""
    if ms <= 0:
        return 0.0
    t0 = _cpu()
    seconds = ms / 1e3
    if native_share > 0:
        _burn_native(seconds * native_share)
    _burn_python(t0 + seconds - _cpu())
    return _cpu() - t0


def _body(cpu_s, io_s):
    return f"cpu={cpu_s * 1e3:.3f} io={io_s * 1e3:.3f}\n".encode()


def run_blocking(d):
    """For threaded and sync workers: the I/O blocks this thread only (time.sleep drops the GIL)."""
    cpu = _burn(d.c1, d.ns)
    io = 0.0
    if d.io > 0:
        for _ in range(d.k):
            t0 = _wall()
            time.sleep(d.io / d.k / 1e3)
            io += _wall() - t0
            cpu += _burn(d.c2 / d.k, d.ns)
    else:
        cpu += _burn(d.c2, d.ns)
    return _body(cpu, io)


async def run_async(d):
    """For asyncio: the I/O is an await, so the loop serves other requests meanwhile."""
    cpu = _burn(d.c1, d.ns)
    io = 0.0
    if d.io > 0:
        for _ in range(d.k):
            t0 = _wall()
            await asyncio.sleep(d.io / d.k / 1e3)
            io += _wall() - t0
            cpu += _burn(d.c2 / d.k, d.ns)
    else:
        cpu += _burn(d.c2, d.ns)
    return _body(cpu, io)
