"""Levels an exit states without naming the oscillator again: "exit when it reaches 70", "Exit at 65.", "cover when
it hits 30" (the level of the entry's oscillator, never the entry reversed), and a sign an exit states of "it"
("sell when it turns negative" after a return above 5%: below zero, never below 5%)."""

from __future__ import annotations

import pytest


def _leg(cond) -> tuple[str, str, float]:
    return (str(cond.left), cond.op, cond.right.value)


# ---- a level "it" reaches, or a bare level after an exit verb -------------------------------------------------------
@pytest.mark.parametrize("text, want", [
    ("Buy when the RSI(14) crosses above 30. Exit when it reaches 70.", ("rsi(14)", ">=", 70.0)),
    ("Buy when the RSI(14) rises above 30. Take profits when it hits 70.", ("rsi(14)", ">=", 70.0)),
    ("Buy as soon as the 3-day RSI drops below 15; close the position once it gets to 60.", ("rsi(3)", ">=", 60.0)),
    ("Buy when the stochastic %K(14) falls under 20. Take profit when the reading reaches 75.",
     ("stoch(14).slowk", ">=", 75.0)),
    ("Buy when the Williams %R(14) rises above -80. Sell when it touches -20.", ("willr(14)", ">=", -20.0)),
    ("Buy when the MFI(14) climbs above 20, and exit once it hits 80.", ("mfi(14)", ">=", 80.0)),
    ("Go long when the CCI(20) moves above -100. Exit when it hits 100.", ("cci(20)", ">=", 100.0)),
    ("Buy when the RSI(2) is below 10. Exit at 65.", ("rsi(2)", ">=", 65.0)),
    ("Enter long if RSI(5) > 80.\nExit at 55.", ("rsi(5)", "<=", 55.0)),
])
def test_an_exit_level_of_it_is_the_entry_oscillators(spec_of, text, want):
    spec = spec_of(text)
    assert spec.exit is not None and _leg(spec.exit) == want, spec.exit
    assert any("exit stated as a level of" in a for a in spec.assumptions)
    assert any(e.field == "exit" for e in spec.evidence)


@pytest.mark.parametrize("text, want", [
    ("Short when the RSI(14) crosses below 70. Cover when it reaches 30.", ("rsi(14)", "<=", 30.0)),
    ("Sell short once the 5-day RSI is above 85, and buy to cover when it gets to 40.", ("rsi(5)", "<=", 40.0)),
    ("Open a short when CCI(20) falls below 100; cover it when it hits -50.", ("cci(20)", "<=", -50.0)),
    ("Short if the stochastic %K(9) is over 90. Cover at 50.", ("stoch(9).slowk", "<=", 50.0)),
    ("Go short when Williams %R(10) drops under -20. Cover shorts when it touches -70.", ("willr(10)", "<=", -70.0)),
])
def test_a_cover_level_of_it_is_the_short_entrys_oscillators(spec_of, text, want):
    spec = spec_of(text)
    assert spec.direction == "short_only"
    assert spec.short_exit is not None and _leg(spec.short_exit) == want, spec.short_exit
    assert any("short exit stated as a level of" in a for a in spec.assumptions)


@pytest.mark.parametrize("text, reversed_", [
    # an amount that is no level of the oscillator: the entry reversed, as before
    ("Buy when the RSI(2) is below 10. Exit at 2 times the risk.", ("rsi(2)", ">", 10.0)),
    ("Buy when the RSI(2) is below 10. Sell at 70 dollars.", ("rsi(2)", ">", 10.0)),
    # a price level in a clause naming the price
    ("Buy when the RSI(2) is below 10 and exit when the price reaches 120.", ("rsi(2)", ">", 10.0)),
])
def test_an_amount_or_a_price_is_no_exit_level(spec_of, text, reversed_):
    spec = spec_of(text)
    assert _leg(spec.exit) == reversed_, spec.exit


def test_a_crossing_of_two_averages_takes_no_level_from_it(spec_of):
    spec = spec_of("Buy when the 50-day SMA crosses above the 200-day SMA. Exit when it reaches 70.")
    assert str(spec.exit) == "sma(50) crosses_below sma(200)"


