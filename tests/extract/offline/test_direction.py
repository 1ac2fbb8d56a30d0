"""Direction: long only or long/short, from what the text says about shorts."""

from __future__ import annotations

import pytest

from foa.extract.offline.cues import short_cues


@pytest.mark.parametrize("tail", [
    "The system only trades long, but it could be changed to short the market as well.",
    "The rules can be reversed to trade short positions.",
    "Shorting is not allowed.",
    "We never go short.",
    "Short trades are not taken.",
    "Stop shorting stocks until you can make money on the long side.",
    "Avoid short selling in this system.",
    "I quit shorting years ago.",
])
def test_a_short_the_text_could_take_or_rules_out_keeps_it_long_only(spec_of, tail):
    s = spec_of("Buy when the close crosses above the 80-day EMA; sell when it crosses below. " + tail)
    assert s.direction == "long_only"
    assert s.short_entry is None


@pytest.mark.parametrize("tail", [
    "Do the opposite for shorts.",
    "Then go short when it crosses below.",
    "Sell short on the cross down.",
])
def test_a_short_the_text_takes_makes_it_long_short(spec_of, tail):
    s = spec_of("Go long when the close crosses above the 80-day EMA. " + tail)
    assert s.direction == "long_short"
    assert s.short_entry is not None and s.short_entry.op == "crosses_below"


def test_a_sell_trade_entered_is_a_short(spec_of):
    s = spec_of("Enter a buy trade when the close is above the 40 SMA; enter a sell trade when the close is below the 40 SMA.")
    assert s.direction == "long_short"
    assert s.short_entry.op == "<" and s.short_entry.right.params == {"window": 40}


def test_short_cues_skip_negated_and_hypothetical_shorts():
    assert len(short_cues("buy on the cross up; go short on the cross down")) == 1
    assert short_cues("this version does not short; it could also be adapted to short the index") == []


@pytest.mark.parametrize("text", [
    "If the faster EMA crosses above the slower EMA the robot enters into a BUY trade. If the faster EMA crosses below the "
    "slower EMA the robot enters into a SELL trade.",
    "Opening of a deal to buy:\nThe MACD line is above the signal line.\nOpening of the deal to sell:\nThe MACD line is below the signal line.",
])
def test_a_sell_deal_or_trade_that_is_opened_is_a_short(spec_of, text):
    s = spec_of(text)
    assert s.direction == "long_short" and s.short_entry is not None
    assert s.short_entry.op in ("crosses_below", "<")


@pytest.mark.parametrize("text", [
    "Go long above the 100 EMA and go short below it.",
    "Trade both directions: long above the 100-day EMA, short below the 100-day EMA.",
    "We buy when QQQ trades above its 100 EMA, and short when below it.",
    "Long over the 100 EMA; short under it.",
    "Stay long above the 100-period EMA, or short below it.",
])
def test_a_side_word_before_a_comparator_compares_the_price_with_the_line(spec_of, text):
    # the short side's comparator has no subject of its own: the price against the line ("it" is the line)
    s = spec_of(text)
    assert s.direction == "long_short"
    assert str(s.entry) == "close > ema(100)"
    assert str(s.short_entry) == "close < ema(100)"


@pytest.mark.parametrize("text,exit_", [
    ("Buy when the 50-day SMA is above the 200-day SMA; sell when the 50-day SMA falls below it.", "sma(50) crosses_below sma(200)"),
    ("Go long while the 10 EMA is over the 30 EMA, exit when the 10 EMA drops under it.", "ema(10) crosses_below ema(30)"),
    ("Hold the fund if the 20-day SMA trades above the 100-day SMA, and sell when the 20-day SMA slips beneath it.",
     "sma(20) crosses_below sma(100)"),
])
def test_a_line_against_it_is_against_the_other_line_named_before(spec_of, text, exit_):
    assert str(spec_of(text).exit) == exit_


@pytest.mark.parametrize("text", [
    "Buy when the RSI(2) closes below 10. Sell when price closes above the 5-day SMA. "
    "Short when RSI(2) closes above 90 and cover when price closes below the 5-day SMA.",
    "Short when the 2-period RSI is over 90, cover when the close is under the 5-day SMA. "
    "Buy when the 2-period RSI is under 10; sell when the close is over the 5-day SMA.",
    "Rules: buy on RSI(2) below 10 and sell on a close above the 5 day SMA. Sell short on RSI(2) above 90; "
    "buy to cover on a close below the 5 day SMA.",
])
def test_a_sell_beside_an_explicit_short_rule_closes_the_long(spec_of, text):
    s = spec_of(text)
    assert s.direction == "long_short"
    assert str(s.entry) == "rsi(2) < 10" and str(s.exit).startswith("close >") and "sma(5)" in str(s.exit)
    assert str(s.short_entry) == "rsi(2) > 90" and "sma(5)" in str(s.short_exit)


@pytest.mark.parametrize("label", ["Long trades", "Long signals", "Long setups", "Long trade", "Long signal"])
def test_a_long_label_in_the_plural_names_the_long_side(spec_of, label):
    s = spec_of(f"{label}: the 14 RSI must be higher than 55. Short trades: the 14 RSI must be lower than 45.")
    assert s.direction == "long_short"
    assert str(s.entry) == "rsi(14) > 55" and str(s.short_entry) == "rsi(14) < 45"


@pytest.mark.parametrize("text", [
    "Buy when RSI crosses from below to above 30. Sell when RSI crosses from above to below 70.",
    "Enter long when the CCI(20) goes from below to above -100; sell when it goes from above to below 100.",
    "- Buy: the 5-day RSI crosses from under to over 20\n- Sell: the 5-day RSI crosses from over to under 80",
    "Buy once the MFI crosses up from below to above 20, and sell once it crosses from above to below 80.",
    "We buy as the Williams %R moves from below to above -80 and sell as it moves from above to below -20.",
])
def test_a_crossing_that_names_both_sides_is_one_rule_and_keeps_a_sell_an_exit(spec_of, text):
    s = spec_of(text)
    assert s.direction == "long_only" and s.short_entry is None
    assert s.entry.op == "crosses_above" and s.exit.op == "crosses_below"


@pytest.mark.parametrize("text", [
    "Long when the close is above the 200-day SMA. Otherwise short.",
    "Be long while the close is over the 200-day SMA, otherwise go short.",
    "Hold the index when it is above the 200-day SMA; else short.",
    "If the close is above the 200 day SMA we are long, otherwise we are short.",
    "Stay long above the 200-day SMA. Otherwise, be short.",
])
def test_otherwise_short_makes_the_opposite_state_a_short(spec_of, text):
    s = spec_of(text)
    assert s.direction == "long_short"
    assert str(s.entry) == "close > sma(200)" and str(s.short_entry) == "close < sma(200)"


@pytest.mark.parametrize("text", [
    "A buy signal is generated when the MACD crosses above its signal line, and a sell signal when it crosses below. "
    "The system is always in the market.",
    "Buy when the 10 EMA crosses above the 40 EMA and sell when it crosses below. The strategy is always in the market.",
])
def test_a_system_always_in_the_market_is_long_short(spec_of, text):
    assert spec_of(text).direction == "long_short"


