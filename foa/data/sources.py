"""Yahoo Finance through yfinance, quietly: only missing date ranges, errors that say what to do.

Offline, ``yf.download`` returns an empty frame without raising and prints DNS errors: foa turns that
into a DataError, keeps yfinance's prints, log records and warnings out of the notebook (they go to the
``foa.data.sources`` logger at DEBUG level) and never records an empty or partial download as fetched.
A symbol's gaps are downloaded first and stored together in one transaction, or not at all.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pandas as pd

from foa.data.frames import to_long
from foa.errors import DataError

if TYPE_CHECKING:
    from foa.data.store import PriceStore

__all__ = ["DEFAULT_START", "TIMEOUT", "fetch_yahoo", "missing_ranges"]

log = logging.getLogger(__name__)

SOURCE = "yahoo"
DEFAULT_START = dt.date(1970, 1, 2)
TIMEOUT = 10.0  # seconds per HTTP request inside yfinance
_NETWORK_HINTS = ("dns", "resolve host", "timed out", "timeout", "connection", "network", "curl: (6)", "curl: (7)", "ssl")


def missing_ranges(have: list[tuple[dt.date, dt.date]], start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Parts of [start, end] (inclusive) not inside the merged, sorted ranges ``have``.

    Example::

        >>> missing_ranges([(dt.date(2020, 1, 10), dt.date(2020, 1, 20))], dt.date(2020, 1, 1), dt.date(2020, 1, 31))
        [(datetime.date(2020, 1, 1), datetime.date(2020, 1, 9)), (datetime.date(2020, 1, 21), datetime.date(2020, 1, 31))]
    """
    out, cursor = [], start
    for lo, hi in have:
        if hi < cursor:
            continue
        if lo > end:
            break
        if lo > cursor:
            out.append((cursor, min(end, lo - dt.timedelta(days=1))))
        cursor = max(cursor, hi + dt.timedelta(days=1))
        if cursor > end:
            break
    if cursor <= end:
        out.append((cursor, end))
    return out


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextlib.contextmanager
def _quiet() -> Iterator[_Records]:
    """Capture yfinance's stdout/stderr prints, its logger and warnings for the duration of one call."""
    ylog = logging.getLogger("yfinance")
    handler = _Records()
    propagate = ylog.propagate
    out, err = io.StringIO(), io.StringIO()
    caught: list[warnings.WarningMessage] = []
    ylog.addHandler(handler)
    ylog.propagate = False  # without this the records also reach the root logger / lastResort (stderr)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")  # scoped to this block, restored on exit
            try:
                yield handler
            finally:
                caught = list(w or [])
    finally:
        ylog.removeHandler(handler)
        ylog.propagate = propagate
        for rec in handler.records:
            log.debug("yfinance: %s", rec.getMessage())
        for text in (out.getvalue(), err.getvalue()):
            if text.strip():
                log.debug("yfinance output: %s", text.strip())
        for warning in caught:
            log.debug("yfinance warning: %s", warning.message)


def _reason(records: list[logging.LogRecord]) -> str:
    msgs = [r.getMessage().strip() for r in records if r.levelno >= logging.WARNING and r.getMessage().strip()]
    return msgs[-1].splitlines()[-1][:300] if msgs else ""


def _download(symbol: str, lo: dt.date, hi: dt.date, timeout: float) -> pd.DataFrame | None:
    """Rows for [lo, hi], or None when Yahoo legitimately has nothing there (a weekend, a holiday)."""
    import yfinance as yf

    with _quiet() as captured:
        try:
            df = yf.download(
                symbol, start=lo.isoformat(), end=(hi + dt.timedelta(days=1)).isoformat(),  # Yahoo's end is exclusive
                auto_adjust=False, actions=False, progress=False, threads=False, timeout=timeout,
            )
        except Exception as err:  # yfinance raises a zoo of types (curl, JSON, KeyError); all mean "failed"
            raise DataError(
                f"could not download {symbol} from Yahoo Finance ({type(err).__name__}: {err}) — no network? "
                "use the bundled samples (ws.prices.load_bundled()) or import a CSV (ws.prices.import_file)"
            ) from err
    reason = _reason(captured.records)
    if df is not None and not df.empty and isinstance(df.columns, pd.MultiIndex):
        tickers = df.columns.get_level_values(-1)
        pick = symbol.upper() if symbol.upper() in set(tickers) else tickers[0]
        df = df.xs(pick, axis=1, level=-1)
    if df is not None and not df.empty and "Close" in df.columns:
        df = df[df["Close"].notna()]
    if df is None or df.empty or "Close" not in df.columns:
        business_days = len(pd.bdate_range(lo, hi))
        if not reason and business_days <= 3:
            return None
        if not reason or any(h in reason.lower() for h in _NETWORK_HINTS):
            detail = f" (yfinance: {reason})" if reason else ""
            raise DataError(
                f"could not download {symbol} from Yahoo Finance — no network? use the bundled samples "
                f"(ws.prices.load_bundled()) or import a CSV (ws.prices.import_file){detail}"
            )
        raise DataError(
            f"Yahoo Finance has no prices for {symbol!r} between {lo} and {hi} (yfinance: {reason}). Check the "
            "symbol's Yahoo spelling (e.g. ^GSPC, BRK-B, EURUSD=X) and the dates"
        )
    return df


def fetch_yahoo(store: "PriceStore", symbols: list[str], start: dt.date | None, end: dt.date | None, *,
                progress: bool = True, refresh: bool = False, timeout: float = TIMEOUT) -> pd.DataFrame:
    """Download the ranges of [start, end] each symbol lacks and store them; returns a summary per symbol."""
    today = dt.date.today()
    start = start or DEFAULT_START
    end = min(end or today, today)
    if start > end:
        raise DataError(f"start {start} is after end {end}; swap them")
    # today's bar may still be moving: it is stored, but not recorded as covered, so it is fetched again
    covered_end = min(end, today - dt.timedelta(days=1))
    bar = None
    if progress and len(symbols) > 1:
        from tqdm.auto import tqdm

        bar = tqdm(total=len(symbols), desc="Yahoo Finance", unit="symbol")
    rows: list[dict[str, Any]] = []
    try:
        for symbol in symbols:
            gaps = missing_ranges([] if refresh else store.coverage(symbol), start, end)
            frames, fetched = [], []
            for lo, hi in gaps:
                df = _download(symbol, lo, hi, timeout)
                if df is not None:
                    # Yahoo's own bars are stored as served: its known glitches (a zero, a close a
                    # cent outside high/low) must not make a whole download fail
                    frames.append(to_long(df, symbol, where=f"Yahoo download of {symbol}",
                                          check_positive=False, check_ohlc=False))
                if lo <= covered_end:
                    fetched.append((lo, min(hi, covered_end)))
            n = sum(f.num_rows for f in frames)
            if frames:
                import pyarrow as pa

                long = pa.concat_tables(frames)  # the gaps are disjoint, so the rows are too
                store.store_long(long, source=SOURCE, name=None, note=None, action="fetch", ranges=fetched)
            rows.append({"symbol": symbol, "fetched_rows": n, "ranges": len(gaps)})
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    summary = pd.DataFrame(rows, columns=["symbol", "fetched_rows", "ranges"])
    have = store.symbols().loc[:, ["symbol", "first", "last", "rows"]]
    return summary.merge(have, on="symbol", how="left")
