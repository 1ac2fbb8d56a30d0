"""Wrong specs that looked verified on a new user's texts: levels, stops and exit sides the text never states.

Every sentence here is written for the test; each class has varied shapes and near cases that keep today's reading.
"""

from __future__ import annotations

import pytest


def _rules(spec) -> tuple[str, str]:
    return str(spec.entry), str(spec.exit)


# --- an oscillator's zone word restating the rule's own number is that number, never a second leg -----------------

@pytest.mark.parametrize("text, entry", [
    ("Rules: close > SMA(200) and RSI(2) < 10 then enter long. Exit when RSI(2) > 70.\n\n"
     "The idea pairs an uptrend filter with a deeply oversold 2-period RSI.", "rsi(2) < 10"),
    ("Go long when the 3-day RSI drops below 15. Sell when the 3-day RSI rises above 60.\n"
     "Put simply, we buy an oversold RSI in a market that keeps rising.", "rsi(3) crosses_below 15"),
    ("Buy when the 10-day MFI is under 25 and the close is above the 100-day SMA; exit when MFI(10) exceeds 75.\n"
     "An oversold MFI is our trigger.", "mfi(10) < 25"),
    ("Entry: stochastic(14) < 15. Exit: stochastic(14) > 85. We enter on an oversold stochastic reading.", "< 15"),
    ("Setup: RSI(4) below 20 gives the long; RSI(4) above 55 closes it. The RSI must be oversold first.", "rsi(4) < 20"),
])
def test_zone_word_takes_the_rules_own_level(spec_of, text, entry):
    spec = spec_of(text)
    got, _ = _rules(spec)
    assert entry in got
    assert " or " not in got  # no second, conventional-level leg


@pytest.mark.parametrize("text, level", [
    ("Buy when the 14-day RSI is oversold. Sell when it is overbought.", "30"),  # no number: the conventional one
    ("Buy when the RSI(14) is oversold; the oversold level is 25. Sell when RSI(14) > 70.", "25"),
    ("Buy when the RSI(14) is oversold. Sell when RSI(14) > 80.", "30"),  # an upper level says nothing of the lower zone
])
def test_zone_word_near_cases(spec_of, text, level):
    got, _ = _rules(spec_of(text))
    assert f"< {level}" in got


# --- a stop at a share of a price: of the peak it trails, of the fill it is fixed -----------------------------------

_CROSS = "Buy SPY when the 50-day SMA crosses above the 200-day SMA. Sell when it crosses below.\n"


@pytest.mark.parametrize("sentence, key, value", [
    ("The bot places a stop-loss order at 90% of the highest price seen so far.", "trailing_stop", 0.10),
    ("A stop order sits at 85% of the peak close since entry.", "trailing_stop", 0.15),
    ("Exit when the price falls to 92% of its highest close.", "trailing_stop", 0.08),
    ("We keep the stop at 95% of the entry price.", "stop_loss", 0.05),
    ("Our stop loss is placed at 93.5% of the purchase price.", "stop_loss", 0.065),
])
def test_stop_at_a_share_of_a_price(spec_of, sentence, key, value):
    risk = spec_of(_CROSS + sentence).risk
    assert getattr(risk, key) == pytest.approx(value)
    other = "stop_loss" if key == "trailing_stop" else "trailing_stop"
    assert getattr(risk, other) is None


@pytest.mark.parametrize("sentence, key, value", [
    ("We keep a stop at 8%.", "stop_loss", 0.08),
    ("A 12% trailing stop protects gains.", "trailing_stop", 0.12),
    ("Exit if it drops 7% from the highest close since entry.", "trailing_stop", 0.07),
])
def test_stop_near_cases(spec_of, sentence, key, value):
    assert getattr(spec_of(_CROSS + sentence).risk, key) == pytest.approx(value)


# --- a long held above its average leaves when the price comes back to it ------------------------------------------

