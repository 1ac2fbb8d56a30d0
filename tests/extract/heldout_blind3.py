"""Blind held-out set, round 3: 40 texts written before opening the offline extractor, its tests,
its docs or the earlier held-out sets.

Written to stress what earlier rounds covered thinly: long texts whose rules sit after backstory,
results tables and disclaimers; rules stated next to indicators the author tried and dropped;
several variants of which one is "the" strategy; academic portfolio sorts; non-native English;
one-liners; forum replies quoting a rule; numbered rule lists; percentages written as "1.5%",
"1.5 percent" and "150bp"; multi-asset rotations; ATR stops; exits by time; and ten texts with no
tradable rule at all (a question, a results table, an indicator definition, a hypothetical, a
factsheet, commentary, trading philosophy, an advert, a news item, a methodology essay).

Labels follow ``/work/shared/eval/README.md``: only what the text states; unstated params left out.
"""

from __future__ import annotations


def _g(**kw):
    gold = {"no_strategy": False, "direction": None, "indicators": [], "constants": [], "symbols": [],
            "frequency": None, "rebalance": None, "stop_loss": None, "take_profit": None,
            "top_n": None, "top_pct": None, "family": None}
    gold.update(kw)
    return gold


NONE = _g(no_strategy=True)

SECTOR_ETFS = ["XLK", "XLF", "XLE", "XLV", "XLI", "XLY", "XLP", "XLU", "XLB"]

