"""A tear sheet for one backtest: the stats a desk reads, monthly and yearly returns, drawdown periods,
rolling risk and the figures, all computed from the equity curve and the trade list.

    ts = result.tearsheet()                  # benchmark: the result's own (buy & hold by default)
    ts.metrics["var_95"], ts.monthly_returns, ts.yearly_returns, ts.drawdowns
    ts.figures["monthly_heatmap"]            # plotly figures; ts in a notebook renders as one HTML block

Definitions (daily bars, 252 a year, fractions, never percent):

    var_95, cvar_95          historical: the 5% quantile of daily returns, and the mean of the returns at
                             or below it (both negative numbers: a loss)
    skew, kurtosis           sample skewness and excess kurtosis of daily returns (pandas, bias-corrected)
    tail_ratio               |95th percentile| / |5th percentile| of daily returns
    tracking_error           std(r - rb, ddof 1) x sqrt(252), rb the benchmark's daily returns
    information_ratio        mean(r - rb) / std(r - rb) x sqrt(252)
    best/worst_day/month/year  returns over each calendar period (a period's first bar compounds from the
                             previous period's last equity; the first period from the initial cash)
    longest_drawdown_*       the longest period below a previous peak: its bars, start (the peak), end
                             (the recovery, or NaT while still under water)
    avg/longest_trade_bars   trade durations in daily bars (entry to exit; open trades to the last bar)
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from foa.engine.result import BacktestResult

__all__ = ["TearSheet", "monthly_returns", "period_returns", "tearsheet"]

ANN = 252
PCT_KEYS = {
    "total_return", "cagr", "volatility", "max_drawdown", "exposure", "win_rate", "best_trade", "worst_trade",
    "avg_trade", "benchmark_return", "alpha", "var_95", "cvar_95", "tracking_error", "best_day", "worst_day",
    "best_month", "worst_month", "best_year", "worst_year",
}


def period_returns(equity: pd.Series, init_cash: float, freq: str) -> pd.Series:
    """Compound returns per calendar period (``freq`` "ME" month-end or "YE" year-end) from the equity curve.

    >>> eq = pd.Series([101.0, 103.0, 99.0], index=pd.to_datetime(["2020-01-30", "2020-01-31", "2020-02-03"]))
    >>> period_returns(eq, 100.0, "ME").round(4).tolist()
    [0.03, -0.0388]
    """
    last = equity.groupby(equity.index.to_period(freq.rstrip("E"))).last()
    prev = last.shift(1)
    prev.iloc[0] = init_cash
    out = last / prev - 1.0
    out.index = out.index.to_timestamp(how="end").normalize()
    return out


def monthly_returns(equity: pd.Series, init_cash: float) -> pd.DataFrame:
    """Monthly returns as a table: one row per year, columns 1-12 (NaN where the backtest has no bars)."""
    m = period_returns(equity, init_cash, "ME")
    table = pd.DataFrame({"year": m.index.year, "month": m.index.month, "r": m.to_numpy()})
    out = table.pivot(index="year", columns="month", values="r").reindex(columns=range(1, 13))
    out.columns.name = "month"
    return out


def _longest_drawdown(equity: pd.Series) -> tuple[int, Any, Any]:
    """(bars, start, end) of the longest period below a previous peak (end NaT while still under water)."""
    from foa.engine.result import drawdown_table

    table = drawdown_table(equity)
    if table.empty:
        return 0, pd.NaT, pd.NaT
    row = table.loc[table["bars"].idxmax()]
    return int(row["bars"]), row["peak"], row["recovery"]


def _trade_bars(trades: pd.DataFrame, index: pd.DatetimeIndex) -> np.ndarray:
    if trades.empty:
        return np.array([], dtype="int64")
    start = index.searchsorted(pd.DatetimeIndex(trades["entry_time"]))
    ends = pd.DatetimeIndex(trades["exit_time"]).fillna(index[-1])
    return (index.searchsorted(ends) - start).astype("int64")


@dataclass
class TearSheet:
    """What ``result.tearsheet()`` returns: ``metrics`` (Series), ``monthly_returns`` (years x 1-12),
    ``yearly_returns`` (Series), ``drawdowns`` (top 5), ``rolling`` (6/12-month Sharpe and volatility),
    ``figures`` (plotly, built on first access)."""

    name: str
    metrics: pd.Series
    monthly_returns: pd.DataFrame
    yearly_returns: pd.Series
    drawdowns: pd.DataFrame
    rolling: pd.DataFrame
    returns: pd.Series
    underwater: pd.Series
    benchmark_name: str = "benchmark"
    _figures: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def figures(self) -> dict[str, Any]:
        """plotly figures: monthly_heatmap, yearly_returns, rolling_sharpe, rolling_volatility, underwater,
        return_distribution."""
        if self._figures is None:
            from foa.engine.plots import tearsheet_figures

            self._figures = tearsheet_figures(self)
        return self._figures

    def __repr__(self) -> str:
        m = self.metrics
        return (f"<TearSheet {self.name!r} total_return={m['total_return']:.2%} sharpe={m['sharpe']:.2f} "
                f"var_95={m['var_95']:.2%} worst_month={m['worst_month']:.2%}>")

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><th style='text-align:left'>{html.escape(str(k))}</th><td style='text-align:right'>"
            f"{html.escape(format_metric(k, v))}</td></tr>" for k, v in self.metrics.items())
        months = self.monthly_returns.map(lambda v: "" if pd.isna(v) else f"{v:.1%}")
        months.columns = [pd.Timestamp(2000, c, 1).strftime("%b") for c in months.columns]
        by_year = {ts.year: v for ts, v in self.yearly_returns.items()}
        months["Year"] = [f"{by_year[y]:.1%}" if y in by_year else "" for y in months.index]
        dd = self.drawdowns.assign(depth=self.drawdowns["depth"].map(lambda v: f"{v:.1%}"))
        return (f"<div><b>{html.escape(self.name)}</b>: tear sheet (benchmark: {html.escape(self.benchmark_name)})"
                f"<div style='display:flex;gap:2em;flex-wrap:wrap'><table>{rows}</table>"
                f"<div><b>Monthly returns</b>{months.to_html(na_rep='')}<b>Top drawdowns</b>"
                f"{dd.to_html(index=False, na_rep='not recovered')}</div></div></div>")


def format_metric(key: str, value: Any) -> str:
    """A metric as text with its unit: fractions as percent, durations in bars, dates as dates."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return "n/a"
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}"
    if key in PCT_KEYS:
        return f"{value:.2%}"
    if key.endswith("_bars") or key in {"bars", "trades", "max_drawdown_duration"}:
        return f"{int(value):,} bars" if key != "trades" else f"{int(value):,}"
    if isinstance(value, (float, np.floating)):
        return "∞" if math.isinf(value) else f"{value:,.2f}"
    return str(value)


