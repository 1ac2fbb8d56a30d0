"""Roles (buy, sell, short, exit) and what is not a rule (hedged meanings, adjectives that look like cues)."""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.extract.offline.cues import is_hedged, roles_of


def test_a_trend_called_flat_is_not_an_exit():
    assert roles_of("the 30-week average is trending flat or slightly up") == set()
    assert roles_of("go flat when the close drops under the 20-day low") == {"exit"}
    assert roles_of("long when above, flat when below") >= {"exit"}


def test_what_a_signal_may_mean_is_not_a_rule(spec_of):
    assert is_hedged("a close above the band could be seen as a sell signal")
    with pytest.raises(NoStrategyFound):
        spec_of("When the 12-day EMA crosses over the 26-day EMA, this could be read as a sign to buy. "
                "A cross the other way is generally considered bearish.")


def test_a_stated_signal_is_still_a_rule(spec_of):
    spec = spec_of("We get our buy signal once the 12-day EMA crosses above the 26-day EMA.")
    assert spec.entry.op == "crosses_above"


def test_a_tutorial_of_named_lines_only_is_refused(spec_of):
    with pytest.raises(NoStrategyFound):
        spec_of("Where are the signals on a MACD chart? When the MACD line crosses over the signal line it might be "
                "seen as a buy signal; a cross under it could be read as a sell signal.")


def test_what_a_cross_indicates_about_the_trend_is_not_a_rule():
    assert is_hedged("a cross of the two averages above zero indicates a strong uptrend")


def test_what_buy_and_hold_means_is_not_a_holding(spec_of):
    with pytest.raises(NoStrategyFound):
        spec_of("Buy and hold (BAH) means owning broad index funds for decades. Buy the dip is its active "
                "cousin that adds on price declines.")
