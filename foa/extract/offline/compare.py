"""Comparisons inside a clause: ``OPERAND comparator OPERAND``.

Operands are indicator mentions (found by ``mentions``), prices ("price", "the close", "the market",
a ticker), band and signal lines ("the upper band", "the signal line", "histogram"), MA roles ("fast",
"slow") and numbers. Comparators are words ("crosses above", "drops below", "exceeds", "is above",
"closes under", "touches") or symbols (``>``, ``<=``). A missing left side is the traded price.

>>> from foa.extract.offline.mentions import find_mentions
>>> n = "buy when rsi(2) drops below 10"
>>> [(c.left.kind, c.op, c.right.value) for c in comparisons(n, find_mentions(n))]
[('ind', 'crosses_below', 10.0)]
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from foa.extract.offline import cues
from foa.extract.offline.lexicon import CROSS_DOWN, CROSS_UP, STATE_DOWN, STATE_UP, TOUCH_BAND, TOUCH_VERBS, alternation
from foa.extract.offline.mentions import DAY_MOVE, UNIT, Mention
from foa.spec import model as M

# a stock index named as where a filter is read ("the S&P 500 above its 200-day SMA") and its price series' code
_INDEX_CODES = {r"s&p\s*-?\s*500|the\s+s&p|spx": "^GSPC", r"nasdaq\s*-?\s*100|ndx": "^NDX",
                r"nasdaq(?:\s+composite)?": "^IXIC", r"(?:the\s+)?dow(?:\s+jones(?:\s+industrials?)?)?|djia": "^DJI",
                r"russell\s*-?\s*2000|rut": "^RUT"}
_INDEX_NAME = re.compile(r"\b(?:" + "|".join(_INDEX_CODES) + r")(?![\w&])")

_DAY_MOVE_RE = re.compile(DAY_MOVE)

__all__ = ["BEARISH_PATTERNS", "ZONE_LEVELS", "Comparison", "Operand", "compared_pair", "comparisons", "levelled", "side_answer"]


@dataclass
class Operand:
    kind: str  # ind | price | const | band | signal | hist | macdline | role | ma_ref
    start: int
    end: int
    shift: int = 0
    mention: Mention | None = None
    value: float | None = None
    name: str | None = None  # band: upper/lower/middle; role: fast/slow/mid; price: field
    scale: float = 1.0  # a line moved by a percentage: "5% above the 50-day SMA" is the SMA times 1.05
    expr: Any = None  # kind "expr": a ready expression (``bars``: IBS, a bar's range, a candle's direction)


@dataclass
class Comparison:
    left: Operand
    op: str
    right: Operand
    start: int
    assumed: str | None = None  # what the reading filled in ("oversold" read as the conventional level)
    zone: str | None = None  # "oversold"/"overbought" when the level is a zone's, not a number the rule states


# comparative adjectives by direction: "larger than", "smaller or equal to" work like "greater than"
_MORE = r"greater|higher|more|larger|bigger"
_LESS = r"less|lower|smaller|fewer"

_CMP = [
    ("crosses_above", r"cross(?:es|ed|ing)?\s+(?:back\s+)?(?:above|over|up\s+through|upward)|clos(?:es|ed|ing)\s+back\s+(?:above|over)|go(?:es|ing)?\s+(?:back\s+)?over(?=\s+(?:the\s+)?[-\u2212]?\d)|crossover\s+above|break(?:s|ing)?\s+(?:out\s+)?(?:above|through)|"
     r"breaks?\s+out|(?:rises?|rising)\s+(?:back\s+)?(?:above|over)|(?:climbs?|climbing)\s+(?:back\s+)?(?:above|over|through)|(?:rises?|moves?|pushe[sd]?|push)\s+(?:back\s+)?(?:up\s+)?through|pushe[sd]?\s+(?:back\s+)?above|moves?\s+(?:back\s+)?above|goes\s+above|go(?:es)?\s+(?:back\s+)?up\s+(?:above|over|through)|pass(?:es)?\s+(?:above|over)|golden\s+cross|(?:bullish|upward)\s+cross\w*|(?:upside|subsequent)\s+break\s+above|break\s+above|reverts?\s+(?:back\s+)?(?:up\s+)?to|bounces?\s+(?:off|above)|" + CROSS_UP),
    ("crosses_below", r"cross(?:es|ed|ing)?\s+(?:back\s+)?(?:below|under|down\s+through|downward)|clos(?:es|ed|ing)\s+back\s+(?:below|under)|go(?:es|ing)?\s+(?:back\s+)?under(?=\s+(?:the\s+)?[-\u2212]?\d)|crossover\s+below|break(?:s|ing)?\s+(?:below|down)|"
     r"(?:falls?|falling)\s+(?:back\s+)?(?:below|under)|(?:drops?|dropping)\s+(?:back\s+)?(?:below|under)|slips?\s+(?:back\s+)?(?:below|under|beneath|through)|(?:falls?|drops?|sinks?|moves?|closes?)\s+(?:back\s+)?beneath|sinks?\s+(?:back\s+)?(?:below|under)|dips?\s+below|plunge[sd]?\s+below|moves?\s+(?:back\s+)?below|goes\s+below|go(?:es)?\s+(?:back\s+)?down\s+(?:below|under|through)|pass(?:es)?\s+(?:below|under)|death\s+cross|(?:bearish|downward)\s+cross\w*|break\s+below|" + CROSS_DOWN),
    # "greater than or equal to", "equal to or above", "at or above", "no less than": inclusive bounds in words
    (">=", rf"(?:{_MORE})\s+(?:than\s+)?or\s+equal(?:\s+to)?|equal\s+to\s+or\s+(?:{_MORE})\s+than|equal\s+to\s+or\s+above|"
     # "the close is the highest close of the last 20 days", "is at a new 50-day high": at the channel's top
     r"\b(?:is|was)\s+(?:the|a|at\s+(?:the|a))\s+(?:new\s+)?(?=highest\s+(?:(?:high|low|close|closing\s+price|price)\s+)?(?:of|in|over|during|for)\s+(?:the\s+)?(?:last\s+|past\s+|previous\s+|prior\s+)?\d|\d+\s*-?\s*(?:day|week|month|bar|period|session)s?\s+high\b)|"
     r"\bat\s+or\s+above|\b(?:no|not)\s+(?:less|lower)\s+than|>=|at\s+least|or\s+above|or\s+higher|or\s+more\b(?!\s+than)|or\s+greater\b(?!\s+than)"),
    ("<=", rf"(?:{_LESS})\s+(?:than\s+)?or\s+equal(?:\s+to)?|equal\s+to\s+or\s+(?:{_LESS})\s+than|equal\s+to\s+or\s+below|"
     r"\b(?:is|was)\s+(?:the|a|at\s+(?:the|a))\s+(?:new\s+)?(?=lowest\s+(?:(?:high|low|close|closing\s+price|price)\s+)?(?:of|in|over|during|for)\s+(?:the\s+)?(?:last\s+|past\s+|previous\s+|prior\s+)?\d|\d+\s*-?\s*(?:day|week|month|bar|period|session)s?\s+low\b)|"
     r"\bat\s+or\s+below|\b(?:no|not)\s+(?:more|greater|higher)\s+than|<=|at\s+most|or\s+below|or\s+lower|or\s+less\b(?!\s+than)|or\s+under\b"),
    (">", rf"(?<![-=])>(?!=)|\boutside(?=\s+(?:of\s+)?(?:the\s+|its\s+)?upper\b)|\bexceeds?|(?<!the\s)(?<!buy\s)(?<!own\s)(?<!hold\s)(?<!pick\s)(?<!keep\s)(?<!select\s)\btops?(?=\s+-?\d)|\bis\s+(?:still\s+)?above|(?<!\bfrom\s)\babove|\bfrom\s+above(?=\s+(?:-?\d|(?:the\s+)?(?:zero\b|0\s+(?:line|level)\b)))|\bover(?=\s+(?:the\s+|its\s+)?(?:sma|ema|ma\b|moving|\d+\s*-?\s*(?:day|week|month)|upper|lower|middle|signal|zero|0\b))|\bover(?=\s+-?\d+(?:\.\d+)?(?![\d.]\d|\d)(?!\s*(?:%|-?\s*{UNIT}\b)))|\bover(?=\s+the\s+-?\d+(?:\.\d+)?\s+(?:level|line|mark)\b)|\bover\b|(?:greater|higher|more|larger|bigger)\s+than|\.gt\.|\bgt\b|\bupper(?!\s*(?:band|bollinger|_band|threshold|level|limit|boundary))|\bsits?\s+above|trades?\s+above|" + STATE_UP),
    ("<", r"(?<![-=])<(?!=)|\boutside(?=\s+(?:of\s+)?(?:the\s+|its\s+)?lower\b)|\bis\s+(?:still\s+)?below|(?<!\bfrom\s)\bbelow|\bfrom\s+below(?=\s+(?:-?\d|(?:the\s+)?(?:zero\b|0\s+(?:line|level)\b)))|\bunder(?!\s*(?:valued|perform))|(?:less|lower|smaller|fewer)\s+than|\.lt\.|\blt\b|\blower(?!\s*(?:band|bollinger|_band|threshold|level|limit|boundary|low|risk|return|drawdown|volatility|granularity))|" + STATE_DOWN),
    # undirected events: the direction comes from the target (a low is broken downwards) or a trailing
    # "up"/"down" ("EMA21 x EMA50 up"); "at a new 50-day high", "breaks the 55-day low", "x" between averages
    ("touch", r"\btouch(?:es|ed|ing)?|" + TOUCH_BAND + r"|\bcross(?:es|ed|ing)?\b(?!\s*\()(?!\s+(?:above|below|over|under|back|up\s+through|down\s+through))"
     r"|\bx\b(?=\s+(?:the\s+)?(?:sma|ema|ma|wma|\d))|\bbreak(?:s|ing)?(?=\s+(?:the|a|its)\s|\s+-?\d)"
     # "takes out the highest high of the previous 40 sessions", "a break of the 15-session low"
     r"|\btak(?:es|e|ing)\s+out(?=\s+(?:the|a|its)\s)|\ba\s+break\s+of(?=\s+(?:the|a|its)\s)"
     r"|\b(?:at|on|makes?|hits?|sets?)\s+(?:a\s+)?(?:new\s+)?(?=\d+\s*-?\s*(?:day|week|month|bar|period)s?\s+(?:high|low))"
     # "cuts the 80 level downwards", "pierces the 30 line to the upside": a level reached the way the words after it say
     rf"|\b(?:{alternation(TOUCH_VERBS)}|cuts?|cutting)(?=\s+(?:the\s+)?[-\u2212]?\d+(?:\.\d+)?\s+(?:level|line|mark|threshold|barrier)\s*,?\s*"
     r"(?:(?:up|down)(?:wards?)?|to\s+the\s+(?:up|down)side|from\s+(?:above|below))\b)"
     # "the RSI reaches 70", "hits the 20 level": an oscillator's level reached (its side from the level, ``_REACHED``)
     r"|\b(?:reach(?:es|ed|ing)?|hits?|hitting|tags?|tagged)(?=\s+(?:the\s+)?[-\u2212]?\d+(?:\.\d+)?(?:\s+(?:level|line|mark))?"
     r"(?!\d|\.\d|%)(?!\s*(?:%|or\s|points?\b|percent\b)))"),
    ("pos", r"\b(?:is|are|was|were|be)?\s*positive(?!\s+(?:[\w-]+\s+){0,3}?(?:slopes?|directions?|gradients?|angles?)\b)|\bgone\s+up|\b(?:is|are|was|were)\s+up(?=\s+(?:over|in|for)\s+(?:the\s+)?(?:past\s+|last\s+)?\d)"),
    ("neg", r"\b(?:is|are|was|were|be)?\s*negative(?!\s+(?:[\w-]+\s+){0,3}?(?:slopes?|directions?|gradients?|angles?)\b)|\bgone\s+down|\b(?:is|are|was|were)\s+down(?=\s+(?:over|in|for)\s+(?:the\s+)?(?:past\s+|last\s+)?\d)"),
]
_CMP_RE = re.compile("|".join(f"(?P<c{i}>{p})" for i, (_, p) in enumerate(_CMP)))

# a price field by name ("low", "opening price"); the group is the PriceExpr field
PRICE_FIELD = r"(high|low|open)(?:ing)?(?:\s+price)?\b(?!\s+(?:positions?|trades?|orders?|interest|ended|source)\b)"

ZONE_LINE = (r"\b(?:the\s+|its\s+|an?\s+)?(?:(oversold|overbought)\s+(?:level|threshold|line|zone|limit|mark|boundary|area|territory|region)"
             r"|(lower|upper|entry|exit|buy|sell|long|short|trigger)\s+(?:threshold|level|limit|boundary)|(?<=the\s)(threshold))s?\b"
             # "the upper level of the 20-day channel" is that channel's line, not a zone
             r"(?!\s+of\s+(?:the|its|an?|this|that|each|every)\b)(?:\s*(?:of|at|=|:|\(|,)?\s*(-?\d+(?:\.\d+)?)\s*\)?)?")
_EXAMPLE_LEVEL = re.compile(r"\s*[(,]?\s*(?:e\.?\s?g\.?|for\s+example|for\s+instance|such\s+as|say|like)\b")
ZONE_OF = {"lower": "oversold", "upper": "overbought"}

_OPERANDS = [
    ("band", r"\b(upper|lower|middle|mid)(?:\s+(?:bollinger|keltner))?[\s_]+band\b|\b(upper|lower|middle)_band\b"),
    # "the upper line", "the upper Keltner channel", "the centre line": a channel line (named with a "~")
    ("band", r"\b(upper|lower|middle|centre|center)(?:\s+keltner)?\s+(?:line|channel)(?:\s+line)?\b"),
    ("band", r"\b(centre|center|mid)-?line\b"),  # "the centerline", "the mid-line"
    ("hist", r"\bhistogram\b"),
    ("signal", r"\b(?:macd\s+)?signal\s+line\b|\bmacd[- ]signal\b|\bits\s+(?:\d+\s*-?\s*bar\s+)?(?:macd\s+)?signal\b|(?<=[<>] )signal\b|(?<=the )signal\b(?!\s+(?:is|occurs|will|to))"
     # "macd crosses over signal": the bare word right after a comparator
     r"|(?:(?<=over )|(?<=above )|(?<=below )|(?<=under ))signal\b(?!\s+(?:is|occurs|will|to|of))"),
    ("macdline", r"\bmacd\s+line\b"),
    ("ma_ref", r"\b(?:its|the\s+same|the)\s+moving\s+average\b|\bits\s+(?:sma|ema|ma)\b"),
    ("role", r"\b(fast|slow|mid)\b"),
    # an oscillator's zone named as a line, with or without its number: "the oversold level (25)", "the upper
    # threshold", "its overbought line of 80"; without a number it is the level the document declares
    # (``resolve``), else the conventional one
    ("zone", ZONE_LINE),
    ("volume", r"\b(?:the\s+)?(?:trading\s+)?volume\b"),
    # a price field named as such is that field: "the low is below the 10-day SMA", "the daily high crosses
    # above", "today's open"; never a channel ("the high of the last 20 days" is a mention) nor a candle's
    # own level ("the low of the signal candle", an unsupported stop or entry order)
    ("price", rf"\b(?:the\s+|a\s+|its\s+|today'?s\s+|this\s+(?:bar|day|candle)'?s\s+|the\s+(?:current\s+)?(?:bar|day|candle)'?s\s+)"
     rf"(?:current\s+|daily\s+|weekly\s+|monthly\s+|intraday\s+)?{PRICE_FIELD}(?!\s+(?:of|from|in|over|during|since|for)\b)(?!\s*-)"),
    # a blended price: "the typical price" (H+L+C)/3, "the median price" (H+L)/2, "the weighted close" (H+L+2C)/4
    ("price", r"\b(?:the\s+|its\s+|today'?s\s+)?(?:daily\s+)?(typical|median)\s+price\b|\b(?:the\s+|its\s+)?(weighted)\s+close\b"),
    # ("the RSI(2) must close below 5", "wait for it to close above": the verb after a modal or "to", never the price)
    ("price", r"\b(?:the\s+)?(?:current\s+|monthly\s+|weekly\s+|daily\s+|closing\s+|last\s+)?(?:price|(?<!\bmust\s)(?<!\bshould\s)"
     r"(?<!\bto\s)(?<!\bwill\s)(?<!\bwould\s)(?<!\bcan\s)(?<!\bmay\s)(?<!\bdoes\s)(?<!\bdid\s)close|closing\s+price|market|stock|security|asset|bar|candle|index|it|spot)\b"),
    ("zero", r"\bzero\b|\blevel\s+0\b|(?:the\s+)?(?<![\d.])0\s+line"),  # "the 0 line", never the end of "the 30 line"
    # formula notation: "p_t", "c_t" (today's price or close)
    ("price", r"\b[pc]_\{?t\}?(?![\w{,-])"),
    # AmiBroker/MetaStock formula argument "C": Cross(C, MA(C, 50)) is the close crossing its average
    ("price", r"(?<=[(,])\s*c(?=\s*[,)])"),
]
_OPERAND_RE = [(k, re.compile(p)) for k, p in _OPERANDS]
_NUMBER = re.compile(rf"(?<![\w.])(-?\d+(?:\.\d+)?)(?![\d.]\d|\d)(?!\s*(?:%|\.\d|x\b|times|:\d|{UNIT}\b|-\s*{UNIT}\b|[-/]\d))")


_MINUS_WORD = re.compile(r"\b(?:minus|negative)\s+$")


def _operands(norm: str, mentions: list[Mention]) -> list[Operand]:
    ops: list[Operand] = []
    taken = [False] * (len(norm) + 1)
    for m in mentions:
        ops.append(Operand("ind", m.start, m.end, mention=m))
        for i in range(m.start, m.end):
            taken[i] = True
    for kind, rx in _OPERAND_RE:
        for m in rx.finditer(norm):
            a, b = m.span()
            if any(taken[a:b]):
                continue
            if kind == "role" and any(re.fullmatch(r"\s*", norm[b:m0.start]) for m0 in mentions if m0.start >= b):
                continue  # "the fast moving average of 10 days": an adjective of the average that follows
            name = next((g for g in m.groups() if g), None) if m.groups() else None
            if kind == "band" and re.search(r"(?:line|channel)$", m.group(0)):
                name = {"centre": "middle", "center": "middle", "mid": "middle"}.get(name, name) + "~"
            if kind == "zero":
                ops.append(Operand("const", a, b, value=0.0))
            elif kind == "zone":
                ops.append(Operand("zone", a, b, name=ZONE_OF.get(name, name), value=float(m.group(4)) if m.group(4) else None))
            else:
                idx = _INDEX.match(norm, b)
                if idx:  # price[-2]: python-style index, [-1] is the current bar
                    b = idx.end()
                ops.append(Operand(kind, a, b, name=name, shift=int(idx.group(1)) - 1 if idx else 0))
            for i in range(a, b):
                taken[i] = True
    for m in _NUMBER.finditer(norm):
        a, b = m.span()
        if any(taken[a:b]) or norm[max(0, a - 2):a].endswith(("[", "[-", "_")):
            continue
        v = float(m.group(1))
        minus = _MINUS_WORD.search(norm, max(0, a - 12), a)
        if minus and v > 0:  # "below minus 100": a level spelled with its sign in words
            a, v = minus.start(), -v
        ops.append(Operand("const", a, b, value=v))
    ops.sort(key=lambda o: o.start)
    return [_centre_level(o, ops[:i]) for i, o in enumerate(ops)]


# an oscillator's centre line is a level: MACD's and ROC's is zero, RSI's and the stochastic's 50
CENTRE = {"macd": 0.0, "roc": 0.0, "mom": 0.0, "cci": 0.0, "trix": 0.0, "ppo": 0.0, "apo": 0.0, "cmo": 0.0,
          "aroonosc": 0.0, "bop": 0.0, "rsi": 50.0, "stoch": 50.0, "stochf": 50.0, "stochrsi": 50.0, "mfi": 50.0,
          "willr": -50.0}


def _centre_level(o: Operand, before: list[Operand]) -> Operand:
    """ "the histogram falls below the centre line": a middle line after an oscillator is its centre level.

    >>> _centre_level(Operand("band", 30, 45, name="middle~"), [Operand("hist", 4, 13)]).value
    0.0
    """
    if o.kind != "band" or o.name != "middle~" or not before:
        return o
    prev = before[-1]
    name = "macd" if prev.kind in ("hist", "signal", "macdline") else prev.mention.name if prev.kind == "ind" and prev.mention else None
    if name not in CENTRE:
        return o
    return Operand("const", o.start, o.end, value=CENTRE[name])


_LEVELLED = ("rsi", "roc", "macd", "atr")  # foa's indicators read against fixed levels


def levelled(name: str) -> bool:
    """Whether an indicator is read against fixed levels: foa's oscillators and every table row whose
    output is not on the price or volume scale (ADX, CCI, Williams %R, stochastics...).

    >>> levelled("rsi"), levelled("willr"), levelled("sar")
    (True, True, False)
    """
    if name in _LEVELLED:
        return True
    rec = _table_row(name)
    return rec is not None and rec.source == "talib" and rec.scale not in ("price", "volume")


# two averages named together as the subject of a cross, with its way or with the crossing spelled out after it
_AVERAGES_CROSS = re.compile(
    r"\b(?:the\s+|both\s+|two\s+|our\s+|these\s+|the\s+two\s+)?(?:moving\s+averages|averages|mas|emas|smas|ma\s+lines|average\s+lines)"
    r"(?:\s*\([^()]{0,60}\))?\s+(?:cross(?:es|ed)?|crossover)(?:\s+(?:each\s+other|over))?"
    r"(?:\s+(?P<way>upwards?|up|to\s+the\s+upside|higher|bullishly|downwards?|down|to\s+the\s+downside|lower|bearishly)\b|(?=\s*[:(]))")


def _signed(name: str) -> bool:
    """Whether an indicator's readings have a sign that means something: a return, MACD, or a table oscillator whose
    range has zero inside it (CCI, momentum, the PPO), never one bounded at zero (the RSI, the stochastic).

    >>> _signed("roc"), _signed("cci"), _signed("rsi"), _signed("sma")
    (True, True, False, False)
    """
    if name in ("roc", "macd"):
        return True
    if not levelled(name) or name in _LEVELLED:
        return False
    from foa.spec import indicators

    bounds = indicators.get(name).bounds()
    return bounds is None or bounds[0] < 0 < bounds[1]


def _table_row(name: str):
    from foa.spec import indicators

    try:
        return indicators.get(name)
    except Exception:  # an unknown name (SpecError) is no row
        return None


# a pattern is a condition when a rule waits for it ("on a bullish engulfing candle", "when a hammer forms",
# "if a doji prints"), not when others are said to trade it ("many traders buy after a hammer")
_ON_PATTERN = re.compile(r"\b(?:when|whenever|if|once|on|upon|after|following|as\s+soon\s+as)\s+(?:a|an|the|any)?\s*(?:[\w-]+\s+){0,3}$")
_OTHERS_TRADE = re.compile(r"\b(?:many|some|most|other|these)\s+(?:traders|investors|people|chartists)\b|\btraders\s+(?:often|usually|typically|tend\s+to|like\s+to)\b")
_STATE_OF_CROSS = {"crosses_below": "<", "crosses_above": ">"}
# candlestick patterns whose TA-Lib reading is bearish (-100) when the text gives no "bullish"/"bearish"
BEARISH_PATTERNS = frozenset({"cdlhangingman", "cdlshootingstar", "cdleveningstar", "cdleveningdojistar", "cdldarkcloudcover",
                              "cdl3blackcrows", "cdlidentical3crows", "cdladvanceblock", "cdlupsidegap2crows", "cdl2crows"})
_CROSS_FN = re.compile(r"\bcross(?:over|under)?\s*\(")
# "x EMA50 up", "crosses the 38-days line from below" (German "von unten"): the way a cross goes
_WAY = re.compile(r"\s*\)?\s*(up|upward|upwards|higher|down|downward|downwards|lower|from\s+below|from\s+above)\b")
# "breaks the 70 level downward", "crosses the 30 line to the upside": the way after a level named as a line
_WAY_LEVEL = re.compile(r"\s+(?:level|line|mark|threshold|barrier)\s*,?\s*(?:(down(?:wards?)?|to\s+the\s+downside|from\s+above)"
                        r"|(up(?:wards?)?|to\s+the\s+upside|from\s+below))\b")


_AVERAGES = ("ma", "sma", "ema", "wma", "dema", "tema", "trima", "kama", "hma")
_ITS = re.compile(r"\bits\s+(?:own\s+)?$")


# a level in percent right after a comparator: "below 20%", "under its 25% line", "above the 80% mark"
_PERCENT = re.compile(r"\s+(?:the\s+|its\s+)?(-?\d+(?:\.\d+)?)\s*%(?!\s*(?:of|above|below|under|over|from|higher|lower|more|less)\b)")


def _percent_scale(name: str) -> bool:
    """An oscillator on a 0-100 scale, whose levels are written in percent ("the stochastic below 20%")."""
    if name == "rsi":
        return True
    rec = _table_row(name)
    return rec is not None and rec.bounds() == (0.0, 100.0)


# the conventional oversold / overbought levels of the oscillators texts call so without a number
ZONE_LEVELS: dict[str, tuple[float, float]] = {
    "rsi": (30, 70), "stoch": (20, 80), "stochf": (20, 80), "stochrsi": (20, 80), "mfi": (20, 80), "willr": (-80, -20),
    "cci": (-100, 100), "ultosc": (30, 70), "cmo": (-50, 50),
}
_ZONE = re.compile(r"\b(?:is|are|gets?|becomes?|turns?|goes|reach(?:es)?|enters?|moves?\s+into|falls?\s+into|drops?\s+into|rises?\s+into|in|into|shows?)"
                   r"\s+(?:an?\s+|the\s+)?(?:deeply\s+|extremely\s+)?(oversold|overbought)\b(?!\s*\(?\s*(?:[<>]|below|above|under|over|at|-?\d))")


_ZONE_AFTER = re.compile(r"\s*(?:\(\s*\d+\s*\)\s*)?(?:(?:reading|readings|value|line)\s+)?(?:(?:is|are|gets?|being|becomes?|turns?)\s+)?"
                         r"(oversold|overbought)\b(?!\s*(?:zone|territory|area|level|line|region|threshold|limit|boundary|mark)s?\b)"
                         r"(?!\s*\(?\s*(?:[<>]|below|above|under|over|at|-?\d))")
# a move out of a zone: "leaves the oversold zone", "comes out of overbought territory" (back across its level; a move
# into one, "enters oversold territory", is read as the state, ``_ZONE``)
_ZONE_CROSS = re.compile(
    r"\b(?:(?P<out>leav(?:es|e|ing)|exit(?:s|ing)?|(?:moves?|comes?|climbs?|rises?|gets?|breaks?|bounces?|turns?|pulls?|falls?|drops?)\s+(?:up\s+|down\s+|back\s+)?out\s+of"
    r"|emerges?\s+from|recovers?\s+from))"
    r"\s+(?:an?\s+|the\s+|its\s+)?(?:deeply\s+|extremely\s+)?(?P<z>oversold|overbought)\b(?:\s+(?:zone|territory|area|region|level|conditions?|range|readings?))?")
# the level such a move states beside it: "(back above 30)", "(crosses above -80)", ", i.e. below 20"
_ZONE_STATED = re.compile(r"\s*[,(]?\s*(?:i\.?e\.?,?\s+|that\s+is,?\s+)?(?:back\s+|crosses?\s+(?:back\s+)?|moves?\s+|falls?\s+|rises?\s+)?"
                          r"(?:above|below|over|under)\s+(-?\d+(?:\.\d+)?)\s*\)?")


_ZONE_ADJ = re.compile(r"\b(?:on|at|with|after|from|upon|given)\s+(?:an?\s+|the\s+)?(?:deeply\s+|extremely\s+)?(oversold|overbought)\s+"
                       r"(?:(?:readings?|levels?|conditions?|signals?|values?)\s+(?:on|of|in|from)\s+)?(?:the\s+|its\s+)?$")


_REACHED = re.compile(r"(?:reach|hit|tag|touch)")
_EXIT_WORD = re.compile(r"\b(?:close|closes|closed|closing|exit|exits|exiting|sell|sells|get\s+out|liquidate|flatten|cover|covers"
                        r"|take\s+profits?|book\s+profits?)\b")


def lo_ind_name(left: list[Operand], ops: list[Operand], prior: Any) -> str | None:
    """The indicator a level comparison's subject names: the nearest left operand, or for "it" the oscillator before it."""
    if not left:
        return None
    if left[-1].kind == "ind":
        return left[-1].mention.name
    osc = [o for o in left[:-1] if o.kind == "ind" and levelled(o.mention.name)]
    if osc:
        return osc[-1].mention.name
    return prior.name if prior is not None and not any(o.kind == "ind" for o in ops) else None


