"""Comparisons: crossings, states, levels, bands, named lines and ranges."""

from __future__ import annotations

from foa.spec import model as M
from foa.errors import NoStrategyFound
from foa.extract.evaluate import _spec_constants
from foa.extract.evaluate import _spec_indicators
from foa.extract.offline.compare import comparisons
from foa.extract.offline import extract_offline
from foa.extract.offline.mentions import find_mentions
from foa.extract.offline.universe import find_tickers
from foa.spec.validate import iter_indicators
from foa.extract.offline.text import normalize
import pytest
from foa.extract.offline.conditions import walk
from tests.extract.offline.helpers import window_inds


def dump(cond) -> dict | None:
    return cond.model_dump(exclude_none=True, exclude_defaults=True) if cond is not None else None


def cond_consts(cond) -> list[float]:
    return [e.value for e in walk(cond) if isinstance(e, M.ConstExpr)]


def test_spelled_out_numbers_make_a_crossover(spec_of):
    s = spec_of("We buy when the fifty-day moving average crosses above the two hundred day moving average "
                "and sell on the reverse cross.")
    assert s.entry.op == "crosses_above"
    assert (s.entry.left.params["window"], s.entry.right.params["window"]) == (50, 200)
    assert s.frequency == "daily"
    assert "moving-average type not stated: simple assumed" in s.assumptions


def test_bollinger_sma_is_the_middle_band(spec_of):
    s = spec_of("Bollinger Bands are built on the 20-day SMA with bands 2 standard deviations away. "
                "Buy when price closes below the lower band and sell at the middle band.")
    names = {i.name for i in iter_indicators(s)}
    assert names == {"bbands"}
    bb = next(i for i in iter_indicators(s) if i.name == "bbands")
    assert bb.params == {"window": 20, "std": 2.0}


def test_compact_cross_notation_with_up_and_down():
    spec = extract_offline("Rules: long when SMA10 x SMA40 up. Flat when SMA10 x SMA40 down.")
    assert spec.entry.op == "crosses_above" and spec.exit.op == "crosses_below"
    assert window_inds(spec) == {("sma", 10), ("sma", 40)}


def test_oscillator_crossing_a_level():
    spec = extract_offline("Long rule: RSI(3) below 10 -> buy.\nFlat rule: exit when RSI(3) crosses 60.")
    assert 60 in _spec_constants(spec) and 10 in _spec_constants(spec)


def test_bare_number_after_an_oscillator_stays_a_level():
    spec = extract_offline("Using the SMA 50 as a filter, buy when the RSI(14) crosses above the 50.")
    assert 50 in _spec_constants(spec)


def test_snake_case_comparisons_read_as_words_and_ma_variables_stay_names():
    assert normalize("macd_line crosses_below signal_line") == "macd line crosses below signal line"
    assert normalize("ma1 = SMA(close, 8)") == "ma1 = sma(close, 8)"
    assert normalize("EMA13 over EMA48") == "ema 13 over ema 48"


def test_an_upper_line_without_bands_or_channels_is_not_a_bollinger_band():
    spec = extract_offline("Buy when the 20-day SMA crosses above the 100-day SMA; the upper line on my chart is just a guide.")
    assert "bbands" not in {n for n, _ in _spec_indicators(spec)}


def test_levels_named_after_the_and_windows_after_of(spec_of):
    s = spec_of("The system buy when the RSI of 10 periods go under 20 and sell when the RSI come back over the 60 level.")
    assert dump(s.exit) == {"left": {"name": "rsi", "params": {"window": 10}}, "op": "crosses_above", "right": {"value": 60.0}}
    assert not any("RSI window not stated" in a for a in s.assumptions)


def test_compare_then_above_below_lines(spec_of):
    s = spec_of("On the last day of each month compare EFA's close with its 8-month SMA.\n"
                "Above: hold EFA.\nBelow: move to SHY.")
    assert s.entry.op == ">" and isinstance(s.entry.left, M.PriceExpr) and s.entry.right.params == {"window": 8}
    assert s.exit.op == "<" and set(s.universe.symbols) == {"EFA", "SHY"} and s.frequency == "monthly"


