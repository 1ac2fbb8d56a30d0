"""Price-bar rules: a bar's direction, the bars before it, its range and where it closes in it, gaps, runs
of closes, and levels of a signal instrument (the VIX).

foa's DSL holds these as plain expressions on the price fields: a green candle is ``close > open``, "a down
day" is ``close < close[1]``, "three lower closes in a row" is three such comparisons shifted one bar apart,
"the close is above yesterday's high" is ``close > high[1]``, IBS is ``(close - low) / (high - low)``, an NR7
day is ``high - low < lowest(6, input=high - low)`` (``lowest`` covers the bars before the current one), a
gap down is ``open < close[1]`` and "the VIX is above 30" is ``close(symbol="^VIX") > 30``.

``bar_comparisons(norm)`` reads them from a normalised clause as ``compare.Comparison`` objects (an operand
of kind ``"expr"`` carries its ready expression), so the rule reader gives them roles, evidence and
assumptions like any other comparison; ``EXPRESSED`` names the parts of ``unsupported.py`` and the lexicon
these cover, so a part read here is no longer listed as one foa cannot express. The word classes (bar nouns,
colours, comparators, bar references) are tables below: a word added to one works in every construction.

>>> [str_of(k) for k in bar_comparisons("buy after 3 down days in a row.")]
['close < close[1]', 'close[1] < close[2]', 'close[2] < close[3]']
>>> [str_of(k) for k in bar_comparisons("go long when ibs < 0.2")]
['(close - low) / (high - low) < 0.2']
"""

from __future__ import annotations

import re
from typing import Any

from foa.extract.offline import slope
from foa.extract.offline.compare import Comparison, Operand
from foa.extract.offline.lexicon import alternation
from foa.extract.offline.locate import is_hearsay
from foa.spec import model as M

__all__ = ["EXPRESSED", "ICHIMOKU", "VIX_SYMBOL", "bar_comparisons", "expressed_spans", "formula_indicators", "ichimoku_settings", "read_into", "states_a_rule", "str_of"]

# the parts foa's other readers list as unsupported that a comparison read here expresses
EXPRESSED = frozenset({"candle direction", "prior-bar high/low rule", "IBS (internal bar strength)", "consecutive bars condition",
                       "opening gap", "condition on the VIX (another market's level)", "candlestick pattern", "Ichimoku cloud"})
VIX_SYMBOL = "^VIX"  # the code the bundled data and Yahoo use for the CBOE volatility index

# ------------------------------------------------------------------------------------------ word classes
_NUMS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
         "a": 1, "an": 1}
_COUNT = r"(?P<n>\d{1,2}|" + "|".join(w for w in _NUMS if len(w) > 2) + r")"


def _named(pattern: str, old: str, new: str) -> str:
    """``pattern`` with its group ``old`` renamed (one group name per pattern, however many branches use it)."""
    return pattern.replace(f"?P<{old}>", f"?P<{new}>")


_BAR = alternation(("candle", "candles", "candlestick", "candlesticks", "bar", "bars", "day", "days", "session", "sessions"))
_DAY = alternation(("day", "days", "session", "sessions", "close", "closes", "closing", "week", "weeks"))
# the bar a rule reads: the current one or one before it
_PREV = ("previous", "prior", "preceding", "yesterday's", "yesterdays", "yesterday")
_NOW = ("today's", "todays", "current", "this", "the signal", "signal", "latest", "last", "setup", "entry", "trigger")
_REF = rf"(?P<ref>{alternation(_PREV + _NOW)})"
# a candle's colour or direction word: close above (below) its open
_UP_COLOUR = ("green", "white", "bullish", "positive", "hollow")
_DOWN_COLOUR = ("red", "black", "bearish", "negative", "filled")
# "up"/"down" of a day or a close: the close against the bar before's close
_UP_DAY = ("up", "higher", "rising", "advancing", "positive")
_DOWN_DAY = ("down", "lower", "falling", "declining", "negative")
# comparators of two prices (a state: a bar either closed above its open or not)
_GT = (alternation(("above", "over", "higher than", "greater than", "more than", "exceeds", "exceed", "beyond", "past",
                    "through", "bigger than")) + r"|>(?!=)|>=")
_LT = alternation(("below", "under", "beneath", "underneath", "lower than", "less than", "smaller than")) + r"|<(?!=)|<="
_CMP = rf"(?:(?P<gt>{_GT})|(?P<lt>{_LT}))"
_CROSS_WORD = re.compile(r"\bcross(?:es|ed|ing)?\b|\b(?:breaks?|rises?|falls?|drops?|moves?|goes|climbs?|dips?|jumps?|spikes?)\s*$")
_NOT_PRICE_CANDLE = re.compile(r"\bhistogram\b|\bvolume\s+bars?\b|\bmacd\b")
# Heikin-Ashi candles (TA-Lib's "ha" row, outputs haopen/hahigh/halow/haclose): a clause that names them reads
# its candles' direction on them, never on the price bar
_HEIKIN = re.compile(r"\bh(?:e|a)i?k(?:e|i)n[- ]?ashi\b|\bha\s+(?:candles?|bars?)\b")

C, O, H, L = (M.PriceExpr(field=f) for f in ("close", "open", "high", "low"))
RANGE = M.ArithExpr(op="-", left=H, right=L)
IBS = M.ArithExpr(op="/", left=M.ArithExpr(op="-", left=C, right=L), right=RANGE)


def _n(word: str | None) -> int:
    if not word:
        return 1
    return int(word) if word.isdigit() else _NUMS.get(word, 1)


def _shift_of(ref: str | None) -> int:
    return 1 if ref and ref.replace("'", "") in ("previous", "prior", "preceding", "yesterday", "yesterdays") else 0


