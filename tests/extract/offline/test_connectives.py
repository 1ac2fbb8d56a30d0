"""The text's own "and" / "or" between the comparisons of one rule: an entry's conditions are all required and
an exit's are alternatives unless the sentence joins them the other way."""

from __future__ import annotations

import pytest

from foa.spec import model as M


def _kinds(cond) -> object:
    if isinstance(cond, M.CompareCondition):
        return cond.op
    return (type(cond).__name__, [_kinds(c) for c in cond.of])


def test_an_entry_joined_by_or_is_either(spec_of) -> None:
    s = spec_of("Buy when RSI(2) is below 10 or the close is below the lower Bollinger Band (20, 2). "
                "Sell when RSI(2) is above 70.")
    assert isinstance(s.entry, M.AnyCondition) and len(s.entry.of) == 2


def test_an_entry_joined_by_and_stays_both(spec_of) -> None:
    s = spec_of("Buy when RSI(2) is below 10 and the close is above the 200-day SMA. Sell when RSI(2) is above 70.")
    assert isinstance(s.entry, M.AllCondition) and len(s.entry.of) == 2


def test_an_exit_joined_by_and_needs_both(spec_of) -> None:
    s = spec_of("Buy when the close crosses above the 50-day SMA. "
                "Exit when RSI(14) is above 75 and the close is below the 10-day EMA.")
    assert isinstance(s.exit, M.AllCondition) and {c.op for c in s.exit.of} == {">", "<"}


def test_exits_in_separate_sentences_stay_alternatives(spec_of) -> None:
    s = spec_of("Buy when the close crosses above the 50-day SMA. Exit when RSI(14) rises above 75. "
                "Also exit when the close falls below the 10-day EMA.")
    assert isinstance(s.exit, M.AnyCondition) and len(s.exit.of) == 2


def test_an_or_inside_an_and_is_grouped(spec_of) -> None:
    s = spec_of("Go long if the close is above the 200-day SMA, and if RSI(2) drops below 5 or the close falls "
                "below the 10-day low. Exit when RSI(2) rises above 70.")
    assert _kinds(s.entry) == ("AllCondition", [">", ("AnyCondition", ["crosses_below", "crosses_below"])])


@pytest.mark.parametrize("joiner", [", or when", " or if", ", or"])
def test_filler_words_around_the_connective(spec_of, joiner: str) -> None:
    s = spec_of(f"Buy when RSI(3) is below 15{joiner} the close is below the lower Bollinger band (20, 2). "
                "Sell when RSI(3) is above 60.")
    assert isinstance(s.entry, M.AnyCondition)


def test_the_short_side_mirrors_an_either_entry(spec_of) -> None:
    s = spec_of("Go long when RSI(2) is below 10 or the close is below the lower Bollinger band (20, 2); "
                "go short on the opposite conditions.")
    assert isinstance(s.entry, M.AnyCondition)
    assert s.short_entry is not None and isinstance(s.short_entry, M.AnyCondition)
    assert {c.op for c in s.short_entry.of} == {">"}


@pytest.mark.parametrize("exit_text", [
    "Exit when %K crosses below %D above 80.",
    "Exit when %K crosses below %D while %K is above 80.",
])
def test_an_exit_qualified_in_its_own_clause_needs_both(spec_of, exit_text: str) -> None:
    s = spec_of("Buy when the stochastic %K(14,3) crosses above %D while %K is below 20. " + exit_text)
    assert isinstance(s.exit, M.AllCondition) and {c.op for c in s.exit.of} == {"crosses_below", ">"}


def test_unless_in_an_exit_needs_both(spec_of) -> None:
    s = spec_of("Buy when RSI(14) is below 30. Sell when RSI(14) is above 70 unless the close is above the 200-day SMA.")
    assert isinstance(s.exit, M.AllCondition) and {c.op for c in s.exit.of} == {">", "<="}


def test_two_exit_actions_in_one_sentence_stay_alternatives(spec_of) -> None:
    s = spec_of("Buy when RSI(2) is below 10. Take profits when RSI(2) rises above 70 and exit on a close below the "
                "200-day SMA.")
    assert isinstance(s.exit, M.AnyCondition) and len(s.exit.of) == 2


def test_a_missing_exit_without_a_single_reversal_is_said(spec_of) -> None:
    s = spec_of("Buy SPY when RSI(14) is below 30 unless the close is below the 200-day SMA.")
    assert s.exit is None
    assert any(a.startswith("exit not stated: a position is closed only by") for a in s.assumptions)
