""""It" after the MACD histogram is the histogram, never the MACD line."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text", [
    "Buy SPY when the MACD histogram turns positive; exit when it turns negative.",
    "Buy DIA if the histogram of the MACD turns positive and close it when it turns negative.",
    "Purchase TLT when the MACD(12,26,9) histogram becomes positive. Exit when it becomes negative.",
    "Go long QQQ once the MACD histogram crosses above zero and sell as soon as it drops below zero.",
    "Enter IWM when the MACD(8,17,9) histogram rises above 0, exit when it falls below 0.",
    "Buy XLK when the MACD histogram is above zero; sell when it is below zero.",
])
def test_it_after_the_histogram_is_the_histogram(spec_of, text):
    spec = spec_of(text)
    assert spec.entry.left.output == "hist" and spec.exit.left.output == "hist"


@pytest.mark.parametrize("text, output", [
    ("Buy SPY when the MACD line turns positive; sell when it turns negative.", "macd"),
    ("Buy SPY when the MACD line crosses above zero; sell when it falls below zero.", "macd"),
    ("Buy SPY when the MACD histogram turns positive; sell when the MACD line turns negative.", "macd"),
])
def test_the_line_stays_the_line(spec_of, text, output):
    assert spec_of(text).exit.left.output == output
