"""foa's price store against raw DuckDB, on the same machine, in the same run (prints ratios).

    .venv/bin/python benchmarks/bench_store.py [--symbols 500] [--days 5000] [--repeat 3]

Write: 500 symbols x 5,000 days of synthetic OHLCV (2.5 M rows, a pandas long frame) through
``ws.prices.write`` (validation, replace-overlap, source and fetch time per row, metadata, coverage, audit,
one transaction) vs connect + ``INSERT INTO ... SELECT * FROM arrow_table`` + close on a plain table.
Both start from a fresh file that already has its schema (creating it is not timed for either). Read: the full close matrix (dates x symbols) through
``ws.prices.close`` (opens its own connection) vs a raw ``PIVOT`` on the same file (connect, query to
pandas, close) and vs the fastest raw path (connect, ``SELECT`` to Arrow, numpy places each close at its
date and symbol, close); all three matrices are checked equal. Each is the best of ``--repeat`` runs. Targets: read <= 1.5x raw, write <= 2x raw.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def synthetic(n_symbols: int, n_days: int, seed: int = 0) -> pd.DataFrame:
    """Long OHLCV frame: symbol, date, Open, High, Low, Close, Adj Close, Volume (grouped by symbol)."""
    rng = np.random.default_rng(seed)
    dates = pd.bdate_range("1990-01-01", periods=n_days).to_numpy()
    close = 100 * np.exp(np.cumsum(rng.normal(0, 0.01, (n_symbols, n_days)), axis=1)).ravel()
    spread = np.abs(rng.normal(0, 0.005, close.size))
    return pd.DataFrame({
        "symbol": np.repeat([f"SYM{i:04d}" for i in range(n_symbols)], n_days),
        "date": np.tile(dates, n_symbols),
        "Open": close * (1 + rng.normal(0, 0.002, close.size)).clip(0.99, 1.01),
        "High": close * (1 + spread + 0.011),
        "Low": close * (1 - spread - 0.011),
        "Close": close,
        "Adj Close": close,
        "Volume": rng.integers(100_000, 10_000_000, close.size).astype("float64"),
    })


def best(fn, repeat: int, setup=None) -> float:
    """Best wall time of ``repeat`` runs of ``fn``; ``setup`` runs untimed before each."""
    times = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--symbols", type=int, default=500)
    ap.add_argument("--days", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    import duckdb
    import pyarrow as pa

    import foa

    long = synthetic(args.symbols, args.days)
    symbols = list(dict.fromkeys(long["symbol"]))
    raw_table = pa.Table.from_pandas(
        long.rename(columns={"Open": "open", "High": "high", "Low": "low", "Close": "close",
                             "Adj Close": "adj_close", "Volume": "volume"}).assign(date=lambda d: d["date"].dt.date),
        preserve_index=False,
    )
    print(f"{len(long):,} rows ({args.symbols} symbols x {args.days} days), best of {args.repeat}")

    with tempfile.TemporaryDirectory() as tmp:
        ws_path, raw_path = Path(tmp) / "foa.duckdb", Path(tmp) / "raw.duckdb"

        state: dict[str, object] = {}

        def foa_setup() -> None:  # a fresh workspace with its schema: creating it is not the write
            for p in (ws_path, ws_path.with_name(ws_path.name + ".wal")):
                p.unlink(missing_ok=True)
            state["ws"] = foa.Workspace(ws_path)

        def foa_write() -> None:
            state["ws"].prices.write(long, source="synthetic")

        def raw_setup() -> None:
            for p in (raw_path, raw_path.with_name(raw_path.name + ".wal")):
                p.unlink(missing_ok=True)
            con = duckdb.connect(str(raw_path))
            con.execute(
                "CREATE TABLE prices (symbol VARCHAR, date DATE, open DOUBLE, high DOUBLE, low DOUBLE, "
                "close DOUBLE, adj_close DOUBLE, volume DOUBLE)"
            )
            con.close()

        def raw_write() -> None:  # connect, insert, close: like foa, the rows are on disk when it returns
            con = duckdb.connect(str(raw_path))
            con.register("t", raw_table)
            con.execute("INSERT INTO prices SELECT * FROM t")
            con.close()

        w_raw = best(raw_write, args.repeat, raw_setup)
        w_foa = best(foa_write, args.repeat, foa_setup)

        ws = foa.Workspace(ws_path)
        result: dict[str, pd.DataFrame] = {}

        def foa_read() -> None:
            result["foa"] = ws.prices.close(symbols)

        def raw_read() -> None:
            con = duckdb.connect(str(ws_path), read_only=True)
            result["raw"] = con.execute(
                "PIVOT (SELECT symbol, date, close FROM prices) ON symbol USING first(close) GROUP BY date ORDER BY date"
            ).df()
            con.close()

        def arrow_read() -> None:
            # the fastest raw path: SELECT to Arrow, then numpy places each close at (date, symbol)
            import pyarrow.compute as pc

            con = duckdb.connect(str(ws_path), read_only=True)
            t = con.sql("SELECT symbol, date, close FROM prices").to_arrow_table()
            con.close()
            col = pc.index_in(t["symbol"], value_set=pa.array(symbols)).to_numpy()
            dates, row = np.unique(t["date"].to_numpy(), return_inverse=True)
            m = np.full((len(dates), len(symbols)), np.nan)
            m[row, col] = t["close"].to_numpy()
            result["arrow"] = m

        r_raw = best(raw_read, args.repeat)
        r_arrow = best(arrow_read, args.repeat)
        r_foa = best(foa_read, args.repeat)
        # same numbers both ways (a benchmark of a wrong answer is worthless)
        raw = result["raw"].set_index("date")[symbols].to_numpy()
        if not np.array_equal(raw, result["foa"].to_numpy(), equal_nan=True):
            raise SystemExit("foa's close matrix differs from the raw PIVOT: the benchmark is void")
        if not np.array_equal(result["arrow"], result["foa"].to_numpy(), equal_nan=True):
            raise SystemExit("foa's close matrix differs from the raw Arrow read: the benchmark is void")

    print(f"write: foa {w_foa:.3f} s, raw arrow insert {w_raw:.3f} s -> ratio {w_foa / w_raw:.2f}x (target <= 2x)")
    print(f"read:  foa {r_foa:.3f} s, raw PIVOT {r_raw:.3f} s -> ratio {r_foa / r_raw:.2f}x (target <= 1.5x)")
    print(f"read:  foa {r_foa:.3f} s, raw SELECT -> Arrow -> numpy {r_arrow:.3f} s -> ratio {r_foa / r_arrow:.2f}x "
          "(the fastest raw path)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
