"""Find the prices a spec names (the resolver) and normalise them into one OHLCV frame per symbol.

The resolver runs on the caller's process for ``foa.backtest``, ``foa.sweep`` and ``foa.check``. A
symbol the data lack is an error that says both ways to get it, unless the caller asked for one:

    load_prices(spec, ws)                   # SymbolNotFound: "... fetch=True ... proxies=True ... did you mean"
    load_prices(spec, ws, fetch=True)       # downloads missing symbols from Yahoo into the workspace
    load_prices(spec, ws, proxies=True)     # SPY traded as ^GSPC (bundled), recorded in .substitutions
    load_prices(spec, ws, proxies={"SPY": "^GSPC"})   # your own map

A substitution keeps the spec's symbol (trades and charts say SPY) and is never silent: it is listed in
``PriceData.substitutions``, in ``result.assumptions``, ``describe()``, the HTML views and the saved row.

Accepted prices: a yfinance-style frame (Open, High, Low, Close, Adj Close, Volume in any case), yfinance 1.7's
one-ticker MultiIndex columns (field, ticker), a dict symbol -> frame, a Workspace (read through
``ws.prices.frames``), or the folder or URL of a Parquet dataset written by ``ws.prices.export_parquet``
(read through ``foa.prices_from_parquet``). When Adj Close is present, OHLC are back-adjusted by Adj Close / Close so returns
include dividends (total return); ``PriceData.note`` says which.

    data = load_prices(spec, foa.samples.market_data("^GSPC"))
    data.frames["^GSPC"].columns  # open, high, low, close, volume
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from foa.data.frames import column_role
from foa.errors import DataError, SpecError, SymbolNotFound
from foa.spec.model import StrategySpec

__all__ = [
    "FIELDS", "PROXIES", "PriceData", "Substitution", "load_prices", "normalise_frame", "resolve_symbols",
    "symbols_needed",
]

FIELDS = ("open", "high", "low", "close", "volume")
# Price indices carry no dividends: say so instead of pretending a total return.
_PRICE_INDEX_PREFIX = "^"

_SP = "the S&P 500 price index, dividends excluded"
_NQ = "the NASDAQ Composite price index (the fund tracks the NASDAQ-100), dividends excluded"
_OIL = "WTI crude spot (FRED), close only: not the fund's or the future's roll returns"
_VIX = "the VIX index itself, close only: not the product's futures roll (which decays)"
# A symbol a document names -> (the bundled series that stands in for it, what the stand-in is). Used by
# proxies=True; the reason is shown wherever the result is ("SPY traded as ^GSPC: the S&P 500 ...").
PROXIES: dict[str, tuple[str, str]] = {
    "SPY": ("^GSPC", _SP), "IVV": ("^GSPC", _SP), "VOO": ("^GSPC", _SP), "SPLG": ("^GSPC", _SP),
    "VFINX": ("^GSPC", _SP), "VFIAX": ("^GSPC", _SP), "FXAIX": ("^GSPC", _SP), "SWPPX": ("^GSPC", _SP),
    "SPX": ("^GSPC", "the S&P 500 index under Yahoo's symbol"), "^SPX": ("^GSPC", "the S&P 500 index under Yahoo's symbol"),
    "ES=F": ("^GSPC", "the S&P 500 price index, not the future (no roll, no financing)"),
    "QQQ": ("^IXIC", _NQ), "QQQM": ("^IXIC", _NQ), "ONEQ": ("^IXIC", "the NASDAQ Composite price index, dividends excluded"),
    "^NDX": ("^IXIC", "the NASDAQ Composite price index, not the NASDAQ-100"),
    "USO": ("CL=F", _OIL), "CL": ("CL=F", _OIL), "WTI": ("CL=F", _OIL), "CL1": ("CL=F", _OIL),
    "VXX": ("^VIX", _VIX), "VIXY": ("^VIX", _VIX), "VX=F": ("^VIX", _VIX),
}


@dataclass(frozen=True)
class Substitution:
    """One symbol traded on another series: ``str(sub)`` is the sentence shown with the result."""

    symbol: str
    used: str
    reason: str = ""

    def __str__(self) -> str:
        return f"{self.symbol} traded as {self.used}" + (f": {self.reason}" if self.reason else "")


@dataclass
class PriceData:
    """Aligned OHLCV frames (lower-case columns, shared DatetimeIndex) plus what was done to them."""

    frames: dict[str, pd.DataFrame]
    adjusted: dict[str, bool] = field(default_factory=dict)
    substitutions: list[Substitution] = field(default_factory=list)
    _matrices: dict[str, np.ndarray] = field(default_factory=dict, init=False, repr=False, compare=False)

    def matrices(self) -> dict[str, np.ndarray]:
        """Each field of every frame side by side: field -> bars x symbols (C order, float64, symbols in
        ``frames`` order), each field built on first use and then shared by the evaluators and simulations
        of a run (they do not write into it). A wide universe reads its frames once here instead of once per
        field and user; a field no rule reads (volume, mostly) is never built.

        >>> PriceData({"A": normalise_frame(df)[0]}).matrices()["close"].shape  # doctest: +SKIP
        (5031, 1)
        """
        if not isinstance(self._matrices, _Fields):
            self._matrices = _Fields(self.frames)
        return self._matrices

    def __getstate__(self) -> dict[str, Any]:
        # the matrices are rebuilt where they are used (a cluster's worker): not shipped beside the frames
        return {**self.__dict__, "_matrices": {}}

    @property
    def assumptions(self) -> list[str]:
        """One sentence per substituted symbol ("SPY traded as ^GSPC: ..."), in the order resolved."""
        return [str(x) for x in self.substitutions]

    @property
    def index(self) -> pd.DatetimeIndex:
        return next(iter(self.frames.values())).index

    @property
    def symbols(self) -> list[str]:
        return list(self.frames)

    @property
    def note(self) -> str:
        """One line per symbol: total return (adjusted) or price return, and why."""
        return self.note_of(None)

    def note_of(self, traded: list[str] | None) -> str:
        """``note`` where a symbol outside ``traded`` (a series the rules only read, such as the VIX) is said
        to be read, not traded: its returns do not enter the result."""
        parts = []
        used = {x.symbol: x.used for x in self.substitutions}
        for s in self.frames:
            series = used.get(s, s)
            name = s if series == s else f"{s} (traded as {series})"
            if traded is not None and s not in traded:
                parts.append(f"read by the rules, not traded: {s}")
            elif self.adjusted.get(s):
                parts.append(f"total returns: {name} back-adjusted by Adj Close / Close")
            elif series.startswith(_PRICE_INDEX_PREFIX):
                parts.append(f"price returns: {name} is a price index" if series == s
                             else f"price returns: {name}, a price index")
            else:
                parts.append(f"price returns: {name} has no Adj Close")
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
        return PriceData({s: f.loc[start:end] for s, f in self.frames.items()}, dict(self.adjusted),
                         list(self.substitutions))


_FIELDS_INDEX: list[pd.Index] = []  # the columns of a normalised frame, one Index shared by every frame


def _fields_index() -> pd.Index:
    if not _FIELDS_INDEX:
        _FIELDS_INDEX.append(pd.Index(list(FIELDS)))
    return _FIELDS_INDEX[0]


def _field_block(frame: pd.DataFrame) -> np.ndarray:
    """A normalised frame's fields as one bars x len(FIELDS) float64 array (a view when it is one block)."""
    if frame.columns is _fields_index() or list(frame.columns) == list(FIELDS):
        return frame.to_numpy(dtype=np.float64)
    return np.column_stack([frame[f].to_numpy(dtype=np.float64) for f in FIELDS])


