"""Sweeps on a Dask LocalCluster of processes: equal to the local run, a killed worker retried."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import foa
from foa.errors import FoaError
from foa.spec.model import Risk
from tests.engine.helpers import gspc, ixic

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as c:
        yield c


def _same(local, remote):
    pd.testing.assert_frame_equal(local.table, remote.table, check_exact=True)
    assert local.deflated_sharpe == remote.deflated_sharpe or (np.isnan(local.deflated_sharpe) and np.isnan(remote.deflated_sharpe))
    np.testing.assert_array_equal(local.blocks.total, remote.blocks.total)
    assert local.pbo().pbo == remote.pbo().pbo


def _cache_dir() -> str:
    from foa.numba_cache import ensure_numba_cache

    return str(ensure_numba_cache())


def test_workers_load_numba_s_cache_from_this_process_s_directory_and_compile_nothing(client):
    """First in this file, so on fresh workers: they use this process's numba cache directory, and their
    first sweep loads every kernel from it (nothing compiled, nothing written: no storm of compilations)."""
    assert set(client.run(_cache_dir).values()) == {_cache_dir()}
    spec = foa.spec.library.get("sma_crossover").model_copy(update={"risk": Risk(stop_loss=0.08)})
    grid = {"fast.window": [10, 20], "slow.window": [100, 200]}
    # one combination a chunk here and on the workers: the same kernels for the same array shapes
    kw = dict(start="2010-01-01", max_memory_mb=0.5, progress=False)
    local = foa.sweep(spec, gspc(), grid, **kw)  # compiles here what the cache lacked, or loads it
    since = time.time()
    remote = foa.sweep(spec, gspc(), grid, client=client, **kw)
    # this checkout's own kernels only: numba files each source folder's cache under its name and a hash of
    # its path, and other checkouts of foa on this machine may compile into the same cache meanwhile
    import hashlib

    engine = Path(foa.engine.__file__).resolve().parent
    ours = Path(_cache_dir()) / f"{engine.name}_{hashlib.sha1(str(engine).encode()).hexdigest()}"
    assert ours.is_dir(), sorted(p.name for p in Path(_cache_dir()).iterdir())
    written = [f for f in ours.rglob("*") if f.is_file() and f.stat().st_mtime >= since]
    assert written == []
    _same(local, remote)


def test_single_asset_sweep_with_stops_equals_the_local_run(client):
    spec = foa.spec.library.get("sma_crossover").model_copy(update={"risk": Risk(stop_loss=0.08)})
    grid = {"fast.window": [10, 20, 40], "slow.window": [100, 200], "risk.stop_loss": [0.05, 0.1]}
    kw = dict(start="2008-01-01", max_memory_mb=0.5, progress=False)  # tiny budget: one combination a chunk
    local = foa.sweep(spec, gspc(), grid, **kw)
    remote = foa.sweep(spec, gspc(), grid, client=client, **kw)
    _same(local, remote)


def test_walk_forward_on_the_cluster_equals_the_local_run(client):
    spec = foa.spec.library.get("sma_crossover")
    grid = {"fast.window": [10, 20], "slow.window": [100, 200]}
    kw = dict(train="5Y", test="2Y", start="2004-01-01", progress=False)
    local = foa.walk_forward(spec, gspc(), grid, **kw)
    remote = foa.walk_forward(spec, gspc(), grid, client=client, **kw)
    pd.testing.assert_frame_equal(local.windows, remote.windows)
    pd.testing.assert_series_equal(local.oos_result.stats, remote.oos_result.stats)
    pd.testing.assert_series_equal(local.oos_result.equity, remote.oos_result.equity)


def test_multi_asset_ranking_sweep_equals_the_local_run(client):
    spec = foa.spec.library.get("xs_momentum")  # ranks ^GSPC and ^IXIC by a 12-bar roc (id "lookback")
    prices = {"^GSPC": gspc(), "^IXIC": ixic()}
    grid = {"lookback.window": [3, 6, 12]}
    local = foa.sweep(spec, prices, grid, max_memory_mb=0.5, progress=False)
    remote = foa.sweep(spec, prices, grid, max_memory_mb=0.5, client=client, progress=False)
    _same(local, remote)


def test_symbol_blocks_on_the_cluster_equal_the_local_run(client):
    prices = {"^GSPC": gspc(), "^IXIC": ixic()}
    base = foa.spec.library.get("sma_crossover")
    spec = base.model_copy(update={"universe": base.universe.model_copy(update={"symbols": list(prices)})})
    grid = {"fast.window": [10, 20], "slow.window": [100, 200]}
    kw = dict(start="2008-01-01", max_memory="1MB", progress=False)  # below one combination over both symbols
    local = foa.sweep(spec, prices, grid, **kw)
    remote = foa.sweep(spec, prices, grid, client=client, **kw)
    _same(local, remote)
    assert local.indicator_computations > len(grid["fast.window"]) + len(grid["slow.window"])  # it ran in blocks


def test_a_worker_killed_mid_sweep_is_retried_and_the_sweep_completes(client):
    spec = foa.spec.library.get("sma_crossover")
    grid = {"fast.window": list(range(5, 60, 5)), "slow.window": [100, 150, 200]}
    kw = dict(start="2005-01-01", max_memory_mb=0.5, progress=False)
    local = foa.sweep(spec, gspc(), grid, **kw)
    victim = sorted(client.scheduler_info()["workers"])[0]

    def kill() -> None:
        time.sleep(1.0)
        try:
            client.run(lambda: os._exit(1), workers=[victim])
        except Exception:  # noqa: BLE001 - the worker dies while answering: that is the point
            pass

    killer = threading.Thread(target=kill, daemon=True)
    killer.start()
    remote = foa.sweep(spec, gspc(), grid, client=client, **kw)
    killer.join()
    _same(local, remote)
    assert victim not in client.scheduler_info()["workers"]  # it did die (its nanny starts a new one)
    client.wait_for_workers(2, timeout=120)  # the next tests count on both workers


def test_workers_read_a_parquet_dataset_themselves_and_equal_the_local_run(client, tmp_path):
    """prices= an exported dataset: every worker that ran chunks prepared the sweep from the Parquet files
    (nothing but the spec was sent), and the numbers equal the local run on the workspace."""
    from foa.engine.cluster import parquet_reads

    client.wait_for_workers(2, timeout=120)  # a worker killed by an earlier test is restarted by its nanny
    ws = foa.Workspace(tmp_path / "w.duckdb")
    ws.prices.load_bundled(["^GSPC", "^IXIC"])
    ws.prices.export_parquet(tmp_path / "prices")
    base = foa.spec.library.get("sma_crossover")
    spec = base.model_copy(update={"universe": base.universe.model_copy(update={"symbols": ["^GSPC", "^IXIC"]})})
    grid = {"fast.window": [10, 20, 40], "slow.window": [100, 200]}
    kw = dict(start="2006-01-01", max_memory="4MB", progress=False)  # several chunks: both workers get some
    local = foa.sweep(spec, ws, grid, **kw)
    remote = foa.sweep(spec, tmp_path / "prices", grid, client=client, **kw)
    _same(local, remote)
    path = str((tmp_path / "prices").resolve())
    reads = client.run(parquet_reads)
    # every worker started reading while this process prepared its own copy, and read once, whatever its
    # number of chunks
    assert len(reads) == 2 and all(r.count(path) == 1 for r in reads.values())
    assert parquet_reads() == []  # this process read it for its own planning, not through the workers' path


def test_workers_keep_the_prices_read_from_a_dataset_until_its_files_change(client, tmp_path):
    """A second sweep on the same dataset, spec and options (another grid) reads nothing on the workers; a
    re-export with other prices is read again, and the numbers are the new data's."""
    from foa.engine.cluster import parquet_reads

    client.wait_for_workers(2, timeout=120)
    ws = foa.Workspace(tmp_path / "w.duckdb")
    ws.prices.load_bundled(["^GSPC"])
    out = tmp_path / "prices"
    ws.prices.export_parquet(out)
    spec = foa.spec.library.get("sma_crossover")
    kw = dict(start=pd.Timestamp("2006-01-01"), max_memory="4MB", progress=False)
    path = str(out.resolve())

    def reads() -> int:
        return sum(r.count(path) for r in client.run(parquet_reads).values())

    first = foa.sweep(spec, out, {"fast.window": [10, 20], "slow.window": [100, 200]}, client=client, **kw)
    assert reads() == 2
    again = foa.sweep(spec, out, {"fast.window": [10, 30], "slow.window": [100, 150]}, client=client, **kw)
    assert reads() == 2  # kept: nothing read again
    _same(foa.sweep(spec, ws, {"fast.window": [10, 30], "slow.window": [100, 150]}, **kw), again)
    frames = ws.prices.frames(["^GSPC"])
    tilted = frames["^GSPC"].copy()
    ramp = np.linspace(1.0, 2.0, len(tilted))  # other prices and returns, the same dates
    for col in ("Open", "High", "Low", "Close", "Adj Close"):
        tilted[col] = tilted[col] * ramp
    other = foa.Workspace(tmp_path / "other.duckdb")
    other.prices.write({"^GSPC": tilted})
    other.prices.export_parquet(out, overwrite=True)
    changed = foa.sweep(spec, out, {"fast.window": [10, 20], "slow.window": [100, 200]}, client=client, **kw)
    assert reads() == 4  # the files changed: read again
    _same(foa.sweep(spec, other, {"fast.window": [10, 20], "slow.window": [100, 200]}, **kw), changed)
    assert not changed.table["total_return"].equals(first.table["total_return"])


