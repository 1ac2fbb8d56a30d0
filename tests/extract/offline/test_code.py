"""Strategy code: variables, platform calls and the action line of an ``if`` block."""

from __future__ import annotations

from foa.extract.offline.code import CodeVars
from foa.spec.model import ConstExpr
from foa.spec import model as M
from foa.errors import NoStrategyFound
from foa.spec.model import StrategySpec
from foa.extract.evaluate import _spec_indicators
from foa.extract.offline import extract_offline
from foa.extract.offline.mentions import find_mentions
from foa.extract.offline.universe import find_tickers
from foa.spec.validate import iter_exprs
from foa.spec.validate import iter_indicators
from foa.extract.offline.text import normalize
from foa.extract.offline.cues import opens_sell
import pytest
from foa.extract.offline.conditions import walk
from tests.extract.offline.helpers import inds, windows, window_inds


def test_an_if_block_waits_for_its_action_line(spec_of):
    spec = spec_of("//@version=5\nstrategy(\"x\")\nfastLine = ta.sma(close, 15)\nslowLine = ta.sma(close, 60)\n"
                   "goLong = ta.crossover(fastLine, slowLine)\nif (goLong)\n    // size and levels\n"
                   "    tp = close * 1.05\n    sl = close * 0.97\n    strategy.entry(\"L\", strategy.long)\n"
                   "    strategy.exit(\"X\", \"L\", limit=tp, stop=sl)\n")
    assert str(spec.entry) == "sma(15) crosses_above sma(60)"
    assert spec.risk.take_profit == 0.05 and spec.risk.stop_loss == 0.03


def test_metatrader_handles_and_buffers_are_followed():
    v = CodeVars()
    v.read("int hnd = ima(_symbol, period_d1, 40, 0, mode_ema, price_close);")
    v.read("copybuffer(hnd, 0, 0, 3, buf);")
    v.read("double val = normalizedouble(buf[0], 5);")
    assert v.read("if(close > val)") == "if(close > ema(close, 40))"


def test_a_metatrader_sell_opens_a_short(spec_of):
    spec = spec_of("int r = irsi(_Symbol, _Period, 7, PRICE_CLOSE);\ncopybuffer(r, 0, 0, 3, arr);\n"
                   "double rv = NormalizeDouble(arr[0], 2);\nif (rv > 80)\n{\n   trade.Sell(0.1, NULL, Bid, 0, 0);\n}\n")
    assert spec.direction == "short_only" and str(spec.short_entry) == "rsi(7) > 80"


def consts(spec: StrategySpec) -> set[float]:
    return {e.value for e in iter_exprs(spec) if isinstance(e, ConstExpr)}


def scored_inds(spec) -> set[tuple[str, tuple]]:
    return {(n, tuple(sorted(p.items()))) for n, p in _spec_indicators(spec)}


def dump(cond) -> dict | None:
    return cond.model_dump(exclude_none=True, exclude_defaults=True) if cond is not None else None


def indicators(cond) -> list[tuple[str, dict]]:
    return [(e.name, e.params) for e in walk(cond) if isinstance(e, M.IndicatorExpr)]


def test_parameter_stated_apart_from_the_indicator(spec_of):
    s = spec_of("The system uses a lookback of 4 days for the RSI. Buy when the RSI is below 20; sell above 55.")
    assert windows(s, "rsi") == {4}
    assert {20.0, 55.0} <= consts(s)


def test_frequency_assumption_and_json_round_trip(spec_of):
    s = spec_of("Buy when RSI(2) is below 10; sell when RSI(2) is above 70.")
    assert "frequency not stated: daily assumed" in s.assumptions
    assert StrategySpec.from_json(s.to_json()) == s


def test_macd_periods_stated_as_settings():
    spec = extract_offline("MACD system\n- Settings: 8, 21, 5\n- Entry: MACD crosses above its signal line\n"
                           "- Exit: MACD crosses below its signal line")
    macds = [p for n, p in _spec_indicators(spec) if n == "macd"]
    assert macds and all(p == {"fast": 8, "slow": 21, "signal": 5} for p in macds)


def test_pine_variables_if_lines_and_price_multiplier_exits():
    text = ("//@version=5\nstrategy(\"demo\")\nlenA = input.int(12, \"fast\")\nlenB = input.int(34, \"slow\")\n"
            "fa = ta.sma(close, lenA)\nsl = ta.sma(close, lenB)\nif ta.crossover(fa, sl)\n    strategy.entry(\"L\", strategy.long)\n"
            "if ta.crossunder(fa, sl)\n    strategy.close(\"L\")\n"
            "strategy.exit(\"x\", \"L\", stop=strategy.position_avg_price * 0.96, limit=strategy.position_avg_price * 1.08)\n")
    spec = extract_offline(text)
    assert spec.entry.op == "crosses_above" and spec.exit.op == "crosses_below"
    assert window_inds(spec) == {("sma", 12), ("sma", 34)}
    assert spec.risk.stop_loss == pytest.approx(0.04) and spec.risk.take_profit == pytest.approx(0.08)


