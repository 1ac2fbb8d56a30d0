"""Hand-written backtest loops and pandas cells: the idioms of scripts that trade by a loop over bars.

- a position state held as a word (``position = 'buy'``, ``pos = "long"``, ``side = ''``) under a condition
  enters, exits or shorts by what the word holds;
- a pandas cell read by label or position (``df.loc[df.index[i], 'rsi']``, ``df.at[i - 1, 'sma']``,
  ``df.iloc[i]['rsi']``, ``frame.loc[day, ticker]`` for a frame filled column by column) is that column;
- one output of an indicator that returns several (``talib.MACD(c)[1]``, ``macd(df)['signal']``), also inside
  backtesting.py's ``self.I(lambda x: ..., close)``;
- the bars a download asks for (``yf.download(t, interval='1wk')``) are the rule's bars.

Each class has snippets in several styles, and look-alikes that trade nothing must stay refused.
"""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound


def _rule(spec) -> tuple:
    return (spec.direction, str(spec.entry) if spec.entry else None, str(spec.exit) if spec.exit else None,
            str(spec.short_entry) if spec.short_entry else None)


# ---------------------------------------------------------------- position state as a word

_WORD_STATES = [
    # a frame column read by .iloc, the state '' / 'buy'
    ("df = load('spy.csv')\ndf['ma'] = df['close'].rolling(40).mean()\nposition = ''\nfor i in range(len(df)):\n"
     "    if df['close'].iloc[i] > df['ma'].iloc[i] and position != 'buy':\n        position = 'buy'\n"
     "    elif df['close'].iloc[i] < df['ma'].iloc[i] and position == 'buy':\n        position = ''\n",
     ("long_only", "close > sma(40)", "close < sma(40)", None)),
    # "long" / "flat", RSI from TA-Lib, double quotes
    ("prices = pd.read_csv('qqq.csv')\nprices['r'] = talib.RSI(prices['close'], timeperiod=9)\npos = \"flat\"\n"
     "for i in range(1, len(prices)):\n    if pos == \"flat\" and prices['r'][i] < 25:\n        pos = \"long\"\n"
     "    elif pos == \"long\" and prices['r'][i] > 65:\n        pos = \"flat\"\n",
     ("long_only", "rsi(9) < 25", "rsi(9) > 65", None)),
    # "long" / "short": both sides held in turn
    ("data = get_prices('EURUSD')\ndata['ema'] = data['Close'].ewm(span=30).mean()\ncurrent_position = None\n"
     "for i in range(len(data)):\n    if data['Close'][i] > data['ema'][i] and current_position != 'long':\n"
     "        current_position = 'long'\n    elif data['Close'][i] < data['ema'][i] and current_position != 'short':\n"
     "        current_position = 'short'\n",
     ("long_short", "close > ema(30)", "close < ema(30)", "close < ema(30)")),
    # 'buy' then 'sell': a sell state leaves the long
    ("hist['fast'] = hist['Adj Close'].rolling(10).mean()\nhist['slow'] = hist['Adj Close'].rolling(50).mean()\n"
     "position = 'none'\nfor i in range(len(hist)):\n    if hist['fast'][i] > hist['slow'][i] and position != 'buy':\n"
     "        position = 'buy'\n    elif hist['fast'][i] < hist['slow'][i] and position == 'buy':\n        position = 'sell'\n",
     ("long_only", "sma(10) > sma(50)", "sma(10) < sma(50)", None)),
    # a while loop, the exit first in the text
    ("bars = fetch('AAPL')\nbars['hi'] = bars['high'].rolling(20).max()\nbars['lo'] = bars['low'].rolling(10).min()\n"
     "in_position = 'out'\ni = 0\nwhile i < len(bars):\n    if in_position == 'in' and bars['close'][i] < bars['lo'][i - 1]:\n"
     "        in_position = 'out'\n    elif in_position == 'out' and bars['close'][i] > bars['hi'][i - 1]:\n"
     "        in_position = 'in'\n    i += 1\n",
     ("long_only", "close > highest(20)", "close < lowest(10)", None)),
]


@pytest.mark.parametrize("code, want", _WORD_STATES)
def test_a_position_state_held_as_a_word_enters_and_exits(spec_of, code, want):
    assert _rule(spec_of(code)) == want


_NO_TRADE_LOOPS = [
    # a regime label per bar, never a position
    "labels = []\nfor i in range(len(df)):\n    if df['close'][i] > df['ma50'][i]:\n        regime = 'bull'\n"
    "    else:\n        regime = 'bear'\n    labels.append(regime)\n",
    # a loop that only counts how often the RSI sat low
    "df['rsi'] = talib.RSI(df['close'], 14)\ncount = 0\nfor i in range(len(df)):\n    if df.loc[df.index[i], 'rsi'] < 30:\n"
    "        count += 1\nprint('oversold days', count)\n",
    # a status string for a chart label, set under a condition
    "df['sma'] = df['close'].rolling(50).mean()\nfor i in range(len(df)):\n    if df.at[i, 'close'] > df.at[i, 'sma']:\n"
    "        status = 'above'\n    else:\n        status = 'below'\n    ax.annotate(status, (i, df.at[i, 'close']))\n",
]


@pytest.mark.parametrize("code", _NO_TRADE_LOOPS)
def test_a_loop_that_holds_no_position_stays_refused(spec_of, code):
    with pytest.raises(NoStrategyFound):
        spec_of(code)


# ---------------------------------------------------------------- pandas cells

_CELLS = [
    ("df.loc[df.index[i], 'rsi']", "df.loc[df.index[i], 'rsi']"),
    ("df.loc[i, 'rsi']", "df.loc[i, 'rsi']"),
    ("df.at[df.index[i], 'rsi']", "df.at[i, 'rsi']"),
    ("df.iloc[i]['rsi']", "df.loc[i]['rsi']"),
    ("df.at[i - 1, 'rsi']", "df.loc[df.index[i - 1], 'rsi']"),
]


@pytest.mark.parametrize("enter, leave", _CELLS)
def test_a_pandas_cell_is_its_column(spec_of, enter, leave):
    code = ("df = yf.download('SPY')\ndf['rsi'] = talib.RSI(df['Close'], timeperiod=11)\nposition = ''\n"
            f"for i in range(1, len(df)):\n    if {enter} < 35 and position != 'buy':\n        position = 'buy'\n"
            f"    elif {leave} > 75 and position == 'buy':\n        position = ''\n")
    assert _rule(spec_of(code))[:3] == ("long_only", "rsi(11) < 35", "rsi(11) > 75")


