"""Prices shared as Parquet: export from a workspace, read back through DuckDB, import into another."""

from __future__ import annotations

import pandas as pd
import pytest

import foa
from foa.data.parquet import MARKER
from foa.errors import DataError


@pytest.fixture
def ws(tmp_path):
    w = foa.Workspace(tmp_path / "w.duckdb")
    w.prices.load_bundled(["^GSPC", "CL=F"])
    return w


def test_round_trip_equals_the_workspace_read(ws, tmp_path):
    out = tmp_path / "prices"
    summary = ws.prices.export_parquet(out)
    assert set(summary["symbol"]) == {"^GSPC", "CL=F"} and (out / MARKER).is_file()
    assert (out / "symbol=%5EGSPC" / "part-0.parquet").is_file() and (out / "symbol=CL%3DF" / "part-0.parquet").is_file()
    back = foa.prices_from_parquet(out, ["^GSPC", "CL=F"])
    direct = ws.prices.frames(["^GSPC", "CL=F"])
    for sym in direct:
        pd.testing.assert_frame_equal(back[sym], direct[sym])
    assert back["CL=F"]["Open"].isna().all()  # close-only stays close-only
    part = foa.prices_from_parquet(str(out), "^GSPC", start="2010-01-01", end="2010-12-31")["^GSPC"]
    pd.testing.assert_frame_equal(part, ws.prices.frames(["^GSPC"], "2010-01-01", "2010-12-31")["^GSPC"])


def test_a_backtest_reads_the_export_like_the_workspace(ws, tmp_path):
    ws.prices.export_parquet(tmp_path / "p")
    spec = foa.spec.library.get("sma_crossover")
    a = foa.backtest(spec, foa.prices_from_parquet(tmp_path / "p", ["^GSPC"]), start="2005-01-01")
    b = foa.backtest(spec, ws.prices.frames(["^GSPC"]), start="2005-01-01")
    assert a.stats["total_return"] == b.stats["total_return"] and a.data_hash == b.data_hash


def test_a_dataset_path_is_prices_for_backtest_and_sweep(ws, tmp_path):
    """prices= the folder itself: the spec's symbols are read from it, a missing one found through proxies."""
    from foa.errors import SymbolNotFound

    out = tmp_path / "p"
    ws.prices.export_parquet(out)
    spec = foa.spec.library.get("sma_crossover")
    a = foa.backtest(spec, out, start="2005-01-01")
    b = foa.backtest(spec, ws, start="2005-01-01")
    assert a.stats["total_return"] == b.stats["total_return"] and a.data_hash == b.data_hash
    grid = {"fast.window": [10, 20], "slow.window": [100, 200]}
    pd.testing.assert_frame_equal(foa.sweep(spec, str(out), grid, progress=False).table,
                                  foa.sweep(spec, ws, grid, progress=False).table, check_exact=True)
    spy = spec.model_copy(update={"universe": spec.universe.model_copy(update={"symbols": ["SPY"]})})
    with pytest.raises(SymbolNotFound, match="SPY"):
        foa.backtest(spy, out)
    assert foa.backtest(spy, out, proxies=True).assumptions[0].startswith("SPY traded as ^GSPC")
    assert foa.data.parquet.dataset_symbols(out) == ["CL=F", "^GSPC"]


def test_refusals_say_what_to_do(ws, tmp_path):
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine")
    with pytest.raises(DataError, match="not empty.*overwrite=True"):
        ws.prices.export_parquet(busy)
    with pytest.raises(DataError, match="foa did not export"):
        ws.prices.export_parquet(busy, overwrite=True)
    assert (busy / "notes.txt").read_text() == "mine"  # nothing of the user's is deleted
    out = tmp_path / "p"
    ws.prices.export_parquet(out, ["^GSPC"])
    ws.prices.export_parquet(out, ["CL=F"], overwrite=True)  # a previous export is replaced
    with pytest.raises(DataError, match=r"\^GSPC not in .* it holds CL=F"):
        foa.prices_from_parquet(out, ["^GSPC"])
    with pytest.raises(DataError, match="no such folder"):
        foa.prices_from_parquet(tmp_path / "nowhere", ["^GSPC"])
    with pytest.raises(DataError, match="start/end must be dates"):
        foa.prices_from_parquet(out, ["CL=F"], start="last tuesday")


