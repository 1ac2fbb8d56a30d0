"""The offline strategy extractor: deterministic parsing, no network, no model weights.

``extract_offline(doc)`` reads a ``foa.Document`` clause by clause with a grammar for how strategies are
written (indicators and their windows, comparisons, buy/sell/short cues, stops and targets, ranking
phrasing, tickers, frequencies), skips what is not a rule (examples, negations, advice, the averages
inside MACD's or Bollinger's definition), and returns a ``StrategySpec`` whose every rule carries a
verbatim quote and page. Market commentary and philosophy raise ``NoStrategyFound``: nothing is invented.

Modules: ``text`` (clauses, normalisation), ``mentions`` (indicator grammar), ``compare`` (comparisons), ``keltner``,
``cues`` (roles, examples, negations), ``risk``, ``universe`` (tickers, frequency, ranking),
``code`` (code variables, config names), ``code_read`` and ``code_expr`` (platform code read
as statements into rule sentences), ``analyze`` (per-clause reading), ``resolve`` (document-level
parameters), ``build`` (the spec), ``conditions`` (combining and mirroring rules), ``holdings`` (universe,
signal instruments, buy and hold), ``locate`` (the pages that state the strategy), ``settings`` (settings
lists and parameter tables read by role and by name), ``prefilter`` (the fixed text a pattern's matches
hold: searches that cannot match are skipped).

>>> from foa.documents.model import Document
>>> spec = extract_offline(Document.from_text("Go long SPY when the 50-day SMA crosses above the 200-day SMA."))
>>> spec.universe.symbols, spec.entry.op
(['SPY'], 'crosses_above')
"""

from __future__ import annotations

from typing import Any

from foa.errors import NoStrategyFound

__all__ = ["VERSION", "NoStrategyFound", "StrategyPart", "extract_offline", "locate_strategy"]

# The grammar's version: part of the offline cache key and of provenance.prompt_version
# ("offline-<VERSION>"). Change it with every change to what the extractor reads or emits.
VERSION = "2026.12.6-lexicon.272"


def locate_strategy(doc: Any, *, keep: float = 0.25) -> "StrategyPart":  # noqa: F821 - resolved lazily
    """The pages of ``doc`` that state the strategy (see ``foa.extract.offline.locate``).

    >>> locate_strategy("Buy SPY when the 50-day SMA crosses above the 200-day SMA.").pages
    [1]
    """
    from foa.extract.offline.locate import locate_strategy as _locate

    return _locate(doc, keep=keep)


def __getattr__(name: str) -> Any:
    if name == "StrategyPart":
        from foa.extract.offline.locate import StrategyPart

        return StrategyPart
    raise AttributeError(name)


def extract_offline(doc: Any) -> "StrategySpec":  # noqa: F821 - resolved lazily
    """Read a strategy from a Document (or plain text) without any model.

    Raises ``NoStrategyFound`` when the document holds no concrete, tradable rule.

    >>> extract_offline("Buy when RSI(2) drops below 10; sell when it rises above 70.").entry.right.value
    10.0
    """
    from foa.extract.offline.analyze import read
    from foa.extract.offline.build import build_spec
    from foa.extract.offline.resolve import resolve

    if isinstance(doc, str):
        from foa.documents.model import Document

        doc = Document.from_text(doc)
    reading = read(doc)
    return build_spec(reading, resolve(reading))