def test_a_frame_filled_by_ticker_is_read_by_its_loop_variable(spec_of):
    code = ("tickers = ['MSFT', 'NVDA']\nr = pd.DataFrame()\nfor tk in tickers:\n"
            "    r[tk] = talib.RSI(ohlc[tk]['Close'], timeperiod=6)\nfor tk in tickers:\n    position = ''\n"
            "    for i in range(len(r)):\n        if r.loc[r.index[i], tk] < 20 and position != 'buy':\n"
            "            position = 'buy'\n        elif r.loc[r.index[i], tk] > 60 and position == 'buy':\n"
            "            position = ''\n")
    assert _rule(spec_of(code))[:3] == ("long_only", "rsi(6) < 20", "rsi(6) > 60")


def test_a_column_named_by_an_expression_is_the_series_stored_under_it(spec_of):
    code = ("lines = pd.DataFrame()\nfor t in tickers:\n    lines['m' + t] = talib.MACD(px[t]['Close'], 8, 21, 5)[0]\n"
            "    lines['s'+t] = talib.MACD(px[t]['Close'], 8, 21, 5)[1]\nfor t in tickers:\n    position = ''\n"
            "    for i in range(len(lines)):\n"
            "        if lines.loc[lines.index[i], 'm' + t] > lines.loc[lines.index[i], 's'+t] and position != 'long':\n"
            "            position = 'long'\n"
            "        elif lines.loc[lines.index[i], 'm' + t] < lines.loc[lines.index[i], 's'+t] and position == 'long':\n"
            "            position = ''\n")
    assert _rule(spec_of(code))[:3] == ("long_only", "macd(8, 21, 5).macd > macd(8, 21, 5).signal",
                                        "macd(8, 21, 5).macd < macd(8, 21, 5).signal")


# ---------------------------------------------------------------- one output of several

_OUTPUTS = [
    # backtesting.py with lambdas over TA-Lib
    ("class M(Strategy):\n    def init(self):\n        c = self.data.Close\n"
     "        self.m = self.I(lambda x: talib.MACD(x, 12, 26, 9)[0], c)\n"
     "        self.s = self.I(lambda x: talib.MACD(x, 12, 26, 9)[1], c)\n    def next(self):\n"
     "        if crossover(self.m, self.s):\n            self.buy()\n        elif crossover(self.s, self.m):\n"
     "            self.position.close()\n",
     ("long_only", "macd(12, 26, 9).macd crosses_above macd(12, 26, 9).signal",
      "macd(12, 26, 9).macd crosses_below macd(12, 26, 9).signal", None)),
    # the lower band by its position in TA-Lib's answer, a sell that reverses (exclusive orders)
    ("class B(Strategy):\n    def init(self):\n        self.lo = self.I(lambda p: talib.BBANDS(p, 20, 2, 2)[2], self.data.Close)\n"
     "        self.up = self.I(lambda p: talib.BBANDS(p, 20, 2, 2)[0], self.data.Close)\n    def next(self):\n"
     "        if self.data.Close[-1] < self.lo[-1]:\n            self.buy()\n        elif self.data.Close[-1] > self.up[-1]:\n"
     "            self.sell()\nbt = Backtest(df, B, exclusive_orders=True)\n",
     ("long_short", "close < bbands(20, 2).lower", "close > bbands(20, 2).lower", "close > bbands(20, 2).upper")),
    # a histogram by position, read in a plain loop
    ("h = talib.MACD(df['close'], 12, 26, 9)[2]\npos = 0\nfor i in range(len(df)):\n    if h[i] > 0 and pos == 0:\n"
     "        pos = 1\n    elif h[i] < 0 and pos == 1:\n        pos = 0\n",
     ("long_only", "macd(12, 26, 9).hist > 0", "macd(12, 26, 9).hist < 0", None)),
    # a column of a frame-returning helper named by its key
    ("def macd(df, fast=12, slow=26, signal=9):\n    out = pd.DataFrame()\n    return out\n"
     "sig = macd(df)['signal']\nline = macd(df)['macd']\nif line.iloc[-1] > sig.iloc[-1]:\n    broker.buy('SPY', 10)\n"
     "elif line.iloc[-1] < sig.iloc[-1]:\n    broker.sell('SPY', 10)\n",
     ("long_only", "macd(12, 26, 9).macd > macd(12, 26, 9).signal", "macd(12, 26, 9).macd < macd(12, 26, 9).signal", None)),
    # the stochastic's %D by position
    ("class S(Strategy):\n    def init(self):\n        h, l, c = self.data.High, self.data.Low, self.data.Close\n"
     "        self.k = self.I(lambda: talib.STOCH(h, l, c, 14, 3, 0, 3, 0)[0])\n"
     "        self.d = self.I(lambda: talib.STOCH(h, l, c, 14, 3, 0, 3, 0)[1])\n    def next(self):\n"
     "        if crossover(self.k, self.d) and self.k[-1] < 20:\n            self.buy()\n"
     "        elif crossover(self.d, self.k):\n            self.position.close()\n",
     ("long_only", None, None, None)),
]


@pytest.mark.parametrize("code, want", _OUTPUTS[:4])
def test_one_output_of_several_is_that_line(spec_of, code, want):
    assert _rule(spec_of(code)) == want


def test_the_stochastics_outputs_by_position_are_k_and_d(spec_of):
    spec = spec_of(_OUTPUTS[4][0])
    assert spec.direction == "long_only"
    assert str(spec.entry).startswith("stoch(") and ".slowk crosses_above " in str(spec.entry) and ".slowd" in str(spec.entry)


_NO_TRADE_OUTPUTS = [
    # an indicator library returning the three MACD lines: computes, trades nothing
    "def macd_lines(close):\n    line = talib.MACD(close, 12, 26, 9)[0]\n    signal = talib.MACD(close, 12, 26, 9)[1]\n"
    "    return line, signal\n",
    # a backtesting.py template whose next() is empty
    "class Template(Strategy):\n    def init(self):\n        self.m = self.I(lambda x: talib.MACD(x)[0], self.data.Close)\n"
    "    def next(self):\n        pass\n",
    # a plot of the bands, no order
    "up = talib.BBANDS(c, 20, 2, 2)[0]\nlo = talib.BBANDS(c, 20, 2, 2)[2]\nplt.plot(c)\nplt.fill_between(idx, lo, up)\n",
]


@pytest.mark.parametrize("code", _NO_TRADE_OUTPUTS)
def test_outputs_computed_but_never_traded_stay_refused(spec_of, code):
    with pytest.raises(NoStrategyFound):
        spec_of(code)


# ---------------------------------------------------------------- bars of a download

