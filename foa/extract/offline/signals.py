"""An indicator's own signal, named in a rule without its comparison: "go long when the MACD issues a buy
signal", "buy on a bullish MACD crossover", "short when the Supertrend flips to sell", "a sell signal from
the Parabolic SAR".

A few indicators have one conventional signal, a crossing of two of their lines: the MACD line and its
signal line, the price and the Supertrend or the Parabolic SAR, the stochastic's %K and %D, Aroon up and
down. A rule that names such a signal reads as that crossing (up for a buy, bullish or long signal, down for
a sell, bearish or short one) and the reading is written to the spec's assumptions. An indicator whose
"buy signal" has no single meaning (an RSI level, a Bollinger band touch) is never read this way.

The words that name the signal ("buy signal", "turns bullish") are not actions: the rule's role comes from
an action word elsewhere in the clause ("go long when ..."), so "the MACD issued a buy signal on Friday"
states no rule.

>>> from foa.extract.offline.mentions import find_mentions
>>> norm = "go long when the macd issues a buy signal."
>>> [(k.left.kind, k.op, k.right.kind) for k, _ in signal_comparisons(norm, find_mentions(norm))]
[('macdline', 'crosses_above', 'signal')]
"""

from __future__ import annotations

import re
from dataclasses import replace

from foa.extract.offline.compare import Comparison, Operand
from foa.extract.offline.lexicon import alternation
from foa.extract.offline.mentions import Mention

__all__ = ["LINES", "signal_comparisons"]

# each indicator's conventional signal: the line that crosses (None: the close) and the line it crosses
# ("macd"/"signal" are the MACD operands the comparison reader uses; other names are TA-Lib outputs)
LINES: dict[str, tuple[str | None, str]] = {
    "macd": ("macdline", "signal"),
    "supertrend": (None, "supertrend"),
    "sar": (None, "sar"),
    "stoch": ("slowk", "slowd"),
    "stochf": ("fastk", "fastd"),
    "stochrsi": ("fastk", "fastd"),
    "aroon": ("aroonup", "aroondown"),
}
_SAY = {"macd": "the MACD line crossing {way} its signal line", "supertrend": "the close crossing {way} the Supertrend",
        "sar": "the close crossing {way} the Parabolic SAR", "stoch": "%K crossing {way} %D", "stochf": "%K crossing {way} %D",
        "stochrsi": "%K crossing {way} %D", "aroon": "Aroon up crossing {way} Aroon down"}

# word classes: which way a signal points, the nouns that name a signal, the verbs that give or change one
_UP = ("buy", "long", "bullish", "green", "up", "upward", "upwards", "positive", "uptrend", "blue")
_DOWN = ("sell", "short", "bearish", "red", "down", "downward", "downwards", "negative", "downtrend")
_WAY = alternation(_UP + _DOWN)
_NOUN = alternation(("signal", "signals", "crossover", "cross", "cross-over", "crossing", "alert", "trigger", "setup", "entry"))
_GIVE = alternation(("issues", "issue", "issued", "gives", "give", "gave", "generates", "generate", "generated", "triggers",
                     "trigger", "triggered", "fires", "fire", "fired", "flashes", "flash", "flashed", "prints", "print",
                     "printed", "shows", "show", "showed", "produces", "produce", "produced", "sends", "send", "sent",
                     "registers", "register", "registered", "has", "have", "had", "makes", "make", "made", "forms", "form",
                     "formed", "posts", "post", "posted"))
_FLIP = alternation(("flips", "flip", "flipped", "turns", "turn", "turned", "switches", "switch", "switched", "changes",
                     "change", "changed", "goes", "go", "went", "becomes", "become", "became"))
_IS = alternation(("is", "are", "stays", "stay", "remains", "remain", "is still", "is in", "in"))
# what a signal flips to or stays in: the signal's own words ("turns up" or "goes positive" could name the
# indicator's value rather than its signal)
_STATE_WAY = alternation(("buy", "sell", "long", "short", "bullish", "bearish", "green", "red", "blue", "uptrend", "downtrend",
                          "buy mode", "sell mode", "bullish mode", "bearish mode"))
_APPEAR = alternation(("appears", "appear", "appeared", "occurs", "occur", "occurred", "fires", "fired", "is given",
                       "is generated", "is triggered", "is issued", "comes", "shows up", "prints"))
_ART = r"(?:(?:a|an|its|the|their|his|her)\s+)?(?:new\s+|fresh\s+|first\s+)?"

