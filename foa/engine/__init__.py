"""The backtest engine: compile a StrategySpec to signals, run them through vectorbt, measure the result.

    foa.backtest(spec, prices)        # foa.engine.backtest  -> BacktestResult (foa.engine.result)
    foa.sweep(spec, prices, grid)     # foa.engine.sweep     -> SweepResult

Modules: prices (normalise input), indicators (pinned formulas), talib_adapter (TA-Lib by name), custom
(foa.register_indicator), compile (rules -> signals), ranking
(target weights), simulate (vectorbt runs), _nb (numba rule-state kernels), metrics, result, plots,
store (the backtests table), sweep, robust (deflated Sharpe), cli. Semantics: docs/semantics.md.
Nothing here imports vectorbt, numba or plotly at import time.
"""
