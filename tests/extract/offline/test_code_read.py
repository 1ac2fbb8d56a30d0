"""The code reader: platform code (Pine, EasyLanguage, AFL, thinkScript, MQL, Python frameworks, quantstrat)
read into rules through bindings, conditions and the actions they lead to (``code_read``, ``code_expr``).

Every snippet here is written for these tests, one per platform idiom.
"""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.extract.offline.code_expr import parse, tokens
from foa.extract.offline.code_read import looks_like_code, read_code

# (code, (direction, entry, exit, short_entry, stop_loss, take_profit)); None: a no-strategy text
PLATFORMS = [
    pytest.param('//@version=5\nstrategy("Two averages", overlay=true)\nfastLen = input.int(12, "Fast")\nslowLen = input.int(48, "Slow")\nfastMA = ta.sma(close, fastLen)\nslowMA = ta.sma(close, slowLen)\nlongCondition = ta.crossover(fastMA, slowMA)\nif (longCondition)\n    strategy.entry("Long", strategy.long)\nshortCondition = ta.crossunder(fastMA, slowMA)\nif (shortCondition)\n    strategy.close("Long")\n',
                 ('long_only', 'sma(12) crosses_above sma(48)', 'sma(12) crosses_below sma(48)', None, None, None), id='pine5_inputs'),
    pytest.param('//@version=4\nstrategy("RSI revert")\nlen = input(6)\nlo = input(25)\nhi = input(75)\nr = rsi(close, len)\nstrategy.entry("buy", strategy.long, when = r < lo)\nstrategy.close("buy", when = r > hi)\n',
                 ('long_only', 'rsi(6) < 25', 'rsi(6) > 75', None, None, None), id='pine_when'),
    pytest.param('//@version=5\nstrategy("rsi")\nif ta.rsi(close, 9) < 20\n    strategy.entry("L", strategy.long)\nif ta.rsi(close, 9) > 65\n    strategy.close("L")\n',
                 ('long_only', 'rsi(9) < 20', 'rsi(9) > 65', None, None, None), id='pine_ta_rsi_inline'),
    pytest.param('Inputs: FastLen(8), SlowLen(34);\nVariables: FastAvg(0), SlowAvg(0);\nFastAvg = Average(Close, FastLen);\nSlowAvg = Average(Close, SlowLen);\nIf FastAvg crosses over SlowAvg then Buy next bar at market;\nIf FastAvg crosses under SlowAvg then Sell next bar at market;\n',
                 ('long_only', 'sma(8) crosses_above sma(34)', 'sma(8) crosses_below sma(34)', None, None, None), id='easylang'),
    pytest.param('If Average(Close,10) crosses over Average(Close,30) then Buy next bar at market;\nIf Average(Close,10) crosses under Average(Close,30) then SellShort next bar at market;\n',
                 ('long_short', 'sma(10) crosses_above sma(30)', 'sma(10) crosses_below sma(30)', 'sma(10) crosses_below sma(30)', None, None), id='easylang_inline'),
    pytest.param('Inputs: Len(14), OverSold(30), OverBought(70);\nVar: MyRSI(0);\nMyRSI = RSI(Close, Len);\nIf MyRSI < OverSold then Buy ("RSI LE") next bar at market;\nIf MyRSI > OverBought then Sell ("RSI LX") next bar at market;\nSetStopLoss(500);\n',
                 ('long_only', 'rsi(14) < 30', 'rsi(14) > 70', None, None, None), id='easylang_rsi'),
    pytest.param('FastMA = MA(C, 10);\nSlowMA = MA(C, 40);\nBuy = Cross(FastMA, SlowMA);\nSell = Cross(SlowMA, FastMA);\n',
                 ('long_only', 'sma(10) crosses_above sma(40)', 'sma(40) crosses_above sma(10)', None, None, None), id='afl'),
    pytest.param('Buy = Cross(MA(C, 10), MA(C, 30));\nSell = Cross(MA(C, 30), MA(C, 10));\nShort = Sell; Cover = Buy;\n',
                 ('long_short', 'sma(10) crosses_above sma(30)', 'sma(30) crosses_above sma(10)', 'sma(30) crosses_above sma(10)', None, None), id='afl_inline'),
    pytest.param('period = Param("RSI period", 4, 2, 20, 1);\nBuy = RSI(period) < 15;\nSell = RSI(period) > 60;\n',
                 ('long_only', 'rsi(4) < 15', 'rsi(4) > 60', None, None, None), id='afl_rsi'),
    pytest.param('import backtrader as bt\nclass SmaCross(bt.Strategy):\n    params = dict(pfast=10, pslow=30)\n    def __init__(self):\n        sma1 = bt.ind.SMA(period=self.p.pfast)\n        sma2 = bt.ind.SMA(period=self.p.pslow)\n        self.crossover = bt.ind.CrossOver(sma1, sma2)\n    def next(self):\n        if not self.position:\n            if self.crossover > 0:\n                self.buy()\n        elif self.crossover < 0:\n            self.close()\n',
                 ('long_only', 'sma(10) crosses_above sma(30)', 'sma(10) crosses_below sma(30)', None, None, None), id='bt_crossover'),
    pytest.param("class RsiStrat(bt.Strategy):\n    params = (('period', 14), ('low', 30), ('high', 70))\n    def __init__(self):\n        self.rsi = bt.indicators.RSI(self.data.close, period=self.params.period)\n    def next(self):\n        if not self.position:\n            if self.rsi < self.params.low:\n                self.buy()\n        else:\n            if self.rsi > self.params.high:\n                self.sell()\n",
                 ('long_only', 'rsi(14) < 30', 'rsi(14) > 70', None, None, None), id='bt_rsi'),
    pytest.param('from backtesting import Strategy\nfrom backtesting.lib import crossover\nfrom backtesting.test import SMA\n\nclass SmaCross(Strategy):\n    n1 = 10\n    n2 = 20\n    def init(self):\n        close = self.data.Close\n        self.sma1 = self.I(SMA, close, self.n1)\n        self.sma2 = self.I(SMA, close, self.n2)\n    def next(self):\n        if crossover(self.sma1, self.sma2):\n            self.buy()\n        elif crossover(self.sma2, self.sma1):\n            self.sell()\n',
                 ('long_only', 'sma(10) crosses_above sma(20)', 'sma(20) crosses_above sma(10)', None, None, None), id='backtesting_py'),
    pytest.param('class MyStrat(IStrategy):\n    stoploss = -0.08\n    minimal_roi = {"0": 0.12}\n    def populate_indicators(self, dataframe, metadata):\n        dataframe[\'rsi\'] = ta.RSI(dataframe, timeperiod=14)\n        dataframe[\'ema_fast\'] = ta.EMA(dataframe, timeperiod=9)\n        dataframe[\'ema_slow\'] = ta.EMA(dataframe, timeperiod=26)\n        return dataframe\n    def populate_entry_trend(self, dataframe, metadata):\n        dataframe.loc[(qtpylib.crossed_above(dataframe[\'ema_fast\'], dataframe[\'ema_slow\'])), \'enter_long\'] = 1\n        return dataframe\n    def populate_exit_trend(self, dataframe, metadata):\n        dataframe.loc[(dataframe[\'rsi\'] > 75), \'exit_long\'] = 1\n        return dataframe\n',
                 ('long_only', 'ema(9) crosses_above ema(26)', 'rsi(14) > 75', None, 0.08, 0.12), id='freqtrade'),
    pytest.param("    def populate_buy_trend(self, dataframe, metadata):\n        dataframe.loc[\n            (\n                (dataframe['rsi'] < 28) &\n                (dataframe['volume'] > 0)\n            ),\n            'buy'] = 1\n        return dataframe\n    def populate_sell_trend(self, dataframe, metadata):\n        dataframe.loc[(dataframe['rsi'] > 72), 'sell'] = 1\n        return dataframe\n    def populate_indicators(self, dataframe, metadata):\n        dataframe['rsi'] = ta.RSI(dataframe, timeperiod=10)\n",
                 ('long_only', 'rsi(10) < 28', 'rsi(10) > 72', None, None, None), id='freqtrade_rsi'),
    pytest.param("def initialize(context):\n    context.asset = symbol('SPY')\ndef handle_data(context, data):\n    prices = data.history(context.asset, 'price', bar_count=200, frequency='1d')\n    short_mavg = prices[-50:].mean()\n    long_mavg = prices.mean()\n    if short_mavg > long_mavg:\n        order_target_percent(context.asset, 1.0)\n    elif short_mavg < long_mavg:\n        order_target_percent(context.asset, 0)\n",
                 ('long_only', 'sma(50) > sma(200)', 'sma(50) < sma(200)', None, None, None), id='zipline'),
    pytest.param("df['sma50'] = df['close'].rolling(50).mean()\ndf['sma200'] = df['close'].rolling(window=200).mean()\ndf['signal'] = np.where(df['sma50'] > df['sma200'], 1, 0)\n",
                 ('long_only', 'sma(50) > sma(200)', 'sma(50) < sma(200)', None, None, None), id='pandas'),
    pytest.param("import talib\nclose = df['Close'].values\nrsi = talib.RSI(close, timeperiod=5)\nif rsi[-1] < 20:\n    buy()\nelif rsi[-1] > 80:\n    sell()\n",
                 ('long_only', 'rsi(5) < 20', 'rsi(5) > 80', None, None, None), id='talib_py'),
    pytest.param('class MyAlgo(QCAlgorithm):\n    def Initialize(self):\n        self.spy = self.AddEquity("SPY", Resolution.Daily).Symbol\n        self.fast = self.EMA(self.spy, 20, Resolution.Daily)\n        self.slow = self.EMA(self.spy, 100, Resolution.Daily)\n    def OnData(self, data):\n        if self.fast.Current.Value > self.slow.Current.Value:\n            self.SetHoldings(self.spy, 1)\n        else:\n            self.Liquidate(self.spy)\n',
                 ('long_only', 'ema(20) > ema(100)', 'ema(20) <= ema(100)', None, None, None), id='qc'),
    pytest.param('extern int FastPeriod = 5;\nextern int SlowPeriod = 20;\nvoid OnTick() {\n   double fast = iMA(NULL, 0, FastPeriod, 0, MODE_EMA, PRICE_CLOSE, 0);\n   double slow = iMA(NULL, 0, SlowPeriod, 0, MODE_EMA, PRICE_CLOSE, 0);\n   if (fast > slow && OrdersTotal() == 0)\n      OrderSend(Symbol(), OP_BUY, 0.1, Ask, 3, 0, 0);\n   if (fast < slow && OrdersTotal() == 0)\n      OrderSend(Symbol(), OP_SELL, 0.1, Bid, 3, 0, 0);\n}\n',
                 ('long_short', 'ema(5) > ema(20)', 'ema(5) < ema(20)', 'ema(5) < ema(20)', None, None), id='mql4'),
    pytest.param('input length = 20;\ndef avg = SimpleMovingAvg(close, length);\nAddOrder(OrderType.BUY_TO_OPEN, close crosses above avg, tickColor = GetColor(1));\nAddOrder(OrderType.SELL_TO_CLOSE, close crosses below avg);\n',
                 ('long_only', 'close crosses_above sma(20)', 'close crosses_below sma(20)', None, None, None), id='thinkscript'),
    pytest.param('add.indicator(strategy.st, name = "SMA", arguments = list(x = quote(Cl(mktdata)), n = 50), label = "SMA50")\nadd.indicator(strategy.st, name = "SMA", arguments = list(x = quote(Cl(mktdata)), n = 200), label = "SMA200")\nadd.signal(strategy.st, name = "sigCrossover", arguments = list(columns = c("SMA50", "SMA200"), relationship = "gt"), label = "long")\nadd.signal(strategy.st, name = "sigCrossover", arguments = list(columns = c("SMA50", "SMA200"), relationship = "lt"), label = "exit")\nadd.rule(strategy.st, name = "ruleSignal", arguments = list(sigcol = "long", sigval = TRUE, orderqty = 100, ordertype = "market", orderside = "long"), type = "enter")\nadd.rule(strategy.st, name = "ruleSignal", arguments = list(sigcol = "exit", sigval = TRUE, orderqty = "all", ordertype = "market", orderside = "long"), type = "exit")\n',
                 ('long_only', 'sma(50) crosses_above sma(200)', 'sma(50) crosses_below sma(200)', None, None, None), id='quantstrat'),
    pytest.param('//@version=5\nstrategy("manual cross")\nf = ta.ema(close, 10)\ns = ta.ema(close, 30)\nif f[1] < s[1] and f > s\n    strategy.entry("L", strategy.long)\nif f[1] > s[1] and f < s\n    strategy.close("L")\n',
                 ('long_only', 'ema(10) crosses_above ema(30)', 'ema(10) crosses_below ema(30)', None, None, None), id='pine_prev_bar'),
    pytest.param('//@version=5\nstrategy("x")\nsl = input.float(3.0, "Stop loss %")\ntp = input.float(9.0, "Take profit %")\nif ta.crossover(ta.ema(close, 10), ta.ema(close, 50))\n    strategy.entry("L", strategy.long)\nstrategy.exit("exit", "L", stop=strategy.position_avg_price * (1 - sl / 100), limit=strategy.position_avg_price * (1 + tp / 100))\n',
                 ('long_only', 'ema(10) crosses_above ema(50)', None, None, 0.03, 0.09), id='pine_exit_pct'),
    pytest.param('class M(bt.Strategy):\n    def __init__(self):\n        macd = bt.indicators.MACD(self.data.close, period_me1=12, period_me2=26, period_signal=9)\n        self.cross = bt.indicators.CrossOver(macd.macd, macd.signal)\n    def next(self):\n        if self.cross > 0:\n            self.buy()\n        elif self.cross < 0:\n            self.close()\n',
                 ('long_only', 'macd(12, 26, 9).macd crosses_above macd(12, 26, 9).signal', 'macd(12, 26, 9).macd crosses_below macd(12, 26, 9).signal', None, None, None), id='bt_macd'),
    pytest.param('//@version=5\nstrategy("BB")\nlength = input.int(20)\nmult = input.float(2.0)\n[mid, up, lo] = ta.bb(close, length, mult)\nif ta.crossover(close, lo)\n    strategy.entry("L", strategy.long)\nif ta.crossunder(close, up)\n    strategy.close("L")\n',
                 ('long_only', 'close crosses_above bbands(20, 2).lower', 'close crosses_below bbands(20, 2).upper', None, None, None), id='pine_bb'),
    pytest.param('def sma(series, n):\n    return series.rolling(n).mean()\n\ndef rsi(series, n=14):\n    delta = series.diff()\n    up = delta.clip(lower=0).rolling(n).mean()\n    down = -delta.clip(upper=0).rolling(n).mean()\n    return 100 - 100 / (1 + up / down)\n',
                 None, id='nostrat_lib'),
    pytest.param('//@version=5\nindicator("My RSI")\nlen = input.int(14)\nr = ta.rsi(close, len)\nplot(r)\nhline(70)\nhline(30)\n',
                 None, id='nostrat_pine_ind'),
    pytest.param('class MyStrategy(bt.Strategy):\n    def __init__(self):\n        self.sma = bt.ind.SMA(period=20)\n    def next(self):\n        # TODO: add your entry logic here\n        pass\n',
                 None, id='nostrat_template'),

    pytest.param('//@version=2\nstrategy("MA Cross", overlay=true)\nfastLength = input(9)\nslowLength = input(18)\nfast = sma(close, fastLength)\nslow = sma(close, slowLength)\nstrategy.entry("Long", true, when = crossover(fast, slow))\nstrategy.entry("Short", false, when = crossunder(fast, slow))\n',
                 ('long_short', 'sma(9) crosses_above sma(18)', 'sma(9) crosses_below sma(18)', 'sma(9) crosses_below sma(18)', None, None), id='pine_v2_true'),
    pytest.param('//@version=3\nstrategy("RSI Strategy", overlay=false)\nlength = input( 14 )\noverSold = input( 30 )\noverBought = input( 70 )\nprice = close\nvrsi = rsi(price, length)\nif (not na(vrsi))\n    if (crossover(vrsi, overSold))\n        strategy.entry("RsiLE", strategy.long, comment="RsiLE")\n    if (crossunder(vrsi, overBought))\n        strategy.entry("RsiSE", strategy.short, comment="RsiSE")\n',
                 ('long_short', 'rsi(14) crosses_above 30', 'rsi(14) crosses_below 30', 'rsi(14) crosses_below 70', None, None), id='pine_v3_cond_inline'),
    pytest.param('//@version=5\nstrategy("EMA", overlay=true, default_qty_type=strategy.percent_of_equity, default_qty_value=100)\nemaFast = ta.ema(close, input.int(21, title="Fast"))\nemaSlow = ta.ema(close, input.int(55, title="Slow"))\nbull = ta.crossover(emaFast, emaSlow)\nbear = ta.crossunder(emaFast, emaSlow)\nif bull\n    strategy.entry("Long", strategy.long)\nif bear\n    strategy.close("Long")\n',
                 ('long_only', 'ema(21) crosses_above ema(55)', 'ema(21) crosses_below ema(55)', None, None, None), id='pine_ta_cross_var'),
    pytest.param('//@version=5\nstrategy("MACD")\n[macdLine, signalLine, histLine] = ta.macd(close, 12, 26, 9)\nif ta.crossover(macdLine, signalLine)\n    strategy.entry("L", strategy.long)\nif ta.crossunder(macdLine, signalLine)\n    strategy.close("L")\n',
                 ('long_only', 'macd(12, 26, 9).macd crosses_above macd(12, 26, 9).signal', 'macd(12, 26, 9).macd crosses_below macd(12, 26, 9).signal', None, None, None), id='pine_macd_tuple'),
    pytest.param('//@version=5\nstrategy("trend+rsi")\nma200 = ta.sma(close, 200)\nr = ta.rsi(close, 2)\nlongCond = close > ma200 and r < 10\nexitCond = r > 70\nif longCond\n    strategy.entry("L", strategy.long)\nif exitCond\n    strategy.close("L")\n',
                 ('long_only', 'close > sma(200) and rsi(2) < 10', 'rsi(2) > 70', None, None, None), id='pine_close_above_and_rsi'),
    pytest.param('//@version=5\nstrategy("Donchian")\nlen = input.int(20)\nup = ta.highest(high, len)[1]\ndn = ta.lowest(low, len)[1]\nif close > up\n    strategy.entry("L", strategy.long)\nif close < dn\n    strategy.close("L")\n',
                 ('long_only', 'close > highest(20)', 'close < lowest(20)', None, None, None), id='pine_highest_breakout'),
    pytest.param('Inputs: Length(20), NumDevs(2);\nVars: UpperBand(0), LowerBand(0);\nLowerBand = BollingerBand(Close, Length, -NumDevs);\nUpperBand = BollingerBand(Close, Length, NumDevs);\nCondition1 = Close crosses over LowerBand;\nIf Condition1 then Buy ("BBandLE") next bar at market;\nIf Close crosses under UpperBand then Sell ("BBandLX") next bar at market;\n',
                 ('long_only', 'close crosses_above bbands(20, 2).lower', 'close crosses_below bbands(20, 2).upper', None, None, None), id='el_condition'),
    pytest.param('Inputs: FastLen(5), SlowLen(20);\nIf MarketPosition = 0 and XAverage(Close, FastLen) > XAverage(Close, SlowLen) then Buy next bar at market;\nIf MarketPosition = 1 and XAverage(Close, FastLen) < XAverage(Close, SlowLen) then Sell next bar at market;\nSetStopLoss(250);\nSetProfitTarget(500);\n',
                 ('long_only', 'ema(5) > ema(20)', 'ema(5) < ema(20)', None, None, None), id='el_stops'),
    pytest.param('input price = close;\ninput length = 50;\ndef avg = ExpAverage(price, length);\ndef buySignal = price crosses above avg;\ndef sellSignal = price crosses below avg;\nAddOrder(OrderType.BUY_AUTO, buySignal, name = "LE");\nAddOrder(OrderType.SELL_AUTO, sellSignal, name = "SE");\n',
                 ('long_short', 'close crosses_above ema(50)', 'close crosses_below ema(50)', 'close crosses_below ema(50)', None, None), id='thinkscript_def'),
    pytest.param('Period = Optimize("Period", 14, 5, 30, 1);\nBuy = RSI(Period) < 30 AND C > EMA(C, 200);\nSell = RSI(Period) > 70;\nShort = 0; Cover = 0;\nApplyStop(stopTypeLoss, stopModePercent, 8, 1);\n',
                 ('long_only', 'rsi(14) < 30 and close > ema(200)', 'rsi(14) > 70', None, 0.08, None), id='afl_ema_rsi'),
    pytest.param("class BB(bt.Strategy):\n    params = (('period', 20), ('devfactor', 2.0))\n    def __init__(self):\n        self.bb = bt.indicators.BollingerBands(self.data.close, period=self.p.period, devfactor=self.p.devfactor)\n    def next(self):\n        if not self.position:\n            if self.data.close[0] < self.bb.lines.bot[0]:\n                self.buy()\n        else:\n            if self.data.close[0] > self.bb.lines.mid[0]:\n                self.close()\n",
                 ('long_only', 'close < bbands(20, 2).lower', 'close > bbands(20, 2).middle', None, None, None), id='bt_bbands'),
    pytest.param("import vectorbt as vbt\nprice = vbt.YFData.download('BTC-USD').get('Close')\nfast_ma = vbt.MA.run(price, 10)\nslow_ma = vbt.MA.run(price, 50)\nentries = fast_ma.ma_crossed_above(slow_ma)\nexits = fast_ma.ma_crossed_below(slow_ma)\npf = vbt.Portfolio.from_signals(price, entries, exits, init_cash=100)\n",
                 ('long_only', 'sma(10) crosses_above sma(50)', 'sma(10) crosses_below sma(50)', None, None, None), id='vectorbt'),
    pytest.param('rsi = vbt.RSI.run(close, window=14)\nentries = rsi.rsi_crossed_below(30)\nexits = rsi.rsi_crossed_above(70)\npf = vbt.Portfolio.from_signals(close, entries, exits)\n',
                 ('long_only', 'rsi(14) crosses_below 30', 'rsi(14) crosses_above 70', None, None, None), id='vectorbt_rsi'),
    pytest.param("df['ema12'] = df['Close'].ewm(span=12, adjust=False).mean()\ndf['ema26'] = df['Close'].ewm(span=26, adjust=False).mean()\ndf['buy'] = (df['ema12'] > df['ema26']) & (df['ema12'].shift(1) <= df['ema26'].shift(1))\ndf['sell'] = (df['ema12'] < df['ema26']) & (df['ema12'].shift(1) >= df['ema26'].shift(1))\n",
                 ('long_only', 'ema(12) crosses_above ema(26)', 'ema(12) crosses_below ema(26)', None, None, None), id='pandas_ewm_shift'),
    pytest.param("data['SMA20'] = data['Close'].rolling(window=20).mean()\ndata['Signal'] = np.where(data['Close'] > data['SMA20'], 1, -1)\n",
                 ('long_short', 'close > sma(20)', 'close < sma(20)', 'close <= sma(20)', None, None), id='pandas_signal_where'),
    pytest.param('protected override void OnBarUpdate()\n{\n    if (CrossAbove(SMA(Fast), SMA(Slow), 1))\n        EnterLong();\n    else if (CrossBelow(SMA(Fast), SMA(Slow), 1))\n        EnterShort();\n}\nFast = 10;\nSlow = 25;\n',
                 ('long_short', 'sma(10) crosses_above sma(25)', 'sma(10) crosses_below sma(25)', 'sma(10) crosses_below sma(25)', None, None), id='ninjascript'),
    pytest.param('input int InpMAPeriod = 50;\nint maHandle;\nint OnInit() { maHandle = iMA(_Symbol, _Period, InpMAPeriod, 0, MODE_SMA, PRICE_CLOSE); return(INIT_SUCCEEDED); }\nvoid OnTick()\n{\n   double ma[];\n   CopyBuffer(maHandle, 0, 0, 2, ma);\n   double price = iClose(_Symbol, _Period, 0);\n   if(price > ma[0] && PositionsTotal() == 0) trade.Buy(0.1);\n   if(price < ma[0] && PositionsTotal() > 0) trade.PositionClose(_Symbol);\n}\n',
                 ('long_only', 'close > sma(50)', 'close < sma(50)', None, None, None), id='mql5_trade'),
    pytest.param('add.indicator(strategy = strat, name = "RSI", arguments = list(price = quote(Cl(mktdata)), n = 2), label = "RSI2")\nadd.signal(strategy = strat, name = "sigThreshold", arguments = list(column = "RSI2", threshold = 10, relationship = "lt", cross = TRUE), label = "longEntry")\nadd.signal(strategy = strat, name = "sigThreshold", arguments = list(column = "RSI2", threshold = 70, relationship = "gt", cross = TRUE), label = "longExit")\nadd.rule(strategy = strat, name = "ruleSignal", arguments = list(sigcol = "longEntry", sigval = TRUE, orderqty = 100, ordertype = "market", orderside = "long"), type = "enter")\nadd.rule(strategy = strat, name = "ruleSignal", arguments = list(sigcol = "longExit", sigval = TRUE, orderqty = "all", ordertype = "market", orderside = "long"), type = "exit")\n',
                 ('long_only', 'rsi(2) crosses_below 10', 'rsi(2) crosses_above 70', None, None, None), id='quantstrat_threshold'),

]


