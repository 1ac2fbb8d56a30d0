"""Look-alikes: texts shaped like a rule that the author never takes are refused, and the near rules of the same shape
that the author does take stay specs.

Classes (each a general signal at the no-strategy decision, never one text's wording): a chance offered by a modal
("it may be a good time to buy"), a signal told as what usually happens ("typically, a buy signal appears when") or
with what it means and nothing traded ("..., which indicates the asset leaves the oversold zone"), a
hedged subject whose joined verbs stay hedged ("a trader might go long when ... and exit when ..."), traders as a kind
("swing traders buy when ...") or a rule shown "in this example", an idea untried or given up, a chart study's code
that places no order (MetaTrader, thinkScript, NinjaScript, EasyLanguage), buy and hold named only as a style or a
yardstick (with its figure), a bullish cross with no averages named (only "golden cross" implies the 50/200 SMAs),
a ranking that scores but chooses nothing, a glossary's entry for a signal, a taste for buy and hold whose
tickers are only examples ("index funds like VOO"), and a price or a moving average compared with zero (a code guard or
a misread operand; an oscillator's zero line stays a rule).
"""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.extract.offline.locate import indicator_script, secondhand
from tests.extract.offline.helpers import window_inds

# ---- a chance offered, not taken --------------------------------------------------------------------------------
HEDGED_CHANCE = [
    "MACD: when the MACD line climbs over its signal line, it may be a good time to buy.",
    "Once the 14-day RSI slips beneath 30, that could be a sensible moment to consider purchasing shares.",
    "If the close ends the session above the 20-day EMA, this might be the right time to go long.",
    "A stock tagging its lower Bollinger Band can be an attractive point to add to a position.",
    "When the 50-day SMA rolls over under the 100-day SMA, it may be time to sell some of your holdings.",
    "Many investors see that as an opportunity to buy: a pullback to the 200-day moving average.",
    "Should the CCI(20) rise past +100, traders may want to consider shorting the rally.",
    "It may be worth buying when the MACD histogram turns positive, but this is not advice.",
    "Should the 21-day EMA cross back over the 55-day EMA, bulls could regain control and a long entry may be justified.",
    "Some would argue that you should go long only when the 10-month SMA is rising. Whether that helps is unclear.",
    "Critics say you should sell once the 2-day RSI tops 90; the evidence for that is thin.",
    "The Strategy Tester lets you try rules like 'buy when the close is above the 50-day SMA' on any symbol.",
]
TAKEN_CHANCE = [
    ("MACD: when the MACD line climbs over its signal line, we buy; we sell when it drops back under it.", "buy"),
    ("Once the 14-day RSI slips beneath 30, buy the stock, and sell it when the RSI climbs above 55.", "buy"),
    ("If the close ends the session above the 20-day EMA, go long at the next open.", "buy"),
    ("Buy when the price tags the lower Bollinger Band (20, 2). This is a good time to add: we hold until the middle band.", "buy"),
    ("When the 50-day SMA rolls over under the 100-day SMA, it is time to sell: we exit the whole position. We buy "
     "back when it crosses above.", "buy"),
    ("We see a pullback to the 200-day moving average as an opportunity: buy SPY when it closes under the 200-day SMA.", "buy"),
    ("Critics say the 2-day RSI is noisy; we still buy when it drops under 10 and sell once it tops 90.", "buy"),
    ("Buy SPY when the MACD histogram turns positive and sell when it turns negative; it may be worth adding a 200-day "
     "filter later.", "buy"),
    ("Our rules are simple. Buy when the close is above the 50-day SMA, like the rule the tester ships with, and sell when "
     "it is below.", "buy"),
]

