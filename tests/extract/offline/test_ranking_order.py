"""Which end of a ranking is held, and what a ranking's cash rule keeps (own sentences of each shape)."""

from __future__ import annotations

import pytest

UNI = "Universe: XLK, XLV, XLE, XLF, XLI, XLU, XLP."


@pytest.mark.parametrize("text", [
    f"{UNI} Each month, buy the 3 sectors with the lowest 6-month return.",
    f"{UNI} At every month end we hold the two ETFs with the weakest 12-month performance.",
    f"{UNI} Rank the funds by their 3-month return and own the four worst performing ones each month.",
    f"{UNI} We purchase the 2 funds showing the poorest 9-month momentum, rebalanced monthly.",
    f"{UNI} Once a quarter, select the 3 ETFs that have the smallest 6-month rate of change.",
    "Every week, buy the 5 stocks with the lowest 1-month return among AAPL, MSFT, AMZN, JPM, XOM, KO, PG.",
])
def test_a_choice_of_the_low_end_ranks_lowest_first(spec_of, text):
    spec = spec_of(text)
    assert spec.ranking is not None and spec.ranking.by.name == "roc"
    assert spec.ranking.ascending is True


@pytest.mark.parametrize("text", [
    f"{UNI} Each month, buy the 3 sectors with the highest 6-month return.",
    f"{UNI} At every month end we hold the two ETFs with the strongest 12-month performance.",
    f"{UNI} Rank the funds by 3-month return, buy the top 2 and avoid the weakest ones.",
    f"{UNI} Every month buy the best 3 by 6-month momentum; the lowest ranked are sold.",
])
def test_a_choice_of_the_top_stays_highest_first(spec_of, text):
    spec = spec_of(text)
    assert spec.ranking is not None and spec.ranking.ascending is False


@pytest.mark.parametrize("text", [
    f"{UNI} Every month we rank the sectors by 6-month return and hold the top 3. If fewer than three sectors have a "
    "positive 6-month return, the remaining slots go to cash.",
    f"{UNI} We hold the best 2 by 12-month return each month; when fewer than 2 funds show a 12-month return above "
    "zero, the unused share sits in cash.",
    f"{UNI} Buy the top 3 ETFs by 3-month return each month. If fewer than 3 ETFs have a positive 3-month return, "
    "the rest goes to cash.",
    f"{UNI} Each month we own the 4 strongest sectors by 6-month return. When less than 4 sectors have a 6-month "
    "return above 0, the leftover slots move to cash.",
])
def test_a_shortfall_rule_keeps_the_positive_ones(spec_of, text):
    spec = spec_of(text)
    assert spec.ranking is not None
    f = spec.entry
    assert f is not None and f.left.name == "roc" and f.op in (">", ">=") and f.right.value == 0


@pytest.mark.parametrize("text", [
    f"{UNI} Every month hold the top 3 by 6-month return. If a sector's 6-month return is negative, hold cash "
    "instead.",
    f"{UNI} Every month hold the top 2 by 12-month return; when a fund's 12-month return is below zero, "
    "sell it and hold cash.",
    f"{UNI} Buy the best 3 by 6-month momentum each month, but go to cash for a fund when its 6-month return "
    "is under 0.",
])
def test_a_per_asset_cash_rule_is_still_negated_into_the_filter(spec_of, text):
    spec = spec_of(text)
    f = spec.entry
    assert f is not None and f.left.name == "roc" and f.op == ">=" and f.right.value == 0


@pytest.mark.parametrize("text, every", [
    ("Each week, buy the 5 stocks with the highest 20-day return among AAPL, MSFT, AMZN, JPM, XOM, KO, PG.", "weekly"),
    ("Every quarter we hold the top 2 ETFs by 6-month momentum. Universe: SPY, EFA, EEM, TLT.", "quarterly"),
    ("Once a week, own the 3 stocks with the best 10-day rate of change: AAPL, MSFT, AMZN, JPM, XOM.", "weekly"),
    ("Each month buy the two ETFs with the highest 3-month return. Universe: SPY, EFA, EEM, TLT, GLD.", "monthly"),
    ("Hold the top 2 by 60-day return, chosen again every week. Universe: SPY, EFA, EEM, TLT.", "weekly"),
])
def test_the_period_of_the_choosing_clause_is_the_rebalance(spec_of, text, every):
    spec = spec_of(text)
    assert spec.ranking is not None and spec.rebalance == every
    assert "rebalance not stated: monthly assumed" not in spec.assumptions


@pytest.mark.parametrize("text", [
    "Universe: SPY, EFA, EEM, TLT, GLD. We rank the ETFs by 12-month return each month and buy the top 2.",
    "Universe: SPY, EFA, EEM, TLT, GLD. Rank by 9-month return every month and buy top 3.",
    "Universe: SPY, EFA, EEM, TLT, GLD. Sort the funds on 6-month momentum at each month end and hold the top 2.",
    "Universe: SPY, EFA, EEM, TLT, GLD. By 3-month return, pick the top 2 every month.",
    "Universe: SPY, EFA, EEM, TLT, GLD. Monthly we select top 2 by 12-month return.",
])
def test_the_count_held_is_no_level_of_the_ranking_indicator(spec_of, text):
    spec = spec_of(text)
    assert spec.ranking is not None and spec.ranking.top_n in (2, 3)
    assert spec.entry is None  # "the top 2" is how many are held, never "return above 2"


def test_a_verb_tops_still_compares(spec_of):
    spec = spec_of("Buy SPY when the RSI(2) tops 90 and sell when it drops below 50.")
    assert spec.entry.op == ">" and spec.entry.right.value == 90