def test_a_break_of_has_the_price_as_its_subject_but_ellipsis_still_works():
    norm = "the 50-day sma is rising; a break of the 20-day low ends it."
    comps = comparisons(norm, find_mentions(norm))
    assert comps and all(c.left.kind == "price" for c in comps)
    # guard: "buy when the RSI is below 20; sell above 55" - the RSI is still the subject after the ";"
    norm = "buy when the 5-day rsi is below 25; sell above 60."
    comps = comparisons(norm, find_mentions(norm))
    assert [(c.left.kind, c.op, c.right.value) for c in comps] == [("ind", "<", 25.0), ("ind", ">", 60.0)]


def test_go_up_over_and_pass_below_are_comparisons(spec_of):
    spec = spec_of("We buy XLE when RSI of 10 period go down under 25 and we sell when RSI go up over 65.")
    assert cond_consts(spec.entry) == [25] and cond_consts(spec.exit) == [65]
    spec = spec_of("Enter long when the MACD line pass above the zero line; exit when it pass below zero.")
    assert spec.entry.op == "crosses_above" and spec.exit.op == "crosses_below"


def test_macd_crosses_over_signal_without_the_article(spec_of):
    spec = spec_of("go long XLK when macd crosses over signal, flat when it crosses under signal")
    outputs = [e.output for e in walk(spec.entry) if isinstance(e, M.IndicatorExpr)]
    assert outputs == ["macd", "signal"]
    # "the signal of ..." is not the MACD signal line
    with pytest.raises(NoStrategyFound):
        spec_of("Analysts say a move above 4,500 would be a signal of renewed strength in the index.")


def test_band_against_band_is_the_price(spec_of):
    spec = spec_of("trade GLD off bollinger bands (20,2). price tags lower band -> buy, tags upper band -> go short.")
    left = spec.short_entry.left
    assert isinstance(left, M.PriceExpr)


def test_compare_names_both_and_tbill_hurdle_is_not_held(spec_of):
    assert find_tickers("each month compare QQQ vs EEM on 6m return") == ["QQQ", "EEM"]
    spec = spec_of("Each month compare QQQ vs EEM on 12-month return. Hold the winner, but only if it beats T-bills (SHV); "
                   "otherwise go to IEF.")
    assert "SHV" not in spec.universe.symbols and {"QQQ", "EEM", "IEF"} <= set(spec.universe.symbols)


def test_pierces_the_lower_band_is_a_touch(spec_of):
    spec = spec_of("Buy when price pierces the lower band of a 20-bar, 2-standard-deviation Bollinger band.")
    assert spec.direction == "long_only" and "bbands" in repr(spec.entry)


def test_crossing_from_above_is_a_cross_down(spec_of):
    spec = spec_of("Short when the close crosses the 50-day line from above.")
    assert spec.direction == "short_only" and spec.short_entry.op == "crosses_below"


def test_a_verb_that_reaches_a_band_takes_its_direction_from_the_band(spec_of):
    spec = spec_of("We use Bollinger bands (20, 2). Buy when the close penetrates the upper band; sell when it "
                   "penetrates the middle band.")
    assert "upper" in str(spec.entry) and spec.entry.op in ("crosses_above", ">=", ">")


@pytest.mark.parametrize("sentence, line", [
    ("Buy IWM when the close is below the lower Bollinger band (25 days, 2.5 standard deviations).", "lower"),
    ("Buy IWM when the close crosses below the lower Bollinger Band (20, 2).", "lower"),
    ("Buy IWM when the price slips under the lower Bollinger band.", "lower"),
    ("Buy IWM when the close is above the upper Bollinger band (20, 2).", "upper"),
    ("Buy IWM when the close climbs over the middle Bollinger band.", "middle"),
])
def test_the_band_named_before_bollinger_is_that_line(spec_of, sentence, line):
    spec = spec_of(f"{sentence} Sell when the close is above the middle band.")
    bands = [e for e in walk(spec.entry) if isinstance(e, M.IndicatorExpr) and e.name == "bbands"]
    assert [b.output for b in bands] == [line]
    assert [e.output for e in walk(spec.exit) if isinstance(e, M.IndicatorExpr)] == ["middle"]