def lo_is_ind(left: list[Operand], a: int) -> bool:
    """Whether the nearest left operand of a comparator at ``a`` is an indicator (the subject of a level cross)."""
    return bool(left) and left[-1].kind == "ind"
_AFTER_CROSS_FN = re.compile(r"\bcross(?:over|under)?\s*\([^;]*\)\s*$")
_BELOW_ZERO = re.compile(r"\s*<\s*0\b")
_FLIP_CROSS = {"crosses_above": "crosses_below", "crosses_below": "crosses_above"}


def _right_after_cross(norm: str, a: int) -> bool:
    """Whether the comparator at ``a`` follows a cross call's closing parenthesis ("crossover(a, b) > 0"), not
    an operand after it ("cross(cci(13), ma) and cci(13) < -25")."""
    calls = list(_CROSS_FN.finditer(norm, 0, a))
    if not calls or not _AFTER_CROSS_FN.search(norm[:a]):
        return False
    return norm[_close_paren(norm, calls[-1].end()):a].strip() == ""


def _close_paren(norm: str, start: int) -> int:
    """Index just past the parenthesis that closes the one opened before ``start``."""
    depth = 1
    for i in range(start, len(norm)):
        depth += {"(": 1, ")": -1}.get(norm[i], 0)
        if depth == 0:
            return i + 1
    return len(norm)


