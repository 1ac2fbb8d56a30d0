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
