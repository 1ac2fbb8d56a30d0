"""Table indicators read from prose: ADX, +DI/-DI, stochastics, CCI, Williams %R, MFI, Parabolic SAR, WMA,
candlestick patterns... (the TA-Lib rows of ``foa/spec/indicators.py``), their parameters, their levels and
crosses, and what is listed when their rule is not read."""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.extract.offline import lexicon
from foa.extract.offline.conditions import mirror, table_expr
from foa.extract.offline.mentions import find_mentions, table_params
from foa.spec import indicators
from foa.spec.check import check_spec


def _found(norm: str) -> list[tuple]:
    return [(m.name, m.params, m.output) for m in find_mentions(norm)]


@pytest.mark.parametrize("norm,want", [
    ("the adx(14) is above 25", ("adx", {"window": 14}, None)),
    ("the 14-period adx rises", ("adx", {"window": 14}, None)),
    ("a 20 day cci", ("cci", {"window": 20}, None)),
    ("cci 20 crosses above 100", ("cci", {"window": 20}, None)),
    ("the adx of 14 periods", ("adx", {"window": 14}, None)),
    ("stochastic (14, 3, 3) below 20", ("stoch", {"fastk_period": 14, "slowk_period": 3, "slowd_period": 3}, None)),
    ("a 5,3,3 slow stochastic", ("stoch", {"fastk_period": 5, "slowk_period": 3, "slowd_period": 3}, None)),
    ("the parabolic sar(0.02, 0.2)", ("sar", {"acceleration": 0.02, "maximum": 0.2}, None)),
    ("psar flips", ("sar", {}, None)),
    ("%k crosses", ("stoch", {}, "slowk")),
    ("the %d line", ("stoch", {}, "slowd")),
    ("the di+ line", ("plus_di", {}, None)),
    ("when -di is higher", ("minus_di", {}, None)),
    ("williams' %r is low", ("willr", {}, None)),
    ("w%r(10) under -80", ("willr", {"window": 10}, None)),
    ("on-balance volume rises", ("obv", {}, None)),
    ("the aroon up line", ("aroon", {}, "aroonup")),
    ("a 10-day weighted moving average", ("wma", {"window": 10}, None)),
])
def test_every_table_word_is_a_mention_with_its_parameters(norm, want):
    got = _found(norm)
    assert got and got[0] == want, got


def test_a_table_name_is_never_read_as_foa_s_indicator():
    # "stochastic rsi" is not the RSI, "weighted moving average" not an SMA, "chande momentum oscillator" no return
    assert [m.name for m in find_mentions("the stochastic rsi and the weighted moving average 20")] == ["stochrsi", "wma"]
    assert [m.name for m in find_mentions("the chande momentum oscillator crosses zero")] == ["cmo"]


def test_a_level_named_after_the_indicator_is_no_mention():
    # "the CCI control level (+40)": the level's name, compared with the CCI, is not a second CCI
    assert [m.name for m in find_mentions("cci crossing above the cci control level (+40)")] == ["cci"]


def test_numbers_are_mapped_to_ta_lib_parameter_names_through_the_table():
    assert table_params("ultosc", [7, 14, 28]) == {"timeperiod1": 7, "timeperiod2": 14, "timeperiod3": 28}
    assert table_params("adx", [14, 3, 9]) == {}  # more numbers than the row has windows: no guess
    assert str(table_expr("adx", {"window": 14})) == "adx(14)"
    assert str(table_expr("willr", {"window": 2})) == "willr(2)"
    assert table_expr("obv", {"window": 5}).params == {}  # OBV has no window: the number is not its parameter


def test_every_prose_alias_of_the_table_is_a_table_word():
    for rec in indicators.table():
        if rec.source != "talib" or rec.name in ("kc", "medprice", "typprice", "wclprice", "correl", "percentrank",
                                                  "linearreg", "tsf"):
            continue
        for a in rec.aliases:
            a = a.replace("n day ", "")
            if a in ("kaufman", "fractals"):
                continue
            assert lexicon.table_word(a) is not None, (rec.name, a)
            assert any(m.name == rec.name for m in find_mentions(f"buy when the {a} is above 20")), (rec.name, a)


