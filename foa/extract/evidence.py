"""Evidence you can check: every quote in ``spec.evidence`` is looked up in the document it claims to
come from and given one of three states:

- ``"supports"``: found, and it carries the value *and* says what kind of field it backs (a stop-loss
  quote speaks of a stop or a loss, a rule's quote names its indicator, a universe quote uses the ticker
  as a ticker or names the asset): ``verified`` is True only in this state;
- ``"found"``: in the document, but without the value or without the field's kind (a take-profit
  backed by a stop-loss sentence holding the same "3%"), or for a field with no rule in ``FIELD_RULES``;
- ``"not_found"``: not in the document (or too short / too long to be evidence): possibly invented.

    spec = verify_evidence(spec, doc)
    [(e.state, e.verified) for e in spec.evidence]
    check_evidence(spec, doc)                 # the same checks with reasons, as a notebook table

Found means: after normalising case, whitespace, typographic quotes and dashes and markdown emphasis,
the quote is on a page exactly or by a fuzzy partial match (``MATCH_THRESHOLD``, difflib), and it is at
most ``MAX_QUOTE_CHARS`` characters. The value: a number the field uses (a quote for
``risk.stop_loss`` = 0.05 must say 5, 5% or five), in digits or in words, allowing the usual unit
changes (a 10-month window may be quoted as 10 months, a 40-week one as 200 days). The kind: the rule
of the field in ``FIELD_RULES``. The state depends on the content, not the page: a quote found on
another page than the one claimed keeps its state and has its page corrected.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from foa.documents.model import Document
    from foa.spec.model import StrategySpec

__all__ = [
    "FIELD_RULES",
    "MATCH_THRESHOLD",
    "MARKS",
    "MAX_QUOTE_CHARS",
    "STATES",
    "EvidenceCheck",
    "EvidenceReport",
    "check_evidence",
    "evidence_after_edit",
    "field_rule",
    "normalise",
    "verify_evidence",
]

MAX_QUOTE_CHARS = 300
MIN_QUOTE_CHARS = 4
# difflib ratio of the best-aligned window of the page; 0.9 tolerates OCR/line-break noise and a
# changed quote mark, not a changed number or a paraphrase.
MATCH_THRESHOLD = 0.90

_TRANSLATE = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
        "\u00a0": " ", "\u00ad": None, "\u200b": None,
        "*": None, "`": None, "#": None,  # markdown emphasis/headings the model may or may not copy
    }
)
_MARKER_LINE = re.compile(r"^\[page \d+\]$", re.M)


def normalise(text: str) -> str:
    """Lower-case, NFKC, straight quotes and dashes, no markdown emphasis, single spaces.

    >>> normalise("The  “50-day”\\n**crosses** above")
    'the "50-day" crosses above'
    """
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    return re.sub(r"\s+", " ", text).strip().casefold()


def _partial_ratio(needle: str, hay: str) -> float:
    """Similarity of ``needle`` to its best-aligned window of ``hay`` (1.0 = found verbatim)."""
    if not needle or not hay:
        return 0.0
    if needle in hay:
        return 1.0
    n = len(needle)
    if len(hay) <= n:
        return SequenceMatcher(None, needle, hay, autojunk=False).ratio()
    best = 0.0
    blocks = SequenceMatcher(None, hay, needle, autojunk=False).get_matching_blocks()
    for block in blocks:
        if block.size < 3:
            continue
        start = max(0, min(block.a - block.b, len(hay) - n))
        sm = SequenceMatcher(None, needle, hay[start : start + n], autojunk=False)
        if sm.quick_ratio() <= best:  # an upper bound: this window cannot beat the best so far
            continue
        ratio = sm.ratio()
        if ratio > best:
            best = ratio
            if best >= 0.995:
                break
    return best


# ------------------------------------------------------------------------------------- numbers

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split()
)}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")


def _numbers_in(text: str) -> set[float]:
    """Numbers a quote states, in digits ("50", "2.5", "1,000") or words ("fifty", "two hundred", "half")."""
    out = {float(m.group().replace(",", "")) for m in _NUMBER.finditer(text)}
    words = re.findall(r"[a-z]+", text.lower())
    current: int | None = None
    for w in [*words, ""]:
        if w in _UNITS:
            current = (current or 0) + _UNITS[w]
        elif w in _TENS:
            current = (current or 0) + _TENS[w]
        elif w == "hundred" and current is not None:
            current *= 100
        elif w == "hundred":
            current = 100
        else:
            if current is not None:
                out.add(float(current))
            current = None
            if w == "half":
                out.update({0.5, 50.0})
            elif w == "quarter":
                out.update({0.25, 25.0})
            elif w in ("double", "twice"):
                out.add(2.0)
    return out


def _window_forms(n: float) -> set[float]:
    # A window counts bars of the spec's frequency; the text may state it in another unit.
    forms = {n, n * 5, n * 21, n * 4}
    for div in (5, 21, 4):
        if n % div == 0:
            forms.add(n / div)
    return forms


def _fraction_forms(x: float) -> set[float]:
    return {x, round(x * 100, 6), round(x * 10_000, 6)}


def _expr_numbers(node: Any) -> set[float]:
    from foa.spec.model import ConstExpr, IndicatorExpr
    from foa.spec.validate import iter_exprs

    out: set[float] = set()
    for e in iter_exprs(node):
        if isinstance(e, IndicatorExpr):
            for key, value in e.params.items():
                out |= _window_forms(float(value)) if key != "std" else {float(value)}
        elif isinstance(e, ConstExpr):
            v = e.value
            # 30 (an RSI level), 1.02 (2% above), 0.98 (2% below), 0.05 (a 5% return)
            out |= {v, round(abs(v - 1) * 100, 6), round(v * 100, 6)}
        if getattr(e, "shift", 0):
            out.add(float(e.shift))
    return out


# a bare sub-field name ("stop_loss", "top_n") means the same as its full path
_ALIASES = {
    **dict.fromkeys(("stop_loss", "take_profit", "trailing_stop", "atr_stop", "max_holding_bars"), "risk."),
    **dict.fromkeys(("top_n", "top_pct", "by"), "ranking."),
    **dict.fromkeys(("fees", "slippage"), "costs."),
    **dict.fromkeys(("fraction", "target_volatility", "vol_window"), "sizing."),
}


def _field_numbers(spec: "StrategySpec", field: str) -> set[float] | None:
    """The numbers a quote for ``field`` may contain; None when the field holds no number."""
    field = _ALIASES.get(field.split(".")[0], "") + field
    head, _, rest = field.partition(".")
    if head in ("entry", "exit", "short_entry", "short_exit"):
        nums = _expr_numbers(getattr(spec, head))
    elif head == "indicator":  # "indicator.sma": the windows of the spec's SMAs
        from foa.spec.validate import iter_indicators

        nums = set()
        for e in iter_indicators(spec):
            if e.name == rest:
                nums |= _expr_numbers(e.model_copy(update={"input": None}))
    elif head == "ranking" and spec.ranking is not None:
        r = spec.ranking
        nums = _expr_numbers(r)
        if r.top_n is not None:
            nums.add(float(r.top_n))
        if r.top_pct is not None:
            nums |= _fraction_forms(r.top_pct) | {round(1 / r.top_pct, 6)}  # "top decile" -> 10
    elif head == "risk":
        risk = spec.risk
        nums = set()
        for name in ("stop_loss", "take_profit", "trailing_stop"):
            if (not rest or rest == name) and getattr(risk, name) is not None:
                nums |= _fraction_forms(getattr(risk, name))
        if (not rest or rest.startswith("atr_stop")) and risk.atr_stop is not None:
            nums |= _window_forms(risk.atr_stop.window) | {risk.atr_stop.multiple}
        if (not rest or rest == "max_holding_bars") and risk.max_holding_bars is not None:
            nums |= _window_forms(risk.max_holding_bars)
    elif head == "sizing":
        s = spec.sizing
        nums = set()
        for x in (s.fraction, s.target_volatility):
            if x is not None:
                nums |= _fraction_forms(x)
        if s.vol_window is not None:
            nums |= _window_forms(s.vol_window)
    elif head == "costs":
        nums = _fraction_forms(spec.costs.fees) | _fraction_forms(spec.costs.slippage)
        nums.discard(0.0)
    else:
        return None  # universe, frequency, rebalance, direction: words, not numbers
    return nums or None


def _has_number(quote: str, wanted: set[float]) -> bool:
    stated = _numbers_in(quote)
    return any(abs(a - b) <= 1e-6 * max(1.0, abs(b)) for a in stated for b in wanted)


# ---------------------------------------------------------------------------------------- checks


STATES = ("supports", "found", "not_found")
# one mark per state, the same in text, HTML, the CLI and the dashboards
MARKS = {"supports": "✓", "found": "~", "not_found": "✗"}
_STATE_WORDS = {"supports": "supports", "found": "found only", "not_found": "not found"}


@dataclass(frozen=True)
class EvidenceCheck:
    """The outcome of checking one quote: its state, where it was found, how well it matched, and why."""

    field: str
    quote: str
    page: int | None
    found_page: int | None
    score: float
    verified: bool
    reason: str
    state: str = "not_found"


class EvidenceReport(list):
    """A list of EvidenceCheck with counts per state, a text summary and a notebook table."""

    @property
    def all_verified(self) -> bool:
        """True when every quote supports its field (also True for a spec without quotes)."""
        return all(c.verified for c in self)

    @property
    def counts(self) -> dict[str, int]:
        """Quotes per state: ``{"supports": 5, "found": 1, "not_found": 0}``."""
        return {s: sum(1 for c in self if c.state == s) for s in STATES}

    def describe(self) -> str:
        """One line per quote with its mark (✓ supports, ~ found, ✗ not found), then the counts."""
        lines = [f"{MARKS[c.state]} {c.field}: \"{' '.join(c.quote.split())[:120]}\" ({c.reason})" for c in self]
        n = self.counts
        lines.append(f"{n['supports']} support their field, {n['found']} found only (without the value or the field's kind), "
                     f"{n['not_found']} not found")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.describe()

    def _repr_html_(self) -> str:
        rows = []
        style = {"supports": "", "found": " style='background:#fff8e1'", "not_found": " style='background:#fde2e1'"}
        for c in self:
            mark = f"{MARKS[c.state]} {_STATE_WORDS[c.state]}"
            rows.append(
                f"<tr{style[c.state]}><td>{html.escape(mark)}</td><td>{html.escape(c.field)}</td><td>{c.found_page or c.page or ''}</td>"
                f"<td>{html.escape(c.quote)}</td><td>{html.escape(c.reason)}</td></tr>"
            )
        n = self.counts
        head = "<tr><th></th><th>field</th><th>page</th><th>quote</th><th>check</th></tr>"
        caption = (f"evidence: {n['supports']} {MARKS['supports']} supports, {n['found']} {MARKS['found']} found, "
                   f"{n['not_found']} {MARKS['not_found']} not found")
        return f"<table><caption>{html.escape(caption)}</caption>{head}{''.join(rows)}</table>"


# ------------------------------------------------------------------------------- the field rules


def _words(pattern: str) -> Any:
    rx = re.compile(pattern)
    return lambda quote, spec, field: bool(rx.search(normalise(quote)))


_STOP = r"(?<![a-z])(stop|stops|stop-loss|stoploss|loss|losses|cut|sl)(?![a-z])"
_TARGET = r"(?<![a-z])(target|targets|profit|profits|take-profit|takeprofit|tp|gain|gains|objective|upside|limit)(?![a-z])"


def _names_indicator(quote: str, names: set[str]) -> bool:
    from foa.spec import indicators

    return bool(set(indicators.mentioned(quote)) & names)


def _rule_quote(quote: str, spec: Any, field: str) -> bool:
    """A rule's quote names one of the rule's indicators (or, for a rule on prices only, a price word)."""
    from foa.spec.validate import iter_indicators

    rule = getattr(spec, field.partition(".")[0], None)
    if rule is None:
        return False
    names = {e.name for e in iter_indicators(rule)}
    if names:
        return _names_indicator(quote, names)
    if rule.kind == "always":
        return bool(re.search(r"(?<![a-z])(buy|hold|holds|holding|invest|invested|long|allocat\w*)(?![a-z])", normalise(quote)))
    return bool(re.search(r"(?<![a-z])(close|closes|price|prices|high|low|open|breakout)(?![a-z])", normalise(quote)))


def _indicator_quote(quote: str, spec: Any, field: str) -> bool:
    return _names_indicator(quote, {field.partition(".")[2]})


# a few assets named rather than tickered in prose
_ASSET_NAMES = {
    "^GSPC": ("s&p 500", "s&p500", "sp500", "s&p"), "SPY": ("s&p 500", "s&p500", "spdr"),
    "^IXIC": ("nasdaq",), "QQQ": ("nasdaq",), "^DJI": ("dow jones", "dow"), "DIA": ("dow jones",),
    "CL=F": ("crude", "wti", "oil"), "GC=F": ("gold",), "^VIX": ("vix", "volatility index"),
    "BTC-USD": ("bitcoin",), "ETH-USD": ("ethereum",), "TLT": ("treasury", "treasuries"),
}
# what after the symbol makes it a model's or a method's name ("GARCH(1,1)", "a GARCH model"), not a ticker
_NOT_TICKER_AFTER = re.compile(r"(\(|\s*(model|models|process|filter|regression|estimat\w*|test|method|approach|"
                               r"algorithm|framework|score|statistic|specification|equation)(?![a-z]))", re.I)


def _ticker_used(symbol: str, quote: str) -> bool:
    """``symbol`` (or its root: CL for CL=F) written as a ticker in ``quote``, among other words."""
    forms = {symbol, symbol.lstrip("^"), re.split(r"[=\-/.]", symbol.lstrip("^"))[0]}
    for form in sorted(f for f in forms if f):
        for m in re.finditer(rf"(?<![A-Za-z0-9]){re.escape(form)}(?![A-Za-z0-9])", quote):
            if _NOT_TICKER_AFTER.match(quote[m.end():]):
                continue
            rest = quote[:m.start()] + " " + quote[m.end():]
            if re.search(r"[A-Za-z]{2,}", rest):  # a heading of the bare word ("*** DATA ***") is no use of a ticker
                return True
    q = normalise(quote)
    return any(re.search(rf"(?<![a-z]){re.escape(n)}(?![a-z])", q) for n in _ASSET_NAMES.get(symbol, ()))


def _universe_quote(quote: str, spec: Any, field: str) -> bool:
    syms = list(spec.universe.symbols) + ([spec.universe.benchmark] if field.endswith("benchmark") and spec.universe.benchmark else [])
    return any(_ticker_used(s, quote) for s in syms)


def _frequency_quote(quote: str, spec: Any, field: str) -> bool:
    value = getattr(spec, field) or ""
    stem = {"daily": "day|daily|days", "weekly": "week|weekly|weeks", "monthly": "month|monthly|months",
            "quarterly": "quarter|quarterly|quarters"}.get(value)
    return bool(stem) and bool(re.search(rf"(?<![a-z])({stem})(?![a-z])", normalise(quote)))


# field path (or "prefix.*") -> (what a supporting quote must say, the test); a field without a row is
# "found" at best
FIELD_RULES: dict[str, tuple[str, Any]] = {
    "risk.stop_loss": ("a stop or loss word", _words(_STOP)),
    "risk.take_profit": ("a target or profit word", _words(_TARGET)),
    "risk.trailing_stop": ("a trailing-stop word", _words(r"(?<![a-z])(trail\w*)(?![a-z])")),
    "risk.atr_stop": ("ATR and a stop word", lambda q, s, f: _names_indicator(q, {"atr"}) and _words(_STOP)(q, s, f)),
    "risk.max_holding_bars": ("a holding-period word", _words(r"(?<![a-z])(hold\w*|after|days?|bars?|weeks?|months?|time)(?![a-z])")),
    "entry": ("the rule's indicator by name or alias", _rule_quote),
    "exit": ("the rule's indicator by name or alias", _rule_quote),
    "short_entry": ("the rule's indicator by name or alias", _rule_quote),
    "short_exit": ("the rule's indicator by name or alias", _rule_quote),
    "indicator.*": ("the indicator by name or alias", _indicator_quote),
    "universe": ("a symbol used as a ticker, or the asset's name", _universe_quote),
    "universe.symbols": ("a symbol used as a ticker, or the asset's name", _universe_quote),
    "universe.benchmark": ("the benchmark used as a ticker, or its name", _universe_quote),
    "ranking": ("a ranking word", _words(r"(?<![a-z])(rank\w*|top|best|highest|strongest|winners?|deciles?|quintiles?|select\w*|stronger)(?![a-z])")),
    "frequency": ("the bar frequency in words", _frequency_quote),
    "rebalance": ("the rebalance schedule in words", _frequency_quote),
    "costs": ("a cost word", _words(r"(?<![a-z])(fees?|commissions?|costs?|slippage|bps?|basis points?|transaction)(?![a-z])")),
    "sizing": ("a sizing word", _words(r"(?<![a-z])(siz\w*|weights?|equity|capital|allocat\w*|volatility|position)(?![a-z])")),
}
for _k in ("fees", "slippage"):
    FIELD_RULES[f"costs.{_k}"] = FIELD_RULES["costs"]
for _k in ("fraction", "target_volatility", "vol_window", "method"):
    FIELD_RULES[f"sizing.{_k}"] = FIELD_RULES["sizing"]
for _k in ("by", "top_n", "top_pct"):
    FIELD_RULES[f"ranking.{_k}"] = FIELD_RULES["ranking"]


def field_rule(field: str) -> tuple[str, Any] | None:
    """The rule of a field path in FIELD_RULES (bare sub-field names such as "stop_loss" resolved), or None.

    >>> field_rule("stop_loss")[0]
    'a stop or loss word'
    """
    field = _ALIASES.get(field.split(".")[0], "") + field
    if field in FIELD_RULES:
        return FIELD_RULES[field]
    head = field.partition(".")[0]
    if f"{head}.*" in FIELD_RULES:
        return FIELD_RULES[f"{head}.*"]
    if head in ("entry", "exit", "short_entry", "short_exit"):  # "entry.of[0]"
        return FIELD_RULES[head]
    return None


_WORD = re.compile(r"[a-z0-9]+")
_BUCKET = 16  # alignment votes are pooled in buckets of this many characters


@dataclass(frozen=True)
class _Page:
    """A page's normalised text and where each word occurs in it (to find where a quote could sit)."""

    text: str
    words: dict[str, list[int]]


