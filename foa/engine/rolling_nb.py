"""Compiled rolling windows for foa's own indicators (numba; imported by the functions that use them).

``rolling_mean_nb`` is pandas' ``rolling(n, min_periods=n).mean()`` step for step: a running sum with
Kahan compensation (one compensation for the values entering the window, one for those leaving), the
same guards (a window of one repeated value returns that value; a mean of non-negative values is never
negative, of non-positive values never positive), NaN skipped and counted out. Each operation is the
same IEEE double operation in the same order, so the results are the same numbers (the tests compare
them with pandas for equality), at a fraction of the cost of a DataFrame round trip per indicator.

    >>> rolling_mean_nb(np.arange(5.0)[:, None], 2)[:, 0]  # doctest: +SKIP
    array([nan, 0.5, 1.5, 2.5, 3.5])
"""

from __future__ import annotations

import numpy as np

from foa.numba_cache import ensure_numba_cache

ensure_numba_cache()  # numba reads its cache location when first imported

from numba import njit  # noqa: E402

__all__ = ["rolling_mean_nb"]


def rolling_mean_nb(x: np.ndarray, n: int) -> np.ndarray:
    """Mean of the last ``n`` values per column of ``x`` (bars x columns, float64); NaN until n values are seen.

    One column is walked down its bars; several are walked bar by bar, every column's running state side
    by side, so a wide C-ordered ``x`` is read along its rows (the same operations per column, in order).
    The two are separate kernels, so a single backtest compiles only the one-column walk.
    """
    bars, cols = x.shape
    out = np.empty((bars, cols))
    if cols == 1:
        _rolling_mean_column(x, n, out)
    else:
        _rolling_mean_columns(x, n, out)
    return out


@njit(cache=True)
def _rolling_mean_columns(x, n, out):
    """``rolling_mean_nb`` of every column of ``x`` into ``out``, bar by bar."""
    bars, cols = x.shape
    nobs = np.zeros(cols, dtype=np.int64)
    sum_x = np.zeros(cols)
    neg_ct = np.zeros(cols, dtype=np.int64)
    comp_add = np.zeros(cols)
    comp_rem = np.zeros(cols)
    prev_value = x[0].copy() if bars else np.zeros(cols)
    same = np.zeros(cols, dtype=np.int64)
    for i in range(bars):
        for c in range(cols):
            if i >= n:  # the value leaving the window
                val = x[i - n, c]
                if not np.isnan(val):
                    nobs[c] -= 1
                    y = -val - comp_rem[c]
                    t = sum_x[c] + y
                    comp_rem[c] = t - sum_x[c] - y
                    sum_x[c] = t
                    if val < 0:
                        neg_ct[c] -= 1
            val = x[i, c]
            if not np.isnan(val):
                nobs[c] += 1
                y = val - comp_add[c]
                t = sum_x[c] + y
                comp_add[c] = t - sum_x[c] - y
                sum_x[c] = t
                if val < 0:
                    neg_ct[c] += 1
                if val == prev_value[c]:
                    same[c] += 1
                else:
                    same[c] = 1
                prev_value[c] = val
            k = nobs[c]
            if k >= n and k > 0:
                result = sum_x[c] / k
                if same[c] >= k:
                    result = prev_value[c]
                elif neg_ct[c] == 0 and result < 0:
                    result = 0.0
                elif neg_ct[c] == k and result > 0:
                    result = 0.0
            else:
                result = np.nan
            out[i, c] = result


@njit(cache=True)
def _rolling_mean_column(x, n, out):
    """``rolling_mean_nb`` of the one column of ``x`` into ``out``."""
    bars = x.shape[0]
    c = 0
    nobs = 0
    sum_x = 0.0
    neg_ct = 0
    comp_add = 0.0
    comp_rem = 0.0
    prev_value = x[0, c] if bars else np.nan
    same = 0
    for i in range(bars):
        if i >= n:  # the value leaving the window
            val = x[i - n, c]
            if not np.isnan(val):
                nobs -= 1
                y = -val - comp_rem
                t = sum_x + y
                comp_rem = t - sum_x - y
                sum_x = t
                if val < 0:
                    neg_ct -= 1
        val = x[i, c]
        if not np.isnan(val):
            nobs += 1
            y = val - comp_add
            t = sum_x + y
            comp_add = t - sum_x - y
            sum_x = t
            if val < 0:
                neg_ct += 1
            if val == prev_value:
                same += 1
            else:
                same = 1
            prev_value = val
        if nobs >= n and nobs > 0:
            result = sum_x / nobs
            if same >= nobs:
                result = prev_value
            elif neg_ct == 0 and result < 0:
                result = 0.0
            elif neg_ct == nobs and result > 0:
                result = 0.0
        else:
            result = np.nan
        out[i, c] = result