def test_afl_variables_cross_and_applystop():
    text = "Quick = EMA( C, 15 );\nSlow2 = EMA( C, 60 );\nBuy = Cross( Quick, Slow2 );\nSell = Cross( Slow2, Quick );\n" \
           "ApplyStop( stopTypeLoss, stopModePercent, 6 );\nApplyStop( stopTypeProfit, stopModePercent, 15 );"
    spec = extract_offline(text)
    assert spec.direction == "long_only" and window_inds(spec) == {("ema", 15), ("ema", 60)}
    assert spec.risk.stop_loss == pytest.approx(0.06) and spec.risk.take_profit == pytest.approx(0.15)


def test_python_params_dict_and_crossover_indicator():
    text = ("params = dict(quick=7, lag=25)\n"
            "self.fast_ma = bt.ind.EMA(period=self.p.quick)\nself.slow_ma = bt.ind.EMA(period=self.p.lag)\n"
            "self.xo = bt.ind.CrossOver(self.fast_ma, self.slow_ma)\n"
            "if self.xo > 0:\n    self.buy()\nelif self.xo < 0:\n    self.close()")
    spec = extract_offline(text)
    assert window_inds(spec) == {("ema", 7), ("ema", 25)}
    assert spec.entry.op == "crosses_above" and spec.exit.op == "crosses_below"


def test_prose_words_are_not_replaced_by_code_variables():
    text = "window = 30\nBuy when the close is above the 30-day SMA; the lookback window is fixed."
    spec = extract_offline(text)
    assert window_inds(spec) == {("sma", 30)}


def test_manual_inputs_with_defaults_name_the_fast_and_slow_averages():
    spec = extract_offline(
        "Average Cross Entry\n\nInputs\n"
        "  FastLen   Bars used for the fast average. Default: 12.\n"
        "  SlowLen   Bars used for the slow average. Default: 30.\n\n"
        "Logic\n  When the FastLen average crosses over the SlowLen average, a buy order is placed at the next open.\n"
    )
    assert scored_inds(spec) == {("sma", (("window", 12),)), ("sma", (("window", 30),))}
    assert spec.entry.op == "crosses_above" and spec.direction == "long_only"


def test_yaml_config_names_its_cross_and_stops_in_percent():
    spec = extract_offline(
        "pair: ETH/USDT\ntimeframe: 1d\nstrategy:\n  name: sma_crossover\n  ma_fast: 10\n  ma_slow: 40\n"
        "risk:\n  stop_loss_pct: 6\n  take_profit_pct: 18\n"
    )
    assert spec.universe.symbols == ["ETH/USDT"]
    assert scored_inds(spec) == {("sma", (("window", 10),)), ("sma", (("window", 40),))}
    assert spec.entry.op == "crosses_above" and spec.entry.left.params["window"] == 10
    assert (spec.risk.stop_loss, spec.risk.take_profit) == (0.06, 0.18)


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
    assert scored_inds(spec) == {("sma", (("window", 15),)), ("sma", (("window", 60),))}


def test_prose_naming_a_config_key_reads_its_value():
    spec = extract_offline(
        "Enters long when the close rises above the highest high of the entry period and exits below the lowest low "
        "of the exit period.\n\nentry_period: 35\nexit_period: 12\n"
    )
    assert scored_inds(spec) == {("highest", (("window", 35),)), ("lowest", (("window", 12),))}


def test_tickers_in_code_lists_config_keys_lists_with_and_and_bar_sizes():
    assert find_tickers("UNIVERSE = ['IWM', 'MDY', 'SPY']") == ["IWM", "MDY", "SPY"]
    assert find_tickers('"symbol": "DIA",') == ["DIA"]
    assert find_tickers("I split it between VEA, VWO and BNDX.") == ["VEA", "VWO", "BNDX"]
    assert find_tickers("Breakout rules (QQQ, weekly)") == ["QQQ"]
    assert find_tickers("the iShares Russell 2000 ETF, IWM") == ["IWM"]
    assert find_tickers("Tested on daily bars for AMD since 2012.") == ["AMD"]


def test_macd_settings_triple_written_before_the_word():
    spec = extract_offline("Buy when the MACD line crosses above its signal line, using 5, 35, 5 settings.")
    assert ("macd", (("fast", 5), ("signal", 5), ("slow", 35))) in scored_inds(spec)


