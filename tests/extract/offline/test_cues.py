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
    spec = spec_of("A buy signal is generated when the 12-day EMA crosses above the 26-day EMA.")
    assert spec.entry.op == "crosses_above"