@pytest.mark.parametrize("text,entry,exit_", [
    ("Buy SPY when ADX(14) is above 25 and RSI(14) crosses above 40. Sell when RSI(14) crosses below 60.",
     "adx(14) > 25 and rsi(14) crosses_above 40", "rsi(14) crosses_below 60"),
    ("Buy when CCI(20) crosses above -100. Sell when the CCI crosses below 100.",
     "cci(20) crosses_above -100", "cci(20) crosses_below 100"),
    ("Buy when the Williams %R is below -90; sell when it closes above -30.", "willr() < -90", "willr() > -30"),
    ("Buy QQQ when the MFI is below 20; sell when the MFI rises above 80.", "mfi() < 20", "mfi() crosses_above 80"),
    ("Buy when the close crosses above the Parabolic SAR; sell when it crosses below the SAR.",
     "close crosses_above sar()", "close crosses_below sar()"),
    ("Buy when the 10-day WMA crosses above the 30-day WMA; sell when it crosses below.",
     "wma(10) crosses_above wma(30)", "wma(10) crosses_below wma(30)"),
])
def test_levels_and_crosses_on_table_indicators(spec_of, text, entry, exit_):
    spec = spec_of(text)
    assert (str(spec.entry), str(spec.exit)) == (entry, exit_)
    assert spec.unsupported == []
    assert not [f for f in check_spec(spec) if f.severity == "error"]


def test_stochastic_lines_share_the_stated_parameters(spec_of):
    spec = spec_of("Buy SPY when %K crosses above %D and the stochastic (14,3,3) is below 20. Sell when %K crosses below %D.")
    k = "stoch(14, 3, slowd_period=3)"
    assert str(spec.entry) == f"{k}.slowk crosses_above {k}.slowd and {k} < 20"
    assert str(spec.exit) == f"{k}.slowk crosses_below {k}.slowd"
    fast = spec_of("Buy when the fast stochastic %K crosses above 20; sell when %K drops below 80.")
    assert str(fast.entry) == "stochf().fastk crosses_above 20" and fast.unsupported == []


def test_directional_movement_lines_and_a_window_stated_once(spec_of):
    spec = spec_of("We use an ADX and DMI window of 10 periods. Go long when the +DI crosses above the -DI and the ADX "
                   "is above 20. Go short when the -DI crosses above the +DI and the ADX is above 20.")
    assert str(spec.entry) == "plus_di(10) crosses_above minus_di(10) and adx(10) > 20"
    assert str(spec.short_entry) == "minus_di(10) crosses_above plus_di(10) and adx(10) > 20"
    assert spec.direction == "long_short"


def test_candlestick_patterns_are_their_own_condition(spec_of):
    spec = spec_of("Buy IWM on a bullish engulfing candle; exit on a shooting star.")
    assert str(spec.entry) == "cdlengulfing() > 0"
    assert str(spec.exit) == "cdlshootingstar() < 0"
    with pytest.raises(NoStrategyFound, match=r"Hammer \(cdlhammer\) \(p\. 1\), which foa can compute"):
        spec_of("The hammer is a one-candle reversal sign. Many traders buy the next open after a hammer prints.")


def test_the_short_side_mirrors_levels_on_the_indicator_s_scale():
    import foa

    assert str(mirror(foa.rule("willr() < -90"))) == "willr() > -10"
    assert str(mirror(foa.rule("cci(20) crosses_above -100"))) == "cci(20) crosses_below 100"
    assert str(mirror(foa.rule("adx(14) > 25"))) == "adx(14) > 25"  # trend strength has no side
    assert str(mirror(foa.rule("cdlengulfing() > 0"))) == "cdlengulfing() < 0"


