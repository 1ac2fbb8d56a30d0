"""Tickers, universes, frequency and ranking phrasing."""

from __future__ import annotations

from foa.extract.offline.universe import find_tickers


def test_a_dash_described_list_keeps_every_ticker():
    assert find_tickers("Trade: XLK - technology, XLF - financials; XLE - energy and XLU - utilities.") == [
        "XLK", "XLF", "XLE", "XLU"]


def test_model_and_indicator_names_are_not_tickers():
    assert find_tickers("We fit a GARCH(1,1) and an ARIMA model to the EWZ series, then read the ADX.") == ["EWZ"]


def test_any_action_word_of_the_lexicon_is_a_ticker_context():
    assert find_tickers("Acquire IWM when breadth turns up.") == ["IWM"]


def test_an_explicit_list_line_keeps_short_futures_codes():
    assert find_tickers("Markets traded:\n\nGC, PL, CL, NG, ZB\n") == ["GC", "PL", "CL", "NG", "ZB"]
