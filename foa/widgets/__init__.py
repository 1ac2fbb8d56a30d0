"""ipywidgets dashboards: glue over the public API, their logic in :mod:`foa.widgets.logic`.

    from foa.widgets import BacktestDashboard, ExtractDashboard, SweepDashboard
    bt = BacktestDashboard(ws=ws); bt              # click "Run backtest"; then bt.result
    ExtractDashboard(ws=ws, backtest=bt)           # upload -> spec -> "Send to backtest"
    SweepDashboard(bt.spec, ws=ws)                 # heatmap, best combinations, deflated Sharpe, PBO, walk-forward

Importing this package does not import ipywidgets or plotly; the classes load on first use.
"""

from __future__ import annotations

from foa.lazy import lazy_getattr

_LAZY = {
    "BacktestDashboard": "foa.widgets.backtest",
    "ExtractDashboard": "foa.widgets.extract",
    "SweepDashboard": "foa.widgets.sweep",
}

__all__ = sorted(_LAZY)


__getattr__ = lazy_getattr("foa.widgets", _LAZY, globals())


def __dir__() -> list[str]:
    return __all__
