"""The code reader's bindings and conditions across platforms: where a value or a condition is stated in one
statement and used in another (parameter defaults, flags, tuple outputs, R columns, MetaTrader bar prices).

Every snippet here is written for these tests.
"""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.extract.offline.code_expr import parse
from foa.extract.offline.code_read import read_code


def test_a_numpy_row_slice_with_a_column_parses():
    node = parse("self.high > self.candles[-5:, 2][-5]")
    assert node[0] == "cmp" and node[3][1][2] == ("slice", ("num", -5.0), None)
    assert parse("m[:, 1]") == ("index", ("name", "m"), ("slice", None, None))


def test_a_jesse_entry_with_an_unreadable_part_keeps_its_filter(spec_of):
    code = ("class P(Strategy):\n    @property\n    def base(self):\n        return ta.ema(self.candles, period=35)\n"
            "    def above(self):\n        return self.close > self.base\n    def filters(self):\n        return [self.above]\n"
            "    def should_long(self) -> bool:\n        return (\n            self.high > self.candles[-4:, 3][-4]\n        )\n"
            "    def should_short(self) -> bool:\n        return False\n")
    spec = spec_of(code)
    assert str(spec.entry) == "close > ema(35)"
    assert any(u.what == "a condition in the code foa cannot read" for u in spec.unsupported)


def test_a_zipline_history_averaged_in_one_expression_is_an_sma():
    code = ("def handle_data(context, data):\n"
            "    fast = data.history(context.stock, 'price', bar_count=40, frequency='1d').mean()\n"
            "    slow = data.history(context.stock, 'price', bar_count=160, frequency='1d').mean()\n"
            "    if fast > slow:\n        order_target(context.stock, 50)\n    elif fast < slow:\n        order_target(context.stock, 0)\n")
    assert read_code(code).rules == [("buy", "sma(close, 40) > sma(close, 160)"), ("sell", "sma(close, 40) < sma(close, 160)")]


def test_r_ttr_macd_columns_and_an_ifelse_signal(spec_of):
    code = ('library(TTR)\nm <- MACD(XYZ$XYZ.Close, nFast = 10, nSlow = 30, nSig = 7)\n'
            'pos <- Lag(ifelse(m$macd > m$signal, 1, 0))\n')
    assert read_code(code).rules == [("buy", "macd(10, 30, 7) line > its signal line")]
    spec = spec_of(code)
    assert str(spec.entry) == "macd(10, 30, 7).macd > macd(10, 30, 7).signal"


def test_a_series_bound_again_to_the_same_call_is_no_state_variable(spec_of):
    code = ('r <- RSI(Cl(s), n = 9)\nplot(r)\nr <- RSI(Cl(s), n = 9)\n'
            'flag <- Lag(ifelse(r > 40 & r < 60, 1, 0))\n')
    spec = spec_of(code)
    assert str(spec.entry) == "rsi(9) > 40 and rsi(9) < 60"


def test_parameter_defaults_of_a_constructor_feed_the_rule_by_name(spec_of):
    code = ("class Rev(Base):\n    def __init__(self, lookback=6, floor=18, ceiling=82):\n"
            "        super().__init__(lookback=lookback, floor=floor, ceiling=ceiling)\n"
            "    def signals(self, df):\n        df['rsi'] = talib.RSI(df['close'], timeperiod=self.params['lookback'])\n"
            "        sig = pd.Series(0, index=df.index)\n        sig[df['rsi'] < self.params['floor']] = 1\n"
            "        sig[df['rsi'] > self.params['ceiling']] = -1\n        return sig\n")
    spec = spec_of(code)
    assert str(spec.entry) == "rsi(6) < 18" and str(spec.short_entry) == "rsi(6) > 82"


def test_a_column_computed_by_hand_under_an_indicator_name_is_that_indicator():
    code = ("def prep(df, rsi_period=10):\n    up = df['close'].diff().clip(lower=0).rolling(rsi_period).mean()\n"
            "    dn = -df['close'].diff().clip(upper=0).rolling(rsi_period).mean()\n"
            "    df['rsi'] = 100 - 100 / (1 + up / dn)\n    df['signal'] = np.where(df['rsi'] < 20, 1, 0)\n")
    assert read_code(code).rules == [("buy", "rsi(10) < 20")]


