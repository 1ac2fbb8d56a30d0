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


# ---- a negated entry with its condition: the condition must not hold ----------------------------------------------
@pytest.mark.parametrize("text, want", [
    (_CROSS + "Don't buy if the RSI(14) is above 70.", "sma(10) crosses_above sma(30) and rsi(14) <= 70"),
    (_CROSS + "Avoid entries when the RSI(14) is over 70.", "sma(10) crosses_above sma(30) and rsi(14) <= 70"),
    (_CROSS + "Skip the trade if the CCI(20) is below -100.", "sma(10) crosses_above sma(30) and cci(20) >= -100"),
    ("Buy when the RSI(2) is under 10. Never buy when the close is below the 200-day SMA.", "rsi(2) < 10 and close >= sma(200)"),
    ("Buy when the RSI(2) is under 10. Do not trade when the VIX is above 30.", 'rsi(2) < 10 and close(symbol="^VIX") <= 30'),
    ("Go long when the MACD crosses above its signal line. No new longs while the ADX(14) is below 20.",
     "macd().macd crosses_above macd().signal and adx(14) >= 20"),
])
def test_a_negated_entry_gate_joins_the_entry_negated(spec_of, text, want):
    assert str(spec_of(text).entry) == want


def test_a_negated_short_gate_joins_the_short(spec_of):
    spec = spec_of("Short when the 20-day EMA crosses below the 50-day EMA. Don't short if the RSI(14) is below 30.")
    assert str(spec.short_entry) == "ema(20) crosses_below ema(50) and rsi(14) >= 30"


@pytest.mark.parametrize("text", [
    "Don't buy when the RSI is above 70. It is overbought.",   # a negated gate alone opens nothing
    "Never buy a stock just because the RSI is below 30.",
])
def test_a_negated_gate_alone_is_no_strategy(spec_of, text):
    from foa.errors import NoStrategyFound

    with pytest.raises(NoStrategyFound):
        spec_of(text)


@pytest.mark.parametrize("text", [
    "Buy when the RSI(2) is under 10. Don't worry if the close is below the 200-day SMA.",
    "Buy when the RSI(2) is under 10. We never bought stocks when the market was below the 200-day SMA, and it worked.",
])
def test_other_negations_add_no_condition(spec_of, text):
    assert str(spec_of(text).entry) == "rsi(2) < 10"


def test_a_crossing_that_must_not_happen_is_listed_not_negated(spec_of):
    spec = spec_of("Buy when the RSI(2) is under 10. Don't buy if the RSI(2) crosses above 50.")
    assert str(spec.entry) == "rsi(2) < 10"
    assert any("must not happen" in u.what for u in spec.unsupported)
