"""The indicators field: which indicators a spec uses and with which windows, over wording classes.

- a small count of averages is no window ("a 2 MA crossover", "three moving average lines"), nor is a digit
  inside a platform's order or study name ("MA2XoverSE");
- a platform's input table with a type column ("FastLen Numeric 7") gives the averages their windows;
- an average named as how another indicator is computed ("the RSI is calculated using an EMA") is no indicator
  of the rules;
- an average the text gives no length is never made a trend filter of its own.

Every sentence is written for these tests; each class varies its indicator, number format and sentence order.
"""

from __future__ import annotations

import pytest

from foa.extract.offline.mentions import attach_loose_params, find_mentions
from foa.extract.offline.settings import settings_of
from foa.extract.offline.text import normalize
from foa.spec.validate import iter_indicators


def inds(spec) -> set[tuple[str, int | None]]:
    """(name, window) of every indicator the spec's rules use."""
    return {(i.name, i.params.get("window", i.params.get("timeperiod"))) for i in iter_indicators(spec)}


# ---- a count of averages, a digit inside a name ------------------------------------------------------------
COUNTED = [
    ("Two moving average crossover\nBuy when the 10-day SMA crosses above the 40-day SMA; sell when it crosses below.",
     {("sma", 10), ("sma", 40)}),
    ("The 3 EMA system: go long when the 8 EMA is above the 21 EMA and the 21 EMA is above the 55 EMA.",
     {("ema", 8), ("ema", 21), ("ema", 55)}),
    ("Order name: MA2XoverLE\nBuy when the 12-day moving average crosses above the 30-day moving average.",
     {("sma", 12), ("sma", 30)}),
    ("This system plots three moving average lines. Purchase when EMA(5) crosses over EMA(20).",
     {("ema", 5), ("ema", 20)}),
    ("Enter long when the 50 SMA crosses above the 200 SMA (study name XAvg3LineLE). Exit on the reverse cross.",
     {("sma", 50), ("sma", 200)}),
    ("A 2-MA price crossover: buy once the 7-week EMA rises above the 30-week EMA.", {("ema", 7), ("ema", 30)}),
]


@pytest.mark.parametrize("text, want", COUNTED)
def test_a_count_of_averages_or_a_digit_in_a_name_is_no_window(spec_of, text, want):
    assert inds(spec_of(text)) == want


@pytest.mark.parametrize("clause", [
    "Unlike the other two MA crossover strategy, this one trades the close.",
    "This strategy incorporates three moving average lines.",
    "Order Name: MA2XoverLE",
    "A 2-MA price crossover",
    "Our 3 EMA system",
    "MovAvg3Line Cross SE",
])
def test_a_count_of_averages_names_no_window(clause):
    assert not any("window" in m.params for m in find_mentions(normalize(clause)))


@pytest.mark.parametrize("clause, want", [
    # near cases: the number is the window
    ("buy when ema2median crosses above ema20", [("ema", 2), ("ema", 20)]),
    ("buy when the close is above the 3 sma", [("sma", 3)]),
    ("buy when ma5 crosses above ma20", [("ma", 5), ("ma", 20)]),
    ("the 3 and 8 emas", [("ema", 3), ("ema", 8)]),
    ("a 5 ema / 34 ema crossover", [("ema", 5), ("ema", 34)]),
])
def test_a_window_glued_or_small_stays_a_window(clause, want):
    assert [(m.name, m.params.get("window")) for m in find_mentions(normalize(clause))] == want


# ---- an input table with a type column -----------------------------------------------------------------------
TYPED_TABLES = [
    ("Name Type Default Notes\nFastLength Numeric 7 Bars of the fast average.\n"
     "SlowLength Numeric 21 Bars of the slow average.\n"
     "Buy when the fast moving average crosses above the slow moving average.", {("sma", 7), ("sma", 21)}),
    ("| Name | Type | Default |\n| FastLen | Integer | 5 |\n| SlowLen | Integer | 35 |\n"
     "Go long once the fast average rises above the slow average.", {("sma", 5), ("sma", 35)}),
    ("Inputs\nSlowLength Numeric 40\nFastLength Numeric 10\n"
     "Sell short when the fast MA crosses below the slow MA; cover when it crosses back above.", {("sma", 10), ("sma", 40)}),
    ("FastLength int 4\nMedLength int 9\nSlowLength int 18\n"
     "Buy when the fast average is greater than the medium average and the medium average is greater than the slow average.",
     {("sma", 4), ("sma", 9), ("sma", 18)}),
    ("Buy when the fast EMA crosses above the slow EMA.\n| fast_length | float | 8 |\n| slow_length | float | 21 |",
     {("ema", 8), ("ema", 21)}),
]