def test_a_flag_set_under_a_condition_stands_for_it_where_the_order_tests_it():
    code = ("void OnTick()\n{\n   int sig = 0;\n   double f = iMA(NULL, 0, 8, 0, MODE_EMA, PRICE_CLOSE, 1);\n"
            "   double s = iMA(NULL, 0, 34, 0, MODE_EMA, PRICE_CLOSE, 1);\n"
            "   if (f > s) { sig = 1; }\n   if (f < s) { sig = -1; }\n"
            "   if (OrdersTotal() == 0 && sig == 1) OrderSend(Symbol(), OP_BUY, 0.1, Ask, 3, 0, 0);\n"
            "   if (OrdersTotal() == 0 && sig == -1) OrderSend(Symbol(), OP_SELL, 0.1, Bid, 3, 0, 0);\n}\n")
    assert read_code(code).rules == [("buy", "ema(close, 8) > ema(close, 34)"), ("short", "ema(close, 8) < ema(close, 34)")]


def test_an_order_placed_inside_a_nested_if_on_one_line():
    code = ("double m = iMA(NULL, 0, 50, 0, MODE_SMA, PRICE_CLOSE, 1);\n"
            "if (Close[1] > m) {if (OrderSend(Symbol(), OP_BUY, 1, Ask, 3, 0, 0)) Print(\"in\"); done = 1;}\n")
    assert read_code(code).rules == [("buy", "close > sma(close, 50)")]


def test_a_tuple_unpacked_into_named_outputs_binds_by_name():
    code = ("class B(Strategy):\n    def init(self):\n        self.lower, self.upper = self.I(bollinger_bands, self.data.Close, 30, 2.5)\n"
            "    def next(self):\n        if self.data.Close < self.lower:\n            self.buy()\n")
    assert read_code(code).rules == [("buy", "close < the lower bollinger band(30, 2.5)")]


def test_a_cross_written_level_first_is_the_series_crossing_the_other_way():
    code = ("class C(Strategy):\n    lo = 25\n    def init(self):\n        self.r = self.I(talib.RSI, self.data.Close, 7)\n"
            "    def next(self):\n        if crossover(self.lo, self.r):\n            self.buy()\n")
    assert read_code(code).rules == [("buy", "rsi(7) crosses below 25")]


def test_an_rsi_without_a_window_takes_the_stated_default(spec_of):
    code = ("class J(Strategy):\n    def should_long(self) -> bool:\n        r = ta.rsi(self.candles)\n"
            "        return r < 22\n    def should_short(self) -> bool:\n        return False\n")
    spec = spec_of(code)
    assert str(spec.entry) == "rsi(14) < 22"
    assert any("RSI window not stated" in a for a in spec.assumptions)


def test_an_average_without_a_window_is_no_rule():
    code = ("class J(Strategy):\n    def should_long(self) -> bool:\n        m = ta.sma(self.candles)\n"
            "        return self.close > m\n")
    assert read_code(code).rules == []


def test_metatrader_bar_prices_on_an_earlier_bar_are_not_read_as_this_bar():
    code = ("double lo3 = iLow(Symbol(), 0, 3);\ndouble band3 = iBands(Symbol(), 0, 20, 2, 0, PRICE_CLOSE, MODE_LOWER, 3);\n"
            "double hi1 = iHigh(Symbol(), 0, 1);\ndouble m = iMA(Symbol(), 0, 21, 0, MODE_EMA, PRICE_CLOSE, 1);\n"
            "if (hi1 < m && lo3 < band3) OrderSend(Symbol(), OP_BUY, 1, Ask, 3, 0, 0);\n")
    r = read_code(code)
    assert r.rules == [("buy", "high < ema(close, 21)")]
    assert any(g.what == "a condition in the code foa cannot read" for gs in r.gaps.values() for g in gs)


