"""BacktestResult: the numbers, the curves, the trades and where they came from.

    r = foa.backtest(foa.spec.library.get("sma_crossover"), foa.samples.market_data("^GSPC"))
    r.stats["sharpe"], r.equity.iloc[-1], r.trades.head()
    r.plot()            # plotly Figure: equity vs benchmark, drawdown, trades on price
    r.save(ws)          # into the workspace's backtests table
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from foa.errors import SpecError
from foa.spec.model import StrategySpec

__all__ = [
    "BacktestResult", "NO_TRADES", "STAT_ALIASES", "StatKeyError", "Stats", "TRADE_COLUMNS", "drawdown_table", "stat_text",
    "stats_to_json",
]

TRADE_COLUMNS = ["symbol", "direction", "entry_time", "entry_price", "exit_time", "exit_price", "size", "pnl", "return", "status"]


# Names a reader types for a stat (display labels, other libraries' keys) -> foa's key.
STAT_ALIASES: dict[str, str] = {
    "sharpe_ratio": "sharpe", "sharpe ratio": "sharpe", "sortino_ratio": "sortino", "sortino ratio": "sortino",
    "calmar_ratio": "calmar", "calmar ratio": "calmar", "total return": "total_return", "return": "total_return",
    "total_return_pct": "total_return", "return [%]": "total_return", "annual_return": "cagr",
    "annualized_return": "cagr", "annualised return": "cagr", "annualized return": "cagr", "cagr [%]": "cagr",
    "max drawdown": "max_drawdown", "max_dd": "max_drawdown", "maxdrawdown": "max_drawdown",
    "max. drawdown [%]": "max_drawdown", "drawdown": "max_drawdown", "volatility (ann.) [%]": "volatility",
    "annual volatility": "volatility", "vol": "volatility", "win rate": "win_rate", "win rate [%]": "win_rate",
    "# trades": "trades", "n_trades": "trades", "num_trades": "trades", "total trades": "trades",
    "profit factor": "profit_factor", "exposure time [%]": "exposure", "benchmark return": "benchmark_return",
    "best trade": "best_trade", "worst trade": "worst_trade", "avg trade": "avg_trade",
}


class StatKeyError(KeyError, SpecError):
    """A stats key that does not exist (a KeyError and a SpecError); the message lists the keys and the
    one meant, when known."""

    def __str__(self) -> str:  # KeyError quotes its argument; this one is a sentence
        return str(self.args[0]) if self.args else ""


def _unknown_stat(key: Any, keys: list[str]) -> StatKeyError:
    from foa.spec.friendly import did_you_mean

    text = str(key)
    meant = STAT_ALIASES.get(text.strip().lower())
    hint = f" Did you mean {meant!r}?" if meant in keys else did_you_mean(text, keys)
    return StatKeyError(f"no stat {key!r}.{hint} The stats are: {', '.join(keys)} (fractions, not percent; "
               "see foa.engine.metrics)")


class Stats(pd.Series):
    """``result.stats``: a pandas Series whose unknown key is an error listing the keys.

    ``stats["sharpe_ratio"]`` raises a KeyError (and a SpecError, so ``except FoaError`` catches it) that
    says "Did you mean 'sharpe'?" and lists every key; display labels ("Sharpe ratio") map the same way.

    >>> Stats({"sharpe": 1.0})["Sharpe ratio"]  # doctest: +SKIP
    KeyError: "no stat 'Sharpe ratio'. Did you mean 'sharpe'? ..."
    """

    @property
    def _constructor(self) -> type:
        return Stats

    def __getitem__(self, key: Any) -> Any:
        try:
            return super().__getitem__(key)
        except KeyError as err:
            keys = [str(k) for k in self.index]
            wanted = [key] if isinstance(key, str) else list(key) if isinstance(key, (list, tuple)) else []
            bad = [k for k in wanted if isinstance(k, str) and k not in keys]
            if not bad:
                raise
            raise _unknown_stat(bad[0], keys) from err


def _jsonable(v: Any) -> Any:
    if isinstance(v, (pd.Timestamp,)):
        return v.strftime("%Y-%m-%d") if v == v.normalize() else v.isoformat()
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return float(v) if math.isfinite(v) else None
    return v


def stats_to_json(stats: pd.Series) -> dict[str, Any]:
    """Strict-JSON dict of a stats Series (NaN and inf -> None, dates -> ISO strings)."""
    return {k: _jsonable(v) for k, v in stats.items()}


def drawdown_table(equity: pd.Series, top: int | None = None) -> pd.DataFrame:
    """Drawdown periods: peak, valley, recovery (NaT if not recovered), depth (negative fraction), bars."""
    e = equity.to_numpy()
    peak = np.maximum.accumulate(e)
    under = e < peak
    rows = []
    i, n = 0, len(e)
    while i < n:
        if not under[i]:
            i += 1
            continue
        s = i
        while i < n and under[i]:
            i += 1
        seg = e[s:i] / peak[s:i] - 1
        v = s + int(np.argmin(seg))
        rows.append({
            "peak": equity.index[s - 1] if s > 0 else equity.index[s], "valley": equity.index[v],
            "recovery": equity.index[i] if i < n else pd.NaT, "depth": float(seg.min()),
            "bars": i - s,
        })
    df = pd.DataFrame(rows, columns=["peak", "valley", "recovery", "depth", "bars"])
    df = df.sort_values("depth").reset_index(drop=True)
    return df.head(top) if top else df


PCT_STATS = frozenset({"total_return", "cagr", "volatility", "max_drawdown", "exposure", "win_rate", "best_trade",
                       "worst_trade", "avg_trade", "benchmark_return", "alpha"})
NO_TRADES = "n/a (no trades)"


def stat_text(key: str, value: Any, trades: Any = None) -> str:
    """A statistic as shown to a reader: percentages for fractions, and "n/a (no trades)" rather than "nan"
    for what is undefined without a trade.

    >>> stat_text("sharpe", float("nan"), 0), stat_text("win_rate", 0.5, 4), stat_text("sharpe", float("nan"), 3)
    ('n/a (no trades)', '50.00%', '—')
    """
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, (float, np.floating)) and not math.isfinite(value):
        if math.isnan(value):
            return NO_TRADES if trades is not None and int(trades) == 0 else "—"
        return "∞" if value > 0 else "-∞"
    if key in PCT_STATS and isinstance(value, (int, float, np.number)):
        return f"{value:.2%}"
    if isinstance(value, (float, np.floating)):
        return f"{value:,.2f}"
    return f"{value}"


@dataclass
class BacktestResult:
    """What ``foa.backtest`` returns. ``stats`` keys are fixed (see foa.engine.metrics)."""

    spec: StrategySpec
    stats: pd.Series
    equity: pd.Series
    benchmark_equity: pd.Series
    trades: pd.DataFrame
    prices: pd.DataFrame  # close of each traded symbol over the range (for the chart)
    price_note: str
    engine: str
    data_hash: str
    init_cash: float
    fill: str
    cash_rate: float = 0.0
    notes: list[str] = field(default_factory=list)
    # check findings (foa.spec.check.Finding): the spec's static errors and "entry_never_fires" for 0 trades
    warnings: list[Any] = field(default_factory=list)
    # what the run assumed that the spec does not say: "SPY traded as ^GSPC: the S&P 500 price index, ..."
    assumptions: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not isinstance(self.stats, Stats):
            self.stats = Stats(self.stats)

    @property
    def returns(self) -> pd.Series:
        """Daily returns of the equity (the first bar against the initial cash)."""
        prev = self.equity.shift(1)
        prev.iloc[0] = self.init_cash
        return (self.equity / prev - 1.0).rename("returns")

    @property
    def drawdowns(self) -> pd.DataFrame:
        """Drawdown periods, deepest first."""
        return drawdown_table(self.equity)

    @property
    def underwater(self) -> pd.Series:
        """Drawdown from the running peak on every bar (0 at a new high, -0.2 at 20% below it): ``result.underwater.min()``."""
        return (self.equity / self.equity.cummax() - 1.0).rename("drawdown")

    def tearsheet(self, benchmark: pd.Series | None = None) -> Any:
        """A TearSheet: the stats plus VaR/CVaR, skew, kurtosis, tail ratio, information ratio, tracking
        error, best/worst periods, drawdown periods, trade durations; monthly and yearly returns; figures.

        ``benchmark``: an equity or price Series to measure against (default: this result's benchmark).
        """
        from foa.engine.tearsheet import tearsheet

        return tearsheet(self, benchmark)

    def plot(self) -> Any:
        """plotly go.Figure: equity vs benchmark, underwater drawdown, trades on price."""
        from foa.engine.plots import result_figure

        return result_figure(self)

    def save(self, ws: Any) -> str:
        """Store spec, data range, price hash, foa version, engine, stats and equity; returns the id."""
        from foa.engine.store import save_backtest

        return save_backtest(ws, self)

    def stats_json(self) -> dict[str, Any]:
        """The stats as JSON-ready values (dates as ISO text, NaN and inf as None): ``result.stats_json()["sharpe"]``."""
        return stats_to_json(self.stats)

    def to_json(self) -> str:
        """Strict JSON of the stats (NaN -> null)."""
        return json.dumps(self.stats_json(), allow_nan=False)

    def describe(self) -> str:
        """Plain text: what ran (the spec's rules), on what, the headline stats, and every assumption.

        >>> print(result.describe())  # doctest: +SKIP
        SMA 50/200 crossover on SPY, 1999-01-04..2018-12-31 (5031 bars), fills at next_open
        Assumed: SPY traded as ^GSPC: the S&P 500 price index, dividends excluded
        ...
        """
        s = self.stats
        # the equity curve runs on the prices' bars; a weekly or monthly spec reads its rules on its own bars
        freq = self.spec.frequency
        bars = f"{s['bars']} bars" if freq == "daily" else f"{s['bars']} price bars, rules read on {freq} bars"
        lines = [f"{self.spec.name}, {s['start']:%Y-%m-%d}..{s['end']:%Y-%m-%d} ({bars}), fills at {self.fill}, "
                 f"costs: fees {self.spec.costs.fees * 1e4:g} bp, slippage {self.spec.costs.slippage * 1e4:g} bp per side"]
        lines += [f"Assumed: {a}" for a in self.assumptions]
        lines.append(f"total return {s['total_return']:.2%}, CAGR {s['cagr']:.2%}, "
                     f"Sharpe {stat_text('sharpe', s['sharpe'], s['trades'])}, "
                     f"max drawdown {s['max_drawdown']:.2%}, {s['trades']} trades")
        lines += [f"Warning: {w}" for w in self.warnings]
        lines += [n for n in [self.price_note, *self.notes] if n]
        lines.append("Rules: " + self.spec.describe())
        return "\n".join(lines)

    def __repr__(self) -> str:
        s = self.stats
        assumed = "".join(f" [{a}]" for a in self.assumptions)
        return (f"<BacktestResult {self.spec.name!r} {s['start']:%Y-%m-%d}..{s['end']:%Y-%m-%d} "
                f"total_return={s['total_return']:.2%} sharpe={stat_text('sharpe', s['sharpe'], s['trades'])} "
                f"trades={s['trades']}" + (f" warnings={len(self.warnings)}" if self.warnings else "") + f"{assumed}>")

    def _repr_html_(self) -> str:
        rows = []
        for k, v in self.stats.items():
            txt = stat_text(k, v, self.stats["trades"])
            rows.append(f"<tr><th style='text-align:left'>{k}</th><td style='text-align:right'>{html.escape(txt)}</td></tr>")
        warns = "".join(f"<li style='color:#9a6700'>&#9888; {html.escape(str(w))}</li>" for w in self.warnings)
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in [self.price_note, *self.notes] if n)
        assumed = "".join(f"<p style='color:#9a6700'><b>Assumed:</b> {html.escape(a)}</p>" for a in self.assumptions)
        return (
            f"<div><b>{html.escape(self.spec.name)}</b> — fills: {html.escape(self.fill)}, engine: {self.engine}, "
            f"initial cash {self.init_cash:,.0f}{assumed}<table>{''.join(rows)}</table><ul>{warns}{notes}</ul></div>"
        )