@pytest.mark.parametrize("text, want", TYPED_TABLES)
def test_an_input_table_with_a_type_column_gives_the_windows(spec_of, text, want):
    assert inds(spec_of(text)) == want


@pytest.mark.parametrize("line, want", [
    ("fastlength numeric 11 bars of the fast average", [("fast", 11.0)]),
    ("| medlength | integer | 9 |", [("mid", 9.0)]),
    # near cases: a type word with no role label, a role label with a word that is no type
    ("| rsilength | numeric | 14 |", []),
    ("fastlength values 9 and 18", []),
    ("price numeric close", []),
])
def test_settings_of_reads_a_type_column(line, want):
    assert settings_of(line) == want


# ---- an average inside another indicator -------------------------------------------------------------------
INGREDIENTS = [
    ("Buy when the RSI crosses above 30 and sell when it crosses above 70. "
     "The RSI is calculated using an exponential moving average of 14 days.", {"rsi"}),
    ("Go long when RSI(5) drops under 20. Calculate the RSI using the exponential moving average.", {"rsi"}),
    ("Buy when the MACD line crosses above its signal line. The MACD is computed from two EMAs, 12 and 26 bars.", {"macd"}),
    ("Buy when the CCI using a 20-day SMA crosses above 100; sell when it crosses below -100.", {"cci"}),
    ("The ATR is smoothed with a 10-day EMA. Enter long when the close breaks above the 20-day high.", {"highest"}),
]


@pytest.mark.parametrize("text, names", INGREDIENTS)
def test_an_average_inside_another_indicator_is_no_rule_indicator(spec_of, text, names):
    assert {n for n, _ in inds(spec_of(text))} == names


def test_the_ingredient_window_is_the_indicator_window(spec_of):
    assert inds(spec_of("Buy when the CCI using a 20-day SMA crosses above 100.")) == {("cci", 20)}


@pytest.mark.parametrize("text, want", [
    # near cases: the average is a rule of its own, beside the oscillator
    ("Buy when RSI(2) is below 10 and the close is above the 200-day SMA.", {("rsi", 2), ("sma", 200)}),
    ("Only trade above the 100-day EMA. Buy when the RSI crosses above 30.", {("rsi", 14), ("ema", 100)}),
    ("Buy when the MACD crosses above zero while the close is above the 50 EMA.", {("macd", None), ("ema", 50)}),
])
def test_an_average_beside_an_oscillator_stays_in_the_rule(spec_of, text, want):
    assert inds(spec_of(text)) == want


# ---- an average with no length is no trend filter ---------------------------------------------------------
@pytest.mark.parametrize("text", [
    "An EMA is a kind of moving average. Buy when RSI(14) crosses above 30; sell when it crosses above 70.",
    "Moving averages smooth the price. Buy when the 20-day ROC turns positive.",
    "Buy when the stochastic %K crosses above %D below 20. Some traders also watch an EMA.",
])
def test_an_average_with_no_length_is_no_trend_filter(spec_of, text):
    spec = spec_of(text)
    assert not {n for n, _ in inds(spec)} & {"sma", "ema"}
    assert not any("used as a trend filter" in a for a in spec.assumptions)


# ---- a name and its abbreviation in brackets are one indicator ---------------------------------------------
ABBREVIATED = [
    ("Buy when the simple moving average (SMA) of the last 10 days crosses above the simple moving average (SMA) of "
     "the last 20 days.", {("sma", 10), ("sma", 20)}),
    ("Go long once the exponential moving average (EMA) over 12 days rises above the exponential moving average (EMA) "
     "over 48 days.", {("ema", 12), ("ema", 48)}),
    ("Buy when the Relative Strength Index (RSI) of the last 9 days drops below 25.", {("rsi", 9)}),
    ("Purchase when the Commodity Channel Index (CCI 20) climbs over -100.", {("cci", 20)}),
    ("Buy when the moving average (MA 50) is below the close.", {("sma", 50)}),
]