def test_a_once_per_bar_guard_is_no_session_filter():
    code = ("double m = iMA(NULL, 0, 30, 0, MODE_SMA, PRICE_CLOSE, 1);\n"
            "if (Close[1] > m && lastBar != Time[0]) OrderSend(Symbol(), OP_BUY, 1, Ask, 3, 0, 0);\n")
    r = read_code(code)
    assert r.rules == [("buy", "close > sma(close, 30)")]
    assert not any("session" in g.what for gs in r.gaps.values() for g in gs)


def test_a_session_hour_check_is_still_listed():
    code = ("double m = iMA(NULL, 0, 30, 0, MODE_SMA, PRICE_CLOSE, 1);\n"
            "if (Close[1] > m && Hour() >= 8) OrderSend(Symbol(), OP_BUY, 1, Ask, 3, 0, 0);\n")
    assert any("session" in g.what for gs in read_code(code).gaps.values() for g in gs)


def test_an_r_indicator_walkthrough_without_a_signal_stays_refused(spec_of):
    code = ('library(TTR)\ngetSymbols("XYZ")\nm <- MACD(XYZ$XYZ.Close, nFast = 12, nSlow = 26, nSig = 9)\n'
            'tail(m$macd, 5)\nplot(m$signal)\n')
    with pytest.raises(NoStrategyFound):
        spec_of(code)


def test_quantopian_bar_data_averages_and_a_switch_into_a_hedge(spec_of):
    code = ("def initialize(context):\n    context.stock = sid(123)\n    context.hedge = sid(456)\n\n"
            "def handle_data(context, data):\n    a = data[context.stock].mavg(30)\n    b = data[context.stock].mavg(120)\n"
            "    if a > b:\n        order_target_percent(context.hedge, 0)\n        order_target_percent(context.stock, 1.0)\n"
            "    elif a < b:\n        order_target_percent(context.stock, 0)\n        order_target_percent(context.hedge, 1.0)\n")
    spec = spec_of(code)
    assert (str(spec.entry), str(spec.exit), spec.direction) == ("sma(30) > sma(120)", "sma(30) < sma(120)", "long_only")
    assert any(u.what == "switching into a second instrument" for u in spec.unsupported)


def test_a_tuple_of_numbers_binds_each_name():
    code = ("fast, slow, sig = 8, 21, 5\nline, signal, hist = talib.MACD(px, fast, slow, sig)\n"
            "if hist[-1] > 0:\n    order_target_percent(stock, 1)\n")
    assert read_code(code).rules == [("buy", "macd(8, 21, 5) histogram > 0")]


def test_an_array_walked_bar_by_bar_with_named_columns(spec_of):
    code = ("period = 9\nlow_level = 25\nhigh_level = 75\narr = rsi(arr, period, 3, 4)\n\n"
            "def signal(data, rsi_col, buy, sell):\n    for i in range(len(data)):\n"
            "        if data[i, rsi_col] > low_level and data[i - 1, rsi_col] < low_level:\n            data[i + 1, buy] = 1\n"
            "        elif data[i, rsi_col] < high_level and data[i - 1, rsi_col] > high_level:\n            data[i + 1, sell] = -1\n"
            "    return data\n")
    assert read_code(code).rules == [("buy", "rsi(9) crosses above 25"), ("short", "rsi(9) crosses below 75")]
    spec = spec_of(code)
    assert spec.direction == "long_short" and str(spec.entry) == "rsi(9) crosses_above 25"


def test_array_columns_of_a_band_take_their_output_from_the_column_name():
    code = ("arr = bollinger_bands(arr, 30, 2.5, 3, 4)\n\ndef signal(data, close, upper_band, lower_band, buy, sell):\n"
            "    for i in range(len(data)):\n        if data[i, close] < data[i, lower_band]:\n            data[i + 1, buy] = 1\n")
    assert read_code(code).rules == [("buy", "close < the lower bollinger band(30, 2.5)")]