def test_a_parquet_sweep_refused_here_stops_the_workers_reads(client, tmp_path):
    """The workers start reading before this process has checked the spec: when this process refuses it,
    the error is its own (the same as without a cluster), and a next sweep on the dataset runs as usual."""
    from foa.errors import SymbolNotFound

    ws = foa.Workspace(tmp_path / "w.duckdb")
    ws.prices.load_bundled(["^GSPC"])
    ws.prices.export_parquet(tmp_path / "prices")
    base = foa.spec.library.get("sma_crossover")
    spy = base.model_copy(update={"universe": base.universe.model_copy(update={"symbols": ["SPY"]})})
    grid = {"fast.window": [10, 20]}
    with pytest.raises(SymbolNotFound, match="SPY"):
        foa.sweep(spy, tmp_path / "prices", grid, client=client, progress=False)
    kw = dict(start="2006-01-01", progress=False)
    _same(foa.sweep(base, ws, grid | {"slow.window": [100, 200]}, **kw),
          foa.sweep(base, tmp_path / "prices", grid | {"slow.window": [100, 200]}, client=client, **kw))


def test_client_of_the_wrong_kind_is_a_foa_error():
    with pytest.raises(FoaError, match="distributed.Client or True"):
        foa.sweep(foa.spec.library.get("sma_crossover"), gspc(), {"fast.window": [10, 20]}, client="tcp://x:1",
                  progress=False)


