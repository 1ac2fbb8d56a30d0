"""The compiled rules of a sweep (compile_rules_batch + _nb.resolve_rules_nb) place the very orders that the
rule arrays (compile_signals_batch + _nb.resolve_events_nb) place: every rule shape, both fills, shorts,
max_holding_bars, weekly/monthly bars, a start after the warm-up, and a packed room too small."""

from __future__ import annotations


import numpy as np
import pandas as pd
import pytest

import foa
from foa.engine import _nb
from foa.engine.backtest import prepare
from foa.engine.compile import compile_rules_batch, compile_signals_batch
from foa.engine.sweep import apply_params
from foa.spec.builders import close, const, ema, rsi, sma
from foa.spec.library import get
from foa.spec.model import Risk, StrategySpec, Universe
from tests.engine.helpers import gspc, ixic, overrides

NAMES = ("entries", "exits", "short_entries", "short_exits")


def _nested(**kw) -> StrategySpec:
    entry = (sma(10, id="f").crosses_above(sma(50, id="s")) | (rsi(5, id="r") < const(20.0, id="lo"))) & ~(
        close() > sma(50, id="s") * 1.2)
    exit_ = (ema(10, id="e") - sma(50, id="s")).crosses_below(0) | (close() <= sma(50, id="s") * 0.9)
    return StrategySpec(name="nested", universe=Universe(symbols=["^GSPC", "^IXIC"]), direction="long_short",
                        entry=entry, exit=exit_, short_entry=sma(10, id="f") < sma(50, id="s"),
                        short_exit=rsi(5, id="r") >= 50, **kw)


CASES = [
    ("sma_crossover", None, {"fast.window": [5, 20, 50], "slow.window": [20, 100]}),
    ("rsi_reversion", None, {"rsi.window": [2, 5], "oversold.value": [5.0, 30.0], "trend.window": [100, 200]}),
    ("bollinger_reversion", None, {"bb.window": [10, 20], "bb.std": [1.5, 2.5]}),
    ("macd", None, {"macd.fast": [8, 12], "macd.signal": [5, 9]}),
    ("donchian_breakout", None, {"entry.window": [10, 55], "exit.window": [5, 20]}),
    ("ts_momentum", None, {"lookback.window": [3, 12]}),  # monthly bars
    ("nested", {}, {"f.window": [5, 20], "s.window": [30, 100], "lo.value": [10.0, 30.0]}),
    ("nested", {"risk": Risk(max_holding_bars=7)}, {"f.window": [5, 20], "s.window": [30, 100]}),
]


@pytest.mark.parametrize("name,extra,grid", CASES)
@pytest.mark.parametrize("fill,start", [("next_open", None), ("close", "2004-03-01")])
def test_compiled_rules_place_the_orders_of_the_rule_arrays(name, extra, grid, fill, start):
    if extra is None:
        spec, prices = get(name), gspc()
    else:
        spec, prices = _nested(**extra), {"^GSPC": gspc(), "^IXIC": ixic()}
    p = prepare(spec, prices, fill=fill, start=start)
    ovs = overrides(grid)
    rb = compile_rules_batch(p.spec, p.data, p.traded, p.evaluator(), ovs)
    sig = compile_signals_batch(p.spec, p.data, p.traded, p.evaluator(), ovs)
    i0, i1, lag = p.i0, p.i1, 1 if fill == "next_open" else 0
    m = len(p.traded) * len(ovs)
    assert rb is not None and rb.columns == m
    max_hold = np.full(m, p.spec.risk.max_holding_bars or 0, dtype=np.int64)
    rows = [np.ascontiguousarray(getattr(sig, k)[i0:i1]) for k in NAMES]
    want = _nb.resolve_events_nb(*rows, np.ascontiguousarray(sig.signal_bar[i0:i1]), lag, max_hold)
    assert want[-1] > 0
    for cap in (1, 10_000):  # too little room (a second pass), then plenty
        got = _nb.resolve_rules_nb(rb.values, rb.take_a, rb.take_b, rb.symbols, rb.ops, rb.program, rb.starts, rb.bar_pos - i0,
                                   i1 - i0, lag, max_hold, cap)
        assert got[5] == want[5]
        if cap == 1:
            assert got[6] > 1 and got[0].shape[0] == 0
            continue
        assert got[6] == want[0].shape[0]
        for g, w in zip(got[:5], want[:5]):
            assert np.array_equal(g, w)
        if rb.single is not None:  # every rule one comparison: the kernel without a rule program agrees
            fast = _nb.resolve_compares_nb(rb.values, rb.take_a, rb.take_b, rb.symbols, rb.ops, rb.single, rb.bar_pos - i0,
                                           i1 - i0, lag, max_hold, cap)
            for g, w in zip(fast, got):
                assert np.array_equal(g, w)
    assert np.array_equal(rb.signal_bar, sig.signal_bar)
    if name in ("sma_crossover", "nested"):  # one comparison per rule; any/not/arith make a rule program
        assert (rb.single is not None) == (name == "sma_crossover")


