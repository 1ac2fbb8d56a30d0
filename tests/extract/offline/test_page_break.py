"""A sentence a page break cuts goes on on the next page; forum spellings and dismissed timeframes."""

from __future__ import annotations

import pytest

from foa.spec import model as M


def _names(cond):
    if isinstance(cond, M.CompareCondition):
        return {getattr(cond.left, "name", None), getattr(cond.right, "name", None)}
    return set().union(*(_names(c) for c in getattr(cond, "of", [])))


@pytest.mark.parametrize("pages, field, name", [
    (("Sector note. Our framework buys XLE when the 10-day SMA crosses above the 40-day SMA and the",
      "14-day RSI is above 50. The position is closed when the 10-day SMA falls below the 40-day SMA."), "entry", "rsi"),
    (("Strategy. We go long QQQ when the close is above the 200-day SMA and",
      "the 2-day RSI is below 10. We sell when the 2-day RSI is above 70."), "entry", "rsi"),
    (("Rules: sell short IWM when the close is under the 100-day EMA while",
      "the 5-day ROC is below -3. Cover when the close is above the 100-day EMA."), "short_entry", "roc"),
    (("Method: purchase DIA if the 20-day EMA crosses over the 50-day EMA, provided its",
      "14-day ADX is above 20. Exit when the 20-day EMA crosses under the 50-day EMA."), "entry", "adx"),
    (("We buy GLD when the close drops below the lower Bollinger band (20, 2) and the",
      "3-day RSI is under 15. We sell when the close is back above the middle band."), "entry", "rsi"),
])
def test_the_rest_of_a_cut_sentence_joins_its_rule(spec_of, pages, field, name):
    spec = spec_of(*pages)
    assert name in _names(getattr(spec, field))


@pytest.mark.parametrize("pages", [
    # near texts: a page that ends its sentence, and a next page that starts a sentence of its own
    ("We buy XLE when the 10-day SMA crosses above the 40-day SMA.",
     "The 14-day RSI is above 50 today. We sell when the 10-day SMA crosses below the 40-day SMA."),
    ("We buy XLE when the 10-day SMA crosses above the 40-day SMA. Disclaimer follows on the next page",
     "Past performance is no guide. We sell when the 10-day SMA crosses below the 40-day SMA."),
    ("Buy QQQ when the 20-day EMA crosses above the 50-day EMA; sell on the opposite cross.", "Appendix: data sources"),
])
def test_a_finished_sentence_hands_nothing_on(spec_of, pages):
    spec = spec_of(*pages)
    assert "rsi" not in _names(spec.entry)


@pytest.mark.parametrize("text", [
    "been running this on IWM.. buy when the 20 ema crosess above the 50 ema, sell when it crosess back under.",
    "buy QQQ when the 10 sma croses above the 30 sma and sell when it crosses back below",
    "go long SPY when the 50 ema crossses over the 200 ema; exit when it crosess under",
    "buy DIA when the 8 ema crosees above the 21 ema, sell when it crosees below",
    "long GLD when the 5 sma crosess the 20 sma upward. close when it corsses back below",
])
def test_a_misspelt_cross_is_a_cross(spec_of, text):
    assert spec_of(text).entry.op == "crosses_above"


@pytest.mark.parametrize("text, listed", [
    ("buy IWM when the 20 ema crosses above the 50 ema. i only use the daily chart, lower timeframes are just noise.", False),
    ("Buy SPY when RSI(2) is below 10; sell when it is above 70. Smaller timeframes are useless for this.", False),
    ("Buy SPY when RSI(2) is below 10; sell when it is above 70. I run it on lower timeframes (5min, 15min).", True),
])
def test_a_dismissed_timeframe_is_no_gap(spec_of, text, listed):
    spec = spec_of(text)
    assert any(u.what == "intraday timeframe" for u in spec.unsupported) is listed
