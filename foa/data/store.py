"""Prices in the workspace: one long table, read back wide (dates x symbols) or as OHLCV per symbol.

    ps = ws.prices
    ps.load_bundled()                          # ^GSPC, ^IXIC, CL=F, ^VIX, MOODYS:AAA/BAA, offline
    ps.fetch(["SPY", "QQQ"], start="2010-01-01")   # Yahoo Finance; only the ranges not stored yet
    ps.import_file("prices.csv", symbol="ABC")
    ps.close(["^GSPC", "^IXIC"])               # wide frame, union of dates, NaN where a symbol has no bar
    ps.ohlcv("^GSPC")                          # Open, High, Low, Close, Adj Close, Volume

Layout: ``prices`` is long (symbol, date, raw OHLC, adj_close, volume, source, fetched_at) without an
index: writes append a whole batch in one transaction (earlier rows for the same dates are replaced),
reads pull the needed columns through Arrow and pivot in numpy, which is faster than DuckDB's PIVOT.
``price_coverage`` remembers which date ranges each symbol holds, so a fetch downloads only the gaps.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from foa.data.frames import DISPLAY, FIELDS, FIRST_DAY, LAST_DAY, to_long
from foa.errors import DataError

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

    from foa.workspace import Workspace

__all__ = ["MIGRATIONS", "PriceStore"]

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE IF NOT EXISTS prices (
            symbol VARCHAR NOT NULL,
            date DATE NOT NULL,
            open DOUBLE, high DOUBLE, low DOUBLE,
            close DOUBLE NOT NULL,          -- raw close as traded
            adj_close DOUBLE,               -- split/dividend adjusted (= close for price indices)
            volume DOUBLE,
            source VARCHAR NOT NULL,        -- 'yahoo', 'arch (bundled)', 'file:<name>', ...
            fetched_at TIMESTAMP NOT NULL
        );
        CREATE TABLE IF NOT EXISTS price_symbols (
            symbol VARCHAR PRIMARY KEY,
            name VARCHAR,
            source VARCHAR NOT NULL,
            note VARCHAR,
            updated_at TIMESTAMP NOT NULL
        );
        CREATE TABLE IF NOT EXISTS price_coverage (
            symbol VARCHAR NOT NULL,
            start_date DATE NOT NULL,
            end_date DATE NOT NULL,
            source VARCHAR NOT NULL,
            fetched_at TIMESTAMP NOT NULL
        );
        """,
    ),
]

_FIELD_ALIASES = {k: k for k in FIELDS} | {v.lower(): k for k, v in DISPLAY.items()} | {"adjclose": "adj_close"}


def _field(name: str) -> str:
    """A field name from a fixed list (it becomes an SQL identifier, so never user text)."""
    key = _FIELD_ALIASES.get(str(name).strip().lower())
    if key is None:
        raise DataError(f"unknown price field {name!r}; use one of {', '.join(DISPLAY.values())}")
    return key


def _symbols(symbols: str | Iterable[str]) -> list[str]:
    try:
        out = [symbols] if isinstance(symbols, str) else list(symbols)
    except TypeError as err:  # None, a number
        raise DataError(f"symbols must be a str or a list of str, e.g. ['^GSPC', '^IXIC'], got {symbols!r}") from err
    if not out:
        raise DataError("no symbols given; pass one symbol or a list, e.g. ['^GSPC', '^IXIC']")
    bad = [s for s in out if not isinstance(s, str) or not s.strip()]
    if bad:
        raise DataError(f"symbols must be non-empty strings, got {bad[0]!r}")
    return list(dict.fromkeys(out))  # keep order, drop repeats


