"""Held-out blind set, round 9: 24 texts written blind (before reading the offline extractor).

Genres earlier rounds had little of: podcast transcripts, client e-mails, Q&A interviews, slide bullets,
spreadsheet and Pine formulas, German- and Japanese-English phrasing, ranges ("RSI between 40 and 60"),
"within 1% of the 52-week high", percent-above-MA, weekly RSI on a monthly rebalance.
Six texts hold no tradable rule.
"""

from __future__ import annotations


def _g(**kw):
    base = {
        "no_strategy": False, "direction": None, "indicators": [], "constants": [], "symbols": [],
        "frequency": None, "rebalance": None, "stop_loss": None, "take_profit": None,
        "top_n": None, "top_pct": None, "family": None,
    }
    base.update(kw)
    return base


CASES = [
    {
        "id": "b9-podcast-weekly-ema", "style": "podcast transcript",
        "text": (
            "HOST: Okay, so what's the actual rule?\n"
            "GUEST: Dead simple. Every Friday I pull up the weekly chart of QQQ. If the 10-week EMA is above "
            "the 30-week EMA, I'm long. If it's under, I'm in cash. That's it, nothing fancy."
        ),
        "gold": _g(direction="long_only", indicators=[["ema", {"window": 10}], ["ema", {"window": 30}]],
                   symbols=["QQQ"], frequency="weekly", family="ema_crossover"),
    },
    {
        "id": "b9-email-rsi-ewj", "style": "email to a client",
        "text": (
            "Dear Mr. Tanaka,\n\nAs discussed on Tuesday, the model we propose for your account buys the iShares "
            "MSCI Japan ETF (EWJ) whenever its 14-day RSI falls below 35 and sells once the RSI is back above 55. "
            "We also place a protective stop 7% below the purchase price.\n\nKind regards,\nAnna"
        ),
        "gold": _g(direction="long_only", indicators=[["rsi", {"window": 14}]], constants=[35, 55],
                   symbols=["EWJ"], stop_loss=0.07, family="rsi_reversion"),
    },
    {
        "id": "b9-qa-short-only", "style": "Q&A interview",
        "text": (
            "Q: How do you decide when to go short?\n"
            "A: I only trade the short side. When a stock closes below its 50-day moving average and the 50-day "
            "is below the 200-day, I sell it short.\n"
            "Q: And covering?\n"
            "A: I cover when the close gets back above the 50-day, or once I'm up 12% on the trade."
        ),
        "gold": _g(direction="short_only", indicators=[["sma", {"window": 50}], ["sma", {"window": 200}]],
                   take_profit=0.12, family="trend_filter"),
    },
    {
        "id": "b9-slides-rotation", "style": "slide-deck bullets",
        "text": (
            "Strategy overview\n"
            "- Universe: SPY, TLT, GLD, VNQ, EFA\n"
            "- Signal: 6-month total return\n"
            "- Hold: top 2, equal weight\n"
            "- Rebalance: monthly\n"
            "- Leverage: none"
        ),
        "gold": _g(direction="long_only", indicators=[["roc", {"window": 6}]],
                   symbols=["SPY", "TLT", "GLD", "VNQ", "EFA"], frequency="monthly", rebalance="monthly",
                   top_n=2, family="xs_momentum"),
    },
    {
        "id": "b9-spreadsheet-sma", "style": "spreadsheet formula description",
        "text": (
            "Column F holds =AVERAGE(B2:B21), i.e. the 20-day average of the closes in column B, filled down. "
            "Column G is =IF(B21>F21,\"LONG\",\"FLAT\"). We hold the stock on LONG days and sit in cash on FLAT days."
        ),
        "gold": _g(direction="long_only", indicators=[["sma", {"window": 20}]], family="trend_filter"),
    },
    {
        "id": "b9-german-38-days-line", "style": "German-English phrasing",
        "text": (
            "The system goes long when the close crosses the 38-days line from below. Exit is when the close "
            "falls under the 38-days line again. The stop loss lies at 4 percent under the entry."
        ),
        "gold": _g(direction="long_only", indicators=[["sma", {"window": 38}]], stop_loss=0.04,
                   family="trend_filter"),
    },
    {
        "id": "b9-japanese-golden-cross", "style": "Japanese-English phrasing",
        "text": (
            "Buy signal is appearing when 5-day moving average is crossing over 25-day moving average "
            "(golden cross). Sell signal is the dead cross. We are trading the Nikkei 225 ETF only in long side."
        ),
        "gold": _g(direction="long_only", indicators=[["sma", {"window": 5}], ["sma", {"window": 25}]],
                   family="sma_crossover"),
    },
    {
        "id": "b9-rsi-range-ema", "style": "forum post",
        "text": (
            "My filter: longs are only taken while the 14-period RSI sits between 40 and 60 and price is above "
            "the 100-day EMA; then I buy the next open. Exit on any close below the 100-day EMA."
        ),
        "gold": _g(direction="long_only", indicators=[["rsi", {"window": 14}], ["ema", {"window": 100}]],
                   constants=[40, 60], family="trend_filter"),
    },
    {
        "id": "b9-near-52w-high", "style": "newsletter",
        "text": (
            "Screen, run daily: buy any S&P 500 stock whose close is within 1% of its 52-week high, provided "
            "the 50-day SMA is above the 200-day SMA. Sell when price closes below the 50-day SMA."
        ),
        "gold": _g(direction="long_only",
                   indicators=[["highest", {"window": 252}], ["sma", {"window": 50}], ["sma", {"window": 200}]],
                   frequency="daily", family="breakout"),
    },
    {
        "id": "b9-pct-above-ma-short", "style": "trading desk note",
        "text": (
            "Fade the stretch: short GLD when it trades more than 8% above its 20-day moving average, and cover "
            "when it touches the average again."
        ),
        "gold": _g(direction="short_only", indicators=[["sma", {"window": 20}]], symbols=["GLD"],
                   family="mean_reversion"),
    },
    {
        "id": "b9-weekly-rsi-monthly-rebal", "style": "research memo",
        "text": (
            "At the end of each month we compute the 14-week RSI on weekly bars for each of the eleven sector "
            "SPDRs and hold the three with the highest reading until the next month-end."
        ),
        "gold": _g(direction="long_only", indicators=[["rsi", {"window": 14}]], frequency="weekly",
                   rebalance="monthly", top_n=3, family="xs_momentum"),
    },
    {
        "id": "b9-bollinger-envelope-short", "style": "trading manual",
        "text": (
            "Sell short when the close pierces the upper band of a 20-bar, 2.5-standard-deviation Bollinger "
            "envelope; buy to cover at the middle band."
        ),
        "gold": _g(direction="short_only", indicators=[["bbands", {"window": 20, "std": 2.5}]],
                   family="bollinger_reversion"),
    },
    {
        "id": "b9-macd-hist-iwm", "style": "compact notation",
        "text": (
            "Long-only MACD(8,17,9) on IWM: enter when the histogram turns positive, exit when it turns "
            "negative. Hard stop: 5%."
        ),
        "gold": _g(direction="long_only", indicators=[["macd", {"fast": 8, "slow": 17, "signal": 9}]],
                   constants=[0], symbols=["IWM"], stop_loss=0.05, family="macd"),
    },
    {
        "id": "b9-donchian-atr-both", "style": "blog",
        "text": (
            "Trade both sides: buy a breakout above the 40-day high, sell short a breakdown below the 40-day "
            "low, and get out either way on a 3 ATR trailing stop."
        ),
        "gold": _g(direction="long_short",
                   indicators=[["highest", {"window": 40}], ["lowest", {"window": 40}], ["atr", {}]],
                   constants=[3], family="breakout"),
    },
    {
        "id": "b9-podcast-ts-momentum", "style": "podcast transcript",
        "text": (
            "GUEST: ...so what I do, and I tell everyone this, is I look at the twelve-month return on the "
            "S&P. If it's positive I own stocks, SPY. If it's negative I own bonds, AGG. I check it on the "
            "last trading day of the month and that's my whole process."
        ),
        "gold": _g(direction="long_only", indicators=[["roc", {"window": 12}]], symbols=["SPY", "AGG"],
                   frequency="monthly", rebalance="monthly", family="ts_momentum"),
    },
    {
        "id": "b9-pine-ema-both", "style": "Pine script",
        "text": (
            "longCond = ta.crossover(ta.ema(close, 13), ta.ema(close, 48))\n"
            "shortCond = ta.crossunder(ta.ema(close, 13), ta.ema(close, 48))\n"
            "if longCond\n    strategy.entry(\"L\", strategy.long)\n"
            "if shortCond\n    strategy.entry(\"S\", strategy.short)"
        ),
        "gold": _g(direction="long_short", indicators=[["ema", {"window": 13}], ["ema", {"window": 48}]],
                   family="ema_crossover"),
    },
    {
        "id": "b9-rsi3-words-stops", "style": "course handout",
        "text": (
            "Entry: buy when the 3-day RSI drops under 15 while the stock is above its 200-day average. The "
            "profit objective is a 6% gain; if the trade goes 3% against us we are out."
        ),
        "gold": _g(direction="long_only", indicators=[["rsi", {"window": 3}], ["sma", {"window": 200}]],
                   constants=[15], take_profit=0.06, stop_loss=0.03, family="rsi_reversion"),
    },
    {
        "id": "b9-quarterly-decile", "style": "paper summary",
        "text": (
            "Each quarter we sort the Russell 1000 on 12-month price momentum and buy the top decile, "
            "equal-weighted, holding it until the next quarterly rebalance."
        ),
        "gold": _g(direction="long_only", indicators=[["roc", {"window": 12}]], frequency="monthly",
                   rebalance="quarterly", top_pct=0.1, family="xs_momentum"),
    },
    {
        "id": "b9-none-podcast-200day", "style": "podcast transcript",
        "text": (
            "HOST: Is the 200-day still relevant?\n"
            "GUEST: People watch it, sure. I think it matters more psychologically than anything. When the "
            "market is stretched 10% above it you hear more caution. But I wouldn't trade off it blindly."
        ),
        "gold": _g(no_strategy=True),
    },
    {
        "id": "b9-none-client-email", "style": "email to a client",
        "text": (
            "Dear Ms. Weber,\n\nYour portfolio returned 3.2% in the third quarter versus 2.8% for the benchmark. "
            "We remain overweight quality and keep an eye on semiconductors, whose 14-day RSI reached 78 in "
            "August. No changes are planned for now.\n\nBest,\nTom"
        ),
        "gold": _g(no_strategy=True),
    },
    {
        "id": "b9-none-slides-takeaways", "style": "slide-deck bullets",
        "text": (
            "Key takeaways\n"
            "- Momentum worked in 9 of the last 12 years\n"
            "- Drawdowns cluster in sharp rebounds (2009, 2020)\n"
            "- Volatility scaling helps\n"
            "- Next step: approve the research budget"
        ),
        "gold": _g(no_strategy=True),
    },
    {
        "id": "b9-none-qa-stops", "style": "Q&A interview",
        "text": (
            "Q: Do you use stop losses?\n"
            "A: Sometimes. It depends on the volatility regime and on my conviction. I've seen 10% stops save "
            "people, and I've seen them get shaken out right at the bottom."
        ),
        "gold": _g(no_strategy=True),
    },
    {
        "id": "b9-none-japanese-commentary", "style": "Japanese-English phrasing",
        "text": (
            "Today Nikkei is closing at 38,500 yen, above the 25-day moving average by 4%. Many analysts are "
            "saying overheated feeling, RSI is showing 72. Caution is needed."
        ),
        "gold": _g(no_strategy=True),
    },
    {
        "id": "b9-none-spreadsheet-screen", "style": "spreadsheet description",
        "text": (
            "The workbook's Signals tab shows the 50-day and 200-day averages for each ticker in columns C and "
            "D, and column E flags where they crossed during the past week. It is a screening aid; what you do "
            "with it is up to you."
        ),
        "gold": _g(no_strategy=True),
    },
]
