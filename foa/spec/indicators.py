"""The indicator table: every indicator a spec can name, as data.

One frozen record per indicator says what validation, the rule syntax, the prompt, the offline lexicon,
the spec checks and the evidence states need to know: its name, prose aliases, parameters in positional
order with defaults (and which of them count bars), outputs, the price fields it reads, the scale of its
output and where it comes from. Reading the table imports nothing heavy (no vectorbt, no TA-Lib).

    >>> from foa.spec import indicators
    >>> indicators.get("bbands").outputs
    ('middle', 'upper', 'lower')
    >>> indicators.by_alias("200-day simple moving average").name
    'sma'
    >>> indicators.mentioned("RSI(2) below 10 and above the 200 DMA")
    ['rsi', 'sma']

Scales (``Indicator.scale``): ``"price"`` (the input's units: a moving average of the close is a price),
``"range(lo,hi)"`` (a bounded oscillator, RSI is ``"range(0,100)"``), ``"return"`` (a fraction such as
0.05), ``"price_delta"`` (a difference of prices: ATR, standard deviation, MACD), ``"volume"`` and
``"unbounded"``. ``follows_input`` marks indicators whose output has the scale of their input (an SMA of
the RSI is on the RSI's 0-100 scale).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = [
    "FIELDS", "Indicator", "Param", "SCALES", "by_alias", "get", "is_window", "mentioned", "names", "scale_range",
    "table", "window_params",
]

# the price fields an indicator can read
FIELDS = ("open", "high", "low", "close", "volume")
# the scale names; a bounded oscillator is written "range(lo,hi)"
SCALES = ("price", "return", "price_delta", "volume", "unbounded")


@dataclass(frozen=True)
class Param:
    """One parameter: its name, its default (None = required) and whether it counts bars."""

    name: str
    default: float | int | None = None
    window: bool = False

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class Indicator:
    """One indicator of the table (see the module docstring for the scales)."""

    name: str
    params: tuple[Param, ...]
    outputs: tuple[str, ...]
    inputs: tuple[str, ...]
    scale: str
    description: str
    aliases: tuple[str, ...] = ()
    source: str = "foa"
    follows_input: bool = False  # the output has the scale of the input series
    takes_input: bool = True  # an IndicatorExpr.input replaces the default price series
    default_input: str | None = "close"  # the series read when no input is given (None: reads `inputs`)
    _alias_re: re.Pattern[str] | None = field(default=None, repr=False, compare=False)

    @property
    def required(self) -> tuple[str, ...]:
        """Parameter names without a default, in positional order."""
        return tuple(p.name for p in self.params if p.required)

    @property
    def optional(self) -> dict[str, float | int]:
        """Parameter names with their defaults, in positional order."""
        return {p.name: p.default for p in self.params if not p.required}  # type: ignore[misc]

    @property
    def param_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.params)

    @property
    def windows(self) -> tuple[str, ...]:
        """The parameters that count bars (warm-up, resampling, evidence numbers)."""
        return tuple(p.name for p in self.params if p.window)

    def bounds(self) -> tuple[float, float] | None:
        """(lo, hi) of a bounded output, else None: ``get("rsi").bounds() == (0.0, 100.0)``."""
        return scale_range(self.scale)


def scale_range(scale: str) -> tuple[float, float] | None:
    """The bounds of a ``"range(lo,hi)"`` scale, None for the open scales.

    >>> scale_range("range(0,100)")
    (0.0, 100.0)
    """
    m = re.fullmatch(r"range\(\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*\)", scale)
    return (float(m.group(1)), float(m.group(2))) if m else None


def _w(name: str = "window", default: float | int | None = None) -> Param:
    return Param(name, default, window=True)


# Aliases are lowercase prose; "n" stands for a number ("n day high" matches "20-day high", "20 day high").
_TABLE: tuple[Indicator, ...] = (
    Indicator(
        "sma", (_w(),), ("value",), ("close",), "price",
        "Simple moving average: the mean of the last n values.",
        aliases=("sma", "simple moving average", "moving average", "ma", "n day moving average", "n day average",
                 "n day ma", "n day sma", "dma", "n dma", "rolling mean", "rolling average", "mean"),
        follows_input=True,
    ),
    Indicator(
        "ema", (_w(),), ("value",), ("close",), "price",
        "Exponential moving average, alpha = 2/(n+1), the first n-1 values warm-up.",
        aliases=("ema", "exponential moving average", "exponentially weighted moving average", "ewma",
                 "exponential average", "n day ema"),
        follows_input=True,
    ),
    Indicator(
        "rsi", (_w(),), ("value",), ("close",), "range(0,100)",
        "Wilder's relative strength index (0-100).",
        aliases=("rsi", "relative strength index", "relative strength indicator", "wilder rsi", "n day rsi",
                 "n period rsi"),
    ),
    Indicator(
        "bbands", (_w(), Param("std", 2.0)), ("middle", "upper", "lower"), ("close",), "price",
        "Bollinger bands: the n-bar SMA and that SMA +/- std population standard deviations.",
        aliases=("bbands", "bollinger", "bollinger band", "bollinger bands", "bb", "upper band", "lower band",
                 "middle band"),
        follows_input=True,
    ),
    Indicator(
        "macd", (_w("fast", 12), _w("slow", 26), _w("signal", 9)), ("macd", "signal", "hist"), ("close",),
        "price_delta",
        "MACD: ema(fast) - ema(slow), its signal line ema(macd, signal) and the histogram macd - signal.",
        aliases=("macd", "moving average convergence divergence", "macd line", "signal line", "macd histogram",
                 "histogram"),
    ),
    Indicator(
        "roc", (_w(),), ("value",), ("close",), "return",
        "Rate of change as a fraction: x[t]/x[t-n] - 1.",
        aliases=("roc", "rate of change", "momentum", "n day return", "n day momentum", "trailing return",
                 "return", "returns", "performance", "total return", "price change"),
    ),
    Indicator(
        "atr", (_w(),), ("value",), ("high", "low", "close"), "price_delta",
        "Wilder's average true range.",
        aliases=("atr", "average true range", "true range", "n day atr"),
        takes_input=False, default_input=None,
    ),
    Indicator(
        "highest", (_w(),), ("value",), ("high",), "price",
        "Highest value of the n bars before this one (default input: the high).",
        aliases=("highest", "highest high", "n day high", "n day highest high", "rolling high", "donchian",
                 "donchian channel", "donchian high", "upper channel", "new high", "rolling max", "highest close",
                 "highest level", "high of the preceding n day", "high of the past n day", "high of the last n day",
                 "n day breakout", "highest price"),
        follows_input=True, default_input="high",
    ),
    Indicator(
        "lowest", (_w(),), ("value",), ("low",), "price",
        "Lowest value of the n bars before this one (default input: the low).",
        aliases=("lowest", "lowest low", "n day low", "n day lowest low", "rolling low", "donchian low",
                 "lower channel", "new low", "rolling min", "lowest close", "lowest level", "low of the preceding n day",
                 "low of the past n day", "low of the last n day", "n day breakdown", "lowest price"),
        follows_input=True, default_input="low",
    ),
    Indicator(
        "stdev", (_w(),), ("value",), ("close",), "price_delta",
        "Rolling population standard deviation of the input.",
        aliases=("stdev", "standard deviation", "std", "std dev", "sigma", "volatility", "rolling volatility",
                 "n day volatility"),
    ),
)

_BY_NAME: dict[str, Indicator] = {i.name: i for i in _TABLE}
_UNIT = r"(?:trading[ ]?)?(?:days?|weeks?|months?|bars?|periods?|sessions?|d|w|m)"


def _norm(text: str) -> str:
    """Lowercase, punctuation to spaces, numbers (with a bar unit) to the placeholder 'n day'."""
    t = text.lower().replace("%", " ")
    t = re.sub(r"(\d)([a-z])", r"\1 \2", t)  # "200ma", "20days"
    t = re.sub(r"[-_/,;:()'\"’.]+", " ", t)
    t = re.sub(rf"\b(?:\d+(?:\.\d+)?|n)\s*{_UNIT}\b", "n day ", t)
    t = re.sub(r"\b\d+(?:\.\d+)?\b", " n ", t)
    return re.sub(r"\s+", " ", t).strip()


def table() -> tuple[Indicator, ...]:
    """Every indicator record, in table order."""
    return _TABLE


def names() -> list[str]:
    """The indicator names, in table order: ``names()[:3] == ['sma', 'ema', 'rsi']``."""
    return [i.name for i in _TABLE]


def get(name: str) -> Indicator:
    """The record of one indicator; an unknown name is a SpecError that lists the known ones."""
    rec = _BY_NAME.get(name)
    if rec is None:
        from foa.errors import SpecError

        raise SpecError(f"unknown indicator {name!r}: use one of {', '.join(sorted(_BY_NAME))}")
    return rec


def window_params() -> frozenset[str]:
    """Every parameter name that counts bars in some indicator."""
    return frozenset(p.name for i in _TABLE for p in i.params if p.window)


def is_window(name: str, param: str) -> bool:
    """Whether ``param`` of indicator ``name`` counts bars (False for unknown names)."""
    rec = _BY_NAME.get(name)
    return rec is not None and param in rec.windows


def by_alias(text: str) -> Indicator | None:
    """The indicator a prose name denotes ("Bollinger", "200-day SMA", "N-day high"), or None.

    The whole text must be the name (numbers and bar units stand for any window); see ``mentioned`` to
    find indicator names inside a sentence.
    """
    t = _norm(text)
    if t in _BY_NAME:
        return _BY_NAME[t]
    for rec in _TABLE:
        for a in rec.aliases:
            if t == _norm(a) or t == "n day " + _norm(a) or t == _norm(a) + " n":
                return rec
    return None


def _alias_index() -> list[tuple[str, str]]:
    pairs = {(_norm(a), rec.name) for rec in _TABLE for a in (rec.name, *rec.aliases)}
    return sorted(pairs, key=lambda p: (-len(p[0]), p[0]))  # longest first: "exponential moving average" before "moving average"


_ALIASES = _alias_index()


def mentioned(text: str) -> list[str]:
    """The indicator names a sentence mentions, in order of first mention, longest alias first.

    "exponential moving average" counts as ``ema`` only, not also ``sma``.
    """
    t = " " + _norm(text) + " "
    found: list[tuple[int, str]] = []
    for alias, name in _ALIASES:
        needle = " " + alias + " "
        start = t.find(needle)
        while start >= 0:
            found.append((start, name))
            t = t[:start] + " " + "#" * (len(needle) - 2) + " " + t[start + len(needle):]
            start = t.find(needle)
    out: list[str] = []
    for _, name in sorted(found):
        if name not in out:
            out.append(name)
    return out
