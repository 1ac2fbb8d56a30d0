"""Python builders that read like the rule: ``sma(50).crosses_above(sma(200))``, ``rsi(2) < 10``,
``close() > sma(10)``, ``close() > sma(200) * 1.02``."""

from __future__ import annotations

import contextlib
import numbers
from collections.abc import Iterator
from typing import Any

from foa.errors import SpecError
from foa.spec.model import (
    AlwaysCondition,
    ConstExpr,
    IndicatorExpr,
    PriceExpr,
)

__all__ = [
    "always", "atr", "bbands", "close", "const", "ema", "high", "highest", "indicator", "low", "lowest", "macd",
    "open_", "price", "roc", "rsi", "sma", "stdev", "volume",
]


@contextlib.contextmanager
def _building(what: str) -> Iterator[None]:
    """pydantic's ValidationError -> a SpecError naming the builder call and the bad argument."""
    from pydantic import ValidationError

    try:
        yield
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(x) for x in first.get("loc", ()) if x not in ("int", "float")) or "argument"
        raise SpecError(f"{what}: {where}: {first.get('msg')} (got {first.get('input')!r}). Fix the argument, "
                        "e.g. sma(50), price('high'), const(10)") from err


def price(field: str = "close", *, symbol: str | None = None, shift: int = 0) -> PriceExpr:
    """A price field: ``price("high")``; ``price(symbol="SPY")`` for another asset."""
    with _building(f"price({field!r})"):
        return PriceExpr(field=field, symbol=symbol, shift=shift)


def close(*, symbol: str | None = None, shift: int = 0) -> PriceExpr:
    """The close: ``close() > sma(200)``."""
    return price("close", symbol=symbol, shift=shift)


def open_(*, symbol: str | None = None, shift: int = 0) -> PriceExpr:
    """The open (``open`` is a Python builtin)."""
    return price("open", symbol=symbol, shift=shift)


def high(*, symbol: str | None = None, shift: int = 0) -> PriceExpr:
    """The high: ``close() > high(shift=1)`` (a close above yesterday's high)."""
    return price("high", symbol=symbol, shift=shift)


def low(*, symbol: str | None = None, shift: int = 0) -> PriceExpr:
    """The low: ``close() < low(shift=1)`` (a close below yesterday's low)."""
    return price("low", symbol=symbol, shift=shift)


def volume(*, symbol: str | None = None, shift: int = 0) -> PriceExpr:
    """The volume: ``volume() > sma(20, input=volume()) * 2`` (volume twice its 20-day average)."""
    return price("volume", symbol=symbol, shift=shift)


def const(value: float, *, id: str | None = None) -> ConstExpr:
    """A number; ``id`` lets a sweep address it (``const(10, id="oversold")`` -> ``"oversold.value"``)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):  # numpy scalars are Real too
        raise SpecError(f"const({value!r}): the value must be a number, e.g. const(10)")
    with _building(f"const({value!r})"):
        return ConstExpr(value=float(value), id=id)


def always() -> AlwaysCondition:
    """A rule that is always true (buy and hold)."""
    return AlwaysCondition()


def _ind(name: str, params: dict[str, Any], *, input: Any = None, output: str | None = None,
         symbol: str | None = None, id: str | None = None, shift: int = 0) -> IndicatorExpr:
    with _building(f"{name}({', '.join(f'{k}={v!r}' for k, v in params.items())})"):
        return IndicatorExpr(name=name, params=params, input=input, output=output, symbol=symbol, id=id, shift=shift)


def sma(window: int, **kw: Any) -> IndicatorExpr:
    """Simple moving average of the close (or of ``input=``)."""
    return _ind("sma", {"window": window}, **kw)


def ema(window: int, **kw: Any) -> IndicatorExpr:
    """Exponential moving average, alpha = 2/(n+1)."""
    return _ind("ema", {"window": window}, **kw)


def rsi(window: int = 14, **kw: Any) -> IndicatorExpr:
    """Wilder's RSI (0..100)."""
    return _ind("rsi", {"window": window}, **kw)


def roc(window: int, **kw: Any) -> IndicatorExpr:
    """Rate of change as a fraction: x[t]/x[t-n] - 1."""
    return _ind("roc", {"window": window}, **kw)


def atr(window: int = 14, **kw: Any) -> IndicatorExpr:
    """Wilder's average true range."""
    return _ind("atr", {"window": window}, **kw)


def highest(window: int, **kw: Any) -> IndicatorExpr:
    """Highest high of the n bars before this one (so ``close() > highest(20)`` can fire)."""
    return _ind("highest", {"window": window}, **kw)


def lowest(window: int, **kw: Any) -> IndicatorExpr:
    """Lowest low of the n bars before this one."""
    return _ind("lowest", {"window": window}, **kw)


def stdev(window: int, **kw: Any) -> IndicatorExpr:
    """Rolling population standard deviation."""
    return _ind("stdev", {"window": window}, **kw)


def bbands(window: int = 20, std: float = 2.0, output: str = "middle", **kw: Any) -> IndicatorExpr:
    """Bollinger band: ``bbands(20, 2, "lower")``."""
    return _ind("bbands", {"window": window, "std": std}, output=output, **kw)


def macd(fast: int = 12, slow: int = 26, signal: int = 9, output: str = "macd", **kw: Any) -> IndicatorExpr:
    """MACD line (``output="signal"`` or ``"hist"`` for the others)."""
    return _ind("macd", {"fast": fast, "slow": slow, "signal": signal}, output=output, **kw)


def indicator(name: str, *args: float, output: str | None = None, input: Any = None, symbol: str | None = None,
              id: str | None = None, shift: int = 0, **params: float) -> IndicatorExpr:
    """Any indicator of the table by name, parameters in its order or by name (TA-Lib's and custom ones too).

    >>> indicator("adx", 14) > 25
    CompareCondition(kind='compare', left=IndicatorExpr(kind='indicator', name='adx', params={'timeperiod': 14}, output=None, input=None, symbol=None, id=None, shift=0), op='>', right=ConstExpr(kind='const', value=25.0, id=None))
    >>> str(indicator("stoch", output="slowk") < 20)
    'stoch().slowk < 20'
    """
    from foa.spec import indicators

    order = indicators.get(name).param_names  # SpecError naming how to find the known indicators
    if len(args) > len(order):
        raise SpecError(f"{name} takes {len(order)} positional parameter(s): {', '.join(order) or 'none'}")
    both = set(order[:len(args)]) & set(params)
    if both:
        raise SpecError(f"{name}: {sorted(both)} given both by position and by name: give each once")
    return _ind(name, {**dict(zip(order, args)), **params}, input=input, output=output, symbol=symbol, id=id, shift=shift)