def _index(text: str) -> _Page:
    words: dict[str, list[int]] = {}
    for m in _WORD.finditer(text):
        words.setdefault(m.group(), []).append(m.start())
    return _Page(text, words)


def _page_texts(doc: "Document") -> dict[int, _Page]:
    return {p.number: _index(normalise(_MARKER_LINE.sub(" ", p.text))) for p in doc.pages}


def _match(quote: str, page: _Page) -> float:
    """How well ``quote`` (normalised) matches somewhere on ``page``: 1.0 verbatim.

    Comparing the quote with every window of the page is slow; instead each word of the quote votes for
    where the quote would start if that occurrence were part of it, and only the few most-voted places
    are compared character by character.
    """
    if quote in page.text:
        return 1.0
    votes: Counter[int] = Counter()
    n_words = 0
    for m in _WORD.finditer(quote):
        n_words += 1
        for pos in page.words.get(m.group(), ())[:200]:
            votes[(pos - m.start()) // _BUCKET] += 1
    best = 0.0
    for bucket, _ in votes.most_common(5):
        # fewer than half the words line up here: not a 90% match in practice, skip the costly compare
        if votes[bucket - 1] + votes[bucket] + votes[bucket + 1] < n_words / 2:
            continue
        start = max(0, bucket * _BUCKET - _BUCKET)
        best = max(best, _partial_ratio(quote, page.text[start : start + len(quote) + 3 * _BUCKET]))
    return best


def _check_one(spec: "StrategySpec", ev: Any, pages: dict[int, _Page]) -> EvidenceCheck:
    quote = ev.quote or ""
    q = normalise(quote)

    def result(state: str, reason: str, found: int | None = None, score: float = 0.0) -> EvidenceCheck:
        return EvidenceCheck(ev.field, quote, ev.page, found, round(score, 3), state == "supports", reason, state)

    if len(q) < MIN_QUOTE_CHARS:
        return result("not_found", "empty or too short to check")
    if len(quote) > MAX_QUOTE_CHARS:
        return result("not_found", f"longer than {MAX_QUOTE_CHARS} characters: quote the sentence that states the rule, not a page")
    # the claimed page first, then the others in order
    order = ([ev.page] if ev.page in pages else []) + [n for n in pages if n != ev.page]
    best_page, best = None, 0.0
    for n in order:
        score = _match(q, pages[n])
        if score > best:
            best_page, best = n, score
        if score >= 0.995:
            break
    if best < MATCH_THRESHOLD:
        return result("not_found", f"not found in the document (best match {best:.0%}): possibly invented", best_page, best)
    moved = f"; found on page {best_page}, not {ev.page}: page corrected" if ev.page is not None and best_page != ev.page else ""
    wanted = _field_numbers(spec, ev.field)
    if wanted is not None and not _has_number(quote, wanted):
        shown = ", ".join(f"{x:g}" for x in sorted(wanted)[:6])
        return result("found", f"found, but it does not contain the number it supports (one of {shown}){moved}", best_page, best)
    rule = field_rule(ev.field)
    if rule is None:
        return result("found", f"found; foa has no rule telling whether a quote supports {ev.field!r}{moved}", best_page, best)
    what, test = rule
    if not test(quote, spec, ev.field):
        return result("found", f"found, but it does not show {what}, so it may back another field{moved}", best_page, best)
    how = "found verbatim" if best >= 0.995 else f"found ({best:.0%} match)"
    return result("supports", f"{how}, with the value and {what}{moved}", best_page, best)


def check_evidence(spec: "StrategySpec", doc: "Document") -> EvidenceReport:
    """Check every quote of ``spec.evidence`` against ``doc``; one EvidenceCheck per quote, with its reason.

    >>> check_evidence(spec, doc)[0].state
    'supports'
    """
    pages = _page_texts(doc)
    return EvidenceReport(_check_one(spec, ev, pages) for ev in spec.evidence)


def verify_evidence(spec: "StrategySpec", doc: "Document") -> "StrategySpec":
    """A copy of ``spec`` with ``evidence[i].state`` and ``.verified`` set and pages corrected where the
    quote was found on another page. The input spec is not changed.

    >>> verify_evidence(spec, doc).evidence[0].verified
    True
    """
    checks = check_evidence(spec, doc)
    evidence = [
        ev.model_copy(update={"verified": c.verified, "state": c.state,
                              "page": c.found_page if c.state != "not_found" else ev.page})
        for ev, c in zip(spec.evidence, checks)
    ]
    return spec.model_copy(update={"evidence": evidence})


def evidence_after_edit(before: "StrategySpec", after: "StrategySpec") -> "StrategySpec":
    """``after`` (``before`` edited by hand) with the evidence of edited fields checked against the new values.

    A quote checked against the extracted spec backs the extracted numbers: once a reviewer changes a
    field, its quote still "supports" it only if it states every number the edit brought in (the
    50-day window changed to 40 needs a quote saying 40). Otherwise it is downgraded to ``"found"``
    (in the document, without the value), as it is when the edit clears the field, so an edited rule never
    looks verified by the old quote.
    The document is not needed: found or not was settled when the quote was checked.

    >>> edited = set_parameters(spec, {"sma.window=50": 40})  # doctest: +SKIP
    >>> [e.state for e in evidence_after_edit(spec, edited).evidence if e.field == "entry"]  # doctest: +SKIP
    ['found']
    """
    evidence = []
    for ev in after.evidence:
        old, new = _field_numbers(before, ev.field), _field_numbers(after, ev.field)
        brought = (new or set()) - (old or set())
        if ev.state == "supports" and old != new and (not new or not all(_has_number(ev.quote, {n}) for n in brought)):
            ev = ev.model_copy(update={"state": "found", "verified": False})
        evidence.append(ev)
    return after.model_copy(update={"evidence": evidence})