@pytest.mark.parametrize("code, expected", PLATFORMS)
def test_platform_code_reads_as_its_rules(spec_of, code, expected):
    if expected is None:
        with pytest.raises(NoStrategyFound):
            spec_of(code)
        return
    spec = spec_of(code)
    got = (spec.direction, str(spec.entry) if spec.entry else None, str(spec.exit) if spec.exit else None,
           str(spec.short_entry) if spec.short_entry else None, spec.risk.stop_loss, spec.risk.take_profit)
    assert got == expected


def test_expressions_parse_into_trees_without_running_them():
    assert parse("__import__('os').system('x')")[0] == "call"  # read as a call, never run
    assert parse("a crosses below b") == ("cross", "below", ("name", "a"), ("name", "b"))
    assert parse("x[1] < y[1] and x > y")[0] == "and"
    assert parse("if x then") is None and parse("") is None
    assert [k for k, _ in tokens("f(1, 'a')")] == ["name", "op", "num", "op", "str", "op"]


def test_rules_land_on_the_action_line_and_the_if_heads_read_empty():
    code = "fast = ta.sma(close, 5)\nslow = ta.sma(close, 25)\nif fast > slow\n    strategy.entry('L', strategy.long)\n"
    r = read_code(code)
    head, action = code.index("if fast"), code.index("strategy.entry")
    assert r.rewrites == {head: "", action: "buy when sma(close, 5) > sma(close, 25)."}
    assert r.rules == [("buy", "sma(close, 5) > sma(close, 25)")]


