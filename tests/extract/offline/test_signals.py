"""An indicator's own signal named in a rule ("go long when the MACD issues a buy signal"): read as the
indicator's conventional crossing, with the role from the action word (sentences written for these tests)."""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.extract.offline.cues import roles_of
from foa.extract.offline.mentions import find_mentions
from foa.extract.offline.signals import signal_comparisons
from foa.spec import model as M


def _macd_cross(cond, op: str) -> bool:
    return (isinstance(cond, M.CompareCondition) and cond.op == op and cond.left.name == "macd" and cond.right.name == "macd"
            and cond.left.output == "macd" and cond.right.output == "signal")


@pytest.mark.parametrize("text", [
    "Enter long once the MACD generates a buy signal; go short once the MACD generates a sell signal.",
    "We buy on a fresh MACD buy signal and short on a MACD sell signal.",
    "Go long on a bullish MACD crossover, go short on a bearish MACD crossover.",
    "Take a long trade when a buy signal comes from the MACD; take a short trade when a sell signal comes from the MACD.",
])
def test_a_macd_signal_in_a_rule_is_its_signal_line_cross(spec_of, text):
    s = spec_of(text)
    assert _macd_cross(s.entry, "crosses_above")
    assert _macd_cross(s.short_entry, "crosses_below")
    assert s.direction == "long_short"
    assert any("signal read as the MACD line crossing above its signal line" in a for a in s.assumptions)


@pytest.mark.parametrize("text, name", [
    ("Buy the ETF when the Supertrend turns green and sell it when the Supertrend turns red.", "supertrend"),
    ("Purchase when the parabolic SAR flips to a buy signal. Exit the position when the parabolic SAR flips to sell.", "sar"),
])
def test_a_price_line_signal_is_the_close_crossing_it(spec_of, text, name):
    s = spec_of(text)
    assert s.entry.op == "crosses_above" and isinstance(s.entry.left, M.PriceExpr) and s.entry.right.name == name
    assert s.exit.op == "crosses_below" and s.exit.right.name == name
    assert s.direction == "long_only"


def test_a_stochastic_signal_is_k_crossing_d(spec_of):
    s = spec_of("Open a long position whenever the stochastic prints a bullish signal; close it when the stochastic "
                "prints a bearish signal.")
    assert (s.entry.op, s.entry.left.output, s.entry.right.output) == ("crosses_above", "slowk", "slowd")
    assert (s.exit.op, s.exit.left.output, s.exit.right.output) == ("crosses_below", "slowk", "slowd")


def test_a_signal_state_holds_beside_another_condition(spec_of):
    s = spec_of("Go long while the Supertrend(10, 3) is green and RSI(14) is below 65.")
    assert isinstance(s.entry, M.AllCondition)
    ops = sorted((c.op, getattr(c.right, "name", None) or c.right.value) for c in s.entry.of)
    assert ops == [("<", 65.0), (">", "supertrend")]


@pytest.mark.parametrize("text", [
    # the signal reported, no action of the author's
    "The MACD flashed a buy signal on Thursday and the index added two percent.",
    "Last month the Supertrend turned green on the weekly chart of gold.",
    # the signal named only as a heading-like phrase
    "MACD buy signals and what they tell you about momentum.",
])
def test_a_signal_without_an_action_is_no_rule(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


def test_a_signal_against_its_action_is_not_read():
    norm = "sell when the macd gives a buy signal."
    found = signal_comparisons(norm, find_mentions(norm))
    assert [k.op for k, _ in found] == ["crosses_above"]  # the reader finds it; analyze refuses the pairing
    from foa.extract.offline.analyze import read
    from foa.documents.model import Document

    assert read(Document.from_text("Sell when the MACD gives a buy signal.")).rule_comps == []


def test_signal_words_are_no_action_but_the_rest_of_the_clause_is():
    norm = "the macd gives a buy signal."
    assert roles_of(norm) == {"buy"}  # why the signal words are masked before the role is read
    [(k, (a, b))] = signal_comparisons(norm, find_mentions(norm))
    assert norm[a:b] == "macd gives a buy signal"


def test_an_rsi_or_band_signal_has_no_single_meaning(spec_of):
    norm = "go long when the rsi gives a buy signal or the bollinger bands give a buy signal."
    assert signal_comparisons(norm, find_mentions(norm)) == []


@pytest.mark.parametrize("text, roles", [
    ("1) Long and close the previous short when the 20-day high is broken.", {"buy", "cover"}),
    ("2) Short and close any open long when the 20-day low is broken.", {"short", "exit_long"}),
    ("Short and long term traders both use it.", set()),
])
def test_stop_and_reverse_items_name_both_actions(text, roles):
    assert roles_of(text.lower()) == roles


def test_stop_and_reverse_reads_the_condition_as_the_entry(spec_of):
    s = spec_of("When the close rises above the 30-day high, close any short and go long.\n"
                "When the close drops below the 30-day low, close any long and go short.")
    assert s.entry.op in (">", "crosses_above") and s.entry.right.name == "highest"
    assert s.short_entry.op in ("<", "crosses_below") and s.short_entry.right.name == "lowest"


def test_entries_taken_on_a_named_cross(spec_of):
    s = spec_of("Entries are made on a bullish MACD cross; exits on a bearish MACD cross.")
    assert _macd_cross(s.entry, "crosses_above") and _macd_cross(s.exit, "crosses_below")


@pytest.mark.parametrize("text, side", [
    ("Long entries occur when price closes above the upper Bollinger Band (20, 2).", "long"),
    ("Short entries occur when price closes below the lower Bollinger Band (20, 2).", "short"),
])
def test_long_and_short_entries_as_subjects(spec_of, text, side):
    s = spec_of(text)
    assert (s.entry if side == "long" else s.short_entry) is not None


def test_closing_long_entries_alone_is_no_strategy(spec_of):
    # an exit alone (the entry withheld) stays refused, however the position is named
    for text in ("Long entries are closed when RSI(2) rises above 70.", "Long trades are closed when RSI(2) rises above 70."):
        with pytest.raises(NoStrategyFound):
            spec_of(text)
