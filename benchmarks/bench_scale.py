"""Scale-out benchmark: a sweep's peak memory under ``max_memory``, and a 2-worker Dask LocalCluster
against the fastest single-process sweep.

    .venv/bin/python benchmarks/bench_scale.py [--quick]

(1) Memory. 500 synthetic assets (the bundled ^GSPC bars times seeded random walks: bundled data has few
symbols) x 190 SMA-crossover combinations (fast 5..50 x slow 20..200, no constraint), each case in a fresh
subprocess so that its peak RSS is its own: ``max_memory="512MB"`` (the default) against
``max_memory="4GB"``, a budget that keeps the whole universe in every chunk (every indicator cached over
all 500 symbols: how sweeps ran before the budget counted the caches). Printed: RSS before the sweep (the
engine warm, the prices built), the peak, and the peak's rise over it beside the budget. The two tables
are checked equal, number for number.

(2) Speed. N assets x 190 combinations at ``max_memory="2GB"``: the fastest of two single-process sweeps
against the fastest of two sweeps on ``LocalCluster(n_workers=2, threads_per_worker=1)``, after one
warm-up sweep there (numba loads its cache on each worker). The cluster's start-up is timed apart. The
machine's load is printed with every figure: it is shared, so a loaded machine shrinks the speed-up.
Speed is measured and printed here, never asserted in tests.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time

import numpy as np
import pandas as pd

GRID = {"fast.window": list(range(5, 55, 5)), "slow.window": list(range(20, 210, 10))}


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def universe(n: int) -> tuple[object, dict[str, pd.DataFrame]]:
    """The SMA crossover over n synthetic assets, and their prices."""
    import foa
    from foa.spec.library import get

    df = foa.samples.market_data("^GSPC")[["Open", "High", "Low", "Close", "Volume"]]
    rng = np.random.default_rng(7)
    prices = {}
    for k in range(n):
        walk = np.exp(np.cumsum(rng.normal(0, 0.01, len(df))))
        f = df.copy()
        for c in ("Open", "High", "Low", "Close"):
            f[c] = f[c] * walk
        prices[f"A{k:03d}"] = f
    base = get("sma_crossover")
    return base.model_copy(update={"universe": base.universe.model_copy(update={"symbols": list(prices)})}), prices


def memory_case(n: int, budget: str, out: str) -> None:
    """In a fresh process: one sweep under ``budget``; JSON with its RSS figures, its table pickled."""
    import psutil

    import foa
    from foa.spec.library import get

    foa.sweep(get("sma_crossover"), foa.samples.market_data("^GSPC"), {"fast.window": [5, 10]}, progress=False)
    spec, prices = universe(n)
    before = psutil.Process().memory_info().rss
    t = time.perf_counter()
    res = foa.sweep(spec, prices, GRID, max_memory=budget, progress=False)
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    res.table.to_pickle(out)
    print(json.dumps({"budget": budget, "combos": len(res.table), "seconds": seconds, "before_mb": before / 2**20,
                      "peak_mb": peak / 2**20, "indicators": res.indicator_computations}))


def memory(n: int) -> None:
    print(f"\n(1) memory: {n} assets x {len(GRID['fast.window']) * len(GRID['slow.window'])} combinations, "
          "a fresh process per case")
    tables = {}
    with tempfile.TemporaryDirectory() as tmp:
        for budget in ("512MB", "4GB"):
            out = os.path.join(tmp, f"{budget}.pkl")
            print(f"  {budget:>6}: running ({load()})", flush=True)
            proc = subprocess.run([sys.executable, __file__, "--memory-case", str(n), budget, out],
                                  capture_output=True, text=True)
            if proc.returncode:
                print(proc.stderr[-2000:])
                raise SystemExit(f"the {budget} case failed")
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            rise = r["peak_mb"] - r["before_mb"]
            from foa.engine.sweep import memory_bytes

            cap = memory_bytes(budget) / 2**20
            print(f"  {budget:>6}: {r['seconds']:6.1f} s, RSS before {r['before_mb']:5.0f} MB, peak {r['peak_mb']:5.0f} MB, "
                  f"rise {rise:5.0f} MB (budget {cap:.0f} MB + 300 MB: {'within' if rise <= cap + 300 else 'OVER'}), "
                  f"{r['indicators']} indicator computations")
            tables[budget] = pd.read_pickle(out)
    pd.testing.assert_frame_equal(tables["512MB"], tables["4GB"], check_exact=True)
    print("  the two tables are equal, number for number")


def speed(n: int) -> None:
    import distributed

    import foa

    spec, prices = universe(n)
    kw = dict(max_memory="2GB", progress=False)
    print(f"\n(2) speed: {n} assets x 190 combinations, max_memory='2GB'")
    foa.sweep(spec, prices, GRID, **kw)  # warm: numba's cache loaded in this process
    local, ref = [], None
    for _ in range(2):
        c0, t = time.process_time(), time.perf_counter()
        ref = foa.sweep(spec, prices, GRID, **kw)
        local.append((time.perf_counter() - t, time.process_time() - c0))
        print(f"  single process: {local[-1][0]:6.1f} s wall, {local[-1][1]:6.1f} s CPU ({load()})", flush=True)
    t = time.perf_counter()
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        client.wait_for_workers(2)
        start = time.perf_counter() - t
        print(f"  cluster start-up (2 worker processes): {start:.1f} s")
        t = time.perf_counter()
        warm = foa.sweep(spec, prices, GRID, client=client, **kw)
        print(f"  cluster warm-up sweep (workers load numba's cache, receive the prices): {time.perf_counter() - t:.1f} s")
        remote = []
        for _ in range(2):
            t = time.perf_counter()
            res = foa.sweep(spec, prices, GRID, client=client, **kw)
            remote.append(time.perf_counter() - t)
            print(f"  2-worker cluster: {remote[-1]:6.1f} s wall ({load()})", flush=True)
    pd.testing.assert_frame_equal(ref.table, res.table, check_exact=True)
    pd.testing.assert_frame_equal(ref.table, warm.table, check_exact=True)
    best_local, best_remote = min(w for w, _ in local), min(remote)
    print(f"  speed-up of the cluster over the fastest single-process sweep: {best_local / best_remote:.2f}x "
          f"(target >= 1.6x on 2 cores); the tables are equal. {load()}")


def main() -> None:
    if "--memory-case" in sys.argv:
        i = sys.argv.index("--memory-case")
        memory_case(int(sys.argv[i + 1]), sys.argv[i + 2], sys.argv[i + 3])
        return
    quick = "--quick" in sys.argv
    print(f"bench_scale: {load()}")
    memory(100 if quick else 500)
    speed(20 if quick else 60)


if __name__ == "__main__":
    main()
