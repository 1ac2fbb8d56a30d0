"""Compile every numba kernel foa's backtests and sweeps run, or load it from numba's on-disk cache.

On an empty cache (a fresh install, a new vectorbt or numba version) a first backtest compiles foa's
kernels (the rule state machine, the stops, value and statistics) and vectorbt's own helpers, and a run
that falls back to vectorbt's stop simulation (see ``simulate.simulate_signals``) compiles that
simulation with foa's rule kernels, the largest of them all; ``warm()`` pays for all of it once, outside a
researcher's kernel (``foa doctor --warm`` and ``foa demo`` call it). With a warm cache it costs the
cache loads only.

    >>> from foa.engine.warm import warm
    >>> sorted(warm())  # doctest: +SKIP
    ['ranking', 'rules', 'stop_fallback', 'stops', 'sweep']
"""

from __future__ import annotations

import time
import warnings

import numpy as np
import pandas as pd

__all__ = ["warm"]


def _frame(seed: int, bars: int = 300) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    close = 100 * np.exp(np.cumsum(rng.normal(0, 0.01, bars)))
    open_ = close * (1 + rng.normal(0, 0.002, bars))
    return pd.DataFrame({"Open": open_, "High": np.maximum(open_, close) * 1.005,
                         "Low": np.minimum(open_, close) * 0.995, "Close": close, "Volume": 1e6},
                        index=pd.bdate_range("2020-01-01", periods=bars))


def warm() -> dict[str, float]:
    """Run each engine path once on small synthetic prices; returns seconds per path.

    Paths: rules without stops (the static simulation and the value/stats kernels), a sweep (the batched
    rule comparison), stops (stop loss, trailing stop and take profit, next-open and close fills, resolved
    by ``stops_nb``), vectorbt's stop simulation (the stops' fallback), and a ranking (vectorbt's order
    simulation).
    """
    from foa.engine.backtest import backtest, prepare
    from foa.engine.compile import compile_signals
    from foa.engine.simulate import simulate_signals
    from foa.engine.sweep import sweep
    from foa.spec.library import get

    px = _frame(0)
    two = {"A": px, "B": _frame(1)}
    sma = get("sma_crossover")
    stop = sma.model_copy(update={"risk": sma.risk.model_copy(update={"stop_loss": 0.05, "take_profit": 0.2})})
    trail = sma.model_copy(update={"risk": sma.risk.model_copy(update={"trailing_stop": 0.05})})
    rank = get("xs_momentum")
    rank = type(rank).model_validate({**rank.model_dump(), "universe": {**rank.universe.model_dump(),
                                                                        "symbols": ["A", "B"], "benchmark": None}})
    def fallback() -> None:
        p = prepare(stop, px)
        sig, _ = compile_signals(stop, p.data, p.traded)
        simulate_signals([stop], [sig], p.data, p.traded, p.i0, p.i1, init_cash=p.init_cash, fill=p.fill,
                         prices=p.price_matrices(), stops="vectorbt")

    runs = {
        "rules": lambda: backtest(sma, px),
        # an indicator grid compiles one batch of rules (resolve_events_nb); a grid over a spec field compiles
        # a Signals per combination (resolve_nb)
        # rules of one comparison each (resolve_compares_nb), rules of several (resolve_rules_nb), and a
        # stop sweep (the batched comparison, compare_nb, feeding the stop kernels)
        "sweep": lambda: (sweep(sma, px, {"fast.window": [5, 10], "slow.window": [30]}, progress=False),
                          sweep(sma, px, {"fast.window": [5, 10], "costs.fees": [0.0, 0.001]}, progress=False),
                          sweep(get("rsi_reversion"), px, {"rsi.window": [2, 3]}, progress=False),
                          sweep(stop, px, {"fast.window": [5, 10]}, progress=False)),
        "stops": lambda: (backtest(stop, px), backtest(trail, px, fill="close")),
        "stop_fallback": fallback,
        "ranking": lambda: backtest(rank, two),
    }
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # synthetic prices: a rule that never fires is not news here
        for name, fn in runs.items():
            t = time.perf_counter()
            fn()
            out[name] = time.perf_counter() - t
    return out