@pytest.mark.parametrize("text,cover", [
    ("Open a long position when RSI(2) < 10; close it when RSI(2) > 50. Open a short position when RSI(2) > 90; close it when RSI(2) < 50.",
     "rsi(2) < 50"),
    ("Go short when the CCI(20) is above 150 and exit it when the CCI(20) is below 0.", "cci(20) < 0"),
    ("Enter a short trade when the close is below the 20-day low; close the trade when the close is above the 10-day high.",
     "close > highest(10)"),
])
def test_closing_it_after_a_short_covers_the_short(spec_of, text, cover):
    s = spec_of(text)
    assert s.direction in ("long_short", "short_only") and str(s.short_exit) == cover


@pytest.mark.parametrize("text,entry,short", [
    ("Bullish entry: price closes above the upper Bollinger Band (20,2). Bearish entry: price closes below the lower band.",
     "close > bbands(20, 2).upper", "close < bbands(20, 2).lower"),
    ("Bullish setup: RSI(5) under 15.\nBearish setup: RSI(5) over 85.", "rsi(5) < 15", "rsi(5) > 85"),
    ("- Bullish signal: the 8 EMA is above the 21 EMA\n- Bearish signal: the 8 EMA is below the 21 EMA", "ema(8) > ema(21)", "ema(8) < ema(21)"),
])
def test_a_label_naming_its_bias_names_its_side(spec_of, text, entry, short):
    s = spec_of(text)
    assert (str(s.entry), str(s.short_entry)) == (entry, short)


@pytest.mark.parametrize("expected, text", [
    ('long_short', 'Buy when the close crosses above the 50-day SMA. For shorts we simply take the reverse.'),
    ('long_short', 'Go long once RSI(14) dips under 30. For short trades the opposite applies.'),
    ('long_short', 'Purchase when price closes over the 20 EMA. For sells, simply do the opposite.'),
    ('long_short', 'Enter long when the 10-day EMA crosses over the 30-day EMA; for short positions it is the reverse.'),
    ('long_short', 'Buy on a MACD cross above its signal line. For going short: use the mirror image.'),
    ('long_short', 'Buy when CCI(20) crosses above -100. For the short side, apply the inverse.'),
    ('long_only', 'Buy when the close crosses above the 50-day SMA. For exits, do the reverse.'),
    ('long_only', 'Buy when RSI(2) falls below 10. For the exit, the opposite applies: sell when RSI(2) rises above 90.'),
])
def test_the_side_named_first_then_its_mirror(spec_of, expected, text):
    """Read so: "For shorts, take the reverse": the short side named first, then the mirror of the long rule; an exit's reverse is no short."""
    s = spec_of(text)
    assert s.direction == expected
    assert (s.short_entry is not None) == (expected == "long_short")
    assert s.entry is not None


@pytest.mark.parametrize("expected, text", [
    ('long_short', 'Buy when the close crosses above the 50-day SMA, and vice versa for shorts.'),
    ('long_short', 'Go long as the 5-day EMA crosses over the 20-day EMA; vice versa for sells.'),
    ('long_short', 'Enter long when RSI(7) falls below 25 and vice versa for sell trades.'),
    ('long_short', 'Buy once the close rises above the upper Bollinger Band (20, 2), vice versa for selling.'),
    ('long_short', 'Purchase when the 12-day ROC turns above 0, and vice versa for the shorts.'),
])
def test_vice_versa_for_the_short_side(spec_of, expected, text):
    """Read so: "and vice versa for shorts/sells": the long rule mirrored for the short side."""
    s = spec_of(text)
    assert s.direction == expected
    assert (s.short_entry is not None) == (expected == "long_short")
    assert s.entry is not None


@pytest.mark.parametrize("expected, text", [
    ('long_short', 'Buy when the close crosses above the 100-day SMA. Exit the position and reverse as soon as a cross below follows.'),
    ('long_short', 'Buy when the close crosses above the 100-day SMA. Close the trade and reverse on the opposite cross.'),
    ('long_short', 'Go long when the 8 EMA crosses over the 21 EMA; close and reverse when it crosses back under.'),
    ('long_short', 'Enter long when RSI(14) climbs above 55. Exit your long and reverse once RSI(14) drops below 45.'),
    ('long_short', 'Buy as MACD crosses above zero, then liquidate the position and reverse at the next cross below zero.'),
    ('long_only', 'Buy when the close crosses above the 100-day SMA and exit when it crosses below. Do not close the trade and reverse the rules.'),
])
def test_closing_and_reversing(spec_of, expected, text):
    """Read so: "exit the position and reverse": a stop-and-reverse system, always in, long or short."""
    s = spec_of(text)
    assert s.direction == expected
    assert (s.short_entry is not None) == (expected == "long_short")
    assert s.entry is not None


@pytest.mark.parametrize("expected, text", [
    ('long_short', 'Buy when the close crosses above the 100-day SMA. When it crosses back below, flip short.'),
    ('long_short', 'Go long when the 9 EMA crosses over the 26 EMA and flip to short when it crosses under.'),
    ('long_short', 'Enter long when RSI(10) rises above 60; flips into a short when RSI(10) drops below 40.'),
    ('long_short', 'Buy on a close above the 50-day high; flip over to a short position on a close below the 50-day low.'),
    ('long_short', 'Buy when the close is above the 200-day SMA, flipping short when it closes under it.'),
    ('long_only', 'Buy when the close crosses above the 200-day SMA and sell when it crosses below; nobody should flip the rules to trade short-term swings.'),
])
def test_flipping_to_short(spec_of, expected, text):
    """Read so: "flip short", "flips into a short": the position turned over; "flip the rules" is no short."""
    s = spec_of(text)
    assert s.direction == expected
    assert (s.short_entry is not None) == (expected == "long_short")
    assert s.entry is not None


@pytest.mark.parametrize("expected, text", [
    ('long_short', 'Trade when the close moves over (for buy) or under (for sell) the 45 SMA.'),
    ('long_short', 'Enter when RSI(2) closes below 10 (short: above 90).'),
    ('long_short', 'Enter a trade when the close crosses above the 20-day SMA (for shorts: below).'),
    ('long_short', 'Open a position when the 5 EMA crosses over (for buys) or under (for sells) the 15 EMA.'),
    ('long_short', 'Buy when CCI(14) moves above 100 (for short trades: below -100).'),
    ('long_only', 'Buy when the close crosses above the 200-day SMA; sell when it crosses below, and park the cash in SHY (short-term treasuries).'),
])
def test_the_short_side_in_brackets(spec_of, expected, text):
    """Read so: "over (for buy) or under (for sell)", "(short: above 90)": the short side in brackets; "(short-term ...)" is not."""
    s = spec_of(text)
    assert s.direction == expected
    assert (s.short_entry is not None) == (expected == "long_short")
    assert s.entry is not None


@pytest.mark.parametrize("expected, text", [
    ('long_only', 'Buy SPY when RSI(2) falls below 5, and sell shortly after, when the close is above the 5-day SMA.'),
    ('long_only', 'Buy when the 3-day RSI drops below 15 and sell short-term gains when it rises above 60.'),
    ('long_only', 'Enter a short-term trade when the close drops below the lower Bollinger Band (20, 2); exit when it closes above the middle band.'),
    ('long_only', 'Go short-term long when RSI(2) is under 10 and exit when it rises over 50.'),
    ('long_only', 'Buy when the 5-day SMA crosses above the 20-day SMA, selling shortly afterwards when it crosses back under.'),
])
def test_shortly_and_short_term(spec_of, expected, text):
    """Read so: "sell shortly after", "a short-term trade": the word short inside a word or a span of time opens nothing."""
    s = spec_of(text)
    assert s.direction == expected
    assert (s.short_entry is not None) == (expected == "long_short")
    assert s.entry is not None