@pytest.mark.parametrize("call, freq", [
    ("yf.download('SPY', start, end, interval='1d')", "daily"),
    ("yf.download(tickers, start=s, end=e, interval = \"1wk\")", "weekly"),
    ("yf.Ticker('QQQ').history(period='10y', interval='1mo')", "monthly"),
    ("exchange.fetch_ohlcv('BTC/USDT', timeframe='1d', limit=500)", "daily"),
    ("pdr.get_data_yahoo('IWM', start, end, interval='1wk')", "weekly"),
])
def test_the_bars_a_download_asks_for_are_the_rules_bars(spec_of, call, freq):
    code = (f"df = {call}\ndf['sma'] = df['Close'].rolling(30).mean()\nposition = ''\nfor i in range(len(df)):\n"
            "    if df['Close'][i] > df['sma'][i] and position != 'buy':\n        position = 'buy'\n"
            "    elif df['Close'][i] < df['sma'][i] and position == 'buy':\n        position = ''\n")
    assert spec_of(code).frequency == freq


# ---------------------------------------------------------------- signal objects a method returns

_SIGNAL_RETURNS = [
    # TypeScript class method, a static factory
    ("export class Trend {\n  period(closes: number[]): Signal | undefined {\n    const ema = ta.ema(closes, 50);\n"
     "    const price = closes[closes.length - 1];\n    if (price > ema) {\n      return Signal.create('long');\n    }\n"
     "    if (price < ema) {\n      return Signal.create('short');\n    }\n  }\n}\n",
     ("long_short", "close > ema(50)", "close < ema(50)", "close < ema(50)")),
    # JavaScript async method, a constructor, an exit by 'close'
    ("class RsiStrategy {\n  async onCandle(candles) {\n    const rsi = talib.RSI(candles.close, 14);\n    if (rsi < 30) {\n"
     "      return new Signal('buy');\n    }\n    if (rsi > 70) {\n      return new Signal('close');\n    }\n  }\n}\n",
     ("long_only", "rsi(14) < 30", "rsi(14) > 70", None)),
    # Python, a signal class named for the side
    ("class Sma(Strategy):\n    def check(self, df):\n        fast = df['close'].rolling(10).mean().iloc[-1]\n"
     "        slow = df['close'].rolling(40).mean().iloc[-1]\n        if fast > slow:\n            return TradeSignal(\"long\")\n"
     "        if fast < slow:\n            return TradeSignal(\"short\")\n",
     ("long_short", "sma(10) > sma(40)", "sma(10) < sma(40)", "sma(10) < sma(40)")),
    # a result object with the side first and data after it, the exit first
    ("export class Macd {\n  async period(closes: number[]): Promise<SignalResult | undefined> {\n"
     "    const [line, signal] = ta.macd(closes, 12, 26, 9);\n    if (line < signal) {\n"
     "      return SignalResult.createSignal('close', debug);\n    }\n    if (line > signal) {\n"
     "      return SignalResult.createSignal('long', debug);\n    }\n  }\n}\n",
     ("long_only", "macd(12, 26, 9).macd > macd(12, 26, 9).signal", "macd(12, 26, 9).macd < macd(12, 26, 9).signal", None)),
    # a helper method on self
    ("class Bands(Strategy):\n    def decide(self, c):\n        up, mid, lo = talib.BBANDS(c, 20, 2, 2)\n"
     "        if c[-1] < lo[-1]:\n            return self.make_signal('buy')\n        elif c[-1] > mid[-1]:\n"
     "            return self.make_signal('exit')\n",
     ("long_only", "close < bbands(20, 2).lower", "close > bbands(20, 2).middle", None)),
]


@pytest.mark.parametrize("code, want", _SIGNAL_RETURNS)
def test_a_signal_object_returned_under_a_condition_is_that_sides_rule(spec_of, code, want):
    assert _rule(spec_of(code)) == want


_NO_SIGNAL_RULES = [
    # a parser mapping a code letter to a side: no market condition
    "export function parseSide(code: string): Signal | undefined {\n  if (code === 'L') {\n    return Signal.create('long');\n"
    "  }\n  if (code === 'S') {\n    return Signal.create('short');\n  }\n  return undefined;\n}\n",
    # a constructor from a stored row
    "class Signal:\n    def __init__(self, side):\n        self.side = side\n\ndef from_row(row):\n"
    "    if row['side'] == 'B':\n        return Signal('buy')\n    return Signal('sell')\n",
    # an indicator class that computes and returns a number, no side
    "export class Rsi {\n  period(closes: number[]): number {\n    const rsi = ta.rsi(closes, 14);\n    if (rsi > 70) {\n"
    "      return 1;\n    }\n    return 0;\n  }\n}\n",
]


@pytest.mark.parametrize("code", _NO_SIGNAL_RULES)
def test_signal_objects_without_a_market_condition_stay_refused(spec_of, code):
    with pytest.raises(NoStrategyFound):
        spec_of(code)


# ---------------------------------------------------------------- bar objects and the bar before

_BAR_FIELDS = [
    # a JavaScript callback handed this bar and the previous one
    ("function strategy(bar, pre) {\n    if (bar.close > pre.close) {\n        return this.buy();\n    }\n"
     "    if (bar.close < pre.close) {\n        return this.sell();\n    }\n}\n",
     ("long_only", "close > close[1]", "close < close[1]", None)),
    # Python objects with getters, a cross of an average written by hand
    ("def next_bar(self, candle, prev_candle):\n    if candle.close > self.ema50 and prev_candle.close < self.ema50:\n"
     "        self.buy()\n    elif candle.close < self.ema50:\n        self.close()\ndef __init__(self):\n"
     "    self.ema50 = talib.EMA(self.closes, 50)\n",
     ("long_only", "close crosses_above ema(50)", "close < ema(50)", None)),
    # current and previous bars on self, a breakout of the bar before's high, the short below its low
    ("def on_bar(self):\n    if self.current_bar.close > self.previous_bar.high:\n        self.enter_long()\n"
     "    elif self.current_bar.close < self.previous_bar.low:\n        self.enter_short()\n",
     ("long_short", "close > high[1]", "close < high[1]", "close < low[1]")),
    # MetaTrader arrays: the last closed bar against the one before it
    ("void OnTick()\n{\n   if (Close[1] > High[2] && PositionsTotal() == 0)\n      trade.Buy(0.1);\n"
     "   if (Close[1] < Low[2])\n      trade.PositionClose(_Symbol);\n}\n",
     ("long_only", "close > high[1]", "close < low[1]", None)),
    # Pine, the open against yesterday's close, beside an RSI
    ("//@version=5\nstrategy('gap')\nr = ta.rsi(close, 2)\nif open > close[1] and r < 15\n    strategy.entry('L', strategy.long)\n"
     "if r > 60\n    strategy.close('L')\n",
     ("long_only", "open > close[1] and rsi(2) < 15", "rsi(2) > 60", None)),
]