@pytest.mark.parametrize("text, want", ABBREVIATED)
def test_a_name_and_its_abbreviation_are_one_indicator(spec_of, text, want):
    assert inds(spec_of(text)) == want


@pytest.mark.parametrize("clause, want", [
    ("the simple moving average (sma) of the last 10 days", [("sma", 10)]),
    ("the average true range (atr) over 10 days", [("atr", 10)]),
    # near cases: two indicators, or two averages with their own numbers, stay two
    ("the 10-day sma (and the 50-day sma)", [("sma", 10), ("sma", 50)]),
    ("the rsi (with an sma of 20 days)", [("rsi", None), ("sma", 20)]),
    ("the ema (ema 21)", [("ema", 21)]),
])
def test_abbreviation_mentions(clause, want):
    norm = normalize(clause)
    ms = find_mentions(norm)
    attach_loose_params(norm, ms)
    assert [(m.name, m.params.get("window")) for m in ms] == want


# ---- a length stated after the name --------------------------------------------------------------------------
LENGTH_AFTER = [
    ("Buy when the close crosses above the simple moving average of the past 30 days.", {("sma", 30)}),
    ("Buy when the SMA in a 10 period timespan crosses over the SMA in a 20 period timespan.", {("sma", 10), ("sma", 20)}),
    ("Exit when the price falls under the exponential moving average of the previous 25 sessions. "
     "Enter when it climbs above it.", {("ema", 25)}),
    ("Buy when the close crosses above the 50-day SMA. Stop loss: 3 x ATR (20 days).", {("sma", 50), ("atr", 20)}),
    ("Buy when the close crosses above the 50-day SMA. Place the stop 2 times the ATR over 10 bars below the entry.",
     {("sma", 50), ("atr", 10)}),
    ("Buy when the close crosses above the 20-day EMA. Place a stop 1.5 times the average true range of the last 10 "
     "days below the entry.", {("ema", 20), ("atr", 10)}),
]


def _with_atr_stop(spec) -> set[tuple[str, int | None]]:
    out = inds(spec)
    if spec.risk.atr_stop is not None:
        out.add(("atr", spec.risk.atr_stop.window))
    return out


@pytest.mark.parametrize("text, want", LENGTH_AFTER)
def test_a_length_after_the_name_is_its_window(spec_of, text, want):
    assert _with_atr_stop(spec_of(text)) == want


def test_how_long_a_state_holds_is_no_window(spec_of):
    # near case: "for the last 3 days" says how long the close stays above, not the average's length
    spec = spec_of("Buy when the close has stayed above the 50-day moving average for the last 3 days.")
    assert ("sma", 3) not in inds(spec)


# ---- a closing high or low --------------------------------------------------------------------------------
CLOSING_CHANNEL = [
    ("Buy SPY when it closes at a 7-day closing low. Sell when it closes at a 7-day closing high.", {"lowest", "highest"}, 7),
    ("Go long QQQ when the close falls below the 5-day closing low.", {"lowest"}, 5),
    ("Short IWM when it closes under its 10-day closing low; cover when it closes above its 10-day closing high.",
     {"lowest", "highest"}, 10),
    ("Buy when the close rises above the 20 day closing high.", {"highest"}, 20),
    ("Enter long when the price closes beneath the 3-bar closing low, exit above the 3-bar closing high.", {"lowest", "highest"}, 3),
]


@pytest.mark.parametrize("text, names, window", CLOSING_CHANNEL)
def test_a_closing_high_or_low_is_the_channel_of_closes(spec_of, text, names, window):
    from foa.spec.validate import iter_indicators as it

    found = [i for i in it(spec_of(text)) if i.name in ("highest", "lowest")]
    assert {i.name for i in found} == names
    assert all(i.params["window"] == window and i.input is not None and i.input.field == "close" for i in found)


