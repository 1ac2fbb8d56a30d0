"""Two averages stated as a pair of lengths apart from the rule ("two SMAs (10 and 30 days)", "2 EMAs, a 10-period
and a 30-period one") give the windows of the rule that names them by role ("the fast average crosses above the slow
one"), never the default 50/200 or 12/50."""

from __future__ import annotations

import pytest

from foa.extract.offline.settings import settings_of


def _windows(cond) -> list[tuple[str, int]]:
    return [(cond.left.name, cond.left.params["window"]), (cond.right.name, cond.right.params["window"])]


@pytest.mark.parametrize("text, want", [
    ("The system uses 2 EMAs, a 10-period and a 30-period one. Buy when the faster EMA crosses above the slower EMA.",
     [("ema", 10), ("ema", 30)]),
    ("We plot two simple moving averages (10 and 30 days). Go long when the fast average crosses above the slow average.",
     [("sma", 10), ("sma", 30)]),
    ("Two exponential moving averages are used: 8 and 21 periods. Enter long when the fast one crosses over the slow one.",
     [("ema", 8), ("ema", 21)]),
    ("The moving averages are set to 5 and 35 bars. Buy when the short moving average crosses above the long moving average.",
     [("sma", 5), ("sma", 35)]),
    ("Apply two SMAs of 20 and 60 days to the chart. Buy when the faster SMA closes above the slower SMA.",
     [("sma", 20), ("sma", 60)]),
    ("Plot a 15-day and a 45-day EMA. Buy when the shorter EMA crosses above the longer EMA.", [("ema", 15), ("ema", 45)]),
    ("Go long when the faster average rises through the slower average. Averages used: 7 & 28 days, both exponential.",
     [("ema", 7), ("ema", 28)]),
])
def test_a_pair_of_lengths_gives_the_role_windows(spec_of, text, want):
    spec = spec_of(text)
    assert spec.entry.op in ("crosses_above", ">")
    assert _windows(spec.entry) == want
    assert not any("window not stated" in a for a in spec.assumptions)


@pytest.mark.parametrize("norm, want", [
    ("we plot two simple moving averages (10 and 30 days).", [("fast", 10.0), ("slow", 30.0)]),
    ("the system uses 2 emas, a 10-period and a 30-period one.", [("fast", 10.0), ("slow", 30.0)]),
    ("plot a 15-day and a 45-day ema.", [("fast", 15.0), ("slow", 45.0)]),
    # near lines: levels, a span of data, another indicator's numbers, lengths in weeks
    ("the rsi levels are 30 and 70.", []),
    ("moving averages were tested on 5 and 10 years of data.", []),
    ("two moving averages and an rsi with 14 and 28 periods.", []),
    ("hold for 5 and then 10 days.", []),
    ("we use two moving averages, 10 and 40 weeks.", []),
])
def test_settings_of_reads_a_pair_with_its_unit(norm, want):
    assert settings_of(norm) == want


def test_averages_named_with_their_windows_are_read_as_before(spec_of):
    spec = spec_of("Buy when the 9-period EMA and 21-period EMA have a bullish crossover. Sell on a bearish crossover.")
    assert _windows(spec.entry) == [("ema", 9), ("ema", 21)]
    spec = spec_of("Fast MA: 12-period EMA. Slow MA: 26-period EMA. Buy when the fast MA crosses above the slow MA.")
    assert _windows(spec.entry) == [("ema", 12), ("ema", 26)]


def test_roles_without_any_stated_length_keep_the_default_and_say_so(spec_of):
    spec = spec_of("Buy when the fast SMA crosses above the slow SMA.")
    assert any("window not stated" in a for a in spec.assumptions)


# ---- "the moving averages cross upward": the fast average over the slow one the clause names -----------------------
@pytest.mark.parametrize("text, entry", [
    ("Buy when the moving averages cross: the 10-day SMA crossing above the 40-day SMA.", "sma(10) crosses_above sma(40)"),
    ("Buy when the 9-day and 21-day EMAs cross upward; sell when they cross downward.", "ema(9) crosses_above ema(21)"),
    ("Go long when the two moving averages (the 20-day SMA and the 50-day SMA) cross to the upside.",
     "sma(20) crosses_above sma(50)"),
    ("Buy when both EMAs cross upward (the 12 EMA and the 26 EMA).", "ema(12) crosses_above ema(26)"),
])
def test_averages_crossing_as_a_pair_cross_fast_over_slow(spec_of, text, entry):
    assert str(spec_of(text).entry) == entry


def test_averages_crossing_down_as_a_pair_open_the_short(spec_of):
    spec = spec_of("Sell short when the averages cross downward, i.e. the 5-day EMA crossing under the 15-day EMA.")
    assert str(spec.short_entry) == "ema(5) crosses_below ema(15)"


@pytest.mark.parametrize("text", [
    # the pair's lengths only declared apart, or not at all: no 50/200 is made up for them
    "We use the 10-day and 40-day SMAs. Buy when the moving averages cross upward; sell when they cross downward.",
    "When the two averages (8 and 21 days) cross upward, buy.",
    "Buy when the moving averages cross upward.",
])
def test_averages_crossing_without_two_named_lengths_make_up_none(spec_of, text):
    from foa.errors import NoStrategyFound

    try:
        spec = spec_of(text)
    except NoStrategyFound:
        return
    assert "golden/death cross without windows: 50- and 200-bar SMAs assumed" not in spec.assumptions