@pytest.mark.parametrize("code, want", _BAR_FIELDS)
def test_a_bars_price_against_the_bar_before(spec_of, code, want):
    assert _rule(spec_of(code)) == want


_NO_BAR_RULES = [
    # an up-bar counter for a statistic, no order
    "ups = 0\nfor bar, pre in zip(bars[1:], bars[:-1]):\n    if bar.close > pre.close:\n        ups += 1\nprint(ups / len(bars))\n",
    # a candle colouring study
    "//@version=5\nindicator('up bars')\nbarcolor(close > close[1] ? color.green : color.red)\n",
    # an indicator's own change over bars is still no level foa holds alone
    "if rsi[0] > rsi[1]:\n    print('rising')\n",
]


@pytest.mark.parametrize("code", _NO_BAR_RULES)
def test_bar_comparisons_without_an_order_stay_refused(spec_of, code):
    with pytest.raises(NoStrategyFound):
        spec_of(code)


# ---------------------------------------------------------------- a script's own helpers, named for what they do

_HELPERS = [
    # an RSI written by hand, a helper's own local "rsi", orders asked for by a confirmation helper
    ("def calculate_rsi(prices, period=14):\n    rs = gain / loss\n    rsi = 100 - (100 / (1 + rs))\n    return rsi\n"
     "async def run():\n    while True:\n        prices = await fetch_closes(ticker)\n        rsi = calculate_rsi(prices)\n"
     "        if rsi < 22 and not already_bought:\n            await request_buy_confirmation(ticker, 1, prices[-1])\n"
     "        if rsi > 78 and already_bought:\n            await request_sell_confirmation(ticker, 1, prices[-1])\n",
     ("long_only", "rsi(14) < 22", "rsi(14) > 78", None)),
    # JavaScript: an average by a compute helper, the order by a go-helper
    ("function computeSMA(values, n) { return values.slice(-n).reduce((a, b) => a + b, 0) / n; }\n"
     "function onTick(closes) {\n  const sma = computeSMA(closes, 30);\n  const price = closes[closes.length - 1];\n"
     "  if (price > sma) {\n    goBuy();\n  } else if (price < sma) {\n    goSell();\n  }\n}\n",
     ("long_only", "close > sma(30)", "close < sma(30)", None)),
    # Python: a getter for the EMA, trigger helpers
    ("def get_ema(df, span):\n    return df['close'].ewm(span=span).mean()\n\ndef step(df):\n    fast = get_ema(df, 12).iloc[-1]\n"
     "    slow = get_ema(df, 48).iloc[-1]\n    if fast > slow:\n        trigger_buy_order(size=1)\n    elif fast < slow:\n"
     "        trigger_sell_order(size=1)\n",
     ("long_only", "ema(12) > ema(48)", "ema(12) < ema(48)", None)),
    # C#: an enter-helper named for the side and the position
    ("protected override void OnBar()\n{\n    double r = CalcRsi(Close, 7);\n    if (r < 15)\n        EnterBuyPosition();\n"
     "    if (r > 55)\n        ExitAll();\n}\n",
     ("long_only", "rsi(7) < 15", None, None)),
    # a helper that makes the order, the short side by its own name
    ("def my_atr(df, n=10):\n    return (df['high'] - df['low']).rolling(n).mean()\n\ndef on_bar(df):\n"
     "    hi = df['high'].rolling(20).max().iloc[-2]\n    lo = df['low'].rolling(20).min().iloc[-2]\n"
     "    if df['close'].iloc[-1] > hi:\n        make_buy_order()\n    elif df['close'].iloc[-1] < lo:\n        make_sell_order()\n",
     ("long_only", "close > highest(20)", "close < lowest(20)", None)),
]


@pytest.mark.parametrize("code, want", _HELPERS)
def test_helpers_named_for_what_they_compute_or_order(spec_of, code, want):
    got = _rule(spec_of(code))
    assert got[:2] == want[:2] and got[3] == want[3]
    if want[2] is not None:
        assert got[2] == want[2]


_NO_HELPER_RULES = [
    # an indicator helper printed, no order
    "def calculate_rsi(prices, period=14):\n    rs = gain / loss\n    return 100 - 100 / (1 + rs)\n\n"
    "print('RSI today:', calculate_rsi(closes))\n",
    # the confirmation helper defined in a messaging module, never called under a condition
    "async def request_buy_confirmation(figi, qty, price):\n    await bot.send_message(CHAT, f'Buy {qty} of {figi} at {price}?')\n\n"
    "async def request_sell_confirmation(figi, qty, price):\n    await bot.send_message(CHAT, f'Sell {qty} of {figi}?')\n",
    # a getter used for a chart
    "def get_sma(df, n):\n    return df['close'].rolling(n).mean()\n\nplt.plot(get_sma(df, 50))\nplt.plot(get_sma(df, 200))\n",
]


@pytest.mark.parametrize("code", _NO_HELPER_RULES)
def test_helpers_that_place_no_order_under_a_condition_stay_refused(spec_of, code):
    with pytest.raises(NoStrategyFound):
        spec_of(code)


# ---------------------------------------------------------------- a framework of the script's own

