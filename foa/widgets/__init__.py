"""ipywidgets dashboards: glue over the public API, their logic in :mod:`foa.widgets.logic`.

    from foa.widgets import BacktestDashboard, ExtractDashboard, SweepDashboard
    bt = BacktestDashboard(ws=ws); bt              # click "Run backtest"; then bt.result
    ExtractDashboard(ws=ws, backtest=bt)           # upload -> spec -> "Send to backtest"
    SweepDashboard(bt.spec, ws=ws)                 # heatmap, best combinations, deflated Sharpe

Importing this package does not import ipywidgets or plotly; the classes load on first use.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "BacktestDashboard": "foa.widgets.backtest",
    "ExtractDashboard": "foa.widgets.extract",
    "SweepDashboard": "foa.widgets.sweep",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'foa.widgets' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
