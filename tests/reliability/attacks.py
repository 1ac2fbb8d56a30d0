"""Generated inputs for the attack cases (data, not tests)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def price_frame(symbols: int, days: int, seed: int = 0) -> pd.DataFrame:
    """A long OHLCV frame with a Symbol column: ``symbols`` x ``days`` business days of consistent bars."""
    rng = np.random.default_rng(seed)
    dates = pd.bdate_range("2015-01-01", periods=days)
    n = symbols * days
    close = 50 + 50 * rng.random(n)
    return pd.DataFrame({
        "Date": np.tile(dates.strftime("%Y-%m-%d"), symbols),
        "Symbol": np.repeat([f"S{i:03d}" for i in range(symbols)], days),
        "Open": close, "High": close * 1.01, "Low": close * 0.99, "Close": close,
        "Volume": rng.integers(1_000, 1_000_000, n),
    })
