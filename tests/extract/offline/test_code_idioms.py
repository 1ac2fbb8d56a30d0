"""Platform idioms the code reader follows, each class checked across indicators, names and layouts.

Every snippet is written for these tests in the style the platforms' own documentation teaches.
"""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.extract.offline.code_read import read_code


def _got(spec) -> tuple:
    return (spec.direction, str(spec.entry) if spec.entry else None, str(spec.exit) if spec.exit else None,
            str(spec.short_entry) if spec.short_entry else None)


# ---- backtrader: a parameter and a local of the same name ("fast = EMA(period=self.p.fast)")
BT_PARAM_LOCAL = [
    pytest.param("params = (('fast', 12), ('slow', 26))\n", "EMA", "fast", "slow", "ema(12)", "ema(26)", id="ema-tuple-params"),
    pytest.param("params = dict(fast=5, slow=40)\n", "SMA", "fast", "slow", "sma(5)", "sma(40)", id="sma-dict-params"),
    pytest.param("params = {'short': 8, 'long': 21}\n", "WMA", "short", "long", "wma(8)", "wma(21)", id="wma-brace-params"),
    pytest.param("params = (('quick', 10), ('lag', 50))\n", "ExponentialMovingAverage", "quick", "lag", "ema(10)", "ema(50)",
                 id="class-name-params"),
    pytest.param("params = dict(fast=20, slow=100)\n", "SimpleMovingAverage", "fast", "slow", "sma(20)", "sma(100)",
                 id="sma-long-name"),
]


@pytest.mark.parametrize("params, ind, a, b, ta, tb", BT_PARAM_LOCAL)
def test_backtrader_params_stay_apart_from_locals_of_the_same_name(spec_of, params, ind, a, b, ta, tb):
    code = (f"class X(bt.Strategy):\n    {params}    def __init__(self):\n"
            f"        {a} = bt.ind.{ind}(self.data.close, period=self.p.{a})\n"
            f"        {b} = bt.ind.{ind}(self.data.close, period=self.params.{b})\n"
            f"        self.up = bt.ind.CrossUp({a}, {b})\n        self.down = bt.ind.CrossDown({a}, {b})\n"
            "    def next(self):\n        if self.up:\n            self.buy()\n        elif self.down:\n            self.close()\n")
    assert _got(spec_of(code)) == ("long_only", f"{ta} crosses_above {tb}", f"{ta} crosses_below {tb}", None)


# ---- indicator classes and functions spelled out: the `ta` library, backtrader's long names, RSI_SMA
SPELLED = [
    pytest.param("r = ta.momentum.RSIIndicator(df['Close'], window=9).rsi()\nm = ta.trend.SMAIndicator(df['Close'], window=120).sma_indicator()\n"
                 "df['buy'] = (r < 25) & (df['Close'] > m)\ndf['sell'] = r > 70\n",
                 ("long_only", "rsi(9) < 25 and close > sma(120)", "rsi(9) > 70", None), id="ta-lib-classes"),
    pytest.param("bb = ta.volatility.BollingerBands(close=df['close'], window=30, window_dev=2.5)\n"
                 "df['lo'] = bb.bollinger_lband()\ndf['hi'] = bb.bollinger_hband()\n"
                 "df['entry'] = df['close'] < df['lo']\ndf['exit'] = df['close'] > df['hi']\n",
                 ("long_only", "close < bbands(30, 2.5).lower", "close > bbands(30, 2.5).upper", None), id="ta-bollinger-methods"),
    pytest.param("m = ta.trend.MACD(df['close'], window_slow=30, window_fast=10, window_sign=7)\n"
                 "df['line'] = m.macd()\ndf['sig'] = m.macd_signal()\ndf['signal'] = np.where(df['line'] > df['sig'], 1, 0)\n",
                 ("long_only", "macd(10, 30, 7).macd > macd(10, 30, 7).signal", "macd(10, 30, 7).macd < macd(10, 30, 7).signal", None),
                 id="ta-macd-methods"),
    pytest.param("class R(bt.Strategy):\n    def __init__(self):\n        self.r = bt.ind.RSI_SMA(self.data.close, period=6)\n"
                 "    def next(self):\n        if not self.position and self.r < 15:\n            self.buy()\n"
                 "        elif self.position and self.r > 55:\n            self.close()\n",
                 ("long_only", "rsi(6) < 15", "rsi(6) > 55", None), id="bt-rsi-sma"),
    pytest.param("class C(bt.Strategy):\n    def __init__(self):\n        self.c = bt.indicators.CommodityChannelIndex(period=20)\n"
                 "    def next(self):\n        if not self.position and self.c < -150:\n            self.buy()\n"
                 "        elif self.position and self.c > 0:\n            self.close()\n",
                 ("long_only", "cci(20) < -150", "cci(20) > 0", None), id="bt-cci-long-name"),
]


@pytest.mark.parametrize("code, expected", SPELLED)
def test_indicator_classes_in_any_spelling_are_the_table_s(spec_of, code, expected):
    assert _got(spec_of(code)) == expected