def test_an_exit_naming_the_oscillator_is_read_as_before(spec_of):
    spec = spec_of("Buy when the RSI(14) crosses above 30. Close the trade when RSI reaches 65.")
    assert _leg(spec.exit) == ("rsi(14)", ">=", 65.0)


# ---- a sign "it" turns to --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, want", [
    ("Buy when the 20-day ROC is above 5%. Sell when it turns negative.", "roc(20) < 0"),
    ("Buy when the rate of change over 20 days is greater than 5%. Sell when it is negative.", "roc(20) < 0"),
    ("Buy when the CCI(14) rises above 100; sell once it turns negative.", "cci(14) < 0"),
    ("Enter long when the PPO(12, 26) is above 1. Exit when it turns negative.", "ppo(12, 26) < 0"),
    ("Go long when the 10-day momentum is above 3. Exit when it becomes negative.", "roc(10) < 0"),
    ("Short when the 15-day ROC falls below -3%. Cover when it turns positive.", "roc(15) > 0"),
])
def test_a_sign_of_it_is_the_signed_oscillator_before(spec_of, text, want):
    spec = spec_of(text)
    got = spec.exit if spec.direction == "long_only" else spec.short_exit
    assert str(got) == want


@pytest.mark.parametrize("text, want", [
    # an oscillator bounded at zero has no sign: the entry reversed
    ("Buy when the RSI(14) is above 60. Sell when it turns negative.", "rsi(14) < 60"),
    # a MACD of the sentence before may be its line or its histogram: the entry reversed
    ("Buy when the MACD histogram is above 0.5. Sell when it turns negative.", "macd().hist < 0.5"),
    ("Buy when the MACD histogram turns positive. Sell when it turns negative.", "macd().hist < 0"),
    # named again: read as before
    ("Buy when the 20-day ROC is above 5%. Sell when the ROC turns negative.", "roc(20) < 0"),
])
def test_a_sign_of_it_keeps_todays_reading_elsewhere(spec_of, text, want):
    assert str(spec_of(text).exit) == want


# ---- a level after an action word alone: "Exit above 60." -----------------------------------------------------------
@pytest.mark.parametrize("text, want", [
    ("Buy when the RSI(7) is below 30. Exit above 60.", "rsi(7) > 60"),
    ("Go long when the stochastic %K is under 20. Exit above 80.", "stoch().slowk > 80"),
    ("Buy when the RSI(7) is below 30; exit above 60; stop at 5%.", "rsi(7) > 60"),
    ("Enter long when the CCI(20) is under -100. Sell over 50.", "cci(20) > 50"),
    ("Buy if Williams %R(10) is below -90. Then exit above -40.", "willr(10) > -40"),
    ("Long when MFI(10) < 15.\nExit the position above 65.", "mfi(10) > 65"),
])
def test_a_level_after_an_action_alone_is_the_oscillators(spec_of, text, want):
    assert str(spec_of(text).exit) == want


@pytest.mark.parametrize("text, want", [
    # a price level out of the oscillator's range, an action with an object of its own: the entry reversed
    ("Buy when the RSI(7) is below 30. Exit above 400.", "rsi(7) > 30"),
    ("Buy when the RSI(7) is below 30. Sell the stock above 60 dollars.", "rsi(7) > 30"),
])
def test_a_level_out_of_range_or_after_an_object_is_no_reading(spec_of, text, want):
    assert str(spec_of(text).exit) == want


