"""A rule the author tested and disowns, or one a reader asked about, is not the strategy."""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.extract.offline import cues


@pytest.mark.parametrize("text", [
    "# Why I quit fading gaps\n\nI tested buying QQQ when the 2-day RSI falls under 5, with an exit once it climbs "
    "over 60, from 2005 to 2023. It failed: the losses in 2008 were too deep. I do not recommend it.",
    "Someone asked whether shorting IWM when its 3-day RSI rises above 95 works. We ran that rule for ten years. "
    "It lost money in most of them, and we no longer trade it.",
    "My first idea was to buy GLD when the 20-day EMA crosses above the 50-day EMA and sell on the reverse cross. "
    "I backtested it on daily bars. This strategy did not work; I stopped using it last year.",
    "Here is a setup I ran in 2019: buy XLE when the close drops 3% below its 10-day SMA, sell when it gets back "
    "to the average. The rule broke down after 2020 and I would not recommend it to anyone.",
    "A reader emailed to ask if buying TLT when the 14-day RSI is below 25 makes sense. I checked it over 15 years "
    "and the approach failed. We never use that rule.",
])
def test_a_disowned_rule_is_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


@pytest.mark.parametrize("text, ind", [
    # the rule the author does use, after the one dropped
    ("I tested buying SPY when the RSI(14) drops below 30. It failed and I no longer trade it.\n\n"
     "What I use instead: buy SPY when the close crosses above the 200-day SMA; sell when it crosses below.", "sma"),
    # a recommendation limited to a kind of account is no rejection of the rule
    ("Buy QQQ when the 10-day EMA crosses above the 40-day EMA and sell on the opposite cross. I do not recommend "
     "it for accounts under $5,000 because of the fees.", "ema"),
    # "it failed to" is a market event inside a rule text
    ("Buy IWM when the RSI(2) drops below 10 and sell when it rises above 70. Last week it failed to bounce, "
     "which happens.", "rsi"),
    # a limit of where the rule works is no rejection of it
    ("Buy SPY when the 5-day RSI is below 20; sell when it is above 80. This system does not work on small caps, "
     "so we keep it to the index.", "rsi"),
    # a reader's question answered with the author's own rule
    ("Buy DIA when the 50-day SMA crosses above the 200-day SMA, sell when it crosses below. We trade it daily "
     "and it works for us.", "sma"),
])
def test_a_rule_the_author_keeps_is_read(spec_of, text, ind):
    spec = spec_of(text)
    assert spec.entry is not None
    assert ind in str(spec.entry)


@pytest.mark.parametrize("sentence, says", [
    ("it failed: the drawdowns were deep.", True),
    ("i do not recommend it and i no longer trade it.", True),
    ("we stopped trading this rule in 2021.", True),
    ("this system does not work.", True),
    ("this system does not work on small caps.", False),
    ("i do not recommend it for small accounts.", False),
    ("it failed to hold the 50-day average on monday.", False),
    ("i no longer trade it manually: the bot does.", False),
])
def test_disowns(sentence, says):
    assert cues.disowns(sentence) is says
