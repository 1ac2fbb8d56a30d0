"""Prices shared as Parquet: a workspace's prices exported as one file per symbol, read back through DuckDB
from a local folder or object storage, so workers of a cluster read their symbols instead of receiving them.

    ws.prices.export_parquet("prices/")                        # prices/symbol=%5EGSPC/part-0.parquet, ...
    frames = foa.prices_from_parquet("prices/", ["^GSPC"])     # what ws.prices.frames(["^GSPC"]) returns
    frames = foa.prices_from_parquet("s3://bucket/prices", ["^GSPC", "CL=F"], start="2010-01-01")

Layout: ``<root>/symbol=<symbol, URL-quoted>/part-0.parquet`` with columns symbol, date, open, high, low,
close, adj_close, volume, and ``<root>/_foa_prices.json`` naming the symbols. Remote roots (``s3://``,
``gs://``, ``https://``) are read with DuckDB's httpfs extension; credentials come from the environment
as DuckDB reads them (``AWS_ACCESS_KEY_ID`` ... or a DuckDB secret), never from foa.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import numpy as np
import pandas as pd

from foa.data.frames import DISPLAY, FIELDS, FIRST_DAY, LAST_DAY
from foa.errors import DataError

if TYPE_CHECKING:
    from foa.data.store import PriceStore

__all__ = ["MARKER", "dataset_stamp", "dataset_symbols", "export_parquet", "is_export", "is_remote", "prices_from_parquet"]

MARKER = "_foa_prices.json"
_REMOTE = ("s3://", "s3a://", "gs://", "gcs://", "http://", "https://", "az://", "abfss://")


def is_export(path: str | Path) -> bool:
    """True when ``path`` is a folder written by ``export_parquet``."""
    return (Path(path) / MARKER).is_file()


def export_parquet(store: "PriceStore", path: str | Path, symbols: str | Iterable[str] | None = None, *,
                   overwrite: bool = False) -> pd.DataFrame:
    """Write ``symbols`` (default: every stored symbol) as one Parquet file per symbol under ``path``.

    A folder that is not empty is refused unless ``overwrite`` (then only a previous export may be replaced:
    foa never deletes a folder it did not write). Returns one row per symbol: symbol, rows, first, last, file.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    root = Path(path).expanduser()
    if root.exists() and not root.is_dir():
        raise DataError(f"{root} is a file: give a folder to export the prices into")
    if root.exists() and any(root.iterdir()):
        if not overwrite:
            raise DataError(f"{root} is not empty: choose an empty folder, or pass overwrite=True to replace a "
                            "previous foa export there")
        if not is_export(root):
            raise DataError(f"{root} holds files foa did not export (no {MARKER}): foa only replaces its own exports; "
                            "choose another folder")
        for old in root.glob("symbol=*/part-*.parquet"):
            old.unlink()
    wanted = list(store.symbols()["symbol"]) if symbols is None else ([symbols] if isinstance(symbols, str) else list(symbols))
    if not wanted:
        raise DataError("the workspace holds no prices to export: ws.prices.load_bundled() or ws.prices.import_file(...)")
    frames = store.frames(wanted)
    root.mkdir(parents=True, exist_ok=True)
    rows = []
    for sym, frame in frames.items():
        folder = root / f"symbol={quote(sym, safe='')}"
        folder.mkdir(exist_ok=True)
        table = pa.table({
            "symbol": pa.array([sym] * len(frame), pa.string()),
            "date": pa.array(frame.index.date, pa.date32()),
            **{f: pa.array(frame[DISPLAY[f]].to_numpy(dtype="float64"), pa.float64()) for f in FIELDS},
        })
        target = folder / "part-0.parquet"
        pq.write_table(table, target)
        rows.append({"symbol": sym, "rows": len(frame), "first": frame.index.min(), "last": frame.index.max(),
                     "file": str(target.relative_to(root))})
    (root / MARKER).write_text(json.dumps({"format": "foa prices 1", "symbols": sorted(frames)}, indent=1))
    return pd.DataFrame(rows, columns=["symbol", "rows", "first", "last", "file"])


