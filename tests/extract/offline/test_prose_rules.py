"""Rules stated in prose shapes that web texts use: conditions as numbered steps with the action in the last step
("Step 3: enter long"), a level crossed the way the words after it say ("breaks the 70 level downward"), a line named
as broken in the passive ("the 20-day high is exceeded"), the role label as the subject of "is" ("The entry trigger is
RSI(2) below 10") and one line of a Donchian channel named by its side ("the 20-day upper channel", "the upper band of
the 55-day Donchian channel"). Texts of the nearest shapes that hold no rule (tutorial steps, dated moves, questions,
commentary) stay refused. Every sentence is written for these tests."""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound


def _sides(spec) -> dict[str, str | None]:
    return {k: (None if getattr(spec, k) is None else str(getattr(spec, k))) for k in ("entry", "exit", "short_entry", "short_exit")}


# --- conditions as numbered steps, the action in the last step -------------------------------------------------
@pytest.mark.parametrize("text, side, expected", [
    ("Step 1: the 50 EMA is above the 200 EMA.\nStep 2: the RSI(14) dips below 40.\nStep 3: enter long.",
     "entry", "ema(50) > ema(200) and rsi(14) crosses_below 40"),
    ("Stage 1 - the close is under the 200-day SMA.\nStage 2 - the 5-day RSI is above 80.\nStage 3 - sell short at the open.",
     "short_entry", "close < sma(200) and rsi(5) > 80"),
    ("Step 1) The 10-week SMA is above the 40-week SMA.\nStep 2) The 4-week ROC is positive.\nStep 3) Buy QQQ.",
     "entry", "sma(10) > sma(40) and roc(4) > 0"),
    ("Phase 1: CCI(20) above 100.\nPhase 2: ADX(14) above 25.\nPhase 3: Go long at the close.",
     "entry", "cci(20) > 100 and adx(14) > 25"),
    ("Step #1: RSI(3) under 15\nStep #2: price above the 100 EMA\nStep #3: purchase at the next open",
     "entry", "rsi(3) < 15 and close > ema(100)"),
])
def test_conditions_in_steps_are_the_last_steps_rule(spec_of, text, side, expected):
    assert str(getattr(spec_of(text), side)) == expected


