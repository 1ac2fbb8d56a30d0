"""Each side keeps its own rules: a sentence opened by "For short positions," speaks of the short side (its exit is the
cover), a short entry written as the long entry is flagged by the checks, and a Donchian channel's "upper band" is the
channel's line, never a Bollinger band. The sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from foa.spec.check import check_spec
from tests.extract.offline.helpers import compact

ENTRIES = ("Buy when the close rises above the 20-day high. Short when the close falls below the 20-day low. ")


# --- "For short positions, the exit is ...": the short side's exit -------------------------------------------------


@pytest.mark.parametrize("text, want", [
    (ENTRIES + "For long positions, the exit signal is a close below the 10-day low. "
               "For short positions, the exit signal is a close above the 10-day high.",
     "L[close xa highest(20) ; close < lowest(10)] S[close xb lowest(20) ; close > highest(10)]"),
    (ENTRIES + "For longs, exit when the close drops under the 10-day low. For shorts, exit when the close climbs over "
               "the 10-day high.", "L[close xa highest(20) ; close xb lowest(10)] S[close xb lowest(20) ; close xa highest(10)]"),
    (ENTRIES + "For long trades: sell once the close is below the 15-day low.\nFor short trades: exit once the close is "
               "above the 15-day high.", "L[close xa highest(20) ; close < lowest(15)] S[close xb lowest(20) ; close > highest(15)]"),
    ("Go long when the 20-day EMA crosses above the 50-day EMA; exit when it crosses below. For short trades: enter when "
     "the 20-day EMA crosses below the 50-day EMA, exit when it crosses above.",
     "L[ema(20) xa ema(50) ; ema(20) xb ema(50)] S[ema(20) xb ema(50) ; ema(20) xa ema(50)]"),
    ("Buy when RSI(14) is below 30. Sell when RSI(14) is above 60. For the short side, sell when RSI(14) is above 70 "
     "and exit when RSI(14) is below 40.", "L[rsi(14) < 30 ; rsi(14) > 60] S[rsi(14) > 70 ; rsi(14) < 40]"),
])
def test_for_short_positions_names_the_short_side(spec_of, text, want):
    assert compact(spec_of(text)).startswith(want)


@pytest.mark.parametrize("text, want", [
    ("Buy when RSI(14) drops below 30 and sell when it rises above 70. For shorts, the reverse: short when RSI(14) "
     "rises above 70 and cover when it falls below 30.", "S[rsi(14) xa 70 ; rsi(14) xb 30]"),
    ("Buy when the close crosses above the 50-day SMA; sell when it crosses below. For shorts, do the opposite.",
     "S[close xb sma(50) ; close xa sma(50)]"),
    ("Buy when the close is above the 100-day SMA and sell when it is below it. For long positions only; no shorts.",
     "L[close > sma(100) ; close < sma(100)]"),
])
def test_for_shorts_the_reverse_and_long_labels_keep_their_reading(spec_of, text, want):
    assert want in compact(spec_of(text))


# --- a short entry that is the long entry ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Buy when the 50-day EMA crosses above the 200-day EMA. Sell short when the 200-day EMA crosses below the 50-day EMA.",
    "Go long once the 20-day SMA crosses over the 100-day SMA; go short once the 100-day SMA crosses under the 20-day SMA.",
    "Enter long when the 10-week EMA rises above the 40-week EMA. Enter short when the 40-week EMA falls below the 10-week EMA.",
    "long: sma(30) crosses above sma(90)\nshort: sma(90) crosses below sma(30)",
    "Buy if the close is above the 60-day SMA. Short if the 60-day SMA is below the close.",
])
def test_a_short_entry_equal_to_the_long_entry_is_flagged(spec_of, text):
    spec = spec_of(text)
    assert spec.direction == "long_short" and spec.short_entry is not None
    assert "same_long_short_entry" in check_spec(spec).codes


@pytest.mark.parametrize("text", [
    "Buy when the 50-day EMA crosses above the 200-day EMA. Sell short when the 50-day EMA crosses below the 200-day EMA.",
    "You should be long above the 100 EMA and be short under it.",
    "Go long when the close is above the 60-day SMA; go short when it is below it.",
])
def test_mirrored_short_entries_stay(spec_of, text):
    spec = spec_of(text)
    assert spec.direction == "long_short" and spec.short_entry is not None
    assert "same_long_short_entry" not in check_spec(spec).codes


# --- a Donchian channel's bands are the channel's lines -------------------------------------------------------------


@pytest.mark.parametrize("text, entry", [
    ("Buy when the price closes above the upper band of the 20-day Donchian channel. Sell when it closes below the "
     "lower band of the 10-day Donchian channel.", "highest(20)"),
    ("Go long on a close over the top line of the 55-day Donchian channel; exit on a close under the bottom line of "
     "the 20-day Donchian channel.", "highest(55)"),
    ("Enter when the close breaks the upper boundary of a 30-day Donchian channel and exit when it breaks the lower "
     "boundary of a 15-day Donchian channel.", "highest(30)"),
    ("A long trade opens when price settles above the upper band of the 40-bar Donchian channel; it closes when price "
     "settles below the lower band of the 40-bar Donchian channel.", "highest(40)"),
    ("Buy if the close exceeds the upper edge of the 25-day Donchian channel. Sell if the close drops beneath the lower "
     "edge of the 12-day Donchian channel.", "highest(25)"),
])
def test_donchian_bands_are_channel_lines(spec_of, text, entry):
    got = compact(spec_of(text))
    assert "bbands" not in got, got
    assert entry in got.split(";")[0], got


@pytest.mark.parametrize("text", [
    "Buy when the close is below the lower band of the 20-day, 2-sigma Bollinger bands; sell when it is above the upper band.",
    "Buy when the close drops below the lower Bollinger band (20, 2). Sell when it rises above the upper band.",
    "Trade the 20-day Bollinger bands: buy under the lower band, sell over the upper band.",
])
def test_bollinger_bands_stay_bollinger(spec_of, text):
    assert "bbands" in compact(spec_of(text))
