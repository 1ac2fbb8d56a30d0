"""compile_signals_batch: every combination's columns equal compiling that combination alone."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

import foa
from foa.engine.backtest import prepare
from foa.engine.compile import compile_signals, compile_signals_batch
from foa.engine.sweep import apply_params
from foa.spec.builders import close, const, ema, rsi, sma
from foa.spec.library import get
from foa.spec.model import AtrStop, Risk, Sizing, StrategySpec, Universe
from tests.engine.helpers import gspc, ixic, overrides

FIELDS = ("entries", "exits", "short_entries", "short_exits")


def _assert_batch_equals_singles(spec: StrategySpec, prices, grid: dict[str, list]) -> int:
    p = prepare(spec, prices)
    ovs = overrides(grid)
    batch = compile_signals_batch(p.spec, p.data, p.traded, p.evaluator(), ovs)
    n = len(p.traded)
    assert batch.entries.shape == (len(p.data.index), n * len(ovs))
    fired = 0
    for j, values in enumerate(itertools.product(*grid.values())):
        one = apply_params(p.spec, dict(zip(grid, values)))
        single, _ = compile_signals(one, p.data, p.traded)
        for name in FIELDS:
            got = getattr(batch, name)[:, j * n:(j + 1) * n]
            assert np.array_equal(got, getattr(single, name)), (name, values)
            fired += int(got.sum())
        for name in ("atr", "sizing"):
            a, b = getattr(batch, name), getattr(single, name)
            assert (a is None) == (b is None), name
            if a is not None:
                np.testing.assert_array_equal(a[:, j * n:(j + 1) * n], b)
        assert np.array_equal(batch.signal_bar, single.signal_bar)
    return fired


def _spec(**kw) -> StrategySpec:
    return StrategySpec(name="t", universe=Universe(symbols=kw.pop("symbols", ["^GSPC"])), **kw)


@pytest.mark.parametrize("name,grid", [
    ("sma_crossover", {"fast.window": [5, 20, 50], "slow.window": [20, 100]}),
    ("rsi_reversion", {"rsi.window": [2, 5], "oversold.value": [5.0, 10.0, 30.0], "trend.window": [100, 200]}),
    ("bollinger_reversion", {"bb.window": [10, 20], "bb.std": [1.5, 2.5]}),
    ("macd", {"macd.fast": [8, 12], "macd.signal": [5, 9]}),
    ("donchian_breakout", {"entry.window": [10, 55], "exit.window": [5, 20]}),
    ("ts_momentum", {"lookback.window": [3, 12]}),  # monthly bars
])
def test_library_specs_batch_equals_single(name, grid):
    assert _assert_batch_equals_singles(get(name), gspc(), grid) > 0


def test_nested_any_not_arith_comparisons_and_two_symbols():
    # any/not need validity masks; arith operands are computed per combination; a constant is swept
    entry = (sma(10, id="f").crosses_above(sma(50, id="s")) | (rsi(5, id="r") < const(20.0, id="lo"))) & ~(
        close() > sma(50, id="s") * 1.2)
    exit_ = (ema(10, id="e") - sma(50, id="s")).crosses_below(0) | (close() <= sma(50, id="s") * 0.9)
    spec = _spec(symbols=["^GSPC", "^IXIC"], direction="long_short", entry=entry, exit=exit_,
                 short_entry=sma(10, id="f") < sma(50, id="s"), short_exit=rsi(5, id="r") >= 50)
    grid = {"f.window": [5, 20], "s.window": [30, 100], "lo.value": [10.0, 30.0], "r.window": [3]}
    assert _assert_batch_equals_singles(spec, {"^GSPC": gspc(), "^IXIC": ixic()}, grid) > 0


def test_atr_stop_and_volatility_target_are_repeated_per_combination():
    spec = _spec(entry=sma(10, id="f") > sma(50, id="s"), exit=sma(10, id="f") < sma(50, id="s"),
                 risk=Risk(atr_stop=AtrStop(window=14, multiple=3.0)),
                 sizing=Sizing(method="volatility_target", target_volatility=0.1, vol_window=20))
    assert _assert_batch_equals_singles(spec, gspc(), {"f.window": [5, 20], "s.window": [50, 120]}) > 0


def test_sweep_with_batched_compile_equals_backtests_with_stops_and_sizing():
    spec = _spec(symbols=["^GSPC", "^IXIC"], entry=sma(10, id="f").crosses_above(sma(50, id="s")),
                 exit=sma(10, id="f").crosses_below(sma(50, id="s")),
                 risk=Risk(atr_stop=AtrStop(window=14, multiple=3.0)),
                 sizing=Sizing(method="volatility_target", target_volatility=0.15, vol_window=20))
    prices = {"^GSPC": gspc(), "^IXIC": ixic()}
    res = foa.sweep(spec, prices, {"f.window": [5, 20], "s.window": [60, 120]}, progress=False)
    for _, row in res.table.iterrows():
        params = {"f.window": int(row["f.window"]), "s.window": int(row["s.window"])}
        single = foa.backtest(apply_params(spec, params), prices)
        assert row["trades"] == single.stats["trades"] > 0
        assert row["total_return"] == pytest.approx(single.stats["total_return"], rel=1e-12)


def test_compare_kernel_matches_numpy_on_nans_and_ties():
    from foa.engine import _nb

    rng = np.random.default_rng(3)
    cols = np.round(rng.normal(size=(300, 4)), 1)  # rounded: many ties
    cols[cols > 1.5] = np.nan
    cols[:7] = np.nan  # warm-up
    ta = np.array([0, 1, 2, 3, 0], dtype=np.int64)
    tb = np.array([1, 2, 3, 0, 0], dtype=np.int64)
    for code, op in enumerate([">", ">=", "<", "<=", "crosses_above", "crosses_below"]):
        v, valid = _nb.compare_nb(cols, ta, cols, tb, code, True)
        for j in range(len(ta)):
            a, b = cols[:, ta[j]], cols[:, tb[j]]
            pa, pb = np.r_[np.nan, a[:-1]], np.r_[np.nan, b[:-1]]
            with np.errstate(invalid="ignore"):
                want = {">": a > b, ">=": a >= b, "<": a < b, "<=": a <= b,
                        "crosses_above": (a > b) & (pa <= pb), "crosses_below": (a < b) & (pa >= pb)}[op]
            ok = ~np.isnan(a) & ~np.isnan(b)
            if op.startswith("crosses"):
                ok &= ~np.isnan(pa) & ~np.isnan(pb)
            assert np.array_equal(v[:, j], want), op
            assert np.array_equal(valid[:, j], ok), op
