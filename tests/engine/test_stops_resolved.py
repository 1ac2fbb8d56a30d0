"""Stops resolved up front (``stops_nb.resolve_stops_nb`` + vectorbt's static simulation) give the order
records of vectorbt's own stop simulation (``simulate_signals(stops="vectorbt")``), record for record.

Random prices (gaps through stops and targets, bars where both are inside the range), random rules on
every bar or on weekly signal bars, every kind of stop (stop loss, trailing, ATR distance, take profit,
max holding bars, several at once), long and short, both fills, fees, fixed fees and slippage, sizing with
zero and NaN weights, one symbol or several, one combination or several (one Signals per combination or
one for all). Where the resolved path cannot match (an entry vectorbt rejects), it must hand the run to
vectorbt's simulation, which then gives the records.
"""

from __future__ import annotations

import types

import numpy as np
import pandas as pd
import pytest

from foa.engine.compile import Signals
from foa.spec.library import get
from foa.spec.model import AtrStop, Costs, Risk, Sizing

FIELDS = ("id", "col", "idx", "size", "price", "fees", "side")


def _prices(rng: np.random.Generator, bars: int, n: int) -> dict[str, np.ndarray]:
    """bars x n OHLC with frequent gaps (an open past the previous close by up to 6%)."""
    ret = rng.normal(0.0, 0.02, (bars, n))
    close = 100 * np.exp(np.cumsum(ret, axis=0))
    big = rng.random((bars, n)) < 0.15
    gap = np.where(big, rng.normal(0, 0.04, (bars, n)), rng.normal(0, 0.003, (bars, n)))
    prev = np.vstack([close[:1], close[:-1]])
    open_ = prev * (1 + gap)
    high = np.maximum(open_, close) * (1 + np.abs(rng.normal(0, 0.012, (bars, n))))
    low = np.minimum(open_, close) * (1 - np.abs(rng.normal(0, 0.012, (bars, n))))
    return {"open": open_, "high": high, "low": low, "close": close}


def _signals(rng: np.random.Generator, bars: int, cols: int, sig_bar: np.ndarray, short: bool, atr: bool,
             sizing: bool) -> Signals:
    def rule(p: float) -> np.ndarray:
        return rng.random((bars, cols)) < p

    none = np.zeros((bars, cols), dtype=bool)
    at = np.where(sig_bar[:, None], rng.uniform(0.5, 4.0, (bars, cols)), np.nan) if atr else None
    size = None
    if sizing:
        size = np.where(sig_bar[:, None], rng.choice([0.0, 0.3, 0.7, 1.0, np.nan], (bars, cols), p=[0.1, 0.3, 0.2, 0.3, 0.1]), np.nan)
    return Signals(entries=rule(0.25), exits=rule(0.12), short_entries=rule(0.2) if short else none,
                   short_exits=rule(0.12) if short else none, signal_bar=sig_bar, atr=at, sizing=size)


def _spec(rng: np.random.Generator, kinds: set[str]):
    risk = Risk(
        stop_loss=float(rng.uniform(0.005, 0.06)) if "sl" in kinds else None,
        take_profit=float(rng.uniform(0.005, 0.08)) if "tp" in kinds else None,
        trailing_stop=float(rng.uniform(0.005, 0.06)) if "trail" in kinds else None,
        atr_stop=AtrStop(window=14, multiple=float(rng.uniform(0.5, 3.0))) if "atr" in kinds else None,
        max_holding_bars=int(rng.integers(1, 8)) if "hold" in kinds else None,
    )
    costs = Costs(fees=float(rng.choice([0.0, 0.001, 0.003])), slippage=float(rng.choice([0.0, 0.0005, 0.002])),
                  fixed_fee=float(rng.choice([0.0, 1.0])))
    base = get("sma_crossover")
    sizing = Sizing(method="fixed_fraction", fraction=0.5) if rng.random() < 0.3 else Sizing()
    return base.model_copy(update={"risk": risk, "costs": costs, "sizing": sizing})


def _run(specs, sigs, px, index, n, fill, stops, cash=100_000.0):
    from foa.engine.simulate import simulate_signals

    data = types.SimpleNamespace(index=index)
    return simulate_signals(specs, sigs, data, [f"S{j}" for j in range(n)], 0, len(index), init_cash=cash,
                            fill=fill, prices=px, stops=stops)