# ---- columns named for their indicator that the text never computes (pandas_ta's append=True, habit)
LABELS = [
    pytest.param("df.ta.rsi(length=7, append=True)\ndf['entry'] = df['RSI_7'] < 20\ndf['exit'] = df['RSI_7'] > 65\n",
                 ("long_only", "rsi(7) < 20", "rsi(7) > 65", None), id="pandas-ta-rsi"),
    pytest.param("df.ta.ema(length=30, append=True)\ndf.ta.ema(length=90, append=True)\n"
                 "df['signal'] = np.where(df['EMA_30'] > df['EMA_90'], 1, -1)\n",
                 ("long_short", "ema(30) > ema(90)", "ema(30) < ema(90)", "ema(30) <= ema(90)"), id="pandas-ta-ema-pair"),
    pytest.param("df.ta.bbands(length=20, std=2, append=True)\ndf['buy'] = df['close'] < df['BBL_20_2.0']\n"
                 "df['sell'] = df['close'] > df['BBM_20_2.0']\n",
                 ("long_only", "close < bbands(20, 2).lower", "close > bbands(20, 2).middle", None), id="pandas-ta-bbands"),
    pytest.param("df.ta.macd(fast=8, slow=21, signal=5, append=True)\n"
                 "df['buy'] = df['MACD_8_21_5'] > df['MACDs_8_21_5']\ndf['sell'] = df['MACD_8_21_5'] < df['MACDs_8_21_5']\n",
                 ("long_only", "macd(8, 21, 5).macd > macd(8, 21, 5).signal", "macd(8, 21, 5).macd < macd(8, 21, 5).signal", None),
                 id="pandas-ta-macd"),
    pytest.param("    def populate_entry_trend(self, dataframe, metadata):\n"
                 "        dataframe.loc[(dataframe['close'] > dataframe['sma_150']) & (dataframe['rsi_4'] < 25), 'enter_long'] = 1\n"
                 "        return dataframe\n",
                 ("long_only", "close > sma(150) and rsi(4) < 25", None, None), id="habit-columns"),
]


@pytest.mark.parametrize("code, expected", LABELS)
def test_columns_named_for_their_indicator_are_that_indicator(spec_of, code, expected):
    assert _got(spec_of(code)) == expected


def test_an_ordinal_after_an_average_is_no_window():
    assert read_code("if ma1 > ma2:\n    buy()\n").rules == []


# ---- freqtrade: conditions collected in a list per function, the enter_tag layout
def test_freqtrade_condition_lists_are_read_per_function(spec_of):
    code = ("class E(IStrategy):\n    stoploss = -0.15\n    def populate_indicators(self, dataframe, metadata):\n"
            "        dataframe['f'] = ta.EMA(dataframe, timeperiod=13)\n        dataframe['s'] = ta.EMA(dataframe, timeperiod=48)\n"
            "        return dataframe\n    def populate_entry_trend(self, dataframe, metadata):\n        conditions = []\n"
            "        conditions.append(qtpylib.crossed_above(dataframe['f'], dataframe['s']))\n"
            "        conditions.append(dataframe['volume'] > 0)\n        if conditions:\n"
            "            dataframe.loc[reduce(lambda x, y: x & y, conditions), 'enter_long'] = 1\n        return dataframe\n"
            "    def populate_exit_trend(self, dataframe, metadata):\n        conditions = []\n"
            "        conditions.append(qtpylib.crossed_below(dataframe['f'], dataframe['s']))\n        if conditions:\n"
            "            dataframe.loc[reduce(lambda a, b: a & b, conditions), 'exit_long'] = 1\n        return dataframe\n")
    spec = spec_of(code)
    assert _got(spec) == ("long_only", "ema(13) crosses_above ema(48)", "ema(13) crosses_below ema(48)", None)
    assert spec.risk.stop_loss == pytest.approx(0.15)


@pytest.mark.parametrize("tag", ["'dip'", '"rsi_low"', "'v2 entry'", "'x'", "'long_1'"])
def test_freqtrade_enter_tag_columns(tag):
    code = (f"dataframe.loc[(dataframe['rsi'] < 21), ['enter_long', 'enter_tag']] = (1, {tag})\n"
            f"dataframe.loc[(dataframe['rsi'] > 79), ['enter_short', 'enter_tag']] = (1, {tag})\n"
            "dataframe['rsi'] = ta.RSI(dataframe, timeperiod=11)\n")
    assert read_code(code).rules == [("buy", "rsi(11) < 21"), ("short", "rsi(11) > 79")]


# ---- signals set by nested ifelse / np.where, or np.select
@pytest.mark.parametrize("line", [
    "sig <- ifelse(r < 25, 1, ifelse(r > 75, -1, 0))",
    "sig = np.where(r < 25, 1, np.where(r > 75, -1, 0))",
    "df['pos'] = np.select([r < 25, r > 75], [1, -1], 0)",
    "df['pos'] = np.select([r < 25, r > 75], [1, -1], default=0)",
    "signal <- ifelse(r < 25, 1, ifelse(r > 75, -1, 0))",
])
def test_nested_signal_values_give_one_rule_per_condition(line):
    head = "r <- RSI(Cl(x), n = 12)\n" if "<-" in line else "r = talib.RSI(df['close'], timeperiod=12)\n"
    assert read_code(head + line + "\n").rules == [("buy", "rsi(12) < 25"), ("short", "rsi(12) > 75")]


# ---- Pine: the stochastic smoothed by hand, ta.dmi's three outputs, ta.sar's settings
@pytest.mark.parametrize("n, ks, ds, lo", [(14, 3, 3, 20), (5, 3, 3, 25), (21, 5, 5, 10), (9, 2, 2, 30), (14, 4, 3, 15)])
def test_pine_stochastic_smoothed_with_sma(spec_of, n, ks, ds, lo):
    code = (f"//@version=5\nstrategy(\"st\")\nk = ta.sma(ta.stoch(close, high, low, {n}), {ks})\nd = ta.sma(k, {ds})\n"
            f"if ta.crossover(k, d) and k < {lo}\n    strategy.entry(\"L\", strategy.long)\n")
    spec = spec_of(code)
    k = f"stoch({n}, {ks}, slowd_period={ds}).slowk"
    assert str(spec.entry) == f"{k} crosses_above stoch({n}, {ks}, slowd_period={ds}).slowd and {k} < {lo}"