def test_a_signal_function_asked_about_a_side_gives_one_rule_per_side(spec_of):
    code = ("input int Len = 11;\ninput int Lo = 28;\ninput int Hi = 72;\nint h = iRSI(Symbol(), PERIOD_CURRENT, Len, PRICE_CLOSE);\n"
            "bool osc_check(Side s){\n   if(!UseOsc) return true;\n   double buf[];\n   CopyBuffer(h, 0, 1, 2, buf);\n"
            "   double v = NormalizeDouble(buf[0], 2);\n   if(s == BUY && v < Lo) { return true; }\n"
            "   else if(s == SELL && v > Hi) { return true; }\n   return false;\n}\n")
    assert read_code(code).rules == [("buy", "rsi(11) < 28"), ("short", "rsi(11) > 72")]
    spec = spec_of(code)
    assert spec.direction == "long_short" and str(spec.short_entry) == "rsi(11) > 72"


def test_mql5_positions_opened_and_closed_with_names_whose_inputs_give_their_periods(spec_of):
    code = ("input int fastMaPeriod = 7;\ninput int trendMaPeriod = 150;\ninput int RSIPeriod = 3;\ninput int RSIBuyLevel = 12;\n"
            "void OnTick()\n  {\n   if(PositionSelect(_Symbol)==true)\n     {\n      if(rates[1].close>fastMa1)\n        {\n"
            "         if(PositionGetInteger(POSITION_TYPE)==POSITION_TYPE_BUY)\n            tp.PositionClose(_Symbol);\n        }\n     }\n"
            "   if(PositionSelect(_Symbol)==false)\n     {\n      if(RSI1<RSIBuyLevel && rates[1].close>trendMa1)\n        {\n"
            "         tp.PositionOpen(_Symbol,ORDER_TYPE_BUY,lot,ask,0,0,\"Buy #\"+(string) tp.RequestMagic());\n        }\n     }\n  }\n")
    assert read_code(code).rules == [("sell", "close > sma(close, 7)"), ("buy", "rsi(3) < 12 and close > sma(close, 150)")]
    spec = spec_of(code)
    assert str(spec.entry) == "rsi(3) < 12 and close > sma(150)" and str(spec.exit) == "close > sma(7)"


def test_a_name_without_a_stated_period_is_not_guessed():
    code = ("void OnTick()\n{\n   if(RSI1 < 20) tp.PositionOpen(_Symbol, ORDER_TYPE_BUY, 1, ask, 0, 0);\n}\n")
    assert read_code(code).rules == []


def test_a_c_style_cast_reads_as_its_value():
    assert parse('"#" + (string) magic')[0] == "bin"
    assert parse("(int) MathFloor(x) > 2") == ("cmp", ">", ("call", ("name", "MathFloor"), [("name", "x")], {}), ("num", 2.0))


def test_quantopian_pipeline_columns_and_side_flags(spec_of):
    code = ("def make_pipeline():\n    fast = 20\n    slow = 90\n"
            "    f = ExponentialMovingAverage(inputs=[USEquityPricing.close], window_length=fast)\n"
            "    s = SimpleMovingAverage(inputs=[USEquityPricing.close], window_length=slow)\n"
            "    return Pipeline(columns={'fast': f, 'slow': s})\n\n"
            "def before_trading_start(context, data):\n    context.out = pipeline_output('p')\n\n"
            "def rebalance(context, data):\n    f = context.out['fast'][0]\n    s = context.out['slow'][0]\n"
            "    in_long = context.portfolio.positions[stock].amount > 0\n"
            "    if not in_long and f > s:\n        order_target_percent(stock, 1)\n"
            "    if in_long and f < s:\n        order_target_percent(stock, 0)\n")
    r = read_code(code)
    assert r.rules == [("buy", "ema(close, 20) > sma(close, 90)"), ("sell", "ema(close, 20) < sma(close, 90)")]
    spec = spec_of(code)
    assert spec.direction == "long_only" and str(spec.entry) == "ema(20) > sma(90)"


def test_a_short_side_flag_closes_with_a_cover():
    code = ("m = bt.ind.SMA(period=25)\nshort_pos = self.position.size < 0\n"
            "if short_pos and self.data.close[0] > m[0]:\n    order_target_percent(asset, 0)\n")
    assert read_code(code).rules == [("cover", "close > sma(close, 25)")]