def test_a_bound_name_that_spells_a_price_is_its_value_not_the_price():
    r = read_code("params = (('low', 25),)\nself.r = bt.ind.RSI(period=4)\nif self.r < self.p.low:\n    self.buy()\n")
    assert r.rules == [("buy", "rsi(4) < 25")]


def test_table_indicators_beyond_foa_s_ten_are_named_for_the_grammar(spec_of):
    spec = spec_of("a = ta.adx(14)\nm = ta.ema(close, 40)\nif a > 25 and close > m\n    strategy.entry('L', strategy.long)\n"
                   "if close < m\n    strategy.close('L')\n")
    assert str(spec.entry) == "adx(14) > 25 and close > ema(40)"


def test_a_plain_sma_plus_k_stdev_is_a_bollinger_band():
    r = read_code("basis = ta.sma(close, 30)\ndev = ta.stdev(close, 30)\nup = basis + 2.5 * dev\n"
                  "if close > up\n    strategy.entry('L', strategy.long)\n")
    assert r.rules == [("buy", "close > the upper bollinger band(30, 2.5)")]


def test_position_guards_give_the_side_of_a_close():
    r = read_code("double v = NormalizeDouble(arr[0], 2);\nint h = iRSI(_Symbol, _Period, 9, PRICE_CLOSE);\n"
                  "CopyBuffer(h, 0, 0, 3, arr);\nif (PositionType == POSITION_TYPE_SELL)\n{\n   if (v < 35)\n   {\n"
                  "      trade.PositionClose(ticket);\n   }\n}\n")
    assert [role for role, _ in r.rules] == ["cover"]


