"""Offline grammar: one test per general construction added after the blind held-out measurement.

Every sentence here is written for this file (not from the dev corpus nor the blind set); each test
checks the construction, not a text.
"""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.extract.evaluate import _spec_constants, _spec_indicators
from foa.extract.offline import extract_offline
from foa.extract.offline.universe import find_tickers, ranking_of, rebalance_of


def _inds(spec) -> set[tuple[str, int]]:
    return {(n, p.get("window")) for n, p in _spec_indicators(spec)}


def test_whole_numbers_are_not_split_into_thresholds():
    # "the 100 day" once left "10" as a threshold by backtracking inside "100"
    spec = extract_offline("Go long DIA when the 20 day sma crosses above the 100 day.")
    assert _inds(spec) == {("sma", 20), ("sma", 100)}
    assert _spec_constants(spec) == []


def test_compact_cross_notation_with_up_and_down():
    spec = extract_offline("Rules: long when SMA10 x SMA40 up. Flat when SMA10 x SMA40 down.")
    assert spec.entry.op == "crosses_above" and spec.exit.op == "crosses_below"
    assert _inds(spec) == {("sma", 10), ("sma", 40)}


def test_rate_of_change_with_a_window_is_not_an_elided_average():
    spec = extract_offline("Buy XLK when the 63-day rate of change turns positive; sell when it turns negative.")
    assert _inds(spec) == {("roc", 63)}
    assert 0 in _spec_constants(spec)


def test_new_n_day_high_and_breaking_a_low():
    spec = extract_offline("Enter when the stock makes a new 30-day high. Exit when it breaks the 15-day low.")
    assert spec.entry.left.kind == "price" and spec.entry.right.name == "highest"
    assert spec.exit.op == "crosses_below" and spec.exit.right.params["window"] == 15


def test_over_a_bare_number_is_a_threshold_and_postfix_actions():
    spec = extract_offline("RSI 3 under 15 = buy, RSI 3 over 85 = sell.")
    assert spec.entry.op == "<" and spec.entry.right.value == 15
    assert spec.exit.op == ">" and spec.exit.right.value == 85
    assert spec.direction == "long_only"


def test_oscillator_crossing_a_level():
    spec = extract_offline("Long rule: RSI(3) below 10 -> buy.\nFlat rule: exit when RSI(3) crosses 60.")
    assert 60 in _spec_constants(spec) and 10 in _spec_constants(spec)


def test_leading_labels_give_the_line_its_role():
    text = "- Entry: RSI(3) < 10\n- Filter: close > EMA(150)\n- Exit: close > EMA(10)\n- Universe: `XLV`"
    spec = extract_offline(text)
    assert _inds(spec) == {("rsi", 3), ("ema", 150), ("ema", 10)}
    assert 10 in _spec_constants(spec)
    assert spec.universe.symbols == ["XLV"]


def test_short_as_a_verb_after_its_subject():
    spec = extract_offline("This sleeve is short-only: we short EEM whenever it closes below its 120-day moving average "
                           "and cover when it closes back above it.")
    assert spec.direction == "short_only"
    assert spec.short_entry is not None and spec.entry is None


def test_covers_as_a_verb_of_reviewing_is_not_a_rule():
    text = ("The course covers the MACD and the RSI, and explains that an RSI above 80 is often called overbought "
            "while one below 20 is called oversold. It gives no trading rules.")
    with pytest.raises(NoStrategyFound):
        extract_offline(text)


def test_pronoun_own_is_a_buy_and_only_if_gates_a_holding():
    spec = extract_offline("If the monthly close is above its 8-month SMA we own VNQ; if not, we sell.")
    assert spec.entry is not None and _inds(spec) == {("sma", 8)}
    gated = extract_offline("Each month hold the stronger of VTI and VXUS, but only if its 6-month return is positive.")
    assert gated.ranking.top_n == 1 and 0 in _spec_constants(gated)


def test_tickers_as_subjects_labels_and_shouted_headings():
    assert find_tickers("When XLU closes above the band we buy.") == ["XLU"]
    assert find_tickers("Instrument: EWJ, weekly bars.") == ["EWJ"]
    assert find_tickers("TRADE SETUP - mid caps: we like buying MDY here.") == ["MDY"]
    assert find_tickers("Enter long when EMA8 crosses EMA34.") == []


def test_best_n_and_first_trading_day_of_the_month():
    assert ranking_of("buy the best 4 by momentum")["top_n"] == 4
    assert ranking_of("hold the strongest 2 funds")["top_n"] == 2
    assert rebalance_of("rebalance on the first trading day of every month") == "monthly"
    assert rebalance_of("rebalance each week") == "weekly"


