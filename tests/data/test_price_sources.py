"""Yahoo Finance through yfinance's own download function, monkeypatched: no test touches the network
(except one real offline call, in a subprocess with a timeout, skipped if it hangs)."""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from foa.data.sources import missing_ranges
from foa.errors import DataError

ROOT = Path(__file__).resolve().parents[2]
D = dt.date


def yahoo_frame(ticker: str, start: str, end_exclusive: str) -> pd.DataFrame:
    """The shape yfinance 1.7 returns for one ticker: (Price, Ticker) MultiIndex columns, Date index."""
    days = pd.bdate_range(start, pd.Timestamp(end_exclusive) - pd.Timedelta(days=1), name="Date")
    close = 100 + np.arange(len(days), dtype=float)
    cols = pd.MultiIndex.from_product([["Adj Close", "Close", "High", "Low", "Open", "Volume"], [ticker]],
                                      names=["Price", "Ticker"])
    data = np.column_stack([close * 0.98, close, close + 1, close - 1, close - 0.5, np.full(len(days), 1e6)])
    return pd.DataFrame(data, index=days, columns=cols)


@pytest.fixture
def fake_yahoo(monkeypatch):
    import yfinance

    calls = []

    def download(tickers, start=None, end=None, **kwargs):
        calls.append((tickers, start, end, kwargs))
        print("yfinance says something on stdout")  # the kind of noise foa keeps out of the notebook
        logging.getLogger("yfinance").error("1 Failed download: just noise")  if tickers == "NOISY" else None
        return yahoo_frame(tickers.upper(), start, end)

    monkeypatch.setattr(yfinance, "download", download)
    return calls


def test_missing_ranges():
    have = [(D(2020, 1, 10), D(2020, 1, 20)), (D(2020, 2, 1), D(2020, 2, 5))]
    assert missing_ranges(have, D(2020, 1, 1), D(2020, 2, 10)) == [
        (D(2020, 1, 1), D(2020, 1, 9)), (D(2020, 1, 21), D(2020, 1, 31)), (D(2020, 2, 6), D(2020, 2, 10))]
    assert missing_ranges(have, D(2020, 1, 12), D(2020, 1, 18)) == []
    assert missing_ranges([], D(2020, 1, 1), D(2020, 1, 1)) == [(D(2020, 1, 1), D(2020, 1, 1))]


def test_fetch_stores_raw_and_adjusted_with_source_and_time(ws, fake_yahoo):
    summary = ws.prices.fetch("SPY", start="2020-01-01", end="2020-01-31")
    assert summary[["symbol", "fetched_rows"]].values.tolist() == [["SPY", 23]]
    tickers, start, end, kwargs = fake_yahoo[0]
    assert (tickers, start, end) == ("SPY", "2020-01-01", "2020-02-01")  # Yahoo's end is exclusive
    assert kwargs["auto_adjust"] is False and kwargs["progress"] is False
    got = ws.prices.ohlcv("SPY")
    assert got["Close"].iloc[0] == 100.0 and got["Adj Close"].iloc[0] == pytest.approx(98.0)
    with ws.read() as con:
        assert con.execute("SELECT DISTINCT source FROM prices").fetchall() == [("yahoo",)]
        assert con.execute("SELECT min(fetched_at) FROM prices").fetchone()[0] is not None
    assert ws.prices.coverage("SPY") == [(D(2020, 1, 1), D(2020, 1, 31))]
    assert ws.audit_log()["action"].iloc[0] == "fetch"


def test_fetch_downloads_only_missing_ranges(ws, fake_yahoo):
    ws.prices.fetch("SPY", start="2020-01-01", end="2020-01-31")
    ws.prices.fetch("SPY", start="2020-01-10", end="2020-01-20")
    assert len(fake_yahoo) == 1  # already stored: no download
    ws.prices.fetch("SPY", start="2019-12-01", end="2020-02-29")
    assert [(c[1], c[2]) for c in fake_yahoo[1:]] == [("2019-12-01", "2020-01-01"), ("2020-02-01", "2020-03-01")]
    assert ws.prices.coverage("SPY") == [(D(2019, 12, 1), D(2020, 2, 29))]
    assert len(ws.prices.ohlcv("SPY")) == len(pd.bdate_range("2019-12-01", "2020-02-29"))
    ws.prices.fetch("SPY", start="2020-01-01", end="2020-01-31", refresh=True)
    assert len(fake_yahoo) == 4 and len(ws.prices.ohlcv("SPY")) == len(pd.bdate_range("2019-12-01", "2020-02-29"))


