"""A document with two numbered strategies: the first is read, the others listed, never merged into one."""

from __future__ import annotations

import pytest

from foa.spec import model as M


def _names(cond):
    if isinstance(cond, M.CompareCondition):
        return {getattr(cond.left, "name", None), getattr(cond.right, "name", None)}
    return set().union(*(_names(c) for c in getattr(cond, "of", [])))


@pytest.mark.parametrize("text, first, other_ticker, other_ind", [
    ("# Two systems\n\n## System 1: Dip buyer (SPY)\n\nBuy SPY when the 2-day RSI drops below 10. Sell when it rises "
     "above 70.\n\n## System 2: Bond trend (TLT)\n\nHold TLT while its close is above its 50-day SMA; move to cash when "
     "it closes below.", "SPY", "TLT", "sma"),
    ("Strategy 1 - QQQ trend\nBuy QQQ when the 20-day EMA crosses above the 100-day EMA; sell on the opposite cross.\n\n"
     "Strategy 2 - GLD reversion\nBuy GLD when the close is below the lower Bollinger band (20, 2). Sell at the middle band.",
     "QQQ", "GLD", "bbands"),
    ("### System A\nGo long IWM once RSI(3) falls under 15; exit when RSI(3) climbs over 60.\n\n### System B\n"
     "Purchase XLE when its 10-day ROC is above 5; sell when it drops below 0.", "IWM", "XLE", "roc"),
    ("Model 1: buy DIA when the 50-day SMA crosses above the 200-day SMA and sell when it crosses below.\n\n"
     "Model 2: short EEM when the close is below the 100-day EMA; cover when it closes above it.", "DIA", "EEM", "ema"),
    ("## Trading system #1\n\nBuy SPY when MACD(12,26,9) crosses above its signal line. Sell when it crosses below.\n\n"
     "## Trading system #2\n\nBuy TLT when the 5-day RSI is under 20; sell when the 5-day RSI is over 80.", "SPY", "TLT", "rsi"),
])
def test_the_first_strategy_is_read_and_the_others_listed(spec_of, text, first, other_ticker, other_ind):
    spec = spec_of(text)
    assert spec.universe.symbols == [first]
    assert other_ind not in _names(spec.entry) | _names(spec.exit)
    assert spec.short_entry is None
    assert any(u.what.startswith("another strategy in the same document") for u in spec.unsupported)


@pytest.mark.parametrize("text", [
    # near texts: one strategy with numbered steps, rules or setups of its sides
    "## Strategy 1: the only one\n\nBuy SPY when the 2-day RSI drops below 10. Sell when it rises above 70.",
    "Step 1\nBuy QQQ when the 20-day EMA crosses above the 100-day EMA.\n\nStep 2\nSell when the 20-day EMA crosses below "
    "the 100-day EMA.",
    "Rule 1: buy IWM when RSI(3) falls under 15.\nRule 2: sell when RSI(3) climbs over 60.",
])
def test_one_strategy_in_numbered_parts_is_read_whole(spec_of, text):
    spec = spec_of(text)
    assert spec.entry is not None and spec.exit is not None
    assert not any(u.what.startswith("another strategy") for u in spec.unsupported)
