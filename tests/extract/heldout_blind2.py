"""Blind held-out set, round 2: 40 texts written BEFORE reading the offline extractor or its tests.

Each text imitates a genre of real public strategy writing (platform manuals, paper abstracts, READMEs,
blog tutorials, forum and Reddit posts, newsletters, parameter tables, YAML/JSON configs, changelogs,
explainers); ten hold no tradable rule. Gold labels follow ``../shared/eval/README.md``: only what the
text states, null or [] where it is silent. Written by the project, not copied from any source.
"""

from __future__ import annotations


def _g(**kw):
    gold = {"no_strategy": False, "direction": None, "indicators": [], "constants": [], "symbols": [],
            "frequency": None, "rebalance": None, "stop_loss": None, "take_profit": None,
            "top_n": None, "top_pct": None, "family": None}
    gold.update(kw)
    return gold


NONE = _g(no_strategy=True)

CASES = [
    {"id": "b2_01_manual_ma_cross_le", "style": "trading-platform manual", "text": """\
MovAvg Crossover LE (Strategy)

The MovAvg Crossover LE strategy enters a long position when a faster simple moving average of price
crosses above a slower one. It does not place exit orders; combine it with an exit strategy such as
MovAvg Crossover LX or with a stop strategy.

Inputs
  Price        Specifies the price value used in the average calculation. Default: Close.
  FastLength   Sets the number of bars used for the fast average. Default: 9.
  SlowLength   Sets the number of bars used for the slow average. Default: 18.

Logic
  If the FastLength average of Price crosses over the SlowLength average of Price, a Buy order is
  generated for the next bar at market. The order is labelled "MACrossLE".

Notes
  This is an entry strategy only. Position size is set in Strategy Properties (default: 100 shares).
""", "gold": _g(direction="long_only", indicators=[["sma", {"window": 9}], ["sma", {"window": 18}]],
               family="sma_crossover")},

    {"id": "b2_02_manual_bollinger_reversal", "style": "trading-platform manual (parameter table)", "text": """\
## Bollinger Bands Reversal

Category: Built-in strategies > Mean reversion

**Description.** This strategy trades reversals at the outer bands. A long position is opened when the
close crosses back above the lower band after closing below it; a short position is opened when the close
crosses back below the upper band after closing above it. Positions are reversed on the opposite signal
(the strategy is always in the market once the first signal has fired).

**Parameters**

| Name | Default | Description |
|---|---|---|
| Period | 20 | Number of bars for the middle band (SMA) |
| Deviations | 2.0 | Standard deviations for the upper and lower band |
| Source | Close | Price used |
| Allow shorts | true | When false, short signals only close longs |

**Remarks.** Works best on range-bound instruments. Band width expands in trending markets, so consider
adding a trend filter.
""", "gold": _g(direction="long_short", indicators=[["bbands", {"window": 20, "std": 2.0}]],
               family="bollinger_reversion")},

    {"id": "b2_03_ssrn_xs_deciles", "style": "SSRN abstract + methodology", "text": """\
Abstract
We revisit the cross-sectional momentum anomaly in international equity markets over 1993-2022. Stocks
with high past returns continue to outperform stocks with low past returns over the next month, and the
effect is robust to controlling for size and value. A zero-cost strategy earns 0.94% per month (t = 3.8).

2. Methodology
At the end of each month t we sort all eligible stocks into deciles on their cumulative return from month
t-12 to month t-2, skipping the most recent month to avoid short-term reversal. We buy the stocks in the
top decile (winners) and sell short the stocks in the bottom decile (losers), value-weighting within each
portfolio, and hold the positions for one month before re-sorting. Stocks priced below $1 and the smallest
10% by market capitalisation are excluded.

Keywords: momentum, anomalies, international equities
JEL classification: G11, G12, G15
""", "gold": _g(direction="long_short", indicators=[["roc", {}]], frequency="monthly", rebalance="monthly",
               top_pct=0.1, family="xs_momentum")},

    {"id": "b2_04_ssrn_tsmom_commodities", "style": "SSRN abstract + methodology", "text": """\
Time-Series Momentum in Commodity Futures: Evidence from 1985-2023

Abstract: We document significant time-series momentum in 27 commodity futures. An instrument's own past
12-month excess return predicts its return over the following month, and a diversified portfolio of
time-series momentum positions earns a Sharpe ratio above 0.8 with little exposure to standard factors.

Data and method. For each contract we compute the excess return over the previous twelve months. If this
return is positive we take a long position, and if it is negative a short position, in the front-month
contract. Positions are scaled to 40% annualised volatility using a 60-day exponentially weighted estimate
and rebalanced at the end of every month. Transaction costs of 5 bps per trade are deducted.
""", "gold": _g(direction="long_short", indicators=[["roc", {"window": 12}]], frequency="monthly",
               rebalance="monthly", family="ts_momentum")},

    {"id": "b2_05_quantconnect_gem_readme", "style": "QuantConnect README", "text": """\
# Dual Momentum (GEM) - QuantConnect LEAN implementation

This algorithm implements a global equities momentum rotation between US stocks, international stocks
and bonds.

## Rules

1. On the first trading day of each month, compute the 12-month total return of SPY, EFA and BIL.
2. If SPY's return is greater than BIL's (absolute momentum), hold whichever of SPY or EFA had the
   higher 12-month return (relative momentum).
3. Otherwise, hold AGG.
4. Only one ETF is held at a time, 100% of the portfolio.

## Running

```
lean backtest "DualMomentum"
```

Parameters can be changed in `config.json` (`lookback_months`, default `12`).

## Results (2004-2023)

CAGR 8.9%, max drawdown -19.8%. See `results/` for the full tearsheet.
""", "gold": _g(direction="long_only", indicators=[["roc", {"window": 12}]], symbols=["SPY", "EFA", "AGG"],
               frequency="monthly", rebalance="monthly", top_n=1, family="dual_momentum")},

    {"id": "b2_06_backtrader_readme", "style": "backtrader README with code", "text": """\
## Example: SMA crossover

The snippet below is the strategy used in the quickstart. It buys when the 20-period SMA crosses above
the 50-period SMA and closes the position on the opposite cross.

```python
import backtrader as bt

class SmaCross(bt.Strategy):
    params = dict(pfast=20, pslow=50)

    def __init__(self):
        sma1 = bt.ind.SMA(period=self.p.pfast)
        sma2 = bt.ind.SMA(period=self.p.pslow)
        self.crossover = bt.ind.CrossOver(sma1, sma2)

    def next(self):
        if not self.position:
            if self.crossover > 0:
                self.buy()
        elif self.crossover < 0:
            self.close()

cerebro = bt.Cerebro()
data = bt.feeds.YahooFinanceCSVData(dataname='datas/orcl-2014.txt')
cerebro.adddata(data)
cerebro.addstrategy(SmaCross)
cerebro.broker.setcash(10000.0)
cerebro.run()
```

Data: daily bars for ORCL, 2014 (included in `datas/`).
""", "gold": _g(direction="long_only", indicators=[["sma", {"window": 20}], ["sma", {"window": 50}]],
               symbols=["ORCL"], frequency="daily", family="sma_crossover")},

    {"id": "b2_07_zipline_sector_rotation", "style": "zipline README with code", "text": """\
### Sector rotation example (zipline)

`examples/sector_rotation.py` rotates among the nine Select Sector SPDRs. Once a month it ranks them by
trailing 126-day total return and holds the three strongest in equal weight.

```python
SECTORS = ['XLB', 'XLE', 'XLF', 'XLI', 'XLK', 'XLP', 'XLU', 'XLV', 'XLY']
LOOKBACK = 126
N_HOLD = 3

def initialize(context):
    context.assets = [symbol(s) for s in SECTORS]
    schedule_function(rebalance, date_rules.month_start(), time_rules.market_open(minutes=30))

def rebalance(context, data):
    prices = data.history(context.assets, 'price', LOOKBACK + 1, '1d')
    returns = prices.iloc[-1] / prices.iloc[0] - 1
    winners = returns.nlargest(N_HOLD).index
    for asset in context.assets:
        order_target_percent(asset, 1.0 / N_HOLD if asset in winners else 0.0)
```

Run with `zipline run -f examples/sector_rotation.py --start 2010-1-1 --end 2020-12-31 -b quandl`.
""", "gold": _g(direction="long_only", indicators=[["roc", {"window": 126}]],
               symbols=["XLB", "XLE", "XLF", "XLI", "XLK", "XLP", "XLU", "XLV", "XLY"],
               frequency="daily", rebalance="monthly", top_n=3, family="xs_momentum")},

    {"id": "b2_08_medium_rsi_bot", "style": "Medium tutorial, prose + code", "text": """\
Building an RSI Trading Bot in Python (Part 2)

In part 1 we downloaded the data. Now let's turn the Relative Strength Index into actual trading rules
for Tesla (TSLA).

The RSI oscillates between 0 and 100. The classic interpretation is that readings under 30 mean
oversold and readings over 70 mean overbought. Our rules:

- Buy when the 14-day RSI crosses below 30
- Sell when RSI goes above 70
- Stop loss at 5% below our entry price, just in case

```python
df['rsi'] = ta.momentum.RSIIndicator(df['Close'], window=14).rsi()
df['signal'] = 0
df.loc[df['rsi'] < 30, 'signal'] = 1
df.loc[df['rsi'] > 70, 'signal'] = -1
```

Note that -1 here means "sell what we hold", we are not shorting. In part 3 we'll add position
sizing. If you liked this give it a clap!
""", "gold": _g(direction="long_only", indicators=[["rsi", {"window": 14}]], constants=[30, 70],
               symbols=["TSLA"], frequency="daily", stop_loss=0.05, family="rsi_mean_reversion")},

    {"id": "b2_09_stackexchange_ema_cross", "style": "Stack Exchange question", "text": """\
EMA crossover backtest gives different trades than TradingView

I'm backtesting a simple EMA cross on QQQ daily bars in pandas and my trades don't match the
TradingView strategy tester.

Rules: go long when EMA(12) crosses above EMA(26), flat when EMA(12) crosses below EMA(26). No
shorting, no stops.

```python
fast = df.Close.ewm(span=12, adjust=False).mean()
slow = df.Close.ewm(span=26, adjust=False).mean()
pos = (fast > slow).astype(int).shift(1)
```

TradingView shows 41 trades since 2010, I get 44. Is it the `adjust` parameter or the warm-up period?
I'm using Yahoo data (adjusted close).

python  backtesting  technical-indicators
asked Mar 3 '21 at 14:02
""", "gold": _g(direction="long_only", indicators=[["ema", {"window": 12}], ["ema", {"window": 26}]],
               symbols=["QQQ"], frequency="daily", family="ema_crossover")},

    {"id": "b2_10_reddit_iwm_rsi3", "style": "Reddit r/algotrading post", "text": """\
r/algotrading - Posted by u/throwaway_quant42

Simple IWM mean reversion system I've been running live for 8 months

Not claiming this is the holy grail but it's been solid. Rules:

Entry: IWM closes above its 100 day SMA (trend filter) AND 3-period RSI closes under 15 -> buy at the close
Exit: RSI(3) closes above 60, or 10 trading days, whichever first

No stop loss (tested them, they hurt on this kind of system). Max 1 position. Backtest 2005-2023: 71%
winners, avg trade +0.9%, profit factor 2.1. Commissions included.

Happy to answer questions. Yes I know it's curve fit to some extent lol

Edit: some asked about QQQ - it works there too but worse.

  214 upvotes   87 comments
""", "gold": _g(direction="long_only", indicators=[["sma", {"window": 100}], ["rsi", {"window": 3}]],
               constants=[15, 60], symbols=["IWM"], frequency="daily", family="rsi_mean_reversion")},

    {"id": "b2_11_newsletter_ten_month", "style": "newsletter 'our system'", "text": """\
HOW OUR CORE SYSTEM WORKS

A few new subscribers asked, so here it is again. On the last trading day of every month we look at one
number: is the Vanguard S&P 500 ETF (VOO) closing above its ten-month simple moving average? If yes, we
are 100% in VOO for the coming month. If no, we sell and sit in short-term Treasuries until it closes back
above. That's it. No predictions, no opinions.

This rule kept us out of most of 2008 and got us back in by mid-2009. It costs a few percent in whipsaw
years like 2015-16. We think that's a fair price.

- The Steady Compounder, Issue #112
""", "gold": _g(direction="long_only", indicators=[["sma", {"window": 10}]], symbols=["VOO"],
               frequency="monthly", family="trend_filter")},

    {"id": "b2_12_table_channel_breakout", "style": "strategy parameter table", "text": """\
Strategy sheet: Channel Breakout v3

| Parameter | Value | Notes |
|-----------|-------|-------|
| Market | Crude oil futures (CL) | front month, back-adjusted |
| Bar | Daily | |
| Entry long | Close > highest high of prior 20 days | |
| Entry short | Close < lowest low of prior 20 days | |
| Exit long | Close < lowest low of prior 10 days | |
| Exit short | Close > highest high of prior 10 days | |
| Initial stop | 2 x ATR(20) from entry | |
| Risk per trade | 1% of equity | |

Backtest period 2000-2023, one contract, $5 round-turn commission.
""", "gold": _g(direction="long_short", indicators=[["highest", {"window": 20}], ["lowest", {"window": 20}],
                                                    ["lowest", {"window": 10}], ["highest", {"window": 10}],
                                                    ["atr", {"window": 20}]],
               constants=[2], symbols=["CL"], frequency="daily", family="breakout")},

    {"id": "b2_13_yaml_bot_config", "style": "YAML config", "text": """\
# bot config - copy to config.yaml and edit
exchange: binance
symbol: BTC/USDT
timeframe: 1d
strategy:
  name: ema_cross
  fast_ema: 21
  slow_ema: 55
  allow_short: false
risk:
  stop_loss_pct: 4
  take_profit_pct: 12
  max_open_trades: 1
notifications:
  telegram: true
""", "gold": _g(direction="long_only", indicators=[["ema", {"window": 21}], ["ema", {"window": 55}]],
               symbols=["BTC/USDT"], frequency="daily", stop_loss=0.04, take_profit=0.12,
               family="ema_crossover")},

    {"id": "b2_14_json_macd_builder", "style": "JSON config", "text": """\
Strategy definition exported from the builder:

{
  "name": "GLD MACD swing",
  "symbol": "GLD",
  "interval": "1d",
  "indicators": {
    "macd": {"fast_period": 8, "slow_period": 21, "signal_period": 5, "source": "close"}
  },
  "entry": {"side": "long", "condition": "macd_line crosses_above signal_line"},
  "exit": {"condition": "macd_line crosses_below signal_line"},
  "stop_loss": {"type": "percent", "value": 3},
  "position_size": {"type": "equity_pct", "value": 25}
}
""", "gold": _g(direction="long_only", indicators=[["macd", {"fast": 8, "slow": 21, "signal": 5}]],
               symbols=["GLD"], frequency="daily", stop_loss=0.03, family="macd")},

    {"id": "b2_15_changelog_trend_bot", "style": "changelog", "text": """\
CHANGELOG - trend-bot

## [2.3.0] - 2024-02-11
### Changed
- Entry signal now uses EMA(50) crossing above EMA(200) instead of the SMA pair (less lag).
- Exit on EMA(50) crossing back below EMA(200) (previously a fixed 20-bar time exit).
### Added
- Take profit at +15% from entry.
- Trailing stop 8% (optional, off by default).
### Fixed
- Crash when the data feed returned an empty bar.

## [2.2.1] - 2023-12-03
### Fixed
- Timezone bug in daily candles.
""", "gold": _g(direction="long_only", indicators=[["ema", {"window": 50}], ["ema", {"window": 200}]],
               take_profit=0.15, family="ema_crossover")},

    {"id": "b2_16_explainer_golden_cross", "style": "Investopedia-style explainer with a rule", "text": """\
What Is a Golden Cross?

A golden cross is a chart pattern in which a relatively short-term moving average crosses above a
long-term moving average. It is widely seen as a bullish signal. The most commonly used averages are the
50-day and the 200-day simple moving averages.

KEY TAKEAWAYS
- A golden cross suggests a long-term bull market going forward.
- The opposite pattern is the death cross.

Trading the Golden Cross
A simple way to trade it: buy the index (for example, the SPDR S&P 500 ETF, SPY) on the first close after
the 50-day SMA crosses above the 200-day SMA, and sell when the 50-day falls back below the 200-day (a
death cross). Because both are lagging indicators, the signal often comes well after the bottom.
""", "gold": _g(direction="long_only", indicators=[["sma", {"window": 50}], ["sma", {"window": 200}]],
               symbols=["SPY"], frequency="daily", family="sma_crossover")},

    {"id": "b2_17_explainer_atr_norule", "style": "indicator explainer, no rule", "text": """\
Average True Range (ATR): Definition and Calculation

The average true range is a volatility indicator introduced by J. Welles Wilder in his 1978 book New
Concepts in Technical Trading Systems. The true range for a period is the greatest of: the current high
minus the current low; the absolute value of the current high minus the previous close; and the absolute
value of the current low minus the previous close. The ATR is then a moving average, typically over 14
periods, of the true range.

ATR does not indicate direction. A rising ATR means volatility is expanding; a falling ATR means it is
contracting. Many traders use ATR to size positions or place stops, for example two or three ATRs away
from price, though the right distance depends on the market and time frame.

Limitations: ATR is an absolute measure, so it cannot be compared across instruments with different prices.
""", "gold": NONE},

    {"id": "b2_18_explainer_macd_norule", "style": "indicator explainer, no rule", "text": """\
MACD Explained (Beginner's Guide)

MACD stands for Moving Average Convergence Divergence. It is computed by subtracting the 26-period
exponential moving average from the 12-period EMA. A nine-period EMA of the MACD, called the signal line,
is then plotted on top, and the histogram shows the distance between the two.

When the MACD is above zero, the short-term average is above the long-term average, which reflects upward
momentum. When it is below zero, momentum is to the downside. Divergences between MACD and price are
sometimes seen as a warning that a trend is weakening.

MACD is best seen as one tool among many. Like every moving-average-based indicator it lags price, and in
sideways markets it produces many false crossovers.
""", "gold": NONE},

    {"id": "b2_19_market_wrap", "style": "market commentary", "text": """\
Markets wrap: Stocks slide as yields jump; S&P 500 breaks below 200-day

NEW YORK (Tuesday) - U.S. stocks fell for a third session as the 10-year Treasury yield climbed to 4.7%,
its highest since 2007. The S&P 500 lost 1.4% and closed below its 200-day moving average for the first
time since March, a level many chart watchers track. The Nasdaq 100 dropped 1.9%, with Apple (AAPL) and
Nvidia (NVDA) leading declines, while energy shares rose alongside crude.

"The break of the 200-day will get the attention of systematic funds," said a strategist at a regional
bank. "We'd expect some selling from trend followers if it holds through Friday."

The VIX jumped to 19. Investors are looking ahead to Friday's payrolls report.
""", "gold": NONE},

    {"id": "b2_20_opinion_no_stops", "style": "blog opinion", "text": """\
Why I stopped using stop losses (and why you probably shouldn't copy me)

Every trading book tells you to put a stop under every position. For years I used a 10% stop on
everything I bought. Looking back at my trades, the stops mostly got me out at the lows of normal
pullbacks, and then I bought back higher.

That doesn't mean stops are bad. If you trade leveraged products or short options, you need them. For a
diversified long-term portfolio, position size does the same job with less noise: if a position can't
hurt you much, you don't need to be shaken out of it.

What I do now is think in terms of how much of the portfolio I'm willing to lose on an idea. I'm not
going to give a formula, because it's different for everyone. Comments welcome.
""", "gold": NONE},

    {"id": "b2_21_quarterly_letter", "style": "performance report", "text": """\
Q3 2023 Quarterly Letter

Dear partners,

The fund returned +3.2% net in the third quarter, versus -3.3% for the S&P 500 and -3.2% for the 60/40
benchmark. Year to date we are up 11.4% net. Our trend-following sleeve was the main contributor (+2.9%),
as long positions in energy and short positions in bonds both worked. The equity long/short book
detracted (-0.6%).

Volatility of the fund was 9.8% annualised, and the maximum drawdown during the quarter was -2.1%. Gross
exposure averaged 180%.

We continue to run the portfolio with the same process we have used since inception. As always, we're
happy to discuss the portfolio on a call.
""", "gold": NONE},

    {"id": "b2_22_cta_wont_disclose", "style": "CTA program description, rules withheld", "text": """\
About Our Trading Program

Meridian Trend Program trades a diversified portfolio of about 60 liquid futures markets - equity indices,
bonds, currencies, metals, energies and agricultural commodities. The program is fully systematic and
follows medium- to long-term trends, typically holding positions for several weeks to several months.
Both long and short positions are taken.

Clients often ask about our entry and exit rules. We do not disclose the specific indicators, look-back
periods or parameters we use, as these are proprietary. What we can say is that every position carries a
predefined risk limit and that total portfolio risk is capped.

Past performance is not indicative of future results. Futures trading involves substantial risk of loss.
""", "gold": NONE},

    {"id": "b2_23_reddit_lstm_question", "style": "Reddit question, no rule", "text": """\
r/algotrading

Has anyone actually made money with LSTMs on daily data?

I've spent two months building an LSTM that predicts next-day SPY returns from the last 60 days of OHLCV
plus a few features (RSI, volume z-score). Validation accuracy is ~52% which sounds good but after costs
the equity curve is flat. Feels like I'm fitting noise.

Is it worth continuing or should I go back to simpler stuff? What features actually helped you?

  56 upvotes   73 comments
""", "gold": NONE},

    {"id": "b2_24_forum_ma_brute_force", "style": "forum reply, test without a rule", "text": """\
Re: Moving average crossovers - are they dead?

I ran the brute-force test a lot of people here do: every fast/slow SMA pair from 5 to 200 days on SPY
since 1993, long only, next-day open fills, 1 bp costs. About 6% of the pairs beat buy and hold on a
risk-adjusted basis and there's no stable region - the "best" pair changes completely if you shift the
start date by two years. My conclusion is that the optimisation is telling you nothing and picking the
top pair is pure data mining.

Not saying trend following doesn't work, just that this particular test proves nothing either way.
""", "gold": NONE},

    {"id": "b2_25_newsletter_teaser", "style": "newsletter teaser, no rule", "text": """\
Coming next week: The RSI setup we've been trading since 2019

Next Tuesday's premium issue breaks down, rule by rule, the short-term RSI system we use on large-cap
tech. You'll get the exact entry and exit levels, the filter that cut our losing trades by a third, and
the full 15-year backtest.

Not a premium member yet? Upgrade before Monday and get 40% off your first year. Questions? Just hit reply.
""", "gold": NONE},

    {"id": "b2_26_paper_summary_snooping", "style": "paper summary, no rule", "text": """\
Summary: "Does Technical Analysis Beat Buy-and-Hold After Costs?" (working paper)

The authors test 7,846 technical trading rules - moving averages, channel breakouts, support and
resistance, and oscillators - on 14 equity indices between 1990 and 2021. After correcting for data
snooping with White's reality check and the stepwise SPA test, none of the rules outperforms buy-and-hold
in out-of-sample periods once realistic transaction costs of 10 to 25 bps per trade are included. The best
in-sample rule on the S&P 500, a short moving-average crossover, loses its edge entirely after 2000.

Takeaway: simple technical rules were profitable in the 1970s and 1980s, but the evidence for them in
modern markets is weak.
""", "gold": NONE},

    {"id": "b2_27_manual_keltner", "style": "trading-platform manual", "text": """\
Keltner Channel Breakout (built-in strategy)

Overview: Enters in the direction of a breakout from a Keltner channel. The channel centre line is an
exponential moving average of the close; the upper and lower lines are placed a multiple of the average
true range above and below it.

Inputs:
  Length (default 20) - EMA length for the centre line
  ATRLength (default 10) - number of bars for the ATR
  NumATRs (default 1.5) - channel width in ATRs

Long entry: close crosses above the upper line.
Short entry: close crosses below the lower line.
Exits: the position is reversed by the opposite entry; there is no separate exit.
""", "gold": _g(direction="long_short", indicators=[["ema", {"window": 20}], ["atr", {"window": 10}]],
               constants=[1.5], family="keltner_breakout")},

    {"id": "b2_28_blog_turtle_system2", "style": "blog summary", "text": """\
The Turtle rules, system 2, in plain English

I keep getting asked for this so here's my summary of System 2 from the original Turtle rules as I trade
them on daily futures charts:

* Entry: buy when price exceeds the highest high of the previous fifty-five days; sell short when it falls
  below the lowest low of the previous 55 days. Every breakout is taken (unlike System 1, there's no filter
  on the previous trade).
* Exit: longs exit at a 20-day low, shorts at a 20-day high.
* Stop: 2N from the entry price, where N is the 20-day ATR.

Position size is 1% of equity per N. The original also added units every half N, which I skip.
""", "gold": _g(direction="long_short", indicators=[["highest", {"window": 55}], ["lowest", {"window": 55}],
                                                    ["lowest", {"window": 20}], ["highest", {"window": 20}],
                                                    ["atr", {"window": 20}]],
               constants=[2], frequency="daily", family="breakout")},

    {"id": "b2_29_blog_weekly_qqq", "style": "blog, weekly filter", "text": """\
My "lazy" QQQ timing rule (weekly chart)

I check once a week, Friday afternoon. If QQQ closes the week above its 30-week moving average, I own it.
If it closes the week below the 30-week MA, I sell and park the money in a money market fund until it
closes a week back above. Simple average, not exponential.

Since 2000 this would have sidestepped most of the dot-com bust and 2008, at the cost of a handful of
whipsaws. I don't use stops or targets; the weekly close is the only thing that matters.
""", "gold": _g(direction="long_only", indicators=[["sma", {"window": 30}]], symbols=["QQQ"],
               frequency="weekly", family="trend_filter")},

    {"id": "b2_30_forum_three_fund", "style": "forum reply, buy and hold", "text": """\
Re: What's your "set and forget" portfolio?

Three-fund, nothing fancy. I put every paycheck into VTI, VXUS and BND (60/30/10), never sell, never time
anything, and rebalance with new money only. Been doing this since 2011. I haven't looked at a chart in
years and I sleep fine.

The best thing I did was turn off the app notifications.
""", "gold": _g(direction="long_only", indicators=[], symbols=["VTI", "VXUS", "BND"], family="buy_and_hold")},

    {"id": "b2_31_social_tsla_short", "style": "social post, cashtags", "text": """\
$TSLA short setup (my rules, not advice)

Daily chart. I short $TSLA when it closes below the 20 EMA while RSI(14) is under 40. I cover when it
closes back above the 20 EMA. Hard stop 7 pct above my entry, no exceptions.

Works best after earnings gaps down. $SPY for context only - I'm not trading it.
""", "gold": _g(direction="short_only", indicators=[["ema", {"window": 20}], ["rsi", {"window": 14}]],
               constants=[40], symbols=["TSLA"], frequency="daily", stop_loss=0.07, family="short_trend")},

    {"id": "b2_32_wiki_es_bps", "style": "internal wiki spec notes", "text": """\
ES trend model - spec notes (internal wiki)

Instrument: E-mini S&P 500 futures (ES), daily settlement prices.
Signal: long when the 20-day SMA is above the 100-day SMA, short when it is below. Signal evaluated at the
settle, executed at next open.
Risk: hard stop 150 bps from entry; profit target 300 bps. After a stop-out we wait for the next crossover
before re-entering.
Costs: 0.25 ticks slippage per side plus exchange fees.
""", "gold": _g(direction="long_short", indicators=[["sma", {"window": 20}], ["sma", {"window": 100}]],
               symbols=["ES"], frequency="daily", stop_loss=0.015, take_profit=0.03, family="sma_crossover")},

    {"id": "b2_33_blog_macd_histogram_xle", "style": "blog", "text": """\
Trading XLE with the MACD histogram

Energy is a trending sector, so I wanted a momentum signal that reacts a little faster than a
moving-average cross. The MACD histogram is exactly that: it's the MACD line minus its signal line.

The rules I tested on the daily chart of the Energy Select Sector SPDR (XLE), with the standard 12, 26, 9
settings:
1. Buy when the histogram turns positive (crosses above zero).
2. Sell when it turns negative again.

From 2010 to 2023 the rules were in the market 52% of the time. I'll post the full stats in the next article.
""", "gold": _g(direction="long_only", indicators=[["macd", {"fast": 12, "slow": 26, "signal": 9}]],
               constants=[0], symbols=["XLE"], frequency="daily", family="macd")},

    {"id": "b2_34_forum_macd_zero_line", "style": "forum question describing a coded rule", "text": """\
Question about my MACD zero-line strategy

Here's what I'm running on EUR/USD daily: go long when the MACD line crosses above the zero line and
price is above the 200 EMA. Go short when the MACD line crosses below zero and price is below the 200 EMA.
Close the trade on the opposite zero-line cross. Default MACD settings.

Problem is it gives back a lot in ranges. Would adding an ADX filter help or is that just another
parameter to overfit?
""", "gold": _g(direction="long_short", indicators=[["macd", {}], ["ema", {"window": 200}]], constants=[0],
               symbols=["EUR/USD"], frequency="daily", family="macd")},

    {"id": "b2_35_abs_momentum_tbills", "style": "blog, absolute momentum", "text": """\
Absolute momentum, simplest version

Once a month, compare the trailing 12-month total return of the S&P 500 ETF (SPY) with the 12-month
return of 3-month T-bills. If stocks beat T-bills, hold SPY for the next month. If they don't, hold the
aggregate bond ETF (AGG) instead. That's the entire rule: one comparison, one trade at most per month.
""", "gold": _g(direction="long_only", indicators=[["roc", {"window": 12}]], symbols=["SPY", "AGG"],
               frequency="monthly", rebalance="monthly", family="ts_momentum")},

    {"id": "b2_36_rotation_best_performer", "style": "blog, ETF rotation", "text": """\
ETF rotation: buy last quarter's winner

Universe: QQQ, IWM, EFA, EEM and TLT.
At each month end I rank the five by their total return over the past three months and put the whole
account into the best performer. I hold it until the next month end, then repeat. If the winner is the
same, nothing happens.
""", "gold": _g(direction="long_only", indicators=[["roc", {"window": 3}]],
               symbols=["QQQ", "IWM", "EFA", "EEM", "TLT"], frequency="monthly", rebalance="monthly", top_n=1,
               family="xs_momentum")},

    {"id": "b2_37_replication_quintile", "style": "replication note", "text": """\
A replication note: 6-month momentum in the S&P 500

Method: every quarter, rank the index constituents by their six-month price return (ignoring dividends),
buy the top quintile in equal weight, and hold until the next quarterly rebalance. No shorting. We use
point-in-time constituents to avoid survivorship bias.

Result: 1.8% a year over the equal-weighted index, before costs, 1995-2022.
""", "gold": _g(direction="long_only", indicators=[["roc", {"window": 6}]], frequency="monthly",
               rebalance="quarterly", top_pct=0.2, family="xs_momentum")},

    {"id": "b2_38_blog_band_walk", "style": "blog, numbers in words", "text": """\
The band-walk breakout

Most people fade the Bollinger Bands. I trade them the other way. My settings are twenty periods and two
standard deviations on the daily chart. When a stock closes above the upper band I buy it, because a close
outside the band means volatility is expanding in the direction of the trend. I stay in until it closes
below the middle band, which is just the 20-day average. No shorts.
""", "gold": _g(direction="long_only", indicators=[["bbands", {"window": 20, "std": 2}]], frequency="daily",
               family="bollinger_breakout")},

    {"id": "b2_39_swing_nine_twenty_one", "style": "trading rules list, number words, ATR stop", "text": """\
Nine/Twenty-One EMA system for swing trading

Entry: go long when the nine-day EMA crosses above the twenty-one-day EMA.
Exit: when the nine-day EMA crosses back below the twenty-one-day EMA.
Initial stop: one and a half ATRs below the entry price (14-day ATR).
I only trade this long, on liquid large caps like Microsoft (MSFT) and Apple (AAPL).
""", "gold": _g(direction="long_only", indicators=[["ema", {"window": 9}], ["ema", {"window": 21}],
                                                   ["atr", {"window": 14}]],
               constants=[1.5], symbols=["MSFT", "AAPL"], frequency="daily", family="ema_crossover")},

    {"id": "b2_40_rsi_extremes_both_sides", "style": "terse rule card, R multiples", "text": """\
RSI extremes, both sides (SPY, daily)

Long: RSI(14) closes below 25. Short: RSI(14) closes above 75.
Each trade gets a stop at 2 x ATR(14) from entry and a target of 3R (three times the initial risk). Exit
any open trade when RSI crosses 50.
""", "gold": _g(direction="long_short", indicators=[["rsi", {"window": 14}], ["atr", {"window": 14}]],
               constants=[25, 75, 2, 50], symbols=["SPY"], frequency="daily", family="rsi_mean_reversion")},
]
