"""Keltner channels: an average of the close with lines a multiple of the ATR above and below it.

The spec has no Keltner indicator; the lines are built from parts it has: upper = EMA(n) + k x ATR(m),
lower = EMA(n) - k x ATR(m), centre = EMA(n). A document trades Keltner channels when it names them;
the average and the ATR are the windowed ones it names, the multiple is read from "NumATRs (default
1.5)", "a multiplier of 2", "plus 2 times the 10-day ATR" or "1.5 ATRs above".

>>> keltner_multiple(["the upper band is the 20-day ema plus 2 times the 10-day atr"])
2.0
"""

from __future__ import annotations

import re

__all__ = ["is_keltner_doc", "keltner_lines", "keltner_multiple", "keltner_window", "multiple_not_window"]

_KELTNER = re.compile(r"\bkeltner\b")
_MULT = [
    re.compile(r"\bnum\s*atrs?\s*(?:\(\s*default\s*|[:=|]\s*|\s+)(\d+(?:\.\d+)?)"),
    re.compile(r"\b(?:atr\s+)?(?:multiplier|multiple|mult)\s*(?:\(\s*default\s*|of\s+|[:=|]\s*|\s+)(\d+(?:\.\d+)?)"),
    re.compile(r"\b(?:plus|minus|\+|-|±|\+/-)\s*(\d+(?:\.\d+)?)\s*(?:x|times|\*)?\s*(?:the\s+)?(?:\d+\s*-?\s*\w+\s+)?(?:atrs?|average\s+true\s+range)\b"),
    re.compile(r"\b(\d+(?:\.\d+)?)\s*(?:x\s+|times\s+|\*\s*)?(?:the\s+)?(?:atrs?|average\s+true\s+ranges?)\s+(?:above|below|away|either\s+side)"),
    # "the Keltner channel (20, 2 ATR)", "Keltner Channel (20, 2.0)": the average's window, then the multiple
    re.compile(r"\bkeltner(?:\s+(?:channels?|bands?|envelopes?))?\s*\(\s*\d+\s*,\s*(\d+(?:\.\d+)?)\s*(?:x\s*)?(?:atrs?)?\s*\)"),
]
_PAIR = re.compile(r"\bkeltner(?:\s+(?:channels?|bands?|envelopes?))?\s*\(\s*(\d+)\s*,\s*\d+(?:\.\d+)?\s*(?:x\s*)?(?:atrs?)?\s*\)")


def keltner_window(norms: list[str]) -> int | None:
    """The centre average's window stated first in "Keltner channel (30, 1.5)", or None.

    >>> keltner_window(["go short below the lower keltner channel (30, 1.5)."])
    30
    """
    for n in norms:
        m = _PAIR.search(n)
        if m:
            return int(m.group(1))
    return None


_AS_MULTIPLE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:x\s*)?atrs?")


def multiple_not_window(text: str, multiple: float) -> bool:
    """Whether an ATR mention's own words ("2 ATR") are the channel's multiple rather than the ATR's window.

    >>> multiple_not_window("2 atr", 2.0), multiple_not_window("atr(10)", 2.0)
    (True, False)
    """
    m = _AS_MULTIPLE.fullmatch(text.strip())
    return m is not None and float(m.group(1)) == multiple


def is_keltner_doc(norms: list[str]) -> bool:
    """Whether a document names Keltner channels (and not Bollinger bands, which own the band words)."""
    return any(_KELTNER.search(n) for n in norms) and not any("bollinger" in n for n in norms)


def keltner_multiple(norms: list[str]) -> float | None:
    """The ATR multiple of the channel's lines, or None when the document does not state it."""
    for rx in _MULT:
        for n in norms:
            m = rx.search(n)
            if m:
                return float(m.group(1))
    return None


def keltner_lines(center, atr, multiple: float, output: str):
    """The channel line ``output`` (upper / lower / middle) as a spec expression."""
    from foa.spec import model as M

    if output == "middle":
        return center
    width = M.ArithExpr(op="*", left=M.ConstExpr(value=multiple), right=atr)
    return M.ArithExpr(op="+" if output == "upper" else "-", left=center, right=width)
