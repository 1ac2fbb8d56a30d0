"""Indicator mentions: names, windows, parameters stated apart."""

from __future__ import annotations

from foa.extract.offline.mentions import find_mentions


def test_a_signal_line_period_after_its_name_is_read():
    ms = find_mentions("it uses a signal line of 7 here")
    assert [(m.name, m.params, m.role) for m in ms] == [("macd", {"signal": 7}, "signal")]
