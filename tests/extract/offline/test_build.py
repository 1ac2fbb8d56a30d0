"""The assembled spec: version, unsupported parts, refusals, no self-contradiction."""

from __future__ import annotations

import pytest

import foa
from foa.errors import NoStrategyFound
from foa.extract.api import offline_version
from foa.spec.model import StrategySpec, Unsupported


def test_version_exists_and_keys_the_offline_cache():
    from foa.extract import offline

    assert isinstance(offline.VERSION, str) and offline.VERSION
    assert offline_version() == f"offline-{offline.VERSION}"


def test_unsupported_is_part_of_the_contract_and_shown_everywhere(spec_of):
    from foa.cli.extract import render

    spec = spec_of("Buy SPY when the 50-day SMA crosses above the 200-day SMA.")
    assert spec.unsupported == []
    spec = spec.model_copy(update={"unsupported": [Unsupported(what="Parabolic SAR (sar)", quote="SAR flips", page=1)]})
    again = StrategySpec.from_json(spec.to_json())
    assert again.unsupported[0].what == "Parabolic SAR (sar)" and again.unsupported[0].page == 1
    assert "Not expressible, left out of the backtest: Parabolic SAR (sar) (p. 1)." in spec.describe()
    assert "Parabolic SAR (sar)" in spec._repr_html_() and "SAR flips" in spec._repr_html_()
    assert 'Parabolic SAR (sar): p.1 "SAR flips"' in render(spec)
    with pytest.raises(Exception):
        Unsupported(what="x", quote="y", colour="red")  # extra=forbid


def test_an_indicator_foa_lacks_is_listed_not_dropped(spec_of):
    spec = spec_of("Go long XLE when ADX(14) is above 25 and RSI(14) crosses above 40. Sell when RSI(14) crosses below 60.")
    assert str(spec.entry) == "rsi(14) crosses_above 40"
    assert [(u.what, u.page) for u in spec.unsupported] == [("ADX (adx)", 1)]
    assert "ADX(14) is above 25" in spec.unsupported[0].quote


def test_when_nothing_expressible_remains_the_refusal_says_what_and_why(spec_of):
    with pytest.raises(NoStrategyFound, match=r"cannot express yet: Parabolic SAR \(sar\) \(p\. 2"):
        spec_of("Market notes for the week.", "Go long EWJ when the parabolic SAR flips below the price; exit when it flips above.")


def test_a_refusal_without_any_rule_keeps_the_plain_message(spec_of):
    with pytest.raises(NoStrategyFound, match="no concrete, tradable rule"):
        spec_of("The ADX is a trend-strength gauge that many desks watch. Markets were calm this week.")


def test_named_as_left_out_or_negated_is_no_gap(spec_of):
    spec = spec_of("A stochastic-free setup: buy when the 8-day EMA crosses above the 21-day EMA. We do not use the CCI.")
    assert spec.unsupported == []


def test_rule_kinds_without_a_field_are_listed(spec_of):
    spec = spec_of("Buy MSFT when the 10-day SMA crosses above the 30-day SMA. Flatten every position at 3:50 pm.")
    assert [u.what for u in spec.unsupported] == ["time-of-day exit"]


def test_a_volume_multiple_is_expressed_as_arithmetic(spec_of):
    spec = spec_of("Buy when the close crosses above the 50-day high and volume is more than twice its 20-day average.")
    assert "volume >= sma(20, input=volume) * 2" in str(spec.entry) or "volume > sma(20, input=volume) * 2" in str(spec.entry)
    assert spec.unsupported == []


def test_no_spec_leaves_with_an_error_finding():
    from foa.extract.offline.repair import repair
    from foa.spec.builders import close, roc, rsi, sma
    from foa.spec.check import check_spec

    spec = StrategySpec(name="x", entry=(roc(20) > 0) & (roc(20) < 0), exit=(close() < sma(30)) | (close() > sma(30)))
    fixed = repair(spec)
    assert str(fixed.entry) == "roc(20) > 0" and str(fixed.exit) == "close < sma(30)"
    assert check_spec(fixed).ok and any("contradicts" in a for a in fixed.assumptions)
    # an oscillator against a price average: the elided subject is the price
    fixed = repair(StrategySpec(name="x", entry=(rsi(2) < 5) & (rsi(2) > sma(200))))
    assert str(fixed.entry) == "rsi(2) < 5 and close > sma(200)"


def test_a_ranking_keeps_what_the_engine_runs_and_lists_the_rest(spec_of):
    spec = spec_of("Each month rank the sector ETFs by 6-month return, buy the top 3 and short the bottom 3. "
                   "Stop out of any holding that loses 8%.")
    assert spec.ranking is not None and spec.direction == "long_only" and spec.risk.stop_loss is None
    whats = " | ".join(u.what for u in spec.unsupported)
    assert "short leg of a ranking" in whats and "stops with a ranking" in whats


def test_rules_on_a_schedule_with_a_short_side_drop_the_schedule(spec_of):
    spec = spec_of("Go long SPY when its 12-month return is positive and short it when negative; rebalance monthly.")
    assert spec.direction == "long_short" and spec.rebalance is None
    assert "rebalance schedule" in spec.unsupported[0].what


def test_a_short_sides_adverse_move_is_its_stop(spec_of):
    spec = spec_of("Short IWM when RSI(3) rises above 85; cover when it drops under 40. "
                   "Cover at once if the price rises 4% above the entry price.")
    assert spec.direction == "short_only" and spec.risk.stop_loss == pytest.approx(0.04) and spec.risk.take_profit is None


def test_a_contradiction_read_from_text_is_never_emitted(spec_of):
    from foa.spec.check import check_spec

    spec = spec_of("Buy QQQ when the 10-day ROC is positive and the 10-day ROC is negative; sell when the close "
                   "drops below the 50-day SMA.")
    assert check_spec(spec).ok


def test_code_testing_the_previous_bar_then_this_one_is_a_crossing():
    from foa.extract.offline.repair import repair
    from foa.spec.builders import close, sma

    fixed = repair(StrategySpec(name="x", entry=(close() < sma(50)) & (close() > sma(50))))
    assert str(fixed.entry) == "close crosses_above sma(50)"