_PAIR_SEP = re.compile(r"\s*(?:/|x|vs\.?|versus|over|-|and)\s*")
_NAMED_CROSS = re.compile(r"\s*(?:(?:moving\s+average|ma|sma|ema)s?\s+)?cross(?:over|ing)?s?\b")
_INDEX = re.compile(r"\[\s*-\s*(\d+)\s*\]")
_BETWEEN = re.compile(r"\bbetween\b")
_MOVING = re.compile(r"\b(?:rises?|rising|climbs?|climbing|moves?|moving|turns?|turning|comes?|coming|bounces?|recovers?|falls?|falling|drops?|dropping|declines?|declining|sinks?)"
                     r"(?:\s+(?:up|down)(?:wards?)?|\s+back)?\s+$")
# a percentage between a comparator and its side: "at least 10% above", "more than 3% below", "less than 2% over"
_PCT_Q = r"(?:at\s+least|at\s+most|more\s+than|less\s+than|no\s+more\s+than|over|under|within)"
_PCT_SIDE = re.compile(rf"\s*\d+(?:\.\d+)?\s*%\s+(?:above|over|below|under|beneath)\b")
_PCT_BEFORE = re.compile(rf"(?:(?P<q>{_PCT_Q})\s+)?(?P<p>\d+(?:\.\d+)?)\s*%\s+(?:or\s+more\s+)?$")
# the same with oscillator points: "at least 10 points above 40", "less than 5 points below 70"
_PTS_SIDE = re.compile(r"\s*\d+(?:\.\d+)?\s*points?\s+(?:above|over|below|under|beneath)\b")
_PTS_BEFORE = re.compile(rf"(?:(?P<q>{_PCT_Q}|no\s+more\s+than)\s+)?(?P<n>\d+(?:\.\d+)?)\s*points?\s+$")
_QUANTITY_BETWEEN = re.compile(r"\b(?:difference|differences|spread|gap|distance|ratio|cross\w*|relationship|comparison|correlation)\s+(?:\w+\s+)?$")


# a bare "over" compares only with a line right after it: "the 50 SMA is over the 200 SMA", "stays over its
# signal line", "sits over the upper band" (never "over the last 20 days")
_LINE_KINDS = ("ind", "band", "signal", "macdline", "ma_ref", "role", "zone")
_ARTICLE_GAP = re.compile(r"\s*(?:the\s+|its\s+|an?\s+)?")
# a new subject of a price verb after a connector: "RSI(2) < 10 and TLT closes above its 50-day SMA" (TLT's close,
# never the RSI before the connector)
_NEW_PRICE_SUBJECT = re.compile(r"(?:\band|\bor|\bbut|\bwhile|,|;)\s+(?:the\s+)?([a-z][\w.^&-]{0,11})\s+"
                                r"(?:clos(?:es|ed|ing)|trad(?:es|ed|ing)|settl(?:es|ed|ing)|end(?:s|ed)|finish(?:es|ed))\s*$")