@pytest.mark.parametrize("exit_sentence", [
    "Sell at the middle band.",
    "Sell when it gets back to the middle band.",
    "Sell when the close returns to the middle band.",
])
def test_an_exit_at_the_line_the_price_comes_back_to(spec_of, exit_sentence):
    spec = spec_of(f"Buy IWM when the close drops below the lower Bollinger band (20, 2). {exit_sentence}")
    assert spec.exit is not None and spec.exit.op == ">="
    assert spec.exit.right.output == "middle"
    assert not any("exit not stated" in a for a in spec.assumptions)


def test_reaching_the_lower_bollinger_band_is_from_above(spec_of):
    spec = spec_of("Buy IWM at the lower Bollinger band (20, 2) and sell at the upper band.")
    assert (spec.entry.op, spec.entry.right.output) == ("<=", "lower")
    assert (spec.exit.op, spec.exit.right.output) == (">=", "upper")


def test_an_indicator_foa_lacks_is_the_subject_of_its_comparison(spec_of):
    # the VIX's level is read on its own prices (``bars``), never as the RSI's
    spec = spec_of("Buy IWM when RSI(2) is below 10 and the VIX is above 20. Sell when RSI(2) is above 70.")
    assert str(spec.entry) == 'rsi(2) < 10 and close(symbol="^VIX") > 20'
    assert "condition on the VIX (another market's level)" not in [u.what for u in spec.unsupported]
    spec = spec_of("Buy XLE when RSI(14) crosses above 40 and the relative vigor index is rising. Sell when RSI(14) crosses below 60.")
    assert str(spec.entry) == "rsi(14) crosses_above 40"


def test_a_level_at_the_end_of_a_sentence(spec_of):
    # "over 70." is a level: the full stop is no decimal point
    assert str(spec_of("Buy when RSI(14) is over 70.").entry) == "rsi(14) > 70"


def test_a_level_written_before_or_higher_or_lower(spec_of):
    assert str(spec_of("Buy SPY on a CCI reading of -100 or lower.").entry) == "cci() <= -100"
    assert str(spec_of("Buy when the ADX is 25 or higher and RSI(2) is 10 or less.").entry) == "adx() >= 25 and rsi(2) <= 10"
    # an amount "or more" is no comparison of its own: it moves the line
    assert str(spec_of("Buy when the close is 5% or more above the 200-day SMA.").entry) == "close >= sma(200) * 1.05"


# ----------------------------------------------------------------------------- a price field named in a rule
@pytest.mark.parametrize("text, field, op", [
    ("Buy QQQ when the low is below the 10-day SMA.", "low", "<"),
    ("Go long when the daily high crosses above the 20-day EMA.", "high", "crosses_above"),
    ("Buy when today's open is above the 50-day moving average.", "open", ">"),
    ("Enter long once the bar's low dips beneath the 30-day SMA.", "low", "crosses_below"),
    ("Buy when the opening price rises past the 15-day EMA.", "open", "crosses_above"),
])
def test_a_price_field_named_in_a_comparison_is_that_field(spec_of, text, field, op):
    s = spec_of(text)
    assert isinstance(s.entry.left, M.PriceExpr) and s.entry.left.field == field
    assert s.entry.op == op and isinstance(s.entry.right, M.IndicatorExpr)


def test_a_channel_high_stays_a_channel_and_the_close_stays_the_close(spec_of):
    s = spec_of("Buy when the close is above the high of the last 20 days; sell when the close drops below the 10-day SMA.")
    assert s.entry.left.field == "close" and s.entry.right.name == "highest"
    assert s.exit.left.field == "close"