def test_prose_is_not_code():
    assert not looks_like_code("Buy when the RSI falls below 30.\nSell when it rises above 70.")
    assert read_code("If the average turns up then buy next bar at market.").rules == []


def test_a_function_returning_its_condition_is_that_condition():
    code = ("bool isEntry()\n{\n   double r = iRSI(NULL, 0, 6, PRICE_CLOSE, 0);\n   if (r < 12)\n   {\n      return true;\n   }\n"
            "   return false;\n}\nvoid OnTick()\n{\n   if (isEntry())\n      OrderSend(Symbol(), OP_BUY, 1, Ask, 3, 0, 0);\n}\n")
    assert read_code(code).rules == [("buy", "rsi(6) < 12")]


def test_mql4_modes_pick_outputs_and_the_last_argument_is_the_bar_shift():
    code = ("double up = iBands(NULL, 0, 24, 2.5, 0, PRICE_CLOSE, MODE_UPPER, 1);\n"
            "double a1 = iADX(NULL, 0, 10, PRICE_CLOSE, MODE_MAIN, 1);\ndouble a2 = iADX(NULL, 0, 10, PRICE_CLOSE, MODE_MAIN, 2);\n"
            "if (Close[1] > up && a1 > a2)\n   OrderSend(Symbol(), OP_SELL, 1, Bid, 3, 0, 0);\n")
    # a1 > a2 compares one series on two bars: a change, not a level, so it is not read as "adx > adx"
    assert read_code(code).rules == [("short", "close > the upper bollinger band(24, 2.5)")]


