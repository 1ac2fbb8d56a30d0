"""Indicator mentions: names, windows, parameters stated apart."""

from __future__ import annotations

from foa.extract.offline.mentions import find_mentions
import pytest
from foa.spec import model as M
from foa.extract.evaluate import _spec_constants
from foa.extract.offline.compare import comparisons
from foa.extract.offline import extract_offline
from foa.spec.validate import iter_indicators
from foa.extract.offline.text import normalize
from foa.extract.offline.conditions import walk
from tests.extract.offline.helpers import window_inds


def test_a_signal_line_period_after_its_name_is_read():
    ms = find_mentions("it uses a signal line of 7 here")
    assert [(m.name, m.params, m.role) for m in ms] == [("macd", {"signal": 7}, "signal")]


def dump(cond) -> dict | None:
    return cond.model_dump(exclude_none=True, exclude_defaults=True) if cond is not None else None


def indicators(cond) -> list[tuple[str, dict]]:
    return [(e.name, e.params) for e in walk(cond) if isinstance(e, M.IndicatorExpr)]


def test_month_windows_on_daily_bars_are_converted(spec_of):
    s = spec_of("Rank stocks by 6-month return every month and buy the top 5. A 10% daily stop-loss applies.")
    assert s.frequency == "daily" and s.ranking.by.params["window"] == 126
    # the engine runs no stops with a ranking: the stop is listed as unsupported, not silently dropped
    assert s.risk.stop_loss is None and "stop-loss" in s.unsupported[0].quote


def test_macd_definition_emas_are_not_rules(spec_of):
    s = spec_of("MACD is the difference between the 12-day EMA and the 26-day EMA. "
                "Go long once MACD crosses over its signal line; exit when it crosses below.")
    assert {i.name for i in iter_indicators(s)} == {"macd"}


def test_rate_of_change_with_a_window_is_not_an_elided_average():
    spec = extract_offline("Buy XLK when the 63-day rate of change turns positive; sell when it turns negative.")
    assert window_inds(spec) == {("roc", 63)}
    assert 0 in _spec_constants(spec)


def test_bare_numbers_refer_back_to_declared_averages():
    spec = extract_offline("I chart the EMA 13 and the EMA 48. When the 13 crosses above the 48 I buy; "
                           "when the 13 crosses below the 48 I sell.")
    assert spec.entry.op == "crosses_above" and window_inds(spec) == {("ema", 13), ("ema", 48)}
    assert _spec_constants(spec) == []


def test_one_as_a_pronoun_stays_a_word_and_the_number_still_converts():
    assert normalize("the quicker line crosses a slower one") == "the quicker line crosses a slower one"
    assert normalize("buy one ETF after one month") == "buy 1 etf after 1 month"


def test_and_a_half_becomes_a_decimal():
    assert normalize("three and a half ATRs below entry") == "3.5 atrs below entry"
    assert normalize("a 2\u00bd% stop") == "a 2.5% stop"


def test_keltner_channel_lines_are_built_from_the_average_and_the_atr():
    spec = extract_offline("Keltner channel system. Inputs: Length (default 30) for the EMA centre line, ATRLength (default 14), "
                           "NumATRs (default 2.5). Buy when the close crosses above the upper line; sell short when it "
                           "crosses below the lower line.")
    upper = spec.entry.right
    assert isinstance(upper, M.ArithExpr) and upper.op == "+"
    assert upper.left.params == {"window": 30}
    assert upper.right.left.value == 2.5 and upper.right.right.params == {"window": 14}
    assert spec.short_entry.right.op == "-" and spec.direction == "long_short"


def test_two_windows_sharing_one_noun(spec_of):
    s = spec_of("long QQQ when 20d>100d EMA, cash otherwise")
    assert dump(s.entry) == {"left": {"name": "ema", "params": {"window": 20}}, "op": ">",
                             "right": {"name": "ema", "params": {"window": 100}}}
    assert s.universe.symbols == ["QQQ"] and s.direction == "long_only"
    s = spec_of("Buy when the 15-day crosses above the 45-day SMA.")
    assert {i.params["window"] for i in iter_indicators(s)} == {15, 45}


