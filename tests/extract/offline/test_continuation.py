"""A list line that opens with a connective goes on with the rule above it, never the heading's side."""

from __future__ import annotations

import pytest

from foa.spec import model as M


def _compares(cond):
    if isinstance(cond, M.CompareCondition):
        return [cond]
    return [x for c in getattr(cond, "of", []) for x in _compares(c)]


@pytest.mark.parametrize("text, side, names", [
    ("# Fading spikes in ^IXIC\n\n### Entry rules\n- Short when the close is above the upper Bollinger Band (20, 2)\n"
     "- and the 3-day RSI is above 90\n\n### Exit rules\n- Cover when the close drops below the 10-day SMA\n",
     "short_entry", {"bbands", "rsi"}),
    ("Trading QQQ\n\nEntry:\n- Buy when the close crosses above the 50-day EMA\n- and the 14-day RSI is below 60\n\n"
     "Exit:\n- Sell when the close crosses below the 50-day EMA\n", "entry", {"ema", "rsi"}),
    ("## IWM mean reversion\n\n### Entries\n* Go short when RSI(2) rises above 95\n* plus the close is under its "
     "200-day SMA\n\n### Exits\n* Cover when RSI(2) falls below 30\n", "short_entry", {"rsi", "sma"}),
    ("System for TLT\n\nRules for entering:\n1. Sell short when the 10-day ROC is below -3\n2. and the close is below "
     "the 100-day SMA\n\nRules for exiting:\n1. Cover when the 10-day ROC is above 0\n", "short_entry", {"roc", "sma"}),
    ("### Entry rules\n- Buy DIA when the 20-day SMA crosses above the 100-day SMA\n- but only while the 14-day ADX "
     "is above 20\n\n### Exit rules\n- Sell when the 20-day SMA crosses below the 100-day SMA\n", "entry", {"sma", "adx"}),
])
def test_a_continuation_line_joins_the_rule_above(spec_of, text, side, names):
    spec = spec_of(text)
    cond = getattr(spec, side)
    got = {getattr(x.left, "name", None) for x in _compares(cond)} | {getattr(x.right, "name", None) for x in _compares(cond)}
    assert names <= got
    if side == "short_entry":
        assert spec.entry is None  # no long leg invented from the continuation line


@pytest.mark.parametrize("text", [
    "### Entry rules\n- Short SPY when RSI(3) is above 90\n\n### Exit rules\n- Cover when RSI(3) is below 40\n- Or after 4 days\n",
    "### Entry\n- Sell short QQQ when the close is above the upper Bollinger Band (20, 2)\n\n### Exit\n"
    "- Cover when the close falls below the 20-day SMA\n- or after 6 trading days\n",
    "Rules\n- Buy IWM when RSI(2) drops below 5\n- Sell when RSI(2) climbs above 70\n- or after 8 days\n",
])
def test_a_time_limit_on_its_own_line_belongs_to_the_exit_above(spec_of, text):
    spec = spec_of(text)
    assert spec.risk.max_holding_bars in (4, 6, 8)


@pytest.mark.parametrize("text, side", [
    # near texts: each line names its own side, or the heading's side is the only one stated
    ("### Entry rules\n- Buy SPY when the 5-day RSI is below 10\n- Short SPY when the 5-day RSI is above 90\n\n"
     "### Exit rules\n- Sell when the 5-day RSI is above 50\n- Cover when the 5-day RSI is below 50\n", "entry"),
    ("### Entry rules\n- The close is above the 200-day SMA\n- The 2-day RSI is below 10\n\n### Exit rules\n"
     "- The 2-day RSI is above 70\n\nTraded on SPY.", "entry"),
    ("### Short entry\n- Short QQQ when the close is above the upper Bollinger Band (20, 2)\n### Long entry\n"
     "- Buy when the close is below the lower Bollinger Band (20, 2)\n### Exit\n- Exit at the middle band\n", "entry"),
])
def test_lines_that_name_their_own_side_keep_it(spec_of, text, side):
    spec = spec_of(text)
    assert getattr(spec, side) is not None
