"""Fields read right over wording classes: the side a text trades (both sides stated as a state, by plural side
nouns, "in both directions", a system's "shorts", a short-only declaration, a buy-back that covers), the words
that open and close a position (so an exit's level is never lost), levels spelled "minus 100", and a platform's
timeframe code ("W1", "D1"). Every sentence is written for these tests; each class varies its verb, preposition,
indicator, number format and sentence order.
"""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.extract.offline import cues

from tests.extract.offline.helpers import compact

# ---- direction ------------------------------------------------------------------------------------------
BOTH_SIDES = [
    # a state of the position: "be long ... be short", "stay short"
    "If the 5 EMA is above the 13 EMA, be long; if it is below, be short.",
    "Be long when the close is above the 50-day SMA and be short when it is below.",
    "Stay long while RSI(10) is over 55, and stay short while it is under 45.",
    "Remain long while the 20-day ROC is positive; remain short while it is negative.",
    "You should be long above the 100 EMA and be short under it.",
    # plural side nouns at the head of a clause or as labels
    "Longs when MACD > signal, shorts when MACD < signal.",
    "Longs: the close crosses above the 20-day EMA. Shorts: the close crosses below the 20-day EMA.",
    "Longs if CCI(20) rises above 100; shorts if it falls below -100.",
    "longs on a close above the 55-day high, shorts on a close below the 55-day low",
    # both directions
    "Rules (both directions): buy when the 7-day SMA is above the 30-day SMA, sell when it is below.",
    "The system trades in both directions: buy when ROC(10) is positive and sell when it is negative.",
    "Trade both sides: go long when the 10 EMA crosses over the 30 EMA, and sell when it crosses under.",
    "The rule works in either direction: buy when the close breaks the 20-day high, sell when it breaks the 20-day low.",
    "Both directions: buy when RSI(2) < 10, sell when RSI(2) > 90.",
    # the short side named as the opposite, or opened in the passive
    "Buy when the 10-day SMA is above the 50-day SMA. Short signals are the exact opposite.",
    "Go long when the stochastic %K crosses above 20. Short setups are the mirror image.",
    "A long is opened when the 9 EMA crosses above the 21 EMA and a short is opened when it crosses below.",
    "Longs are triggered when RSI(14) rises above 60; shorts are opened when RSI(14) sinks below 40.",
]


@pytest.mark.parametrize("text", BOTH_SIDES)
def test_both_sides_stated(spec_of, text):
    spec = spec_of(text)
    assert spec.direction == "long_short"
    assert spec.entry is not None and spec.short_entry is not None


SHORT_ONLY = [
    ("The strategy shorts the market when the close is below the 100-day EMA and covers when it is above.",
     "S[close < ema(100) ; close > ema(100)]"),
    ("The system shorts QQQ when RSI(2) is above 95 and covers when RSI(2) is below 50.", "S[rsi(2) > 95 ; rsi(2) < 50]"),
    ("Our model shorts the index once the 10-day SMA crosses below the 40-day SMA; it covers on the cross back above.",
     "S[sma(10) xb sma(40) ; sma(10) xa sma(40)]"),
    ("We only take short trades: enter when the 10 EMA crosses below the 40 EMA, exit when it crosses back above.",
     "S[ema(10) xb ema(40) ; ema(10) xa ema(40)]"),
    ("Short trades only. Enter when RSI(3) rises above 90; exit when it falls below 40.", "S[rsi(3) xa 90 ; rsi(3) xb 40]"),
    ("Only short positions are taken. Entry: the close is above the upper Bollinger band (20, 2). Exit: the close is below the middle band.",
     "S[close > bbands(2,20).upper ; close < bbands(2,20).middle]"),
    ("The system only trades the short side. Enter once CCI(14) is above 150 and exit once it is below 0.",
     "S[cci(14) > 150 ; cci(14) < 0]"),
    # a buy-back in a text that shorts and never names a long closes the short
    ("Sell short when the 14-day CCI is above 200. Buy back when it drops below 0.", "S[cci(14) > 200 ; cci(14) xb 0]"),
    ("Short the stock when RSI(5) climbs over 85 and buy it back when RSI(5) dips under 40.", "S[rsi(5) xa 85 ; rsi(5) xb 40]"),
]


@pytest.mark.parametrize("text, expected", SHORT_ONLY)
def test_short_only(spec_of, text, expected):
    spec = spec_of(text)
    assert spec.direction == "short_only"
    assert compact(spec) == expected


