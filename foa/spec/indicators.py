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

Besides foa's own ten (``source="foa"``, pinned formulas in ``foa/engine/indicators.py``) the table holds
every TA-Lib function by its lowercase name with TA-Lib's parameter names and defaults
(``source="talib"``, read from the generated ``foa/spec/talib_table.py``, so no TA-Lib import is needed):

    >>> get("adx").param_names, get("stoch").outputs
    (('timeperiod',), ('slowk', 'slowd'))
    >>> by_alias("Parabolic SAR").name, get("sar").scale
    ('sar', 'price')

foa's rows that TA-Lib also has keep foa's semantics and accept TA-Lib's parameter names as aliases
(``normalize_params("sma", {"timeperiod": 50}) == {"window": 50}``). Indicators registered in this
process (``register``, behind ``foa.register_indicator``) are ``source="custom"``: ``get`` and ``names``
know them, ``table`` (what the extractors, the prompt and the lexicon read) does not.

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
    "FIELDS", "Indicator", "Param", "SCALES", "by_alias", "custom", "get", "is_window", "mentioned", "names",
    "normalize_params", "register", "scale_range", "table", "unregister", "window_params",
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
    # TA-Lib parameter name -> this row's name (foa's rows TA-Lib also has: timeperiod -> window)
    param_aliases: tuple[tuple[str, str], ...] = ()
    prose_name: bool = True  # the name itself is a word of prose ("adx" is, TA-Lib's "add" and "ma" are not)
    group: str = ""  # TA-Lib's function group ("Momentum Indicators"), "" for foa's and custom rows
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
        follows_input=True, param_aliases=(("timeperiod", "window"),),
    ),
    Indicator(
        "ema", (_w(),), ("value",), ("close",), "price",
        "Exponential moving average, alpha = 2/(n+1), the first n-1 values warm-up.",
        aliases=("ema", "exponential moving average", "exponentially weighted moving average", "ewma",
                 "exponential average", "n day ema"),
        follows_input=True, param_aliases=(("timeperiod", "window"),),
    ),
    Indicator(
        "rsi", (_w(),), ("value",), ("close",), "range(0,100)",
        "Wilder's relative strength index (0-100).",
        aliases=("rsi", "relative strength index", "relative strength indicator", "wilder rsi", "n day rsi",
                 "n period rsi"),
        param_aliases=(("timeperiod", "window"),),
    ),
    Indicator(
        "bbands", (_w(), Param("std", 2.0)), ("middle", "upper", "lower"), ("close",), "price",
        "Bollinger bands: the n-bar SMA and that SMA +/- std population standard deviations.",
        aliases=("bbands", "bollinger", "bollinger band", "bollinger bands", "bb", "upper band", "lower band",
                 "middle band"),
        follows_input=True, param_aliases=(("timeperiod", "window"), ("nbdevup", "std"), ("nbdevdn", "std")),
    ),
    Indicator(
        "macd", (_w("fast", 12), _w("slow", 26), _w("signal", 9)), ("macd", "signal", "hist"), ("close",),
        "price_delta",
        "MACD: ema(fast) - ema(slow), its signal line ema(macd, signal) and the histogram macd - signal.",
        aliases=("macd", "moving average convergence divergence", "macd line", "signal line", "macd histogram",
                 "histogram"),
        param_aliases=(("fastperiod", "fast"), ("slowperiod", "slow"), ("signalperiod", "signal")),
    ),
    Indicator(
        "roc", (_w(),), ("value",), ("close",), "return",
        "Rate of change as a fraction: x[t]/x[t-n] - 1.",
        aliases=("roc", "rate of change", "momentum", "n day return", "n day momentum", "trailing return",
                 "return", "returns", "performance", "total return", "price change"),
        param_aliases=(("timeperiod", "window"),),
    ),
    Indicator(
        "atr", (_w(),), ("value",), ("high", "low", "close"), "price_delta",
        "Wilder's average true range.",
        aliases=("atr", "average true range", "true range", "n day atr"),
        takes_input=False, default_input=None, param_aliases=(("timeperiod", "window"),),
    ),
    Indicator(
        "highest", (_w(),), ("value",), ("high",), "price",
        "Highest value of the n bars before this one (default input: the high).",
        aliases=("highest", "highest high", "n day high", "n day highest high", "rolling high", "donchian",
                 "donchian channel", "donchian high", "upper channel", "new high", "rolling max", "highest close",
                 "highest level", "high of the preceding n day", "high of the past n day", "high of the last n day",
                 "n day breakout", "highest price"),
        follows_input=True, default_input="high", param_aliases=(("timeperiod", "window"),),
    ),
    Indicator(
        "lowest", (_w(),), ("value",), ("low",), "price",
        "Lowest value of the n bars before this one (default input: the low).",
        aliases=("lowest", "lowest low", "n day low", "n day lowest low", "rolling low", "donchian low",
                 "lower channel", "new low", "rolling min", "lowest close", "lowest level", "low of the preceding n day",
                 "low of the past n day", "low of the last n day", "n day breakdown", "lowest price"),
        follows_input=True, default_input="low", param_aliases=(("timeperiod", "window"),),
    ),
    Indicator(
        "stdev", (_w(),), ("value",), ("close",), "price_delta",
        "Rolling population standard deviation of the input.",
        aliases=("stdev", "standard deviation", "std", "std dev", "sigma", "volatility", "rolling volatility",
                 "n day volatility"),
        param_aliases=(("timeperiod", "window"),),
    ),
)

