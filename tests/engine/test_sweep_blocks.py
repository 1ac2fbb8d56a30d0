"""A sweep too wide for one run adds its symbol blocks into per-combination sums (simulate.BlockSums): the
table equals the one-run table exactly, with stops, shorts, close fills, a later start and missing closes."""

from __future__ import annotations

import numpy as np
import pandas as pd

import foa
from foa.engine.sweep import plan_chunks
from foa.spec.library import get
from foa.spec.model import Risk
from tests.engine.helpers import gspc, ixic


def _universe(gaps: bool = False) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(11)
    out = {"^GSPC": gspc(), "^IXIC": ixic()}
    for k in range(4):
        f = gspc().copy()
        walk = np.exp(np.cumsum(rng.normal(0, 0.01, len(f))))
        for c in ("Open", "High", "Low", "Close"):
            f[c] = f[c] * walk
        out[f"W{k}"] = f
    if gaps:  # a few missing bars on one symbol: the group's value is NaN there, in one run and in blocks
        f = out["W1"].copy()
        f.iloc[3000:3003, :4] = np.nan
        out["W1"] = f
    return out


def _on(spec, prices, **update):
    return spec.model_copy(update={"universe": spec.universe.model_copy(update={"symbols": list(prices)}), **update})


def _same(a, b) -> None:
    pd.testing.assert_frame_equal(a.table, b.table, check_exact=True)
    np.testing.assert_array_equal(a.blocks.total, b.blocks.total)
    assert a.deflated_sharpe == b.deflated_sharpe or (np.isnan(a.deflated_sharpe) and np.isnan(b.deflated_sharpe))


def test_blocks_added_into_sums_give_the_one_run_table_with_stops_shorts_and_close_fills():
    prices = _universe()
    base = get("sma_crossover")
    spec = _on(base, prices, direction="long_short", short_entry=base.exit, short_exit=base.entry,
               risk=Risk(stop_loss=0.08, max_holding_bars=40))
    grid = {"fast.window": [10, 20], "slow.window": [100, 200]}
    for fill in ("next_open", "close"):
        whole = foa.sweep(spec, prices, grid, fill=fill, start="2004-01-01", max_memory="4GB", progress=False)
        blocked = foa.sweep(spec, prices, grid, fill=fill, start="2004-01-01", max_memory="3MB", progress=False)
        _same(whole, blocked)
        assert (whole.table["trades"] > 0).all() and blocked.indicator_computations > whole.indicator_computations


def test_blocks_added_into_sums_with_a_cash_rate_and_missing_closes():
    prices = _universe(gaps=True)
    spec = _on(get("sma_crossover"), prices)
    grid = {"fast.window": [5, 10, 20], "slow.window": [50, 100]}
    whole = foa.sweep(spec, prices, grid, cash_rate=0.03, max_memory="4GB", progress=False)
    blocked = foa.sweep(spec, prices, grid, cash_rate=0.03, max_memory="3MB", progress=False)
    _same(whole, blocked)
    assert whole.table["trades"].min() > 0 and blocked.indicator_computations > whole.indicator_computations


def test_without_a_borrow_rate_blocks_keep_sums_not_records_so_chunks_are_larger():
    big = dict(bars=5031, symbols=500, combos=174, indicators=29, cross_sectional=False, stops=False)
    streamed = plan_chunks(512 * 2**20, **big)
    gathered = plan_chunks(512 * 2**20, **big, borrow=True)
    assert streamed.fits and streamed.symbols < 500
    assert streamed.combos > 4 * gathered.combos