class _Fields(dict):
    """PriceData.matrices: field -> bars x symbols, a field built when first read."""

    def __init__(self, frames: dict[str, pd.DataFrame]):
        super().__init__()
        self._frames = frames

    def __missing__(self, name: str) -> np.ndarray:
        if name not in FIELDS:
            raise KeyError(name)
        i = FIELDS.index(name)
        frames = list(self._frames.values())
        rows = np.empty((len(frames), len(frames[0].index) if frames else 0))  # symbol by symbol, contiguous
        for j, f in enumerate(frames):
            rows[j] = _field_block(f)[:, i]
        m = self[name] = np.ascontiguousarray(rows.T)
        return m

    def __reduce__(self) -> Any:  # pickled with the fields built so far (an evaluator's bars hold them)
        return (_restore_fields, (self._frames, dict(self)))


def _restore_fields(frames: dict[str, pd.DataFrame], built: dict[str, np.ndarray]) -> _Fields:
    out = _Fields(frames)
    out.update(built)
    return out


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
    fast = _normalise_arrays(df, cols, symbol)
    if fast is not None:
        return fast
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
    # each step is skipped when it would change nothing (the common case: clean float bars in date order),
    # which saves copying every frame of a wide universe several times
    out = out.set_axis(idx)
    if not all(dt == np.float64 for dt in out.dtypes):
        out = out.astype("float64")
    if not (idx.is_monotonic_increasing and idx.is_unique):
        out = out[~out.index.duplicated(keep="last")].sort_index()
    if out["close"].isna().any():
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
        elif out[f].isna().any():
            out[f] = out[f].fillna(out["close"])
    if "volume" not in out.columns:
        out["volume"] = np.nan
    return out[list(FIELDS)], adjusted


