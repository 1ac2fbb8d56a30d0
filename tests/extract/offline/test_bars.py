"""Price-bar rules read from prose (``foa/extract/offline/bars.py``): a candle's direction, runs of closes, the bar
before's prices, IBS, narrow-range days, inside bars, gaps and the VIX's level. Each class is checked on
several wordings (verbs, prepositions, number formats, sentence order); the sentences are the tests' own."""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.extract.offline.bars import bar_comparisons, str_of

RUN3_DOWN = "close < close[1] and close[1] < close[2] and close[2] < close[3]"
IBS = "(close - low) / (high - low)"
VIX = 'close(symbol="^VIX")'


def whats(spec) -> list[str]:
    return [u.what for u in spec.unsupported]


# ------------------------------------------------------------------------------------------ candle direction
@pytest.mark.parametrize("text, entry", [
    ("Go long QQQ when the close is above the open; exit after 3 days.", "close > open"),
    ("Buy when today's close is higher than today's open and the RSI(2) is below 30. Sell after 4 days.", "close > open and rsi(2) < 30"),
    ("Enter on a green candle and hold for 5 bars.", "close > open"),
    ("If the bar closes red, buy IWM; sell 2 days later.", "close < open"),
    ("Purchase SPY once a bullish candle prints, exit after 6 sessions.", "close > open"),
    ("Buy after 2 red candles in a row. Exit after 5 bars.", "close < open and close[1] < open[1]"),
    ("Buy DIA whenever the open is above the close; time stop of 4 days.", "close < open"),
])
def test_a_candles_direction_is_its_close_against_its_open(spec_of, text, entry):
    spec = spec_of(text)
    assert str(spec.entry) == entry
    assert "candle direction" not in whats(spec)


def test_the_previous_candle_is_the_bar_before(spec_of):
    assert [str_of(k) for k in bar_comparisons("buy when the previous candle was red.")] == ["close[1] < open[1]"]
    assert [str_of(k) for k in bar_comparisons("the prior bar closed green")] == ["close[1] > open[1]"]


@pytest.mark.parametrize("text", [
    "A green candle means the close is above the open, and a red candle means the opposite.",
    "Candlestick charts show each day's open, high, low and close; a bullish candle is drawn in green.",
    "The candlestick chart shows open, high, low and close; green candles are up days and red candles are down days.",
])
def test_a_candlestick_tutorial_stays_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


def test_a_heikin_ashi_candle_is_no_price_candle():
    assert [str_of(k) for k in bar_comparisons("buy when the heikin-ashi candle is green")] == ["ha().haclose > ha().haopen"]


# ------------------------------------------------------------------------------------------ runs of closes
@pytest.mark.parametrize("text", [
    "Buy SPY at the close after three down days in a row and sell after 5 days.",
    "Buy DIA when it closes lower 3 days in a row. Sell 5 days later.",
    "Go long after 3 consecutive lower closes; exit after five sessions.",
    "When the close is lower than the prior close for 3 days in a row, buy; sell after 7 days.",
    "Enter long on three straight down closes, and close the trade after 4 days.",
])
def test_a_run_of_lower_closes_is_each_close_below_the_one_before(spec_of, text):
    assert str(spec_of(text).entry) == RUN3_DOWN


def test_a_single_up_day_and_a_longer_run(spec_of):
    spec = spec_of("Go long after four consecutive down closes; sell on the first up close.")
    assert str(spec.entry) == RUN3_DOWN + " and close[3] < close[4]"
    assert str(spec.exit) == "close > close[1]"
    assert [str_of(k) for k in bar_comparisons("short after 2 up days in a row")] == ["close > close[1]", "close[1] > close[2]"]


# ------------------------------------------------------------------------------------------ the bar before
@pytest.mark.parametrize("text, cond", [
    ("Exit when the close is above yesterday's high.", "close > high[1]"),
    ("Exit at close if price > previous day high.", "close > high[1]"),
    ("Sell short when the close < previous day low.", "close < low[1]"),
    ("Buy when price breaks above yesterday's high.", "close crosses_above high[1]"),
    ("Buy when the market opens below yesterday's low.", "open < low[1]"),
    ("Sell when the close drops under the low of the prior bar.", "close crosses_below low[1]"),
])
def test_the_bar_befores_prices_are_shifted_one_bar(text, cond):
    assert [str_of(k) for k in bar_comparisons(text.lower())] == [cond]


def test_a_channel_of_past_days_is_no_bar_before():
    assert bar_comparisons("buy when the close is above the high of the last 20 days.") == []