# a new subject of a filter against "its" average after a connector: "RSI(3) < 15 while QQQ is above its 200-day SMA",
# "..., provided IWM is trading above its 50-day average", "(QQQ above its 200dma)": the market's prices, never an
# average of the oscillator before the connector (a subject naming an indicator is an operand of its own)
_MARKET_SUBJECT = re.compile(
    r"(?:\band|\bbut(?:\s+only)?(?:\s+(?:when|if|while))?|\bwhile|\bprovided(?:\s+that)?|\bproviding|\b(?:as|so)\s+long\s+as|"
    r"\bonly\s+(?:when|if|while)|\bwhen(?:ever)?|\bif|\bunless|\bwith|[,;:(])\s*(?:the\s+)?"
    r"(?!(?:indicator|oscillator|line|reading|readings|value|histogram|signal|this|that|then|also|again|still|only|"
    r"both|either|average|ma|sma|ema|it|they|he|she|we|you|i)\b)"
    r"([a-z][\w.^&-]{0,11})(?:'s(?:\s+(?:price|close|closing\s+price|share\s+price))?)?\s+"
    r"(?:(?:is|are|was|stays?|remains?|holds?|sits?|trades?|closes?)\s+(?:still\s+)?(?:(?:trading|holding|sitting|closing)\s+)?)?$")

# an average said to run on an indicator: "above a 9-period SMA of the RSI" (after the average), "above the RSI's
# 10-day average" (the indicator's possessive before it)
_OF_IND = re.compile(r"\s+(?:of|on)\s+(?:the\s+|its\s+)?")
_POSSESSIVE_AVG = re.compile(r"\s*'s\s+(?:own\s+)?(?P<w>\d{1,3})\s*-?\s*(?P<u>day|period|bar|session)s?\s+"
                             r"(?P<k>simple\s+moving\s+average|exponential\s+moving\s+average|moving\s+average|average|sma|ema|ma)\b")

# a side named in brackets after each comparator: "trades over (buy) or under (sell short) the 40-day EMA",
# "crosses over (longs) / under (shorts) the signal line": each comparator with its side is its own comparison
_SIDE_TAG = r"\(\s*(?:for\s+|on\s+|=\s*)?(?:an?\s+)?(?:buy|long|sell\s+short|sell|short)s?(?:\s+(?:trades?|positions?|entr(?:y|ies)|signals?|orders?|setups?))?\s*\)"
_SIDE_WORD = r"(?:(?:clos(?:es|ed|ing)|trad(?:es|ed|ing)|is|are|cross(?:es|ed|ing)?|break(?:s|ing)?|mov(?:es|ed|ing)|ris(?:es|ing)|fall(?:s|ing)?)\s+)?(?:above|over|below|under|beneath)"
_SIDED = re.compile(rf"(?P<w1>{_SIDE_WORD})\s*(?P<t1>{_SIDE_TAG})\s*(?:,?\s*or|,?\s*and|,|/)\s*(?P<w2>{_SIDE_WORD})\s*(?P<t2>{_SIDE_TAG})")


def _sided(norm: str, ops: list[Operand]) -> tuple[list[Comparison], list[tuple[int, int]]]:
    """The comparisons of "is over (buy) or under (sell short) the 40-day EMA": one per bracketed side, each
    starting at its side's word (so the side's cue gives it its role), both against the line after the idiom."""
    out: list[Comparison] = []
    spans: list[tuple[int, int]] = []
    for m in _SIDED.finditer(norm):
        right = [o for o in ops if o.start >= m.end() and o.start - m.end() <= 30 and o.kind != "zone"]
        if not right:
            continue
        left = [o for o in ops if o.end <= m.start() and m.start() - o.end <= 90 and o.kind != "const"]
        spans.append((m.start(), m.end()))
        sides = [cues.roles_of(m.group(t)) for t in ("t1", "t2")]
        if not all(sides) or sides[0] == sides[1]:
            continue  # a side the role cues do not name: no comparison rather than two under one role
        lo = left[-1] if left else Operand("price", m.start(), m.start(), name="close")
        first = ""
        for w, t in (("w1", "t1"), ("w2", "t2")):
            word = m.group(w)
            up = re.search(r"(?:above|over)$", word) is not None
            crossing = re.match(r"cross|break", word) or (first.startswith("crosses") and " " not in word)
            op = ("crosses_above" if up else "crosses_below") if crossing else (">" if up else "<")
            first = first or op
            out.append(Comparison(lo, op, right[0], m.end(t) - 1))
    return out, spans


# the level of "from below 20", "from above the zero line", "from below 20%"
_FROM_LEVEL = re.compile(r"\s+(?:the\s+|its\s+)?(?:(-?\d+(?:\.\d+)?)\s*%?|zero|0)(?:\s+(?:line|level|mark))?")
# the way a subject moves before an undirected cross: "turns down ... and crosses", "hooks up from below 20"
_TURN = re.compile(r"\b(?:turns?|turning|hooks?|hooking|heads?|heading|points?|pointing|curls?|curling)\s+(?:up|down)(?:wards?)?\b(?!.*\b(?:turns?|hooks?|heads?)\s+(?:up|down))")
_FROM_SIDE = re.compile(r"\bfrom\s+(?:below|above)")
_CROSS_GAP = re.compile(r"[\s,]*(?:(?:line|up(?:wards?)?|down(?:wards?)?|higher|lower)[\s,]*)*")
_CROSS_WORD = re.compile(r"\bcross(?:es|ed|ing)?\b(?:\s+(?:back\s+)?(?:above|over|below|under|up|down)(?:wards?)?)?")


def _from_level_subject(norm: str, ops: list[Operand], out: list[Comparison], a: int, b: int, moving: bool) -> Operand | None:
    """The line a "from below/above N" puts on a side of a level, when it qualifies a cross of two lines: the
    subject of the cross just before it ("%K crosses above %D from below 20"), or of the motion before it when a
    cross of a line follows ("%K turns up from below 20 and crosses above %D"); None for a level the oscillator
    itself crosses ("the RSI rises from below 25", "... and crosses above 50")."""
    cross = next((c for c in reversed(out) if c.op in _STATE_OF_CROSS and c.right.kind != "const" and c.right.end <= a
                  and _CROSS_GAP.fullmatch(norm, c.right.end, a)), None)
    if cross is not None:
        return cross.left if cross.left.kind in ("ind", "macdline") and levelled_operand(cross.left) else None
    nxt = _CROSS_WORD.search(norm, b) if moving else None
    if nxt is None or nxt.start() - b > 40:
        return None
    target = next((o for o in ops if o.start >= nxt.end()), None)
    subj = next((o for o in reversed(ops) if o.end <= a and o.kind in ("ind", "macdline")), None)
    if target is None or target.kind == "const" or subj is None or not levelled_operand(subj):
        return None
    return subj


def levelled_operand(o: Operand) -> bool:
    """Whether an operand is an oscillator read against levels (a MACD line is one)."""
    return o.kind == "macdline" or (o.mention is not None and levelled(o.mention.name))


# "crosses from below to above 30", "goes from under -100 to over -100", "moves up from above to below 80": a crossing
# written as the two sides it goes between
_FROM_TO = re.compile(r"\b(?:(?:cross|go|move|rise|fall|drop|climb|swing|turn)\w*\s+)?(?:(?:up|down|back)(?:wards?)?\s+)?from\s+"
                      r"(?:below|under|beneath|above|over)\s+(?:(?:the\s+)?-?\d+(?:\.\d+)?\s+)?(?:back\s+)?to\s+(?:be\s+)?"
                      r"(?P<to>above|over|below|under|beneath)\s+(?:the\s+)?(?P<n>-?\d+(?:\.\d+)?)(?![\d%]|\.\d)")


def _from_to(norm: str, ops: list[Operand]) -> tuple[list[Comparison], list[tuple[int, int]]]:
    """The crossings written as the two sides they go between, on the oscillator before them, and their spans."""
    out: list[Comparison] = []
    spans: list[tuple[int, int]] = []
    for m in _FROM_TO.finditer(norm):
        subj = [o for o in ops if o.end <= m.start() and m.start() - o.end <= 60 and o.kind == "ind" and levelled(o.mention.name)]
        if not subj:
            continue
        level = next((o for o in ops if o.kind == "const" and o.start == m.start("n")), None) or Operand(
            "const", m.start("n"), m.end("n"), value=float(m.group("n")))
        up = m.group("to") in ("above", "over")
        out.append(Comparison(subj[-1], "crosses_above" if up else "crosses_below", level, m.start()))
        spans.append(m.span())
    return out, spans


# a side word opening its own part right before a comparator: "..., short below it", "... and go short under the band"
_SIDE_BEFORE = re.compile(r"(?:[,;/]|\band\b|\bthen\b|\bor\b)\s*(?:(?:we|i|you)\s+)?(?:(?:go|goes|going|enter|enters|stay|stays|are|is|be)\s+)?"
                          r"(?:long|short|buy|buys|sell\s+short|sell|sells|exit|cover|flat)\s+(?:(?:when|if|while|once)\s+(?:price\s+|the\s+(?:price|close)\s+)?(?:is\s+)?)?$")


def _line_subject(o: Operand) -> bool:
    """Whether an operand is a line on the price's scale (an average, a band), never an oscillator's level."""
    if o.kind == "band":
        return True
    return o.kind == "ind" and o.mention is not None and not levelled(o.mention.name) and o.mention.source == "price"


# a range written as its two ends: "in the 40-60 range", "within the 30 to 70 zone", "inside a 20-80 band"
_RANGE = re.compile(r"\b(?:in|within|inside)\s+(?:the\s+|a\s+|its\s+)?(-?\d+(?:\.\d+)?)\s*(?:-|to|\u2013)\s*(-?\d+(?:\.\d+)?)\s+"
                    r"(?:range|zone|band|area|region|territory)\b")

_VAR = re.compile(r"(?<![a-z\\])([a-z])_(?:\{([a-z0-9+-]+)\}|([a-z0-9]))")



def _zone_subject(ops: list[Operand], norm: str, at: int, prior: Any) -> Operand | None:
    """The oscillator a zone word at ``at`` speaks of: the operand just before it (within 40 characters), or
    for "it" ("sell when it is overbought") the oscillator named before it, or in the sentence before."""
    before = [o for o in ops if o.end <= at and o.kind in ("ind", "price")]
    subj = before[-1] if before and at - before[-1].end <= 40 else None
    if subj is not None and subj.kind == "price" and re.fullmatch(r"\s*it\s*", norm[subj.start:subj.end]):
        osc = [o for o in before if o.kind == "ind" and o.mention.name in ZONE_LEVELS]
        subj = osc[-1] if osc else (Operand("ind", subj.start, subj.end, mention=prior) if prior is not None
                                    and prior.name in ZONE_LEVELS and not any(o.kind == "ind" for o in ops) else None)
    return subj

# what may stand after a comparator whose line or level is left out: "..., and buy when it breaks up through.",
# "sell when below (red arrows)", "goes short when it crosses back below again"
_ELIDED_END = re.compile(r"\s*(?:(?:again|back|later|too|as\s+well)\s*)?(?:\([^()]{0,60}\)\s*)?(?:[.;,!:]|$|(?:and|or|but|then)\b)")
_PRONOUN = re.compile(r"\s*(?:it|price|the\s+price|the\s+close|prices)\s*")


