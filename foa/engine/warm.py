"""Compile every numba kernel foa's backtests and sweeps run, or load it from numba's on-disk cache.

On an empty cache (a fresh install, a new vectorbt or numba version) the first backtest with a stop
compiles vectorbt's signal-function simulation with foa's rule kernels, which takes seconds; ``warm()``
pays that once, outside a researcher's kernel (``foa doctor --warm`` and ``foa demo`` call it). With a
warm cache it costs the cache loads only.

    >>> from foa.engine.warm import warm
    >>> sorted(warm())  # doctest: +SKIP
    ['ranking', 'rules', 'stops', 'sweep']
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
    rule comparison), stops (stop loss, trailing stop and take profit, next-open and close fills), and a
    ranking (vectorbt's order simulation).
    """
    from foa.engine.backtest import backtest
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
    runs = {
        "rules": lambda: backtest(sma, px),
        # an indicator grid compiles one batch of rules (resolve_events_nb); a grid over a spec field compiles
        # a Signals per combination (resolve_nb)
        "sweep": lambda: (sweep(sma, px, {"fast.window": [5, 10], "slow.window": [30]}, progress=False),
                          sweep(sma, px, {"fast.window": [5, 10], "costs.fees": [0.0, 0.001]}, progress=False)),
        "stops": lambda: (backtest(stop, px), backtest(trail, px, fill="close")),
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
