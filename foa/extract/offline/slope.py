"""An indicator's slope as a rule: "the 50-day SMA is rising", "a falling 200-day EMA", "the RSI turns up".

foa's DSL holds a slope as the indicator against its own value some bars back: "the 50-day SMA is rising" is
``sma(50) > sma(50)[1]``, "the 20-day EMA has pointed down over the last 5 bars" is ``ema(20) < ema(20)[5]``,
"the ADX is below its value 3 bars ago" is ``adx() < adx()[3]``, "rising for 3 days in a row" is one such
comparison a bar (``x > x[1] and x[1] > x[2] and x[2] > x[3]``) and a turn ("the histogram turns up") is the
change of direction on the bar it happens: ``x > x[1] and x[1] <= x[2]``.

``slope_comparisons(norm, mentions)`` reads them from a normalised clause as ``compare.Comparison`` objects whose
operands are the indicator's own mention (so its window is resolved like any rule's) with a shift, so the rule
reader gives them roles, evidence and assumptions like any other comparison. The words are tables below (verbs
and adjectives by direction, the forms a count of bars takes): a word added to one works in every construction.

>>> from foa.extract.offline.mentions import find_mentions
>>> norm = "buy when the 50-day sma is rising and the rsi(14) is below 30."
>>> [text_of(k) for k in slope_comparisons(norm, find_mentions(norm))]
['sma(50) > sma(50)[1]']
"""

from __future__ import annotations

import re

from foa.extract.offline.compare import Comparison, Operand
from foa.extract.offline.lexicon import alternation
from foa.extract.offline.mentions import Mention

__all__ = ["ASSUMED", "SLOPE_PARTS", "slope_comparisons", "text_of"]

# the parts foa's other readers list as unsupported that a slope read here expresses
SLOPE_PARTS = frozenset({"indicator slope", "moving-average slope"})
ASSUMED = "an indicator's slope ('rising', 'sloping up', 'turns down') read as its value against its value one bar before (or the bars the text states)"

# ------------------------------------------------------------------------------------------ word classes
_NUMS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
         "a": 1, "an": 1}
_COUNT = r"(?:\d{1,3}|" + "|".join(w for w in _NUMS if len(w) > 2) + r")"
_BARS = alternation(("bars", "bar", "days", "day", "periods", "period", "candles", "candle", "sessions", "session", "weeks", "week",
                     "months", "month", "trading days"))
_UPWARD = alternation(("up", "upward", "upwards", "higher"))
_DOWNWARD = alternation(("down", "downward", "downwards", "lower"))
# a motion verb or participle that takes a direction word: "sloping up", "points downward", "heading higher"
_MOTION = alternation(("sloping", "slopes", "slope", "sloped", "pointing", "points", "point", "pointed", "heading", "heads", "headed",
                       "trending", "trends", "trended", "moving", "moves", "moved", "going", "goes", "angled", "angling", "angles",
                       "tilted", "tilting", "tilts", "curving", "curves", "curved", "bending", "bends", "ticking", "ticks", "ticked",
                       "turning", "hooking", "curling"))
# a verb whose direction is its own: "rising", "declines"
_RISE = alternation(("rising", "rises", "rose", "risen", "climbing", "climbs", "increasing", "increases", "increased", "ascending",
                     "advancing", "growing", "grows"))
_FALL = alternation(("falling", "falls", "fell", "fallen", "declining", "declines", "declined", "decreasing", "decreases", "decreased",
                     "descending", "dropping", "drops", "dropped", "sinking", "sinks", "shrinking", "weakening"))
# a change of direction: the bar it happens on ("is turning up" is the state, a motion verb above)
_TURN = alternation(("turns", "turn", "turned", "hooks", "hooked", "curls", "curled"))
# "has a positive slope", "shows a downward direction"
_SIGN_UP = alternation(("positive", "upward", "upwards", "rising", "up", "bullish"))
_SIGN_DOWN = alternation(("negative", "downward", "downwards", "falling", "down", "bearish"))
_HAVE = alternation(("has", "have", "had", "with", "shows", "show", "showing", "displays", "exhibits"))
# "a rising 200-day SMA", "an upward-sloping average"
_ADJ_UP = alternation(("rising", "upward sloping", "upward-sloping", "up-sloping", "upsloping", "positively sloped", "positively sloping",
                       "climbing", "increasing", "ascending"))
