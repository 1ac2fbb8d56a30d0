"""``foa data list | fetch | import | show``: the price store from the shell.

    foa data import --bundled                 # the bundled market data, offline
    foa data fetch SPY QQQ --start 2015-01-01 # Yahoo Finance (only missing ranges)
    foa data import prices.csv --symbol ABC
    foa data import prices/                   # a folder written by ws.prices.export_parquet
    foa data list
    foa data show ^GSPC --start 2018-12-01
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import pandas as pd

from foa.cli.common import add_workspace_option
from foa.data.parquet import MARKER, is_export, prices_from_parquet
from foa.errors import DataError

__all__ = ["register"]


def _ws(args: argparse.Namespace) -> Any:
    from foa.workspace import Workspace

    return Workspace(args.workspace)


def _print(df: pd.DataFrame, *, index: bool = False) -> None:
    with pd.option_context("display.width", 200, "display.max_columns", 20, "display.max_colwidth", 50):
        print(df.to_string(index=index))


def _dates(df: pd.DataFrame) -> pd.DataFrame:
    return df.assign(**{c: df[c].dt.date for c in ("first", "last") if c in df.columns})


def cmd_list(args: argparse.Namespace) -> int:
    df = _ws(args).prices.symbols()
    if df.empty:
        print("no prices yet: foa data import --bundled, foa data fetch SYMBOL, or foa data import FILE", file=sys.stderr)
        return 0
    _print(_dates(df))
    return 0


def cmd_fetch(args: argparse.Namespace) -> int:
    df = _ws(args).prices.fetch(args.symbols, args.start, args.end, progress=not args.no_progress, refresh=args.refresh)
    _print(_dates(df))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    ps = _ws(args).prices
    if args.bundled:
        if args.paths:
            raise DataError("give either --bundled or file paths, not both")
        _print(_dates(ps.load_bundled()))
        return 0
    if not args.paths:
        raise DataError("nothing to import: give CSV/Parquet file paths, or --bundled for the bundled market data")
    if args.symbol and len(args.paths) > 1:
        raise DataError("--symbol names one file's prices; import several files one at a time, or drop --symbol")
    for path in args.paths:
        if is_export(path):  # a folder written by ws.prices.export_parquet: every symbol in it
            frames = prices_from_parquet(path, json.loads((Path(path) / MARKER).read_text())["symbols"])
            for sym, frame in frames.items():
                _print(_dates(ps.write(frame, sym, source=f"parquet export {Path(path).name}").assign(file=str(path))))
            continue
        summary = ps.import_file(path, args.symbol)
        _print(_dates(summary.assign(file=str(path))))
    return 0


def _rows(text: str) -> int:
    """--rows: a whole number >= 0 (a negative one printed every row twice)."""
    try:
        n = int(text)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"--rows takes a whole number >= 0, got {text!r} (e.g. --rows 5)")
    return n


def cmd_show(args: argparse.Namespace) -> int:
    ps = _ws(args).prices
    if len(args.symbols) == 1 and args.field is None:
        df = ps.ohlcv(args.symbols[0], args.start, args.end)
    else:
        df = ps.field(args.field or "close", args.symbols, args.start, args.end)
    df.index = df.index.date
    shown = df if len(df) <= 2 * args.rows else pd.concat([df.head(args.rows), df.tail(args.rows)])
    _print(shown, index=True)
    print(f"({len(df)} rows)")
    return 0


def register(sub: "argparse._SubParsersAction[Any]") -> None:
    """Add ``foa data ...`` to the ``foa`` command."""
    data = sub.add_parser("data", help="prices in the workspace: list, fetch, import, show")
    data.set_defaults(func=lambda a: (data.print_help(sys.stderr), 64)[1])
    dsub = data.add_subparsers(dest="data_command", metavar="ACTION", parser_class=type(data))

    def add(name: str, help_: str) -> argparse.ArgumentParser:
        p = dsub.add_parser(name, help=help_)
        add_workspace_option(p)
        return p

    p = add("list", "symbols stored, with first/last date and rows")
    p.set_defaults(func=cmd_list)
    p = add("fetch", "download daily prices from Yahoo Finance (only ranges not stored yet)")
    p.add_argument("symbols", nargs="+", help="Yahoo symbols, e.g. SPY ^GSPC EURUSD=X")
    p.add_argument("--start", help="first date, e.g. 2010-01-01")
    p.add_argument("--end", help="last date (default: today)")
    p.add_argument("--refresh", action="store_true", help="download again even if stored")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_fetch)
    p = add("import", "import CSV/Parquet files, or --bundled market data")
    p.add_argument("paths", nargs="*", help="CSV or Parquet files")
    p.add_argument("--symbol", help="symbol for the file's prices (default: Symbol column, else file name)")
    p.add_argument("--bundled", action="store_true", help="load the bundled market data (offline)")
    p.set_defaults(func=cmd_import)
    p = add("show", "print stored prices: OHLCV for one symbol, one field wide for several")
    p.add_argument("symbols", nargs="+")
    p.add_argument("--field", help="open, high, low, close, adj_close or volume (wide over the symbols)")
    p.add_argument("--start")
    p.add_argument("--end")
    p.add_argument("--rows", type=_rows, default=5, help="rows shown at each end (default 5)")
    p.set_defaults(func=cmd_show)
