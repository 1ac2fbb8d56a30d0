"""Bar frequency: stated outright, or named with the indicator a rule compares."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, freq", [
    ("The weekly RSI(14) crossing above 50 is the buy signal; sell when the weekly RSI drops below 50.", "weekly"),
    ("Buy when the monthly MACD crosses above its signal line.", "monthly"),
    ("Go long when the close is above the weekly 30 SMA.", "weekly"),
])
def test_an_indicator_named_with_its_frequency_sets_the_bars(spec_of, text, freq):
    assert spec_of(text).frequency == freq


def test_a_stop_measured_in_weekly_atrs_sets_no_bars(spec_of):
    s = spec_of("Buy when the 50-day SMA is above the 200-day SMA. Use a 3x weekly ATR stop.")
    assert s.frequency == "daily"


@pytest.mark.parametrize("text", [
    "Enter on the close of the month if the close is above the 50-day moving average.",
    "Buy at the end of the week when the 20-day EMA is above the 50-day EMA.",
])
def test_a_month_end_or_week_end_timing_keeps_a_daily_rule_on_daily_bars(spec_of, text):
    s = spec_of(text)
    assert s.frequency == "daily"
    assert {i.params["window"] for i in (s.entry.right, s.entry.left) if hasattr(i, "params")} <= {20, 50}


def test_monthly_closes_with_month_windows_stay_monthly(spec_of):
    s = spec_of("On the close of the month, buy if the price is above the 10-month SMA.")
    assert s.frequency == "monthly" and s.entry.right.params == {"window": 10}