def _normalise_arrays(df: pd.DataFrame, cols: dict[Any, str], symbol: str) -> tuple[pd.DataFrame, bool] | None:
    """``normalise_frame`` for the common frame (numeric columns, unique labels, dates in order, no
    duplicates) on numpy arrays: the same steps and values, without a pandas copy per step (a wide universe
    normalises hundreds of frames per backtest). None for any other frame (the pandas steps handle it)."""
    kinds = dict(zip(df.columns, (dt.kind for dt in df.dtypes)))
    if not df.columns.is_unique or not all(kinds[c] in "fiu" for c in cols):
        return None
    try:
        idx = df.index if isinstance(df.index, pd.DatetimeIndex) else pd.DatetimeIndex(df.index)
    except (TypeError, ValueError):
        return None
    if idx.tz is not None:
        idx = idx.tz_localize(None)
    if not (idx.is_monotonic_increasing and idx.is_unique):
        return None
    if all(k in "fiu" for k in kinds.values()):  # one array of the whole frame, its columns picked by position
        block = df.to_numpy(dtype="float64")[:, [df.columns.get_loc(c) for c in cols]]
    else:
        block = df[list(cols)].to_numpy(dtype="float64")  # one selection, not one Series per column
    a = {key: block[:, i] for i, key in enumerate(cols.values())}
    if "close" not in a:
        if "adj_close" not in a:
            raise DataError(f"prices for {symbol!r} have no Close column (columns: {list(df.columns)[:8]}); "
                            "give a frame with Open, High, Low, Close (any case)")
        a["close"] = a["adj_close"]
    keep = ~np.isnan(a["close"])
    if not keep.all():
        a = {k: v[keep] for k, v in a.items()}
        idx = idx[keep]
    if not len(idx):
        raise DataError(f"prices for {symbol!r} are empty (no rows with a Close): fetch or import data first")
    adjusted = False
    if "adj_close" in a and not np.isnan(a["adj_close"]).any():
        factor = a["adj_close"] / a["close"]
        adjusted = not np.allclose(factor, 1.0, rtol=0, atol=1e-12)
        for f in ("open", "high", "low", "close"):
            if f in a:
                a[f] = a[f] * factor
    close = a["close"]
    for f in ("open", "high", "low"):
        if f not in a:
            a[f] = close
        else:
            gap = np.isnan(a[f])
            if gap.any():
                a[f] = np.where(gap, close, a[f])
    if "volume" not in a:
        a["volume"] = np.full(len(idx), np.nan)
    out = np.empty((len(idx), len(FIELDS)), order="F")  # one float block, each field's bars contiguous
    for i, f in enumerate(FIELDS):
        out[:, i] = a[f]
    return pd.DataFrame(out, index=pd.DatetimeIndex(idx, freq=None), columns=_fields_index(), copy=False), adjusted


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


