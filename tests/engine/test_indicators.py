"""Pinned indicator formulas and warm-up (independent of vectorbt's own defaults)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from foa.engine import indicators as ind

X = np.array([10, 11, 10.5, 12, 13, 12.5, 12, 14, 15, 14.5], dtype=float)[:, None]


def test_sma_ema_warmup_and_recursion():
    s = ind.sma(X, 3)[:, 0]
    assert np.isnan(s[:2]).all() and s[2] == np.mean(X[:3, 0])
    e = ind.ema(X, 3)[:, 0]
    a = 2 / 4
    ref = [X[0, 0]]
    for x in X[1:, 0]:
        ref.append(a * x + (1 - a) * ref[-1])
    assert np.isnan(e[:2]).all()
    np.testing.assert_allclose(e[2:], ref[2:], rtol=1e-12)


def test_rsi_is_wilder_with_first_n_values_warm_up():
    r = ind.rsi(X, 3)[:, 0]
    assert np.isnan(r[:3]).all() and not np.isnan(r[3])
    d = np.diff(X[:, 0])
    g, lo = np.clip(d, 0, None), np.clip(-d, 0, None)
    ag, al = g[0], lo[0]
    for k in range(1, len(d)):
        ag = ag + (g[k] - ag) / 3
        al = al + (lo[k] - al) / 3
    assert abs(r[-1] - (100 - 100 / (1 + ag / al))) < 1e-9
    flat = ind.rsi(np.full((6, 1), 5.0), 2)[:, 0]
    assert flat[-1] == 50.0
    down = ind.rsi(np.arange(6, 0, -1, dtype=float)[:, None], 2)[:, 0]
    assert down[-1] == 0.0  # ties at 0 are common for RSI(2)


def test_highest_and_lowest_exclude_the_current_bar():
    h = ind.highest(X, 3)[:, 0]
    assert np.isnan(h[:3]).all()
    assert h[3] == X[:3, 0].max()
    assert (X[7, 0] > h[7])  # a new high can break out above the prior bars' highest


def test_bbands_roc_stdev_macd_atr():
    b = ind.bbands(X, 4, 2.0)
    sd = pd.Series(X[:, 0]).rolling(4).std(ddof=0).to_numpy()
    np.testing.assert_allclose(b["upper"][3:, 0], b["middle"][3:, 0] + 2 * sd[3:])
    assert ind.roc(X, 2)[2, 0] == X[2, 0] / X[0, 0] - 1
    np.testing.assert_allclose(ind.stdev(X, 4)[3:, 0], sd[3:])
    m = ind.macd(X, 2, 4, 2)
    np.testing.assert_allclose(m["hist"], m["macd"] - m["signal"])
    assert np.isnan(m["signal"][:4, 0]).all()
    a = ind.atr(X + 1, X - 1, X, 3)[:, 0]
    assert np.isnan(a[:3]).all() and not np.isnan(a[3])
