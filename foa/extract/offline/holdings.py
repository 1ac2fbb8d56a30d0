"""Who the strategy holds: the traded tickers (not benchmarks, proxies, hurdles or names "for context"),
and buy-and-hold allocations ("buy and hold SPY", "Buy VTI", target weights that sum to 100%).

>>> _hurdle("BIL", "Hold SPY when its return is greater than BIL's.")
True
"""

from __future__ import annotations

import re

from foa.extract.offline.analyze import ClauseInfo
from foa.extract.offline.universe import find_tickers

__all__ = ["SIGNAL_INDICES", "buy_and_hold", "config_weights", "stated_weights", "universe"]


def _stats_row(text: str, code: str) -> bool:
    """A ticker named only as a benchmark, a back-test proxy or in a results row is not the universe."""
    return bool(re.search(rf"(?:benchmark|\bproxy\b|\bvs\.?\s+\$?{re.escape(code)}\s*\||{re.escape(code)}\W{{0,4}}[:|]\s*\**\s*[-+]?\d[\d.,]*\s*%)", text, re.I)
                or _NOT_TRADED.search(text))


# "$SPY for context only", "I'm not trading it", "shown for reference": named, not traded
_NOT_TRADED = re.compile(r"\bfor\s+(?:context|reference|comparison)(?:\s+only)?\b|\bnot\s+(?:trading|traded|trade)\s+(?:it|them|this|that)\b", re.I)


# indices that are read, never held: a volatility index or a breadth gauge is where a signal comes from
# ("when the VIX closes above its 10-day average"), not something to buy
SIGNAL_INDICES = frozenset({"VIX", "VVIX", "VXN", "VXD", "RVX", "VIX3M", "VIX9D", "VXV", "VXO", "SKEW", "TICK", "TRIN", "MOVE"})


_LICENCE_HEAD = re.compile(r"^[\W_]*licen[cs]e[\W_]*$", re.I)


def universe(infos: list[ClauseInfo]) -> tuple[list[str], ClauseInfo | None]:
    seen: list[str] = []
    first: ClauseInfo | None = None
    contexts: dict[str, list[str]] = {}
    prev = ""
    for i in infos:
        # "## License" then "MIT": the line under a licence heading names a licence, not a code
        under_licence, prev = bool(_LICENCE_HEAD.match(prev)), i.clause.orig
        for t in ([] if under_licence else find_tickers(i.clause.orig)):
            contexts.setdefault(t, []).append(i.clause.orig)
            if t not in seen:
                seen.append(t)
                first = first or i
    whole = "\n".join(i.clause.orig for i in infos) if seen else ""
    # compared against somewhere: only those can be hurdles (one search, not two regexes per ticker)
    against = {m.group(1) for m in _AGAINST.finditer(whole)}
    keep = [t for t in seen if not all(_stats_row(ctx, t) for ctx in contexts[t])
            and not (t in against and _hurdle(t, whole)) and t.lstrip("^") not in SIGNAL_INDICES]
    return keep, first


_AGAINST = re.compile(r"\b(?i:than|beats?|exceeds?|outperforms?)\s+(?i:the\s+)?(?i:(?:return|performance|momentum|yield)\s+(?:of|on)\s+(?:the\s+)?)?(?i:(?:t-?bills?|treasury\s+bills|cash)\s*\(\s*)?\$?([A-Z^][A-Z0-9.=/-]{0,8}?)(?:'s)?\b")


def _hurdle(code: str, text: str) -> bool:
    """A ticker only ever compared against ("greater than BIL's", "beats SHV") and never held is a hurdle."""
    c = re.escape(code)
    held = re.compile(rf"\b(?:hold|holds|buy|buys|long|short|sell|into|own|owns|in|switch\s+to|rotate\s+to|otherwise|else|allocate\s+to)\s+(?:the\s+)?\$?{c}\b"
                      rf"|\b{c}\b[^.;]{{0,30}}\b(?:is|are)\s+(?:held|bought)", re.I)
    return not held.search(text)


