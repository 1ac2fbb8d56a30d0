"""plotly figures for a BacktestResult (a plain ``go.Figure``, never a FigureWidget: it renders in
JupyterLab, in nbconvert HTML reports and in ``fig.write_html`` alike).

    fig = result_figure(result)     # equity vs benchmark, underwater drawdown, trades on price
"""

from __future__ import annotations

import html
from typing import Any

__all__ = ["plot_text", "result_figure"]


def plot_text(text: Any) -> str:
    """``text`` safe inside a plotly title, legend or axis label.

    plotly renders a subset of HTML in those strings (``<a href>`` becomes a live link, ``<span style>``
    is applied), so a spec name or symbol from a document or a file is escaped; plotly shows the
    entities as the original characters.

    Example::

        plot_text('<a href="https://x.example">click</a>')   # '&lt;a href="https://x.example"&gt;click&lt;/a&gt;'
    """
    return html.escape(str(text), quote=False)


def result_figure(result: Any) -> Any:
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.04, row_heights=[0.45, 0.2, 0.35],
                        subplot_titles=("Equity vs benchmark", "Drawdown", "Trades on price"))
    eq, bench = result.equity, result.benchmark_equity
    fig.add_trace(go.Scatter(x=eq.index, y=eq.to_numpy(), name="strategy", line={"color": "#1f77b4"}), row=1, col=1)
    fig.add_trace(go.Scatter(x=bench.index, y=bench.to_numpy(), name="benchmark", line={"color": "#7f7f7f", "dash": "dot"}), row=1, col=1)
    uw = result.underwater
    fig.add_trace(go.Scatter(x=uw.index, y=uw.to_numpy(), name="drawdown", fill="tozeroy", line={"color": "#d62728"}), row=2, col=1)
    for sym in result.prices.columns[:5]:  # more than a few symbols make the price panel unreadable
        px = result.prices[sym]
        fig.add_trace(go.Scatter(x=px.index, y=px.to_numpy(), name=plot_text(f"{sym} close"), line={"width": 1}), row=3, col=1)
        t = result.trades[result.trades["symbol"] == sym]
        if len(t):
            fig.add_trace(go.Scatter(x=t["entry_time"], y=t["entry_price"], mode="markers", name=plot_text(f"{sym} entry"),
                                     marker={"symbol": "triangle-up", "color": "#2ca02c", "size": 9}), row=3, col=1)
            closed = t[t["status"] == "closed"]
            fig.add_trace(go.Scatter(x=closed["exit_time"], y=closed["exit_price"], mode="markers", name=plot_text(f"{sym} exit"),
                                     marker={"symbol": "triangle-down", "color": "#d62728", "size": 9}), row=3, col=1)
    fig.update_yaxes(tickformat=".0%", row=2, col=1)
    fig.update_layout(title=f"{plot_text(result.spec.name)}: {result.stats['total_return']:.1%} total return, "
                            f"Sharpe {result.stats['sharpe']:.2f}", template="plotly_white", height=800,
                      legend={"orientation": "h", "y": -0.05})
    return fig