@pytest.mark.parametrize("expected, text", [
    ('long_only', 'Buy when RSI(2) drops below 10 and sell when RSI(2) rises above 90. In a trending market the same signal may be a short selling chance instead.'),
    ('long_only', 'Buy when the close crosses above the 50-day SMA and exit on a cross below. A close under the 200-day SMA may present a shorting opportunity.'),
    ('long_only', 'Go long when the 10-day ROC is above 0, sell when it turns negative. Three down days might also be a good short setup.'),
    ('long_only', 'Buy when CCI(20) crosses above -100 and sell when it crosses below 100; a failed rally could even signal a short trade.'),
    ('long_only', 'Purchase when the close is above the 100-day EMA; exit below it. Weak breadth can indicate a selling opportunity.'),
])
def test_a_short_opportunity_the_text_only_could_take(spec_of, expected, text):
    """Read so: "the signal may be a short selling chance": a possibility, not a rule; the text stays long only."""
    s = spec_of(text)
    assert s.direction == expected
    assert (s.short_entry is not None) == (expected == "long_short")
    assert s.entry is not None


@pytest.mark.parametrize("expected, text", [
    ("long_only", "Buy when the 10-day SMA crosses above the 50-day SMA and sell when it crosses back. The short side is not traded."),
    ("long_only", "Buy when the 10-day SMA crosses above the 50-day SMA and sell when it crosses back. Short positions are never opened."),
    ("long_only", "Buy when the 20-day EMA crosses above the 40-day EMA, exit when it crosses back; short positions will never be opened."),
    ("long_only", "Go long when RSI(5) falls under 20 and sell when it rises over 60. The short side is never traded in this system."),
    ("long_only", "Purchase when MACD turns above zero; exit when it turns below. Shorting is not permitted, so the sells only close longs."),
    ("long_short", "Buy when the close crosses above the 50-day SMA; sell short when it crosses below. "
                   "Short trades are not taken while the close is above the 200-day SMA."),
])
def test_a_short_side_said_not_to_trade_keeps_the_sells_exits(spec_of, expected, text):
    """Read so: "the short side is not traded", "short positions will never be opened": long only; a short
    not taken only while a condition holds is still taken at other times."""
    s = spec_of(text)
    assert s.direction == expected
    assert (s.short_entry is not None) == (expected == "long_short")


@pytest.mark.parametrize("expected, text", [
    ("long_short", "Buy when the 10-day SMA crosses above the 30-day SMA, and sell when it crosses below. The system trades both long and short."),
    ("long_short", "Buy when the 8-day EMA crosses over the 21-day EMA and sell when it crosses under; the model takes both long and short positions."),
    ("long_short", "We trade long and short positions: buy when RSI(14) rises above 50, sell when it drops below 50."),
    ("long_short", "Buy when the close is above the 100-day EMA and sell when it is below, trading both the long and the short side."),
    ("long_short", "Buy on a cross above the 50-day SMA and sell on a cross below, with both long and short entries."),
    ("long_only", "Buy when the 5-day SMA crosses above both the long and short moving averages (20 and 50 days) and sell when it "
                  "crosses below the 20-day SMA."),
])
def test_both_long_and_short_makes_a_sell_open_the_short(spec_of, expected, text):
    """Read so: "trades both long and short", "long and short positions": both sides; "both the long and short
    moving averages" names two averages, no side."""
    s = spec_of(text)
    assert s.direction == expected
    assert (s.short_entry is not None) == (expected == "long_short")


@pytest.mark.parametrize("text", [
    "Buy when Williams %R(14) crosses above -80. Shorts are opened when it crosses below -20.",
    "Go long when the 10-day ROC is above 0. Shorts are entered when the 10-day ROC is below 0.",
    "Buy when CCI(20) rises above 100; short trades are opened once CCI(20) drops below -100.",
    "Buy when the close crosses above the 20-day high. A short position is taken when the close drops below the 20-day low.",
    "Go long as RSI(14) climbs over 55; short positions get placed as RSI(14) slides under 45.",
    "Longs are taken when RSI(14) is above 60; shorts get triggered when RSI(14) is below 40.",
    "Buy when the 12 EMA crosses above the 26 EMA; short entries are executed when it crosses below.",
])
def test_a_short_opened_in_the_passive_is_a_short_entry(spec_of, text):
    """Read so: "shorts are opened when ...", "short positions get placed as ...": the short side's entry."""
    s = spec_of(text)
    assert s.direction == "long_short"
    assert s.short_entry is not None and s.entry is not None


@pytest.mark.parametrize("expected, text", [
    ("long_short", "Buy when the close crosses above the 50-day SMA; the opposite signal opens a short."),
    ("long_short", "Go long when RSI(14) rises above 60 and open a short when it sinks below 40."),
    ("long_short", "Purchase when the 5-day EMA crosses above the 13-day EMA, opening new shorts on the cross below."),
    ("long_short", "Buy when MACD crosses above zero. A cross below zero closes the long and opens a short."),
    ("long_short", "Enter long when the close breaks over the 55-day high; we open fresh shorts when it breaks under the 55-day low."),
    ("long_only", "Buy when the close crosses above the 50-day SMA and sell when it crosses below; the position stays open a short time."),
    ("long_only", "Buy when RSI(3) drops under 15 and sell when it rises over 70. Keep the trade open a short period only."),
])
def test_opening_a_short_is_a_short_entry(spec_of, expected, text):
    """Read so: "opens a short", "opening new shorts": the short side's entry; "open a short time" is a span."""
    s = spec_of(text)
    assert s.direction == expected
    assert (s.short_entry is not None) == (expected == "long_short")


@pytest.mark.parametrize("text", [
    "Should RSI(7) fall under 20, buy long, closing out once RSI(7) is over 50. Should RSI(7) rise over 85, buy short, closing out once RSI(7) is under 50.",
    "Buy long when the 20-day SMA crosses above the 50-day SMA; buy short when the 20-day SMA crosses below the 50-day SMA.",
    "When CCI(20) climbs above 100 we buy long. We buy short once CCI(20) sinks below -100.",
    "Buys short on a close under the 30-day EMA and buys long on a close over the 30-day EMA.",
    "Long: buy when the 12 EMA is over the 26 EMA. Short: buying short when the 12 EMA is under the 26 EMA.",
])
def test_a_short_bought_is_a_short_entry(spec_of, text):
    """Read so: "buy short when ...": the short side's entry, never a long one."""
    s = spec_of(text)
    assert s.direction == "long_short"
    assert s.short_entry is not None and s.entry is not None


@pytest.mark.parametrize("text", [
    "Buy short-term treasuries when the 10-day SMA of TLT crosses above its 50-day SMA; sell when it crosses below.",
    "Buy short-dated bonds when RSI(14) falls below 30 and sell them when it rises over 70.",
    "Buy short duration bonds when the close is above the 200-day SMA; sell when it is below.",
])
def test_a_short_maturity_bought_is_no_short(spec_of, text):
    """Read so: "buy short-term treasuries", "short-dated", "short duration": a holding's maturity, no short side."""
    assert spec_of(text).direction == "long_only"