# ------------------------------------------------------------------ oscillator zones stated apart from the rule
@pytest.mark.parametrize("text, entry_level, exit_level", [
    ("We run a 14-period stochastic with an overbought level of 85 and an oversold level of 15. "
     "Buy when it is oversold and sell when it is overbought.", 15, 85),
    ("RSI settings: length 14, overbought 72, oversold 28. Go long when RSI is oversold, close when RSI is overbought.", 28, 72),
    ("Oversold is defined as an RSI(14) reading below 22. Buy when the RSI is oversold; sell when the RSI crosses above 60.", 22, 60),
    ("We use an RSI(2) with thresholds of 12 and 88. Buy when it drops below the lower threshold and "
     "sell when it rises above the upper threshold.", 12, 88),
    ("Use 35 as the oversold level and 65 as the overbought level of the 9-day RSI. "
     "Buy when the RSI falls under the oversold line; sell when the RSI climbs over the overbought line.", 35, 65),
])
def test_a_zone_level_declared_apart_is_the_rules_level(spec_of, text, entry_level, exit_level):
    s = spec_of(text)
    assert cond_consts(s.entry) == [entry_level]
    assert cond_consts(s.exit) == [exit_level]
    assert not any("conventional level" in a for a in s.assumptions)


def test_a_zone_line_without_a_declared_level_is_the_conventional_one(spec_of):
    s = spec_of("Use the CCI(20). Buy when the CCI falls below the lower threshold and sell when it moves above the upper threshold.")
    assert dump(s.entry) == dump(M.CompareCondition(left=M.IndicatorExpr(name="cci", params={"timeperiod": 20}), op="crosses_below",
                                                   right=M.ConstExpr(value=-100)))
    assert cond_consts(s.exit) == [100]
    assert any("conventional level (-100)" in a for a in s.assumptions)


def test_a_zone_level_given_as_an_example_makes_no_rule(spec_of):
    with pytest.raises(NoStrategyFound):
        spec_of("Typically a buy signal comes when the %K line crosses above the oversold threshold (e.g., 20) from below.")


def test_the_stated_number_of_a_zone_line_wins(spec_of):
    s = spec_of("Buy when the 14-day RSI falls below the oversold level of 33 and sell when it rises above the overbought level (66).")
    assert cond_consts(s.entry) == [33] and cond_consts(s.exit) == [66]


# ------------------------------------------------------------------------ a line moved by a percentage
@pytest.mark.parametrize("text, op, scale", [
    ("Buy when the close is at least 6% above its 40-day moving average.", ">=", 1.06),
    ("Buy when the price is more than 3% below its 20-day SMA.", "<", 0.97),
    ("Buy when the close is less than 2% above the 150-day SMA.", "<", 1.02),
    ("Go long when the close sits 4% or more below the 10-day EMA.", "<=", 0.96),
    ("Buy when the close is 1.5% above the upper Bollinger band (20, 2).", ">", 1.015),
])
def test_a_percentage_from_a_line_moves_the_line(spec_of, text, op, scale):
    s = spec_of(text)
    assert s.entry.op == op
    assert isinstance(s.entry.right, M.ArithExpr) and s.entry.right.op == "*"
    assert s.entry.right.right.value == pytest.approx(scale)


def test_the_short_side_of_a_moved_line_is_moved_the_other_way(spec_of):
    s = spec_of("Go long when the close is 3% above the 100-day SMA; the short side is the mirror image.")
    assert s.direction == "long_short"
    assert s.short_entry.op == "<" and s.short_entry.right.right.value == pytest.approx(0.97)