# what this process's kept DuckDB database frees stays with its allocator rather than trimming the
# process's heap after every large read (DuckDB's default: after a query whose allocations peaked above
# 128 MB, and when a database closes, it flushes its allocator and calls glibc's malloc_trim)
_ALLOCATOR = {"allocator_flush_threshold": "1TB", "allocator_bulk_deallocation_flush_threshold": "1TB"}
_db: Any = None
_db_lock = threading.Lock()


@contextmanager
def _connect() -> Iterator[Any]:
    """A cursor on this process's one in-memory DuckDB database for Parquet reads, opened at the first read
    and kept (a cursor per read: each thread reads on its own). Kept, because closing a database trims the
    process's C heap (malloc_trim): a sweep in this process, or on a cluster's worker that has just read its
    prices, then faults every page of its next large arrays in again, a fifth of its CPU in the kernel.
    Without the console progress bar (a long read on a worker or in a notebook would print one)."""
    import duckdb

    global _db
    with _db_lock:
        if _db is None:
            db = duckdb.connect(config=dict(_ALLOCATOR))
            db.execute("SET enable_progress_bar = false")
            _db = db
        cur = _db.cursor()
    try:
        yield cur
    finally:
        cur.close()


def is_remote(path_or_url: str | Path) -> bool:
    """True for an object-storage or web URL (``s3://``, ``gs://``, ``https://`` ...), False for a local path."""
    return str(path_or_url).lower().startswith(_REMOTE)


def dataset_stamp(path_or_url: str | Path) -> tuple | None:
    """What identifies the contents of a local dataset: each file's name, size and modification time (a
    re-export changes it), or None for a URL (object storage is not listed here: read it again each time).

    >>> dataset_stamp("prices/") == dataset_stamp("prices/")  # doctest: +SKIP
    True
    """
    if is_remote(path_or_url):
        return None
    root = Path(str(path_or_url)).expanduser()
    files = [root] if root.is_file() else sorted(root.glob("*/*.parquet")) + [root / MARKER]
    out = []
    for f in files:
        try:
            st = f.stat()
        except OSError:
            continue  # an export without its marker (or a file gone while listing): the others still count
        out.append((str(f), st.st_size, st.st_mtime_ns))
    return tuple(out)


def dataset_symbols(path_or_url: str | Path) -> list[str]:
    """The symbols an exported dataset holds (its ``_foa_prices.json`` for a local export, else read through DuckDB).

    >>> dataset_symbols("prices/")  # doctest: +SKIP
    ['CL=F', '^GSPC']
    """
    import duckdb

    if not is_remote(path_or_url):
        marker = Path(str(path_or_url)).expanduser() / MARKER
        if marker.is_file():
            try:
                return sorted(json.loads(marker.read_text())["symbols"])
            except (ValueError, KeyError, TypeError):
                pass  # a damaged marker: read the files themselves
    pattern, remote = _source(path_or_url)
    try:
        with _connect() as con:
            if remote:
                con.execute("LOAD httpfs")
            return sorted(con.execute("SELECT DISTINCT symbol FROM read_parquet(?, hive_partitioning=false)",
                                      [pattern]).fetchnumpy()["symbol"].tolist())
    except duckdb.Error as err:
        raise DataError(f"cannot read prices from {path_or_url}: {str(err).splitlines()[0]}. Check the path (a folder "
                        "written by ws.prices.export_parquet) and, for object storage, the credentials DuckDB reads "
                        "from the environment") from err


def _source(path_or_url: str | Path) -> tuple[str, bool]:
    text = str(path_or_url)
    remote = text.lower().startswith(_REMOTE)
    if remote:
        return text.rstrip("/") + "/*/*.parquet", True
    p = Path(text).expanduser()
    if not p.exists():
        raise DataError(f"{p}: no such folder or file; export prices first with ws.prices.export_parquet({str(p)!r})")
    return (str(p / "*" / "*.parquet") if p.is_dir() else str(p)), False