def tearsheet(result: "BacktestResult", benchmark: pd.Series | None = None) -> TearSheet:
    """The tear sheet of ``result``; ``benchmark`` is an equity or price Series (default: the result's own)."""
    eq = result.equity.astype("float64")
    r = result.returns
    bench = (result.benchmark_equity if benchmark is None else benchmark).astype("float64")
    bench = bench.reindex(eq.index).ffill()
    rb = bench.pct_change().fillna(0.0)
    active = r - rb
    monthly = period_returns(eq, result.init_cash, "ME")
    yearly = period_returns(eq, result.init_cash, "YE")
    q05, q95 = np.nanquantile(r.to_numpy(), [0.05, 0.95]) if len(r) else (np.nan, np.nan)
    te = active.std(ddof=1) * math.sqrt(ANN)
    longest, ld_start, ld_end = _longest_drawdown(eq)
    bars = _trade_bars(result.trades, eq.index)
    extra = {
        "var_95": float(q05),
        "cvar_95": float(r[r <= q05].mean()) if len(r) else np.nan,
        "skew": float(r.skew()),
        "kurtosis": float(r.kurt()),
        "tail_ratio": float(abs(q95) / abs(q05)) if q05 else np.nan,
        "tracking_error": float(te),
        "information_ratio": float(active.mean() / active.std(ddof=1) * math.sqrt(ANN)) if te > 0 else np.nan,
        "best_day": float(r.max()), "worst_day": float(r.min()),
        "best_month": float(monthly.max()), "worst_month": float(monthly.min()),
        "best_year": float(yearly.max()), "worst_year": float(yearly.min()),
        "longest_drawdown_bars": int(longest), "longest_drawdown_start": ld_start, "longest_drawdown_end": ld_end,
        "avg_trade_bars": float(bars.mean()) if len(bars) else np.nan,
        "longest_trade_bars": int(bars.max()) if len(bars) else 0,
    }
    metrics = pd.concat([result.stats, pd.Series(extra, dtype=object)])
    top = result.drawdowns.head(5).rename(columns={"peak": "start", "valley": "trough", "recovery": "end",
                                                   "bars": "length"})
    rolling = pd.DataFrame({
        f"sharpe_{m}m": r.rolling(m * 21).mean() / r.rolling(m * 21).std() * math.sqrt(ANN) for m in (6, 12)
    } | {f"volatility_{m}m": r.rolling(m * 21).std() * math.sqrt(ANN) for m in (6, 12)})
    return TearSheet(
        name=result.spec.name, metrics=metrics, monthly_returns=monthly_returns(eq, result.init_cash),
        yearly_returns=yearly, drawdowns=top[["start", "trough", "end", "depth", "length"]], rolling=rolling,
        returns=r, underwater=result.underwater,
        benchmark_name="given benchmark" if benchmark is not None else "buy & hold of the universe",
    )