def test_rejected_macd_settings_leave_the_chosen_ones(spec_of):
    s = spec_of("We looked at MACD(5,35,5) as well, but it gave too many false signals. We use the MACD line (12, 26) "
                "crossing above its 9-period signal line to buy.")
    assert ("macd", (("fast", 12), ("signal", 9), ("slow", 26))) in inds(s)


def test_pairs_and_fx_codes():
    assert find_tickers("I trade GBPUSD on the daily chart.") == ["GBPUSD"]
    assert find_tickers("Trading BTC/USDT and EUR/USD.") == ["BTC/USDT", "EUR/USD"]
    assert "SPY/TLT" not in find_tickers("| | Model | 60/40 SPY/TLT |")


def test_one_letter_code_variables(spec_of):
    s = spec_of("a = ta.sma(close, 8)\nb = ta.sma(close, 40)\nif ta.crossover(a, b)\n    strategy.entry(\"L\", strategy.long)")
    assert dump(s.entry) == {"left": {"name": "sma", "params": {"window": 8}}, "op": "crosses_above",
                             "right": {"name": "sma", "params": {"window": 40}}}


def test_amibroker_cross_of_the_close_and_its_average(spec_of):
    s = spec_of("Buy = Cross(C, EMA(C, 34));\nSell = Cross(EMA(C, 34), C);")
    assert s.entry.op == "crosses_above" and isinstance(s.entry.left, M.PriceExpr)
    assert s.entry.right.name == "ema" and s.entry.right.params == {"window": 34}
    assert s.exit.op == "crosses_above" and s.exit.left.name == "ema" and s.direction == "long_only"


def test_if_then_position_long_pseudo_code(spec_of):
    s = spec_of("if EMA(close, 12) > EMA(close, 48) then\n  position = long\nelse\n  position = flat\nend if")
    assert s.entry.op == ">" and {s.entry.left.params["window"], s.entry.right.params["window"]} == {12, 48}
    assert s.direction == "long_only"


def test_robot_manual_opening_a_sell_goes_short_and_ma_method_types_averages(spec_of):
    assert opens_sell("the robot opens a buy on the cross up and a sell on the cross down.")
    assert not opens_sell("the robot opens a buy when the averages cross and places a sell stop below.")
    s = spec_of("The robot opens a BUY when the fast MA crosses above the slow MA and a SELL when it crosses below.\n"
                "Inputs:\nFast=5\nSlow=34\nMAType=Exponential\nStopLoss=40 pips")
    assert s.direction == "long_short" and {i.name for i in iter_indicators(s)} == {"ema"}
    assert s.risk.stop_loss is None  # pips are not a percentage


def test_bollinger_settings_list(spec_of):
    s = spec_of("Buy when the close falls below the lower Bollinger Band; exit at the middle band.\n\n"
                "Settings:\n- Length: 30\n- StdDev: 1.5")
    assert ("bbands", (("std", 1.5), ("window", 30))) in inds(s)


