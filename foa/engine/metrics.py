"""Stats with fixed snake_case keys, vectorised over combinations (columns). Fractions, not percent.

Annualisation uses 252 bars a year: equity is tracked on daily bars whatever the spec's frequency, so a
monthly strategy's Sharpe is still sqrt(252) x daily mean / daily std (never vectorbt's silent 365 days).

    start, end               first and last bar of the backtest
    bars                     number of daily bars
    total_return             final equity / initial cash - 1
    cagr                     (1 + total_return) ** (252 / bars) - 1
    volatility               std of daily returns (ddof 1) x sqrt(252)
    sharpe                   mean(r - rf) / std(r) x sqrt(252), rf = cash_rate as a daily rate
    sortino                  mean(r - rf) / sqrt(mean(min(r - rf, 0)^2)) x sqrt(252)
    calmar                   cagr / |max_drawdown|
    max_drawdown             min(equity / running peak - 1): a negative fraction
    max_drawdown_duration    longest run of bars below a previous peak (to recovery, or to the end)
    exposure                 share of bars with a position open at the close
    trades                   number of trades (open ones included, valued at the last close)
    win_rate                 share of trades with pnl > 0
    profit_factor            gross profit / gross loss (inf with no losing trade; JSON null)
    expectancy               mean pnl per trade, in cash
    best_trade, worst_trade, avg_trade   trade returns (fractions)
    benchmark_return         total return of the benchmark (buy & hold of the universe by default)
    alpha, beta              OLS of daily returns on benchmark returns; alpha annualised x 252
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["ANN", "STAT_KEYS", "drawdown", "equity_stats_one", "stats_table"]

ANN = 252
STAT_KEYS = (
    "start", "end", "bars", "total_return", "cagr", "volatility", "sharpe", "sortino", "calmar", "max_drawdown",
    "max_drawdown_duration", "exposure", "trades", "win_rate", "profit_factor", "expectancy", "best_trade",
    "worst_trade", "avg_trade", "benchmark_return", "alpha", "beta",
)


def drawdown(equity: np.ndarray) -> np.ndarray:
    """equity / running peak - 1 (columns independent)."""
    peak = np.maximum.accumulate(equity, axis=0)
    return equity / peak - 1.0


def _max_dd_duration(dd: np.ndarray) -> np.ndarray:
    """Longest run of bars below a previous peak, per column (vectorised: bars since the last non-underwater bar)."""
    rows = np.arange(dd.shape[0])[:, None]
    last_peak = np.maximum.accumulate(np.where(dd < 0, -1, rows), axis=0)
    return (rows - last_peak).max(axis=0).astype("int64")


def _running_sum(x: np.ndarray) -> float:
    """x[0] + x[1] + ... added left to right, as a loop adds them (``np.sum`` adds pairwise)."""
    return np.cumsum(x)[-1]


def equity_stats_one(equity: np.ndarray, init_cash: float, rf: float, rb: np.ndarray) -> tuple[np.ndarray, ...]:
    """``_nb.equity_stats_nb`` for one equity curve (a single backtest) in numpy, bit for bit: the same
    sums added left to right (``cumsum``), the same divisions, and the drawdown bar by bar, which the
    kernel's new-low shortcut equals exactly. A first backtest then compiles no statistics kernel on an
    empty numba cache. Returns the kernel's seven arrays of one element each.

    >>> import numpy as np
    >>> stats = equity_stats_one(np.array([100.0, 110.0, 99.0, 120.0]), 100.0, 0.0, np.zeros(4))
    >>> [round(float(x[0]), 4) for x in stats]  # mean, std, mean excess, downside, cov, max dd, dd bars
    [0.053, 0.1338, 0.053, 0.05, 0.0, -0.1, 1.0]
    """
    bars = equity.shape[0]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        r = equity / np.concatenate([[init_cash], equity[:-1]]) - 1.0
        mb = _running_sum(rb) / bars
        xe = r - rf
        down = np.where(xe >= 0.0, 0.0, xe)  # a NaN stays NaN, as the kernel keeps it
        mr = _running_sum(r) / bars
        d = r - mr
        sd = np.sqrt(_running_sum(d * d) / (bars - 1))
        cov = _running_sum(d * (rb - mb)) / (bars - 1)
        dd = drawdown(equity[:, None])
    mdd = np.nan if np.isnan(dd).any() else dd.min()
    one = np.array
    return (one([mr]), one([sd]), one([_running_sum(xe) / bars]), one([np.sqrt(_running_sum(down * down) / bars)]),
            one([cov]), one([mdd], dtype=np.float64), _max_dd_duration(dd))


def returns_of(equity: np.ndarray, init_cash: float) -> np.ndarray:
    prev = np.vstack([np.full((1, equity.shape[1]), init_cash), equity[:-1]])
    return equity / prev - 1.0


def stats_table(
    index: pd.DatetimeIndex, equity: np.ndarray, init_cash: float, in_market: np.ndarray,
    trade_group: np.ndarray, trade_pnl: np.ndarray, trade_ret: np.ndarray, bench_equity: np.ndarray,
    cash_rate: float = 0.0, *, block_sums: dict[str, np.ndarray] | None = None,
) -> pd.DataFrame:
    """One row of stats per column of ``equity`` (bars x combinations); trades given flat with their column.
    ``in_market``: bars x combinations booleans (a position open at the close), or their mean per column.
    ``block_sums``: a dict holding ``"edges"`` (``foa.engine.pbo.block_edges``) receives ``"total"`` and
    ``"squares"``, the daily returns' sums per time block for the PBO, from the same pass over the equity."""
    from foa.engine import _nb  # compiled per-column passes (numba is loaded: a simulation just ran)

    bars, k = equity.shape
    equity = np.asarray(equity, dtype=np.float64)
    rf = (1.0 + cash_rate) ** (1.0 / ANN) - 1.0
    total = equity[-1] / init_cash - 1.0
    rb = returns_of(bench_equity[:, None], bench_equity[0])[:, 0]
    rb[0] = 0.0
    edges = np.zeros(1, dtype=np.int64) if block_sums is None else np.asarray(block_sums["edges"], dtype=np.int64)
    # combinations x bars in C order: no copy of the simulation's (Fortran-ordered) equity
    eq, rb_c = np.ascontiguousarray(equity.T), np.ascontiguousarray(rb)
    if block_sums is None and k == 1:  # a single backtest: numpy, nothing to compile on an empty numba cache
        mean_r, sd, mean_ex, down, cov, mdd, mdd_duration = equity_stats_one(eq[0], float(init_cash), float(rf), rb_c)
    elif block_sums is None:  # a backtest: no block sums (nor their pairwise summation to compile)
        mean_r, sd, mean_ex, down, cov, mdd, mdd_duration = _nb.equity_stats_nb(eq, float(init_cash), float(rf), rb_c)
    else:
        mean_r, sd, mean_ex, down, cov, mdd, mdd_duration, total_b, squares_b = _nb.equity_stats_blocks_nb(
            eq, float(init_cash), float(rf), rb_c, edges[:-1], edges[1:])
        block_sums.update(total=total_b, squares=squares_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        cagr = np.where(total > -1, (1.0 + total) ** (ANN / bars) - 1.0, -1.0)
        vol = sd * np.sqrt(ANN)
        sharpe = np.where(sd > 0, mean_ex / sd * np.sqrt(ANN), np.nan)
        sortino = np.where(down > 0, mean_ex / down * np.sqrt(ANN), np.nan)
        calmar = np.where(mdd < 0, cagr / np.abs(mdd), np.nan)
        vb = rb.var(ddof=1)
        beta = cov / vb if vb > 0 else np.full(k, np.nan)
        alpha = (mean_r - beta * rb.mean()) * ANN
    rows = {
        # arrays, not lists of Timestamps: the same columns (the index's datetime unit) without a conversion
        "start": np.full(k, index.values[0]), "end": np.full(k, index.values[-1]),
        "bars": np.full(k, bars, dtype=np.int64),
        "total_return": total, "cagr": cagr, "volatility": vol, "sharpe": sharpe, "sortino": sortino,
        "calmar": calmar, "max_drawdown": mdd, "max_drawdown_duration": mdd_duration,
        "exposure": in_market if in_market.ndim == 1 else in_market.mean(axis=0),
    }
    g = np.asarray(trade_group, dtype="int64")
    pnl = np.asarray(trade_pnl, dtype="float64")
    ret = np.asarray(trade_ret, dtype="float64")
    count = np.bincount(g, minlength=k).astype("float64")
    gain = np.bincount(g, weights=np.where(pnl > 0, pnl, 0.0), minlength=k)
    loss = -np.bincount(g, weights=np.where(pnl < 0, pnl, 0.0), minlength=k)
    best = np.full(k, -np.inf)
    worst = np.full(k, np.inf)
    np.maximum.at(best, g, ret)
    np.minimum.at(worst, g, ret)
    none = count == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        rows.update({
            "trades": count.astype("int64"),
            "win_rate": np.where(none, np.nan, np.bincount(g, weights=(pnl > 0).astype(float), minlength=k) / count),
            "profit_factor": np.where(loss > 0, gain / loss, np.where(gain > 0, np.inf, np.nan)),
            "expectancy": np.where(none, np.nan, np.bincount(g, weights=pnl, minlength=k) / count),
            "best_trade": np.where(none, np.nan, best),
            "worst_trade": np.where(none, np.nan, worst),
            "avg_trade": np.where(none, np.nan, np.bincount(g, weights=ret, minlength=k) / count),
        })
    rows["benchmark_return"] = np.full(k, float(bench_equity[-1] / bench_equity[0] - 1.0))
    rows["alpha"], rows["beta"] = alpha, beta
    return pd.DataFrame(rows, columns=list(STAT_KEYS))