def test_batch_extraction_on_the_cluster_equals_the_local_batch(client, tmp_path):
    texts = [
        "Buy SPY when the 50-day SMA crosses above the 200-day SMA; sell when it crosses below.",
        "Go long QQQ when RSI(14) falls below 30 and exit when RSI(14) rises above 70.",
        "Markets were choppy this week; we remain cautious on equities.",  # no strategy
    ]
    ws = foa.Workspace(tmp_path / "w.duckdb")
    local = foa.extract_strategies(texts, provider="offline", progress=False)
    remote = foa.extract_strategies(texts, provider="offline", client=client, workspace=ws, progress=False)
    assert list(remote.table["status"]) == list(local.table["status"])
    for a, b in zip(local, remote):
        if a.spec is None:
            assert type(a.error) is type(b.error) and str(a.error) == str(b.error)
        else:
            strip = {"provenance"}
            assert a.spec.model_dump(exclude=strip) == b.spec.model_dump(exclude=strip)
    assert len(ws.strategies()) == 3  # recorded by this process, the only writer


def test_shipping_the_prices_raises_no_large_graph_warning(client):
    import warnings

    rng = np.random.default_rng(1)
    base = gspc()
    prices = {}
    for k in range(60):  # about 12 MB of prices: above Dask's 10 MB large-graph threshold
        f = base.copy()
        f[["Open", "High", "Low", "Close"]] *= np.exp(np.cumsum(rng.normal(0, 0.01, len(f))))[:, None]
        prices[f"S{k}"] = f
    spec = foa.spec.library.get("sma_crossover")
    spec = spec.model_copy(update={"universe": spec.universe.model_copy(update={"symbols": list(prices)})})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = foa.sweep(spec, prices, {"fast.window": [10], "slow.window": [100]}, client=client, progress=False)
    assert len(res.table) == 1
    assert not [w for w in caught if "large graph" in str(w.message)]