def test_noise_goes_to_logging_not_the_notebook(ws, fake_yahoo, capsys, caplog):
    with caplog.at_level(logging.DEBUG, logger="foa.data.sources"):
        ws.prices.fetch(["NOISY", "SPY"], start="2020-01-01", end="2020-01-10", progress=False)
    out = capsys.readouterr()
    assert "yfinance says" not in out.out and "yfinance says" not in out.err and "Failed download" not in out.err
    logged = " ".join(r.getMessage() for r in caplog.records if r.name == "foa.data.sources")
    assert "yfinance says something on stdout" in logged and "just noise" in logged


def test_empty_download_is_an_error_and_nothing_is_recorded(ws, monkeypatch):
    import yfinance

    def offline(tickers, **kwargs):
        logging.getLogger("yfinance").error("['SPY']: DNSError('Could not resolve host: query2.finance.yahoo.com')")
        return yahoo_frame("SPY", "2020-01-01", "2020-01-01")  # zero rows, like yfinance offline

    monkeypatch.setattr(yfinance, "download", offline)
    with pytest.raises(DataError, match="could not download SPY from Yahoo Finance — no network\\?.*Could not resolve host"):
        ws.prices.fetch("SPY", start="2020-01-01", end="2020-03-01")
    assert ws.prices.coverage("SPY") == [] and ws.prices.symbols().empty


def test_unknown_symbol_says_check_the_symbol(ws, monkeypatch):
    import yfinance

    def delisted(tickers, **kwargs):
        logging.getLogger("yfinance").error("['XXXX']: YFTzMissingError('possibly delisted; no timezone found')")
        return yahoo_frame("XXXX", "2020-01-01", "2020-01-01")

    monkeypatch.setattr(yfinance, "download", delisted)
    with pytest.raises(DataError, match="Yahoo Finance has no prices for 'XXXX'.*Check the symbol"):
        ws.prices.fetch("XXXX", start="2020-01-01", end="2020-03-01")


def test_a_failed_gap_stores_nothing_for_that_symbol(ws, monkeypatch):
    import yfinance

    def flaky(tickers, start=None, end=None, **kwargs):
        if start > "2020-01-15":  # the second gap comes back empty
            return yahoo_frame("SPY", "2020-01-01", "2020-01-01")
        return yahoo_frame("SPY", start, end)

    monkeypatch.setattr(yfinance, "download", flaky)
    ws.prices.write(pd.DataFrame({"Close": [1.0]}, index=pd.DatetimeIndex(["2020-01-15"])), "SPY", source="seed")
    with pytest.raises(DataError, match="could not download SPY"):
        ws.prices.fetch("SPY", start="2020-01-01", end="2020-03-31")  # gaps: Jan 1-14 ok, Jan 16-Mar 31 empty
    assert len(ws.prices.ohlcv("SPY")) == 1  # the good gap was not stored on its own
    assert ws.prices.coverage("SPY") == [(D(2020, 1, 15), D(2020, 1, 15))]


def test_weekend_gap_is_not_an_error(ws, fake_yahoo, monkeypatch):
    import yfinance

    ws.prices.fetch("SPY", start="2020-01-06", end="2020-01-10")
    monkeypatch.setattr(yfinance, "download", lambda t, **k: yahoo_frame("SPY", "2020-01-11", "2020-01-11"))
    summary = ws.prices.fetch("SPY", start="2020-01-06", end="2020-01-12")  # gap = Sat + Sun
    assert summary["fetched_rows"].tolist() == [0]
    assert len(ws.prices.ohlcv("SPY")) == 5


OFFLINE = """
import foa, sys
ws = foa.Workspace(sys.argv[1])
try:
    ws.prices.fetch("SPY", start="2020-01-01", end="2020-02-01")
except foa.DataError as err:
    print("DataError:", err)
"""


def test_real_offline_download_ends_in_data_error(tmp_path):
    try:
        proc = subprocess.run([sys.executable, "-c", OFFLINE, str(tmp_path / "ws.duckdb")], capture_output=True,
                              text=True, timeout=60, cwd=ROOT)
    except subprocess.TimeoutExpired:
        pytest.skip("the real yfinance call hangs on this network instead of failing")
    if "DataError" not in proc.stdout and proc.returncode == 0:
        pytest.skip("Yahoo Finance is reachable from here: nothing offline to test")
    assert proc.stdout.startswith("DataError: could not download SPY from Yahoo Finance — no network?"), proc.stdout + proc.stderr[-500:]
    assert "Traceback" not in proc.stderr and "Failed download" not in proc.stderr  # noise kept out
