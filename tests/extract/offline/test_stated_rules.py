"""Rules stated in shapes the gate must not refuse: conditions stated in sentences or list items before the
action that refers back to them ("... Enter long at the close when both are true."), and a channel named as
the breakout a rule waits for ("go long on a 55-day breakout"), money moved into or out of a holding ("switch
into equities", "move everything into T-bills"), "it" naming the average a sentence before named ("We use the
200-day SMA. Buy when the price closes above it."), being invested while a condition holds, and a side that announces the conditions that follow it ("Long trades
require two conditions. First, ..."), an oscillator's readings named without it ("Readings under 30 trigger
a buy"), and a role named as a noun ("... is the entry", "That is my entry.", "My exit rule: ..."). Texts of the nearest shapes that hold no
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


# --- an oscillator's readings named without it --------------------------------------------------------------
@pytest.mark.parametrize("text, entry, exit_", [
    ("Signals are taken from the 14-day RSI. Readings under 30 trigger a buy and readings over 70 trigger a sell.",
     "rsi(14) < 30", "rsi(14) > 70"),
    ("We trade the 5-day RSI. A reading below 10 triggers a buy; a reading above 60 triggers an exit.",
     "rsi(5) < 10", "rsi(5) > 60"),
    ("The only oscillator we use is the 2-period RSI. Buy on readings under 5; sell on readings over 70.",
     "rsi(2) < 5", "rsi(2) > 70"),
    ("Our indicator is CCI(20). Values below -100 give a buy, values above 100 give a sell.",
     "cci(20) < -100", "cci(20) > 100"),
    ("Williams %R(10) drives the system. A value under -90 generates a buy. A value over -20 generates a sell.",
     "willr(10) < -90", "willr(10) > -20"),
])
def test_readings_named_without_their_oscillator_are_the_one_named_before(spec_of, text, entry, exit_):
    spec = spec_of(text)
    assert (str(spec.entry), str(spec.exit)) == (entry, exit_)


@pytest.mark.parametrize("text", [
    "The RSI is a momentum oscillator. Readings under 30 are considered oversold and readings over 70 overbought.",
    "The 14-day RSI is popular. Readings under 30 trigger a buy signal in many textbooks.",
    "Look at the RSI. Readings under 30 often mark bottoms, so some traders buy there.",
    "The RSI hit 25 on Monday. Readings that low triggered a wave of buying.",
])
def test_readings_taught_or_reported_stay_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


@pytest.mark.parametrize("text", [
    "Holding stocks only when the S&P 500 was above its 200-day SMA would have avoided most of the 2008 losses.",
    "Selling when the RSI(2) rose over 70 could have saved traders from the crash.",
    "A simple switch into bonds whenever the 10-month SMA was broken might have protected investors.",
    "Being invested when the index was above its 10-month SMA would have avoided the 2008 crash.",
])
def test_what_a_rule_would_have_done_stays_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


def test_a_rule_keeps_its_clause_beside_a_counterfactual(spec_of):
    spec = spec_of("Buy when the 14-day RSI drops below 30; this would have avoided many false entries in 2022. "
                   "Sell when it rises above 70.")
    assert (str(spec.entry), str(spec.exit)) == ("rsi(14) crosses_below 30", "rsi(14) crosses_above 70")


# --- the role named as a noun ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text, side, expected", [
    ("The 8 EMA crosses above the 21 EMA. That is my entry.", "entry", "ema(8) crosses_above ema(21)"),
    ("The 2-day RSI closes under 5. That's our buy signal.", "entry", "rsi(2) < 5"),
    ("The entry signal: MACD crosses over its signal line below zero.", "entry",
     "macd().macd crosses_above macd().signal and macd().macd < 0"),
    ("My entry rule: the close is above the 20-day high.", "entry", "close > highest(20)"),
    ("Price closing above the 20-day high is the entry.", "entry", "close > highest(20)"),
    ("A close above the upper Bollinger band is our long trigger.", "entry", "close > bbands(20, 2).upper"),
    ("Our short entry: the 10-day EMA crosses under the 40-day EMA.", "short_entry", "ema(10) crosses_below ema(40)"),
    ("The 3-day RSI rises over 90. This will be our short entry.", "short_entry", "rsi(3) crosses_above 90"),
])
def test_a_role_named_as_a_noun_binds_its_condition(spec_of, text, side, expected):
    assert str(getattr(spec_of(text), side)) == expected


@pytest.mark.parametrize("text", [
    "A close above the upper band is the entry point many traders use.",
    "The RSI fell under 30 on Friday. That was our buy signal.",
    "What is the entry? The close is above the 20-day high in most systems.",
    "The 50-day SMA crossed above the 200-day SMA in March. That is the entry many funds waited for.",
    "The stochastic dipped below 20 last week. This is a buy signal for many chartists.",
    "The close is above the 200-day SMA. That is the trend.",
])
def test_a_role_noun_in_a_report_or_tutorial_stays_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- labels set off by a dash, a level named as a line's reading, "crosses and closes" -------------------------
@pytest.mark.parametrize("text, entry, short", [
    ("LONG - Enter longs when the RSI (10) crosses and closes above the middle line reading of 55.\n"
     "SHORT - Enter shorts when the RSI(10) crosses and closes below the middle line reading of 45.",
     "rsi(10) crosses_above 55", "rsi(10) crosses_below 45"),
    ("Buy side: go long once CCI (40) crosses & closes over its 50 reading. Sell side: go short once CCI(40) crosses & "
     "closes under its -50 reading.", "cci(40) crosses_above 50", "cci(40) crosses_below -50"),
    ("BUY \u2013 the 9-day EMA crosses above the 30-day EMA.\nSHORT \u2013 the 9-day EMA crosses below the 30-day EMA.",
     "ema(9) crosses_above ema(30)", "ema(9) crosses_below ema(30)"),
    ("Long - when the stochastic %K crosses and closes above the centre line level of 40.\n"
     "Short - when %K crosses and closes under the centre line level of 60.",
     "stoch().slowk crosses_above 40", "stoch().slowk crosses_below 60"),
    ("Enter longs when the 5-day ROC crosses and settles above 2. Enter shorts when the 5-day ROC crosses and settles below -2.",
     "roc(5) crosses_above 2", "roc(5) crosses_below -2"),
])
def test_dash_labels_line_readings_and_crosses_that_close(spec_of, text, entry, short):
    spec = spec_of(text)
    assert (str(spec.entry), str(spec.short_entry)) == (entry, short)


@pytest.mark.parametrize("text, entry, exit_", [
    ("If today's price is above the 6-month MA, stay in; if it is below, move assets to cash.", "close > sma(6)", "close < sma(6)"),
    ("Step 1: compute the 8-month average. Step 2: when the fund trades above it, hold it; when it trades below it, "
     "sell it and buy bonds.", "close > sma(8)", "close < sma(8)"),
    ("While the close stays over the 150-day EMA, keep the position; once it drops under, sell.",
     "close > ema(150)", "close < ema(150)"),
    ("Remain in while the 3-month ROC is positive; go to cash when it turns negative.", "roc(3) > 0", "roc(3) < 0"),
    ("If the index is above its 40-week SMA, own it; otherwise hold T-bills.", "close > sma(40)", "close < sma(40)"),
])
def test_keeping_the_holding_while_a_condition_lasts_is_the_entry(spec_of, text, entry, exit_):
    spec = spec_of(text)
    assert (str(spec.entry), str(spec.exit)) == (entry, exit_)


@pytest.mark.parametrize("text", [
    "Long - term investors rarely care when the RSI crosses and closes above 50.",
    "Buy - and hold beat the crossover of the 10-day and 30-day SMA in most years.",
    "Some investors stay in when the market is below its 200-day SMA, and they suffer.",
])
def test_dash_and_holding_words_without_a_rule_stay_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- the long side stated as the mirror of the short (or sell) side -------------------------------------------
@pytest.mark.parametrize("text, direction, entry, short", [
    ("Sell when the 10-day EMA crosses below the 30-day EMA and vice versa.",
     "long_only", "ema(10) crosses_above ema(30)", None),
    ("Go short when the 10-day EMA crosses below the 30-day EMA, and vice versa.",
     "long_short", "ema(10) crosses_above ema(30)", "ema(10) crosses_below ema(30)"),
    ("When the 10-day EMA crosses below the 30-day EMA, go short. Vice versa for longs.",
     "long_short", "ema(10) crosses_above ema(30)", "ema(10) crosses_below ema(30)"),
    ("Sell when the 5-day SMA falls under the 20-day SMA, and buy in the opposite case.",
     "long_only", "sma(5) crosses_above sma(20)", None),
    ("Short when the RSI(3) rises above 85; buy in the reverse situation.",
     "long_short", "rsi(3) crosses_below 15", "rsi(3) crosses_above 85"),
    ("If the 21-period MA crosses the 70-period MA from top to bottom, it's a good time for selling. And if it is "
     "vice versa, you can buy.", "long_only", "sma(21) crosses_above sma(70)", None),
])
def test_a_long_side_stated_as_the_mirror_of_the_short_side(spec_of, text, direction, entry, short):
    spec = spec_of(text)
    assert spec.direction == direction and str(spec.entry) == entry
    assert (str(spec.short_entry) if spec.short_entry is not None else None) == short


@pytest.mark.parametrize("text", [
    "Traders sold when the 10-day EMA crossed below the 30-day EMA last week, and vice versa.",
    "The RSI measures momentum; a drop below 30 shows weakness and vice versa.",
    "Prices fall when rates rise, and vice versa.",
    "Conversely, a close under the 50-day SMA often marks weakness.",
])
def test_vice_versa_without_a_rule_stays_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


@pytest.mark.parametrize("text, expected", [
    ("Go short when the 9-day EMA crosses the 26-day EMA from top to bottom.", "ema(9) crosses_below ema(26)"),
    ("Buy when the 9-day EMA crosses the 26-day EMA from bottom to top.", "ema(9) crosses_above ema(26)"),
    ("Go long when the 12-day SMA crosses the 48-day SMA upwards.", "sma(12) crosses_above sma(48)"),
    ("Buy if the close crosses the 50-day EMA to the upside.", "close crosses_above ema(50)"),
    ("Go long when the RSI(7) crosses 40 from below to above.", "rsi(7) crosses_above 40"),
])
def test_an_undirected_cross_takes_the_way_the_words_after_it_give(spec_of, text, expected):
    spec = spec_of(text)
    assert str(spec.entry if spec.entry is not None else spec.short_entry) == expected


# --- a back-test describing its own rule in the past tense ------------------------------------------------------
@pytest.mark.parametrize("text, entry, exit_", [
    ("The strategy was long whenever the 10-month SMA was below the close and in bonds otherwise.",
     "sma(10) < close", "sma(10) > close"),
    ("Positions were taken when the 3-day RSI was under 15 and closed once the close exceeded the 5-day SMA.",
     "rsi(3) < 15", "close > sma(5)"),
    ("Trades were opened whenever the 20-day ROC turned positive and were closed when it turned negative.",
     "roc(20) > 0", "roc(20) < 0"),
    ("The system was fully invested while the 50-day EMA stayed above the 200-day EMA.",
     "ema(50) > ema(200)", "ema(50) < ema(200)"),
    ("A position was initiated each time the close rose above the upper Bollinger band, and it was closed when the close "
     "fell under the middle band.", "close crosses_above bbands(20, 2).upper", "close crosses_below bbands(20, 2).middle"),
])
def test_a_back_test_told_in_the_past_tense_states_its_rule(spec_of, text, entry, exit_):
    spec = spec_of(text)
    assert (str(spec.entry), str(spec.exit)) == (entry, exit_)


@pytest.mark.parametrize("text", [
    "The model was long in March when the S&P 500 fell below its 200-day average.",
    "Large positions were taken by hedge funds when the VIX was above 30 last year.",
    "Our trades were closed yesterday when the index fell below its 50-day SMA.",
    "Many positions were opened when the RSI was under 30, according to the survey.",
])
def test_past_trades_reported_stay_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- a table whose columns are the sides -------------------------------------------------------------------------
@pytest.mark.parametrize("text, entry, exit_, short, cover", [
    ("| | Long | Short |\n|---|---|---|\n| Entry | RSI(2) < 10 | RSI(2) > 90 |\n| Exit | close > SMA(5) | close < SMA(5) |",
     "rsi(2) < 10", "close > sma(5)", "rsi(2) > 90", "close < sma(5)"),
    ("| Signal | Long side | Short side |\n| Entry | 20-day EMA crosses above 50-day EMA | 20-day EMA crosses below 50-day EMA |\n"
     "| Exit | close below 50-day EMA | close above 50-day EMA |",
     "ema(20) crosses_above ema(50)", "close < ema(50)", "ema(20) crosses_below ema(50)", "close > ema(50)"),
    ("|  | Buy | Sell short |\n| Open | CCI(20) crosses above -100 | CCI(20) crosses below 100 |\n"
     "| Close | CCI(20) crosses above 100 | CCI(20) crosses below -100 |",
     "cci(20) crosses_above -100", "cci(20) crosses_above 100", "cci(20) crosses_below 100", "cci(20) crosses_below -100"),
])
def test_each_cell_of_a_side_table_takes_its_column_side(spec_of, text, entry, exit_, short, cover):
    spec = spec_of(text)
    assert spec.direction == "long_short"
    assert [str(x) for x in (spec.entry, spec.exit, spec.short_entry, spec.short_exit)] == [entry, exit_, short, cover]


@pytest.mark.parametrize("text", [
    "| Period | Long | Short |\n| 2019 | 12% | -3% |\n| 2020 | 8% | 5% |",
    "| Strategy | Long | Short |\n| RSI(2) < 10 | 120 trades | - |",
    "| Year | Long return | Short return |\n| 2021 | 14% | -2% |",
])
def test_a_results_table_by_side_stays_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- a trigger line, "we're in", and an action that opens the next rule -------------------------------------------
@pytest.mark.parametrize("text, side, expected", [
    ("Setup: the 50-day EMA is above the 200-day EMA.\nTrigger: the 3-day RSI dips under 20.\nExit: the 3-day RSI climbs over 70.",
     "entry", "ema(50) > ema(200) and rsi(3) crosses_below 20"),
    ("Short setup: the 50-day EMA is below the 200-day EMA.\nTrigger: the 3-day RSI rises over 80.",
     "short_entry", "ema(50) < ema(200) and rsi(3) crosses_above 80"),
    ("Entry trigger: the close crosses above the 10-day EMA.", "entry", "close crosses_above ema(10)"),
    ("Whenever the weekly close is above the 30-week SMA, we're in; otherwise we're out.", "entry", "close > sma(30)"),
    ("Our approach is straightforward - we purchase when the 2-day RSI goes below 10, then sell when it goes above 70.",
     "exit", "rsi(2) crosses_above 70"),
    ("Buy when the 9-day EMA crosses above the 21-day EMA, then sell once it crosses back below.",
     "entry", "ema(9) crosses_above ema(21)"),
])
def test_trigger_lines_being_in_and_the_next_rules_action(spec_of, text, side, expected):
    assert str(getattr(spec_of(text), side)) == expected


@pytest.mark.parametrize("text", [
    "The trigger for the selloff was a weak jobs report; the index fell under its 50-day SMA.",
    "We're in a bull market as long as the S&P 500 holds above its 200-day average, analysts say.",
])
def test_trigger_and_in_words_without_a_rule_stay_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


@pytest.mark.parametrize("text, entry, exit_", [
    ("The signal is simple: 10-day EMA above 40-day EMA means long, below means flat.", "ema(10) > ema(40)", "ema(10) < ema(40)"),
    ("RSI(2) under 10 means buy, RSI(2) over 70 means sell.", "rsi(2) < 10", "rsi(2) > 70"),
    ("A close above the 50-day SMA means we go long.", "close > sma(50)", "close < sma(50)"),
])
def test_a_condition_that_means_an_action(spec_of, text, entry, exit_):
    spec = spec_of(text)
    assert (str(spec.entry), str(spec.exit)) == (entry, exit_)


@pytest.mark.parametrize("text", [
    "An RSI above 70 means the market is overbought.",
    "A close above the 200-day SMA means a long-term uptrend.",
    "A reading under 30 means buyers may step in soon.",
])
def test_a_condition_that_means_a_market_state_stays_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- an action taken at a channel's line, and stock added -------------------------------------------------------
@pytest.mark.parametrize("text, entry, exit_", [
    ("I exit longs at the 10-day low and enter them at the 20-day high.",
     "close crosses_above highest(20)", "close crosses_below lowest(10)"),
    ("Buy at the 20-day low and sell at the 20-day high.", "close crosses_below lowest(20)", "close crosses_above highest(20)"),
    ("We go long on a new 55-day high and close the trade at the 20-day low.",
     "close >= highest(55)", "close crosses_below lowest(20)"),
    ("When price breaks above the 52-week high, we add the stock.", "close crosses_above highest(52)", None),
    ("We add to the position whenever the 2-day RSI drops under 10.", "rsi(2) crosses_below 10", None),
])
def test_an_action_at_a_channel_line_or_adding_stock(spec_of, text, entry, exit_):
    spec = spec_of(text)
    assert str(spec.entry) == entry
    if exit_ is not None:
        assert str(spec.exit) == exit_


@pytest.mark.parametrize("text", [
    "The stock is trading at its 52-week high after strong earnings.",
    "We took profits at the 20-day high last month.",
    "Short sellers add to positions when the stock breaks below its 200-day SMA, analysts say.",
    "The fund added shares of AAPL last week when it fell below its 50-day SMA.",
    "Should we add the stock when it closes above its 50-day SMA?",
])
def test_lines_reached_or_stock_added_in_reports_stay_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)



def test_a_stop_at_a_channel_line_is_no_exit_crossing(spec_of):
    spec = spec_of("Buy when the 14-day RSI crosses above 30, with a stop loss at the 10-day low.")
    assert "crosses_below lowest" not in str(spec.exit)  # the stop's line is listed, never an action's line
