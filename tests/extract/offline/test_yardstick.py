"""Buy and hold named as a result's yardstick is no holding; a rule read at a month end is a rule, not a
calendar rule."""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.spec import model as M


@pytest.mark.parametrize("text", [
    "The timing portfolio on ^GSPC earns 8.1% a year against 8.7% for buy-and-hold, with half the drawdown.",
    "Our model on QQQ returned 11% per year compared with 12.5% for buy and hold over the same period.",
    "The strategy made 6.4% annually on IWM, versus 7.0% from buy-and-hold.",
    "Trading SPY this way gave a maximum drawdown of 19% rather than 55% for a passive buy-and-hold.",
    "Over 1990-2020 the rule earned 9% a year on DIA while buy and hold had a CAGR of 10%.",
])
def test_buy_and_hold_as_a_results_yardstick_is_refused_alone(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


@pytest.mark.parametrize("text", [
    "# Method\n\nAt the last trading day of each month, we compare the index close with its 10-month simple moving "
    "average. If the close is above the average, the portfolio is invested in ^GSPC for the following month; "
    "otherwise it moves to cash.\n\n# Results\n\nThe timing portfolio earns 9.0% a year against 9.6% for buy-and-hold.",
    "On the final trading day of every month we compare the close of SPY with its 12-month SMA. If the close is "
    "above the average, we hold SPY; otherwise we hold cash. It returned 8% against 9% for buy and hold.",
    "Each month end, compare the QQQ close with its 8-month simple moving average. If it is above the average, "
    "stay invested in QQQ for the next month, otherwise move to cash. Buy-and-hold returned 10% in the same test.",
])
def test_a_month_end_comparison_is_the_rule_not_buy_and_hold(spec_of, text):
    spec = spec_of(text)
    assert isinstance(spec.entry, M.CompareCondition) and spec.entry.op == ">"
    assert spec.entry.right.name == "sma" and spec.entry.right.params["window"] in (8, 10, 12)
    assert spec.frequency == "monthly"
    assert not any(u.what == "calendar rule" for u in spec.unsupported)
    assert not any("buy-and-hold" in e.quote.lower() or "buy and hold" in e.quote.lower()
                   for e in spec.evidence if e.field == "entry")


@pytest.mark.parametrize("text, tickers", [
    # near texts: a holding that is bought and held stays one
    ("Buy and hold SPY and TLT in equal weights; rebalance yearly.", ["SPY", "TLT"]),
    ("The plan is simple: buy-and-hold VTI forever.", ["VTI"]),
    ("We buy GLD once and never sell.", ["GLD"]),
])
def test_a_stated_buy_and_hold_stays(spec_of, text, tickers):
    spec = spec_of(text)
    assert isinstance(spec.entry, M.AlwaysCondition) and spec.universe.symbols == tickers


def test_a_rule_on_the_last_trading_day_of_the_month_is_still_listed(spec_of):
    # a calendar rule that is the rule itself is listed, never read as a schedule
    spec = spec_of("Buy SPY on the last trading day of each month when RSI(2) is below 30; sell 3 days later.")
    assert any(u.what == "calendar rule" for u in spec.unsupported)
