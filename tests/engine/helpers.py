"""Small synthetic price frames for the engine's own unit tests."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd


def frame(opens, highs=None, lows=None, closes=None, start="2020-01-06", freq="B") -> pd.DataFrame:
    """OHLC frame on business days; highs/lows default to max/min of open and close."""
    o = np.asarray(opens, dtype=float)
    c = np.asarray(closes if closes is not None else opens, dtype=float)
    h = np.asarray(highs, dtype=float) if highs is not None else np.maximum(o, c)
    lo = np.asarray(lows, dtype=float) if lows is not None else np.minimum(o, c)
    idx = pd.bdate_range(start, periods=len(o)) if freq == "B" else pd.date_range(start, periods=len(o), freq=freq)
    return pd.DataFrame({"Open": o, "High": h, "Low": lo, "Close": c, "Volume": 1e6}, index=idx)


def gspc() -> pd.DataFrame:
    from foa.samples import market_data

    return market_data("^GSPC")


def ixic() -> pd.DataFrame:
    from foa.samples import market_data

    return market_data("^IXIC")


def overrides(grid: dict[str, list]) -> list[dict[str, dict]]:
    """A grid {"fast.window": [5, 10], ...} as the per-combination overrides a batch compiles, in grid order."""
    out = []
    for values in itertools.product(*grid.values()):
        ov: dict[str, dict] = {}
        for key, v in zip(grid, values):
            ident, _, param = key.partition(".")
            ov.setdefault(ident, {})[param] = v
        out.append(ov)
    return out
