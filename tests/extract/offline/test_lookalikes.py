"""Look-alikes: texts shaped like a rule that the author never takes are refused, and the near rules of the same shape
that the author does take stay specs.

Classes (each a general signal at the no-strategy decision, never one text's wording): a chance offered by a modal
("it may be a good time to buy"), a signal told as what usually happens ("typically, a buy signal appears when"), a
hedged subject whose joined verbs stay hedged ("a trader might go long when ... and exit when ..."), an idea untried or
given up, a chart indicator's code that places no order, and buy and hold named only as a yardstick with its figure.
"""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.extract.offline.locate import indicator_script, secondhand

# ---- a chance offered, not taken --------------------------------------------------------------------------------
HEDGED_CHANCE = [
    "MACD: when the MACD line climbs over its signal line, it may be a good time to buy.",
    "Once the 14-day RSI slips beneath 30, that could be a sensible moment to consider purchasing shares.",
    "If the close ends the session above the 20-day EMA, this might be the right time to go long.",
    "A stock tagging its lower Bollinger Band can be an attractive point to add to a position.",
    "When the 50-day SMA rolls over under the 100-day SMA, it may be time to sell some of your holdings.",
    "Many investors see that as an opportunity to buy: a pullback to the 200-day moving average.",
    "Should the CCI(20) rise past +100, traders may want to consider shorting the rally.",
]
TAKEN_CHANCE = [
    ("MACD: when the MACD line climbs over its signal line, we buy; we sell when it drops back under it.", "buy"),
    ("Once the 14-day RSI slips beneath 30, buy the stock, and sell it when the RSI climbs above 55.", "buy"),
    ("If the close ends the session above the 20-day EMA, go long at the next open.", "buy"),
    ("Buy when the price tags the lower Bollinger Band (20, 2). This is a good time to add: we hold until the middle band.", "buy"),
    ("When the 50-day SMA rolls over under the 100-day SMA, it is time to sell: we exit the whole position. We buy "
     "back when it crosses above.", "buy"),
    ("We see a pullback to the 200-day moving average as an opportunity: buy SPY when it closes under the 200-day SMA.", "buy"),
]

# ---- a signal told as what usually happens -----------------------------------------------------------------------
GENERIC_SIGNAL = [
    "Typically, a buy signal forms when the fast EMA crosses above the slow EMA, and a sell signal when it crosses back below.",
    "Usually a bullish signal appears as the 10-day SMA climbs through the 30-day SMA.",
    "Generally, an entry signal is given once the 9-period RSI rises over 50.",
    "Traditionally the sell signal comes when the close drops beneath the lower Keltner-style band of a 20-day SMA.",
    "Commonly, a short signal is read when the 5-day moving average dips below the 15-day moving average.",
]
STATED_SIGNAL = [
    "A buy signal is generated when the 20-EMA crosses above the 50-EMA; we go long on it and exit on the opposite cross.",
    "Buy signal: the 10-day SMA climbs through the 30-day SMA. Sell signal: it falls back under.",
    "Our entry signal is the 9-period RSI rising over 50; we buy QQQ at the next open and sell when it drops under 40.",
    "We typically buy when the close drops beneath the lower Bollinger Band (20, 2) and sell at the middle band.",
    "Go short when the 5-day moving average dips below the 15-day moving average; cover when it crosses back above.",
]

# ---- a hedged subject: the verbs joined to it stay hedged --------------------------------------------------------
HEDGED_SUBJECT = [
    "A trader might go long when RSI(2) drops below 10 and exit when it rises back over 70.",
    "An investor could buy whenever the 50-day SMA moves above the 200-day SMA and then sell on the reverse cross.",
    "Some traders purchase once the close exceeds the 20-day high and sell at the 10-day low.",
    "A speculator may short when the price falls under the 30-week moving average and cover when it climbs back.",
    "One could buy QQQ as the 3-day RSI sinks below 15 and then exit when it reaches 60.",
]
HEDGED_THEN_OWN = [
    "A lot of traders buy when the 20-day EMA rises above the 50-day EMA; we do too, and sell when it drops below.",
    "A trader might go long when RSI(2) drops below 10. We go long then as well, and exit when it rises over 70.",
    "Many investors buy as the 50-day SMA moves above the 200-day SMA. We buy QQQ when the 50-day SMA is over the 200-day SMA "
    "and sell when it is under.",
    "Some people short under the 30-week moving average; I buy when the price climbs above it and sell when it falls under.",
    "Others buy the 20-day high. I buy when the close exceeds the 20-day high and sell at the 10-day low.",
]

# ---- an idea untried or given up ----------------------------------------------------------------------------------
GIVEN_UP = [
    "Perhaps buying when the 20-day high is exceeded would work, but I have not tried it.",
    "I used to go long when the close broke above the 20-day EMA, but I abandoned that approach years ago.",
    "The classic advice to buy when the RSI is under 30 did not hold up in our tests, so we dropped it.",
    "Maybe selling when the 10-week SMA turns below the 40-week SMA would help in bear markets; I have never tested it.",
    "We used to purchase on a 5-day RSI under 20; it failed to hold up after costs.",
    "Shorting when the MACD falls under zero is a rule we no longer use, which is why I avoid it now.",
]
KEPT_RULE = [
    "I used to buy at an RSI of 30; now I buy when the 2-day RSI is under 10 and sell when it is over 70.",
    "Buy when the close breaks above the 20-day EMA. We tested it on SPY from 2005: CAGR 6%.",
    "The classic advice says buy under 30 on the RSI; we buy when the 5-day RSI is under 20 and sell above 60.",
    "Buy when the 10-week SMA turns above the 40-week SMA; sell when it crosses back below.",
    "We purchase QQQ when the 5-day RSI is under 20 and exit when it is above 50.",
]

