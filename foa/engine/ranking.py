"""Ranking and fixed-weight specs -> target weights at rebalance bars (NaN rows: no order).

At each rebalance (the last trading day of each week/month/quarter that is also a bar of the spec's
frequency) the eligible symbols (a value for ``ranking.by`` and, when given, the entry rule true: dual
momentum's absolute test) are ranked by ``ranking.by`` (highest first unless ``ascending``); the top_n
(or ceil(top_pct x eligible), at least 1) are held in equal weights of the whole portfolio; with none
eligible, everything goes to cash. Without a ranking, every symbol whose entry rule holds gets 1/N.
Ties keep the universe order.

    w = target_weights(spec, evaluator, daily_index)   # bars x symbols
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from foa.engine.compile import Evaluator, period_end_positions
from foa.errors import SpecError
from foa.spec.model import StrategySpec

__all__ = ["rebalance_rows", "target_weights"]


def rebalance_rows(spec: StrategySpec, daily_index: pd.DatetimeIndex) -> np.ndarray:
    rows = period_end_positions(daily_index, spec.rebalance or spec.frequency)
    if spec.frequency != "daily":
        rows = np.intersect1d(rows, period_end_positions(daily_index, spec.frequency))
    return rows


def _on_daily(x: np.ndarray, ev: Evaluator, n_daily: int) -> np.ndarray:
    """Values of spec bars carried to every later daily row (known at that close; never earlier)."""
    out = np.full((n_daily, x.shape[1]), np.nan)
    out[ev.bars.daily_pos] = x
    return pd.DataFrame(out).ffill().to_numpy()


def target_weights(spec: StrategySpec, ev: Evaluator, daily_index: pd.DatetimeIndex) -> np.ndarray:
    n_daily = len(daily_index)
    n = len(ev.traded)
    rows = rebalance_rows(spec, daily_index)
    ok = np.ones((len(ev.bars.index), n), bool) if spec.entry is None else ev.condition(spec.entry)
    ok_daily = _on_daily(ok.astype("float64"), ev, n_daily) > 0.5
    w = np.full((n_daily, n), np.nan)
    if spec.ranking is None:
        w[rows] = np.where(ok_daily[rows], 1.0 / n, 0.0)
        return w
    if n < 2:
        raise SpecError(f"a ranking needs a universe of at least 2 symbols, got {ev.traded}: add symbols to universe.symbols")
    score = _on_daily(ev.expr(spec.ranking.by), ev, n_daily)[rows]
    eligible = ~np.isnan(score) & ok_daily[rows]
    key = np.where(eligible, score if spec.ranking.ascending else -score, np.inf)
    order = np.argsort(key, axis=1, kind="stable")
    rank = np.empty_like(order)
    np.put_along_axis(rank, order, np.arange(n)[None, :].repeat(len(rows), 0), axis=1)
    n_ok = eligible.sum(axis=1)
    if spec.ranking.top_n is not None:
        slots = np.minimum(spec.ranking.top_n, n_ok)
    elif spec.ranking.top_pct is not None:
        slots = np.where(n_ok > 0, np.maximum(1, np.ceil(spec.ranking.top_pct * n_ok)), 0).astype(int)
    else:
        slots = n_ok
    picked = eligible & (rank < slots[:, None])
    with np.errstate(divide="ignore", invalid="ignore"):
        weight = np.where(slots[:, None] > 0, 1.0 / slots[:, None], 0.0)
    if spec.sizing.method == "fixed_fraction" and spec.sizing.fraction:
        weight = np.minimum(weight, spec.sizing.fraction)
    w[rows] = np.where(picked, weight, 0.0)
    return w