_FOA = _TABLE

# ------------------------------------------------------------------------------------------ TA-Lib rows
# Output scales of TA-Lib's functions (see the module docstring); a name not listed takes its group's.
_GROUP_SCALE = {
    "Overlap Studies": "price", "Price Transform": "price", "Pattern Recognition": "range(-100,100)",
    "Cycle Indicators": "unbounded", "Math Operators": "unbounded", "Math Transform": "unbounded",
    "Momentum Indicators": "unbounded", "Statistic Functions": "unbounded", "Volatility Indicators": "price_delta",
    "Volume Indicators": "unbounded",
}
_R100, _RPM100, _RPM1 = "range(0,100)", "range(-100,100)", "range(-1,1)"
_TALIB_SCALE = {
    # momentum
    "ac": "price_delta", "adx": _R100, "adxr": _R100, "ao": "price_delta", "apo": "price_delta", "aroon": _R100,
    "aroonosc": _RPM100, "bop": _RPM1, "cmo": _RPM100, "cmou": _RPM100, "dpo": "price_delta", "dx": _R100,
    "er": "range(0,1)", "eri": "price_delta", "fractal": _R100, "imi": _R100, "macdext": "price_delta",
    "macdfix": "price_delta", "mfi": _R100, "minus_di": _R100, "minus_dm": "price_delta", "mom": "price_delta",
    "plus_di": _R100, "plus_dm": "price_delta", "qstick": "price_delta", "rocp": "return", "smi": _RPM100,
    "stoch": _R100, "stochf": _R100, "stochrsi": _R100, "tsi": _RPM100, "ultosc": _R100, "wad": "price_delta",
    "willr": "range(-100,0)",
    # overlap studies: SAREXT is negative while short
    "sarext": "unbounded",
    # price transform
    "avgdev": "price_delta",
    # cycles
    "ht_phasor": "price_delta", "ht_sine": _RPM1, "ht_trendmode": "range(0,1)",
    # math
    "add": "unbounded", "sub": "price_delta", "max": "price", "min": "price", "minmax": "price",
    "ceil": "price", "floor": "price", "sin": _RPM1, "cos": _RPM1, "tanh": _RPM1,
    # statistics
    "correl": _RPM1, "linearreg": "price", "linearreg_angle": "range(-90,90)", "linearreg_intercept": "price",
    "linearreg_slope": "price_delta", "percentile": "price", "percentrank": _R100, "stddev": "price_delta",
    "tsf": "price",
    # volatility
    "cvi": "unbounded", "massi": "unbounded", "natr": "unbounded", "rvi": _R100,
    # volume
    "ad": "volume", "adosc": "volume", "cmf": _RPM1, "obv": "volume", "pvt": "volume", "vwap": "price",
    # candlestick patterns: -100/0/100, the hikkakes mark a confirmation with 200
    "cdlhikkake": "range(-200,200)", "cdlhikkakemod": "range(-200,200)",
}
# Prose names of the common TA-Lib indicators (lowercase, "n day" stands for any window). A TA-Lib name
# listed among its own aliases is a prose name; the rest ("add", "ma", "min") are names in rules only.
_TALIB_ALIASES: dict[str, tuple[str, ...]] = {
    "adx": ("adx", "average directional index", "average directional movement index", "n day adx"),
    "adxr": ("adxr", "average directional movement index rating"),
    "dx": ("directional movement index",),
    "plus_di": ("plus di", "plus directional indicator", "positive directional indicator"),
    "minus_di": ("minus di", "minus directional indicator", "negative directional indicator"),
    "sar": ("sar", "parabolic sar", "parabolic stop and reverse", "psar"),
    "stoch": ("stoch", "stochastic", "stochastics", "stochastic oscillator", "slow stochastic", "full stochastic"),
    "stochf": ("stochf", "fast stochastic"),
    "stochrsi": ("stochrsi", "stochastic rsi", "stoch rsi"),
    "willr": ("willr", "williams %r", "williams r", "williams percent range", "williams' %r"),
    "cci": ("cci", "commodity channel index", "n day cci"),
    "obv": ("obv", "on balance volume", "on-balance volume"),
    "mfi": ("mfi", "money flow index"),
    "kama": ("kama", "kaufman", "kaufman adaptive moving average", "kaufman's adaptive moving average"),
    "er": ("efficiency ratio", "kaufman efficiency ratio"),
    "aroon": ("aroon", "aroon indicator"),
    "aroonosc": ("aroon oscillator",),
    "trix": ("trix",),
    "wma": ("wma", "weighted moving average", "linearly weighted moving average"),
    "dema": ("dema", "double exponential moving average"),
    "tema": ("tema", "triple exponential moving average"),
    "trima": ("trima", "triangular moving average"),
    "t3": ("t3 moving average", "tillson t3"),
    "hma": ("hma", "hull moving average", "hull ma"),
    "zlema": ("zlema", "zero lag exponential moving average", "zero lag ema"),
    "vwma": ("vwma", "volume weighted moving average"),
    "vwap": ("vwap", "volume weighted average price"),
    "mama": ("mesa adaptive moving average",),
    "supertrend": ("supertrend", "super trend"),
    "kc": ("keltner", "keltner channel", "keltner channels"),
    "accbands": ("acceleration bands",),
    "ha": ("heikin ashi", "heikin ashi candles"),
    "ppo": ("ppo", "percentage price oscillator"),
    "apo": ("apo", "absolute price oscillator"),
    "cmo": ("cmo", "chande momentum oscillator"),
    "ultosc": ("ultosc", "ultimate oscillator"),
    "bop": ("balance of power",),
    "ad": ("accumulation distribution", "accumulation/distribution line", "chaikin a/d line", "a/d line"),
    "adosc": ("chaikin oscillator", "chaikin a/d oscillator"),
    "cmf": ("cmf", "chaikin money flow"),
    "natr": ("natr", "normalized average true range"),
    "linearreg": ("linear regression", "linear regression line"),
    "linearreg_slope": ("linear regression slope", "regression slope"),
    "tsf": ("time series forecast",),
    "correl": ("rolling correlation", "pearson correlation"),
    "ao": ("awesome oscillator",),
    "ac": ("accelerator oscillator",),
    "coppock": ("coppock", "coppock curve"),
    "dpo": ("dpo", "detrended price oscillator"),
    "eri": ("elder ray", "bull power", "bear power"),
    "efi": ("force index", "elder force index"),
    "massi": ("mass index",),
    "tsi": ("tsi", "true strength index"),
    "vortex": ("vortex", "vortex indicator"),
    "kdj": ("kdj",),
    "rvi": ("relative volatility index",),
    "vhf": ("vertical horizontal filter",),
    "imi": ("intraday momentum index",),
    "smi": ("stochastic momentum index",),
    "fractal": ("williams fractal", "fractals"),
    "qstick": ("qstick",),
    "ht_trendline": ("hilbert trendline", "instantaneous trendline"),
    "percentrank": ("percent rank", "percentile rank"),
    "typprice": ("typical price",),
    "medprice": ("median price",),
    "wclprice": ("weighted close",),
    "pvt": ("price volume trend",),
    "nvi": ("negative volume index",),
    "pvi": ("positive volume index",),
    "rvol": ("relative volume",),
    "cdldoji": ("doji",),
    "cdlhammer": ("hammer",),
    "cdlinvertedhammer": ("inverted hammer",),
    "cdlhangingman": ("hanging man",),
    "cdlengulfing": ("engulfing", "engulfing pattern", "bullish engulfing", "bearish engulfing"),
    "cdlmorningstar": ("morning star",),
    "cdleveningstar": ("evening star",),
    "cdlshootingstar": ("shooting star",),
    "cdlharami": ("harami",),
    "cdl3whitesoldiers": ("three white soldiers",),
    "cdl3blackcrows": ("three black crows",),
    "cdldarkcloudcover": ("dark cloud cover",),
    "cdlpiercing": ("piercing pattern", "piercing line"),
    "cdlmarubozu": ("marubozu",),
    "cdlspinningtop": ("spinning top",),
    "cdldragonflydoji": ("dragonfly doji",),
    "cdlgravestonedoji": ("gravestone doji",),
}