def test_settings_helpers_and_order_calls_naming_their_side():
    code = ('local n = get_setting("n", "integer", 9)\nlocal lo = get_setting("lo", "integer", 22)\n'
            'function on_bar(bar)\n    local r = indicator("rsi", n)\n    if r < lo then\n'
            '        execute_market_order(sym, 1, "buy")\n    end\nend\n')
    assert read_code(code).rules == [("buy", "rsi(9) < 22")]


def test_a_stop_order_after_the_entry_is_the_stop_loss(spec_of):
    spec = spec_of("class S(bt.Strategy):\n    def __init__(self):\n        self.m = bt.ind.EMA(period=30)\n"
                   "    def next(self):\n        if not self.position and self.data.close[0] > self.m[0]:\n            self.buy()\n"
                   "            self.sell(exectype=bt.Order.Stop, price=self.data.close[0] * 0.96)\n"
                   "        elif self.position and self.data.close[0] < self.m[0]:\n            self.close()\n")
    assert spec.direction == "long_only" and str(spec.entry) == "close > ema(30)"
    assert spec.risk.stop_loss == pytest.approx(0.04)


def test_jesse_properties_filters_and_position_updates(spec_of):
    code = ("class X(Strategy):\n    @property\n    def fast(self):\n        return ta.ema(self.candles, 15)\n"
            "    @property\n    def slow(self):\n        return ta.ema(self.candles, 45)\n"
            "    @property\n    def side(self):\n        if self.fast > self.slow:\n            return 1\n        else:\n            return -1\n"
            "    def above_cloud(self):\n        return self.close > self.cloud.span_a\n"
            "    @property\n    def cloud(self):\n        return ta.ichimoku_cloud(self.candles)\n"
            "    def filters(self):\n        return [self.above_cloud]\n"
            "    def should_long(self) -> bool:\n        return self.side == 1\n"
            "    def should_short(self) -> bool:\n        return False\n"
            "    def update_position(self):\n        if self.side == -1:\n            self.liquidate()\n")
    r = read_code(code)
    assert [role for role, _ in r.rules] == ["buy", "sell"]
    assert r.rules[0][1] == "ema(close, 15) > ema(close, 45) and close > ichimoku cloud span a"
    spec = spec_of(code)
    # the filter on the cloud's span A is read on Ichimoku's midprice lines (TA-Lib's defaults 9, 26, 52)
    assert spec.direction == "long_only" and str(spec.entry) == "ema(15) > ema(45) and close > (midprice(9)[26] + midprice(26)[26]) / 2"