def _expr(a: int, b: int, e: Any) -> Operand:
    return Operand("expr", a, b, expr=e)


def _comp(a: int, b: int, left: Any, op: str, right: Any, assumed: str | None = None) -> Comparison:
    return Comparison(_expr(a, b, left), op, _expr(b, b, right), a, assumed=assumed)


def _run(a: int, b: int, n: int, shift: int, up: bool, versus_open: bool, heikin: bool = False) -> list[Comparison]:
    """n bars in a row, the first ``shift`` bars back, each closing above (below) its open or its previous close
    (``heikin``: the Heikin-Ashi candle's close and open)."""
    close, open_ = (M.IndicatorExpr(name="ha", output="haclose"), M.IndicatorExpr(name="ha", output="haopen")) if heikin else (C, O)
    out = []
    for i in range(shift, shift + max(n, 1)):
        left = close.ago(i) if i else close
        right = (open_.ago(i) if i else open_) if versus_open else close.ago(i + 1)
        out.append(_comp(a, b, left, ">" if up else "<", right))
    return out


# ------------------------------------------------------------------------------------------ constructions
# "the close is above the open", "today's close > today's open", "closes higher than it opened", "the previous
# candle closed below its open"
_CLOSE_OPEN = re.compile(
    rf"(?:(?:the\s+)?{_REF}\s+(?:(?:{_BAR})(?:'s)?\s+)?)?(?:the\s+|its\s+|a\s+)?(?:(?:candle|bar|day)(?:'s)?\s+)?"
    rf"(?P<subj>close|closing\s+price|closes|closed|c)\s*(?:is\s+|was\s+|must\s+be\s+|should\s+be\s+|prints\s+|ends\s+)?{_CMP}\s*"
    r"(?:the\s+|its\s+|today'?s\s+|the\s+(?:day|bar|candle)'?s\s+|(?:where\s+)?it\s+|their\s+)?"
    r"(?:open(?:ing)?(?:\s+price)?|opened|o)\b(?!\s+(?:of\s+the\s+(?:next|following)|positions?|trades?|interest))")
# "the open is below the close": the same, written from the open
_OPEN_CLOSE = re.compile(
    rf"(?:(?:the\s+)?{_REF}\s+(?:(?:{_BAR})(?:'s)?\s+)?)?(?:the\s+|its\s+)?(?:(?:candle|bar|day)(?:'s)?\s+)?"
    rf"open(?:ing\s+price)?\s*(?:is\s+|was\s+)?{_CMP}\s*(?:the\s+|its\s+)?(?:close|closing\s+price)\b")
# "a green candle", "the prior bar was red", "3 red candles in a row", "two consecutive bearish bars", "closes green"
_COLOUR = rf"(?P<colour>{alternation(_UP_COLOUR + _DOWN_COLOUR)})"
_COLOURED = re.compile(
    rf"(?:{_COUNT}\s+(?:consecutive\s+|straight\s+|successive\s+)?|(?:the\s+|a\s+|an\s+)?(?:{_REF}\s+)?)"
    rf"{_COLOUR}\s+(?:h(?:e|a)i?k(?:e|i)n[- ]?ashi\s+|ha\s+)?(?P<bar>{_BAR})(?!\s+(?:pattern|formation|engulf\w*|harami|hammer|doji|star|reversal|signal|cross\w*|divergence|trend|market))"
    r"(?P<row>\s+in\s+a\s+row)?"
    rf"|(?:(?:the\s+)?{_named(_REF, 'ref', 'ref2')}\s+)?(?P<bar2>{_BAR})\s+(?:is|was|must\s+be|should\s+be|has\s+to\s+be|closed|closes|closing|prints|printed|turns|turned)"
    rf"\s+(?P<colour2>{alternation(_UP_COLOUR + _DOWN_COLOUR)})\b(?!\s+(?:than|from))"
    rf"|\b(?P<closes>closes?|closed|closing)\s+(?P<colour3>green|red)\b")
# "after 3 down days in a row", "two consecutive lower closes", "a down day", "closes lower 3 days in a row",
# "the close is lower than the previous close for 3 consecutive days"
_DIR = rf"(?P<dir>{alternation(_UP_DAY + _DOWN_DAY)})"
_DAYS = re.compile(
    rf"(?:{_COUNT}\s+(?:consecutive\s+|straight\s+|successive\s+)?|\b(?:a|an|one|the\s+first|the\s+next|first|next)\s+)(?:{_DIR})\s+(?P<unit>{_DAY})\b(?P<row>\s+in\s+a\s+row)?"
    rf"|\b(?:closes?|closed|closing|finish(?:es|ed)?|ends?|ended)\s+(?P<dir2>{alternation(_UP_DAY + _DOWN_DAY)})"
    rf"(?:\s+(?:for\s+)?{_named(_COUNT, 'n', 'n2')}\s+(?:consecutive\s+|straight\s+)?(?:{_DAY})(?:\s+in\s+a\s+row)?)?"
    r"(?!\s+(?:than|from|on\s+the\s+(?:open|volume)|by|\d|to\b|into|through|\w+\s+than))")