def test_a_table_indicator_whose_rule_is_not_read_is_listed_and_named_in_the_refusal(spec_of):
    spec = spec_of("Buy XLE when RSI(14) crosses above 40 and the ADX is trending. Sell when RSI(14) crosses below 60.")
    assert str(spec.entry) == "rsi(14) crosses_above 40"
    assert [u.what for u in spec.unsupported] == ["ADX (adx)"]
    with pytest.raises(NoStrategyFound, match=r"states a rule on Parabolic SAR \(sar\).*which foa can compute"):
        spec_of("Go long EWJ when the parabolic SAR flips; exit when it flips again.")


def test_an_indicator_tutorial_stays_refused(spec_of):
    with pytest.raises(NoStrategyFound):
        spec_of("The stochastic oscillator ranges from 0 to 100. When %K crosses above %D, it is a buy signal; "
                "when it crosses below, it is a sell signal.")
    with pytest.raises(NoStrategyFound):
        spec_of("The ADX is a trend-strength gauge that many desks watch. Markets were calm this week.")
    spec = spec_of("A stochastic-free setup: buy when the 8-day EMA crosses above the 21-day EMA. We do not use the CCI.")
    assert spec.unsupported == []


def test_scores_a_label_window_against_the_ta_lib_parameter(spec_of):
    from foa.extract.evaluate import score_case

    spec = spec_of("Buy when ADX(14) is above 25 and the close is above the 50-day SMA.")
    gold = {"no_strategy": False, "indicators": [["adx", {"window": 14}], ["sma", {"window": 50}]], "constants": [25]}
    assert score_case(spec, gold)["exact"] is True
    assert score_case(spec, {**gold, "indicators": [["adx", {"window": 20}], ["sma", {"window": 50}]]})["exact"] is False


def test_exits_stated_in_the_passive_are_exits_and_a_text_of_exits_only_is_refused(spec_of):
    from foa.extract.offline.cues import roles_of

    assert roles_of("long positions should be closed when the price drops under the psar") == {"exit_long"}
    assert roles_of("short trades must be covered when the close rises over the sar") == {"cover"}
    assert roles_of("close short positions when the price rises above the sar") == {"cover"}
    with pytest.raises(NoStrategyFound):
        spec_of("The SAR trails the price like a stop. If you are long, the SAR rises each day. Long positions "
                "should be closed when the price drops under the SAR; short positions should be covered when it "
                "rises over the SAR.")


def test_an_average_of_an_indicator_named_with_its(spec_of):
    spec = spec_of("Buy when the OBV crosses above its 20-day moving average.")
    assert str(spec.entry) == "obv() crosses_above sma(20, input=obv())"
    spec = spec_of("Buy when the RSI(14) crosses above its 9-day EMA.")
    assert str(spec.entry) == "rsi(14) crosses_above ema(9, input=rsi(14))"
    assert str(spec_of("Buy when the close crosses above its 50-day SMA.").entry) == "close crosses_above sma(50)"


def test_levels_in_percent_on_a_0_to_100_oscillator(spec_of):
    spec = spec_of("Buy when the stochastic declines below its 25% line; sell when it rises above 80%.")
    assert (str(spec.entry), str(spec.exit)) == ("stoch() crosses_below 25", "stoch() crosses_above 80")
    assert str(spec_of("Buy when the MFI(14) is under 20%.").entry) == "mfi(14) < 20"
    # a price is never compared with a bare percentage
    with pytest.raises(NoStrategyFound):
        spec_of("Buy SPY when the price is above 5%.")