@pytest.mark.parametrize("names, n, m", [("[dp, dm, a]", 14, 14), ("[plusDI, minusDI, adxValue]", 10, 20),
                                         ("[up, down, strength]", 7, 7), ("[p, m, x]", 21, 14), ("[diplus, diminus, adx]", 30, 30)])
def test_pine_dmi_outputs_in_order(names, n, m):
    a, b, c = (x.strip() for x in names.strip("[]").split(","))
    code = f"{names} = ta.dmi({n}, {m})\nif {a} > {b} and {c} > 22\n    strategy.entry(\"L\", strategy.long)\n"
    assert read_code(code).rules == [("buy", f"plus_di({n}) > minus_di({n}) and adx({m}) > 22")]


# ---- AmiBroker functions of one output
AFL = [
    pytest.param("Buy = C < BBandBot(C, 15, 1.5);\nSell = C > BBandTop(C, 15, 1.5);\n",
                 ("long_only", "close < bbands(15, 1.5).lower", "close > bbands(15, 1.5).upper", None), id="bband"),
    pytest.param("Buy = Cross(MACD(8, 17), Signal(8, 17, 9));\nSell = Cross(Signal(8, 17, 9), MACD(8, 17));\n",
                 ("long_only", "macd(8, 17, 9).macd crosses_above macd(8, 17, 9).signal",
                  "macd(8, 17, 9).macd crosses_below macd(8, 17, 9).signal", None), id="macd-signal"),
    pytest.param("Buy = Cross(StochK(10, 3), StochD(10, 3, 3));\nSell = Cross(StochD(10, 3, 3), StochK(10, 3));\n",
                 ("long_only", "stoch(10, 3, slowd_period=3).slowk crosses_above stoch(10, 3, slowd_period=3).slowd",
                  "stoch(10, 3, slowd_period=3).slowd crosses_above stoch(10, 3, slowd_period=3).slowk", None), id="stoch-kd"),
    pytest.param("Buy = Cross(C, SAR(0.02, 0.2));\nSell = Cross(SAR(0.02, 0.2), C);\n",
                 ("long_only", "close crosses_above sar(0.02, 0.2)", "sar(0.02, 0.2) crosses_above close", None), id="sar-settings"),
    pytest.param("Buy = PDI(18) > MDI(18) AND ADX(18) > 30;\nSell = PDI(18) < MDI(18);\n",
                 ("long_only", "plus_di(18) > minus_di(18) and adx(18) > 30", "plus_di(18) < minus_di(18)", None), id="dmi"),
]


@pytest.mark.parametrize("code, expected", AFL)
def test_amibroker_single_output_functions(spec_of, code, expected):
    assert _got(spec_of(code)) == expected


def test_a_function_of_the_text_named_signal_is_not_amibroker_s():
    assert read_code("x = signal(my_data, 1, 2, 5, 6, 7)\nif x > 0:\n    buy()\n").rules == []


def test_a_cross_the_reader_cannot_say_is_listed_not_dropped(spec_of):
    spec = spec_of("Buy = Cross(Foo(C, 9), Bar(C, 4)) AND RSI(6) < 30;\nSell = RSI(6) > 70;\n")
    assert str(spec.entry) == "rsi(6) < 30"
    assert "a condition in the code foa cannot read" in {u.what for u in spec.unsupported}


# ---- time exits: the bars a position is held
HELD = [
    pytest.param("If Close > Average(Close, 100) then Buy next bar at market;\nIf BarsSinceEntry >= 6 then Sell next bar at market;\n", 6,
                 id="easylanguage"),
    pytest.param("Buy = C > MA(C, 100);\nSell = 0;\nApplyStop(stopTypeNBar, stopModeBars, 12);\n", 12, id="amibroker"),
    pytest.param("class T(bt.Strategy):\n    def __init__(self):\n        self.m = bt.ind.SMA(period=100)\n    def next(self):\n"
                 "        if not self.position:\n            if self.data.close[0] > self.m[0]:\n                self.buy()\n"
                 "                self.bar_executed = len(self)\n        else:\n            if len(self) >= (self.bar_executed + 4):\n"
                 "                self.close()\n", 4, id="backtrader-quickstart"),
    pytest.param("protected override void OnBarUpdate()\n{\n    if (Close[0] > SMA(100)[0])\n        EnterLong();\n"
                 "    if (BarsSinceEntryExecution() > 9)\n        ExitLong();\n}\n", 10, id="ninjascript"),
    pytest.param("//@version=5\nstrategy(\"t\")\nif close > ta.sma(close, 100)\n    strategy.entry(\"L\", strategy.long)\n"
                 "if bar_index - strategy.opentrades.entry_bar_index(0) >= 15\n    strategy.close(\"L\")\n", 15, id="pine"),
]


@pytest.mark.parametrize("code, bars", HELD)
def test_a_time_exit_is_the_holding_limit(spec_of, code, bars):
    spec = spec_of(code)
    assert str(spec.entry) == "close > sma(100)" and spec.risk.max_holding_bars == bars


# ---- stops and targets stated in framework calls
@pytest.mark.parametrize("kw, sl, tp", [("sl_stop=0.04, tp_stop=0.12", 0.04, 0.12), ("sl_stop=0.1", 0.1, None),
                                        ("tp_stop=0.3", None, 0.3), ("tp_stop=0.05, sl_stop=0.02", 0.02, 0.05),
                                        ("sl_stop=0.07, fees=0.001", 0.07, None)])