def test_a_plain_low_reads_the_lows(spec_of):
    # near case: "a 7-day low" is the lowest low, as before
    from foa.spec.validate import iter_indicators as it

    found = [i for i in it(spec_of("Buy SPY when it closes at a 7-day low. Sell when it closes at a 7-day high.")) if i.name == "lowest"]
    assert found and all(i.input is None for i in found)


# ---- the ROC named without a length ---------------------------------------------------------------------
NAMED_ROC = [
    "Buy when the ROC crosses above zero. Sell when it crosses below zero.",
    "Go long when ROC > 0 and exit when ROC < 0.",
    "Buy when the rate of change turns positive; sell when the rate of change turns negative.",
    "Purchase once the rate of change is above 0.",
    "Short when the ROC drops under zero; cover when it climbs back above zero.",
]


@pytest.mark.parametrize("text", NAMED_ROC)
def test_the_roc_named_without_a_length_is_talibs_ten_bars(spec_of, text):
    spec = spec_of(text)
    assert inds(spec) == {("roc", 10)}
    assert "ROC window not stated: 10 bars assumed" in spec.assumptions


@pytest.mark.parametrize("text, names", [
    # near cases: "momentum" and "relative strength" as words of prose are no rule
    ("Momentum matters in this market. Buy when RSI(2) is below 10; sell when it is above 70.", {"rsi"}),
    ("Relative strength is our theme. Buy when the close crosses above the 100-day SMA.", {"sma"}),
    ("Price momentum fades in summer. Buy when the 20-day EMA crosses above the 50-day EMA.", {"ema"}),
])
def test_a_bare_momentum_word_is_no_rule(spec_of, text, names):
    assert {n for n, _ in inds(spec_of(text))} == names


def test_a_ranking_on_the_roc_keeps_its_lookback(spec_of):
    spec = spec_of("Rank the ETFs by ROC and buy the top 2.")
    assert spec.ranking is not None and spec.ranking.top_n == 2


# ---- MACD's periods and an ATR stop stated as settings ------------------------------------------------------
MACD_KEYS = [
    ("macd_fast: 12\nmacd_slow: 26\nmacd_signal: 9\nBuy when the MACD is above its signal line; sell when it is below.",
     (12, 26, 9)),
    ("Inputs: FastLength(8), SlowLength(17), MACDLength(9)\nBuy when the MACD line crosses above its signal line.", (8, 17, 9)),
    ("macd_fast = 5\nmacd_slow = 35\nmacd_signal = 5\nGo long when the MACD histogram turns positive.", (5, 35, 5)),
    ("Go long when the MACD crosses over its signal line.\nSettings\nmacd_slow: 40\nmacd_fast: 10\nmacd_signal: 7", (10, 40, 7)),
    ("Inputs: FastLength(6), SlowLength(19), MACDLength(4)\nShort when the MACD crosses under its signal; cover when "
     "it crosses back over.", (6, 19, 4)),
]


@pytest.mark.parametrize("text, periods", MACD_KEYS)
def test_macd_periods_stated_as_settings(spec_of, text, periods):
    found = {(i.params.get("fast"), i.params.get("slow"), i.params.get("signal")) for i in iter_indicators(spec_of(text))
             if i.name == "macd"}
    assert found == {periods}


def test_platform_inputs_without_a_macd_stay_the_averages(spec_of):
    # near case: FastLength/SlowLength beside an average crossover are the averages' windows, not a MACD
    spec = spec_of("Inputs: FastLength(10), SlowLength(30)\nBuy when the fast average crosses above the slow average.")
    assert inds(spec) == {("sma", 10), ("sma", 30)}


ATR_STOP_SETTINGS = [
    ("Buy when the MACD is above its signal.\nSL = 2 x ATR", 2.0, 14),
    ("Buy when the MACD is above its signal.\natr_period: 20\natr_multiplier: 2.0  # SL = 2 x ATR", 2.0, 20),
    ("Buy when the close crosses above the 50-day SMA.\nStop loss (ATR)\natr_length = 10\nsl = 3 x atr", 3.0, 10),
    ("Buy when the close crosses above the 20-day EMA.\nSL: 1.5 ATR", 1.5, 14),
    ("Buy when RSI(2) is below 10.\nATR_Period = 7\nsl = 2.5 * atr", 2.5, 7),
]


