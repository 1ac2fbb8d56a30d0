"""Offline extractor held-out set, round 7 -- written BLIND.

Written before opening anything under ``foa/extract/offline/``, any earlier held-out set, the offline
extractor tests or ``docs/offline-extractor.md``. Own texts (not copied or paraphrased from the dev corpus
or earlier sets), written as a different population of authors: professional quants (terse, formula-heavy),
retail forum posters (typos, abbreviations), non-native writers, academic replication notes, trading-book
excerpts, strategy-marketplace listings and robo-advisor / tactical-allocation explainers. 40 texts, 10 with
no tradable rule. Gold in the dev-corpus label format (``../shared/eval/README.md``).
"""

from __future__ import annotations


def _g(**kw):
    base = {"no_strategy": False, "direction": None, "indicators": [], "constants": [], "symbols": [],
            "frequency": None, "rebalance": None, "stop_loss": None, "take_profit": None, "top_n": None,
            "top_pct": None, "family": None}
    base.update(kw)
    return base


_NONE = _g(no_strategy=True)

CASES = [
    # ---- professional quants: terse, formula-heavy ----
    {"id": "b7_quant_trend_indicator", "style": "quant",
     "text": "Rule. signal_t = 1{P_t > MA_200,t}, where MA_200,t is the simple mean of the last 200 daily "
             "closes of SPY. Hold SPY when signal_t = 1, otherwise T-bills. Evaluated at the close, traded at "
             "the next open. No leverage, no shorting.",
     "gold": _g(direction="long_only", indicators=[["sma", {"window": 200}]], symbols=["SPY"],
                frequency="daily", family="trend_filter")},
    {"id": "b7_quant_sector_tercile", "style": "quant",
     "text": "Universe U = {XLB, XLE, XLF, XLI, XLK, XLP, XLU, XLV, XLY}. Score s_i = P_i,t / P_i,t-126 - 1 "
             "(126 trading days). At each month end go long the top tercile by s_i, equal-weighted; no shorts.",
     "gold": _g(direction="long_only", indicators=[["roc", {"window": 126}]],
                symbols=["XLB", "XLE", "XLF", "XLI", "XLK", "XLP", "XLU", "XLV", "XLY"], frequency="daily",
                rebalance="monthly", top_pct=1 / 3, family="xs_momentum")},
    {"id": "b7_quant_invvol_trend", "style": "quant",
     "text": "Weights: w_i ∝ 1/σ_i, σ_i = trailing realised vol. Asset i is held only while its month-end "
             "close is above its 10-month SMA; otherwise w_i goes to cash. Rebalance monthly. "
             "Universe: SPY, EFA, IEF, GLD, DBC.",
     "gold": _g(direction="long_only", indicators=[["sma", {"window": 10}]],
                symbols=["SPY", "EFA", "IEF", "GLD", "DBC"], frequency="monthly", rebalance="monthly",
                family="trend_filter")},
    {"id": "b7_quant_sign_momentum", "style": "quant",
     "text": "Position_t = sign(P_t / P_{t-252} - 1) for each of ES, NQ, ZN, GC, CL; 1/N weights; "
             "rebalanced monthly. Daily data.",
     "gold": _g(direction="long_short", indicators=[["roc", {"window": 252}]],
                symbols=["ES", "NQ", "ZN", "GC", "CL"], frequency="daily", rebalance="monthly",
                family="ts_momentum")},
    {"id": "b7_quant_donchian_formula", "style": "quant",
     "text": "Entry: C_t > max(H_{t-1..t-55}) -> long; C_t < min(L_{t-1..t-55}) -> short.\n"
             "Exit: longs on C_t < min(L_{t-1..t-20}), shorts on C_t > max(H_{t-1..t-20}).",
     "gold": _g(direction="long_short",
                indicators=[["highest", {"window": 55}], ["lowest", {"window": 55}],
                            ["lowest", {"window": 20}], ["highest", {"window": 20}]],
                family="breakout")},
    # ---- academic replication notes ----
    {"id": "b7_acad_tsmom", "style": "academic",
     "text": "Following Moskowitz, Ooi and Pedersen (2012), for each of the 24 futures we go long if the past "
             "12-month excess return is positive and short if it is negative, hold the position for one "
             "month, and scale it to 40% annualised ex-ante volatility.",
     "gold": _g(direction="long_short", indicators=[["roc", {"window": 12}]], frequency="monthly",
                family="ts_momentum")},
    {"id": "b7_acad_faber", "style": "academic",
     "text": "We replicate Faber (2007): each asset class (US stocks, foreign stocks, bonds, REITs and "
             "commodities) is held when its monthly close is above its 10-month simple moving average and "
             "moved to cash when it closes below. Signals are checked on the last trading day of the month "
             "only.",
     "gold": _g(direction="long_only", indicators=[["sma", {"window": 10}]], frequency="monthly",
                family="trend_filter")},
    {"id": "b7_acad_jt_deciles", "style": "academic",
     "text": "Replication note. Following Jegadeesh and Titman (1993), stocks are sorted each month on their "
             "cumulative return from t-12 to t-2 into deciles; the strategy buys the top decile and sells "
             "short the bottom decile, equal weighted, and holds for one month.",
     "gold": _g(direction="long_short", indicators=[["roc", {}]], rebalance="monthly", top_pct=0.1,
                family="xs_momentum")},
    {"id": "b7_acad_lowvol", "style": "academic",
     "text": "Following Ang et al. (2006), at the end of each month we rank stocks by the standard deviation "
             "of their past 36 monthly returns and buy the quintile with the lowest volatility, holding it "
             "for one month.",
     "gold": _g(direction="long_only", indicators=[["stdev", {"window": 36}]], frequency="monthly",
                rebalance="monthly", top_pct=0.2, family="other")},
    # ---- retail forum ----
    {"id": "b7_forum_rsi2", "style": "forum",
     "text": "ok so my system is dead simple. buy SPY when rsi2 < 5 and its above the 200sma, sell when it "
             "closes > 5sma. no stop. works great on daily charts lol",
     "gold": _g(direction="long_only",
                indicators=[["rsi", {"window": 2}], ["sma", {"window": 200}], ["sma", {"window": 5}]],
                constants=[5], symbols=["SPY"], frequency="daily", family="rsi_mean_reversion")},
    {"id": "b7_forum_tsla_2r", "style": "forum",
     "text": "my swing setup for $TSLA: buy when price closes above the 20ema and macd crosses over signal. "
             "SL 3% / TP 2R. thats it, long only",
     "gold": _g(direction="long_only", indicators=[["ema", {"window": 20}], ["macd", {}]], symbols=["TSLA"],
                stop_loss=0.03, take_profit=0.06, family="ema_crossover")},
    {"id": "b7_forum_bb_typos", "style": "forum",
     "text": "i trade QQQ off the bolinger bands (20,2). price tags lower band -> buy, tags upper band -> "
             "sell and go short. stop loss at 2 percent both ways",
     "gold": _g(direction="long_short", indicators=[["bbands", {"window": 20, "std": 2}]], symbols=["QQQ"],
                stop_loss=0.02, family="bollinger_reversion")},
    {"id": "b7_forum_smallcap_short", "style": "forum",
     "text": "Shorting strat for overextended smallcaps: when rsi(14) is abve 85 on the daily, short it at the "
             "open. cover at 10% profit or stop out at 15%. never hold shorts over earnings",
     "gold": _g(direction="short_only", indicators=[["rsi", {"window": 14}]], constants=[85],
                frequency="daily", stop_loss=0.15, take_profit=0.10, family="rsi_mean_reversion")},
    {"id": "b7_forum_top2", "style": "forum",
     "text": "anyone tried this? go long the top 2 of SPY/TLT/GLD/DBC by 3m return, rebal weekly. been "
             "running it since jan, pretty smooth",
     "gold": _g(direction="long_only", indicators=[["roc", {}]], symbols=["SPY", "TLT", "GLD", "DBC"],
                rebalance="weekly", top_n=2, family="xs_momentum")},
    # ---- non-native writers ----
    {"id": "b7_nonnative_sma_gld", "style": "non_native",
     "text": "This strategy is make for the daily chart of gold (GLD). When the fast moving average of 10 days "
             "is crossing over the slow moving average of 30 days, we are entering long position. When is "
             "crossing under, we are close the position. Stop loss is put at 5% under the entry price.",
     "gold": _g(direction="long_only", indicators=[["sma", {"window": 10}], ["sma", {"window": 30}]],
                symbols=["GLD"], frequency="daily", stop_loss=0.05, family="sma_crossover")},
    {"id": "b7_nonnative_rsi_words", "style": "non_native",
     "text": "Strategy idea: to buy the Nasdaq ETF QQQ if RSI of fourteen period go down under thirty, and to "
             "sell it when RSI go up over seventy. We not do short selling.",
     "gold": _g(direction="long_only", indicators=[["rsi", {"window": 14}]], constants=[30, 70],
                symbols=["QQQ"], family="rsi_mean_reversion")},
    {"id": "b7_nonnative_macd_weekly", "style": "non_native",
     "text": "For the system we use MACD with parameters 12, 26, 9 on weekly candles of IWM. Buy signal is when "
             "MACD line pass above zero line; sell signal when it pass below zero. Position only long.",
     "gold": _g(direction="long_only", indicators=[["macd", {"fast": 12, "slow": 26, "signal": 9}]],
                constants=[0], symbols=["IWM"], frequency="weekly", family="macd")},
    {"id": "b7_nonnative_top10", "style": "non_native",
     "text": "Rules of my system:\n1) Only trade stocks from the Nasdaq-100.\n2) Every month-end, take the 10 "
             "stocks with the best return of last six month.\n3) Buy them with equal money and keep until next "
             "month-end.\n4) If one stock fall 12% from my buy price, I sell it immediately.",
     "gold": _g(direction="long_only", indicators=[["roc", {"window": 6}]], frequency="monthly",
                rebalance="monthly", stop_loss=0.12, top_n=10, family="xs_momentum")},
    # ---- trading-book excerpts ----
    {"id": "b7_book_connors", "style": "book",
     "text": "The rules are simple.\n1. The S&P 500 ETF (SPY) is above its 200-day moving average.\n2. The "
             "2-period RSI closes under 10. Buy on the close.\n3. Exit on the close when the 2-period RSI "
             "closes above 70.",
     "gold": _g(direction="long_only", indicators=[["sma", {"window": 200}], ["rsi", {"window": 2}]],
                constants=[10, 70], symbols=["SPY"], frequency="daily", family="rsi_mean_reversion")},
    {"id": "b7_book_turtle", "style": "book",
     "text": "System 1 entered long on a breakout above the 20-day high and short on a break below the 20-day "
             "low. Longs were exited on a 10-day low and shorts on a 10-day high. Stops were placed 2N from "
             "the entry, where N is the 20-day average true range.",
     "gold": _g(direction="long_short",
                indicators=[["highest", {"window": 20}], ["lowest", {"window": 20}], ["lowest", {"window": 10}],
                            ["highest", {"window": 10}], ["atr", {"window": 20}]],
                constants=[2], frequency="daily", family="breakout")},
    {"id": "b7_book_channel", "style": "book",
     "text": "Chapter 7 - The Channel Trade. Buy when the close is below the lower Bollinger Band (20 days, "
             "2.5 standard deviations) and sell when the price reaches the middle band. This system never "
             "sells short.",
     "gold": _g(direction="long_only", indicators=[["bbands", {"window": 20, "std": 2.5}]], frequency="daily",
                family="bollinger_reversion")},
    {"id": "b7_book_roc_zero", "style": "book",
     "text": "Rate-of-change system: go long the Russell 2000 through IWM when the 10-day ROC crosses above "
             "zero; exit when it crosses back below zero.",
     "gold": _g(direction="long_only", indicators=[["roc", {"window": 10}]], constants=[0], symbols=["IWM"],
                frequency="daily", family="other")},
    # ---- strategy marketplace listings ----
    {"id": "b7_market_ea_ema", "style": "marketplace",
     "text": "This EA buys EURUSD when the 50 EMA crosses above the 200 EMA on the H4 chart and opens a sell "
             "trade when it crosses below. Fixed stop loss 1.5%, take profit 3%. No martingale, no grid.",
     "gold": _g(direction="long_short", indicators=[["ema", {"window": 50}], ["ema", {"window": 200}]],
                symbols=["EURUSD"], stop_loss=0.015, take_profit=0.03, family="ema_crossover")},
    {"id": "b7_market_bot_rsi", "style": "marketplace",
     "text": "Spot bot for BTC/USDT and ETH/USDT.\nEntry: RSI(14) under 25 on the 4h timeframe.\nExit: take "
             "profit +4% or stop loss -8%.\nLong only (spot).",
     "gold": _g(direction="long_only", indicators=[["rsi", {"window": 14}]], constants=[25],
                symbols=["BTC/USDT", "ETH/USDT"], stop_loss=0.08, take_profit=0.04,
                family="rsi_mean_reversion")},
    {"id": "b7_market_golden", "style": "marketplace",
     "text": "Strategy listing - 'Golden Cross Pro' for US stocks. Goes long on a golden cross (50-day SMA over "
             "200-day SMA) and closes the trade on a death cross. Includes a hard 7% stop.",
     "gold": _g(direction="long_only", indicators=[["sma", {"window": 50}], ["sma", {"window": 200}]],
                frequency="daily", stop_loss=0.07, family="sma_crossover")},
    # ---- robo-advisor / tactical allocation explainers ----
    {"id": "b7_robo_dual", "style": "robo",
     "text": "How our Tactical Core portfolio works: each month we compare the 12-month total return of US "
             "stocks (VTI), international stocks (VXUS) and short-term Treasuries (BIL). We hold whichever of "
             "the two equity funds did better, but only if its 12-month return beats BIL's; otherwise the "
             "whole portfolio sits in aggregate bonds (BND).",
     "gold": _g(direction="long_only", indicators=[["roc", {"window": 12}]],
                symbols=["VTI", "VXUS", "BIL", "BND"], frequency="monthly", rebalance="monthly", top_n=1,
                family="dual_momentum")},
    {"id": "b7_robo_6040", "style": "robo",
     "text": "Our Balanced portfolio is 60% VTI and 40% BND. We rebalance back to those targets once a quarter, "
             "or sooner if either drifts more than 5 percentage points.",
     "gold": _g(direction="long_only", symbols=["VTI", "BND"], rebalance="quarterly",
                family="buy_and_hold")},
    {"id": "b7_robo_ivv_sleeve", "style": "robo",
     "text": "Risk-managed S&P sleeve: we own the S&P 500 (via IVV) whenever the price is above its 10-month "
             "average; when the price falls below the average, the sleeve shifts to 1-3 month T-bills (BIL) "
             "at the next month-end.",
     "gold": _g(direction="long_only", indicators=[["sma", {"window": 10}]], symbols=["IVV", "BIL"],
                frequency="monthly", family="trend_filter")},
    # ---- rules split across a paragraph and a bullet list ----
    {"id": "b7_split_fx_weekly", "style": "split",
     "text": "We trade five currency ETFs with a simple trend rule. Positions are re-evaluated every Friday.\n"
             "- Long when the weekly close is above its 30-week SMA\n- Flat otherwise\n"
             "- Universe: FXE, FXY, FXB, FXA, FXC",
     "gold": _g(direction="long_only", indicators=[["sma", {"window": 30}]],
                symbols=["FXE", "FXY", "FXB", "FXA", "FXC"], frequency="weekly", rebalance="weekly",
                family="trend_filter")},
    {"id": "b7_split_params_rules", "style": "split",
     "text": "Parameters: fast = 9, slow = 26 (both exponential), on daily bars of DIA.\nRules:\n"
             "* enter long when fast crosses above slow\n* enter short when fast crosses below slow\n"
             "* stop: 4% from entry",
     "gold": _g(direction="long_short", indicators=[["ema", {"window": 9}], ["ema", {"window": 26}]],
                symbols=["DIA"], frequency="daily", stop_loss=0.04, family="ema_crossover")},
    # ---- no tradable rule (10) ----
    {"id": "b7_none_quant_finding", "style": "quant", "gold": _NONE,
     "text": "We document that the returns of 200-day moving-average timing across 23 equity markets are "
             "concentrated in a handful of crash years; excluding 2001 and 2008, the average excess return is "
             "statistically indistinguishable from zero (t = 0.4)."},
    {"id": "b7_none_forum_question", "style": "forum", "gold": _NONE,
     "text": "does anyone actually make money with rsi?? every youtuber says buy oversold sell overbought but "
             "on SPY it just keeps going lower after it dips. what settings do u guys use"},
    {"id": "b7_none_robo_disclaimer", "style": "robo", "gold": _NONE,
     "text": "Past performance is not indicative of future results. The Tactical Growth model may shift "
             "between equities and bonds based on proprietary signals. Allocations shown are as of 30 June; "
             "an advisory fee of 0.25% per year applies."},
    {"id": "b7_none_book_money", "style": "book", "gold": _NONE,
     "text": "The three Ms of trading are Mind, Method and Money. A trader who risks more than 2% of equity on "
             "any single trade will sooner or later be wiped out, no matter how good his method is."},
    {"id": "b7_none_market_hype", "style": "marketplace", "gold": _NONE,
     "text": "Ultimate Scalper EA v3.2 - 94% win rate! Works on EURUSD, GBPUSD and XAUUSD. Uses advanced AI "
             "and a proprietary blend of RSI, MACD and Bollinger filters. Recommended deposit $500, leverage "
             "1:500."},
    {"id": "b7_none_definition", "style": "quant", "gold": _NONE,
     "text": "RSI(14) = 100 - 100/(1 + RS), RS = avg gain_14 / avg loss_14, with Wilder smoothing. Readings "
             "above 70 are conventionally called overbought and readings below 30 oversold."},
    {"id": "b7_none_commentary", "style": "commentary", "gold": _NONE,
     "text": "SPY closed below its 200-day moving average for the first time since March, while the 10-year "
             "yield rose to 4.6%. Breadth is weak: only 38% of NDX members trade above their 50-day."},
    {"id": "b7_none_data_note", "style": "academic", "gold": _NONE,
     "text": "Replication details: we use CRSP daily returns from 1965 to 2020, excluding stocks priced below "
             "$5 and ADRs. Transaction costs are assumed to be 10 bp per side. Standard errors are Newey-West "
             "with 12 lags."},
    {"id": "b7_none_negated", "style": "non_native", "gold": _NONE,
     "text": "I am not recommend to buy when the 50 day cross the 200 day, because in my test this golden cross "
             "give too many false signal. Better is to wait, I am still searching a good method."},
    {"id": "b7_none_journal", "style": "forum", "gold": _NONE,
     "text": "Bought 100 NVDA at 412 yesterday after the earnings beat, sold half today at 440. Might add more "
             "if it dips to 420."},
]