def test_a_backtrader_signal_added_above_its_class():
    code = ("cerebro.add_signal(bt.SIGNAL_LONGSHORT, Sig)\n\nclass Sig(bt.Indicator):\n    lines = ('signal',)\n"
            "    params = (('period', 45),)\n    def __init__(self):\n"
            "        self.lines.signal = self.data - bt.indicators.EMA(period=self.p.period)\n")
    assert read_code(code).rules == [("buy", "close > ema(close, 45)"), ("short", "close < ema(close, 45)")]


def test_a_level_tested_two_bars_back_is_not_read_as_this_bar():
    code = ("r = talib.RSI(c, timeperiod=4)\nif r[-1] > 15 and r[-2] < 15 and r[-3] < 15:\n    buy()\n")
    rules = read_code(code).rules
    assert rules == [("buy", "rsi(4) crosses above 15")]


def test_a_cross_is_between_neighbouring_bars():
    code = ("double m = iMA(NULL, 0, 10, 0, MODE_SMA, PRICE_CLOSE, 1);\n"
            "if (Close[3] < Open[3] && Close[1] > Open[1] && Close[1] > m) OrderSend(Symbol(), OP_BUY, 1, Ask, 3, 0, 0);\n")
    assert "crosses" not in read_code(code).rules[0][1]


def test_an_if_line_read_as_one_clause_with_its_action_keeps_the_rule(spec_of):
    code = ('//@version=5\nstrategy("x")\n[m, s, _] = ta.macd(close, 8, 21, 5)\nr = ta.rsi(close, 10)\n'
            'if barstate.isconfirmed\n    trend_is_up = m > s\n    momentum_is_up = r > 55\n'
            '    if trend_is_up and momentum_is_up and barstate.isconfirmed and barstate.isnew\n'
            '        strategy.entry("L", strategy.long)\n        strategy.exit("X", "L", stop=low)\n')
    spec = spec_of(code)
    assert str(spec.entry) == "macd(8, 21, 5).macd > macd(8, 21, 5).signal and rsi(10) > 55"


def test_a_named_condition_the_reader_cannot_say_is_listed_not_dropped(spec_of):
    code = ('//@version=5\nstrategy("x")\nf = ta.ema(close, 12)\nbig = (close - open) / (high - low) > 0.6\n'
            'if big and close > f\n    strategy.entry("L", strategy.long)\n')
    r = read_code(code)
    assert r.rules == [("buy", "close > ema(close, 12)")]
    assert any(g.what == "a condition in the code foa cannot read" for gs in r.gaps.values() for g in gs)


def test_metatrader_extreme_bar_tests_and_order_functions_behind_a_margin_check(spec_of):
    code = ("input int span = 120;\nvoid OnTick()\n  {\n   if(iLowest(_Symbol, PERIOD_CURRENT, MODE_LOW, span, 0)==0)\n      GoLong();\n"
            "   if(iHighest(_Symbol, PERIOD_CURRENT, MODE_HIGH, span, 0)==0)\n      GoShort();\n  }\n"
            "void GoLong()\n  {\n   if(MarginOk(lot))\n      trade.Buy(lot, _Symbol);\n  }\n"
            "void GoShort()\n  {\n   if(MarginOk(lot))\n      trade.Sell(lot, _Symbol);\n  }\n")
    assert read_code(code).rules == [("buy", "the low <= lowest(low, 120)"), ("short", "the high >= highest(high, 120)")]
    spec = spec_of(code)
    assert str(spec.entry) == "low <= lowest(120)" and spec.direction == "long_short"


def test_an_order_function_whose_side_is_its_argument():
    code = ("double m = iMA(NULL, 0, 40, 0, MODE_SMA, PRICE_CLOSE, 1);\nvoid Check() {\n   if(Close[1] > m) Enter(0);\n"
            "   if(Close[1] < m) Enter(1);\n}\nvoid Enter(int dir) {\n   if(dir==0) {\n      int t = OrderSend(Symbol(),OP_BUY,1,Ask,3,0,0);\n   }\n"
            "   if(dir==1) {\n      int u = OrderSend(Symbol(),OP_SELL,1,Bid,3,0,0);\n   }\n}\n")
    assert read_code(code).rules == [("buy", "close > sma(close, 40)"), ("short", "close < sma(close, 40)")]


