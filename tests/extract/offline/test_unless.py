"""'unless' reverses the condition it introduces: the state after it must not hold (sentences written for
these tests)."""

from __future__ import annotations

import pytest

from foa.extract.offline.cues import unless_ranges
from foa.spec import model as M


def _compares(cond) -> list[M.CompareCondition]:
    return [cond] if isinstance(cond, M.CompareCondition) else [c for sub in cond.of for c in _compares(sub)]


@pytest.mark.parametrize("text, name, op, value", [
    ("Buy SPY when the close is above the 200-day SMA unless the 14-day RSI is above 80.", "rsi", "<=", 80.0),
    ("Hold IWM while the close is over the 50-day EMA unless the 10-day ATR is greater than 3.", "atr", "<=", 3.0),
    ("We go long when the 5-day RSI is below 20 unless the CCI(20) is below -200.", "cci", ">=", -200.0),
])
def test_a_state_after_unless_is_its_opposite(spec_of, text, name, op, value):
    spec = spec_of(text)
    negated = [c for c in _compares(spec.entry) if getattr(c.left, "name", None) == name]
    assert [(c.op, c.right.value) for c in negated] == [(op, value)]
    assert spec.unsupported == []


def test_unless_before_the_action_reverses_only_its_own_condition(spec_of):
    spec = spec_of("Unless the 50-day EMA is below the 200-day EMA, buy QQQ when the 2-day RSI drops under 10; "
                   "sell when the RSI closes above 70.")
    ops = {(c.left.params["window"], c.op) for c in _compares(spec.entry)}
    assert (50, ">=") in ops and (2, "crosses_below") in ops
    assert spec.exit.op == ">" and spec.exit.right.value == 70.0


def test_a_crossing_that_must_not_happen_is_listed_not_approximated(spec_of):
    spec = spec_of("Go long GLD when the close crosses above the 100-day SMA unless the 20-day SMA crosses below the "
                   "50-day SMA, and sell when the close crosses below the 100-day SMA.")
    assert spec.entry.op == "crosses_above" and spec.entry.right.params == {"window": 100}
    assert [u.what for u in spec.unsupported] == ["a crossing that must not happen ('unless ... crosses')"]
    assert not any("SMA(20)" in a or "SMA(50)" in a for a in spec.assumptions)


def test_unless_ranges_stop_at_the_next_rule():
    n = "buy when the close is above the 100-day sma unless the rsi is above 75, and sell when it is below 40."
    assert [n[a:b] for a, b in unless_ranges(n)] == [" the rsi is above 75"]
    assert unless_ranges("buy when the close is above the 100-day sma.") == []