def test_hard_wrapped_indicator_names(spec_of):
    s = spec_of("Buy at a new 40-day high. Stop: 2 times the 12-day average true\nrange below the entry price.")
    assert s.risk.atr_stop == M.AtrStop(window=12, multiple=2)


def test_macd_periods_from_its_definition(spec_of):
    s = spec_of("Step 1: take the 8-day and 21-day EMAs of the close; their difference is the MACD line.\n"
                "Step 2: a 5-day EMA of the MACD line is the signal line.\n"
                "Step 3: buy XLE when the MACD line crosses above the signal line; sell on the cross back down.")
    assert {i.params.get("fast") for i in iter_indicators(s) if i.name == "macd"} == {8}
    assert all(i.params == {"fast": 8, "slow": 21, "signal": 5} for i in iter_indicators(s) if i.name == "macd")
    assert {i.name for i in iter_indicators(s)} == {"macd"}


def test_take_out_and_a_break_of_a_channel(spec_of):
    norm = "when the price takes out the highest high of the prior 30 sessions we buy; a break of the 10-session low closes the trade."
    comps = comparisons(norm, find_mentions(norm))
    got = [(c.left.kind, c.op, c.right.mention.name, c.right.mention.params["window"]) for c in comps]
    assert ("price", ">=", "highest", 30) in got and ("price", "<=", "lowest", 10) in got
    s = spec_of("When the price takes out the highest high of the prior 30 sessions we buy; a break of the 10-session low closes the trade.")
    assert isinstance(s.exit, M.CompareCondition) and s.exit.left == M.PriceExpr(field="close")
    assert s.exit.right.name == "lowest" and s.exit.right.params["window"] == 10


def test_common_typos_are_read_as_meant_but_only_as_whole_words():
    assert "bollinger" in normalize("fade the bolinger bands") and "above" in normalize("rsi abve 80")
    assert "below" in normalize("close bellow the ma")
    # not inside other words: "belong", "aboveground" stay as written
    assert normalize("these belong to the aboveground index") == "these belong to the aboveground index"


def test_an_average_of_something_else_is_not_a_moving_average():
    assert "moving" not in normalize("the 20-day average volume") and "moving" not in normalize("the 14-day average true range")
    assert "moving" not in normalize("the 30-day average of daily returns")
    assert "10-month moving average" in normalize("above its 10-month average.")


def test_atr_multiple_before_a_parenthesised_atr_keeps_the_defined_window(spec_of):
    spec = spec_of("Buy GLD on a close above the 30-day high; stop 2 ATRs (20-day ATR) below the entry.")
    assert spec.risk.atr_stop is not None
    assert (spec.risk.atr_stop.window, spec.risk.atr_stop.multiple) == (20, 2.0)


def test_fast_and_slow_before_an_average_are_adjectives_not_operands(spec_of):
    spec = spec_of("If the fast moving average of 5 weeks is crossing over the slow moving average of 20 weeks, "
                   "we are entering a long position in EWJ.")
    assert [p["window"] for _, p in indicators(spec.entry)] == [5, 20] and spec.entry.op == "crosses_above"


def test_subscripted_average_with_indicator_function(spec_of):
    spec = spec_of("signal_t = 1{P_t > MA_150,t}. Hold VT when signal_t = 1, otherwise cash.")
    assert indicators(spec.entry)[0][1] == {"window": 150} and spec.universe.symbols == ["VT"]


def test_bollinger_window_and_width_before_the_name(spec_of):
    spec = spec_of("Go short as soon as the close pokes through the upper band of a 30-day, 3-sigma Bollinger envelope.")
    assert spec.direction == "short_only" and spec.short_entry.op == ">="
    band = spec.short_entry.right
    assert band.name == "bbands" and band.params == {"window": 30, "std": 3} and band.output == "upper"