def test_vectorbt_portfolio_stops(spec_of, kw, sl, tp):
    spec = spec_of("rsi = vbt.RSI.run(close, window=10)\nentries = rsi.rsi_below(25)\nexits = rsi.rsi_above(75)\n"
                   f"pf = vbt.Portfolio.from_signals(close, entries, exits, {kw})\n")
    assert (spec.risk.stop_loss, spec.risk.take_profit) == (sl, tp)


def test_vectorbt_trailing_stop_is_listed(spec_of):
    spec = spec_of("rsi = vbt.RSI.run(close, window=10)\nentries = rsi.rsi_below(25)\nexits = rsi.rsi_above(75)\n"
                   "pf = vbt.Portfolio.from_signals(close, entries, exits, sl_stop=0.05, sl_trail=True)\n")
    assert spec.risk.stop_loss is None and "trailing stop" in {u.what for u in spec.unsupported}


@pytest.mark.parametrize("stop, target, sl, tp", [("self.price * 0.95", "self.price * 1.15", 0.05, 0.15),
                                                  ("self.price * (1 - 0.08)", "self.price * (1 + 0.2)", 0.08, 0.2),
                                                  ("entry * 0.9", "entry * 1.3", 0.1, 0.3)])
def test_jesse_stop_loss_and_take_profit_assignments(spec_of, stop, target, sl, tp):
    code = ("class J(Strategy):\n    def should_long(self) -> bool:\n        return ta.rsi(self.candles, 7) < 20\n"
            "    def go_long(self):\n        entry = self.price\n        qty = 1\n        self.buy = qty, entry\n"
            f"        self.stop_loss = qty, {stop}\n        self.take_profit = qty, {target}\n")
    spec = spec_of(code)
    assert str(spec.entry) == "rsi(7) < 20"
    assert spec.risk.stop_loss == pytest.approx(sl) and spec.risk.take_profit == pytest.approx(tp)


# ---- MQL5: CopyBuffer where it stands and which buffer it copies
@pytest.mark.parametrize("fn, args, buf, want", [
    ("iRSI", "14, PRICE_CLOSE", 0, "rsi(14) < 25"),
    ("iBands", "20, 0, 2.0, PRICE_CLOSE", 2, "close < the lower bollinger band(20, 2)"),
    ("iBands", "30, 0, 2.5, PRICE_CLOSE", 1, "close < the upper bollinger band(30, 2.5)"),
    ("iCCI", "20, PRICE_TYPICAL", 0, "cci(20) < 25"),
    ("iMFI", "10, VOLUME_TICK", 0, "mfi(10) < 25"),
])
def test_mql5_copybuffer_inside_an_if_binds_its_buffer(fn, args, buf, want):
    cmp = "arr[1] < 25" if "bollinger" not in want else "close_1 < arr[1]"
    code = (f"int h;\nint OnInit() {{ h = {fn}(_Symbol, PERIOD_CURRENT, {args}); return(INIT_SUCCEEDED); }}\n"
            f"void OnTick()\n{{\n   double arr[];\n   if (CopyBuffer(h, {buf}, 0, 3, arr) < 3) return;\n"
            f"   double close_1 = iClose(_Symbol, PERIOD_CURRENT, 1);\n"
            f"   if ({cmp} && !PositionSelect(_Symbol)) trade.Buy(0.1);\n}}\n")
    assert read_code(code).rules == [("buy", want)]


def test_one_name_in_two_spellings_is_one_input():
    code = ("input int fast_period = 9;\nint h = iMA(_Symbol, _Period, fastPeriod, 0, MODE_EMA, PRICE_CLOSE);\n"
            "double m[];\nCopyBuffer(h, 0, 0, 2, m);\nif (iClose(_Symbol, _Period, 0) > m[0]) trade.Buy(1);\n")
    assert read_code(code).rules == [("buy", "close > ema(close, 9)")]


# ---- precision: code computing these indicators without a trade rule stays refused
@pytest.mark.parametrize("code", [
    pytest.param("df.ta.rsi(length=14, append=True)\ndf.ta.bbands(length=20, append=True)\nprint(df[['RSI_14', 'BBL_20_2.0']].tail())\n",
                 id="pandas-ta-print"),
    pytest.param("r = ta.momentum.RSIIndicator(df['Close'], window=14).rsi()\nplt.plot(r)\nplt.axhline(30)\nplt.axhline(70)\nplt.show()\n",
                 id="ta-plot"),
    pytest.param("//@version=5\nindicator(\"Stoch\")\nk = ta.sma(ta.stoch(close, high, low, 14), 3)\nd = ta.sma(k, 3)\nplot(k)\nplot(d)\n"
                 "hline(80)\nhline(20)\n", id="pine-stoch-indicator"),
    pytest.param("for sym in symbols:\n    df = load(sym)\n    df['sma_50'] = df['close'].rolling(50).mean()\n"
                 "    if df['close'].iloc[-1] > df['sma_50'].iloc[-1]:\n        print(sym, 'above its 50-day average')\n",
                 id="screener-print"),
    pytest.param("StochKLine = StochK(14, 3);\nStochDLine = StochD(14, 3, 3);\nPlot(StochKLine, \"K\", colorBlue);\n"
                 "Plot(StochDLine, \"D\", colorRed);\n", id="afl-plot"),
])
def test_indicator_code_without_a_trade_rule_stays_refused(spec_of, code):
    with pytest.raises(NoStrategyFound):
        spec_of(code)