@pytest.mark.parametrize("text, multiple, window", ATR_STOP_SETTINGS)
def test_an_atr_stop_stated_as_settings(spec_of, text, multiple, window):
    stop = spec_of(text).risk.atr_stop
    assert stop is not None and (stop.multiple, stop.window) == (multiple, window)


@pytest.mark.parametrize("text", [
    # near cases: an ATR filter or a Keltner multiplier is no stop
    "Buy when the close crosses above the 50-day SMA.\natr_period: 20\natr_multiplier: 2.0",
    "Buy when the ATR(14) is above 2 and the close crosses above the 20-day EMA.",
])
def test_an_atr_setting_alone_is_no_stop(spec_of, text):
    assert spec_of(text).risk.atr_stop is None


# ---- Bollinger settings as a script's config keys ----------------------------------------------------------
BB_KEYS = [
    ("bb_period = 20\nbb_std = 2.5\nBuy when the close is below the lower Bollinger band; sell when it is above the upper band.",
     (20, 2.5)),
    ("standard_deviations = 3.5 # how far the bands sit from the mean\nBuy when the close is below the lower Bollinger band.",
     (20, 3.5)),
    ("bollinger_window: 30\nbollinger_std: 2.5\nBuy when the close crosses below the lower Bollinger band.", (30, 2.5)),
    ("num_std_dev = 3\nGo long once the close drops under the lower Bollinger band.", (20, 3.0)),
    ("Short when the close rises above the upper Bollinger band.\nnbdevup = 1.5\nbands_length: 15  // lookback", (15, 1.5)),
]


@pytest.mark.parametrize("text, params", BB_KEYS)
def test_bollinger_settings_as_config_keys(spec_of, text, params):
    found = {(i.params.get("window"), i.params.get("std")) for i in iter_indicators(spec_of(text)) if i.name == "bbands"}
    assert found == {params}


@pytest.mark.parametrize("text", [
    # near cases: another indicator's keys leave the bands at their defaults
    "rsi_period = 9\natr_mult = 3\nBuy when the close is below the lower Bollinger band and RSI is under 30.",
    "ema_length: 50\nBuy when the close crosses below the lower Bollinger band.",
])
def test_other_config_keys_leave_the_bands_alone(spec_of, text):
    found = {(i.params.get("window"), i.params.get("std")) for i in iter_indicators(spec_of(text)) if i.name == "bbands"}
    assert found == {(20, 2.0)}


# ---- a window restated in brackets in another unit ----------------------------------------------------------
RESTATED = [
    ("Hold SPY while the close is over the 12-month (250 day) SMA; sell when the close drops under it.", {("sma", 250)}),
    ("Buy QQQ when the close is above the 200-day (40-week) SMA. Sell when it is below.", {("sma", 200)}),
    ("Buy IWM when its 12-month (252-day) return is positive; sell when it turns negative.", {("roc", 252)}),
    ("Go long when the close crosses above the 50-day (10-week) EMA; exit on the cross back below.", {("ema", 50)}),
    ("Buy DIA once the 2-month (42 trading days) return is above zero.", {("roc", 42)}),
    ("Buy SPY when the close is above the 40-week (about 200-day) moving average.", {("sma", 200)}),
]


@pytest.mark.parametrize("text, want", RESTATED)
def test_a_window_restated_in_another_unit_is_one_window(spec_of, text, want):
    assert inds(spec_of(text)) == want


@pytest.mark.parametrize("clause, want", [
    # near cases: a bracket holding a plain number or a second indicator is no restated window
    ("the rsi (14) is below 30", [("rsi", 14)]),
    ("the 20-day sma (and the 50-day sma)", [("sma", 20), ("sma", 50)]),
    ("the 10-week ema (the trend filter)", [("ema", 10)]),
])
def test_a_bracket_that_restates_nothing_is_left_alone(clause, want):
    assert [(m.name, m.params.get("window")) for m in find_mentions(normalize(clause))] == want