def test_a_signal_function_without_order_code_gives_the_entry():
    code = ("def scan(self):\n    f, s, h = talib.MACD(px, fastperiod=8, slowperiod=30, signalperiod=5)\n    f = f.dropna()\n"
            "    if f.iat[-1] > s.iat[-1] and f.iat[-2] < s.iat[-2]:\n        return True\n    return False\n")
    assert read_code(code).rules == [("buy", "macd(8, 30, 5) crosses above its signal line")]


def test_backtrader_signal_lines_and_the_feed_named_data(spec_of):
    spec = spec_of("class Sig(bt.Signal):\n    params = (('n', 35),)\n    def __init__(self):\n"
                   "        self.lines.signal = self.data - bt.ind.EMA(period=self.p.n)\n"
                   "data = bt.feeds.PandasData(dataname=frame)\ncerebro.adddata(data)\ncerebro.add_signal(bt.SIGNAL_LONG, Sig)\n")
    assert spec.direction == "long_only" and str(spec.entry) == "close > ema(35)"


def test_code_parts_foa_cannot_hold_are_listed_not_dropped(spec_of):
    code = ('//@version=5\nstrategy("x")\nopenHours = not na(time(timeframe.period, "1000-1500"))\n'
            "f = ta.ema(close, 12)\ns = ta.ema(close, 36)\nif ta.crossover(f, s) and openHours\n"
            '    strategy.entry("L", strategy.long, qty=strategy.equity * 0.01 / ta.atr(14))\n'
            'if ta.crossunder(f, s)\n    strategy.close("L")\nstrategy.exit("T", "L", trail_points=40, trail_offset=5)\n')
    spec = spec_of(code)
    assert str(spec.entry) == "ema(12) crosses_above ema(36)"
    assert {u.what for u in spec.unsupported} >= {"time-of-day or session filter", "position sizing rule", "trailing stop"}
    assert all(u.quote in code for u in spec.unsupported)  # each quoted from its own line


