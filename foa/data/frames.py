"""Turn user price data (a frame per symbol, a long frame, a dict) into foa's validated long layout.

    to_long(df, "SPY")       # -> symbol, date, open, high, low, close, adj_close, volume (sorted)

Validation, with errors that name the source, row and column: dates parse, lie within pandas'
nanosecond range (``FIRST_DAY`` to ``LAST_DAY``) and are unique per symbol; prices are finite numbers
below ``MAX_PRICE``, positive, with low <= open, close <= high; a close is present on every row. Rows
are sorted by date (files exported newest-first are common and fine). Row numbers count like a spreadsheet when the
caller says so (``first_row=2``: the header is row 1).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from foa.errors import DataError

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["DISPLAY", "FIELDS", "FIRST_DAY", "LAST_DAY", "LONG_COLUMNS", "column_role", "to_long"]

# the stored fields (column names in the prices table) and how foa shows them (Yahoo's spelling)
FIELDS = ("open", "high", "low", "close", "adj_close", "volume")
DISPLAY = {"open": "Open", "high": "High", "low": "Low", "close": "Close", "adj_close": "Adj Close", "volume": "Volume"}
LONG_COLUMNS = ("symbol", "date", *FIELDS)
_PRICES = ("open", "high", "low", "close", "adj_close")
# pandas' nanosecond timestamps span 1677-09-21 to 2262-04-11: a day outside (whole days inside) would
# come back as another date on every read, so such rows are refused
FIRST_DAY = np.datetime64("1677-09-22", "D")
LAST_DAY = np.datetime64("2262-04-10", "D")
# finite but absurd magnitudes (1e308) overflow every return computed from them
MAX_PRICE = 1e15
MAX_VOLUME = 1e18

# normalised header (lower case, no spaces/underscores/dots) -> role
_ALIASES = {
    "date": "date", "datetime": "date", "timestamp": "date", "time": "date", "day": "date",
    "open": "open", "high": "high", "low": "low", "close": "close", "price": "close", "last": "close",
    "adjclose": "adj_close", "adjustedclose": "adj_close", "adjclosed": "adj_close",
    "volume": "volume", "vol": "volume",
    "symbol": "symbol", "ticker": "symbol",
}


def _norm(name: Any) -> str:
    return re.sub(r"[\s_.\-*]", "", str(name)).lower()


def column_role(name: Any) -> str | None:
    """The role of a column header, case- and spacing-insensitively: "Adj Close" -> "adj_close", "Price" ->
    "close", "Ticker" -> "symbol"; None for a column foa does not read. Imports and the engine share it.

    >>> column_role("Adj. Close"), column_role("PRICE"), column_role("Open Interest")
    ('adj_close', 'close', None)
    """
    return _ALIASES.get(_norm(name))


def _fail(where: str, row: int | None, column: str | None, problem: str, fix: str) -> DataError:
    at = "".join([f", row {row}" if row is not None else "", f", column {column!r}" if column else ""])
    return DataError(f"{where}{at}: {problem}. {fix}")


def _columns(df: pd.DataFrame, where: str) -> dict[str, Any]:
    """role -> original column label, detected case- and spacing-insensitively."""
    found: dict[str, Any] = {}
    for col in df.columns:
        role = column_role(col)
        if role is None:
            continue
        if role in found:
            raise _fail(where, None, str(col), f"both {found[role]!r} and {col!r} look like the {role} column",
                        "Rename or drop one of them")
        found[role] = col
    return found


def _frame(df: pd.DataFrame, where: str) -> tuple[pd.DataFrame, dict[str, pd.Series], dict[str, str]]:
    """role -> values (the date may be the index) and role -> the user's label, without copying the frame.

    Accepts yfinance's (Price, Ticker) column MultiIndex as well as plain columns.
    """
    if isinstance(df.columns, pd.MultiIndex):
        df = df.copy()
        df.columns = df.columns.get_level_values(0)
    found = _columns(df, where)
    values = {role: df[col] for role, col in found.items()}
    labels = {role: str(col) for role, col in found.items()}
    if isinstance(df.index, pd.DatetimeIndex) or _norm(df.index.name) in ("date", "datetime", "timestamp"):
        if "date" in found:
            raise _fail(where, None, labels["date"], "a date column and a date index both exist", "Drop one of them")
        values["date"] = pd.Series(df.index, copy=False)
        labels["date"] = str(df.index.name or "index")
    return df, values, labels


_NUMERIC_DATE = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})")


def _day_month_format(values: pd.Series, where: str, column: str, rows: np.ndarray) -> str | None:
    """One strptime format for a whole column of dates like 02/01/2020, so a file is never read half
    day-first and half month-first (pandas' 'mixed' decides row by row). Dotted dates are day-first."""
    if not (pd.api.types.is_object_dtype(values.dtype) or pd.api.types.is_string_dtype(values.dtype)):
        return None
    text = values.astype(str).str.strip()
    m = text.str.fullmatch(_NUMERIC_DATE.pattern)
    if not m.all():
        return None
    parts = text.str.extract(_NUMERIC_DATE.pattern)
    first, sep, second, year = parts[0].astype(int), parts[1], parts[2].astype(int), parts[3]
    if sep.nunique() != 1 or year.str.len().nunique() != 1:
        return None
    s, y = sep.iloc[0], "%Y" if len(year.iloc[0]) == 4 else "%y"
    day_first, month_first = (first > 12).any(), (second > 12).any()
    if day_first and month_first:
        i = int(np.flatnonzero((second > 12).to_numpy())[0])
        raise _fail(where, int(rows[i]), column, f"{values.iloc[i]!r} is month-first but other rows are day-first",
                    "Use one date order in the whole file, best ISO dates such as 2020-01-31")
    if s == "." or day_first:
        return f"%d{s}%m{s}{y}"
    if month_first:
        return f"%m{s}%d{s}{y}"
    raise _fail(where, int(rows[0]), column, f"{values.iloc[0]!r} could be day-first or month-first "
                "(no day above 12 in the file)", "Rewrite the dates as ISO dates such as 2020-01-31")


def _dates(values: pd.Series, where: str, column: str, rows: np.ndarray) -> np.ndarray:
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        parsed = values.dt.tz_localize(None)  # daily bars: keep the exchange's calendar date
    elif pd.api.types.is_datetime64_any_dtype(values.dtype):
        parsed = values
    else:
        try:
            parsed = pd.to_datetime(values, errors="coerce", format="ISO8601")
            if parsed.isna().any():
                fmt = _day_month_format(values, where, column, rows)
                parsed = pd.to_datetime(values, errors="coerce", format=fmt or "mixed")
        except (ValueError, TypeError):
            parsed = pd.to_datetime(values.astype(str), errors="coerce", format="mixed")
        if isinstance(parsed.dtype, pd.DatetimeTZDtype):
            parsed = parsed.dt.tz_localize(None)
    bad = np.flatnonzero(parsed.isna().to_numpy())
    if bad.size:
        i = bad[0]
        raise _fail(where, int(rows[i]), column, f"{values.iloc[i]!r} is not a date",
                    "Use ISO dates such as 2020-01-31 and remove empty or summary rows")
    stamps = parsed.to_numpy()
    day = stamps.astype("datetime64[D]")
    timed = stamps != day.astype(stamps.dtype)  # one pass: is any row not at midnight?
    if timed.any():
        i = int(np.flatnonzero(timed)[0])
        raise _fail(where, int(rows[i]), column, f"{values.iloc[i]!r} has a time of day",
                    "foa stores daily bars: give one row per day with a date only")
    outside = (day < FIRST_DAY) | (day > LAST_DAY)
    if outside.any():
        i = int(np.flatnonzero(outside)[0])
        raise _fail(where, int(rows[i]), column, f"{values.iloc[i]!r} ({day[i]}) is outside the dates foa can "
                    f"store and read back ({FIRST_DAY} to {LAST_DAY}, pandas' nanosecond range)",
                    "Fix or remove that row (a typo in the year?)")
    return day


def _numbers(values: pd.Series, where: str, column: str, rows: np.ndarray) -> np.ndarray:
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        return values.to_numpy(dtype="float64", na_value=np.nan)
    text = values.astype("string").str.strip().str.replace(",", "", regex=False)  # 1,234.5 thousands
    out = pd.to_numeric(text.replace("", pd.NA), errors="coerce")
    bad = np.flatnonzero((out.isna() & text.notna() & (text != "")).to_numpy())
    if bad.size:
        i = bad[0]
        raise _fail(where, int(rows[i]), column, f"{values.iloc[i]!r} is not a number",
                    "Fix or remove that cell (empty cells are allowed except in Close)")
    return out.to_numpy(dtype="float64", na_value=np.nan)


def _one(df: pd.DataFrame, symbol: str | None, where: str, first_row: int, check_positive: bool,
         check_ohlc: bool = True) -> dict[str, Any]:
    """Validated columns of one frame as arrays: symbol (Arrow), date (datetime64[D]), fields, _row."""
    import pyarrow as pa
    import pyarrow.compute as pc

    df, cols, label = _frame(df, where)
    rows = np.arange(len(df)) + first_row
    if "date" not in cols:
        raise _fail(where, None, None, f"no date column or DatetimeIndex (columns: {list(df.columns)})",
                    "Name the date column Date (or date, Datetime)")
    if "close" not in cols:
        raise _fail(where, None, None, f"no close column (columns: {list(df.columns)})",
                    "Name the closing price column Close (Open, High, Low, Adj Close and Volume are optional)")
    if "symbol" in cols:
        try:
            sym = pa.array(cols["symbol"], type=pa.string())
        except (pa.ArrowException, TypeError):
            sym = pa.array(cols["symbol"].astype("string"), type=pa.string())
        if isinstance(sym, pa.ChunkedArray):  # a large Arrow-backed column arrives in chunks
            sym = sym.combine_chunks()
        sym = pc.utf8_trim_whitespace(sym)
        empty = pc.fill_null(pc.equal(sym, ""), True).to_numpy(zero_copy_only=False)
        if empty.any():
            raise _fail(where, int(rows[np.flatnonzero(empty)[0]]), label["symbol"], "empty symbol",
                        "Fill in the symbol on every row")
    elif symbol:
        sym = pa.array(np.full(len(df), str(symbol), dtype=object), type=pa.string())
    else:
        raise _fail(where, None, None, "no symbol given and no Symbol column", "Pass symbol=... or add a Symbol column")
    out: dict[str, Any] = {"symbol": sym, "date": _dates(cols["date"], where, label["date"], rows)}
    for f in FIELDS:
        out[f] = _numbers(cols[f], where, label[f], rows) if f in cols else np.full(len(df), np.nan)
        label.setdefault(f, DISPLAY[f])
    if "adj_close" not in cols:
        out["adj_close"] = out["close"]  # no adjustment given: adjusted equals raw
    missing = np.flatnonzero(np.isnan(out["close"]))
    if missing.size:
        raise _fail(where, int(rows[missing[0]]), label["close"], "the close is empty",
                    "Fill it in or delete the row (foa never fills prices for you)")
    for f in _PRICES:  # inf (e.g. a division by zero in the spreadsheet) is never a price
        bad = np.flatnonzero(np.isinf(out[f]))
        if bad.size:
            raise _fail(where, int(rows[bad[0]]), label[f], f"price {out[f][bad[0]]:g} is not finite",
                        "Fix the value (a spreadsheet formula error?); prices must be finite numbers")
    if check_positive:
        for f in _PRICES:
            bad = np.flatnonzero(out[f] <= 0)
            if bad.size:
                raise _fail(where, int(rows[bad[0]]), label[f], f"price {out[f][bad[0]]:g} is not positive",
                            "Fix the value; prices must be > 0")
    for f, limit in (*((f, MAX_PRICE) for f in _PRICES), ("volume", MAX_VOLUME)):
        bad = np.flatnonzero(np.abs(out[f]) > limit)  # 1e308 is finite but overflows any return
        if bad.size:
            raise _fail(where, int(rows[bad[0]]), label[f], f"{out[f][bad[0]]:g} is implausibly large (above {limit:g})",
                        "Fix the value (a unit or formula error?)")
    bad = np.flatnonzero(out["high"] < out["low"])
    if bad.size:
        i = bad[0]
        raise _fail(where, int(rows[i]), label["high"], f"high {out['high'][i]:g} is below low {out['low'][i]:g}",
                    "Check the High and Low columns are not swapped")
    if check_ohlc:  # only where High and Low are given (close-only series such as CL=F, ^VIX pass)
        for f in ("open", "close"):
            above = np.flatnonzero(out[f] > out["high"])
            below = np.flatnonzero(out[f] < out["low"])
            if above.size or below.size:
                i = int(min(above[:1].tolist() + below[:1].tolist()))
                side, ref = ("above high", "high") if out[f][i] > out["high"][i] else ("below low", "low")
                raise _fail(where, int(rows[i]), label[f], f"{f} {out[f][i]:g} is {side} {out[ref][i]:g}",
                            "Check the columns are not shifted or swapped; a bar's open and close lie between "
                            "its low and high")
    bad = np.flatnonzero(out["volume"] < 0)
    if bad.size:
        raise _fail(where, int(rows[bad[0]]), label["volume"], "negative volume", "Fix the value; volume must be >= 0")
    out["_row"] = rows
    return out


def _sort_unique(cols: dict[str, Any], where: str) -> np.ndarray | None:
    """Order that sorts by symbol (first appearance) and date, or None when already sorted.

    Duplicate (symbol, date) pairs are an error.
    """
    codes = cols["symbol"].dictionary_encode().indices.to_numpy(zero_copy_only=False).astype("int64")
    day = cols["date"].astype("int64")
    key = codes * (1 << 32) + (day - day.min())
    if len(key) < 2 or (np.diff(key) > 0).all():  # already sorted and unique is the common case
        return None
    order = np.argsort(key, kind="stable")
    dup = np.flatnonzero(np.diff(key[order]) == 0)
    if dup.size:
        i, j = order[dup[0] + 1], order[dup[0]]
        raise _fail(where, int(cols["_row"][i]), "Date",
                    f"duplicate date {cols['date'][i]} for {cols['symbol'][int(i)].as_py()} "
                    f"(also on row {int(cols['_row'][j])})", "Keep one row per day")
    return order


def _ticker(value: Any, where: str, what: str) -> str:
    """One symbol given as an argument: a non-blank string, stripped (a list would be stored as the
    single symbol "['A', 'B']", blanks as an empty name)."""
    if not isinstance(value, str) or not value.strip():
        raise DataError(f"{where}: {what} one non-empty ticker string such as 'SPY', got {value!r}. For several "
                        "symbols pass a dict symbol -> frame or a frame with a Symbol column")
    return value.strip()


def to_long(
    data: pd.DataFrame | Mapping[str, pd.DataFrame],
    symbol: str | None = None,
    *,
    where: str = "prices",
    first_row: int = 1,
    check_positive: bool = True,
    check_ohlc: bool = True,
) -> "pa.Table":
    """Validate ``data`` and return it long, as an Arrow table sorted by symbol and date, with columns
    ``symbol, date, open, high, low, close, adj_close, volume, _row`` (``_row``: the source row number).

    ``data`` is one OHLCV frame (give ``symbol``), a long frame with a Symbol column, or a dict
    symbol -> frame. Missing optional columns become NaN; a missing Adj Close equals Close.
    ``check_ohlc`` refuses an open or close outside the bar's low..high (where both are given).

    Example::

        long = to_long(foa.samples.market_data("^GSPC"), "^GSPC")
    """
    import pyarrow as pa

    if symbol is not None:
        symbol = _ticker(symbol, where, "symbol must be")
    if isinstance(data, Mapping):
        if not data:
            raise DataError(f"{where}: no symbols given. Pass at least one symbol -> frame")
        data = {_ticker(sym, where, "each key of the dict must be"): df for sym, df in data.items()}
        parts = [_one(df, str(sym), f"{where}[{sym!r}]", first_row, check_positive, check_ohlc) for sym, df in data.items()]
        cols = {k: (pa.concat_arrays([p[k] for p in parts]) if k == "symbol" else np.concatenate([p[k] for p in parts]))
                for k in parts[0]}
    elif isinstance(data, pd.DataFrame):
        cols = _one(data, symbol, where, first_row, check_positive, check_ohlc)
    else:
        raise DataError(f"{where}: expected a pandas DataFrame or a dict of them, got {type(data).__name__}")
    if len(cols["date"]) == 0:
        raise DataError(f"{where}: no rows. Nothing was stored")
    order = _sort_unique(cols, where)
    table = pa.table({k: cols[k] if k == "symbol" else pa.array(cols[k]) for k in (*LONG_COLUMNS, "_row")})
    return table if order is None else table.take(pa.array(order))