def _day(value: Any, what: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return pd.Timestamp(value).date()
    except (ValueError, TypeError) as err:
        raise DataError(f"{what}={value!r} is not a date; use e.g. '2020-01-31'") from err


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _spans(long: "pa.Table") -> list[tuple[str, dt.date, dt.date, int]]:
    """(symbol, first date, last date, rows) per symbol, in the batch's order.

    ``to_long`` sorts by symbol then date, so each symbol is one run: its ends give the date range,
    which is a few vectorised comparisons instead of a hash group-by over millions of strings.
    """
    import pyarrow.compute as pc

    sym = long.column("symbol").combine_chunks()
    n = len(sym)
    change = pc.not_equal(sym.slice(1), sym.slice(0, n - 1)).to_numpy(zero_copy_only=False)
    starts = np.concatenate([[0], np.flatnonzero(change) + 1])
    ends = np.concatenate([starts[1:], [n]]) - 1
    dates = long.column("date")
    return [
        (sym[int(a)].as_py(), dates[int(a)].as_py(), dates[int(b)].as_py(), int(b - a + 1))
        for a, b in zip(starts, ends)
    ]


@contextlib.contextmanager
def _registered(con: "duckdb.DuckDBPyConnection", name: str, table: "pa.Table") -> Iterator[None]:
    """``table`` visible to SQL as ``name`` inside the block.

    When the block fails, unregistering runs on an aborted transaction and would raise "Current
    transaction is aborted", hiding the real cause (a full disk, a changed table): that second error is
    dropped so the first one propagates.
    """
    con.register(name, table)
    try:
        yield
    except BaseException:
        with contextlib.suppress(Exception):
            con.unregister(name)
        raise
    con.unregister(name)


def _index(days: np.ndarray) -> pd.DatetimeIndex:
    day = days.astype("datetime64[D]")
    outside = (day < FIRST_DAY) | (day > LAST_DAY)
    if outside.any():  # the cast below would wrap round silently (1066 -> 2235)
        raise DataError(f"the workspace holds a price dated {day[outside][0]}, outside the dates pandas can "
                        f"represent ({FIRST_DAY} to {LAST_DAY}). Delete that symbol (ws.prices.delete) and "
                        "import it again without that row")
    return pd.DatetimeIndex(day.astype("datetime64[ns]"), name="Date")


class PriceStore:
    """Read and write prices in a workspace. Get one with ``ws.prices``.

    Example::

        ws = foa.Workspace()
        ws.prices.load_bundled()
        ws.prices.close(["^GSPC", "^IXIC"], start="2010-01-01").tail()
    """

    def __init__(self, ws: "Workspace"):
        self.ws = ws

    # ------------------------------------------------------------------------------------ writes
    def write(
        self,
        data: pd.DataFrame | Mapping[str, pd.DataFrame],
        symbol: str | None = None,
        *,
        source: str = "user",
        name: str | None = None,
        note: str | None = None,
        check_positive: bool = True,
        where: str = "prices",
        first_row: int = 1,
        coverage: tuple[Any, Any] | None = None,
        action: str = "write",
    ) -> pd.DataFrame:
        """Validate and store prices in one transaction; rows for dates already stored are replaced.

        ``data``: one OHLCV frame (with ``symbol``), a long frame with a Symbol column, or a dict
        symbol -> frame. ``coverage`` (start, end) records a fetched range wider than the rows (weekends).
        Returns the per-symbol summary of what was written.

        Example::

            ws.prices.write(my_frame, "ABC", source="my desk")
        """
        long = to_long(data, symbol, where=where, first_row=first_row, check_positive=check_positive)
        self.store_long(long, source=source, name=name, note=note, coverage=coverage, action=action)
        return self._written(long)

    def store_long(self, long: "pa.Table", *, source: str, name: str | None, note: str | None,
               coverage: tuple[Any, Any] | None = None, action: str = "write",
               ranges: list[tuple[dt.date, dt.date]] | None = None) -> None:
        """One transaction: replace overlapping rows, insert, record symbol, coverage and audit.

        ``long`` comes from ``to_long``; ``ranges`` (one-symbol batches) records exactly those fetched
        ranges as covered, ``coverage`` (start, end) widens each symbol's recorded range.
        """
        import pyarrow as pa

        now = _now()
        spans = _spans(long)
        lo_cov, hi_cov = (_day(coverage[0], "start"), _day(coverage[1], "end")) if coverage else (None, None)
        cov = [(sym, lo, hi) for sym, *_ in spans for lo, hi in ranges] if ranges is not None else [
            (sym, min(first, lo_cov or first), max(last, hi_cov or last)) for sym, first, last, _n in spans
        ]
        # one statement per table for the whole batch (500 single-row statements cost seconds), built
        # before the file is opened so that the write holds it only for the transaction
        meta = pa.table({"symbol": [c[0] for c in cov], "lo": pa.array([c[1] for c in cov], pa.date32()),
                         "hi": pa.array([c[2] for c in cov], pa.date32())})
        with self.ws.transaction() as con:
            with _registered(con, "foa_batch", long):
                overlap = con.execute(
                    "SELECT 1 FROM prices WHERE symbol IN (SELECT unnest(?::VARCHAR[])) LIMIT 1", [[sp[0] for sp in spans]]
                ).fetchone()
                if overlap:  # replace the stored rows this batch covers (no index: a hash join)
                    con.execute(
                        "DELETE FROM prices USING foa_batch b WHERE prices.symbol = b.symbol AND prices.date = b.date"
                    )
                con.execute(
                    "INSERT INTO prices SELECT symbol, date, open, high, low, close, adj_close, volume, ?, ? "
                    "FROM foa_batch",
                    [source, now],
                )
            with _registered(con, "foa_meta", meta):
                con.execute(
                    "INSERT INTO price_symbols (symbol, name, source, note, updated_at) "
                    "SELECT DISTINCT symbol, ?::VARCHAR, ?, ?::VARCHAR, ? FROM foa_meta "
                    "ON CONFLICT (symbol) DO UPDATE SET source = excluded.source, updated_at = excluded.updated_at, "
                    "name = coalesce(excluded.name, price_symbols.name), note = coalesce(excluded.note, price_symbols.note)",
                    [name, source, note, now],
                )
                con.execute("INSERT INTO price_coverage SELECT symbol, lo, hi, ?, ? FROM foa_meta", [source, now])
            self.ws.audit(action, {"source": source, "symbols": [s[0] for s in spans][:50],
                                   "symbol_count": len(spans), "rows": long.num_rows}, con=con)

    @staticmethod
    def _written(long: "pa.Table") -> pd.DataFrame:
        out = pd.DataFrame(_spans(long), columns=["symbol", "first", "last", "rows"])
        for c in ("first", "last"):
            out[c] = pd.to_datetime(out[c])
        return out

    def load_bundled(self, symbols: str | Iterable[str] | None = None) -> pd.DataFrame:
        """Store the bundled real market data (offline) and return what the workspace now holds.

        Example::

            ws.prices.load_bundled(["^GSPC"])
        """
        from foa.samples.market import SOURCE, BUNDLED, market_data

        wanted = list(BUNDLED) if symbols is None else _symbols(symbols)
        for sym in wanted:
            frame = market_data(sym)
            _, _, name, note = BUNDLED[sym]
            long = to_long(frame, sym, where=f"bundled {sym}")
            self.store_long(long, source=SOURCE, name=name, note=note, action="load_bundled")
        return self.symbols(wanted)

    def fetch(self, symbols: str | Iterable[str], start: Any = None, end: Any = None, *,
              progress: bool = True, refresh: bool = False) -> pd.DataFrame:
        """Download daily prices from Yahoo Finance, only for date ranges not stored yet.

        Raw and adjusted prices are stored with source 'yahoo' and the fetch time. Offline (or an unknown
        symbol) ends in a DataError; nothing empty or partial is recorded as fetched.

        Example::

            ws.prices.fetch(["SPY", "TLT"], start="2015-01-01")
        """
        from foa.data.sources import fetch_yahoo

        return fetch_yahoo(self, _symbols(symbols), _day(start, "start"), _day(end, "end"),
                           progress=progress, refresh=refresh)

    def import_file(self, path: Any, symbol: str | None = None) -> pd.DataFrame:
        """Import a CSV or Parquet file of daily prices (columns detected in any case). Returns a summary.

        Example::

            ws.prices.import_file("ABC.csv")      # symbol from the file name: ABC
        """
        from foa.data.importer import import_file

        return import_file(self, path, symbol)

    def delete(self, symbols: str | Iterable[str]) -> int:
        """Remove symbols (rows, coverage, metadata); returns the number of price rows deleted.

        Example::

            ws.prices.delete("SPY")
        """
        wanted = _symbols(symbols)
        self._known(wanted)
        with self.ws.transaction() as con:
            n = con.execute("SELECT count(*) FROM prices WHERE symbol IN (SELECT unnest(?::VARCHAR[]))", [wanted]).fetchone()[0]
            for table in ("prices", "price_coverage", "price_symbols"):  # fixed list
                con.execute(f"DELETE FROM {table} WHERE symbol IN (SELECT unnest(?::VARCHAR[]))", [wanted])
            self.ws.audit("delete_prices", {"symbols": wanted, "rows": int(n)}, con=con)
        return int(n)

    # ------------------------------------------------------------------------------------- reads
    def symbols(self, symbols: str | Iterable[str] | None = None) -> pd.DataFrame:
        """What is stored: symbol, name, first, last, rows, source, note (one row per symbol).

        Example::

            ws.prices.symbols()
        """
        sql = (
            "SELECT s.symbol, s.name, p.first, p.last, p.rows, s.source, s.note FROM price_symbols s JOIN "
            "(SELECT symbol, min(date) AS first, max(date) AS last, count(*) AS rows FROM prices GROUP BY symbol) p "
            "USING (symbol)"
        )
        with self.ws.read() as con:
            if symbols is None:
                df = con.execute(sql + " ORDER BY symbol").df()
            else:
                wanted = _symbols(symbols)
                df = con.execute(sql + " WHERE s.symbol IN (SELECT unnest(?::VARCHAR[])) ORDER BY symbol", [wanted]).df()
        for c in ("first", "last"):
            df[c] = pd.to_datetime(df[c])
        df["rows"] = df["rows"].astype("int64")
        return df

    def coverage(self, symbol: str) -> list[tuple[dt.date, dt.date]]:
        """Merged date ranges stored for ``symbol`` (what fetch will not download again)."""
        with self.ws.read() as con:
            rows = con.execute(
                "SELECT start_date, end_date FROM price_coverage WHERE symbol = ? ORDER BY start_date", [symbol]
            ).fetchall()
        merged: list[tuple[dt.date, dt.date]] = []
        for lo, hi in rows:
            if merged and lo <= merged[-1][1] + dt.timedelta(days=1):
                merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
            else:
                merged.append((lo, hi))
        return merged

    def _known(self, wanted: list[str], con: "duckdb.DuckDBPyConnection | None" = None) -> None:
        sql = "SELECT symbol FROM price_symbols WHERE symbol IN (SELECT unnest(?::VARCHAR[]))"
        if con is None:
            with self.ws.read() as c:
                have = {r[0] for r in c.execute(sql, [wanted]).fetchall()}
        else:
            have = {r[0] for r in con.execute(sql, [wanted]).fetchall()}
        missing = [s for s in wanted if s not in have]
        if missing:
            raise DataError(
                f"unknown symbol{'s' if len(missing) > 1 else ''} {', '.join(map(repr, missing))} in workspace "
                f"{self.ws.path.name}. See ws.prices.symbols(); add data with ws.prices.load_bundled(), "
                "ws.prices.fetch(...) or ws.prices.import_file(...)"
            )

    def _long(self, fields: list[str], wanted: list[str], start: Any, end: Any) -> dict[str, np.ndarray]:
        """pos (index into wanted), day (int days since 1970) and the fields, through Arrow."""
        lo, hi = _day(start, "start"), _day(end, "end")
        cols = ", ".join(f"p.{f}" for f in fields)  # fields come from FIELDS only
        sql = (
            f"SELECT w.pos, (p.date - DATE '1970-01-01')::INTEGER AS day, {cols} FROM prices p "
            "JOIN (SELECT unnest(?::VARCHAR[]) AS symbol, unnest(range(?)) AS pos) w ON p.symbol = w.symbol "
            "WHERE p.date >= coalesce(?::DATE, DATE '0001-01-01') AND p.date <= coalesce(?::DATE, DATE '9999-12-31')"
        )
        with self.ws.read() as con:
            self._known(wanted, con)
            table = con.sql(sql, params=[wanted, len(wanted), lo, hi]).to_arrow_table()
        return {name: table.column(name).to_numpy() for name in table.column_names}

    def field(self, name: str, symbols: str | Iterable[str], start: Any = None, end: Any = None, *,
              as_polars: bool = False) -> Any:
        """One field for many symbols, wide: dates x symbols, the union of dates, NaN where a symbol has
        no bar (never forward-filled).

        Example::

            ws.prices.field("volume", ["^GSPC", "^IXIC"])
        """
        f = _field(name)
        wanted = _symbols(symbols)
        cols = self._long([f], wanted, start, end)
        day = cols["day"].astype("int64")
        if day.size:
            # dates are small integers: a presence table beats a sort-based unique for millions of rows
            lo = day.min()
            seen = np.zeros(day.max() - lo + 1, dtype=bool)
            seen[day - lo] = True
            rank = np.cumsum(seen) - 1
            days = np.flatnonzero(seen) + lo
            matrix = np.full((days.size, len(wanted)), np.nan)
            matrix[rank[day - lo], cols["pos"].astype("int64")] = cols[f].astype("float64")
        else:
            days, matrix = np.array([], dtype="int64"), np.empty((0, len(wanted)))
        out = pd.DataFrame(matrix, index=_index(days), columns=pd.Index(wanted, name="symbol"))
        return _polars(out) if as_polars else out

    def close(self, symbols: str | Iterable[str], start: Any = None, end: Any = None, *,
              adjusted: bool = False, as_polars: bool = False) -> Any:
        """Closing prices, wide (dates x symbols): raw closes, or adjusted with ``adjusted=True``.

        Example::

            ws.prices.close(["^GSPC", "^IXIC"], start="2010-01-01")
        """
        return self.field("adj_close" if adjusted else "close", symbols, start, end, as_polars=as_polars)

    def frames(self, symbols: str | Iterable[str], start: Any = None, end: Any = None) -> dict[str, pd.DataFrame]:
        """OHLCV frame per symbol (columns Open, High, Low, Close, Adj Close, Volume; index Date).

        Example::

            ws.prices.frames(["^GSPC", "^IXIC"])["^IXIC"].tail()
        """
        wanted = _symbols(symbols)
        cols = self._long(list(FIELDS), wanted, start, end)
        pos = cols["pos"].astype("int64")
        order = np.lexsort((cols["day"], pos))
        bounds = np.searchsorted(pos[order], np.arange(len(wanted) + 1))
        out = {}
        for i, sym in enumerate(wanted):
            take = order[bounds[i]:bounds[i + 1]]
            data = {DISPLAY[f]: cols[f][take].astype("float64") for f in FIELDS}
            out[sym] = pd.DataFrame(data, index=_index(cols["day"][take]))
        return out

    def export_parquet(self, path: Any, symbols: str | Iterable[str] | None = None, *,
                       overwrite: bool = False) -> pd.DataFrame:
        """Write prices as one Parquet file per symbol under ``path`` (foa.data.parquet), for
        ``foa.prices_from_parquet`` on this machine or on a cluster's workers.

        Example::

            ws.prices.export_parquet("prices/", ["^GSPC", "CL=F"])
        """
        from foa.data.parquet import export_parquet

        return export_parquet(self, path, symbols, overwrite=overwrite)

    def ohlcv(self, symbol: str, start: Any = None, end: Any = None) -> pd.DataFrame:
        """One symbol's OHLCV frame (columns as ``foa.samples.market_data``).

        Example::

            ws.prices.ohlcv("^GSPC", start="2018-01-01").head()
        """
        if not isinstance(symbol, str):
            raise DataError(f"ohlcv takes one symbol, got {symbol!r}; use frames([...]) for several")
        return self.frames([symbol], start, end)[symbol]

    # ----------------------------------------------------------------------------------- display
    def __repr__(self) -> str:
        return f"PriceStore({str(self.ws.path)!r})"

    def _repr_html_(self) -> str:
        df = self.symbols()
        return f"<b>prices in {self.ws.path.name}</b>" + (df.to_html(index=False) if len(df) else "<p>(empty)</p>")


def _polars(df: pd.DataFrame) -> Any:
    import polars as pl

    flat = df.copy()
    flat.columns = [str(c) for c in flat.columns]
    return pl.from_pandas(flat.reset_index().rename(columns={"Date": "date"}))
