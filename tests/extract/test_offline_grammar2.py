"""Offline grammar, second round: constructions added after the second blind held-out measurement.

Every sentence here was written for this file (none comes from a corpus or a held-out set).
"""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.extract.evaluate import _spec_constants, _spec_indicators
from foa.extract.offline import extract_offline
from foa.extract.offline.text import normalize
from foa.extract.offline.universe import find_tickers, rebalance_of
from foa.spec import model as M


def inds(spec) -> set[tuple[str, tuple]]:
    return {(n, tuple(sorted(p.items()))) for n, p in _spec_indicators(spec)}


# ---- normalisation ---------------------------------------------------------------------------------------


def test_one_as_a_pronoun_stays_a_word_and_the_number_still_converts():
    assert normalize("the quicker line crosses a slower one") == "the quicker line crosses a slower one"
    assert normalize("buy one ETF after one month") == "buy 1 etf after 1 month"


def test_and_a_half_becomes_a_decimal():
    assert normalize("three and a half ATRs below entry") == "3.5 atrs below entry"
    assert normalize("a 2\u00bd% stop") == "a 2.5% stop"


def test_snake_case_comparisons_read_as_words_and_ma_variables_stay_names():
    assert normalize("macd_line crosses_below signal_line") == "macd line crosses below signal line"
    assert normalize("ma1 = SMA(close, 8)") == "ma1 = sma(close, 8)"
    assert normalize("EMA13 over EMA48") == "ema 13 over ema 48"


# ---- manuals, tables and configs -------------------------------------------------------------------------


def test_manual_inputs_with_defaults_name_the_fast_and_slow_averages():
    spec = extract_offline(
        "Average Cross Entry\n\nInputs\n"
        "  FastLen   Bars used for the fast average. Default: 12.\n"
        "  SlowLen   Bars used for the slow average. Default: 30.\n\n"
        "Logic\n  When the FastLen average crosses over the SlowLen average, a buy order is placed at the next open.\n"
    )
    assert inds(spec) == {("sma", (("window", 12),)), ("sma", (("window", 30),))}
    assert spec.entry.op == "crosses_above" and spec.direction == "long_only"


def test_faster_and_slower_one_are_roles_not_the_number_one():
    spec = extract_offline("Go long when a faster exponential moving average crosses above a slower one. "
                           "Fast length: 8. Slow length: 34.")
    assert 1.0 not in _spec_constants(spec)
    assert spec.entry.op == "crosses_above"


def test_yaml_config_names_its_cross_and_stops_in_percent():
    spec = extract_offline(
        "pair: ETH/USDT\ntimeframe: 1d\nstrategy:\n  name: sma_crossover\n  ma_fast: 10\n  ma_slow: 40\n"
        "risk:\n  stop_loss_pct: 6\n  take_profit_pct: 18\n"
    )
    assert spec.universe.symbols == ["ETH/USDT"]
    assert inds(spec) == {("sma", (("window", 10),)), ("sma", (("window", 40),))}
    assert spec.entry.op == "crosses_above" and spec.entry.left.params["window"] == 10
    assert (spec.risk.stop_loss, spec.risk.take_profit) == (0.06, 0.18)


def test_a_fractional_pct_key_is_already_a_fraction():
    spec = extract_offline("strategy: ema_cross\nema_fast: 5\nema_slow: 20\nstop_loss_pct: 0.08\n")
    assert spec.risk.stop_loss == 0.08


def test_json_definition_with_macd_keys_quoted_labels_and_a_stop_object():
    spec = extract_offline(
        '{\n  "ticker": "XLF",\n  "macd": {"fast_period": 6, "slow_period": 19, "signal_period": 4},\n'
        '  "entry": {"condition": "macd_line crosses_above signal_line"},\n'
        '  "exit": {"condition": "macd_line crosses_below signal_line"},\n'
        '  "take_profit": {"type": "percent", "value": 9}\n}\n'
    )
    assert inds(spec) == {("macd", (("fast", 6), ("signal", 4), ("slow", 19)))}
    assert spec.universe.symbols == ["XLF"]
    assert spec.risk.take_profit == 0.09
    assert spec.entry.op == "crosses_above" and spec.exit.op == "crosses_below"


def test_table_rows_label_their_side_and_parameter_cells_give_windows():
    spec = extract_offline(
        "| Item | Setting |\n|---|---|\n"
        "| Entry long | Close > highest high of the prior 40 days |\n"
        "| Entry short | Close < lowest low of the prior 40 days |\n"
        "| Exit long | Close < lowest low of the prior 15 days |\n"
        "| Exit short | Close > highest high of the prior 15 days |\n"
    )
    assert spec.direction == "long_short"
    assert {n for n, _ in _spec_indicators(spec)} == {"highest", "lowest"}
    assert {p["window"] for _, p in _spec_indicators(spec)} == {40, 15}

    spec = extract_offline("The overlay is long while the fast average is above the slow average.\n\n"
                           "Parameter | Value\n---|---\nFast SMA | 15 days\nSlow SMA | 60 days\n")
    assert inds(spec) == {("sma", (("window", 15),)), ("sma", (("window", 60),))}


def test_a_threshold_cell_is_not_a_window():
    spec = extract_offline("Buy when RSI(4) drops below 20.\n\n| Indicator | Setting |\n|---|---|\n| RSI oversold level | 20 |\n")
    assert inds(spec) == {("rsi", (("window", 4),))}


def test_prose_naming_a_config_key_reads_its_value():
    spec = extract_offline(
        "Enters long when the close rises above the highest high of the entry period and exits below the lowest low "
        "of the exit period.\n\nentry_period: 35\nexit_period: 12\n"
    )
    assert inds(spec) == {("highest", (("window", 35),)), ("lowest", (("window", 12),))}


