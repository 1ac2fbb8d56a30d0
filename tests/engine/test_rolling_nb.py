"""rolling_mean_nb is pandas' rolling(n, min_periods=n).mean(), number for number."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from foa.engine import indicators as ind
from foa.engine.rolling_nb import rolling_mean_nb
from tests.engine.helpers import gspc


def _pandas(x: np.ndarray, n: int) -> np.ndarray:
    return pd.DataFrame(x).rolling(n, min_periods=n).mean().to_numpy()


def _assert_same(x: np.ndarray, n: int) -> None:
    got = rolling_mean_nb(np.ascontiguousarray(x, dtype=np.float64), n)
    want = _pandas(x, n)
    same = (got == want) | (np.isnan(got) & np.isnan(want))
    assert same.all(), (n, np.argwhere(~same)[:3], got[~same][:3], want[~same][:3])


def test_equal_to_pandas_on_gspc_for_every_window_1_to_260():
    close = gspc()["Close"].to_numpy()[:, None]
    for n in range(1, 261):
        _assert_same(close, n)


@pytest.mark.parametrize("n", [1, 2, 3, 5, 10, 50, 200])
def test_equal_to_pandas_with_gaps_runs_of_one_value_signed_zeros_and_signs(n):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(3000, 5))
    x[rng.random(x.shape) < 0.05] = np.nan  # gaps: a window with a NaN has fewer values, hence NaN
    x[:50] = np.nan  # leading NaN, as an indicator of an indicator has
    x[500:600, 1] = 3.0  # a run of one value returns that value
    x[700:800, 2] = 0.0
    x[900:950, 3] = -0.0
    x[1000:1100, 0] = np.abs(x[1000:1100, 0])  # all non-negative: the mean is never negative
    x[:, 4] = -np.abs(x[:, 4])  # all non-positive: never positive
    _assert_same(x, n)


def test_equal_to_pandas_on_large_levels_where_compensation_matters():
    rng = np.random.default_rng(1)
    x = np.cumsum(rng.normal(size=(4000, 2)), axis=0) * 1e3 + 1e9
    for n in (2, 7, 100, 999):
        _assert_same(x, n)


def test_sma_and_bbands_middle_use_it():
    close = gspc()["Close"].to_numpy()[:, None]
    assert np.array_equal(ind.sma(close, 20), _pandas(close, 20), equal_nan=True)
    assert np.array_equal(ind.bbands(close, 20)["middle"], _pandas(close, 20), equal_nan=True)
    assert ind.sma(np.zeros((0, 1)), 3).shape == (0, 1)
