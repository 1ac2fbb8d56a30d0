"""A blind held-out set for the offline extractor: 40 strategy descriptions written for this file.

Written BEFORE reading the offline extractor's code, its tests or its own held-out set, and without
reading the dev corpus texts (only ../shared/eval/README.md for the label format). The texts imitate how
people write strategies in the wild: forum posts with typos, broker notes with tables and disclaimers,
paper abstracts, README sections, Pine/AmiBroker/MetaStock snippets, pseudo-code, newsletters, blogs with a
backstory before the rules; nine of them hold no tradable rule at all.

Gold labels follow the dev corpus format: only what the text states; null or [] where it is silent.
"""

from __future__ import annotations

CASES: list[dict] = [
    # ------------------------------------------------------------------ strategies
    {
        "id": "blind01_reddit_golden_cross",
        "style": "reddit post, lowercase, typos",
        "text": (
            "ok so hear me out. ive been running the dumbest system ever on QQQ for like 3 yrs and its beaten "
            "most of the 'gurus' on this sub lol\n\n"
            "buy when the 50 day sma crosses above the 200 day. sell when it crosses back under. thats literally "
            "it. no stop, no options, no leverage. yes i know its lagging, yes i know about whipsaws in 2015, "
            "dont @ me.\n\nedit: spelling"
        ),
        "gold": {"no_strategy": False, "direction": "long_only",
                 "indicators": [["sma", {"window": 50}], ["sma", {"window": 200}]],
                 "constants": [], "symbols": ["QQQ"], "frequency": "daily", "rebalance": None,
                 "stop_loss": None, "take_profit": None, "top_n": None, "top_pct": None},
    },
    {
        "id": "blind02_broker_table_ema",
        "style": "broker research note with a parameter table and disclaimer",
        "text": (
            "EQUITY STRATEGY | TACTICAL TRADING NOTE\n"
            "Trend-following overlay for SPY\n\n"
            "Summary: We introduce a simple exponential moving average crossover overlay for clients holding "
            "the SPDR S&P 500 ETF (SPY). The model is long when the fast average is above the slow average and "
            "flat otherwise.\n\n"
            "Parameter            | Value\n"
            "---------------------|--------\n"
            "Fast EMA             | 21 days\n"
            "Slow EMA             | 55 days\n"
            "Stop loss            | 4% below entry\n"
            "Instrument           | SPY\n"
            "Signal check         | daily close\n\n"
            "Important disclosures: This material is for institutional investors only. Past performance is not "
            "a guide to future returns. The value of investments can fall as well as rise."
        ),
        "gold": {"no_strategy": False, "direction": "long_only",
                 "indicators": [["ema", {"window": 21}], ["ema", {"window": 55}]],
                 "constants": [], "symbols": ["SPY"], "frequency": "daily", "rebalance": None,
                 "stop_loss": 0.04, "take_profit": None, "top_n": None, "top_pct": None},
    },
    {
        "id": "blind03_academic_tsmom",
        "style": "academic abstract",
        "text": (
            "Abstract. We document significant time-series predictability across 40 futures markets. For each "
            "instrument we construct a time-series momentum strategy that is long the contract when its trailing "
            "twelve-month excess return is positive and short when that return is negative. Positions are "
            "rebalanced at the end of every month and scaled to a constant ex-ante volatility. The strategy "
            "delivers a Sharpe ratio above one before costs and performs best during extreme markets."
        ),
        "gold": {"no_strategy": False, "direction": "long_short",
                 "indicators": [["roc", {"window": 12}]],
                 "constants": [0], "symbols": [], "frequency": "monthly", "rebalance": "monthly",
                 "stop_loss": None, "take_profit": None, "top_n": None, "top_pct": None},
    },
    {
        "id": "blind04_readme_rsi2",
        "style": "GitHub README strategy section, bullet list",
        "text": (
            "# short-term-mr\n\nA tiny backtest of a classic short-term mean reversion idea.\n\n"
            "## Strategy\n\n"
            "- **Universe:** `SPY`, `QQQ`, `IWM`\n"
            "- **Filter:** close > SMA(200)\n"
            "- **Entry:** RSI(2) < 5\n"
            "- **Exit:** close > SMA(5)\n"
            "- Signals on the close, fills next open. No commissions modelled.\n\n"
            "## Install\n\n```\npip install -r requirements.txt\npython run.py\n```\n"
        ),
        "gold": {"no_strategy": False, "direction": "long_only",
                 "indicators": [["rsi", {"window": 2}], ["sma", {"window": 200}], ["sma", {"window": 5}]],
                 "constants": [5], "symbols": ["SPY", "QQQ", "IWM"], "frequency": None, "rebalance": None,
                 "stop_loss": None, "take_profit": None, "top_n": None, "top_pct": None},
    },
    {
        "id": "blind05_pine_ema",
        "style": "TradingView Pine script",
        "text": (
            "Simple EMA cross I use on the daily chart. Code below, feel free to copy.\n\n"
            "//@version=5\n"
            "strategy(\"EMA 9/21 cross\", overlay=true)\n"
            "fastLen = input.int(9, \"Fast EMA\")\n"
            "slowLen = input.int(21, \"Slow EMA\")\n"
            "fast = ta.ema(close, fastLen)\n"
            "slow = ta.ema(close, slowLen)\n"
            "if ta.crossover(fast, slow)\n"
            "    strategy.entry(\"Long\", strategy.long)\n"
            "if ta.crossunder(fast, slow)\n"
            "    strategy.close(\"Long\")\n"
            "// 3% stop loss, 6% take profit\n"
            "strategy.exit(\"SL/TP\", \"Long\", stop=strategy.position_avg_price * 0.97, "
            "limit=strategy.position_avg_price * 1.06)\n"
        ),
        "gold": {"no_strategy": False, "direction": "long_only",
                 "indicators": [["ema", {"window": 9}], ["ema", {"window": 21}]],
                 "constants": [], "symbols": [], "frequency": "daily", "rebalance": None,
                 "stop_loss": 0.03, "take_profit": 0.06, "top_n": None, "top_pct": None},
    },
    {
        "id": "blind06_amibroker_ma",
        "style": "AmiBroker AFL formula",
        "text": (
            "AFL for the dual moving average system discussed in the thread:\n\n"
            "FastMA = MA( C, 20 );\n"
            "SlowMA = MA( C, 100 );\n"
            "Buy = Cross( FastMA, SlowMA );\n"
            "Sell = Cross( SlowMA, FastMA );\n"
            "ApplyStop( stopTypeLoss, stopModePercent, 8 );\n\n"
            "Run it on daily bars. Works ok on indices, terrible on single stocks."
        ),
        "gold": {"no_strategy": False, "direction": "long_only",
                 "indicators": [["sma", {"window": 20}], ["sma", {"window": 100}]],
                 "constants": [], "symbols": [], "frequency": "daily", "rebalance": None,
                 "stop_loss": 0.08, "take_profit": None, "top_n": None, "top_pct": None},
    },
    {
        "id": "blind07_metastock_rsi",
        "style": "MetaStock expert advisor formulas",
        "text": (
            "MetaStock System Tester settings for the oscillator system:\n\n"
            "Enter Long:   Cross(RSI(14), 30)\n"
            "Close Long:   Cross(70, RSI(14))\n\n"
            "Periodicity: Daily. Points only, no commissions. Optimisation of the 30/70 levels showed little "
            "sensitivity between 25 and 35."
        ),
        "gold": {"no_strategy": False, "direction": "long_only",
                 "indicators": [["rsi", {"window": 14}]],
                 "constants": [30, 70], "symbols": [], "frequency": "daily", "rebalance": None,
                 "stop_loss": None, "take_profit": None, "top_n": None, "top_pct": None},
    },
    {
        "id": "blind08_quantopian_xs",
        "style": "Quantopian-style pseudo-code with comments",
        "text": (
            "Cross-sectional momentum, the way I had it on Quantopian before it shut down:\n\n"
            "```python\n"
            "def initialize(context):\n"
            "    # rebalance on the first trading day of each month\n"
            "    schedule_function(rebalance, date_rules.month_start())\n\n"
            "def rebalance(context, data):\n"
            "    # universe: 500 most liquid US stocks\n"
            "    # score = total return over the past 6 months\n"
            "    # go long the top 10% by score, equal weight; everything else is sold\n"
            "    ...\n"
            "```\n"
            "Nothing fancy, no shorting, no sector neutrality."
        ),
        "gold": {"no_strategy": False, "direction": "long_only",
                 "indicators": [["roc", {"window": 6}]],
                 "constants": [], "symbols": [], "frequency": "monthly", "rebalance": "monthly",
                 "stop_loss": None, "take_profit": None, "top_n": None, "top_pct": 0.1},
    },
    {
        "id": "blind09_newsletter_10month",
        "style": "investment newsletter",
        "text": (
            "THE MONTH-END MEMO — Issue 112\n\n"
            "Dear subscribers, a reminder of the one timing rule we follow in the core account. On the last "
            "trading day of each month we look at the SPY close. If it is above its 10-month simple moving "
            "average we own SPY for the following month. If it is below, we sell and sit in cash. That's it — "
            "no forecasting, no opinions about the Fed.\n\n"
            "This month SPY finished comfortably above the line, so we stay invested. As always, nothing here "
            "is personalised advice."
        ),
        "gold": {"no_strategy": False, "direction": "long_only",
                 "indicators": [["sma", {"window": 10}]],
                 "constants": [], "symbols": ["SPY"], "frequency": "monthly", "rebalance": None,
                 "stop_loss": None, "take_profit": None, "top_n": None, "top_pct": None},
    },
    {
        "id": "blind10_blog_bollinger_gld",
        "style": "multi-paragraph blog with backstory",
        "text": (
            "Why I finally stopped trading gold on gut feel\n\n"
            "My grandfather kept Krugerrands in a shoebox, and I grew up thinking gold was something you "
            "simply held. When I started trading in my twenties I treated GLD the same way: buy when the news "
            "sounded scary, sell when I got bored. It went about as well as you would expect.\n\n"
            "A couple of years ago a friend showed me how much gold mean-reverts over a few weeks, and I built "
            "myself a boring rulebook instead. Here it is.\n\n"
            "When GLD closes below the lower Bollinger Band (20 periods, 2 standard deviations), I buy at the "
            "next open. I get out when price tags the middle band. Every trade carries a hard stop 5 pct under "
            "my entry, no exceptions.\n\n"
            "It trades maybe eight times a year. Some years it barely beats holding, but I sleep better."
        ),
        "gold": {"no_strategy": False, "direction": "long_only",
                 "indicators": [["bbands", {"window": 20, "std": 2}]],
                 "constants": [], "symbols": ["GLD"], "frequency": None, "rebalance": None,
                 "stop_loss": 0.05, "take_profit": None, "top_n": None, "top_pct": None},
    },
    {
        "id": "blind11_spelled_rsi",
        "style": "bullet list with numbers spelled out",
        "text": (
            "My rules for the index ETF swing trade:\n\n"
            "* Buy when the two-period RSI drops below ten.\n"
            "* Sell when the same RSI climbs back above seventy.\n"
            "* Only one position at a time, full size.\n"
            "* I trade TLT with this, though it works on equities too."
        ),
        "gold": {"no_strategy": False, "direction": "long_only",
                 "indicators": [["rsi", {"window": 2}]],
                 "constants": [10, 70], "symbols": ["TLT"], "frequency": None, "rebalance": None,
                 "stop_loss": None, "take_profit": None, "top_n": None, "top_pct": None},
    },
    {
        "id": "blind12_yaml_donchian",
        "style": "GitHub README with a YAML config",
        "text": (
            "## Channel breakout bot\n\n"
            "The bot goes long when the close breaks above the highest high of the entry lookback and exits "
            "when the close falls below the lowest low of the exit lookback. Configure it in `config.yaml`:\n\n"
            "```yaml\n"
            "strategy: donchian_breakout\n"
            "timeframe: 1d\n"
            "entry_lookback: 55   # bars, highest high\n"
            "exit_lookback: 20    # bars, lowest low\n"
            "stop_loss: 0.05      # fraction of entry price\n"
            "```\n"
        ),
        "gold": {"no_strategy": False, "direction": "long_only",
                 "indicators": [["highest", {"window": 55}], ["lowest", {"window": 20}]],
                 "constants": [], "symbols": [], "frequency": "daily", "rebalance": None,
                 "stop_loss": 0.05, "take_profit": None, "top_n": None, "top_pct": None},
    },
    {
        "id": "blind13_turtle_long_short",
        "style": "trading-system write-up, turtle rules",
        "text": (
            "The breakout rules below are my own variant of the old Turtle System 2.\n\n"
            "Entries: go long when price exceeds the 55-day high. Shorts are the mirror image: sell short when "
            "price breaks the 55-day low.\n"
            "Exits: a long is closed on a 20-day low, a short on a 20-day high.\n"
            "Stops: every position carries a stop at 2N from entry, where N is the 20-day ATR.\n\n"
            "Position sizing by N is left out of this note."
        ),
        "gold": {"no_strategy": False, "direction": "long_short",
                 "indicators": [["highest", {"window": 55}], ["lowest", {"window": 55}],
                                ["lowest", {"window": 20}], ["highest", {"window": 20}],
                                ["atr", {"window": 20}]],
                 "constants": [2], "symbols": [], "frequency": "daily", "rebalance": None,
                 "stop_loss": None, "take_profit": None, "top_n": None, "top_pct": None},
    },
    {
        "id": "blind14_keltner",
        "style": "forum post, Keltner channel",
        "text": (
            "Been testing a Keltner breakout on the Nasdaq ETF. Go long when the close breaks above the upper "
            "Keltner channel, which I define as the 20-day EMA plus 2 times the 10-day ATR. Exit when the close "
            "drops back under the 20-day EMA. Long only, no shorts."
        ),
        "gold": {"no_strategy": False, "direction": "long_only",
                 "indicators": [["ema", {"window": 20}], ["atr", {"window": 10}]],
                 "constants": [2], "symbols": [], "frequency": "daily", "rebalance": None,
                 "stop_loss": None, "take_profit": None, "top_n": None, "top_pct": None},
    },
    {
        "id": "blind15_macd_hist",
        "style": "bullet rules, MACD histogram",
        "text": (
            "MACD histogram flip (daily):\n"
            "- Settings: 12, 26, 9\n"
            "- Entry: the histogram flips from negative to positive (crosses above zero)\n"
            "- Exit: the histogram crosses back below zero\n"
            "- Trade IWM only"
        ),
        "gold": {"no_strategy": False, "direction": "long_only",
                 "indicators": [["macd", {"fast": 12, "slow": 26, "signal": 9}]],
                 "constants": [0], "symbols": ["IWM"], "frequency": "daily", "rebalance": None,
                 "stop_loss": None, "take_profit": None, "top_n": None, "top_pct": None},
    },
    {
        "id": "blind16_dual_momentum_bonds",
        "style": "blog post, dual momentum with bond fallback",
        "text": (
            "My dual momentum setup is almost embarrassingly simple. At each month end I compare the trailing "
            "12-month return of SPY (US stocks) and EFA (international stocks). I hold whichever of the two is "
            "stronger, but only if its 12-month return is positive. If it isn't, the whole account goes to "
            "bonds (AGG) until the next month end."
        ),
        "gold": {"no_strategy": False, "direction": "long_only",
                 "indicators": [["roc", {"window": 12}]],
                 "constants": [0], "symbols": ["SPY", "EFA", "AGG"], "frequency": "monthly",
                 "rebalance": "monthly", "stop_loss": None, "take_profit": None, "top_n": 1, "top_pct": None},
    },
    {
        "id": "blind17_sector_best_three",
        "style": "newsletter, sector rotation",
        "text": (
            "Sector rotation model: at the end of every month, rank the nine Select Sector SPDRs (XLB, XLE, "
            "XLF, XLI, XLK, XLP, XLU, XLV, XLY) by their 3-month total return and buy the best three, equal "
            "weight. Everything else is sold. We have run this since 2012."
        ),
        "gold": {"no_strategy": False, "direction": "long_only",
                 "indicators": [["roc", {"window": 3}]],
                 "constants": [], "symbols": ["XLB", "XLE", "XLF", "XLI", "XLK", "XLP", "XLU", "XLV", "XLY"],
                 "frequency": "monthly", "rebalance": "monthly",
                 "stop_loss": None, "take_profit": None, "top_n": 3, "top_pct": None},
    },
    {
        "id": "blind18_academic_quintile",
        "style": "academic methods section",
        "text": (
            "3. Methodology\n\n"
            "At the end of each calendar quarter, all common stocks in the sample are sorted into quintiles on "
            "their past 12-month return. The momentum portfolio holds the stocks in the top quintile, equally "
            "weighted, and is rebalanced quarterly. We do not take short positions in the bottom quintile, as "
            "short-sale constraints bind for many of the smaller names."
        ),
        "gold": {"no_strategy": False, "direction": "long_only",
                 "indicators": [["roc", {"window": 12}]],
                 "constants": [], "symbols": [], "frequency": "monthly", "rebalance": "quarterly",
                 "stop_loss": None, "take_profit": None, "top_n": None, "top_pct": 0.2},
    },
    {
        "id": "blind19_short_in_passing",
        "style": "forum reply, short side mentioned in passing",
        "text": (
            "I use EMA20 and EMA50 on the daily. When the 20 crosses above the 50 I go long. Same logic works on "
            "the way down btw, I also short when the 20 EMA crosses under the 50 EMA and cover on the cross back "
            "up. Long exits on the cross down obviously."
        ),
        "gold": {"no_strategy": False, "direction": "long_short",
                 "indicators": [["ema", {"window": 20}], ["ema", {"window": 50}]],
                 "constants": [], "symbols": [], "frequency": "daily", "rebalance": None,
                 "stop_loss": None, "take_profit": None, "top_n": None, "top_pct": None},
    },
    {
        "id": "blind20_short_only_xle",
        "style": "trader's journal, short only",
        "text": (
            "Energy has been a one-way street lately, so this quarter I'm running a short-only trend rule on "
            "XLE: we short XLE whenever it closes below its 100-day moving average and cover when it closes "
            "back above it. No long trades on this sleeve."
        ),
        "gold": {"no_strategy": False, "direction": "short_only",
                 "indicators": [["sma", {"window": 100}]],
                 "constants": [], "symbols": ["XLE"], "frequency": "daily", "rebalance": None,
                 "stop_loss": None, "take_profit": None, "top_n": None, "top_pct": None},
    },
    {
        "id": "blind21_atr_stop",
        "style": "blog, ATR stop",
        "text": (
            "The entry is trivial: buy when the daily close is above the 50-day simple moving average. The "
            "exit is where the work is. I place the initial stop at 3x ATR(14) below my entry price, and I also "
            "sell if the close drops below the 50-day SMA."
        ),
        "gold": {"no_strategy": False, "direction": "long_only",
                 "indicators": [["sma", {"window": 50}], ["atr", {"window": 14}]],
                 "constants": [3], "symbols": [], "frequency": "daily", "rebalance": None,
                 "stop_loss": None, "take_profit": None, "top_n": None, "top_pct": None},
    },
    {
        "id": "blind22_breakout_cut_losses",
        "style": "growth-investing style rules",
        "text": (
            "Rule one: buy a stock when it closes at a new 50-day high. Rule two: sell it if it falls 7 "
            "percent below your purchase price, no matter what the story is. Rule three: take profits when "
            "you are up 20 percent. Repeat."
        ),
        "gold": {"no_strategy": False, "direction": "long_only",
                 "indicators": [["highest", {"window": 50}]],
                 "constants": [], "symbols": [], "frequency": "daily", "rebalance": None,
                 "stop_loss": 0.07, "take_profit": 0.2, "top_n": None, "top_pct": None},
    },
    {
        "id": "blind23_forum_pct",
        "style": "terse forum post with '5 pct'",
        "text": (
            "RSI 14 under 25 = buy, over 60 = sell. hard stop 5 pct, target 10 pct. trading AAPL and MSFT "
            "only. been profitable 2 yrs running, ymmv"
        ),
        "gold": {"no_strategy": False, "direction": "long_only",
                 "indicators": [["rsi", {"window": 14}]],
                 "constants": [25, 60], "symbols": ["AAPL", "MSFT"], "frequency": None, "rebalance": None,
                 "stop_loss": 0.05, "take_profit": 0.1, "top_n": None, "top_pct": None},
    },
    {
        "id": "blind24_weekly_40",
        "style": "blog, weekly chart",
        "text": (
            "For my retirement account I only look at a weekly chart on Friday evenings. The rule: if the "
            "weekly close of VTI is above its 40-week moving average I hold VTI; when a weekly close comes in "
            "below the 40-week MA I sell and wait in cash for the next close back above."
        ),
        "gold": {"no_strategy": False, "direction": "long_only",
                 "indicators": [["sma", {"window": 40}]],
                 "constants": [], "symbols": ["VTI"], "frequency": "weekly", "rebalance": None,
                 "stop_loss": None, "take_profit": None, "top_n": None, "top_pct": None},
    },
    {
        "id": "blind25_roc_zero",
        "style": "short description, rate of change",
        "text": (
            "Momentum filter for the Russell 2000 fund (IWM): buy when the 20-day rate of change turns "
            "positive and sell when it turns negative. Signals are taken at the close."
        ),
        "gold": {"no_strategy": False, "direction": "long_only",
                 "indicators": [["roc", {"window": 20}]],
                 "constants": [0], "symbols": ["IWM"], "frequency": "daily", "rebalance": None,
                 "stop_loss": None, "take_profit": None, "top_n": None, "top_pct": None},
    },
    {
        "id": "blind26_bb_breakout_spelled",
        "style": "newsletter, spelled-out parameters",
        "text": (
            "This quarter's breakout model is based on volatility bands. A close outside the upper Bollinger "
            "band — computed from a twenty-day average plus two standard deviations — triggers a long "
            "position. We exit when price closes back below the middle band."
        ),
        "gold": {"no_strategy": False, "direction": "long_only",
                 "indicators": [["bbands", {"window": 20, "std": 2}]],
                 "constants": [], "symbols": [], "frequency": "daily", "rebalance": None,
                 "stop_loss": None, "take_profit": None, "top_n": None, "top_pct": None},
    },
    {
        "id": "blind27_buy_hold_vti",
        "style": "personal finance blog",
        "text": (
            "People keep asking for my 'strategy'. Here it is: I buy VTI with every paycheck and hold it. I "
            "never sell, I never time the market, and I don't look at the price more than once a year."
        ),
        "gold": {"no_strategy": False, "direction": "long_only", "indicators": [],
                 "constants": [], "symbols": ["VTI"], "frequency": None, "rebalance": None,
                 "stop_loss": None, "take_profit": None, "top_n": None, "top_pct": None},
    },
    {
        "id": "blind28_rsi_long_short",
        "style": "pair of long/short rules",
        "text": (
            "Long rule: RSI(5) below 20 -> buy.\n"
            "Short rule: RSI(5) above 80 -> sell short.\n"
            "Flat rule: close any open position when RSI(5) crosses 50.\n"
            "Instrument: DIA, daily bars."
        ),
        "gold": {"no_strategy": False, "direction": "long_short",
                 "indicators": [["rsi", {"window": 5}]],
                 "constants": [20, 80, 50], "symbols": ["DIA"], "frequency": "daily", "rebalance": None,
                 "stop_loss": None, "take_profit": None, "top_n": None, "top_pct": None},
    },
    {
        "id": "blind29_backtrader_params",
        "style": "backtrader Python snippet",
        "text": (
            "Here's my backtrader class, in case anyone wants to play with it:\n\n"
            "```python\n"
            "class SmaCross(bt.Strategy):\n"
            "    params = dict(fast=10, slow=30, stop_loss=0.02, take_profit=0.04)\n\n"
            "    def __init__(self):\n"
            "        sma_fast = bt.ind.SMA(period=self.p.fast)\n"
            "        sma_slow = bt.ind.SMA(period=self.p.slow)\n"
            "        self.crossover = bt.ind.CrossOver(sma_fast, sma_slow)\n\n"
            "    def next(self):\n"
            "        if not self.position and self.crossover > 0:\n"
            "            self.buy()\n"
            "        elif self.position and self.crossover < 0:\n"
            "            self.close()\n"
            "```\n"
            "The stop and target are bracket orders at 2% and 4% from the fill."
        ),
        "gold": {"no_strategy": False, "direction": "long_only",
                 "indicators": [["sma", {"window": 10}], ["sma", {"window": 30}]],
                 "constants": [], "symbols": [], "frequency": None, "rebalance": None,
                 "stop_loss": 0.02, "take_profit": 0.04, "top_n": None, "top_pct": None},
    },
    {
        "id": "blind30_ema_compact_filter",
        "style": "compact trader notation",
        "text": (
            "Setup (daily): Long when EMA21 x EMA50 up while price > EMA200. Exit when EMA21 x EMA50 down. "
            "Stop loss 6%. Works best on large-cap tech like NVDA."
        ),
        "gold": {"no_strategy": False, "direction": "long_only",
                 "indicators": [["ema", {"window": 21}], ["ema", {"window": 50}], ["ema", {"window": 200}]],
                 "constants": [], "symbols": [], "frequency": "daily", "rebalance": None,
                 "stop_loss": 0.06, "take_profit": None, "top_n": None, "top_pct": None},
    },
    {
        "id": "blind31_broker_iwm",
        "style": "broker trade idea with target and disclaimer",
        "text": (
            "TRADE IDEA — Small caps: buy the breakout\n\n"
            "We recommend buying IWM on a daily close above its 50-day moving average. Place a protective stop "
            "3% below entry; our first target sits 9% above entry, where we would take the whole position off.\n\n"
            "Risk warning: this is a short-term trading idea and is not suitable for all investors. Prices are "
            "indicative only. The author may hold positions in the securities mentioned."
        ),
        "gold": {"no_strategy": False, "direction": "long_only",
                 "indicators": [["sma", {"window": 50}]],
                 "constants": [], "symbols": ["IWM"], "frequency": "daily", "rebalance": None,
                 "stop_loss": 0.03, "take_profit": 0.09, "top_n": None, "top_pct": None},
    },
    # ------------------------------------------------------------------ no tradable rule
    {
        "id": "blind32_none_market_wrap",
        "style": "market commentary with indicator mentions and numbers",
        "text": (
            "Stocks rallied on Tuesday as Treasury yields eased. The S&P 500 closed 1.2% higher and finished "
            "above its 200-day moving average for the first time since March, while the Nasdaq added 1.8%. "
            "Energy lagged as crude slipped 3%. Strategists noted that the index's 14-day RSI is now near 65, "
            "short of the overbought zone. Attention turns to Thursday's inflation print."
        ),
        "gold": {"no_strategy": True},
    },
    {
        "id": "blind33_none_philosophy",
        "style": "trading philosophy essay",
        "text": (
            "After twenty years in this business I am convinced that trading is about process, not prediction. "
            "Nobody knows where the market goes next week. What you can control is how much you lose when you "
            "are wrong, how patient you are when you are right, and whether you keep a journal honest enough "
            "to learn from. Cut losers, let winners run, and size positions so that no single trade can hurt "
            "you. The rest is noise."
        ),
        "gold": {"no_strategy": True},
    },
    {
        "id": "blind34_none_book_review",
        "style": "book review",
        "text": (
            "Book review: a 400-page introduction to technical analysis\n\n"
            "The author covers the RSI, MACD and Bollinger Bands at length, and chapter 7 explains why an RSI "
            "reading above 70 is traditionally called overbought and one below 30 oversold. There is a good "
            "chapter on the 50-day and 200-day moving averages and their history. What the book never does is "
            "test any of this: there are no backtests, no trading rules and no performance figures. Three stars."
        ),
        "gold": {"no_strategy": True},
    },
    {
        "id": "blind35_none_rsi_glossary",
        "style": "educational glossary entry",
        "text": (
            "What is the Relative Strength Index? The RSI, developed by J. Welles Wilder in 1978, measures the "
            "speed of recent price changes on a scale from 0 to 100, using 14 periods by default. It compares "
            "average gains with average losses over the look-back. Many chartists describe readings above 70 "
            "as overbought and below 30 as oversold, but these levels are descriptions of the market's state, "
            "not signals on their own. Moving averages are often drawn on the same chart for context."
        ),
        "gold": {"no_strategy": True},
    },
    {
        "id": "blind36_none_explicit_no_rules",
        "style": "blog post that explicitly declines to give rules",
        "text": (
            "I get a lot of DMs asking for my exact entries. To be clear: this post does not give trading "
            "rules, and I won't tell you when to buy or sell. I trade SPY and QQQ using moving averages and "
            "momentum, but the specifics are mine and change with conditions. What I can share is how I think "
            "about risk: keep it small, keep it consistent."
        ),
        "gold": {"no_strategy": True},
    },
    {
        "id": "blind37_none_reddit_loss",
        "style": "reddit rant",
        "text": (
            "lost 40% of my account on TSLA calls this week. bought because the RSI 'looked low' and some guy "
            "on youtube said the 50 day was support. it wasnt. anyway im done with options, going back to "
            "index funds. dont be like me"
        ),
        "gold": {"no_strategy": True},
    },
    {
        "id": "blind38_none_macro_newsletter",
        "style": "macro newsletter with percentages",
        "text": (
            "Macro Outlook, Q3\n\n"
            "With 10-year yields near 4.5% and core inflation running above 3%, we see limited room for "
            "multiple expansion. We prefer quality over beta, keep a modest overweight in short-duration "
            "Treasuries, and expect the S&P 500 to trade in a 10% range into year end. Risks: a faster labour "
            "market slowdown, and energy prices."
        ),
        "gold": {"no_strategy": True},
    },
    {
        "id": "blind39_none_library_readme",
        "style": "GitHub README of a backtesting library",
        "text": (
            "# fastbt\n\nA vectorised backtesting toolkit.\n\n"
            "## Features\n\n"
            "- Indicators: SMA, EMA, RSI, MACD, Bollinger Bands, ATR\n"
            "- Stop-loss and take-profit orders, position sizing helpers\n"
            "- Walk-forward optimisation and parameter sweeps\n\n"
            "See `examples/` for notebooks. Contributions welcome; please run the tests before opening a PR."
        ),
        "gold": {"no_strategy": True},
    },
    {
        "id": "blind40_none_analyst_rating",
        "style": "sell-side rating note",
        "text": (
            "We reiterate our Overweight rating on AAPL with a 12-month price target of $250, implying about "
            "15% upside from current levels. Services growth and buybacks support the multiple; key risks are "
            "regulatory pressure on the App Store and weaker handset demand in China. Analyst certification "
            "and important disclosures appear at the end of this report."
        ),
        "gold": {"no_strategy": True},
    },
]
