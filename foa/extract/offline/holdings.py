"""Who the strategy holds: the traded tickers (not benchmarks, proxies, hurdles or names "for context"),
and buy-and-hold allocations ("buy and hold SPY", "Buy VTI", target weights that sum to 100%).

>>> _hurdle("BIL", "Hold SPY when its return is greater than BIL's.")
True
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from foa.extract.offline.analyze import ClauseInfo
from foa.extract.offline.universe import abbreviations, column_tickers, find_tickers, known_tickers, listed_tickers, live_code, quoted_lines

__all__ = ["SIGNAL_INDICES", "UniverseReading", "buy_and_hold", "config_weights", "read_on", "read_universe", "signal_of", "stated_weights", "universe"]


def _stats_row(text: str, code: str, rows: bool = True) -> bool:
    """A ticker named only as a benchmark, a back-test proxy or (``rows``) in a results row is not the universe."""
    c = re.escape(code)
    row = rf"|{c}\W{{0,4}}[:|]\s*\**\s*[-+]?\d[\d.,]*\s*%" if rows else ""
    return bool(re.search(rf"(?:{_BENCH_NEAR.format(c=c)}|\bproxy\b|\bvs\.?\s+\$?{c}\s*\|{row}"
                          # "results compared with the Wellesley fund (VWIAX)", "relative to SPY"
                          rf"|\b(?:compared|comparison)\s+(?:to|with)\s+[^.;]{{0,60}}?\(?\$?{c}\b|\brelative\s+to\s+(?:the\s+)?\$?{c}\b"
                          # "results versus IWM", "we also tested it on IWM and DIA": a yardstick or a robustness run
                          rf"|\bresults?\s+(?:versus|vs\.?|against|compared)\s+(?:the\s+)?\$?{c}\b"
                          rf"|\balso\s+(?:tested|tried|ran|run|applied|backtested|checked)\b[^.;]{{0,60}}?\b{c}\b"
                          # "the TLT drawdown", "NVDA's earnings call": something about the fund, not a holding
                          rf"|\b{c}(?:['\u2019]s)?\s+(?:drawdowns?|earnings|expense\s+ratio|dividends?|guidance|ceo|crash|sell-?off|split)\b"
                          # "the S&P 500 (SPY) fell 20% in 2022": a market report
                          rf"|\b{c}\)?\s+(?:\w+\s+){{0,2}}?(?:fell|rose|gained|lost|dropped|returned|climbed|declined|rallied|slid|jumped|crashed|plunged|soared"
                          rf"|slipped|dipped|sank|surged|tumbled|advanced|retreated|shed|added|edged\s+(?:up|down|higher|lower))\s+"
                          rf"(?:by\s+)?(?:(?:more|less)\s+than\s+|over\s+|nearly\s+|almost\s+|about\s+|around\s+|roughly\s+|some\s+)?[-+]?\d"
                          # "the author holds positions in NVDA", "Disclosure: long AAPL": a disclosure, not the strategy's market
                          rf"|\b(?:holds?|held|has|have|had|own|owns|hold\s+no|may\s+(?:hold|have|own))\s+(?:no\s+|a\s+|an\s+)?(?:long\s+|short\s+|beneficial\s+)?"
                          rf"(?:positions?|interest|stakes?|shares)\s+(?:in|of)\s+[^.;]{{0,60}}?\b{c}\b|\bdisclos\w*\b[^.;]{{0,80}}?\b{c}\b"
                          # "the same rule failed on EEM", "it did not work on FXI": a market it is not traded on
                          rf"|\b(?:fail(?:s|ed)?|did\s+not\s+work|didn['\u2019]t\s+work|does\s+not\s+work|doesn['\u2019]t\s+work|lost\s+money|(?:is|was|were|are)\s+(?:worse|weaker|unprofitable|not\s+profitable))"
                          rf"\b(?:(?!\bthan\b)[^.;]){{0,40}}?\b(?:on|for|with|in)\s+(?:(?!\bthan\b)[^.;]){{0,40}}?\b{c}\b"
                          # "the same rules on SPY gave weaker results (than on QQQ)": a market it did worse on
                          rf"|\b(?:on|for|with|in|to)\s+(?:the\s+)?\$?{c}\b[^.;]{{0,30}}?\b(?:gave|gives|showed|shows|had|has|produced|produces|were|was|is|are)\s+"
                          rf"(?:\w+\s+){{0,2}}?(?:weaker|worse|poorer|negative|lower|smaller|unprofitable)\b"
                          # "Silver (SLV) gave weaker results under the same rule and is not part of the strategy"
                          rf"|\b{c}\)?\s+(?:\w+\s+){{0,2}}?(?:gave|gives|showed|shows|had|has|produced|produces|delivered|delivers)\s+"
                          rf"(?:\w+\s+){{0,2}}?(?:weaker|worse|poorer|negative|lower|smaller)\s+(?:results?|returns?|performance)\b"
                          rf"|\b{c}\)?[^.;]{{0,80}}?\b(?:is|are|was|were)\s+not\s+(?:part\s+of|included\s+in|traded\s+(?:by|in))\s+(?:the\s+|our\s+|this\s+)?"
                          rf"(?:strategy|system|portfolio|universe|rules?|model)\b"
                          # "an FOMC or NFP release", "the CPI print": a scheduled event, not a market
                          rf"|\b{c}\s+(?:releases?|reports?|prints?|meetings?|minutes|announcements?|decisions?)\b)",
                          text, re.I)
                # talk about a market ("for context only", "TLT lagged in 2022") leaves out the codes the clause does not hold
                or ((_NOT_TRADED.search(text) is not None
                     or (re.search(rf"\b{c}\)?\s+(?:\w+\s+){{0,2}}?{_NEWS}", text, re.I) is not None and not _IF_WORD.search(text)))
                    and _hurdle(code, text)))


# a code named as the benchmark, not any code of a clause that says "benchmark": "SPY as the benchmark",
# "the benchmark, VTI", "benchmarked against the S&P 500 (SPY)", "(benchmark: SPY)"; "we trade QQQ, while
# the benchmark is SPY" keeps QQQ
_BENCH_NEAR = (r"\b{c}\)?\s*(?:\(\s*|,\s*|(?:is|was|serves\s+as|acts\s+as|as)\s+)(?:the\s+|a\s+|an\s+|our\s+|its\s+)?(?:\w+\s+)?benchmark"
               r"|benchmark\w*\s*(?:[:=(,\u2013\u2014-]|\b(?:is|was|of|against|to|vs\.?|versus|with|here\s+is)\b)?\s*"
               r"(?:(?!(?:and|but|while|whereas|we|i|trade|trades|traded|buy|hold)\b)[\w&'.-]+\s+){{0,5}}?[(\[]?\$?{c}\b")
_RATING_WORDS = (r"(?:overweight|underweight|neutral|outperform|underperform|equal[- ]weight|market[- ]perform|sector[- ]perform"
                 r"|strong\s+buy|accumulate|reduce)\b")
# a news item about a company: "AAPL reported earnings", "NVDA hit a record" (read where no condition makes it a rule)
_NEWS = (r"(?:reported|posted|announced|unveiled|lagged|trailed|outperformed|underperformed|rallied|struggled|led\s+the|hit\s+(?:a|an|its|new)\s+(?:new\s+)?(?:record|all[- ]time|high|low)|beat\s+(?:estimates|expectations)"
         r"|missed\s+(?:estimates|expectations)|expects?|expected|warned|warns|predicts?|predicted|surged|plunged|soared|tumbled|slumped|sank|spiked|cratered|was\s+upgraded|was\s+downgraded)\b")
_IF_WORD = re.compile(r"\b(?:when|whenever|if|once|as\s+soon\s+as|until|unless)\b", re.I)


# "$SPY for context only", "I'm not trading it", "shown for reference": named, not traded
_NOT_TRADED = re.compile(r"\bfor\s+(?:context|reference|comparison)(?:\s+only)?\b|\bnot\s+(?:trading|traded|trade)\s+(?:it|them|this|that)\b"
                         # "so I did not include them", "we don't use those": named and then set aside
                         r"|\b(?:did\s+not|didn['\u2019]t|do\s+not|don['\u2019]t|does\s+not|doesn['\u2019]t|will\s+not|won['\u2019]t)\s+"
                         r"(?:include|use|trade|hold|buy|own)\s+(?:it|them|this|that|these|those|either|any)\b"
                         # "worth watching", "keep an eye on", "tends to move with it", "is correlated with": talk about a market
                         r"|\bworth\s+watching\b|\bkeep\s+an\s+eye\s+on\b|\btends?\s+to\s+(?:move|trade|track)\s+(?:with|in\s+line\s+with|alongside)\b"
                         r"|\b(?:is|are|was|were)\s+(?:highly\s+|closely\s+|strongly\s+)?correlated\s+with\b"
                         # "gold tends to do well when real yields (TIP) fall": how a market behaves, not a rule
                         r"|\btends?\s+to\s+(?:do|perform|fare)\s+(?:well|badly|poorly|better|worse)\b", re.I)


# indices that are read, never held: a volatility index or a breadth gauge is where a signal comes from
# ("when the VIX closes above its 10-day average"), not something to buy
SIGNAL_INDICES = frozenset({"VIX", "VVIX", "VXN", "VXD", "RVX", "VIX3M", "VIX9D", "VXV", "VXO", "SKEW", "TICK", "TRIN", "MOVE",
                            # the dollar index and Treasury yield indices: read as macro gauges
                            "DXY", "TNX", "TYX", "IRX", "FVX", "US10Y", "US02Y", "US2Y"})


_LICENCE_HEAD = re.compile(r"^[\W_]*licen[cs]e[\W_]*$", re.I)


def _named(infos: list[ClauseInfo]) -> list[tuple[int, str]]:
    """(clause index, ticker) for every ticker a clause names, and for the codes of a plain-text table's
    columns, which only the lines together show ("Financials 3x FAS FAZ" under "Energy 2x ERX ERY")."""
    out: list[tuple[int, str]] = []
    prev = ""
    for k, i in enumerate(infos):
        # "## License" then "MIT": the line under a licence heading names a licence, not a code
        under_licence, prev = bool(_LICENCE_HEAD.match(prev)), i.clause.orig
        out += [(k, t) for t in ([] if under_licence else find_tickers(i.clause.orig))]
    text, starts = "", []
    for k, i in enumerate(infos):
        if k and (i.clause.page != infos[k - 1].clause.page or i.clause.block != infos[k - 1].clause.block):
            text += "\n"  # a blank line: a table never runs across paragraphs or pages
        starts.append(len(text))
        text += i.clause.orig + "\n"
    text = live_code(text)
    for pos, t in column_tickers(text) + listed_tickers(text) + quoted_lines(text):
        out.append((max(k for k, s0 in enumerate(starts) if s0 <= pos), t))
    return sorted(out, key=lambda kt: kt[0])


def universe(infos: list[ClauseInfo]) -> tuple[list[str], ClauseInfo | None]:
    """The traded tickers of the clauses ``infos`` in order of first mention, and the clause naming the first.

    A ticker is left out when it is named only as a benchmark, a proxy or in a results row, only as a hurdle
    ("greater than BIL's"), as a volatility or breadth index, or only as the instrument a signal is read on
    while other tickers are traded (``read_universe`` returns those apart).
    """
    found = read_universe(infos)
    return found.symbols, found.first


class UniverseReading(NamedTuple):
    """What ``read_universe`` found: the traded ``symbols``, the clause naming the first ticker (the evidence),
    and the ``signals``: tickers left out as only the instrument a signal is read on, each with its first clause."""

    symbols: list[str]
    first: ClauseInfo | None
    signals: list[tuple[str, ClauseInfo]]


def read_universe(infos: list[ClauseInfo]) -> UniverseReading:
    """``universe`` with the signal instruments it left out: the rules read on them compute on that symbol
    (``signal_of``, ``read_on``).

    >>> from foa.documents.model import Document
    >>> from foa.extract.offline.analyze import read
    >>> found = read_universe(read(Document.from_text("When DIA closes above its 150-day SMA, hold UDOW.")).infos)
    >>> found.symbols, [t for t, _ in found.signals]
    (['UDOW'], ['DIA'])
    """
    named = _named(infos)
    if not named and any(i.comps for i in infos):
        # a rule, and no code in a ticker context: the widely traded codes it names ("QQQ works best") are the market
        named = [(k, t) for k, i in enumerate(infos) for t in known_tickers(i.clause.orig)]
    seen: list[str] = []
    contexts: dict[str, list[str]] = {}
    for k, t in named:
        contexts.setdefault(t, []).append(infos[k].clause.orig)
        if t not in seen:
            seen.append(t)
    whole = "\n".join(i.clause.orig for i in infos) if seen else ""
    # a short form the document defines for a term anywhere ("the Internal Bar Strength (IBS)" in its
    # introduction) is that term in every clause, never a code ("Buy= IBS<0.2")
    spelled = abbreviations(whole) if seen else frozenset()
    seen = [t for t in seen if t not in spelled]
    # compared against somewhere: only those can be hurdles (one search, not two regexes per ticker)
    against = {m.group(1) or m.group(2) for m in _AGAINST.finditer(whole)}
    # "| SPY | 60% |" over "| TLT | 40% |": weights that sum to 100% are the holdings, not a results table
    weighted = stated_weights(infos, seen) if len(seen) >= 2 else {}
    # "AAPL  Overweight  228.10  250": a row of an analyst's coverage or ratings table, not a market traded
    rated = {t for t in seen if re.search(rf"(?mi)^\W*{re.escape(t)}\W+{_RATING_WORDS}", whole)}
    keep = [t for t in seen if (t in weighted or not all(_stats_row(ctx, t) for ctx in contexts[t]))
            and not (t in against and _hurdle(t, whole)) and t.lstrip("^") not in SIGNAL_INDICES and t not in rated]
    if not keep:
        # "Results: AAPL +34%, MSFT +21%" and no other market named: the rows give the markets the rule was run on
        keep = [t for t in seen if not all(_stats_row(ctx, t, rows=False) for ctx in contexts[t])
                and not (t in against and _hurdle(t, whole)) and t.lstrip("^") not in SIGNAL_INDICES]
    signals = _signal_only(keep, [i.clause.orig for i in infos])
    keep = [t for t in keep if t not in signals]
    # one currency or crypto pair written two ways ("EURUSD" in a title, "EUR/USD" in the text) is one symbol
    slashed = {t.replace("/", ""): t for t in keep if "/" in t}
    keep = [t for t in keep if not ("/" not in t and t in slashed)]
    # the evidence cites the clause naming the first ticker named (as before), or the first one kept
    first = infos[named[0][0]] if named and not signals else next((infos[k] for k, t in named if keep and t == keep[0]), None)
    left = [(t, next(infos[k] for k, c in named if c == t)) for t in seen if t in signals]
    return UniverseReading(keep, first, left)


# a code read as where a signal comes from: "the IWM trend", "IWM 20DMA > IWM 100DMA", "while IWM stays in an
# uptrend", "if SOXX falls 12%", "SOXX's 50-day average", and "a signal from the underlying index (SOXX)"
_SIGNAL_AFTER = re.compile(
    r"(?:['\u2019]s)?\s+(?:\d+\s*-?\s*(?:day|week|month|bar|period|d|w|m)?s?\s*)?(?:[sewd]?ma\b|moving\s+average|trend\b|rsi\b|macd\b|momentum\b"
    r"|(?:close|closes|closed|drops?|dropped|falls?|fell|rises?|rose|crosses|crossed|trades|traded|breaks|broke)\b"
    r"|(?:is|was|stays|remains)\s+(?:in\s+an?\s+)?(?:up|down)[- ]?trend|(?:is|was|stays|remains)\s+(?:trading\s+)?(?:above|below|over|under)\b)", re.I)
_SIGNAL_BEFORE = re.compile(r"(?:\bsignals?\s+(?:in|on|from|of)\s+(?:the\s+)?(?:underlying\s+)?|\bunderlying\s+|\btrend\s+(?:of|in)\s+)"
                            r"(?:the\s+)?(?:(?:asset|index|etf|fund|market|instrument)\s+)?\(?\s*\$?$", re.I)


_CHOOSES = re.compile(r"\b(?:than|versus|vs\.?|compar\w*|stronger|strongest|weaker|higher|highest|better|best|rank\w*|beats?"
                      r"|outperform\w*|relative|whichever|either|neither)\b", re.I)
_OTHERWISE = re.compile(r"\b(?:otherwise|else|instead|rather\s+than)\b", re.I)


def _signal_use(text: str, start: int, end: int) -> bool:
    return bool(_SIGNAL_AFTER.match(text, end) or _SIGNAL_BEFORE.search(text[max(0, start - 50):start]))


def _signal_only(tickers: list[str], clauses: list[str]) -> set[str]:
    """Tickers named only as where a signal is read ("while IWM stays in an uptrend, hold TNA") while other
    tickers are traded: every mention of it in ``clauses`` is a signal use, and some other ticker
    has a mention that is not."""
    def uses(t: str) -> list[bool]:
        rx = re.compile(rf"(?<![\w^$/]){re.escape(t)}(?![\w/])")
        out = []
        for c in clauses:
            # "compare VTI's 6-month momentum with VEA's and hold the stronger, else BND": a choice among the
            # tickers the clause names, each of them held
            choice = bool(_CHOOSES.search(c)) and sum(bool(re.search(rf"(?<![\w^$/]){re.escape(x)}(?![\w/])", c)) for x in tickers) >= 2
            for m in rx.finditer(c):
                # "buy when VTI closes above its average, otherwise hold IEF": VTI is the other holding
                out.append(_signal_use(c, m.start(), m.end()) and not _OTHERWISE.search(c) and not choice)
        return out

    marks = {t: uses(t) for t in tickers}
    only = {t for t, u in marks.items() if u and all(u)}
    traded = [t for t, u in marks.items() if t not in only]
    return only if traded else set()


def signal_of(text: str, signals: list[str], traded: list[str]) -> str | None:
    """The signal instrument (of ``signals``) a clause reads its rule on: it names one in a signal use and no
    traded ticker in one ("When DIA closes above its 150-day SMA, buy UDOW" -> DIA).

    >>> signal_of("When DIA closes above its 150-day SMA, buy UDOW.", ["DIA"], ["UDOW"])
    'DIA'
    """
    def read(codes: list[str]) -> set[str]:
        return {c for c in codes for m in re.finditer(rf"(?<![\w^$/]){re.escape(c)}(?![\w/])", text)
                if _signal_use(text, m.start(), m.end())}

    found = read(signals)
    if len(found) != 1 or read(traded):
        return None
    return found.pop()


def read_on(cond: Any, code: str) -> Any:
    """``cond`` with every price and indicator it reads from the traded symbol read from ``code`` instead.

    >>> from foa.spec import model as M
    >>> c = M.CompareCondition(left=M.PriceExpr(), op=">", right=M.IndicatorExpr(name="sma", params={"window": 200}))
    >>> [e.symbol for e in (read_on(c, "QQQ").left, read_on(c, "QQQ").right)]
    ['QQQ', 'QQQ']
    """
    def expr(e: Any) -> Any:
        if e.kind == "price":
            return e if e.symbol else e.model_copy(update={"symbol": code})
        if e.kind == "indicator":
            if e.input is not None:
                return e.model_copy(update={"input": expr(e.input)})
            return e if e.symbol else e.model_copy(update={"symbol": code})
        if e.kind == "arith":
            return e.model_copy(update={"left": expr(e.left), "right": expr(e.right)})
        return e

    if cond.kind == "compare":
        return cond.model_copy(update={"left": expr(cond.left), "right": expr(cond.right)})
    if cond.kind in ("all", "any"):
        return cond.model_copy(update={"of": [read_on(c, code) for c in cond.of]})
    if cond.kind == "not":
        return cond.model_copy(update={"of": read_on(cond.of, code)})
    return cond


_AGAINST = re.compile(r"\b(?i:than|beats?|beat(?:ing|en)|exceeds?|exceeded|outperform(?:s|ed|ing)?|underperform(?:s|ed|ing)?|lag(?:s|ged)?|trail(?:s|ed))\s+(?i:the\s+)?(?i:(?:return|performance|momentum|yield)\s+(?:of|on)\s+(?:the\s+)?)?(?i:(?:t-?bills?|treasury\s+bills|cash)\s*\(\s*)?\$?([A-Z^][A-Z0-9.=/-]{0,8}?)(?:'s)?\b(?!&)"
                      # "beats the 9-month return of a cash fund (SHV)": the hurdle named last, in brackets
                      r"|\b(?i:than|beats?|beat(?:ing|en)|exceeds?|exceeded|outperform(?:s|ed|ing)?|underperform(?:s|ed|ing)?|lag(?:s|ged)?|trail(?:s|ed))\s+(?:[\w'&-]+\s+){1,9}?\(\s*\$?([A-Z^][A-Z0-9.=/-]{1,8})\s*\)")


def _hurdle(code: str, text: str) -> bool:
    """A ticker only ever compared against ("greater than BIL's", "beats SHV") and never held is a hurdle."""
    c = re.escape(code)
    held = re.compile(rf"\b(?:hold|holds|buy|buys|long|short|sell|into|own|owns|in|switch\s+to|rotate\s+to|otherwise|else|allocate\s+to)\s+(?:the\s+)?\$?{c}\b"
                      rf"|\b{c}\b[^.;]{{0,30}}\b(?:is|are)\s+(?:held|bought)", re.I)
    return not held.search(text)


_ALLOC = r"(\d+(?:\.\d+)?)\s*%\s*(?:in|of|into|to|[-:\u2013\u2014])?\s*\$?({t})\b|\b({t})\s*[-:\u2013\u2014(|]?\s*(\d+(?:\.\d+)?)\s*%"
# "beat buy and hold", "vs. buy-and-hold": buy and hold as the yardstick, not the strategy
_BENCH_BEFORE = re.compile(r"\b(?:beat\w*|outperform\w*|underperform\w*|vs\.?|versus|than|against|relative\s+to|compared\s+(?:to|with)"
                           r"|benchmark\w*|lag\w*|trail\w*|match\w*)\s+"
                           # "earns 9.2% against 9.9% for buy-and-hold": the yardstick's own figure between them
                           r"(?:[-+]?\d+(?:\.\d+)?\s*%\s+(?:a\s+year\s+|per\s+year\s+|annually\s+)?(?:for|of|from|with|by)\s+)?"
                           # "vs SPY buy and hold": the yardstick's ticker between them
                           r"(?:a\s+|an\s+|the\s+|simple\s+|plain\s+|passive\s+|just\s+|naive\s+)*(?:\$?[a-z^][a-z0-9.^-]{0,9}\s+)?$"
                           # "a drawdown of 23% rather than 51% for buy-and-hold", "9.9% for buy-and-hold": a figure of it
                           r"|[-+]?\d+(?:\.\d+)?\s*%\s+(?:a\s+year\s+|per\s+year\s+|annually\s+)?(?:for|of|from|with|by|in)\s+(?:a\s+|the\s+|simple\s+|passive\s+)*$")
# "buy and hold had a CAGR of 7%", "buy-and-hold returned 9% a year": buy and hold as a result, the yardstick
# ("buy-and-hold investors in QQQ suffered ...": the ones who held it, then their result)
_BENCH_AFTER = re.compile(r"\W*(?:(?:strategy|approach|benchmark|portfolio|position|investors?|holders?|owners?|buyers?"
                          r"|of\s+\$?[a-z^][\w.^-]*|on\s+\$?[a-z^][\w.^-]*|in\s+\$?[a-z^][\w.^-]*|"
                          # "buy and hold SPY has been hard to beat": the ticker, then what it did
                          r"\$?[a-z^][a-z0-9.^-]{0,9}(?=\s+(?:has|had|have|returned|gained|lost|delivered|would)\b)|"
                          r"over\s+the\s+(?:same\s+)?(?:period|test)|alone|itself|simply|only|just)\W+){0,3}"
                          r"(?:had|has|have|returned|returns?|made|makes|gave|gives|gained|lost|delivered|produced|yielded|achieved|earned|showed|shows"
                          r"|would\s+have|did|does|came|comes|ended|suffered|drew\s+down|cagr|drawdown|sharpe|annual\s+return|total\s+return)\b"
                          # "buy and hold: 3.0%", "SPY buy and hold 55%": its result figure right after it
                          r"|\s*[:=\u2013\u2014-]?\s*[-+]?\d+(?:\.\d+)?\s*%")
# "buy and hold", "I buy them, I hold them", "buy it once and never sell", "no selling"
_HOLD = re.compile(r"buy[- ]and[- ]hold|buy\s+(?:it\s+|them\s+)?once|hold\s+forever|never\s+sell|passive(?:ly)?\s+hold"
                   r"|\bbuy\s+(?:them|it|both)\b[^.;]{0,12}?\bhold\s+(?:them|it|both)\b|\bno\s+selling\b"
                   # "buy VTI and BND in a 60/40 split and hold them" (not "... and hold them for 5 days")
                   r"|\bbuy\s+(?!when|if|on|after|once)[^.;]{2,60}?\band\s+hold\s+(?:them|it|both|those|the\s+(?:two|pair|portfolio))\b(?!\s+(?:for|until|till)\b)")


# what someone likes or tends to do, right before the phrase ("who likes to buy and hold", "I prefer to buy and hold")
_LIKES = re.compile(r"\b(?:likes?|liked|prefers?|preferred|loves?|enjoys?|tends?|tended|used|wants?|wanted)\s+to\s+$")
# "a long-only equal weight portfolio of the nine sector funds": every ticker held in the same weight (not "an
# equal-weight benchmark", not "the top 3 in equal weight" of a ranking; code's "1/len(stocks)" sizes any template)
_EQUAL = re.compile(r"\bequal(?:ly)?[- ]weight(?:ed|s|ing)?\b(?!\s+(?:benchmark|index|indices|version\s+of\s+the\s+(?:s&p|index)))")
# a result reported in the clause: "... had a 9% CAGR", "... returned 6% a year", "... with a Sharpe of 0.8"
_RESULT = re.compile(r"\b(?:had|has|returned|gained|lost|delivered|produced|yielded|earned|made|showed|fell|rose)\b[^.;]{0,30}?[-+]?\d+(?:\.\d+)?\s*%"
                     r"|\b(?:cagr|sharpe|drawdown|annuali[sz]ed\s+return)\b")
# the phrase as a style's name: of a person, a philosophy or a yardstick ("a buy-and-hold investor", "the buy-and-hold
# benchmark"), never the holding of a market
_STYLE = re.compile(r"\W*(?:investors?|investing|investment\s+(?:style|philosophy)|philosophy|mindset|mentality|style|crowd|camp|fans?"
                    r"|advocates?|purists?|believers?|types?|folks|people|benchmark|yardstick|baseline|comparison|case)\b")
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
        # "a buy-and-hold investor", "a buy-and-hold philosophy": a style named, not a holding (a later phrase may hold)
        hold = next((m for m in _HOLD.finditer(i.norm) if not _STYLE.match(i.norm, m.end())), None)
        if hold and _DEFINED.match(i.norm, hold.end()):
            continue  # "buy and hold means owning ... for years": what the phrase means, not a holding
        if hold and _LIKES.search(i.norm[max(0, hold.start() - 40):hold.start()]) and all(
                re.search(rf"\b(?:like|such\s+as|e\.g\.?|for\s+example|including)\s+\$?{re.escape(t)}(?![A-Za-z])", i.clause.orig, re.I) for t in has_t):
            # "someone fond of buying and holding stocks", "... index funds like VOO": a taste told, its tickers only examples
            continue
        if hold and i.clause.orig.count("|") >= 2 and _NAMED.match(i.norm, hold.end()):
            continue  # "| Buy and Hold Strategy | Author | 10% |": a portfolio's name in a table row
        if hold and i.norm.rstrip().endswith("?"):
            continue  # "is buy and hold dead?": asked about, not held
        if hold and not _BENCH_BEFORE.search(i.norm[max(0, hold.start() - 40):hold.start()]) and not _BENCH_AFTER.match(i.norm, hold.end()):
            if has_t:
                return i
            phrase_info = phrase_info or i
        if has_t and re.match(r"^\W*(?:\d+[.)]\s*)?buy\s+(?:and\s+hold\s+)?(?:the\s+)?\$?[a-z^]", i.norm) and not _CONDITIONAL.search(i.norm) \
                and not (hold and _BENCH_AFTER.match(i.norm, hold.end())):  # "buy and hold SPY has been hard to beat": the subject
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
    if len(tickers) >= 2 and not any(i.ranking.get("cue") or i.ranking.get("top_n") or i.ranking.get("top_pct") for i in infos):
        # an equal-weight portfolio of the tickers named, where nothing ranks them
        return next((i for i in infos if not i.example and (m := _EQUAL.search(i.norm)) and not _RESULT.search(i.norm)
                     and not _BENCH_BEFORE.search(i.norm[max(0, m.start() - 40):m.start()]) and not _BENCH_AFTER.match(i.norm, m.end())), None)
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