# ------------------------------------------------------------------ oscillators with a signal line of their own
@pytest.mark.parametrize("text, name, params, signal", [
    ("Buy when the PPO(12,26,9) crosses above its signal line; sell when it crosses below the signal line.", "ppo",
     {"fastperiod": 12, "slowperiod": 26}, 9),
    ("Buy when the percentage price oscillator crosses above its 7-day signal line.", "ppo", {}, 7),
    ("Buy when TRIX(15, 9) crosses above its signal line.", "trix", {"timeperiod": 15}, 9),
])
def test_a_signal_line_of_a_ppo_or_trix_is_an_ema_of_it_not_macds(spec_of, text, name, params, signal):
    s = spec_of(text)
    osc = M.IndicatorExpr(name=name, params=params)
    assert s.entry.left == osc and s.entry.op == "crosses_above"
    assert s.entry.right == M.IndicatorExpr(name="ema", params={"window": signal}, input=osc)
    assert "macd" not in {i.name for i in iter_indicators(s)}
    assert s.exit.left == osc  # "sell when it crosses below the signal line": "it" is the oscillator


def test_a_difference_between_two_lines_is_no_range():
    n = "the ppo is the percentage difference between the 12-day ema and the 26-day ema."
    assert comparisons(n, find_mentions(n)) == []
    n = "buy when rsi(14) is between 40 and 60."
    assert [(c.op, c.right.value) for c in comparisons(n, find_mentions(n))] == [(">", 40.0), ("<", 60.0)]


def test_rising_from_below_a_level_crosses_it(spec_of):
    assert str(spec_of("Buy when the RSI(5) rises from below 25.").entry) == "rsi(5) crosses_above 25"
    assert str(spec_of("Short when the RSI(5) falls from above 75.").short_entry) == "rsi(5) crosses_below 75"
    # rising from below a level and then crossing another level: the later crossing is the rule
    s = spec_of("Buy when the RSI(5) moves up from below 20 and crosses above 50.")
    assert str(s.entry) == "rsi(5) crosses_above 50"


@pytest.mark.parametrize("text,rule", [
    # a cross of two lines from a side of a level: the cross, with the subject on that side (as "a bullish
    # stochastic crossover below 20" reads)
    ("Buy when %K moves up from below 20 and crosses above %D.", "stoch().slowk < 20 and stoch().slowk crosses_above stoch().slowd"),
    ("Go long once the %K line crosses over the %D line from below 15.", "stoch().slowk crosses_above stoch().slowd and stoch().slowk < 15"),
    ("Enter long when the MACD line rises through the signal line from below zero line.",
     "macd().macd crosses_above macd().signal and macd().macd < 0"),
    ("Buy when the fast stochastic %K crosses %D upward from below 10%.", "stochf().fastk crosses_above stochf().fastd and stochf().fastk < 10"),
    ("Short when the stochastic turns down from above 85 and crosses its signal line.",
     "stoch() > 85 and stoch() crosses_below stoch().slowd"),
])
def test_a_cross_of_two_lines_from_a_side_of_a_level_keeps_the_level(spec_of, text, rule):
    s = spec_of(text)
    assert str(s.short_entry if text.startswith("Short") else s.entry) == rule


def test_a_typical_or_median_price_is_that_blend_of_the_bar(spec_of):
    s = spec_of("Buy when the typical price is above its 50-day moving average.")
    typical = M.ArithExpr(op="/", left=M.ArithExpr(op="+", left=M.ArithExpr(op="+", left=M.PriceExpr(field="high"),
                                                                              right=M.PriceExpr(field="low")),
                                                     right=M.PriceExpr(field="close")), right=M.ConstExpr(value=3))
    assert s.entry.left == typical
    assert s.entry.right == M.IndicatorExpr(name="sma", params={"window": 50}, input=typical)  # "its" average
    s = spec_of("Go long when the median price rises above the 10-day SMA.")
    assert str(s.entry) == "(high + low) / 2 crosses_above sma(10)"


def test_a_histogram_that_turns_positive_is_the_histogram(spec_of):
    s = spec_of("Buy when MACD(12,26,9) histogram turns positive; sell when the histogram turns negative.")
    assert str(s.entry) == "macd(12, 26, 9).hist > 0" and str(s.exit) == "macd(12, 26, 9).hist < 0"
    assert str(spec_of("Buy when the MACD is positive.").entry) == "macd().macd > 0"