@pytest.mark.parametrize("text", [
    "Place a 2-lot sell when the 9 EMA drops through the 21 EMA; place a 2-lot buy when the 9 EMA climbs through the 21 EMA.",
    "The robot opens a 0.1 lot buy when RSI(14) crosses above 30 and opens a 0.1 lot sell when RSI(14) crosses below 70.",
    "If the close breaks above the upper Bollinger band (20, 2), place a 3-contract buy; if it breaks below the lower band, "
    "place a 3-contract market sell.",
    "Send a mini-lot buy order when the MACD line crosses over its signal line, and send a mini-lot sell order when it crosses under.",
    "Execute a 2-contract buy when the 5-day SMA rises above the 20-day SMA; execute a 2-contract sell when it falls below.",
])
def test_a_sell_order_sized_in_lots_or_contracts_opens_a_short(spec_of, text):
    """Read so: "place a 2-lot sell", "execute a 2-contract sell": the sell side's own position (a short)."""
    s = spec_of(text)
    assert s.direction == "long_short"
    assert s.short_entry is not None and s.entry is not None


@pytest.mark.parametrize("text", [
    "We buy or sell depending on the side the cross comes from. Buy signal: the 15 EMA crosses above the 60 EMA. "
    "Sell signal: the 15 EMA crosses below the 60 EMA.",
    "Buy or sell depending on the direction of the cross: buy when the 10-day SMA crosses above the 40-day SMA and sell when "
    "it crosses below.",
    "The trader will either buy or sell, based depending on the MACD: buy when the MACD crosses above zero, sell when it "
    "crosses below zero.",
])
def test_either_buy_or_sell_by_direction_opens_both_sides(spec_of, text):
    """Read so: "either buy or sell, depending on which way ...": both sides open."""
    s = spec_of(text)
    assert s.direction == "long_short" and s.short_entry is not None


@pytest.mark.parametrize("text", [
    "Trade EUR/USD on the 4-hour chart. Buy signal: the 10 EMA crosses above the 30 EMA. Sell signal: the 10 EMA crosses below the 30 EMA.",
    "This forex system works on any pair. Buy when RSI(14) crosses above 30 and sell when RSI(14) crosses below 70.",
    "Pairs: GBPJPY and USDCHF. Buy when the close rises above the 100 SMA; sell when it falls below the 100 SMA.",
    "Buy when the 5-period EMA crosses over the 20-period EMA, sell when it crosses under. Stop loss 30 pips, target 60 pips.",
    "Lot size 0.1. Sell when the stochastic %K crosses below 80; buy when the MACD line crosses above its signal line.",
    "Trades the BTC perpetual swap. Buy when the 20 EMA crosses above the 50 EMA; sell when the 20 EMA crosses below the 50 EMA.",
    "Works on index CFDs: buy when RSI(7) crosses above 25 and sell when RSI(7) crosses below 75.",
])
def test_a_sell_in_forex_opens_a_short(spec_of, text):
    """Read so: in a currency pair (EUR/USD, pips, lots) a sell with its own condition opens the short side."""
    s = spec_of(text)
    assert s.direction == "long_short"
    assert s.short_entry is not None and s.entry is not None


@pytest.mark.parametrize("text", [
    "Buy SPY when the 50-day SMA crosses above the 200-day SMA and sell it when it crosses below.",
    "Trade AAPL: buy when RSI(14) crosses above 30, sell when RSI(14) crosses above 70.",
    "A lot of traders buy when the 10-day SMA crosses above the 40-day SMA; we do too, and sell when it crosses below.",
    "USD/JPY: buy when the 10 SMA crosses above the 20 SMA, and sell (close the position) when it crosses below.",
    "Trade EUR/USD. Buy when RSI(14) crosses above 30; sell to take profit when RSI(14) reaches 70.",
    "Trade GBP/USD long only: buy when the 20 EMA crosses above the 50 EMA and sell when it crosses below.",
])
def test_a_sell_outside_forex_or_glossed_as_a_close_closes_the_long(spec_of, text):
    """Read so: a stock's sell with no short word closes the long ("a lot of traders" names no lot size); in forex
    a sell glossed as a close, taking profit, or in a long-only text closes it too."""
    s = spec_of(text)
    assert s.direction == "long_only" and s.short_entry is None


@pytest.mark.parametrize("text", [
    "Go long when the close crosses above the upper Bollinger band (20, 2). Do the opposite for a short.",
    "Buy when the 14-day RSI crosses above 40. The reverse for a short trade.",
    "Enter long on a close above the 50-day high; the mirror image for a short position.",
    "Buy when MACD crosses above its signal line; vice versa for a sell trade.",
    "Go long when ROC(10) turns positive, and do the inverse for a short.",
])
def test_the_opposite_for_a_short_is_the_mirrored_short(spec_of, text):
    """Read so: "do the opposite for a short": the short side is the long rules mirrored."""
    s = spec_of(text)
    assert s.direction == "long_short" and s.short_entry is not None


@pytest.mark.parametrize("text", [
    "Buy when the MACD crosses above its signal line. Sell on a bearish MACD crossover.",
    "Buy when the 20-day EMA crosses above the 50-day EMA. Sell when the bearish crossover occurs.",
    "Buy the stock when it closes above the 50-day SMA; sell it on a bearish close below the 50-day SMA.",
    "Purchase when RSI(14) crosses above 30 and sell on a bearish RSI signal, when RSI(14) drops under 70.",
    "Buy on the bullish cross of the 10 and 30 SMAs; sell on the bearish cross of the 10 and 30 SMAs.",
])
def test_a_sell_on_a_bearish_crossover_closes_the_long(spec_of, text):
    """Read so: "sell on a bearish crossover" names the sell's event; the sell closes the long."""
    s = spec_of(text)
    assert s.direction == "long_only" and s.short_entry is None


@pytest.mark.parametrize("text", [
    "Buy on an upside break of the 20-day high. A downside break is bearish, so sell when the close drops below the 20-day low.",
    "Go short when the bearish crossover of the 10 and 30 SMAs happens, and buy on the bullish one.",
    "Buy when the 5 EMA crosses above the 20 EMA; sell when the market is in a downtrend, the 5 EMA below the 20 EMA.",
])
def test_a_bearish_break_or_downtrend_still_opens_the_short(spec_of, text):
    """Read so: a bearish break or a downtrend stated beside the sell opens the short side (and an explicit short)."""
    s = spec_of(text)
    assert s.direction == "long_short" and s.short_entry is not None


@pytest.mark.parametrize("text", [
    "A sell signal is generated when the 14-day RSI goes above 70, and a buy signal when it goes below 30. Stocks only, no shorting.",
    "Long only. A buy signal is generated when the 10-day SMA crosses above the 30-day SMA and a sell signal when it crosses below.",
    "Trade EUR/USD long-only: buy when RSI(14) crosses above 30 and sell when RSI(14) crosses below 70.",
    "This system takes only long trades. Buy when the MACD crosses above zero and sell on a downside break below the 50-day SMA.",
    "We never go short. The model issues a buy signal when ROC(12) turns positive and a sell signal when ROC(12) turns negative.",
])
def test_a_text_that_rules_out_shorts_keeps_its_sells_exits(spec_of, text):
    """Read so: "no shorting", "long only", "we never go short": every sell closes the long, whatever its wording."""
    s = spec_of(text)
    assert s.direction == "long_only" and s.short_entry is None


