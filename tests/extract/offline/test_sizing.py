"""A fixed share of equity per position is the spec's sizing (``Sizing(method="fixed_fraction")``); sizing by risk
stays listed as unsupported; a share of equity named in commentary makes no strategy (sentences written for
these tests)."""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.extract.offline.sizing import fixed_fraction

RULE = "Buy when the 10-day EMA crosses above the 40-day EMA; sell when it crosses back below."


@pytest.mark.parametrize("norm, expected", [
    ("position size: 10% of equity per trade.", 0.1),
    ("we invest 20% of the account in each trade.", 0.2),
    ("each position is 5% of the portfolio.", 0.05),
    ("use 12.5 percent of available capital per position.", 0.125),
    ("buy with 25% of equity per trade.", 0.25),
    ("allocate 33% of the portfolio to every new position.", 0.33),
    ("the position size is 3% of account equity.", 0.03),
    ("trade size = 15% of the account value", 0.15),
    ("lot size: 2% of the balance", 0.02),
])
def test_a_share_of_equity_per_position_is_read(norm: str, expected: float) -> None:
    assert fixed_fraction(norm) == pytest.approx(expected)


@pytest.mark.parametrize("norm", [
    "risk 1% of equity per trade.",                       # sizing by risk: needs the stop's distance
    "position size: risk 2% of the account on each trade.",
    "never lose more than 2% of capital per trade.",
    "the stop is 5% of the entry price.",
    "the fund keeps 10% of its assets in cash.",          # no per-position share
    "invest 10% of your portfolio in this strategy.",
    "allocate 100% of capital to the trade.",             # foa's default, no fixed fraction
    "a 10% stop loss per trade.",
])
def test_no_share_of_equity_where_none_is_stated(norm: str) -> None:
    assert fixed_fraction(norm) is None


@pytest.mark.parametrize("sizing, fraction", [
    ("Position size: 2% of equity per trade.", 0.02),
    ("We invest 50% of the account in each trade.", 0.5),
    ("Each position takes 20% of the portfolio.", 0.2),
    ("Allocate 10 percent of capital per position.", 0.1),
    ("Trades use 30% of available cash per entry.", 0.3),
])
def test_the_spec_holds_the_share_before_or_after_the_rule(spec_of, sizing: str, fraction: float) -> None:
    for text in (f"{sizing} {RULE}", f"{RULE} {sizing}"):
        spec = spec_of(text)
        assert spec.sizing.method == "fixed_fraction" and spec.sizing.fraction == pytest.approx(fraction)
        assert str(spec.entry) == "ema(10) crosses_above ema(40)"
        assert any(e.field == "sizing" for e in spec.evidence)
        assert not {"position sizing rule", "risk-based position sizing"} & {u.what for u in spec.unsupported}


def test_sizing_by_risk_is_listed_not_read(spec_of) -> None:
    spec = spec_of(f"Risk 1% of equity per trade. {RULE}")
    assert spec.sizing.method == "all_in"
    assert {"position sizing rule", "risk-based position sizing"} & {u.what for u in spec.unsupported}


def test_a_share_in_an_example_is_not_the_sizing(spec_of) -> None:
    spec = spec_of(f"{RULE} For example, with a $10,000 account you might invest 10% of equity per trade.")
    assert spec.sizing.method == "all_in"


@pytest.mark.parametrize("text", [
    "Most professionals allocate 5% of capital per position and diversify across sectors.",
    "Position size: 10% of equity per trade is a common rule of thumb for beginners.",
    "The fund invests 20% of its portfolio in each of five sectors, according to its annual report.",
])
def test_a_share_of_equity_alone_makes_no_strategy(spec_of, text: str) -> None:
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- a position sized by the ATR or the volatility is listed, never dropped -----------------------------------------


@pytest.mark.parametrize("text", [
    "Buy when the close is above the 20-day high; sell below the 10-day low. The size of a position is determined by "
    "the account size and the volatility of the market, measured by ATR.",
    "Buy when the close is above the 20-day high; sell below the 10-day low. Position Size = (1% of Account) / "
    "(ATR x Dollars per Point).",
    "Go long when the 50-day SMA crosses above the 200-day SMA; exit on the cross back. The number of shares is set so "
    "that one average true range equals 1% of equity.",
    "Buy when RSI(2) is under 10 and sell when it is over 70; position sizing scales with each market's volatility.",
    "Enter long on a close above the 55-day high; exit under the 20-day low. Each unit size comes from the N value (the ATR).",
])
def test_volatility_sizing_is_listed(spec_of, text):
    assert "risk-based position sizing" in [u.what for u in spec_of(text).unsupported]