# "N days in a row" after a single day's comparison ("the close is lower than the prior close for 3 days in a row")
_FOR_N = re.compile(rf"\s*(?:,\s*)?(?:for|on)\s+{_COUNT}\s+(?:consecutive\s+|straight\s+|successive\s+)?(?:{_DAY})(?:\s+in\s+a\s+row)?")
# "the close is above yesterday's high", "price breaks below the previous day's low", "price > previous day high",
# "opens below the prior low", "gaps down below yesterday's low"
_LAGGED = re.compile(
    r"(?:(?:today'?s\s+|the\s+|a\s+)?(?:current\s+|daily\s+)?(?P<subj>close|closing\s+price|price|high|low|open)\s+)?"
    r"(?P<verb>(?:is|closes|trades|moves|rises|falls|drops|breaks|goes|gets|comes\s+in|opens|gaps\s+(?:down|up|lower|higher))\s+)?"
    r"(?P<cmp>(?:crosses\s+)?(?:above|over|below|under|beneath|past|through)|higher\s+than|lower\s+than|greater\s+than|less\s+than|exceeds?|>=?|<=?)\s*"
    r"(?:(?:the\s+)?(?:yesterday'?s|(?:previous|prior|preceding|last)\s+(?:day|bar|session|candle)(?:'?s)?)\s+"
    r"(?P<field>high|low|close|closing\s+price|open)\b(?!\s+of\s+the\s+\d)"
    r"|(?:the\s+)?(?P<field2>high|low|close|open)\s+of\s+(?:(?:the\s+)?(?:prior|previous|preceding|last)\s+(?:bar|day|session|candle)\b(?!s)|yesterday\b)"
    r"|(?:the\s+|a\s+)?(?:prior|previous|preceding)\s+(?P<field3>high|low|close)\b(?!\s+of\b))")
_LAG_UP = re.compile(r"above|over|higher|greater|exceed|past|through|>")
# "ibs < 0.2", "the internal bar strength is below 20%", "(close - low) / (high - low) < 0.2", "ibs closes above 0.8"
_IBS_NAME = (r"(?:the\s+)?(?:ibs|internal\s+bar\s+strength(?:\s+\(ibs\))?|(?:\(\s*)?\(\s*(?:close|c)\s*-\s*(?:low|l)\s*\)\s*/\s*\(\s*(?:high|h)\s*-\s*(?:low|l)\s*\)"
             r"(?:\s*\))?)(?P<pct>\s*\*\s*100)?")
_IBS = re.compile(rf"{_IBS_NAME}(?:\s+(?:indicator|reading|value|level))?(?:\s+(?:is|was|reads|closes?|must\s+be|should\s+be|falls?|drops?|rises?|moves?|goes|go|gets?|crosses|cross|comes\s+in))*"
                  rf"\s*{_CMP}\s*(?:the\s+)?(?:level\s+(?:of\s+)?)?(?P<x>\d+(?:\.\d+)?|\.\d+)\s*(?P<pctx>%|percent)?")
# "closes in the bottom 20% of its range", "a close in the upper quarter of the day's range"
_PARTS = {"half": 50.0, "third": 100 / 3, "quarter": 25.0, "fifth": 20.0, "tenth": 10.0}
_IN_RANGE = re.compile(r"\b(?:close[sd]?|closing|a\s+close)\s+(?:is\s+)?(?:with)?in\s+(?:the\s+)?(?P<side>bottom|lower|lowest|top|upper|highest)\s+"
                       rf"(?:(?P<x>\d+(?:\.\d+)?)\s*(?:%|percent)|(?P<part>{'|'.join(_PARTS)}))\s+of\s+(?:the\s+|its\s+|the\s+(?:day|bar|candle)'?s\s+)?"
                       r"(?:daily\s+|day'?s\s+|bar'?s\s+)?(?:trading\s+)?range\b")
# "an NR7 day", "the narrowest range of the last 7 days", "today's range is the smallest of the past 4 bars"
_NR = re.compile(r"\b(?P<kind>nr|wr)\s*-?\s*(?P<n>\d{1,2})\b"
                 r"|\b(?P<sup>narrowest|smallest|tightest|widest|largest|biggest)\s+(?:daily\s+|trading\s+|high-low\s+|high\s+to\s+low\s+)?range\s+(?:of|in|over)\s+"
                 rf"(?:the\s+)?(?:last|past|previous|prior)\s+{_named(_COUNT, 'n', 'n2')}\s+(?:trading\s+)?(?:days|bars|sessions|candles)\b"
                 r"|\brange\s+(?:is|was)\s+(?:the\s+)?(?:strictly\s+|very\s+)?(?P<sup2>narrowest|smallest|tightest|widest|largest|biggest)\s+(?:(?:daily\s+)?range\s+)?(?:of|in|over)\s+"
                 rf"(?:the\s+|all\s+)?(?:last|past|previous|prior)?\s*{_named(_COUNT, 'n', 'n3')}\s+(?:trading\s+)?(?:days|bars|sessions|candles)\b")
# "an inside bar/day": the bar's high below the bar before's and its low above; "an outside day" the reverse
_INSIDE = re.compile(r"\b(?P<kind>inside|outside)\s+(?:bar|day|candle|session)s?\b(?!\s+(?:pattern\s+)?(?:high|low|break\w*))")
# "gaps down", "a gap up of more than 1%", "opens lower than the previous close"
_GAP = re.compile(r"\bgap(?:s|ped|ping)?\s+(?P<dir>down|up|lower|higher)\b(?:\s+(?:by\s+|of\s+)?(?:more\s+than\s+|at\s+least\s+|over\s+)?(?P<x>\d+(?:\.\d+)?)\s*%)?"
                  r"|\b(?:(?:a|an)\s+(?P<dir2>down|up)\s*-?\s*gap\b|\bgap[- ](?P<dir3>down|up)\b)(?:\s+of\s+(?:more\s+than\s+|at\s+least\s+|over\s+)?(?P<x2>\d+(?:\.\d+)?)\s*%)?"
                  r"|\bopens?\s+(?P<dir4>lower|higher)(?:\s+than\s+(?:the\s+)?(?:previous|prior|yesterday'?s)\s+(?:day'?s\s+)?close)?\b(?!\s+than\s+(?:the\s+)?(?:open|low|high))")