def test_negated_short_leg_keeps_a_ranking_long_only():
    text = ("Every quarter we sort stocks on their 9-month return and hold the top decile. "
            "We never short the bottom decile.")
    spec = extract_offline(text)
    assert spec.direction == "long_only" and spec.ranking.top_pct == 0.1


def test_atr_stop_multiple_without_x_and_target_from_entry():
    spec = extract_offline("Buy when the close is above the 100-day SMA. Each trade has a stop at 3N from entry, "
                           "N being the 25-day ATR. The profit target sits 12% above the entry.")
    assert spec.risk.atr_stop.multiple == 3 and spec.risk.atr_stop.window == 25
    assert spec.risk.take_profit == pytest.approx(0.12)


def test_bare_numbers_refer_back_to_declared_averages():
    spec = extract_offline("I chart the EMA 13 and the EMA 48. When the 13 crosses above the 48 I buy; "
                           "when the 13 crosses below the 48 I sell.")
    assert spec.entry.op == "crosses_above" and _inds(spec) == {("ema", 13), ("ema", 48)}
    assert _spec_constants(spec) == []


def test_bare_number_after_an_oscillator_stays_a_level():
    spec = extract_offline("Using the SMA 50 as a filter, buy when the RSI(14) crosses above the 50.")
    assert 50 in _spec_constants(spec)


def test_macd_periods_stated_as_settings():
    spec = extract_offline("MACD system\n- Settings: 8, 21, 5\n- Entry: MACD crosses above its signal line\n"
                           "- Exit: MACD crosses below its signal line")
    macds = [p for n, p in _spec_indicators(spec) if n == "macd"]
    assert macds and all(p == {"fast": 8, "slow": 21, "signal": 5} for p in macds)


def test_a_score_definition_feeds_the_ranking():
    text = "# score = total return over the past 9 months\n# each month buy the top 20% by score"
    spec = extract_offline(text)
    assert spec.ranking.by.params["window"] == 9 and spec.ranking.top_pct == 0.2


def test_pine_variables_if_lines_and_price_multiplier_exits():
    text = ("//@version=5\nstrategy(\"demo\")\nlenA = input.int(12, \"fast\")\nlenB = input.int(34, \"slow\")\n"
            "fa = ta.sma(close, lenA)\nsl = ta.sma(close, lenB)\nif ta.crossover(fa, sl)\n    strategy.entry(\"L\", strategy.long)\n"
            "if ta.crossunder(fa, sl)\n    strategy.close(\"L\")\n"
            "strategy.exit(\"x\", \"L\", stop=strategy.position_avg_price * 0.96, limit=strategy.position_avg_price * 1.08)\n")
    spec = extract_offline(text)
    assert spec.entry.op == "crosses_above" and spec.exit.op == "crosses_below"
    assert _inds(spec) == {("sma", 12), ("sma", 34)}
    assert spec.risk.stop_loss == pytest.approx(0.04) and spec.risk.take_profit == pytest.approx(0.08)


def test_afl_variables_cross_and_applystop():
    text = "Quick = EMA( C, 15 );\nSlow2 = EMA( C, 60 );\nBuy = Cross( Quick, Slow2 );\nSell = Cross( Slow2, Quick );\n" \
           "ApplyStop( stopTypeLoss, stopModePercent, 6 );\nApplyStop( stopTypeProfit, stopModePercent, 15 );"
    spec = extract_offline(text)
    assert spec.direction == "long_only" and _inds(spec) == {("ema", 15), ("ema", 60)}
    assert spec.risk.stop_loss == pytest.approx(0.06) and spec.risk.take_profit == pytest.approx(0.15)


def test_python_params_dict_and_crossover_indicator():
    text = ("params = dict(quick=7, lag=25)\n"
            "self.fast_ma = bt.ind.EMA(period=self.p.quick)\nself.slow_ma = bt.ind.EMA(period=self.p.lag)\n"
            "self.xo = bt.ind.CrossOver(self.fast_ma, self.slow_ma)\n"
            "if self.xo > 0:\n    self.buy()\nelif self.xo < 0:\n    self.close()")
    spec = extract_offline(text)
    assert _inds(spec) == {("ema", 7), ("ema", 25)}
    assert spec.entry.op == "crosses_above" and spec.exit.op == "crosses_below"


def test_prose_words_are_not_replaced_by_code_variables():
    text = "window = 30\nBuy when the close is above the 30-day SMA; the lookback window is fixed."
    spec = extract_offline(text)
    assert _inds(spec) == {("sma", 30)}