def _numba_cache_stats() -> dict:
    import os

    from foa.engine import _nb

    hits = misses = 0
    for name in dir(_nb):
        stats = getattr(getattr(_nb, name), "stats", None)
        if stats is not None and hasattr(stats, "cache_hits"):
            hits += sum(stats.cache_hits.values())
            misses += sum(stats.cache_misses.values())
    return {"dir": os.environ.get("NUMBA_CACHE_DIR"), "hits": hits, "misses": misses}


def test_workers_load_numbas_cache_instead_of_compiling(client):
    """The workers' numba reads the same cache directory as this process: after a sweep here, the
    workers' sweeps load every compiled kernel from it (no compilation per worker)."""
    from foa.numba_cache import ensure_numba_cache

    grid = {"fast.window": [10, 20], "slow.window": [100, 150]}
    foa.sweep(foa.spec.library.get("sma_crossover"), gspc(), grid, progress=False)  # compiled or loaded here
    foa.sweep(foa.spec.library.get("sma_crossover"), gspc(), grid, client=client, progress=False)
    stats = client.run(_numba_cache_stats)
    assert stats and all(s["dir"] == str(ensure_numba_cache()) for s in stats.values()), stats
    assert all(s["misses"] == 0 for s in stats.values()), stats
    assert sum(s["hits"] for s in stats.values()) > 0, stats


def test_a_custom_indicator_registered_in_the_client_runs_on_the_workers(client):
    """foa.register_indicator lasts for one process: the sweep takes the client's registrations along."""
    def mid(close, window=10):  # defined here (not importable by the workers): shipped by value
        s = np.convolve(close, np.ones(window) / window, mode="full")[: len(close)]
        s[: window - 1] = np.nan
        return s

    foa.register_indicator("clustermid", mid, params={"window": 10}, scale="price")
    try:
        spec = foa.spec.library.get("sma_crossover").model_copy(update={
            "entry": foa.rule("close > clustermid(20, id=m)"), "exit": foa.rule("close < clustermid(20, id=m)")})
        grid = {"m.window": [10, 20, 30]}
        kw = dict(start="2008-01-01", max_memory_mb=0.5, progress=False)
        local = foa.sweep(spec, gspc(), grid, **kw)
        remote = foa.sweep(spec, gspc(), grid, client=client, **kw)
        _same(local, remote)
        assert local.table["trades"].gt(0).all()
    finally:
        foa.unregister_indicator("clustermid")


def test_foa_s_local_cluster_starts_its_workers_with_its_allocator_settings_and_a_slower_profiler():
    """In a fresh process whose environment carries Dask's MALLOC_TRIM_THRESHOLD_=65536 (what a Dask cluster
    of processes started before leaves there): foa's workers get foa's allocator settings all the same, and
    this process's own environment is as it was once they have started."""
    import json
    import subprocess
    import sys

    code = (
        "import json, os\n"
        "from foa.cluster import local_client\n"
        "def settings():\n"
        "    import dask\n"
        "    return [{k: os.environ.get(k) for k in ('MALLOC_TRIM_THRESHOLD_', 'MALLOC_MMAP_THRESHOLD_', 'MALLOC_ARENA_MAX')},\n"
        "            dask.config.get('distributed.worker.profile.interval')]\n"
        "client = local_client(1, dashboard_address=None)\n"
        "here = {k: os.environ.get(k) for k in ('MALLOC_TRIM_THRESHOLD_', 'MALLOC_MMAP_THRESHOLD_', 'MALLOC_ARENA_MAX')}\n"
        "print(json.dumps([list(client.run(settings).values()), here]))\n"
        "client.close()\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}
    env["MALLOC_TRIM_THRESHOLD_"] = "65536"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    workers, here = json.loads(out.stdout.strip().splitlines()[-1])
    from foa.cluster import MMAP_THRESHOLD, TRIM_THRESHOLD

    assert workers == [[{"MALLOC_TRIM_THRESHOLD_": str(TRIM_THRESHOLD), "MALLOC_MMAP_THRESHOLD_": str(MMAP_THRESHOLD),
                         "MALLOC_ARENA_MAX": "1"}, "100ms"]]
    assert here == {"MALLOC_TRIM_THRESHOLD_": "65536", "MALLOC_MMAP_THRESHOLD_": None, "MALLOC_ARENA_MAX": None}