def test_backtrader_line_delays_and_a_crossover_read_at_bar_zero():
    code = ("class S(bt.Strategy):\n    def __init__(self):\n        self.m = bt.indicators.MACD(self.data, period_me1=10, period_me2=24, period_signal=7)\n"
            "        self.x = bt.indicators.CrossOver(self.m.macd, self.m.signal)\n        self.s = bt.indicators.SMA(self.data, period=50)\n"
            "        self.slope = self.s - self.s(-5)\n    def next(self):\n        if self.x[0] > 0.0 and self.slope > 0.0:\n            self.buy()\n")
    r = read_code(code)
    assert r.rules == [("buy", "macd(10, 24, 7) crosses above its signal line")]  # the slope is not "sma > sma"
    assert any(g.what == "a condition in the code foa cannot read" for gs in r.gaps.values() for g in gs)


def test_jesse_crossed_with_a_direction():
    code = ("class X(Strategy):\n    @property\n    def f(self):\n        return ta.ema(self.candles, 12)\n"
            "    @property\n    def s(self):\n        return ta.ema(self.candles, 48)\n"
            "    def should_long(self) -> bool:\n        return utils.crossed(self.f, self.s, direction=\"above\")\n"
            "    def update_position(self):\n        if utils.crossed(self.f, self.s, direction=\"below\"):\n            self.liquidate()\n")
    assert read_code(code).rules == [("buy", "ema(close, 12) crosses above ema(close, 48)"),
                                     ("sell", "ema(close, 12) crosses below ema(close, 48)")]


def test_a_column_named_like_the_indicator_it_copies_an_output_of():
    code = ("def populate_indicators(self, dataframe, metadata):\n    m = ta.MACD(dataframe, fastperiod=6, slowperiod=19, signalperiod=4)\n"
            "    macd = m\n    dataframe['macd'] = macd['macd']\n    dataframe['macdsignal'] = macd['macdsignal']\n    return dataframe\n"
            "def populate_entry_trend(self, dataframe, metadata):\n"
            "    dataframe.loc[(qtpylib.crossed_above(dataframe['macd'], dataframe['macdsignal'])), 'enter_long'] = 1\n")
    assert read_code(code).rules == [("buy", "macd(6, 19, 4) crosses above its signal line")]


def test_a_signal_drawn_under_its_condition_is_the_study_s_signal():
    code = ("var\n  f : float;\n  s : float;\nbegin\nf := Average(Close, 7);\ns := Average(Close, 28);\n"
            "if (f[1] < s[1]) and (f > s) then\n  PlotText(\"Buy\", clGreen, 0)\n"
            "else if (f[1] > s[1]) and (f < s) then\n  PlotText(\"Sell\", clRed, 0);\nend\n")
    assert read_code(code).rules == [("buy", "sma(close, 7) crosses above sma(close, 28)"),
                                     ("sell", "sma(close, 7) crosses below sma(close, 28)")]


def test_a_plot_without_a_side_word_is_no_signal():
    code = ('//@version=5\nindicator("avg")\nf = ta.sma(close, 9)\ns = ta.sma(close, 21)\n'
            'plotshape(ta.crossover(f, s), style=shape.triangleup, text="x")\nplot(f)\n')
    assert read_code(code).rules == []


def test_ninjatrader_percent_stops_are_fractions_of_the_entry(spec_of):
    code = ("protected override void OnStateChange()\n{\n    if (State == State.Configure)\n    {\n"
            "        SetStopLoss(CalculationMode.Percent, 0.03);\n        SetProfitTarget(\"L\", CalculationMode.Percent, 0.06);\n    }\n}\n"
            "protected override void OnBarUpdate()\n{\n    if (CrossAbove(SMA(12), SMA(40), 1))\n        EnterLong();\n}\n")
    spec = spec_of(code)
    assert (spec.risk.stop_loss, spec.risk.take_profit) == (pytest.approx(0.03), pytest.approx(0.06))
    assert str(spec.entry) == "sma(12) crosses_above sma(40)"