CASES = [
    {
        "id": "b3_01", "style": "blog_long",
        "text": """# What three years of tinkering taught me about trend following

I started trading in 2019 with a small account and a lot of confidence. Like most people I began with
tips from friends, a couple of YouTube channels and an unhealthy interest in whatever stock was on the
front page that week. By the end of 2020 I had roughly broken even, which, considering the market went up
a lot in that period, means I had done pretty badly. The thing that finally changed my results was not a
secret indicator but the decision to write the rules down and stop overriding them.

This post is long, sorry. The first half is the story of how I got here; if you only want the rules,
scroll to the section called "The rules".

## Background

My day job is in logistics, so I cannot watch screens all day. Whatever I traded had to be something I
could check once in the evening after the close and act on the next morning. That ruled out most of the
intraday stuff people rave about on forums. I also wanted something that would keep me out of the really
bad markets, because the 2020 crash scared me more than I like to admit.

I spent a few months reading. Some of it was useful, most of it was marketing. I read about Elliott waves
(could not make head or tail of them), about harmonic patterns (same), and about a lot of oscillators.
Eventually I settled on the idea that the simplest thing that could work was a pair of moving averages on
an index ETF, and that the real work was in choosing the lengths and sticking with it.

I also read a fair amount about psychology, which turned out to matter more than any indicator. The
pattern in my own trading journal was obvious once I looked: I sold winners too early because I was
afraid of giving back profits, and I held losers because selling them meant admitting I was wrong. A
mechanical rule takes that decision away from you, at least on the days you manage to follow it. My
wife will tell you there were plenty of days I did not.

Another thing I learned the hard way is that a backtest on a spreadsheet is not the same thing as a
system you can live with. My first spreadsheet said a rule had made 20% a year; when I finally traded it,
the first three signals were losers and I abandoned it after a month. Looking back, three losers in a row
was completely normal for that rule. You need to know what the bad stretches look like before you start.

## What I tried first

My first version used the 50 and 200 day simple averages, the famous golden cross. It worked on paper but
it was painfully slow: in 2022 it got me out long after the damage was done. Then I tried adding an RSI
filter, only buying when the 14-day RSI was under 60 so I would not chase. We tried RSI but it didn't help;
it mostly kept me out of the strongest parts of the rallies. I also tried a stochastic filter for a few
weeks and dropped it for the same reason.

## The rules

After all that, this is what I actually run, on QQQ, with daily bars:

- Buy QQQ when the 20-day exponential moving average crosses above the 100-day exponential moving average.
- Sell when the 20-day EMA crosses back below the 100-day EMA.
- Every position gets a stop-loss 7% below the entry price. If the stop is hit I wait for the next cross.
- No shorting, no leverage, no options.

I check it once a day after the close and place the order for the next open.

## Results

| Period | Strategy CAGR | QQQ CAGR | Max drawdown |
|---|---|---|---|
| 2005-2023 | 11.9% | 13.1% | -24% |
| 2019-2023 | 14.2% | 17.8% | -19% |

It trails buy-and-hold on return but the drawdowns are much smaller, which is the point for me.

A few people asked about the stop. Without it the worst trade in the test lost 19%, in early 2020, when
the index fell so fast that the averages had no time to cross. With the stop the worst trade lost a bit
more than 7% because of overnight gaps. It costs a little return in choppy years, but I sleep better.

## Disclaimer

None of this is advice. Past results do not predict future results, the backtest ignores taxes, and I
have probably made mistakes. Do your own research.
""",
        "gold": _g(direction="long_only", indicators=[["ema", {"window": 20}], ["ema", {"window": 100}]],
                   symbols=["QQQ"], frequency="daily", stop_loss=0.07, family="ema_crossover"),
    },
    {
        "id": "b3_02", "style": "oneliner",
        "text": "long SPY when 10d>50d SMA, flat otherwise",
        "gold": _g(direction="long_only", indicators=[["sma", {"window": 10}], ["sma", {"window": 50}]],
                   symbols=["SPY"], frequency="daily", family="sma_crossover"),
    },
    {
        "id": "b3_03", "style": "academic",
        "text": """3. Methodology

Our sample contains all common stocks listed on NYSE, AMEX and NASDAQ between 1965 and 2019, excluding
stocks priced below five dollars at the formation date. At the end of each month t we rank stocks on their
cumulative return from month t-12 to month t-2; the most recent month is skipped to avoid the short-term
reversal effect documented by Jegadeesh (1990). Stocks are assigned to decile portfolios on these ranks.
The momentum strategy buys the top decile (winners) and sells short the bottom decile (losers), with equal
weights within each leg, and holds the positions for one month, after which the portfolios are re-formed.
Returns are measured in excess of the one-month Treasury bill rate.
""",
        "gold": _g(direction="long_short", indicators=[["roc", {}]], frequency="monthly", rebalance="monthly",
                   top_pct=0.1, family="xs_momentum"),
    },
    {
        "id": "b3_04", "style": "rotation",
        "text": """Sector rotation, the way I run it:

Universe: the nine Select Sector SPDRs - XLK, XLF, XLE, XLV, XLI, XLY, XLP, XLU and XLB.
On the last trading day of every month, compute each fund's total return over the previous six months.
Buy the three funds with the highest 6-month return, one third of the account each, and sell anything
that dropped out of the top 3. That's it, nothing happens between rebalances.
""",
        "gold": _g(direction="long_only", indicators=[["roc", {"window": 6}]], symbols=SECTOR_ETFS,
                   frequency="monthly", rebalance="monthly", top_n=3, family="xs_momentum"),
    },
    {
        "id": "b3_05", "style": "non_native",
        "text": """Hello all, I share my system which is working good for me since two year.
I am use it on the EURUSD daily chart. The system buy when the RSI of 14 periods go down below to 25,
and it sell when the RSI come back over the 55 level. Stop loss is always 2 percent from the entry,
I not use take profit because the RSI exit make this job. Only buy, I never make sell first.
Please tell me your opinion, thank you.
""",
        "gold": _g(direction="long_only", indicators=[["rsi", {"window": 14}]], constants=[25, 55],
                   symbols=["EURUSD"], frequency="daily", stop_loss=0.02, family="rsi_mean_reversion"),
    },
    {
        "id": "b3_06", "style": "forum_quote",
        "text": """Re: Simplest trend filter that actually works?

> Quote from macro_mike:
> Buy when the close is above the 200 day simple moving average, sell when it closes below. That's all
> you need for index funds.

I tested exactly this on IWM from 2002 to 2023 with daily bars and next-day execution. It did cut the
2008 drawdown roughly in half, but small caps whipsaw around the average a lot more than the S&P does,
so costs matter. Still, it beat holding IWM on a risk-adjusted basis in my test.
""",
        "gold": _g(direction="long_only", indicators=[["sma", {"window": 200}]], symbols=["IWM"],
                   frequency="daily", family="trend_filter"),
    },
    {
        "id": "b3_07", "style": "numbered_rules",
        "text": """Gold breakout system - rules

1. Instrument: GLD, daily bars.
2. Entry: buy at the next open when today's close exceeds the highest high of the previous 40 days.
3. Exit: sell when the close falls below the lowest low of the prior 15 days.
4. Protective stop: 2.5 times the 20-day ATR below the entry price, fixed at entry.
5. Long only. One position at a time.
""",
        "gold": _g(direction="long_only", indicators=[["highest", {"window": 40}], ["lowest", {"window": 15}],
                                                      ["atr", {"window": 20}]],
                   constants=[2.5], symbols=["GLD"], frequency="daily", family="breakout"),
    },
    {
        "id": "b3_08", "style": "rules_bp",
        "text": """TLT mean-reversion setup. When TLT closes below its lower Bollinger Band (20 days, 2.0 standard
deviations) we buy at the next open, and we sell when price gets back to the middle band. Risk is capped
with a 150bp stop-loss from the entry, and we take profits at 3 percent if the middle band is not reached
first.
""",
        "gold": _g(direction="long_only", indicators=[["bbands", {"window": 20, "std": 2.0}]], symbols=["TLT"],
                   stop_loss=0.015, take_profit=0.03, family="bollinger_reversion"),
    },
    {
        "id": "b3_09", "style": "variants_rejected",
        "text": """We looked at faster MACD settings too - MACD(8,17,9) reacts earlier but roughly doubled the number of
false signals in our sample, so we went back to the textbook parameters. The version we use takes a long
position when the MACD line (12, 26) crosses above its 9-period signal line, but only while the close is
above the 200-day EMA. The position is closed when the MACD line crosses back below the signal line.
""",
        "gold": _g(direction="long_only", indicators=[["macd", {"fast": 12, "slow": 26, "signal": 9}],
                                                      ["ema", {"window": 200}]],
                   frequency="daily", family="macd"),
    },
    {
        "id": "b3_10", "style": "time_exit",
        "text": """Short-term pullback trade on IWM: buy at the close when the 2-period RSI closes below 10 while
IWM is above its 200-day simple moving average. Sell after 5 trading days, or earlier if RSI(2) rises
above 70.
""",
        "gold": _g(direction="long_only", indicators=[["rsi", {"window": 2}], ["sma", {"window": 200}]],
                   constants=[10, 70], symbols=["IWM"], frequency="daily", family="rsi_mean_reversion"),
    },
    {
        "id": "b3_11", "style": "report_long",
        "text": """Diversified Trend Programme - Strategy Note (for professional investors only)

1. Introduction

Managed futures have attracted renewed interest after 2022, when many trend-following programmes posted
their best returns in a decade while both equities and bonds fell. This note describes the core signal
of our diversified trend programme, how positions are sized, and how the programme behaved over the
last twenty years. It is not an offer to buy or sell any security and must not be relied on as such.

2. Market universe

The programme trades liquid futures across four sectors: equity indices, government bonds, currencies
and commodities. Contracts are rolled five business days before first notice. We exclude markets whose
average daily volume over the prior quarter is below our liquidity threshold, so the universe varies
between 38 and 52 markets over time. Market selection is reviewed once a year by the investment
committee and does not depend on recent performance.

3. Historical context

Trend following has a long documented history, from the Turtle traders of the 1980s to the academic work
of Moskowitz, Ooi and Pedersen on time-series momentum. The common thread is that prices tend to move in
persistent trends because information is absorbed slowly and because investors herd. The literature
also shows that the premium is unevenly distributed: most of the return comes from a handful of large
moves, and long flat or losing periods are normal. Investors should expect to hold the programme through
years like 2012 or 2018 when it loses money.

4. The signal

Each market is evaluated on daily closing prices. The programme is long a market when its 50-day
exponential moving average is above its 150-day exponential moving average, and short when the 50-day
EMA is below the 150-day EMA; the position flips when the averages cross. We experimented with a third,
slower average and with a breakout overlay, but neither improved the risk-adjusted results enough to
justify the extra complexity, so neither is part of the live programme.

5. Risk management

Every new position carries a protective stop placed 3 ATR from the entry price, with the average true
range measured over 14 days. When a stop is hit the market is flat until the averages cross again.
Position sizes are set so that each market contributes a similar share of risk; the portfolio targets an
annualised volatility of 12%, and gross leverage is capped at four times capital.

6. Results

| Year | Return | Volatility | Worst month |
|---|---|---|---|
| 2008 | +21.4% | 13.2% | -3.9% |
| 2014 | +16.8% | 11.7% | -4.4% |
| 2018 | -7.2% | 12.5% | -5.1% |
| 2022 | +24.9% | 13.8% | -4.7% |

Returns are net of a 1% management fee and 20% performance fee and of estimated trading costs.

The programme's correlation with global equities has been close to zero over the full period, but it
rises in calm bull markets and turns negative in sharp sell-offs, which is the behaviour most investors
want from a diversifier. Drawdowns of 10 to 15 percent have occurred roughly once every four years, and
the longest period below a previous high lasted 26 months, ending in 2014.

7. Important information

Past performance is not a reliable indicator of future results. The value of investments can fall as well
as rise. Futures trading involves substantial risk of loss. This document is issued for information only.
""",
        "gold": _g(direction="long_short", indicators=[["ema", {"window": 50}], ["ema", {"window": 150}],
                                                       ["atr", {"window": 14}]],
                   constants=[3], frequency="daily", family="ema_crossover"),
    },
    {
        "id": "b3_12", "style": "non_native",
        "text": """Dual momentum how I understand it: every end of month we compare the 12 month return of SPY and of EFA.
We buy the one with more strong return. But if this return is lower than the return of BIL in same 12
months, we not buy stocks, we buy AGG (bonds) instead. One position only, change only at month end.
""",
        "gold": _g(direction="long_only", indicators=[["roc", {"window": 12}]], symbols=["SPY", "EFA", "AGG"],
                   frequency="monthly", rebalance="monthly", top_n=1, family="dual_momentum"),
    },
    {
        "id": "b3_13", "style": "buy_hold",
        "text": """My whole portfolio is two funds: VTI for stocks and BND for bonds, 80/20. I buy them, I hold them, and I
put new savings into whichever is underweight. No timing, no indicators, no selling.
""",
        "gold": _g(direction="long_only", symbols=["VTI", "BND"], family="buy_and_hold"),
    },
    {
        "id": "b3_14", "style": "weekly",
        "text": """Weekly bitcoin trend rule (BTC-USD): on the weekly chart, buy when a weekly candle closes above the
20-week EMA and sell when a weekly candle closes below it. Check it on Sunday night, ignore the daily noise.
""",
        "gold": _g(direction="long_only", indicators=[["ema", {"window": 20}]], symbols=["BTC-USD"],
                   frequency="weekly", family="trend_filter"),
    },
    {
        "id": "b3_15", "style": "paper_variants_long",
        "text": """Moving-average crossovers on the S&P 500: a robustness study

Abstract. We revisit simple moving-average crossover rules on the S&P 500 index between 1990 and 2022.
Rather than reporting a single best rule, we test a small family of parameter pairs chosen before looking
at the data, and we report all of them, to limit the data-snooping that plagues this literature.

1. Motivation

Practitioners have used moving-average rules for decades and academics have studied them at least since
Brock, Lakonishok and LeBaron (1992). Results are mixed. Early studies found significant predictive
power on the Dow Jones index; later work found that much of it disappeared after transaction costs and
after the early 1990s. One frequent criticism is that authors report only the best parameters out of
hundreds tried. We therefore fix a short list of candidate pairs in advance.

2. Candidate rules

All rules are long-only and invested in the index when the short simple moving average is above the long
one, in Treasury bills otherwise. The three candidate pairs are:

- Variant A: 5-day and 20-day averages (fast);
- Variant B: 10-day and 30-day averages (medium);
- Variant C: 20-day and 50-day averages (slow).

3. Selection

On the 1990-2005 training sample, variant A trades far too often (more than 40 round trips per year) and
loses most of its gross edge to costs. Variant C is slow and gives back a large share of each rally before
exiting. Variant B offers the best trade-off, and for the remainder of the paper "the strategy" refers to
variant B: buy the index when the 10-day simple moving average crosses above the 30-day simple moving
average and sell when it crosses below, evaluated on daily closes.

4. Out-of-sample results

| Rule | CAGR 2006-2022 | Volatility | Max drawdown | Trades/yr |
|---|---|---|---|---|
| Buy and hold | 8.1% | 19.6% | -55.2% | 0 |
| Variant A | 4.0% | 12.4% | -28.9% | 41 |
| Variant B | 6.9% | 12.1% | -23.7% | 17 |
| Variant C | 6.2% | 12.8% | -25.5% | 9 |

The strategy earns a lower return than the index but with much lower volatility and drawdown, which
translates into a Sharpe ratio slightly above buy and hold. The difference is not statistically
significant at conventional levels once we account for the three variants tested.

5. Robustness

We repeated the exercise with exponential averages and obtained similar rankings. We also tested whether
adding a volatility filter helps; it does not. Results on the Nasdaq Composite are qualitatively similar
but noisier.

6. Conclusion

Simple crossover rules remain a reasonable risk-management overlay but not a source of outsized returns.
Readers should treat all backtests, ours included, with caution.

Acknowledgements. We thank seminar participants for helpful comments. All errors are our own. Data are
from public sources; code is available from the authors on request. The views expressed are those of the
authors and do not necessarily reflect those of their employers.
""",
        "gold": _g(direction="long_only", indicators=[["sma", {"window": 10}], ["sma", {"window": 30}]],
                   frequency="daily", family="sma_crossover"),
    },
    {
        "id": "b3_16", "style": "rejected_indicators",
        "text": """Things that did NOT work for me on SPY: the stochastic oscillator (too jumpy), Williams %R (same thing
really), and the CCI. What finally worked was the plain old RSI. The rule: buy when RSI(14) crosses up
through 30 and sell when it crosses down through 70. Nothing else.
""",
        "gold": _g(direction="long_only", indicators=[["rsi", {"window": 14}]], constants=[30, 70],
                   symbols=["SPY"], family="rsi_mean_reversion"),
    },
    {
        "id": "b3_17", "style": "short_only",
        "text": """Energy has been the weakest sector for a while so I only trade it from the short side. Short XLE when
its 20-day SMA crosses below its 100-day SMA, and cover when the 20-day crosses back above. I never go long
XLE with this rule.
""",
        "gold": _g(direction="short_only", indicators=[["sma", {"window": 20}], ["sma", {"window": 100}]],
                   symbols=["XLE"], frequency="daily", family="sma_crossover"),
    },
    {
        "id": "b3_18", "style": "percent_words",
        "text": """Breakout rule: enter long when the close crosses above the upper Bollinger Band (20-day, 2 standard
deviations). The trade is closed at an 8 percent profit target or a 4 percent stop loss, whichever comes
first.
""",
        "gold": _g(direction="long_only", indicators=[["bbands", {"window": 20, "std": 2}]],
                   stop_loss=0.04, take_profit=0.08, frequency="daily", family="bollinger_breakout"),
    },
    {
        "id": "b3_19", "style": "academic",
        "text": """We construct a time-series momentum portfolio from 24 commodity, bond, currency and equity index
futures. For each contract, at the end of every month we look at its excess return over the past twelve
months: if it is positive we go long the contract, and if it is negative we go short. Positions are
held for one month and then re-evaluated. Each position is scaled to an ex-ante volatility of 40%.
""",
        "gold": _g(direction="long_short", indicators=[["roc", {"window": 12}]], frequency="monthly",
                   rebalance="monthly", family="ts_momentum"),
    },
    {
        "id": "b3_20", "style": "monthly_filter",
        "text": """A simple timing model for a retirement account: at each month-end, if the S&P 500 closed above its
12-month moving average, hold the stock index fund for the next month; if it closed below, move the money
to the money market fund. Switches only ever happen on the last trading day of the month.
""",
        "gold": _g(direction="long_only", indicators=[["sma", {"window": 12}]], frequency="monthly",
                   family="trend_filter"),
    },
    {
        "id": "b3_21", "style": "rotation_long",
        "text": """Global asset rotation: a write-up for the investment club

Several members asked me to write down how the rotation model we discussed at the March meeting works,
so here it is. Apologies in advance for the length; I have included some history because the rules only
make sense once you see what problem they solve.

Why rotate at all?

Most of us hold a mix of US stocks and bonds and leave it alone, which is perfectly sensible. The idea of
a rotation model is to hold only the few asset classes that have been doing best recently, on the theory
that momentum persists for a few months, while stepping aside from assets in a downtrend. It is not
magic: in sideways years it churns and underperforms, and in sharp reversals like March 2020 it is
always a month late.

What I tried before this

The first version ranked ten ETFs and held the top one. That was far too concentrated: one bad month in
a single emerging-markets fund wiped out half a year of gains. I also tried ranking on 12-month returns,
which was too slow, and on 1-month returns, which was basically noise. Someone suggested adding the RSI
as a timing filter; I tested RSI(14) above 50 as an extra condition and it did nothing useful, so it is
not in the model.

The model

The universe is five ETFs: SPY (US stocks), EFA (developed international stocks), EEM (emerging
markets), TLT (long Treasuries) and GLD (gold).

1. On the last trading day of each month, compute each ETF's 3-month total return.
2. Rank the five funds on that return and select the top two.
3. Absolute filter: a selected fund is only bought if its price is above its 10-month simple moving
   average; if it is below, that half of the money goes to cash instead.
4. Hold equal weights until the next month-end, then repeat.

Results since 2005

| | Rotation | 60/40 SPY/TLT |
|---|---|---|
| CAGR | 8.7% | 7.9% |
| Max drawdown | -17% | -27% |
| Worst year | -9% (2015) | -18% (2022) |

Caveats

These numbers come from my own spreadsheet, use month-end prices, and ignore taxes and spreads. Nobody
should put money in this because of a club newsletter. Happy to walk anyone through the spreadsheet.
""",
        "gold": _g(direction="long_only", indicators=[["roc", {"window": 3}], ["sma", {"window": 10}]],
                   symbols=["SPY", "EFA", "EEM", "TLT", "GLD"], frequency="monthly", rebalance="monthly",
                   top_n=2, family="xs_momentum"),
    },
    {
        "id": "b3_22", "style": "pine_code",
        "text": """Here's the script I use, v5:

//@version=5
strategy("EMA cross 12/26", overlay=true)
fastLen = input.int(12, "Fast")
slowLen = input.int(26, "Slow")
f = ta.ema(close, fastLen)
s = ta.ema(close, slowLen)
if ta.crossover(f, s)
    strategy.entry("L", strategy.long)
if ta.crossunder(f, s)
    strategy.close("L")
""",
        "gold": _g(direction="long_only", indicators=[["ema", {"window": 12}], ["ema", {"window": 26}]],
                   family="ema_crossover"),
    },
    {
        "id": "b3_23", "style": "long_short_percent",
        "text": """For ES futures I combine a trend filter with a short-term oscillator. Long: price above the 50-day SMA
and the 5-period RSI below 30. Short: price below the 50-day SMA and RSI(5) above 70. Every trade has a
1.5 percent stop from entry.
""",
        "gold": _g(direction="long_short", indicators=[["sma", {"window": 50}], ["rsi", {"window": 5}]],
                   constants=[30, 70], symbols=["ES"], frequency="daily", stop_loss=0.015,
                   family="rsi_mean_reversion"),
    },
    {
        "id": "b3_24", "style": "xs_weekly",
        "text": """Every Friday I rank the Nasdaq-100 stocks by their 20-day rate of change and buy the top 5, equal
weighted. Anything that falls out of the top 5 is sold at the next weekly rebalance.
""",
        "gold": _g(direction="long_only", indicators=[["roc", {"window": 20}]], frequency="daily",
                   rebalance="weekly", top_n=5, family="xs_momentum"),
    },
    {
        "id": "b3_25", "style": "atr_stop",
        "text": """Entry: buy when the stock closes at a new 50-day high. Initial stop: two times the 10-day average true
range below the entry price. Exit: close below the 20-day low, or the stop, whichever happens first.
""",
        "gold": _g(direction="long_only", indicators=[["highest", {"window": 50}], ["lowest", {"window": 20}],
                                                      ["atr", {"window": 10}]],
                   constants=[2], frequency="daily", family="breakout"),
    },
    {
        "id": "b3_26", "style": "research_long",
        "text": """Short-horizon mean reversion in the Dow: a practitioner's note

Summary

Large-cap US indices have shown a persistent tendency to bounce after short, sharp declines. This note
documents a simple rule on the SPDR Dow Jones Industrial Average ETF (DIA) that exploits the effect, and
discusses why it has survived, where it fails, and what we would not do with it. Nothing here is a
recommendation; all figures are hypothetical and gross of taxes.

Why would short-term reversal exist?

Liquidity providers are paid to absorb selling pressure. When a wave of selling hits a liquid index, for
example because of forced deleveraging or a scary headline, prices overshoot and market makers demand a
discount to take the other side. Once the pressure passes, prices drift back. This is the same mechanism
behind the well-known one-month reversal in single stocks, compressed into a few days.

The effect is weaker in trending bear markets. In 2008, for example, buying every short dip in the Dow
was a reliable way to lose money, which is why we include a time limit on each trade rather than waiting
indefinitely for a bounce that may not come.

What we tested and dropped

We examined several oversold measures: the distance from the 5-day average, consecutive down days, the
Bollinger %b and the short-period RSI. The distance measure and the down-day count produced fewer trades
with similar average returns; %b added nothing beyond the RSI. We also tested a 200-day moving average
filter, which is popular on blogs, but on DIA it removed as many good trades as bad ones, so it is not
part of the rule below.

The rule

Trading is done on daily bars of DIA. We buy at the close when the 3-day RSI falls below 20. The position
is sold when DIA closes above its 10-day simple moving average, or after ten trading days, whichever
comes first. There is no stop-loss beyond the time limit and no shorting.

Results, 2003-2023

| Statistic | Value |
|---|---|
| Trades | 214 |
| Win rate | 71% |
| Average trade | +0.61% |
| Average holding period | 4.2 days |
| Exposure | 17% |
| CAGR | 5.8% |

Limitations

Trading costs matter a great deal for a rule with 10 trades a year and short holds: at 5 basis points
per side, the CAGR falls by roughly one percentage point. The results are also sensitive to the exact
RSI threshold; a level of 10 trades far less often and 30 trades too often. We would not lever this rule,
and we would not run it on single stocks, where the bounce is less reliable because of news risk.

How we run it in practice

The signal is checked fifteen minutes before the close using the live price, which is close enough to the
closing value that the difference rarely matters; on the few days it does, we skip the trade rather than
guess. Orders go in as market-on-close. We keep a simple log of each signal, the fill and the exit, and
review it quarterly against the backtest to make sure live trading has not drifted from the model. In the
first two years of live use, the average trade was slightly below the backtest figure, as expected once
spreads are paid, but the win rate and holding period were in line.

Disclosures

This material is for informational purposes only. Hypothetical performance has inherent limitations,
including the benefit of hindsight. Past performance does not guarantee future results.
""",
        "gold": _g(direction="long_only", indicators=[["rsi", {"window": 3}], ["sma", {"window": 10}]],
                   constants=[20], symbols=["DIA"], frequency="daily", family="rsi_mean_reversion"),
    },
    {
        "id": "b3_27", "style": "weekly_cross",
        "text": """Stan's weekly crossover: when the 10-week moving average crosses above the 40-week moving average,
buy; when it crosses back under, sell and sit in cash. I run it on weekly closes only.
""",
        "gold": _g(direction="long_only", indicators=[["sma", {"window": 10}], ["sma", {"window": 40}]],
                   frequency="weekly", family="sma_crossover"),
    },
    {
        "id": "b3_28", "style": "stop_and_reverse",
        "text": """A stop-and-reverse channel system for crude oil (CL) on daily bars: go long when price breaks above the
highest high of the last 20 days, go short when it breaks below the lowest low of the last 20 days. The
system is always in the market, each signal reversing the previous position.
""",
        "gold": _g(direction="long_short", indicators=[["highest", {"window": 20}], ["lowest", {"window": 20}]],
                   symbols=["CL"], frequency="daily", family="breakout"),
    },
    {
        "id": "b3_29", "style": "non_native",
        "text": """My MACD system explain: I put MACD with parameter 12, 26, 9. Buy signal is when the histogram pass
above the zero. Sell signal is when the histogram pass under the zero. I do only buy side, no short.
""",
        "gold": _g(direction="long_only", indicators=[["macd", {"fast": 12, "slow": 26, "signal": 9}]],
                   constants=[0], family="macd"),
    },
    {
        "id": "b3_30", "style": "roc_zero",
        "text": """Gold trend switch: hold GLD while its 63-day rate of change is positive; sell when the 63-day ROC turns
negative and buy again when it turns positive.
""",
        "gold": _g(direction="long_only", indicators=[["roc", {"window": 63}]], constants=[0], symbols=["GLD"],
                   frequency="daily", family="ts_momentum"),
    },
    # ---- texts with no tradable rule ----
    {
        "id": "b3_31", "style": "question",
        "text": """Does anyone know a good RSI strategy? I keep reading that you buy under 30 and sell over 70 with the
default 14 period, but when I look at charts of TSLA it seems to stay above 70 for weeks. Is there a
better way to use it, or different levels people use? Thanks in advance.
""",
        "gold": NONE,
    },
    {
        "id": "b3_32", "style": "results_only",
        "text": """Backtest summary - Strategy "Falcon" (SPY, 2010-2023)

| Metric | Falcon | SPY buy & hold |
|---|---|---|
| CAGR | 10.4% | 12.6% |
| Sharpe | 1.02 | 0.78 |
| Max drawdown | -14.8% | -33.7% |
| Trades | 86 | 1 |
| Win rate | 58% | - |
| Stop-loss hits | 11 | - |

Falcon spent 64% of the time invested and outperformed in 2018, 2020 and 2022. Full rules are available
to subscribers.
""",
        "gold": NONE,
    },
    {
        "id": "b3_33", "style": "indicator_definition",
        "text": """What is the Relative Strength Index?

The RSI is a momentum oscillator developed by J. Welles Wilder. It compares the size of recent gains to
recent losses over a lookback window, usually 14 periods: RSI = 100 - 100 / (1 + RS), where RS is the
average gain divided by the average loss. For example, if over 14 days the average gain is 1.2 and the
average loss is 0.8, RS = 1.5 and RSI = 60. Readings above 70 are traditionally called overbought and
readings below 30 oversold, although in strong trends the indicator can stay at extreme levels for a
long time.
""",
        "gold": NONE,
    },
    {
        "id": "b3_34", "style": "hypothetical",
        "text": """If you had bought $10,000 of Apple (AAPL) at the start of 2010 and simply held on, you would have had
about $280,000 by the end of 2023, dividends reinvested. The same amount in SPY would have grown to roughly
$55,000. Of course, hindsight is easy: in 2010 nobody knew which company would win, and plenty of
promising names from that year have since gone nowhere.
""",
        "gold": NONE,
    },
    {
        "id": "b3_35", "style": "factsheet",
        "text": """Quality Momentum Equity Fund - Factsheet, Q3

Objective: long-term capital growth by investing in large and mid-cap US companies with strong price
momentum and high profitability.
Benchmark: MSCI USA Index. Inception: 2015. Fund size: $1.2bn. Ongoing charges: 0.45%.
Top holdings: Microsoft 6.1%, Apple 5.8%, Nvidia 5.2%, Eli Lilly 3.9%, Broadcom 3.1%.
Performance: 3 months +4.2% (benchmark +3.5%); 1 year +21.7% (benchmark +19.8%); 5 years annualised
+13.1% (benchmark +12.2%).
Risk indicator: 6 on a scale of 1 to 7. Past performance does not predict future returns. The value of
your investment may go down as well as up.
""",
        "gold": NONE,
    },
    {
        "id": "b3_36", "style": "commentary",
        "text": """Markets this week: the S&P 500 closed below its 200-day moving average on Thursday for the first time
since March, and the Nasdaq is now 9% off its high. Breadth is poor: only 38% of stocks are above their
50-day averages. The 10-year yield climbed to 4.6% and the VIX jumped to 21. Whether this turns into a
deeper correction will likely depend on next week's inflation print.
""",
        "gold": NONE,
    },
    {
        "id": "b3_37", "style": "philosophy",
        "text": """Ten rules I wish I had known when I started: cut your losers quickly and let your winners run. Never
risk more than 2% of your account on one idea. Do not average down on a losing position. Keep a trading
journal. The trend is your friend until it ends. Size positions so you can sleep at night. Most of all,
have a plan before you enter, and respect it.
""",
        "gold": NONE,
    },
    {
        "id": "b3_38", "style": "methodology_long",
        "text": """Why most backtests you read online are wrong

Every week someone posts a chart showing that a simple rule beat the market by a wide margin. Usually
the rule is a moving-average crossover, an RSI threshold or a breakout of some recent high, and usually
the backtest is flawed in one of a handful of predictable ways. This essay lists those ways. It does not
recommend any particular rule, and you should not read the examples below as trading advice.

Look-ahead bias

The most common mistake is using information that was not available at the time of the trade. A
spreadsheet that computes the 200-day average including today's close and then buys at today's close has
peeked at the future. The effect looks small but compounds over thousands of days. The fix is to trade
on the next bar's open, or to compute signals strictly from data up to the previous close.

Survivorship bias

A backtest of "the stocks in the S&P 500" that uses today's membership list silently excludes every
company that went bankrupt or was removed. Any strategy that buys losers will look better than it was,
because the losers that kept losing are not in the data. Point-in-time constituent lists solve this.

Data snooping

If you test the golden cross, the 20/50 cross, the 10/30 cross, RSI(2) at 5, 10 and 15, and a dozen
breakout lengths, one of them will look excellent by chance alone. Reporting only that one without
saying how many you tried is the single biggest source of overstated results. The deflated Sharpe ratio
and simple out-of-sample tests are partial remedies.

Costs and slippage

A rule that trades 40 times a year on small caps can easily lose two or three percentage points a year to
spreads and commissions. Many published backtests assume zero costs. Always add a realistic per-trade
cost, and test what happens when you double it.

Regime dependence

Rules that worked from 1950 to 1990 often stopped working later, either because markets changed or
because the rule became popular. Splitting the sample into decades and checking each one is cheap and
revealing.

Benchmarks

A strategy that returns 8% a year sounds fine until you notice that holding the index returned 10% with
less effort. Always compare with the obvious passive alternative, on a risk-adjusted basis, and over the
same period.

What to do instead

Decide on the rules before you look at the results. Keep a holdout period you never touch until the end.
Write down every variant you test. Use realistic costs. Expect the live result to be worse than the
backtest, and size your positions accordingly. If a rule still looks interesting after all that, it may
be worth a small allocation, but that is a judgement for you to make with your own research.
""",
        "gold": NONE,
    },
    {
        "id": "b3_39", "style": "advert",
        "text": """Master the markets in 30 days! Our video course teaches you how to trade with MACD, RSI, Bollinger
Bands and Fibonacci levels like a professional. Over 12,000 students, 4.8 star rating, lifetime access and
a 30-day money-back guarantee. Enrol today and get our bonus module on the 9 and 21 EMA for free!
""",
        "gold": NONE,
    },
    {
        "id": "b3_40", "style": "news",
        "text": """Nvidia shares jumped 8% in after-hours trading on Wednesday after the chipmaker reported quarterly revenue
above analysts' estimates and raised its guidance. Short sellers were squeezed as the stock broke above
its 50-day moving average, and options volume hit a record. Analysts at two brokers raised their price
targets to $150. The shares have risen 140% this year.
""",
        "gold": NONE,
    },
]