def _assert_same(got, want, label):
    assert len(got.orders) == len(want.orders), label
    for f in FIELDS:
        assert np.array_equal(got.orders[f], want.orders[f]), (label, f)
    np.testing.assert_allclose(got.value, want.value, rtol=1e-12, atol=0, err_msg=label)
    np.testing.assert_array_equal(got.exposure, want.exposure, err_msg=label)
    for f in got.trades.dtype.names:
        np.testing.assert_array_equal(got.trades[f], want.trades[f], err_msg=f"{label} trades.{f}")


KINDS = [{"sl"}, {"tp"}, {"trail"}, {"atr"}, {"hold", "sl"}, {"sl", "tp"}, {"trail", "tp"}, {"atr", "tp", "hold"},
         {"sl", "trail", "atr", "tp", "hold"}, {"trail", "hold"}]


@pytest.mark.parametrize("seed", range(24))
def test_resolved_stops_give_vectorbts_records(seed):
    rng = np.random.default_rng(seed)
    bars = int(rng.integers(40, 160))
    n = int(rng.integers(1, 4))
    reps = int(rng.integers(1, 4))
    fill = "close" if seed % 2 else "next_open"
    weekly = rng.random() < 0.35
    sig_bar = (np.arange(bars) % 5 == 4) if weekly else np.ones(bars, dtype=bool)
    short = rng.random() < 0.6
    kinds = KINDS[seed % len(KINDS)]
    specs = [_spec(rng, kinds) for _ in range(reps)]
    atr = "atr" in kinds
    sizing = rng.random() < 0.3
    sigs = [_signals(rng, bars, n, sig_bar, short, atr, sizing) for _ in range(reps)]
    px = _prices(rng, bars, n)
    index = pd.bdate_range("2021-01-04", periods=bars)
    got = _run(specs, sigs, px, index, n, fill, "resolved")
    want = _run(specs, sigs, px, index, n, fill, "vectorbt")
    assert len(want.orders) > 4 * reps, "a case with too few orders tests little"
    assert got.engine != "numba" or want.engine == "numba"
    _assert_same(got, want, f"seed {seed} {sorted(kinds)} fill={fill} n={n} reps={reps}")


@pytest.mark.parametrize("fill", ["next_open", "close"])
def test_one_signals_for_every_combination(fill):
    """A sweep's batch: one Signals whose columns are the combinations (one spec repeated)."""
    rng = np.random.default_rng(100)
    bars, n, reps = 120, 2, 3
    sig_bar = np.ones(bars, dtype=bool)
    spec = _spec(rng, {"sl", "trail", "tp", "hold"})
    sig = _signals(rng, bars, n * reps, sig_bar, True, False, False)
    px = _prices(rng, bars, n)
    index = pd.bdate_range("2021-01-04", periods=bars)
    got = _run([spec] * reps, [sig], px, index, n, fill, "resolved")
    want = _run([spec] * reps, [sig], px, index, n, fill, "vectorbt")
    _assert_same(got, want, fill)


def test_one_symbol_many_combinations_read_their_own_prices():
    """One symbol's prices (bars x 1) serve every combination: a trailing stop of combination 2 reads that
    symbol's highs, the same as when it runs alone."""
    rng = np.random.default_rng(7)
    bars = 150
    sig_bar = np.ones(bars, dtype=bool)
    specs = [_spec(rng, {"trail"}) for _ in range(3)]
    sigs = [_signals(rng, bars, 1, sig_bar, True, False, False) for _ in range(3)]
    px = _prices(rng, bars, 1)
    index = pd.bdate_range("2021-01-04", periods=bars)
    for stops in ("resolved", "vectorbt"):
        together = _run(specs, sigs, px, index, 1, "next_open", stops)
        for j in range(3):
            alone = _run(specs[j:j + 1], sigs[j:j + 1], px, index, 1, "next_open", stops)
            mine = together.orders[together.orders["col"] == j]
            assert len(mine) == len(alone.orders) > 0
            for f in ("idx", "size", "price", "fees", "side"):
                assert np.array_equal(mine[f], alone.orders[f]), (stops, j, f)


