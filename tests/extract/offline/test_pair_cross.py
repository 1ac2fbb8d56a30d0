"""'N/M' names two windows of one average; its cross is the shorter against the longer (sentences written for
these tests)."""

from __future__ import annotations

import pytest

from foa.spec import model as M


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


@pytest.mark.parametrize("text, name, fast, slow", [
    ("The system uses a 10-week SMA and a 30-week SMA on SPY. Buy on the 10/30 crossover and sell on the 10/30 crossunder.",
     "sma", 10, 30),
    ("We follow the 50-day EMA and the 200-day EMA. Go long GLD when the 50/200 cross turns up; exit when it turns down.",
     "ema", 50, 200),
])
def test_a_bare_pair_names_the_averages_declared_before(spec_of, text, name, fast, slow):
    spec = spec_of(text)
    assert spec.entry == M.CompareCondition(left=M.IndicatorExpr(name=name, params={"window": fast}), op="crosses_above",
                                            right=M.IndicatorExpr(name=name, params={"window": slow}))
    assert spec.exit.op == "crosses_below"
    assert not any("type not stated" in a or "trend filter" in a for a in spec.assumptions)


def test_a_bare_pair_of_undeclared_windows_is_no_average(spec_of):
    from foa.errors import NoStrategyFound

    with pytest.raises(NoStrategyFound):
        spec_of("Buy on the 10/30 crossover.")


def test_the_price_cross_beside_a_pair_stays_the_prices(spec_of):
    spec = spec_of("Buy when the 9/21 EMA crosses up and the close is above the 50-day SMA; sell when it crosses down.")
    assert M.CompareCondition(left=M.IndicatorExpr(name="ema", params={"window": 9}), op="crosses_above",
                              right=M.IndicatorExpr(name="ema", params={"window": 21})) in spec.entry.of
    assert M.CompareCondition(left=M.PriceExpr(field="close"), op=">", right=M.IndicatorExpr(name="sma", params={"window": 50})) in spec.entry.of
    assert len(spec.entry.of) == 2
    assert spec.exit.op == "crosses_below" and spec.exit.right.params == {"window": 21}


def test_a_pair_that_is_bullish_is_the_fast_above_the_slow(spec_of):
    spec = spec_of("Hold SPY while the 10/40 SMA is bullish and move to cash when it is bearish.")
    fast, slow = M.IndicatorExpr(name="sma", params={"window": 10}), M.IndicatorExpr(name="sma", params={"window": 40})
    assert spec.entry == M.CompareCondition(left=fast, op=">", right=slow)
    assert spec.exit == M.CompareCondition(left=fast, op="<", right=slow)
