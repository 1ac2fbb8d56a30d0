"""The bar before's price: "yesterday's high", "the previous day's low", "the close of the prior bar" are
prices shifted one bar (sentences written for these tests)."""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.spec import model as M


@pytest.mark.parametrize("text, left, op, field", [
    ("Buy when today's close is above yesterday's high.", "close", ">", "high"),
    ("Go long GLD when the close is lower than the previous day's low.", "close", "<", "low"),
    ("Buy QQQ when price breaks above the prior session's high.", "close", "crosses_above", "high"),
    ("We buy IWM once the close is higher than the close of the previous bar.", "close", ">", "close"),
    ("Buy when the open is above yesterday's close.", "open", ">", "close"),
])
def test_a_price_against_the_bar_before(spec_of, text, left, op, field):
    spec = spec_of(text)
    assert spec.entry == M.CompareCondition(left=M.PriceExpr(field=left), op=op, right=M.PriceExpr(field=field, shift=1))
    assert spec.unsupported == []


def test_lagged_price_beside_an_indicator_and_as_the_exit(spec_of):
    spec = spec_of("Go long SPY when the 2-day RSI is under 10 and the close is lower than the previous day's low; "
                   "exit when the close is higher than the prior day's high.")
    assert M.CompareCondition(left=M.PriceExpr(field="close"), op="<", right=M.PriceExpr(field="low", shift=1)) in spec.entry.of
    assert spec.exit == M.CompareCondition(left=M.PriceExpr(field="close"), op=">", right=M.PriceExpr(field="high", shift=1))


def test_a_sell_short_below_the_prior_low(spec_of):
    spec = spec_of("Short TSLA when the close falls below yesterday's low and cover when the close rises above yesterday's high.")
    assert spec.direction == "short_only"
    assert spec.short_entry == M.CompareCondition(left=M.PriceExpr(field="close"), op="crosses_below",
                                                  right=M.PriceExpr(field="low", shift=1))


def test_a_report_of_a_move_above_the_prior_high_is_no_rule(spec_of):
    with pytest.raises(NoStrategyFound):
        spec_of("Yesterday the index closed above the previous day's high as traders bought chip stocks.")