# ------------------------------------------------------------------------------------------ IBS
@pytest.mark.parametrize("text, entry", [
    ("Buy when IBS is below 0.2 and sell when IBS rises above 0.8.", f"{IBS} < 0.2"),
    ("Buy when the IBS reading is under 0.15; sell after 3 days.", f"{IBS} < 0.15"),
    ("Go long SPY when Internal Bar Strength (IBS) falls below 25%. Exit after 2 days.", f"{IBS} < 0.25"),
    ("Go long SPY if IBS < 10. Exit after 3 days.", f"{IBS} * 100 < 10"),
    ("Buy when (close - low) / (high - low) < .1; sell after 3 days.", f"{IBS} < 0.1"),
    ("Buy when the close is in the lower quarter of the day's range. Sell after 2 days.", f"{IBS} < 0.25"),
    ("Buy the close when the stock closes in the bottom 20% of its daily range; hold for 2 days.", f"{IBS} < 0.2"),
])
def test_ibs_is_where_the_close_sits_in_the_bars_range(spec_of, text, entry):
    spec = spec_of(text)
    assert str(spec.entry) == entry
    assert "IBS (internal bar strength)" not in whats(spec) and "IBS" not in spec.universe.symbols


# ------------------------------------------------------------------------------------------ ranges, inside bars
@pytest.mark.parametrize("text, window", [
    ("Buy on an NR7 day and exit after 4 days.", 6),
    ("Buy on an NR4 day; sell after 5 days.", 3),
    ("Go long when today's range is the narrowest of the last 7 days. Exit after 6 bars.", 6),
    ("Buy when the day has the narrowest range in the past 10 days; exit after 4 days.", 9),
    ("If the range is the smallest of the prior five sessions, buy XLK and hold for 3 days.", 4),
])
def test_a_narrow_range_day_is_below_the_lowest_range_before_it(spec_of, text, window):
    assert str(spec_of(text).entry) == f"high - low < lowest({window}, input=high - low)"


def test_inside_and_outside_bars(spec_of):
    assert str(spec_of("Buy on an inside bar; sell after 3 days.").entry) == "high < high[1] and low > low[1]"
    assert [str_of(k) for k in bar_comparisons("short after an outside day")] == ["high > high[1]", "low < low[1]"]
    with pytest.raises(NoStrategyFound):
        spec_of("An inside bar forms when the high is below the prior high and the low above the prior low.")


# ------------------------------------------------------------------------------------------ gaps
@pytest.mark.parametrize("text, entry", [
    ("Go long SPY when the market gaps down by at least 1.5%; sell after 3 days.", "open < close[1] * 0.985"),
    ("Buy when it opens lower than the previous close and the RSI(2) is below 20. Sell after 4 days.", "open < close[1] and rsi(2) < 20"),
    ("Buy after a gap up of more than 2% and exit after 5 days.", "open > close[1] * 1.02"),
    ("After a gap-down of at least 1%, buy QQQ and sell 3 days later.", "open < close[1] * 0.99"),
    ("Buy IWM the day it gaps lower by 3% and hold it for 2 days.", "open < close[1] * 0.97"),
])
def test_a_gap_is_the_open_against_the_previous_close(spec_of, text, entry):
    spec = spec_of(text)
    assert str(spec.entry) == entry and "opening gap" not in whats(spec)


def test_a_gap_traded_inside_its_own_bar_stays_unsupported(spec_of):
    with pytest.raises(NoStrategyFound) as err:
        spec_of("Buy IWM at the open when it gaps down more than 2% and sell at the close the same day.")
    assert "opening gap" in str(err.value)


# ------------------------------------------------------------------------------------------ the VIX
@pytest.mark.parametrize("text, entry", [
    ("Buy SPY when the VIX is above 30; sell when the VIX falls below 20.", f"{VIX} > 30"),
    ("Purchase QQQ once the VIX settles over its 20-day SMA; exit after 10 sessions.", f'{VIX} > sma(20, symbol="^VIX")'),
    ("If the high of the VIX is under its 15-day average, buy SPY. Sell after 4 days.", 'high(symbol="^VIX") < sma(15, symbol="^VIX")'),
    ("Buy SPY when $VIX > 25. Sell when $VIX < 18.", f"{VIX} > 25"),
    ("Go long IWM whenever VIX jumps above 35, and close the trade after 6 days.", f"{VIX} crosses_above 35"),
    ("Enter SPY if the VIX index is at least 5% above its 10-day moving average; hold for 3 days.",
     f'{VIX} >= sma(10, symbol="^VIX") * 1.05'),
])
def test_the_vixs_level_is_read_on_its_own_prices(spec_of, text, entry):
    spec = spec_of(text)
    assert str(spec.entry) == entry
    assert "condition on the VIX (another market's level)" not in whats(spec)
    assert "^VIX" not in spec.universe.symbols and "VIX" not in spec.universe.symbols