LONG_ONLY = [
    "Buy when RSI(2) is below 10. Sell when RSI(2) is above 70. Short selling is not part of the strategy.",
    "Buy when the 20 EMA crosses above the 50 EMA and sell when it crosses below; shorting is not part of the plan.",
    "Buy when the close is above the 200-day SMA; sell when it drops below. The short-term trend does not matter.",
    # a buy-back after stepping aside re-enters the long
    "Buy when RSI(2) < 10 and sell when RSI(2) > 70; buy back when RSI(2) is under 10 again.",
    # short-only funds named as others' products are no side of this text
    "Buy when the 20-day ROC is positive and sell when it is negative. Short-only funds did worse over the period.",
]


@pytest.mark.parametrize("text", LONG_ONLY)
def test_long_only_stays_long(spec_of, text):
    assert spec_of(text).direction == "long_only"


@pytest.mark.parametrize("norm, expected", [
    ("short trades only.", True), ("we only take short positions", True), ("the system only trades the short side", True),
    ("a short-only system", True), ("no long trades are taken", True),
    ("we take short and long trades", False), ("longs only", False), ("the short-term trend only", False),
])
def test_short_only_cue(norm, expected):
    assert cues.short_only(norm) is expected


# ---- the words that open and close a position -----------------------------------------------------------
EXIT_WORDS = [
    "Take the position off when RSI(2) > 70.",
    "Unwind the trade when RSI(2) > 70.",
    "Leave the market when RSI(2) > 70.",
    "Square the position when RSI(2) > 70.",
    "Bank the gain when RSI(2) > 70.",
    "Dump the shares when RSI(2) > 70.",
    "Stand aside when RSI(2) > 70.",
    "Closing rule: RSI(2) > 70.",
    "Profit is taken when RSI(2) > 70.",
    "Cash out when RSI(2) > 70.",
    "Go to the sidelines when RSI(2) > 70.",
    "Profits are booked once RSI(2) > 70.",
    "We move to the sidelines if RSI(2) > 70.",
]


@pytest.mark.parametrize("exit_", EXIT_WORDS)
def test_exit_words_keep_the_exit_level(spec_of, exit_):
    # the exit's own level (70) is read, never replaced by the entry's reversal (RSI above 10)
    assert compact(spec_of("Buy when RSI(2) < 10. " + exit_)) == "L[rsi(2) < 10 ; rsi(2) > 70]"


ENTRY_WORDS = [
    "Invest when RSI(2) < 10.",
    "Pick up shares when RSI(2) < 10.",
    "Take a position when RSI(2) < 10.",
    "Initiate a trade when RSI(2) < 10.",
    "Get into the market when RSI(2) < 10.",
    "Scoop up the stock when RSI(2) < 10.",
    "Be invested when RSI(2) < 10.",
    "Step in when RSI(2) < 10.",
    "Load up when RSI(2) < 10.",
    "Opening rule: RSI(2) < 10.",
    "Entry when RSI(2) < 10.",
    "Longs are triggered when RSI(2) < 10.",
]


@pytest.mark.parametrize("entry", ENTRY_WORDS)
def test_entry_words_open_a_long(spec_of, entry):
    assert compact(spec_of(entry + " Sell when RSI(2) > 70.")) == "L[rsi(2) < 10 ; rsi(2) > 70]"


@pytest.mark.parametrize("text, expected", [
    ("Exit when RSI(2) closes above 70. Entry when RSI(2) closes below 10 and the close is above the 200-day SMA.",
     "L[(rsi(2) < 10 & close > sma(200)) ; rsi(2) > 70]"),
    ("Entry when the 20 EMA crosses above the 50 EMA.", "L[ema(20) xa ema(50) ; ema(20) xb ema(50)]"),
    ("Take a short position when RSI(2) > 90. Cover when RSI(2) < 50.", "S[rsi(2) > 90 ; rsi(2) < 50]"),
    ("Monthly bars: invest when the 12-month ROC is positive, move to cash when it is negative.", "L[roc(12) > 0 ; roc(12) < 0]"),
    ("Be fully invested if the close is above the 10-month SMA; otherwise hold cash.", "L[close > sma(10) ; close < sma(10)]"),
])
def test_entry_words_in_context(spec_of, text, expected):
    assert compact(spec_of(text)) == expected