_VBT_HEAD = "import vectorbt as vbt\nfast = vbt.MA.run(close, {f})\nslow = vbt.MA.run(close, {s})\n"


@pytest.mark.parametrize("body", [
    "entries = fast.ma_crossed_above(slow)\nexits = fast.ma_crossed_below(slow)\n"
    "pf = vbt.Portfolio.from_signals(close, entries, exits, short_entries=exits, short_exits=entries)\n",
    "entries = fast.ma_crossed_above(slow)\nexits = fast.ma_crossed_below(slow)\n"
    "pf = vbt.Portfolio.from_signals(close, entries, exits, direction='both')\n",
    "buy = fast.ma_crossed_above(slow)\nsell = fast.ma_crossed_below(slow)\n"
    "portfolio = vbt.Portfolio.from_signals(close, entries=buy, exits=sell, direction=\"both\", fees=0.001)\n",
    "up = fast.ma_crossed_above(slow)\ndown = fast.ma_crossed_below(slow)\n"
    "pf = vbt.Portfolio.from_signals(close, up, down, short_entries=down, short_exits=up, init_cash=10000)\n",
    "long_in = fast.ma_crossed_above(slow)\nlong_out = fast.ma_crossed_below(slow)\n"
    "res = vbt.Portfolio.from_signals(close, long_in, long_out, freq='1D', direction='both')\n",
])
def test_vectorbt_short_signals_or_both_directions_open_the_short(spec_of, body):
    """Read so: from_signals(..., short_entries=...) or direction='both' (an exit signal opens the short)."""
    s = spec_of(_VBT_HEAD.format(f=10, s=50) + body)
    assert s.direction == "long_short"
    assert s.short_entry is not None and s.short_entry.op == "crosses_below"


@pytest.mark.parametrize("body", [
    "entries = fast.ma_crossed_above(slow)\nexits = fast.ma_crossed_below(slow)\npf = vbt.Portfolio.from_signals(close, entries, exits)\n",
    "entries = fast.ma_crossed_above(slow)\nexits = fast.ma_crossed_below(slow)\n"
    "pf = vbt.Portfolio.from_signals(close, entries, exits, direction='longonly', fees=0.001)\n",
    "buy = fast.ma_crossed_above(slow)\nsell = fast.ma_crossed_below(slow)\n"
    "pf = vbt.Portfolio.from_signals(close, entries=buy, exits=sell, sl_stop=0.05)\n",
])
def test_vectorbt_long_signals_stay_long_only(spec_of, body):
    """Read so: from_signals(close, entries, exits) with no short side (or direction='longonly'): long only."""
    s = spec_of(_VBT_HEAD.format(f=10, s=50) + body)
    assert s.direction == "long_only" and s.short_entry is None


_FUT = "fast = df['close'].rolling(7).mean()\nslow = df['close'].rolling(25).mean()\nif fast.iloc[-1] > slow.iloc[-1]:\n    {buy}\nelif fast.iloc[-1] < slow.iloc[-1]:\n    {sell}\n"


@pytest.mark.parametrize("buy, sell", [
    ("client.futures_create_order(symbol='BTCUSDT', side='BUY', positionSide='LONG', type='MARKET', quantity=q)",
     "client.futures_create_order(symbol='BTCUSDT', side='SELL', positionSide='SHORT', type='MARKET', quantity=q)"),
    ("client.futures_create_order(symbol=sym, side='BUY', type='MARKET', quantity=q, positionSide='LONG')",
     "client.futures_create_order(symbol=sym, side='SELL', type='MARKET', quantity=q, positionSide='SHORT')"),
    ("exchange.create_order(sym, 'market', 'buy', q, params={'positionSide': 'LONG'})",
     "exchange.create_order(sym, 'market', 'sell', q, positionSide='SHORT')"),
    ("session.place_order(symbol=sym, side='Buy', qty=q)",
     "session.place_order(symbol=sym, side='Sell', qty=q, position_side='short')"),
    ("api.submit_order(symbol=sym, side='buy', qty=q)",
     "api.submit_order(symbol=sym, side='short', qty=q)"),
])
def test_a_futures_order_on_the_short_position_side_opens_a_short(spec_of, buy, sell):
    """Read so: side='SELL' with positionSide='SHORT' (hedge mode), or a side named 'short': the short entry."""
    s = spec_of(_FUT.format(buy=buy, sell=sell))
    assert s.direction == "long_short" and s.short_entry is not None


@pytest.mark.parametrize("buy, sell", [
    ("client.futures_create_order(symbol='BTCUSDT', side='BUY', type='MARKET', quantity=q)",
     "client.futures_create_order(symbol='BTCUSDT', side='SELL', type='MARKET', quantity=q, reduceOnly=True)"),
    ("exchange.create_market_buy_order(sym, q)", "exchange.create_market_sell_order(sym, q)"),
    ("client.futures_create_order(symbol=sym, side='BUY', positionSide='LONG', type='MARKET', quantity=q)",
     "client.futures_create_order(symbol=sym, side='SELL', positionSide='LONG', type='MARKET', quantity=q)"),
])
def test_a_sell_order_closing_the_long_side_is_no_short(spec_of, buy, sell):
    """Read so: a sell on the LONG position side (or a spot sell) closes the long."""
    s = spec_of(_FUT.format(buy=buy, sell=sell))
    assert s.direction == "long_only" and s.short_entry is None


@pytest.mark.parametrize("text", [
    "def signal(df):\n    fast = df['close'].ewm(span=9).mean()\n    slow = df['close'].ewm(span=21).mean()\n"
    "    if fast.iloc[-1] > slow.iloc[-1]:\n        return 'long'\n    elif fast.iloc[-1] < slow.iloc[-1]:\n        return 'short'\n    return None\n",
    "def decide(df):\n    rsi = talib.RSI(df['close'], timeperiod=14)\n    if rsi.iloc[-1] < 30:\n        return \"LONG\"\n"
    "    if rsi.iloc[-1] > 70:\n        return \"SHORT\"\n    return \"FLAT\"\n",
    "def get_side(c):\n    sma = c.rolling(50).mean()\n    if c.iloc[-1] > sma.iloc[-1]:\n        return 'buy'\n"
    "    elif c.iloc[-1] < sma.iloc[-1]:\n        return 'short'\n",
    "def check(candles):\n    e1 = candles['close'].ewm(span=12).mean()\n    e2 = candles['close'].ewm(span=26).mean()\n"
    "    if e1.iloc[-1] < e2.iloc[-1]:\n        return 'short'\n    if e1.iloc[-1] > e2.iloc[-1]:\n        return 'long'\n",
    "function check(c) {\n  const sma = ta.sma(c, 30);\n  if (close > sma) { emitSignal('long'); }\n  else if (close < sma) { emitSignal('short'); }\n}\n",
])
def test_a_side_returned_or_signalled_as_short_opens_a_short(spec_of, text):
    """Read so: a function returning 'short' (or a signal call naming 'short') under a condition: the short entry."""
    s = spec_of(text)
    assert s.direction == "long_short" and s.short_entry is not None