# "the VIX is above 30", "$VIX settles over its 20-day SMA", "the high of the VIX is under its 15-day average"
_VIX = r"(?:\$|\^)?vix(?!\s*(?:etf|etn|futures|calls?|puts?|options?))"
_VIX_RE = re.compile(
    rf"(?:(?:the\s+)?(?:daily\s+)?(?P<field0>close|closing\s+price|high|low|open)\s+of\s+(?:the\s+)?{_VIX}"
    rf"|(?:the\s+)?{_VIX}(?:'s)?(?:\s+index)?(?:\s+(?:daily\s+)?(?P<field1>close|closing\s+price|high|low|open|level|reading|value))?)"
    r"(?P<verb>(?:\s+(?:is|was|closes|closed|settles|ends|finishes|trades|stays|remains|must\s+be|should\s+be|crosses|rises|climbs|jumps|spikes|falls|drops|dips|moves|goes|gets|back))*)"
    r"\s*(?P<dist>(?P<how>at\s+least|more\s+than|over|less\s+than)?\s*(?P<pct>\d+(?:\.\d+)?)\s*%\s+)?"
    rf"{_CMP}\s*(?:the\s+)?(?:"
    r"(?:its\s+|the\s+)?(?:prior\s+|previous\s+)?(?P<w>\d{1,3})\s*-?\s*(?:day|period|bar|session)s?\s+(?P<ma>simple\s+moving\s+average|exponential\s+moving\s+average|moving\s+average|average|sma|ema|ma)\b"
    r"|(?:its\s+|the\s+)?(?P<ma2>sma|ema|ma)\s*\(?\s*(?P<w2>\d{1,3})\b\)?"
    r"|(?P<x>\d+(?:\.\d+)?)(?!\s*(?:%|-?\s*(?:day|period|bar|session)))(?:\s+(?:level|mark|line))?"
    # "VIX's close under its open": the VIX's own candle
    rf"|(?:its\s+|the\s+)?(?:{_VIX}(?:'s)?\s+)?(?P<open>open(?:ing\s+price)?)\b)")


# Ichimoku's lines are midpoints of the highest high and lowest low (TA-Lib's midprice): the conversion line
# (tenkan) over 9 bars, the base line (kijun) over 26; the cloud's spans are plotted 26 bars ahead, so the cloud
# under today's bar is span A = (tenkan + kijun) / 2 and span B = midprice(52), both 26 bars back; the lagging
# span (chikou) is today's close plotted 26 bars back, so it stands over the price (the cloud) of 26 bars ago
ICHIMOKU = (9, 26, 52, 26)  # conversion, base, span B, displacement
_ICHI_KEYS = (
    ("t", r"(?:tenkan(?:[- _]?sen)?|conversion(?:[ _]?line)?)"),
    ("k", r"(?:kijun(?:[- _]?sen)?|base(?:[ _]?line)?)"),
    ("b", r"(?:senkou[ _]?(?:span[ _]?)?b|(?:leading[ _]?)?span[ _]?b|lagging[ _]?(?:line|span)[ _]?(?:period|length|len))"),
    ("d", r"(?:displacement|offset|shift)"),
)
_ICHI_SET = [(k, re.compile(rf"\b{p}(?:[ _]?(?:period|length|len|periods))?\s*[:=(]?\s*(\d{{1,3}})\b")) for k, p in _ICHI_KEYS]
_ICHI_TUPLE = re.compile(r"\bichimoku(?:[ _]?cloud)?\s*\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})(?:\s*,\s*(\d{1,3}))?\s*\)")


def ichimoku_settings(text: str) -> tuple[int, int, int, int] | None:
    """The Ichimoku settings a document states (the last statement wins, as a later definition in code does),
    as (conversion, base, span B, displacement); None when it states none.

    >>> ichimoku_settings("ichimoku(20, 60, 120, 30)"), ichimoku_settings("tenkan period: 7, kijun period: 22")
    ((20, 60, 120, 30), (7, 22, 52, 26))
    """
    text = text.lower()
    if not re.search(r"ichimoku|tenkan|kijun|senkou|kumo", text):
        return None
    got: dict[str, tuple[int, int]] = {}
    for m in _ICHI_TUPLE.finditer(text):
        for k, g in zip("tkbd", m.groups()):
            if g:
                got[k] = (m.start(), int(g))
    for k, rx in _ICHI_SET:
        for m in rx.finditer(text):
            if k not in got or m.start() >= got[k][0]:
                got[k] = (m.start(), int(m.group(1)))
    if not got:
        return None
    t, k_, b, d = (got[x][1] if x in got else v for x, v in zip("tkbd", ICHIMOKU))
    if not 1 <= t < k_ < b <= 400 or not 1 <= d <= 200:
        return None  # settings out of order are no Ichimoku (a conversion line shorter than the base line)
    return (t, k_, b, d)


def _mid(n: int) -> M.IndicatorExpr:
    return M.IndicatorExpr(name="midprice", params={"timeperiod": n})


def _span_a(p: tuple[int, ...], shift: int) -> Any:
    left = M.ArithExpr(op="+", left=_mid(p[0]).ago(shift) if shift else _mid(p[0]), right=_mid(p[1]).ago(shift) if shift else _mid(p[1]))
    return M.ArithExpr(op="/", left=left, right=M.ConstExpr(value=2.0))


def _span_b(p: tuple[int, ...], shift: int) -> Any:
    return _mid(p[2]).ago(shift) if shift else _mid(p[2])