# ---- levels ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Buy when CCI(14) goes under minus 100; sell when it goes over plus 100.", "L[cci(14) xb -100 ; cci(14) xa 100]"),
    ("Buy when Williams %R(10) is below minus 90 and sell when it is above minus 10.", "L[willr(10) < -90 ; willr(10) > -10]"),
    ("If the CCI(20) drops beneath minus 150, buy. If it rises past 0, sell.", "L[cci(20) xb -150 ; cci(20) xa 0]"),
    ("Enter long when %R(14) crosses above minus eighty; exit when it crosses below minus twenty.",
     "L[willr(14) xa -80 ; willr(14) xb -20]"),
    ("Buy when the 10-day CMO is lower than minus 50.", "L[cmo(10) < -50 ; cmo(10) > -50]"),
])
def test_levels_spelled_with_minus(spec_of, text, expected):
    assert compact(spec_of(text)) == expected


def test_a_minus_month_stays_a_window(spec_of):
    # "12 minus 1 month momentum" is a look-back, never a level of -1
    assert compact(spec_of("Buy when the 12 minus 1 month momentum is positive.")) == "L[roc(12) > 0 ; roc(12) < 0]"


# ---- a platform's timeframe code ------------------------------------------------------------------------
@pytest.mark.parametrize("text, freq", [
    ("Using the W1 timeframe, buy when the MACD crosses above its signal line.", "weekly"),
    ("Timeframe: W1. Buy when RSI(14) < 30.", "weekly"),
    ("Use the 1W chart: buy when RSI(14) < 30 and sell when RSI(14) > 70.", "weekly"),
    ("W1 candles. Go long when the close crosses above the 20 EMA.", "weekly"),
    ("Chart: D1. Buy when the 8 EMA crosses above the 21 EMA.", "daily"),
    ("Buy when the close is above the 40 SMA (timeframe = W1).", "weekly"),
])
def test_timeframe_codes(spec_of, text, freq):
    assert spec_of(text).frequency == freq


