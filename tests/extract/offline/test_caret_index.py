"""An index code written with its caret (^GSPC) names the market in any context."""

from __future__ import annotations

import pytest

RULE = "Entry: buy when the close is at least 3% below its 20-day SMA.\nExit: sell when the close is back above the 20-day SMA."


@pytest.mark.parametrize("title, code", [
    ("Mean reversion to the 20-day average (applied to the S&P 500 index, ^GSPC)", "^GSPC"),
    ("Band rule - Nasdaq Composite, ^IXIC", "^IXIC"),
    ("Tested on the Dow Jones Industrial Average; data: ^DJI daily closes", "^DJI"),
    ("Small caps (Russell 2000 index, ^RUT), daily", "^RUT"),
    ("# A simple dip rule\nData: the Nasdaq 100 index, ^NDX, 2000-2024", "^NDX"),
])
def test_a_caret_code_is_the_market(spec_of, title, code):
    spec = spec_of(title + "\n\n" + RULE)
    assert spec.universe.symbols == [code]


@pytest.mark.parametrize("text", [
    # near texts: a power in a formula, the VIX as a signal, and no code at all
    "Score = x^2 + y^2.\n\n" + RULE,
    "Buy SPY when the RSI(2) is below 10 and ^VIX is above 20; sell when the RSI(2) is above 70.",
    RULE,
])
def test_no_index_code_is_invented(spec_of, text):
    spec = spec_of(text)
    assert not any(c.startswith("^") for c in spec.universe.symbols)