def _bundled(symbol: str) -> pd.DataFrame:
    from foa.samples.market import market_data

    return market_data(symbol)


def _bundled_symbols() -> list[str]:
    from foa.samples.market import BUNDLED

    return list(BUNDLED)


def _proxy_map(proxies: bool | dict[str, str] | None) -> dict[str, tuple[str, str]]:
    if proxies is None or proxies is False:
        return {}
    if proxies is True:
        return dict(PROXIES)
    if isinstance(proxies, dict):
        bad = [k for k, v in proxies.items() if not (isinstance(k, str) and isinstance(v, str) and k and v)]
        if bad:
            raise SpecError(f"proxies must map symbol -> symbol, e.g. {{'SPY': '^GSPC'}}; got {bad[0]!r}: {proxies[bad[0]]!r}")
        return {k: (v, PROXIES[k][1] if k in PROXIES and PROXIES[k][0] == v else "your proxies= map")
                for k, v in proxies.items()}
    raise SpecError(f"proxies must be True, False or a dict symbol -> symbol (e.g. {{'SPY': '^GSPC'}}), got {proxies!r}")


def resolve_symbols(needed: list[str], available: list[str], *, proxies: bool | dict[str, str] | None = False,
                    where: str = "the price data", fetch_hint: bool = True) -> tuple[dict[str, str], list[Substitution]]:
    """symbol -> the series that stands for it (itself when present), and the substitutions made.

    A symbol is found as is, else through ``proxies`` (True: :data:`PROXIES`; or a dict) when its stand-in
    is ``available`` or bundled. Anything else raises :class:`~foa.errors.SymbolNotFound` naming the ways
    to get it and the symbols close to it.

    >>> resolve_symbols(["SPY"], ["^GSPC"], proxies=True)[1][0].used
    '^GSPC'
    """
    from foa.spec.friendly import did_you_mean

    have = set(available)
    pmap = _proxy_map(proxies)
    bundled = _bundled_symbols()
    mapping: dict[str, str] = {}
    subs: list[Substitution] = []
    missing: list[str] = []
    for s in needed:
        if s in have:
            mapping[s] = s
        elif s in pmap and (pmap[s][0] in have or pmap[s][0] in bundled):
            mapping[s] = pmap[s][0]
            subs.append(Substitution(s, *pmap[s]))
        else:
            missing.append(s)
    if missing:
        ways = []
        if fetch_hint:
            ways.append("download them: foa.backtest(spec, ws, fetch=True) (Yahoo Finance, needs a network)")
        standins = [f"{s} -> {PROXIES[s][0]}" for s in missing if s in PROXIES]
        if proxies:  # already on: only a map of the caller's own can stand in for these
            ways.append(f"proxies is on, but foa has no stand-in for {'them' if len(missing) > 1 else 'it'}: pass "
                        f"your own map, proxies={{{missing[0]!r}: '^GSPC'}}")
        else:
            ways.append("trade a bundled stand-in: proxies=True" + (f" ({', '.join(standins)})" if standins else
                        " (for funds and futures such as SPY, QQQ, USO, VXX: foa.engine.prices.PROXIES)")
                        + " or your own map, proxies={'SYMBOL': '^GSPC'}")
        in_bundle = [s for s in missing if s in bundled]
        ways.append("add them yourself: " + (f"ws.prices.load_bundled() (it holds {in_bundle[:_NAMED]}) / "
                                             if in_bundle else "") + "ws.prices.import_file(...), a dict entry, or change the spec")
        pool = list(have) + bundled
        if len(missing) == 1:
            hints = did_you_mean(missing[0], pool, max_edits=1)
        else:  # a few suggestions, each naming its symbol: a wide universe may miss hundreds
            near = [(s, h) for s in missing[:_NAMED * 5] if (h := did_you_mean(s, pool, max_edits=1))]
            hints = "".join(f" For {s!r}:{h}" for s, h in near[:_HINTS])
            if len(near) > _HINTS:
                hints += f" ({len(near) - _HINTS} more of the first {min(len(missing), _NAMED * 5)} have close matches.)"
        plural = "s" if len(missing) > 1 else ""
        named = (f"{missing}" if len(missing) <= _NAMED
                 else f"{missing[:_NAMED]} and {len(missing) - _NAMED} more ({len(missing)} in all)")
        raise SymbolNotFound(
            f"symbol{plural} {named} not in the price data ({where}; have {sorted(have)[:10]}).{hints} To add "
            "them, " + "; or ".join(ways),
            missing=missing,
        )
    return mapping, subs