_ALLOC = r"(\d+(?:\.\d+)?)\s*%\s*(?:in|of|into|to|[-:\u2013\u2014])?\s*\$?({t})\b|\b({t})\s*[-:\u2013\u2014(]?\s*(\d+(?:\.\d+)?)\s*%"
# "beat buy and hold", "vs. buy-and-hold": buy and hold as the yardstick, not the strategy
_BENCH_BEFORE = re.compile(r"\b(?:beat\w*|outperform\w*|underperform\w*|vs\.?|versus|than|against|relative\s+to|compared\s+(?:to|with)"
                           r"|benchmark\w*|lag\w*|trail\w*|match\w*)\s+(?:a\s+|the\s+|simple\s+|plain\s+|passive\s+|just\s+)*$")
# "buy and hold", "I buy them, I hold them", "buy it once and never sell", "no selling"
_HOLD = re.compile(r"buy[- ]and[- ]hold|buy\s+(?:it\s+|them\s+)?once|hold\s+forever|never\s+sell|passive(?:ly)?\s+hold"
                   r"|\bbuy\s+(?:them|it|both)\b[^.;]{0,12}?\bhold\s+(?:them|it|both)\b|\bno\s+selling\b"
                   # "buy VTI and BND in a 60/40 split and hold them" (not "... and hold them for 5 days")
                   r"|\bbuy\s+(?!when|if|on|after|once)[^.;]{2,60}?\band\s+hold\s+(?:them|it|both|those|the\s+(?:two|pair|portfolio))\b(?!\s+(?:for|until|till)\b)")


_NAMED = re.compile(r"\s*(?:strategy|strategies|portfolio|portfolios|approach|benchmark|index|fund)\b")
_DEFINED = re.compile(r"\s*(?:\([^)]{0,20}\)\s*)?(?:is|was|means|refers\s+to|describes|involves)\b")


# "Buy SPY at the close whenever it falls 2% in a day": a buy with a condition the grammar could not read
# is not an unconditional holding (refused rather than read as buy and hold)
_CONDITIONAL = re.compile(r"\b(?:when|whenever|if|once|as\s+soon\s+as|every\s+time|only\s+(?:after|on))\b")


def buy_and_hold(infos: list[ClauseInfo], tickers: list[str]) -> ClauseInfo | None:
    """A buy-and-hold rule: "buy and hold SPY", an imperative "Buy SPY", or target weights that sum to 100%."""
    codes = "|".join(re.escape(t) for t in sorted(tickers, key=len, reverse=True))
    alloc = re.compile(_ALLOC.format(t=codes))
    weights: dict[str, float] = {}
    alloc_info = None
    phrase_info = None
    for i in infos:
        if i.example:
            continue
        has_t = [t for t in tickers if re.search(rf"(?<![A-Za-z]){re.escape(t)}(?![A-Za-z])", i.clause.orig)]
        hold = _HOLD.search(i.norm)
        if hold and _DEFINED.match(i.norm, hold.end()):
            continue  # "buy and hold means owning ... for years": what the phrase means, not a holding
        if hold and i.clause.orig.count("|") >= 2 and _NAMED.match(i.norm, hold.end()):
            continue  # "| Buy and Hold Strategy | Author | 10% |": a portfolio's name in a table row
        if hold and not _BENCH_BEFORE.search(i.norm[max(0, hold.start() - 40):hold.start()]):
            if has_t:
                return i
            phrase_info = phrase_info or i
        if has_t and re.match(r"^\W*(?:\d+[.)]\s*)?buy\s+(?:and\s+hold\s+)?(?:the\s+)?\$?[a-z^]", i.norm) and not _CONDITIONAL.search(i.norm):
            return i
        for m in alloc.finditer(i.clause.orig):
            code, w = (m.group(2), m.group(1)) if m.group(2) else (m.group(3), m.group(4))
            if code not in weights:
                weights[code] = float(w)
                alloc_info = alloc_info or i
    if len(weights) >= 2 and 90 <= sum(weights.values()) <= 110:
        return alloc_info
    found = config_weights(infos, tickers)
    if found is not None:
        return found[1]
    if phrase_info is not None and len(tickers) <= 3:
        return phrase_info
    return None