_ICHI_LINE = (r"(?P<{g}>(?:the\s+)?(?:ichimoku\s+)?(?:"
              r"(?P<{g}t>tenkan(?:[- ]sen)?|conversion\s+line|turning\s+line)"
              r"|(?P<{g}k>kijun(?:[- ]sen)?|base\s*line|standard\s+line)"
              r"|(?P<{g}a>(?:(?:cloud|kumo)(?:'s)?\s+)?(?:senkou\s+)?(?:span\s+a|leading\s+span\s+a|senkou\s+a)|span_a)"
              r"|(?P<{g}b>(?:(?:cloud|kumo)(?:'s)?\s+)?(?:senkou\s+)?(?:span\s+b|leading\s+span\s+b|senkou\s+b)|span_b)"
              r"|(?P<{g}c>(?:the\s+)?(?:front\s+|current\s+)?(?:ichimoku\s+)?(?:cloud|kumo)(?:\s+cloud)?(?!'s|\s+(?:senkou|span|leading)))"
              r"|(?P<{g}l>chikou(?:[- ]span)?|lagging\s+(?:span|line)))(?:\s+line)?)")
_ICHI_CMP = (r"(?:\s+(?:is|are|was|stays?|remains?|trades?|closes?|moves?|goes|gets|rises?|falls?|drops?|crosses|crossed|cross|breaks?|must\s+be|should\s+be|back))*"
             r"\s*(?:(?P<gt>above|over|>|higher\s+than)|(?P<lt>below|under|beneath|<|lower\s+than|into))")
_PRICE_WORD = r"(?P<p>(?:the\s+)?(?:price|close|closing\s+price|market|it|candle|bar)(?:\s*\(\s*(?P<hl2>hl2)\s*\))?)"
_ICHI = re.compile(rf"{_ICHI_LINE.format(g='x')}{_ICHI_CMP}\s+(?:the\s+)?{_ICHI_LINE.format(g='y')}"
                   rf"|{_PRICE_WORD}{_named(_named(_ICHI_CMP, 'gt', 'gt2'), 'lt', 'lt2')}\s+(?:the\s+)?{_ICHI_LINE.format(g='z')}")
# "the (leading) cloud is green", "the kumo turns bearish": span A against span B where they are computed
_CLOUD_COLOUR = re.compile(r"\b(?:leading\s+|future\s+|next\s+|the\s+)*(?:ichimoku\s+)?(?:cloud|kumo)\s+(?:is|turns|turned|becomes|must\s+be|should\s+be)\s+"
                           r"(?P<c>green|bullish|red|bearish)\b")
# "when the kumo is under and the close is over": the price against the cloud, each side named apart
_CLOUD_SIDES = re.compile(r"\b(?:cloud|kumo)\s+(?:is|are)\s+(?:above|below|under|over)\s+and\s+(?:the\s+)?(?:price|close)\s+(?:is|are)\s+"
                          r"(?:(?P<gt>above|over)|(?P<lt>below|under))(?!\s+(?:the\s+|its\s+)?(?:\d|[a-z]+\s*-?\s*(?:day|period|bar)|sma|ema|ma\b|moving|average|band|line))")


def _ichi_line(m: re.Match, g: str, p: tuple[int, ...]) -> list[Any] | None:
    """The expressions a named Ichimoku line stands for (the cloud: both spans); None for the lagging span."""
    if m.group(g + "t"):
        return [_mid(p[0])]
    if m.group(g + "k"):
        return [_mid(p[1])]
    if m.group(g + "a"):
        return [_span_a(p, p[3])]
    if m.group(g + "b"):
        return [_span_b(p, p[3])]
    if m.group(g + "c"):
        return [_span_a(p, p[3]), _span_b(p, p[3])]
    return None


def _ichimoku(norm: str, page: str = "") -> list[Comparison]:
    if not re.search(r"ichimoku|kumo|cloud|tenkan|kijun|senkou|chikou|span|conversion\s+line|base\s*line", norm):
        return []
    out: list[Comparison] = []
    stated = ichimoku_settings(norm) or ichimoku_settings(page)
    p = stated or ICHIMOKU
    assumed = None if stated else (f"Ichimoku settings not stated: {p[0]}, {p[1]} and {p[2]} bars, displaced {p[3]} "
                                   "(TA-Lib midprice lines)")
    for m in _ICHI.finditer(norm):
        up = bool(m.group("gt") or m.group("gt2"))
        cross = bool(re.search(r"\b(?:cross\w*|breaks?|rises?|falls?|drops?|moves?|goes)\b", m.group(0)))
        if m.group("p"):
            rights = _ichi_line(m, "z", p)
            if rights is None:
                continue  # the price against its own lagging span: no line
            left: Any = M.ArithExpr(op="/", left=M.ArithExpr(op="+", left=H, right=L), right=M.ConstExpr(value=2.0)) if m.group("hl2") else C
            a = m.start("p")
        else:
            lefts, rights = _ichi_line(m, "x", p), _ichi_line(m, "y", p)
            if lefts is None:
                # the lagging span is today's close, plotted back: over the cloud (or price) of that bar
                left, a = C, m.start()
                if rights is None:
                    continue
                if m.group("yc"):
                    rights = [_span_a(p, 2 * p[3]), _span_b(p, 2 * p[3])]
                elif m.group("ya") or m.group("yb"):
                    rights = [(_span_a if m.group("ya") else _span_b)(p, 2 * p[3])]
                else:
                    rights = [r.ago(p[3]) for r in rights]
            elif rights is None or len(lefts) != 1:
                continue
            else:
                left, a = lefts[0], m.start()
        op = ("crosses_above" if up else "crosses_below") if cross and len(rights) == 1 else ">" if up else "<"
        for r in rights:
            out.append(_comp(a, m.end(), left, op, r, assumed))
    for m in _CLOUD_COLOUR.finditer(norm):
        up = m.group("c") in ("green", "bullish")
        leading = bool(re.search(r"\b(?:leading|future|next)\s", m.group(0)))
        shift = 0 if leading else p[3]
        out.append(_comp(m.start(), m.end(), _span_a(p, shift), ">" if up else "<", _span_b(p, shift), assumed))
    for m in _CLOUD_SIDES.finditer(norm):
        up = bool(m.group("gt"))
        for r in (_span_a(p, p[3]), _span_b(p, p[3])):
            out.append(_comp(m.start(), m.end(), C, ">" if up else "<", r, assumed))
    return out