def test_a_level_line_is_never_read_as_the_zero_line(spec_of):
    s = spec_of("Buy when the 14-day RSI dips under the 30 line and sell when it climbs over the 70 line.")
    assert str(s.entry) == "rsi(14) crosses_below 30" and str(s.exit) == "rsi(14) crosses_above 70"


@pytest.mark.parametrize("text, entry", [
    ("We use an ADX threshold of 25. Buy when the ADX(14) is above the threshold and the close is above the 50-day SMA.",
     "adx(14) > 25 and close > sma(50)"),
    ("The entry level for the RSI(3) is 15 and the exit level is 60. Buy when the RSI(3) falls below the entry level; "
     "sell when it rises above the exit level.", "rsi(3) crosses_below 15"),
])
def test_a_level_named_by_its_use_is_the_one_the_document_declares(spec_of, text, entry):
    assert str(spec_of(text).entry) == entry


def test_a_named_level_never_declared_makes_no_comparison(spec_of):
    s = spec_of("Buy when the RSI(3) falls below the entry level and the close is above the 200-day SMA.")
    assert str(s.entry) == "close > sma(200)"
    assert all(v == v for v in cond_consts(s.entry))  # no level made up (never NaN)


def test_the_upper_level_of_a_channel_is_its_line_not_a_zone(spec_of):
    s = spec_of("Buy when the close is above the upper level of the 20-day Donchian channel.")
    assert str(s.entry) == "close > highest(20)"


@pytest.mark.parametrize("verb", ["is over", "sits over", "stays over", "remains over", "is under", "sits under", "stays under"])
@pytest.mark.parametrize("ma", ["SMA", "EMA", "WMA"])
def test_over_and_under_between_two_lines_are_states(spec_of, verb, ma):
    s = spec_of(f"Buy when the 20 {ma} {verb} the 120 {ma}.")
    assert s.entry.op == (">" if "over" in verb else "<")
    assert (s.entry.left.name, list(s.entry.left.params.values())) == (ma.lower(), [20])
    assert (s.entry.right.name, list(s.entry.right.params.values())) == (ma.lower(), [120])


@pytest.mark.parametrize("line", ["its signal line", "the upper band", "the 40-day KAMA"])
def test_bare_over_reads_any_line_after_it(line):
    n = f"go long when the macd stays over {line}"
    cs = comparisons(n, find_mentions(n))
    assert [c.op for c in cs] == [">"]


@pytest.mark.parametrize("span", ["over the last 20 days", "over the past 3 weeks", "over a 10-bar window"])
def test_bare_over_before_a_span_is_no_comparison(span):
    n = f"the rsi(14) averaged {span} is what we watch"
    assert comparisons(n, find_mentions(n)) == []


@pytest.mark.parametrize("verb", ["closes", "trades", "settles", "ends"])
@pytest.mark.parametrize("first", ["rsi(3) < 12", "the cci(20) is below -150", "adx(14) > 30"])
def test_a_new_price_subject_after_a_connector_owns_its(verb, first):
    n = f"buy iwm when {first} and gld {verb} above its 80-day sma"
    cs = comparisons(n, find_mentions(n))
    last = cs[-1]
    assert (last.left.kind, last.op, last.right.mention.name) == ("price", ">", "sma")
    assert last.right.mention.of is None  # the ticker's price average, never an average of the oscillator


def test_an_oscillator_keeps_its_own_average_after_its():
    n = "buy when the rsi(14) crosses above its 9-day ema"
    c = comparisons(n, find_mentions(n))[-1]
    assert c.left.kind == "ind" and c.right.mention.of is c.left.mention


@pytest.mark.parametrize("verb", ["closes", "is", "trades"])
@pytest.mark.parametrize("line", ["the 50 SMA", "the 34-day EMA"])
def test_a_bracketed_side_after_each_comparator_is_its_own_comparison(spec_of, verb, line):
    s = spec_of(f"Enter when price {verb} above (for BUY) or below (for SELL) {line}.")
    assert (s.entry.op, s.exit.op) == (">", "<")
    assert s.entry.right == s.exit.right and s.entry.right.name in ("sma", "ema")


