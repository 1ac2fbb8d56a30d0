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

(2) Speed. 300 assets x 190 combinations at ``max_memory="1GB"`` (about ten seconds of one process's
work, so that compute dominates the per-sweep costs): a single-process sweep, a sweep on foa's own
2-worker LocalCluster given the prices (``foa.cluster.local_client(2)``, what ``client=True`` starts: one
thread per worker) and one whose workers read the prices from a Parquet dataset themselves, interleaved
three times (each kind first once) after one warm-up sweep of each kind (the workers import vectorbt and
DuckDB and load numba's cache). Every sweep runs under the same budget. The cluster's start-up is timed
apart. Beside each wall time: the CPU seconds of this process and of each worker, and the machine's load
before the run (it is shared: a loaded machine shrinks the wall-clock speed-up). Printed: the speed-ups
of the fastest and of the median runs. Speed is measured and printed here, never asserted in tests.

The benchmark starts itself again with the allocator settings foa gives its workers
(``foa.cluster.PRE_SPAWN_ENVIRON``): its single-process sweeps run in this process, at their fastest. A
single-process sweep with glibc's defaults (what a notebook's kernel runs with) is timed once in a fresh
process beside them; the memory cases run with the defaults too.
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


def autogroup() -> str:
    """Whether Linux shares the CPU between sessions rather than processes (``sched_autogroup``): then a
    busy machine gives this session, cluster workers included, one session's share however many processes
    it runs, and a wall-clock speed-up shows only when cores are free."""
    try:
        with open("/proc/sys/kernel/sched_autogroup_enabled") as f:
            on = f.read().strip() == "1"
    except OSError:
        return "CPU shared between processes"
    return ("CPU shared between sessions (sched_autogroup on): on a busy machine this session gets one "
            "session's share, cluster or not" if on else "CPU shared between processes (sched_autogroup off)")


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
                                  capture_output=True, text=True, env=default_allocator())
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


def tuned_allocator() -> bool:
    """Whether this process runs with the allocator settings foa gives its cluster workers (glibc keeps
    a sweep's freed arrays on its heap instead of faulting their pages in again each chunk)."""
    from foa.cluster import PRE_SPAWN_ENVIRON

    return all(os.environ.get(k) == v for k, v in PRE_SPAWN_ENVIRON.items())


def default_allocator() -> dict[str, str]:
    """This process's environment without those settings: what a notebook's kernel runs with."""
    from foa.cluster import PRE_SPAWN_ENVIRON

    return {k: v for k, v in os.environ.items() if k not in PRE_SPAWN_ENVIRON}


def single_case(n: int) -> None:
    """In a fresh process (glibc's default allocator): one warm-up and one timed single-process sweep."""
    import foa

    spec, prices = universe(n)
    foa.sweep(spec, prices, GRID, max_memory=SPEED_BUDGET, progress=False)
    c0, t = time.process_time(), time.perf_counter()
    foa.sweep(spec, prices, GRID, max_memory=SPEED_BUDGET, progress=False)
    print(json.dumps({"wall": time.perf_counter() - t, "cpu": time.process_time() - c0}))


SPEED_BUDGET = "1GB"