def _ibs(norm: str) -> list[Comparison]:
    out = []
    for m in _IBS.finditer(norm):
        x = float(m.group("x"))
        pct = bool(m.group("pct") or m.group("pctx")) or x > 1
        if m.group("pctx") and not m.group("pct"):
            x = x / 100  # "below 20%" of a 0..1 ratio
            pct = False
        left = M.ArithExpr(op="*", left=IBS, right=M.ConstExpr(value=100.0)) if pct else IBS
        if (pct and not 0 < x < 100) or (not pct and not 0 < x < 1):
            continue
        out.append(_comp(m.start(), m.end(), left, ">" if m.group("gt") else "<", M.ConstExpr(value=x)))
    for m in _IN_RANGE.finditer(norm):
        x = float(m.group("x")) if m.group("x") else _PARTS[m.group("part")]
        if not 0 < x < 100:
            continue
        low = m.group("side") in ("bottom", "lower", "lowest")
        out.append(_comp(m.start(), m.end(), IBS, "<" if low else ">", M.ConstExpr(value=round(x / 100 if low else 1 - x / 100, 6))))
    return out


def _narrow(norm: str) -> list[Comparison]:
    out = []
    for m in _NR.finditer(norm):
        n = _n(m.group("n") or m.group("n2") or m.group("n3"))
        sup = m.group("sup") or m.group("sup2")
        wide = (m.group("kind") == "wr") or (sup in ("widest", "largest", "biggest"))
        if not 2 <= n <= 60:
            continue
        # the range is the smallest of n bars (this one included): below the lowest of the n - 1 before it
        line = M.IndicatorExpr(name="highest" if wide else "lowest", params={"window": n - 1}, input=RANGE)
        out.append(_comp(m.start(), m.end(), RANGE, ">" if wide else "<", line))
    for m in _INSIDE.finditer(norm):
        inside = m.group("kind") == "inside"
        out.append(_comp(m.start(), m.end(), H, "<" if inside else ">", H.ago(1)))
        out.append(_comp(m.start(), m.end(), L, ">" if inside else "<", L.ago(1)))
    return out


# "buy at the open when it gaps down", "sell at the close the same day": a trade inside the gap's own bar, which a
# rule read on the bar's close (and filled at the next open) would not be; such a gap stays unsupported
_SAME_BAR = re.compile(r"\b(?:at|on)\s+(?:the\s+)?(?:open|opening(?:\s+bell)?)\b(?!\s+of\s+the\s+(?:next|following))|\bsame\s+(?:day|session|bar)\b|\bintraday\b")


def _gaps(norm: str) -> list[Comparison]:
    if _SAME_BAR.search(norm):
        return []
    out = []
    for m in _GAP.finditer(norm):
        d = m.group("dir") or m.group("dir2") or m.group("dir3") or m.group("dir4")
        down = d in ("down", "lower")
        x = m.group("x") or m.group("x2")
        right: Any = C.ago(1)
        assumed = None
        if m.group("dir4") is None:
            assumed = "a gap read as the open against the previous close"
        if x:
            f = float(x) / 100
            if not 0 < f < 0.5:
                continue
            right = M.ArithExpr(op="*", left=C.ago(1), right=M.ConstExpr(value=round(1 - f if down else 1 + f, 6)))
        out.append(_comp(m.start(), m.end(), O, "<" if down else ">", right, assumed))
    return out


def _lagged(norm: str) -> list[Comparison]:
    out = []
    for m in _LAGGED.finditer(norm):
        verb = m.group("verb") or ""
        subj = (m.group("subj") or "close").replace("closing price", "close").replace("price", "close")
        if verb.startswith(("opens", "gaps")):
            subj = "open"  # "the stock opens below the prior low": the open is the subject
        if subj == "open" and _SAME_BAR.search(norm):
            continue
        fg = "field" if m.group("field") else "field2" if m.group("field2") else "field3"
        field = m.group(fg).replace("closing price", "close")
        cmp = m.group("cmp")
        # "past"/"through" a high is upward, through a low downward
        up = bool(_LAG_UP.search(cmp)) and not (re.match(r"past|through", cmp) and field == "low")
        cross = cmp.startswith(("crosses", "past", "through")) or bool(re.search(
            r"\b(?:breaks|rises|falls|drops|moves|goes)\s*$", norm[m.start():m.start("cmp")]))
        op = ("crosses_above" if up else "crosses_below") if cross else (">=" if cmp == ">=" else "<=" if cmp == "<=" else ">" if up else "<")
        a = m.start("subj") if m.group("subj") else m.start("verb") if verb else m.start("cmp")
        left = M.PriceExpr(field=subj)  # type: ignore[arg-type]
        right = M.PriceExpr(field=field, shift=1)  # type: ignore[arg-type]
        k = _comp(a, m.end(), left, op, right)
        k.left.end = m.start("cmp")
        k.right.start = m.start(fg)
        n = _FOR_N.match(norm, m.end())
        if n and subj == field == "close" and not cross and _n(n.group("n")) > 1:
            # "the close is lower than the previous close for 3 days in a row": a run of lower closes
            out += _run(a, n.end(), _n(n.group("n")), 0, up, versus_open=False)
            continue
        out.append(k)
    return out


_OBJECT = re.compile(r"\b(?:below|above|under|over|beneath|than|beyond|of|at|to|from)\s+$")


