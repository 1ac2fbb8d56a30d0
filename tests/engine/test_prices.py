"""Prices in: yfinance-style frames in any case, yfinance 1.7 MultiIndex, dicts, the workspace, Adj Close."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from foa.engine.prices import load_prices, normalise_frame
from foa.errors import DataError, SpecError
from foa.spec.library import get
from tests.engine.helpers import frame, gspc


def test_any_case_columns_and_adj_close_back_adjustment():
    f = frame([10, 11, 12], closes=[10, 11, 12])
    f["Adj Close"] = f["Close"] * 0.5
    f.columns = [c.upper() for c in f.columns]
    out, adjusted = normalise_frame(f, "X")
    assert adjusted
    assert list(out.columns) == ["open", "high", "low", "close", "volume"]
    np.testing.assert_allclose(out["close"], [5, 5.5, 6])
    np.testing.assert_allclose(out["open"], [5, 5.5, 6])


def test_yfinance_one_ticker_multiindex_columns():
    f = frame([10, 11, 12])
    f.columns = pd.MultiIndex.from_tuples([(c, "SPY") for c in f.columns], names=["Price", "Ticker"])
    out, _ = normalise_frame(f, "SPY")
    assert out["close"].tolist() == [10, 11, 12]


def test_lone_frame_binds_to_the_single_symbol_whatever_its_name():
    data = load_prices(get("sma_crossover"), frame(np.arange(1, 30)))
    assert data.symbols == ["^GSPC"]
    assert data.note == "price returns: ^GSPC is a price index"


def test_dict_missing_symbol_is_a_spec_error_that_says_how_to_fix():
    spec = get("xs_momentum")
    with pytest.raises(SpecError, match=r"not in the price data .*add them"):
        load_prices(spec, {"^GSPC": frame(np.arange(1, 30))})


def test_bad_frames_raise_data_error():
    with pytest.raises(DataError, match="no Close column"):
        normalise_frame(pd.DataFrame({"Open": [1.0]}, index=pd.bdate_range("2020-01-01", periods=1)))
    with pytest.raises(DataError, match="not dates"):
        normalise_frame(pd.DataFrame({"Close": [1.0, 2.0]}, index=["a", "b"]))
    with pytest.raises(DataError, match="DataFrame"):
        load_prices(get("sma_crossover"), [1, 2, 3])


def test_workspace_prices_match_the_frame(ws):
    import foa

    ws.prices.load_bundled(["^GSPC"])
    spec = get("trend_filter")
    a = foa.backtest(spec, ws)
    b = foa.backtest(spec, gspc())
    assert a.data_hash == b.data_hash
    assert a.stats["total_return"] == b.stats["total_return"]


def test_engine_and_import_read_column_headers_the_same_way():
    # one normaliser (foa.data.frames.column_role): a "Price" or "adj. close" header means the same to both
    from foa.data.frames import column_role, to_long
    from foa.engine.prices import normalise_frame

    idx = pd.date_range("2020-01-01", periods=3, name="Date")
    frame = pd.DataFrame({"PRICE": [1.0, 2.0, 3.0], "Vol": [10.0, 20.0, 30.0]}, index=idx)
    engine = normalise_frame(frame, "X")[0]
    stored = to_long(frame, "X").to_pandas()
    assert engine["close"].tolist() == stored["close"].tolist() == [1.0, 2.0, 3.0]
    assert engine["volume"].tolist() == stored["volume"].tolist()
    assert [column_role(h) for h in ("Adj. Close", "last", "Ticker", "Open Interest")] == ["adj_close", "close", "symbol", None]
    # a header named exactly as the field wins over an alias of it
    both = pd.DataFrame({"Price": [9.0, 9.0, 9.0], "Close": [1.0, 2.0, 3.0]}, index=idx)
    assert normalise_frame(both, "X")[0]["close"].tolist() == [1.0, 2.0, 3.0]


def test_clean_frames_normalise_as_the_general_path_does():
    """A clean frame (numeric, dates in order) takes normalise_frame's array path; the same bars reversed,
    or with a text column to convert, take the pandas steps: the frames and the adjusted flag are equal."""
    raw = gspc().iloc[:300].copy()
    raw["Adj Close"] = raw["Close"] * np.linspace(0.5, 1.0, len(raw))
    raw.iloc[5, raw.columns.get_loc("Open")] = np.nan  # filled from the close
    raw.iloc[9, raw.columns.get_loc("Close")] = np.nan  # the row is dropped
    for frame in (raw, raw.drop(columns=["Adj Close"]), raw[["Close"]]):
        fast, adj = normalise_frame(frame, "X")
        general, adj2 = normalise_frame(frame.iloc[::-1], "X")  # out of order: the pandas path sorts
        pd.testing.assert_frame_equal(fast, general, check_exact=True)
        assert adj == adj2 and len(fast) == len(frame) - 1
        text = frame.astype({"Close": object})
        general, _ = normalise_frame(text, "X")
        pd.testing.assert_frame_equal(fast, general, check_exact=True)
    assert normalise_frame(raw, "X")[1] is True


def test_price_matrices_are_the_frames_side_by_side_built_once():
    # PriceData.matrices: every field of every frame, bars x symbols, equal to stacking the frames' columns;
    # the evaluator's bars and Prepared.price_matrices read the same arrays (one build per run)
    from foa.engine.backtest import prepare
    from foa.engine.compile import bars_for
    from foa.engine.prices import FIELDS, load_prices, normalise_frame

    idx = pd.bdate_range("2020-01-01", periods=40)
    rng = np.random.default_rng(3)
    frames = {}
    for s in ("A", "B", "C"):
        c = 50 + rng.standard_normal(40).cumsum()
        frames[s] = pd.DataFrame({"Open": c + 0.1, "High": c + 1, "Low": c - 1, "Close": c,
                                  "Volume": rng.integers(1, 9, 40)}, index=idx)
    spec = get("sma_crossover").model_copy(deep=True)
    spec.universe.symbols = ["C", "A"]
    spec.universe.benchmark = None
    data = load_prices(spec, frames)
    assert list(data.frames) == ["C", "A"]
    m = data.matrices()
    for f in FIELDS:
        want = np.column_stack([data.frames[s][f].to_numpy() for s in data.frames])
        assert m[f].flags.c_contiguous and np.array_equal(m[f], want, equal_nan=True)
        assert np.array_equal(want[:, 1], normalise_frame(frames["A"])[0][f].to_numpy(dtype=float), equal_nan=True)
    assert data.matrices() is m and bars_for(data, "daily").fields["close"] is m["close"]
    p = prepare(spec, frames, start="2020-01-10", progress=False)
    close = p.price_matrices()["close"]
    assert p.i0 > 0 and np.array_equal(close, m["close"][p.i0:p.i1])
    assert np.shares_memory(close, p.data.matrices()["close"]) and close.flags.c_contiguous
    # a traded subset in another order is gathered from the same matrices
    spec.universe.symbols = ["A", "B"]
    q = prepare(spec, frames, progress=False)
    assert list(q.data.frames) == ["A", "B"] and np.array_equal(
        q.price_matrices()["open"], np.column_stack([q.data.frames[s]["open"].to_numpy() for s in ("A", "B")]))
