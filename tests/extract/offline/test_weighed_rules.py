"""A rule the author reports and weighs is no strategy of theirs: a rule quoted for what it says now ("the 10-month
rule says we should sell"), a result it "would have given", a question put to the reader ("should we now sell?").
A chart's relative-strength line is no ranking. Each class is checked on sentences written for these tests, beside
near cases whose rule the author states and keeps.
"""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.extract.offline.locate import secondhand


@pytest.mark.parametrize("text", [
    "The 10-month average rule says we should now sell shares. But should we follow it?\n"
    "The index fell below its 10-month moving average last week, which raises the question: should we sell now?\n"
    "An economist showed that buying when the index was above its 10-month average and selling below it would have "
    "given better returns than holding since 1920.",
    "Is it time to get out? The 200-day rule says investors should sell when the index closes under its 200-day average.\n"
    "Does the rule still work today?",
    "A strategist argued that the golden cross system told traders to buy in March. Did it?\n"
    "Buying each time the 50-day SMA crossed above the 200-day SMA would have delivered 7% a year.",
    "Should you sell when the RSI goes above 70?\nThat classic signal suggests caution, but it fails in strong trends.",
    "The trend model said to exit once the close dropped below its 40-week average. Should we listen?",
])
def test_a_reported_and_questioned_rule_is_no_strategy(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


@pytest.mark.parametrize("sentence", [
    "Should we now sell equities?",
    "The 12-month rule says we should be in cash.",
    "His system told him to buy the breakout.",
    "That rule would have produced higher returns since 1950.",
    "Her model suggested a sell when the close fell under the 100-day average.",
])
def test_reported_sentences_are_secondhand(sentence):
    assert secondhand(sentence)


@pytest.mark.parametrize("text, window", [
    ("The 10-month rule works for me. Rules: buy SPY when the close is above the 10-month SMA; sell when it is below.", 10),
    ("Should you use the 200-day SMA? Yes. Buy QQQ when the close crosses above the 200-day SMA and sell when it crosses "
     "below it. We backtested it from 2000.", 200),
    ("Our rule says: buy IWM when the 20-day EMA crosses above the 50-day EMA; exit on the cross back.", 50),
])
def test_a_rule_the_author_states_stays(spec_of, text, window):
    spec = spec_of(text)
    assert spec.entry is not None
    assert f"({window})" in str(spec.entry)


# --- a relative-strength line is a chart line, never a ranking -------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Look for stocks breaking down. A falling relative strength line confirms the weakness; volume should expand.",
    "The relative strength line against the S&P should be in a downtrend before you consider the setup.",
    "Watch the relative strength chart: a lower high there warns that the stock is rolling over.",
    "A declining relative strength plot and a bearish point and figure pattern are further clues.",
    "Traders look at the relative strength lines of the leaders to judge the tape.",
])
def test_relative_strength_line_is_no_ranking(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


@pytest.mark.parametrize("text", [
    "Each month rank the sector ETFs XLK, XLF, XLE, XLV and XLU by relative strength over 6 months and hold the top 2.",
    "Rank SPY, EFA, EEM and TLT by relative strength over the past 12 months every month and hold the top 2.",
])
def test_relative_strength_ranking_stays(spec_of, text):
    assert spec_of(text).ranking is not None


# --- options offered to a trader, what a chart showed, a screener's menu, a display's colour legend -----------------


@pytest.mark.parametrize("text", [
    "Stocks trading under a moving average for several days could be a good place to look for shorts. A trader looking "
    "for a bearish trade could open a short position and place a buy-stop just above the 10-day SMA. Setting that stop "
    "could be part of an exit plan.",
    "An investor wanting exposure might buy the index when it holds above its 50-day SMA. The average could serve as a floor.",
    "In this chart the stock actually rebounded quickly after breaking its 50-day SMA. The 20-day EMA ended up becoming "
    "resistance. The share price then fell below the 20-day EMA.",
    "Scans:\nBullish Cross - Stocks where the 20-day EMA rises above the 50-day EMA\nBearish Cross - Stocks where the "
    "20-day EMA falls below the 50-day EMA\nOversold - Stocks which have an RSI(14) below 30",
    "The panel displays arrows for the MACD and the RSI (green = bullish, red = bearish) and the close above or below "
    "today's open for long and short trades.",
])
def test_options_narratives_menus_and_legends_are_no_strategy(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


@pytest.mark.parametrize("text", [
    "I short QQQ when the close drops below the 10-day SMA and place a buy-stop above the 10-day SMA to cover.",
    "Rules: buy stocks where the 20-day EMA rises above the 50-day EMA; sell when it falls below.",
    "The stock rebounded after the cross, as it often does. Our rule: buy SPY when the close crosses above the 50-day SMA; "
    "sell when it crosses below.",
])
def test_stated_rules_beside_them_stay(spec_of, text):
    assert spec_of(text).entry is not None or spec_of(text).short_entry is not None


# --- a taste for buy and hold told about oneself names no holding ----------------------------------------------------


@pytest.mark.parametrize("text", [
    "I am mostly a passive investor who likes to buy and hold equities. Readers keep asking me about trend rules.",
    "My father preferred to buy and hold stocks, and he never looked at a chart.",
    "Most of my friends tend to buy and hold shares for decades without any rule.",
    "As someone who used to buy and hold index funds, I was curious about timing models.",
    "She wants to buy and hold quality companies rather than trade them.",
])
def test_a_taste_for_buy_and_hold_is_no_strategy(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


@pytest.mark.parametrize("text, symbols", [
    ("Buy and hold SPY.", ["SPY"]),
    ("I like to buy and hold VTI and never sell.", ["VTI"]),
    ("We buy and hold QQQ forever.", ["QQQ"]),
])
def test_a_stated_buy_and_hold_stays(spec_of, text, symbols):
    spec = spec_of(text)
    assert spec.entry is not None and spec.universe.symbols == symbols