def test_cli_imports_an_exported_folder(ws, tmp_path, capsys):
    from foa.cli import main

    ws.prices.export_parquet(tmp_path / "p")
    other = tmp_path / "other.duckdb"
    assert main(["data", "import", str(tmp_path / "p"), "--workspace", str(other)]) == 0
    got = foa.Workspace(other).prices.frames(["^GSPC", "CL=F"])
    for sym, frame in ws.prices.frames(["^GSPC", "CL=F"]).items():
        pd.testing.assert_frame_equal(got[sym], frame)


def test_symbols_come_back_in_the_order_asked_each_with_its_own_rows(ws, tmp_path):
    """Several symbols read in one scan are split by position: each frame is its own symbol's rows (in the
    order asked, whatever the files' order), and a symbol with no rows in the range comes back empty."""
    out = tmp_path / "p"
    ws.prices.export_parquet(out)
    back = foa.prices_from_parquet(out, ["^GSPC", "CL=F"], start="2012-01-01", end="2012-06-30")
    assert list(back) == ["^GSPC", "CL=F"]
    direct = ws.prices.frames(["CL=F", "^GSPC"], "2012-01-01", "2012-06-30")
    for sym in direct:
        pd.testing.assert_frame_equal(back[sym], direct[sym])
    first = min(f.index.min() for f in ws.prices.frames(["^GSPC", "CL=F"]).values())
    early = foa.prices_from_parquet(out, ["CL=F", "^GSPC"], end=first - pd.Timedelta(days=1))
    assert list(early) == ["CL=F", "^GSPC"] and all(len(f) == 0 for f in early.values())
    assert all(isinstance(f.index, pd.DatetimeIndex) and f.index.name == "Date" for f in early.values())


def test_reading_parquet_leaves_this_process_s_heap_in_place(ws, tmp_path):
    """Closing a DuckDB database trims the process's C heap (malloc_trim): a sweep's next large arrays would
    fault every page in again. With glibc keeping large arrays on its heap (foa's cluster workers' settings),
    an array allocated again after a read reuses the pages of the one freed before it (counted in page faults
    by a fresh process)."""
    import json
    import subprocess
    import sys

    out = tmp_path / "p"
    ws.prices.export_parquet(out)
    code = (
        "import json, resource, sys\n"
        "import numpy as np\n"
        "import foa\n"
        "def faults():\n"
        "    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt\n"
        "foa.prices_from_parquet(sys.argv[1], ['^GSPC'])  # the first read opens the database\n"
        "arrays = [np.ones(2**22) for _ in range(20)]; del arrays  # 640 MB: faulted in once, then kept\n"
        "counts = []\n"
        "for _ in range(3):\n"
        "    foa.prices_from_parquet(sys.argv[1], ['^GSPC', 'CL=F'])\n"
        "    before = faults()\n"
        "    arrays = [np.ones(2**22) for _ in range(20)]; del arrays\n"
        "    counts.append(faults() - before)\n"
        "print(json.dumps(counts))\n"
    )
    import os

    from foa.cluster import PRE_SPAWN_ENVIRON

    env = {**os.environ, **PRE_SPAWN_ENVIRON}
    run = subprocess.run([sys.executable, "-c", code, str(out)], capture_output=True, text=True, env=env, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    counts = json.loads(run.stdout.strip().splitlines()[-1])
    assert max(counts) < 1000, counts  # a trimmed heap faults its pages in again: ~10,000 faults here