def test_numpy_statistics_of_a_zipline_history_are_band_parts():
    code = ("def handle_data(context, data):\n    px = data.history(context.a, 'price', 30, '1d')\n"
            "    now = data.current(context.a, 'price')\n    m = np.mean(px)\n    sd = np.std(px)\n"
            "    if now < m - sd * 1.5:\n        order_target_percent(context.a, 1.0)\n")
    assert read_code(code).rules == [("buy", "close < the lower bollinger band(30, 1.5)")]


def test_user_functions_that_place_one_order_give_their_side():
    code = ("int goShort()\n{\n   return OrderSend(Symbol(), OP_SELL, 1, Bid, 3, 0, 0);\n}\nint goLong()\n{\n"
            "   return OrderSend(Symbol(), OP_BUY, 1, Ask, 3, 0, 0);\n}\nvoid OnTick()\n{\n"
            "   double r = iRSI(NULL, 0, 3, PRICE_CLOSE, 0);\n   if (r > 88) goShort();\n   if (r < 12) goLong();\n}\n")
    assert read_code(code).rules == [("short", "rsi(3) > 88"), ("buy", "rsi(3) < 12")]


def test_backtesting_py_exclusive_orders_make_sell_a_short():
    code = ("class C(Strategy):\n    def init(self):\n        self.a = self.I(SMA, self.data.Close, 8)\n"
            "        self.b = self.I(SMA, self.data.Close, 21)\n    def next(self):\n        if crossover(self.a, self.b):\n"
            "            self.buy()\n        elif crossover(self.b, self.a):\n            self.sell()\n"
            "bt = Backtest(DATA, C, exclusive_orders=True)\n")
    assert [role for role, _ in read_code(code).rules] == ["buy", "short"]


