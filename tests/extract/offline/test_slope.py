"""An indicator's slope read as a rule: the indicator against its own value bars back ("the 50-day SMA is
rising" is ``sma(50) > sma(50)[1]``), never listed as unsupported once read, and never read from commentary,
a past move or a comparator's verb (sentences written for these tests)."""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.extract.offline.mentions import find_mentions
from foa.extract.offline.slope import slope_comparisons, text_of


def slopes(norm: str) -> list[str]:
    return [text_of(k) for k in slope_comparisons(norm, find_mentions(norm))]


def whats(spec) -> list[str]:
    return [u.what for u in spec.unsupported]


# --- the reader on its own: every verb, adjective and count form of its word classes ----------------------
@pytest.mark.parametrize("norm, expected", [
    ("buy when the 50-day sma is rising", ["sma(50) > sma(50)[1]"]),
    ("the ema(20) slopes upward", ["ema(20) > ema(20)[1]"]),
    ("the 100 sma is pointing downwards", ["sma(100) < sma(100)[1]"]),
    ("the adx keeps climbing", ["adx() > adx()[1]"]),
    ("rsi (9) is moving in an upward direction", ["rsi(9) > rsi(9)[1]"]),
    ("the 30-week moving average is heading lower", ["ma(30) < ma(30)[1]"]),
    ("the cci(20) is declining", ["cci(20) < cci(20)[1]"]),
    ("sell once the 10-day ema has been falling for three days in a row",
     ["ema(10) < ema(10)[1]", "ema(10)[1] < ema(10)[2]", "ema(10)[2] < ema(10)[3]"]),
    ("the 40 sma has sloped up over the past 8 bars", ["sma(40) > sma(40)[8]"]),
    ("the 20-day sma shows an upward slope", ["sma(20) > sma(20)[1]"]),
    ("the slope of the 65-day ema must be negative", ["ema(65) < ema(65)[1]"]),
    ("the adx(14) is above its value 4 bars ago", ["adx(14) > adx(14)[4]"]),
    ("the 50 sma is lower than it was ten days ago", ["sma(50) < sma(50)[10]"]),
    ("close over a rising 150-day sma", ["sma(150) > sma(150)[1]"]),
    ("only take longs with an upward-sloping 21 ema", ["ema(21) > ema(21)[1]"]),
    ("the macd histogram ticks up", ["macd.hist > macd.hist[1]"]),
    ("exit when the 15-day sma turns down",
     ["sma(15) < sma(15)[1]", "sma(15)[1] >= sma(15)[2]"]),
])
def test_slope_words_read_as_the_indicator_against_an_earlier_bar(norm, expected):
    assert slopes(norm) == expected


@pytest.mark.parametrize("norm", [
    "sell when the rsi(14) rises above 70",                       # a comparator's verb, not a slope
    "buy when the cci turns up from below -100",                  # a turn from a level: the level's rule
    "the macd histogram turns positive",                          # a zero-line crossing, not a slope
    "as the 10-day ma moved up the stock rallied",                # a past move
    "a bounce off support like an ascending moving average",      # an adjective in an example
    "the sma has a negative direction over the last x periods",   # a span the text does not count
    "deviations from the 20-day moving average increase",         # the indicator is an object
])
def test_no_slope_where_the_words_state_none(norm):
    assert slopes(norm) == []


# --- in a strategy: the slope is a rule beside the others, never listed ------------------------------------
@pytest.mark.parametrize("text, side, expected", [
    ("Buy when the 50-day SMA is rising and the RSI(14) drops below 30. Sell when the RSI(14) rises above 70.",
     "entry", "sma(50) > sma(50)[1] and rsi(14) crosses_below 30"),
    ("Go long when the close crosses above the 20-day EMA while the 20-day EMA is sloping up. Exit when the close crosses below it.",
     "entry", "close crosses_above ema(20) and ema(20) > ema(20)[1]"),
    ("Purchase XLE when the close is over a rising 100-day moving average; sell when the 100-day moving average turns down.",
     "exit", "sma(100) < sma(100)[1] and sma(100)[1] >= sma(100)[2]"),
    ("Long entry: the MACD histogram is rising and the close is above the 50 EMA.",
     "entry", "macd().hist > macd().hist[1] and close > ema(50)"),
    ("Go long when the slope of the 40-week SMA is positive.",
     "entry", "sma(40) > sma(40)[1]"),
    ("Short the stock when the ADX(14) is above 25 and the 30-day EMA has pointed down over the last 5 bars.",
     "short_entry", "adx(14) > 25 and ema(30) < ema(30)[5]"),
])
def test_a_slope_is_a_rule_of_the_spec(spec_of, text, side, expected):
    spec = spec_of(text)
    assert str(getattr(spec, side)) == expected
    assert not {"indicator slope", "moving-average slope"} & set(whats(spec))
    assert any("slope" in a for a in spec.assumptions)


def test_a_slope_over_an_uncounted_span_stays_listed(spec_of):
    spec = spec_of("Buy when the RSI(2) is below 10 and the 200-day SMA has a positive direction over the last few bars.")
    assert str(spec.entry) == "rsi(2) < 10"
    assert "indicator slope" in whats(spec) or "moving-average slope" in whats(spec)


@pytest.mark.parametrize("text", [
    "The 200-day moving average is rising, which tells us the long-term trend is up.",
    "A rising moving average shows an uptrend; a falling one shows a downtrend.",
    "Last week the 50-day SMA turned up and the index rallied 3%.",
    "Some traders like to buy when the 50-day SMA is sloping up.",
])
def test_a_slope_in_commentary_makes_no_strategy(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


def test_a_slope_rule_is_named_a_slope_never_a_crossover(spec_of):
    spec = spec_of("Buy SPY when the 50-day SMA is rising and the RSI(14) drops below 30.")
    assert spec.name == "SMA(50) slope" and "crossover" not in spec.summary
    assert spec_of("Buy when the 50-day SMA crosses above the 200-day SMA.").name == "SMA 50/200 crossover"


# --- "a positive moving average slope" is a slope (listed), never the average compared with 0 ------------------------


@pytest.mark.parametrize("text", [
    "Buy when the close crosses above the 40-day SMA. A long position must have a positive moving average slope. "
    "Sell when the close crosses below the SMA.",
    "Go long once price crosses over the 40-day EMA; the trade needs a positive EMA slope. Exit when price crosses under it.",
    "Enter long when the close moves above the 40-day SMA with a positive 40-day SMA slope; sell when it moves below.",
    "Buy on a close above the 40-day moving average that shows a positive average direction. Sell on a close below it.",
    "Short when the close crosses below the 40-day SMA; shorts must have a negative moving average slope. Cover when "
    "the close crosses above the SMA.",
])
def test_a_signed_slope_is_no_level(spec_of, text):
    spec = spec_of(text)
    rules = " ".join(str(r) for r in (spec.entry, spec.exit, spec.short_entry, spec.short_exit) if r is not None)
    assert "> 0" not in rules and "< 0" not in rules
    assert "40" in rules


@pytest.mark.parametrize("text, want", [
    ("Buy when the 12-day ROC is positive; sell when it turns negative.", "roc(12) > 0"),
    ("Go long when the MACD histogram is positive and exit when it is negative.", "> 0"),
    ("Buy SPY when its 6-month return is positive.", "> 0"),
])
def test_a_signed_value_stays_a_level(spec_of, text, want):
    assert want in str(spec_of(text).entry) or (spec_of(text).ranking is not None)