@pytest.mark.parametrize("text, exit_rule", [
    ("We enter long when the price rises above the 20-SMA and exit when price hits the 20-SMA again.", "close <= sma(20)"),
    ("Buy when the close rises above the 50-day SMA. Sell when the price touches the 50-day SMA.", "close <= sma(50)"),
    ("Go long once the close climbs above the 30-day EMA; close the trade when price reaches the 30-day EMA.", "close <= ema(30)"),
    ("Buy when the close crosses above the WMA(40). Exit as soon as the price gets back to the WMA(40).", "wma(40)"),
    ("Entry: close breaks above the 100-day moving average. Exit when the price comes back to the 100-day SMA.", "sma(100)"),
])
def test_long_exit_back_to_the_average(spec_of, text, exit_rule):
    _, got = _rules(spec_of(text))
    assert exit_rule in got
    assert "close <=" in got or "close crosses_below" in got  # the fall back to the line, never the rise


@pytest.mark.parametrize("text, rule, side", [
    ("Buy when the close is below the lower Bollinger band. Sell when the price returns to the middle band.",
     "close >= bbands(20, 2).middle", "exit"),
    ("Buy when the close rises above the 50-day SMA. Sell when the price falls back to the 50-day SMA.",
     "close crosses_below sma(50)", "exit"),
    ("Short when the close falls below the 50-day EMA. Cover when the price touches the 50-day EMA.",
     "close >= ema(50)", "short_exit"),
])
def test_back_to_a_line_near_cases(spec_of, text, rule, side):
    assert rule in str(getattr(spec_of(text), side))


# --- a sell of what the long holds closes it, however many conditions it has ---------------------------------------

@pytest.mark.parametrize("text", [
    "The bot buys SPY when the 50-day SMA crosses above the 200-day SMA and the RSI is below 50, and sells all holdings "
    "when the 50-day SMA crosses below the 200-day SMA or the RSI is above 70.",
    "Our script buys QQQ once the 20-day EMA crosses over the 100-day EMA and the 14-day RSI is under 60; it sells the "
    "position when the 20-day EMA crosses under the 100-day EMA or the RSI is over 75.",
    "It buys 50 shares when the 10-day SMA crosses above the 40-day SMA and the RSI(7) is below 45, and sells its "
    "shares when the 10-day SMA crosses below the 40-day SMA or RSI(7) climbs above 80.",
    "The algorithm sells everything when the close crosses below the 100-day SMA or the RSI(14) is above 75, and buys "
    "IWM when the close crosses above the 100-day SMA and the RSI(14) is below 40.",
    "Buying happens when the 5-day EMA crosses above the 30-day EMA and the RSI is below 55; the bot then sells the "
    "entire stake when the 5-day EMA crosses below the 30-day EMA or the RSI exceeds 70.",
])
def test_sell_of_holdings_is_the_long_exit(spec_of, text):
    spec = spec_of(text)
    assert spec.direction == "long_only"
    assert spec.short_entry is None
    assert spec.exit is not None


@pytest.mark.parametrize("text", [
    # a sell with its own conditions and nothing it sells from a long: the two sides of a system
    "The bot buys SPY when the 50-day SMA crosses above the 200-day SMA and the RSI is below 50, and sells SPY when "
    "the 50-day SMA crosses below the 200-day SMA and the RSI is above 70.",
    "Go long when the 20-day EMA crosses above the 50-day EMA and the RSI(14) is above 50. Go short when the 20-day "
    "EMA crosses below the 50-day EMA and the RSI(14) is below 50.",
])
def test_sell_that_opens_a_short_near_cases(spec_of, text):
    assert spec_of(text).direction == "long_short"


# --- a bare side heading ("SHORT:") hands its side to the entry/exit headings below it ------------------------------

