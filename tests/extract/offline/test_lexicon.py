"""The lexicon: word classes in one table, and the patterns generated from them."""

from __future__ import annotations

import re

import pytest

from foa.extract.offline import lexicon
from foa.extract.offline.compare import comparisons
from foa.extract.offline.mentions import find_mentions
from foa.spec import indicators


def _ops(norm: str) -> list[str]:
    return [c.op for c in comparisons(norm, find_mentions(norm))]


@pytest.mark.parametrize("verb", ["dips", "slips", "sinks", "tumbles", "slides", "drops", "falls"])
@pytest.mark.parametrize("prep", ["below", "under", "beneath", "underneath"])
def test_every_falling_verb_with_every_downward_preposition_is_a_crossing_below(verb, prep):
    assert _ops(f"sell when the close {verb} {prep} the 50-day sma") == ["crosses_below"]


@pytest.mark.parametrize("verb", ["rises", "climbs", "jumps", "rallies", "surges", "pushes"])
@pytest.mark.parametrize("prep", ["above", "over", "past", "beyond", "through"])
def test_every_rising_verb_with_every_upward_preposition_is_a_crossing_above(verb, prep):
    assert _ops(f"buy when the close {verb} {prep} the 50-day sma") == ["crosses_above"]


def test_state_verbs_with_a_downward_preposition_are_states():
    assert _ops("stay long while the close sits beneath the 100-day ema") == ["<"]


def test_a_new_action_word_marks_its_role_everywhere(spec_of):
    spec = spec_of("Purchase DIA when the 10-day EMA climbs past the 40-day EMA; sell when it dips beneath it.")
    assert spec.entry.op == "crosses_above" and spec.exit.op == "crosses_below"
    assert spec.universe.symbols == ["DIA"]


def test_the_prefilter_covers_every_lexicon_word():
    words = {w for ws in lexicon.ACTIONS.values() for w in ws} | set(lexicon.RISING) | set(lexicon.FALLING)
    words |= set(lexicon.UP_PREPS) | set(lexicon.DOWN_PREPS) | set(lexicon.UNITS)
    missing = [w for w in words if not lexicon.TRIGGER.search(f"then {w} now")]
    assert missing == []
    assert not lexicon.TRIGGER.search("the weather was lovely and everyone went home happy")


def test_indicator_words_come_from_the_indicator_table():
    for rec in indicators.table():
        assert rec.name in lexicon.INDICATOR_WORDS or not rec.prose_name
        if rec.aliases:
            assert lexicon.TRIGGER.search(f"see the {rec.aliases[-1].replace('n day ', '')} here")
    assert "adx" in lexicon.INDICATOR_WORDS and "add" not in lexicon.INDICATOR_WORDS


@pytest.mark.parametrize("text,what", [
    ("go long when the ichimoku cloud turns green", "Ichimoku cloud"),
    ("buy when the relative vigor index crosses its signal", "RVI (relative vigor index)"),
    ("volume must be at least 2x its 20-day average", "volume multiple"),
    ("close every position at 3:55 pm", "time-of-day exit"),
    ("sell covered calls against the holding", "options"),
    ("a pairs trade on two cointegrated banks", "pairs trade (spread of two assets)"),
    ("buy on an inside bar breakout", "candlestick pattern"),
    ("only stocks with a p/e ratio under 15", "fundamental data"),
    ("risk 1% of equity per trade", "position sizing rule"),
])
def test_unsupported_constructions_are_named(text, what):
    assert what in [g.what for g in lexicon.unsupported_in(text)]


def test_foa_indicators_are_not_gaps():
    assert lexicon.unsupported_in("buy when rsi(2) < 10 and the close is above the 200-day sma and the atr is rising") == []


def test_model_platform_and_indicator_names_are_never_tickers():
    for word in ("GARCH", "ARIMA", "MACD", "RSI", "ADX", "MT4", "VWAP"):
        assert word in lexicon.NOT_TICKER_WORDS


def test_alternation_is_longest_first_and_whitespace_tolerant():
    rx = re.compile(lexicon.alternation(("sell", "sell short")))
    assert rx.search("we sell  short it").group(0) == "sell  short"


@pytest.mark.parametrize("text,what", [
    ("add one unit each time the price rises half an atr", "scaling in or pyramiding"),
    ("take half of the position off at the first target", "partial exit"),
    ("buy when qqq is 20% below its all-time high", "distance from an all-time high"),
    ("hold stocks only over the turn of the month", "calendar rule"),
    ("buy when the slope of the 50-day sma is positive", "moving-average slope"),
    ("enter after three consecutive closes above the band", "consecutive bars condition"),
    ("trade the 5-minute chart only", "intraday bars"),
    ("stop loss 30 pips below the entry", "stop or target in points or pips"),
])
def test_more_rule_kinds_foa_lacks_are_named(text, what):
    assert what in [g.what for g in lexicon.unsupported_in(text)]


def test_a_clock_time_is_an_exit_only_beside_an_exit_word():
    assert lexicon.unsupported_in("the report came out at 8:30 am and stocks fell") == []


@pytest.mark.parametrize("clause, rule_vocabulary", [
    ("markets were mixed this week as investors weighed central bank comments against firmer earnings", False),
    ("last month breadth improved while defensive sectors lagged", False),
    ("i check it on the last trading day of the month and that is my whole process", True),
    ("we look at it once each week", True),
    ("bank half the position at the first target", True),
    ("the fund invests when the trend is up", True),
    ("retail investors invested heavily", True),
])
def test_the_pre_filter_skips_dated_market_prose_only(clause, rule_vocabulary):
    from foa.extract.offline.lexicon import TRIGGER

    assert bool(TRIGGER.search(clause)) is rule_vocabulary