_ADJ_DOWN = alternation(("falling", "downward sloping", "downward-sloping", "down-sloping", "downsloping", "negatively sloped",
                         "negatively sloping", "declining", "decreasing", "descending"))
# words between the subject and its verb: "the 50-day sma itself is clearly rising", "rsi (14) line has to be moving"
_BE = (r"(?:\s+(?:line|curve|itself|value|reading|indicator|values|readings))?"
       r"(?:\s+(?:is|are|was|were|be|been|has|have|had|must|should|needs|need|has\s+to|have\s+to|to|keeps|keep|remains|remain|stays|stay|"
       r"starts|start|started|begins|begin|began|continues|continue|also|still|now|currently|clearly|itself|then|just|already|again|not))*")
# what ends a slope: never a comparator or an object ("rises above 30", "falls below the band", "turns up from 20")
_NOT_AFTER = (r"(?!\s*(?:above|below|over|under|beneath|through|past|beyond|into|onto|toward|towards|to\b|from|than|by|across|back|out\b|"
              r"off\b|-?\d|the\s+(?:zero|0)|zero|and\s+(?:crosses|breaks|closes|moves\s+(?:above|below))))")
# how far back: "over the last 5 bars", "for 3 days in a row", "compared with 10 days ago"
_OVER = rf"(?:\s+(?:over|in|during|across|within|compared\s+(?:with|to))\s+(?:the\s+)?(?:last|past|previous|prior|preceding)\s+(?P<over>{_COUNT})\s+{_BARS})"
_ROW = (rf"(?:\s+(?:for\s+)?(?P<row>{_COUNT})\s+(?:consecutive\s+|straight\s+|successive\s+)?{_BARS}(?:\s+in\s+a\s+row)?"
        rf"|\s+(?:for|on)\s+(?P<row2>{_COUNT})\s+(?:consecutive\s+|straight\s+|successive\s+){_BARS})")

# an indicator after a preposition is an object ("deviations from the 20-day average increase"), never the
# subject of the verb after it
_OBJECT = re.compile(r"\b(?:from|of|to|than|by|in|on|at|over|above|below|under|beneath|between|into|through|versus|vs\.?)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?$")
# "over the last x periods", "in the past few bars": a span the text does not count, so no slope is read
_VAGUE = r"\s+(?:over|in|during|across|within)\s+(?:the\s+)?(?:last|past|previous|prior|preceding)\s+(?:\w+\s+)?(?:bars|days|periods|candles|sessions)\b"
# a verb in the past ("as the 10-day ma moved up", "the average rose") tells what happened, not a rule, unless
# it is a perfect or a state ("has pointed down over the last 5 bars", "is sloped upward")
_PAST = re.compile(r"^(?:rose|risen|fell|fallen|\w+ed)\b")
_STATE = re.compile(
    rf"(?P<be>{_BE})\s+(?P<verb>"
    rf"(?P<up>{_RISE}|(?:{_MOTION})\s+(?:in\s+(?:an?\s+)?)?{_UPWARD}(?:\s+direction)?|in\s+(?:an?\s+)?upward\s+direction|going\s+up|goes\s+up|gone\s+up|"
    rf"up[- ]?sloping|upward[- ]sloping)"
    rf"|(?P<down>{_FALL}|(?:{_MOTION})\s+(?:in\s+(?:an?\s+)?)?{_DOWNWARD}(?:\s+direction)?|in\s+(?:an?\s+)?downward\s+direction|going\s+down|goes\s+down|gone\s+down|"
    rf"down[- ]?sloping|downward[- ]sloping)"
    rf"|(?P<turn>{_TURN})\s+(?:(?P<tup>up|upward|upwards|higher)|(?P<tdown>down|downward|downwards|lower))"
    rf"|{_HAVE}\s+(?:an?\s+)?(?:(?P<sup>{_SIGN_UP})|(?P<sdown>{_SIGN_DOWN}))\s+(?:direction|slope|inclination|angle|gradient)"
    rf")\b(?:{_OVER}|{_ROW})?{_NOT_AFTER}(?!{_VAGUE})")