# ---- hand-written loop backtests: the position state set under a condition is the order
LOOPS = [
    pytest.param("in_position = False\nfor i in range(len(df)):\n    if df['rsi'][i] < 25 and not in_position:\n"
                 "        in_position = True\n    elif df['rsi'][i] > 60 and in_position:\n        in_position = False\n",
                 ("long_only", "rsi(14) < 25", "rsi(14) > 60"), id="in-position-flag"),
    pytest.param("entry_price = None\nfor i, row in df.iterrows():\n    if entry_price is None and row['close'] > row['sma_80']:\n"
                 "        entry_price = row['close']\n    elif entry_price is not None and row['close'] < row['sma_80']:\n"
                 "        entry_price = None\n",
                 ("long_only", "close > sma(80)", "close < sma(80)"), id="entry-price"),
    pytest.param("holding = 0\nfor t in range(1, n):\n    if ema9[t] > ema30[t] and holding == 0:\n        holding = 1\n"
                 "    elif ema9[t] < ema30[t] and holding == 1:\n        holding = 0\nema9 = close.ewm(span=9).mean()\n"
                 "ema30 = close.ewm(span=30).mean()\n",
                 ("long_only", "ema(9) > ema(30)", "ema(9) < ema(30)"), id="holding-counter"),
    pytest.param("bought = False\nfor k in range(len(prices)):\n    if prices['RSI'].iloc[k] < 20 and not bought:\n        bought = True\n"
                 "    if prices['RSI'].iloc[k] > 80 and bought:\n        bought = False\n",
                 ("long_only", "rsi(14) < 20", "rsi(14) > 80"), id="bought-bare-rsi-column"),
    pytest.param("entry_date = None\nfor d in range(len(data)):\n    if not entry_date and data['cci_20'].iloc[d] < -100:\n"
                 "        entry_date = data['Date'].iloc[d]\n    if entry_date and data['cci_20'].iloc[d] > 100:\n"
                 "        entry_date = None\n",
                 ("long_only", "cci(20) < -100", "cci(20) > 100"), id="entry-date"),
]


@pytest.mark.parametrize("code, expected", LOOPS)
def test_a_loop_backtest_s_position_state_is_its_orders(spec_of, code, expected):
    spec = spec_of(code)
    assert (spec.direction, str(spec.entry), str(spec.exit)) == expected


def test_a_state_flag_is_no_rule_where_the_text_places_orders():
    code = ("class S(bt.Strategy):\n    def __init__(self):\n        self.m = bt.ind.SMA(period=30)\n        self.in_trade = False\n"
            "    def next(self):\n        if not self.position and self.data.close[0] > self.m[0]:\n            self.buy()\n"
            "            self.in_trade = True\n        elif self.position and self.data.close[0] < self.m[0]:\n"
            "            self.close()\n            self.in_trade = False\n")
    assert read_code(code).rules == [("buy", "close > sma(close, 30)"), ("sell", "close < sma(close, 30)")]


@pytest.mark.parametrize("code", [
    pytest.param("watch = []\nfor sym in symbols:\n    r = rsi(load(sym), 14)\n    if r[-1] < 30:\n        watch.append(sym)\nprint(watch)\n",
                 id="watchlist"),
    pytest.param("alerts = 0\nfor i in range(len(df)):\n    if df['rsi'][i] < 30:\n        alerts = alerts + 1\nprint(alerts)\n",
                 id="counter"),
    pytest.param("holding = True\nfor i in range(len(df)):\n    if df['rsi'][i] > 70:\n        print('overbought on', df.index[i])\n",
                 id="flag-never-set-under-a-condition"),
])
def test_loops_that_only_count_or_print_stay_refused(spec_of, code):
    with pytest.raises(NoStrategyFound):
        spec_of(code)


# ---- comments restating the code's rule in looser words do not blur the rule the code states
COMMENTED = [
    ("# sell when overbought", "#"), ("# place a sell order when the RSI is high", "#"), ("// go short on strength", "//"),
    ("// exit the long here", "//"), ("# short it", "#"),
]


@pytest.mark.parametrize("comment, mark", COMMENTED)
def test_comments_naming_a_side_leave_the_code_s_rule_alone(spec_of, comment, mark):
    if mark == "#":
        code = ("class A(QCAlgorithm):\n    def Initialize(self):\n        self.s = self.AddEquity('QQQ').Symbol\n"
                "        self.r = self.RSI(self.s, 10)\n    def OnData(self, data):\n        if self.r.Current.Value > 75:\n"
                f"            {comment}\n            self.Liquidate()\n        elif self.r.Current.Value < 25:\n"
                "            self.SetHoldings(self.s, 1)\n")
    else:
        code = ("protected override void OnBarUpdate()\n{\n    if (RSI(10, 1)[0] > 75)\n    {\n"
                f"        {comment}\n        ExitLong();\n    }}\n    if (RSI(10, 1)[0] < 25)\n        EnterLong();\n}}\n")
    spec = spec_of(code)
    assert (spec.direction, str(spec.entry), str(spec.exit)) == ("long_only", "rsi(10) < 25", "rsi(10) > 75")


# ---- Pine: entries allowed on one side only
@pytest.mark.parametrize("side, want", [("long", ("long_only", "sma(9) crosses_above sma(21)", "sma(9) crosses_below sma(21)", None)),
                                        ("short", ("short_only", None, None, "sma(9) crosses_below sma(21)"))])
def test_pine_allow_entry_in_keeps_one_side(spec_of, side, want):
    code = (f"//@version=5\nstrategy(\"a\")\nstrategy.risk.allow_entry_in(strategy.direction.{side})\nf = ta.sma(close, 9)\n"
            "s = ta.sma(close, 21)\nif ta.crossover(f, s)\n    strategy.entry(\"L\", strategy.long)\n"
            "if ta.crossunder(f, s)\n    strategy.entry(\"S\", strategy.short)\n")
    assert _got(spec_of(code)) == want


