"""Indicators with pinned formulas (numpy/pandas), computed on 2-D arrays (bars x columns).

Every indicator returns NaN during its warm-up, so a rule that reads it cannot fire there. The formulas
(docs/semantics.md) are pinned here because vectorbt's own RSI/MACD/ATR defaults differ:

    sma     rolling mean of n bars
    ema     alpha = 2/(n+1), no bias adjustment: e[t] = a*x[t] + (1-a)*e[t-1], e[first] = x[first];
            the first n-1 values are warm-up (NaN)
    rsi     Wilder: average gain/loss with alpha = 1/n (same recursion) over the n..t price changes;
            100 - 100/(1 + gain/loss); loss == 0 -> 100 (50 when gain == 0 too); first n values NaN
    macd    ema(fast) - ema(slow); signal = ema(macd, signal); hist = macd - signal
    atr     Wilder average (alpha = 1/n, same recursion) of the true range max(h-l, |h-c[t-1]|, |l-c[t-1]|)
            starting on the second bar (it needs the previous close); first n values NaN
    bbands  middle = sma(n); upper/lower = middle +/- std x population standard deviation (ddof=0)
    roc     x[t]/x[t-n] - 1 (a fraction)
    stdev   rolling population standard deviation (ddof=0) of the input
    highest max of the n bars *before* t (default input: high); lowest mirrored (default input: low)

    >>> sma(np.arange(5.0)[:, None], 2)[:, 0]
    array([nan, 0.5, 1.5, 2.5, 3.5])
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["atr", "bbands", "ema", "highest", "lowest", "macd", "roc", "rsi", "sma", "stdev", "wilder"]


def _df(x: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame(np.asarray(x, dtype="float64"), copy=False)


def _warmup_mask(x: np.ndarray, n: int) -> np.ndarray:
    """True where fewer than n valid inputs have been seen so far (per column)."""
    seen = np.cumsum(~np.isnan(x), axis=0)
    return seen < n


def sma(x: np.ndarray, n: int) -> np.ndarray:
    # pandas' rolling mean, compiled (foa.engine.rolling_nb): the same numbers without a DataFrame per call
    from foa.engine.rolling_nb import rolling_mean_nb

    return rolling_mean_nb(np.ascontiguousarray(x, dtype="float64"), int(n))


def _ewm(x: np.ndarray, alpha: float) -> np.ndarray:
    # adjust=False: the plain recursion seeded with the first valid value (no bias correction).
    return _df(x).ewm(alpha=alpha, adjust=False, ignore_na=True).mean().to_numpy(copy=True)


def ema(x: np.ndarray, n: int) -> np.ndarray:
    out = _ewm(x, 2.0 / (n + 1.0))
    out[_warmup_mask(x, n)] = np.nan
    out[np.isnan(x)] = np.nan
    return out


def wilder(x: np.ndarray, n: int) -> np.ndarray:
    """Wilder's smoothing (alpha = 1/n), warm-up n-1 valid values."""
    out = _ewm(x, 1.0 / n)
    out[_warmup_mask(x, n)] = np.nan
    out[np.isnan(x)] = np.nan
    return out


def rsi(x: np.ndarray, n: int) -> np.ndarray:
    x = np.asarray(x, dtype="float64")
    delta = np.full_like(x, np.nan)
    delta[1:] = x[1:] - x[:-1]
    gain = np.where(np.isnan(delta), np.nan, np.clip(delta, 0, None))
    loss = np.where(np.isnan(delta), np.nan, np.clip(-delta, 0, None))
    g, lo = wilder(gain, n), wilder(loss, n)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = 100.0 - 100.0 / (1.0 + g / lo)
    out = np.where((lo == 0) & (g > 0), 100.0, out)
    out = np.where((lo == 0) & (g == 0), 50.0, out)
    out[np.isnan(g) | np.isnan(lo)] = np.nan
    return out


def macd(x: np.ndarray, fast: int = 12, slow: int = 26, signal: int = 9) -> dict[str, np.ndarray]:
    line = ema(x, fast) - ema(x, slow)
    sig = ema(line, signal)
    return {"macd": line, "signal": sig, "hist": line - sig}


def atr(high: np.ndarray, low: np.ndarray, close: np.ndarray, n: int) -> np.ndarray:
    prev = np.full_like(close, np.nan)
    prev[1:] = close[:-1]
    tr = np.fmax(high - low, np.fmax(np.abs(high - prev), np.abs(low - prev)))
    tr[np.isnan(prev)] = np.nan  # the true range needs the previous close (as in TA-Lib)
    return wilder(tr, n)


def bbands(x: np.ndarray, n: int, std: float = 2.0) -> dict[str, np.ndarray]:
    mid = sma(x, n)
    sd = _df(x).rolling(n, min_periods=n).std(ddof=0).to_numpy()
    return {"middle": mid, "upper": mid + std * sd, "lower": mid - std * sd}


def roc(x: np.ndarray, n: int) -> np.ndarray:
    x = np.asarray(x, dtype="float64")
    out = np.full_like(x, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        out[n:] = x[n:] / x[:-n] - 1.0
    return out


def stdev(x: np.ndarray, n: int) -> np.ndarray:
    return _df(x).rolling(n, min_periods=n).std(ddof=0).to_numpy()


def _before(x: np.ndarray) -> np.ndarray:
    out = np.full_like(np.asarray(x, dtype="float64"), np.nan)
    out[1:] = x[:-1]
    return out


def highest(x: np.ndarray, n: int) -> np.ndarray:
    """Max of the n bars before t: close > highest(20) is a breakout."""
    return _df(_before(x)).rolling(n, min_periods=n).max().to_numpy()


def lowest(x: np.ndarray, n: int) -> np.ndarray:
    return _df(_before(x)).rolling(n, min_periods=n).min().to_numpy()