# ---- a second condition in the sentence with its own action after it ------------------------------------------------
@pytest.mark.parametrize("text, entry, exit_", [
    ("When the RSI(4) drops below 25 buy the stock, and when the RSI(4) moves above 55, sell it.",
     "rsi(4) crosses_below 25", "rsi(4) crosses_above 55"),
    ("When CCI(20) falls below -100 go long, and when it climbs above 100 close the position.",
     "cci(20) crosses_below -100", "cci(20) crosses_above 100"),
    ("If the 3-day RSI is under 15 we buy, and if it is over 65 we exit.", "rsi(3) < 15", "rsi(3) > 65"),
    ("Once the MFI(14) sinks below 20 we go long, then once it exceeds 70 we sell.", "mfi(14) crosses_below 20", "mfi(14) > 70"),
    ("When the 2-period RSI is below 5, buy, and as soon as it is above 60, exit the trade.", "rsi(2) < 5", "rsi(2) > 60"),
])
def test_a_second_condition_takes_the_action_after_it(spec_of, text, entry, exit_):
    spec = spec_of(text)
    assert (str(spec.entry), str(spec.exit)) == (entry, exit_)


@pytest.mark.parametrize("text, entry", [
    # two conditions of one entry stay one entry
    ("Buy when the RSI(2) is below 10, and when the close is above the 200-day SMA.", "rsi(2) < 10 and close > sma(200)"),
    ("When the 10-day SMA crosses above the 30-day SMA buy, and when it crosses below, sell.", "sma(10) crosses_above sma(30)"),
    ("If the RSI(4) is under 25 we buy; if it is over 55 we sell.", "rsi(4) < 25"),
])
def test_conditions_of_one_action_stay_together(spec_of, text, entry):
    assert str(spec_of(text).entry) == entry


# ---- "crosses back above it": the level crossed before ------------------------------------------------------------
@pytest.mark.parametrize("text, want", [
    ("Go long if the stochastic %K(14) drops below 20 and then crosses back above it.", "stoch(14).slowk crosses_above 20"),
    ("Buy when the CCI(20) falls below -100 and then crosses back above it. Sell when the CCI goes above +100.",
     "cci(20) crosses_above -100"),
    ("Buy once the RSI(5) dips under 25 and later climbs back over it; sell when the RSI(5) rises above 70.",
     "rsi(5) crosses_above 25"),
    ("Buy when the Williams %R(14) sinks below -80 and then rises back above it.", "willr(14) crosses_above -80"),
    ("Buy when the 9-day RSI slides under 35 and afterwards moves back over it.", "rsi(9) crosses_above 35"),
])
def test_crossing_back_over_it_is_the_level_crossed_before(spec_of, text, want):
    assert str(spec_of(text).entry) == want


def test_crossing_back_over_a_line_is_read_as_before(spec_of):
    spec = spec_of("Buy when the close dips below the 50-day SMA and then closes back above it.")
    assert str(spec.entry) == "close crosses_above sma(50)"


# ---- levels declared as a pair "as thresholds", a level line named with "its" ----------------------------------------
@pytest.mark.parametrize("text, entry, exit_", [
    ("The stochastic uses 25 and 75 as thresholds. Buy when %K crosses above the lower threshold; sell when %K crosses "
     "below the upper threshold.", "stoch().slowk crosses_above 25", "stoch().slowk crosses_below 75"),
    ("The RSI(9) takes 35 and 65 as its levels. Go long when it is below the lower level and exit when it is above the upper level.",
     "rsi(9) < 35", "rsi(9) > 65"),
    ("We trade the MFI(14) with 15 and 85 as the zones: buy when it falls under the lower level, sell when it rises over "
     "the upper level.", "mfi(14) crosses_below 15", "mfi(14) crosses_above 85"),
    ("Buy when the RSI(10) falls under its 30 line. Sell when it reaches its 70 line.", "rsi(10) crosses_below 30", "rsi(10) >= 70"),
    ("Buy when the RSI(6) drops below 25. Exit when it touches its 60 level.", "rsi(6) crosses_below 25", "rsi(6) >= 60"),
])
def test_declared_pairs_and_its_level_lines_give_the_levels(spec_of, text, entry, exit_):
    spec = spec_of(text)
    assert (str(spec.entry), str(spec.exit)) == (entry, exit_)


def test_a_pair_of_lengths_as_levels_is_no_zone(spec_of):
    # "10 and 30 days" are lengths, never levels
    spec = spec_of("We use 10 and 30 days as lookbacks. Buy when the RSI(14) crosses above the lower threshold.")
    assert str(spec.entry) == "rsi(14) crosses_above 30"