# "the slope of the 50-day sma is positive", "the 20-day ema's slope turns negative", "the slope of the ema > 0"
_SLOPE_OF = re.compile(r"\b(?:the\s+)?(?:slope|direction|gradient|angle)\s+of\s+(?:the\s+|its\s+)?$")
_SLOPE_SIGN = re.compile(
    rf"(?:'s\s+(?:slope|direction|gradient|angle))?{_BE}\s+(?:turns?\s+|turned\s+|becomes?\s+|became\s+)?"
    rf"(?:(?P<up>positive|upward|upwards|up|rising|greater\s+than\s+(?:zero|0)|above\s+(?:zero|0)|>\s*0)"
    rf"|(?P<down>negative|downward|downwards|down|falling|less\s+than\s+(?:zero|0)|below\s+(?:zero|0)|<\s*0))(?!\w|\.\d)(?:{_OVER})?(?!{_VAGUE})")
# "the adx is below its value 3 bars ago", "the sma is higher than it was 10 days ago", "above its level of 5 days earlier"
_AGO = re.compile(
    rf"{_BE}\s+(?:(?P<up>above|over|higher\s+than|greater\s+than|more\s+than)|(?P<down>below|under|lower\s+than|less\s+than|smaller\s+than))\s+"
    rf"(?:(?:its|the)\s+(?:own\s+)?(?:value|level|reading)\s+(?:of\s+|from\s+)?|(?:where\s+)?it\s+(?:was|stood)\s+|(?:that\s+of\s+)?)"
    rf"(?P<n>{_COUNT})\s+{_BARS}\s+(?:ago|before|earlier|back|previously)\b")
# "above a rising 200-day sma", "with an upward-sloping 50-day ema": the adjective of an indicator a rule compares
# with or requires ("support like an ascending moving average" names no rule)
_ADJ = re.compile(rf"\b(?:above|over|below|under|beneath|than|through|with|while|and|has|have|needs?|requires?)\s+(?:the\s+|a\s+|an\s+|its\s+)?"
                  rf"(?:(?P<up>{_ADJ_UP})|(?P<down>{_ADJ_DOWN}))\s+$")
# the MACD's lines named after it: "the macd histogram is rising", "the macd signal line turns down"
_MACD_PART = re.compile(r"\s*(?:\(\s*[\d,\s.]*\)\s*)?(?:(?P<hist>histogram|hist)|(?P<signal>signal(?:\s+line)?))\b")


def _n(word: str | None) -> int:
    if not word:
        return 1
    return int(word) if word.isdigit() else _NUMS.get(word, 1)


def _operand(m: Mention | None, a: int, b: int, kind: str | None = None, shift: int = 0) -> Operand:
    return Operand(kind or "ind", a, b, shift=shift, mention=m if kind is None else None)


def _slope(subj: tuple[Mention | None, str | None, int, int], up: bool, end: int, back: int = 1, row: int = 1,
           turn: bool = False) -> list[Comparison]:
    """The comparisons of a slope of ``subj`` (mention, operand kind, start, end) read from its start to ``end``."""
    m, kind, a, b = subj
    op, back_op = (">", "<=") if up else ("<", ">=")
    out = []
    for i in range(row):
        k = Comparison(_operand(m, a, b, kind, i), op, _operand(m, b, end, kind, i + back), a, assumed=ASSUMED)
        out.append(k)
    if turn:  # the turn: rising on this bar after a bar that was not (and the reverse)
        out.append(Comparison(_operand(m, a, b, kind, 1), back_op, _operand(m, b, end, kind, 2), a, assumed=ASSUMED))
    return out