def prices_from_parquet(path_or_url: str | Path, symbols: str | Iterable[str], *, start: Any = None,
                        end: Any = None) -> dict[str, pd.DataFrame]:
    """OHLCV frames per symbol from an exported dataset, as ``ws.prices.frames(symbols, start, end)`` gives
    them (columns Open, High, Low, Close, Adj Close, Volume; index Date); a local folder or a URL.

    >>> foa.prices_from_parquet("prices/", ["^GSPC"], start="2018-01-01")["^GSPC"].tail()  # doctest: +SKIP
    """
    import duckdb

    wanted = [symbols] if isinstance(symbols, str) else list(dict.fromkeys(symbols))
    if not wanted:
        raise DataError("give the symbols to read, e.g. ['^GSPC']")
    try:
        lo = pd.Timestamp(start).date() if start is not None else dt.date.min
        hi = pd.Timestamp(end).date() if end is not None else dt.date.max
    except (ValueError, TypeError) as err:
        raise DataError(f"start/end must be dates such as '2010-01-31', got {start!r}/{end!r}") from err
    pattern, remote = _source(path_or_url)
    try:
        with _connect() as con:
            if remote:
                con.execute("LOAD httpfs")
            # each row carries its symbol's position in ``wanted`` (an integer, not a string per row: building
            # hundreds of thousands of Python strings costs more than the read), sorted by it and by date, so
            # a symbol's rows are one slice of each column
            cols = con.execute(
                "SELECT list_position(?, symbol)::INTEGER AS k, date, open, high, low, close, adj_close, volume "
                "FROM read_parquet(?, hive_partitioning=false) WHERE symbol = ANY(?) AND date BETWEEN ? AND ? "
                "ORDER BY k, date",
                [wanted, pattern, wanted, lo, hi],
            ).fetchnumpy()
            bounds = np.searchsorted(np.asarray(cols["k"]), np.arange(1, len(wanted) + 2))
            # what the dataset holds is only read (a second scan) to name it when a symbol is missing
            present = set(wanted) if (np.diff(bounds) > 0).all() else set(con.execute(
                "SELECT DISTINCT symbol FROM read_parquet(?, hive_partitioning=false)", [pattern]
            ).fetchnumpy()["symbol"].tolist())
    except duckdb.Error as err:
        first = str(err).splitlines()[0]
        raise DataError(f"cannot read prices from {path_or_url}: {first}. Check the path (a folder written by "
                        "ws.prices.export_parquet) and, for object storage, the credentials DuckDB reads from "
                        "the environment") from err
    missing = [s for s in wanted if s not in present]
    if missing:
        raise DataError(f"{', '.join(missing)} not in {path_or_url}: it holds {', '.join(sorted(present)) or 'nothing'}")
    days = np.asarray(cols["date"]).astype("datetime64[D]")
    if len(days) and (days.min() < FIRST_DAY or days.max() > LAST_DAY):  # the cast below would wrap round
        raise DataError(f"{path_or_url} holds prices dated outside the dates pandas can represent "
                        f"({FIRST_DAY} to {LAST_DAY}): export a range within them")
    dates = days.astype("datetime64[ns]")
    # NULL (a close-only series' open/high/low) comes back masked: NaN, as the workspace reads it
    values = {f: np.ma.filled(np.ma.asarray(cols[f], dtype=np.float64), np.nan) for f in FIELDS}
    out = {}
    for j, sym in enumerate(wanted):
        a, b = bounds[j], bounds[j + 1]
        out[sym] = pd.DataFrame({DISPLAY[f]: values[f][a:b] for f in FIELDS},
                                index=pd.DatetimeIndex(dates[a:b], name="Date"))
    return out