# ---- an average of the MACD line is its signal line
@pytest.mark.parametrize("code", [
    "Vars: M(0), A(0);\nM = MACD(Close, 10, 24);\nA = XAverage(M, 7);\nIf M crosses above A then Buy next bar at market;\n",
    "//@version=5\nstrategy(\"m\")\nm = ta.ema(close, 10) - ta.ema(close, 24)\na = ta.ema(m, 7)\nif ta.crossover(m, a)\n"
    "    strategy.entry(\"L\", strategy.long)\n",
    "m = df['close'].ewm(span=10).mean() - df['close'].ewm(span=24).mean()\na = m.ewm(span=7).mean()\n"
    "df['buy'] = (m > a) & (m.shift(1) <= a.shift(1))\n",
    "def Value = MACD(10, 24, 7).Value;\ndef Avg = MACD(10, 24, 7).Avg;\nAddOrder(OrderType.BUY_TO_OPEN, Value crosses above Avg);\n",
    "Buy = Cross(MACD(10, 24), Signal(10, 24, 7));\n",
])
def test_an_average_of_the_macd_line_is_its_signal_line(spec_of, code):
    assert str(spec_of(code).entry) == "macd(10, 24, 7).macd crosses_above macd(10, 24, 7).signal"


# ---- an exit on the price against the entry price is a stop loss or a take profit
ENTRY_RISK = [
    pytest.param("Inputs: StopPct(4);\nIf Close crosses above Average(Close, 30) then Buy next bar at market;\n"
                 "If MarketPosition = 1 and Close < EntryPrice * (1 - StopPct / 100) then Sell next bar at market;\n", 0.04, None,
                 id="easylanguage-entryprice"),
    pytest.param("class S(bt.Strategy):\n    params = (('stop', 0.06),)\n    def __init__(self):\n        self.m = bt.ind.SMA(period=30)\n"
                 "    def next(self):\n        risk = self.data.low[0] <= self.buyprice * (1.0 - self.p.stop)\n"
                 "        if not self.position:\n            if self.data.close[0] > self.m[0]:\n                self.buy()\n"
                 "        elif risk:\n            self.close()\n", 0.06, None, id="backtrader-buyprice"),
    pytest.param("entry_price = None\nfor i in range(len(df)):\n    c = df['close'][i]\n"
                 "    if entry_price is None and c > df['sma_30'][i]:\n        entry_price = c\n"
                 "    elif entry_price is not None and c >= entry_price * 1.12:\n        entry_price = None\n", None, 0.12,
                 id="loop-target"),
    pytest.param("//@version=5\nstrategy(\"p\")\nif ta.crossover(close, ta.sma(close, 30))\n    strategy.entry(\"L\", strategy.long)\n"
                 "if close < strategy.position_avg_price * 0.93\n    strategy.close(\"L\")\n", 0.07, None, id="pine-avg-price"),
    pytest.param("If Close crosses above Average(Close, 30) then Buy next bar at market;\n"
                 "If MarketPosition = 1 and Close > EntryPrice * 1.2 then Sell next bar at market;\n"
                 "If MarketPosition = 1 and Close < EntryPrice * 0.9 then Sell next bar at market;\n", 0.1, 0.2, id="both"),
]


@pytest.mark.parametrize("code, sl, tp", ENTRY_RISK)
def test_an_exit_against_the_entry_price_is_a_stop_or_target(spec_of, code, sl, tp):
    spec = spec_of(code)
    assert spec.entry is not None and "30" in str(spec.entry)
    assert spec.risk.stop_loss == (pytest.approx(sl) if sl else None)
    assert spec.risk.take_profit == (pytest.approx(tp) if tp else None)


# ---- multi-output indicator objects read by their output names
@pytest.mark.parametrize("code, want", [
    ("class S(bt.Strategy):\n    def __init__(self):\n        self.st = bt.ind.Stochastic(self.data, period=10, period_dfast=4)\n"
     "    def next(self):\n        if self.st.percK[0] < 15:\n            self.buy()\n", "stoch(10, 4).slowk < 15"),
    ("class S(bt.Strategy):\n    def __init__(self):\n        self.st = bt.ind.Stochastic(self.data, period=10, period_dfast=4)\n"
     "    def next(self):\n        if self.st.percK[0] > self.st.percD[0] and self.st.percK[0] < 30:\n            self.buy()\n",
     "stoch(10, 4).slowk > stoch(10, 4).slowd and stoch(10, 4).slowk < 30"),
    ("class B(QCAlgorithm):\n    def Initialize(self):\n        self.s = self.AddEquity('SPY').Symbol\n"
     "        self.bb = self.BB(self.s, 30, 2.5, MovingAverageType.Simple, Resolution.Daily)\n    def OnData(self, data):\n"
     "        if self.Securities[self.s].Close < self.bb.LowerBand.Current.Value:\n            self.SetHoldings(self.s, 1)\n",
     "close < bbands(30, 2.5).lower"),
    ("m = bt.indicators.MACD(self.data.close, period_me1=8, period_me2=21, period_signal=5)\n"
     "if m.macd[0] > m.signal[0]:\n    self.buy()\n", "macd(8, 21, 5).macd > macd(8, 21, 5).signal"),
    ("k = ta.sma(ta.stoch(close, high, low, 9), 3)\nif k < 10\n    strategy.entry('L', strategy.long)\n", "stoch(9, 3, slowd_period=3).slowk < 10"),
])
def test_outputs_of_multi_output_indicators(spec_of, code, want):
    assert str(spec_of(code).entry) == want


# ---- MetaTrader pending orders open their side (the order type is listed)
@pytest.mark.parametrize("order, role", [("OrderSend(Symbol(), OP_BUYLIMIT, 1, Ask, 3, 0, 0)", "buy"),
                                         ("OrderSend(NULL, OP_BUYSTOP, lots, Ask, 3, 0, 0)", "buy"),
                                         ("OrderSend(Symbol(), OP_SELLLIMIT, 1, Bid, 3, 0, 0)", "short"),
                                         ("trade.BuyLimit(0.1, price)", "buy"),
                                         ("trade.SellStop(0.1, price)", "short")])
