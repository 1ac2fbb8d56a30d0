"""Codes named beside the rule that are not traded: a worse result, 'not part of the strategy', a market move,
a ratings table row."""

from __future__ import annotations

import pytest

RULE = "We buy GLD when its 20-day EMA rises above the 100-day EMA and sell on the reverse cross. "


@pytest.mark.parametrize("text", [
    RULE + "Silver (SLV) gave weaker results under the same rule and is not part of the strategy.",
    RULE + "SLV showed worse returns with these settings.",
    RULE + "SLV is not part of the portfolio.",
    RULE + "Miners (GDX) produced poorer results, so GDX is not included in the system.",
    RULE + "Yesterday SLV slipped 2% and GDX edged up 1% as the dollar firmed.",
    RULE + "\nCoverage snapshot\nTicker   Rating        Price    Target\nSLV     Overweight    28.10   30\n"
           "GDX     Underweight    35.30   32\n",
])
def test_only_the_traded_code_is_the_universe(spec_of, text):
    assert spec_of(text).universe.symbols == ["GLD"]


@pytest.mark.parametrize("text, codes", [
    # near texts: codes that are traded stay
    ("We buy GLD and SLV when their 20-day EMA rises above the 100-day EMA; sell on the reverse cross.", ["GLD", "SLV"]),
    ("Universe: GLD, SLV. Buy each when its 20-day EMA rises above the 100-day EMA; sell on the reverse cross. "
     "SLV had a weaker start to the year.", ["GLD", "SLV"]),
    ("Buy SPY and TLT when the 50-day SMA crosses above the 200-day SMA; sell on the opposite cross.", ["SPY", "TLT"]),
])
def test_traded_codes_stay(spec_of, text, codes):
    assert spec_of(text).universe.symbols == codes
