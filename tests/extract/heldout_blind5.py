"""Held-out round-5 set for the offline extractor, written BLIND.

Written before reading ``foa/extract/offline/``, the earlier held-out sets, the offline tests or
``docs/offline-extractor.md``. Own texts (no dev-corpus text copied or paraphrased). Round 5 is about
not inventing strategies: 30 texts full of trading vocabulary and numbers that hold NO tradable rule
(market wraps, analyst calls, indicator tutorials, result tables, questions, post-mortems, quotes, a
broker FAQ, a factsheet, fund news, a literature review, "had you bought", rules described and rejected,
conditional market talk), then 20 strategies stated in unusual ways, so misses are measured too.
Gold labels use the dev-corpus format (``../shared/eval/README.md``).
"""

from __future__ import annotations

_NONE = {"no_strategy": True, "direction": None, "indicators": [], "constants": [], "symbols": [],
         "frequency": None, "rebalance": None, "stop_loss": None, "take_profit": None, "top_n": None,
         "top_pct": None, "family": None}


def _gold(**kw: object) -> dict:
    g = {"no_strategy": False, "direction": None, "indicators": [], "constants": [], "symbols": [],
         "frequency": None, "rebalance": None, "stop_loss": None, "take_profit": None, "top_n": None,
         "top_pct": None, "family": None}
    g.update(kw)
    return g


