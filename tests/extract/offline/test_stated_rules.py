"""Rules stated in shapes the gate must not refuse: conditions stated in sentences or list items before the
action that refers back to them ("... Enter long at the close when both are true."), and a channel named as
the breakout a rule waits for ("go long on a 55-day breakout"), money moved into or out of a holding ("switch
into equities", "move everything into T-bills"), "it" naming the average a sentence before named ("We use the
200-day SMA. Buy when the price closes above it."), being invested while a condition holds, and a side that announces the conditions that follow it ("Long trades
require two conditions. First, ..."). Texts of the nearest shapes that hold no
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


# --- "it" naming the one average a sentence before named ----------------------------------------------------
@pytest.mark.parametrize("text, entry, exit_", [
    ("We use the 200-day SMA. Buy when the price closes above it; sell when the price closes below it.",
     "close > sma(200)", "close < sma(200)"),
    ("The only indicator is a 50-day EMA. When the close crosses above it, go long. When the close crosses below it, exit.",
     "close crosses_above ema(50)", "close crosses_below ema(50)"),
    ("Plot the 100-day simple moving average. If the stock closes above it, buy; if it closes below it, sell.",
     "close > sma(100)", "close < sma(100)"),
    ("Our filter is the ten-month SMA. We hold the fund while its price is above it.",
     "close > sma(10)", "close < sma(10)"),
    ("The 20-day EMA is the trend line. Price above it = long, price below it = flat.",
     "close > ema(20)", "close < ema(20)"),
])
def test_it_names_the_average_the_sentence_before_named(spec_of, text, entry, exit_):
    spec = spec_of(text)
    assert (str(spec.entry), str(spec.exit)) == (entry, exit_)


@pytest.mark.parametrize("text", [
    "The 200-day SMA is widely followed. Many traders buy when the price closes above it.",
    "The 50-day EMA is a popular line. Does it make sense to buy when the close is above it?",
    "We plotted the 100-day SMA on the chart. The price crossed above it in March and rallied.",
    "The 200-day moving average is the average of the last 200 closes. A stock trading above it is said to be in an uptrend.",
    "Apple reclaimed its 50-day SMA yesterday. Investors bought as the stock moved above it.",
    "The 200-day SMA matters. You might buy when the price closes above it.",
])
def test_it_after_an_average_without_a_rule_stays_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- being invested is holding ------------------------------------------------------------------------------
@pytest.mark.parametrize("text, entry", [
    ("The rule is to be invested when the market is above its 10-month moving average and to be in cash when it is below.",
     "close > sma(10)"),
    ("We are fully invested whenever the 50-day SMA is above the 200-day SMA; otherwise we hold T-bills.",
     "sma(50) > sma(200)"),
    ("The portfolio is invested in the index only while the close is above its 12-month SMA.", "close > sma(12)"),
    ("Stay in the market while the S&P 500 is above its 200-day average, and go to cash when it drops below.",
     "close > sma(200)"),
    ("I'm in the market whenever the 3-month ROC is positive.", "roc(3) > 0"),
])
def test_being_invested_while_a_condition_holds_is_the_entry(spec_of, text, entry):
    assert str(spec_of(text).entry) == entry


@pytest.mark.parametrize("text", [
    "Most investors are fully invested even when the market is below its 200-day average.",
    "Being invested when the index was above its 10-month SMA would have avoided the 2008 crash.",
    "This tool lets you test timing models. For example, the model is invested when the close is above the moving average.",
    "Are you invested when the S&P 500 is below its 200-day SMA?",
])
def test_being_invested_said_of_others_or_asked_stays_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- a side announcing the conditions that follow it ----------------------------------------------------------
@pytest.mark.parametrize("text, side, expected", [
    ("Long trades require two conditions. First, the 50-day SMA must be above the 200-day SMA. Second, the 3-day RSI "
     "must be below 20.", "entry", "sma(50) > sma(200) and rsi(3) < 20"),
    ("A buy needs three things. The close is above the 100-day SMA. The 5-day RSI is under 25. The 20-day ROC is positive.",
     "entry", "close > sma(100) and rsi(5) < 25 and roc(20) > 0"),
    ("Shorts are opened only if these two rules are true. The close is below the 50-day SMA. The 2-day RSI reads above 90.",
     "short_entry", "close < sma(50) and rsi(2) > 90"),
    ("To go short, the following conditions must be met:\n- the 10-day EMA is below the 30-day EMA\n- the RSI(9) is above 70",
     "short_entry", "ema(10) < ema(30) and rsi(9) > 70"),
    ("We buy only when all four criteria hold.\nThe 9-day EMA sits over the 21-day EMA.\nThe MACD histogram is positive.",
     "entry", "ema(9) > ema(21) and macd().hist > 0"),
])
def test_conditions_after_a_side_that_announces_them_are_its_rule(spec_of, text, side, expected):
    assert str(getattr(spec_of(text), side)) == expected


@pytest.mark.parametrize("text", [
    "Buying requires patience. The RSI is below 30 now and the index sits above its 200-day SMA.",
    "A good trade needs two things: discipline and patience. The RSI is below 30 today.",
    "Which conditions does a long trade require? The 50-day SMA is above the 200-day SMA in most bull markets.",
])
def test_an_announcement_without_conditions_of_a_rule_stays_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


def test_sellers_is_the_exit(spec_of):
    spec = spec_of("Once the 12-week ROC turns positive, we are buyers; once it turns negative, we are sellers.")
    assert (str(spec.entry), str(spec.exit)) == ("roc(12) > 0", "roc(12) < 0")