def test_pending_orders_open_their_side_and_are_listed(order, role):
    code = f"double r = iRSI(NULL, 0, 9, PRICE_CLOSE, 0);\nif (r < 21 && OrdersTotal() == 0)\n   {order};\n"
    out = read_code(code)
    assert out.rules == [(role, "rsi(9) < 21")]
    assert any(g.what == "stop or limit entry order" for gs in out.gaps.values() for g in gs)


# ---- a keyword argument's name is never replaced by a value learnt for it earlier
@pytest.mark.parametrize("kw", ["timeperiod", "period", "length", "window", "span"])
def test_keyword_names_stay_keywords_on_later_lines(spec_of, kw):
    code = (f"a = talib.EMA(px, {kw}=12)\nb = talib.EMA(px, {kw}=48)\nx = a[-1]\ny = b[-1]\n"
            "if x > y:\n    order_target_percent(asset, 1.0)\nelif x < y:\n    order_target_percent(asset, 0)\n")
    spec = spec_of(code)
    assert (str(spec.entry), str(spec.exit)) == ("ema(12) > ema(48)", "ema(12) < ema(48)")


# ---- a side switched off by its toggle opens nothing
@pytest.mark.parametrize("decl", ["allowShorts = false", "useShort = input.bool(false, \"Shorts\")", "bool enableShorts = false",
                                  "tradeShort = input(false)", "var allowShorts = false"])
def test_a_switched_off_side_is_no_rule(spec_of, decl):
    flag = decl.replace("var ", "").replace("bool ", "").split("=")[0].strip()
    code = (f"//@version=5\nstrategy(\"t\")\n{decl}\nf = ta.ema(close, 12)\ns = ta.ema(close, 40)\n"
            "if ta.crossover(f, s)\n    strategy.entry(\"L\", strategy.long)\nif ta.crossunder(f, s)\n    strategy.close(\"L\")\n"
            f"if {flag} and ta.crossunder(f, s)\n    strategy.entry(\"S\", strategy.short)\n")
    assert _got(spec_of(code)) == ("long_only", "ema(12) crosses_above ema(40)", "ema(12) crosses_below ema(40)", None)


# ---- a 1/0 signal column named for its side
@pytest.mark.parametrize("buy_col, sell_col", [("Buy_Signal", "Sell_Signal"), ("buy", "sell"), ("long_entry", "long_exit"),
                                               ("entry", "exit"), ("buy_signal", "sell_signal")])
def test_a_one_zero_column_named_for_its_side(spec_of, buy_col, sell_col):
    code = (f"df['rsi'] = ta.RSI(df['close'], timeperiod=9)\ndf['{buy_col}'] = np.where(df['rsi'] < 22, 1, 0)\n"
            f"df['{sell_col}'] = np.where(df['rsi'] > 68, 1, 0)\n")
    spec = spec_of(code)
    assert (spec.direction, str(spec.entry), str(spec.exit)) == ("long_only", "rsi(9) < 22", "rsi(9) > 68")


# ---- a stop price set at the entry and tested on later bars
@pytest.mark.parametrize("name, factor, sl", [("self.stop_loss_price", "0.90", 0.1), ("self.stop_price", "0.95", 0.05),
                                              ("self.sl_price", "(1 - 0.08)", 0.08), ("self.stop", "0.93", 0.07),
                                              ("self.stop_level", "0.85", 0.15)])
def test_a_stop_price_set_at_the_entry(spec_of, name, factor, sl):
    code = ("class S(bt.Strategy):\n    def __init__(self):\n        self.x = bt.ind.CrossOver(bt.ind.SMA(period=12), bt.ind.SMA(period=48))\n"
            "    def next(self):\n        if not self.position:\n            if self.x > 0:\n                self.buy()\n"
            f"                {name} = self.data.close[0] * {factor}\n        else:\n"
            f"            if self.data.close[0] < {name}:\n                self.close()\n            elif self.x < 0:\n"
            "                self.close()\n")
    spec = spec_of(code)
    assert str(spec.entry) == "sma(12) crosses_above sma(48)" and spec.risk.stop_loss == pytest.approx(sl)


# ---- a comment heading a definition the rules use stays with it
@pytest.mark.parametrize("comment", ["// smoothed stochastic", "// Calcula el estocástico", "// the average of the fast line",
                                     "// media movil", "// 3-bar smoothing of %K"])
def test_a_comment_over_a_definition_is_not_read_alone(spec_of, comment):
    code = (f"//@version=5\nstrategy(\"s\")\n{comment}\nk = ta.sma(ta.stoch(close, high, low, 14), 3)\nd = ta.sma(k, 3)\n"
            "if ta.crossover(k, d) and k < 25\n    strategy.entry(\"L\", strategy.long)\n")
    assert "sma" not in str(spec_of(code).entry)


# ---- a class whose constructor stores its parameters (self.short_window = short_window)
@pytest.mark.parametrize("fast, slow", [(40, 100), (20, 50), (10, 30), (50, 200), (5, 35)])
def test_constructor_parameters_stored_on_self_keep_their_defaults(spec_of, fast, slow):
    code = (f"class MACross(Strategy):\n    def __init__(self, symbol, bars, short_window={fast}, long_window={slow}):\n"
            "        self.bars = bars\n        self.short_window = short_window\n        self.long_window = long_window\n"
            "    def generate_signals(self):\n        signals = pd.DataFrame(index=self.bars.index)\n        signals['signal'] = 0.0\n"
            "        signals['short_mavg'] = self.bars['Close'].rolling(window=self.short_window, min_periods=1).mean()\n"
            "        signals['long_mavg'] = self.bars['Close'].rolling(window=self.long_window, min_periods=1).mean()\n"
            "        signals['signal'][self.short_window:] = np.where(signals['short_mavg'][self.short_window:] > "
            "signals['long_mavg'][self.short_window:], 1.0, 0.0)\n        return signals\n")
    assert str(spec_of(code).entry) == f"sma({fast}) > sma({slow})"


