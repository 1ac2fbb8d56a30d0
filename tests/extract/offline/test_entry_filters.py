"""Filters on the entries ("only trade when the VIX is below 20"), the cover verb with its object, and a
check schedule of a crossing rule that is no rebalance."""

from __future__ import annotations

import pytest

from foa.spec import model as M


def _compares(cond):
    if isinstance(cond, M.CompareCondition):
        return [cond]
    return [x for c in getattr(cond, "of", []) for x in _compares(c)]


def _on_vix(cond):
    return [c for c in _compares(cond) if getattr(c.left, "symbol", None) == "^VIX"]


@pytest.mark.parametrize("text, level", [
    ("Buy QQQ when the 20-day SMA crosses above the 50-day SMA. Only trade when the VIX is below 20. "
     "Sell on the reverse cross.", 20),
    ("Go long IWM once RSI(2) drops under 10. We take trades only if the VIX closes below 25. "
     "Exit when RSI(2) rises over 60.", 25),
    ("Only enter when the VIX is under 18. Purchase DIA if the 10-day EMA rises above the 30-day EMA; "
     "sell on the opposite cross.", 18),
    ("Buy SPY when the close crosses above the 100-day SMA and sell when it crosses below. "
     "Enter only when the VIX is below 22.", 22),
    ("Buy XLK when RSI(5) falls below 15, sell when RSI(5) is above 65. Only take trades while the VIX is "
     "under 30.", 30),
])
def test_a_vix_filter_gates_the_entries_and_never_becomes_the_exit(spec_of, text, level):
    spec = spec_of(text)
    gate = _on_vix(spec.entry)
    assert gate and gate[0].op in ("<", "<=") and gate[0].right.value == level
    assert spec.exit is not None and not _on_vix(spec.exit)


def test_the_reverse_cross_of_a_filtered_entry_is_its_exit(spec_of):
    spec = spec_of("Buy QQQ when the 20-day SMA crosses above the 50-day SMA. Only trade when the VIX is below 20. "
                   "Sell on the reverse cross.")
    assert spec.exit.op == "crosses_below" and spec.exit.left.params["window"] == 20


@pytest.mark.parametrize("text", [
    "Short the S&P 500 (^GSPC) when the VIX closes above 30 and the index is below its 100-day SMA. "
    "Cover the short when the VIX falls back below 20.",
    "Sell short QQQ when the 10-day EMA crosses under the 40-day EMA. Covering the shorts happens once the "
    "RSI(14) climbs past 55.",
    "Go short IWM if RSI(3) rises above 90; cover your short position when RSI(3) drops under 40.",
    "Short SPY when the close drops below the lower Bollinger band (20, 2). We cover all open shorts as soon as "
    "the close crosses back over the middle band.",
    "Short XLE when the 5-day RSI climbs above 85. Cover the short trade when the 5-day RSI sinks below 45.",
])
def test_cover_the_short_is_the_short_exit(spec_of, text):
    spec = spec_of(text)
    assert spec.short_entry is not None and spec.short_exit is not None
    assert spec.entry is None
    assert not any("contradicts" in a for a in spec.assumptions)


@pytest.mark.parametrize("text", [
    "Buy QQQ when the weekly close moves above the 30-week simple moving average. Positions are reviewed every Friday.",
    "On weekly bars, buy SPY when the 10-week EMA crosses above the 40-week EMA; sell on the opposite cross. "
    "We review the position weekly.",
    "Buy IWM when the close crosses above the 20-week SMA, sell when it crosses below. Signals are checked each Friday.",
    "Buy GLD on a weekly chart when the 13-week EMA crosses over the 34-week EMA. The chart is reviewed every week.",
    "Purchase DIA when the monthly close rises above the 10-month SMA and sell when it drops below; we re-evaluate "
    "at the end of every month.",
])
def test_a_check_schedule_of_a_crossing_rule_is_no_rebalance(spec_of, text):
    spec = spec_of(text)
    assert spec.rebalance is None
    assert spec.exit is not None and "crosses" in spec.exit.op


@pytest.mark.parametrize("text, every", [
    # a ranking and a state rule keep their schedule
    ("Universe: SPY, EFA, EEM, TLT. Each month we review the funds and hold the top 2 by 6-month return.", "monthly"),
    ("Hold SPY while its 12-month return is positive, otherwise AGG. The position is reviewed monthly.", "monthly"),
    ("Universe: XLK, XLV, XLE. Rank by 3-month return and hold the best one; rebalanced weekly.", "weekly"),
])
def test_a_schedule_of_a_ranking_or_a_state_rule_stays(spec_of, text, every):
    assert spec_of(text).rebalance == every


def test_the_check_schedule_is_said(spec_of):
    spec = spec_of("Buy QQQ when the weekly close moves above the 30-week simple moving average. "
                   "Positions are reviewed every Friday.")
    assert any("reviewed weekly: read as when the rules are checked" in a for a in spec.assumptions)