_OWN_FRAMEWORK = [
    # bands unpacked for this bar and the one before, a warm-up guard on the bar index, sized buys and a sell-all
    ("def on_candle(self):\n    lower, middle, upper = self.ind.bollinger_bands(self.curr_index, 20, 2)\n"
     "    self.lower_band.append(lower)\n    if self.prev_candle and self.curr_index > 20:\n"
     "        prev_lower, prev_middle, prev_upper = self.ind.bollinger_bands(self.prev_index, 20, 2)\n"
     "        if self.prev_candle.close() < prev_lower and self.curr_candle.close() > lower:\n            self.buy_percent(.1)\n"
     "        if self.curr_candle.close() > upper:\n            self.sell_all_open_positions()\n",
     ("long_only", "close crosses_above bbands(20, 2).lower", "close > bbands(20, 2).upper", None)),
    # an average helper named for its input, a bar counter guard against the look-back
    ("def step(self):\n    if self.bar_count < self.lookback:\n        return\n    fast = self.ind.ema_closes(self.i, 9)\n"
     "    slow = self.ind.ema_closes(self.i, 30)\n    if fast > slow:\n        self.buy_max()\n    elif fast < slow:\n"
     "        self.sell_all()\n",
     ("long_only", "ema(9) > ema(30)", "ema(9) < ema(30)", None)),
    # the middle band by its name with a suffix, a shares helper
    ("def tick(self, i):\n    bb_upper_prev, bb_mid_prev, bb_lower_prev = self.bbands_at(i - 1)\n"
     "    upper_now, mid_now, lower_now = talib.BBANDS(self.c[:i], 10, 1.5, 1.5)\n    if self.c[i] < lower_now:\n"
     "        self.buy_shares(10)\n    elif self.c[i] > mid_now:\n        self.sell_shares(10)\n",
     ("long_only", "close < bbands(10, 1.5).lower", "close > bbands(10, 1.5).middle", None)),
    # MACD lines unpacked with prefixes, recorded values that must not read as rules
    ("def on_bar(self):\n    cur_macd, cur_signal, cur_hist = talib.MACD(self.closes, 12, 26, 9)\n"
     "    self.history.append(cur_hist)\n    self.log.info(cur_macd)\n    if cur_macd[-1] > cur_signal[-1]:\n"
     "        self.buy_amount(100)\n    elif cur_macd[-1] < cur_signal[-1]:\n        self.sell_amount(100)\n",
     ("long_only", "macd(12, 26, 9).macd > macd(12, 26, 9).signal", "macd(12, 26, 9).macd < macd(12, 26, 9).signal", None)),
    # a loop index guard written the other way, RSI by a compute helper
    ("for idx in range(len(closes)):\n    if idx < rsi_period:\n        continue\n    r = compute_rsi(closes[:idx], 14)\n"
     "    if r < 30 and not holding:\n        buy_qty(1)\n    elif r > 70 and holding:\n        sell_qty(1)\n",
     ("long_only", "rsi(14) < 30", "rsi(14) > 70", None)),
]


@pytest.mark.parametrize("code, want", _OWN_FRAMEWORK)
def test_a_scripts_own_framework_reads_like_a_platform(spec_of, code, want):
    assert _rule(spec_of(code)) == want


_NO_OWN_FRAMEWORK = [
    # a chart of the bands, values appended and drawn
    "def on_candle(self):\n    lower, middle, upper = self.ind.bollinger_bands(self.curr_index, 20, 2)\n"
    "    self.lower_band.append(lower)\n    self.upper_band.append(upper)\n    self.plot(lower, upper)\n",
    # the sizing helpers of a framework, defined and never called under a condition
    "class Account:\n    def buy_percent(self, pct):\n        self.cash -= pct * self.cash\n"
    "    def sell_all_open_positions(self):\n        self.positions = []\n",
    # a warm-up guard and a calculation, no order
    "for i in range(len(c)):\n    if i < period:\n        continue\n    sma = compute_sma(c[:i], period)\n    out.append(sma)\n",
]


@pytest.mark.parametrize("code", _NO_OWN_FRAMEWORK)
def test_a_framework_without_an_order_under_a_condition_stays_refused(spec_of, code):
    with pytest.raises(NoStrategyFound):
        spec_of(code)


# ---------------------------------------------------------------- a line scaled by a constant; a share count ordered

_SCALED = [
    # QuantConnect: a tolerance around a cross of two averages
    ("class A(QCAlgorithm):\n    def Initialize(self):\n        self.fast = self.EMA('SPY', 15, Resolution.Daily)\n"
     "        self.slow = self.EMA('SPY', 30, Resolution.Daily)\n    def OnData(self, data):\n        tolerance = 0.00015\n"
     "        if self.fast.Current.Value > self.slow.Current.Value * (1 + tolerance):\n            self.SetHoldings('SPY', 1.0)\n"
     "        elif self.fast.Current.Value < self.slow.Current.Value:\n            self.Liquidate('SPY')\n",
     ("long_only", "ema(15) > ema(30) * 1.00015", "ema(15) < ema(30)", None)),
    # Pine: 2% above the average, the factor first
    ("//@version=5\nstrategy('x')\nm = ta.sma(close, 50)\nif close > 1.02 * m\n    strategy.entry('L', strategy.long)\n"
     "if close < m\n    strategy.close('L')\n",
     ("long_only", "close > sma(50) * 1.02", "close < sma(50)", None)),
    # backtrader: 3% under the average buys a dip
    ("class D(bt.Strategy):\n    def __init__(self):\n        self.ma = bt.ind.SMA(period=20)\n    def next(self):\n"
     "        if self.data.close[0] < self.ma[0] * 0.97:\n            self.buy()\n        elif self.data.close[0] > self.ma[0]:\n"
     "            self.close()\n",
     ("long_only", "close < sma(20) * 0.97", "close > sma(20)", None)),
    # pandas: a band named as a parameter, written with a minus
    ("band = 0.05\ndf['ema'] = df['close'].ewm(span=100).mean()\nposition = ''\nfor i in range(len(df)):\n"
     "    if df['close'][i] < df['ema'][i] * (1 - band) and position != 'buy':\n        position = 'buy'\n"
     "    elif df['close'][i] > df['ema'][i] and position == 'buy':\n        position = ''\n",
     ("long_only", "close < ema(100) * 0.95", "close > ema(100)", None)),
    # MetaTrader: a short when the price is 1% over its average
    ("void OnTick()\n{\n   double ma = iMA(NULL, 0, 30, 0, MODE_EMA, PRICE_CLOSE, 1);\n"
     "   if (Close[1] > ma * 1.01) OrderSend(Symbol(), OP_SELL, 0.1, Bid, 3, 0, 0);\n}\n",
     ("short_only", None, None, "close > ema(30) * 1.01")),
]


@pytest.mark.parametrize("code, want", _SCALED)
def test_a_line_scaled_by_a_constant_is_a_percentage_above_or_below(spec_of, code, want):
    assert _rule(spec_of(code)) == want


_NO_SCALED_RULES = [
    # a target price drawn as a line
    "m = ta.sma(close, 50)\nplot(m * 1.02, 'upper envelope')\nplot(m * 0.98, 'lower envelope')\n",
    # a stop level computed, never traded on
    "stop_level = entry_price * (1 - 0.05)\nprint('stop at', stop_level)\n",
    # a scaled comparison that only colours bars
    "//@version=5\nindicator('stretch')\nm = ta.ema(close, 20)\nbarcolor(close > m * 1.03 ? color.red : na)\n",
]


@pytest.mark.parametrize("code", _NO_SCALED_RULES)
def test_scaled_lines_without_an_order_stay_refused(spec_of, code):
    with pytest.raises(NoStrategyFound):
        spec_of(code)


