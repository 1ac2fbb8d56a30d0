"""A held-out corpus written for foa (not taken from anywhere): 26 texts in different styles, labelled in
the dev corpus's gold format. It checks the offline grammar generalises beyond the dev corpus; the
extractor was not tuned on it before its first score was recorded (see docs/offline-extractor.md).

``write_corpus(path)`` writes it as JSONL for ``foa eval``.
"""

from __future__ import annotations

import json
from pathlib import Path


def _g(**kw):
    base = {"no_strategy": False, "direction": None, "indicators": [], "constants": [], "symbols": [], "frequency": None,
            "rebalance": None, "stop_loss": None, "take_profit": None, "top_n": None, "top_pct": None}
    base.update(kw)
    return base


NONE = _g(no_strategy=True)

CASES: list[dict] = [
    {"id": "h01", "text": "Forum post: my swing setup on QQQ. I go long when the fifty-day exponential average climbs over the "
     "two hundred-day one, and I bail out when it slips back under. Hard stop at 8% under my fill.",
     "gold": _g(direction="long_only", indicators=[["ema", {"window": 50}], ["ema", {"window": 200}]], symbols=["QQQ"],
                frequency="daily", stop_loss=0.08)},
    {"id": "h02", "text": "Broker note, page 1\nOur tactical model on the iShares 20+ Year Treasury Bond ETF (TLT) "
     "holds the bond only while its monthly close is above the 12-month simple moving average; otherwise it sits in cash. "
     "Signals are checked once a month.",
     "gold": _g(direction="long_only", indicators=[["sma", {"window": 12}]], symbols=["TLT"], frequency="monthly")},
    {"id": "h03", "text": "## Rules\n- Indicator: RSI with a lookback of 3 days\n- Buy: RSI falls under 15\n"
     "- Sell: RSI closes above 60\n- Take profits at +6% if RSI has not triggered the exit first",
     "gold": _g(direction="long_only", indicators=[["rsi", {"window": 3}]], constants=[15, 60], frequency="daily",
                take_profit=0.06)},
    {"id": "h04", "text": "Formula (MetaStock style): Buy = Cross(Mov(C,10,S), Mov(C,30,S)); Sell = Cross(Mov(C,30,S), Mov(C,10,S)). "
     "Run on daily bars of $AAPL.",
     "gold": _g(direction="long_only", indicators=[["sma", {"window": 10}], ["sma", {"window": 30}]], symbols=["AAPL"],
                frequency="daily")},
    {"id": "h05", "text": "The Fed minutes were hawkish and the CEO of a big bank told CNBC that GDP growth will slow. "
     "The NYSE advance-decline line fell and the S&P 500 slipped below its 50-day moving average for the first time since March. "
     "Analysts expect more volatility into year end.",
     "gold": NONE},
    {"id": "h06", "text": "Each month we rank the nine Select Sector SPDR funds by their six-month return and buy the top three, "
     "equal weighted. Positions are reviewed at month-end.",
     "gold": _g(direction="long_only", indicators=[["roc", {"window": 6}]], frequency="monthly", rebalance="monthly", top_n=3)},
    {"id": "h07", "text": "Turtle-style breakout, my version: enter long when today's close exceeds the highest high of the "
     "last 55 days; go short when the close breaks the lowest low of the last 55 days. Exit longs on a 20-day low, "
     "exit shorts on a 20-day high. Initial stop two times ATR(20).",
     "gold": _g(direction="long_short", indicators=[["highest", {"window": 55}], ["lowest", {"window": 55}],
                ["lowest", {"window": 20}], ["highest", {"window": 20}], ["atr", {"window": 20}]], constants=[2],
                frequency="daily")},
    {"id": "h08", "text": "README\n\nThis bot trades BTC/USDT on 4h candles. Long entry: MACD(12,26,9) line crosses above "
     "the signal line while the histogram is below zero. Exit when MACD crosses back below signal. Stop-loss 3%, take-profit 9%.",
     "gold": _g(direction="long_only", indicators=[["macd", {"fast": 12, "slow": 26, "signal": 9}]], constants=[0],
                symbols=["BTC/USDT"], stop_loss=0.03, take_profit=0.09)},
    {"id": "h09", "text": "Patience and discipline beat any indicator. I never chase, I size positions modestly, and I keep a "
     "journal of every trade. Markets reward those who wait for their pitch.",
     "gold": NONE},
    {"id": "h10", "text": "Mean reversion with Bollinger Bands: length 20, width 2.5 standard deviations. "
     "Buy when price closes below the lower band, sell when it gets back to the middle band. Long only.",
     "gold": _g(direction="long_only", indicators=[["bbands", {"window": 20, "std": 2.5}]])},
    {"id": "h11", "text": "A classic cross-sectional momentum book: every month sort the universe on 12-month returns, "
     "go long the top decile and short the bottom decile.",
     "gold": _g(direction="long_short", indicators=[["roc", {"window": 12}]], frequency="monthly", rebalance="monthly",
                top_pct=0.1)},
    {"id": "h12", "text": "Strategy: SPY trend filter.\nclose > ma(200) -> hold SPY\nclose < ma(200) -> move to IEF\n"
     "No stop loss is used; the average does the work.",
     "gold": _g(direction="long_only", indicators=[["sma", {"window": 200}]], symbols=["SPY", "IEF"])},
    {"id": "h13", "text": "We buy the dip: when the 2-day RSI of SPY is below 5 and the close is above the 200-day SMA, "
     "buy at the close. We sell when the close is above the 5-day SMA. For example, some traders use RSI(14) below 30 "
     "instead, but we do not.",
     "gold": _g(direction="long_only", indicators=[["rsi", {"window": 2}], ["sma", {"window": 200}], ["sma", {"window": 5}]],
                constants=[5], symbols=["SPY"], frequency="daily")},
    {"id": "h14", "text": "Weekly chart method for gold (GLD): buy when the 10-week EMA is above the 30-week EMA, sell when "
     "it drops below. A 15% trailing stop protects gains.",
     "gold": _g(direction="long_only", indicators=[["ema", {"window": 10}], ["ema", {"window": 30}]], symbols=["GLD"],
                frequency="weekly")},
    {"id": "h15", "text": "Earnings season recap: Apple beat estimates, revenue rose 8% and the shares gained 3% after hours. "
     "Microsoft guided lower and fell 4%. We remain overweight technology.",
     "gold": NONE},
    {"id": "h16", "text": "Dual momentum, simplified: at each month end compare the 12-month return of VTI and VXUS; "
     "hold the stronger of the two if its 12-month return is positive, otherwise hold BND.",
     "gold": _g(direction="long_only", indicators=[["roc", {"window": 12}]], symbols=["VTI", "VXUS", "BND"],
                frequency="monthly", rebalance="monthly", top_n=1)},
    {"id": "h17", "text": "Short-only idea for weak markets: sell short when the 20-day SMA crosses below the 100-day SMA "
     "and cover when it crosses back above. Risk: buy-stop 4% above entry.",
     "gold": _g(direction="short_only", indicators=[["sma", {"window": 20}], ["sma", {"window": 100}]], frequency="daily",
                stop_loss=0.04)},
    {"id": "h18", "text": "Portfolio: 60% VTI, 40% BND. Buy once and hold; rebalance every quarter.",
     "gold": _g(direction="long_only", symbols=["VTI", "BND"], rebalance="quarterly")},
    {"id": "h19", "text": "Stochastic-free scalping: on the 5-minute chart of EUR/USD enter long when EMA8 crosses EMA21 "
     "upward, enter short when EMA8 crosses EMA21 downward. Target 0.5%, stop 0.25%.",
     "gold": _g(direction="long_short", indicators=[["ema", {"window": 8}], ["ema", {"window": 21}]],
                symbols=["EUR/USD"], stop_loss=0.0025, take_profit=0.005)},
    {"id": "h20", "text": "Rate of change system: buy IWM when ROC(20) rises above 0 and sell when ROC(20) falls below 0. "
     "Commission 0.1% per trade.",
     "gold": _g(direction="long_only", indicators=[["roc", {"window": 20}]], constants=[0], symbols=["IWM"])},
    {"id": "h21", "text": "The MACD is the 12-period EMA minus the 26-period EMA, and its signal line is a 9-period EMA of "
     "the MACD. Our rule: buy XLE when the MACD crosses above zero; sell when it crosses below zero.",
     "gold": _g(direction="long_only", indicators=[["macd", {}]], constants=[0], symbols=["XLE"])},
    {"id": "h22", "text": "Crypto rotation: every week buy the single strongest coin among BTC, ETH, SOL, ADA and XRP by "
     "30-day momentum. Cut losses at 12%.",
     "gold": _g(direction="long_only", indicators=[["roc", {"window": 30}]], symbols=["BTC", "ETH", "SOL", "ADA", "XRP"],
                frequency="daily", rebalance="weekly", top_n=1, stop_loss=0.12)},
    {"id": "h23", "text": "Donchian channel (20) breakout on crude oil futures: long above the upper channel, flat below "
     "the 10-day lowest low. Trade daily bars.",
     "gold": _g(direction="long_only", indicators=[["highest", {"window": 20}], ["lowest", {"window": 10}]],
                frequency="daily")},
    {"id": "h24", "text": "In our view the bull market has further to run: valuations are stretched but earnings momentum "
     "is strong, and the 200-day average is rising. We would add exposure on dips rather than chase strength.",
     "gold": NONE},
    {"id": "h25", "text": "Pair of rules from our desk wiki:\n1) Long when close > SMA(50) and RSI(14) > 50.\n"
     "2) Flat when close < SMA(50).\nPositions sized at 10% of equity.",
     "gold": _g(direction="long_only", indicators=[["sma", {"window": 50}], ["rsi", {"window": 14}]], constants=[50])},
    {"id": "h26", "text": "Long/short equity ETF spread: long XLK and short XLU whenever XLK's 3-month return beats XLU's; "
     "reverse the legs otherwise. Rebalanced monthly.",
     "gold": _g(direction="long_short", indicators=[["roc", {"window": 3}]], symbols=["XLK", "XLU"], frequency="monthly",
                rebalance="monthly")},
]


def write_corpus(path: str | Path) -> Path:
    """Write the cases as JSONL (the format ``foa eval`` reads)."""
    p = Path(path)
    p.write_text("".join(json.dumps(c) + "\n" for c in CASES), encoding="utf-8")
    return p