# ---- precision: near no-strategy statements of the same shapes stay refused -------------------------------
NEAR_MISSES = [
    "Many investors pick up shares when the RSI is below 30.",
    "Some traders unwind their positions when the RSI climbs above 70.",
    "The market tends to step in when the RSI is below 30.",
    "Retail traders load up when the stochastic is below 20.",
    "Analysts said investors should be invested when the 50-day SMA is above the 200-day SMA.",
    "Prices can move in both directions after the MACD crosses its signal line.",
    "Should you be short when the close is below the 200-day SMA?",
    "Cash out when RSI(14) hits 70 is what many people do, but is it wise?",
    "We explain how the Williams %R reads: below minus 80 is oversold, above minus 20 is overbought.",
    "The W1 chart of EURUSD shows the RSI below 30.",
    "Take a position when you are confident, not when the RSI tells you to.",
    "Hedge funds tend to short stocks when the 50-day average is below the 200-day average.",
    "The indicator works in both directions: a cross above the signal line is bullish, a cross below bearish.",
    "Short-only funds lost money last year while the index stayed above its 200-day average.",
    "Most traders leave the market when the VIX spikes.",
    "Institutional buyers scoop up shares when the price dips below the 50-day average.",
    "Is it better to be long or short when the MACD histogram is negative?",
    "Longs and shorts both lost money when the RSI stayed near 50 all month.",
    "Profit is what remains when costs are taken out.",
    "Some funds only take short positions in overvalued stocks.",
    "The CCI reading of minus 100 marks the lower edge of the normal range.",
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_stay_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# ---- indicators: the channel's lines, a length after the name, a gate on every trade ----------------------
@pytest.mark.parametrize("text, expected", [
    ("Long: close > upper Donchian(20). Short: close < lower Donchian(20).",
     "L[close > highest(20) ; close < highest(20)] S[close < lowest(20) ; close > lowest(20)]"),
    ("Buy on a close above Donchian(55) high, exit on a close below Donchian(20) low.", "L[close > highest(55) ; close < lowest(20)]"),
    ("Go long when the close crosses above the Donchian (20) upper line; exit when it crosses under the Donchian (10) lower line.",
     "L[close xa highest(20) ; close xb lowest(10)]"),
    ("Buy when close > Donchian(30) upper band and sell when close < Donchian(15) lower band.", "L[close > highest(30) ; close < lowest(15)]"),
    ("If the close breaks the upper Donchian(40), buy; if it breaks the lower Donchian(20), sell.", "L[close xa highest(40) ; close xb lowest(20)]"),
])
def test_donchian_lines_are_highest_and_lowest(spec_of, text, expected):
    assert compact(spec_of(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Buy when the SMA over 10 periods crosses above the SMA over 20 periods.", "L[sma(10) xa sma(20) ; sma(10) xb sma(20)]"),
    ("Buy when the EMA over 8 bars crosses over the EMA over 21 bars; sell on the opposite cross.", "L[ema(8) xa ema(21) ; ema(8) xb ema(21)]"),
    ("Go long when the RSI over 14 days drops below 30.", "L[rsi(14) xb 30 ; rsi(14) xa 30]"),
    ("Sell short when the ATR over 20 sessions is above 3 and the close is below the 50-day SMA.",
     "S[(atr(20) > 3 & close < sma(50)) ; -]"),
    # a level or a line after "over" is no length
    ("Buy when the close is over 50 day SMA.", "L[close > sma(50) ; close < sma(50)]"),
    ("Buy when RSI(2) is below 10 and the close is over 200 day moving average.", "L[(rsi(2) < 10 & close > sma(200)) ; -]"),
])
def test_a_length_after_the_name(spec_of, text, expected):
    assert compact(spec_of(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Only trade when the ADX(14) is above 25. Buy when +DI crosses above -DI.", "L[(plus_di(14) xa minus_di(14) & adx(14) > 25) ; -]"),
    ("Trades are only taken if the ADX is above 25. Buy when the 10 EMA crosses above the 30 EMA.", "L[(ema(10) xa ema(30) & adx() > 25) ; -]"),
    ("Buy when RSI(2) < 10. Only take trades when the close is above the 200-day SMA.", "L[(rsi(2) < 10 & close > sma(200)) ; -]"),
    ("Go short when the 5 EMA crosses below the 20 EMA. Only trade if the CCI(20) is below -50.", "S[(ema(5) xb ema(20) & cci(20) < -50) ; -]"),
    ("Positions are only opened when the ROC(10) is positive. Buy when the close crosses above the 30-day high.",
     "L[(close xa highest(30) & roc(10) > 0) ; -]"),
])
def test_a_gate_on_every_trade_joins_the_entry(spec_of, text, expected):
    assert compact(spec_of(text)) == expected


@pytest.mark.parametrize("text, expected", [
    # an exit's gloss in brackets ("(sells)") is no short side
    ("Buy when the 20 EMA crosses above the 50 EMA. Exit the trade (sell) when it crosses below.", "L[ema(20) xa ema(50) ; ema(20) xb ema(50)]"),
    ("Enter long when RSI(2) < 10. The position is closed (sold) when RSI(2) > 70.", "L[rsi(2) < 10 ; rsi(2) > 70]"),
    ("BUY: when the 9 EMA crosses above the 21 EMA.\nSELL: when the 9 EMA crosses below the 21 EMA.\n- the strategy closes the position (sells)\n"
     "A buy label marks a buy signal and a sell label a sell signal.", "L[ema(9) xa ema(21) ; ema(9) xb ema(21)]"),
    # ... while a side named in brackets still is one
    ("Buy (long) when the close is above the 50 SMA; the opposite (short) when below.",
     "L[close > sma(50) ; close < sma(50)] S[close < sma(50) ; close > sma(50)]"),
    ("Our entry fires when the 3-period RSI sinks below 20. Our exit fires when the 3-period RSI pops above 80.", "L[rsi(3) xb 20 ; rsi(3) xa 80]"),
])
def test_glosses_and_entry_words(spec_of, text, expected):
    assert compact(spec_of(text)) == expected


# ---- an oscillator's zones: leaving one, named as an adjective, an exit at a level line ---------------------
@pytest.mark.parametrize("text, expected", [
    ("Buy when the RSI(14) leaves the oversold zone; sell when it leaves the overbought zone.", "L[rsi(14) xa 30 ; rsi(14) xb 70]"),
    ("Buy when the stochastic leaves the oversold area; sell when it leaves the overbought area.", "L[stoch() xa 20 ; stoch() xb 80]"),
    ("Buy when the RSI(14) moves out of oversold territory (back above 30).", "L[rsi(14) xa 30 ; rsi(14) xb 30]"),
    ("Buy when the Williams %R exits oversold (crosses above -80).", "L[willr() xa -80 ; willr() xb -80]"),
    ("Short when the stochastic drops out of the overbought zone; cover when it enters the oversold zone.", "S[stoch() xb 80 ; stoch() < 20]"),
    ("Enter long as the CCI(20) comes out of oversold. Exit as it moves into overbought.", "L[cci(20) xa -100 ; cci(20) > 100]"),
    ("Go long when the MFI(14) recovers from oversold (rises above 20); sell when it falls out of overbought (below 80).",
     "L[mfi(14) xa 20 ; mfi(14) xb 80]"),
    # entering a zone is its state; "enters" there is no entry cue of its own
    ("Buy when the RSI enters oversold territory; sell when it enters overbought territory.", "L[rsi(14) < 30 ; rsi(14) > 70]"),
])
def test_zone_moves(spec_of, text, expected):
    assert compact(spec_of(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Oversold = 25, overbought = 75; enter long on an oversold RSI(14) and exit on an overbought RSI(14).", "L[rsi(14) < 25 ; rsi(14) > 75]"),
    ("Buy on an oversold stochastic and sell on an overbought stochastic.", "L[stoch() < 20 ; stoch() > 80]"),
    ("Go short on overbought readings of the CCI(20); cover on oversold readings of the CCI(20).", "S[cci(20) > 100 ; cci(20) < -100]"),
    ("Buy when the close is above the 200-day SMA, on an oversold 2-day RSI.", "L[(close > sma(200) & rsi(2) < 30) ; -]"),
    ("Purchase shares upon an oversold MFI(10); sell them upon an overbought MFI(10).", "L[mfi(10) < 20 ; mfi(10) > 80]"),
])
def test_zone_as_an_adjective(spec_of, text, expected):
    assert compact(spec_of(text)) == expected


@pytest.mark.parametrize("text, expected", [
    ("Buy when the RSI(14) is below the 30 level. Sell at the 70 level.", "L[rsi(14) < 30 ; rsi(14) >= 70]"),
    ("Buy when the stochastic is under 20. Exit at the 80 line.", "L[stoch() < 20 ; stoch() >= 80]"),
    ("Go long when RSI(5) dips below 25. Close the position at the 60 mark.", "L[rsi(5) xb 25 ; rsi(5) >= 60]"),
    ("Purchase when the MFI(14) is below 15; exit at the 50 level.", "L[mfi(14) < 15 ; mfi(14) >= 50]"),
    ("Buy when Williams %R(14) is under -90. Sell at the -30 line.", "L[willr(14) < -90 ; willr(14) >= -30]"),
])
def test_an_exit_at_a_level_line(spec_of, text, expected):
    assert compact(spec_of(text)) == expected


# ---- stops, targets and time exits in more words ------------------------------------------------------------
@pytest.mark.parametrize("tail, risk", [
    ("exit at a 1.5% gain or a 3% loss.", "stop_loss=0.03,take_profit=0.015"),
    ("Sell once the position has gained ten percent.", "take_profit=0.1"),
    ("Close the trade on a 6% profit.", "take_profit=0.06"),
    ("Get out after a 4% rise, or at a 2% loss.", "stop_loss=0.02,take_profit=0.04"),
    ("We sell when the shares have risen 12%.", "take_profit=0.12"),
    ("Stop at entry minus 2 times the 10-day ATR.", "atr_stop=2x10"),
    ("Stop = entry - 1.5 x ATR(14).", "atr_stop=1.5x14"),
])
def test_targets_and_stops_in_words(spec_of, tail, risk):
    assert compact(spec_of("Buy when RSI(2) < 5. " + tail)).endswith("risk:" + risk)


@pytest.mark.parametrize("text", [
    # a gain over a period is a report, not a target
    "The stock has gained 10% this year. Buy when RSI(2) < 5 and sell when RSI(2) > 70.",
    "Buy when RSI(2) < 5 and sell when RSI(2) > 70; the index has risen 8% since March.",
    "Buy when RSI(2) < 5 and sell when RSI(2) > 70. Over ten years the rule returned a 9% gain per year.",
])
def test_a_gain_over_a_period_is_no_target(spec_of, text):
    assert spec_of(text).risk.take_profit is None


@pytest.mark.parametrize("text, bars", [
    ("Buy when RSI(2) < 5; exit on the 7th day.", 7),
    ("Buy when RSI(2) < 5 and sell at the close of the 5th session.", 5),
    ("Go long when the close crosses above the 20-day SMA; close the position on the 10th trading day.", 10),
    ("Buy when the 3-day ROC is below -5%. Exit on the 3rd bar.", 3),
    ("Purchase when RSI(3) < 15 and liquidate by the 4th day.", 4),
])
def test_an_exit_on_the_nth_day(spec_of, text, bars):
    assert spec_of(text).risk.max_holding_bars == bars


def test_a_calendar_day_is_no_holding_period(spec_of):
    # "the 3rd trading day of the month" is a date, not a count of bars held
    assert spec_of("Buy when RSI(2) < 5; sell on the 3rd trading day of the month.").risk.max_holding_bars is None


@pytest.mark.parametrize("text, freq", [
    ("The strategy runs on 1-week bars: buy when the close crosses above the 10-bar SMA.", "weekly"),
    ("Period: Monthly. Buy when ROC(12) > 0.", "monthly"),
    ("Chart: weekly. Go long when RSI(14) rises above 50.", "weekly"),
    ("Use 1-month candles and buy when the close is above the 10-bar SMA.", "monthly"),
    ("Data: daily. Buy when RSI(3) < 10.", "daily"),
    # a window after "period:" is no frequency
    ("Buy when the 20-day SMA crosses above the 50-day SMA. Period: 14.", "daily"),
])
def test_frequency_labels(spec_of, text, freq):
    assert spec_of(text).frequency == freq


@pytest.mark.parametrize("text, expected", [
    # a return level in percent is the fraction foa's rate of change is (0.05 is 5%)
    ("Buy when the ROC(12) is above 5% and sell when it is below -5%.", "L[roc(12) > 0.05 ; roc(12) < -0.05]"),
    ("Buy when the 5-day rate of change is below -4%.", "L[roc(5) < -0.04 ; roc(5) > -0.04]"),
    ("Buy when the ROC(20) exceeds 3 percent; sell when the ROC(20) falls below 0.", "L[roc(20) > 0.03 ; roc(20) xb 0]"),
    ("Short when the 10-day ROC drops under -2.5%; cover when it is back above 0.", "S[roc(10) xb -0.025 ; roc(10) > 0]"),
    ("Go long if the 3-month rate of change is greater than 10%.", "L[roc(3) > 0.1 ; roc(3) < 0.1]"),
])
def test_return_levels_in_percent(spec_of, text, expected):
    assert compact(spec_of(text)) == expected


@pytest.mark.parametrize("tail", [
    "Take half the position off at a 10% gain.",
    "Move the stop to breakeven after a 2% gain.",
    "Scale out at a 5% gain.",
    "Sell a third of the shares once the position has gained 8%.",
    "Trail the stop after a 4% gain.",
])
def test_a_gain_that_closes_part_or_moves_the_stop_is_no_target(spec_of, tail):
    assert spec_of("Buy when RSI(2) < 5. " + tail).risk.take_profit is None


# ---- more ways to state both sides ----------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "EURUSD: buy when the 8 EMA crosses above the 21 EMA, sell when it crosses below. Close the buy when a sell signal appears and vice versa.",
    "Buy above the 100 EMA, sell below the 100 EMA; the EA always holds either a buy or a sell.",
    "Buy orders are placed when the stochastic crosses above 20; sell orders are placed when it crosses below 80.",
    "We are long when the 10-week SMA is above the 30-week SMA and short otherwise.",
    "Long while RSI(14) > 50, short while RSI(14) < 50.",
    "The strategy alternates between long and short: long while ROC(20) > 0, short while ROC(20) < 0.",
    "Be long while the 5-day EMA is above the 20-day EMA, and short while it is below.",
])
def test_more_both_sides(spec_of, text):
    assert spec_of(text).direction == "long_short"


@pytest.mark.parametrize("text, expected", [
    ("We stay long while the close is above the 50 SMA and flat while it is below.", "long_only"),
    ("Be short while the 10 EMA is under the 30 EMA.", "short_only"),
    ("Buy when the 8 EMA crosses above the 21 EMA and sell when it crosses below; close the position on the opposite signal.", "long_only"),
])
def test_a_side_held_while_a_state_lasts(spec_of, text, expected):
    assert spec_of(text).direction == expected