# after the indicator: "issues a buy signal", "flips to sell", "turns bullish", "buy signal", "crosses up"
_AFTER = re.compile(
    rf"\s*(?:\(\s*[\d.,\s]*\)\s*)?(?:indicator\s+|line\s+|histogram\s+)?(?:(?:has|have|will|would|then)\s+)?(?:just\s+)?"
    rf"(?:{_GIVE}\s+{_ART}(?P<way1>{_WAY})\s+{_NOUN}"
    rf"|{_FLIP}\s+(?:(?:to|into|over\s+to)\s+)?{_ART}(?P<way2>{_STATE_WAY})\b(?!\s+(?:than|from|the|a|an|\d)\b)"
    rf"|(?P<state>{_IS})\s+(?:(?:a|an|on\s+a)\s+)?(?P<way5>{_STATE_WAY})\b(?!\s+(?:than|from|the|a|an|\d)\b)"
    rf"|(?P<way3>{_WAY})\s+{_NOUN}"
    rf"|cross(?:es|ed|ing)?\s+(?P<way4>up(?:ward|wards)?|down(?:ward|wards)?)\b(?!\s+(?:through|to|the|a|\d)\b))")
# before the indicator: "a bullish MACD crossover" (the noun after it), "a buy signal from the SAR"
_BEFORE_ADJ = re.compile(rf"(?P<way>{_WAY})\s+(?:the\s+)?$")
_AFTER_NOUN = re.compile(rf"\s*(?:\(\s*[\d.,\s]*\)\s*)?(?:line\s+)?{_NOUN}\b")
_BEFORE_FROM = re.compile(rf"(?P<way>{_WAY})\s+{_NOUN}\s+(?:(?:{_APPEAR})\s+)?(?:from|of|on|with|by|in|off)\s+(?:the\s+)?$")


def _up(way: str) -> bool:
    return way.startswith(_UP)


def signal_comparisons(norm: str, mentions: list[Mention]) -> list[tuple[Comparison, tuple[int, int]]]:
    """The conventional crossing of each indicator of ``LINES`` whose signal the clause names, with the span
    of the words that name it (the caller reads the rule's role outside that span).

    ``mentions`` are the clause's rule mentions; an indicator named twice in one phrase counts once.

    >>> from foa.extract.offline.mentions import find_mentions
    >>> norm = "short when the supertrend flips to sell."
    >>> [(k.left.kind, k.op, k.right.mention.name, norm[a:b]) for k, (a, b) in signal_comparisons(norm, find_mentions(norm))]
    [('price', 'crosses_below', 'supertrend', 'supertrend flips to sell')]
    """
    out: list[tuple[Comparison, tuple[int, int]]] = []
    for m in mentions:
        if m.name not in LINES or m.output is not None or m.role in ("xbull", "xbear", "signal"):
            continue
        a = m.start
        way = None
        state = False
        after = _AFTER.match(norm, m.end)
        if after:
            way, b = next(after.group(g) for g in ("way1", "way2", "way3", "way4", "way5") if after.group(g)), after.end()
            state = bool(after.group("state"))
        else:
            b = m.end
            before = _BEFORE_ADJ.search(norm, max(0, m.start - 20), m.start)
            noun = _AFTER_NOUN.match(norm, m.end)
            if before and noun:
                way, a, b = before.group("way"), before.start(), noun.end()
            else:
                frm = _BEFORE_FROM.search(norm, max(0, m.start - 60), m.start)
                if frm:
                    way, a = frm.group("way"), frm.start()
        if way is None or any(x[1][0] <= a < x[1][1] for x in out):
            continue
        up = _up(way)
        op = (">" if up else "<") if state else ("crosses_above" if up else "crosses_below")
        first, second = LINES[m.name]
        if m.name == "macd":
            left, right = Operand("macdline", m.start, m.end), Operand("signal", m.start, m.end)
        elif first is None:
            left, right = Operand("price", m.start, m.start, name="close"), Operand("ind", m.start, m.end, mention=m)
        else:
            one, two = replace(m, params=dict(m.params), output=first), replace(m, params=dict(m.params), output=second)
            left, right = Operand("ind", m.start, m.end, mention=one), Operand("ind", m.start, m.end, mention=two)
        said = _SAY[m.name].format(way="above" if up else "below")
        if state:
            said = said.replace("crossing", "staying")
        k = Comparison(left, op, right, a, assumed=f"the {m.name.upper()} {way} signal read as {said}")
        out.append((k, (a, b)))
    return out
