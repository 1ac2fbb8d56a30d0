"""Robustness over wording: one rule written the ways different authors write it (forum post, blog, numbered
rules, "Entry:/Exit:" lists, passive voice, "if ... then", future tense, conditions in a separate sentence,
typos, British spelling, numbers as words, symbols or words for comparators), over the common families
(RSI levels, MACD crosses and zero line, moving-average crosses, Bollinger bands, N-day breakouts,
stochastics, ROC, ATR and percent stops, time exits). All sentences are written for these tests.

Each case gives the rule in a compact form: ``L[entry ; exit]`` for the long side, ``S[...]`` for the short
side, ``xa``/``xb`` for crosses above/below, ``-`` for no rule, then the risk fields. A rule with no exit of
its own is closed on the entry's opposite (the offline reader's documented default). Cases the reader still
gets wrong are marked ``xfail(strict=True)`` with what it does instead, so a fix shows up as a pass.
"""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from tests.extract.offline.helpers import compact

def test_compact_reads_a_spec(spec_of):
    spec = spec_of("Buy when RSI(14) drops below 30. Sell when it rises above 70. Use a 2% stop loss.")
    assert compact(spec) == "L[rsi(14) xb 30 ; rsi(14) xa 70] risk:stop_loss=0.02"


def _wrong(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


RULES = [
    # ---- RSI levels ----------------------------------------------------------------------------------
    ("I go long when the 14-period RSI dips under 30 and I close the trade once it climbs over 70.", "L[rsi(14) xb 30 ; rsi(14) xa 70]"),
    ("Entry: RSI(2) below 10\nExit: RSI(2) above 90", "L[rsi(2) < 10 ; rsi(2) > 90]"),
    ("We will buy when the RSI falls below thirty and sell when it rises above seventy.", "L[rsi(14) xb 30 ; rsi(14) xa 70]"),
    ("If RSI(14) < 25 then buy. If RSI(14) > 60 then sell.", "L[rsi(14) < 25 ; rsi(14) > 60]"),
    ("Buy the close if the 5 day RSI is less than or equal to 20. Sell at the close when RSI(5) is greater than or equal to 50.",
     "L[rsi(5) <= 20 ; rsi(5) >= 50]"),
    ("Go short when RSI(14) moves above 75; cover when it drops back below 50.", "S[rsi(14) xa 75 ; rsi(14) xb 50]"),
    ("Rules:\n1. Buy when RSI(3) closes under 15.\n2. Sell when RSI(3) closes over 85.", "L[rsi(3) < 15 ; rsi(3) > 85]"),
    ("Simple one: RSI 14 crosses below 30 = buy, RSI 14 crosses above 70 = sell.", "L[rsi(14) xb 30 ; rsi(14) xa 70]"),
    ("When the relative strength index drops beneath 35 we enter long, and we exit when it rises past 65.", "L[rsi(14) xb 35 ; rsi(14) xa 65]"),
    ("Purchase shares whenever RSI(10) is below 40; liquidate whenever RSI(10) exceeds 60.", "L[rsi(10) < 40 ; rsi(10) > 60]"),
    ("Buy when RSI(current bar) is below 30. Sell when RSI is above 70.", "L[rsi(14) < 30 ; rsi(14) > 70]"),
    ("buy when rsi 14 < 30, sell when rsi 14 > 70, sl 2%", "L[rsi(14) < 30 ; rsi(14) > 70] risk:stop_loss=0.02"),
    ("Conditions: RSI(14) below 30. Action: buy. Conditions: RSI(14) above 70. Action: sell.", "L[rsi(14) < 30 ; rsi(14) > 70]"),
    # comparative adjectives and inclusive bounds in words ("larger than", "lower or equal to")
    ("Long positions are opened when the RSI is lower or equal to 30 and closed when the RSI is larger than 55.",
     "L[rsi(14) <= 30 ; rsi(14) > 55]"),
    ("Buy when RSI(7) is smaller than 20 and sell when RSI(7) is bigger than or equal to 80.", "L[rsi(7) < 20 ; rsi(7) >= 80]"),
    ("Buy when the close is larger than the 100-day EMA, sell when it is lower than the 100-day EMA.", "L[close > ema(100) ; close < ema(100)]"),
    ("Go long if the 10-day SMA is bigger than the 30-day SMA.", "L[sma(10) > sma(30) ; sma(10) < sma(30)]"),
    ("Enter when RSI(4) is smaller or equal to 15; exit when RSI(4) is greater or equal to 55.", "L[rsi(4) <= 15 ; rsi(4) >= 55]"),
    # "it" against the line the clause compared another line with is that other line, never the price
    ("The strategy buys when the 20 day EMA is greater than the 50 day EMA and sells when it becomes smaller than the 50 day EMA.",
     "L[ema(20) > ema(50) ; ema(20) < ema(50)]"),
    ("Buy when the 20 day EMA is above the 50 day EMA; sell when it gets below the 50 day EMA.", "L[ema(20) > ema(50) ; ema(20) xb ema(50)]"),
    ("Buy when the price crosses above the 50 SMA; sell when it crosses below the 50 SMA.", "L[close xa sma(50) ; close xb sma(50)]"),
    # ---- MACD ----------------------------------------------------------------------------------------
    ("Buy when the MACD line crosses above the signal line and sell when it crosses below the signal line.",
     "L[macd().macd xa macd().signal ; macd().macd xb macd().signal]"),
    ("Go long when MACD crosses over zero. Exit when MACD crosses under zero.", "L[macd().macd xa 0 ; macd().macd xb 0]"),
    ("A long trade is entered when the MACD histogram turns positive and is closed when the histogram turns negative.",
     "L[macd().hist > 0 ; macd().hist < 0]"),
    ("we buy on a bullish MACD crosover (MACD above signal) and sell on the bearish one.",
     "L[macd().macd > macd().signal ; macd().macd < macd().signal]"),
    ("Enter long if MACD(12,26,9) is above its signal line. Exit long if MACD is below its signal line.",
     "L[macd(12,9,26).macd > macd(12,9,26).signal ; macd(12,9,26).macd < macd(12,9,26).signal]"),
    # an oscillator's centre line is its middle level (MACD, ROC, CCI: zero; RSI: 50)
    ("Sell short when the MACD histogram falls below the centre line; buy to cover when it rises above the centre line.",
     "S[macd().hist xb 0 ; macd().hist xa 0]"),
    ("Buy when the MACD histogram rises above the center line.", "L[macd().hist xa 0 ; macd().hist xb 0]"),
    ("Go long when the RSI crosses above its centre line and exit when the RSI falls under the center line.", "L[rsi(14) xa 50 ; rsi(14) xb 50]"),
    ("Buy when the 12-day ROC moves above the centerline.", "L[roc(12) xa 0 ; roc(12) xb 0]"),
    ("Go long when the CCI crosses above the mid-line.", "L[cci() xa 0 ; cci() xb 0]"),
    # ---- moving averages -----------------------------------------------------------------------------
    ("Buy when the 50-day moving average crosses above the 200-day moving average (golden cross); sell on the death cross, "
     "when the 50-day crosses back below the 200-day.", "L[sma(50) xa sma(200) ; sma(50) xb sma(200)]"),
    ("The fast EMA (9) crossing over the slow EMA (21) is our buy signal. The reverse crossover is the sell signal.",
     "L[ema(9) xa ema(21) ; ema(9) xb ema(21)]"),
    ("Go long when price closes above the 200 day SMA. Go to cash when price closes below it.", "L[close > sma(200) ; close < sma(200)]"),
    ("Long when the 20 EMA is above the 50 EMA, flat otherwise.", "L[ema(20) > ema(50) ; ema(20) < ema(50)]"),
    ("We will enter a long position when the 10-day SMA rises above the 30-day SMA and we will exit when it falls below.",
     "L[sma(10) xa sma(30) ; sma(10) xb sma(30)]"),
    ("Own the stock only while it trades above its 10-month moving average; otherwise hold cash.", "L[close > sma(10) ; close < sma(10)]"),
    ("Shares are bought when the price crosses above the 50 day moving average and sold when the price crosses below it.",
     "L[close xa sma(50) ; close xb sma(50)]"),
    ("Price > 200 SMA -> long. Price < 200 SMA -> exit.", "L[close > sma(200) ; close < sma(200)]"),
    ("Short when the 5 EMA crosses under the 20 EMA; cover when the 5 EMA crosses back over the 20 EMA.", "S[ema(5) xb ema(20) ; ema(5) xa ema(20)]"),
    ("Enter a long position when the fast MA (10) crosses above the slow MA (40). Exit when the fast MA crosses below the slow MA.",
     "L[sma(10) xa sma(40) ; sma(10) xb sma(40)]"),
    ("Buy when the 10 day moving avarage croses above the 30 day moving avarage.", "L[sma(10) xa sma(30) ; sma(10) xb sma(30)]"),
    ("Buying happens when the 50 EMA crosses above the 200 EMA.", "L[ema(50) xa ema(200) ; ema(50) xb ema(200)]"),
    # a requirement in its own sentence beside the entry is part of that entry
    ("Buy when the 10-day SMA is above the 50-day SMA. The RSI(14) must be below 40.", "L[(sma(10) > sma(50) & rsi(14) < 40) ; -]"),
    ("Go long when the close crosses above the 20-day EMA. RSI(2) has to be under 30 as well.", "L[(close xa ema(20) & rsi(2) < 30) ; -]"),
    ("The ADX should be above 25. Enter long when the 9 EMA crosses over the 21 EMA.", "L[(ema(9) xa ema(21) & adx() > 25) ; -]"),
    ("Short when the 5 EMA crosses below the 20 EMA. The RSI needs to be above 60.", "S[(ema(5) xb ema(20) & rsi(14) > 60) ; -]"),
    ("We buy when the close is above the 100-day SMA. In addition the 14-day ROC must be positive.", "L[(close > sma(100) & roc(14) > 0) ; -]"),
    # ---- Bollinger bands -----------------------------------------------------------------------------
    ("Buy when the price touches the lower Bollinger Band and sell when it touches the upper band.",
     "L[close <= bbands(2,20).lower ; close >= bbands(2,20).upper]"),
    ("Entry: close under lower BB(20,2). Exit: close over the middle band.", "L[close < bbands(2,20).lower ; close > bbands(2,20).middle]"),
    ("Buy when the price is more than 2 standard deviations below the 20-day average.",
     "L[close < bbands(2,20).lower ; close > bbands(2,20).lower]"),
    ("Short when the close is 2.5 standard deviations above its 50-day moving average.",
     "S[close > bbands(2.5,50).upper ; close < bbands(2.5,50).upper]"),
    ("Buy when the close is at least 1.5 sd under the 10 day mean.", "L[close < bbands(1.5,10).lower ; close > bbands(1.5,10).lower]"),
    pytest.param("When price closes outside the upper Bollinger Band we go short, and we cover when it comes back to the middle band.",
     "S[close > bbands(2,20).upper ; close <= bbands(2,20).middle]", marks=_wrong("a short's cover 'comes back to the middle band' read as close >= middle")),
    ("Buy when the close is outside the lower Bollinger band; sell when it reaches the middle band.",
     "L[close < bbands(2,20).lower ; close >= bbands(2,20).middle]"),
    ("Go long when the candle closes outside of the lower band (20, 2).", "L[close < bbands(2,20).lower ; close > bbands(2,20).lower]"),
    # ---- breakouts -----------------------------------------------------------------------------------
    ("Go long on a new 55-day high and exit on a new 20-day low.", "L[close >= highest(55) ; close <= lowest(20)]"),
    ("Enter long when the close exceeds the highest high of the last 20 days; exit when the close drops below the lowest low of the last 10 days.",
     "L[close > highest(20) ; close xb lowest(10)]"),
    ("Buy when the price breaks above the 20-day high. Sell when it breaks below the 10-day low.", "L[close xa highest(20) ; close xb lowest(10)]"),
    pytest.param("Buy if today's close is the highest close in 50 days.",
     "L[close >= highest(50){close} ; -]", marks=_wrong("'the highest close' read as the highest high (no input)")),
    ("Short when the price is the lowest low of the past 20 sessions; cover when it is the highest high of the past 10 sessions.",
     "S[close <= lowest(20) ; close >= highest(10)]"),
    # ---- stochastics and ROC / momentum --------------------------------------------------------------
    ("Buy when the stochastic %K crosses above 20 and sell when it crosses below 80.", "L[stoch().slowk xa 20 ; stoch().slowk xb 80]"),
    ("Enter long when %K crosses above %D below 20.", "L[(stoch().slowk xa stoch().slowd & stoch().slowk < 20) ; -]"),
    ("Go long when the stocastic is below 20.", "L[stoch() < 20 ; stoch() > 20]"),
    ("Buy when the 12-month rate of change is positive; sell when it turns negative.", "L[roc(12) > 0 ; roc(12) < 0]"),
    ("Go long if the 10-day ROC crosses above zero, exit when it crosses below zero.", "L[roc(10) xa 0 ; roc(10) xb 0]"),
    ("Enter when ROC(20) > 5. Exit when ROC(20) < 0.", "L[roc(20) > 5 ; roc(20) < 0]"),
    # ---- ATR stops -----------------------------------------------------------------------------------
    ("Buy when the 20-day SMA crosses above the 50-day SMA. Place a stop loss 2 ATR below the entry price.",
     "L[sma(20) xa sma(50) ; sma(20) xb sma(50)] risk:atr_stop=2x14"),
    ("Go long on a close above the 200 day SMA, with a stop at 3 x ATR(14).", "L[close > sma(200) ; close < sma(200)] risk:atr_stop=3x14"),
    # a multiple in words, and a stop stated as a bare number of ATRs (the number is the multiple, not the window)
    ("Buy when RSI(2) is below 10. The stop is set at twice the 10-day ATR under the entry.", "L[rsi(2) < 10 ; rsi(2) > 10] risk:atr_stop=2x10"),
    ("Go long when the 20 EMA crosses above the 50 EMA; stop loss at triple the ATR below the entry.",
     "L[ema(20) xa ema(50) ; ema(20) xb ema(50)] risk:atr_stop=3x14"),
    ("Initial stop: 1.5 ATR. Entry: close crosses above the 20-day EMA.", "L[close xa ema(20) ; close xb ema(20)] risk:atr_stop=1.5x14"),
    ("Buy when the close crosses above the 20-day EMA. Initial stop 2 ATR.", "L[close xa ema(20) ; close xb ema(20)] risk:atr_stop=2x14"),
    ("Buy when RSI(2) crosses below 10; stop loss = 3 ATR(20).", "L[rsi(2) xb 10 ; rsi(2) xa 10] risk:atr_stop=3x20"),
    # ---- percent stops and targets -------------------------------------------------------------------
    ("Buy when the 50 SMA crosses above the 200 SMA. Stop loss 5%, take profit 10%.",
     "L[sma(50) xa sma(200) ; sma(50) xb sma(200)] risk:stop_loss=0.05,take_profit=0.1"),
    ("Go long when RSI(14) drops below 30. We use a 3 percent stop-loss and a 6 percent profit target.",
     "L[rsi(14) xb 30 ; rsi(14) xa 30] risk:stop_loss=0.03,take_profit=0.06"),
    ("Enter long when price closes above the 20-day high. Exit with a trailing stop of 8%.",
     "L[close > highest(20) ; close < highest(20)] risk:trailing_stop=0.08"),
    ("Buy when the 10 EMA crosses the 30 EMA from below. Stop-loss: 2%. Target: 4%.",
     "L[ema(10) xa ema(30) ; ema(10) xb ema(30)] risk:stop_loss=0.02,take_profit=0.04"),
    # a stop stated in the passive ("are sold if the price falls 7% below ...")
    ("Shares are purchased when RSI(5) is under 20 and are sold if the price falls 7% below the purchase price.",
     "L[rsi(5) < 20 ; rsi(5) > 20] risk:stop_loss=0.07"),
    ("Shares are bought when RSI(5) is under 20. They are sold if the price falls 7% below the purchase price.",
     "L[rsi(5) < 20 ; rsi(5) > 20] risk:stop_loss=0.07"),
    ("Go long when the 20-day SMA is above the 100-day SMA; take profits at +15% and cut losses at -5%.",
     "L[sma(20) > sma(100) ; sma(20) < sma(100)] risk:stop_loss=0.05,take_profit=0.15"),
    # ---- time exits ----------------------------------------------------------------------------------
    ("Buy when RSI(2) falls below 5 and exit after 5 days.", "L[rsi(2) xb 5 ; -] risk:max_holding_bars=5"),
    ("Go long when the close crosses above the 10-day SMA. Close the position after ten trading days.",
     "L[close xa sma(10) ; -] risk:max_holding_bars=10"),
    ("Enter long when RSI(3) is below 20; hold for 3 bars and then exit.", "L[rsi(3) < 20 ; -] risk:max_holding_bars=3"),
    ("We buy when the 5-day ROC is below -5 and sell 4 days later.", "L[roc(5) < -5 ; -] risk:max_holding_bars=4"),
    # ---- passive exits, other languages, a candle's colour --------------------------------------------
    ("Entries happen when the 8-period EMA crosses above the 21-period EMA, exits when it crosses back below.",
     "L[ema(8) xa ema(21) ; ema(8) xb ema(21)]"),
    ("Entries are taken when RSI(2) is below 5; exits when RSI(2) is above 60.", "L[rsi(2) < 5 ; rsi(2) > 60]"),
    ("Positions are opened when RSI(2) drops below 10 and are exited when RSI(2) rises above 70.", "L[rsi(2) xb 10 ; rsi(2) xa 70]"),
    ("Regra de entrada: comprar quando o RSI(14) ficar abaixo de 30. Regra de saída: vender quando o RSI(14) ficar acima de 70.",
     "L[rsi(14) < 30 ; rsi(14) > 70]"),
    ("Comprar quando o RSI(14) estiver abaixo de 30 e vender quando o RSI(14) estiver acima de 70.", "L[rsi(14) < 30 ; rsi(14) > 70]"),
    ("Sell when the candle closes bearish. Buy when the 20-day SMA crosses above the 50-day SMA.", "L[sma(20) xa sma(50) ; close < open]"),
    ("Buy when the 20-day SMA crosses above the 50-day SMA. Sell on the first bearish candle.", "L[sma(20) xa sma(50) ; close < open]"),
    ("Buy SPY when its RSI(2) is below 10, sell it when the close is above the 5-day SMA.", "L[rsi(2) < 10 ; close > sma(5)]"),
]


@pytest.mark.parametrize("text, expected", RULES)
def test_rule_wordings(spec_of, text, expected):
    assert compact(spec_of(text)) == expected


# texts with no rule of their own, in the same shapes: tutorial, commentary, hearsay and habit, questions
NO_RULE = [
    "The RSI is a momentum oscillator that moves between 0 and 100.",
    "Many traders consider an RSI reading below 30 to be oversold.",
    "Investors typically buy after an outside bar.",
    "Traders usually go long after an inside bar breaks to the upside.",
    "Chartists often sell when a bearish engulfing candle appears.",
    "Some people sell when the MACD crosses below its signal line, but this often gives false signals.",
    "Should I buy when the 50-day moving average crosses above the 200-day?",
    "The golden cross happened last week on the S&P 500, and analysts expect more gains.",
    "Bollinger Bands consist of a middle band and two outer bands two standard deviations away.",
    "Is it a good idea to sell when RSI goes above 70?",
    "A stop loss is an order to sell a security when it reaches a certain price.",
    "Yesterday the stock closed above its 200-day moving average for the first time since March.",
    "In this tutorial we explain how the stochastic oscillator is calculated.",
    "Traders often say you should buy the dip when the price touches the lower band.",
    "Chartists usually go long when the MACD crosses above its signal line.",
    "Investors tend to sell when RSI exceeds 70.",
    "According to the book, traders buy when a bullish engulfing pattern appears.",
    "According to some analysts, you buy when the 50-day average crosses the 200-day average.",
    "The Donchian channel plots the highest high and the lowest low of the last 20 periods.",
    "The ATR measures volatility; a higher ATR means wider price swings.",
    "Past performance is no guarantee of future results; you could lose money buying stocks.",
    "What happens if the MACD histogram turns negative while the price keeps rising?",
    "The 50-day EMA crossed below the 200-day EMA on Tuesday, a bearish sign according to commentators.",
    "Momentum investing means buying assets that have gone up recently.",
    "If you had bought Apple ten years ago you would have made a fortune.",
    "Rate of change is calculated as the percent change between the current close and the close n periods ago.",
]


@pytest.mark.parametrize("text", NO_RULE)
def test_no_rule_stays_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# a habit told of others is no rule; the same rule stated as one's own still is
@pytest.mark.parametrize("text", [
    "Buy after an outside bar. Sell after 3 days.",
    "We buy when RSI exceeds 70 and sell when it drops below 50.",
    "Most often we buy when RSI(2) is below 10 and sell when it is above 70.",
])
def test_own_rule_beside_habit_words_still_read(spec_of, text):
    assert spec_of(text).entry is not None