def _elided(norm: str, ops: list[Operand], out: list[Comparison], a: int, b: int, op: str) -> Comparison | None:
    """A comparator whose line or level is left out ("sell when the price crosses down through the 40-week SMA and
    buy when it breaks up through"): the comparison before it in the clause, with the subject ("it", the price, or
    none) against the same line or level, the way this comparator says.

    >>> from foa.extract.offline.mentions import find_mentions
    >>> n = "sell when price crosses below the 40-week sma and buy when it breaks back above."
    >>> [(k.left.kind, k.op, k.right.kind) for k in comparisons(n, find_mentions(n))]
    [('price', 'crosses_below', 'ind'), ('price', 'crosses_above', 'ind')]
    """
    if op not in ("crosses_above", "crosses_below", ">", "<") or not _ELIDED_END.match(norm, b):
        return None
    before = [k for k in out if k.start < a and k.op in ("crosses_above", "crosses_below", ">", "<", ">=", "<=")]
    if not before:
        return None
    prev = max(before, key=lambda k: k.start)
    if prev.right.kind not in ("ind", "band", "const") or prev.right.end > a or prev.left.kind not in ("ind", "price"):
        return None
    if prev.op in (op, {"crosses_above": ">", "crosses_below": "<", ">": "crosses_above", "<": "crosses_below"}[op]):
        return None  # the same way twice is no second rule on the same line ("rises above 30 and then stays above")
    between = [o for o in ops if o.start >= prev.right.end and o.end <= a]
    if any(not (o.kind == "price" and _PRONOUN.fullmatch(norm, o.start, o.end)) for o in between):
        return None  # a subject of its own ("... and the RSI crosses above"): not the line before
    if " " not in norm[a:b].strip() and not op.startswith("crosses"):
        return None  # a bare "when below" beside "the opposite": the mirror the clause states, read by the roles
    if not cues.roles_of(norm[prev.right.end:a]):
        return None  # a second action of its own is what the words left out serve ("and buy when it breaks up through")
    if prev.op in (">", "<", ">=", "<=") and op in _STATE_OF_CROSS:
        op = _STATE_OF_CROSS[op]  # "while it is above the SMA, ...; once it drops under, sell": the state's other side
    return Comparison(prev.left, op, prev.right, a)


_ON_IND = re.compile(r"\s*(?:\)\s*)?(?:on|of|in|from|for)\s+(?:the\s+|its\s+|an?\s+)?")


def _level_owner(norm: str, ops: list[Operand], level: Operand, prior: Any = None) -> Operand | None:
    """The oscillator a level stated before it is read on ("below -100 on the CCI(20)"), or None.

    >>> from foa.extract.offline.mentions import find_mentions
    >>> n = "we buy when we see a reading below -100 on the cci(20)."
    >>> [(k.left.mention.name, k.op, k.right.value) for k in comparisons(n, find_mentions(n))]
    [('cci', '<', -100.0)]
    """
    on = _ON_IND.match(norm, level.end)
    if on is None:
        return None
    after = [o for o in ops if on.end() <= o.start <= on.end() + 1]
    if not after:
        return None
    o = after[0]
    if o.kind == "ind" and o.mention.name == "macd":
        hist = next((h for h in ops if h.kind == "hist" and 0 <= h.start - o.end <= 2), None)
        if hist is not None:
            return hist  # "... on the MACD histogram"
    if o.kind == "hist" or (o.kind == "ind" and levelled(o.mention.name)):
        return o
    if o.kind == "price" and re.fullmatch(r"\s*it\s*", norm[o.start:o.end]):
        # "... a rise over 60 on it": the oscillator named before (in the clause, else the sentence before)
        before = [x for x in ops if x.end <= level.start and x.kind == "ind" and levelled(x.mention.name)]
        if before:
            return before[-1]
        if prior is not None and levelled(prior.name) and not any(x.kind == "ind" for x in ops):
            return Operand("ind", o.start, o.end, mention=prior)
    return None