def test_a_rejected_entry_hands_the_run_to_vectorbts_simulation():
    """A fixed fee above a column's cash: vectorbt rejects the entry, the position stays flat and the rule
    state re-arms; the resolved orders assumed a fill, so the run goes to vectorbt's stop simulation."""
    rng = np.random.default_rng(11)
    bars = 80
    sig_bar = np.ones(bars, dtype=bool)
    spec = _spec(rng, {"sl"})
    spec = spec.model_copy(update={"costs": Costs(fixed_fee=60.0)})
    sigs = [_signals(rng, bars, 2, sig_bar, False, False, False)]
    px = _prices(rng, bars, 2)
    index = pd.bdate_range("2021-01-04", periods=bars)
    got = _run([spec], sigs, px, index, 2, "next_open", "resolved", cash=100.0)  # 50 per column < 60
    want = _run([spec], sigs, px, index, 2, "next_open", "vectorbt", cash=100.0)
    assert got.engine == "numba"  # vectorbt's simulation ran
    _assert_same(got, want, "rejected")


def test_resolved_stops_are_the_default_and_use_the_static_simulation():
    import foa
    from foa.engine.vectorbt_adapter import engine_name
    from foa.samples import market_data

    df = market_data("^GSPC")
    spec = get("sma_crossover")
    spec = spec.model_copy(update={"risk": spec.risk.model_copy(update={"stop_loss": 0.03, "take_profit": 0.05})})
    r = foa.backtest(spec, df)
    assert r.engine == engine_name()
    assert len(r.trades) > 3


def test_an_unknown_stop_path_is_a_foa_error():
    from foa.errors import FoaError

    rng = np.random.default_rng(1)
    sig_bar = np.ones(30, dtype=bool)
    with pytest.raises(FoaError, match="not a stop path"):
        _run([_spec(rng, {"sl"})], [_signals(rng, 30, 1, sig_bar, False, False, False)], _prices(rng, 30, 1),
             pd.bdate_range("2021-01-04", periods=30), 1, "next_open", "numba")


def test_orders_only_with_stops():
    """``outputs=False`` (a sweep's symbol blocks): the same order records, no value, exposure or trades."""
    from foa.engine.simulate import simulate_signals

    rng = np.random.default_rng(21)
    bars = 90
    sig_bar = np.ones(bars, dtype=bool)
    spec = _spec(rng, {"sl", "tp"})
    sigs = [_signals(rng, bars, 2, sig_bar, True, False, False)]
    px = _prices(rng, bars, 2)
    data = types.SimpleNamespace(index=pd.bdate_range("2021-01-04", periods=bars))
    full = simulate_signals([spec], sigs, data, ["A", "B"], 0, bars, init_cash=1e5, fill="next_open", prices=px)
    bare = simulate_signals([spec], sigs, data, ["A", "B"], 0, bars, init_cash=1e5, fill="next_open", prices=px,
                            outputs=False)
    assert bare.value is None and bare.trades is None and len(full.orders) > 4
    for f in FIELDS:
        assert np.array_equal(bare.orders[f], full.orders[f]), f


def test_resolve_stops_runs_again_when_its_first_room_is_short(monkeypatch):
    """resolve_stops makes room for at most ``_ROOM`` orders at first (every order an entry on a signal bar
    where an entry rule holds, or its exit: twice the entries at most); with less, the kernel counts the
    orders it could not write and a second run writes them all: the same orders either way."""
    from foa.engine import stops_nb

    rng = np.random.default_rng(7)
    bars, m = 200, 3
    px = _prices(rng, bars, 1)
    o, h, lo, c = (np.ascontiguousarray(px[f]) for f in ("open", "high", "low", "close"))
    le, lx, se = (rng.random((m, bars)) < p for p in (0.3, 0.1, 0.2))
    sx = rng.random((m, bars)) < 0.1
    args = (le, lx, se, sx, np.ones(bars, dtype=bool), 1, np.zeros(m, np.int64), 0, o, h, lo, c, np.ones((1, 1)),
            np.zeros(m), np.full(m, 0.02), np.zeros(m), np.full((1, m), np.nan), np.full(m, 0.03))
    rows, codes, price, total = stops_nb.resolve_stops(*args)
    assert total > 3 * m and total <= 2 * int(np.count_nonzero(le | se))
    monkeypatch.setattr(stops_nb, "_ROOM", 5)
    again = stops_nb.resolve_stops(*args)
    for a, b in zip((rows, codes, price, total), again):
        np.testing.assert_array_equal(a, b)