_NUM = r"(\d+(?:\.\d+)?)"
# target weights written as data: ('SPY', 30), "TLT": 0.4, and a YAML/JSON item "ticker: GLD" with its "weight: 0.25"
_PAIR_WEIGHT = re.compile(r"[(\[{,]\s*['\"]([A-Z0-9^][A-Z0-9.=^-]{0,11})['\"]\s*[,:]\s*" + _NUM + r"\s*%?\s*[)\]},]")
_ITEM_WEIGHT = re.compile(r"\b(?:ticker|symbol|asset)['\"]?\s*[:=]\s*['\"]?([A-Z0-9^][A-Z0-9.=^-]{0,11})['\"]?\s*,?\s*\n?"
                          r"(?:[^\n]*\n){0,3}?[^\n]*?\b(?:weight|allocation|target(?:_percent|_weight)?|pct|percent)['\"]?\s*[:=]\s*" + _NUM, re.I)


def config_weights(infos: list[ClauseInfo], tickers: list[str]) -> tuple[dict[str, float], ClauseInfo] | None:
    """Target weights written as data in code or a config (``('SPY', 30)``, ``ticker: GLD`` / ``weight: 0.25``),
    summing to 100% (or 1.0) over two or more of the tickers, with the first clause that states one.

    >>> from foa.documents.model import Document
    >>> from foa.extract.offline.analyze import read
    >>> infos = read(Document.from_text("params = [('SPY', 60), ('TLT', 40)]")).infos
    >>> config_weights(infos, ["SPY", "TLT"])[0]
    {'SPY': 60.0, 'TLT': 40.0}
    """
    kept = [i for i in infos if not i.example]
    text, starts = "", []
    for i in kept:
        starts.append(len(text))
        text += i.clause.orig + "\n"
    weights: dict[str, float] = {}
    first = None
    for rx in (_PAIR_WEIGHT, _ITEM_WEIGHT):
        for m in rx.finditer(text):
            code, w = m.group(1), float(m.group(2))
            if code in tickers and code not in weights:
                weights[code] = w
                k = max(n for n, s0 in enumerate(starts) if s0 <= m.start())
                first = first or kept[k]
    total = sum(weights.values())
    if len(weights) >= 2 and first is not None and (0.9 <= total <= 1.1 or 90 <= total <= 110):
        return weights, first
    return None


def stated_weights(infos: list[ClauseInfo], tickers: list[str]) -> dict[str, float]:
    """The target weights a text states for its tickers ("60% SPY, 40% TLT", ``('SPY', 60)``), as fractions;
    empty when it states none that sum to 100%.

    >>> from foa.documents.model import Document
    >>> from foa.extract.offline.analyze import read
    >>> stated_weights(read(Document.from_text("Hold 70% VTI and 30% BND.")).infos, ["VTI", "BND"])
    {'VTI': 0.7, 'BND': 0.3}
    """
    if not tickers:
        return {}
    codes = "|".join(re.escape(t) for t in sorted(tickers, key=len, reverse=True))
    alloc = re.compile(_ALLOC.format(t=codes))
    weights: dict[str, float] = {}
    for i in infos:
        if i.example:
            continue
        for m in alloc.finditer(i.clause.orig):
            code, w = (m.group(2), m.group(1)) if m.group(2) else (m.group(3), m.group(4))
            weights.setdefault(code, float(w))
    if not (len(weights) >= 2 and 90 <= sum(weights.values()) <= 110):
        found = config_weights(infos, tickers)
        weights = found[0] if found is not None else {}
    total = sum(weights.values())
    return {k: round(v / total, 6) for k, v in weights.items()} if weights else {}