# ---- a signal told as what usually happens -----------------------------------------------------------------------
GENERIC_SIGNAL = [
    "Typically, a buy signal forms when the fast EMA crosses above the slow EMA, and a sell signal when it crosses back below.",
    "Usually a bullish signal appears as the 10-day SMA climbs through the 30-day SMA.",
    "Generally, an entry signal is given once the 9-period RSI rises over 50.",
    "Traditionally the sell signal comes when the close drops beneath the lower Keltner-style band of a 20-day SMA.",
    "Commonly, a short signal is read when the 5-day moving average dips below the 15-day moving average.",
]
# a signal and what it means, nothing traded: a lesson's gloss
SIGNAL_MEANT = [
    "A buy signal occurs when the 14-day RSI crosses above 30, which indicates that the asset leaves the oversold zone.",
    "A sell signal is generated when the 10-day SMA drops under the 30-day SMA. This suggests momentum is fading.",
    "A bullish signal arises as the close climbs over the 20-day EMA, which means buyers are in control.",
    "A buy signal is given once the CCI(20) rises past -100; it indicates a rebound from oversold levels.",
    "A short signal occurs when the 5-day RSI tops 90, which usually signals exhaustion.",
]
SIGNAL_TRADED = [
    "A buy signal occurs when the 14-day RSI crosses above 30, which indicates the asset leaves the oversold zone. We buy "
    "SPY on it and sell at 70.",
    "A sell signal is generated when the 10-day SMA drops under the 30-day SMA, which suggests fading momentum: exit the "
    "position then. Buy when it crosses back above.",
    "A bullish signal arises as the close climbs over the 20-day EMA, which means buyers are in control; the strategy buys "
    "QQQ then and sells on a close under the EMA.",
    "Buy signal: the 5-day RSI drops under 10, which shows a washed-out market. Sell signal: it tops 70. Stop loss 4%.",
    "A long signal occurs when the 20-day high is exceeded; this indicates a breakout, and I go long at the next open, "
    "exiting at the 10-day low.",
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

# ---- a generic subject: traders as a kind ---------------------------------------------------------------------------
GENERIC_SUBJECT = [
    "How to trade the RSI. Traders buy when the RSI crosses back above 30 and sell when it falls below 70.",
    "Chartists sell once the price slips under the 100-day EMA and buy back above it.",
    "Momentum traders will purchase when the 12-month return turns positive and dump the position when it turns negative.",
    "When the 5-day SMA crosses over the 20-day SMA, swing traders go long; they exit on the reverse cross.",
    "Lesson 3: the stochastic. In this example, the trader buys when %K(14) crosses above %D under 20. Next lesson: the ADX.",
]
ADOPTED_SUBJECT = [
    "Traders buy when the RSI(14) crosses back above 30; our system does the same and sells when it falls below 70.",
    "Swing traders buy pullbacks to the 20-day EMA. My rules: buy when the close touches the 20-day EMA, sell on a close "
    "under the 50-day EMA.",
    "Trading rules: traders in this system buy when the 5-day SMA crosses above the 20-day SMA and sell on the reverse.",
    "Day traders often sell too early. We buy QQQ when the 2-day RSI drops under 10 and sell when it tops 70.",
    "In this example, we go long when the 3-day RSI is under 15 and exit when it is over 60.",
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
THINK_STUDY = """# marks engulfing days on the chart
def upDay = close > open;
def engulf = open < close[1] and close > open[1];
AddChartBubble(engulf and upDay, low, "BE", Color.GREEN, no);
def weak = close < low[{n}];
AddChartBubble(weak, high, "W", Color.RED, yes);
"""
THINK_PLOT = """input length = {n};
def avg = Average(close, length);
plot Signal = close crosses above avg;
Signal.SetPaintingStrategy(PaintingStrategy.BOOLEAN_ARROW_UP);
AssignPriceColor(if close > avg then Color.GREEN else Color.RED);
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
NINJA_INDICATOR = """public class CrossMarks : Indicator
{
    protected override void OnBarUpdate()
    {
        if (CrossAbove(SMA(10), SMA(30), 1))
            Draw.ArrowUp(this, "up" + CurrentBar, true, 0, Low[0], Brushes.Green);
        if (CrossBelow(SMA(10), SMA(30), 1))
            Draw.ArrowDown(this, "dn" + CurrentBar, true, 0, High[0], Brushes.Red);
    }
}
"""
EL_INDICATOR = """Inputs: Len(14), OS(30);
Vars: R(0);
R = RSI(Close, Len);
Plot1(R, "RSI");
If R crosses over OS then Alert("RSI left the oversold zone");
"""
INDICATOR_CODE = [THINK_STUDY.format(n=1), THINK_STUDY.format(n=3), THINK_PLOT.format(n=20), MQL_INDICATOR % (14, 30, 70),
                  MQL_INDICATOR % (7, 25, 75), NINJA_INDICATOR, EL_INDICATOR]
STRATEGY_CODE = [
    "#property indicator_chart_window\nint start(){\n  double r = iRSI(NULL,0,14,PRICE_CLOSE,0);\n"
    "  if(r < 30) OrderSend(Symbol(), OP_BUY, 1, Ask, 3, 0, 0);\n  return(0);\n}\n",
    "input length = 20;\ndef avg = Average(close, length);\nAddOrder(OrderType.BUY_TO_OPEN, close crosses above avg);\n"
    "AddOrder(OrderType.SELL_TO_CLOSE, close crosses below avg);\nAddLabel(yes, \"avg\");\n",
    "Inputs: Len(14);\nIf RSI(Close, Len) crosses over 30 then Buy next bar at market;\n"
    "If RSI(Close, Len) crosses under 70 then Sell next bar at market;\nPlot1(RSI(Close, Len));\n",
    "public class CrossTrader : Strategy\n{\n    protected override void OnBarUpdate()\n    {\n"
    "        if (CrossAbove(SMA(10), SMA(30), 1)) EnterLong();\n        if (CrossBelow(SMA(10), SMA(30), 1)) ExitLong();\n    }\n}\n",
    "//@version=5\nindicator('RSI arrows')\nplotshape(ta.crossover(ta.rsi(close, 14), 30), text='Buy')\n",
]


# ---- buy and hold as the yardstick, with its figure ---------------------------------------------------------------
BENCHMARK = [
    "Total return 41.3% vs SPY buy and hold 55.0%. Trades: 37. Profit factor 1.42.",
    "Net profit: 12.4% (QQQ buy & hold: 19%)",
    "Result 8.2% a year compared with IWM buy-and-hold 9.4%; 212 trades.",
    "./run_test --symbol=XYZW --from 2015-01-01 --to 2016-01-01\nbenchmark buy and hold: 4.1%\nwin ratio 0.0%",
    "Strategy: -2.5%\nDIA buy and hold = +3.0%\nMax drawdown 0.9%",
    "Buy-and-hold investors in QQQ suffered an 83% drawdown from 2000 to 2002.",
    "Buy and hold holders of EEM lost 60% in 2008.",
]
# buy and hold as a style, a question or a yardstick's subject: a ticker named beside it is no holding
STYLE_ONLY = [
    "I have been a buy-and-hold investor for twenty years. Lately I read a paper on SSRN about trend following.",
    "Is buy and hold dead? With the S&P 500 (SPX) at record highs, some readers asked me whether to keep holding.",
    "Our study uses the MSCI World index (MXWO) as the buy-and-hold benchmark for all the timing models.",
    "The fund (ticker: ABCDX) follows a buy-and-hold philosophy, according to its prospectus.",
    "Buy and hold SPY has been hard to beat since 2009. That is the bar any timing model must clear.",
    "Buy-and-hold fans point to VTI's record; timing fans point to 2008.",
]
# a glossary's entry for a signal, and a taste for buy and hold whose tickers are only examples of a kind
GLOSSARY = [
    "Buy signal: a condition, such as the 12-day EMA crossing over the 26-day EMA, that suggests prices may rise.\n"
    "Sell signal: the opposite condition.\nStop-loss: an order to sell a security when it reaches a certain price.",
    "Bullish crossover - an event in which a faster moving average, for instance the 10-day SMA, moves above a slower one.",
    "Sell signal: a situation where the 5-day RSI climbs past 80, which may mean the rally is tired.",
    "Entry signal \u2013 a pattern like the close crossing over the 20-day EMA that often starts a move.",
    "Bearish cross: an occurrence of the 50-day SMA sinking below the 100-day SMA.",
    "I am a long-term investor who prefers to buy and hold index funds like VOO and forget about them.",
    "People who like to buy and hold broad funds such as VTI rarely look at moving averages.",
]
GLOSSARY_RULES = [
    "Buy signal: the 12-day EMA crosses over the 26-day EMA.\nSell signal: the opposite cross.\nStop-loss: 5% below the entry.",
    "Entry signal - a close above the 20-day high. Exit signal - a close under the 10-day low.",
    "Sell signal: the 5-day RSI climbs past 80. Buy signal: it sinks under 20.",
    "Buy when the close crosses over the 20-day EMA; sell signal: a close back under it.",
    "Bearish cross: short when the 50-day SMA sinks below the 100-day SMA, cover on the bullish cross.",
]
HOLDINGS = [("I prefer to buy and hold VOO.", ["VOO"]),
            ("I am a buy-and-hold investor: I buy and hold VTI.", ["VTI"]),
            ("Buy and hold GLD; it has been our core holding since 2010.", ["GLD"]),
            ("As a buy-and-hold fan I simply buy and hold IWM.", ["IWM"]),
            ("Benchmark: SPY. Our strategy: buy and hold QQQ.", ["QQQ"]),
            ("Buy and hold SPY. It returned 10% a year.", ["SPY"]),
            ("We buy and hold VTI.", ["VTI"]), ("Buy and hold SPY and TLT in equal weight, rebalanced monthly.", ["SPY", "TLT"]),
            ("Our portfolio: buy and hold QQQ. It returned 14% a year.", ["QQQ"]),
            ("Buy and hold GLD; we never sell it.", ["GLD"]), ("Simply buy and hold IWM.", ["IWM"])]


# ---- a cross named without its averages ---------------------------------------------------------------------------
# only "golden cross" and "death cross" imply the 50- and 200-day SMAs; a bullish or upward cross of lines the text never
# gives windows for is no rule on those averages
UNNAMED_CROSS = [
    "Buy after an upward cross of the two lines and sell after a downward cross.",
    "Go long on a bullish crossover; exit on a bearish crossover.",
    "Enter on the upward cross, leave on the downward cross, as the chart above shows.",
    "Buy on a bullish crossover and sell on a bearish crossover of the oscillator.",
    "Purchase on the next bullish cross and dump the position at the following bearish cross.",
]
NAMED_CROSS = [
    ("Buy on a golden cross and sell on a death cross.", {("sma", 50), ("sma", 200)}),
    ("Buy SPY on a bullish crossover of the 10-day and 30-day SMAs; sell on a bearish crossover.", {("sma", 10), ("sma", 30)}),
    ("Go long on a golden cross of the 20-day and 100-day EMAs, exit on the death cross.", {("ema", 20), ("ema", 100)}),
    ("Buy QQQ on an upward cross of the 5-day SMA through the 15-day SMA and sell on a downward cross.", {("sma", 5), ("sma", 15)}),
    ("Short on a death cross of the 50- and 200-day averages; cover on the golden cross.", {("sma", 50), ("sma", 200)}),
]

# ---- a price compared with zero: a guard or a misread operand, never a rule ---------------------------------------------
PRICE_AT_ZERO = [
    "Buy when the 20-day SMA crosses above 0.",
    "Go long once the 50-day EMA is above zero and exit when it drops below zero.",
    "stop = 0.0\nfast = ta.ema(close, 1)\nif ta.crossover(fast, stop)\n    strategy.entry(\"L\", strategy.long)",
    "Enter when the upper Bollinger Band (20, 2) rises above 0; exit when the lower band falls under 0.",
    "Buy when the 10-day high is greater than 0 and sell when the 10-day low is below 0.",
]
ZERO_LINE = [
    "Buy when the MACD crosses above 0; sell when it crosses below 0.",
    "Buy when the 10-day ROC crosses above 0 and sell when it turns negative.",
    "if close > 0 and ta.rsi(close, 14) < 30:\n    self.buy()",
    "Go long when the 12-month return is above zero, else hold cash.",
    "Buy when the CCI(20) rises above 0; sell when it falls below 0.",
]

# ---- a ranking that chooses nothing -------------------------------------------------------------------------------
SCORE_ONLY = [
    "Relative strength compares a stock with an index. The strongest stocks in the ranking tend to keep leading, which "
    "momentum investors exploit.",
    "The screener ranks the ETFs by a blend of 3-month and 6-month return; the overall score is then calculated from the weights.",
    "Funds are sorted by 12-month return in the table below, with the weight of each factor shown beside it.",
    "Our dashboard ranks 500 stocks by 12-month momentum; the weights of the factors can be changed in the settings.",
    "Sector ETFs are ranked weekly by their 20-day rate of change, and the weighting of each lookback is adjustable.",
    "The percentile rank of the 1-day return among the last 100 days is the third part of the indicator.",
]
CHOSEN = [
    "Each month rank the nine sector ETFs by 6-month return and invest in the strongest.",
    "Rank the ETFs by 12-month return; hold the top 3, rebalanced monthly.",
    "Every month, buy the top decile of stocks ranked by 12-month return.",
    "Rotate monthly into whichever of SPY, EFA and AGG has the higher 12-month return.",
    "Sort the 11 sector funds by their 3-month rate of change each Friday and own the best two.",
]


@pytest.mark.parametrize("text", HEDGED_CHANCE + GENERIC_SIGNAL + HEDGED_SUBJECT + GIVEN_UP + INDICATOR_CODE + BENCHMARK
                         + UNNAMED_CROSS + SCORE_ONLY + STYLE_ONLY
                         + GENERIC_SUBJECT + GLOSSARY + PRICE_AT_ZERO + SIGNAL_MEANT)
def test_a_look_alike_is_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


@pytest.mark.parametrize("text", [t for t, _ in TAKEN_CHANCE] + STATED_SIGNAL + HEDGED_THEN_OWN + KEPT_RULE + STRATEGY_CODE
                         + ADOPTED_SUBJECT + GLOSSARY_RULES + ZERO_LINE + SIGNAL_TRADED)
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


def test_a_chart_study_places_no_order_and_a_strategy_does():
    assert all(indicator_script(t) for t in INDICATOR_CODE)
    # a Pine indicator() naming its buy and sell conditions is left to the reader (read as the strategy they state)
    assert not any(indicator_script(t) for t in STRATEGY_CODE)


@pytest.mark.parametrize("text,inds", NAMED_CROSS)
def test_a_cross_names_its_averages_or_the_golden_cross_does(spec_of, text, inds):
    assert inds <= window_inds(spec_of(text))


@pytest.mark.parametrize("text", CHOSEN)
def test_a_ranking_that_chooses_stays_a_ranking(spec_of, text):
    assert spec_of(text).ranking is not None