@pytest.mark.parametrize("text", [
    "def decide(df):\n    rsi = talib.RSI(df['close'], timeperiod=14)\n    if rsi.iloc[-1] < 30:\n        return 'BUY'\n"
    "    elif rsi.iloc[-1] > 70:\n        return 'SELL'\n    return 'HOLD'\n",
    "def signal(df):\n    fast = df['close'].ewm(span=9).mean()\n    slow = df['close'].ewm(span=21).mean()\n"
    "    if fast.iloc[-1] > slow.iloc[-1]:\n        return 'long'\n    return 'flat'\n",
    "def get_side(c):\n    sma = c.rolling(50).mean()\n    if c.iloc[-1] > sma.iloc[-1]:\n        return 'buy'\n    elif c.iloc[-1] < sma.iloc[-1]:\n        return 'sell'\n",
])
def test_a_side_returned_as_sell_or_flat_closes_the_long(spec_of, text):
    """Read so: 'sell', 'flat' returned by a signal function close the long; no short side."""
    s = spec_of(text)
    assert s.direction == "long_only" and s.short_entry is None


@pytest.mark.parametrize("text", [
    "Trading the S&P 500 futures long and short: buy when RSI(14) crosses above 40; sell when RSI(14) crosses below 60.",
    "The bot trades long and short. Buy when RSI(14) crosses above 40; sell when RSI(14) crosses below 60.",
    "Trading ETH/USDT swaps, long and short: buy on a close above the 30-day SMA, sell on a close below it.",
    "This system is trading the Nasdaq long and short. Buy when the 10-day ROC is above 0 and sell when it is below 0.",
    "Markets: gold and oil, both long and short. Go long when the 21 EMA crosses above the 55 EMA, exit when it crosses below.",
])
def test_a_text_trading_long_and_short_opens_both_sides(spec_of, text):
    """Read so: "trades ..., long and short": the short side is the long rules mirrored (or the sells)."""
    s = spec_of(text)
    assert s.direction == "long_short" and s.short_entry is not None


@pytest.mark.parametrize("text", [
    "Buy when the 50-day SMA crosses above the 200-day SMA and sell when it crosses below. Long and short-term traders alike use it.",
    "Trades are held long and short-term: buy when RSI(14) crosses above 30 and sell when it crosses above 70.",
    "Buy when the close crosses above the 20-day EMA, sell when it crosses below; the long and short moving averages are 20 and 50 days.",
])
def test_long_and_short_naming_terms_or_averages_is_no_short_side(spec_of, text):
    """Read so: "long and short-term", "the long and short moving averages": spans and averages, no short side."""
    s = spec_of(text)
    assert s.direction == "long_only" and s.short_entry is None


@pytest.mark.parametrize("text", [
    "Position: +1 when the 50-day SMA is above the 200-day SMA, -1 when below.",
    "Position: 1 when the 12-month ROC is above 0; -1 otherwise.",
    "Position = +1 if the 20-day EMA is above the 60-day EMA, -1 if below.",
    "Position: +1 when RSI(14) is over 55, and -1 when under.",
    "Position: +1 whenever the 10-day SMA is above the 40-day SMA; -1 whenever below.",
])
def test_a_minus_one_position_is_the_short_side(spec_of, text):
    """Read so: "+1 when ..., -1 when below": the short position's value, the long rule mirrored."""
    s = spec_of(text)
    assert s.direction == "long_short" and s.short_entry is not None


@pytest.mark.parametrize("text", [
    "Position: +1 when the 50-day SMA is above the 200-day SMA, 0 when below.",
    "Position: 1 when the 12-month ROC is above 0; 0 otherwise.",
    "Buy when RSI(14) crosses above 30 and sell when it crosses above 70; the 14-day RSI is shifted by -1 when plotted.",
])
def test_a_zero_position_or_a_shift_of_minus_one_is_no_short(spec_of, text):
    """Read so: "0 when below" is flat; a shift of -1 is no position."""
    s = spec_of(text)
    assert s.direction == "long_only" and s.short_entry is None


@pytest.mark.parametrize("text", [
    "Sell when the price touches the upper Bollinger band (20, 2) and buy when it touches the lower band. The position is always "
    "flipped on the opposite touch.",
    "Buy when the 8 EMA crosses above the 34 EMA, sell when it crosses below; trades are reversed on every cross.",
    "Buy when MACD crosses above its signal line and sell when it crosses below, flipping the position each time.",
    "Buy when CCI(20) rises over 0, sell when it falls under 0. Positions get reversed at each signal.",
    "Purchase when the 5-day SMA crosses above the 15-day SMA; sell when it crosses below. We flip the trade on each cross.",
])
def test_a_flipped_or_reversed_position_opens_the_short(spec_of, text):
    """Read so: "the position is flipped", "trades are reversed on every cross": long turned into short."""
    s = spec_of(text)
    assert s.direction == "long_short" and s.short_entry is not None


@pytest.mark.parametrize("text", [
    "Buy when the 10-day SMA crosses above the 30-day SMA and sell when it crosses below. The rules are reversed for a bear market study in part 2.",
    "Buy when RSI(14) drops under 30 and sell when it rises over 70. The table is flipped to show the worst months first.",
    "Buy when the close crosses above the 50-day SMA, sell when it crosses below. The chart is reversed left to right.",
])
def test_a_reversed_table_or_chart_is_no_flip(spec_of, text):
    """Read so: a table, chart or rule set reversed is no position turned over."""
    s = spec_of(text)
    assert s.direction == "long_only" and s.short_entry is None


@pytest.mark.parametrize("text", [
    "Entry when the 20 EMA crosses the 50 EMA (long on a cross up, short on a cross down).",
    "Go long on a break above the 20-day high and short on a break below the 20-day low.",
    "Long on the cross over of the 9 and 21 EMAs; short on the cross under of the 9 and 21 EMAs.",
    "Trade RSI(14): long on a cross above 50, short on a cross below 50.",
    "Long on a MACD cross above the signal line; short on a MACD cross below the signal line.",
])
def test_long_on_a_cross_and_short_on_the_other_opens_both_sides(spec_of, text):
    """Read so: "long on a cross up, short on a cross down": both sides, each with its own crossing."""
    s = spec_of(text)
    assert s.direction == "long_short"
    assert s.entry is not None and s.short_entry is not None


@pytest.mark.parametrize("text", [
    "df['sma'] = df['close'].rolling(50).mean()\ndf['position'] = np.sign(df['close'] - df['sma'])\n"
    "df['strategy'] = df['position'].shift(1) * df['close'].pct_change()\n",
    "fast = close.rolling(10).mean()\nslow = close.rolling(40).mean()\nsignal = np.sign(fast - slow).shift(1)\n",
    "mom = df['Close'].pct_change(252)\ndf['pos'] = np.sign(mom)\n",
    "fast = close.rolling(20).mean()\nslow = close.rolling(100).mean()\ngap = fast - slow\npositions = gap.apply(np.sign) / 2\n",
    "df['ema'] = df['close'].ewm(span=30).mean()\ndf['stance'] = numpy.sign(df['close'] - df['ema'])\n",
])
def test_the_sign_of_a_difference_as_the_position_is_long_and_short(spec_of, text):
    """Read so: positions = np.sign(a - b) (or of a momentum): long while positive, short while negative."""
    s = spec_of(text)
    assert s.direction == "long_short"
    assert s.entry.op == ">" and s.short_entry.op == "<"


