"""Indicator mentions: where a clause names an indicator, and with which parameters.

The grammar covers how people write an indicator, not one text: a window before the name
("50-day MA", "200 SMA", "2-period RSI", "10-week and 50-week exponential moving averages"), after it
("SMA 50/200", "EMA(5)", "RSI 14", "MA(C,10)", "ma(close, 200)"), glued ("EMA21", "200MA", handled by
normalize), platform formulas ("MACD(Close,12,16)", "HHV(H,20)", "PriceLow(Low, 3)"), channel phrasing
("20-day high", "highest high of the last 55 days", "the low of the preceding 20 days", "20-day breakout"),
return phrasing ("12-month return", "returns over the past 12 months", "12-1 month momentum") and named
roles without numbers ("fast SMA", "EMA fast/mid/slow"). Parameters stated apart from the name ("RSI
period: 2", "a lookback of 14 days for the RSI") are attached later by ``attach_loose_params``.

>>> [(m.name, m.params, m.unit) for m in find_mentions("buy when the 50-day ma crosses above ema(200)")]
[('ma', {'window': 50}, 'd'), ('ema', {'window': 200}, None)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from foa.extract.offline.lexicon import CALL_NAMES, INDICATOR_WORDS, TABLE_WORD_RE, TABLE_WORDS, alternation, table_word
from foa.extract.offline.prefilter import may_match, needs
from foa.spec import indicators as _indicators

__all__ = ["DAY_MOVE", "SIGNAL_ROWS", "Mention", "attach_loose_params", "find_mentions", "table_params", "unit_of"]

NUM = r"(\d+(?:\.\d+)?)"
UNIT = (
    r"(?:trading[- ]days?|business[- ]days?|minutes?|mins?|hours?|hrs?|days?|d|weeks?|wks?|w|months?|mos?|m"
    r"|years?|yrs?|y|bars?|periods?|candles?|sessions?|units?)"  # "the 50 unit EMA": bars, as platforms name them
)
_U = rf"(?:\s*-?\s*{UNIT}\b)"  # a whole unit word: "50 down" is not "50 d"
# moving-average words; type: "sma" simple, "ema" exponential, "ma" unstated
MAWORD = (
    r"(?:simple\s+moving\s+averages?|exponential\s+moving\s+averages?|exp\.?\s+moving\s+averages?"
    r"|weighted\s+moving\s+averages?|moving\s+averages?|moving\s+avg|mov\s+avg|(?:exponential|simple)\s+averages?|expavg|smas?|emas?|dmas?|mas|ma|wma)"
)
_LIST_SEP = r"\s*(?:,|/|&|and|or|vs\.?|versus)\s*"


def unit_of(text: str | None) -> str | None:
    """'day' -> 'd', 'weeks' -> 'w', 'month' -> 'm', 'year' -> 'y'; bars/periods -> None."""
    if not text:
        return None
    t = text.strip(" -").lower()
    if t.startswith(("trading", "business", "day", "d", "session")):
        return "d"
    if t.startswith("w"):
        return "w"
    if t.startswith(("month", "mo")) or t == "m":
        return "m"
    if t.startswith("y"):
        return "y"
    if t.startswith(("hour", "hr", "min")):
        return "h"
    return None


def _ma_type(word: str) -> str:
    w = word.lower()
    if w.startswith(("exp", "ema")):
        return "ema"
    if w.startswith(("simple", "sma")):
        return "sma"
    return "ma"  # unstated: resolved per document (declared elsewhere, else simple)


@dataclass
class Mention:
    """An indicator named in a clause. ``name`` may be 'ma' (type unstated) until resolved."""

    name: str
    params: dict = field(default_factory=dict)
    unit: str | None = None
    start: int = 0
    end: int = 0
    role: str | None = None  # fast/mid/slow for unnumbered moving averages; 'volume' for a volume SMA
    source: str = "price"  # 'volume' when the indicator runs on volume
    loose: bool = False  # parameter attached from elsewhere in the clause
    output: str | None = None  # a table indicator's output ("%K" is stoch's slowk), None = its first
    of: Mention | None = None  # the indicator an average runs on ("the RSI crosses above its 9-day EMA")


def table_params(name: str, nums: list[float | int]) -> dict:
    """A table indicator's numbers as parameters: one number is its window (``"window"`` until the spec is
    built, so windows in days convert to bars like foa's own), several fill its windows in order
    ("stochastic (14,3,3)"), numbers with decimals its parameters in order ("SAR(0.02, 0.2)"); numbers
    that do not fit give no parameters (TA-Lib's defaults) rather than a guess.

    >>> table_params("adx", [14]), table_params("stoch", [14, 3, 3]), table_params("sar", [0.02, 0.2])
    ({'window': 14}, {'fastk_period': 14, 'slowk_period': 3, 'slowd_period': 3}, {'acceleration': 0.02, 'maximum': 0.2})
    """
    rec = _indicators.get(name)
    wins = rec.windows
    if not nums:
        return {}
    if name in SIGNAL_ROWS and len(nums) == len(wins) + 1 and all(float(n).is_integer() for n in nums):
        # "PPO(12, 26, 9)", "TRIX(15, 9)": the last number is the signal line's (an EMA of the oscillator)
        return {**dict(zip(wins, nums[:-1])), "signal": nums[-1]}
    if len(nums) == 1 and wins and float(nums[0]).is_integer():
        return {"window": nums[0]}
    if all(float(n).is_integer() for n in nums) and len(nums) <= len(wins):
        return dict(zip(wins, nums))
    if len(nums) <= len(rec.params) and not all(float(n).is_integer() for n in nums):
        return dict(zip(rec.param_names, nums))
    return {}


def _num(s: str) -> float | int:
    x = float(s)
    return int(x) if x.is_integer() else x


def _nums(s: str) -> list[float | int]:
    return [_num(x) for x in re.findall(r"\d+(?:\.\d+)?", s)]


# oscillators traded against a signal line of their own, an EMA of the oscillator (TA-Lib has no output for it):
# "the PPO crosses above its signal line" is the PPO against ema(9) of the PPO
SIGNAL_ROWS = frozenset({"ppo", "apo", "trix"})
_SIGNAL_LINE = re.compile(r"\b(?:its\s+|the\s+|a\s+)?(?:(\d+)\s*-?\s*(?:day|bar|period)\s+)?(?:ema\s+)?signal(?:\s+line)?\b(?!\s+(?:is|occurs|will|to|of))")


# ---- patterns, most specific first; a match consumes its span so later patterns cannot re-read it.
_P: list[tuple[str, re.Pattern[str]]] = []


_NEEDS: list[frozenset[str] | None] = []  # per pattern of _P: text one of which its every match holds


def _add(kind: str, pattern: str) -> None:
    _P.append((kind, re.compile(pattern)))
    _NEEDS.append(needs(_P[-1][1]))


# Table indicators (ADX, SAR, stochastics, CCI, Williams %R, candlestick patterns...), first so that
# "stochastic RSI" or "weighted moving average" is never read as foa's RSI or an average. Generated from the
# table's aliases (``lexicon.TABLE_WORDS``): "ADX(14)", "stochastic (14, 3, 3)", "14-period ADX", "CCI 20",
# "ADX of 14 periods", "Parabolic SAR".
# a named crossover of two lines of one indicator: "a bullish stochastic crossover" (%K over %D), "a bearish DMI
# cross" (+DI under -DI), "the %K/%D crossover"; compare.py pairs the two lines
_add("table_cross", r"(?<![\w%+-])(?:(bullish|bearish|positive|negative|upward|downward)\s+)?(stochastic|stoch|%k\s*(?:/|and|-|x)\s*%d"
     r"|dmi|di|\+di\s*(?:/|and|-|x)\s*-di|di\+\s*(?:/|and|-|x)\s*di-|directional(?:\s+movement)?)\s+cross(?:over|ing)?s?\b")
# an average of an indicator in formula notation: "Mov(CCI(13),3,S)", "MA(RSI(14), 9)", "sma(rsi(14), 5)"
_add("ma_of_call", r"\b(mov|ma|sma|ema|wma|average|avg|xaverage)\s*\(\s*(?P<inner>[a-z%+_-]+\s*\([^()]*\))\s*,\s*(\d+)"
     r"\s*(?:,\s*(s|e|w|simple|exponential|weighted)\s*)?\)")
_TW = rf"(?P<w>{TABLE_WORD_RE})"
_ARGS = r"(?P<args>-?\d+(?:\.\d+)?(?:\s*[,/;]\s*-?\d+(?:\.\d+)?)*)"
_add("table", rf"{_TW}\s*\(\s*(?:(?:c|close|h|high|l|low)\s*,\s*)*{_ARGS}{_U}?\s*\)")
# a TA-Lib name called in code ("plus_di(14)", "cdlengulfing()", "stochrsi(14, 5, 3)"), as the code reader writes it
_add("table_call", r"(?<![\w.])(?P<fn>" + "|".join(sorted(CALL_NAMES, key=lambda n: (-len(n), n))) + r")\s*\(\s*"
     r"(?:(?:c|close|h|high|l|low|o|open|v|volume)\s*,\s*)*(?P<args>-?\d+(?:\.\d+)?(?:\s*[,/;]\s*-?\d+(?:\.\d+)?)*)?\s*\)")
_add("table", rf"\b(?P<pre>\d+(?:\s*[,/]\s*\d+)+|\d+(?=\s*-|{_U})|(?<=\ba\s)\d+|(?<=\bthe\s)\d+)(?:{_U}|\s*-)?\s*(?:(?:slow|fast|full)\s+)?{_TW}")
# a settings line or table row: "Stochastic: 14, 3, 3", "| Stochastic | 14, 3, 3" (a list of numbers only: one
# number after a label may be a level)
# ... also under a word that names them settings: "Stoch settings: 14, 3, 3", "Stochastic inputs (10, 3, 3)"
_SETTINGS_WORD = r"(?:\s+(?:oscillator|indicator))?\s+(?:settings?|parameters?|params|inputs?|values?)"
_SETTINGS_SEP = rf"(?:{_SETTINGS_WORD}\s*[:|=(]?|\s*[:|=])\s*"
_add("table", rf"{_TW}{_SETTINGS_SEP}(?P<post>\d+(?:\s*[,/]\s*\d+)+)(?![\d%]|\.\d)")
# "ADX of 14 periods", "CCI 20." (a window ends a sentence), "ADX over 14 bars" (but "ADX over 25" is a level)
_add("table", rf"{_TW}\s+(?:(?:of|with)\s+(?:the\s+last\s+|a\s+)?|over\s+(?:the\s+last\s+|a\s+)?(?=\d+{_U}))?(?P<post>\d+(?:\.\d+)?(?:(?:\s*[,/]\s*\d+)+|(?:\s+\d+){{2}}(?!\s*\d))?)"
     rf"(?(post)(?![\d%]|\.\d)(?!\s*(?:%|x\b|times|and\s+-?\d|or\s+-?\d|to\s+-?\d|-\s*\d|levels?\b|lines?\b|zones?\b|marks?\b|thresholds?\b|area\b)))")
# "the CCI control level (+40)", "the stochastic's oversold level": a level of the indicator, not the indicator
_add("table", rf"{_TW}(?!'?s?\s+(?:[a-z]+\s+)?levels?\b)")


# MACD with its numbers: "macd(12,26,9)", "macd (12/26/9)", "macd(close,12,16)", "12 and 16 bar macd", "macd 12 26 9"
_add("macd", rf"\bmacd\s*\(\s*(?:c|close|closing|price)?\s*,?\s*{NUM}\s*[,/ ]\s*{NUM}(?:\s*[,/ ]\s*{NUM})?\s*\)")
_add("macd", rf"\bmacd\s+{NUM}\s*[,/ ]\s*{NUM}(?:\s*[,/ ]\s*{NUM})?\b")
# a settings line or table row: "MACD: 8, 17, 9", "| MACD | 8, 17, 9 |", "MACD settings: 8/17/9"
_add("macd", rf"\bmacd{_SETTINGS_SEP}{NUM}\s*[,/ ]\s*{NUM}(?:\s*[,/ ]\s*{NUM})?\b(?![%.]\d|\s*%)")
_add("macd_pre", rf"\b{NUM}\s*(?:,|/|and|&)\s*{NUM}(?:\s*(?:,|/|and|&)\s*{NUM})?{_U}?\s+macd\b")
_add("macd_signal", rf"\b{NUM}{_U}\s+(?:macd\s+)?signal(?:\s+line)?\b|\b{NUM}\s+macd\s+signal\b")
_add("macd_signal", rf"\b(?:signal\s+line|macd\s+signal)\s*(?:period|length|of|=|:)?\s*{NUM}\b|\bsignal\s*(?:period|length)\s*(?:of|=|:)?\s*{NUM}\b")
# "the MACD line (12, 26) crosses its 9-period signal line": the two averages named on the line
_add("macd", rf"\bmacd\s+(?:line|indicator|oscillator)\s*\(\s*{NUM}\s*[,/]\s*{NUM}(?:\s*[,/]\s*{NUM})?\s*\)")
_add("macd", r"\bmacd\b|moving average convergence[- ]divergence")
# quant formula notation: "ma_200,t" / "sma_{50}" (an average's window as a subscript), "p_t / p_{t-252} - 1" and
# "p_i,t / p_i,t-126 - 1" (a return over n bars), "max(h_{t-1..t-55})" / "min(l_{t-1..t-20})" (a channel)
_add("chan_sub", r"\b(max|min)\s*\(\s*[hlc]_\{?t\s*-\s*1\s*\.{2,3}\s*t\s*-\s*(\d+)\}?\s*\)")
_add("roc_ratio", r"\bp_\{?(?:i\s*,\s*)?t\}?\s*/\s*p_\{?(?:i\s*,\s*)?t\s*-\s*(\d+)\}?\s*-\s*1\b")
_add("ma_sub", r"\b(sma|ema|ma)_\{?(\d+)\b\}?")
# one Bollinger line named after the name: "the 20-period Bollinger upper band", "BB lower band (20, 2)"
_add("bbands_side", rf"\b(?:{NUM}{_U}\s+)?(?:bollinger|bb)(?:\s+bands?)?\s+(upper|lower|middle|mid)\s+(?:band|line)s?\b"
     rf"(?:\s*\(\s*{NUM}\s*(?:,\s*{NUM}\s*)?\))?")
# Bollinger: "bollinger bands (20, 2)", "bb(20,2)"
_add("bbands", rf"\b(?:bollinger(?:\s+bands?)?|bbands|bb)\s*\(\s*{NUM}\s*,\s*{NUM}\s*\)")
# a settings line or table row: "Bollinger Bands: 20, 2.5", "| Bollinger | 10, 1.5 |", "BB settings 20, 2"
_add("bbands", rf"\b(?:bollinger(?:\s+bands?)?|bbands|bb){_SETTINGS_SEP}{NUM}\s*[,/]\s*{NUM}\b(?!\s*%)")
# "a 20-bar, 2.5-standard-deviation Bollinger envelope", "20-day, 2-sigma bollinger bands": both stated before the name
_add("bbands_pre", rf"\b{NUM}\s*-?\s*({UNIT})\s*,?\s+{NUM}\s*-?\s*(?:standard[- ]deviations?|std|sd|sigma)\s+bollinger(?:\s+(?:bands?|envelopes?))?\b")
_add("bbands", r"\bbollinger(?:\s+bands?)?\b|\bbbands\b")
# ATR with window ("ATR(14)", "14-day ATR", "ATR 10"); a number after a stop word ("stop: 2 ATR", "stop at 1.5 ATR")
# or with decimals is the stop's multiple, never the window
_add("atr", rf"\batr\s*\(\s*{NUM}\s*\)|\b{NUM}{_U}\s+(?:atr|average true range)\b"
     rf"|(?<!stop\s)(?<!stop:\s)(?<!loss\s)(?<!loss:\s)(?<!=\s)(?<!at\s)\b(?!\d+\.\d)(?<![\d.]){NUM}\s+(?:atr|average true range)s?\b(?!\s*(?:stops?|from|below|above|under|away|trailing|multiple|distance|off)\b)(?!\s*\([^()]{{0,20}}\b(?:atr|average true range)\s*\))|\b(?:atr|average true range)\s+{NUM}(?!\s*(?:x|%|\.\d))\b")
# "ATR (20 days)", "the ATR over 14 bars", "average true range of the last 10 days"
_add("atr", rf"\b(?:atr|average true range)\s*\(\s*{NUM}{_U}\s*\)|\b(?:atr|average true range)\s+(?:of|over|on)\s+(?:the\s+(?:last|past)\s+)?{NUM}\s*-?\s*(?:periods?|days?|bars?|sessions?)\b")
_add("atr", r"\b(?:atr|average true range)(?:_?(?:length|len|period))?\b")  # "ATRLength (default 10)": a platform input
# RSI
_add("rsi", rf"\b{NUM}{_U}?\s+(?:rsi|relative strength index)\b(?:\s*\(\s*(?:rsi|{NUM})\s*\))?")
_add("rsi", rf"\b(?:rsi|relative strength index)\s*(?:\(\s*(?:rsi\s*\)\s*\(\s*)?{NUM}{_U}?\s*\)|\s+{NUM}(?![-/%\d]|\.\d)(?!\s*(?:and|or|to|-)\s*\d))")
_add("rsi", rf"\b(?:rsi|relative strength index)\s+(?:of|over|on)\s+(?:the\s+last\s+)?{NUM}\s*-?\s*(?:periods?|days?|bars?|sessions?)\b")
_add("rsi", r"\b(?:rsi|relative strength index)\b(?:\s*\(rsi\))?")
# Channels / highest / lowest
_HL = r"(?:high(?:est)?|low(?:est)?)"
_add("chan_fn", rf"\b(hhv|llv|highest|lowest|max|min|pricehigh|pricelow)\s*\(\s*(?:[a-z]+\s*,\s*)?{NUM}\s*\)")
# ... "a 7-day closing low" is the lowest close
_add("chan_pre", rf"\b{NUM}{_U}\s+(?:closing\s+)?{_HL}s?(?:\s+(?:high|low|price|close))?(?:\s*(?:and|or|/|&)\s*(?:the\s+)?(?:a\s+)?{_HL}s?)?\b")
_add("chan_post", rf"\b({_HL})s?(?:\s+(?:high|low|price|close|closing price))?\s+(?:of|over|in|for|during|from)\s+(?:the\s+)?(?:last|past|previous|preceding|prior|latest)?\s*{NUM}\s*(?:-\s*)?(?:lookback\s+)?{UNIT}")
# one line of a channel named by its side: "the 20-day upper channel", "the 55-day lower Donchian band", "the upper band
# of the 20-day Donchian channel", "the lower line of the Donchian channel (10)" (a band with no channel named is Bollinger's)
_add("chan_side", rf"\b{NUM}{_U}\s+(upper|lower|top|bottom)\s+(?:donchian\s+)?(?:channel|donchian(?:\s+(?:band|line|channel))?)s?\b(?!\s+(?:of|width)\b)")
_add("chan_side", rf"\b(upper|lower|top|bottom)\s+(?:band|line|channel|boundary|edge)\s+of\s+(?:the\s+|a\s+|its\s+)?"
     rf"(?:{NUM}{_U}\s+donchian(?:\s+channels?)?\b|donchian(?:\s+channels?)?\s*\(?\s*{NUM}\b)"
     rf"|\b(upper|lower|top|bottom)\s+donchian\s+(?:band|line|channel)s?\s*(?:\(\s*|of\s+)?{NUM}\b")
_add("chan_brk", rf"\b{NUM}{_U}\s+(breakouts?|breakdowns?|channels?|donchian)\b")
_add("chan_brk", rf"\b(donchian)(?:\s+channels?)?(?:\s+(?:upper|lower|top|bottom)(?:\s+(?:band|line|channel))?)?(?:\s+(?:of|over|with)(?:\s+the\s+(?:last|past))?)?\s*\(?\s*{NUM}\b")
# Moving averages; platform functions first: Mov(C,10,S), MA(C,10,E), Average(Close,20), XAverage(C,20)
_add("ma_fn", rf"\b(mov|ma|sma|ema|wma|average|avg|xaverage)\s*\(\s*(?:c|close|closing|price)\s*,\s*{NUM}\s*(?:,\s*(s|e|w|simple|exponential|weighted)\s*)?\)")
# "the 200-day line", "the 38-days line", "die 38-Tage-Linie": the moving average of that many days, as German and
# many desks name it (a "signal line" or "trend line" has no window before it and is not matched)
_add("ma_line", r"\b(\d+)\s*-?\s*(days?|weeks?|tage|wochen)[- ]?(?:line|linie)\b")
_add("ma_skip", rf"\b{NUM}\s*-\s*1\s*-?\s*(?:month|m)\b")  # "12-1 month": a momentum window, not an MA
_add("ma_volume", rf"\bvolume\s+(?:sma|ma|ema|moving average)\s*(?:\(\s*{NUM}\s*\)|{NUM})?")
# "10d>50d SMA", "when the 20-day crosses above the 100-day EMA": two windows sharing the noun after the second
_add("ma_cmp", rf"\b{NUM}{_U}?\s*(>=?|<=?)\s*{NUM}{_U}?\s*-?\s*(?:simple\s+|exponential\s+)?{MAWORD}\b"
     rf"|(?:(?<=\bthe\s)|(?<=\bwhen\s)|(?<=\bif\s)|(?<=\bwhile\s)){NUM}{_U}\s+((?:is\s+|stays\s+)?(?:above|below|over|under)|cross(?:es)?\s+(?:above|below|over|under))"
     rf"\s+(?:the\s+){NUM}{_U}\s*-?\s*(?:simple\s+|exponential\s+)?{MAWORD}\b")
_add("ma_list", rf"\b{MAWORD}\s*[:(,-]\s*(?:the\s+)?{NUM}{_U}(?:{_LIST_SEP}(?:the\s+)?{NUM}{_U})+")
# a level before a list is no window: "%K is under 20 and the 200-day SMA" names one average, the 200-day
_LEVEL_BEFORE = r"(?<!\bunder\s)(?<!\bbelow\s)(?<!\babove\s)(?<!\bover\s)(?<!\bthan\s)(?<![<>=]\s)(?<![<>=])"
# ... "a 5-period and a 20-period SMA", "the 10- and 30-day SMAs": each window with its article or a dangling dash
_add("ma_pre", rf"\b{_LEVEL_BEFORE}{NUM}{_U}?(?:-?{_LIST_SEP}(?:the\s+|an?\s+)?{NUM}{_U}?)+\s*(?:-\s*)?(?:simple\s+|exponential\s+|exp\.?\s+)?{MAWORD}\b")
_add("ma_pre", rf"\b{NUM}{_U}?\s*(?:-\s*)?(?:simple\s+|exponential\s+|exp\.?\s+)?{MAWORD}\b")
# ... never a number inside a name: "MA2XoverSE", "ma3crs" (a platform's order or study name) hold no window, but
# "EMA2Median" (the average of a price field) does
_add("ma_post", rf"\b{MAWORD}\s*(?:\(\s*(?:c|close|closing price|price)?\s*,?\s*)?{NUM}(?!\d|\.\d)(?:\s*(?:,|/|&|and)\s*{NUM})*\s*\)?{_U}?"
     rf"(?!\s*(?:%|x\b(?!\s*{MAWORD}\b)|times|standard|std|:\d))(?!(?<=\d)(?!median|close|high|low|open|typical|price|hl2|hlc3|ohlc4)[a-z])")
# parameters bound to bare roles: "Fast SMA = 10 days, slow SMA = 40 days", "fast = 9, slow = 26 (both
# exponential)", "fast length 8, slow length 21, signal smoothing 5" (with a signal: MACD's three numbers)
_FS_KEY = r"(?:\s+(?:length|len|period|line|ema|sma|ma|moving\s+average|average|window))?\s*(?:=|:|of|is|at)?\s*"
_FS_SEP = r"\s*[,;/]?\s*(?:and\s+)?(?:the\s+|a\s+)?"
_add("fs_pair", rf"\bfast(?:er)?{_FS_KEY}{NUM}{_U}?{_FS_SEP}slow(?:er)?{_FS_KEY}{NUM}{_U}?"
     rf"(?:{_FS_SEP}signal(?:\s+(?:length|len|period|smoothing|line))?\s*(?:=|:|of|is|at)?\s*{NUM}{_U}?)?"
     r"(?:\s*\(?\s*(?:both\s+)?(?:are\s+)?(exponential|simple|ema|sma)s?\b)?")
# config keys: "fast_ema: 21", "ema_slow = 55", "slow_ma_period: 200", "fast_length: 9" (beside MA talk)
_add("ma_cfg", rf"\b(fast|slow|short|long)_?(sma|ema|ma)(?:_?(?:period|length|len|window))?[\"']?\s*[:=]\s*{NUM}\b"
     rf"|\b(sma|ema|ma)_?(fast|slow|short|long)(?:_?(?:period|length|len|window))?[\"']?\s*[:=]\s*{NUM}\b")
# "falls 2% or more in a single day", "closes up 3% on the day": a one-day return (compare.py reads its level)
# Present tense after a rule word only: "SPY fell 3% in a single day" is news, not a rule
DAY_MOVE = (r"\b(?:when|whenever|if|once|every\s+time|after|any\s+day)\b[^.;,]{0,40}?\b(?:(falls?|drops?|declines?|loses?|sinks?|(?:is|closes?|ends?)\s+(?:down|lower))"
            r"|rises?|gains?|jumps?|(?:is|closes?|ends?)\s+(?:up|higher))\s+(?:by\s+)?(?:at\s+least\s+|more\s+than\s+|over\s+)?"
            r"(\d+(?:\.\d+)?)\s*%(?:\s+or\s+more)?\s+(?:in\s+(?:a|one)\s+(?:single\s+)?(?:trading\s+)?(?:day|session)|on\s+the\s+day)\b")
_add("day_move", DAY_MOVE)
_add("ma_of", rf"\b{MAWORD}\s+of\s+(?:the\s+last\s+)?{NUM}\s*-?\s*({UNIT})\b(?!\s+(?:high|low|return))")
_add("ma_role", rf"\b(fast(?:er|est)?|slow(?:er|est)?|quick(?:er|est)?|mid|medium|short(?:er|est)?(?:-term)?|long(?:er|est)?(?:-term)?)\s+(?:simple\s+|exponential\s+)?{MAWORD}\b")
# "the fast average", "a slower one", "the fastlength average" (platform inputs named FastLength/SlowLength);
# not "the fast line", which in MACD texts is the MACD line
_add("ma_role", r"\b(fast(?:er|est)?|slow(?:er|est)?|quick(?:er|est)?|shorter|longer|shortest|longest|medium|mid|middle)"
     r"(?:length|len|period)?\s+(?:simple\s+|exponential\s+)?(?:averages?|avg|one)\b")
# "the short one crosses above the long one", "the long-term average": the averages named before, by their length
# (never "a long-term average", an average in general)
_add("ma_role", r"(?<=\bthe\s)(short|long)\s+(?:one|1)\b(?![\d.%])|(?<=\bthe\s)((?:short|long)(?:er)?[- ]term)\s+(?:averages?|avg|one)\b")
_add("ma_role_post", rf"\b{MAWORD}\s+((?:fast|slow|mid|medium)(?:\s*/\s*(?:fast|slow|mid|medium))*)\b")
_add("ma_bare", rf"\b{MAWORD}\b")
# "the 50-day crosses above the 200-day": a window with its noun left out (kept only beside MA talk)
# ... "two moving averages, a 10-day and a 40-day": windows listed with their noun left out
_add("ma_ellipsis", rf"(?<=,\s)an?\s+{NUM}\s*-\s*(?:day|week|month|bar|period)(?=\s+(?:and|&)\s+an?\s+\d+\s*-\s*(?:day|week|month|bar|period)\s*(?:[.,;:)]|$))"
     rf"|(?<=\sand\s)an?\s+{NUM}\s*-\s*(?:day|week|month|bar|period)(?=\s*(?:[.,;:)]|$))")
_add("ma_ellipsis", rf"\b(?:a|one)\s+{NUM}\s*-?\s*(?:day|week|month|bar|period)\s+one\b|\bthe\s+{NUM}\s*-?\s*(?:day|week|month|bar|period)\b(?!\s*-?\s*(?:high|low|return|momentum|performance|change|rate|roc|breakout|channel|rsi|atr|price|volume|[a-z]+ing\b))(?:\s+(?:one|1)\b)?")
# volatility as what a ranking sorts on: "the standard deviation of their past 36 monthly returns",
# "60-day volatility", "volatility over the last 90 days"
_VOLW = r"(?:standard\s+deviation|volatility|stdev|std\.?\s+dev\.?)"
_add("stdev", rf"\b{_VOLW}\s+(?:of\s+(?:their|its|the)\s+|over\s+the\s+|of\s+)?(?:past|last|trailing|prior|previous)?\s*{NUM}\s*-?\s*(?:(daily|weekly|monthly)\s+returns?|({UNIT})\b)"
     rf"|\b{NUM}\s*-?\s*({UNIT})\s+(?:return\s+|realized\s+|realised\s+|historical\s+)?{_VOLW}")
# Returns / momentum
_RET = r"(?:total\s+|price\s+|trailing\s+|excess\s+|cumulative\s+)?(?:returns?|momentum|performance|rate\s+of\s+change|roc|price\s+change|change|gains?)"
_add("roc_skip1", rf"\b{NUM}\s*(?:-|minus)\s*1\s*-?\s*(?:month|m)\b")
_add("roc_list", rf"\b{NUM}(?:{_LIST_SEP}{NUM})+\s*-?\s*({UNIT})\s+{_RET}")
_add("roc_list", rf"\b(?:momentum|returns?)\s+(?:in|over|of)\s+{NUM}(?:{_LIST_SEP}{NUM})+\s*-?\s*({UNIT})\b")
_add("roc_pre", rf"\b{NUM}\s*-?\s*({UNIT})\s+{_RET}\b")
# "if none of them is up over 6 months": the return over the span after "up"/"down" (the "is up" is the comparator)
_add("roc_pre", rf"(?:(?<=\bup\s)|(?<=\bdown\s))(?:over|in|for)\s+(?:the\s+)?(?:past\s+|last\s+)?{NUM}\s*-?\s*({UNIT})\b")
_add("roc_post", rf"\b(?:returns?|performance|momentum|performing|gone\s+(?:up|down)|rate\s+of\s+change|change)\s+(?:\w+\s+){{0,3}}?(?:over|of|for|in|during)\s+(?:the\s+)?(?:past|last|previous|prior|trailing|preceding)\s+(?:{NUM}\s+)?({UNIT})\b")
_add("roc_fn", rf"\b(?:roc|rate of change|mom|momentum)\s*\(\s*{NUM}\s*\)|\broc\s+{NUM}\b")
_add("roc_cfg", rf"\blookback(?:[_ ](days?|weeks?|months?|years?|bars?|periods?))?\s*[:=|]\s*{NUM}\b")
# "cumulative return from month t-12 to month t-2": the months between the two lags, inclusive
_add("roc_span", r"\bfrom\s+month\s+t\s*-\s*(\d+)\s+(?:to|through|until)\s+(?:month\s+)?t\s*-\s*(\d+)\b")
# "sort stocks into deciles on their past returns", "ranked by cumulative return": what a ranking sorts on
_add("roc_rank", r"\b(?:sort|sorts|sorted|sorting|rank|ranks|ranked|ranking)\s+(?:\w+\s+){0,6}?(?:on|by|according\s+to)\s+(?:their|its|the)?\s*"
     r"(?:past|prior|cumulative|total|trailing|lagged|recent|price)?\s*returns?\b")
_add("roc_bare", r"\b(?:price\s+momentum|relative\s+strength(?!\s+(?:index|lines?|charts?|plots?))|momentum\s+score|rate\s+of\s+change|highest\s+(?:price\s+)?(?:return|momentum|performance)|best[- ]performing|worst[- ]performing|(?:12|\d+)m\s+return|roc)\b")


# words between an indicator's name and its numbers that name nothing of their own: "RSI indicator (7)", "the
# MACD-combo (12,26,9)", "CCI oscillator (20)", "an RSI set to 21 periods"; read as blanks of the same length so
# every pattern reads the name with its numbers and every span stays where it was
_FILLER = re.compile(
    r"(?:\s*-\s*[a-z]+|\s+(?:indicator|oscillator|study|filter|line))(?=\s*\(\s*(?:(?:c|close|price)\s*,\s*)?\d)"
    r"|(?:\s*,)?\s+(?:indicator\s+|oscillator\s+)?(?:(?:is\s+)?set|configured|adjusted)\s+(?:to|at)(?=\s+\d+(?:\.\d+)?"
    r"(?:\s*-?\s*(?:periods?|bars?|days?|candles?|sessions?|weeks?|months?))?(?![\d%]|\.\d)(?!\s*(?:level|line|threshold|mark|zone|as|for|(?:the\s+|an?\s+)?(?:oversold|overbought|upper|lower|buy|sell|entry|exit))\b))")
_NAME_END = re.compile(
    "(?:" + alternation(tuple(w for w in INDICATOR_WORDS | TABLE_WORDS.keys() if len(w) > 1)) + ")$")


def blank_fillers(norm: str) -> str:
    """``norm`` with the filler words between an indicator's name and its numbers blanked (same length).

    >>> blank_fillers("buy when the rsi indicator (7) is below 30")
    'buy when the rsi           (7) is below 30'
    >>> blank_fillers("the range-bound (20) market")
    'the range-bound (20) market'
    """
    if not _FILLER.search(norm):
        return norm
    out = list(norm)
    for m in _FILLER.finditer(norm):
        if _NAME_END.search(norm, max(0, m.start() - 40), m.start()):
            out[m.start():m.end()] = " " * (m.end() - m.start())
    return "".join(out)


# a window restated in brackets in another unit: "the 12-month (250 day) SMA", "a 2-month (42 trading days)
# return", "the 200-day (40-week) SMA"
_RESTATED = re.compile(rf"\b(\d+(?:\.\d+)?\s*-?\s*{UNIT})\s*\(\s*(?:(?:about|approx\.?|approximately|roughly|around|or|i\.e\.?|~|=)\s*)?"
                       rf"(\d+(?:\.\d+)?\s*-?\s*{UNIT})\s*\)")


def one_window(norm: str) -> str:
    """``norm`` with each window restated in brackets written once (same length): the one in days when the other
    is not, since daily bars are the finest foa reads, else the first.

    >>> one_window("over the 12-month (250 day) sma")
    'over the 250 day            sma'
    >>> one_window("the 50-day (10-week) sma")
    'the 50-day           sma'
    """
    def repl(m: re.Match[str]) -> str:
        outer, inner = m.group(1), m.group(2)
        days = lambda w: unit_of(re.sub(r"^[\d.]+\s*-?\s*", "", w)) == "d"  # noqa: E731
        pick = inner if days(inner) and not days(outer) else outer
        return pick.ljust(len(m.group(0)))

    return _RESTATED.sub(repl, norm) if "(" in norm else norm


_AVG = r"(?:ma|sma|ema|wma|moving\s+averages?)"
_LINE_COUNT = re.compile(rf"(?<![\d.,/-])\b[1-9](?=\s+{_AVG}\s+\d+\b(?!\s*-?\s*(?:(?:day|period|bar|week)s?\s+)?{_AVG}\b))")


def find_mentions(norm: str) -> list[Mention]:
    """Every indicator mention in a normalised clause, left to right."""
    norm = one_window(blank_fillers(norm))
    # "add 2 ma 5 or ma 10 lines", "plot 3 ema 8, 13 and 21": a count of lines before an average that states its window
    norm = _LINE_COUNT.sub(lambda m: " " * len(m.group(0)), norm)
    taken = [False] * (len(norm) + 1)
    out: list[Mention] = []

    def free(a: int, b: int) -> bool:
        return not any(taken[a:b])

    for (kind, pat), need in zip(_P, _NEEDS):
        if not may_match(need, norm):
            continue  # none of the text the pattern's matches hold: the search would find nothing
        pos = 0
        while pos <= len(norm):
            m = pat.search(norm, pos)
            if m is None:
                break
            a, b = m.span()
            if not free(a, b):
                # a match over a span already read ("14 periods, the 50-day sma"): try again inside it
                pos = a + 1
                continue
            pos = max(b, a + 1)
            for i in range(a, b):
                taken[i] = True
            out.extend(_build(kind, m))
    out.sort(key=lambda x: x.start)
    # "it divides a 9-bar moving average of up closes by one of down closes": the average inside an indicator's definition
    out = [x for x in out if not (x.name in ("ma", "sma", "ema", "wma") and _AVERAGE_OF_PARTS.match(norm, x.end))]
    # "the simple moving average (SMA) of the last 10 days": the abbreviation in brackets names the same indicator
    merged: list[Mention] = []
    for x in out:
        y = merged[-1] if merged else None
        if y is not None and y.name == x.name and _ABBREVIATION_OPEN.fullmatch(norm, y.end, x.start) \
                and (_ABBREVIATION_CLOSE.match(norm, x.end) or norm[x.end - 1] == ")") and not (x.params and y.params):
            y.params, y.unit = (y.params, y.unit) if y.params else (x.params, x.unit)
            close = _ABBREVIATION_CLOSE.match(norm, x.end)
            y.end = close.end() if close else x.end
            continue
        merged.append(x)
    out = merged
    # "the RSI is calculated using an exponential moving average of 14 days": the smoothing inside another indicator
    # (its window, when it states one, is the indicator's own: "the CCI using a 20-day SMA" is a 20-day CCI)
    kept = []
    for x in out:
        if x.name in ("ma", "sma", "ema", "wma") and _INGREDIENT.search(norm, max(0, x.start - 90), x.start):
            owner = next((o for o in reversed(kept) if o.end <= x.start), None)
            if owner is not None and "window" in x.params and not owner.params and owner.name in _WINDOWED:
                owner.params["window"] = x.params["window"]
            continue
        kept.append(x)
    out = kept
    osc = next((x for x in out if x.name in SIGNAL_ROWS), None)
    if osc is not None and not any(x.name == "macd" and x.role != "signal" for x in out):
        # "its 9-day signal line" beside a PPO is the PPO's signal line, not MACD's
        out = [Mention("ema", {"window": x.params["signal"]}, None, x.start, x.end, role="signal_of", of=osc)
               if x.name == "macd" and x.role == "signal" and x.start > osc.start else x for x in out]
        for sm in _SIGNAL_LINE.finditer(norm, osc.end):
            if free(sm.start(), sm.end()):
                n = _num(sm.group(1)) if sm.group(1) else osc.params.get("signal", 9)
                out.append(Mention("ema", {"window": n}, None, sm.start(), sm.end(), role="signal_of", of=osc))
                for i in range(sm.start(), sm.end()):
                    taken[i] = True
        out.sort(key=lambda x: x.start)
    osc = next((x for x in out if x.name in _SIGNAL_OUTPUT and x.output in (None, _indicators.get(x.name).outputs[0])), None)
    if osc is not None and not any(x.name == "macd" and x.role != "signal" for x in out):
        # "the stochastic crosses its signal line": the %D line (StochRSI's fastd, the SMI's signal); "its 3-period
        # signal line" is that line with its period
        d_param = _D_PERIOD.get(osc.name)
        given = next((x.params["signal"] for x in out if x.name == "macd" and x.role == "signal" and x.start > osc.start), None)
        if d_param and given is not None:
            osc.params.setdefault(d_param, given)  # one indicator, its %D period stated with the signal line
        out = [Mention(osc.name, dict(osc.params), osc.unit, x.start, x.end,
                       output=_SIGNAL_OUTPUT[osc.name])
               if x.name == "macd" and x.role == "signal" and x.start > osc.start else x for x in out]
        for sm in _SIGNAL_LINE.finditer(norm, osc.end):
            if free(sm.start(), sm.end()):
                out.append(Mention(osc.name, dict(osc.params), osc.unit, sm.start(), sm.end(), output=_SIGNAL_OUTPUT[osc.name]))
                for i in range(sm.start(), sm.end()):
                    taken[i] = True
        out.sort(key=lambda x: x.start)
    for x in out:
        line = _BAND_LINE.search(norm, 0, x.start) if x.name == "bbands" else None
        if line:  # "the lower Bollinger band (20, 2)": that line of the bands, not the middle one
            x.role = {"mid": "middle", "centre": "middle", "center": "middle"}.get(line.group(1), line.group(1))
        r = _AS_ROLE.match(norm, x.end)
        if r and x.name in ("ma", "sma", "ema") and "window" in x.params and x.role is None:
            x.role = "fast" if r.group(1).startswith(("fast", "short")) else "slow"
    return out


_ABBREVIATION_OPEN = re.compile(r"\s*\(\s*")
_ABBREVIATION_CLOSE = re.compile(r"\s*\)")
# what follows a small count of averages: "3 moving average lines", "the 2 MA crossover", "a 3 EMA system",
# "2 moving average price crossover"
_COUNTED = re.compile(r"\s*-?\s*(?:(?:price|line)\s+)?(?:lines|crossovers?|cross-overs?|cross\b|crosses\b|systems?\b|strateg(?:y|ies)\b|methods?\b|ribbons?\b)")
# an average named as how another indicator is computed: "the RSI using the exponential moving average", "a MACD
# calculated from two EMAs", "ATR smoothed with a 14-day EMA" (the indicator names come from the table, less the averages)
_NOT_INGREDIENT_OF = ("sma", "ema", "ma", "wma", "dema", "tema", "trima", "kama", "mama", "t3", "average", "moving average",
                      "high", "low", "highest", "lowest", "breakout", "breakdown", "volume", "momentum")
_INGREDIENT = re.compile(
    alternation(tuple(w for w in INDICATOR_WORDS | TABLE_WORDS.keys() if len(w) > 1 and w not in _NOT_INGREDIENT_OF
                      and not re.search(r"\b(?:average|ma|ema|sma)\b", w)))
    + r"(?:\s+(?:indicator|oscillator|line|value|values))?(?:\s*\([^()]{0,12}\))?\s+(?:is\s+|are\s+|gets\s+|was\s+)?"
      r"(?:(?:calculated|computed|smoothed|built|derived|constructed|made)\s+(?:with|using|from|by|on|out\s+of)|using|uses)"
      r"\s+(?:the\s+|an?\s+|its\s+|two\s+|2\s+)?$")
_WINDOWED = frozenset(r.name for r in _indicators.table() if r.source == "foa" and r.windows == ("window",)) \
    | frozenset(r.name for r in _indicators.table() if r.source == "talib" and len(r.windows) == 1)
# what an average inside an indicator's definition runs on: gains and losses, up and down moves, true ranges, %K
_AVERAGE_OF_PARTS = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+)?(?:(?:average|absolute|positive|negative|daily|bar|price|recent)\s+)?"
                               r"(?:gains?|losses|ups?\b|downs?\b|up\s+(?:and\s+down\s+)?(?:moves|closes|days|changes)|(?:price\s+)?changes"
                               r"|true\s+ranges?|ranges|differences|advances|declines|upward\s+(?:and\s+downward\s+)?(?:moves|changes)"
                               # "%D is the 3-day moving average of %K": the stochastic's own signal line
                               r"|%k\b(?:\s+line)?)")
# the line of a Donchian channel a text names: before it ("the upper Donchian channel"), in it ("Donchian upper band of
# 20"), or right after it ("the 20-day Donchian lower band", "the 55-day Donchian high")
_DONCHIAN_SIDE = re.compile(r"\b(?P<side>upper|lower|top|bottom)\s+$")
# "the upper band of the 20-day Donchian channel": the line named before the channel, the mention reaching back to it
_DONCHIAN_OF = re.compile(r"\b(?P<side>upper|lower|top|bottom)\s+(?:band|line|boundary|edge|channel)\s+of\s+(?:the\s+|a\s+|its\s+)?$")
_DONCHIAN_IN = re.compile(r"\bdonchian(?:\s+channels?)?\s+(?P<side>upper|lower|top|bottom)\b")
_DONCHIAN_AFTER = re.compile(r"\)?\s+(?:channel\s+)?(?P<side>upper|lower|top|bottom|high|low)\b(?!\s+of\b)")
# table oscillators whose second line is their signal line: the row -> that output
_SIGNAL_OUTPUT = {"stoch": "slowd", "stochf": "fastd", "stochrsi": "fastd", "smi": "smisignal"}
_D_PERIOD = {"stoch": "slowd_period", "stochf": "fastd_period", "stochrsi": "fastd_period"}
_BAND_LINE = re.compile(r"\b(upper|lower|middle|mid|centre|center)\s+$")
# "a 12-day EMA as the fast line", "the 26-day one serves as the slow average": the role after the average
_AS_ROLE = re.compile(r"\s*,?\s*(?:\w+\s+){0,2}?(?:as|for)\s+(?:the|our|a)\s+(fast(?:er)?|slow(?:er)?|short(?:er)?|long(?:er)?)\b(?!\s*-?\s*term)")


def _build(kind: str, m: re.Match[str]) -> list[Mention]:
    a, b = m.span()
    text = m.group(0)
    g = [x for x in m.groups()]

    def mk(name: str, params: dict | None = None, unit: str | None = None, role: str | None = None,
           source: str = "price") -> Mention:
        return Mention(name, dict(params or {}), unit, a, b, role, source)

    if kind == "table_cross":
        way = "bear" if g[0] in ("bearish", "negative", "downward") else "bull"
        fast, slow = (("stoch", "slowk"), ("stoch", "slowd")) if g[1].startswith(("stoch", "%k")) else (("plus_di", None), ("minus_di", None))
        mid = m.start(2) + len(g[1]) // 2
        one, two = Mention(fast[0], {}, None, a, mid, "x" + way), Mention(slow[0], {}, None, mid, b, "x" + way)
        one.output, two.output = fast[1], slow[1]
        return [one, two]
    if kind == "ma_of_call":
        fn, n, typ = g[0], g[2], (g[3] or "")
        inner = find_mentions(m.group("inner"))
        if len(inner) != 1:
            return []
        kind_ = "ema" if fn in ("ema", "xaverage") or typ.startswith("e") else "wma" if fn == "wma" or typ.startswith("w") else "sma"
        out = mk(kind_, {"window": _num(n)})
        inner[0].start, inner[0].end = inner[0].start + m.start("inner"), inner[0].end + m.start("inner")
        out.of = inner[0]
        return [out]
    if kind == "table_call":
        nums = _nums(m.group("args")) if m.group("args") else []
        out = mk(g[0], table_params(g[0], nums))
        if g[0].startswith("cdl"):
            sign = re.search(r"\b(bullish|bearish)\s+$", m.string[max(0, a - 12):a])
            out.role = ("bear" if sign.group(1) == "bearish" else "bull") if sign else None
        return [out]
    if kind == "table":
        hit = table_word(m.group("w"))
        if hit is None:
            return []
        name, output = hit
        nums_txt = next((m.group(k) for k in ("args", "pre", "post") if k in m.groupdict() and m.group(k)), None)
        nums = _nums(nums_txt) if nums_txt else []
        if m.groupdict().get("args") and m.group("args").lstrip().startswith("-"):
            nums = []  # "CCI(-100)": a level, not a window
        unit = unit_of(re.search(rf"{UNIT}\b", text[len(nums_txt or ""):]).group(0)) if m.groupdict().get("pre") and re.search(
            rf"^\d+(?:\s*[,/]\s*\d+)*\s*-?\s*{UNIT}\b", text) else None
        out = mk(name, table_params(name, nums), unit)
        out.output = output
        if name.startswith("cdl"):  # "a bearish engulfing candle": the pattern's bearish reading
            sign = re.search(r"\b(bullish|bearish)\s+$", m.string[max(0, a - 12):a]) or re.match(r"(bullish|bearish)\b", text)
            out.role = ("bear" if sign.group(1) == "bearish" else "bull") if sign else None
        return [out]
    if kind == "ma_fn":
        fn, arg = g[0], (g[2] or "")
        typ = "ema" if fn in ("ema", "xaverage") or arg.startswith("e") else "sma" if fn == "sma" or arg.startswith("s") else "ma"
        return [mk(typ, {"window": _num(g[1])})]
    if kind == "day_move":
        return [mk("roc", {"window": 1}, "d", role="day_move")]
    if kind in ("ma_skip",):
        return [mk("roc", {"window": _num(g[0])}, "m")]
    if kind == "macd":
        nums = [x for x in g if x is not None]
        if not nums:
            return [mk("macd")]
        p = {"fast": _num(nums[0]), "slow": _num(nums[1])}
        if len(nums) > 2:
            p["signal"] = _num(nums[2])
        return [mk("macd", p)]
    if kind == "macd_pre":
        nums = [_num(x) for x in g if x is not None and re.fullmatch(r"\d+(?:\.\d+)?", x)]
        p = {"fast": nums[0], "slow": nums[1]}
        if len(nums) > 2:
            p["signal"] = nums[2]
        return [mk("macd", p)]
    if kind == "macd_signal":
        # the period sits in whichever alternative matched ("9-day signal line", "signal line of 9")
        n = next(x for x in g if x is not None and re.fullmatch(r"\d+(?:\.\d+)?", x))
        return [mk("macd", {"signal": _num(n)}, role="signal")]
    if kind == "bbands_side":
        params = {k: _num(v) for k, v in (("window", g[0] or g[2]), ("std", g[3])) if v}
        return [mk("bbands", params, unit_of(re.search(rf"\d\s*-?\s*({UNIT})\b", text).group(1)) if g[0] and re.search(
            rf"\d\s*-?\s*({UNIT})\b", text) else None, role={"mid": "middle"}.get(g[1], g[1]))]
    if kind == "bbands_pre":
        return [mk("bbands", {"window": _num(g[0]), "std": _num(g[2])}, unit=unit_of(g[1]))]
    if kind == "bbands":
        if g and g[0]:
            return [mk("bbands", {"window": _num(g[0]), "std": _num(g[1])})]
        return [mk("bbands")]
    if kind == "atr":
        nums = [x for x in g if x and re.fullmatch(r"\d+(?:\.\d+)?", x)]
        return [mk("atr", {"window": _num(nums[0])} if nums else {})]
    if kind == "rsi":
        nums = [x for x in g if x and re.fullmatch(r"\d+(?:\.\d+)?", x)]
        unit = unit_of(re.search(UNIT + r"(?=\s+(?:rsi|relative))", text).group(0)) if nums and re.search(
            UNIT + r"(?=\s+(?:rsi|relative))", text) else None
        return [mk("rsi", {"window": _num(nums[0])} if nums else {}, unit)]
    if kind == "chan_fn":
        fn = g[0]
        name = "highest" if fn in ("hhv", "highest", "max", "pricehigh") else "lowest"
        return [mk(name, {"window": _num(g[1])})]
    if kind == "chan_pre":
        n = _num(g[0])
        unit = unit_of(re.match(rf"\d+(?:\.\d+)?\s*-?\s*({UNIT})", text).group(1))
        names = []
        for w in re.findall(r"\b(high(?:est)?|low(?:est)?)s?\b", text[len(g[0]):]):
            nm = "highest" if w.startswith("high") else "lowest"
            if nm not in names:
                names.append(nm)
        return [mk(nm, {"window": n}, unit, source="close" if re.search(r"\bclosing\s", text) else "price") for nm in names[:2]]
    if kind == "chan_post":
        nm = "highest" if g[0].startswith("high") else "lowest"
        return [mk(nm, {"window": _num(g[1])}, unit_of(m.group(0).rsplit(" ", 1)[-1]))]
    if kind == "chan_side":
        side, n = (g[1], g[0]) if g[0] and g[0][0].isdigit() else (g[0] or g[3], g[1] or g[2] or g[4])
        u = re.search(rf"\d+(?:\.\d+)?\s*-?\s*({UNIT})\b", text)
        return [mk("highest" if side in ("upper", "top") else "lowest", {"window": _num(n)}, unit_of(u.group(1)) if u else None)]
    if kind == "chan_brk":
        # "the upper Donchian channel of 20 days", "the 10-day Donchian lower band": that one line of the channel
        named_of = _DONCHIAN_OF.search(m.string[max(0, a - 40):a]) if "donchian" in text else None
        side = _DONCHIAN_SIDE.search(m.string[max(0, a - 14):a]) or named_of \
            or _DONCHIAN_AFTER.match(m.string, b) or _DONCHIAN_IN.search(text)
        only = None if side is None else "highest" if side.group("side") in ("upper", "top", "high") else "lowest"
        if named_of is not None:  # the line's words belong to the mention: never a Bollinger band of their own
            a = max(0, a - 40) + named_of.start()
        if g[0] == "donchian":
            unit = unit_of(re.search(rf"\d+\s*-?\s*({UNIT})\b", m.string[b - len(g[1]):b + 12]).group(1)) if re.search(
                rf"\d+\s*-?\s*({UNIT})\b", m.string[b - len(g[1]):b + 12]) else None
            return [mk(nm, {"window": _num(g[1])}, unit) for nm in ("highest", "lowest") if only in (None, nm)]
        n, word = _num(g[0]), g[1]
        unit = unit_of(re.match(rf"\d+\s*-?\s*({UNIT})", text).group(1))
        if word == "donchian" and only is not None:
            return [mk(only, {"window": n}, unit)]
        if word.startswith("breakdown"):
            return [mk("lowest", {"window": n}, unit)]
        if word.startswith("breakout"):
            return [mk("highest", {"window": n}, unit)]
        return [mk("highest", {"window": n}, unit), mk("lowest", {"window": n}, unit)]
    if kind == "ma_line":
        return [mk("ma", {"window": _num(g[0])}, "w" if g[1].startswith(("week", "woch")) else "d")]
    if kind == "ma_pre":
        typ = _ma_type(re.search(MAWORD + r"\b", text).group(0))
        if re.search(r"\bsimple\s", text):
            typ = "sma"
        if re.search(r"\bexp", text):
            typ = "ema"
        nums_part = text[: re.search(MAWORD + r"\b$", text).start()] if re.search(MAWORD + r"\b$", text) else text
        items = re.findall(rf"(\d+(?:\.\d+)?)({_U})?", nums_part)
        if len(items) == 1 and not items[0][1] and (re.search(r"(?:averages|smas|emas|mas)$", text)
                                                   or (float(items[0][0]) in (2, 3) and _COUNTED.match(m.string, b))):
            return []  # "2 exponential moving averages", "3 moving average lines", "a 2 MA crossover": a count
        out = []
        units = [unit_of(u) for _, u in items if u]
        for n, u in items:
            out.append(mk(typ, {"window": _num(n)}, unit_of(u) if u else (units[-1] if units else None)))
        return out
    if kind == "ma_post":
        typ = _ma_type(re.match(MAWORD, text).group(0))
        u = re.search(rf"\d\s*\)?({_U})$", text)
        unit = unit_of(u.group(1)) if u else None
        return [mk(typ, {"window": n}, unit) for n in _nums(text[len(re.match(MAWORD, text).group(0)):])]
    if kind == "ma_of":
        return [mk(_ma_type(re.match(MAWORD, text).group(0)), {"window": _num(g[0])}, unit_of(g[1]))]
    if kind == "ma_cmp":
        k = 0 if g[0] else 3
        typ = _ma_type(re.search(MAWORD + r"\b$", text).group(0))
        typ = "sma" if re.search(r"\bsimple\s", text) else "ema" if re.search(r"\bexp", text) else typ
        units = [unit_of(u) for u in re.findall(rf"\d(?:\.\d+)?\s*-?\s*({UNIT})\b", text)]
        unit = units[-1] if units else None
        first = Mention(typ, {"window": _num(g[k])}, unit, m.start(k + 1), m.start(k + 2))
        second = Mention(typ, {"window": _num(g[k + 2])}, unit, m.start(k + 3), b)
        return [first, second]
    if kind == "ma_list":
        typ = _ma_type(re.match(MAWORD, text).group(0))
        return [mk(typ, {"window": _num(n)}, unit_of(u)) for n, u in re.findall(rf"(\d+(?:\.\d+)?)({_U})", text)]
    if kind == "fs_pair":
        nums = [x for x in g[:3] if x]
        if len(nums) == 3:
            return [mk("macd", {"fast": _num(nums[0]), "slow": _num(nums[1]), "signal": _num(nums[2])})]
        kinds = re.findall(r"\b(sma|ema|simple|exponential)\b", text)
        typ = {"simple": "sma", "exponential": "ema"}.get(kinds[-1], kinds[-1]) if kinds else "ma"
        units = [unit_of(u) for u in re.findall(rf"\d\s*-?\s*({UNIT})\b", text)]
        unit = units[-1] if units else None
        return [Mention(typ, {"window": _num(nums[0])}, unit, a, m.start(2), "fast"),
                Mention(typ, {"window": _num(nums[1])}, unit, m.start(2), b, "slow")]
    if kind == "ma_cfg":
        role, typ, n = (g[0], g[1], g[2]) if g[0] else (g[4], g[3], g[5])
        role = "fast" if role in ("fast", "short") else "slow"
        return [mk("ma" if typ == "ma" else typ, {"window": _num(n)}, role=role)]
    if kind == "ma_role":
        role = next(x for x in g if x)
        role = "fast" if role.startswith(("fast", "short", "quick")) else "slow" if role.startswith(("slow", "long")) else "mid"
        typ = re.search(MAWORD + r"\b$", text)
        typ = _ma_type(typ.group(0)) if typ else ("sma" if "simple" in text else "ema" if "exponential" in text else "ma")
        return [mk(typ, {}, role=role)]
    if kind == "ma_role_post":
        typ = _ma_type(re.match(MAWORD, text).group(0))
        return [mk(typ, {}, role=r) for r in re.findall(r"fast|slow|mid|medium", g[0])]
    if kind == "ma_volume":
        nums = [x for x in g if x]
        return [mk("sma", {"window": _num(nums[0])} if nums else {}, source="volume")]
    if kind == "ma_ellipsis":
        n = re.search(r"\d+(?:\.\d+)?", text).group(0)
        return [mk("ma", {"window": _num(n)}, unit_of(re.search(r"\d\s*-?\s*([a-z]+)", text).group(1)), role="ellipsis")]
    if kind == "ma_bare":
        return [mk(_ma_type(text))]
    if kind == "roc_span":
        hi, lo = int(g[0]), int(g[1])
        return [mk("roc", {"window": hi - lo + 1}, "m")] if hi > lo else []
    if kind == "roc_rank":
        return [Mention("roc", {}, None, m.end() - len(re.search(r"\w+$", text).group(0)), b)]
    if kind == "roc_skip1":
        return [mk("roc", {"window": _num(g[0])}, "m")]
    if kind == "roc_list":
        unit_txt = [x for x in g if x and not re.fullmatch(r"\d+(?:\.\d+)?", x)]
        unit = unit_of(unit_txt[-1]) if unit_txt else None
        return [mk("roc", {"window": n}, unit) for n in _nums(re.sub(UNIT + r"\b", "", text))]
    if kind == "roc_pre":
        return [mk("roc", {"window": _num(g[0])}, unit_of(g[1]))]
    if kind == "roc_post":
        n = _num(g[0]) if g[0] else 1
        return [mk("roc", {"window": n}, unit_of(g[1]))]
    if kind == "roc_fn":
        n = [x for x in g if x]
        return [mk("roc", {"window": _num(n[0])})]
    if kind == "roc_cfg":
        return [mk("roc", {"window": _num(g[1])}, unit_of(g[0]) if g[0] else None, role="config")]
    if kind == "chan_sub":
        return [mk("highest" if g[0] == "max" else "lowest", {"window": _num(g[1])})]
    if kind == "roc_ratio":
        return [mk("roc", {"window": _num(g[0])})]
    if kind == "ma_sub":
        return [mk(g[0], {"window": _num(g[1])})]
    if kind == "stdev":
        nums = [x for x in g if x and re.fullmatch(r"\d+(?:\.\d+)?", x)]
        unit = next((x for x in g if x and not re.fullmatch(r"\d+(?:\.\d+)?", x)), None)
        return [mk("stdev", {"window": _num(nums[0])}, unit_of(unit))]
    if kind == "roc_bare":
        mm = re.match(r"(\d+)m\s+return", text)
        if mm:
            return [mk("roc", {"window": int(mm.group(1))}, "m")]
        return [mk("roc")]
    return []


# table indicators with one bar count a loose "period: 14" can give ("ADX and DMI window of 14 periods")
_TABLE_WINDOWED = frozenset(r.name for r in _indicators.table() if r.source == "talib" and len(r.windows) == 1)

# "period: 2", "length of 55 periods", "lookback of 14 days", "over a period of 10 bars", "over the past 2 weeks"
_LOOSE = re.compile(
    rf"(?:period|length|lookback|look-back|window|span|setting)s?\s*(?:of|:|=|is|set to|at)?\s*(?:the\s+)?(?:past\s+|last\s+)?{NUM}(?:{_U})?(?![\d%])"
    # platform manuals list inputs with their defaults: "FastLength ... Default: 9", "Length (default 20)"
    rf"|\bdefault(?:\s+value)?\s*(?:of|:|=|is)?\s*{NUM}(?![\d%.])"
    rf"|\bover\s+(?:a\s+period\s+of\s+|the\s+(?:past|last|previous|prior)\s+){NUM}?\s*({UNIT})\b"
    rf"|\b(?:measured|computed|calculated|taken|averaged)\s+over\s+{NUM}\s*({UNIT})\b"
    # "the simple moving average of the past 30 days", "the SMA in a 20-period timespan" (a genitive length;
    # "for the last 3 days" may be how long a state holds, and is left alone)
    rf"|\bof\s+the\s+(?:past|last|previous|prior|preceding)\s+{NUM}\s*({UNIT})\b"
    rf"|\b(?:of|in|over|with)\s+(?:the|an?)\s+{NUM}\s*-?\s*({UNIT})\s+(?:timespan|time\s+span|span|window|lookback|look-back)\b"
    rf"|\b{NUM}[- ](?:period|bar|day|week|month)s?\s+(?:lookback|look-back|window|length)\b"
    # "the SMA over 10 periods": a length after the name (never a level: "over 70", "over 50-day SMA")
    rf"|\bover\s+{NUM}\s+({UNIT})\b(?!\s*-?\s*(?:\w+\s+){{0,2}}?(?:sma|ema|ma|wma|moving|average|avg|highs?|lows?|channel|range|returns?|breakout|rsi|atr|bands?)\b)"
)


# a table row naming an average or channel in one cell and its length in the next: "| Fast EMA | 21 days |"
_CELL = re.compile(rf"^\W*([a-z][a-z ()]*?)\s*\|\s*{NUM}({_U})?\s*(?:\||$)")
_NOT_LENGTH = re.compile(r"level|threshold|oversold|overbought|stop|target|profit|loss|risk|size|%|multiple|deviation|std")


def attach_loose_params(norm: str, mentions: list[Mention]) -> None:
    """Give windowless mentions a window stated apart in the same clause ("RSI period: 2")."""
    bare = [m for m in mentions if "window" not in m.params and m.role != "signal" and (
        m.name in ("sma", "ema", "ma", "rsi", "roc", "atr", "bbands", "highest", "lowest")
        or (m.name in _TABLE_WINDOWED and not m.params and not m.output))]
    if not bare:
        return
    cell = _CELL.match(norm)
    if cell and not _NOT_LENGTH.search(cell.group(1)):
        head = [m for m in bare if m.end <= cell.end(1) + 1 and m.name in ("sma", "ema", "ma", "atr", "highest", "lowest", "roc")]
        if len(head) == 1:
            head[0].params["window"] = _num(cell.group(2))
            head[0].unit = unit_of(cell.group(3)) if cell.group(3) else None
            head[0].loose = True
            return
    for lm in _LOOSE.finditer(norm):
        a, b = lm.span()
        if any(m.start <= a < m.end and m.params for m in mentions):
            continue
        nums = [x for x in lm.groups() if x and re.fullmatch(r"\d+(?:\.\d+)?", x)]
        unit_txt = re.search(rf"\d\s*-?\s*({UNIT})\b", lm.group(0)) or re.search(rf"({UNIT})\b\s*$", lm.group(0))
        n = _num(nums[0]) if nums else 1
        target = min(bare, key=lambda m: min(abs(m.start - b), abs(m.end - a)))
        if "window" in target.params:
            continue
        target.params["window"] = n
        target.unit = unit_of(unit_txt.group(1)) if unit_txt else None
        target.loose = True