@pytest.mark.parametrize("text", [
    # a past-tense report of which sector did best is not a ranking rule
    "Over the last six months materials were the strongest sector, up 19%, and real estate the weakest at -7%.",
    "Last quarter the best performing fund in our panel was a small-cap value ETF, which gained 14%.",
    # a formula's "relative strength" is arithmetic, not relative-strength rotation
    "Worked example: relative strength RS = 0.9 / 0.6 = 1.5, so the oscillator reads 100 - 100 / 2.5 = 60.",
    # a rule someone else pushes, disowned in the next sentence
    "A popular setup on trading forums: buy when the 3-day RSI falls below 5 and sell above 80. Don't do this.",
    "They say you should buy when the 20-day EMA crosses above the 50-day. It doesn't work after costs.",
])
def test_reports_formulas_and_disowned_rules_are_not_strategies(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


def test_afl_short_equals_sell_is_a_short_side(spec_of):
    s = spec_of("Buy = Cross(EMA(C,10), EMA(C,40));\nSell = Cross(EMA(C,40), EMA(C,10));\nShort = Sell;\nCover = Buy;")
    assert s.direction == "long_short"
    s = spec_of("Buy = Cross(EMA(C,10), EMA(C,40));\nSell = Cross(EMA(C,40), EMA(C,10));")
    assert s.direction == "long_only"  # guard: without the Short line it stays long only


def test_yahoo_fx_codes_and_licences(spec_of):
    assert find_tickers("I trade GBPUSD on the hourly and daily chart (GBPUSD=X on Yahoo).") == ["GBPUSD=X"]
    assert find_tickers("trade USDJPY on daily bars") == ["USDJPY"]
    assert find_tickers("Released under the license: MIT") == []
    assert find_tickers("Buy MIT when it rises above its 20-day high") == ["MIT"]  # guard: a code after a cue
    spec = spec_of("# dip-bot\n\n## Strategy\nBuy XLF when the 2-day RSI is below 5.\n\n## License\nMIT\n")
    assert spec.universe.symbols == ["XLF"]


def test_macd_settings_in_words_and_in_code(spec_of):
    spec = spec_of("Buy when the MACD line crosses above its signal line. MACD settings are the standard 8, 17 and 9.")
    assert indicators(spec.entry)[0] == ("macd", {"fast": 8, "slow": 17, "signal": 9})
    spec = spec_of('params = (("fast", 5), ("slow", 35), ("signal", 5))\n'
                   "Go long when the MACD crosses above the signal line.")
    assert indicators(spec.entry)[0][1] == {"fast": 5, "slow": 35, "signal": 5}
    spec = spec_of("macd = bt.ind.MACD(self.data, period_me1=10, period_me2=30, period_signal=7)\n"
                   "Buy when the MACD crosses above its signal line.")
    assert indicators(spec.entry)[0][1] == {"fast": 10, "slow": 30, "signal": 7}


def test_macd_settings_by_role_names():
    m = [x for x in find_mentions(normalize("settings: fast length 10, slow length 30, signal smoothing 7."))]
    assert [(x.name, x.params) for x in m] == [("macd", {"fast": 10, "slow": 30, "signal": 7})]


def test_ratio_score_and_channel_formulas():
    ms = find_mentions(normalize("score s_i = P_i,t / P_i,t-63 - 1 and C_t > max(H_{t-1..t-30})"))
    assert [(m.name, m.params) for m in ms] == [("roc", {"window": 63}), ("highest", {"window": 30})]


def test_pine_condition_variable_tested_on_its_own_line(spec_of):
    spec = spec_of(
        "goLong = ta.crossover(ta.sma(close, 15), ta.sma(close, 60))\n"
        "goShort = ta.crossunder(ta.sma(close, 15), ta.sma(close, 60))\n"
        "if goLong\n    strategy.entry(\"buy\", strategy.long)\n"
        "if (goShort)\n    strategy.entry(\"sell\", strategy.short)\n"
    )
    assert spec.direction == "long_short" and spec.entry.op == "crosses_above"
    assert sorted(e.params["window"] for e in (spec.entry.left, spec.entry.right)) == [15, 60]
    assert spec.short_entry.op == "crosses_below"


def test_pine_source_inputs_and_numbered_names_are_followed(spec_of):
    spec = spec_of("//@version=4\nstrategy(\"s\")\nlen1 = input(defval=40, title=\"Length\")\nsrc1 = input(close, title=\"Source\")\n"
                   "m1 = ema(src1, len1)\nshort = crossunder(src1, m1)\nexit = crossover(src1, m1)\n"
                   "strategy.entry(\"S\", strategy.short, when=short)\nstrategy.close(\"S\", when=exit)\n")
    assert spec.direction == "short_only"
    assert str(spec.short_entry) == "close crosses_below ema(40)" and str(spec.short_exit) == "close crosses_above ema(40)"
    assert spec.exit is None


def test_an_inputs_own_settings_are_not_variables():
    v = CodeVars()
    v.read("mult = input.float(2.5, minval=0.1, maxval=10)")
    assert v.read("if x > minval") == "if x > minval" and v.values.get("mult") == "2.5"


def test_pine_percent_input_used_by_the_exit_call_is_the_stop(spec_of):
    code = ("//@version=5\nstrategy('cross')\nstopPct = input.float(2.5, 'Stop %') / 100\n"
            "fast = ta.ema(close, 9)\nslow = ta.ema(close, 21)\nif ta.crossover(fast, slow)\n    strategy.entry('L', strategy.long)\n"
            "strategy.exit('SL', 'L', stop=strategy.position_avg_price * (1 - stopPct))\nif ta.crossunder(fast, slow)\n    strategy.close('L')")
    spec = spec_of(code)
    assert spec.risk.stop_loss == pytest.approx(0.025)
    assert spec.risk.take_profit is None


def test_a_framework_average_bound_to_a_numbered_name_is_a_definition():
    # "self.ma2 = bt.indicators.SimpleMovingAverage(...)" defines the second average; the line is no rule, and its
    # name is no 2-bar moving average
    v = CodeVars()
    v.read("params = (('p2', 45),)")
    out = v.read("self.ma2 = bt.indicators.simplemovingaverage(self.data, period=self.params.p2)")
    assert v.defined and "period=45" in out
    assert v.read("if self.data.close[0] > self.ma2[0]:") == "if self.data.close[0] > sma(close, 45)[0]:"