@pytest.mark.parametrize("qty", ["number_of_shares", "int(cash / price)", "shares"])
def test_a_share_count_ordered_without_a_sign_buys(spec_of, qty):
    code = ("def handle_data(context, data):\n    fast = data[context.stock].mavg(20)\n    slow = data[context.stock].mavg(100)\n"
            "    price = data[context.stock].price\n    cash = context.portfolio.cash\n    number_of_shares = int(cash / price)\n"
            "    shares = number_of_shares\n    held = context.portfolio.positions[context.stock].amount\n"
            f"    if fast > slow and held == 0:\n        order(context.stock, {qty})\n"
            "    elif fast < slow and held != 0:\n        order_target(context.stock, 0)\n")
    assert _rule(spec_of(code)) == ("long_only", "sma(20) > sma(100)", "sma(20) < sma(100)", None)


# ---------------------------------------------------------------- averages of a series the code computes

_COMPUTED_SERIES = [
    # an oscillator built by hand and smoothed: no average of the close
    "//@version=5\nstrategy('wt')\nap = hlc3\nesa = ta.ema(ap, 10)\nd = ta.ema(math.abs(ap - esa), 10)\n"
    "ci = (ap - esa) / (0.015 * d)\nwt1 = ta.ema(ci, 21)\nwt2 = ta.sma(wt1, 4)\nif ta.crossover(wt1, wt2)\n"
    "    strategy.entry('L', strategy.long)\nif ta.crossunder(wt1, wt2)\n    strategy.close('L')\n",
    # Python: the spread of two closes averaged
    "spread = df['a_close'] - 0.8 * df['b_close']\nmean = ta.sma(spread, 30)\nif spread.iloc[-1] > mean.iloc[-1]:\n"
    "    api.submit_order(symbol='A', qty=1, side='sell')\n",
    # a range of highs and lows, averaged
    "rng = (df['high'] - df['low']) / df['close']\navg_rng = talib.EMA(rng, 14)\nif avg_rng[-1] > avg_rng[-2]:\n"
    "    broker.buy('QQQ', 5)\n",
]


@pytest.mark.parametrize("code", _COMPUTED_SERIES)
def test_an_average_of_a_computed_series_is_never_an_average_of_the_close(spec_of, code):
    try:
        spec = spec_of(code)
    except NoStrategyFound:
        return
    rules = " ".join(str(x) for x in (spec.entry, spec.exit, spec.short_entry, spec.short_exit) if x is not None)
    assert "sma(4)" not in rules and "sma(30)" not in rules and "ema(14)" not in rules and "ema(21)" not in rules


def test_an_unreadable_cross_beside_a_readable_filter_is_listed(spec_of):
    code = ("//@version=4\nstrategy('f')\nema200 = ema(close, 200)\nci = (hlc3 - ema(hlc3, 10)) / 2\nwt1 = ema(ci, 21)\n"
            "wt2 = sma(wt1, 4)\nlongCondition = crossunder(wt1, wt2)\nif close >= 1.005 * ema200\n"
            "    strategy.entry('L', strategy.long, when = longCondition)\n")
    spec = spec_of(code)
    assert str(spec.entry) == "close > ema(200) * 1.005" or "close >= ema(200) * 1.005" in str(spec.entry)
    assert "a condition in the code foa cannot read" in {u.what for u in spec.unsupported}


# ---------------------------------------------------------------- parameters stated apart

_PARAMS_APART = [
    # class attributes whose names differ from the series only in case
    ("class Config:\n    FAST = 10\n    SLOW = 40\ndef run(df, cfg=Config):\n    fast = df.close.rolling(cfg.FAST).mean()\n"
     "    slow = df.close.rolling(cfg.SLOW).mean()\n    if fast.iloc[-1] > slow.iloc[-1]:\n"
     "        client.order_market_buy(symbol='ETHUSDT', quantity=1)\n    elif fast.iloc[-1] < slow.iloc[-1]:\n"
     "        client.order_market_sell(symbol='ETHUSDT', quantity=1)\n",
     ("long_only", "sma(10) > sma(40)", "sma(10) < sma(40)", None)),
    # a nested settings dict
    ("config = {'rsi': {'Period': 7, 'low': 20, 'high': 80}}\nrsi = talib.RSI(closes, timeperiod=config['rsi']['period'])\n"
     "if rsi[-1] < config['rsi']['low']:\n    api.submit_order(symbol='SPY', qty=1, side='buy')\n"
     "elif rsi[-1] > config['rsi']['high']:\n    api.submit_order(symbol='SPY', qty=1, side='sell')\n",
     ("long_only", "rsi(7) < 20", "rsi(7) > 80", None)),
    # a dataclass with typed defaults, a band read on the last bar
    ("@dataclass\nclass Settings:\n    window: int = 30\n    entry_z: float = 2.0\ns = Settings()\n"
     "ma = df['Close'].rolling(s.window).mean()\nsd = df['Close'].rolling(s.window).std()\n"
     "if df['Close'].iloc[-1] < ma.iloc[-1] - s.entry_z * sd.iloc[-1]:\n    broker.buy('GLD', 10)\n"
     "elif df['Close'].iloc[-1] > ma.iloc[-1]:\n    broker.sell('GLD', 10)\n",
     ("long_only", "close < bbands(30, 2).lower", "close > sma(30)", None)),
    # TypeScript typed constants
    ("const period: number = 21;\nconst oversold: number = 25;\nconst rsi = RSI.calculate({ values: closes, period: period });\n"
     "if (rsi[rsi.length - 1] < oversold) {\n  await exchange.createMarketBuyOrder('BTC/USDT', 0.01);\n}\n"
     "if (rsi[rsi.length - 1] > 75) {\n  await exchange.createMarketSellOrder('BTC/USDT', 0.01);\n}\n",
     ("long_only", "rsi(21) < 25", "rsi(21) > 75", None)),
    # module constants in capitals, the series in lower case, a band written on this bar
    ("WINDOW = 20\nK = 2.5\nwindow = closes.rolling(WINDOW)\nmid = window.mean()\ndev = window.std()\n"
     "if closes[-1] < mid[-1] - K * dev[-1]:\n    broker.buy('TLT', 5)\nelif closes[-1] > mid[-1]:\n    broker.sell('TLT', 5)\n",
     ("long_only", "close < bbands(20, 2.5).lower", "close > sma(20)", None)),
]


@pytest.mark.parametrize("code, want", _PARAMS_APART)
def test_parameters_stated_apart_reach_the_rule(spec_of, code, want):
    assert _rule(spec_of(code)) == want


_NO_PARAM_RULES = [
    # a settings block alone
    "class Config:\n    FAST = 10\n    SLOW = 40\n    RSI_PERIOD = 14\n",
    # a typed settings dataclass and a loader, no order
    "@dataclass\nclass Settings:\n    window: int = 30\n    entry_z: float = 2.0\n\ndef load() -> Settings:\n    return Settings()\n",
    # a nested dict and an indicator printed
    "config = {'rsi': {'period': 7}}\nprint(talib.RSI(closes, timeperiod=config['rsi']['period'])[-1])\n",
]