def _direction(norm: str) -> list[Comparison]:
    if _NOT_PRICE_CANDLE.search(norm):
        return []  # histogram bars, volume bars: not a candle's direction
    heikin = bool(_HEIKIN.search(norm))
    out = []
    for rx in (_CLOSE_OPEN, _OPEN_CLOSE):
        for m in rx.finditer(norm):
            if rx is _CLOSE_OPEN and m.group("subj") == "c" and not re.search(r"[<>]", m.group(0)):
                continue  # the letter "c" is the close only in a formula
            up = bool(m.group("gt"))
            if rx is _OPEN_CLOSE:
                up = not up
            n = _FOR_N.match(norm, m.end())
            out += _run(m.start(), n.end() if n else m.end(), _n(n.group("n")) if n else 1, _shift_of(m.group("ref")), up, versus_open=True, heikin=heikin)
    for m in _COLOURED.finditer(norm):
        colour = m.group("colour") or m.group("colour2") or m.group("colour3")
        if _OBJECT.search(norm, 0, m.start()):
            continue  # "a close below a previous bullish candle": the candle is what is compared with, not a condition
        if any(m.start() < k.right.end and k.start < m.end() for k in out):
            continue
        n = _n(m.group("n")) if m.group("n") else 1
        if m.group("bar") and m.group("bar").endswith("s") and not m.group("n"):
            continue  # "red candles" in general: no rule on a bar
        out += _run(m.start(), m.end(), n, _shift_of(m.group("ref") or m.group("ref2")), colour in _UP_COLOUR, versus_open=True, heikin=heikin)
    for m in _DAYS.finditer(norm):
        if any(m.start() < k.right.end and k.start < m.end() for k in out):
            continue
        d = m.group("dir") or m.group("dir2")
        unit = m.group("unit") or ""
        n = _n(m.group("n") or m.group("n2"))
        if m.group("dir") and unit.startswith("week"):
            continue  # weekly bars are the frequency's business
        if m.group("dir") and not (m.group("n") or unit in ("day", "session", "close")):
            continue
        if m.group("dir") and m.group("n") and n > 1 and unit in ("day", "session", "close", "week"):
            continue  # "3 down day" is no plural run
        out += _run(m.start(), m.end(), n, 0, d in _UP_DAY, versus_open=False, heikin=heikin)
    return out


def _vix(norm: str) -> list[Comparison]:
    out = []
    for m in _VIX_RE.finditer(norm):
        field = (m.group("field0") or m.group("field1") or "close").replace("closing price", "close")
        field = field if field in ("close", "high", "low", "open") else "close"
        left = M.PriceExpr(field=field, symbol=VIX_SYMBOL)  # type: ignore[arg-type]
        up = bool(m.group("gt"))
        verb = m.group("verb") or ""
        cross = bool(re.search(r"\b(?:crosses|rises|climbs|jumps|spikes|falls|drops|dips|moves|goes|gets)\b", verb))
        if m.group("open") is not None:
            if field != "close":
                continue
            right: Any = M.PriceExpr(field="open", symbol=VIX_SYMBOL)
        elif m.group("x") is not None:
            x = float(m.group("x"))
            if not 5 <= x <= 100:
                continue  # the VIX lives between about 9 and 90
            right = M.ConstExpr(value=x)
        else:
            w = int(m.group("w") or m.group("w2"))
            ma = (m.group("ma") or m.group("ma2") or "")
            name = "ema" if ma.startswith(("ema", "exponential")) else "sma"
            if not 1 < w <= 400:
                continue
            right = M.IndicatorExpr(name=name, params={"window": w}, symbol=VIX_SYMBOL)
            if m.group("pct"):
                f = float(m.group("pct")) / 100
                if not 0 < f < 1:
                    continue
                right = M.ArithExpr(op="*", left=right, right=M.ConstExpr(value=round(1 + f if up else 1 - f, 6)))
        op = ("crosses_above" if up else "crosses_below") if cross else ">" if up else "<"
        if m.group("how") in ("at least",):
            op = ">=" if up else "<="
        out.append(_comp(m.start(), m.end(), left, op, right))
    return out


def bar_comparisons(norm: str, page: str = "") -> list[Comparison]:
    """The price-bar comparisons of a normalised clause, left to right (one per bar a run of bars reads).

    >>> [str_of(k) for k in bar_comparisons("exit when the close is above yesterday's high.")]
    ['close > high[1]']
    >>> [str_of(k) for k in bar_comparisons("buy spy when the vix closes above 30")]
    ['close(symbol="^VIX") > 30']
    >>> [str_of(k) for k in bar_comparisons("go long on an nr7 day")]
    ['high - low < lowest(6, input=high - low)']
    """
    if not _PREFILTER.search(norm):
        return []
    out: list[Comparison] = []
    for reader in (_ichimoku, _lagged, _ibs, _narrow, _vix, _gaps, _direction):
        for k in (reader(norm, page) if reader is _ichimoku else reader(norm)):
            # a phrase read once: the first reader that reads it owns it
            if not any(k.start < o.right.end and o.start < k.right.end and (o.start, o.right.end) != (k.start, k.right.end) for o in out):
                out.append(k)
    out.sort(key=lambda k: k.start)
    return out


_PREFILTER = re.compile(r"open|close|clos|high|low|candle|bar|day|session|ibs|internal|range|nr\d|wr\d|gap|vix|inside|outside|weeks?\b"
                        r"|ichimoku|kumo|cloud|tenkan|kijun|senkou|chikou|span|conversion|base\s*line")