@pytest.mark.parametrize("text", [
    "df['sma'] = df['close'].rolling(50).mean()\ndf['position'] = np.where(df['close'] > df['sma'], 1, 0)\n",
    "df['sma'] = df['close'].rolling(50).mean()\ndf['gap_sign'] = np.sign(df['close'] - df['sma'])\n"
    "df['position'] = np.where(df['close'] > df['sma'], 1, 0)\n",
    "fast = close.rolling(10).mean()\nslow = close.rolling(40).mean()\ndf['pos'] = np.where(fast > slow, 1, 0)\n"
    "df['trend_sign'] = np.sign(fast - slow)\n",
])
def test_a_sign_that_is_no_position_keeps_the_long_only_rule(spec_of, text):
    """Read so: a sign stored in a column that is no position ("gap_sign") opens nothing; the 1/0 position stays long only."""
    s = spec_of(text)
    assert s.direction == "long_only" and s.short_entry is None


@pytest.mark.parametrize("text", [
    "Sell the index when RSI(14) rises above 75. Cover the position when RSI(14) drops under 50.",
    "We sell QQQ when the close is 2 standard deviations above the 20-day SMA and cover it when it falls back to the average.",
    "Sell the stock when the 5-day ROC is above 8%. Cover it when the 5-day ROC is below 0.",
    "Sell when CCI(20) crosses below 100, and cover once CCI(20) crosses above -100.",
    "Selling when the close crosses under the 50-day EMA; cover when it crosses back over.",
])
def test_a_sell_the_text_covers_is_a_short(spec_of, text):
    """Read so: a sell that the text later covers (and no buy or short word): the short side."""
    s = spec_of(text)
    assert s.direction == "short_only" and s.short_entry is not None


@pytest.mark.parametrize("text", [
    "Buy when RSI(2) drops under 10 and sell when it climbs over 70; I cover my costs with the first winning trade.",
    "Buy SPY when the close crosses above the 200-day SMA; sell when it crosses below. The study does not cover dividends.",
    "Buy when the 20-day EMA crosses above the 50-day EMA and sell when it crosses back; this post covers the backtest only.",
])
def test_a_cover_that_closes_no_short_keeps_the_sell_an_exit(spec_of, text):
    """Read so: "cover my costs", "does not cover dividends", "covers the backtest": no short is covered."""
    s = spec_of(text)
    assert s.direction == "long_only" and s.short_entry is None


@pytest.mark.parametrize("text", [
    "Short-only system. Enter when RSI(3) rises above 85 and exit when it falls under 50. Compare it with buy & hold.",
    "Short-only: enter when the close falls below the 20-day SMA, exit when it closes back above. Results are shown against buy and hold.",
    "Short trades only. Enter when the close drops below the 10-day low, exit after a long-term trend change, when it closes above the 50-day SMA.",
    "Short only. Enter when CCI(20) crosses below 100; exit when CCI(20) crosses above -100. It avoids long-term uptrends.",
    "Short positions only: enter when the 10 EMA crosses below the 30 EMA, exit when it crosses above; a long time frame works best.",
])
def test_a_short_only_text_naming_buy_and_hold_or_long_term_stays_short_only(spec_of, text):
    """Read so: "buy & hold" (the benchmark), "long-term", "a long time" name no long side of a short-only text."""
    s = spec_of(text)
    assert s.direction == "short_only" and s.entry is None


@pytest.mark.parametrize("text", [
    "A close above the 20-day high is a buy; a close below the 20-day low is a short.",
    "The bullish cross of the 9 and 21 EMAs is a buy signal, and the bearish cross is a short signal.",
    "RSI(14) above 70 counts as a short; RSI(14) below 30 counts as a buy.",
    "A cross of the close over the 50-day SMA is a long entry. A cross of the close under the 50-day SMA is the short entry.",
    "MACD above zero is a buy, MACD below zero is a short.",
])
def test_an_event_named_a_short_is_the_short_entry(spec_of, text):
    """Read so: "... is a short", "counts as a short", "is the short entry": the event opens the short side."""
    s = spec_of(text)
    assert s.direction == "long_short" and s.short_entry is not None


@pytest.mark.parametrize("text", [
    "Buy when the close crosses above the 50-day SMA; sell when it crosses below. The lookback is short.",
    "Buy when RSI(2) drops under 10 and sell when it rises over 70. The holding period is a short one, two days on average.",
    "Buy when the 5-day EMA crosses above the 20-day EMA and sell when it crosses below; the test window is a short 3 years.",
])
def test_a_short_span_is_no_short_side(spec_of, text):
    """Read so: "the lookback is short", "a short one", "a short 3 years": spans, no short side."""
    s = spec_of(text)
    assert s.direction == "long_only" and s.short_entry is None


@pytest.mark.parametrize("text", [
    "LONG ENTRY\n- Close above the 50 EMA\n- RSI(14) above 50\n\nSHORT ENTRY\n- Close below the 50 EMA\n- RSI(14) below 50\n",
    "Long position\nOpen: the 10-day ROC turns positive.\nClose: the 10-day ROC turns negative.\n"
    "Short position\nOpen: the 10-day ROC turns negative.\nClose: the 10-day ROC turns positive.",
    "Setup for shorts\nThe 20-day SMA is below the 50-day SMA and the close crosses below the 20-day SMA.\n"
    "Setup for longs\nThe 20-day SMA is above the 50-day SMA and the close crosses above the 20-day SMA.",
    "Buy setup\n* CCI(20) crosses above -100\nSell setup\n* CCI(20) crosses below 100\nRules for short trades\n* the sell setup opens a short",
    "Short trades\n1. The 5 EMA crosses below the 20 EMA.\nLong trades\n1. The 5 EMA crosses above the 20 EMA.",
])
def test_a_side_named_in_a_title_line_hands_it_to_the_lines_below(spec_of, text):
    """Read so: "LONG ENTRY", "Short position", "Setup for shorts" on a line of their own head the rules below."""
    s = spec_of(text)
    assert s.direction == "long_short"
    assert s.entry is not None and s.short_entry is not None


@pytest.mark.parametrize("text", [
    "LONG ENTRY\n- Close above the 50 EMA\n- RSI(14) above 50\n\nLONG EXIT\n- Close below the 50 EMA\n",
    "Long position\nOpen: the 10-day ROC turns positive.\nClose: the 10-day ROC turns negative.",
    "Buy setup\n* RSI(2) under 10\nSell setup\n* RSI(2) over 70",
])
def test_a_long_side_title_line_stays_long_only(spec_of, text):
    """Read so: long-side titles ("LONG ENTRY", "LONG EXIT", "Sell setup" closing it) open no short."""
    s = spec_of(text)
    assert s.direction == "long_only" and s.short_entry is None and s.entry is not None


@pytest.mark.parametrize("text", [
    "BUY: CCI(20) crosses above -100\nSELL: CCI(20) crosses below +100\n(This is a stop-and-reverse system.)",
    "Buy when the 10 EMA crosses above the 30 EMA and sell when it crosses below; it is a stop and reverse method.",
    "Stop-and-reverse: buy when RSI(14) crosses above 50, sell when RSI(14) crosses below 50.",
])
def test_stop_and_reverse_with_or_without_hyphens_opens_both_sides(spec_of, text):
    """Read so: "stop-and-reverse", "stop and reverse": always in the market, long or short."""
    s = spec_of(text)
    assert s.direction == "long_short" and s.short_entry is not None


