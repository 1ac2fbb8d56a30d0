"""A filter on a stock index named beside an oscillator rule is read on the index, never on the oscillator."""

from __future__ import annotations

import pytest

from foa.spec import model as M


def _compares(cond):
    if isinstance(cond, M.CompareCondition):
        return [cond]
    return [x for c in getattr(cond, "of", []) for x in _compares(c)]


@pytest.mark.parametrize("text, code, avg", [
    ("Buy SPY when the RSI(14) is below 30, but only in bull markets (S&P 500 above its 200dma). Sell when RSI(14) "
     "rises above 70.", "^GSPC", ("sma", 200)),
    ("Buy QQQ when RSI(2) drops below 10, but only while the Nasdaq 100 is above its 200-day moving average. Sell when "
     "RSI(2) is above 70.", "^NDX", ("sma", 200)),
    ("Buy IWM when the 5-day RSI is below 20 and the S&P 500 is above its 200-day SMA; sell when the 5-day RSI is "
     "above 60.", "^GSPC", ("sma", 200)),
    ("Buy DIA when RSI(4) is below 25 as long as the Dow Jones is above its 100-day EMA. Sell when RSI(4) is above 55.",
     "^DJI", ("ema", 100)),
    ("Go long TNA once the 3-day RSI falls under 10 provided the Russell 2000 trades above its 150-day SMA; exit once "
     "the 3-day RSI is over 70.", "^RUT", ("sma", 150)),
])
def test_the_index_filter_is_read_on_the_index(spec_of, text, code, avg):
    spec = spec_of(text)
    on_index = [c for c in _compares(spec.entry) if getattr(c.left, "symbol", None) == code]
    assert on_index and on_index[0].op == ">"
    assert (on_index[0].right.name, on_index[0].right.params["window"]) == avg and on_index[0].right.symbol == code
    # never an average of the oscillator
    assert not any(getattr(c.right, "input", None) is not None for c in _compares(spec.entry))


@pytest.mark.parametrize("text", [
    # near texts: the oscillator's own average, and the traded market's average
    "Buy SPY when the RSI(14) crosses above its 9-day EMA; sell when it crosses below it.",
    "Buy XLK when RSI(3) is under 15 provided the market is above its 200-day average. Exit when RSI(3) is over 65.",
    "Buy QQQ when the close is above its 200-day SMA and RSI(2) is below 10; sell when RSI(2) is above 70.",
])
def test_an_average_of_the_rule_itself_stays(spec_of, text):
    spec = spec_of(text)
    assert not any(getattr(c.left, "symbol", None) for c in _compares(spec.entry))
