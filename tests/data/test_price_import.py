"""CSV and Parquet import: column detection, validation with file/row/column, all-or-nothing."""

from __future__ import annotations

import textwrap

import pandas as pd
import pytest

from foa.errors import DataError
from foa.samples.market import market_data


def csv(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(textwrap.dedent(text).lstrip())
    return p


def test_csv_columns_in_any_case_newest_first(ws, tmp_path):
    p = csv(tmp_path, "abc_daily.csv", """
        DATE,OPEN,high,Low,close,adj_close,VOLUME
        2020-01-03,10.5,11,10,10.8,10.7,"1,200"
        2020-01-02,10,10.6,9.8,10.4,10.3,1000
    """)
    summary = ws.prices.import_file(p)
    assert summary[["symbol", "rows"]].values.tolist() == [["ABC_DAILY", 2]]
    got = ws.prices.ohlcv("ABC_DAILY")
    assert [str(d.date()) for d in got.index] == ["2020-01-02", "2020-01-03"]
    assert got.loc["2020-01-03"].tolist() == [10.5, 11.0, 10.0, 10.8, 10.7, 1200.0]
    assert ws.prices.symbols()["source"].tolist() == ["file:abc_daily.csv"]
    assert ws.audit_log()["action"].iloc[0] == "import"


def test_csv_with_symbol_column_and_explicit_symbol(ws, tmp_path):
    p = csv(tmp_path, "many.csv", """
        Datetime,Ticker,Close
        2020-01-02,AAA,1
        2020-01-02,BBB,2
        2020-01-03,AAA,3
    """)
    ws.prices.import_file(p)
    wide = ws.prices.close(["AAA", "BBB"])
    assert wide["AAA"].tolist() == [1.0, 3.0] and wide["BBB"].isna().tolist() == [False, True]
    q = csv(tmp_path, "x.csv", "date,close\n2020-01-02,5\n")
    ws.prices.import_file(q, symbol="MINE")
    assert "MINE" in ws.prices.symbols()["symbol"].tolist()


def test_parquet_round_trip_with_date_index(ws, tmp_path):
    p = tmp_path / "gspc.parquet"
    market_data("^GSPC").to_parquet(p)
    ws.prices.import_file(p, symbol="^GSPC")
    pd.testing.assert_frame_equal(ws.prices.ohlcv("^GSPC"), market_data("^GSPC"), check_index_type=False, check_freq=False)


@pytest.mark.parametrize(
    "body, pattern",
    [
        ("Date,Close\n2020-01-02,10\nnot a day,11\n", r"bad\.csv, row 3, column 'Date': 'not a day' is not a date"),
        ("Date,High,Low,Close\n2020-01-02,9,10,9.5\n", r"bad\.csv, row 2, column 'High': high 9 is below low 10"),
        ("Date,Close\n2020-01-02,10\n2020-01-03,\n", r"bad\.csv, row 3, column 'Close': the close is empty"),
        ("Date,Close,Volume\n2020-01-02,10,-5\n", r"bad\.csv, row 2, column 'Volume': negative volume"),
        ("Date,Close\n2020-01-02 15:30,10\n", r"bad\.csv, row 2, column 'Date': .* has a time of day"),
        ("Open,Close\n1,2\n", r"bad\.csv: no date column"),
        ("", r"bad\.csv: cannot be read as CSV"),
    ],
)
def test_bad_csv_names_file_row_and_column(ws, tmp_path, body, pattern):
    p = tmp_path / "bad.csv"
    p.write_text(body)
    with pytest.raises(DataError, match=pattern):
        ws.prices.import_file(p)
    assert ws.prices.symbols().empty  # nothing half-written


def test_missing_file(ws, tmp_path):
    with pytest.raises(DataError, match="no such file"):
        ws.prices.import_file(tmp_path / "nope.csv")