_NAMED = 10  # missing symbols named in a SymbolNotFound message (the rest counted)
_HINTS = 3  # "Did you mean" suggestions in it
_KINDS = "prices must be a DataFrame, a dict of DataFrames, a Workspace or the folder/URL of a Parquet dataset"
_TABLE_FILES = (".csv", ".tsv", ".txt", ".xls", ".xlsx", ".json")


def _check_dataset_path(prices: str | os.PathLike) -> None:
    """A string given as prices names a Parquet dataset: say plainly when it cannot be one."""
    text = str(prices)
    if "://" in text:
        return
    path = Path(text).expanduser()
    if path.suffix.lower() in _TABLE_FILES:
        raise DataError(f"{_KINDS} (ws.prices.export_parquet), got the file name {text!r}: import the file first "
                        f"(ws.prices.import_file({text!r}, symbol=...) or `foa data import {text} --symbol ...`) "
                        "and pass the Workspace, or read it into a DataFrame")
    if not path.exists():
        raise DataError(f"{_KINDS} (ws.prices.export_parquet), got {text!r}, which is no folder or file here")


def _stored(ws: Any) -> list[str]:
    return list(ws.prices.symbols()["symbol"])


def _fetch(ws: Any, symbols: list[str], progress: bool) -> None:
    try:
        ws.prices.fetch(symbols, progress=progress)
    except DataError as err:
        standins = [f"{s} -> {PROXIES[s][0]}" for s in symbols if s in PROXIES]
        alt = f" or trade bundled stand-ins with proxies=True ({', '.join(standins)})" if standins else ""
        raise DataError(f"fetch=True could not download {symbols}: {err}. Nothing was stored for the symbols that "
                        f"failed; retry when online{alt}") from err


