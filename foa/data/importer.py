"""CSV and Parquet import: read, detect columns, validate, store in one transaction.

Errors name the file, the row (CSV rows counted like a spreadsheet: the header is row 1) and the
column, and say how to fix it. Nothing is stored unless the whole file is valid.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from foa.errors import DataError

if TYPE_CHECKING:
    from foa.data.store import PriceStore

__all__ = ["import_file", "read_file"]

_PARQUET = (".parquet", ".pq", ".parq")
_CSV = (".csv", ".txt", ".tsv", ".gz")
_EXCEL = (".xlsx", ".xlsm", ".xls", ".ods")


def _dialect(p: Path, suffix: str) -> tuple[str, str]:
    """(sep, decimal). A header with semicolons and no commas is a European-locale CSV (Excel writes
    those); its numbers use a decimal comma when any field looks like '1,5'. A header with only tabs is TSV."""
    if suffix == ".tsv":
        return "\t", "."
    if suffix == ".gz":
        return ",", "."
    try:
        with p.open("rb") as fh:
            head = fh.read(8192).decode("utf-8-sig", errors="replace")
    except OSError:
        return ",", "."
    header = head.splitlines()[0] if head else ""
    if ";" in header and "," not in header:
        return ";", ("," if re.search(r"\d,\d", head) else ".")
    if "\t" in header and "," not in header:
        return "\t", "."
    return ",", "."


# '1.234,5' or '1,5': read as text by pandas when a thousands dot is present; dates such as 02.01.2020 never match
_EURO_NUMBER = re.compile(r"[-+]?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?")


def _european_numbers(df: pd.DataFrame) -> pd.DataFrame:
    for c in df.columns:
        if not (pd.api.types.is_object_dtype(df[c].dtype) or pd.api.types.is_string_dtype(df[c].dtype)):
            continue
        text = df[c].dropna().astype(str).str.strip()
        if len(text) and text.map(lambda v: bool(_EURO_NUMBER.fullmatch(v))).all():
            df[c] = pd.to_numeric(df[c].astype("string").str.strip().str.replace(".", "", regex=False)
                                  .str.replace(",", ".", regex=False))
    return df


def read_file(path: str | Path) -> tuple[pd.DataFrame, int]:
    """The file's table and the row number of its first data row (2 for CSV, 1 for Parquet).

    Example::

        df, first_row = read_file("prices.csv")
    """
    p = Path(path).expanduser()
    if p.is_dir():
        raise DataError(f"{p} is a directory, not a price file. Pass one .csv or .parquet file inside it")
    if not p.is_file():
        raise DataError(f"{p}: no such file. Check the path (relative paths start at {Path.cwd()})")
    suffix = p.suffix.lower()
    try:
        with p.open("rb") as fh:
            magic = fh.read(4)
    except OSError as err:
        raise DataError(f"{p}: cannot read the file ({err.strerror}). Check its permissions") from err
    if suffix in _PARQUET or (suffix not in _CSV and magic == b"PAR1"):
        import pyarrow as pa

        try:
            return pd.read_parquet(p), 1
        except (pa.ArrowException, OSError, ValueError) as err:
            raise DataError(
                f"{p.name}: is not a readable Parquet file ({str(err).splitlines()[0]}). Export it again as "
                "Parquet, or save it as CSV and import that"
            ) from err
    if suffix in _EXCEL or magic == b"PK\x03\x04":
        raise DataError(f"{p.name}: is a spreadsheet workbook (Excel/ODS), not CSV. Save the sheet as CSV "
                        "(File > Save As > CSV UTF-8) and import that")
    sep, decimal = _dialect(p, suffix)
    try:
        df = pd.read_csv(p, sep=sep, decimal=decimal, skipinitialspace=True)
        return (_european_numbers(df) if decimal == "," else df), 2
    except UnicodeDecodeError as err:
        raise DataError(f"{p.name}: is not a text CSV file (byte {err.start} is not UTF-8). Save it as UTF-8 CSV") from err
    except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as err:
        raise DataError(f"{p.name}: cannot be read as CSV ({str(err).splitlines()[0]}). Check the delimiter is a comma") from err


def import_file(store: "PriceStore", path: Any, symbol: str | None = None) -> pd.DataFrame:
    """Validate and store the prices in ``path``; the symbol is ``symbol``, a Symbol column, or the
    upper-cased file name stem. Returns per-symbol first, last and rows written.

    Example::

        import_file(ws.prices, "abc.csv")         # stored as ABC
    """
    if not isinstance(path, (str, os.PathLike)):
        raise DataError(f"import_file needs the path of a .csv or .parquet file, got {type(path).__name__}")
    if symbol is not None and (not isinstance(symbol, str) or not symbol.strip()):
        # a list would be stored as the one symbol "['A', 'B']"
        raise DataError(f"symbol must be one non-empty ticker string such as 'SPY', got {symbol!r}; for several "
                        "symbols in one file add a Symbol column")
    p = Path(path).expanduser()
    df, first_row = read_file(p)
    has_symbol_column = any(str(c).strip().lower() in ("symbol", "ticker") for c in df.columns)
    if symbol is None and not has_symbol_column:
        symbol = p.name.split(".")[0].upper()
    return store.write(df, symbol, source=f"file:{p.name}", where=p.name, first_row=first_row, action="import")
