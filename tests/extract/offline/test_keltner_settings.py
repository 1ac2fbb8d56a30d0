"""Keltner channels stated as "(window, multiple)" beside the name: the first number is the centre EMA's window and
the second the ATR multiple ("Keltner channel (20, 2 ATR)" is never a 2-bar ATR; "(30, 1.5)" centres on the
30-bar EMA, not the assumed 20)."""

from __future__ import annotations

import pytest

from foa.extract.offline.keltner import keltner_multiple, keltner_window, multiple_not_window


@pytest.mark.parametrize("text, centre, mult", [
    ("Buy when price closes above the upper Keltner channel (20, 2 ATR). Exit when it closes below the middle line.", 20, 2.0),
    ("Buy when price closes above the upper Keltner channel (20, 2.5 ATR). Exit when it closes below the middle line.", 20, 2.5),
    ("Go long once the close crosses over the upper Keltner Channel (30, 1.5). Sell at the middle line.", 30, 1.5),
    ("Keltner Bands (50, 3) are used: buy when the close crosses above the upper band.", 50, 3.0),
    ("Buy when the close is above the upper Keltner channel (10, 1 ATR); sell when it is below the centre line.", 10, 1.0),
])
def test_a_keltner_pair_gives_the_centre_and_the_multiple(spec_of, text, centre, mult):
    spec = spec_of(text)
    upper = spec.entry.right
    assert str(upper.left) == f"ema({centre})"
    assert upper.right.left.value == mult and upper.right.right.name == "atr"
    assert upper.right.right.params["window"] == 10  # the ATR's assumed window, never the multiple
    assert any("Keltner ATR window not stated" in a for a in spec.assumptions)
    assert not any("Keltner centre line not stated" in a for a in spec.assumptions)


def test_a_short_below_the_lower_line_uses_the_stated_centre(spec_of):
    spec = spec_of("Go short when the close falls below the lower Keltner Channel (30, 1.5). Cover at the middle line.")
    assert str(spec.short_entry) == "close crosses_below ema(30) - 1.5 * atr(10)"


@pytest.mark.parametrize("norms, window, mult", [
    (["keltner channel (20, 2 atr)"], 20, 2.0),
    (["the keltner channels (40, 2.25)"], 40, 2.25),
    # near: no pair after the name, an ATR of its own
    (["the keltner channel uses the 20-day ema plus 2 times the 10-day atr"], None, 2.0),
    (["keltner channel with a multiplier of 1.5"], None, 1.5),
])
def test_keltner_window_and_multiple(norms, window, mult):
    assert keltner_window(norms) == window and keltner_multiple(norms) == mult


def test_an_atr_with_its_own_window_stays_the_atr():
    assert not multiple_not_window("atr(14)", 2.0) and not multiple_not_window("14-day atr", 2.0)
    assert not multiple_not_window("3 atr", 2.0)  # a number other than the multiple is the window
    spec_text = "Buy when the close crosses above the upper Keltner band: the 20-day EMA plus 2 times the 14-day ATR."
    from foa.extract.offline import extract_offline

    assert str(extract_offline(spec_text).entry).startswith("close crosses_above ema(20) + 2 * atr(14)")
