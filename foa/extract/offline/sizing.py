"""A fixed share of equity per position, read as the spec's sizing: "position size: 10% of equity".

foa's spec holds a fixed fraction of equity per position (``Sizing(method="fixed_fraction", fraction=0.1)``),
so a text that states one ("invest 20% of the account in each trade", "each position is 5% of the portfolio",
"allocate 25% of capital per position") gets it rather than a silent 100%. Sizing by risk ("risk 1% of equity
per trade", which needs the stop's distance) is a different rule, listed by ``unsupported.py``; it is never
read here. The words are classes below (sizing verbs, the equity nouns, the per-position phrases).

>>> fixed_fraction("position size: 10% of equity per trade.")
0.1
>>> fixed_fraction("risk 2% of the account per trade.") is None
True
"""

from __future__ import annotations

import re

from foa.extract.offline.lexicon import alternation

__all__ = ["fixed_fraction", "fraction_span"]

# ------------------------------------------------------------------------------------------ word classes
_EQUITY = (r"(?:(?:the|your|our|my|its|total|available|current|free|trading)\s+)*"
           + alternation(("equity", "capital", "account", "account value", "account balance", "account equity", "portfolio",
                          "portfolio value", "cash", "balance", "bankroll", "net liquidation value", "buying power")))
_EACH = (r"(?:per|for|in|on|into|to)\s+(?:each|every|a|one|any|the|every\s+new|each\s+new)?\s*"
         + alternation(("trade", "trades", "position", "positions", "entry", "entries", "stock", "stocks", "signal", "holding",
                        "purchase", "order", "asset", "ticker", "name", "share")) + r"\b"
         + r"|\b(?:per|a)\s+(?:trade|position|entry|stock|signal)\b")
_VERB = alternation(("invest", "invests", "investing", "allocate", "allocates", "allocating", "put", "puts", "putting", "use", "uses",
                     "using", "commit", "commits", "committing", "deploy", "deploys", "buy with", "buys with", "enter with",
                     "trade with", "trades with", "spend", "spends", "assign", "assigns"))
_PCT = r"(?P<x>\d+(?:\.\d+)?)\s*(?:%|percent|per\s+cent)"
_SUBJECT = alternation(("position size", "position sizing", "trade size", "size of each position", "size of each trade",
                        "size per trade", "size per position", "allocation per trade", "allocation per position",
                        "each position", "every position", "each trade", "every trade", "each holding", "each stock",
                        "each new position", "capital per trade", "capital per position", "equity per trade", "lot size"))
_RX = [
    # "position size: 10% of equity", "each position is 5% of the portfolio", "the size per trade equals 20%"
    re.compile(rf"\b(?:the\s+)?{_SUBJECT}\s*(?::|=|is|will\s+be|should\s+be|must\s+be|equals|of|at|set\s+(?:at|to)|is\s+set\s+(?:at|to)|is\s+fixed\s+at|"
               rf"gets|takes|uses|amounts\s+to)?\s*(?:a\s+fixed\s+|fixed\s+|a\s+flat\s+|exactly\s+)?{_PCT}(?:\s+of\s+{_EQUITY})?(?!\s*(?:risk|stop|drawdown|loss|below|above))"),
    # "invest 20% of the account in each trade", "we use 10% of capital per position"
    re.compile(rf"\b{_VERB}\s+(?:only\s+|exactly\s+|a\s+fixed\s+)?{_PCT}\s+of\s+{_EQUITY}\s+(?:{_EACH})"),
    # "with 25% of equity per trade", "10% of the portfolio in each position"
    re.compile(rf"\b{_PCT}\s+of\s+{_EQUITY}\s+(?:{_EACH})"),
]
# sizing by risk or by a stop's distance: another rule
_RISK = re.compile(r"\b(?:risk|risks|risking|risked|lose|losing|loss|drawdown|stop|stops|margin|leverage|kelly|volatility)\b[^.;]{0,25}$")


def fraction_span(norm: str) -> tuple[float, int, int] | None:
    """The fixed share of equity per position a normalised clause states, and where: (fraction, start, end).

    >>> fraction_span("we invest 20% of the account in each trade.")
    (0.2, 3, 42)
    """
    if "%" not in norm and "percent" not in norm and "per cent" not in norm:
        return None
    for rx in _RX:
        for m in rx.finditer(norm):
            x = float(m.group("x"))
            if not 0 < x < 100:
                continue  # 100% is foa's default (all in); more is leverage
            if _RISK.search(norm[max(0, m.start() - 30):m.start()]) or re.search(r"\brisk", m.group(0)):
                continue  # "risk 2% of equity per trade": sizing by risk, not a share of equity
            return round(x / 100, 6), m.start(), m.end()
    return None


def fixed_fraction(norm: str) -> float | None:
    """The fixed share of equity per position a normalised clause states, or None.

    >>> fixed_fraction("allocate 25% of capital per position."), fixed_fraction("each position is 5% of the portfolio.")
    (0.25, 0.05)
    >>> fixed_fraction("the fund holds 10% of its assets in cash.") is None
    True
    """
    got = fraction_span(norm)
    return got[0] if got else None