CASES: list[dict] = [
    # ---------------------------------------------------------------- no strategy (30)
    {"id": "b5n01", "style": "market wrap", "gold": _NONE, "text": (
        "Stocks ended the week higher. The S&P 500 closed above its 200-day moving average for the 10th "
        "straight session, finishing at 4,512, while the Nasdaq Composite added 1.8% and its 14-day RSI "
        "climbed to 71, the first overbought reading since July. Small caps lagged: IWM slipped 0.6% and "
        "remains 4% under its 50-day average. Breadth improved, with 62% of NYSE issues above their 50-day "
        "lines. The 10-year yield eased to 4.21% and the VIX fell to 13.4.")},
    {"id": "b5n02", "style": "analyst note", "gold": _NONE, "text": (
        "Equity Research | Industrials\n\nDEERE & CO (DE) - Upgrade to Buy, price target $460 (from $410)\n\n"
        "We raise our rating after a 14% pullback from the March high. Shares trade at 13.5x our FY25 EPS of "
        "$31.20, a 20% discount to the five-year average. For tactically minded clients we would place a "
        "stop at $372, roughly 8% below the current price, and see upside to $460 over 12 months. Key risks: "
        "farm income, rates, and dealer inventories.")},
    {"id": "b5n03", "style": "indicator tutorial", "gold": _NONE, "text": (
        "How RSI is calculated (worked example)\n\nTake 14 closes. Suppose the average gain over the period "
        "is 1.20 and the average loss is 0.80. Relative strength RS = 1.20 / 0.80 = 1.5. Then RSI = 100 - "
        "100 / (1 + 1.5) = 60. On the next day the stock rises by 2.00, so the new average gain is "
        "(1.20 x 13 + 2.00) / 14 = 1.257 and the average loss becomes (0.80 x 13 + 0) / 14 = 0.743, giving "
        "RSI = 62.9. Readings above 70 are called overbought and below 30 oversold; that is just a label, "
        "not a signal on its own.")},
    {"id": "b5n04", "style": "backtest table", "gold": _NONE, "text": (
        "Results summary, 2005-2023 (net of 5 bp costs)\n\n"
        "| Variant | CAGR | Vol | Sharpe | Max DD | Trades |\n|---|---|---|---|---|---|\n"
        "| A | 9.1% | 11.2% | 0.81 | -18.4% | 212 |\n| B | 7.6% | 9.0% | 0.84 | -14.9% | 340 |\n"
        "| C | 11.3% | 16.5% | 0.68 | -31.0% | 95 |\n| SPY | 9.8% | 15.1% | 0.65 | -55.2% | 1 |\n\n"
        "Variant B has the best risk-adjusted return; C has the highest CAGR but the deepest drawdown.")},
    {"id": "b5n05", "style": "what would you do", "gold": _NONE, "text": (
        "What would you do here? Bought 200 TSLA at $281 in January. It's now $196, down 30%, and it just "
        "closed under the 50-day and the 200-day both. RSI is 27. I never set a stop. Part of me wants to "
        "average down at 180, part of me wants to cut it and move on. Not looking for financial advice, "
        "just curious how you'd handle it.")},
    {"id": "b5n06", "style": "post-mortem", "gold": _NONE, "text": (
        "How I blew up a $40k account in 5 weeks\n\nI was trading NQ futures with 3 contracts, no stop, "
        "adding whenever it went against me because the RSI said oversold. On the Tuesday after CPI it gapped "
        "down 2.4% and I got margin-called at 4 a.m. Lessons: position size was 10x what it should have "
        "been; 'oversold' can stay oversold for days; I had no plan for a gap. I'm taking three months off "
        "and paper trading before I risk another dollar.")},
    {"id": "b5n07", "style": "quotes", "gold": _NONE, "text": (
        "Ten trading quotes worth pinning above your desk:\n"
        "1. \"The trend is your friend until the end when it bends.\" - Ed Seykota\n"
        "2. \"Risk comes from not knowing what you're doing.\" - Warren Buffett\n"
        "3. \"It's not whether you're right or wrong, but how much money you make when you're right and how "
        "much you lose when you're wrong.\" - George Soros\n"
        "4. \"The market can stay irrational longer than you can stay solvent.\" - attributed to Keynes\n"
        "5. \"Amateurs think about how much money they can make. Professionals think about how much they "
        "could lose.\" - Jack Schwager\n6. \"Losers average losers.\" - Paul Tudor Jones")},
    {"id": "b5n08", "style": "broker FAQ", "gold": _NONE, "text": (
        "FAQ: What order types can I use to limit losses?\n\nStop (stop-market) order: becomes a market order "
        "once the stop price trades. Example: you own XYZ at $50 and enter a sell stop at $45, 10% below. If "
        "XYZ trades at $45 or lower, your order is sent at market and may fill below $45 in a fast market.\n"
        "Stop-limit order: becomes a limit order at the stop price, so it may not fill at all.\n"
        "Trailing stop: the stop price follows the market up by a fixed amount or percentage, e.g. 5%.\n"
        "Stops are not guaranteed and do not execute outside regular trading hours.")},
    {"id": "b5n09", "style": "ETF factsheet", "gold": _NONE, "text": (
        "FACT SHEET | As of 30 June\n\nGlobal Clean Infrastructure UCITS ETF\nTicker: GCIF | Expense ratio: "
        "0.45% | Fund size: USD 812m | Holdings: 96 | Inception: 2019\n\nPerformance (%): 1M 2.1 | 3M -3.4 | "
        "YTD 5.8 | 1Y 9.7 | 3Y ann. 4.2\n\nTop sectors: Utilities 54.1%, Industrials 30.2%, Energy 9.8%\n"
        "Top holdings: NextEra Energy 4.9%, Iberdrola 4.6%, Enel 4.2%\n\nCapital at risk. Past performance "
        "does not predict future returns.")},
    {"id": "b5n10", "style": "fund news", "gold": _NONE, "text": (
        "Trend-following fund overhauls approach after worst year\n\nAspen Ridge Capital, the $2.3 billion "
        "CTA, told investors it will cut the weight of its 12-month trend signals and add discretionary "
        "macro overlays after losing 18% last year. The fund's flagship program, which historically went "
        "long and short more than 120 futures markets, will also reduce leverage to a 10% volatility target "
        "from 15%. A spokesperson declined to comment on redemptions.")},
    {"id": "b5n11", "style": "literature review abstract", "gold": _NONE, "text": (
        "Abstract. We review 140 studies of technical trading rules published between 1988 and 2022, "
        "covering moving-average crossovers, RSI and Bollinger band rules, channel breakouts and "
        "time-series momentum with lookbacks of 1 to 12 months. Reported profitability declines sharply "
        "after 1990 in equity indices and after transaction costs of 10 bp or more. We document data-snooping, "
        "publication bias and small out-of-sample windows, and propose reporting standards for future work.")},
    {"id": "b5n12", "style": "had you bought", "gold": _NONE, "text": (
        "Had you bought $10,000 of NVDA at the close on January 2, 2015 and simply held it, you would have "
        "had roughly $1.9 million by the end of 2024, a 19,000% gain. Had you bought the same amount of QQQ "
        "you'd have about $52,000. Of course, you would also have sat through an 80% drawdown in NVDA in "
        "2018-19 and another 66% in 2022. Few people actually held through that.")},
    {"id": "b5n13", "style": "rule described then rejected", "gold": _NONE, "text": (
        "The 'RSI-2 dip' rule everyone on YouTube pushes goes like this: buy when the 2-day RSI drops under "
        "10 and sell when it gets above 90. Don't do this. I ran it on 40 stocks from 2010 to 2023 and after "
        "commissions and slippage it lost money on 31 of them, and the winners were all in one year. I "
        "stopped trading it in 2021 and I'm not replacing it with anything. Save yourself the time.")},
    {"id": "b5n14", "style": "conditional market talk", "gold": _NONE, "text": (
        "Levels to watch: if the index breaks 4,000 we could see 3,800 quickly, which is where the 200-day "
        "sits. A reclaim of the 50-day at 4,150 would open the door to 4,300. Momentum is mixed: MACD is "
        "still below its signal line but the histogram is shrinking, and RSI(14) is back at 45. Either way, "
        "expect volatility into Friday's payrolls report.")},
    {"id": "b5n15", "style": "crypto wrap", "gold": _NONE, "text": (
        "Bitcoin slid 9% this week to $58,200, closing below its 20-week EMA for the first time since "
        "October. The daily RSI hit 24, the most oversold since the FTX collapse, and funding rates turned "
        "negative on Binance. ETH fell 12% to $2,480 and SOL 15%. Spot ETF outflows totalled $1.1bn. "
        "Analysts at one desk said the 50-week moving average near $52,000 is the next support.")},
    {"id": "b5n16", "style": "forex outlook", "gold": _NONE, "text": (
        "EUR/USD daily outlook: the pair trades at 1.0885, capped by resistance at 1.0950 (the 100-day SMA) "
        "with support at 1.0820 and 1.0760. The MACD histogram has turned positive and the stochastic is at "
        "68. ECB speakers are due at 14:00 CET and US retail sales at 14:30. Bias: neutral while below "
        "1.0950.")},
    {"id": "b5n17", "style": "earnings recap", "gold": _NONE, "text": (
        "Costco (COST) reported Q3 EPS of $3.78 vs. $3.70 expected on revenue of $57.4bn, up 9.1%. Comparable "
        "sales rose 6.6% ex-fuel and membership fee income grew 7.6%. Shares rose 2.3% after hours to $852, "
        "a new all-time high, and now trade 14% above their 200-day moving average at 47x forward earnings.")},
    {"id": "b5n18", "style": "bollinger tutorial", "gold": _NONE, "text": (
        "Bollinger Bands, step by step. Compute the 20-day simple moving average: say it is 100. Compute the "
        "standard deviation of the same 20 closes: say 2.5. The upper band is 100 + 2 x 2.5 = 105 and the "
        "lower band is 100 - 2 x 2.5 = 95. Band width is (105 - 95) / 100 = 10%. When width shrinks to a "
        "six-month low, John Bollinger calls it a squeeze. In the next lesson we will look at %b, which "
        "places the close within the bands on a 0 to 1 scale.")},
    {"id": "b5n19", "style": "MACD explainer", "gold": _NONE, "text": (
        "What the MACD numbers mean. The MACD line is the 12-period EMA minus the 26-period EMA; the signal "
        "line is a 9-period EMA of the MACD line; the histogram is the difference between the two. If the "
        "12-EMA is 105.4 and the 26-EMA is 103.1, MACD is 2.3; with a signal line of 1.8 the histogram reads "
        "0.5. This post only explains how the numbers are computed. How or whether to trade them is a "
        "different question that I am not answering here.")},
    {"id": "b5n20", "style": "question", "gold": _NONE, "text": (
        "Is a 2% stop too tight for swing trading SPY? My entries are mostly gut feel off the daily chart and "
        "I hold 3 to 10 days. Last month I got stopped out four times, each time by about 2.1%, and the "
        "market then went my way. Would 3% or an ATR-based stop make more sense, or is the problem my "
        "entries? Curious what people here use.")},
    {"id": "b5n21", "style": "options commentary", "gold": _NONE, "text": (
        "Vol check: the VIX closed at 14.2, near the bottom of its one-year range, while 1-month SPX implied "
        "volatility sits 3 points over realized. The equity put/call ratio dropped to 0.52, its lowest since "
        "January, and 25-delta skew flattened. Dealers are estimated long gamma above 4,450, which has kept "
        "daily ranges under 0.7% for eight sessions.")},
    {"id": "b5n22", "style": "risk disclosure", "gold": _NONE, "text": (
        "Important information. Trading leveraged products such as CFDs carries a high level of risk; 74% of "
        "retail investor accounts lose money. A stop-loss order does not guarantee that your position will be "
        "closed at the stop level: in fast markets or over weekend gaps it may be filled at a worse price. "
        "Guaranteed stops are available for a premium of 0.3%. Margin requirements can change at any time.")},
    {"id": "b5n23", "style": "job posting", "gold": _NONE, "text": (
        "Quantitative Trader - Systematic Equities (London)\n\nYou will research and run mid-frequency "
        "momentum and mean-reversion strategies across 3,000 US and European stocks. Requirements: 3+ years "
        "live trading with a documented Sharpe above 1.5; strong Python and SQL; experience with "
        "transaction-cost modelling. We offer a competitive base plus a 10-20% PnL payout.")},
    {"id": "b5n24", "style": "fund letter", "gold": _NONE, "text": (
        "Dear partners, the fund returned 12.4% net in the first half versus 10.1% for the MSCI World. We "
        "trimmed our position in Shell after a 22% rally, initiated a 3% position in Siemens Healthineers and "
        "added to our Japanese banks. Net exposure ended the period at 64%, gross at 148%. We remain cautious "
        "on US mega-cap technology, which trades at 31x earnings.")},
    {"id": "b5n25", "style": "forum argument", "gold": _NONE, "text": (
        "Honestly the 50/200 crossover is overrated. In 2022 the death cross on the S&P came in March, three "
        "months after the top, and the golden cross in February 2023 came 18% off the low. Every moving "
        "average lags by construction; a 200-day SMA is centred 100 days in the past. People who swear by it "
        "are mostly remembering 2008 and forgetting the whipsaws of 2015 and 2016.")},
    {"id": "b5n26", "style": "chart pattern note", "gold": _NONE, "text": (
        "AAPL is carving out a head-and-shoulders top: left shoulder at 198, head at 199.6, right shoulder at "
        "196, neckline around 187. A decisive close below 187 would project a measured move to roughly 175. "
        "Volume has been declining on each rally, which is consistent with the pattern, though head-and-"
        "shoulders formations fail about a third of the time.")},
    {"id": "b5n27", "style": "trading journal", "gold": _NONE, "text": (
        "Journal, 14 March. Bought 100 AMD at 112.40 on the pullback to the 20 EMA, sold at 118.90 (+5.8%) two "
        "days later. Sold 50 MSFT short at 421 into the gap, covered at 416.5. Net on the day +$875. Mood: "
        "calm. Mistake: I moved my stop on MSFT from 424 to 427 halfway through, which I said I would never "
        "do.")},
    {"id": "b5n28", "style": "glossary", "gold": _NONE, "text": (
        "Glossary\n\nGolden cross: a chart event in which a shorter moving average, such as the 50-day, "
        "crosses above a longer one, such as the 200-day.\nDeath cross: the opposite event.\nOversold: an "
        "oscillator reading below a conventional level, for RSI usually 30.\nDrawdown: the fall from a peak "
        "in equity to a subsequent trough, in percent.\nStop-loss: an order to close a position at a preset "
        "price, e.g. 5% below the entry.")},
    {"id": "b5n29", "style": "macro commentary", "gold": _NONE, "text": (
        "The Fed held rates at 5.25-5.50% for a fourth meeting; the dot plot now shows three cuts next year. "
        "The 2-year yield fell 18 bp to 4.42% and the 2s10s curve is inverted by 38 bp. Core PCE is running "
        "at 3.2% year over year. Markets price a 60% probability of a first cut by March; the dollar index "
        "dropped 1.1% to 102.3.")},
    {"id": "b5n30", "style": "sector performance review", "gold": _NONE, "text": (
        "Over the past 12 months energy was the best performing sector, up 28%, followed by technology at "
        "21%; utilities were the worst at -5%. Over the last three months the leadership flipped, with "
        "financials up 9% and energy down 4%. Eight of the 11 sector ETFs are above their 200-day averages, "
        "and the equal-weight S&P has trailed the cap-weighted index by 6 points this year.")},
    # ---------------------------------------------------------------- strategies (20)
    {"id": "b5s01", "style": "numbers spelled out", "text": (
        "I go long the Nasdaq 100 fund, QQQ, whenever its twenty-day exponential average sits above its "
        "sixty-day exponential average, and I step aside into cash whenever it doesn't."),
     "gold": _gold(direction="long_only", indicators=[["ema", {"window": 20}], ["ema", {"window": 60}]],
                   symbols=["QQQ"], frequency="daily", family="ema_crossover")},
    {"id": "b5s02", "style": "compact notation", "text": (
        "Setup\n- Long: C > SMA(C,100) AND RSI(3) < 15\n- Flat: RSI(3) > 60\n- Hard stop: -4%"),
     "gold": _gold(direction="long_only", indicators=[["sma", {"window": 100}], ["rsi", {"window": 3}]],
                   constants=[15, 60], stop_loss=0.04, family="rsi_mean_reversion")},
    {"id": "b5s03", "style": "pine script", "text": (
        "//@version=5\nstrategy(\"EMA 8/34\", overlay=true)\nfast = ta.ema(close, 8)\nslow = ta.ema(close, 34)\n"
        "if ta.crossover(fast, slow)\n    strategy.entry(\"L\", strategy.long)\n"
        "if ta.crossunder(fast, slow)\n    strategy.entry(\"S\", strategy.short)"),
     "gold": _gold(direction="long_short", indicators=[["ema", {"window": 8}], ["ema", {"window": 34}]],
                   family="ema_crossover")},
    {"id": "b5s04", "style": "quintile ranking", "text": (
        "Every month, sort the S&P 500 members on their trailing six-month return and buy the top quintile "
        "in equal weights. Anything that drops out of the top quintile is sold at the next rebalance."),
     "gold": _gold(direction="long_only", indicators=[["roc", {"window": 6}]], frequency="monthly",
                   rebalance="monthly", top_pct=0.2, family="xs_momentum")},
    {"id": "b5s05", "style": "the strongest", "text": (
        "At each month end I compare SPY, EFA and IEF on their 3-month performance and put the whole account "
        "in the strongest of the three until the next month end."),
     "gold": _gold(direction="long_only", indicators=[["roc", {"window": 3}]], symbols=["SPY", "EFA", "IEF"],
                   frequency="monthly", rebalance="monthly", top_n=1, family="xs_momentum")},
    {"id": "b5s06", "style": "stops in words", "text": (
        "Buy XLE when it closes at a new 50-day high. If it then falls ten percent below what I paid, I'm out; "
        "if it gets to twenty-five percent above my entry I sell and bank it."),
     "gold": _gold(direction="long_only", indicators=[["highest", {"window": 50}]], symbols=["XLE"],
                   frequency="daily", stop_loss=0.10, take_profit=0.25, family="breakout")},
    {"id": "b5s07", "style": "short in passing", "text": (
        "Fading extremes in GLD with a 10-day RSI: buy it under 25, and do the reverse trade, shorting it, "
        "above 75. Positions are closed when the RSI gets back to 50."),
     "gold": _gold(direction="long_short", indicators=[["rsi", {"window": 10}]], constants=[25, 75],
                   symbols=["GLD"], frequency="daily", family="rsi_mean_reversion")},
    {"id": "b5s08", "style": "parameters apart", "text": (
        "Bands: 2.5 standard deviations around a 30-bar average. A close below the lower band is my buy "
        "signal, and I exit when price gets back to the middle line."),
     "gold": _gold(direction="long_only", indicators=[["bbands", {"window": 30, "std": 2.5}]],
                   family="bollinger_reversion")},
    {"id": "b5s09", "style": "MACD odd params", "text": (
        "Use MACD with 5 and 35 periods and a 5-period signal line on weekly charts. Go long when the MACD "
        "line crosses up through the signal line and get flat when it crosses back down."),
     "gold": _gold(direction="long_only", indicators=[["macd", {"fast": 5, "slow": 35, "signal": 5}]],
                   frequency="weekly", family="macd")},
    {"id": "b5s10", "style": "channel in words", "text": (
        "When the price takes out the highest high of the previous 40 sessions we buy; a break of the "
        "15-session low closes the trade."),
     "gold": _gold(direction="long_only", indicators=[["highest", {"window": 40}], ["lowest", {"window": 15}]],
                   frequency="daily", family="breakout")},
    {"id": "b5s11", "style": "time-series momentum", "text": (
        "Each month, for every futures market in the book, we are long if its return over the past twelve "
        "months is positive and short if it is negative, and we rebalance monthly."),
     "gold": _gold(direction="long_short", indicators=[["roc", {"window": 12}]], frequency="monthly",
                   rebalance="monthly", family="ts_momentum")},
    {"id": "b5s12", "style": "buy and hold", "text": (
        "My whole plan fits on an index card: own VT, add to it with every paycheck, and never sell."),
     "gold": _gold(direction="long_only", symbols=["VT"], family="buy_and_hold")},
    {"id": "b5s13", "style": "dual momentum", "text": (
        "Once a month: if SPY's 12-month return beats the 12-month return of T-bills (BIL), hold whichever of "
        "SPY and EFA did better over those 12 months; otherwise hold AGG."),
     "gold": _gold(direction="long_only", indicators=[["roc", {"window": 12}]],
                   symbols=["SPY", "EFA", "BIL", "AGG"], frequency="monthly", rebalance="monthly", top_n=1,
                   family="dual_momentum")},
    {"id": "b5s14", "style": "month filter", "text": (
        "Hold VNQ only while its month-end close sits above its 8-month simple average; in the months it "
        "doesn't, park the money in SHY."),
     "gold": _gold(direction="long_only", indicators=[["sma", {"window": 8}]], symbols=["VNQ", "SHY"],
                   frequency="monthly", family="trend_filter")},
    {"id": "b5s15", "style": "ATR stop", "text": (
        "Entries: the 20-day EMA crosses above the 50-day EMA. Protective stop: 3 x ATR(14) below the entry "
        "price. Exit also on the opposite cross."),
     "gold": _gold(direction="long_only", indicators=[["ema", {"window": 20}], ["ema", {"window": 50}],
                                                      ["atr", {"window": 14}]],
                   constants=[3], frequency="daily", family="ema_crossover")},
    {"id": "b5s16", "style": "short only", "text": (
        "I only ever trade from the short side: when TSLA's 5-day RSI pushes above 85, I sell it short, and I "
        "cover as soon as the RSI drops back under 50."),
     "gold": _gold(direction="short_only", indicators=[["rsi", {"window": 5}]], constants=[85, 50],
                   symbols=["TSLA"], frequency="daily", family="rsi_mean_reversion")},
    {"id": "b5s17", "style": "AFL", "text": (
        "Buy = Cross(EMA(C,13), EMA(C,48));\nSell = Cross(EMA(C,48), EMA(C,13));\nShort = Sell;\nCover = Buy;"),
     "gold": _gold(direction="long_short", indicators=[["ema", {"window": 13}], ["ema", {"window": 48}]],
                   family="ema_crossover")},
    {"id": "b5s18", "style": "the three best", "text": (
        "Every Friday, rank the eleven sector SPDRs by their 90-day rate of change and own the three best, "
        "equally weighted."),
     "gold": _gold(direction="long_only", indicators=[["roc", {"window": 90}]], frequency="daily",
                   rebalance="weekly", top_n=3, family="xs_momentum")},
    {"id": "b5s19", "style": "RSI midline both ways", "text": (
        "Going with the RSI(14) on EURUSD: above 50 I'm long, below 50 I'm short. Every trade carries a 1.5% "
        "stop and a 3% target."),
     "gold": _gold(direction="long_short", indicators=[["rsi", {"window": 14}]], constants=[50],
                   symbols=["EURUSD"], stop_loss=0.015, take_profit=0.03, family="rsi")},
    {"id": "b5s20", "style": "definition then own rule", "text": (
        "The MACD is the 12-day EMA minus the 26-day EMA, but I don't use it. My only signal: buy when the "
        "price closes above the 100-day simple moving average and sell when it closes below it."),
     "gold": _gold(direction="long_only", indicators=[["sma", {"window": 100}]], frequency="daily",
                   family="trend_filter")},
]
