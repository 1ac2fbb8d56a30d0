"""The repairs of ``foa.extract.offline.repair``: each mends only what is really a misread."""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.extract.offline.repair import repair
from foa.spec.builders import close, ema, macd, rsi, sma
from foa.spec.model import AllCondition, StrategySpec


def test_an_oscillator_carried_over_as_the_subject_of_a_price_average_becomes_the_price():
    # the oscillator is also the subject of the rule's other condition: the average's subject was elided
    spec = repair(StrategySpec(name="x", entry=(rsi(2) < 5) & (rsi(2) > sma(200))))
    assert str(spec.entry) == "rsi(2) < 5 and close > sma(200)"
    assert any("a price average compares with the price" in a for a in spec.assumptions)


def test_the_macd_signal_line_carried_over_counts_as_the_macd():
    line, signal = macd(12, 26, 9), macd(12, 26, 9, output="signal")
    spec = repair(StrategySpec(name="x", entry=(line > signal) & (signal > ema(200))))
    assert str(spec.entry).endswith("and close > ema(200)")


@pytest.mark.parametrize("osc", [rsi(14), rsi(3)])
def test_an_oscillator_alone_against_a_price_average_is_never_rewritten_into_a_price_rule(osc):
    # "rsi < sma(close, 20)" as code states it: a real (cross-scale) rule, not a misread; it is dropped and
    # the refusal names it, never turned into "close < sma(20)"
    with pytest.raises(NoStrategyFound) as err:
        repair(StrategySpec(name="x", entry=osc.crosses_above(sma(20)), exit=osc > 70))
    assert "dropped" in str(err.value) and str(osc) in str(err.value)


def test_an_oscillator_not_in_the_other_conditions_is_dropped_not_moved():
    spec = repair(StrategySpec(name="x", entry=(close() > sma(21)) & (sma(21) < rsi(14))))
    assert str(spec.entry) == "close > sma(21)"
    assert any("dropped 'sma(21) < rsi(14)'" in a for a in spec.assumptions)


def test_prose_with_an_elided_price_subject_still_reads_the_price(spec_of):
    spec = spec_of("Buy when the 3-day RSI is under 15 and above the 100-day EMA. Sell when the 3-day RSI is over 80.")
    assert str(spec.entry) == "rsi(3) < 15 and close > ema(100)"


def test_an_average_of_the_oscillator_itself_stays_on_the_oscillator(spec_of):
    spec = spec_of("Buy when the 14-day CCI rises above its 30-day moving average. Sell when CCI(14) is above 150.")
    assert spec.entry.left.name == "cci" and spec.entry.right.input is not None and spec.entry.right.input.name == "cci"
    assert not any("price average compares" in a for a in spec.assumptions)


def test_code_comparing_an_oscillator_with_a_price_average_is_not_made_a_price_rule(spec_of):
    code = "\n".join([
        "//@version=5", 'strategy("osc vs avg")', "r = ta.rsi(close, 14)", "m = ta.sma(close, 20)",
        "if ta.crossover(r, m)", '    strategy.entry("L", strategy.long)', "if r > 70", '    strategy.close("L")'])
    with pytest.raises(NoStrategyFound) as err:
        spec_of(code)
    assert "rsi(14)" in str(err.value)


# ---- leftovers: a declared average no parsed rule uses --------------------------------------------------

_RSI_RULES = "Rules:\n1. Buy when RSI(2) closes under 10.\n2. Sell when RSI(2) closes over 70.\n3. "


def test_a_declared_average_stated_as_a_filter_is_still_a_trend_filter(spec_of):
    spec = spec_of(_RSI_RULES + "Use the 150-day SMA as a trend filter.")
    assert str(spec.entry) == "rsi(2) < 10 and close > sma(150)"
    assert any("trend filter" in a for a in spec.assumptions)


