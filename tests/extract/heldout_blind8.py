"""Blind held-out set, round 8: 30 texts written before reading the offline extractor's code.

Each case is ``{"id", "style", "text", "gold"}`` with gold in the dev-corpus label format
(``../shared/eval/README.md``). Eight texts hold no tradable rule. Written from scratch for this
round (not copied or paraphrased from the dev corpus or earlier held-out sets).

Example:
    >>> from tests.extract.heldout_blind8 import CASES
    >>> len(CASES)
    30
"""

from __future__ import annotations


def _g(
    direction=None,
    indicators=(),
    constants=(),
    symbols=(),
    frequency=None,
    rebalance=None,
    stop_loss=None,
    take_profit=None,
    top_n=None,
    top_pct=None,
    family=None,
    no_strategy=False,
):
    return {
        "no_strategy": no_strategy,
        "direction": direction,
        "indicators": [list(i) for i in indicators],
        "constants": list(constants),
        "symbols": list(symbols),
        "frequency": frequency,
        "rebalance": rebalance,
        "stop_loss": stop_loss,
        "take_profit": take_profit,
        "top_n": top_n,
        "top_pct": top_pct,
        "family": family,
    }


_NONE = _g(no_strategy=True)

CASES = [
    {
        "id": "b8-01",
        "style": "blog",
        "text": (
            "My lazy trend system for QQQ\n\n"
            "I keep it dead simple. Two simple moving averages on the daily chart: a 20-day one and "
            "a 100-day one. When the shorter average climbs through the longer one I go long QQQ; "
            "when it slips back beneath, I sell everything and sit in cash. No shorting, no leverage."
        ),
        "gold": _g("long_only", [("sma", {"window": 20}), ("sma", {"window": 100})], symbols=["QQQ"],
                   frequency="daily", family="sma_crossover"),
    },
    {
        "id": "b8-02",
        "style": "forum",
        "text": (
            "Re: anyone trading EMA crosses on futures?\n"
            "yeah I run 8 and 34 exponential on the 4h... ok fine on daily bars for the backtest. "
            "Long when ema8 > ema34, short when ema8 < ema34, always in the market. "
            "Hard stop 1.5% from entry, no target."
        ),
        "gold": _g("long_short", [("ema", {"window": 8}), ("ema", {"window": 34})], frequency="daily",
                   stop_loss=0.015, family="ema_crossover"),
    },
    {
        "id": "b8-03",
        "style": "readme",
        "text": (
            "## rsi-dip\n\n"
            "Buys short-term pullbacks in SPY.\n\n"
            "* Indicator: RSI with a 3-day lookback.\n"
            "* Entry: RSI(3) drops below 15 -> buy at the close.\n"
            "* Exit: RSI(3) rises above 60.\n"
            "* Protective stop: 7% below the entry price.\n"
        ),
        "gold": _g("long_only", [("rsi", {"window": 3})], constants=[15, 60], symbols=["SPY"],
                   stop_loss=0.07, family="rsi_reversion"),
    },
    {
        "id": "b8-04",
        "style": "manual",
        "text": (
            "Bollinger Reversion template\n"
            "Parameters: Period = 20, Width = 2.5 standard deviations.\n"
            "The system buys when the close falls below the lower band and sells the position when "
            "the close returns to the middle band. Long side only. Applies to IWM daily data."
        ),
        "gold": _g("long_only", [("bbands", {"window": 20, "std": 2.5})], symbols=["IWM"],
                   frequency="daily", family="bollinger_reversion"),
    },
    {
        "id": "b8-05",
        "style": "broker note",
        "text": (
            "Technical Strategy Desk - Weekly Idea\n"
            "We favour a MACD signal-line approach on the EUR-hedged DAX ETF (EWG) using standard "
            "settings of 12, 26 and 9 on weekly bars. Initiate longs when the MACD line crosses above "
            "its signal line; close when it crosses back below. Take profit at +12%."
        ),
        "gold": _g("long_only", [("macd", {"fast": 12, "slow": 26, "signal": 9})], symbols=["EWG"],
                   frequency="weekly", take_profit=0.12, family="macd"),
    },
    {
        "id": "b8-06",
        "style": "blog",
        "text": (
            "The turtle-style breakout I still use\n\n"
            "Enter long when today's close exceeds the highest high of the previous 40 days. "
            "Exit when price closes below the lowest low of the last 15 days. "
            "I trade this on GLD only."
        ),
        "gold": _g("long_only", [("highest", {"window": 40}), ("lowest", {"window": 15})],
                   symbols=["GLD"], frequency="daily", family="donchian_breakout"),
    },
    {
        "id": "b8-07",
        "style": "paper summary",
        "text": (
            "Summary. The authors study time-series momentum across 24 futures markets. For each "
            "market, the position is long if the trailing twelve-month excess return is positive and "
            "short if it is negative. Positions are rebalanced at the end of every month."
        ),
        "gold": _g("long_short", [("roc", {"window": 12})], frequency="monthly",
                   rebalance="monthly", family="ts_momentum"),
    },
    {
        "id": "b8-08",
        "style": "newsletter",
        "text": (
            "This month's rotation model: from a list of sector ETFs (XLK, XLF, XLE, XLV, XLY, XLP, "
            "XLI, XLU, XLB), we hold the three with the highest six-month total return, equally "
            "weighted, and re-rank on the first trading day of each month."
        ),
        "gold": _g("long_only", [("roc", {"window": 6})],
                   symbols=["XLK", "XLF", "XLE", "XLV", "XLY", "XLP", "XLI", "XLU", "XLB"],
                   frequency="monthly", rebalance="monthly", top_n=3, family="xs_momentum"),
    },
    {
        "id": "b8-09",
        "style": "forum",
        "text": (
            "Dual momentum the way I do it: each month compare SPY vs EFA on 12m return. Pick the "
            "winner, but only if its 12m return beats T-bills (BIL), otherwise go to AGG. "
            "Rebalance monthly, that's it."
        ),
        "gold": _g("long_only", [("roc", {"window": 12})], symbols=["SPY", "EFA", "AGG"],
                   frequency="monthly", rebalance="monthly", family="dual_momentum"),
    },
    {
        "id": "b8-10",
        "style": "blog",
        "text": (
            "Why I stopped trading and just buy and hold VTI\n\n"
            "After years of fiddling with signals, my plan is now: buy VTI, hold it forever, "
            "reinvest dividends. That's the whole strategy."
        ),
        "gold": _g("long_only", [], symbols=["VTI"], family="buy_and_hold"),
    },
    {
        "id": "b8-11",
        "style": "manual",
        "text": (
            "Strategy: Price/MA filter (monthly)\n"
            "Signal: Close > SMA(8) on month-end close => hold SPY; otherwise hold cash. "
            "Evaluated once per month."
        ),
        "gold": _g("long_only", [("sma", {"window": 8})], symbols=["SPY"], frequency="monthly",
                   rebalance="monthly", family="trend_filter"),
    },
    {
        "id": "b8-12",
        "style": "readme",
        "text": (
            "### Short-only RSI fade\n"
            "Sell short when RSI(14) goes above 80. Cover the short when RSI(14) falls back under 50. "
            "Stop out if price rises 4% against the position; take profits at 6%."
        ),
        "gold": _g("short_only", [("rsi", {"window": 14})], constants=[80, 50], stop_loss=0.04,
                   take_profit=0.06, family="rsi_reversion"),
    },
    {
        "id": "b8-13",
        "style": "broker note",
        "text": (
            "Quant Flow Note. A 10-week exponential average crossing the 30-week exponential average "
            "has historically marked durable trend changes in TLT. Our rule: long TLT while the "
            "10-week EMA is above the 30-week EMA, flat otherwise."
        ),
        "gold": _g("long_only", [("ema", {"window": 10}), ("ema", {"window": 30})], symbols=["TLT"],
                   frequency="weekly", family="ema_crossover"),
    },
    {
        "id": "b8-14",
        "style": "paper summary",
        "text": (
            "We form portfolios each month by sorting stocks on their return over the past 9 months. "
            "The strategy buys the top decile and sells short the bottom decile, holding for one "
            "month."
        ),
        "gold": _g("long_short", [("roc", {"window": 9})], frequency="monthly", rebalance="monthly",
                   top_pct=0.1, family="xs_momentum"),
    },
    {
        "id": "b8-15",
        "style": "blog",
        "text": (
            "Bollinger squeeze breakout: when the close pushes above the upper Bollinger Band "
            "(20 periods, 2 sigma), buy. Exit when it closes back inside below the middle band. "
            "Use a trailing... no, keep it simple: fixed 5% stop loss."
        ),
        "gold": _g("long_only", [("bbands", {"window": 20, "std": 2})], stop_loss=0.05,
                   family="bollinger_breakout"),
    },
    {
        "id": "b8-16",
        "style": "forum",
        "text": (
            "Simple one for BTC-USD: buy when price closes above the 50 EMA, sell when it closes "
            "below it. Daily candles. Also set TP at 20% and SL at 8%."
        ),
        "gold": _g("long_only", [("ema", {"window": 50})], symbols=["BTC-USD"], frequency="daily",
                   stop_loss=0.08, take_profit=0.2, family="trend_filter"),
    },
    {
        "id": "b8-17",
        "style": "newsletter",
        "text": (
            "Model portfolio update: the 13/48 moving-average crossover on the S&P 500 (we trade it "
            "via IVV) flipped bullish this week. Rule reminder: own IVV when the 13-day SMA is above "
            "the 48-day SMA; move to cash when it drops below."
        ),
        "gold": _g("long_only", [("sma", {"window": 13}), ("sma", {"window": 48})], symbols=["IVV"],
                   frequency="daily", family="sma_crossover"),
    },
    {
        "id": "b8-18",
        "style": "manual",
        "text": (
            "MACD zero-line system. Settings: fast length 8, slow length 21, signal smoothing 5. "
            "Go long when the MACD line moves above zero; go short when it moves below zero."
        ),
        "gold": _g("long_short", [("macd", {"fast": 8, "slow": 21, "signal": 5})], constants=[0],
                   family="macd"),
    },
    {
        "id": "b8-19",
        "style": "readme",
        "text": (
            "# weekly-momo\n"
            "Universe: the Nasdaq-100 members. Every Friday, rank by 26-week rate of change and hold "
            "the top 10 names equal weight until next Friday."
        ),
        "gold": _g("long_only", [("roc", {"window": 26})], frequency="weekly", rebalance="weekly",
                   top_n=10, family="xs_momentum"),
    },
    {
        "id": "b8-20",
        "style": "blog",
        "text": (
            "A 200-day filter for the cautious: I only hold EFA while it closes above its 200-day "
            "simple average. The first close beneath it, I'm out, and I wait for a close back above "
            "before re-entering."
        ),
        "gold": _g("long_only", [("sma", {"window": 200})], symbols=["EFA"], frequency="daily",
                   family="trend_filter"),
    },
    {
        "id": "b8-21",
        "style": "broker note",
        "text": (
            "Mean reversion setup (XLE): buy when the 2-period RSI closes under ten, and exit on a "
            "close above the 5-day simple moving average. Long only."
        ),
        "gold": _g("long_only", [("rsi", {"window": 2}), ("sma", {"window": 5})], constants=[10],
                   symbols=["XLE"], family="rsi_reversion"),
    },
    {
        "id": "b8-22",
        "style": "paper summary",
        "text": (
            "The study evaluates a channel breakout rule on currency futures: a long position is "
            "opened when the price exceeds its 20-day high and a short position when it breaks the "
            "20-day low; positions reverse on the opposite signal."
        ),
        "gold": _g("long_short", [("highest", {"window": 20}), ("lowest", {"window": 20})],
                   frequency="daily", family="donchian_breakout"),
    },
    {
        "id": "b8-n1",
        "style": "newsletter",
        "text": (
            "Markets this week: the S&P 500 added 1.2% as yields eased, while the Nasdaq lagged on "
            "chip weakness. The 50-day moving average is now acting as support for many indices, "
            "and RSI readings sit near 60. We remain constructive but watch the Fed."
        ),
        "gold": _NONE,
    },
    {
        "id": "b8-n2",
        "style": "blog",
        "text": (
            "What is a moving average crossover? A crossover happens when a shorter average, like "
            "the 50-day, moves through a longer one such as the 200-day. Traders call the upward "
            "version a golden cross. Whether it works is debated; this post only explains the term."
        ),
        "gold": _NONE,
    },
    {
        "id": "b8-n3",
        "style": "forum",
        "text": (
            "Honestly I think most indicator systems are curve-fitted. I backtested RSI, MACD and "
            "Bollinger stuff for years and nothing beat SPY after costs. Diversify, keep fees low, "
            "and stop looking at charts."
        ),
        "gold": _NONE,
    },
    {
        "id": "b8-n4",
        "style": "manual",
        "text": (
            "Installation. Run pip install backtester. Configure your data directory in "
            "settings.yaml, then call run() with a strategy object. Supported indicators include "
            "SMA, EMA, RSI(14) and Bollinger Bands (20, 2). See the API reference for details."
        ),
        "gold": _NONE,
    },
    {
        "id": "b8-n5",
        "style": "paper summary",
        "text": (
            "This paper surveys the literature on momentum anomalies, documenting that 12-month "
            "winners outperform losers in most equity markets, and discusses risk-based and "
            "behavioral explanations. No new trading rule is proposed."
        ),
        "gold": _NONE,
    },
    {
        "id": "b8-n6",
        "style": "broker note",
        "text": (
            "Equity Strategy: We upgrade European banks to overweight on improving net interest "
            "margins. Our price target for the sector ETF implies 15% upside. Key risks include a "
            "sharp fall in rates and credit losses."
        ),
        "gold": _NONE,
    },
    {
        "id": "b8-n7",
        "style": "readme",
        "text": (
            "## Roadmap\n"
            "- add MACD and ATR indicators\n"
            "- support weekly and monthly resampling\n"
            "- stop-loss handling (percent and ATR based)\n"
            "- portfolio ranking by momentum\n"
            "Contributions welcome!"
        ),
        "gold": _NONE,
    },
    {
        "id": "b8-n8",
        "style": "blog",
        "text": (
            "My trading journal, week 12: Bought some AAPL on the dip Tuesday, sold half Thursday "
            "for a 4% gain. Felt nervous about the CPI print. Next week I might look at TSLA if it "
            "holds its 20-day average, but no plan yet."
        ),
        "gold": _NONE,
    },
]
