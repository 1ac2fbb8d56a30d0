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
against the fastest of two sweeps on foa's own 2-worker LocalCluster (``foa.cluster.local_client(2)``,
what ``client=True`` starts: one thread per worker), after one warm-up sweep there (numba loads its cache
on each worker), then the same given the prices as a Parquet dataset (each worker reads them itself).
The cluster's start-up is timed apart. Beside the wall times: the CPU seconds of this process and of the
workers, so that the cluster's overhead shows whatever else runs on the machine, and the machine's load:
it is shared, so a loaded machine shrinks the wall-clock speed-up. Speed is measured and printed here,
never asserted in tests.
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


def _cpu() -> float:
    return time.process_time()


def speed(n: int) -> None:
    import foa
    from foa.cluster import local_client

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
    with tempfile.TemporaryDirectory() as tmp:
        ws = foa.Workspace(os.path.join(tmp, "w.duckdb"))
        ws.prices.write(prices)
        ws.prices.export_parquet(os.path.join(tmp, "prices"))
        dataset = os.path.join(tmp, "prices")
        t = time.perf_counter()
        client = local_client(2)
        try:
            client.wait_for_workers(2)
            print(f"  cluster start-up (2 worker processes): {time.perf_counter() - t:.1f} s")
            t = time.perf_counter()
            warm = foa.sweep(spec, prices, GRID, client=client, **kw)
            print(f"  cluster warm-up sweep (workers load numba's cache, receive the prices): {time.perf_counter() - t:.1f} s")
            best = {}
            for label, given in (("prices shipped", prices), ("workers read Parquet", dataset)):
                runs = []
                for _ in range(2):
                    w0 = client.run(_cpu)
                    c0, t = time.process_time(), time.perf_counter()
                    res = foa.sweep(spec, given, GRID, client=client, **kw)
                    wall, here = time.perf_counter() - t, time.process_time() - c0
                    w1 = client.run(_cpu)
                    workers = [w1[k] - w0[k] for k in w0 if k in w1]
                    runs.append(wall)
                    print(f"  2-worker cluster, {label}: {wall:6.1f} s wall; CPU {here:5.1f} s here + "
                          f"{' + '.join(f'{x:.1f}' for x in workers)} s on the workers ({load()})", flush=True)
                    # the dataset's dates come back at nanosecond resolution (the frames here: microseconds),
                    # so the start/end columns differ in dtype only; every number is compared exactly
                    pd.testing.assert_frame_equal(ref.table, res.table, check_exact=True, check_dtype=given is prices)
                best[label] = min(runs)
        finally:
            client.close()
            del ws
    pd.testing.assert_frame_equal(ref.table, warm.table, check_exact=True)
    best_local = min(w for w, _ in local)
    for label, wall in best.items():
        print(f"  speed-up of the cluster ({label}) over the fastest single-process sweep: {best_local / wall:.2f}x "
              f"(target >= 1.6x on 2 cores)")
    print(f"  the tables are equal, number for number. {load()}")


def main() -> None:
    if "--memory-case" in sys.argv:
        i = sys.argv.index("--memory-case")
        memory_case(int(sys.argv[i + 1]), sys.argv[i + 2], sys.argv[i + 3])
        return
    quick = "--quick" in sys.argv
    print(f"bench_scale: {load()}")
    memory(100 if quick else 500)
    speed(20 if quick else 150)


if __name__ == "__main__":
    main()