def comparisons(norm: str, mentions: list[Mention], bindings: dict[str, Mention] | None = None,
                prior: Mention | None = None) -> list[Comparison]:
    """Comparisons in a clause, left to right. ``bindings`` maps formula variables to indicators; ``prior`` is
    the oscillator a bare "it" compared with a level refers to when the clause names none (the last one
    read against levels in the sentences before)."""
    ops = _operands(norm, mentions)
    if bindings:
        for m in _VAR.finditer(norm):
            if m.group(1) in bindings and not any(o.start <= m.start() < o.end for o in ops):
                sub = m.group(2) or m.group(3) or ""
                lag = re.search(r"-\s*(\d+)", sub)
                ops.append(Operand("ind", m.start(), m.end(), mention=bindings[m.group(1)], shift=int(lag.group(1)) if lag else 0))
        ops.sort(key=lambda o: o.start)
    out, used_cmp = _sided(norm, ops)
    for m in _AVERAGES_CROSS.finditer(norm):
        # "the moving averages cross upward": the fast average over the slow one (resolved against the document's
        # averages, as a golden cross is); "the averages cross: the 10-day SMA crossing above ...": the crossing the
        # words after it state. The plural averages are never an operand of their own.
        used_cmp.append(m.span())
        if m.group("way"):
            kind = "death" if re.match(r"down|to\s+the\s+downside|lower|bearish", m.group("way")) else "golden"
            out.append(Comparison(Operand(kind, m.start(), m.end()), "crosses_below" if kind == "death" else "crosses_above",
                                  Operand(kind, m.start(), m.end()), m.start()))
    moved, spans = _from_to(norm, ops)
    out += moved
    used_cmp += spans
    for m in _CMP_RE.finditer(norm):
        if any(a <= m.start() < b for a, b in used_cmp):
            continue
        op = _CMP[int(m.lastgroup[1:])][0]
        a, b = m.span()
        if m.group(0).startswith("from"):
            moving = _MOVING.search(norm, max(0, a - 30), a)
            subj = _from_level_subject(norm, ops, out, a, b, moving is not None)
            level = _FROM_LEVEL.match(norm, b)
            if subj is not None and level is not None:
                # "%K crosses above %D from below 20", "a MACD cross up through the signal from below the 0 line",
                # "%K moves up from below 20% and crosses above %D": a cross of two lines on the side of a level
                v = float(level.group(1)) if level.group(1) else 0.0
                out.append(Comparison(subj, "<" if m.group(0).endswith("below") else ">",
                                      Operand("const", level.start(), level.end(), value=v), a))
                used_cmp.append((a, level.end()))
                continue
            if not moving or re.search(r"\bcross", norm[b:]):
                continue  # "crosses above 50 from below", "moves up from below 20 and crosses above 50": no level of its own
            op = "crosses_above" if m.group(0).endswith("below") else "crosses_below"  # "the RSI rises from below 25"
        if op in (">", ">=", "<", "<=") and (_PCT_SIDE.match(norm, b) or _PTS_SIDE.match(norm, b)):
            continue  # "at least 10% above the SMA": the amount's qualifier, read with "above" below
        off = _PCT_BEFORE.search(norm, max(0, a - 40), a) if re.search(r"(?:above|over|below|under|beneath)$", m.group(0)) else None
        pts = _PTS_BEFORE.search(norm, max(0, a - 40), a) if re.search(r"(?:above|over|below|under|beneath)$", m.group(0)) else None
        if _right_after_cross(norm, a):
            continue  # "crossover(a, b) > 0": the sign of a cross indicator, read with the cross below
        if re.match(r"(?:golden|death|bullish|bearish|upward|downward)\s+cross", m.group(0)):
            # the named crossover of a fast and a slow average: resolved against the document's averages
            kind = "golden" if m.group(0).startswith(("golden", "bullish", "upward")) else "death"
            out.append(Comparison(Operand(kind, a, b), op, Operand(kind, a, b), a))
            used_cmp.append((a, b))
            continue
        # an operand that overlaps the comparator word ("upper", "lower") is not an operand
        # "a break of the 15-day low" has no subject of its own: the price, never an operand before it
        left = [o for o in ops if o.end <= a and a - o.end <= 90 and o.kind != "const" and not m.group(0).startswith("a break")]
        right = [o for o in ops if o.start >= b and o.start - b <= 30]
        if right and right[0].kind in ("ind", "band"):
            # "longs exit on a 20-day low; shorts exit on a 20-day high": a line's subject (the price) is never
            # the indicator before a ';' (an oscillator level keeps it: "RSI below 20; sell above 55")
            left = [o for o in left if ";" not in norm[o.end:a]]
        if op in ("pos", "neg"):
            near = sorted((o for o in ops if o.kind == "ind" and o.mention.name in ("roc", "macd")), key=lambda o: abs(o.start - a))
            subj = near[0] if near else (left[-1] if left and left[-1].kind == "ind" else None)
            if left and left[-1].kind == "hist" and a - left[-1].end <= 25:
                subj = left[-1]  # "the MACD(12,26,9) histogram turns positive": the histogram, not the MACD line
            elif left and left[-1].kind == "ind" and left[-1].mention.name == "macd" and re.search(
                    r"\bhistogram\s+of\s+(?:the\s+|its\s+)?$", norm[max(0, left[-1].start - 30):left[-1].start]):
                subj = Operand("hist", left[-1].start, left[-1].end)  # "the histogram of the MACD turns positive"
            elif left and left[-1].kind == "price" and re.fullmatch(r"\s*it\s*", norm[left[-1].start:left[-1].end]) \
                    and any(o.kind == "hist" for o in left[:-1]):
                # "... the MACD histogram turns positive; exit when it turns negative": "it" is the histogram
                subj = Operand("hist", left[-1].start, left[-1].end)
            if subj is None and left and left[-1].kind == "price" and re.fullmatch(r"\s*it\s*", norm[left[-1].start:left[-1].end]):
                # "buy when the 20-day ROC is above 5%; sell when it turns negative": "it" is the signed line named
                # before it in the clause, or the oscillator of the sentence before (a clause naming none)
                signed = [o for o in ops if o.end <= left[-1].start and o.kind == "ind" and _signed(o.mention.name)]
                if signed:
                    subj = Operand("ind", left[-1].start, left[-1].end, mention=signed[-1].mention)
                elif prior is not None and _signed(prior.name) and prior.name != "macd" and not any(o.kind == "ind" for o in ops):
                    # (a MACD of the sentence before may have been its line or its histogram: left to the entry reversed)
                    subj = Operand("ind", left[-1].start, left[-1].end, mention=prior)
            if subj is None and re.search(r"\b(?:returns?|momentum|performance)\b", norm[:a]):
                subj = Operand("roc_ref", a, a)  # "if the return is positive": the document's look-back returns
            if subj is None:
                continue
            out.append(Comparison(subj, ">" if op == "pos" else "<", Operand("const", a, b, value=0.0), a))
            continue
        if op in (">=", "<=") and re.match(r"or\s", norm[a:b]):
            # "a CCI reading of -100 or lower", "RSI at 70 or above": the level stands before its comparator
            prev = [o for o in ops if o.kind == "const" and o.end <= a and a - o.end <= 3]
            if prev:
                right = [prev[-1]]
                left = [o for o in left if o.end <= prev[-1].start]
            elif re.match(r"or\s+(?:more|less|greater|under)", norm[a:b]):
                continue  # "5% or more above the average": an amount, not a comparison
        pct = _PERCENT.match(norm, b)
        if pct and (not right or right[0].start > pct.start(1)):
            # "below its 25% line", "%K under 20%": a level in percent on a 0-100 oscillator's own scale
            subj = left[-1] if left else None
            if subj is not None and subj.kind == "price" and re.fullmatch(r"\s*it\s*", norm[subj.start:subj.end]):
                subj = next((o for o in reversed(ops) if o.end <= subj.start and o.kind == "ind" and levelled(o.mention.name)), subj)
            if subj is not None and subj.kind == "ind" and _percent_scale(subj.mention.name):
                right = [Operand("const", pct.start(1), pct.end(1), value=float(pct.group(1)))]
            elif subj is not None and subj.kind == "ind" and getattr(_table_row(subj.mention.name), "scale", None) == "return":
                # "the 12-day ROC is above 5%", "ROC(3) below -4%": a return level, held as the fraction it is
                right = [Operand("const", pct.start(1), pct.end(1), value=float(pct.group(1)) / 100)]
        if not right:
            again = _elided(norm, ops, out, a, b, op)
            if again is not None:
                out.append(again)
                used_cmp.append((a, b))
            continue
        r = right[0]
        if m.group(0) == "over" and not ((r.kind in _LINE_KINDS and _ARTICLE_GAP.fullmatch(norm, b, r.start))
                                          or (r.kind == "const" and not norm[b:r.start].strip())):
            continue  # "over the last 20 days": a span, not a comparison with a line or a level
        zone = r if r.kind == "zone" else None
        if zone is not None:
            # "falls below the oversold level": a level of the oscillator (its number, if stated, is the level)
            r = Operand("const", zone.start, zone.end, value=zone.value if zone.value is not None else math.nan, name=zone.name)
        lo = left[-1] if left else Operand("price", a, a, name="close")
        if not left and r.kind == "const":
            # "a reading below -100 on the CCI(20)", "a cross above zero on the MACD histogram": the level named
            # before the oscillator it is read on
            lo = _level_owner(norm, ops, r, prior) or lo
        if left and r.kind in ("ind", "band", "price") and _SIDE_BEFORE.search(norm, lo.end, a) and _line_subject(lo):
            # "go long above the 100 EMA and go short below it", "buy over the upper band, short under the lower
            # band": a side's own comparator with no subject of its own compares the price with the line after it
            # ("it" is the line named before), never the line of the side before with itself
            if r.kind == "price" and re.fullmatch(r"\s*it\s*", norm[r.start:r.end]):
                r = lo
            lo = Operand("price", a, a, name="close")
        elif _line_subject(lo) and lo.kind == "ind" and r.kind == "price" and re.fullmatch(r"\s*it\s*", norm[r.start:r.end]):
            # "sell when the 50-day SMA falls below it": a line against "it" is against the other line named before
            # (the 200-day SMA), never the price
            other = [o for o in ops if o.end <= lo.start and _line_subject(o) and o.kind == "ind"
                     and (o.mention.name, o.mention.params) != (lo.mention.name, lo.mention.params)]
            if other:
                r = other[-1]
        verb = re.match(r"(?:clos|trad|settl|end|finish)\w*\s+", m.group(0))  # "trades above": the verb in the comparator
        subject = _NEW_PRICE_SUBJECT.search(norm, lo.end, a + (verb.end() if verb else 0)) if left and lo.kind != "price" else None
        if subject is not None and not any(o.start >= subject.start(1) and o.end <= a for o in ops):
            lo = Operand("price", subject.start(1), subject.end(1), name="close")
        if lo.kind == "price" and len(left) > 1 and left[-2].kind == "ind" and re.fullmatch(
                r"\s*(?:of|on|for)\s+(?:the\s+)?(?:[\w&$^.-]+\s+){0,3}?", norm[left[-2].end:lo.start]) \
                and not _CMP_RE.search(norm, left[-2].end, lo.start):
            # "the 2-day RSI of the close falls below 10", "the 3-day RSI of the Nasdaq 100 index drops under 12":
            # the indicator is the subject, the price it runs on only names what it is computed from
            lo = left[-2]
        if lo.kind == "price" and r.kind == "const" and re.fullmatch(r"\s*it\s*", norm[lo.start:lo.end]):
            # "buy when RSI(14) crosses up through 30 and sell when it crosses down through 70": "it" is the
            # oscillator named before it, not the price (a price is never compared with a bare level)
            osc = [o for o in ops if o.end <= lo.start and ((o.kind == "ind" and levelled(o.mention.name)) or o.kind == "hist")]
            if osc:
                # "the MACD histogram turns positive; exit when it turns negative": the histogram, not the MACD line
                lo = osc[-1] if osc[-1].kind != "hist" else Operand("hist", lo.start, lo.end)
            elif prior is not None and not any(o.kind == "ind" for o in ops):
                # "Buy when the CCI falls below -100. Sell when it rises above 100.": the oscillator of the
                # sentence before (a clause naming no indicator of its own)
                lo = Operand("ind", lo.start, lo.end, mention=prior)
        if lo.kind == "price" and r.kind == "ind" and _line_subject(r) and re.fullmatch(r"\s*it\s*", norm[lo.start:lo.end]):
            # "buys when the 20 EMA is above the 50 EMA and sells when it is below the 50 EMA": "it" against the line
            # the clause compared another line with is that other line, never the price
            lines = [o for o in ops if o.end <= lo.start and o.kind == "ind" and _line_subject(o)]
            key = (r.mention.name, r.mention.params)
            if len(lines) >= 2 and (lines[-1].mention.name, lines[-1].mention.params) == key \
                    and (lines[-2].mention.name, lines[-2].mention.params) != key:
                lo = Operand("ind", lo.start, lo.end, mention=lines[-2].mention)
        if r.kind == "price" and _line_subject(lo) and re.fullmatch(r"\s*it\s*", norm[r.start:r.end]) and any(
                c.left.kind == "price" and c.right.kind in ("ind", "band") and _key(c.right) == _key(lo) for c in out):
            # "dips below the 50-day SMA and then closes back above it": the price again, against the line named before
            lo, r = Operand("price", r.start, r.end, name="close"), lo
        elif lo.kind == "price" and r.kind == "price" and re.fullmatch(r"\s*it\s*", norm[r.start:r.end]):
            # "... pops above the upper band and then closes back below it": the line the price was compared with before
            before = [c.right for c in out if c.left.kind == "price" and c.right.kind in ("ind", "band") and c.start < a]
            if before:
                r = before[-1]
        if lo.kind == "ind" and levelled(lo.mention.name) and r.kind == "price" and re.fullmatch(r"\s*it\s*", norm[r.start:r.end]):
            # "the stochastic drops below 20 and then crosses back above it": "it" is the level the oscillator was
            # compared with before, never the price
            level = [c.right for c in out if c.right.kind == "const" and c.left.kind == "ind" and c.left.mention is lo.mention
                     and c.start < a]
            if level:
                r = Operand("const", r.start, r.end, value=level[-1].value)
        if lo.kind == "price" and r.kind == "ind" and r.mention.of is not None and re.fullmatch(r"\s*it\s*", norm[lo.start:lo.end]):
            # "sell when it crosses below the signal line" (the PPO's), "... below its 9-day EMA" (the RSI's): "it" is
            # the indicator the average runs on
            lo = Operand("ind", lo.start, lo.end, mention=r.mention.of)
        reach_note = None
        if op == "touch":
            # the line reached: a band operand's name, or the line named before an indicator ("the lower Bollinger band")
            target = f"{r.name or ''} {r.mention.name if r.mention else ''} {(r.mention.role or '') if r.mention else ''}"
            crossing = m.group(0).startswith(("cross", "break", "x"))
            # "RSI crosses 50": an oscillator crossing a level; otherwise the target must be a line
            # ("exit when it breaks the 70 level": "it" is the oscillator named before, resolved below)
            it_osc = bool(left) and left[-1].kind == "price" and re.fullmatch(r"\s*it\s*", norm[left[-1].start:left[-1].end]) is not None \
                and (any(o.kind == "ind" and levelled(o.mention.name) for o in left[:-1])
                     or (prior is not None and levelled(prior.name) and not any(o.kind == "ind" for o in ops)))
            level = r.kind == "const" and (lo_is_ind(left, a) or it_osc)
            if r.kind not in ("ind", "band", "signal") and not level:
                continue
            below = bool(re.search(r"lower|lowest|low", target))
            way = _WAY.match(norm, r.end) or _WAY.match(norm, b)  # "x EMA50 up", "crosses up the 50-day"
            way_level = _WAY_LEVEL.match(norm, r.end) if level and not way else None
            if way:
                below = way.group(1).startswith(("down", "low", "from above"))
            elif way_level:
                below = way_level.group(1) is not None
            elif crossing and r.kind in ("ind", "signal") and (_TURN.search(norm, max(0, a - 60), a) or _FROM_SIDE.search(norm, r.end, r.end + 30)):
                # "turns down from above 80 and crosses its signal line": the way the subject was moving
                t = _TURN.search(norm, max(0, a - 60), a)
                below = (t.group(0) if t else _FROM_SIDE.search(norm, r.end, r.end + 30).group(0)).endswith(("down", "downward", "downwards", "above"))
            elif crossing and r.kind in ("ind", "signal") and not below and not (r.kind == "ind" and r.mention.name in ("highest", "lowest")):
                # "sell short when the MACD crosses its signal line": an undirected cross of two lines takes its way
                # from the side it serves (a sell or a short is the cross down)
                sub = next((x for x, y in cues.split_subclauses(norm) if x <= a < y), 0)
                roles = cues.roles_of(norm[sub:a])
                below = bool(roles & {"sell", "short", "exit", "exit_long"}) and not roles & {"buy", "cover"}
            op = ("crosses_below" if below else "crosses_above") if crossing or level else ("<=" if below else ">=")
            if op == ">=" and r.kind == "ind" and not way and r.mention is not None and r.mention.name not in ("highest", "max"):
                # "exit when the price comes back to the 20-day SMA", "sell once it touches the EMA again": a long held
                # above its average leaves when the price falls back to it (a short's cover is the rise to it)
                sub = next((x for x, y in cues.split_subclauses(norm) if x <= a < y), 0)
                roles, whole = cues.roles_of(norm[sub:a]), cues.roles_of(norm)
                if roles & {"exit", "sell", "exit_long"} and not roles & {"buy", "cover", "short"} and not whole & {"short", "cover"}:
                    op = "<="
            reached = level and not way and not way_level and _REACHED.match(m.group(0))
            if reached and _EXIT_WORD.search(norm, 0, a):
                continue  # "exit when the RSI reaches 65": an exit at a level, read against its entry's level (``build``)
            if reached:
                # "the RSI reaches 70": at or beyond a level on the side of its range it lies on (70 is in the RSI's upper
                # half: >= 70; "hits 30": <= 30); an oscillator with no known range gives no side
                subj_ind = lo_ind_name(left, ops, prior)
                if subj_ind not in ZONE_LEVELS:
                    continue
                lo_z, hi_z = ZONE_LEVELS[subj_ind]
                if r.value == (lo_z + hi_z) / 2:
                    continue  # the midpoint is reached from either side
                op = ">=" if r.value > (lo_z + hi_z) / 2 else "<="
                reach_note = (f"'{m.group(0)} {r.value:g}' on {subj_ind.upper()} read as {op} {r.value:g} (the side of its "
                              f"{lo_z:g}..{hi_z:g} zones the level lies on)")
        if lo.kind == "const" or (lo is r):
            continue
        if pts is not None and r.kind == "const" and lo.kind == "ind" and op in (">", "<"):
            # "RSI(14) at least 10 points above 40": the level moved by the points (above 50), "less than 5 points
            # below 70" the near side of the moved level
            up = m.group(0).endswith(("above", "over"))
            n = float(pts.group("n"))
            r = Operand("const", r.start, r.end, value=r.value + n if up else r.value - n)
            q = re.sub(r"\s+", " ", pts.group("q") or "")
            other = q in ("less than", "under", "within", "at most", "no more than")
            inclusive = q in ("at least", "at most", "no more than")
            up = up != other
            op = (">=" if inclusive else ">") if up else ("<=" if inclusive else "<")
        if off is not None and r.kind in ("ind", "band", "ma_ref", "role"):
            # "closes at least 5% above its 50-day SMA": the line moved by the percentage; "less than 3% below" the
            # other side of the moved line
            up = m.group(0).endswith(("above", "over"))
            p = float(off.group("p")) / 100
            r = Operand(r.kind, r.start, r.end, r.shift, r.mention, r.value, r.name, scale=round(1 + p if up else 1 - p, 10))
            q = re.sub(r"\s+", " ", off.group("q") or "")
            if op not in ("crosses_above", "crosses_below"):
                other = q in ("less than", "under", "within", "at most", "no more than")  # the near side of the moved line
                inclusive = q in ("at least", "at most", "no more than") or "or more" in off.group(0)
                up = up != other
                op = (">=" if inclusive else ">") if up else ("<=" if inclusive else "<")
        assumed = reach_note
        if zone is not None:
            conventional = zone.name in ("oversold", "overbought")
            if lo.kind != "ind" or not (lo.mention.name in ZONE_LEVELS if conventional else levelled(lo.mention.name)):
                continue  # "above the upper threshold" of no oscillator: nothing to compare
            if zone.value is None and _EXAMPLE_LEVEL.match(norm, zone.end):
                continue  # "the oversold threshold (e.g., 20)": a level shown as an example is no strategy's
            if zone.value is None and not conventional:
                pass  # "above the entry level", "above the threshold": the level the document declares (``resolve``)
            elif zone.value is None:
                level = float(ZONE_LEVELS[lo.mention.name][zone.name == "overbought"])
                r.value = level
                assumed = f"'{zone.name}' on {lo.mention.name.upper()} read as its conventional level ({level:g})"
        if lo.kind == "price" and lo.name in ("typical", "median", "weighted") and r.kind == "ind" and r.mention.name in _AVERAGES \
                and _ITS.search(norm, 0, r.start):
            r.mention.source = lo.name  # "the typical price is above its 20-day SMA": the average of the typical price
        if lo.kind == "ind" and r.kind == "ind" and lo.mention.name not in _AVERAGES and r.mention.of is None:
            of = _OF_IND.match(norm, r.end) if r.mention.name in _AVERAGES else None
            poss = _POSSESSIVE_AVG.match(norm, r.end) if r.mention.name == lo.mention.name else None
            if of is not None and any(o.kind == "ind" and o.start == of.end() and o.mention.name == lo.mention.name for o in ops):
                r.mention.of = lo.mention  # "the RSI(14) is above a 9-period SMA of the RSI": the RSI's average
            elif poss is not None:
                # "the RSI crosses above the RSI's 10-day average": the average of the indicator the clause compares
                avg = next((o for o in ops if o.kind == "ind" and o.mention.name in _AVERAGES and r.end < o.start < poss.end()), None)
                k = poss.group("k")
                mention = avg.mention if avg is not None else Mention(
                    "ema" if k.startswith(("ema", "exp")) else "sma" if k.startswith(("sma", "simple")) else "ma",
                    {"window": int(poss.group("w"))}, "d" if poss.group("u") in ("day", "session") else None, r.start, poss.end())
                mention.of = lo.mention
                r = Operand("ind", r.start, poss.end(), mention=mention)
        idx = _INDEX_NAME.search(norm, lo.end, a) if (lo.kind == "ind" and r.kind == "ind" and r.mention.name in _AVERAGES
                                                       and lo.mention.name not in _AVERAGES) else None
        if idx is not None and "window" in r.mention.params and r.mention.unit in (None, "d") and _ITS.search(norm, idx.end(), r.start):
            # "RSI(14) below 30, but only while the S&P 500 is above its 200-day SMA": the index's close against
            # its own average (a signal instrument), never the oscillator's average
            code = next(c for k, c in _INDEX_CODES.items() if re.fullmatch(k, idx.group(0)))
            name = "ema" if r.mention.name == "ema" else "sma"
            lo = Operand("expr", idx.start(), idx.end(), expr=M.PriceExpr(symbol=code))
            r = Operand("expr", r.start, r.end, expr=M.IndicatorExpr(name=name, params={"window": int(r.mention.params["window"])}, symbol=code))
        elif (lo.kind == "ind" and r.kind == "ind" and r.mention.name in _AVERAGES and lo.mention.name not in _AVERAGES
                and _ITS.search(norm, 0, r.start) and (mkt := _MARKET_SUBJECT.search(norm, lo.end, a)) is not None
                and not any(o.start >= mkt.start(1) and o.end <= a for o in ops)):
            # "the 3-day RSI closes under 15 while QQQ is above its 100-day SMA": the market named after the connector
            # against its own average (a signal ticker's prices are read on it when the spec is built)
            lo = Operand("price", mkt.start(1), mkt.end(1), name="close")
        elif (lo.kind == "ind" and r.kind == "ind" and r.mention.name in _AVERAGES and lo.mention.name not in _AVERAGES
                and _ITS.search(norm, 0, r.start)):
            # "the RSI crosses above its 9-day EMA", "OBV above its 20-day average": the average of the indicator
            r.mention.of = lo.mention
        cross = next((c for c in reversed(out) if c.right is lo and c.op in _STATE_OF_CROSS), None)
        if cross is not None and r.kind == "const" and cross.left.kind == "ind" and re.fullmatch(r"[\s,]*(?:line\s*)?", norm[lo.end:a]):
            lo = cross.left  # "%K crosses above %D below 20": the level is where the subject crosses
        out.append(Comparison(lo, op, r, a, assumed=assumed, zone=zone.name if zone is not None and zone.value is None else None))
        used_cmp.append((a, b))
        # "between 30 and 70", "between ma 10 and ma 20": a second bound
    for m in _CROSS_FN.finditer(norm):
        inside = [o for o in ops if o.start >= m.end() and o.kind in ("ind", "price", "const")][:2]
        if len(inside) == 2:
            # Cross(a, b) / crossover(a, b): a crosses above b; crossunder(a, b): below
            op = "crosses_below" if "under" in m.group(0) else "crosses_above"
            if _BELOW_ZERO.match(norm, _close_paren(norm, m.end())):
                op = _FLIP_CROSS[op]  # "crossover(a, b) < 0": the cross down (backtrader's CrossOver)
            out.append(Comparison(inside[0], op, inside[1], m.start()))
    # "an SMA(10)/SMA(30) crossover", "the EMA 9 x EMA 21 cross": a named crossover, fast over slow
    mas = [o for o in ops if o.kind == "ind" and o.mention.name in ("ma", "sma", "ema") and "window" in o.mention.params]
    for x, y in zip(mas, mas[1:]):
        if _PAIR_SEP.fullmatch(norm[x.end:y.start]) and _NAMED_CROSS.match(norm, y.end) and not any(c.start == x.start for c in out):
            fast, slow = sorted((x, y), key=lambda o: o.mention.params["window"])
            out.append(Comparison(fast, "crosses_above", slow, x.start))
    if any(c.left.kind == "ind" for c in out):
        out = [c for c in out if c.left.kind not in ("golden", "death")]
    # "a bullish stochastic crossover", "a bearish DMI cross": the two lines the mention grammar named, crossing
    lines = [o for o in ops if o.kind == "ind" and o.mention.role in ("xbull", "xbear")]
    for x, y in zip(lines, lines[1:]):
        if x.end != y.start:
            continue
        for c in out:
            if c.left is x and c.right.kind == "const" and c.op in _STATE_OF_CROSS:
                c.op = _STATE_OF_CROSS[c.op]  # "a stochastic crossover below 20": where the lines cross
        out.append(Comparison(x, "crosses_above" if x.mention.role == "xbull" else "crosses_below", y, x.start))
    # "buy on a bullish engulfing candle", "a hammer prints": a candlestick pattern is its own condition,
    # TA-Lib's reading above zero (bullish) or below (bearish)
    compared = {id(o) for c in out for o in (c.left, c.right)}
    for o in ops if not _OTHERS_TRADE.search(norm) else ():
        if o.kind == "ind" and o.mention.name.startswith("cdl") and id(o) not in compared and _ON_PATTERN.search(norm, 0, o.start):
            bear = o.mention.role == "bear" or (o.mention.role is None and o.mention.name in BEARISH_PATTERNS)
            out.append(Comparison(o, "<" if bear else ">", Operand("const", o.end, o.end, value=0.0), o.start))
    crossed = []
    for m in _ZONE_CROSS.finditer(norm):
        # "the RSI leaves the oversold zone": crosses back above its level
        subj = _zone_subject(ops, norm, m.start(), prior)
        if subj is None or subj.kind != "ind" or subj.mention.name not in ZONE_LEVELS:
            continue
        over = m.group("z") == "overbought"
        stated = _ZONE_STATED.match(norm, m.end())
        level = float(stated.group(1)) if stated else float(ZONE_LEVELS[subj.mention.name][over])
        end = stated.end() if stated else m.end()
        # the stated level's own comparison ("back above 30") is this move, read once
        out = [c for c in out if not (m.start() <= c.start < end + 1 and (c.left.mention is subj.mention or c.left.kind == "zone"))]
        op = "crosses_below" if over else "crosses_above"
        out.append(Comparison(subj, op, Operand("const", m.start("z"), m.end("z"), value=level), m.start(),
                              assumed=None if stated else f"'{m.group('z')}' on {subj.mention.name.upper()} read as its conventional level ({level:g})",
                              zone=None if stated else m.group("z")))
        crossed.append((m.start(), end))
    for m in _ZONE.finditer(norm):
        if any(a <= m.start("z" if "z" in _ZONE.groupindex else 1) < b for a, b in crossed):
            continue
        # "when the stochastic is oversold", "the Williams %R enters overbought territory": the conventional level
        subj = _zone_subject(ops, norm, m.start(), prior)
        if subj is None or subj.kind != "ind" or subj.mention.name not in ZONE_LEVELS:
            continue
        if any(c.left.mention is subj.mention and c.right.kind == "const" and 0 <= c.start - m.start() <= 30 for c in out):
            continue  # "oversold (below -90)": the stated level
        lo_level, hi_level = ZONE_LEVELS[subj.mention.name]
        over = m.group(1) == "overbought"
        level = hi_level if over else lo_level
        out.append(Comparison(subj, ">" if over else "<", Operand("const", m.start(1), m.end(1), value=float(level)), m.start(),
                              assumed=f"'{m.group(1)}' on {subj.mention.name.upper()} read as its conventional level ({level})", zone=m.group(1)))
    for o in ops:
        # "RSI(14) oversold + price above the 200 SMA", "long when stoch oversold": the zone right after the name, no verb
        z = _ZONE_AFTER.match(norm, o.end) if o.kind == "ind" and o.mention.name in ZONE_LEVELS else None
        if z is None or any(c.left.mention is o.mention for c in out if c.left.kind == "ind"):
            continue
        over = z.group(1) == "overbought"
        level = float(ZONE_LEVELS[o.mention.name][over])
        out.append(Comparison(o, ">" if over else "<", Operand("const", z.start(1), z.end(1), value=level), z.start(1),
                              assumed=f"'{z.group(1)}' on {o.mention.name.upper()} read as its conventional level ({level:g})", zone=z.group(1)))
    for o in ops:
        # "enter long on an oversold RSI(14)", "exit on overbought readings of the stochastic": the zone as an adjective
        adj = _ZONE_ADJ.search(norm, max(0, o.start - 45), o.start) if o.kind == "ind" and o.mention.name in ZONE_LEVELS else None
        if adj is None or any(c.left.mention is o.mention and c.right.kind == "const" for c in out):
            continue
        over = adj.group(1) == "overbought"
        level = float(ZONE_LEVELS[o.mention.name][over])
        out.append(Comparison(o, ">" if over else "<", Operand("const", adj.start(1), adj.end(1), value=level), adj.start(),
                              assumed=f"'{adj.group(1)}' on {o.mention.name.upper()} read as its conventional level ({level:g})", zone=adj.group(1)))
    for m in _DAY_MOVE_RE.finditer(norm):
        # "falls 2% or more in a single day": the 1-day return below -2% (rises: above +2%)
        roc = next((o for o in ops if o.kind == "ind" and o.mention.role == "day_move" and o.start == m.start()), None)
        if roc is not None:
            level = float(m.group(2)) / 100
            out.append(Comparison(roc, "<" if m.group(1) else ">", Operand("const", m.start(2), m.end(2), value=-level if m.group(1) else level), m.start()))
    for m in _RANGE.finditer(norm):
        # "with RSI(14) in the 40-60 range": above the low end and below the high end, on the oscillator before it
        lo_v, hi_v = sorted((float(m.group(1)), float(m.group(2))))
        before = [o for o in ops if o.end <= m.start() and m.start() - o.end <= 40 and o.kind == "ind" and levelled(o.mention.name)]
        if before and lo_v < hi_v and not any(c.left is before[-1] and c.right.kind == "const" and c.start >= before[-1].end for c in out):
            subj = before[-1]
            out.append(Comparison(subj, ">", Operand("const", m.start(1), m.end(1), value=lo_v), m.start()))
            out.append(Comparison(subj, "<", Operand("const", m.start(2), m.end(2), value=hi_v), m.start()))
    # "crosses from below to above 30": the crossing names its side once; the state read from its last words is
    # the same rule, not a second one
    crossings = [c for c in out if c.op in _STATE_OF_CROSS]
    out = [c for c in out if not (c.op in (">", "<") and any(x.right is c.right and x.left is c.left and _STATE_OF_CROSS[x.op] == c.op
                                                             for x in crossings))]
    for m in _BETWEEN.finditer(norm):
        if _QUANTITY_BETWEEN.search(norm, 0, m.start()):
            continue  # "the percentage difference between the 1-day and the 10-day EMA": a quantity, not a range
        after = [o for o in ops if o.start >= m.end() and o.start - m.end() <= 40]
        before = [o for o in ops if o.end <= m.start() and o.kind != "const"]
        if len(after) >= 2:
            subj = before[-1] if before else Operand("price", m.start(), m.start(), name="close")
            lo_op, hi_op = after[0], after[1]
            out.append(Comparison(subj, ">", lo_op, m.start()))
            out.append(Comparison(subj, "<", hi_op, m.start()))
    out = _passive_breaks(norm, ops, out)
    return _crossed_back(norm, _sign_changes(norm, ops, out))