def test_specs_whose_signals_feed_the_simulation_are_not_compiled_as_rules():
    from foa.spec.model import AtrStop, Sizing

    p = prepare(get("sma_crossover"), gspc())
    ovs = overrides({"fast.window": [5, 10]})
    for update in ({"risk": Risk(stop_loss=0.05)}, {"risk": Risk(atr_stop=AtrStop(window=14, multiple=2.0))},
                   {"sizing": Sizing(method="volatility_target", target_volatility=0.1, vol_window=20)}):
        assert compile_rules_batch(p.spec.model_copy(update=update), p.data, p.traded, p.evaluator(), ovs) is None


def test_sweep_rows_equal_single_backtests_through_the_compiled_rules():
    spec = _nested(risk=Risk(max_holding_bars=12))
    prices = {"^GSPC": gspc(), "^IXIC": ixic()}
    grid = {"f.window": [5, 20], "s.window": [40, 120]}
    res = foa.sweep(spec, prices, grid, fill="close", start="2003-01-02", progress=False)
    assert res.table["trades"].min() > 0
    for _, row in res.table.iterrows():
        params = {k: int(row[k]) for k in grid}
        one = foa.backtest(apply_params(spec, params), prices, fill="close", start="2003-01-02")
        for key in ("total_return", "sharpe", "max_drawdown", "trades", "win_rate"):
            assert row[key] == pytest.approx(one.stats[key], rel=1e-12, abs=1e-15), key


def test_gathering_prices_at_packed_rows_equals_numpy_fancy_indexing():
    rng = np.random.default_rng(4)
    bars, n, combos = 50, 3, 4
    m = n * combos
    rows = np.sort(rng.integers(0, bars, (7, m)), axis=0)
    for width, v in ((0, rng.normal(size=(bars, 1))), (n, rng.normal(size=(bars, n))), (m, rng.normal(size=(bars, m)))):
        cols = np.arange(m) if width == m else (np.arange(m) % n if width == n else np.zeros(m, dtype=np.int64))
        assert np.array_equal(_nb.gather_rows_nb(v, rows, width), v[rows, cols])


@pytest.mark.parametrize("hold", [1, 3, 40])
def test_single_comparison_rules_with_max_holding_bars_place_the_orders_of_the_rule_arrays(hold):
    """resolve_compares_nb scans each state for its next event: a rule holding, or the bar a position has
    been held ``max_holding_bars``; long and short, both fills."""
    spec = StrategySpec(name="ls", direction="long_short", entry=sma(10, id="f").crosses_above(sma(40, id="s")),
                        exit=close() < sma(10, id="f"), short_entry=sma(10, id="f").crosses_below(sma(40, id="s")),
                        short_exit=close() > sma(10, id="f"), risk=Risk(max_holding_bars=hold))
    for fill in ("next_open", "close"):
        p = prepare(spec, gspc(), fill=fill)
        ovs = overrides({"f.window": [5, 10, 20], "s.window": [40, 80]})
        rb = compile_rules_batch(p.spec, p.data, p.traded, p.evaluator(), ovs)
        assert rb is not None and rb.single is not None
        sig = compile_signals_batch(p.spec, p.data, p.traded, p.evaluator(), ovs)
        i0, i1, lag = p.i0, p.i1, 1 if fill == "next_open" else 0
        max_hold = np.full(rb.columns, hold, dtype=np.int64)
        rows = [np.ascontiguousarray(getattr(sig, k)[i0:i1]) for k in NAMES]
        want = _nb.resolve_events_nb(*rows, np.ascontiguousarray(sig.signal_bar[i0:i1]), lag, max_hold)
        got = _nb.resolve_compares_nb(rb.values, rb.take_a, rb.take_b, rb.symbols, rb.ops, rb.single, rb.bar_pos - i0,
                                      i1 - i0, lag, max_hold, 10_000)
        assert want[-1] > 0 and got[5] == want[5] and got[6] == want[0].shape[0]
        for g, w in zip(got[:5], want[:5]):
            assert np.array_equal(g, w)
