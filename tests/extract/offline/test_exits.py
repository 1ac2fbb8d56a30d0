"""Exits the text states: a shared exit line on a two-sided spec closes both sides, take-profit/cut-loss verbs,
time caps on holding, and a ranking's "go to cash" read as its filter (a ranking never reads an exit)."""

from __future__ import annotations

import pytest

from foa.extract.offline.risk import risk_of
from foa.extract.offline.text import normalize


def _ops(cond) -> list[tuple[str, float | None]]:
    from foa.extract.offline.conditions import compares

    return [(c.op, getattr(c.right, "value", None)) for c in compares(cond)]


# ---- one "Exit:" line beside long and short entries -------------------------------------------------------------
@pytest.mark.parametrize("text,exit_op,cover_op", [
    ("Trade ^GSPC. Long: close > SMA(100) and RSI(2) < 10. Short: close < SMA(100) and RSI(2) > 90. Exit: RSI(2) crosses 50.",
     "crosses_above", "crosses_below"),
    ("Trade QQQ. Go long when RSI(14) < 30. Go short when RSI(14) > 70. Exit when RSI(14) crosses above 50.",
     "crosses_above", "crosses_below"),
    ("Trade IWM. Short when the 5-day RSI is above 85; buy when the 5-day RSI is under 15. Exit: RSI(5) crosses 50.",
     "crosses_above", "crosses_below"),
    ("Trade DIA. Long: RSI(3) < 20. Short: RSI(3) > 80. Exit positions when the close crosses the 10-day SMA.",
     "crosses_below", "crosses_above"),
    ("Trade GLD. Long: CCI(20) < -100. Short: CCI(20) > 100. Exit when CCI(20) is above 0.",
     ">", "<"),
])
def test_a_shared_exit_closes_both_sides_mirrored(spec_of, text, exit_op, cover_op):
    spec = spec_of(text)
    assert spec.direction == "long_short"
    assert spec.exit is not None and spec.short_exit is not None, spec
    assert spec.exit.op == exit_op and spec.short_exit.op == cover_op
    assert any("one exit stated for both sides" in a for a in spec.assumptions)
    assert any(e.field == "short_exit" for e in spec.evidence)


def test_a_level_of_an_oscillator_mirrors_around_its_middle(spec_of):
    spec = spec_of("Trade SPY. Long: RSI(2) < 10. Short: RSI(2) > 90. Exit: RSI(2) crosses above 60.")
    assert _ops(spec.short_exit) == [("crosses_below", 40.0)]


def test_an_exit_for_longs_only_is_not_mirrored(spec_of):
    spec = spec_of("Trade SPY. Buy when RSI(2) < 10. Short when RSI(2) > 90. Exit long positions when RSI(2) > 50.")
    assert not any("one exit stated for both sides" in a for a in spec.assumptions)


def test_exits_of_both_sides_read_as_one_are_not_mirrored_again(spec_of):
    spec = spec_of("Trade SPY. Long: CCI(20) crosses above 40. Short: CCI(20) crosses below -40. "
                   "Exit when CCI(20) crosses above 100 or when CCI(20) crosses below -100.")
    assert not any("one exit stated for both sides" in a for a in spec.assumptions)


# ---- take-profit and cut-loss verbs --------------------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("Book profits at +8% and cut losses at -4%.", {"take_profit": 0.08, "stop_loss": 0.04}),
    ("Bank gains at 12% and cap losses at 5%.", {"take_profit": 0.12, "stop_loss": 0.05}),
    ("Lock in profits at 10%; limit the loss to 3%.", {"take_profit": 0.1, "stop_loss": 0.03}),
    ("We realise gains of 6.5% and take a loss at 2%.", {"take_profit": 0.065, "stop_loss": 0.02}),
    ("Cut the losses at 7 percent, harvest the profits at 21 percent.", {"take_profit": 0.21, "stop_loss": 0.07}),
    ("Secure profits near 15%.", {"take_profit": 0.15}),
])
def test_profit_and_loss_verbs_state_targets_and_stops(text, expected):
    assert risk_of(normalize(text)) == expected


def test_book_profits_and_cut_losses_reach_the_spec(spec_of):
    spec = spec_of("Trade SPY. Buy when RSI(2) is below 10. Book profits at +8% and cut losses at -4%.")
    assert (spec.risk.take_profit, spec.risk.stop_loss) == (0.08, 0.04)


