"""Portfolios of strategies: several backtests combined with weights on a common calendar.

    a = foa.backtest(foa.spec.library.get("sma_crossover"), ws)
    b = foa.backtest(foa.spec.library.get("rsi_reversion"), ws)
    pf = foa.portfolio([a, b], weights=[0.6, 0.4], rebalance="monthly")
    pf.stats, pf.correlation, pf.contribution, pf.plot(), pf.tearsheet(), pf.save(ws)

Semantics: each strategy is a sleeve holding its weight of the portfolio's equity. A sleeve grows with its
strategy's daily returns (equity over the previous bar's equity, on the bars every member has); after the
close of each rebalance bar (the last bar of each month, week or quarter; ``"none"`` never) the sleeves are
set back to their weights. The calendar is the dates every member has (an inner join): a strategy's
return over a gap in another's calendar is its compound return across the gap.
"""

from __future__ import annotations

import html
import json
import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from foa.errors import SpecError

__all__ = ["MIGRATIONS", "PortfolioResult", "list_portfolios", "portfolio"]

REBALANCE = {"none": None, "weekly": "W", "monthly": "M", "quarterly": "Q", "yearly": "Y"}
ANN = 252

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE IF NOT EXISTS portfolios (
            id VARCHAR PRIMARY KEY,
            created_at TIMESTAMP NOT NULL DEFAULT (now()::TIMESTAMP),
            name VARCHAR NOT NULL,
            members JSON NOT NULL,
            rebalance VARCHAR NOT NULL,
            start_date DATE NOT NULL,
            end_date DATE NOT NULL,
            init_cash DOUBLE NOT NULL,
            foa_version VARCHAR NOT NULL,
            total_return DOUBLE,
            sharpe DOUBLE,
            max_drawdown DOUBLE,
            stats JSON NOT NULL,
            equity JSON NOT NULL
        );
        """,
    ),
]


def _weights(weights: Any, names: list[str]) -> np.ndarray:
    n = len(names)
    if weights is None:
        return np.full(n, 1.0 / n)
    if isinstance(weights, dict):
        unknown = sorted(set(weights) - set(names))
        if unknown:
            raise SpecError(f"weights name strategies that are not in the portfolio: {unknown}; members: {names}")
        w = np.array([float(weights.get(k, 0.0)) for k in names])
    else:
        w = np.asarray(list(weights), dtype="float64")
    if w.shape != (n,):
        raise SpecError(f"give one weight per strategy: {n} strategies, {w.size} weights")
    if not np.isfinite(w).all() or (w < 0).any():
        raise SpecError(f"weights must be finite and not negative, got {w.tolist()}")
    if not math.isclose(w.sum(), 1.0, abs_tol=1e-9):
        raise SpecError(f"weights must add up to 1 (fractions: 0.6 and 0.4, not 60 and 40); they add up to {w.sum():g}")
    return w


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for n in names:
        seen[n] = seen.get(n, 0) + 1
        out.append(n if seen[n] == 1 else f"{n} ({seen[n]})")
    return out


def _stats(equity: pd.Series, init_cash: float) -> pd.Series:
    r = equity / equity.shift(1).fillna(init_cash) - 1.0
    bars = len(equity)
    total = equity.iloc[-1] / init_cash - 1.0
    sd = r.std(ddof=1)
    peak = equity.cummax()
    mdd = float((equity / peak - 1.0).min())
    cagr = (1.0 + total) ** (ANN / bars) - 1.0 if total > -1 else -1.0
    return pd.Series({
        "start": equity.index[0], "end": equity.index[-1], "bars": bars, "total_return": total, "cagr": cagr,
        "volatility": sd * math.sqrt(ANN), "sharpe": r.mean() / sd * math.sqrt(ANN) if sd > 0 else np.nan,
        "max_drawdown": mdd, "calmar": cagr / abs(mdd) if mdd < 0 else np.nan,
    }, dtype=object)


@dataclass
class PortfolioResult:
    """What ``foa.portfolio`` returns. ``equity`` (Series), ``sleeves`` (each strategy's holding, bars x
    strategies), ``weights`` (target, Series), ``stats``, ``correlation`` (of the strategies' daily
    returns), ``contribution`` (each strategy's share of the total return, fractions of initial cash)."""

    name: str
    equity: pd.Series
    sleeves: pd.DataFrame
    member_returns: pd.DataFrame
    weights: pd.Series
    rebalance: str
    init_cash: float
    stats: pd.Series
    members: list[Any]
    contribution: pd.Series  # each strategy's profit over the initial cash; the sum is the total return

    @property
    def returns(self) -> pd.Series:
        """Daily returns of the portfolio (the first bar against the initial cash)."""
        return (self.equity / self.equity.shift(1).fillna(self.init_cash) - 1.0).rename("returns")

    @property
    def correlation(self) -> pd.DataFrame:
        """Correlation matrix of the strategies' daily returns on the common calendar."""
        return self.member_returns.corr()


    @property
    def benchmark_equity(self) -> pd.Series:
        """The members' benchmarks combined with the same weights (no rebalancing), on the same calendar."""
        parts = [m.benchmark_equity.reindex(self.equity.index).ffill() for m in self.members]
        b = sum(w * p / p.iloc[0] for w, p in zip(self.weights.to_numpy(), parts))
        return (b * self.init_cash).rename("benchmark")

    @property
    def underwater(self) -> pd.Series:
        return (self.equity / self.equity.cummax() - 1.0).rename("drawdown")

    @property
    def drawdowns(self) -> pd.DataFrame:
        from foa.engine.result import drawdown_table

        return drawdown_table(self.equity)

    @property
    def trades(self) -> pd.DataFrame:
        """Every member's trades, with the strategy's name in a ``strategy`` column."""
        frames = [m.trades.assign(strategy=n) for n, m in zip(self.weights.index, self.members)]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()

    @property
    def spec(self) -> Any:
        """A stand-in with the portfolio's name, so tear sheets and reports can label it."""
        return _Named(self.name)

    def tearsheet(self, benchmark: pd.Series | None = None) -> Any:
        """The tear sheet of the combined equity (see ``BacktestResult.tearsheet``)."""
        from foa.engine.tearsheet import tearsheet

        return tearsheet(self, benchmark)  # type: ignore[arg-type]

    def plot(self) -> Any:
        """plotly Figure: the portfolio's equity and each sleeve, and the correlation heatmap."""
        from foa.engine.plots import portfolio_figure

        return portfolio_figure(self)

    def save(self, ws: Any) -> str:
        """Store the members (spec, weight, price hash), the rebalance rule, stats and equity; returns the id."""
        from foa._version import __version__

        if not (hasattr(ws, "transaction") and hasattr(ws, "audit")):
            from foa.errors import WorkspaceError

            raise WorkspaceError(f"save() needs a foa.Workspace, got {type(ws).__name__}: ws = foa.Workspace('research.duckdb')")
        from foa.engine.result import stats_to_json

        pid = uuid.uuid4().hex[:16]
        members = [{"name": n, "weight": float(w), "spec": json.loads(m.spec.model_dump_json()),
                    "data_hash": m.data_hash} for n, w, m in zip(self.weights.index, self.weights, self.members)]
        sj = stats_to_json(self.stats)
        equity = {"dates": [d.strftime("%Y-%m-%d") for d in self.equity.index], "values": self.equity.round(10).tolist()}
        with ws.transaction() as con:
            con.execute(
                "INSERT INTO portfolios (id, name, members, rebalance, start_date, end_date, init_cash, foa_version, "
                "total_return, sharpe, max_drawdown, stats, equity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [pid, self.name, json.dumps(members), self.rebalance, self.equity.index[0].date(),
                 self.equity.index[-1].date(), self.init_cash, __version__, sj.get("total_return"), sj.get("sharpe"),
                 sj.get("max_drawdown"), json.dumps(sj, allow_nan=False), json.dumps(equity, allow_nan=False)],
            )
            ws.audit("portfolio.save", {"id": pid, "name": self.name, "members": [m["name"] for m in members]}, con=con)
        return pid

    def __repr__(self) -> str:
        s = self.stats
        return (f"<PortfolioResult {self.name!r} {len(self.members)} strategies, rebalance {self.rebalance}, "
                f"{s['start']:%Y-%m-%d}..{s['end']:%Y-%m-%d} (the dates every member has): "
                f"total_return={s['total_return']:.2%} sharpe={s['sharpe']:.2f}>")

    def _repr_html_(self) -> str:
        from foa.engine.tearsheet import format_metric

        rows = "".join(f"<tr><th style='text-align:left'>{html.escape(k)}</th><td style='text-align:right'>"
                       f"{html.escape(format_metric(k, v))}</td></tr>" for k, v in self.stats.items())
        table = pd.DataFrame({"weight": self.weights.map(lambda v: f"{v:.0%}"),
                              "contribution": self.contribution.map(lambda v: f"{v:.2%}")})
        return (f"<div><b>{html.escape(self.name)}</b> — {len(self.members)} strategies, rebalanced "
                f"{html.escape(self.rebalance)}<div style='display:flex;gap:2em;flex-wrap:wrap'><table>{rows}</table>"
                f"{table.to_html()}{self.correlation.round(2).to_html()}</div></div>")