@pytest.mark.parametrize("text", [
    "The VIX rose above 30 on Monday as stocks slid.",
    "Some traders buy when the VIX spikes above 40.",
    "Investors who bought when the VIX closed above 35 have been rewarded historically.",
])
def test_vix_commentary_and_hearsay_make_no_rule(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


def test_every_bar_rule_is_backed_by_its_quote(spec_of):
    text = "Buy SPY after three down days in a row.\nSell when the close is above yesterday's high."
    spec = spec_of(text)
    quotes = {e.field: e.quote for e in spec.evidence}
    assert quotes["entry"] in text and "down days" in quotes["entry"]
    assert quotes["exit"] in text and "yesterday" in quotes["exit"]


# ------------------------------------------------------------------------------------------ Ichimoku
SPAN_A, SPAN_B = "(midprice(9)[26] + midprice(26)[26]) / 2", "midprice(52)[26]"


@pytest.mark.parametrize("text, entry", [
    ("Buy when the Tenkan-sen crosses above the Kijun-sen; sell when it crosses below.", "midprice(9) crosses_above midprice(26)"),
    ("Go long when the price is above the cloud and exit when the price closes below the cloud.", f"close > {SPAN_A} and close > {SPAN_B}"),
    ("Purchase GLD once the conversion line moves over the base line. Exit after 10 days.", "midprice(9) crosses_above midprice(26)"),
    ("If the close is above the kumo, buy EWJ; hold it for 8 sessions.", f"close > {SPAN_A} and close > {SPAN_B}"),
    ("Buy DIA when the leading cloud turns green and sell after 5 days.", "(midprice(9) + midprice(26)) / 2 > midprice(52)"),
    ("Enter long when the lagging span is over the cloud; time stop of 6 bars.",
     "close > (midprice(9)[52] + midprice(26)[52]) / 2 and close > midprice(52)[52]"),
])
def test_ichimoku_lines_are_midprice_lines(spec_of, text, entry):
    spec = spec_of(text)
    assert str(spec.entry) == entry
    assert "Ichimoku cloud" not in whats(spec)
    assert any(a.startswith("Ichimoku settings not stated: 9, 26 and 52") for a in spec.assumptions)


def test_ichimoku_settings_stated_apart_are_used(spec_of):
    spec = spec_of("Settings: tenkan period 7, kijun period 22, senkou span b period 44.\n"
                   "Buy when the conversion line crosses above the base line; sell after 4 days.")
    assert str(spec.entry) == "midprice(7) crosses_above midprice(22)"
    assert not any(a.startswith("Ichimoku settings not stated") for a in spec.assumptions)


def test_an_ichimoku_history_lesson_stays_refused(spec_of):
    with pytest.raises(NoStrategyFound):
        spec_of("The Ichimoku cloud was devised in Japan; the Tenkan-sen is the midpoint of the 9-period range.")


# ------------------------------------------------------------------------------------------ time exits
@pytest.mark.parametrize("text, bars", [
    ("Buy after an inside day and sell at the close 5 days after the entry.", 5),
    ("Go long on an NR7 day; the position is closed after 10 sessions.", 10),
    ("Enter long on a green candle. Exit the trade 3 bars after entry.", 3),
    ("Buy when IBS < 0.1; trades are exited 4 days after we buy.", 4),
    ("Purchase SPY after 2 down days in a row and hold for 6 days.", 6),
    ("Buy when the VIX is above 28; time stop: 7 bars.", 7),
])
def test_a_time_exit_beside_a_bar_rule_is_max_holding_bars(spec_of, text, bars):
    spec = spec_of(text)
    assert spec.entry is not None and spec.risk.max_holding_bars == bars
    assert "time-based exit" not in whats(spec)


def test_a_range_written_with_an_adverb():
    assert [str_of(k) for k in bar_comparisons("today's high-to-low range is the strictly smallest of the last 7 sessions")] == \
        ["high - low < lowest(6, input=high - low)"]


# ------------------------------------------------------------------------------------------ requirements beside a bar rule
@pytest.mark.parametrize("text, extra", [
    ("Traders may go long once a green candle closes. The stochastic oscillator should be in oversold territory.", "stoch() < 20"),
    ("Purchase the stock when a bullish candle closes after a down day.\nThe 2-period RSI has to read under ten.", "rsi(2) < 10"),
    ("We buy when the close is below the open for three days in a row. The 10 day CCI should be less than -100.", "cci(10) < -100"),
    ("Buy after three down days in a row. The close must be above the 200-day SMA.", "close > sma(200)"),
    ("Go long on an inside bar. The 14-day RSI needs to be below 45.", "rsi(14) < 45"),
])
def test_a_requirement_beside_a_bar_entry_joins_it(spec_of, text, extra):
    spec = spec_of(text)
    assert str(spec.entry).endswith(" and " + extra)
    assert any("read as a condition of the long entry stated beside it" in a for a in spec.assumptions)


@pytest.mark.parametrize("text", [
    "Buy after three down days in a row; the stop should be below the 20-day low.",
    "Go long on a green candle and place a stop under the lowest low of the last 10 bars.",
    "Buy on an NR7 day, stop loss at the 10 day low.",
    "Enter long after an inside day; the protective stop goes beneath the 5-session low.",
    "Buy when IBS < 0.2 with a stop below the 3-day low.",
])
def test_a_stop_at_a_channel_line_is_no_entry_condition(spec_of, text):
    spec = spec_of(text)
    assert "lowest(3)" not in str(spec.entry) and not any(f"lowest({n})" in str(spec.entry) for n in (5, 10, 20))
    assert "stop at a channel low or high" in whats(spec)


@pytest.mark.parametrize("text", [
    "Should you buy when IBS is below 0.2? Let's look at the data.",
    "Is it worth buying when the VIX is above 32.5? We doubt it.",
    "Would a trader profit by buying gaps down of 1.5%? The answer depends on the market.",
    "Stocks closed lower for three days in a row last week and the VIX jumped above 25.",
    "We tested buying after a green candle but dropped the idea because it did not work.",
])
def test_questions_reports_and_dropped_ideas_make_no_bar_rule(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# ------------------------------------------------------------------------------------------ Heikin-Ashi candles
HA_GREEN = "ha().haclose > ha().haopen"


@pytest.mark.parametrize("text, entry", [
    ("Rules: buy when the Heikin-Ashi candle is green; sell when it turns red.", HA_GREEN),
    ("Go long when the Heikin Ashi candle closes green; exit when the Heikin Ashi candle closes red.", HA_GREEN),
    ("Buy after two red Heiken Ashi candles in a row and hold for 5 days.", "ha().haclose < ha().haopen and ha().haclose[1] < ha().haopen[1]"),
    ("Enter long on a bullish Heikin-Ashi candle when the RSI(14) is above 50. Sell after 4 days.", HA_GREEN + " and rsi(14) > 50"),
    ("Purchase QQQ once the HA candle turns bullish, then hold it for 3 sessions.", HA_GREEN),
])
def test_a_heikin_ashi_candles_direction_is_read_on_its_own_candle(spec_of, text, entry):
    spec = spec_of(text)
    assert str(spec.entry) == entry
    assert not {"candle direction", "Heikin-Ashi Candles (ha)"} & set(whats(spec))


def test_a_candle_that_is_compared_with_is_no_condition_and_a_wick_is_listed(spec_of):
    assert bar_comparisons("take profit after a close below a previous bullish candle.") == []
    spec = spec_of("Buy on a green candle. The candle needs a long lower wick. Sell after 2 days.")
    assert str(spec.entry) == "close > open" and "candle wick or body filter" in whats(spec)


@pytest.mark.parametrize("text, entry", [
    ("Buy after two down days in a row. The 14-day RSI must be below 40. Sell after 3 days.", "rsi(14) < 40"),
    ("Go long on an inside bar. The 14-day RSI needs to be below 45. Sell after 3 days.", "rsi(14) < 45"),
    ("Buy on a green candle. The close has to be above the 50-day EMA. Exit 4 bars later.", "close > ema(50)"),
    ("Purchase XLU when IBS < 0.25. The 5-day ROC should be negative. Close the trade after 2 sessions.", "roc(5) < 0"),
    ("Enter on an NR4 day. The 10-day SMA must be above the 30-day SMA. Hold for 6 days.", "sma(10) > sma(30)"),
])
def test_a_requirement_before_a_time_exit_stays_the_entrys(spec_of, text, entry):
    spec = spec_of(text)
    assert str(spec.entry).endswith(" and " + entry) and spec.exit is None and spec.risk.max_holding_bars
