"""Narrowing long documents, and the price table against the installed SDK."""

from __future__ import annotations

import typing

import pytest

from foa.documents.model import Document
from foa.extract.narrow import estimate_tokens, narrow
from foa.extract.pricing import DEFAULT_MODEL, estimate_cost

FILLER = "The board met to review office leases, hiring plans and the travel policy for next year. " * 40
RULE = "Entry: buy GLD when the 20-day EMA crosses above the 100-day EMA; exit with a 6% stop loss or on the reverse cross."


def test_short_document_is_sent_whole():
    doc = Document.from_text("page one\fpage two " + RULE)
    n = narrow(doc, max_tokens=10_000)
    assert not n.narrowed and n.pages_sent == [1, 2] and n.text == doc.text


def test_long_document_keeps_the_rule_pages_within_budget():
    pages = [FILLER] * 30
    pages[11] = FILLER[:400] + RULE
    pages[24] = "Appendix: the momentum sleeve ranks by 12-month return and holds the top decile, rebalanced monthly."
    doc = Document.from_text("\f".join(pages), name="annual.txt")
    assert estimate_tokens(doc.text) > 10_000
    n = narrow(doc, max_tokens=1_500)
    assert n.narrowed and 12 in n.pages_sent and 25 in n.pages_sent
    assert n.pages_sent == sorted(n.pages_sent)
    assert n.tokens <= 1_500 + 50
    assert "[page 12]" in n.text and RULE in n.text


def test_oversized_rule_page_contributes_its_best_chunks():
    page = (FILLER + RULE + " " + FILLER) * 2
    doc = Document.from_text(FILLER + "\f" + page, name="big.txt")
    n = narrow(doc, max_tokens=400)
    assert n.pages_sent == [2] and "GLD" in n.text and n.tokens < estimate_tokens(page)


def test_document_without_rules_sends_its_start():
    doc = Document.from_text("\f".join([FILLER] * 20))
    n = narrow(doc, max_tokens=500)
    assert n.narrowed and n.pages_sent and len(n.text) <= 500 * 4 + 20


def test_default_model_is_current_and_not_deprecated():
    from anthropic._data import DEPRECATED_MODELS
    from anthropic.types.model import Model

    literals = typing.get_args(typing.get_args(Model)[0])
    assert DEFAULT_MODEL in literals
    assert DEFAULT_MODEL not in DEPRECATED_MODELS


def test_cost_arithmetic():
    assert estimate_cost("claude-sonnet-5-5", input_tokens=1_000_000, output_tokens=1_000_000) == pytest.approx(12.0)
    assert estimate_cost("claude-sonnet-5-5", cache_read_tokens=1_000_000) == pytest.approx(0.2)
    assert estimate_cost("claude-sonnet-5-5", cache_write_tokens=1_000_000) == pytest.approx(2.5)
    assert estimate_cost("claude-sonnet-5-5", input_tokens=1_000_000, batch=True) == pytest.approx(1.0)
    assert estimate_cost("anthropic.claude-sonnet-5-5-v1:0", input_tokens=1_000_000) == pytest.approx(2.0)
    assert estimate_cost("some-unknown-model", input_tokens=10) is None