def load_prices(spec: StrategySpec, prices: Any, *, end: Any = None, fetch: bool = False,
                proxies: bool | dict[str, str] | None = False, progress: bool = True) -> PriceData:
    """Bind ``prices`` to the spec's symbols and align them on the dates all of them share.

    A lone frame is bound to the spec's single traded symbol whatever its name. With a Workspace,
    ``fetch=True`` first downloads the symbols it lacks (Yahoo Finance, cached in the workspace);
    ``proxies=True`` (or a dict) trades a missing symbol on a stand-in series (:data:`PROXIES`), taken from
    the data or else the bundled samples, and records it in ``PriceData.substitutions``. A symbol still
    missing raises SymbolNotFound (a DataError and a SpecError); unusable data raise DataError.

    >>> load_prices(spec, ws, proxies=True).assumptions  # doctest: +SKIP
    ['SPY traded as ^GSPC: the S&P 500 price index, dividends excluded']
    """
    from foa.workspace import Workspace

    needed = symbols_needed(spec)
    traded = list(dict.fromkeys(spec.universe.symbols))
    if fetch and not isinstance(prices, Workspace):
        raise SpecError("fetch=True downloads into a workspace: pass a foa.Workspace as prices "
                        f"(got {type(prices).__name__}), or fetch yourself and pass the frames")
    raw: dict[str, Any]
    if isinstance(prices, Workspace):
        if not traded:
            raise SpecError("the spec's universe has no symbols (the document names no ticker) to read from the workspace: "
                           "name the symbols to trade: foa.backtest(spec, ..., symbols='^GSPC') or spec.with_symbols('^GSPC')")
        have = _stored(prices)
        if fetch:
            lacking = [s for s in needed if s not in have]
            if lacking:
                _fetch(prices, lacking, progress)
                have = _stored(prices)
        mapping, subs = resolve_symbols(needed, have, proxies=proxies, where=f"workspace {prices.path.name}")
        in_ws = list(dict.fromkeys(v for v in mapping.values() if v in have))
        # Indicators warm up on stored data before `start`, so read from the beginning.
        got = prices.prices.frames(in_ws, None, end) if in_ws else {}
        raw = {s: got[v] if v in got else _bundled(v) for s, v in mapping.items()}
    elif isinstance(prices, dict):
        mapping, subs = resolve_symbols(needed, list(prices), proxies=proxies, where="the frames given",
                                        fetch_hint=False) if (needed or traded) \
            else ({}, [])
        raw = {s: prices[v] if v in prices else _bundled(v) for s, v in mapping.items()} if mapping else dict(prices)
    elif isinstance(prices, pd.DataFrame):
        others = [s for s in needed if s not in traded]
        if len(traded) > 1:
            raise SpecError(
                f"one price frame given for a universe of {len(traded)} symbols {traded}: pass a dict symbol -> frame or a Workspace"
            )
        if others:
            raise SpecError(f"the spec also needs {others} (rules or benchmark): pass a dict symbol -> frame with all of them")
        raw, subs = {traded[0] if traded else "asset": prices}, []
    elif isinstance(prices, (str, os.PathLike)):
        # a Parquet dataset written by ws.prices.export_parquet, a folder or a URL: read the symbols it has
        from foa.data.parquet import dataset_symbols, prices_from_parquet

        _check_dataset_path(prices)
        if not needed:
            raise SpecError(f"the spec's universe has no symbols (the document names no ticker) to read from the Parquet "
                            f"dataset {prices}: name the symbols to trade: foa.backtest(spec, ..., symbols='^GSPC') or spec.with_symbols('^GSPC')")
        have = dataset_symbols(prices)
        mapping, subs = resolve_symbols(needed, have, proxies=proxies, where=f"the Parquet prices at {prices}",
                                        fetch_hint=False)
        in_ds = [v for v in dict.fromkeys(mapping.values()) if v in have]
        got = prices_from_parquet(prices, in_ds, end=end) if in_ds else {}
        raw = {s: got[v] if v in got else _bundled(v) for s, v in mapping.items()}
    else:
        raise DataError("prices must be a DataFrame, a dict of DataFrames, a Workspace or the path/URL of a Parquet "
                        f"dataset (ws.prices.export_parquet), got {type(prices).__name__}")
    if not traded:
        if len(raw) == 1:
            traded = list(raw)
        else:
            raise SpecError("the spec's universe has no symbols and several price frames were given: name the symbols to "
                            "trade: foa.backtest(spec, ..., symbols='^GSPC') or spec.with_symbols('^GSPC')")
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
    # a frame already on the common dates is kept as it is (normalise_frame made it: no caller holds it)
    frames = {s: f if f.index is common or f.index.equals(common) else f.reindex(common) for s, f in frames.items()}
    return PriceData(frames, adjusted, subs)