def _is_window_param(name: str) -> bool:
    # TA-Lib's bar counts: timeperiod, fastk_period, wmaperiod, roc1period, minperiod... and leftbars/rightbars
    return "period" in name or name.endswith("bars")


def _talib_rows() -> tuple[Indicator, ...]:
    from foa.spec.talib_table import ROWS

    foa_names = {i.name for i in _FOA}
    out = []
    for name, group, display, inputs, params, outputs in ROWS:
        if name in foa_names:  # foa's own row keeps foa's semantics (docs/semantics.md)
            continue
        series = tuple(f for f in inputs if f in FIELDS)
        scale = _TALIB_SCALE.get(name, _GROUP_SCALE.get(group, "unbounded"))
        single = len(inputs) == 1
        aliases = _TALIB_ALIASES.get(name, ())
        out.append(Indicator(
            name,
            tuple(Param(p, d, window=_is_window_param(p)) for p, d in params),
            tuple("value" if o in ("real", "integer") else o for o in outputs),
            tuple(inputs), scale, f"{display} (TA-Lib {name.upper()}).", aliases=aliases, source="talib",
            follows_input=single and scale == "price" and series == ("close",),
            takes_input=single, default_input=series[0] if single else None,
            prose_name=name in aliases, group=group,
        ))
    return tuple(out)