def test_bracketed_sides_of_a_crossing_give_a_long_and_a_short(spec_of):
    s = spec_of("Enter when the close crosses above (buy) or below (sell short) the 30-day EMA.")
    assert s.direction == "long_short"
    assert (s.entry.op, s.short_entry.op) == ("crosses_above", "crosses_below")


def test_bracketed_sides_the_reader_cannot_name_read_no_comparison():
    # both comparators under one role would contradict each other: no comparison is read from the idiom
    n = "enter when price closes above (for long) or below (for long) the 50 sma"
    assert comparisons(n, find_mentions(n)) == []


@pytest.mark.parametrize("tail, listed", [
    ("while the RSI(14) reads no more than 65", "RSI (rsi)"),
    ("when RSI(14) is within 5 points of 50", "RSI (rsi)"),
])
def test_a_level_rule_on_foas_own_oscillator_the_reader_drops_is_listed(spec_of, tail, listed):
    s = spec_of(f"Buy when the 20-day SMA crosses above the 100-day SMA {tail}.")
    assert s.entry.op == "crosses_above"
    assert listed in [u.what for u in s.unsupported]


def test_a_level_rule_the_reader_places_is_not_listed(spec_of):
    s = spec_of("Buy when the 20-day SMA crosses above the 100-day SMA and RSI(14) is above 55.")
    assert "rsi" in str(s.entry) and not s.unsupported


def test_a_return_level_in_percent_is_placed(spec_of):
    # "higher than 4 percent" on a rate of change is its fraction (0.04), read into the entry, not listed
    s = spec_of("Buy when the 20-day SMA crosses above the 100-day SMA and the 12-day ROC is higher than 4 percent.")
    assert "roc(12) > 0.04" in str(s.entry) and not s.unsupported


def test_an_oscillator_named_inside_a_pyramiding_phrase_keeps_the_pyramiding_listed(spec_of):
    s = spec_of("Go long when RSI(3) drops below 15. Add a second long if the RSI(3) drops below 8. Sell when RSI(3) > 60.")
    assert "pyramiding" in [u.what for u in s.unsupported]
    assert "RSI (rsi)" not in [u.what for u in s.unsupported]


@pytest.mark.parametrize("words, op", [
    ("greater than or equal to", ">="), ("higher than or equal to", ">="), ("equal to or greater than", ">="), ("at or above", ">="),
    ("no less than", ">="), ("less than or equal to", "<="), ("equal to or less than", "<="), ("at or below", "<="),
    ("no more than", "<="), ("not higher than", "<="),
])
@pytest.mark.parametrize("ind", ["rsi(14)", "the cci(20)", "adx(14)"])
def test_inclusive_bounds_in_words(words, op, ind):
    n = f"buy when {ind} is {words} 45"
    assert [(c.left.kind, c.op, c.right.value) for c in comparisons(n, find_mentions(n))] == [("ind", op, 45.0)]


@pytest.mark.parametrize("prep, noun", [("in the", "range"), ("within the", "zone"), ("inside a", "band")])
@pytest.mark.parametrize("ind, lo, hi", [("rsi(14)", 40, 60), ("the cci(20)", -100, 100), ("adx(14)", 20, 40)])
def test_a_range_written_as_its_two_ends(prep, noun, ind, lo, hi):
    n = f"go long while {ind} is {prep} {lo} to {hi} {noun}"
    assert [(c.left.kind, c.op, c.right.value) for c in comparisons(n, find_mentions(n))] == [("ind", ">", lo), ("ind", "<", hi)]


def test_a_range_of_no_oscillator_is_no_comparison():
    n = "the stock traded in the 40-60 range for a month"
    assert comparisons(n, find_mentions(n)) == []


