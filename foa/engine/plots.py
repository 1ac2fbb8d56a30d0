"""plotly figures for a BacktestResult (a plain ``go.Figure``, never a FigureWidget: it renders in
JupyterLab, in nbconvert HTML reports and in ``fig.write_html`` alike).

    fig = result_figure(result)     # equity vs benchmark, underwater drawdown, trades on price
"""

from __future__ import annotations

from typing import Any

__all__ = ["escape_title", "portfolio_figure", "result_figure", "tearsheet_figures"]


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
        fig.add_trace(go.Scatter(x=px.index, y=px.to_numpy(), name=escape_title(f"{sym} close"), line={"width": 1}), row=3, col=1)
        t = result.trades[result.trades["symbol"] == sym]
        if len(t):
            fig.add_trace(go.Scatter(x=t["entry_time"], y=t["entry_price"], mode="markers", name=escape_title(f"{sym} entry"),
                                     marker={"symbol": "triangle-up", "color": "#2ca02c", "size": 9}), row=3, col=1)
            closed = t[t["status"] == "closed"]
            fig.add_trace(go.Scatter(x=closed["exit_time"], y=closed["exit_price"], mode="markers", name=escape_title(f"{sym} exit"),
                                     marker={"symbol": "triangle-down", "color": "#d62728", "size": 9}), row=3, col=1)
    fig.update_yaxes(tickformat=".0%", row=2, col=1)
    fig.update_layout(title=f"{escape_title(result.spec.name)}: {result.stats['total_return']:.1%} total return, "
                            f"Sharpe {result.stats['sharpe']:.2f}", template="plotly_white", height=800,
                      legend={"orientation": "h", "y": -0.05})
    return fig


def tearsheet_figures(ts: Any) -> dict[str, Any]:
    """The tear sheet's figures: monthly heatmap, yearly bars, rolling 6/12-month Sharpe and volatility,
    underwater curve and the distribution of daily returns (plain ``go.Figure`` objects)."""
    import plotly.graph_objects as go

    def layout(fig: Any, title: str, pct: bool = True, height: int = 360) -> Any:
        fig.update_layout(title=title, template="plotly_white", height=height, margin={"t": 50, "b": 40})
        if pct:
            fig.update_yaxes(tickformat=".0%")
        return fig

    m = ts.monthly_returns
    months = [f"{c:02d}" for c in m.columns]
    heat = go.Figure(go.Heatmap(z=m.to_numpy(), x=months, y=[str(y) for y in m.index], colorscale="RdYlGn",
                                zmid=0, text=m.map(lambda v: "" if v != v else f"{v:.1%}").to_numpy(),
                                texttemplate="%{text}", hovertemplate="%{y}-%{x}: %{z:.2%}<extra></extra>"))
    heat.update_yaxes(autorange="reversed", type="category")
    y = ts.yearly_returns
    yearly = go.Figure(go.Bar(x=[str(d.year) for d in y.index], y=y.to_numpy(),
                              marker_color=["#2ca02c" if v >= 0 else "#d62728" for v in y.to_numpy()]))
    roll = ts.rolling
    sharpe = go.Figure([go.Scatter(x=roll.index, y=roll[f"sharpe_{k}m"].to_numpy(), name=f"{k} months") for k in (6, 12)])
    vol = go.Figure([go.Scatter(x=roll.index, y=roll[f"volatility_{k}m"].to_numpy(), name=f"{k} months") for k in (6, 12)])
    uw = go.Figure(go.Scatter(x=ts.underwater.index, y=ts.underwater.to_numpy(), fill="tozeroy",
                              line={"color": "#d62728"}, name="drawdown"))
    dist = go.Figure(go.Histogram(x=ts.returns.to_numpy(), nbinsx=80, name="daily returns"))
    dist.add_vline(x=float(ts.metrics["var_95"]), line_dash="dash", annotation_text="VaR 95%")
    dist.update_xaxes(tickformat=".1%")
    name = escape_title(ts.name)
    return {
        "monthly_heatmap": layout(heat, f"{name}: monthly returns", pct=False, height=max(300, 28 * len(m) + 120)),
        "yearly_returns": layout(yearly, f"{name}: yearly returns"),
        "rolling_sharpe": layout(sharpe, f"{name}: rolling Sharpe ratio", pct=False),
        "rolling_volatility": layout(vol, f"{name}: rolling volatility (annualised)"),
        "underwater": layout(uw, f"{name}: drawdown from the running peak"),
        "return_distribution": layout(dist, f"{name}: distribution of daily returns", pct=False),
    }


def escape_title(text: Any) -> str:
    """``text`` safe inside a plotly title, legend or axis label.

    plotly renders a subset of HTML in those strings (``<a href>`` becomes a live link, ``<span style>``
    is applied), so a spec name or symbol from a document or a file is escaped; plotly shows the
    entities as the original characters. Secrets are blanked (``foa.secrets.scrub``).

    Example::

        escape_title('<a href="https://x.example">click</a>')   # '&lt;a href="https://x.example"&gt;click&lt;/a&gt;'
    """
    import html

    from foa.secrets import scrub

    return html.escape(scrub(str(text)), quote=False)  # a chart is a report too: no key in its text


def portfolio_figure(pf: Any) -> Any:
    """The portfolio's equity with each strategy's sleeve, and the correlation of their daily returns."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=1, cols=2, column_widths=[0.68, 0.32], horizontal_spacing=0.08,
                        subplot_titles=("Equity and sleeves", "Correlation of daily returns"))
    fig.add_trace(go.Scatter(x=pf.equity.index, y=pf.equity.to_numpy(), name="portfolio", line={"width": 2.5}), row=1, col=1)
    for col in pf.sleeves.columns:
        fig.add_trace(go.Scatter(x=pf.sleeves.index, y=pf.sleeves[col].to_numpy(), name=escape_title(col),
                                 line={"width": 1}), row=1, col=1)
    corr = pf.correlation
    labels = [escape_title(c) for c in corr.columns]
    fig.add_trace(go.Heatmap(z=corr.to_numpy(), x=labels, y=labels, zmin=-1, zmax=1, colorscale="RdBu",
                             text=corr.round(2).to_numpy(), texttemplate="%{text}", showscale=False), row=1, col=2)
    fig.update_layout(title=f"{escape_title(pf.name)}: {pf.stats['total_return']:.1%} total return, "
                            f"Sharpe {pf.stats['sharpe']:.2f}", template="plotly_white", height=480,
                      legend={"orientation": "h", "y": -0.15})
    return fig
