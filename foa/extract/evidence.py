"""Evidence you can check: every quote in ``spec.evidence`` is looked up in the document it claims to
come from, and marked unverified when foa cannot find it — the warning sign of an invented rule.

    spec = verify_evidence(spec, doc)
    [e.verified for e in spec.evidence]       # True / False per quote
    check_evidence(spec, doc)                 # the same checks with reasons, as a notebook table

A quote is verified when all of these hold:

- it is found in the page text after normalising case, whitespace, typographic quotes and dashes and
  markdown emphasis, exactly or by a fuzzy partial match (``MATCH_THRESHOLD``, difflib), so a PDF's
  line breaks or a model's straight quotes do not fail a true quote;
- it is at most ``MAX_QUOTE_CHARS`` characters (a whole page is not evidence for one number);
- it contains a number the field it supports uses (a quote for ``risk.stop_loss`` = 0.05 must say
  5, 5% or five), in digits or in words, allowing the usual unit changes (a 10-month window may be
  quoted as 10 months, a 40-week one as 200 days).

A quote found on another page than the one claimed is verified and its page corrected.
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
    "MATCH_THRESHOLD",
    "MAX_QUOTE_CHARS",
    "EvidenceCheck",
    "EvidenceReport",
    "check_evidence",
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


@dataclass(frozen=True)
class EvidenceCheck:
    """The outcome of checking one quote: where it was found, how well it matched, and why."""

    field: str
    quote: str
    page: int | None
    found_page: int | None
    score: float
    verified: bool
    reason: str


class EvidenceReport(list):
    """A list of EvidenceCheck with a notebook table (unverified rows stand out)."""

    @property
    def all_verified(self) -> bool:
        """True when every quote was found in the document (also True for a spec without quotes)."""
        return all(c.verified for c in self)

    def _repr_html_(self) -> str:
        rows = []
        for c in self:
            mark = "&#10003;" if c.verified else "&#9888; unverified"
            colour = "" if c.verified else " style='background:#fff3cd'"
            rows.append(
                f"<tr{colour}><td>{mark}</td><td>{html.escape(c.field)}</td><td>{c.found_page or c.page or ''}</td>"
                f"<td>{html.escape(c.quote)}</td><td>{html.escape(c.reason)}</td></tr>"
            )
        head = "<tr><th></th><th>field</th><th>page</th><th>quote</th><th>check</th></tr>"
        return f"<table><caption>evidence</caption>{head}{''.join(rows)}</table>"


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

    def result(verified: bool, reason: str, found: int | None = None, score: float = 0.0) -> EvidenceCheck:
        return EvidenceCheck(ev.field, quote, ev.page, found, round(score, 3), verified, reason)

    if len(q) < MIN_QUOTE_CHARS:
        return result(False, "empty or too short to check")
    if len(quote) > MAX_QUOTE_CHARS:
        return result(False, f"longer than {MAX_QUOTE_CHARS} characters: quote the sentence that states the rule, not a page")
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
        return result(False, f"not found in the document (best match {best:.0%}): possibly invented", best_page, best)
    wanted = _field_numbers(spec, ev.field)
    if wanted is not None and not _has_number(quote, wanted):
        shown = ", ".join(f"{x:g}" for x in sorted(wanted)[:6])
        return result(False, f"found, but it does not contain the number it supports (one of {shown})", best_page, best)
    if ev.page is not None and best_page != ev.page:
        return result(True, f"found on page {best_page}, not {ev.page}: page corrected", best_page, best)
    return result(True, "found verbatim" if best >= 0.995 else f"found ({best:.0%} match)", best_page, best)


def check_evidence(spec: "StrategySpec", doc: "Document") -> EvidenceReport:
    """Check every quote of ``spec.evidence`` against ``doc``; one EvidenceCheck per quote, with its reason.

    >>> check_evidence(spec, doc)[0].reason
    'found verbatim'
    """
    pages = _page_texts(doc)
    return EvidenceReport(_check_one(spec, ev, pages) for ev in spec.evidence)


def verify_evidence(spec: "StrategySpec", doc: "Document") -> "StrategySpec":
    """A copy of ``spec`` with ``evidence[i].verified`` set and pages corrected where the quote was
    found on another page. The input spec is not changed.

    >>> verify_evidence(spec, doc).evidence[0].verified
    True
    """
    checks = check_evidence(spec, doc)
    evidence = [
        ev.model_copy(update={"verified": c.verified, "page": c.found_page if c.verified else ev.page})
        for ev, c in zip(spec.evidence, checks)
    ]
    return spec.model_copy(update={"evidence": evidence})