# ---- risk ------------------------------------------------------------------------------------------------


def test_stops_and_targets_in_basis_points():
    spec = extract_offline("Long when the 30-day SMA is above the 90-day SMA. Hard stop 80 bps below entry, profit target 250 basis points.")
    assert (spec.risk.stop_loss, spec.risk.take_profit) == (0.008, 0.025)


@pytest.mark.parametrize("sentence, multiple", [
    ("Stop: 3 x ATR(21) from entry.", 3.0),
    ("The initial stop sits two and a half ATRs below the entry price.", 2.5),
])
def test_atr_stops_in_more_phrasings(sentence, multiple):
    spec = extract_offline("Buy when the 10-day EMA crosses above the 40-day EMA. " + sentence)
    assert spec.risk.atr_stop is not None and spec.risk.atr_stop.multiple == multiple


# ---- tickers ---------------------------------------------------------------------------------------------


def test_tickers_in_code_lists_config_keys_lists_with_and_and_bar_sizes():
    assert find_tickers("UNIVERSE = ['IWM', 'MDY', 'SPY']") == ["IWM", "MDY", "SPY"]
    assert find_tickers('"symbol": "DIA",') == ["DIA"]
    assert find_tickers("I split it between VEA, VWO and BNDX.") == ["VEA", "VWO", "BNDX"]
    assert find_tickers("Breakout rules (QQQ, weekly)") == ["QQQ"]
    assert find_tickers("the iShares Russell 2000 ETF, IWM") == ["IWM"]
    assert find_tickers("Tested on daily bars for AMD since 2012.") == ["AMD"]


def test_a_ticker_named_for_context_or_only_as_a_hurdle_is_not_traded():
    spec = extract_offline("Short $NFLX when it closes below its 50-day SMA. $QQQ shown for reference only.")
    assert spec.universe.symbols == ["NFLX"]
    spec = extract_offline("Each month hold the one of VTI and VXUS with the higher 12-month return, but only if that return "
                           "is greater than SHV's; otherwise hold BND.")
    assert "SHV" not in spec.universe.symbols and "BND" in spec.universe.symbols


# ---- rankings, rebalancing, questions ----------------------------------------------------------------------


def test_sorting_on_returns_is_a_ranking_and_a_month_span_is_its_window():
    spec = extract_offline("Every month we sort the stocks into quintiles on their cumulative return from month t-7 to month t-2, "
                           "buy the top quintile and short the bottom quintile.")
    assert spec.ranking is not None and spec.ranking.top_pct == 0.2
    # the short leg of a ranking is listed as unsupported (the engine runs long-only target weights)
    assert spec.ranking.by.params["window"] == 6 and spec.direction == "long_only"
    assert [u.what for u in spec.unsupported] == ["the short leg of a ranking (the engine runs long-only target weights)"]


@pytest.mark.parametrize("sentence, expected", [
    ("positions are held until the next quarterly rebalance", "quarterly"),
    ("every week, we rank the sectors again", "weekly"),
    ("once a month, compare the two returns", "monthly"),
])
def test_rebalance_phrasings(sentence, expected):
    assert rebalance_of(normalize(sentence)) == expected


def test_a_condition_asked_as_a_question_and_answered_if_yes():
    spec = extract_offline("Each Friday I ask: is IWM closing above its 40-week moving average? If yes, I hold it. "
                           "If no, I hold cash.")
    assert spec.frequency == "weekly" and spec.universe.symbols == ["IWM"]
    assert isinstance(spec.entry, M.CompareCondition) and spec.entry.right.params == {"window": 40}


def test_if_stocks_beat_bills_is_a_rotation():
    spec = extract_offline("Once a month, compare the 6-month return of VTI with the 6-month return of T-bills. "
                           "If stocks beat T-bills, hold VTI; if they don't, hold IEF.")
    assert spec.ranking is not None and spec.universe.symbols == ["VTI", "IEF"]


def test_macd_settings_triple_written_before_the_word():
    spec = extract_offline("Buy when the MACD line crosses above its signal line, using 5, 35, 5 settings.")
    assert ("macd", (("fast", 5), ("signal", 5), ("slow", 35))) in inds(spec)


# ---- Keltner channels ------------------------------------------------------------------------------------


def test_keltner_channel_lines_are_built_from_the_average_and_the_atr():
    spec = extract_offline("Keltner channel system. Inputs: Length (default 30) for the EMA centre line, ATRLength (default 14), "
                           "NumATRs (default 2.5). Buy when the close crosses above the upper line; sell short when it "
                           "crosses below the lower line.")
    upper = spec.entry.right
    assert isinstance(upper, M.ArithExpr) and upper.op == "+"
    assert upper.left.params == {"window": 30}
    assert upper.right.left.value == 2.5 and upper.right.right.params == {"window": 14}
    assert spec.short_entry.right.op == "-" and spec.direction == "long_short"


def test_an_upper_line_without_bands_or_channels_is_not_a_bollinger_band():
    spec = extract_offline("Buy when the 20-day SMA crosses above the 100-day SMA; the upper line on my chart is just a guide.")
    assert "bbands" not in {n for n, _ in _spec_indicators(spec)}


# ---- no strategy -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "I backtested RSI rules on QQQ for years and not one of them managed to beat buy and hold after costs.",
    "Most timing systems on SPY lag buy-and-hold over long periods; that is the honest conclusion.",
])
def test_buy_and_hold_as_the_yardstick_is_no_strategy(text):
    with pytest.raises(NoStrategyFound):
        extract_offline(text)