@pytest.mark.parametrize("args, window, std", [("2, 20", 20, 2), ("1.5, 30", 30, 1.5), ("2.5, 50", 50, 2.5), ("3, 14", 14, 3),
                                               ("1, 10", 10, 1)])
def test_ninjascript_bollinger_takes_the_deviations_first(spec_of, args, window, std):
    code = (f"protected override void OnBarUpdate()\n{{\n    if (CrossBelow(Close, Bollinger({args}).Lower, 1))\n        EnterLong();\n"
            f"    if (CrossAbove(Close, Bollinger({args}).Upper, 1))\n        ExitLong();\n}}\n")
    assert str(spec_of(code).entry) == f"close crosses_below bbands({window}, {std}).lower"


@pytest.mark.parametrize("cond, want", [("data > sma", "close > sma(50)"), ("data < sma", "close < sma(50)"),
                                        ("sma < data", "sma(50) < close"), ("data >= sma", "close >= sma(50)"),
                                        ("data > sma * 1.0", None)])
def test_pmorissette_bt_select_where(cond, want):
    code = f"sma = data.rolling(50).mean()\ns = bt.Strategy('x', [bt.algos.SelectWhere({cond}), bt.algos.WeighEqually(), bt.algos.Rebalance()])\n"
    rules = read_code(code).rules
    assert rules == ([("buy", want.replace("sma(50)", "sma(close, 50)"))] if want else [])


@pytest.mark.parametrize("loss, profit, sl, tp", [("close * sl / 100 / syminfo.mintick", "close * tp / 100 / syminfo.mintick", 0.02, 0.04),
                                                  ("close * (sl / 100) / syminfo.mintick", "close * (tp / 100) / syminfo.mintick", 0.02, 0.04),
                                                  ("close * 0.03 / syminfo.mintick", "close * 0.09 / syminfo.mintick", 0.03, 0.09),
                                                  ("close * sl / 100 / syminfo.mintick", "", 0.02, None),
                                                  ("", "close * tp / 100 / syminfo.mintick", None, 0.04)])
def test_pine_exit_in_ticks_worth_a_fraction_of_the_price(spec_of, loss, profit, sl, tp):
    kw = ", ".join(x for x in (f"loss={loss}" if loss else "", f"profit={profit}" if profit else "") if x)
    code = ("//@version=5\nstrategy(\"t\")\nsl = input.float(2.0, \"SL %\")\ntp = input.float(4.0, \"TP %\")\n"
            "if ta.crossover(ta.ema(close, 5), ta.ema(close, 13))\n    strategy.entry(\"L\", strategy.long)\n"
            f"strategy.exit(\"X\", \"L\", {kw})\n")
    spec = spec_of(code)
    assert (spec.risk.stop_loss, spec.risk.take_profit) == (sl, tp)


# ---- code whose indentation was lost (copied from a web page): blocks by their own delimiters
FLAT = [
    pytest.param("void OnTick()\n{\nif (iRSI(NULL,0,14,PRICE_CLOSE,0) < 25)\n{\nOrderSend(Symbol(), OP_BUY, 1, Ask, 3, 0, 0);\n}\n"
                 "if (iRSI(NULL,0,14,PRICE_CLOSE,0) > 75)\n{\nOrderClose(OrderTicket(), 1, Bid, 3);\n}\n}\n",
                 ("long_only", "rsi(14) < 25", "rsi(14) > 75"), id="mql-braces"),
    pytest.param("protected override void OnBarUpdate()\n{\nif (CrossAbove(EMA(8), EMA(34), 1))\nEnterLong();\n"
                 "else if (CrossBelow(EMA(8), EMA(34), 1))\nExitLong();\n}\n",
                 ("long_only", "ema(8) crosses_above ema(34)", "ema(8) crosses_below ema(34)"), id="ninja-no-braces"),
    pytest.param("If Close crosses over Average(Close, 40) then begin\nBuy next bar at market;\nend;\n"
                 "If Close crosses under Average(Close, 40) then begin\nSell next bar at market;\nend;\n",
                 ("long_only", "close crosses_above sma(40)", "close crosses_below sma(40)"), id="easylanguage-begin-end"),
    pytest.param("If RSI(Close, 3) < 15 then\nBuy next bar at market;\nIf RSI(Close, 3) > 60 then\nSell next bar at market;\n",
                 ("long_only", "rsi(3) < 15", "rsi(3) > 60"), id="easylanguage-then-line"),
    pytest.param("a = Average[10](close)\nb = Average[40](close)\nIF a CROSSES OVER b THEN\nBUY 1 CONTRACT AT MARKET\nENDIF\n"
                 "IF a CROSSES UNDER b THEN\nSELL AT MARKET\nENDIF\n",
                 ("long_only", "sma(10) crosses_above sma(40)", "sma(10) crosses_below sma(40)"), id="prorealtime-endif"),
]


@pytest.mark.parametrize("code, want", FLAT)
def test_blocks_are_read_from_their_delimiters_when_indentation_is_lost(spec_of, code, want):
    spec = spec_of(code)
    assert (spec.direction, str(spec.entry), str(spec.exit)) == want
