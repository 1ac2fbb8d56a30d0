"""PriceStore on real DuckDB with the bundled arch data: writes, reads, alignment, provenance."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import foa
from foa.data.store import PriceStore
from foa.errors import DataError
from foa.samples.market import COLUMNS, market_data, market_symbols


def test_market_symbols_and_frames_without_a_workspace():
    table = market_symbols().set_index("symbol")
    assert table.loc["^GSPC", "rows"] == 5031 and table.loc["^IXIC", "rows"] == 5031
    assert str(table.loc["^GSPC", "first"].date()) == "1999-01-04" and str(table.loc["^GSPC", "last"].date()) == "2018-12-31"
    gspc = market_data("^GSPC")
    assert list(gspc.columns) == COLUMNS and gspc.index.name == "Date" and gspc.index.tz is None
    assert gspc.index.is_monotonic_increasing and gspc.index.is_unique
    assert (gspc["Adj Close"] == gspc["Close"]).all()  # a price index: says so in the note
    assert "price index" in table.loc["^GSPC", "note"]
    wti = market_data("CL=F")
    assert wti[["Open", "High", "Low", "Volume"]].isna().all().all() and wti["Close"].notna().all()
    with pytest.raises(DataError, match="not a bundled symbol"):
        market_data("SPY")


def test_bundled_round_trip_is_exact(bundled):
    got = bundled.prices.ohlcv("^GSPC")
    pd.testing.assert_frame_equal(got, market_data("^GSPC"), check_index_type=False, check_freq=False)
    assert got.index.dtype == "datetime64[ns]"
    syms = bundled.prices.symbols().set_index("symbol")
    assert syms.loc["^IXIC", "rows"] == 5031 and syms.loc["^GSPC", "source"] == "arch (bundled)"
    assert syms.loc["CL=F", "rows"] == 8321
    assert isinstance(bundled.prices, PriceStore)


def test_wide_close_uses_union_of_dates_without_forward_fill(bundled):
    wide = bundled.prices.close(["^GSPC", "^VIX"], start="2018-12-27")
    assert list(wide.columns) == ["^GSPC", "^VIX"]
    assert [str(d.date()) for d in wide.index] == ["2018-12-27", "2018-12-28", "2018-12-31", "2019-01-02", "2019-01-03"]
    assert np.isnan(wide.loc["2019-01-02", "^GSPC"])  # ^GSPC ends 2018-12-31: NaN, not the last close
    assert wide.loc["2019-01-03", "^VIX"] == pytest.approx(25.45)
    monthly = bundled.prices.close(["MOODYS:AAA", "^GSPC"], start="2018-11-01", end="2018-12-31")
    trading_days = len(market_data("^GSPC").loc["2018-11-01":"2018-12-31"])
    assert monthly["MOODYS:AAA"].notna().sum() == 2 and monthly["^GSPC"].notna().sum() == trading_days
    # the yield is dated Saturday 2018-12-01: the union adds that row, with NaN for the index
    assert len(monthly) == trading_days + 1
    assert np.isnan(monthly.loc["2018-12-01", "^GSPC"]) and monthly.loc["2018-12-01", "MOODYS:AAA"] == 4.02


def test_fields_adjusted_polars_and_frames(bundled):
    vol = bundled.prices.field("Volume", ["^GSPC", "^IXIC"], end="1999-01-05")
    assert vol.iloc[0].tolist() == [877000000.0, 936660000.0]
    assert (bundled.prices.close("^GSPC", adjusted=True) == bundled.prices.close("^GSPC")).all().all()
    pl_frame = bundled.prices.close(["^GSPC", "^IXIC"], end="1999-01-06", as_polars=True)
    assert pl_frame.columns == ["date", "^GSPC", "^IXIC"] and pl_frame.height == 3
    frames = bundled.prices.frames(["^VIX", "^GSPC"], start="2018-01-01")
    assert list(frames) == ["^VIX", "^GSPC"] and list(frames["^VIX"].columns) == COLUMNS
    assert frames["^GSPC"].index.min() >= pd.Timestamp("2018-01-01")
    with pytest.raises(DataError, match="unknown price field"):
        bundled.prices.field("close; DROP TABLE prices", "^GSPC")
    with pytest.raises(DataError, match="not a date"):
        bundled.prices.close("^GSPC", start="yesterday-ish")


def test_write_replaces_overlap_and_records_provenance(ws):
    days = pd.bdate_range("2021-01-04", periods=10)
    first = pd.DataFrame({"Close": np.arange(10.0) + 100, "Adj Close": np.arange(10.0) + 90}, index=days)
    ws.prices.write(first, "ABC", source="desk")
    second = pd.DataFrame({"close": [1.0, 2.0, 3.0]}, index=pd.DatetimeIndex(days[8:].append(pd.DatetimeIndex(["2021-01-18"])), name="date"))
    summary = ws.prices.write(second, "ABC", source="desk v2")
    assert summary[["symbol", "rows"]].values.tolist() == [["ABC", 3]]
    got = ws.prices.ohlcv("ABC")
    assert len(got) == 11 and got["Close"].iloc[-3:].tolist() == [1.0, 2.0, 3.0]
    assert got["Adj Close"].iloc[-1] == 3.0 and got["Adj Close"].iloc[0] == 90.0  # missing Adj Close = Close
    with ws.read() as con:
        rows = con.execute("SELECT source, count(*), min(fetched_at) IS NOT NULL FROM prices GROUP BY source ORDER BY 1").fetchall()
    assert rows == [("desk", 8, True), ("desk v2", 3, True)]
    assert ws.prices.coverage("ABC") == [(days[0].date(), pd.Timestamp("2021-01-18").date())]
    assert set(ws.audit_log()["action"]) == {"write"}


def test_long_and_dict_inputs_and_delete(ws):
    days = pd.bdate_range("2022-01-03", periods=4)
    long = pd.DataFrame({"Ticker": ["B"] * 4 + ["A"] * 4, "Date": list(days[::-1]) + list(days),
                         "Close": [4.0, 3, 2, 1, 5, 6, 7, 8]})
    ws.prices.write(long)
    assert ws.prices.close(["A", "B"])["B"].tolist() == [1.0, 2.0, 3.0, 4.0]  # newest-first input sorted
    ws.prices.write({"C": pd.DataFrame({"Close": [1.0]}, index=days[:1])})
    assert ws.prices.symbols()["symbol"].tolist() == ["A", "B", "C"]
    assert ws.prices.delete(["A", "C"]) == 5
    assert ws.prices.symbols()["symbol"].tolist() == ["B"]
    assert ws.audit_log()["action"].iloc[0] == "delete_prices"


def test_load_bundled_twice_keeps_one_copy(ws):
    ws.prices.load_bundled(["^VIX"])
    ws.prices.load_bundled(["^VIX"])
    with ws.read() as con:
        assert con.execute("SELECT count(*) FROM prices").fetchone()[0] == 1259
    assert ws.summary()["prices"] == 1259


def test_html_repr_lists_symbols(bundled):
    html = bundled.prices._repr_html_()
    assert "^GSPC" in html and "5031" in html
    assert "foa workspace" in bundled._repr_html_()
