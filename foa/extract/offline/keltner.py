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

__all__ = ["is_keltner_doc", "keltner_lines", "keltner_multiple"]

_KELTNER = re.compile(r"\bkeltner\b")
_MULT = [
    re.compile(r"\bnum\s*atrs?\s*(?:\(\s*default\s*|[:=|]\s*|\s+)(\d+(?:\.\d+)?)"),
    re.compile(r"\b(?:atr\s+)?(?:multiplier|multiple|mult)\s*(?:\(\s*default\s*|of\s+|[:=|]\s*|\s+)(\d+(?:\.\d+)?)"),
    re.compile(r"\b(?:plus|minus|\+|-|±|\+/-)\s*(\d+(?:\.\d+)?)\s*(?:x|times|\*)?\s*(?:the\s+)?(?:\d+\s*-?\s*\w+\s+)?(?:atrs?|average\s+true\s+range)\b"),
    re.compile(r"\b(\d+(?:\.\d+)?)\s*(?:x\s+|times\s+|\*\s*)?(?:the\s+)?(?:atrs?|average\s+true\s+ranges?)\s+(?:above|below|away|either\s+side)"),
]


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