def test_n_day_line_is_a_moving_average(spec_of):
    spec = spec_of("We buy DAX futures when the close crosses the 200-days line from below; sell when it falls under it.")
    assert spec.direction == "long_only" and spec.entry.op == "crosses_above"
    ma = spec.entry.right
    assert ma.name == "sma" and ma.params == {"window": 200}


def test_a_signal_line_is_not_an_n_day_line():
    assert [m.name for m in find_mentions(normalize("the 9-day signal line"))] == ["macd"]


@pytest.mark.parametrize("phrase, params", [
    ("the MACD line (10,20,7)", {"fast": 10, "slow": 20, "signal": 7}),
    ("the MACD indicator (8, 21, 5)", {"fast": 8, "slow": 21, "signal": 5}),
    ("the MACD line (12, 30)", {"fast": 12, "slow": 30}),
])
def test_macd_numbers_in_brackets_after_a_line_word(phrase, params):
    found = [m for m in find_mentions(normalize(f"go long when {phrase} crosses above the signal line.")) if m.name == "macd"]
    assert found and found[0].params == params


def test_macd_numbers_after_the_line_reach_the_spec(spec_of):
    spec = spec_of("Go long IWM when the MACD line (10,20,7) crosses above the signal line. Close when MACD crosses below signal.")
    macds = {(e.params.get("fast"), e.params.get("slow"), e.params.get("signal")) for e in walk(spec.entry) if isinstance(e, M.IndicatorExpr)}
    assert macds == {(10, 20, 7)}
    assert not any("MACD parameters not stated" in a for a in spec.assumptions)
    assert not any("exit not stated" in a for a in spec.assumptions)  # "Close when ..." is the stated exit


@pytest.mark.parametrize("norm,expected", [
    ("buy when the rsi indicator (7) is below 30", [("rsi", {"window": 7})]),
    ("indicators: macd-combo (12,26,9) and ema (62)", [("macd", {"fast": 12, "slow": 26, "signal": 9}), ("ema", {"window": 62})]),
    ("the cci oscillator (20) crosses above zero", [("cci", {"window": 20})]),
    ("we use the relative strength index set to 21 periods", [("rsi", {"window": 21})]),
    ("the adx indicator is set at 10 bars", [("adx", {"window": 10})]),
    ("a williams %r-classic (14) reading under -80", [("willr", {"window": 14})]),
])
def test_filler_words_between_a_name_and_its_numbers_keep_the_numbers(norm, expected):
    assert [(m.name, m.params) for m in find_mentions(norm)] == expected


@pytest.mark.parametrize("norm", ["buy when the rsi is set to 30 as oversold", "rsi set to 70 for the overbought level",
                                  "the range-bound (20) market", "the stop-loss (2) rule"])
def test_a_level_set_or_a_word_before_brackets_is_no_window(norm):
    assert all("window" not in m.params for m in find_mentions(norm))


@pytest.mark.parametrize("norm,expected", [
    ("we use the cci 20.", ("cci", {"window": 20})),
    ("indicators: rsi 14.", ("rsi", {"window": 14})),
    ("trend filter: adx 10; momentum: cci 40.", ("cci", {"window": 40})),
    ("the adx over 14 bars is our filter", ("adx", {"window": 14})),
    ("the williams %r 21.", ("willr", {"window": 21})),
])
def test_a_window_that_ends_the_sentence_is_read(norm, expected):
    assert expected in [(m.name, m.params) for m in find_mentions(norm)]


def test_a_level_after_over_is_no_window():
    assert [(m.name, m.params) for m in find_mentions("buy when the adx over 25.")] == [("adx", {})]


