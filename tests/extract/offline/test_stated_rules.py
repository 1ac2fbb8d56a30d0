"""Rules stated in shapes the gate must not refuse: conditions stated in sentences or list items before the
action that refers back to them ("... Enter long at the close when both are true."), and a channel named as
the breakout a rule waits for ("go long on a 55-day breakout"), money moved into or out of a holding ("switch
into equities", "move everything into T-bills"). Texts of the nearest shapes that hold no
rule (tutorials, hearsay, dated moves, questions) stay refused (sentences written for these tests)."""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound


# --- conditions stated before the action that refers back to them ----------------------------------------
@pytest.mark.parametrize("text, side, expected", [
    # a numbered list, the action after it with its reference at the end
    ("Rules\n1. The 5-day RSI is below 20.\n2. The close is above the 200-day SMA.\nEnter long at the close when both are true.",
     "entry", "rsi(5) < 20 and close > sma(200)"),
    # bullets, another verb and a longer reference
    ("Setup\n- the 3-period RSI drops under 15\n- the price trades above its 100-day EMA\n"
     "We go long at the next open once all of these conditions are met.",
     "entry", "rsi(3) crosses_below 15 and close > ema(100)"),
    # "as soon as" and a criteria noun, symbols instead of words
    ("Criteria:\n* RSI(2) < 10\n* close > SMA(200)\nTake a long position at the open as soon as all criteria are met.",
     "entry", "rsi(2) < 10 and close > sma(200)"),
    # consecutive sentences of a paragraph, then a short action sentence
    ("The 5-day RSI is below 20. The close is above the 200-day SMA. Buy at the close.",
     "entry", "rsi(5) < 20 and close > sma(200)"),
    ("The ten-day ROC is negative. The price holds above the 150-day SMA. Then we purchase the ETF.",
     "entry", "roc(10) < 0 and close > sma(150)"),
    # the short side, the conditions in the other order
    ("The close is below the 200-day SMA. The 14-day RSI is above 80. Sell short at the open.",
     "short_entry", "close < sma(200) and rsi(14) > 80"),
])
def test_conditions_stated_before_their_action_are_its_entry(spec_of, text, side, expected):
    spec = spec_of(text)
    assert str(getattr(spec, side)) == expected


@pytest.mark.parametrize("text", [
    # a tutorial's levels, then a kind of investor named by an action word
    "A reading under 30 on the RSI is oversold. Buy and hold investors ignore it.",
    "A reading under 30 on the RSI is oversold. A reading above 70 is overbought. Buy-and-hold investors ignore both.",
    # dated market moves, then what others did
    "The RSI fell below 30 last week. The index is above its 200-day SMA. Many traders buy here.",
    "The RSI(14) is under 30. The S&P 500 closed above its 200-day average on Friday. Investors bought.",
    # a question about the two conditions
    "What happens when the 14-day RSI is below 30 and the close is above the 200-day SMA? "
    "We found it often rallies when both are true.",
])
def test_conditions_without_an_action_of_a_strategy_stay_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- a channel named as the breakout a rule waits for ------------------------------------------------------
@pytest.mark.parametrize("text, entry, exit_", [
    ("Go long on a 55-day breakout and exit on a 20-day breakdown.",
     "close crosses_above highest(55)", "close crosses_below lowest(20)"),
    ("Entry rule: 20-day high breakout.\nExit rule: 10-day low.",
     "close crosses_above highest(20)", "close crosses_below lowest(10)"),
    ("Buy after a breakout to a new 50-day high.",
     "close crosses_above highest(50)", None),
    ("Long entry: breakout of the highest high of the last 20 bars.",
     "close crosses_above highest(20)", None),
    ("We buy on a 40-week breakout; we sell on a 20-week low breakdown.",
     "close crosses_above highest(40)", None),
])
def test_a_breakout_named_as_the_event_is_the_close_against_the_channel(spec_of, text, entry, exit_):
    spec = spec_of(text)
    assert str(spec.entry) == entry
    if exit_ is not None:
        assert str(spec.exit) == exit_


def test_a_channel_breakout_takes_the_line_of_its_action(spec_of):
    spec = spec_of("Go short on a 30-day channel breakdown and cover on a fifteen-day channel breakout.")
    assert spec.direction == "short_only" and spec.entry is None
    assert str(spec.short_entry) == "close crosses_below lowest(30)"
    assert str(spec.short_exit) == "close crosses_above highest(15)"
    assert not any("breakout level" in a or "stop level" in a for a in spec.assumptions), "the other lines are no rule's"


@pytest.mark.parametrize("text", [
    # a definition of the breakout
    "A 20-day breakout happens when the price exceeds the highest high of the past 20 days.",
    # hearsay: what traders like
    "Many traders like 55-day breakouts because they catch big trends.",
    # a dated event
    "The 20-day breakout on gold last Tuesday failed within a week.",
    # a question
    "Does a 50-day breakout work on stocks?",
    # commentary
    "Breakouts above the 52-week high are popular with momentum traders this year.",
])
def test_breakouts_without_a_rule_stay_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- money moved into or out of a holding ------------------------------------------------------------------
@pytest.mark.parametrize("text, entry, exit_", [
    ("If the S&P 500 closes above its 10-month SMA, move into stocks. Otherwise move to cash.",
     "close > sma(10)", "close < sma(10)"),
    ("If the S&P 500 closes above its 10-month SMA, switch into equities; otherwise switch to bonds.",
     "close > sma(10)", "close < sma(10)"),
    ("When the index rises above its 200-day SMA we move our money back into the market.",
     "close crosses_above sma(200)", "close crosses_below sma(200)"),
    ("If a fund's price drops below its 10-month SMA, we move money from that fund to the stable fund. If its price "
     "rises above its 10-month SMA, we move money from the stable fund back to that fund.",
     "close crosses_above sma(10)", "close crosses_below sma(10)"),
    ("We shift capital into equities when the S&P 500 is above its 10-month moving average.",
     "close > sma(10)", "close < sma(10)"),
    ("Rotate into SPY when it closes above the 200-day SMA and rotate out when it closes below.",
     "close > sma(200)", "close < sma(200)"),
    ("When QQQ closes above its 150-day EMA, put the portfolio into QQQ; when it closes below, move everything into T-bills.",
     "close > ema(150)", "close < ema(150)"),
])
def test_money_moved_into_a_holding_is_an_entry_and_out_of_it_an_exit(spec_of, text, entry, exit_):
    spec = spec_of(text)
    assert str(spec.entry) == entry
    assert str(spec.exit) == exit_


@pytest.mark.parametrize("text", [
    # what others did, dated or habitual
    "Last year many investors moved money into stocks when the S&P 500 rose above its 200-day average.",
    "In March, pension funds rotated into equities after the S&P 500 climbed above its 200-day moving average.",
    "Fund flows: investors shifted capital into bond funds as the index fell below its 50-day SMA on Monday.",
    "The 10-month SMA is a popular trend filter. Some advisers move clients into stocks when the index is above it.",
    # a question and a possibility
    "Should I switch into equities when the index is above its 10-month SMA?",
    "You might move money into the market when the S&P 500 is above its 200-day SMA.",
    # a move that is no holding: a chart
    "Switch to a weekly chart when the ADX is above 25 to see the bigger trend.",
])
def test_money_moves_without_a_rule_stay_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)