@pytest.mark.parametrize("words", ["for the trailing stop", "for the stop-loss", "for position sizing"])
def test_an_average_named_for_a_stop_or_the_size_never_becomes_a_filter(spec_of, words):
    spec = spec_of(_RSI_RULES + f"Use the 150-day SMA as a trend filter {words}.")
    assert str(spec.entry) == "rsi(2) < 10"
    assert not any("trend filter" in a for a in spec.assumptions)


@pytest.mark.parametrize("words", ["it must have a positive slope", "it must point in a downward direction"])
def test_an_average_named_for_its_direction_is_a_listed_slope_not_a_filter(spec_of, words):
    spec = spec_of(_RSI_RULES + f"Use the 150-day SMA as a trend filter: {words}.")
    assert str(spec.entry) == "rsi(2) < 10"
    assert [u.what for u in spec.unsupported] == ["indicator slope"]
    assert not any("trend filter" in a for a in spec.assumptions)


def test_the_averages_inside_a_macd_never_become_filters(spec_of):
    code = "\n".join([
        "input int ema_fast = 10 ;", "input int ema_slow = 30 ;", "input int signal_len = 7 ;",
        "double m_main = iMACD(NULL, 0, ema_fast, ema_slow, signal_len, PRICE_CLOSE, MODE_MAIN, 0);",
        "double m_sig = iMACD(NULL, 0, ema_fast, ema_slow, signal_len, PRICE_CLOSE, MODE_SIGNAL, 0);",
        "double trend = iMA(NULL, 0, 150, 0, MODE_EMA, PRICE_CLOSE, 0);",
        "if (m_main > m_sig && Ask > trend) OrderSend(Symbol(), OP_BUY, 1, Ask, 3, 0, 0);"])
    spec = spec_of(code)
    assert str(spec.entry) == "macd(10, 30, 7).macd > macd(10, 30, 7).signal and close > ema(150)"


# ---- a signal ticker reads only the comparisons it names ------------------------------------------------

def test_a_signal_ticker_named_after_a_comparison_does_not_move_that_comparison(spec_of):
    spec = spec_of("Buy QQQ when RSI(3) < 15 and the IEF close is above the 40-day SMA. Sell when RSI(3) > 80.")
    first, second = spec.entry.of
    assert str(first) == "rsi(3) < 15" and first.left.symbol is None
    assert second.left.symbol == "IEF" and second.right.symbol == "IEF"


def test_a_signal_ticker_named_before_its_comparison_still_reads_it(spec_of):
    spec = spec_of("When IWM closes above its 120-day SMA, buy TNA. Sell TNA when IWM closes below its 120-day SMA.")
    assert spec.entry.left.symbol == "IWM" and spec.entry.right.symbol == "IWM"


# --- a buy and a sell threshold read into one rule: levels no bar meets together ----------------------------------
@pytest.mark.parametrize("entry, kept", [
    ((rsi(14) < 30) & (rsi(14) > 70), "rsi(14) < 30"),
    ((rsi(2) <= 10) & (rsi(2) >= 90), "rsi(2) <= 10"),
    (AllCondition(of=[close() > sma(200), rsi(5) > 80, rsi(5) < 20]), "close > sma(200) and rsi(5) > 80"),
    ((rsi(3).crosses_below(20)) & (rsi(3) > 85), "rsi(3) crosses_below 20"),
    ((rsi(14) < 40) & (rsi(14) > 40), "rsi(14) < 40"),
])
def test_two_levels_no_bar_meets_together_keep_the_first(entry, kept):
    spec = repair(StrategySpec(name="x", entry=entry))
    assert str(spec.entry) == kept
    assert any("dropped" in a and "contradicts another condition" in a for a in spec.assumptions)


@pytest.mark.parametrize("entry", [
    (rsi(14) > 30) & (rsi(14) < 70),        # a band: both hold between the levels
    (rsi(14) < 30) | (rsi(14) > 70),        # an "or" of the two extremes: a test of either
    (rsi(14) < 30) & (rsi(2) > 70),         # two series
])
def test_levels_that_can_hold_together_stay(entry):
    spec = repair(StrategySpec(name="x", entry=entry))
    assert str(spec.entry) == str(entry)
