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