@pytest.mark.parametrize("text", [
    "Step 1: open the chart.\nStep 2: add the 50 EMA and the 200 EMA.\nStep 3: watch how price reacts.",
    "Step 1 - learn what the RSI measures.\nStep 2 - see how it behaves below 30.\nStep 3 - practise on a demo account.",
    "Stage 1: the market falls.\nStage 2: the RSI drops under 30.\nStage 3: the decline ends, and nobody knows when.",
])
def test_tutorial_steps_state_no_rule(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- a level crossed the way the words after it say -------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Buy when the RSI crosses above 30, and exit when it breaks the 70 level downward.",
     {"entry": "rsi(14) crosses_above 30", "exit": "rsi(14) crosses_below 70"}),
    ("Go long when the CCI(20) crosses the -100 line to the upside. Exit when it crosses the 100 line to the downside.",
     {"entry": "cci(20) crosses_above -100", "exit": "cci(20) crosses_below 100"}),
    ("Sell short when the MFI(14) cuts the 80 level downwards; cover when it cuts the 20 level upwards.",
     {"short_entry": "mfi(14) crosses_below 80", "short_exit": "mfi(14) crosses_above 20"}),
    ("Buy when the Williams %R breaks the -80 mark upward. Sell when the Williams %R breaks the -20 mark downward.",
     {"entry": "willr() crosses_above -80", "exit": "willr() crosses_below -20"}),
    ("Exit when the RSI(5) pierces the 60 level downward. Buy when the RSI(5) pierces the 25 level upward.",
     {"entry": "rsi(5) crosses_above 25", "exit": "rsi(5) crosses_below 60"}),
    ("Buy when the RSI crosses above 30. Exit when the RSI breaks 70 downward.",
     {"entry": "rsi(14) crosses_above 30", "exit": "rsi(14) crosses_below 70"}),
])
def test_a_level_crossed_takes_the_way_after_it(spec_of, text, expected):
    got = _sides(spec_of(text))
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize("text", [
    "The RSI broke the 70 level downward last week, and the stock fell 4% since then.",
    "When does the MACD cross the zero line upward? Usually after a long decline.",
    "The CCI cut the -100 line to the upside on Monday, a sign some traders watch.",
])
def test_a_level_crossed_in_commentary_is_no_rule(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- a line named as broken, in the passive ----------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Buy when the 20-day high is exceeded. Sell when the 10-day low is breached.",
     {"entry": "close crosses_above highest(20)", "exit": "close crosses_below lowest(10)"}),
    ("Go long once the upper Bollinger band is penetrated by the close; exit when the middle band is crossed to the downside.",
     {"entry": "close crosses_above bbands(20, 2).upper", "exit": "close crosses_below bbands(20, 2).middle"}),
    ("The system goes long when the 55-day upper channel is broken and short when the 55-day lower channel is broken.",
     {"entry": "close crosses_above highest(55)", "short_entry": "close crosses_below lowest(55)"}),
    ("A long trade is opened as soon as the highest high of the last 40 days has been taken out. "
     "It is closed when the lowest low of the last 15 days gets violated.",
     {"entry": "close crosses_above highest(40)", "exit": "close crosses_below lowest(15)"}),
    ("Enter when the 50-day SMA is crossed to the upside by the price; exit when the 20-day SMA is crossed to the downside.",
     {"entry": "close crosses_above sma(50)", "exit": "close crosses_below sma(20)"}),
    ("Long entries were triggered by the 20-day high being taken out; exits by the 10-day low being broken.",
     {"entry": "close crosses_above highest(20)", "exit": "close crosses_below lowest(10)"}),
    # the passive's own "crossed downwards" is the price's way, never the average crossing the price
    ("Short SPY when the 30-week SMA is crossed downwards by the close.", {"short_entry": "close crosses_below sma(30)"}),
])
def test_a_line_broken_in_the_passive_is_the_price_crossing_it(spec_of, text, expected):
    got = _sides(spec_of(text))
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize("text", [
    "How do you know when the 20-day high is exceeded? Most charting tools draw it for you.",
    "The 20-day high was exceeded on Tuesday and the index closed at a record.",
    "In a classic breakout system the upper Donchian band (20) is broken before a trend begins, according to many books.",
])
def test_a_line_broken_in_commentary_is_no_rule(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- the role label as the subject of "is" -----------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("The entry trigger is RSI(2) below 10. The exit trigger is RSI(2) above 70.",
     {"entry": "rsi(2) < 10", "exit": "rsi(2) > 70"}),
    ("Our buy signal is the 9 EMA crossing above the 21 EMA.", {"entry": "ema(9) crosses_above ema(21)"}),
    ("My long entry is a close above the 20-day high, and my exit is a close below the 10-day low.",
     {"entry": "close > highest(20)", "exit": "close < lowest(10)"}),
    ("The short entry rule is the CCI(14) dropping below -100.", {"short_entry": "cci(14) crosses_below -100"}),
    ("The entry condition will be the MACD line above its signal line and the close above the 200-day SMA.",
     {"entry": "macd().macd > macd().signal and close > sma(200)"}),
])
def test_a_role_label_before_is_gives_its_condition_the_role(spec_of, text, expected):
    got = _sides(spec_of(text))
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize("text", [
    "The entry signal is the most important part of any system, but the exit matters more.",
    "Our entry rule is explained in the next chapter.",
    "Is the entry trigger the RSI dropping below 30, or the price closing above the SMA?",
    "The entry trigger was the RSI(2) closing below 10 on 3 March, and the trade lost 2%.",
])
def test_a_role_label_without_a_stated_rule_is_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- one line of a Donchian channel named by its side -----------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Buy when the close breaks above the 20-day upper channel. Sell when it breaks below the 10-day lower channel.",
     {"entry": "close crosses_above highest(20)", "exit": "close crosses_below lowest(10)"}),
    ("Go long when price crosses above the upper band of the 55-day Donchian channel; "
     "exit below the lower band of the 20-day Donchian channel.",
     {"entry": "close crosses_above highest(55)", "exit": "close < lowest(20)"}),
    ("Buy when the close is above the upper Donchian band (20). Sell when the close is below the lower Donchian band (10).",
     {"entry": "close > highest(20)", "exit": "close < lowest(10)"}),
    ("Short when the close drops below the 20-week lower channel; cover when it rises above the 10-week upper channel.",
     {"short_entry": "close crosses_below lowest(20)", "short_exit": "close crosses_above highest(10)"}),
    ("Enter long on a close above the upper line of the Donchian channel (30) and exit on a close below its 15-day lower "
     "Donchian line.", {"entry": "close > highest(30)", "exit": "close < lowest(15)"}),
])
def test_a_donchian_line_named_by_its_side_is_that_line(spec_of, text, expected):
    got = _sides(spec_of(text))
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize("text", [
    "The 20-day upper channel is often used by trend followers to measure the range of the market.",
    "Gold closed above the upper band of the 55-day Donchian channel yesterday for the first time this year.",
    "What does it mean when the price sits near the lower Donchian band (20)?",
])
def test_a_donchian_line_in_commentary_is_no_rule(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- one Bollinger line named after the name ------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("This strategy generates a long entry order when the close is above the 20-period Bollinger upper band.",
     {"entry": "close > bbands(20, 2).upper"}),
    ("Buy when the close falls below the Bollinger lower band and sell when it rises above the Bollinger middle line.",
     {"entry": "close crosses_below bbands(20, 2).lower", "exit": "close crosses_above bbands(20, 2).middle"}),
    ("Short when price closes above the BB upper band (20, 2.5); cover when it closes below the BB middle band.",
     {"short_entry": "close > bbands(20, 2.5).upper", "short_exit": "close < bbands(20, 2.5).middle"}),
    ("Buy when the price crosses above the Bollinger Bands upper band.", {"entry": "close crosses_above bbands(20, 2).upper"}),
    ("Go long once the 30-day Bollinger lower band is crossed upwards by the close.",
     {"entry": "close crosses_above bbands(30, 2).lower"}),
])
def test_a_bollinger_line_named_after_the_name_is_that_line(spec_of, text, expected):
    got = _sides(spec_of(text))
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize("text", [
    "The Bollinger upper band sits two standard deviations above the 20-period average.",
    "Yesterday the stock closed above the Bollinger upper band for the third day in a row.",
    "What happens when price touches the BB lower band (20, 2)?",
])
def test_a_bollinger_line_in_a_tutorial_is_no_rule(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- a platform's words: windows in "units", a level named with its "(Input)" note -------------------------------
@pytest.mark.parametrize("text, expected", [
    ("Go Long When:\n- Price crosses above the 50 unit EMA.\nGo Short When:\n- Price crosses below the 50 unit EMA.",
     {"entry": "close crosses_above ema(50)", "short_entry": "close crosses_below ema(50)"}),
    ("Buy when the 10 unit SMA crosses above the 30 unit SMA; sell when it crosses below.",
     {"entry": "sma(10) crosses_above sma(30)", "exit": "sma(10) crosses_below sma(30)"}),
    ("When the RSI value crosses above the OverSold (Input) level, this strategy generates a long entry order.",
     {"entry": "rsi(14) crosses_above 30"}),
    ("OverBought: 75\nWhen the 7-bar RSI crosses below the OverBought (input) level, the strategy places a short entry order.",
     {"short_entry": "rsi(7) crosses_below 75"}),
    ("Sell short when the CCI(20) is above the upper threshold (parameter) of 150.", {"short_entry": "cci(20) > 150"}),
])
def test_a_platforms_words_name_windows_and_levels(spec_of, text, expected):
    got = _sides(spec_of(text))
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize("text", [
    "The 50 unit EMA is a popular line among forex traders.",
    "OverSold Numeric 30 Value at/below which the symbol is considered oversold.\n"
    "Length Numeric 14 Number of bars used to calculate the RSI value.",
    "The OverSold (Input) level is 30 by default; you can change it in the settings.",
])
def test_a_platforms_settings_alone_are_no_rule(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- a crossing and the crossing back after it: the crossing back is the rule -----------------------------------
@pytest.mark.parametrize("text, expected", [
    ("If the RSI(14) drops below 30 and then climbs back above 30, I buy. I sell when it gets above 70.",
     {"entry": "rsi(14) crosses_above 30", "exit": "rsi(14) crosses_above 70"}),
    ("I wait for the stochastic to go below 20, then I buy when it comes back above 20.", {"entry": "stoch() crosses_above 20"}),
    ("Once the RSI dips below 30, wait for it to cross back above 30 and buy.", {"entry": "rsi(14) crosses_above 30"}),
    ("Short when the CCI(20) rises above 100 and afterwards falls back below 100.", {"short_entry": "cci(20) crosses_below 100"}),
    ("Buy when the 3-day RSI falls under 15 and then rises back over 15; exit when the RSI(3) crosses above 80.",
     {"entry": "rsi(3) crosses_above 15", "exit": "rsi(3) crosses_above 80"}),
    # the price back over the line it crossed: "it" is that line
    ("Buy when the price dips below the 50-day SMA and then closes back above it.", {"entry": "close crosses_above sma(50)"}),
    ("Short when the close pops above the upper Bollinger band and then closes back below it.",
     {"short_entry": "close crosses_below bbands(20, 2).upper"}),
    ("Buy when the close falls under the 20-day EMA and later closes back over it; sell when the close drops below the "
     "50-day EMA.", {"entry": "close crosses_above ema(20)", "exit": "close crosses_below ema(50)"}),
    # two crossings with an action each stay two rules
    ("Buy when the CCI(20) crosses above 100, then close the long and go short when it crosses back below 100.",
     {"entry": "cci(20) crosses_above 100", "short_entry": "cci(20) crosses_below 100"}),
])
def test_a_crossing_back_is_the_rule_not_the_crossing_before_it(spec_of, text, expected):
    got = _sides(spec_of(text))
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize("text", [
    "In March the RSI dropped below 30 and then climbed back above 30 before the rally.",
    "A stochastic that goes under 20 and then comes back above 20 is what many traders call a bullish signal.",
    "Last year the CCI fell below -100 and later rose back above it twice.",
])
def test_a_crossing_back_in_commentary_is_no_rule(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- a sign change is the crossing of zero -----------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("You buy when the MACD histogram changes from negative to positive and sell when it changes from positive to negative.",
     {"entry": "macd().hist crosses_above 0", "exit": "macd().hist crosses_below 0"}),
    ("Go long when the 12-month ROC turns from negative to positive; exit when it turns from positive to negative.",
     {"entry": "roc(12) crosses_above 0", "exit": "roc(12) crosses_below 0"}),
    ("Buy when the MACD line moves from negative territory to positive territory.", {"entry": "macd().macd crosses_above 0"}),
    ("Short when the 20-day rate of change flips from positive to negative.", {"short_entry": "roc(20) crosses_below 0"}),
    ("Enter long once the histogram of the MACD(8, 17, 9) switches from a negative reading to a positive one... "
     "Exit once it goes from positive to negative.", {"exit": "macd(8, 17, 9).hist crosses_below 0"}),
])
def test_a_sign_change_is_a_crossing_of_zero(spec_of, text, expected):
    got = _sides(spec_of(text))
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize("text", [
    "The MACD histogram changed from negative to positive last week, a sign of improving momentum.",
    "Can the 12-month ROC turn from negative to positive while prices fall?",
    "Momentum has gone from negative to positive in most sectors this quarter.",
])
def test_a_sign_change_in_commentary_is_no_rule(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- an oscillator's level reached; "goes over" / "goes under" a level -------------------------------------------
@pytest.mark.parametrize("text, expected, note", [
    ("Buy when the RSI(14) hits 30. Sell when the RSI(14) reaches 70.",
     {"entry": "rsi(14) <= 30", "exit": "rsi(14) >= 70"}, "'hits 30' on RSI read as <= 30"),
    ("Short when the stochastic reaches 80; cover when the stochastic drops below 50.",
     {"short_entry": "stoch() >= 80", "short_exit": "stoch() crosses_below 50"}, "'reaches 80' on STOCH read as >= 80"),
    ("Go long when the CCI(20) hits the -100 level. Exit when the CCI(20) crosses above 100.",
     {"entry": "cci(20) <= -100"}, "'hits -100' on CCI read as <= -100"),
    ("Buy as soon as the Williams %R(14) touches -90.", {"entry": "willr(14) <= -90"}, "on WILLR read as <= -90"),
    ("Buy when the 2-period RSI tags 5, and sell when the 2-period RSI gets above 60.",
     {"entry": "rsi(2) <= 5", "exit": "rsi(2) crosses_above 60"}, "'tags 5' on RSI read as <= 5"),
])
def test_an_oscillator_level_reached_is_on_the_side_of_its_range(spec_of, text, expected, note):
    spec = spec_of(text)
    got = _sides(spec)
    assert {k: got[k] for k in expected} == expected
    assert any(note in a for a in spec.assumptions)


@pytest.mark.parametrize("text, expected", [
    ("Buy when the RSI(2) goes under 10; sell when it goes back over 60.",
     {"entry": "rsi(2) crosses_below 10", "exit": "rsi(2) crosses_above 60"}),
    ("Go short when the MFI(14) goes over 80.", {"short_entry": "mfi(14) crosses_above 80"}),
    ("Buy once the CCI goes over -100 and sell once it goes under 100.",
     {"entry": "cci() crosses_above -100", "exit": "cci() crosses_below 100"}),
    ("Enter long when the 5-day RSI goes under 25.", {"entry": "rsi(5) crosses_below 25"}),
    ("Buy when the stochastic %K crosses above 20. Sell the position when the stochastic %K goes over 85.",
     {"entry": "stoch().slowk crosses_above 20", "exit": "stoch().slowk crosses_above 85"}),
])
def test_goes_over_and_goes_under_a_level_are_crossings(spec_of, text, expected):
    got = _sides(spec_of(text))
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize("text", [
    "The RSI reached 70 on Monday and the stock fell the next day.",
    "When the RSI hits 30, is it time to buy? Not always.",
    "When the RSI drops below 30, should you buy? Many beginners do.",
    "Buy when the RSI(5) reaches 50.",  # the middle of its range is reached from either side: no side to read
])
def test_a_level_reached_without_a_stated_rule_is_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- a zone word right after the oscillator's name, terse rules with an arrow ---------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("price above 200ma and rsi oversold -> long. rsi overbought -> close.",
     {"entry": "close > sma(200) and rsi(14) < 30", "exit": "rsi(14) > 70"}),
    ("Entry: RSI(14) oversold + price above the 200 SMA. Exit: RSI(14) overbought.",
     {"entry": "close > sma(200) and rsi(14) < 30", "exit": "rsi(14) > 70"}),
    ("Long when stoch oversold and the MACD crosses above its signal line.",
     {"entry": "macd().macd crosses_above macd().signal and stoch() < 20"}),
    ("Short when the Williams %R(14) is overbought; cover when the Williams %R(14) reading turns oversold.",
     {"short_entry": "willr(14) > -20", "short_exit": "willr(14) < -80"}),
    ("CCI(20) oversold => buy; CCI(20) overbought => flat.", {"entry": "cci(20) < -100", "exit": "cci(20) > 100"}),
])
def test_a_zone_right_after_the_name_is_the_conventional_level(spec_of, text, expected):
    spec = spec_of(text)
    got = _sides(spec)
    assert {k: got[k] for k in expected} == expected
    assert any("read as its conventional level" in a for a in spec.assumptions)