@pytest.mark.parametrize("code", _NO_PARAM_RULES)
def test_parameters_without_a_rule_stay_refused(spec_of, code):
    with pytest.raises(NoStrategyFound):
        spec_of(code)


# ---------------------------------------------------------------- a frame of closes downloaded for several tickers

_CLOSE_FRAMES = [
    ("df = pdr.get_data_yahoo(tickers, start, end)['Close']\nema_short = df.ewm(span=20, adjust=False).mean()\n"
     "raw = df - ema_short\npositions = raw.apply(np.sign) / 3\n",
     ("long_short", "close > ema(20)", "close < ema(20)", "close < ema(20)")),
    ("data = yf.download(['SPY', 'TLT'], start='2010-01-01')['Adj Close']\nsma = data.rolling(100).mean()\n"
     "position = np.sign(data - sma)\n",
     ("long_short", "close > sma(100)", "close < sma(100)", "close < sma(100)")),
    ("df = yf.download(tickers)[\"Close\"]\nmom = df.pct_change(60)\nsignal = np.sign(mom)\n",
     ("long_short", "roc(60) > 0", "roc(60) < 0", "roc(60) < 0")),
    ("df = web.DataReader(names, 'yahoo', s, e)['Close']\nlong_ma = df.rolling(window=50).mean()\n"
     "weights = (df - long_ma).apply(np.sign) * 0.5\n",
     ("long_short", "close > sma(50)", "close < sma(50)", "close < sma(50)")),
    ("df = yf.download('QQQ', period='10y')['Close']\nfast = df.ewm(span=10).mean()\nslow = df.ewm(span=40).mean()\n"
     "pos = np.sign(fast - slow).shift(1)\n",
     ("long_short", "ema(10) > ema(40)", "ema(10) < ema(40)", "ema(10) < ema(40)")),
]


@pytest.mark.parametrize("code, want", _CLOSE_FRAMES)
def test_a_frame_of_closes_is_the_price(spec_of, code, want):
    assert _rule(spec_of(code)) == want


_NO_CLOSE_FRAME_RULES = [
    # a frame of closes, its returns and a plot
    "df = yf.download(tickers)['Close']\nrets = df.pct_change()\nrets.cumsum().plot()\n",
    # an average of the closes charted beside them
    "df = pdr.get_data_yahoo(tickers, start, end)['Close']\nema_short = df.ewm(span=20).mean()\nax.plot(df)\nax.plot(ema_short)\n",
    # the sign of the day's move counted, never held
    "df = yf.download('SPY')['Close']\nups = (np.sign(df.diff()) > 0).sum()\nprint(ups)\n",
]


@pytest.mark.parametrize("code", _NO_CLOSE_FRAME_RULES)
def test_a_frame_of_closes_without_a_position_stays_refused(spec_of, code):
    with pytest.raises(NoStrategyFound):
        spec_of(code)


# ---------------------------------------------------------------- C# number literals with a type suffix

_CSHARP_LITERALS = [
    ("public override void OnData(Slice data)\n{\n    if (!_rsi.IsReady) return;\n"
     "    if (_rsi.Current.Value < 30m && !Portfolio.Invested) MarketOrder(\"QQQ\", 100);\n"
     "    if (_rsi.Current.Value > 70m && Portfolio.Invested) Liquidate(\"QQQ\");\n}\n"
     "public override void Initialize()\n{\n    _rsi = RSI(\"QQQ\", 14, MovingAverageType.Wilders, Resolution.Daily);\n}\n",
     ("long_only", "rsi(14) < 30", "rsi(14) > 70", None)),
    ("public override void OnData(Slice data)\n{\n    if (_fast > _slow * 1.01m) SetHoldings(\"SPY\", 1.0m);\n"
     "    else if (_fast < _slow) SetHoldings(\"SPY\", -0.5m);\n}\npublic override void Initialize()\n{\n"
     "    _fast = SMA(\"SPY\", 10, Resolution.Daily);\n    _slow = SMA(\"SPY\", 50, Resolution.Daily);\n}\n",
     ("long_short", "sma(10) > sma(50) * 1.01", None, "sma(10) < sma(50)")),
    ("protected override void OnBarUpdate()\n{\n    if (CurrentBar < 20) return;\n"
     "    if (RSI(14, 3)[0] < 25.0d) EnterLong();\n    if (RSI(14, 3)[0] > 60.0d) ExitLong();\n}\n",
     ("long_only", "rsi(14) < 25", "rsi(14) > 60", None)),
    ("protected override void OnBar()\n{\n    var r = _rsi.Result.LastValue;\n"
     "    if (r < 20f) ExecuteMarketOrder(TradeType.Buy, SymbolName, 1000);\n"
     "    if (r > 80f) ExecuteMarketOrder(TradeType.Sell, SymbolName, 1000);\n}\n"
     "protected override void OnStart()\n{\n    _rsi = Indicators.RelativeStrengthIndex(Bars.ClosePrices, 9);\n}\n",
     ("long_short", "rsi(9) < 20", None, "rsi(9) > 80")),
    ("public override void OnData(Slice data)\n{\n    var price = Securities[\"GLD\"].Price;\n"
     "    if (price > _ema.Current.Value * 1.02M) SetHoldings(\"GLD\", 0.9m);\n"
     "    else if (price < _ema.Current.Value) Liquidate();\n}\npublic override void Initialize()\n{\n"
     "    _ema = EMA(\"GLD\", 40, Resolution.Daily);\n}\n",
     ("long_only", "close > ema(40) * 1.02", "close < ema(40)", None)),
]


@pytest.mark.parametrize("code, want", _CSHARP_LITERALS)
def test_csharp_number_literals_with_a_type_suffix(spec_of, code, want):
    got = _rule(spec_of(code))
    assert got[:2] == want[:2] and got[3] == want[3]
    if want[2] is not None:
        assert got[2] == want[2]


_NO_CSHARP_RULES = [
    "public override void Initialize()\n{\n    SetCash(100000m);\n    _rsi = RSI(\"QQQ\", 14);\n    SetWarmUp(20);\n}\n",
    "public class Fees : IFeeModel\n{\n    public decimal Fee(decimal value) { return value * 0.001m; }\n}\n",
    "protected override void OnBar()\n{\n    var r = _rsi.Result.LastValue;\n    if (r < 20f) Print(\"oversold {0}\", r);\n}\n",
]


@pytest.mark.parametrize("code", _NO_CSHARP_RULES)
def test_csharp_without_an_order_stays_refused(spec_of, code):
    with pytest.raises(NoStrategyFound):
        spec_of(code)


