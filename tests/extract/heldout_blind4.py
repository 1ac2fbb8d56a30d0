"""Round-4 BLIND held-out set for the offline extractor: 40 texts written before reading the extractor.

Written blind: the author had not opened ``foa/extract/offline/``, the earlier held-out sets, the offline
tests or ``docs/offline-extractor.md`` when writing these texts and labels. They imitate genres of public
strategy writing (crypto chat posts, CTA explainers, ETF newsletters, QuantConnect docstrings, TradingView
descriptions, MetaTrader manuals, AmiBroker forum answers, articles, course assignments, notebooks,
pseudo-code) in the label format of ``../shared/eval/README.md``. Gold labels hold only what maps to the
DSL: pips are not percentages (no stop), stochastics are not in the DSL (only the mappable parts are
labelled). Ten texts hold no tradable rule.
"""

from __future__ import annotations


def _gold(**kw: object) -> dict:
    g: dict = {"no_strategy": False, "direction": None, "indicators": [], "constants": [], "symbols": [],
               "frequency": None, "rebalance": None, "stop_loss": None, "take_profit": None,
               "top_n": None, "top_pct": None, "family": None}
    g.update(kw)
    return g


_NONE = _gold(no_strategy=True)

CASES: list[dict] = [
    {"id": "b4_01", "style": "crypto discord post", "text": (
        "gm fam 👋 my BTC-USD setup on the 4h is dead simple: long when the 21 EMA crosses above the 55 EMA, "
        "flat when it crosses back under. no shorts, spot only. SL 4% below entry, TP at +12%. NFA, DYOR."),
     "gold": _gold(direction="long_only", indicators=[["ema", {"window": 21}], ["ema", {"window": 55}]],
                   symbols=["BTC-USD"], stop_loss=0.04, take_profit=0.12, family="ema_crossover")},
    {"id": "b4_02", "style": "telegram pinned signal rules", "text": (
        "📌 ETH-USD daily signal rules (pinned)\n"
        "1) RSI14 under 25 = buy\n"
        "2) RSI14 over 60 = close the position\n"
        "3) Hard stop 8%. No exceptions.\n"
        "Daily candles only, signals posted after the UTC close."),
     "gold": _gold(direction="long_only", indicators=[["rsi", {"window": 14}]], constants=[25, 60],
                   symbols=["ETH-USD"], frequency="daily", stop_loss=0.08, family="rsi_mean_reversion")},
    {"id": "b4_03", "style": "CTA trend-following explainer", "text": (
        "The classic Turtle System 1 in a nutshell. A long is entered when price exceeds the highest high of "
        "the previous 20 days; a short when price falls below the 20-day lowest low. Longs are exited on a "
        "10-day low, shorts on a 10-day high. N is the 20-day ATR; each position unit is sized so that 1 N "
        "equals 1% of account equity, and the protective stop sits 2N away from the entry price."),
     "gold": _gold(direction="long_short", indicators=[["highest", {"window": 20}], ["lowest", {"window": 20}],
                                                      ["lowest", {"window": 10}], ["highest", {"window": 10}],
                                                      ["atr", {"window": 20}]],
                   constants=[2], frequency="daily", family="breakout")},
    {"id": "b4_04", "style": "ETF rotation newsletter", "text": (
        "Our Sector Rotation model, explained for new subscribers. At the close of the last trading day of "
        "each month we rank the nine Select Sector SPDRs (XLB, XLE, XLF, XLI, XLK, XLP, XLU, XLV, XLY) by "
        "their total return over the past three months and buy the top three in equal weight. Everything "
        "else is sold. No options, no leverage, no shorting."),
     "gold": _gold(direction="long_only", indicators=[["roc", {"window": 3}]],
                   symbols=["XLB", "XLE", "XLF", "XLI", "XLK", "XLP", "XLU", "XLV", "XLY"],
                   frequency="monthly", rebalance="monthly", top_n=3, family="xs_momentum")},
    {"id": "b4_05", "style": "QuantConnect algorithm docstring", "text": (
        '"""\nSimple trend algorithm for QQQ.\n\n'
        "Each day after the open, if QQQ's previous close is above its 100-day simple moving average we hold "
        "100% QQQ; otherwise we move to cash. Daily resolution, no leverage.\n"
        '"""'),
     "gold": _gold(direction="long_only", indicators=[["sma", {"window": 100}]], symbols=["QQQ"],
                   frequency="daily", family="trend_filter")},
    {"id": "b4_06", "style": "TradingView script description", "text": (
        "Bollinger Reversal Strategy\n\n"
        "This script goes long when the close drops below the lower Bollinger Band and exits when price "
        "closes back above the basis (middle band). Shorts are the mirror image at the upper band.\n\n"
        "Settings:\n• Length: 20\n• StdDev multiplier: 2.5\n• Source: close\n\n"
        "Published for educational purposes."),
     "gold": _gold(direction="long_short", indicators=[["bbands", {"window": 20, "std": 2.5}]],
                   family="bollinger_reversion")},
    {"id": "b4_07", "style": "MetaTrader EA manual", "text": (
        "MA Cross EA v2.3 - User Manual\n\n"
        "The EA opens a BUY when the fast moving average crosses above the slow moving average and a SELL "
        "when it crosses below. Only one trade is open at a time.\n\n"
        "Inputs:\nFastMA=9\nSlowMA=21\nMAMethod=Exponential\nStopLoss=50 (pips)\nTakeProfit=100 (pips)\n"
        "Lots=0.1\nMagicNumber=12345"),
     "gold": _gold(direction="long_short", indicators=[["ema", {"window": 9}], ["ema", {"window": 21}]],
                   family="ema_crossover")},
    {"id": "b4_08", "style": "AmiBroker AFL forum answer", "text": (
        "Try this, it's the basic version:\n\n"
        "Buy = Cross(C, MA(C, 50));\nSell = Cross(MA(C, 50), C);\nShort = Cover = 0;\n\n"
        "It only takes longs, on daily bars. You can add ApplyStop later if you want stops."),
     "gold": _gold(direction="long_only", indicators=[["sma", {"window": 50}]], frequency="daily",
                   family="trend_filter")},
    {"id": "b4_09", "style": "Seeking-Alpha-style article", "text": (
        "Why I Still Own Dividend Growers\n\n"
        "Dividend growth investing has had a rough couple of years relative to the mega-cap tech names, and "
        "readers keep asking whether I am giving up on it. I am not. Payout growth at my core holding has "
        "averaged close to 11% a year, valuations are reasonable, and the income keeps arriving.\n\n"
        "That said, I do use one mechanical rule to avoid the worst drawdowns: I hold SCHD as long as it "
        "trades above its 200-day moving average, and I move the position to short-term Treasuries (SHV) "
        "when it closes below it. I move back when SCHD closes above the average again.\n\n"
        "Disclosure: I/we have a beneficial long position in SCHD."),
     "gold": _gold(direction="long_only", indicators=[["sma", {"window": 200}]], symbols=["SCHD", "SHV"],
                   frequency="daily", family="trend_filter")},
    {"id": "b4_10", "style": "university course assignment", "text": (
        "FIN 4420 - Assignment 3 (due Friday)\n\n"
        "Implement the following strategy in Python and report its Sharpe ratio:\n"
        "(a) compute the 12-day and 26-day exponential moving averages of the close and their difference "
        "(the MACD line);\n(b) compute a 9-day EMA of the MACD line (the signal line);\n"
        "(c) go long IWM when the MACD line crosses above the signal line and go short when it crosses "
        "below.\nUse daily data from 2005 to 2020."),
     "gold": _gold(direction="long_short", indicators=[["macd", {"fast": 12, "slow": 26, "signal": 9}]],
                   symbols=["IWM"], frequency="daily", family="macd")},
    {"id": "b4_11", "style": "Kaggle notebook intro", "text": (
        "# Golden Cross Backtest on the S&P 500\n\n"
        "In this notebook we test the famous golden cross: we buy SPY when the 50-day SMA crosses above the "
        "200-day SMA and sell on the death cross. We'll pull prices with pandas and compare the result to "
        "buy-and-hold. Upvote if you find it useful!"),
     "gold": _gold(direction="long_only", indicators=[["sma", {"window": 50}], ["sma", {"window": 200}]],
                   symbols=["SPY"], frequency="daily", family="sma_crossover")},
    {"id": "b4_12", "style": "if/then/else pseudo-code", "text": (
        "Pseudo-code for the weekly filter:\n\n"
        "if close > SMA(close, 30) then\n    position = long\nelse\n    position = flat\nend if\n\n"
        "Evaluate on weekly bars only (Friday close)."),
     "gold": _gold(direction="long_only", indicators=[["sma", {"window": 30}]], frequency="weekly",
                   family="trend_filter")},
    {"id": "b4_13", "style": "forum one-liner, crosses without numbers", "text": (
        "Trading the crosses on the Nasdaq: buy QQQ on a golden cross, sell it on a death cross, and ignore "
        "everything else the pundits say."),
     "gold": _gold(direction="long_only", indicators=[["sma", {}], ["sma", {}]], symbols=["QQQ"],
                   family="sma_crossover")},
    {"id": "b4_14", "style": "forum post, 200-DMA", "text": (
        "Simplest rule I know for small caps: own IWM only while it's above the 200-DMA. Below it, sit in "
        "cash. I check it once a week."),
     "gold": _gold(direction="long_only", indicators=[["sma", {"window": 200}]], symbols=["IWM"],
                   family="trend_filter")},
    {"id": "b4_15", "style": "swing trading blog", "text": (
        "My pullback rule for swing trades in AAPL: when price is above the 20 EMA and RSI(14) dips below "
        "40, I buy. I sell when RSI(14) gets back above 70, or if I'm down 5% on the trade."),
     "gold": _gold(direction="long_only", indicators=[["ema", {"window": 20}], ["rsi", {"window": 14}]],
                   constants=[40, 70], symbols=["AAPL"], stop_loss=0.05, family="rsi_mean_reversion")},
    {"id": "b4_16", "style": "blog, BB(20,2) and %b", "text": (
        "Mean reversion with %b. Using BB(20,2) on daily bars, buy when %b falls below 0 (price under the "
        "lower band) and exit when %b rises above 0.5 (price back at the middle band). Long only."),
     "gold": _gold(direction="long_only", indicators=[["bbands", {"window": 20, "std": 2}]],
                   frequency="daily", family="bollinger_reversion")},
    {"id": "b4_17", "style": "trading blog, MACD zero line", "text": (
        "MACD 12/26/9 zero-line strategy on the daily chart of GLD: go long when the MACD line crosses above "
        "zero and exit when it crosses back below zero. That's it."),
     "gold": _gold(direction="long_only", indicators=[["macd", {"fast": 12, "slow": 26, "signal": 9}]],
                   constants=[0], symbols=["GLD"], frequency="daily", family="macd")},
    {"id": "b4_18", "style": "forum post, stochastics with an SMA filter", "text": (
        "Setup I use on SPY: only take longs while price is above the 50-day SMA. Inside that, buy when the "
        "slow stochastic (14,3,3) crosses up out of the oversold zone below 20 and sell when it gets above "
        "80."),
     "gold": _gold(direction="long_only", indicators=[["sma", {"window": 50}]], symbols=["SPY"],
                   frequency="daily", family="other")},
    {"id": "b4_19", "style": "weekly rule, newsletter", "text": (
        "Every Friday look at the weekly chart of EEM. If the 10-week EMA is above the 40-week EMA, hold EEM; "
        "if not, hold cash until the next weekly check."),
     "gold": _gold(direction="long_only", indicators=[["ema", {"window": 10}], ["ema", {"window": 40}]],
                   symbols=["EEM"], frequency="weekly", family="ema_crossover")},
    {"id": "b4_20", "style": "monthly rule, blog", "text": (
        "At each month-end, compare VTI's close with its 12-month simple moving average. Above: stay "
        "invested in VTI. Below: switch to BND until the next month-end."),
     "gold": _gold(direction="long_only", indicators=[["sma", {"window": 12}]], symbols=["VTI", "BND"],
                   frequency="monthly", family="trend_filter")},
    {"id": "b4_21", "style": "commodity breakout blog, shorts in passing", "text": (
        "Donchian breakout on crude oil futures (CL=F): buy a close above the 55-day high and exit at the "
        "20-day low. The same rules run in reverse for shorts."),
     "gold": _gold(direction="long_short", indicators=[["highest", {"window": 55}], ["lowest", {"window": 20}]],
                   symbols=["CL=F"], frequency="daily", family="breakout")},
    {"id": "b4_22", "style": "trade plan with worded stops", "text": (
        "Entry: buy DIA when its 5-day RSI closes under 20.\nExit: when the 5-day RSI climbs over 55.\n"
        "Protection: I bail out if the trade goes 7% against me, and I bank the gain once it's up 15%."),
     "gold": _gold(direction="long_only", indicators=[["rsi", {"window": 5}]], constants=[20, 55],
                   symbols=["DIA"], frequency="daily", stop_loss=0.07, take_profit=0.15,
                   family="rsi_mean_reversion")},
    {"id": "b4_23", "style": "trade-of-the-week newsletter", "text": (
        "Trade of the week rules for TLT: buy when the 10-day SMA crosses above the 30-day SMA; stop-loss "
        "placed 2.5% under the fill price; profit target of six percent."),
     "gold": _gold(direction="long_only", indicators=[["sma", {"window": 10}], ["sma", {"window": 30}]],
                   symbols=["TLT"], frequency="daily", stop_loss=0.025, take_profit=0.06,
                   family="sma_crossover")},
    {"id": "b4_24", "style": "dual momentum blog", "text": (
        "Dual momentum with only three tickers: every month, compare the 12-month total return of VTI and "
        "VXUS. Pick the stronger one, but only if its 12-month return beats that of T-bills. If it doesn't, "
        "park the money in BIL."),
     "gold": _gold(direction="long_only", indicators=[["roc", {"window": 12}]], symbols=["VTI", "VXUS", "BIL"],
                   frequency="monthly", rebalance="monthly", top_n=1, family="dual_momentum")},
    {"id": "b4_25", "style": "paper summary", "text": (
        "Paper summary. The authors sort all NYSE stocks each month on their past 6-month return, buy the top "
        "decile and short the bottom decile, and hold the portfolios for one month before re-sorting."),
     "gold": _gold(direction="long_short", indicators=[["roc", {"window": 6}]], frequency="monthly",
                   rebalance="monthly", top_pct=0.1, family="xs_momentum")},
    {"id": "b4_26", "style": "numbers spelled out", "text": (
        "The rule is this: when the fifty-day moving average of Microsoft (MSFT) climbs above the "
        "two-hundred-day moving average, buy. Sell when the fifty-day falls back under the two-hundred-day."),
     "gold": _gold(direction="long_only", indicators=[["sma", {"window": 50}], ["sma", {"window": 200}]],
                   symbols=["MSFT"], frequency="daily", family="sma_crossover")},
    {"id": "b4_27", "style": "GitHub README", "text": (
        "## momo-etf\n\nA tiny backtester for a relative-strength ETF strategy.\n\n**Strategy**\n"
        "- Universe: SPY, QQQ, IWM, EFA, EEM, TLT, GLD\n- Signal: 126-day rate of change\n"
        "- Hold the 2 highest-ranked ETFs, equal weight\n- Rebalance: weekly (Monday open)\n\n"
        "## Install\n\n    pip install -e .\n"),
     "gold": _gold(direction="long_only", indicators=[["roc", {"window": 126}]],
                   symbols=["SPY", "QQQ", "IWM", "EFA", "EEM", "TLT", "GLD"], frequency="daily",
                   rebalance="weekly", top_n=2, family="xs_momentum")},
    {"id": "b4_28", "style": "breakout trade plan with an ATR stop", "text": (
        "Breakout plan for NVDA: enter long on a close above the highest close of the last 50 sessions. "
        "Place the initial stop 3 ATRs (14-day ATR) below the entry, and exit on a close under the 20-day "
        "low."),
     "gold": _gold(direction="long_only", indicators=[["highest", {"window": 50}], ["lowest", {"window": 20}],
                                                     ["atr", {"window": 14}]],
                   constants=[3], symbols=["NVDA"], frequency="daily", family="breakout")},
    {"id": "b4_29", "style": "Boglehead forum, buy and hold", "text": (
        "My whole plan: I buy VTI and BND in a 70/30 split and hold them forever. No timing, no selling, "
        "just keep adding every paycheck."),
     "gold": _gold(direction="long_only", symbols=["VTI", "BND"], family="buy_and_hold")},
    {"id": "b4_30", "style": "compact notation", "text": (
        "Quick test of an SMA(10)/SMA(30) crossover on BTC-USD daily closes, long only, with a 10% stop."),
     "gold": _gold(direction="long_only", indicators=[["sma", {"window": 10}], ["sma", {"window": 30}]],
                   symbols=["BTC-USD"], frequency="daily", stop_loss=0.10, family="sma_crossover")},
    # ---- texts with NO tradable rule ----
    {"id": "b4_n01", "style": "market wrap", "text": (
        "Stocks ended mixed on Tuesday as the S&P 500 slipped 0.3% while the Nasdaq added 0.2%. Treasury "
        "yields rose after a hotter-than-expected CPI print, and the 10-year touched 4.6%. Energy led the "
        "gainers with crude up 2%. SPY closed just above its 50-day moving average, a level traders will be "
        "watching into Friday's jobs report."), "gold": _NONE},
    {"id": "b4_n02", "style": "tweet thread", "text": (
        "1/ The trend is your friend until it bends. 🧵\n"
        "2/ Most retail traders fight the trend because buying high feels wrong.\n"
        "3/ But the evidence on time-series momentum goes back over 100 years.\n"
        "4/ You don't need to predict. You need to follow.\n"
        "5/ Cut your losers, let your winners run. That's the whole game."), "gold": _NONE},
    {"id": "b4_n03", "style": "indicator tutorial", "text": (
        "What is the RSI? The Relative Strength Index, developed by J. Welles Wilder, measures the speed of "
        "price changes on a scale of 0 to 100. It is usually computed over 14 periods. Readings above 70 are "
        "traditionally called overbought and readings below 30 oversold, but in strong trends the RSI can "
        "stay overbought for weeks."), "gold": _NONE},
    {"id": "b4_n04", "style": "broker disclaimer page", "text": (
        "Risk Disclosure. Trading leveraged products such as CFDs carries a high level of risk and may not "
        "be suitable for all investors. 74% of retail investor accounts lose money when trading CFDs with "
        "this provider. Past performance is not indicative of future results. Stop-loss orders do not "
        "guarantee a limit on your losses in fast markets."), "gold": _NONE},
    {"id": "b4_n05", "style": "fund monthly commentary", "text": (
        "Fund commentary - October. The fund returned +1.8% in October versus +1.1% for its benchmark. Our "
        "trend-following sleeve added to long positions in equity index futures as 12-month momentum turned "
        "positive, while the bond sleeve was reduced. We remain overweight quality and underweight small "
        "caps going into year end."), "gold": _NONE},
    {"id": "b4_n06", "style": "forum rant", "text": (
        "Rant: moving averages don't work. I backtested the 50/200 crossover on every stock in the S&P and it "
        "lags so badly it's useless. The 20 EMA? Whipsaw city. Please stop telling newbies to just buy the "
        "golden cross."), "gold": _NONE},
    {"id": "b4_n07", "style": "indicator history", "text": (
        "John Bollinger created his bands in the 1980s. The standard setting is a 20-period simple moving "
        "average with bands two standard deviations above and below it. When the bands narrow, volatility "
        "is low - the so-called squeeze - and a large move often follows, in either direction."),
     "gold": _NONE},
    {"id": "b4_n08", "style": "forum question", "text": (
        "Q: does anyone know whether a 3% stop loss or a 5% one works better for swing trading? I keep "
        "getting stopped out on SPY right before it turns. Any advice appreciated."), "gold": _NONE},
    {"id": "b4_n09", "style": "crypto price update", "text": (
        "BTC-USD is back above $70k 🚀 ETH lagging around 3.4k. Funding rates neutral, open interest rising. "
        "Watching the 200-day as support. Not financial advice."), "gold": _NONE},
    {"id": "b4_n10", "style": "MACD explainer", "text": (
        "MACD explained: the MACD line is the 12-period EMA minus the 26-period EMA; the signal line is a "
        "9-period EMA of the MACD line; the histogram is their difference. Traders read crossovers as shifts "
        "in momentum, but the indicator lags by construction."), "gold": _NONE},
]