@pytest.mark.parametrize("text", [
    "RSI oversold readings are common in bear markets.",
    "Is the RSI oversold yet? Many traders think so.",
    "The stochastic oversold zone lies under 20; the overbought zone above 80.",
])
def test_a_zone_named_in_a_tutorial_is_no_rule(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- a rules label that says how simple it is; "close" as a verb after a modal or "to" ----------------------------
@pytest.mark.parametrize("text, expected", [
    ("The buy rule is simple: the RSI(2) must close below 5.", {"entry": "rsi(2) < 5"}),
    ("My exit rules are as follows: the close crosses below the 10-day SMA.\n"
     "My entry rule is this - the close crosses above the 50-day SMA.",
     {"entry": "close crosses_above sma(50)", "exit": "close crosses_below sma(10)"}),
    ("Wait for the 3-day RSI to close under 20, then buy. Sell when the RSI(3) should close above 70.",
     {"entry": "rsi(3) < 20", "exit": "rsi(3) > 70"}),
    ("Our short entry rule is quite simple: the CCI(20) has to close above 150.", {"short_entry": "cci(20) > 150"}),
    ("We want the close to be above the 200-day SMA and the RSI(2) to close below 10 before we buy.",
     {"entry": "close > sma(200) and rsi(2) < 10"}),
])
def test_a_simple_rules_label_and_close_as_a_verb(spec_of, text, expected):
    got = _sides(spec_of(text))
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize("text", [
    "The entry rule is simple: it tells you when to get in.",
    "The exit rules are as follows: take your time and think.",
    "Prices tend to close above the open on Mondays, the RSI does not have to close anywhere.",
])
def test_a_simple_rules_label_without_a_condition_is_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- the role as the topic a line opens with: "For entries, ...", "To exit: ..." -------------------------------
@pytest.mark.parametrize("text, expected", [
    ("For entries, the 10-day EMA must cross above the 30-day EMA.", {"entry": "ema(10) crosses_above ema(30)"}),
    ("To enter: RSI(2) under 10. To exit: RSI(2) over 70.", {"entry": "rsi(2) < 10", "exit": "rsi(2) > 70"}),
    ("For the buy signal, the MACD line has to cross over its signal line.", {"entry": "macd().macd crosses_above macd().signal"}),
    ("For short entries, the close has to drop below the lower Bollinger Band (20, 2).",
     {"short_entry": "close crosses_below bbands(20, 2).lower", "entry": None}),
    ("Buy when the 3-day RSI falls below 15. To exit, the 3-day RSI must climb past seventy.",
     {"entry": "rsi(3) crosses_below 15", "exit": "rsi(3) crosses_above 70"}),
    ("For entries I wait until the CCI(20) rises above -100.", {"entry": "cci(20) crosses_above -100"}),
    ("For purchases \u2013 the 50-day SMA is above the 200-day SMA.", {"entry": "sma(50) > sma(200)"}),
    ("For exits, the 10-day EMA must cross below the 30-day EMA. For entries, it must cross above it.",
     {"entry": "ema(10) crosses_above ema(30)", "exit": "ema(10) crosses_below ema(30)"}),
])
def test_a_role_named_as_the_lines_topic(spec_of, text, expected):
    got = _sides(spec_of(text))
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize("text", [
    "For example, the RSI can drop below 30 in a crash.",
    "For entries, traders often watch the 50-day SMA.",
    "To enter the market successfully, you need patience and a plan.",
    "For exits, see the next chapter.",
    "For entries, the RSI above 70 is considered overbought.",
])
def test_a_topic_without_a_rule_is_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- a label led by an article or a possessive: "The setup:", "Our trigger:" -------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("The setup: the close is above the 100-day SMA. The trigger: the 5 EMA crosses above the 13 EMA.",
     {"entry": "close > sma(100) and ema(5) crosses_above ema(13)"}),
    ("Our trigger: RSI(2) drops below 5.", {"entry": "rsi(2) crosses_below 5"}),
    ("My filter: price above the 200-day EMA.\nEntry: the 3-day RSI falls under 20.",
     {"entry": "close > ema(200) and rsi(3) crosses_below 20"}),
    ("The trigger - the 9-period EMA crosses over the 21-period EMA.", {"entry": "ema(9) crosses_above ema(21)"}),
    ("Your setup: the 20-day ROC is positive. Your trigger: the close crosses over the 10-day high.",
     {"entry": "roc(20) > 0 and close crosses_above highest(10)"}),
    ("The setup: short TLT when it closes above its 30-day moving average.", {"entry": None}),
])
def test_a_label_led_by_an_article(spec_of, text, expected):
    got = _sides(spec_of(text))
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize("text", [
    "The setup: a quiet market with falling volume.",
    "The setup: an RSI above 70 is considered overbought.",
    "Setup: the 14-day RSI under 30 is generally seen as oversold territory.",
    "The trigger: is an RSI below 30 enough to buy?",
])
def test_an_article_label_without_a_rule_is_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- the line left out after a second action: "... and buy when it breaks up through" -----------------------------
@pytest.mark.parametrize("text, expected", [
    ("Sell when price crosses down through the 40-week SMA and buy when it breaks up through.",
     {"entry": "close crosses_above sma(40)", "exit": "close crosses_below sma(40)"}),
    ("Exit when the close slips beneath the 20-day EMA; re-enter when it climbs back over.",
     {"entry": "close crosses_above ema(20)", "exit": "close crosses_below ema(20)"}),
    ("Go short when the 10-day SMA drops under the 50-day SMA and cover when it rises back above.",
     {"short_entry": "sma(10) crosses_below sma(50)", "short_exit": "sma(10) crosses_above sma(50)"}),
    ("Buy when the RSI(5) falls below 25 and sell when it pushes back up through.",
     {"entry": "rsi(5) crosses_below 25", "exit": "rsi(5) crosses_above 25"}),
    ("I sell once the price dips below the 100-day SMA (see the red dots) and buy once it rises above again (green dots).",
     {"entry": "close crosses_above sma(100)", "exit": "close crosses_below sma(100)"}),
    ("Hold QQQ while it trades above its 150-day EMA, and sell it once it falls under.",
     {"entry": "close > ema(150)", "exit": "close < ema(150)"}),
])
def test_a_line_left_out_after_a_second_action_is_the_one_before(spec_of, text, expected):
    got = _sides(spec_of(text))
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize("text", [
    "The price crossed down through the 40-week SMA in March and broke up through in May.",
    "Is it time to buy when the index breaks back above?",
    "The RSI dropped below 30 and then rose back above, a classic pattern.",
    "The rule is to be invested when the market is above its 10-month SMA. When it is below, we wait.",
])
def test_a_line_left_out_in_commentary_is_no_rule(spec_of, text):
    if text.startswith("The rule is"):  # one rule stated, the words left out add no second one
        spec = spec_of(text)
        assert str(spec.entry) == "close > sma(10)" and "crosses" not in str(spec.exit)
        return
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- a state that has just begun: "..., and that was not so on the prior bar" -----------------------------------
@pytest.mark.parametrize("text, expected", [
    ("When the 10-bar average is above the 30-bar average, and that was not so on the prior bar, we buy at the next open.",
     {"entry": "sma(10) crosses_above sma(30)"}),
    ("Go long if the 8-day EMA is higher than the 34-day EMA and it did not hold one bar earlier.",
     {"entry": "ema(8) crosses_above ema(34)"}),
    ("The system buys when the close is above the 20-day EMA and was not above it on the prior bar.",
     {"entry": "close crosses_above ema(20)"}),
    ("Go short when the 5-day SMA is below the 15-day SMA for the first time.", {"short_entry": "sma(5) crosses_below sma(15)"}),
    ("A long entry is placed if the RSI(14) is greater than 50 and that wasn't true on the previous bar.",
     {"entry": "rsi(14) crosses_above 50"}),
    ("Sell short when the CCI(20) is under 0, and it was not under 0 on the previous bar; cover when the CCI(20) is over "
     "100 and it was not over 100 on the preceding bar.",
     {"short_entry": "cci(20) crosses_below 0", "short_exit": "cci(20) crosses_above 100"}),
])
def test_a_state_that_has_just_begun_is_a_crossing(spec_of, text, expected):
    got = _sides(spec_of(text))
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize("text", [
    "The RSI is above 70 for the first time since 2020.",
    "The close was not above the 200-day SMA on the previous bar.",
    "The 50-day SMA crossed above the 200-day SMA for the first time this year, and analysts were pleased.",
])
def test_a_first_time_in_commentary_is_no_rule(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


def test_several_states_that_began_together_stay_states(spec_of):
    spec = spec_of("Buy when the 4-bar average is above the 9-bar average and the 9-bar average is above the 18-bar average, "
                   "and that was not true on the bar before.")
    assert str(spec.entry) == "sma(4) > sma(9) and sma(9) > sma(18)"


# --- a question asking when to act, answered by the next clause: "When do we sell? When ..." -----------------------
@pytest.mark.parametrize("text, expected", [
    ("When do we buy? When the RSI(2) closes under 10. When do we sell? When it closes above 70.",
     {"entry": "rsi(2) < 10", "exit": "rsi(2) > 70"}),
    ("When should you enter? As soon as the 20-day EMA crosses above the 50-day EMA. And when to exit? When it crosses back below.",
     {"entry": "ema(20) crosses_above ema(50)", "exit": "ema(20) crosses_below ema(50)"}),
    ("When do you go long? When the MACD histogram turns positive.", {"entry": "macd().hist > 0"}),
    ("Question: when do you buy? Answer: when the 5-day SMA crosses above the 20-day SMA.", {"entry": "sma(5) crosses_above sma(20)"}),
    ("So when would I go short? Once the CCI(14) slips under -100. When do I cover? Once it gets back over zero.",
     {"short_entry": "cci(14) crosses_below -100", "short_exit": "cci(14) crosses_above 0"}),
])
def test_a_question_asking_when_to_act_gives_its_answer_the_role(spec_of, text, expected):
    got = _sides(spec_of(text))
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize("text", [
    "When do we buy? Nobody knows, but the RSI fell below 30 last week.",
    "When did the market bottom? When the RSI crossed above 30 in March 2020.",
    "When should you sell? When you need the money.",
    "When do traders buy? When the RSI is below 30, according to the textbooks.",
])
def test_a_question_without_a_rule_for_answer_is_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- averages listed with their windows, then named by their length: "a 10-day and a 40-day ... the shorter one" ---
@pytest.mark.parametrize("text, expected", [
    ("We use two moving averages, a 10-day and a 40-day. When the shorter one crosses above the longer one we buy.",
     {"entry": "sma(10) crosses_above sma(40)"}),
    ("Plot a 5-period and a 20-period SMA. A long trade is taken when the quick MA crosses the slow MA from below.",
     {"entry": "sma(5) crosses_above sma(20)"}),
    ("I use the 50 and 200 day moving averages. When the short one moves above the long one, I buy; when it moves back "
     "below, I sell.", {"entry": "sma(50) crosses_above sma(200)", "exit": "sma(50) crosses_below sma(200)"}),
    ("Our averages are the 10- and 30-day EMAs. Go long when the short-term average climbs over the long-term average.",
     {"entry": "ema(10) crosses_above ema(30)"}),
    ("Chart a 9-bar and a 26-bar EMA; buy once the quicker EMA is above the slower EMA.", {"entry": "ema(9) > ema(26)"}),
    ("The two lines are a 3-day and a 12-day SMA. Sell short when the shortest SMA drops below the longest SMA.",
     {"short_entry": "sma(3) crosses_below sma(12)", "entry": None}),
])
def test_averages_listed_then_named_by_their_length(spec_of, text, expected):
    got = _sides(spec_of(text))
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize("text", [
    "A 10-day and a 40-day moving average are popular among chartists.",
    "The shorter one is faster, the longer one is smoother, as any chart of a 10-day and a 40-day shows.",
    "Which is better, a 5-period and a 20-period SMA or a 10-period and a 50-period SMA?",
    # an average in general ("a longer-term average") names no line of the document's
    "A buy sign is triggered when a short-term moving average crosses above a longer-term average. The 50-day and the "
    "200-day averages are the most popular pair.",
])
def test_averages_listed_without_a_rule_are_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- a condition stated alone, its action in the next sentence that refers back to it -----------------------------
@pytest.mark.parametrize("text, expected", [
    ("The 20 EMA must cross above the 50 EMA. Once that has happened, we buy the next day.", {"entry": "ema(20) crosses_above ema(50)"}),
    ("The 3-day RSI has to be below 15. As soon as this occurs, we enter long at the following open.", {"entry": "rsi(3) < 15"}),
    ("The close drops under the lower Bollinger Band (20, 2). When that is the case, we go long on the next bar.",
     {"entry": "close crosses_below bbands(20, 2).lower"}),
    ("The 10-day ROC has turned positive. This is our signal to buy.", {"entry": "roc(10) > 0"}),
    ("The CCI(20) slips under -100. That's the cue to go short.", {"short_entry": "cci(20) crosses_below -100"}),
    ("The 2-day RSI falling under ten triggers a buy, and the RSI climbing over ninety triggers the exit.",
     {"entry": "rsi(2) crosses_below 10", "exit": "rsi(2) crosses_above 90"}),
])
def test_a_condition_referred_back_to_by_its_action(spec_of, text, expected):
    got = _sides(spec_of(text))
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize("text", [
    "The RSI fell below 30 in March. When that happened, the market rallied for weeks.",
    "Once this happens, we will discuss the results in detail.",
    "The 10-day ROC turned positive last Friday. Is this a signal to buy?",
])
def test_an_event_referred_back_to_in_commentary_is_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- a side's title in other words on its own line: "When to buy", "Bullish setup", "How to go short" --------------
@pytest.mark.parametrize("text, expected", [
    ("When to buy\nThe close must be above the 200 DMA, and the 2-period RSI must be below 10.\nWhen to sell\n"
     "The 2-period RSI must be above 70.", {"entry": "close > sma(200) and rsi(2) < 10", "exit": "rsi(2) > 70"}),
    ("Bullish setup\nThe stochastic %K crosses above %D below 20.\nBearish setup\nThe stochastic %K crosses below %D above 80.",
     {"entry": "stoch().slowk crosses_above stoch().slowd and stoch().slowk < 20",
      "short_entry": "stoch().slowk crosses_below stoch().slowd and stoch().slowk > 80"}),
    ("How to go short\nThe 20-day EMA falls under the 50-day EMA.", {"short_entry": "ema(20) crosses_below ema(50)", "entry": None}),
    ("When to exit the trade\nThe 5-day RSI climbs past 65.\nWhen to enter\nThe 5-day RSI sinks below 25.",
     {"entry": "rsi(5) crosses_below 25", "exit": "rsi(5) crosses_above 65"}),
    ("Bearish entries\nPrice closes under the lower Keltner channel.", {"entry": None}),
])
def test_a_sides_title_in_other_words(spec_of, text, expected):
    got = _sides(spec_of(text))
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize("text", [
    "Bullish signals\nA close above the 50-day SMA is considered bullish by many chartists.",
    "When to buy\nThe RSI was below 30 last week, and the index fell 4%.",
    "How to exit\nThat depends on your goals and your time horizon.",
])
def test_a_sides_title_over_no_rule_is_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- a level named before the oscillator it is read on: "a reading below -100 on the CCI(20)" ----------------------
@pytest.mark.parametrize("text, expected", [
    ("We buy when we see a reading below -100 on the CCI(20).", {"entry": "cci(20) < -100"}),
    ("Go long on a cross above zero on the MACD histogram.", {"entry": "macd().hist crosses_above 0"}),
    ("Sell short on any move above 80 in the 14-period MFI.", {"short_entry": "mfi(14) crosses_above 80", "entry": None}),
    ("Enter long after a dip under 20 on the 5-day RSI. Exit after a rise over 60 on it.",
     {"entry": "rsi(5) crosses_below 20", "exit": "rsi(5) crosses_above 60"}),
    ("Buy when there is a print below 10 on the RSI(2), and sell on a print above 70.", {"entry": "rsi(2) < 10", "exit": "rsi(2) > 70"}),
])
def test_a_level_named_before_its_oscillator(spec_of, text, expected):
    got = _sides(spec_of(text))
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize("text", [
    "A reading below -100 on the CCI is often seen as oversold.",
    "Last week we saw a reading below 20 on the stochastic.",
    "Should you buy on a reading below 30 on the RSI?",
])
def test_a_level_before_its_oscillator_in_commentary_is_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- a label naming its side after "for": "My trigger for a long is ...", "The signal for going short is ..." ---------
@pytest.mark.parametrize("text, expected", [
    ("My trigger for a long is the 5-day RSI crossing up through 30.", {"entry": "rsi(5) crosses_above 30"}),
    ("The signal for going short is the 20 EMA dropping below the 50 EMA.", {"short_entry": "ema(20) crosses_below ema(50)", "entry": None}),
    ("Buy when the RSI(2) is under 10. Our condition for exiting is the RSI(2) rising over 70.",
     {"entry": "rsi(2) < 10", "exit": "rsi(2) crosses_above 70"}),
    ("The setup for longs is a close above the upper Bollinger Band (20, 2).", {"entry": "close > bbands(20, 2).upper"}),
    ("The cue to buy is the MACD line crossing over its signal line.", {"entry": "macd().macd crosses_above macd().signal"}),
])
def test_a_label_naming_its_side_after_for(spec_of, text, expected):
    got = _sides(spec_of(text))
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize("text", [
    "The signal for buying is explained in the next section, together with the RSI(14).",
    "My rule for exits is not fixed yet; the RSI(14) helps.",
    "The trigger for the selloff was the RSI hitting 80.",
])
def test_a_label_for_a_side_without_a_rule_is_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)