@pytest.mark.parametrize("text, short_rule, cover_rule", [
    ("LONG:\nOur entry is defined by:\n- A candle closes above the 10 EMA\nOur exit is defined by:\n- A candle closes below "
     "the 30 EMA\n\nSHORT:\nOur entry is defined by:\n- A candle closes below the 10 EMA\nOur exit is defined by:\n"
     "- A candle closes above the 30 EMA\n", "close < ema(10)", "close > ema(30)"),
    ("LONG:\n1.a Our entry is defined by:\n- A candle closes above the 10 EMA\n1.b Our exit is defined by:\n- A candle "
     "closes below the 30 EMA\n\nSHORT:\n2.a Our entry is defined by:\n- A candle closes below the 10 EMA\n2.b Our exit "
     "is defined by:\n- A candle closes above the 30 EMA\n", "close < ema(10)", "close > ema(30)"),
    ("Long side\nEntry rules:\n- RSI(14) crosses above 40\nExit rules:\n- RSI(14) crosses above 70\n\nShort side\n"
     "Entry rules:\n- RSI(14) crosses below 60\nExit rules:\n- RSI(14) crosses below 30\n",
     "rsi(14) crosses_below 60", "rsi(14) crosses_below 30"),
    ("Short setups:\nEntry:\n- the close is below the 50-day SMA\nExit:\n- the close is above the 20-day SMA\n\n"
     "Long setups:\nEntry:\n- the close is above the 50-day SMA\nExit:\n- the close is below the 20-day SMA\n",
     "close < sma(50)", "close > sma(20)"),
    ("Long:\nEntry conditions:\n- the 5-day SMA is above the 20-day SMA\nExit conditions:\n- the 5-day SMA is below the "
     "20-day SMA\n\nShort:\nEntry conditions:\n- the 5-day SMA is below the 20-day SMA\nExit conditions:\n"
     "- the 5-day SMA is above the 20-day SMA\n", "sma(5) < sma(20)", "sma(5) > sma(20)"),
])
def test_side_heading_above_entry_and_exit_headings(spec_of, text, short_rule, cover_rule):
    spec = spec_of(text)
    assert spec.direction == "long_short"
    assert short_rule in str(spec.short_entry)
    assert cover_rule in str(spec.short_exit)
    assert short_rule not in str(spec.entry)


def test_entry_heading_without_a_side_heading_stays_long(spec_of):
    spec = spec_of("Our entry is defined by:\n- A candle closes above the 10 EMA\nOur exit is defined by:\n"
                   "- A candle closes below the 30 EMA\n")
    assert spec.direction == "long_only"
    assert "close > ema(10)" in str(spec.entry)


# --- "add 2 ma 5 or ma 10 lines": the count of lines is no average's window -----------------------------------------

@pytest.mark.parametrize("norm, windows", [
    ("add 2 ma 5 or ma 10 lines to the chart", [5, 10]),
    ("plot 3 ema 8, ema 13 and ema 21 on the chart", [8, 13, 21]),
    ("put 2 sma 20 and sma 50 on the chart", [20, 50]),
    ("we draw 2 moving averages 10 and 30 on the daily chart", [10, 30]),
    ("load 2 wma 9 and wma 30 on the hourly chart", [9, 30]),
])
def test_count_of_lines_is_no_window(norm, windows):
    from foa.extract.offline.mentions import find_mentions

    got = [m.params.get("window") for m in find_mentions(norm) if m.name in ("ma", "sma", "ema", "wma")]
    assert got[:len(windows)] == windows or sorted(w for w in got if w) == windows


@pytest.mark.parametrize("norm, windows", [
    ("buy when the 20 ma is above the 50 ma", [20, 50]),
    ("the 5 ma 10 ma cross", [5, 10]),
    ("the 9 ema 21 ema strategy", [9, 21]),
])
def test_count_of_lines_near_cases(norm, windows):
    from foa.extract.offline.mentions import find_mentions

    assert [m.params.get("window") for m in find_mentions(norm)] == windows


# --- a results row is no bar frequency ------------------------------------------------------------------------------

@pytest.mark.parametrize("norm", [
    "| median monthly return | -1.538% |",
    "| best monthly return | +6.1% |",
    "average monthly return 1.2%",
    "worst weekly return: -4%",
    "| daily returns | 0.05% |",
])
def test_results_row_is_no_frequency(norm):
    from foa.extract.offline.universe import frequency_cues

    assert frequency_cues(norm) == []


