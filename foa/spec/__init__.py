"""The StrategySpec DSL: the pydantic contract, builders, plain-English rendering, ready-made specs."""

from foa.spec.builders import (
    always, atr, bbands, close, const, ema, high, highest, indicator, low, lowest, macd, open_, price, roc, rsi,
    sma, stdev, volume,
)
from foa.spec.model import (
    Condition, Costs, Evidence, Expr, IndicatorExpr, Provenance, Ranking, Risk, Sizing, StrategySpec, Universe,
    Unsupported,
)
from foa.spec import indicators, library
from foa.spec.check import CheckReport, Finding, check_spec
from foa.spec.ids import assign_ids, sweep_keys
from foa.spec.describe import describe
from foa.spec.validate import parse_spec

__all__ = [
    "CheckReport", "Condition", "Costs", "Evidence", "Expr", "Finding", "IndicatorExpr", "Provenance", "Ranking",
    "Risk", "Sizing", "StrategySpec", "Universe", "Unsupported", "always", "assign_ids", "atr", "bbands", "check_spec", "close",
    "const", "describe", "ema", "high", "highest", "indicator", "indicators", "library", "low", "lowest", "macd", "open_",
    "parse_spec", "price", "roc", "rsi", "sma", "stdev", "sweep_keys", "volume",
]
