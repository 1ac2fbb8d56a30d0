"""Real market data bundled offline, from the ``arch`` package (NCSA licence), under Yahoo-style symbols.

    market_data("^GSPC")      # daily OHLCV frame, 1999-01-04..2018-12-31
    market_symbols()          # what is bundled: symbol, name, first, last, rows, fields, note

The mapping (the same spec runs on bundled and downloaded data because the symbols match Yahoo's):

    symbol        arch data set        what it is
    ^GSPC         sp500                S&P 500 index, daily OHLC + Adj Close + Volume (a price index)
    ^IXIC         nasdaq               NASDAQ Composite index, daily OHLC + Adj Close + Volume (a price index)
    CL=F          wti (DCOILWTICO)     WTI crude oil spot, daily close only (FRED; Yahoo's CL=F is the
                                       front-month future, close enough for signals, not identical)
    ^VIX          vix                  CBOE VIX, daily close only
    MOODYS:AAA    default (AAA)        Moody's seasoned Aaa corporate bond yield, monthly, in percent
    MOODYS:BAA    default (BAA)        Moody's seasoned Baa corporate bond yield, monthly, in percent

Every frame has exactly the columns ``Open, High, Low, Close, Adj Close, Volume`` (float64), a tz-naive
DatetimeIndex named ``Date``, sorted and unique. Close-only series keep all six columns with Open, High,
Low and Volume all NaN, and Adj Close equal to Close; days the source marks as missing (holidays in FRED's
WTI and VIX series) are dropped rather than filled.

The two indices are *price* indices: Yahoo's Adj Close equals Close there, dividends are not included, so
backtests on them report price returns, not total returns.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

import pandas as pd

from foa.errors import DataError

__all__ = ["BUNDLED", "COLUMNS", "PRICE_INDICES", "SOURCE", "market_data", "market_symbols"]

COLUMNS = ["Open", "High", "Low", "Close", "Adj Close", "Volume"]
SOURCE = "arch (bundled)"

# symbol -> (arch data set, column in it or None for full OHLCV, name, note)
BUNDLED: dict[str, tuple[str, str | None, str, str]] = {
    "^GSPC": ("sp500", None, "S&P 500", "price index: Adj Close = Close, returns exclude dividends"),
    "^IXIC": ("nasdaq", None, "NASDAQ Composite", "price index: Adj Close = Close, returns exclude dividends"),
    "CL=F": ("wti", "DCOILWTICO", "WTI crude oil (spot, FRED DCOILWTICO)", "close only; spot, not the future"),
    "^VIX": ("vix", "vix", "CBOE Volatility Index", "close only"),
    "MOODYS:AAA": ("default", "AAA", "Moody's Aaa corporate bond yield", "close only, monthly, percent yield"),
    "MOODYS:BAA": ("default", "BAA", "Moody's Baa corporate bond yield", "close only, monthly, percent yield"),
}
# Symbols whose returns are price returns: foa says so wherever results on them are shown.
PRICE_INDICES = frozenset({"^GSPC", "^IXIC"})


def _arch_data_dir() -> Path:
    # find_spec locates the package without running arch/__init__.py, which imports statsmodels (~2 s).
    spec = importlib.util.find_spec("arch")
    if spec is None or not spec.submodule_search_locations:
        raise DataError("the bundled market data needs the `arch` package: pip install arch==8.0.0")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@functools.lru_cache(maxsize=None)
def _load(dataset: str) -> pd.DataFrame:
    path = _arch_data_dir() / dataset / f"{dataset}.csv.gz"
    try:
        raw = pd.read_csv(path)
    except OSError as err:
        raise DataError(f"bundled data file {path} cannot be read ({err}); reinstall arch==8.0.0") from err
    raw["Date"] = pd.to_datetime(raw["Date"])
    return raw.set_index("Date").apply(pd.to_numeric, errors="coerce")


def market_data(symbol: str) -> pd.DataFrame:
    """Bundled daily (or monthly) prices for ``symbol`` as an OHLCV frame, no workspace needed.

    Example::

        >>> float(market_data("^GSPC").loc["2018-12-31", "Close"])
        2506.850098
    """
    try:
        dataset, column, _name, _note = BUNDLED[symbol]
    except (KeyError, TypeError):
        raise DataError(
            f"{symbol!r} is not a bundled symbol; bundled: {', '.join(BUNDLED)} (see foa.samples.market_symbols())"
        ) from None
    raw = _load(dataset)
    if column is None:
        out = raw[COLUMNS].astype("float64")
    else:
        close = raw[column].dropna().astype("float64")
        out = pd.DataFrame({c: float("nan") for c in COLUMNS}, index=close.index)
        out["Close"] = close
        out["Adj Close"] = close
    out = out.sort_index()
    out.index = pd.DatetimeIndex(out.index, name="Date")
    return out.copy()


def market_symbols() -> pd.DataFrame:
    """What is bundled: one row per symbol with name, first and last date, rows, fields and a note.

    Example::

        >>> int(market_symbols().set_index("symbol").loc["^GSPC", "rows"])
        5031
    """
    rows = []
    for symbol, (_dataset, column, name, note) in BUNDLED.items():
        df = market_data(symbol)
        rows.append(
            {
                "symbol": symbol,
                "name": name,
                "first": df.index[0],
                "last": df.index[-1],
                "rows": len(df),
                "fields": "OHLC, Adj Close, Volume" if column is None else "Close",
                "note": note,
            }
        )
    return pd.DataFrame(rows)