def test_pandas_moving_average_crossover_on_a_downloaded_frame(spec_of):
    code = ("fast_n = 30\nslow_n = 120\nsig = pd.DataFrame(index=px.index)\nsig['signal'] = 0.0\n"
            "sig['fast'] = px['Close'].rolling(window=fast_n, min_periods=1, center=False).mean()\n"
            "sig['slow'] = px['Close'].rolling(window=slow_n, min_periods=1, center=False).mean()\n"
            "sig['signal'][fast_n:] = np.where(sig['fast'][fast_n:] > sig['slow'][fast_n:], 1.0, 0.0)\n"
            "sig['positions'] = sig['signal'].diff()\n")
    spec = spec_of(code)
    assert (str(spec.entry), str(spec.exit)) == ("sma(30) > sma(120)", "sma(30) < sma(120)")


def test_old_pandas_rolling_functions_and_a_strategy_built_with_its_windows():
    code = ("def generate_signals(self):\n    s = pd.DataFrame(index=self.bars.index)\n"
            "    s['a'] = pd.rolling_mean(self.bars['Close'], self.fast, min_periods=1)\n"
            "    s['b'] = pd.rolling_mean(self.bars['Close'], self.slow, min_periods=1)\n"
            "    s['signal'] = np.where(s['a'] > s['b'], 1.0, 0.0)\n    return s\n\n"
            "run = CrossStrategy(sym, bars, fast=25, slow=150)\n")
    assert read_code(code).rules == [("buy", "sma(close, 25) > sma(close, 150)")]


def test_a_macd_written_out_from_two_emas():
    code = ("df['e1'] = df['Close'].ewm(span=10, adjust=False).mean()\ndf['e2'] = df['Close'].ewm(span=30, adjust=False).mean()\n"
            "df['m'] = df['e1'] - df['e2']\ndf['s'] = df['m'].ewm(span=7, adjust=False).mean()\n"
            "df['Position'] = np.where(df['m'] > df['s'], 1, 0)\n")
    assert read_code(code).rules == [("buy", "macd(10, 30, 7) line > its signal line")]


def test_an_icustom_condition_is_listed_as_a_custom_indicator(spec_of):
    code = ("void OnTick()\n{\n   double v = iCustom(NULL, 0, \"Wave\", 9, 0, 1);\n   double m = iMA(NULL, 0, 60, 0, MODE_EMA, PRICE_CLOSE, 1);\n"
            "   if (v > 0 && Close[1] > m) OrderSend(Symbol(), OP_BUY, 0.1, Ask, 3, 0, 0);\n}\n")
    spec = spec_of(code)
    assert str(spec.entry) == "close > ema(60)"
    assert any(u.what == "a custom indicator (iCustom)" for u in spec.unsupported)


def test_a_position_looked_up_by_its_key_is_plumbing_not_an_unread_condition(spec_of):
    for lookup in ("context.portfolio.positions[stock].amount", "self.Portfolio[sym].Quantity", "positions[asset].size"):
        code = ("def handle_data(context, data):\n    stock = context.stock\n    sym = stock\n    asset = stock\n"
                "    f = data.history(stock, 'price', 10, '1d').mean()\n    s = data.history(stock, 'price', 60, '1d').mean()\n"
                f"    if f > s and {lookup} == 0:\n        order_percent(stock, 1.0)\n"
                f"    elif f < s and {lookup} > 0:\n        order_target(stock, 0)\n")
        spec = spec_of(code)
        assert str(spec.entry) == "sma(10) > sma(60)" and str(spec.exit) == "sma(10) < sma(60)", lookup
        assert not any(u.what == "a condition in the code foa cannot read" for u in spec.unsupported), lookup


@pytest.mark.parametrize("rule, freq", [("W", "weekly"), ("1W", "weekly"), ("W-FRI", "weekly"), ("M", "monthly"), ("ME", "monthly")])
def test_prices_resampled_before_the_indicator_set_the_bars(spec_of, rule, freq):
    code = (f"closes = df['close'].resample('{rule}').last()\nrsi = talib.RSI(closes, timeperiod=8)\n"
            "if rsi.iloc[-1] < 30:\n    api.buy('EEM', 10)\nelif rsi.iloc[-1] > 60:\n    api.sell('EEM', 10)\n")
    spec = spec_of(code)
    assert spec.frequency == freq and str(spec.entry) == "rsi(8) < 30"