def _key(o: Operand) -> tuple:
    if o.kind == "price":
        return ("price", o.name or "close", o.shift)
    if o.kind == "const":
        return ("const", o.value)
    if o.mention is not None:
        return (o.kind, o.mention.name, tuple(sorted(o.mention.params.items())), o.mention.role)
    return (o.kind, o.name)


_THEN_BACK = re.compile(r"\b(?:then|back|again|afterwards?|subsequently|later)\b")
_REVERSE = re.compile(r"\b(?:revers\w*|flip\w*|stop\s+and\s+reverse)\b")


def _crossed_back(norm: str, out: list[Comparison]) -> list[Comparison]:
    """ "drops below 30 and then climbs back above 30", "goes below 20, then ... comes back above 20": a crossing
    and the crossing back over the same line after it are one rule, the crossing back (the first is where the
    subject has to be before it, which the crossing back already says). Two crossings that each have an action of
    their own ("buy as the MACD crosses above zero, then reverse at the next cross below zero") stay two rules."""
    crossings = [c for c in out if c.op in ("crosses_above", "crosses_below")]
    drop = []
    for a, b in zip(crossings, crossings[1:]):
        if a.op != b.op and a.start < b.start and _key(a.left) == _key(b.left) and _key(a.right) == _key(b.right) \
                and _THEN_BACK.search(norm, a.start, max(b.right.end, b.start + 1)) \
                and not (cues.roles_of(norm[:a.start]) and (cues.roles_of(norm[a.right.end:b.start]) or _REVERSE.search(norm, a.right.end, b.start))):
            drop.append(a)
    return [c for c in out if all(c is not d for d in drop)]


