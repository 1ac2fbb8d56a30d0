"""'N/M' names two windows of one average; its cross is the shorter against the longer (sentences written for
these tests)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text, name, fast, slow", [
    ("Buy when the 20/100 EMA crossover turns up and sell when it turns down.", "ema", 20, 100),
    ("Go long SPY on a 10/30 SMA cross up; exit on the cross down.", "sma", 10, 30),
    ("Buy QQQ when the 9/21 EMA crosses up and sell when it crosses down.", "ema", 9, 21),
    ("We buy IWM on the 50/200 moving average cross and sell on the cross back.", "sma", 50, 200),
    ("Enter long when the 13/48 week SMA crosses above; close the trade when it crosses below.", "sma", 13, 48),
])
def test_a_pair_of_windows_crosses_fast_over_slow(spec_of, text, name, fast, slow):
    spec = spec_of(text)
    assert (spec.entry.left.name, spec.entry.left.params, spec.entry.op, spec.entry.right.params) == (
        name, {"window": fast}, "crosses_above", {"window": slow})
    assert (spec.exit.left.params, spec.exit.op, spec.exit.right.params) == ({"window": fast}, "crosses_below", {"window": slow})
    assert spec.direction == "long_only" and spec.unsupported == []


def test_a_short_on_the_cross_down(spec_of):
    spec = spec_of("Short EURUSD when the 8/34 EMA crosses down and cover when it crosses up.")
    assert spec.direction == "short_only" and spec.entry is None
    assert (spec.short_entry.left.params, spec.short_entry.op, spec.short_entry.right.params) == (
        {"window": 8}, "crosses_below", {"window": 34})


def test_a_pair_named_without_a_cross_is_no_rule(spec_of):
    from foa.errors import NoStrategyFound

    with pytest.raises(NoStrategyFound):
        spec_of("The 20/50 EMA pair is popular with swing traders on the daily chart.")


def test_a_pair_named_twice_beside_a_filter(spec_of):
    spec = spec_of("Buy QQQ when the 10/40 SMA crosses up and the close is above the 200-day SMA; sell when the "
                   "10/40 SMA crosses down.")
    conds = {(c.left.model_dump_json(), c.op, c.right.model_dump_json()) for c in spec.entry.of}
    assert len(conds) == 2
    assert {c.op for c in spec.entry.of} == {"crosses_above", ">"}
    assert (spec.exit.left.params, spec.exit.op, spec.exit.right.params) == ({"window": 10}, "crosses_below", {"window": 40})
    assert not any("trend filter" in a for a in spec.assumptions)