@pytest.mark.parametrize("words, op, level", [
    ("at least 10 points above 40", ">=", 50.0), ("more than 5 points below 70", "<", 65.0), ("5 points above 50", ">", 55.0),
    ("less than 5 points above 30", "<", 35.0), ("at most 8 points below 60", ">=", 52.0),
])
@pytest.mark.parametrize("ind", ["rsi(14)", "the mfi(14)"])
def test_points_from_a_level_move_the_level(words, op, level, ind):
    n = f"buy when {ind} is {words}"
    assert [(c.left.kind, c.op, c.right.value) for c in comparisons(n, find_mentions(n))] == [("ind", op, level)]


@pytest.mark.parametrize("text,rule", [
    ("Buy when the 4-period RSI of the Dow Jones index ends the day below 8.", "rsi(4) < 8"),
    ("Go long when the 3-day RSI of the stock drops below 15.", "rsi(3) crosses_below 15"),
    ("Enter when the 14-day CCI of the Nasdaq 100 index is under -100.", "cci(14) < -100"),
    ("Buy when the 10-day rate of change of the market is below -5.", "roc(10) < -5"),
    ("Buy when the RSI(4) for the whole index reads under 25.", "rsi(4) < 25"),
])
def test_an_oscillator_of_a_named_market_is_the_subject_of_its_level(spec_of, text, rule):
    # the words after "of" name what the oscillator is computed from; the level is the oscillator's
    assert str(spec_of(text).entry) == rule


@pytest.mark.parametrize("text,field,rule", [
    ("Buy when the MACD crosses its signal line.", "entry", "macd().macd crosses_above macd().signal"),
    ("Sell short when the MACD crosses the signal line.", "short_entry", "macd().macd crosses_below macd().signal"),
    ("Go short once the stochastic crosses its signal line.", "short_entry", "stoch() crosses_below stoch().slowd"),
    ("Buy when the MACD crosses its signal upward from below zero.", "entry", "macd().macd crosses_above macd().signal and macd().macd < 0"),
    ("Short the index when the close crosses the 30-day EMA.", "short_entry", "close crosses_below ema(30)"),
    ("Short when the stochastic hooks down and crosses its signal.", "short_entry", "stoch() crosses_below stoch().slowd"),
])
def test_an_undirected_cross_of_two_lines_takes_its_way_from_the_motion_or_the_side(spec_of, text, field, rule):
    assert str(getattr(spec_of(text), field)) == rule


@pytest.mark.parametrize("text,entry,short", [
    ("Indicator settings: RSI (7) with levels 25 and 75. Go long when RSI crosses up through the lower level. "
     "Go short when it crosses down through the upper level.", "rsi(7) crosses_above 25", "rsi(7) crosses_below 75"),
    ("We use RSI(7). Levels: 22/78. Buy when the RSI crosses above the lower level; sell short when it crosses below the upper level.",
     "rsi(7) crosses_above 22", "rsi(7) crosses_below 78"),
    ("The stochastic (14,3,3) levels are 15 and 85. Buy when %K is below the lower level; short when %K is above the upper level.",
     "stoch(14, 3, slowd_period=3).slowk < 15", "stoch(14, 3, slowd_period=3).slowk > 85"),
    ("Set the CCI(20) levels to -150 and 150. Enter long when the CCI falls below the lower level, go short when it rises above the upper level.",
     "cci(20) crosses_below -150", "cci(20) crosses_above 150"),
    ("MFI(10), levels = 10, 90. Buy when the MFI is oversold. Short when the MFI is overbought.", "mfi(10) < 10", "mfi(10) > 90"),
])
def test_two_levels_declared_apart_are_the_lower_and_upper_lines(spec_of, text, entry, short):
    s = spec_of(text)
    assert (str(s.entry), str(s.short_entry)) == (entry, short)


def test_two_windows_are_no_levels(spec_of):
    # "levels" beside numbers with a unit are no pair of zones: the conventional levels stay
    s = spec_of("We watch the 20 and 50 day levels. Buy when the RSI(14) is oversold.")
    assert str(s.entry) == "rsi(14) < 30"