_TABLE = _FOA + _talib_rows()
_BY_NAME: dict[str, Indicator] = {i.name: i for i in _TABLE}
# indicators registered in this process (foa.register_indicator): never in table(), so never in a prompt,
# the offline lexicon or an extractor's output
_CUSTOM: dict[str, Indicator] = {}
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
    """Every static indicator record (foa's, then TA-Lib's by name); custom indicators are not in it."""
    return _TABLE


def custom() -> tuple[Indicator, ...]:
    """The indicators registered in this process, in registration order."""
    return tuple(_CUSTOM.values())


def names() -> list[str]:
    """The indicator names a spec may use now, in table order, then custom ones: ``names()[:3] == ['sma', 'ema', 'rsi']``."""
    return [i.name for i in _TABLE] + list(_CUSTOM)


def _lookup(name: str) -> Indicator | None:
    return _BY_NAME.get(name) or _CUSTOM.get(name)


def get(name: str) -> Indicator:
    """The record of one indicator; an unknown name is a SpecError that says how to find the known ones."""
    rec = _lookup(name)
    if rec is None:
        from foa.errors import SpecError

        from foa.spec.friendly import closest

        prose = by_alias(name) if isinstance(name, str) else None
        near = [prose.name] if prose is not None else closest(name, names())
        hint = f" (did you mean {' or '.join(repr(n) for n in near)}?)" if near else ""
        raise SpecError(
            f"unknown indicator {name!r}{hint}: use foa's {', '.join(i.name for i in _FOA)} or a TA-Lib function "
            f"by its lowercase name (foa.indicators() lists all); if {name!r} is your own indicator, register it "
            f"in this process before the spec is built or loaded: foa.register_indicator({name!r}, fn, ...)"
        )
    return rec