# ---- a chart indicator's code -------------------------------------------------------------------------------------
PINE_INDICATOR = """//@version=5
indicator('RSI Arrows', overlay=true)
len = input.int({n}, 'Length')
r = ta.rsi(close, len)
buySig = ta.crossover(r, {lo})
sellSig = ta.crossunder(r, {hi})
plotshape(buySig, title='Buy', style=shape.triangleup, location=location.belowbar)
plotshape(sellSig, title='Sell', style=shape.triangledown, location=location.abovebar)
alertcondition(buySig, 'RSI buy', 'RSI crossed up')
"""
PINE_STUDY = """//@version=4
study("EMA Cross Signals", overlay=true)
fast = ema(close, {f})
slow = ema(close, {s})
long = crossover(fast, slow)
short = crossunder(fast, slow)
plotshape(long, style=shape.labelup, text="BUY")
plotshape(short, style=shape.labeldown, text="SELL")
"""
MQL_INDICATOR = """#property indicator_chart_window
#property indicator_buffers 2
double UpArrow[];
double DnArrow[];
int start(){
  for(int i=Bars-20; i>=0; i--){
    double r = iRSI(NULL,0,%d,PRICE_CLOSE,i);
    if(r < %d) UpArrow[i] = Low[i];
    if(r > %d) DnArrow[i] = High[i];
  }
  return(0);
}
"""
INDICATOR_CODE = [PINE_INDICATOR.format(n=14, lo=30, hi=70), PINE_INDICATOR.format(n=7, lo=25, hi=75),
                  PINE_STUDY.format(f=9, s=21), PINE_STUDY.format(f=12, s=26), MQL_INDICATOR % (14, 30, 70)]
STRATEGY_CODE = [
    "//@version=5\nstrategy('EMA Cross', overlay=true)\nfast = ta.ema(close, 9)\nslow = ta.ema(close, 21)\n"
    "if ta.crossover(fast, slow)\n    strategy.entry('L', strategy.long)\nif ta.crossunder(fast, slow)\n    strategy.close('L')\n",
    "//@version=5\nstrategy('RSI dip')\nr = ta.rsi(close, 14)\nif ta.crossover(r, 30)\n    strategy.entry('Long', strategy.long)\n"
    "if ta.crossunder(r, 70)\n    strategy.close('Long')\n",
    "//@version=4\nstrategy(\"SMA trend\", overlay=true)\nma = sma(close, 50)\nstrategy.entry(\"L\", strategy.long, when=crossover(close, ma))\n"
    "strategy.close(\"L\", when=crossunder(close, ma))\n",
    "#property indicator_chart_window\nint start(){\n  double r = iRSI(NULL,0,14,PRICE_CLOSE,0);\n"
    "  if(r < 30) OrderSend(Symbol(), OP_BUY, 1, Ask, 3, 0, 0);\n  return(0);\n}\n",
    "//@version=5\nindicator('helper')\n// the strategy below trades it\n//@version=5\nstrategy('uses helper')\n"
    "if ta.crossover(ta.sma(close, 10), ta.sma(close, 30))\n    strategy.entry('L', strategy.long)\n",
]

# ---- buy and hold as the yardstick, with its figure ---------------------------------------------------------------
BENCHMARK = [
    "Total return 41.3% vs SPY buy and hold 55.0%. Trades: 37. Profit factor 1.42.",
    "Net profit: 12.4% (QQQ buy & hold: 19%)",
    "Result 8.2% a year compared with IWM buy-and-hold 9.4%; 212 trades.",
    "./run_test --symbol=XYZW --from 2015-01-01 --to 2016-01-01\nbenchmark buy and hold: 4.1%\nwin ratio 0.0%",
    "Strategy: -2.5%\nDIA buy and hold = +3.0%\nMax drawdown 0.9%",
]
HOLDINGS = [("We buy and hold VTI.", ["VTI"]), ("Buy and hold SPY and TLT in equal weight, rebalanced monthly.", ["SPY", "TLT"]),
            ("Our portfolio: buy and hold QQQ. It returned 14% a year.", ["QQQ"]),
            ("Buy and hold GLD; we never sell it.", ["GLD"]), ("Simply buy and hold IWM.", ["IWM"])]


@pytest.mark.parametrize("text", HEDGED_CHANCE + GENERIC_SIGNAL + HEDGED_SUBJECT + GIVEN_UP + INDICATOR_CODE + BENCHMARK)
def test_a_look_alike_is_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


@pytest.mark.parametrize("text", [t for t, _ in TAKEN_CHANCE] + STATED_SIGNAL + HEDGED_THEN_OWN + KEPT_RULE + STRATEGY_CODE[:4])
def test_the_near_rule_of_the_same_shape_stays_a_spec(spec_of, text):
    spec = spec_of(text)
    assert spec.entry is not None or spec.short_entry is not None


@pytest.mark.parametrize("text,symbols", HOLDINGS)
def test_a_holding_of_ones_own_stays_buy_and_hold(spec_of, text, symbols):
    spec = spec_of(text)
    assert spec.universe.symbols == symbols


@pytest.mark.parametrize("text", HEDGED_CHANCE + GENERIC_SIGNAL)
def test_the_hedge_is_in_the_sentence_itself(text):
    assert secondhand(text)


@pytest.mark.parametrize("text", [t for t, _ in TAKEN_CHANCE[:3]] + STATED_SIGNAL[1:3])
def test_a_stated_rule_sentence_is_no_report(text):
    assert not secondhand(text)


def test_a_chart_script_places_orders_only_as_a_strategy():
    assert all(indicator_script(t) for t in INDICATOR_CODE)
    assert not any(indicator_script(t) for t in STRATEGY_CODE)
