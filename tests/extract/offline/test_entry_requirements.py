"""A requirement on an indicator stated in a sentence of its own beside an entry joins that entry, however it is
worded: "we also require the RSI(14) to be under 70", "make sure the RSI(14) is above 50", "Confirmation: ..."
(never dropped, which left the spec without a labelled indicator and its level)."""

from __future__ import annotations

import pytest

_CROSS = "Buy when the 10-day SMA crosses above the 30-day SMA. "


@pytest.mark.parametrize("tail, want", [
    ("We also require the RSI(14) to be under 70 at the time of entry.", "rsi(14) < 70"),
    ("We need the 14-day RSI to be above 50.", "rsi(14) > 50"),
    ("I want the ADX(14) to read above 25.", "adx(14) > 25"),
    ("The system expects the CCI(20) to stay over 0.", "cci(20) > 0"),
    ("Make sure the RSI(14) is above 50.", "rsi(14) > 50"),
    ("Check that the CCI(20) is over 0.", "cci(20) > 0"),
    ("Also verify that the MFI(14) is below 80.", "mfi(14) < 80"),
    ("Confirmation: RSI(14) above 50.", "rsi(14) > 50"),
])
def test_a_requirement_in_its_own_sentence_joins_the_entry(spec_of, tail, want):
    spec = spec_of(_CROSS + tail)
    assert str(spec.entry) == f"sma(10) crosses_above sma(30) and {want}"


def test_a_requirement_beside_a_short_joins_the_short(spec_of):
    spec = spec_of("Short when the 10-day SMA crosses below the 30-day SMA. We require the RSI(14) to be below 50.")
    assert str(spec.short_entry) == "sma(10) crosses_below sma(30) and rsi(14) < 50"


def test_a_confirmation_takes_the_side_of_its_setup(spec_of):
    spec = spec_of("Long setup: the close is above the 50-day SMA.\nConfirmation: the RSI(14) crosses above 50.\n"
                   "Short setup: the close is below the 50-day SMA.\nConfirmation: the RSI(14) crosses below 50.")
    assert str(spec.entry) == "close > sma(50) and rsi(14) crosses_above 50"
    assert str(spec.short_entry) == "close < sma(50) and rsi(14) crosses_below 50"


@pytest.mark.parametrize("tail", [
    "Make sure the stop is 2% below the entry.",                       # a stop, not a filter
    "Check that the data has no gaps.",                                # no indicator
    "Many traders want the RSI to be above 50, but we ignore it.",     # a habit of others
    "Does the RSI(14) need to be above 50? We tested it and it did not help.",  # a question
    "Confirm that the results hold on other markets.",                 # no condition
])
def test_near_sentences_add_no_condition(spec_of, tail):
    spec = spec_of(_CROSS + tail)
    assert str(spec.entry) == "sma(10) crosses_above sma(30)"