# ---------------------------------------------------------------- frames a loader returns, stockstats columns

_LOADED_FRAMES = [
    ("stock = StockDataFrame.retype(df)\nfor i in range(1, len(stock)):\n"
     "    if stock['rsi_14'].iloc[i] < 30 and not holding:\n        broker.buy('AAPL', 10)\n        holding = True\n"
     "    elif stock['close_50_sma'].iloc[i] < stock['close'].iloc[i] and holding:\n        broker.sell('AAPL', 10)\n"
     "        holding = False\n",
     ("long_only", "rsi(14) < 30", "sma(50) < close", None)),
    ("px = pd.read_csv('spy.csv')\nm = px['Close'].rolling(120).mean()\nif px['Close'].iloc[-1] > m.iloc[-1]:\n"
     "    broker.buy('SPY', 1)\nelif px['Close'].iloc[-1] < m.iloc[-1]:\n    broker.sell('SPY', 1)\n",
     ("long_only", "close > sma(120)", "close < sma(120)", None)),
    ("s = StockDataFrame.retype(raw)\nif s['close'].iloc[-1] > s['high_20_max'].iloc[-2]:\n    broker.buy('NVDA', 5)\n"
     "elif s['close'].iloc[-1] < s['low_10_min'].iloc[-2]:\n    broker.sell('NVDA', 5)\n",
     ("long_only", "close > highest(20)", "close < lowest(10)", None)),
    ("bars = api.get_bars('IWM', '1Day', limit=300).df\nema = bars['close'].ewm(span=30).mean()\n"
     "if bars['close'].iloc[-1] > ema.iloc[-1]:\n    api.submit_order(symbol='IWM', qty=1, side='buy')\n",
     ("long_only", "close > ema(30)", None, None)),
    ("s = StockDataFrame.retype(raw)\nif s['close_10_ema'].iloc[-1] > s['close_30_ema'].iloc[-1]:\n    broker.buy('EFA', 3)\n"
     "elif s['close_10_ema'].iloc[-1] < s['close_30_ema'].iloc[-1]:\n    broker.sell('EFA', 3)\n",
     ("long_only", "ema(10) > ema(30)", "ema(10) < ema(30)", None)),
]


@pytest.mark.parametrize("code, want", _LOADED_FRAMES)
def test_frames_a_loader_returns_and_stockstats_columns(spec_of, code, want):
    got = _rule(spec_of(code))
    assert got[:2] == want[:2] and got[3] == want[3]
    if want[2] is not None:
        assert got[2] == want[2]


_NO_LOADED_RULES = [
    "stock = StockDataFrame.retype(df)\nprint(stock['close_50_sma'].tail())\nstock[['close', 'rsi_14']].plot()\n",
    "px = pd.read_csv('spy.csv')\npx['ret'] = px['Close'].pct_change()\nprint(px['ret'].describe())\n",
    "s = StockDataFrame.retype(raw)\nif s['close'].iloc[-1] > s['close_50_sma'].iloc[-1]:\n    print('above the 50-day average')\n",
]


@pytest.mark.parametrize("code", _NO_LOADED_RULES)
def test_loaded_frames_without_an_order_stay_refused(spec_of, code):
    with pytest.raises(NoStrategyFound):
        spec_of(code)


# ---------------------------------------------------------------- rows of a frame taken by position

_FRAME_ROWS = [
    ("bb = BollingerBands(close=df['Close'], window=20, window_dev=2)\ndf['bb_low'] = bb.bollinger_lband()\n"
     "df['bb_mid'] = bb.bollinger_mavg()\nlast = df.iloc[-1]\nif last['Close'] < last['bb_low']:\n"
     "    exchange.create_market_buy_order('ETH/USDT', 0.1)\nelif last['Close'] > last['bb_mid']:\n"
     "    exchange.create_market_sell_order('ETH/USDT', 0.1)\n",
     ("long_only", "close < bbands(20, 2).lower", "close > bbands(20, 2).middle", None)),
    ("last = df.iloc[-1]\nprev = df.iloc[-2]\nif last['close'] > prev['high']:\n    place_order('buy')\n"
     "elif last['close'] < prev['low']:\n    place_order('sell')\n",
     ("long_only", "close > high[1]", "close < low[1]", None)),
    ("df['sma'] = df['Close'].rolling(15).mean()\nfor i in range(1, len(df)):\n    row = df.iloc[i]\n"
     "    if row['Close'] > row['sma'] and not in_position:\n        broker.buy('DIA', 1)\n        in_position = True\n"
     "    elif row['Close'] < row['sma'] and in_position:\n        broker.sell('DIA', 1)\n        in_position = False\n",
     ("long_only", "close > sma(15)", "close < sma(15)", None)),
    ("df['rsi'] = talib.RSI(df['close'], 3)\ncur = df.iloc[-1]\nbefore = df.iloc[-2]\n"
     "if cur['rsi'] < 10 and cur['close'] < before['low']:\n    client.order_market_buy(symbol='BNBUSDT', quantity=1)\n"
     "elif cur['rsi'] > 60:\n    client.order_market_sell(symbol='BNBUSDT', quantity=1)\n",
     ("long_only", "rsi(3) < 10 and close < low[1]", "rsi(3) > 60", None)),
    ("df['ema'] = df['close'].ewm(span=50).mean()\nnow = df.loc[df.index[-1]]\nif now['close'] > now['ema']:\n"
     "    api.submit_order(symbol='XLE', qty=1, side='buy')\nelif now['close'] < now['ema']:\n"
     "    api.submit_order(symbol='XLE', qty=1, side='sell')\n",
     ("long_only", "close > ema(50)", "close < ema(50)", None)),
]


@pytest.mark.parametrize("code, want", _FRAME_ROWS)
def test_a_row_of_a_frame_by_position_is_that_bar(spec_of, code, want):
    got = _rule(spec_of(code))
    assert got[:2] == want[:2] and got[3] == want[3]
    if want[2] is not None:
        assert got[2] == want[2]


_NO_FRAME_ROW_RULES = [
    "last = df.iloc[-1]\nprint(f\"close {last['close']:.2f}, high {last['high']:.2f}\")\n",
    "last = df.iloc[-1]\nprev = df.iloc[-2]\nchange = last['close'] / prev['close'] - 1\nreport.append(change)\n",
    "row = df.iloc[-1]\nif row['close'] > row['open']:\n    ax.set_title('up day')\n",
]


@pytest.mark.parametrize("code", _NO_FRAME_ROW_RULES)
def test_rows_of_a_frame_without_an_order_stay_refused(spec_of, code):
    with pytest.raises(NoStrategyFound):
        spec_of(code)