# "the histogram changes from negative to positive", "the 12-month ROC turns from positive to negative": a sign change
_SIGN_TO = re.compile(r"\b(?:(?:cross|go|move|change|turn|flip|switch|swing|shift)\w*\s+)?from\s+(?:a\s+)?(?P<a>negative|positive)"
                      r"(?:\s+(?:territory|values?|readings?|numbers?))?\s+(?:back\s+)?to\s+(?:a\s+)?(?P<b>positive|negative)\b")


def _sign_changes(norm: str, ops: list[Operand], out: list[Comparison]) -> list[Comparison]:
    """A sign change is the crossing of zero on the line before it (the histogram, the MACD line, a return), in place of
    the signs' own readings."""
    for m in _SIGN_TO.finditer(norm):
        if m.group("a") == m.group("b"):
            continue
        before = [o for o in ops if o.end <= m.start() and m.start() - o.end <= 60 and o.kind in ("ind", "hist")]
        subj = before[-1] if before else None
        if subj is None or (subj.kind == "ind" and _line_subject(subj)):
            continue  # a price line has no sign
        if subj.kind == "ind" and subj.mention.name == "macd" and (re.search(r"\bhistogram\b", norm[subj.end:m.start()])
                                                                 or re.search(r"\bhistogram\s+of\s+(?:the\s+|its\s+)?$", norm[max(0, subj.start - 30):subj.start])):
            subj = Operand("hist", subj.start, subj.end)
        out = [c for c in out if not (m.start() <= c.start < m.end())]
        up = m.group("b") == "positive"
        out.append(Comparison(subj, "crosses_above" if up else "crosses_below", Operand("const", m.start("b"), m.end("b"), value=0.0),
                              m.start()))
    return out


# a line as the subject of a passive break: "the 20-day high is exceeded", "the upper band gets penetrated by the
# close", "the lower channel is broken to the downside" (the price crossing that line)
_PASSIVE = re.compile(r"\s*(?:,\s*)?(?:is|gets|has\s+been|was|are|get|have\s+been|being|getting)\s+(?:\w+ly\s+)?"
                      r"(?:broken|exceeded|breached|penetrated|surpassed|pierced|taken\s+out|crossed|violated|cleared)\b"
                      r"(?:\s*,?\s*(?:(?P<up>to\s+the\s+upside|upwards?|on\s+the\s+upside|from\s+below)"
                      r"|(?P<down>to\s+the\s+downside|downwards?|on\s+the\s+downside|from\s+above)))?"
                      r"(?:\s+by\s+(?:the\s+|a\s+)?(?:close|closing\s+price|price|market|candle|bar)\b)?")


def _passive_breaks(norm: str, ops: list[Operand], out: list[Comparison]) -> list[Comparison]:
    """``out`` with the price crossing each line named as broken: up through an upper line or a high, down through a
    lower line or a low; a line with no side of its own ("the 50-day SMA is crossed") only with the way stated. The
    passive's own words ("is crossed upwards by the close") are this crossing, never the line crossing the price."""
    found = []
    for o in ops:
        if o.kind not in ("ind", "band"):
            continue
        m = _PASSIVE.match(norm, o.end)
        if m is None:
            continue
        own = [c for c in out if m.start() <= c.start < m.end()]
        if any((c.left is o or c.right is o) and c not in own for c in out):
            continue
        target = f"{o.name or ''} {o.mention.name if o.mention else ''} {(o.mention.role or '') if o.mention else ''}"
        if m.group("up") or m.group("down"):
            below = m.group("down") is not None
        elif re.search(r"upper|highest|\bhigh\b", target):
            below = False
        elif re.search(r"lower|lowest|\blow\b", target):
            below = True
        else:
            continue
        if o.kind == "ind" and levelled(o.mention.name):
            continue  # an oscillator is never a line the price breaks
        out = [c for c in out if c not in own]
        found.append(Comparison(Operand("price", m.start(), m.start(), name="close"), "crosses_below" if below else "crosses_above",
                                o, o.start))
    return sorted(out + found, key=lambda c: c.start) if found else out


# "compare VTI's close with its 12-month SMA." then "Above: stay invested. Below: switch to BND."
_COMPARE = re.compile(r"\bcompare\s+(.{2,60}?)\s+(?:with|to|against|and)\s+")
_SIDE = re.compile(r"^\W*(?:if\s+|when\s+|while\s+)?(?:(?:it|price|the\s+(?:close|price))\s+is\s+|it's\s+)?"
                   r"(above|over|higher|below|under|lower)\b(?:\s+(?:it|the\s+average|the\s+line))?\s*[:,\u2013\u2014-]")


def compared_pair(norm: str, mentions: list[Mention]) -> tuple[Operand, Operand] | None:
    """The two sides of "compare A with B" (A the close unless an indicator is named there)."""
    m = _COMPARE.search(norm)
    if not m:
        return None
    after = [x for x in mentions if x.start >= m.end()]
    before = [x for x in mentions if m.start(1) <= x.start < m.end(1)]
    if not after:
        return None
    left = Operand("ind", before[0].start, before[0].end, mention=before[0]) if before else Operand("price", m.start(1), m.end(1), name="close")
    return left, Operand("ind", after[0].start, after[0].end, mention=after[0])


def side_answer(norm: str) -> str | None:
    """'>' for a line answering a comparison with "Above: ...", '<' for "Below: ..."."""
    m = _SIDE.match(norm)
    return None if not m else ">" if m.group(1) in ("above", "over", "higher") else "<"