@pytest.mark.parametrize("norm, freq", [
    ("we compute the monthly returns of each fund and hold the best", "monthly"),
    ("signals are read on weekly bars", "weekly"),
    ("the model ranks funds on daily returns", "daily"),
])
def test_frequency_near_cases(norm, freq):
    from foa.extract.offline.universe import frequency_cues

    assert frequency_cues(norm) == [freq]


def test_results_table_does_not_set_the_bars(spec_of):
    spec = spec_of("Buy when the close is above the 20-day SMA. Sell when the close is below the 20-day SMA.\n"
                   "| Total return | +40.2% |\n| Median monthly return | -1.2% |\n| Best monthly return | +5.0% |\n")
    assert spec.frequency == "daily"


# --- "close the order and stop buying": an exit, never the entry ---------------------------------------------------

@pytest.mark.parametrize("text, exit_rule", [
    ("Buy when the close rises above the 50-day EMA. When the close falls below the 20-day EMA, close the order and "
     "stop buying.", "ema(20)"),
    ("Buy when the close rises above the 50-day EMA. Once the close drops under the 20-day EMA, we close our orders "
     "and no more buying.", "ema(20)"),
    ("Buy when the close rises above the 50-day EMA. If the close ends below the 30-day EMA, close the buy order and "
     "cease adding.", "ema(30)"),
    ("Go long when the RSI(14) crosses above 40. When the RSI(14) falls under 30, close the order and quit buying.",
     "rsi(14) crosses_below 30"),
    ("Enter long when the 10-day SMA crosses above the 40-day SMA. Close the orders and stop buying when the 10-day SMA "
     "crosses below the 40-day SMA.", "sma(10) crosses_below sma(40)"),
])
def test_stop_buying_is_an_exit(spec_of, text, exit_rule):
    spec = spec_of(text)
    assert exit_rule in str(spec.exit)
    assert exit_rule not in str(spec.entry)
    assert spec.direction == "long_only"


def test_exit_alone_with_stop_buying_is_no_strategy(spec_of):
    from foa.errors import NoStrategyFound

    with pytest.raises(NoStrategyFound):
        spec_of("When the price closes below the 20 ma line, close the order and stop buying.")


@pytest.mark.parametrize("text, entry_rule", [
    ("Buy when the close rises above the 50-day EMA. Sell when the close falls below the 20-day EMA.", "ema(50)"),
    ("Keep buying when the RSI(14) is below 30; sell when the RSI(14) is above 70.", "rsi(14) < 30"),
])
def test_buying_near_cases(spec_of, text, entry_rule):
    assert entry_rule in str(spec_of(text).entry)


# --- the exit of a sentence that opens the short is the short's cover ----------------------------------------------

@pytest.mark.parametrize("text, cover", [
    ("We go long when the close rises above the 20-day SMA and exit when the price touches the 20-day SMA again. "
     "We enter our short position when the close falls below the 20-day SMA and exit when the price touches the "
     "20-day SMA.", "sma(20)"),
    ("Buy when the close crosses above the 50-day EMA; exit when it crosses below. Go short when the RSI(14) rises "
     "above 80 and exit when the RSI(14) falls below 50.", "rsi(14) crosses_below 50"),
    ("Longs: buy when the RSI(5) drops below 20 and exit when the RSI(5) climbs above 60. Shorts: we sell short when "
     "the RSI(5) rises above 80 and exit when the RSI(5) drops below 40.", "rsi(5) crosses_below 40"),
])
def test_exit_in_a_short_sentence_is_the_cover(spec_of, text, cover):
    spec = spec_of(text)
    assert spec.direction == "long_short"
    assert cover in str(spec.short_exit)
    assert spec.exit is not None and "short" not in str(spec.exit)


def test_exit_in_a_short_sentence_covers_upwards(spec_of):
    spec = spec_of("We go long when the close rises above the 20-day SMA and exit when the price touches the 20-day "
                   "SMA again. We enter our short position when the close falls below the 20-day SMA and exit when "
                   "the price touches the 20-day SMA.")
    assert "close <=" in str(spec.exit) or "crosses_below" in str(spec.exit)
    assert "close >=" in str(spec.short_exit) or "crosses_above" in str(spec.short_exit)