def expressed_spans(comps: list[Comparison]) -> list[tuple[int, int]]:
    """Where the comparisons of ``bar_comparisons`` sit in their clause: a part listed as unsupported inside one
    of these spans is expressed."""
    return sorted({(k.start, max(k.right.end, k.left.end)) for k in comps})


def read_into(norm: str, comps: list[Comparison], gaps: list, active: list, excluded: list[tuple[int, int]],
              page: str = "", sloped: list | None = None) -> tuple[list, list, list]:
    """A clause's comparisons, unsupported parts and active mentions with its price-bar rules and its
    indicators' slopes (``slope.py``) read in.

    A comparison the general reader made of the same words gives way to the bar rule, a mention inside a bar
    rule (the VIX's moving average) is the rule's, and a part of ``EXPRESSED`` (or a slope) listed where a bar
    rule (a slope rule) stands is no longer unsupported. Bar rules inside an example or a negation
    (``excluded``) are not read; ``page`` (the clause's page) gives settings stated apart from the rule
    (Ichimoku's periods); ``sloped``: mentions the caller set aside as the subject of a slope phrase.

    >>> comps, gaps, active = read_into("buy on a green candle", [], [], [], [])
    >>> [str_of(k) for k in comps]
    ['close > open']
    """
    if is_hearsay(norm):
        return comps, gaps, active  # "investors who buy when the VIX spikes have been rewarded": no rule of the text's
    comps, gaps, active = _slopes_into(norm, comps, gaps, active, excluded, sloped or [])
    own = [k for k in bar_comparisons(norm, page) if not any(x <= k.start < y for x, y in excluded)]
    if not own:
        return comps, gaps, active
    at = expressed_spans(own)

    def inside(a: int, b: int) -> bool:
        return any(a < y and x < b for x, y in at)

    comps = sorted([k for k in comps if not inside(min(k.start, k.left.start), max(k.right.end, k.start + 1))] + own,
                   key=lambda k: k.start)
    gaps = [(g, a, b) for g, a, b in gaps if not (g.what in EXPRESSED and inside(a, b))]
    active = [m for m in active if not inside(m.start, m.end)]
    return comps, gaps, active


def _slopes_into(norm: str, comps: list[Comparison], gaps: list, active: list, excluded: list[tuple[int, int]],
                 sloped: list) -> tuple[list, list, list]:
    """``read_into``'s slope step: an indicator's slope read as the indicator against its earlier value; a
    comparison the general reader made of the slope's words gives way, the indicator stays active (the rule's
    operand) and a slope part listed there is expressed."""
    subjects = sorted(active + [m for m in sloped if all(m is not a for a in active)], key=lambda m: m.start)
    own = [k for k in slope.slope_comparisons(norm, subjects) if not any(x <= k.start < y for x, y in excluded)]
    if not own:
        return comps, gaps, active
    # the words after the indicator ("is rising", "has a negative direction") are the slope's, never a comparator
    words = sorted({(k.left.end, k.right.end) for k in own} | {(k.start, k.left.start) for k in own if k.start < k.left.start})
    comps = sorted([k for k in comps if not any(a <= k.start < b for a, b in words)] + own, key=lambda k: k.start)
    at = sorted({(k.start, k.right.end) for k in own})
    gaps = [(g, a, b) for g, a, b in gaps if not (g.what in slope.SLOPE_PARTS and any(a < y and x < b for x, y in at))]
    active = active + [k.left.mention for k in own if k.left.mention is not None and all(k.left.mention is not m for m in active)]
    return comps, gaps, active


def states_a_rule(cond: Any) -> bool:
    """Whether a comparison is a rule on the price bars foa runs: a field against another field or bar, IBS, a
    range, a signal instrument's level (``close > open``, ``close < close[1]``, ``close(symbol="^VIX") > 30``).

    >>> states_a_rule(M.CompareCondition(left=C, op=">", right=O))
    True
    >>> states_a_rule(M.CompareCondition(left=C, op=">", right=M.ConstExpr(value=100)))
    False
    """
    if not isinstance(cond, M.CompareCondition):
        return False
    sides = (cond.left, cond.right)
    if any(isinstance(e, M.ArithExpr) and _prices_only(e) for e in sides):
        return True
    if any(isinstance(e, M.PriceExpr) and (e.shift or e.symbol) for e in sides):
        return True
    return all(isinstance(e, M.PriceExpr) for e in sides) and {cond.left.field, cond.right.field} == {"close", "open"}  # type: ignore[union-attr]


def formula_indicators(exprs: list[Any]) -> list[tuple[str, dict]]:
    """The indicators a spec holds as formulas on the price fields, by the name a label gives them: IBS's
    ratio is ``ibs``, Ichimoku's midprice lines (two periods or more) are ``ichimoku``; the midprice lines
    then stand for Ichimoku rather than for themselves. ``exprs``: every expression of the spec.

    >>> formula_indicators([IBS, _mid(9), _mid(26)])
    [('ibs', {}), ('ichimoku', {})]
    """
    out: list[tuple[str, dict]] = []
    if any(e == IBS for e in exprs):
        out.append(("ibs", {}))
    if len({e.params.get("timeperiod") for e in exprs if isinstance(e, M.IndicatorExpr) and e.name == "midprice"}) >= 2:
        out.append(("ichimoku", {}))
    return out


def _prices_only(e: Any) -> bool:
    if isinstance(e, M.PriceExpr):
        return True
    if isinstance(e, M.ArithExpr):
        return all(_prices_only(x) or isinstance(x, M.ConstExpr) for x in (e.left, e.right))
    return False


def str_of(k: Comparison) -> str:
    """A comparison of this module in the rule syntax (for doctests and tests).

    >>> str_of(bar_comparisons("a green candle")[0])
    'close > open'
    """
    return str(M.CompareCondition(left=k.left.expr, op=k.op, right=k.right.expr))
