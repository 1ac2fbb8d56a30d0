"""Plain plotly figures of a BacktestResult: equity vs benchmark, underwater drawdown, trades on price.

Pure functions returning ``go.Figure`` (never a FigureWidget: widgets need a CDN in an HTML report and
carry megabytes of state). Used by the backtest dashboard and by :func:`foa.report.strategy_report`.

    from foa.widgets.figures import equity_figure
    equity_figure(result).show()
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    import plotly.graph_objects as go

__all__ = ["equity_figure", "heatmap_figure", "result_figures", "trades_figure", "underwater_figure"]

_HEIGHT = 340


def _layout(fig: "go.Figure", title: str, yaxis: str) -> "go.Figure":
    fig.update_layout(title=title, height=_HEIGHT, margin=dict(l=50, r=20, t=50, b=40), yaxis_title=yaxis,
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0), template="plotly_white")
    return fig


def equity_figure(result: Any) -> "go.Figure":
    """Portfolio value and the benchmark's, rebased to the same starting cash.

    >>> equity_figure(result)  # doctest: +SKIP
    """
    import plotly.graph_objects as go

    eq = result.equity
    fig = go.Figure(go.Scatter(x=eq.index, y=eq.to_numpy(), name=getattr(result.spec, "name", "strategy"), mode="lines"))
    bench = getattr(result, "benchmark_equity", None)
    if bench is not None and len(bench):
        bench = bench.reindex(eq.index).ffill()
        first = bench.dropna()
        if len(first):
            bench = bench / first.iloc[0] * eq.iloc[0]  # same starting cash, whatever the benchmark's scale
            fig.add_trace(go.Scatter(x=bench.index, y=bench.to_numpy(), name="benchmark", mode="lines",
                                     line=dict(dash="dot", color="grey")))
    return _layout(fig, "Equity vs benchmark", "portfolio value")


def underwater_figure(result: Any) -> "go.Figure":
    """Drawdown from the running peak, as a negative fraction."""
    import plotly.graph_objects as go

    eq = result.equity
    dd = eq / eq.cummax() - 1.0
    fig = go.Figure(go.Scatter(x=dd.index, y=dd.to_numpy(), fill="tozeroy", name="drawdown", mode="lines",
                               line=dict(color="firebrick")))
    fig.update_yaxes(tickformat=".0%")
    return _layout(fig, "Underwater (drawdown from peak)", "drawdown")


def trades_figure(result: Any, prices: pd.Series | None = None) -> "go.Figure":
    """Entries and exits on the traded price (the first symbol when there are several)."""
    import plotly.graph_objects as go

    trades = getattr(result, "trades", None)
    trades = trades if trades is not None else pd.DataFrame()
    symbol = str(trades["symbol"].iloc[0]) if len(trades) and "symbol" in trades else None
    if prices is None:
        # BacktestResult.prices holds the close of each traded symbol over the backtest range
        frame = getattr(result, "prices", None)
        if isinstance(frame, pd.DataFrame) and len(frame.columns):
            col = symbol if symbol in frame.columns else frame.columns[0]
            prices, symbol = frame[col], str(col)
    fig = go.Figure()
    if prices is not None and len(prices):
        fig.add_trace(go.Scatter(x=prices.index, y=prices.to_numpy(), name=symbol or "price", mode="lines",
                                 line=dict(color="steelblue")))
    if len(trades):
        t = trades[trades["symbol"] == symbol] if symbol is not None else trades
        fig.add_trace(go.Scatter(x=t["entry_time"], y=t["entry_price"], mode="markers", name="entry",
                                 marker=dict(symbol="triangle-up", size=9, color="green")))
        closed = t[t["exit_time"].notna()] if "exit_time" in t else t.iloc[0:0]
        fig.add_trace(go.Scatter(x=closed["exit_time"], y=closed["exit_price"], mode="markers", name="exit",
                                 marker=dict(symbol="triangle-down", size=9, color="red")))
    title = f"Trades on {symbol}" if symbol else "Trades"
    return _layout(fig, title, "price")


def result_figures(result: Any, prices: pd.Series | None = None) -> list["go.Figure"]:
    """The three charts a dashboard and a report show, in reading order."""
    return [equity_figure(result), underwater_figure(result), trades_figure(result, prices)]


def heatmap_figure(table: pd.DataFrame, x: str, y: str, metric: str = "sharpe") -> "go.Figure":
    """A metric over two swept parameters (rows y, columns x) from a sweep table with those columns."""
    import plotly.graph_objects as go

    grid = table.pivot_table(index=y, columns=x, values=metric, aggfunc="mean").sort_index().sort_index(axis=1)
    fig = go.Figure(go.Heatmap(z=grid.to_numpy(), x=[str(c) for c in grid.columns], y=[str(i) for i in grid.index],
                               colorscale="RdYlGn", colorbar=dict(title=metric)))
    fig.update_layout(title=f"{metric} by {x} and {y}", xaxis_title=x, yaxis_title=y, height=420,
                      template="plotly_white", margin=dict(l=60, r=20, t=50, b=50))
    return fig