@pytest.mark.parametrize("text", [
    "extern int P = 14;\nint start(){\n  double r = iRSI(NULL,0,P,PRICE_CLOSE,0);\n"
    "  if(OrdersTotal()==0 && r < 30) OrderSend(Symbol(),OP_BUY,0.1,Ask,3,0,0);\n"
    "  // if(OrdersTotal()==0 && r > 70) OrderSend(Symbol(),OP_SELL,0.1,Bid,3,0,0);\n  return(0);\n}",
    "//@version=5\nstrategy(\"Donchian\")\nup = ta.highest(high, 20)[1]\ndn = ta.lowest(low, 10)[1]\n"
    "if close > up\n    strategy.entry(\"L\", strategy.long)\nif close < dn\n    strategy.close(\"L\")\n"
    "/* if close < ta.lowest(low, 20)[1]\n    strategy.entry(\"S\", strategy.short) */\n",
    "input int N = 50;\nCTrade trade;\nvoid OnTick(){\n  double m = iMA(_Symbol, PERIOD_CURRENT, N, 0, MODE_SMA, PRICE_CLOSE);\n"
    "  if(!PositionSelect(_Symbol) && iClose(_Symbol, PERIOD_CURRENT, 1) > m) trade.Buy(0.1);\n"
    "  //trade.Sell(0.1);\n}",
    "//@version=5\nstrategy(\"RSI\")\nr = ta.rsi(close, 7)\nif r < 20\n    strategy.order(\"B\", strategy.long)\n"
    "if r > 80\n    strategy.close_all()\n// strategy.order(\"S\", strategy.short)\n",
    "extern int P = 20;\nint start(){\n  double m = iMA(NULL,0,P,0,MODE_EMA,PRICE_CLOSE,1);\n"
    "  if(OrdersTotal()==0 && Close[1] > m) OrderSend(Symbol(),OP_BUY,0.1,Ask,3,0,0);\n"
    "  /* request.type = ORDER_TYPE_SELL; */\n  return(0);\n}",
])
def test_a_short_order_commented_out_opens_no_short(spec_of, text):
    """Read so: "// OrderSend(..., OP_SELL, ...)", "/* strategy.entry(..., strategy.short) */": switched off."""
    s = spec_of(text)
    assert s.direction == "long_only" and s.short_entry is None


@pytest.mark.parametrize("text", [
    "extern int P = 14;\nint start(){\n  double r = iRSI(NULL,0,P,PRICE_CLOSE,0);\n"
    "  if(OrdersTotal()==0 && r < 30) OrderSend(Symbol(),OP_BUY,0.1,Ask,3,0,0);\n"
    "  if(OrdersTotal()==0 && r > 70) OrderSend(Symbol(),OP_SELL,0.1,Bid,3,0,0); // open the sell\n  return(0);\n}",
    "//@version=5\nstrategy(\"RSI\")\nr = ta.rsi(close, 14)\nif ta.crossover(r, 30)\n    strategy.entry(\"L\", strategy.long)\n"
    "// the short side, switched on\nif ta.crossunder(r, 70)\n    strategy.entry(\"S\", strategy.short) // opens the short\n",
    "# Short entry: sell short when the close crosses below the 50-day SMA; buy when it crosses above.\n"
    "sma = df['close'].rolling(50).mean()\n",
])
def test_a_live_short_order_or_a_comment_in_words_still_opens_the_short(spec_of, text):
    """Read so: an order after its code (a trailing comment) or a comment that states the rule in words counts."""
    s = spec_of(text)
    assert s.direction == "long_short" and s.short_entry is not None


_FT = ("class Strat(IStrategy):\n    {flag}\n    def populate_indicators(self, dataframe, metadata):\n"
       "        dataframe['rsi'] = ta.RSI(dataframe, timeperiod={n})\n        return dataframe\n"
       "    def populate_entry_trend(self, dataframe, metadata):\n"
       "        dataframe.loc[(dataframe['rsi'] < {lo}), 'enter_long'] = 1\n"
       "        dataframe.loc[(dataframe['rsi'] > {hi}), 'enter_short'] = 1\n        return dataframe\n"
       "    def populate_exit_trend(self, dataframe, metadata):\n"
       "        dataframe.loc[(dataframe['rsi'] > 50), 'exit_long'] = 1\n"
       "        dataframe.loc[(dataframe['rsi'] < 50), 'exit_short'] = 1\n        return dataframe\n")


@pytest.mark.parametrize("flag, n, lo, hi", [
    ("can_short = False", 14, 30, 70),
    ("can_short: bool = False", 10, 25, 75),
    ("can_short=False", 7, 20, 80),
    ("can_short: bool = False  # spot only", 21, 35, 65),
    ("timeframe = '1h'\n    can_short = False", 14, 28, 72),
])
def test_freqtrade_short_columns_with_can_short_false_never_trade(spec_of, flag, n, lo, hi):
    """Read so: freqtrade's can_short = False: enter_short/exit_short columns never trade; long only."""
    s = spec_of(_FT.format(flag=flag, n=n, lo=lo, hi=hi))
    assert s.direction == "long_only" and s.short_entry is None
    assert str(s.entry) == f"rsi({n}) < {lo}"


@pytest.mark.parametrize("flag", ["can_short = True", "can_short: bool = True", "timeframe = '5m'\n    can_short = True"])
def test_freqtrade_short_columns_with_can_short_true_open_the_short(spec_of, flag):
    """Read so: can_short = True: the enter_short column opens the short side."""
    s = spec_of(_FT.format(flag=flag, n=14, lo=30, hi=70))
    assert s.direction == "long_short" and str(s.short_entry) == "rsi(14) > 70"


# ---- a bare "short" as the action of a condition part ---------------------------------------------------------------
@pytest.mark.parametrize("text, direction, short_entry", [
    ("If the close is above the 200-day SMA, buy. If it is below, short.", "long_short", "close < sma(200)"),
    ("When the price is above the 20-day EMA, buy; when it is below, short.", "long_short", "close < ema(20)"),
    ("When the RSI(2) is over 90, short. Cover when it is under 50.", "short_only", "rsi(2) > 90"),
    ("If the 10-day SMA crosses under the 40-day SMA, short.", "short_only", "sma(10) crosses_below sma(40)"),
    ("Buy when the CCI(20) is under -100, and when it is over 100, short.", "long_short", "cci(20) > 100"),
])
def test_a_bare_short_after_its_condition_opens_the_short(spec_of, text, direction, short_entry):
    spec = spec_of(text)
    assert spec.direction == direction
    assert str(spec.short_entry) == short_entry


@pytest.mark.parametrize("text", [
    "If you hold the position for a short time, it is fine. Buy when the RSI(2) is under 10.",
    "When the RSI(2) is under 10, buy. Keep the holding period short.",
    "If the close is above the 200-day SMA, buy; the rest of the time stays short of risk.",
])
def test_short_as_an_adjective_opens_no_short(spec_of, text):
    assert spec_of(text).direction == "long_only"
