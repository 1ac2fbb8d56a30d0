"""Long documents narrowed to the pages that state rules, so a 200-page report costs what its strategy
section costs.

    n = narrow(doc, max_tokens=30_000)
    n.pages_sent        # [3, 4, 17]: recorded in spec.provenance.pages_sent
    n.text              # those pages, each after its "[page N]" marker

A document that fits the budget is sent whole. A longer one is cut into page-tagged chunks
(``Document.chunks``: llama-index's SentenceSplitter with an offline word tokenizer, nothing
downloaded), the chunks are scored with BM25 against a vocabulary of how trading rules are written
(buy, sell, crosses, moving average, RSI, stop loss, rebalance, top decile, numbers with % or days), and
the best pages are kept, in page order, until the budget is spent. A page too big for what is left
contributes its best chunks only.

Tokens are estimated as characters / 4 (English prose), which is close enough to bound a request
without a tokenizer download.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from foa.documents.model import Document

__all__ = ["CHARS_PER_TOKEN", "NARROW_MAX_TOKENS", "Narrowed", "estimate_tokens", "narrow"]

NARROW_MAX_TOKENS = 30_000
CHARS_PER_TOKEN = 4
CHUNK_WORDS = 200

# How rules are written; weights favour words that rarely appear outside a rule.
QUERY: dict[str, float] = {
    **dict.fromkeys("buy sell long short enter entry exit exits go position positions hold".split(), 1.0),
    **dict.fromkeys("cross crosses crossover crossing above below golden death".split(), 1.5),
    **dict.fromkeys("moving average sma ema rsi macd bollinger band bands donchian channel atr".split(), 2.0),
    **dict.fromkeys("momentum breakout reversion signal signals threshold oversold overbought".split(), 1.5),
    **dict.fromkeys("stop loss profit target trailing rebalance rebalanced rank ranked top decile quintile".split(), 1.5),
    **dict.fromkeys("day days week weeks month months period lookback window".split(), 0.5),
    "<num>": 0.5,
    "<pct>": 1.0,
}
_TOKEN = re.compile(r"\d+(?:\.\d+)?%?|[a-z]+")


def estimate_tokens(text: str) -> int:
    """Rough model tokens in ``text`` (characters / 4). ``estimate_tokens("x" * 400) == 100``."""
    return math.ceil(len(text) / CHARS_PER_TOKEN)


def _terms(text: str) -> list[str]:
    out = []
    for tok in _TOKEN.findall(text.lower()):
        if tok[0].isdigit():
            out.append("<pct>" if tok.endswith("%") else "<num>")
        else:
            out.append(tok)
    return out


def _bm25(chunks: list[list[str]], k1: float = 1.5, b: float = 0.75) -> list[float]:
    n = len(chunks)
    avg = sum(len(c) for c in chunks) / max(n, 1) or 1.0
    df = Counter(t for c in chunks for t in set(c) if t in QUERY)
    scores = []
    for terms in chunks:
        tf = Counter(t for t in terms if t in QUERY)
        s = 0.0
        for t, f in tf.items():
            idf = math.log(1 + (n - df[t] + 0.5) / (df[t] + 0.5))
            s += QUERY[t] * idf * f * (k1 + 1) / (f + k1 * (1 - b + b * len(terms) / avg))
        scores.append(s)
    return scores


@dataclass(frozen=True)
class Narrowed:
    """What is sent to the model: ``text`` with page markers, ``pages_sent``, and whether it was cut."""

    text: str
    pages_sent: list[int]
    narrowed: bool
    tokens: int


def narrow(doc: "Document", *, max_tokens: int = NARROW_MAX_TOKENS) -> Narrowed:
    """The document, or its most rule-like pages when it is longer than ``max_tokens``.

    >>> narrow(Document.from_text("Buy SPY when the 50-day SMA crosses above the 200-day.")).pages_sent
    [1]
    """
    from foa.documents.model import page_marker

    full = doc.text
    if estimate_tokens(full) <= max_tokens:
        return Narrowed(full, [p.number for p in doc.pages], False, estimate_tokens(full))

    chunks = doc.chunks(chunk_size=CHUNK_WORDS, overlap=20)
    scores = _bm25([_terms(c.text) for c in chunks])
    by_page: dict[int, list[tuple[float, int]]] = {}
    for i, (c, s) in enumerate(zip(chunks, scores)):
        by_page.setdefault(c.page, []).append((s, i))
    # a page's score: its best chunk, plus a little for every other rule-like chunk on it
    page_score = {
        n: max(s for s, _ in items) + 0.25 * (sum(s for s, _ in items) - max(s for s, _ in items))
        for n, items in by_page.items()
    }
    budget = max_tokens
    chosen: dict[int, str] = {}
    for n in sorted(page_score, key=lambda k: (-page_score[k], k)):
        if page_score[n] <= 0 or budget <= 0:
            break
        text = doc.page(n).text
        cost = estimate_tokens(text) + 4
        if cost <= budget:
            chosen[n] = text
            budget -= cost
            continue
        # too big: its best chunks, in reading order, as far as the budget goes
        picked: list[int] = []
        for s, i in sorted(by_page[n], reverse=True):
            c_cost = estimate_tokens(chunks[i].text) + 2
            if s > 0 and c_cost <= budget:
                picked.append(i)
                budget -= c_cost
        if picked:
            chosen[n] = " [...] ".join(chunks[i].text for i in sorted(picked))
    if not chosen:  # nothing looked like a rule: send the start so the model can say "no strategy"
        first = doc.pages[0]
        chosen[first.number] = first.text[: max_tokens * CHARS_PER_TOKEN]
    pages = sorted(chosen)
    text = "\n\n".join(f"{page_marker(n)}\n{chosen[n]}" for n in pages)
    return Narrowed(text, pages, True, estimate_tokens(text))