@dataclass(frozen=True)
class _Named:
    name: str


def portfolio(results: Sequence[Any], weights: Any = None, rebalance: str = "monthly", *,
              name: str | None = None) -> PortfolioResult:
    """Combine backtests into one portfolio (see the module docstring for the exact semantics).

    ``weights``: fractions adding up to 1, as a list in the order of ``results`` or a dict by strategy
    name (default: equal). ``rebalance``: "monthly" (default), "weekly", "quarterly", "yearly" or "none".

    >>> pf = foa.portfolio([trend, mean_reversion], weights=[0.5, 0.5]); pf.stats["sharpe"]
    """
    results = list(results)
    if len(results) < 2:
        raise SpecError(f"a portfolio combines at least 2 backtests, got {len(results)}")
    if rebalance not in REBALANCE:
        raise SpecError(f"rebalance must be one of {', '.join(REBALANCE)}, got {rebalance!r}")
    names = _unique([r.spec.name for r in results])
    w = _weights(weights, names)
    cash = {float(r.init_cash) for r in results}
    init_cash = cash.pop() if len(cash) == 1 else float(results[0].init_cash)
    idx = results[0].equity.index
    for r in results[1:]:
        idx = idx.intersection(r.equity.index)
    if len(idx) < 2:
        raise SpecError("the backtests share fewer than 2 dates: run them over overlapping periods")
    rets = pd.DataFrame({n: r.equity.reindex(idx).astype("float64") for n, r in zip(names, results)})
    first = pd.Series({n: _equity_before(r, idx[0]) for n, r in zip(names, results)})
    member_returns = rets / rets.shift(1).fillna(first) - 1.0
    R = member_returns.to_numpy()
    freq = REBALANCE[rebalance]
    if freq is None:
        reb = np.zeros(len(idx), dtype=bool)
    else:
        period = idx.to_period(freq)
        reb = np.r_[period[1:] != period[:-1], False]  # the last bar of each period, not the final bar
    sleeves = np.empty_like(R)
    pnl = np.zeros(len(names))
    hold = w * init_cash
    for t in range(len(idx)):
        pnl += hold * R[t]
        hold = hold * (1.0 + R[t])
        sleeves[t] = hold
        if reb[t]:
            hold = w * hold.sum()
    equity = pd.Series(sleeves.sum(axis=1), idx, name="equity")
    label = name or " + ".join(f"{n} {x:.0%}" for n, x in zip(names, w))
    return PortfolioResult(
        name=label, equity=equity, sleeves=pd.DataFrame(sleeves, idx, names), member_returns=member_returns,
        weights=pd.Series(w, names, name="weight"), rebalance=rebalance, init_cash=init_cash,
        stats=_stats(equity, init_cash), members=results,
        contribution=pd.Series(pnl / init_cash, names, name="contribution"),
    )


def _equity_before(result: Any, first: pd.Timestamp) -> float:
    """The member's equity on the bar before the common calendar starts (its initial cash at its start)."""
    eq = result.equity
    pos = eq.index.searchsorted(first)
    return float(eq.iloc[pos - 1]) if pos > 0 else float(result.init_cash)


def list_portfolios(ws: Any) -> pd.DataFrame:
    """Saved portfolios, newest first."""
    with ws.read() as con:
        return con.execute(
            "SELECT id, created_at, name, rebalance, start_date, end_date, total_return, sharpe, max_drawdown "
            "FROM portfolios ORDER BY created_at DESC, id").df()