def normalize_params(name: str, params: dict[str, float | int]) -> dict[str, float | int]:
    """``params`` with TA-Lib's parameter names turned into the row's own (foa's rows only).

    >>> normalize_params("sma", {"timeperiod": 50})
    {'window': 50}
    >>> normalize_params("macd", {"fastperiod": 5, "slowperiod": 35})
    {'fast': 5, 'slow': 35}

    Two names for one parameter must agree (bbands ``nbdevup`` and ``nbdevdn`` both mean foa's ``std``);
    TA-Lib's bbands ``matype`` is accepted as 0 (foa's bands are around a simple moving average).
    """
    rec = _BY_NAME.get(name)
    if rec is None or not rec.param_aliases:
        return params
    alias = dict(rec.param_aliases)
    if name == "bbands" and "matype" in params:
        if params["matype"] != 0:
            from foa.errors import SpecError

            raise SpecError(f"bbands matype={params['matype']}: foa's Bollinger bands are around a simple moving "
                            "average (matype 0); for another average use TA-Lib's ma with matype")
        params = {k: v for k, v in params.items() if k != "matype"}
    if not any(k in alias for k in params):
        return params
    out: dict[str, float | int] = {}
    for k, v in params.items():
        key = alias.get(k, k)
        if key in out and out[key] != v:
            from foa.errors import SpecError

            raise SpecError(f"{name}: {k}={v} disagrees with {key}={out[key]}; foa's {name} has one {key}: give it once")
        out[key] = v
    return out


def register(rec: Indicator) -> None:
    """Add (or replace) a custom indicator record; its name must not be foa's or TA-Lib's."""
    from foa.errors import SpecError

    if rec.name in _BY_NAME:
        raise SpecError(f"{rec.name!r} is already an indicator ({_BY_NAME[rec.name].source}): choose another name "
                        "for your own indicator")
    if rec.source != "custom":
        raise SpecError("a registered indicator has source 'custom'")
    _CUSTOM[rec.name] = rec


def unregister(name: str) -> None:
    """Forget a custom indicator (no error when it is not registered)."""
    _CUSTOM.pop(name, None)


def window_params() -> frozenset[str]:
    """Every parameter name that counts bars in some indicator."""
    return frozenset(p.name for i in (*_TABLE, *_CUSTOM.values()) for p in i.params if p.window)


def is_window(name: str, param: str) -> bool:
    """Whether ``param`` of indicator ``name`` counts bars (False for unknown names)."""
    rec = _lookup(name)
    return rec is not None and param in rec.windows


_PROSE: dict[str, Indicator] = {i.name: i for i in _TABLE if i.prose_name}


def by_alias(text: str) -> Indicator | None:
    """The indicator a prose name denotes ("Bollinger", "200-day SMA", "N-day high"), or None.

    The whole text must be the name (numbers and bar units stand for any window); see ``mentioned`` to
    find indicator names inside a sentence. Custom indicators have no prose names.
    """
    t = _norm(text)
    if t in _PROSE:
        return _PROSE[t]
    for rec in _TABLE:
        for a in rec.aliases:
            if t == _norm(a) or t == "n day " + _norm(a) or t == _norm(a) + " n":
                return rec
    return None


def _alias_index() -> list[tuple[str, str]]:
    pairs = {(_norm(a), rec.name) for rec in _TABLE for a in ((rec.name,) if rec.prose_name else ()) + rec.aliases}
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