def test_metatrader_handles_of_table_indicators_are_written_back_as_mentions():
    from foa.extract.offline.code import CodeVars

    v = CodeVars()
    v.read("extern int williams_period=14;")
    for line in ("wpr=iwpr(symbol(),0,williams_period,0);", "double k=istochastic(null,0,5,3,3,mode_sma,0,mode_main,0);",
                 "double d=istochastic(null,0,5,3,3,mode_sma,0,mode_signal,0);", "double pdi=iadx(null,0,14,price_close,mode_plusdi,1);",
                 "double cci1=icci(symbol(),0,20,price_close,1);"):
        v.read(line)
    line = v.read("if(k > d && wpr < -80 && pdi > 20 && cci1 > 100)")
    assert line == "if(%k(5, 3, 3) > %d(5, 3, 3) && w%r(14) < -80 && +di(14) > 20 && cci(20) > 100)"
    got = [(m.name, m.params, m.output) for m in find_mentions(line)]
    assert got == [("stoch", {"fastk_period": 5, "slowk_period": 3, "slowd_period": 3}, "slowk"),
                   ("stoch", {"fastk_period": 5, "slowk_period": 3, "slowd_period": 3}, "slowd"),
                   ("willr", {"window": 14}, None), ("plus_di", {"window": 14}, None), ("cci", {"window": 20}, None)]


def test_a_level_before_an_average_is_not_one_of_its_windows(spec_of):
    spec = spec_of("Buy when the 5-period stochastic %K is under 20 and the 200-day SMA is below the close.")
    assert str(spec.entry) == "stoch(5).slowk < 20 and sma(200) < close"


def test_it_in_the_next_sentence_is_the_oscillator_read_against_a_level(spec_of):
    spec = spec_of("If the CCI falls below -200, buy. If it rises above 200, sell.")
    assert (str(spec.entry), str(spec.exit)) == ("cci() crosses_below -200", "cci() crosses_above 200")
    spec = spec_of("Buy when RSI(2) drops below 10. Sell when it rises above 70.")
    assert str(spec.exit) == "rsi(2) crosses_above 70"
    # a clause naming its own indicator keeps it; a price average is no oscillator
    assert str(spec_of("Buy SPY when RSI(2) is below 10. Sell when it closes above its 5-day SMA.").exit) == "close > sma(5)"
    assert str(spec_of("Buy the ETF when the 14-day MFI drops below 20; sell it once the MFI tops 80.").exit) == "mfi(14) > 80"


def test_unstated_parameters_are_ta_lib_defaults_written_to_the_assumptions(spec_of):
    spec = spec_of("Buy when ADX is above 25 and %K crosses above %D.")
    assert "ADX parameters not stated: TA-Lib's defaults (timeperiod 14)" in spec.assumptions
    assert any(a.startswith("STOCH parameters not stated") and "fastk_period 5" in a for a in spec.assumptions)
    assert not any(a.startswith("CCI") for a in spec_of("Buy when CCI(20) crosses above -100.").assumptions)


def test_a_pine_weighted_average_is_a_wma(spec_of):
    spec = spec_of("fast = ta.wma(close, 9)\nslow = ta.wma(close, 21)\nif ta.crossover(fast, slow)\n"
                   "    strategy.entry(\"L\", strategy.long)")
    assert str(spec.entry) == "wma(9) crosses_above wma(21)"


def test_ta_lib_names_called_in_code_are_mentions():
    assert _found("if plus_di(55) > minus_di(55) and adx(8) > 20") == [
        ("plus_di", {"window": 55}, None), ("minus_di", {"window": 55}, None), ("adx", {"window": 8}, None)]
    assert _found("the stochastic slowd(5, 3, 3) < 20") == [
        ("stoch", {"fastk_period": 5, "slowk_period": 3, "slowd_period": 3}, "slowd")]
    assert [m.name for m in find_mentions("cdlengulfing() > 0 and max(5) > 2")] == ["cdlengulfing", "highest"]


