"""Blind held-out set, round 6: 40 own texts in the shapes a web search returns (SEO posts with headings
and FAQs, GitHub READMEs, Medium tutorials with code, forum threads, video descriptions, newsletters,
paper abstracts). 30 hold a tradable rule, 10 do not. Written BLIND: before the offline extractor, its
tests, its docs or the earlier held-out sets were opened. Gold labels use the dev-corpus format.
"""

from __future__ import annotations


def _g(direction=None, indicators=(), constants=(), symbols=(), frequency=None, rebalance=None,
       stop_loss=None, take_profit=None, top_n=None, top_pct=None, family=None) -> dict:
    return {"no_strategy": False, "direction": direction,
            "indicators": [[n, dict(p)] for n, p in indicators], "constants": list(constants),
            "symbols": list(symbols), "frequency": frequency, "rebalance": rebalance,
            "stop_loss": stop_loss, "take_profit": take_profit, "top_n": top_n, "top_pct": top_pct,
            "family": family}


NONE = {"no_strategy": True, "direction": None, "indicators": [], "constants": [], "symbols": [],
        "frequency": None, "rebalance": None, "stop_loss": None, "take_profit": None, "top_n": None,
        "top_pct": None, "family": None}

CASES: list[dict] = [
    {"id": "b6_01", "style": "seo", "text": """# Moving Average Crossover Strategy: The Complete Guide (Updated)

Table of contents
1. What is a moving average?
2. Our crossover rules
3. Backtest results
4. FAQ

## What is a moving average?
A moving average smooths price by averaging the last N closes. The simple moving average (SMA) weights
every bar equally, while the exponential moving average (EMA) puts more weight on recent prices.

## Our crossover rules
We trade the Invesco QQQ Trust (QQQ) on daily bars:
- Entry: go long when the 20-day EMA crosses above the 50-day EMA.
- Exit: close the position when the 20-day EMA crosses back below the 50-day EMA.
We never short; when there is no signal we sit in cash.

## Backtest results
From 2005 to 2023 the system returned 9.1% a year with a maximum drawdown of 24%.

## FAQ
**What is the best moving average for day trading?** Many day traders like the 9 and 21 EMA, but there is
no single best setting.
**Does the crossover work on stocks?** It works best on instruments that trend.
""", "gold": _g("long_only", [("ema", {"window": 20}), ("ema", {"window": 50})], symbols=["QQQ"],
                frequency="daily", family="ema_crossover")},

    {"id": "b6_02", "style": "readme", "text": """# rsi2-spy

Backtest of a short-term mean reversion idea on the S&P 500 ETF.

## Installation
```bash
git clone https://github.com/example/rsi2-spy.git
cd rsi2-spy
pip install -r requirements.txt
```

## Usage
```bash
python backtest.py --symbol SPY --start 2000-01-01
```

## Strategy
- Universe: SPY only, daily bars.
- Trend filter: only take trades when the close is above the 200-day simple moving average.
- Entry: buy at the close when the 2-period RSI drops below 10.
- Exit: sell at the close when the 2-period RSI closes above 70.

## License
MIT
""", "gold": _g("long_only", [("rsi", {"window": 2}), ("sma", {"window": 200})], [10, 70], ["SPY"],
                "daily", family="rsi_mean_reversion")},

    {"id": "b6_03", "style": "medium", "text": """Bollinger Band Mean Reversion in Python (with pandas)

In this tutorial we build a simple mean reversion strategy on gold (GLD). Bollinger Bands consist of a
middle band, which is a 20-day simple moving average, and an upper and lower band set two standard
deviations away from it.

```python
import yfinance as yf
df = yf.download("GLD", start="2010-01-01")
df["mid"] = df["Close"].rolling(20).mean()
df["sd"] = df["Close"].rolling(20).std()
df["lower"] = df["mid"] - 2 * df["sd"]
df["upper"] = df["mid"] + 2 * df["sd"]
```

The rules are simple. We buy when the daily close falls below the lower band, and we sell when price
crosses back above the middle band. We only trade long.

```python
df["entry"] = df["Close"] < df["lower"]
df["exit"] = df["Close"] > df["mid"]
```

Thanks for reading! Follow me for more quant tutorials.
""", "gold": _g("long_only", [("bbands", {"window": 20, "std": 2})], symbols=["GLD"], frequency="daily",
                family="bollinger_reversion")},

    {"id": "b6_04", "style": "forum", "text": """Thread: Dual momentum - am I doing this right?

Posted by rob_t:
I keep reading about dual momentum but every site explains it differently. Can someone spell out the
monthly routine? I hold VOO and VXUS at the moment.

Reply from k_invests:
Here's what I do. On the last trading day of every month I compare the 12-month total return of VOO and
VXUS and put 100% into whichever is higher. Then the absolute check: if that winner's 12-month return is
negative, I sell it and hold AGG for the month instead. That's it, one trade a month at most.

Reply from rob_t:
Thanks, that's clear. Do you use dividends?

Reply from marketowl:
I tried a 6-month lookback once and it whipsawed more. Stick with twelve.
""", "gold": _g("long_only", [("roc", {"window": 12})], symbols=["VOO", "VXUS", "AGG"], frequency="monthly",
                rebalance="monthly", top_n=1, family="dual_momentum")},

    {"id": "b6_05", "style": "seo", "text": """Donchian Channel Breakout System: Rules, Backtest and FAQ

Richard Donchian popularised the idea of trading breakouts of recent highs and lows. The Donchian channel
plots the highest high and the lowest low of the past N bars.

## The trading rules
We tested the system on gold futures (GC=F) with daily data.
1. Buy when the close exceeds the highest high of the previous 20 days.
2. Exit a long when the close falls below the lowest low of the previous 10 days.
3. Sell short when the close breaks below the lowest low of the previous 20 days.
4. Cover the short when the close rises above the highest high of the past 10 days.

## Frequently asked questions
Q: What is the best Donchian channel setting?
A: 20 days is the classic value, but 55 days produces fewer false breakouts.
""", "gold": _g("long_short", [("highest", {"window": 20}), ("lowest", {"window": 10}),
                                ("lowest", {"window": 20}), ("highest", {"window": 10})],
                symbols=["GC=F"], frequency="daily", family="breakout")},

    {"id": "b6_06", "style": "medium", "text": """Backtesting a MACD Strategy with Backtrader

Let's backtest the classic MACD signal-line crossover on Apple (AAPL) daily data from 2015 to 2023.

```python
import backtrader as bt

class MacdCross(bt.Strategy):
    params = (("fast", 12), ("slow", 26), ("signal", 9), ("stop", 0.05))

    def __init__(self):
        macd = bt.ind.MACD(self.data.close, period_me1=self.p.fast,
                           period_me2=self.p.slow, period_signal=self.p.signal)
        self.cross = bt.ind.CrossOver(macd.macd, macd.signal)

    def next(self):
        if not self.position and self.cross > 0:
            self.buy()
            self.sell(exectype=bt.Order.Stop, price=self.data.close[0] * (1 - self.p.stop))
        elif self.position and self.cross < 0:
            self.close()
```

In plain words: buy when the MACD line crosses above the signal line, exit when it crosses below, and
protect every trade with a 5% stop loss. The strategy made 61% over the period versus 280% for buy and hold.
""", "gold": _g("long_only", [("macd", {"fast": 12, "slow": 26, "signal": 9})], symbols=["AAPL"],
                frequency="daily", stop_loss=0.05, family="macd")},

    {"id": "b6_07", "style": "newsletter", "text": """The Sector Rotation Letter - Issue #84

Housekeeping first: the model portfolio changed on Friday. As a reminder, the method is mechanical. On the
last trading day of each month we rank the nine Select Sector SPDRs (XLB, XLE, XLF, XLI, XLK, XLP, XLU,
XLV, XLY) by their trailing 12-month total return and buy the top three in equal weight. Everything else
is sold.

This month Technology, Energy and Industrials made the cut, replacing Utilities. Year to date the
portfolio is up 14.2% against 11.8% for the S&P 500.

Until next month,
Dan
""", "gold": _g("long_only", [("roc", {"window": 12})],
                symbols=["XLB", "XLE", "XLF", "XLI", "XLK", "XLP", "XLU", "XLV", "XLY"], frequency="monthly",
                rebalance="monthly", top_n=3, family="xs_momentum")},

    {"id": "b6_08", "style": "blog", "text": """Trend Following With a Monthly Moving Average

I am not a fan of complicated systems. My own timing model for the S&P 500 index (^GSPC) uses one line.
At each month end I look at the monthly close: if the index closes above its 12-month simple moving
average I am invested; if it closes below, I move to Treasury bills until it closes above again.

It is checked once a month, so there is nothing to do for weeks at a time. Over the last fifty years it
avoided most of the 1973-74, 2000-02 and 2008 declines.
""", "gold": _g("long_only", [("sma", {"window": 12})], symbols=["^GSPC"], frequency="monthly",
                family="trend_filter")},

    {"id": "b6_09", "style": "seo", "text": """Turtle Trading Rules Explained (System 2)

The Turtles traded two systems. This post covers System 2, the slower one.

### Entries
- Go long when price exceeds the 55-day high.
- Go short when price falls below the 55-day low.

### Exits
- Longs exit on a 20-day low; shorts exit on a 20-day high.

### Stops
- N is the 20-day Average True Range (ATR). The initial stop is placed 2N from the entry price.

### Position sizing
Each unit risks 1% of account equity.
""", "gold": _g("long_short", [("highest", {"window": 55}), ("lowest", {"window": 55}),
                                ("lowest", {"window": 20}), ("highest", {"window": 20}),
                                ("atr", {"window": 20})], [2], frequency="daily", family="breakout")},

    {"id": "b6_10", "style": "blog", "text": """A Buy-the-Dip Strategy for SPY That Actually Has Rules

"Buy the dip" is usually advice, not a system. Here is a version you can test.

Rules:
- Instrument: SPY, daily bars.
- Buy at the close when SPY closes at least 5% below its highest close of the last 20 days.
- Take profit when the position is up 3%.
- Stop out if the position falls 8% from the entry price.

That's all. In the last ten years the rules triggered 31 times.
""", "gold": _g("long_only", [("highest", {"window": 20})], symbols=["SPY"], frequency="daily",
                stop_loss=0.08, take_profit=0.03, family="other")},

    {"id": "b6_11", "style": "youtube", "text": """9/21 EMA Crossover Strategy Backtested on Bitcoin | 100 Trades Results

In this video I backtest the 9 and 21 EMA crossover strategy on Bitcoin (BTC-USD). The rules: go long when
the 9 EMA crosses above the 21 EMA and go short when the 9 EMA crosses below the 21 EMA. We always have a
position.

TIMESTAMPS
0:00 Intro
1:12 Strategy rules
4:30 Backtest results
9:45 Conclusion

Get 10% off trading fees with my link below!
DISCLAIMER: not financial advice.
#bitcoin #trading #ema
""", "gold": _g("long_short", [("ema", {"window": 9}), ("ema", {"window": 21})], symbols=["BTC-USD"],
                family="ema_crossover")},

    {"id": "b6_12", "style": "pine", "text": """RSI Strategy in Pine Script v5

Here is the full script. I run it on the daily EURUSD chart (EURUSD=X on Yahoo).

```
//@version=5
strategy("RSI 30/70 Long", overlay=false)
rsiLen = input.int(14, "RSI Length")
r = ta.rsi(close, rsiLen)
if ta.crossover(r, 30)
    strategy.entry("Long", strategy.long)
if ta.crossunder(r, 70)
    strategy.close("Long")
```

The entry fires when RSI crosses back above 30 from below, and the position is closed when RSI falls back
below 70.
""", "gold": _g("long_only", [("rsi", {"window": 14})], [30, 70], ["EURUSD=X"], "daily",
                family="rsi_mean_reversion")},

    {"id": "b6_13", "style": "academic", "text": """Time-Series Momentum in Commodity ETFs

Abstract. We study time-series momentum in four liquid commodity exchange-traded funds between 2008 and
2023. A simple trend rule earns a Sharpe ratio of 0.61 and performs best in crisis periods.

2. Method. The universe is DBC, GLD, USO and DBA. At the end of each month we compute each fund's return
over the previous six months. We take a long position in every fund whose six-month return is positive
and a short position in every fund whose six-month return is negative, and hold the positions for one
month with equal weights.
""", "gold": _g("long_short", [("roc", {"window": 6})], symbols=["DBC", "GLD", "USO", "DBA"],
                frequency="monthly", rebalance="monthly", family="ts_momentum")},

    {"id": "b6_14", "style": "medium", "text": """Backtest an SMA Crossover in 10 Lines with vectorbt

vectorbt makes it easy to test thousands of parameter combinations, but let's start with one.

```python
import vectorbt as vbt

price = vbt.YFData.download("ETH-USD").get("Close")
fast_ma = vbt.MA.run(price, 10)
slow_ma = vbt.MA.run(price, 50)
entries = fast_ma.ma_crossed_above(slow_ma)
exits = fast_ma.ma_crossed_below(slow_ma)
pf = vbt.Portfolio.from_signals(price, entries, exits, init_cash=10_000)
print(pf.total_return())
```

We buy Ethereum when the 10-day moving average crosses above the 50-day moving average and sell when it
crosses below.
""", "gold": _g("long_only", [("sma", {"window": 10}), ("sma", {"window": 50})], symbols=["ETH-USD"],
                family="sma_crossover")},

    {"id": "b6_15", "style": "forum", "text": """Re: Weekly MACD on bonds?

Quote from user "duration_dan": Anyone use MACD on TLT?

Yes, for years. I only look at the weekly chart. I buy TLT when the weekly MACD histogram turns positive
and I get out when the histogram turns negative. No shorts, bonds are too expensive to short for me.
It keeps me out of the worst of rate hike years like 2022.

Reply: Interesting, what settings?
Reply: Standard ones, nothing fancy.
""", "gold": _g("long_only", [("macd", {})], [0], ["TLT"], "weekly", family="macd")},

    {"id": "b6_16", "style": "seo", "text": """Bollinger Band Breakout Strategy for Small Caps

Most traders use Bollinger Bands for mean reversion. We use them the other way around.

## Settings
Period: 20. Standard deviations: 2.5.

## Rules
Buy the iShares Russell 2000 ETF (IWM) when the daily close is above the upper band. Sell when the
close drops below the middle band.

## FAQ
Why 2.5 standard deviations? A wider band filters out weak breakouts.
""", "gold": _g("long_only", [("bbands", {"window": 20, "std": 2.5})], symbols=["IWM"], frequency="daily",
                family="bollinger_breakout")},

    {"id": "b6_17", "style": "newsletter", "text": """Weekly Market Signals

Our Golden Cross signal for the Nasdaq-100 tracker (QQQ) is unchanged this week. The rule: we buy when
the 50-day simple moving average crosses above the 200-day, and we go to cash on a death cross. Every
position carries a hard stop loss 10% below the entry price.

The signal has been long since March. Readers asked about leveraged ETFs: we do not use them.
""", "gold": _g("long_only", [("sma", {"window": 50}), ("sma", {"window": 200})], symbols=["QQQ"],
                frequency="daily", stop_loss=0.10, family="sma_crossover")},

    {"id": "b6_18", "style": "readme", "text": """# sol-meanrev-bot

A small crypto bot for SOL-USD using ccxt.

## Install
```
pip install ccxt pandas ta
cp config.example.yml config.yml
```

## Strategy
| Step | Condition |
|------|-----------|
| Entry (long) | RSI(14) < 25 **and** close < lower Bollinger Band (20, 2) |
| Exit | RSI(14) > 60 |
| Take profit | +4% |
| Stop loss | -2% |

## Disclaimer
Use at your own risk.
""", "gold": _g("long_only", [("rsi", {"window": 14}), ("bbands", {"window": 20, "std": 2})], [25, 60],
                ["SOL-USD"], stop_loss=0.02, take_profit=0.04, family="rsi_mean_reversion")},

    {"id": "b6_19", "style": "seo", "text": """Triple Moving Average Strategy: How to Trade 3 MAs

Using three moving averages helps confirm a trend before you enter.

## The setup
Plot the 5-day, 10-day and 20-day simple moving averages.

## Entry
Buy when the 5-day SMA is above the 10-day SMA and the 10-day SMA is above the 20-day SMA.

## Exit
Sell as soon as the 5-day SMA drops below the 10-day SMA.

## Conclusion
The triple MA method is simple but it keeps you on the right side of the trend.
""", "gold": _g("long_only", [("sma", {"window": 5}), ("sma", {"window": 10}), ("sma", {"window": 20})],
                frequency="daily", family="sma_crossover")},

    {"id": "b6_20", "style": "blog", "text": """Donchian's Four-Week Rule on Currencies

The four-week rule is one of the oldest mechanical systems. Applied to weekly charts:
- When price exceeds the highest high of the past four weeks, close any short and go long.
- When price falls below the lowest low of the past four weeks, close any long and go short.
The system is always in the market, which is why it needs trending markets to pay off.
""", "gold": _g("long_short", [("highest", {"window": 4}), ("lowest", {"window": 4})], frequency="weekly",
                family="breakout")},

    {"id": "b6_21", "style": "forum", "text": """r/algotrading - Simple SPY rule that beat buy and hold?

u/quiet_quant: Been testing this for a while. Buy SPY at the close whenever it falls 2% or more in a
single day, then sell at the close five trading days later. That's the whole strategy, no indicators.

u/meanrevert: Survivorship bias much? It's an index, so fine, but check 2008.

u/quiet_quant: It had a bad 2008 but recovered.

u/degen42: Just buy calls lol
""", "gold": _g("long_only", symbols=["SPY"], frequency="daily", family="other")},

    {"id": "b6_22", "style": "seo", "text": """Global Equities Momentum (GEM): Rules and FAQ

Gary Antonacci's dual momentum combines relative and absolute momentum.

## How it works
Once a month:
1. Compare the 12-month return of SPY (US stocks) with the 12-month return of EFA (international stocks).
2. If SPY's 12-month return is higher than the return of 3-month Treasury bills, hold whichever of SPY
   or EFA had the stronger 12-month return.
3. Otherwise hold the bond ETF BND.

## FAQ
**How often do trades happen?** On average about 1.5 switches per year.
**Can I use other ETFs?** Yes, VEU works instead of EFA.
""", "gold": _g("long_only", [("roc", {"window": 12})], symbols=["SPY", "EFA", "BND"], frequency="monthly",
                rebalance="monthly", top_n=1, family="dual_momentum")},

    {"id": "b6_23", "style": "medium", "text": """Cross-Sectional Momentum on Big Tech with pandas

Universe: AAPL, MSFT, AMZN, GOOGL, META, NVDA, TSLA, JPM, XOM and JNJ.

Every Monday we rank the ten stocks by their 20-day return and hold the two strongest in equal weight
until the next Monday.

```python
rets = close.pct_change(20)
ranks = rets.rank(axis=1, ascending=False)
weekly = ranks.resample("W-MON").first()
longs = weekly <= 2
```
""", "gold": _g("long_only", [("roc", {"window": 20})],
                symbols=["AAPL", "MSFT", "AMZN", "GOOGL", "META", "NVDA", "TSLA", "JPM", "XOM", "JNJ"],
                frequency="daily", rebalance="weekly", top_n=2, family="xs_momentum")},

    {"id": "b6_24", "style": "blog", "text": """Shorting Overbought Rallies in a Bear Market

When the Nasdaq-100 is in a downtrend, sharp rallies tend to fade. The setup:
- QQQ must be trading below its 200-day simple moving average.
- Short QQQ at the close when the 3-period RSI rises above 90.
- Cover when the 3-period RSI drops below 50.
- Use a 4% stop loss on every trade.
This strategy only sells short; it never buys.
""", "gold": _g("short_only", [("sma", {"window": 200}), ("rsi", {"window": 3})], [90, 50], ["QQQ"],
                "daily", stop_loss=0.04, family="rsi_mean_reversion")},

    {"id": "b6_25", "style": "blog", "text": """Energy Trend Trade with an ATR Trailing Stop

Instrument: Energy Select Sector SPDR (XLE), daily.
Entry: buy when the close crosses above the 50-day exponential moving average.
Exit: a trailing stop three times the 14-day ATR below the highest close since entry.
No short trades.
""", "gold": _g("long_only", [("ema", {"window": 50}), ("atr", {"window": 14})], [3], ["XLE"], "daily",
                family="trend_filter")},

    {"id": "b6_26", "style": "academic", "text": """Momentum Decile Portfolios Revisited

Abstract: Using CRSP data from 1963 to 2022 we revisit the profitability of momentum portfolios and find
that returns are concentrated in the winner decile after 2000.

Method. At the end of each month we sort all NYSE, AMEX and Nasdaq stocks into deciles by their past
12-month return. We buy the stocks in the top decile and sell short the stocks in the bottom decile, and
rebalance the portfolio monthly.
""", "gold": _g("long_short", [("roc", {"window": 12})], frequency="monthly", rebalance="monthly",
                top_pct=0.1, family="xs_momentum")},

    {"id": "b6_27", "style": "blog", "text": """The Two-Fund Lazy Portfolio

Not every strategy needs signals. Ours: buy VTI and BND in a 60/40 split and hold them. We rebalance once a
year on our birthday and never look at charts.
""", "gold": _g("long_only", symbols=["VTI", "BND"], family="buy_and_hold")},

    {"id": "b6_28", "style": "forum", "text": """Thread: RSI(2) on TLT both ways

Reply #3 from bondtrader:
My version trades both directions. Buy TLT when the 2-day RSI is under 5, short TLT when the 2-day RSI
is over 95, and exit either trade when the RSI crosses 50. Daily bars, end-of-day orders.

Reply #4 from skeptic88: Have you tested it before 2010?
""", "gold": _g("long_short", [("rsi", {"window": 2})], [5, 95, 50], ["TLT"], "daily",
                family="rsi_mean_reversion")},

    {"id": "b6_29", "style": "pine", "text": """EMA Cross with Stop and Target (Pine Script)

I use this on the NVDA daily chart.

```
//@version=5
strategy("EMA 12/26 cross", overlay=true)
fast = ta.ema(close, 12)
slow = ta.ema(close, 26)
if ta.crossover(fast, slow)
    strategy.entry("L", strategy.long)
strategy.exit("X", "L", stop=strategy.position_avg_price * 0.97, limit=strategy.position_avg_price * 1.06)
```

So: long on the 12/26 EMA cross up, with a 3% stop loss and a 6% profit target.
""", "gold": _g("long_only", [("ema", {"window": 12}), ("ema", {"window": 26})], symbols=["NVDA"],
                frequency="daily", stop_loss=0.03, take_profit=0.06, family="ema_crossover")},

    {"id": "b6_30", "style": "youtube", "text": """Weekly MACD Zero Line Strategy on the S&P 500 - 25 Years Backtest

Today we test a slow MACD system on the S&P 500 index (^GSPC) using weekly candles. MACD settings are the
default 12, 26 and 9. Buy when the MACD line crosses above zero; sell when it crosses below zero.

Chapters:
00:00 Intro
02:10 Rules
06:40 Results
Subscribe for more backtests!
""", "gold": _g("long_only", [("macd", {"fast": 12, "slow": 26, "signal": 9})], [0], ["^GSPC"], "weekly",
                family="macd")},

    # ---- no tradable rule ----
    {"id": "b6_n01", "style": "seo", "text": """What Is a Moving Average Crossover? Definition and Examples

A moving average crossover happens when a shorter moving average crosses a longer one. For example,
when the 50-day moving average crosses above the 200-day moving average, chartists call it a golden
cross; the opposite is a death cross.

## Why traders watch crossovers
Crossovers summarise a change in trend. They lag price, so they are late by design.

## FAQ
**Is a golden cross bullish?** It is often described as bullish, but studies disagree on whether it
predicts returns.
""", "gold": NONE},

    {"id": "b6_n02", "style": "seo", "text": """5 Best Technical Indicators for Swing Trading in 2024

1. RSI - The Relative Strength Index measures momentum on a 0-100 scale; readings above 70 are usually
   called overbought and below 30 oversold.
2. MACD - Built from the 12- and 26-period EMAs with a 9-period signal line.
3. Bollinger Bands - A 20-period SMA with bands two standard deviations away.
4. ATR - The Average True Range measures volatility.
5. Volume - Confirms the strength of a move.

Which one is best? It depends on your style. Combine two or three and practise on a demo account.
""", "gold": NONE},

    {"id": "b6_n03", "style": "blog", "text": """Why I Stopped Trading the RSI 2 Strategy

I traded short-term mean reversion on index ETFs for six years. It worked beautifully until around 2019,
then the edge faded. Commissions are zero now, but slippage and overnight gaps ate what was left.
I still think the idea is sound; I just no longer believe the backtests. These days I spend more time on
position sizing than on entry signals.
""", "gold": NONE},

    {"id": "b6_n04", "style": "newsletter", "text": """Dual Momentum Update - November

Our model remains invested in SPY this month. US stocks continue to lead international stocks (EFA) and
both are ahead of Treasury bills, so no change is needed. Year to date the model is up 12.4% versus 10.9%
for a 60/40 portfolio. The next review is on the last trading day of December.
""", "gold": NONE},

    {"id": "b6_n05", "style": "seo", "text": """Connors RSI Explained

ConnorsRSI is a composite oscillator created by Larry Connors. It averages three components:
- a 3-period RSI of price,
- a 2-period RSI of the up/down streak length,
- the percent rank of the one-day return over the past 100 days.
The result ranges from 0 to 100. Values under 10 are considered very oversold, values over 90 very
overbought. Charting platforms such as TradingView include it as a built-in indicator.
""", "gold": NONE},

    {"id": "b6_n06", "style": "blog", "text": """The Turtle Traders: A Short History

In 1983 Richard Dennis bet his partner William Eckhardt that trading could be taught. They placed an ad,
hired about two dozen novices, and taught them a breakout approach over two weeks in Chicago. Several
Turtles went on to run their own funds. The experiment is still debated: was it the rules, or the
discipline to follow them?
""", "gold": NONE},

    {"id": "b6_n07", "style": "academic", "text": """Momentum Crashes and Market States

Abstract. Momentum strategies earn large average returns but experience infrequent and persistent
crashes. We show that crashes occur in panic states, following market declines and when volatility is
high, and are contemporaneous with market rebounds. The results are robust across asset classes and
international equity markets.
""", "gold": NONE},

    {"id": "b6_n08", "style": "readme", "text": """# ohlcv-fetch

Download daily OHLCV data for any ticker into Parquet files.

## Install
```
pip install ohlcv-fetch
```

## Usage
```
ohlcv-fetch SPY QQQ IWM --start 2010-01-01 --out data/
```

## Features
- Yahoo, Stooq and CSV sources
- Adjusted and unadjusted prices
- Computes SMA, EMA, RSI and Bollinger Bands columns on request (`--indicators sma:50,rsi:14`)
""", "gold": NONE},

    {"id": "b6_n09", "style": "forum", "text": """Thread: Is the 200-day moving average useless?

OP: Every TV pundit talks about the 200-day. Does it mean anything?

Reply: It's self-fulfilling to a degree because everyone watches it.

Reply: Academic evidence is mixed. Some papers find a timing benefit, others say it's data mining.

Reply: I look at it but I don't trade off it.
""", "gold": NONE},

    {"id": "b6_n10", "style": "youtube", "text": """S&P 500 Hits All-Time High! Bitcoin Below $60K? | Market Update

Today we look at SPY breaking out to new highs, NVDA earnings next week, and why Bitcoin (BTC-USD) is
struggling. The daily RSI on NVDA is above 75, so it is overbought, and the 50-day moving average on
Bitcoin is rolling over. Gold (GLD) is quietly up 20% this year.

0:00 Intro
2:30 SPY
6:00 Bitcoin
Like and subscribe!
""", "gold": NONE},
]
