"""A market's trend as a filter for another: each comparison reads the ticker named last before its comparator,
and a ticker named after a carried indicator is that comparison's subject (sentences written for these tests)."""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound


@pytest.mark.parametrize("text, entry, symbols", [
    # the signal market and the traded one both named before their own comparisons
    ("Buy AAPL when SPY is above its 200-day moving average and AAPL's RSI(2) is below 10. Sell when RSI(2) rises above 70.",
     'close(symbol=SPY) > sma(200, symbol=SPY) and rsi(2) < 10', ["AAPL"]),
    ("Go long NVDA if QQQ trades over its 50-day EMA and NVDA's 14-day RSI drops under 35.",
     'close(symbol=QQQ) > ema(50, symbol=QQQ) and rsi(14) crosses_below 35', ["NVDA"]),
    ("Purchase XLF when IWM closes above its 100-day SMA and XLF's close crosses above its 20-day SMA.",
     'close(symbol=IWM) > sma(100, symbol=IWM) and close crosses_above sma(20)', ["XLF"]),
    # the signal market named after the traded market's comparison
    ("Buy TQQQ when RSI(2) is below 10 and QQQ closes above its 200-day SMA. Sell when RSI(2) is above 80.",
     'rsi(2) < 10 and close(symbol=QQQ) > sma(200, symbol=QQQ)', ["TQQQ"]),
    # a ticker after a carried indicator is the subject: never "sma(50) read on SPY"
    ("Go long XLE when the 10-day SMA crosses above the 50-day SMA and SPY is above its 200-day SMA.",
     'sma(10) crosses_above sma(50) and close(symbol=SPY) > sma(200, symbol=SPY)', ["XLE"]),
    ("Buy GLD when the 5-day EMA is above the 20-day EMA and TLT closes below its 60-day SMA.",
     'ema(5) > ema(20) and close(symbol=TLT) < sma(60, symbol=TLT)', ["GLD"]),
])
def test_each_comparison_reads_its_own_market(spec_of, text: str, entry: str, symbols: list[str]) -> None:
    spec = spec_of(text)
    assert str(spec.entry) == entry
    assert spec.universe.symbols == symbols
    assert not any("signal read on another instrument" in u.what for u in spec.unsupported)


@pytest.mark.parametrize("text", [
    "SPY closed above its 200-day moving average on Monday while AAPL's RSI(2) fell below 10.",
    "Analysts note that QQQ is above its 50-day EMA and NVDA looks oversold.",
    "When SPY trades above its 200-day average, many investors feel confident about AAPL.",
])
def test_market_talk_about_two_tickers_makes_no_strategy(spec_of, text: str) -> None:
    with pytest.raises(NoStrategyFound):
        spec_of(text)