def test_easylanguage_dollar_stops_are_listed(spec_of):
    spec = spec_of("Inputs: Len(30);\nIf Close crosses over Average(Close, Len) then Buy next bar at market;\n"
                   "If Close crosses under Average(Close, Len) then Sell next bar at market;\nSetStopLoss(400);\n")
    assert str(spec.entry) == "close crosses_above sma(30)" and spec.risk.stop_loss is None
    assert "stop or target in currency units" in {u.what for u in spec.unsupported}


def test_pine_functions_and_lines_continued_after_an_operator():
    code = ('//@version=4\nstrategy("f")\nn = input(defval=15, title="n")\nf = ema(hl2, n)\ns = ema(hl2, n * 4)\n'
            "goIn() =>\n    crossover(f, s) and\n       time > timestamp(2019, 1, 1, 0, 0)\ngoOut() =>\n    crossunder(f, s)\n"
            'strategy.entry(id="L", long=strategy.long, when=goIn())\nstrategy.close(id="L", when=goOut())\n')
    r = read_code(code)
    assert r.rules == [("buy", "ema(close, 15) crosses above ema(close, 60)"), ("sell", "ema(close, 15) crosses below ema(close, 60)")]
    assert not r.gaps  # a backtest start date is no time-of-day filter


def test_r_ifelse_signals_quantmod_prices_and_dict_parameters():
    r = read_code("m1 <- SMA(Cl(stk), 20)\nm2 <- SMA(Cl(stk), 120)\nsig <- Lag(ifelse(m1 > m2, 1, 0))\n")
    assert r.rules == [("buy", "sma(close, 20) > sma(close, 120)")]
    r = read_code("self.params = {'n': 9, 'lo': 22}\nr = ta.RSI(df['close'], timeperiod=self.params['n'])\n"
                  "signals = pd.Series(0, index=df.index)\nsignals[r < self.params['lo']] = 1\n")
    assert r.rules == [("buy", "rsi(9) < 22")]


def test_a_state_variable_the_code_keeps_updating_is_no_level():
    code = ("class S(bt.Strategy):\n    def __init__(self):\n        self.m = bt.ind.SMA(period=40)\n        self.trail = 0\n"
            "    def next(self):\n        d = self.data\n        if not self.position:\n            if d.close[0] > self.m[0]:\n"
            "                self.buy()\n                self.trail = d.close[0] * 0.9\n        else:\n"
            "            if d.close[0] < self.trail:\n                self.sell()\n")
    assert read_code(code).rules == [("buy", "close > sma(close, 40)")]


@pytest.mark.parametrize("code", [
    pytest.param('//@version=5\nindicator("alerts", overlay=true)\nf = ta.sma(close, 9)\ns = ta.sma(close, 21)\n'
                 'plotshape(ta.crossover(f, s), style=shape.triangleup)\nalertcondition(ta.crossover(f, s), title="up")\n'
                 "bgcolor(close > s ? color.green : na)\n", id="pine-indicator-alerts"),
    pytest.param("class T(IStrategy):\n    stoploss = -0.10\n    def populate_indicators(self, dataframe, metadata):\n"
                 "        dataframe['rsi'] = ta.RSI(dataframe)\n        return dataframe\n"
                 "    def populate_entry_trend(self, dataframe, metadata):\n        dataframe.loc[\n            (\n"
                 "                (dataframe['volume'] > 0)\n            ),\n            'enter_long'] = 1\n", id="freqtrade-template"),
    pytest.param("def is_oversold(close):\n    r = talib.RSI(close, timeperiod=14)\n    if r[-1] < 30:\n        return True\n"
                 "    return False\n", id="indicator-helper"),
])
def test_code_without_a_trading_rule_stays_refused(spec_of, code):
    with pytest.raises(NoStrategyFound):
        spec_of(code)


def test_an_exit_stop_k_atrs_from_the_entry_is_the_atr_stop(spec_of):
    spec = spec_of('//@version=5\nstrategy("atr")\na = ta.atr(10)\nif ta.crossover(ta.ema(close, 20), ta.ema(close, 50))\n'
                   '    strategy.entry("L", strategy.long)\nstrategy.exit("X", "L", stop=strategy.position_avg_price - 3 * a)\n')
    assert (spec.risk.atr_stop.window, spec.risk.atr_stop.multiple) == (10, 3.0)


def test_a_condition_part_the_reader_cannot_say_is_listed_with_its_if_head(spec_of):
    code = ("class S(bt.Strategy):\n    def __init__(self):\n        self.m = bt.ind.SMA(period=40)\n    def next(self):\n"
            "        if self.data.close[0] > self.m[0] and self.data.close[0] > self.data.close[-1]:\n            self.buy()\n"
            "        elif self.data.close[0] < self.m[0]:\n            self.close()\n")
    spec = spec_of(code)
    assert str(spec.entry) == "close > sma(40)"
    gap = next(u for u in spec.unsupported if u.what == "a condition in the code foa cannot read")
    assert gap.quote.startswith("if self.data.close[0] > self.m[0]")
