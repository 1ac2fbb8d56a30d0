"""The price-bar rules the offline reader produces (``foa/extract/offline/bars.py``) run in the engine: each
construction, read from a sentence of the test's own, is backtested on the bundled index data held in a real
DuckDB workspace (the VIX rules read the bundled ^VIX beside the traded index)."""

from __future__ import annotations

import pytest

import foa
from foa.extract.offline import extract_offline
from foa.spec.model import Universe


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    ws = foa.Workspace(tmp_path_factory.mktemp("bars") / "ws.duckdb")
    ws.prices.load_bundled(["^GSPC", "^VIX"])
    return ws


@pytest.mark.parametrize("text, expected", [
    ("Buy when the close is above the open; sell after 3 days.", "close > open"),
    ("Buy after three down days in a row and sell after 5 days.", "close[2] < close[3]"),
    ("Buy when the close is below yesterday's low; sell when the close is above yesterday's high.", "low[1]"),
    ("Buy when IBS is below 0.2 and sell when IBS rises above 0.8.", "(close - low) / (high - low) < 0.2"),
    ("Buy on an NR7 day and exit after 4 days.", "lowest(6, input=high - low)"),
    ("Buy on an inside bar; sell after 3 days.", "high < high[1]"),
    ("Buy when the market gaps down by at least 1%; sell after 3 days.", "open < close[1] * 0.99"),
    ("Buy when the VIX closes above 25; sell after 5 days.", 'close(symbol="^VIX") > 25'),
    ("Buy when the Heikin-Ashi candle is green; sell when it turns red.", "ha().haclose > ha().haopen"),
    ("Buy after two down days in a row. The 14-day RSI must be below 40. Sell after 3 days.", "rsi(14) < 40"),
    ("Buy when the VIX is at least 10% above its 10-day moving average; sell after 5 days.", 'sma(10, symbol="^VIX")'),
])
def test_each_bar_rule_backtests_on_the_bundled_data(bundled, text, expected):
    spec = extract_offline(text)
    assert expected in str(spec.entry)
    spec = spec.model_copy(update={"universe": Universe(symbols=["^GSPC"])})
    result = foa.backtest(spec, bundled, progress=False)
    assert result.stats["trades"] > 0
    assert set(result.trades["symbol"]) == {"^GSPC"}  # the VIX is read, never traded


def test_an_ichimoku_rule_backtests_on_the_bundled_data(bundled):
    spec = extract_offline("Buy when the price is above the cloud and the tenkan is above the kijun; exit when the price closes below the cloud.")
    assert "midprice(52)[26]" in str(spec.entry)
    spec = spec.model_copy(update={"universe": Universe(symbols=["^GSPC"])})
    assert foa.backtest(spec, bundled, progress=False).stats["trades"] > 0