# ---- time caps ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,bars", [
    ("We never hold longer than 10 trading days.", 10),
    ("Positions are not kept more than 8 sessions.", 8),
    ("Stay in a trade no longer than 5 bars.", 5),
    ("I hold each position at most 12 days.", 12),
    ("A maximum of 20 days per trade.", 20),
    ("Exit when the close is back above the 5-day SMA, or after 7 days.", 7),
    ("Take profit when price is back at the 20-day SMA, or after 10 days.", 10),
    ("book gains at the upper band or at the latest after 4 sessions", 4),
])
def test_a_cap_on_time_held_is_a_time_exit(text, bars):
    assert risk_of(normalize(text))["max_holding_bars"] == bars


@pytest.mark.parametrize("text", [
    "Buy when RSI(2) has been below 10 for 3 days.",
    "Hold the stock while it is above its 200-day SMA.",
    "Sell when the close is below the 10-day low or after 2 days below the band.",
])
def test_no_time_exit_without_a_cap(text):
    assert "max_holding_bars" not in risk_of(normalize(text))


def test_a_time_cap_reaches_the_spec_and_is_the_exit(spec_of):
    spec = spec_of("Trade SPY. Buy when RSI(2) is below 10. We don't hold positions longer than 6 trading days.")
    assert spec.risk.max_holding_bars == 6
    assert not any("exit not stated" in a for a in spec.assumptions)


def test_a_weekly_cap_is_converted_to_bars(spec_of):
    spec = spec_of("Trade SPY. Buy when RSI(2) is below 10. Never hold a trade more than 2 weeks.")
    assert spec.risk.max_holding_bars == 10


# ---- a ranking's "go to cash" is its filter ------------------------------------------------------------------------------
@pytest.mark.parametrize("text,filt", [
    ("Each month, rank SPY, QQQ, IWM by their 126-day return and hold the top 1. If an index's return is negative, hold cash instead.",
     [(">=", 0.0)]),
    ("Every month rank XLK, XLF, XLE and XLV by 6-month momentum and buy the best two. Sell any fund whose 6-month return turns negative.",
     [(">=", 0.0)]),
    ("Rank SPY, EFA and AGG monthly by 12-month return; hold the strongest. Go to cash when its 12-month return is below zero.",
     [(">=", 0.0)]),
    ("Rotate monthly into the top 2 of QQQ, IWM, EEM, TLT by 3-month return. Exit to cash if the price is below the 200-day SMA.",
     [(">=", None)]),
    ("Rank SPY, EFA and AGG monthly by 12-month return; hold the strongest two. Go to cash when its 12-month return is below "
     "zero or the close is under the 10-month SMA.", [(">=", 0.0), (">=", None)]),
])
def test_a_rankings_exit_is_written_as_its_filter(spec_of, text, filt):
    from foa.spec.check import check_spec

    spec = spec_of(text)
    assert spec.ranking is not None and spec.exit is None
    assert _ops(spec.entry) == filt
    assert any("ranking's exit is read as its filter" in a for a in spec.assumptions)
    assert "exit_ignored" not in check_spec(spec).codes


# ---- an exit at a level of the entry's oscillator -------------------------------------------------------------------------
@pytest.mark.parametrize("text,exit_", [
    ("Trade SPY. Buy when RSI(14) crosses above 30. Close trades at the 50 level of the RSI.", "rsi(14) >= 50"),
    ("Trade SPY. Buy when RSI(2) is below 10. Exit when the RSI reaches 65.", "rsi(2) >= 65"),
    ("Trade QQQ. Buy when the 14-day stochastic is under 20; sell when the stochastic hits the 80 line.", "stoch(14) >= 80"),
    ("Trade SPY. Buy when RSI(5) < 25. Take profits at the 55.5 mark of the RSI.", "rsi(5) >= 55.5"),
    ("Trade SPY. Go long if Williams %R(10) is below -80. Get out when Williams %R gets to -20.", "willr(10) >= -20"),
    ("Trade SPY. Go long when RSI(3) is above 70. Exit when the RSI returns to 40.", "rsi(3) <= 40"),
])
def test_an_exit_at_a_level_of_the_entry_oscillator(spec_of, text, exit_):
    spec = spec_of(text)
    assert str(spec.exit) == exit_
    assert any("exit stated as a level of" in a for a in spec.assumptions)
    assert not any("exit not stated" in a for a in spec.assumptions)


@pytest.mark.parametrize("text", [
    "Trade SPY. Buy when RSI(2) is below 10. Exit when the RSI reaches 12.5 percent.",
    "Trade SPY. Buy when RSI(2) is below 10. Exit at the 200-day SMA.",
    "Trade SPY. Buy when RSI(2) is below 10. Exit when the stochastic hits 80.",
])
def test_no_level_exit_without_a_level_of_that_oscillator(spec_of, text):
    spec = spec_of(text)
    assert not any("exit stated as a level of" in a for a in spec.assumptions)
