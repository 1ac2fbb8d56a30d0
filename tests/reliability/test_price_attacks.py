"""Price imports the attack run broke: dates outside pandas' range, large multi-symbol files, a failed
write hiding its cause, symbols that are not one ticker, bars that cannot be true. Real files, real DuckDB."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import foa
from foa.cli import main
from foa.errors import DataError, WorkspaceError
from tests.reliability.attacks import price_frame


def nothing_stored(ws: foa.Workspace) -> bool:
    with ws.read() as con:
        rows = con.execute("SELECT count(*) FROM prices").fetchone()[0]
    return rows == 0 and ws.prices.symbols().empty and ws.audit_log().empty


@pytest.mark.parametrize("day,row", [("1066-10-14", 2), ("2999-12-31", 3)])
def test_dates_outside_pandas_range_are_refused_on_import(ws, tmp_path, day, row):
    # read back, 1066-10-14 came out as 2235-11-22 and 2999-12-31 as 1830-11-22
    p = tmp_path / "odd.csv"
    lines = ["Date,Close", "2020-01-02,11", "2020-01-03,12"]
    lines.insert(row - 1, f"{day},10")
    p.write_text("\n".join(lines) + "\n")
    with pytest.raises(DataError) as info:
        ws.prices.import_file(p)
    msg = str(info.value)
    assert "odd.csv" in msg and f"row {row}" in msg and day in msg and "outside" in msg
    assert nothing_stored(ws)


def test_out_of_range_date_exits_1_on_the_cli(ws, tmp_path, capsys):
    p = tmp_path / "hastings.csv"
    p.write_text("Date,Close\n1066-10-14,10\n2020-01-02,11\n")
    assert main(["data", "import", str(p), "--workspace", str(ws.path)]) == 1
    assert "1066-10-14" in capsys.readouterr().err
    assert nothing_stored(ws)


def test_out_of_range_date_in_a_frame_is_refused(ws):
    index = pd.DatetimeIndex(["1066-10-14", "2020-01-02"]).as_unit("s")  # pandas can hold it in seconds
    with pytest.raises(DataError, match="1066-10-14.*outside"):
        ws.prices.write(pd.DataFrame({"Close": [1.0, 2.0]}, index=index), "OLD")
    assert nothing_stored(ws)


def test_a_stored_out_of_range_date_is_an_error_on_read_not_another_date(ws):
    ws.prices.write(pd.DataFrame({"Close": [2.0]}, index=pd.DatetimeIndex(["2020-01-02"])), "OLD")
    with ws.transaction() as con:  # as another tool (or an older foa) could have stored it
        con.execute("INSERT INTO prices VALUES ('OLD', DATE '1066-10-14', NULL, NULL, NULL, 1, 1, NULL, 'x', now())")
    with pytest.raises(DataError, match="1066-10-14"):
        ws.prices.close("OLD")


def test_six_megabyte_multi_symbol_csv_imports(ws, tmp_path):
    # 300 symbols x 1,000 days crashed: 'pyarrow.lib.ChunkedArray' object has no attribute 'indices'
    frame = price_frame(300, 1000)
    p = tmp_path / "universe.csv"
    frame.to_csv(p, index=False)
    assert p.stat().st_size > 6e6
    summary = ws.prices.import_file(p)
    assert len(summary) == 300 and set(summary["rows"]) == {1000}
    got = ws.prices.close(["S000", "S299"])
    want = frame[frame["Symbol"] == "S299"]["Close"].to_numpy()
    assert got.shape == (1000, 2) and np.allclose(got["S299"].to_numpy(), want)


def test_large_multi_symbol_parquet_imports(ws, tmp_path):
    frame = price_frame(300, 1000, seed=1)
    p = tmp_path / "universe.parquet"
    frame.to_parquet(p)
    summary = ws.prices.import_file(p)
    assert len(summary) == 300 and int(summary["rows"].sum()) == 300_000


def test_failed_write_reports_its_real_cause(ws):
    # a prices table changed under foa: the INSERT fails; unregistering the batch on the aborted
    # transaction used to replace that with "Current transaction is aborted"
    with ws.transaction() as con:
        con.execute("ALTER TABLE prices DROP COLUMN volume")
    with pytest.raises(WorkspaceError) as info:
        ws.prices.load_bundled(["^GSPC"])
    msg = str(info.value)
    assert "aborted" not in msg and "column" in msg.lower()
    assert ws.prices.symbols().empty


def test_disk_full_says_so_and_keeps_earlier_data(small_disk):
    ws = foa.Workspace(small_disk / "full.duckdb")
    ws.prices.load_bundled(["^VIX"])
    before = ws.prices.close("^VIX")
    with pytest.raises(WorkspaceError) as info:
        for seed in range(20):  # ~8 MB of prices per round: the 6 MB disk fills on the first or second
            ws.prices.write(price_frame(300, 1000, seed=seed).assign(Symbol=lambda d: d["Symbol"] + f"_{seed}"))
    msg = str(info.value)
    assert "full" in msg and "aborted" not in msg
    again = foa.Workspace(small_disk / "full.duckdb")
    assert again.prices.close("^VIX").equals(before)


@pytest.mark.parametrize("bad", ["   ", "", ["SPY", "QQQ"], ("SPY",), 42])
def test_write_refuses_a_symbol_that_is_not_one_ticker(ws, bad):
    df = pd.DataFrame({"Close": [1.0, 2.0]}, index=pd.DatetimeIndex(["2020-01-02", "2020-01-03"]))
    with pytest.raises(DataError, match="one non-empty ticker"):
        ws.prices.write(df, bad)
    with pytest.raises(DataError, match="one non-empty ticker"):
        ws.prices.write({tuple(bad) if isinstance(bad, list) else bad: df})  # as a dict key
    assert nothing_stored(ws)


def test_write_strips_the_symbol(ws):
    df = pd.DataFrame({"Close": [1.0]}, index=pd.DatetimeIndex(["2020-01-02"]))
    ws.prices.write(df, "  SPY ")
    assert list(ws.prices.symbols()["symbol"]) == ["SPY"]


@pytest.mark.parametrize("column,value,problem", [
    ("Close", "12", "close 12 is above high 11"),
    ("Close", "8", "close 8 is below low 9"),
    ("Open", "12", "open 12 is above high 11"),
    ("Close", "1e308", "implausibly large"),
    ("Volume", "1e300", "implausibly large"),
])
def test_impossible_bars_are_refused_naming_row_and_column(ws, tmp_path, column, value, problem):
    rows = {"Date": "2020-01-03", "Open": "10", "High": "11", "Low": "9", "Close": "10", "Volume": "100"}
    rows[column] = value
    p = tmp_path / "bars.csv"
    p.write_text("Date,Open,High,Low,Close,Volume\n2020-01-02,10,11,9,10,100\n" + ",".join(rows.values()) + "\n")
    with pytest.raises(DataError) as info:
        ws.prices.import_file(p)
    msg = str(info.value)
    assert problem in msg and "row 3" in msg and f"column {column!r}" in msg
    assert nothing_stored(ws)


def test_close_only_series_still_import(ws, tmp_path):
    p = tmp_path / "VIXLIKE.csv"
    p.write_text("Date,Close\n2020-01-02,13.8\n2020-01-03,14.0\n")
    assert int(ws.prices.import_file(p)["rows"].iloc[0]) == 2