def test_oversold_and_overbought_are_the_conventional_levels_written_to_the_assumptions(spec_of):
    spec = spec_of("Buy when the RSI(14) is oversold; sell when it is overbought.")
    assert (str(spec.entry), str(spec.exit)) == ("rsi(14) < 30", "rsi(14) > 70")
    assert "'oversold' on RSI read as its conventional level (30)" in spec.assumptions
    spec = spec_of("Go long when the MFI enters oversold territory; exit when the MFI is overbought.")
    assert (str(spec.entry), str(spec.exit)) == ("mfi() < 20", "mfi() > 80")
    # a stated level wins over the convention
    assert str(spec_of("Buy when Williams %R is oversold (below -90).").entry) == "willr() < -90"
    # what a zone means, with no action, is no rule
    with pytest.raises(NoStrategyFound):
        spec_of("The stochastic compares a close with its recent range. Below 20 it is oversold; above 80 it is overbought.")


def test_an_average_of_an_indicator_in_formula_notation(spec_of):
    spec = spec_of("Enter long: Cross(CCI(13),(Mov(CCI(13),3,S))) AND CCI(13) < -25")
    assert str(spec.entry) == "cci(13) < -25 and cci(13) crosses_above sma(3, input=cci(13))"
    assert str(spec_of("Buy when MA(RSI(14), 9) crosses above 50.").entry) == "sma(9, input=rsi(14)) crosses_above 50"
    # the sign of a cross indicator is still the cross itself
    assert str(spec_of("Buy when crossover(ema(close, 9), ema(close, 21)) > 0").entry) == "ema(9) crosses_above ema(21)"


def test_entry_said_to_occur_is_a_buy_and_a_look_back_stated_apart_is_the_window(spec_of):
    spec = spec_of("Entry is at the close when the Williams %R is below -90. We tested several settings; the best "
                   "result came from a 3-day lookback period.")
    assert str(spec.entry) == "willr(3) < -90"
    assert any(a.startswith("WILLR window read from the look-back stated apart") for a in spec.assumptions)
    # a look-back written in a sentence that names its own indicator stays there
    spec = spec_of("Buy when the CCI drops below -100 and the RSI(2) is under 10. We use a lookback of 20 bars for the RSI.")
    assert str(spec.entry) == "cci() crosses_below -100 and rsi(2) < 10"


@pytest.mark.parametrize("form", ["ADX(14)", "the 14-period ADX", "ADX 14", "a 14 ADX", "ADX14", "the ADX with a period of 14",
                                  "ADX over 14 periods", "ADX(timeperiod=14)"])
def test_the_ways_a_window_is_written_beside_a_table_name(spec_of, form):
    assert str(spec_of(f"Buy SPY when {form} is above 30.").entry) == "adx(14) > 30"


def test_numbers_spelled_in_a_pattern_name_and_a_spaced_settings_list(spec_of):
    assert str(spec_of("Buy SPY once three white soldiers form.").entry) == "cdl3whitesoldiers() > 0"
    assert str(spec_of("Buy SPY when the Stochastic 14 3 3 is below 20.").entry) == "stoch(14, 3, slowd_period=3) < 20"


def test_a_named_crossover_of_an_indicator_s_two_lines(spec_of):
    spec = spec_of("Buy SPY on a bullish stochastic crossover below 20.")
    assert str(spec.entry) == "stoch().slowk < 20 and stoch().slowk crosses_above stoch().slowd"
    spec = spec_of("Go long on a bullish DMI crossover when the ADX is above 25.")
    assert str(spec.entry) == "adx() > 25 and plus_di() crosses_above minus_di()"
    spec = spec_of("Enter when the %K/%D crossover happens, using a stochastic (14,3,3).")
    assert str(spec.entry) == "stoch(14, 3, slowd_period=3).slowk crosses_above stoch(14, 3, slowd_period=3).slowd"


def test_a_level_after_a_cross_of_two_lines_is_where_the_subject_crosses(spec_of):
    assert str(spec_of("Buy when the K line crosses above the D line below 20.").entry) == \
        "stoch().slowk crosses_above stoch().slowd and stoch().slowk < 20"
    assert str(spec_of("Buy when %K crosses above %D and %D is below 20.").entry) == \
        "stoch().slowk crosses_above stoch().slowd and stoch().slowd < 20"
