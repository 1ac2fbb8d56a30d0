"""Normalise the prices researchers have into one OHLCV frame per symbol.

Accepted: a yfinance-style frame (Open, High, Low, Close, Adj Close, Volume in any case), yfinance 1.7's
one-ticker MultiIndex columns (field, ticker), a dict symbol -> frame, or a Workspace (read through
``ws.prices.frames``). When Adj Close is present, OHLC are back-adjusted by Adj Close / Close so returns
include dividends (total return); ``PriceData.note`` says which.

    data = load_prices(spec, foa.samples.market_data("^GSPC"))
    data.frames["^GSPC"].columns  # open, high, low, close, volume
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from foa.data.frames import column_role
from foa.errors import DataError, SpecError
from foa.spec.model import StrategySpec


__all__ = ["FIELDS", "PriceData", "load_prices", "normalise_frame", "symbols_needed"]

FIELDS = ("open", "high", "low", "close", "volume")
# Price indices carry no dividends: say so instead of pretending a total return.
_PRICE_INDEX_PREFIX = "^"


@dataclass
class PriceData:
    """Aligned OHLCV frames (lower-case columns, shared DatetimeIndex) plus what was done to them."""

    frames: dict[str, pd.DataFrame]
    adjusted: dict[str, bool] = field(default_factory=dict)

    @property
    def index(self) -> pd.DatetimeIndex:
        return next(iter(self.frames.values())).index

    @property
    def symbols(self) -> list[str]:
        return list(self.frames)

    @property
    def note(self) -> str:
        """One line per symbol: total return (adjusted) or price return, and why."""
        parts = []
        for s in self.frames:
            if self.adjusted.get(s):
                parts.append(f"total returns: {s} back-adjusted by Adj Close / Close")
            elif s.startswith(_PRICE_INDEX_PREFIX):
                parts.append(f"price returns: {s} is a price index")
            else:
                parts.append(f"price returns: {s} has no Adj Close")
        return "; ".join(parts)

    def data_hash(self) -> str:
        """sha256 of the exact numbers used (dates and OHLCV of every symbol), for reproducibility."""
        h = hashlib.sha256()
        for s in sorted(self.frames):
            f = self.frames[s]
            h.update(s.encode())
            h.update(np.asarray(f.index.values, dtype="datetime64[s]").astype("int64").tobytes())  # unit-free
            h.update(np.ascontiguousarray(f[list(FIELDS)].to_numpy(dtype="float64")).tobytes())
        return h.hexdigest()

    def slice(self, start: Any = None, end: Any = None) -> "PriceData":
        return PriceData({s: f.loc[start:end] for s, f in self.frames.items()}, dict(self.adjusted))


def normalise_frame(df: pd.DataFrame, symbol: str = "?") -> tuple[pd.DataFrame, bool]:
    """One OHLCV frame -> (frame with open/high/low/close/volume, adjusted?).

    >>> f, adj = normalise_frame(pd.DataFrame({"Close": [1.0, 2.0]}, index=pd.date_range("2020", periods=2)))
    """
    if not isinstance(df, pd.DataFrame):
        raise DataError(f"prices for {symbol!r} must be a pandas DataFrame with Open/High/Low/Close columns, got {type(df).__name__}")
    if isinstance(df.columns, pd.MultiIndex):
        # yfinance >= 0.2.5x returns (Price, Ticker) columns even for one ticker: keep the field level.
        levels = [df.columns.get_level_values(i) for i in range(df.columns.nlevels)]
        field_level = next((i for i, lv in enumerate(levels) if any(str(v).lower() == "close" for v in lv)), None)
        if field_level is None:
            raise DataError(f"prices for {symbol!r}: MultiIndex columns without a Close field; pass one frame per ticker")
        tickers = {tuple(c[j] for j in range(len(c)) if j != field_level) for c in df.columns}
        if len(tickers) > 1:
            raise DataError(
                f"prices hold {len(tickers)} tickers in one MultiIndex frame: pass a dict symbol -> frame "
                "(e.g. {t: df.xs(t, axis=1, level=1) for t in tickers})"
            )
        df = df.copy()
        df.columns = [str(c) for c in levels[field_level]]
    # one column per role: a header named exactly as the field ("Close") wins over an alias ("Price")
    cols: dict[Any, str] = {}
    exact = {str(c).strip().lower() for c in df.columns}
    for c in df.columns:
        key = column_role(c)
        if key not in (*FIELDS, "adj_close") or key in cols.values():
            continue
        if str(c).strip().lower() != key.replace("_", " ") and key in exact:
            continue
        cols[c] = key
    out = df[list(cols)].rename(columns=cols)
    if "close" not in out.columns:
        if "adj_close" in out.columns:
            out["close"] = out["adj_close"]
        else:
            raise DataError(f"prices for {symbol!r} have no Close column (columns: {list(df.columns)[:8]}); "
                            "give a frame with Open, High, Low, Close (any case)")
    try:
        idx = pd.DatetimeIndex(out.index)
    except (TypeError, ValueError) as err:
        raise DataError(f"prices for {symbol!r}: the index is not dates; set a DatetimeIndex (df.set_index('Date'))") from err
    if idx.tz is not None:
        idx = idx.tz_localize(None)
    out = out.set_axis(idx).astype("float64")
    out = out[~out.index.duplicated(keep="last")].sort_index()
    out = out[out["close"].notna()]
    if out.empty:
        raise DataError(f"prices for {symbol!r} are empty (no rows with a Close): fetch or import data first")
    adjusted = False
    if "adj_close" in out.columns and out["adj_close"].notna().all():
        factor = out["adj_close"] / out["close"]
        adjusted = not np.allclose(factor.to_numpy(), 1.0, rtol=0, atol=1e-12)
        for f in ("open", "high", "low", "close"):
            if f in out.columns:
                out[f] = out[f] * factor
    # Close-only series (futures settlement, yields): the other fields fall back to the close.
    for f in ("open", "high", "low"):
        if f not in out.columns:
            out[f] = out["close"]
        else:
            out[f] = out[f].fillna(out["close"])
    if "volume" not in out.columns:
        out["volume"] = np.nan
    return out[list(FIELDS)], adjusted


def symbols_needed(spec: StrategySpec) -> list[str]:
    """The traded universe first, then any other symbol a rule refers to, then the benchmark."""
    from foa.spec.validate import iter_exprs

    out = list(dict.fromkeys(spec.universe.symbols))
    for e in iter_exprs(spec):
        s = getattr(e, "symbol", None)
        if s and s not in out:
            out.append(s)
    if spec.universe.benchmark and spec.universe.benchmark not in out:
        out.append(spec.universe.benchmark)
    return out


def _from_workspace(ws: Any, symbols: list[str], end: Any) -> dict[str, pd.DataFrame]:
    # Indicators warm up on stored data before `start`, so read from the beginning.
    return ws.prices.frames(symbols, None, end)


def load_prices(spec: StrategySpec, prices: Any, *, end: Any = None) -> PriceData:
    """Bind ``prices`` to the spec's symbols and align them on the dates all of them share.

    A lone frame is bound to the spec's single traded symbol whatever its name. Raises SpecError when a
    symbol the spec needs is missing, DataError when the data are unusable.
    """
    from foa.workspace import Workspace

    needed = symbols_needed(spec)
    traded = list(dict.fromkeys(spec.universe.symbols))
    if isinstance(prices, Workspace):
        if not traded:
            raise SpecError("the spec's universe has no symbols: set universe.symbols (e.g. ['^GSPC']) to read prices from the workspace")
        raw = _from_workspace(prices, needed, end)
    elif isinstance(prices, dict):
        raw = dict(prices)
    elif isinstance(prices, pd.DataFrame):
        others = [s for s in needed if s not in traded]
        if len(traded) > 1:
            raise SpecError(
                f"one price frame given for a universe of {len(traded)} symbols {traded}: pass a dict symbol -> frame or a Workspace"
            )
        if others:
            raise SpecError(f"the spec also needs {others} (rules or benchmark): pass a dict symbol -> frame with all of them")
        raw = {traded[0] if traded else "asset": prices}
    else:
        raise DataError(f"prices must be a DataFrame, a dict of DataFrames or a Workspace, got {type(prices).__name__}")
    if not traded:
        if len(raw) == 1:
            traded = list(raw)
        else:
            raise SpecError("the spec's universe has no symbols and several price frames were given: set universe.symbols")
    missing = [s for s in (needed or traded) if s not in raw]
    if missing:
        raise SpecError(
            f"symbol(s) {missing} are not in the price data (have {sorted(raw)[:10]}): add them to the data "
            "(ws.prices.fetch / import_file, or a dict entry) or change the spec"
        )
    frames: dict[str, pd.DataFrame] = {}
    adjusted: dict[str, bool] = {}
    for s in dict.fromkeys(list(traded) + [x for x in needed if x not in traded]):
        f, adj = normalise_frame(raw[s], s)
        if end is not None:
            f = f.loc[:end]
        frames[s], adjusted[s] = f, adj
    common = None
    for f in frames.values():
        common = f.index if common is None else common.intersection(f.index)
    if common is None or len(common) == 0:
        raise DataError(f"the symbols {list(frames)} share no dates: check their date ranges")
    frames = {s: f.reindex(common) for s, f in frames.items()}
    return PriceData(frames, adjusted)