def _subjects(norm: str, mentions: list[Mention]) -> list[tuple[Mention | None, str | None, int, int]]:
    """Each indicator a slope can be read on: its mention, the operand kind of a MACD line named after it, and
    where its words stand; a histogram named alone ("the histogram turns up") too."""
    out: list[tuple[Mention | None, str | None, int, int]] = []
    for m in mentions:
        if m.name == "macd":
            part = _MACD_PART.match(norm, m.end)
            kind = "hist" if part and part.group("hist") else "signal" if part and part.group("signal") else "macdline"
            out.append((m, kind, m.start, part.end() if part else m.end))
        else:
            out.append((m, None, m.start, m.end))
    for h in re.finditer(r"\b(?:the\s+)?histogram\b", norm):
        if not any(a <= h.start() < b for _, _, a, b in out):
            out.append((None, "hist", h.start(), h.end()))
    return sorted(out, key=lambda s: s[2])


def slope_comparisons(norm: str, mentions: list[Mention]) -> list[Comparison]:
    """The slope comparisons of a normalised clause on the indicators ``mentions`` names, left to right.

    >>> from foa.extract.offline.mentions import find_mentions
    >>> def read(norm): return [text_of(k) for k in slope_comparisons(norm, find_mentions(norm))]
    >>> read("go long when the close is above a rising 200-day ema")
    ['ema(200) > ema(200)[1]']
    >>> read("exit once the 10-day sma has pointed down over the last 5 bars")
    ['sma(10) < sma(10)[5]']
    >>> read("sell when the rsi(14) rises above 70")
    []
    """
    if not mentions and "histogram" not in norm:
        return []
    out: list[Comparison] = []
    for subj in _subjects(norm, mentions):
        m, kind, a, b = subj
        adj = _ADJ.search(norm, 0, a)
        if adj:
            # "a rising 200-day sma": the adjective states the slope of the indicator it names
            at = adj.start("up") if adj.group("up") else adj.start("down")
            out += _slope((m, kind, at, b), bool(adj.group("up")), b)
            continue
        st = _STATE.match(norm, b) if not _OBJECT.search(norm, 0, a) else None
        if st and _PAST.match(st.group("verb")) and not re.search(r"\b(?:has|have|had|is|are|be|been)\b", st.group("be")):
            st = None
        if st:
            turn = bool(st.group("turn"))
            up = bool(st.group("up") or st.group("sup") or st.group("tup"))
            over, row = st.group("over"), st.group("row") or st.group("row2")
            if turn and (over or row):
                continue  # "turned up over the last 5 bars": no single turn
            back = _n(over) if over else 1
            if not 1 <= back <= 400 or not 1 <= _n(row) <= 20:
                continue
            out += _slope(subj, up, st.end(), back=back, row=_n(row) if row else 1, turn=turn)
            continue
        of = _SLOPE_OF.search(norm, 0, a)
        sign = _SLOPE_SIGN.match(norm, b) if of or norm.startswith("'s slope", b) or norm.startswith("'s direction", b) else None
        if sign and (of or sign.group(0).startswith("'s")):
            back = _n(sign.group("over")) if sign.group("over") else 1
            out += _slope((m, kind, of.start() if of else a, b), bool(sign.group("up")), sign.end(), back=back)
            continue
        ago = _AGO.match(norm, b)
        if ago and 1 <= _n(ago.group("n")) <= 400:
            out += _slope(subj, bool(ago.group("up")), ago.end(), back=_n(ago.group("n")))
    return out


def text_of(k: Comparison) -> str:
    """A slope comparison in a short rule-like syntax (for doctests and tests): the mention's name and window.

    >>> from foa.extract.offline.mentions import find_mentions
    >>> norm = "the 20-day ema is falling"
    >>> text_of(slope_comparisons(norm, find_mentions(norm))[0])
    'ema(20) < ema(20)[1]'
    """
    def side(o: Operand) -> str:
        if o.mention is None:
            name = {"hist": "macd.hist", "signal": "macd.signal", "macdline": "macd"}.get(o.kind, o.kind)
        else:
            w = o.mention.params.get("window")
            name = o.mention.name + (f"({w:g})" if isinstance(w, (int, float)) else "()")
            if o.kind in ("hist", "signal"):
                name += "." + o.kind
        return name + (f"[{o.shift}]" if o.shift else "")

    return f"{side(k.left)} {k.op} {side(k.right)}"