@pytest.mark.parametrize("text,rule", [
    ("Buy the fund when the RSI indicator (3) drops below 15.", "rsi(3) crosses_below 15"),
    ("Go long when the CCI oscillator (30) is under -150.", "cci(30) < -150"),
    ("Our stochastic oscillator is set to 9. Buy when it is below 10.", "stoch(9) < 10"),
    ("Settings: MFI-classic (10). Enter long when the MFI falls below 15.", "mfi(10) crosses_below 15"),
    ("Buy when the Relative Strength Index, set to 4 periods, is under 20.", "rsi(4) < 20"),
])
def test_rules_keep_the_numbers_stated_after_filler_words(spec_of, text, rule):
    assert str(spec_of(text).entry) == rule


@pytest.mark.parametrize("norm,output", [
    ("the stochastic crosses above its signal line", ("stoch", "slowd")),
    ("when the fast stochastic %k crosses the signal line", ("stochf", "fastd")),
    ("buy when the stochrsi rises over its 3-period signal line", ("stochrsi", "fastd")),
    ("the stoch (14, 3, 3) crosses below its signal", ("stoch", "slowd")),
])
def test_a_stochastics_signal_line_is_its_d_line(norm, output):
    ms = find_mentions(norm)
    assert (ms[-1].name, ms[-1].output) == output and ms[-1].params == ms[0].params


def test_a_signal_line_beside_a_macd_stays_the_macds():
    ms = find_mentions("the macd crosses its signal line and the stochastic is under 20")
    assert [m.name for m in ms] == ["macd", "stoch"]


@pytest.mark.parametrize("norm", [
    "the rsi divides a 7-day smoothed moving average of gains by the losses",
    "atr is the 14-period exponential moving average of true ranges",
    "the 10-bar simple average of up moves divided by the average of down moves",
    "a 9-day ema of price changes smooths the oscillator",
    "its 20-day moving average of the absolute gains",
])
def test_an_average_inside_an_indicators_definition_is_no_average_of_the_price(norm):
    assert not [m for m in find_mentions(norm) if m.name in ("ma", "sma", "ema")]


@pytest.mark.parametrize("norm,expected", [
    ("price closes above the upper donchian channel of 20 days", [("highest", {"window": 20})]),
    ("the 55-day donchian upper band", [("highest", {"window": 55})]),
    ("exit below the 10-day donchian lower band", [("lowest", {"window": 10})]),
    ("the donchian lower line of 15 bars", [("lowest", {"window": 15})]),
    ("a break of the 40-day donchian high", [("highest", {"window": 40})]),
    ("a 20-day donchian channel", [("highest", {"window": 20}), ("lowest", {"window": 20})]),
])
def test_a_donchian_line_named_by_its_side_is_that_line(norm, expected):
    assert [(m.name, m.params) for m in find_mentions(norm)] == expected


@pytest.mark.parametrize("text,entry,exit_", [
    ("Buy when price closes above the upper Donchian channel of 30 days and sell when it closes below the 10-day low.",
     "close > highest(30)", "close < lowest(10)"),
    ("Go long on a close over the 20-day Donchian upper band; exit on a close under the 10-day Donchian lower band.",
     "close > highest(20)", "close < lowest(10)"),
    ("Parameters: fast EMA = 12, slow EMA = 26. Buy on the fast EMA crossing the slow EMA upward; sell on the reverse.",
     "ema(12) crosses_above ema(26)", "ema(12) crosses_below ema(26)"),
    ("Settings: fast SMA = 5, slow SMA = 35. Buy when the fast SMA crosses above the slow SMA.",
     "sma(5) crosses_above sma(35)", "sma(5) crosses_below sma(35)"),
    ("Inputs: short EMA = 9, long EMA = 21. Enter long when the short EMA is above the long EMA.", "ema(9) > ema(21)", "ema(9) < ema(21)"),
])
def test_lines_and_roles_named_in_prose_keep_their_windows(spec_of, text, entry, exit_):
    s = spec_of(text)
    assert (str(s.entry), str(s.exit)) == (entry, exit_)
