"""A filter on the traded market (its ticker, "the price", "the index", "it") against "its" moving average, stated
after an oscillator rule, is the close against an average of prices, never an average of the oscillator; another
market named as the subject is read on that market; an average of the indicator is read only when the text says so."""

from __future__ import annotations

import pytest

from foa.spec import model as M


def _compares(cond):
    if isinstance(cond, M.CompareCondition):
        return [cond]
    return [x for c in getattr(cond, "of", []) for x in _compares(c)]


def _price_filters(spec):
    return [c for c in _compares(spec.entry) if isinstance(c.left, M.PriceExpr) and isinstance(c.right, M.IndicatorExpr)]


@pytest.mark.parametrize("text, osc, avg", [
    ("Buy QQQ when the 2-day RSI is under 10 and QQQ is above its 200-day SMA.", "rsi", ("sma", 200)),
    ("Go long SPY if the 14-period stochastic %K drops below 20 but only when SPY is above its 200-day EMA.",
     "stoch", ("ema", 200)),
    ("Buy IWM when CCI(20) falls below -100, provided IWM is trading above its 50-day moving average.", "cci", ("sma", 50)),
    ("Buy DIA when Williams %R(10) is below -90 as long as the price is above its 150 dma.", "willr", ("sma", 150)),
    ("Buy QQQ when RSI(3) < 15 while the index is above its 200-day SMA.", "rsi", ("sma", 200)),
    ("Buy SPY when the 5-day RSI dips below 25 and it is above its 100-day SMA.", "rsi", ("sma", 100)),
    ("Buy SPY when the 4-day RSI is below 20, but only in bull markets (the close above its 200-day SMA).", "rsi", ("sma", 200)),
    ("Go long XLE once CCI(14) sinks under -150 while XLE stays above its 100-day EMA.", "cci", ("ema", 100)),
    ("Buy GLD when the 14-day stochastic is below 15, as long as GLD remains above its 50 day simple moving average.",
     "stoch", ("sma", 50)),
    ("Buy QQQ when RSI(2) < 10, if QQQ's close is above its 200-day SMA.", "rsi", ("sma", 200)),
    ("Buy XLF when the 10-day stochastic crosses below 20 while XLF holds above its 50-day EMA.", "stoch", ("ema", 50)),
    ("Buy QQQ when the 3-day RSI is below 15 and the stock is above its 200-day SMA.", "rsi", ("sma", 200)),
])
def test_the_traded_market_against_its_average(spec_of, text, osc, avg):
    spec = spec_of(text)
    filters = _price_filters(spec)
    assert len(filters) == 1, spec.entry
    f = filters[0]
    assert f.op == ">" and f.left.symbol is None and f.right.symbol is None
    assert (f.right.name, f.right.params["window"]) == avg and f.right.input is None
    assert any(isinstance(c.left, M.IndicatorExpr) and c.left.name == osc for c in _compares(spec.entry))
    assert not any(getattr(c.right, "input", None) is not None for c in _compares(spec.entry))


def test_a_short_filter_below_its_average(spec_of):
    spec = spec_of("Short SPY when RSI(2) is above 90 while SPY is below its 200-day SMA.")
    assert spec.direction == "short_only"
    filters = [c for c in _compares(spec.short_entry) if isinstance(c.left, M.PriceExpr)]
    assert len(filters) == 1 and filters[0].op == "<"
    assert (filters[0].right.name, filters[0].right.params["window"], filters[0].right.input) == ("sma", 200, None)


@pytest.mark.parametrize("text, code, avg", [
    ("Buy QQQ when the 3-day RSI closes under 15 while SPY is above its 200-day SMA.", "SPY", ("sma", 200)),
    ("Buy TQQQ when the 2-day RSI is below 10 while QQQ trades above its 200-day EMA.", "QQQ", ("ema", 200)),
    ("Go long SOXL if Williams %R(14) drops below -90, but only when SOXX is above its 100-day SMA.", "SOXX", ("sma", 100)),
])
def test_another_market_against_its_average_is_read_on_it(spec_of, text, code, avg):
    spec = spec_of(text)
    filters = _price_filters(spec)
    assert len(filters) == 1, spec.entry
    f = filters[0]
    assert f.op == ">" and f.left.symbol == code and f.right.symbol == code
    assert (f.right.name, f.right.params["window"]) == avg and f.right.input is None
    assert code not in spec.universe.symbols


@pytest.mark.parametrize("text, osc", [
    ("Buy when RSI(2) < 10 and RSI(2) is above its 5-day average.", "rsi"),
    ("Buy when the RSI(14) drops below 30 and then crosses above its 9-day EMA.", "rsi"),
    ("Buy QQQ when the 2-day RSI is under 10 and the RSI is over its 5-day SMA.", "rsi"),
    ("Buy when CCI(20) rises above its 20-day SMA.", "cci"),
    ("Buy SPY when CCI(14) is below -100, with the indicator above its 10-day EMA.", "cci"),
    # the average named with what it runs on: "an SMA of the RSI", "the RSI's 10-day average"
    ("Buy SPY when the RSI(14) is above a 9-period SMA of the RSI.", "rsi"),
    ("Buy SPY when RSI(14) crosses above the 9-day EMA of RSI(14).", "rsi"),
    ("Buy when CCI(20) crosses above the 10-day SMA of CCI.", "cci"),
    ("Buy when Williams %R(14) crosses above the 5-day EMA of Williams %R.", "willr"),
    ("Buy when the RSI crosses above the RSI's 10-day average while RSI is under 50.", "rsi"),
    ("Go long when CCI(14) climbs over the CCI's 10-period simple moving average.", "cci"),
    ("Buy DIA once the 3-day RSI moves above the RSI's own 5-day EMA.", "rsi"),
])
def test_an_average_of_the_indicator_stays_on_the_indicator(spec_of, text, osc):
    spec = spec_of(text)
    of_ind = [c for c in _compares(spec.entry) if getattr(c.right, "input", None) is not None]
    assert of_ind, spec.entry
    assert of_ind[0].right.input.name == osc and of_ind[0].left.name == osc
    assert of_ind[0].right.input.params == of_ind[0].left.params  # the average of the very indicator compared
    assert not _price_filters(spec)