def speed(n: int, rounds: int = 3) -> None:
    """The single process, the cluster given the prices and the cluster reading Parquet, interleaved
    ``rounds`` times (the machine's load drifts: each kind of run sees the same drift), after warm-ups."""
    import statistics

    import foa
    from foa.cluster import local_client
    from foa.engine.sweep import memory_bytes, plan_chunks

    spec, prices = universe(n)
    kw = dict(max_memory=SPEED_BUDGET, progress=False)
    combos = len(GRID["fast.window"]) * len(GRID["slow.window"])
    plan = plan_chunks(memory_bytes(SPEED_BUDGET), bars=len(next(iter(prices.values()))), symbols=n, combos=combos,
                       indicators=len(GRID["fast.window"]) + len(GRID["slow.window"]), cross_sectional=False,
                       stops=False)
    print(f"\n(2) speed: {n} assets x {combos} combinations, max_memory={SPEED_BUDGET!r} "
          f"({-(-combos // plan.combos)} chunks of up to {plan.combos} in one process), {rounds} interleaved rounds")
    if tuned_allocator():
        print("  every process here runs with the allocator settings of foa's workers (the single process at its "
              "fastest)")
    else:
        print("  NOTE: this process runs glibc's default allocator, the workers foa's settings: run main() for a "
              "fair comparison")
    proc = subprocess.run([sys.executable, __file__, "--single-case", str(n)], capture_output=True, text=True,
                          env=default_allocator())
    if proc.returncode == 0:
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"  single process with glibc's default allocator (a fresh process, for reference): {r['wall']:.1f} s wall, "
              f"{r['cpu']:.1f} s CPU ({load()})")
    t = time.perf_counter()
    ref = foa.sweep(spec, prices, GRID, **kw)  # warm: numba's cache loaded in this process
    print(f"  single-process warm-up sweep: {time.perf_counter() - t:.1f} s")
    runs: dict[str, list[float]] = {"single process": [], "cluster, prices shipped": [], "cluster, workers read Parquet": []}
    # the wall time the CPU seconds of a run allow on two free cores: its work spread over both, but never
    # less than the busiest worker's own (the workers share nothing while they run)
    cpus: dict[str, list[float]] = {label: [] for label in runs}
    with tempfile.TemporaryDirectory() as tmp:
        ws = foa.Workspace(os.path.join(tmp, "w.duckdb"))
        ws.prices.write(prices)
        dataset = os.path.join(tmp, "prices")
        ws.prices.export_parquet(dataset)
        t = time.perf_counter()
        client = local_client(2)
        try:
            client.wait_for_workers(2)
            print(f"  cluster start-up (2 worker processes): {time.perf_counter() - t:.1f} s")
            for label, given in (("prices shipped", prices), ("workers read Parquet", dataset)):
                t = time.perf_counter()
                foa.sweep(spec, given, GRID, client=client, **kw)
                print(f"  cluster warm-up sweep, {label} (workers import vectorbt and DuckDB, load numba's cache): "
                      f"{time.perf_counter() - t:.1f} s")
            given = {"single process": None, "cluster, prices shipped": prices, "cluster, workers read Parquet": dataset}
            for r in range(rounds):
                order = list(runs)[r % 3:] + list(runs)[:r % 3]  # each kind goes first once every three rounds
                for label in order:
                    on = given[label] is not None
                    w0 = client.run(_cpu) if on else {}
                    before = load()
                    c0, th0, t = time.process_time(), time.thread_time(), time.perf_counter()
                    res = foa.sweep(spec, given[label] if on else prices, GRID, client=client if on else None, **kw)
                    wall, here = time.perf_counter() - t, time.process_time() - c0
                    w1 = client.run(_cpu) if on else {}
                    workers = [w1[k] - w0[k] for k in w0 if k in w1]
                    runs[label].append(wall)
                    if on:
                        cpu = f"CPU {here:5.1f} s here + {' + '.join(f'{x:.1f}' for x in workers)} s on the workers"
                    else:  # the sweep runs in this thread; the process also hosts the idle cluster's scheduler
                        own = time.thread_time() - th0
                        cpu = f"CPU {own:5.1f} s (the process: {here:.1f} s with the idle cluster's scheduler)"
                        here = own
                    total = here + sum(workers)
                    cpus[label].append(max(total / 2, max(workers, default=total)))
                    print(f"  round {r + 1}, {label:<30} {wall:6.1f} s wall; {cpu}; {total / wall:.2f} cores busy "
                          f"(before: {before})", flush=True)
                    # the dataset's dates come back at nanosecond resolution (the frames here: microseconds),
                    # so the start/end columns differ in dtype only; every number is compared exactly
                    pd.testing.assert_frame_equal(ref.table, res.table, check_exact=True,
                                                  check_dtype=given[label] is not dataset)
        finally:
            client.close()
            del ws
    single = runs["single process"]
    for label in list(runs)[1:]:
        print(f"  speed-up, {label}: fastest {min(single) / min(runs[label]):.2f}x, median "
              f"{statistics.median(single) / statistics.median(runs[label]):.2f}x over the single process "
              f"(fastest {min(single):.1f} s, median {statistics.median(single):.1f} s; target >= 1.6x on 2 cores)")
    one = statistics.median(cpus["single process"])
    for label in list(runs)[1:]:
        bound = statistics.median(cpus[label])
        print(f"  on 2 free cores the CPU seconds allow {one / bound:.2f}x for the {label} (medians: the single "
              f"process's {one:.1f} s against {bound:.1f} s, half the cluster's CPU or its busiest worker's)")
    print(f"  every table equals the single process's, number for number. {load()}; {autogroup()}")


def main() -> None:
    if "--memory-case" in sys.argv:
        i = sys.argv.index("--memory-case")
        memory_case(int(sys.argv[i + 1]), sys.argv[i + 2], sys.argv[i + 3])
        return
    if "--single-case" in sys.argv:
        single_case(int(sys.argv[sys.argv.index("--single-case") + 1]))
        return
    if not tuned_allocator():
        # the single-process sweeps run in this process: at their fastest, with the workers' allocator settings
        # (glibc reads them when a process starts); the memory cases run with the default, as a notebook does
        from foa.cluster import PRE_SPAWN_ENVIRON

        os.execve(sys.executable, [sys.executable, __file__, *sys.argv[1:]], {**os.environ, **PRE_SPAWN_ENVIRON})
    quick = "--quick" in sys.argv
    print(f"bench_scale: {load()}; {autogroup()}")
    memory(100 if quick else 500)
    speed(20 if quick else 300, 2 if quick else 3)


if __name__ == "__main__":
    main()
