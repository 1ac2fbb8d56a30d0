"""Bad input ends in a clear FoaError (what happened + how to fix it), the cause attached, nothing stored."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

import foa
from foa import errors
from foa.errors import DataError, FoaError, WorkspaceError

ROOT = Path(__file__).resolve().parents[1]


def test_error_tree_matches_docstring():
    assert issubclass(WorkspaceError, DataError) and issubclass(DataError, FoaError)
    assert issubclass(errors.NoStrategyFound, errors.ExtractionError)
    for name in errors.__all__:
        cls = getattr(errors, name)
        assert cls.__doc__ and cls.__doc__.strip(), name
        assert name in errors.__doc__, f"{name} missing from the tree in foa/errors.py"


def test_unknown_symbol(ws):
    ws.prices.load_bundled(["^VIX"])
    with pytest.raises(DataError, match=r"unknown symbol 'SPY'.*load_bundled\(\)"):
        ws.prices.close(["^VIX", "SPY"])
    with pytest.raises(DataError, match="unknown symbol"):
        ws.prices.ohlcv("NOPE")


def test_sql_injection_symbol_is_just_unknown(ws):
    ws.prices.load_bundled(["^VIX"])
    evil = "x'); DROP TABLE prices; --"
    with pytest.raises(DataError, match="unknown symbol"):
        ws.prices.close([evil])
    with pytest.raises(DataError, match="unknown symbol"):
        ws.prices.delete(evil)
    assert ws.prices.symbols()["symbol"].tolist() == ["^VIX"]  # the table is still there
    assert ws.prices.close("^VIX").shape == (1259, 1)


def test_empty_download(ws, monkeypatch):
    import yfinance

    empty = pd.DataFrame(columns=pd.MultiIndex.from_product([["Adj Close", "Close", "High", "Low", "Open", "Volume"], ["SPY"]],
                                                            names=["Price", "Ticker"]))
    monkeypatch.setattr(yfinance, "download", lambda *a, **k: empty)
    with pytest.raises(DataError, match="could not download SPY from Yahoo Finance — no network\\? use the bundled samples"):
        ws.prices.fetch("SPY", start="2020-01-01", end="2020-06-30")
    assert ws.prices.symbols().empty and ws.prices.coverage("SPY") == []


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(textwrap.dedent(text).lstrip())
    return p


def test_csv_without_close_column(ws, tmp_path):
    p = write(tmp_path, "abc.csv", """
        Date,Open,High,Low,Volume
        2020-01-02,1,2,0.5,100
    """)
    with pytest.raises(DataError, match=r"abc\.csv: no close column .*Name the closing price column Close"):
        ws.prices.import_file(p)
    assert ws.prices.symbols().empty


def test_csv_duplicate_dates(ws, tmp_path):
    p = write(tmp_path, "dup.csv", """
        date,close
        2020-01-02,10
        2020-01-03,11
        2020-01-03,12
    """)
    with pytest.raises(DataError, match=r"dup\.csv, row 4, column 'Date': duplicate date 2020-01-03 for DUP \(also on row 3\)"):
        ws.prices.import_file(p)
    assert ws.prices.symbols().empty


def test_csv_negative_price(ws, tmp_path):
    p = write(tmp_path, "neg.csv", """
        Date,Open,High,Low,Close
        2020-01-02,10,11,9,10.5
        2020-01-03,10,11,9,-1
    """)
    with pytest.raises(DataError, match=r"neg\.csv, row 3, column 'Close': price -1 is not positive"):
        ws.prices.import_file(p)
    assert ws.prices.symbols().empty


def test_csv_text_in_number_column(ws, tmp_path):
    p = write(tmp_path, "txt.csv", """
        Date,Close,Volume
        2020-01-02,10,100
        2020-01-03,11,lots
    """)
    with pytest.raises(DataError, match=r"txt\.csv, row 3, column 'Volume': 'lots' is not a number"):
        ws.prices.import_file(p)


def test_parquet_that_is_not_parquet(ws, tmp_path):
    p = tmp_path / "fake.parquet"
    p.write_text("Date,Close\n2020-01-02,1\n")
    with pytest.raises(DataError, match=r"fake\.parquet: is not a readable Parquet file") as info:
        ws.prices.import_file(p)
    assert info.value.__cause__ is not None


def test_workspace_in_a_read_only_directory(tmp_path):
    # Tests run as root, and chmod cannot stop root from writing. A path whose parent component is a
    # regular file cannot be created by anyone (ENOTDIR), so it stands in for a read-only directory.
    blocker = tmp_path / "a_file"
    blocker.write_text("not a directory")
    with pytest.raises(WorkspaceError, match="cannot create the workspace folder .*writable location") as info:
        foa.Workspace(blocker / "sub" / "ws.duckdb")
    assert isinstance(info.value.__cause__, OSError)
    with pytest.raises(WorkspaceError, match="writable location"):
        foa.Workspace(blocker / "ws.duckdb")  # parent exists but is a file: DuckDB itself refuses


def test_workspace_file_that_is_not_duckdb(tmp_path):
    p = tmp_path / "notes.duckdb"
    p.write_text("this is a text file, not a database\n" * 100)
    with pytest.raises(WorkspaceError, match="exists but is not a DuckDB workspace file") as info:
        foa.Workspace(p)
    assert info.value.__cause__ is not None
    assert p.read_text().startswith("this is a text file")  # untouched


HOLDER = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])          # a writer that never lets go
print("holding", flush=True)
time.sleep(60)
"""


def test_second_writer_holding_the_lock(workspace_path):
    foa.Workspace(workspace_path)
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(workspace_path)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert proc.stdout.readline().strip() == "holding"
        with pytest.raises(WorkspaceError, match=r"locked: another process \(process \d+[^)]*\) holds it.*1 s") as info:
            foa.Workspace(workspace_path, lock_timeout=1)
        assert "Conflicting lock" in str(info.value.__cause__)
        ws = object.__new__(foa.Workspace)  # a reader is refused too, after its own timeout
        ws.path, ws.lock_timeout = Path(workspace_path).resolve(), 0.5
        with pytest.raises(WorkspaceError, match="another process"):
            with ws.read():
                pass
    finally:
        proc.kill()
        proc.wait(10)
    foa.Workspace(workspace_path)  # free again once the holder is gone


def test_no_raw_traceback_from_the_cli(tmp_path, capsys):
    from foa.cli import main

    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"\x00garbage" * 64)
    assert main(["data", "list", "--workspace", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "not a DuckDB workspace file" in err and "Traceback" not in err
