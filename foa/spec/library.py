"""Ready-made specs for the classic families, with ids so a sweep can address their parameters.

    from foa.spec.library import get, library
    spec = get("sma_crossover")              # ids "fast" and "slow": sweep "fast.window", "slow.window"
    sorted(library())

Every spec trades bundled symbols (^GSPC; ^GSPC and ^IXIC for the cross-sectional families) so it runs
offline; change ``universe`` with ``spec.model_copy(update=...)`` for other symbols.
"""

from __future__ import annotations

from typing import Callable

from foa.errors import SpecError
from foa.spec.builders import always, bbands, close, const, ema, highest, lowest, macd, roc, rsi, sma
from foa.spec.model import Ranking, StrategySpec, Universe

__all__ = ["get", "library", "names"]

_ONE = Universe(symbols=["^GSPC"], asset_class="equity")
_TWO = Universe(symbols=["^GSPC", "^IXIC"], asset_class="equity")


def _sma_crossover() -> StrategySpec:
    return StrategySpec(
        name="sma_crossover", summary="Long when the 50-day SMA crosses above the 200-day SMA; out when it crosses below.",
        universe=_ONE, entry=sma(50, id="fast").crosses_above(sma(200, id="slow")),
        exit=sma(50, id="fast").crosses_below(sma(200, id="slow")),
    )


def _ema_crossover() -> StrategySpec:
    return StrategySpec(
        name="ema_crossover", summary="Long when the 12-day EMA crosses above the 26-day EMA; out on the cross below.",
        universe=_ONE, entry=ema(12, id="fast").crosses_above(ema(26, id="slow")),
        exit=ema(12, id="fast").crosses_below(ema(26, id="slow")),
    )


def _trend_filter() -> StrategySpec:
    return StrategySpec(
        name="trend_filter", summary="Long while the close is above its 200-day SMA.",
        universe=_ONE, entry=close() > sma(200, id="trend"), exit=close() < sma(200, id="trend"),
    )


def _rsi_reversion() -> StrategySpec:
    return StrategySpec(
        name="rsi_reversion",
        summary="Buy a 2-day RSI below 10 in an uptrend (close above the 200-day SMA); sell when the close rises above its 5-day SMA.",
        universe=_ONE,
        entry=(rsi(2, id="rsi") < const(10, id="oversold")) & (close() > sma(200, id="trend")),
        exit=close() > sma(5, id="exit"),
    )


def _bollinger_reversion() -> StrategySpec:
    return StrategySpec(
        name="bollinger_reversion", summary="Buy a close below the lower 20-day, 2-sigma Bollinger band; sell at the middle band.",
        universe=_ONE, entry=close() < bbands(20, 2.0, "lower", id="bb"), exit=close() > bbands(20, 2.0, "middle", id="bb"),
    )


def _bollinger_breakout() -> StrategySpec:
    return StrategySpec(
        name="bollinger_breakout", summary="Buy a close above the upper 20-day, 2-sigma Bollinger band; sell below the middle band.",
        universe=_ONE, entry=close() > bbands(20, 2.0, "upper", id="bb"), exit=close() < bbands(20, 2.0, "middle", id="bb"),
    )


def _macd() -> StrategySpec:
    return StrategySpec(
        name="macd", summary="Long when the MACD(12, 26) line crosses above its 9-day signal line; out on the cross below.",
        universe=_ONE, entry=macd(12, 26, 9, "macd", id="macd").crosses_above(macd(12, 26, 9, "signal", id="macd")),
        exit=macd(12, 26, 9, "macd", id="macd").crosses_below(macd(12, 26, 9, "signal", id="macd")),
    )


def _donchian() -> StrategySpec:
    return StrategySpec(
        name="donchian_breakout", summary="Buy a close above the highest high of the prior 20 days; sell below the lowest low of the prior 10.",
        universe=_ONE, entry=close() > highest(20, id="entry"), exit=close() < lowest(10, id="exit"),
    )


def _ts_momentum() -> StrategySpec:
    return StrategySpec(
        name="ts_momentum", summary="Monthly: long while the 12-month return is positive, in cash otherwise.",
        universe=_ONE, frequency="monthly", entry=roc(12, id="lookback") > 0, exit=roc(12, id="lookback") <= 0,
    )


def _xs_momentum() -> StrategySpec:
    return StrategySpec(
        name="xs_momentum", summary="Monthly: hold the index with the best 12-month return (top 1 of the universe).",
        universe=_TWO, frequency="monthly", ranking=Ranking(by=roc(12, id="lookback"), top_n=1), rebalance="monthly",
    )


def _dual_momentum() -> StrategySpec:
    return StrategySpec(
        name="dual_momentum",
        summary="Monthly: hold the index with the best 12-month return if that return is positive, else cash.",
        universe=_TWO, frequency="monthly", ranking=Ranking(by=roc(12, id="lookback"), top_n=1), rebalance="monthly",
        entry=roc(12, id="lookback") > 0,
    )


def _buy_and_hold() -> StrategySpec:
    return StrategySpec(name="buy_and_hold", summary="Buy on the first bar and hold.", universe=_ONE, entry=always())


_BUILDERS: dict[str, Callable[[], StrategySpec]] = {
    "sma_crossover": _sma_crossover, "ema_crossover": _ema_crossover, "trend_filter": _trend_filter,
    "rsi_reversion": _rsi_reversion, "bollinger_reversion": _bollinger_reversion,
    "bollinger_breakout": _bollinger_breakout, "macd": _macd, "donchian_breakout": _donchian,
    "ts_momentum": _ts_momentum, "xs_momentum": _xs_momentum, "dual_momentum": _dual_momentum,
    "buy_and_hold": _buy_and_hold,
}


def names() -> list[str]:
    """The ready-made spec names."""
    return list(_BUILDERS)


def library() -> dict[str, StrategySpec]:
    """Every ready-made spec, by name (fresh copies: edit them freely)."""
    return {name: build() for name, build in _BUILDERS.items()}


def get(name: str) -> StrategySpec:
    """One ready-made spec: ``get("rsi_reversion")``."""
    build = _BUILDERS.get(name)
    if build is None:
        raise SpecError(f"no ready-made spec {name!r}: choose one of {', '.join(_BUILDERS)}")
    return build()
