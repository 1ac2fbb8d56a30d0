"""Evidence verification: true quotes pass however they are spaced or typeset; invented ones are flagged."""

from __future__ import annotations

import pytest

from foa.documents.model import Document
from foa.extract.evidence import MAX_QUOTE_CHARS, check_evidence, normalise, verify_evidence
from foa.spec.builders import rsi, sma
from foa.spec.model import Evidence, Risk, StrategySpec, Universe

PAGE1 = "Quarterly letter from the desk.\nWe thank our clients for a steady year."
PAGE2 = (
    "Our rule: buy QQQ when the fifty-day\nSMA crosses above the 200-day SMA, and sell on the reverse cross.\n"
    "A “hard” 8% stop-loss applies to each trade. Short-term entries wait for RSI(2) below 10."
)


@pytest.fixture
def doc() -> Document:
    return Document.from_text(PAGE1 + "\f" + PAGE2, name="letter.txt")


def spec_with(*evidence: Evidence, **kw) -> StrategySpec:
    return StrategySpec(
        name="QQQ cross",
        universe=Universe(symbols=["QQQ"]),
        entry=sma(50).crosses_above(sma(200)) & (rsi(2) < 10),
        exit=sma(50).crosses_below(sma(200)),
        risk=Risk(stop_loss=0.08),
        evidence=list(evidence),
        **kw,
    )


def test_verbatim_quote_is_verified(doc):
    spec = verify_evidence(spec_with(Evidence(field="risk.stop_loss", quote="applies to each trade", page=2)), doc)
    # 'applies to each trade' has no 8 in it: found, but not evidence for an 8% stop
    assert spec.evidence[0].verified is False
    spec = verify_evidence(spec_with(Evidence(field="risk.stop_loss", quote="A “hard” 8% stop-loss applies to each trade.", page=2)), doc)
    assert spec.evidence[0].verified is True


def test_invented_quote_is_flagged_unverified(doc):
    invented = Evidence(field="entry", quote="Buy QQQ when the 20-day EMA crosses above the 100-day EMA.", page=2)
    real = Evidence(field="entry", quote="SMA crosses above the 200-day SMA", page=2)
    spec = verify_evidence(spec_with(invented, real), doc)
    assert [e.verified for e in spec.evidence] == [False, True]
    report = check_evidence(spec_with(invented, real), doc)
    assert "possibly invented" in report[0].reason and not report.all_verified
    assert "✗ not found" in report._repr_html_() and report.counts == {"supports": 1, "found": 0, "not_found": 1}


def test_whitespace_case_and_typography_do_not_matter(doc):
    # the model straightened the quotes, joined the line break and changed case
    quote = 'OUR RULE: buy QQQ when the fifty-day SMA crosses above the 200-day SMA'
    q2 = 'A "hard" 8% stop-loss applies to each trade.'
    spec = verify_evidence(spec_with(Evidence(field="entry", quote=quote, page=2),
                                     Evidence(field="risk.stop_loss", quote=q2, page=2)), doc)
    assert [e.verified for e in spec.evidence] == [True, True]


def test_spelled_out_numbers_count(doc):
    quote = "buy QQQ when the fifty-day SMA crosses above"  # 50 in words
    spec = verify_evidence(spec_with(Evidence(field="entry", quote=quote, page=2)), doc)
    assert spec.evidence[0].verified is True


def test_small_transcription_noise_passes_but_a_changed_number_does_not(doc):
    noisy = "Short-term entries wait for RSI(2) be1ow 10."  # OCR-style l -> 1
    spec = verify_evidence(spec_with(Evidence(field="entry", quote=noisy, page=2)), doc)
    assert spec.evidence[0].verified is True
    changed = "A hard 5% stop-loss applies to each trade."
    spec = verify_evidence(spec_with(Evidence(field="risk.stop_loss", quote=changed, page=2)), doc)
    assert spec.evidence[0].verified is False


def test_quote_on_another_page_is_verified_and_page_corrected(doc):
    spec = verify_evidence(spec_with(Evidence(field="entry", quote="wait for RSI(2) below 10", page=1)), doc)
    assert spec.evidence[0].verified is True and spec.evidence[0].page == 2
    spec = verify_evidence(spec_with(Evidence(field="entry", quote="wait for RSI(2) below 10")), doc)
    assert spec.evidence[0].page == 2


def test_a_whole_page_is_not_evidence():
    long_page = ("The 50-day SMA crosses above the 200-day SMA and we buy. " * 8).strip()
    d = Document.from_text(long_page)
    assert len(long_page) > MAX_QUOTE_CHARS
    spec = verify_evidence(spec_with(Evidence(field="entry", quote=long_page, page=1)), d)
    assert spec.evidence[0].verified is False
    assert "longer than 300" in check_evidence(spec_with(Evidence(field="entry", quote=long_page, page=1)), d)[0].reason


def test_quote_without_the_number_it_supports_is_unverified(doc):
    spec = verify_evidence(spec_with(Evidence(field="exit", quote="sell on the reverse cross", page=2)), doc)
    assert spec.evidence[0].verified is False
    # fields that hold words, not numbers, need no number
    spec = verify_evidence(spec_with(Evidence(field="universe", quote="buy QQQ", page=2)), doc)
    assert spec.evidence[0].verified is True


def test_input_spec_is_not_changed(doc):
    original = spec_with(Evidence(field="entry", quote="wait for RSI(2) below 10", page=1))
    verify_evidence(original, doc)
    assert original.evidence[0].verified is None and original.evidence[0].page == 1


def test_normalise():
    assert normalise("  The\u00a0“50-day”\n\n**crosses**  ABOVE ") == 'the "50-day" crosses above'
    assert normalise("a \u2014 b") == "a - b"


def test_bare_field_names_are_checked_like_full_paths(doc):
    wrong = Evidence(field="stop_loss", quote="Short-term entries wait for RSI(2) below 10.", page=2)
    right = Evidence(field="stop_loss", quote="A “hard” 8% stop-loss applies to each trade.", page=2)
    spec = verify_evidence(spec_with(wrong, right), doc)
    assert [e.verified for e in spec.evidence] == [False, True]
