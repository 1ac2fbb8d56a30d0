"""What a fresh user hit on real texts: wrong rules that looked verified, exits the text never states, clear rules
refused and notes that were not true.

Every sentence and snippet here is written for the test; each class has varied shapes and near cases that keep
today's reading.
"""

from __future__ import annotations

import pytest

from foa.extract.offline.code import CodeVars
from foa.extract.offline.text import normalize


# --- a forum reply after a thematic break ("---") is no part of the rules heading above it --------------------------

@pytest.mark.parametrize("text, exit_rule, stray", [
    ("Entry rules:\nRSI(3) < 15\nClose > SMA(200)\n\nExit rule:\nRSI(3) > 60\n\nMy numbers look worse than the blog's.\n\n"
     "---\n\nShouldn't the second line read\n\nClose > SMA(150)\n\n?", "rsi(3) > 60", "150"),
    ("Buy rules:\nEMA(20) > EMA(100)\n\nSell rule:\nCCI(20) > 100\n\n***\n\nReply: try\n\nCCI(20) < -50\n\ninstead.",
     "cci(20) > 100", "-50"),
    ("Exit conditions:\n- MFI(14) above 80\n\nThanks for any help!\n\n___\n\nI use\nMFI(14) > 90\nmyself.\n\n"
     "Entry conditions:\n- MFI(14) below 20", "mfi(14) > 80", "90"),
    ("Sell rule:\nWILLR(10) > -20\n\n----\n\nAnswer:\nWILLR(10) < -95 works better for me.\n\nBuy rule:\nWILLR(10) < -80",
     "willr(10) > -20", "-95"),
    ("Exit:\nROC(10) > 8\n\n=====\n\nreply from a reader\nROC(10) < -3\n\nEntry:\nROC(10) < -5", "roc(10) > 8", "-3"),
])
def test_reply_after_a_break_adds_no_leg_to_the_rules_above(spec_of, text, exit_rule, stray):
    spec = spec_of(text)
    assert exit_rule in str(spec.exit)
    assert stray not in str(spec.exit)


@pytest.mark.parametrize("text, exit_rule", [
    # a title's underline (no blank line above it) keeps the title's section
    ("Exit rule\n---\nRSI(2) > 70\n\nEntry rule\n---\nRSI(2) < 10", "rsi(2) > 70"),
    # no break: the lines under the heading are still its rules
    ("Entry rules:\nRSI(2) < 10\n\nExit rules:\nRSI(2) > 70\nClose > SMA(5)", "rsi(2) > 70 or close > sma(5)"),
    ("Buy when RSI(2) < 10.\n\n---\n\nSell when RSI(2) > 70.", "rsi(2) > 70"),
])
def test_reply_after_a_break_near_cases(spec_of, text, exit_rule):
    assert str(spec_of(text).exit) == exit_rule


def test_condition_held_for_each_of_the_last_days_is_listed(spec_of):
    for text in ("Buy rules:\nSMA(20) > SMA(60)\nRSI(5) < 30 for each of the last 3 days\n\nSell rule:\nRSI(5) > 70",
                 "Go long DIA when the close is above the 100-day SMA and the 2-day RSI stayed under 25 on every one of "
                 "the past 4 sessions. Exit when RSI(2) > 65.",
                 "Buy XLK after the close has been below the 5-day EMA 3 days running; sell when it closes above it.",
                 "Buy when the 10-day ROC was negative on all of the previous 5 bars; exit when ROC(10) > 5.",
                 "Buy SPY when the 3-day RSI is below 20 for 4 successive days; sell when the 3-day RSI is above 60."):
        assert "consecutive bars condition" in [u.what for u in spec_of(text).unsupported], text
    # near cases: a plain lookback is no held condition
    for text in ("Buy when the close is the highest of the last 20 days; sell when it is the lowest of the last 10 days.",
                 "Buy when the 5-day RSI is below 30; sell when the 5-day RSI is above 70.",
                 "Buy when the close is above the 200-day SMA; sell after 5 days."):
        assert "consecutive bars condition" not in [u.what for u in spec_of(text).unsupported], text


# --- a buy-stop over a short (a sell-stop under a long) is the position's stop, never the other side's entry --------

_PROTECTIVE = "protective stop order at a price or indicator level (a buy-stop over a short, a sell-stop under a long)"


@pytest.mark.parametrize("text, side", [
    ("Short XLE when the close drops below the 50-day SMA. Then place a buy-stop just above the 10-day SMA to protect "
     "the position.", "short_only"),
    ("We sell short IWM once the 20-day EMA crosses under the 100-day EMA, and we put a buy stop a little over the "
     "20-day EMA.", "short_only"),
    ("Go long SPY when the close is above the 200-day SMA. After buying, set a sell-stop under the 50-day SMA.",
     "long_only"),
    ("Buy QQQ when the 5-day RSI is under 20; a sell stop order below the 100-day EMA limits the loss.", "long_only"),
    ("Short TLT if the 3-day RSI rises over 90. Cover when it falls below 50. Keep a buy-stop above the 20-day high.",
     "short_only"),
    ("Sell short GLD when the close falls under the 40-day EMA; a buy-stop above the 15-day EMA is our exit plan.",
     "short_only"),
])
def test_protective_stop_order_is_no_entry_of_the_other_side(spec_of, text, side):
    spec = spec_of(text)
    assert spec.direction == side
    assert _PROTECTIVE in [u.what for u in spec.unsupported]
    if side == "short_only":
        assert spec.entry is None
    else:
        assert spec.short_entry is None


@pytest.mark.parametrize("text, entry", [
    # a buy stop that opens the trade is still an entry order (listed as such)
    ("Buy when the close crosses above the 20-day SMA; set a buy stop order above the high of the signal bar.",
     "close crosses_above sma(20)"),
    ("Buy when the close is above the 200-day SMA and RSI(2) < 10. Sell when RSI(2) > 70.", "close > sma(200)"),
    ("Go long when the 10-day EMA crosses above the 40-day EMA; place a stop loss 5% below the fill.",
     "ema(10) crosses_above ema(40)"),
    # a pair of pending stop orders opens both sides
    ("We trade only with pending orders. A pending buy stop goes one tick above a bar that closes above the 30-day EMA.\n"
     "A pending sell stop goes one tick below a bar that closes below the 30-day EMA.", "ema(30)"),
])
def test_protective_stop_order_near_cases(spec_of, text, entry):
    spec = spec_of(text)
    assert entry in str(spec.entry)
    assert _PROTECTIVE not in [u.what for u in spec.unsupported]


# --- "an 8-monthly average" is an 8-month one; a web address's words are no window ---------------------------------

@pytest.mark.parametrize("raw, expect", [
    ("an 8-monthly moving average", "an 8-month moving average"),
    ("the 20-daily EMA", "the 20-day ema"),
    ("a 10 weekly SMA", "a 10-week sma"),
    ("its 4-quarterly average", "its 4-quarter average"),
    ("the 12-monthly high", "the 12-month high"),
])
def test_period_adjective_reads_as_the_window_unit(raw, expect):
    assert normalize(raw) == expect


@pytest.mark.parametrize("raw", ["3 monthly returns", "the 2 weekly reports", "5 daily bars", "12 monthly payments"])
def test_period_adjective_near_cases(raw):
    assert normalize(raw) == raw


def test_web_address_words_are_no_window(spec_of):
    for url in ("http://example.org/2019/04/10-week-ema-system-3/", "https://blog.example.net/a-5-day-rsi-idea",
                "www.example.com/posts/200-day-sma-timing-2"):
        spec = spec_of(f"My 12-Week EMA Plan\n{url}\n\nBuy when the close is above the 12-week EMA; sell when it is "
                       "below the 12-week EMA.")
        assert str(spec.entry) == "close > ema(12)" and str(spec.exit) == "close < ema(12)", url


# --- "above or below this SMA" states no rule; "if it is trading above, ..." is a side of the average named before ---

@pytest.mark.parametrize("text, entry, exit_rule", [
    ("We use a 10-month simple moving average. Each month we check whether the index trades above or below this SMA. "
     "If it is trading above, we stay invested. If it is trading below, we sell and hold cash.",
     "close > sma(10)", "close < sma(10)"),
    ("We follow an 8-monthly simple moving average. If the market is trading above, then buy; if the market is trading "
     "below, sell.", "close > sma(8)", "close < sma(8)"),
    ("Our signal line is the 40-week EMA. Whether the fund closes over or under this EMA decides. When the fund closes "
     "above, hold it; when it closes below, go to cash.", "close > ema(40)", "close < ema(40)"),
    ("The 30-day SMA is our guide. If the price is above, buy. If the price is below, exit.",
     "close > sma(30)", "close < sma(30)"),
    ("At each month end we compare the close with the 6-monthly SMA. If it closes above, stay long; if it is "
     "beneath, sell.", "close > sma(6)", "close < sma(6)"),
])
def test_side_with_its_object_left_out_is_the_average_named_before(spec_of, text, entry, exit_rule):
    spec = spec_of(text)
    assert str(spec.entry) == entry
    assert str(spec.exit) == exit_rule


@pytest.mark.parametrize("text, entry", [
    ("Buy when the close is above the 50-day SMA; sell when the close is below it.", "close > sma(50)"),
    ("We use the 200-day SMA. Buy when the price closes above it; sell when it closes below it.", "close > sma(200)"),
    ("Buy when RSI(14) crosses above 30 and the close is above the 100-day EMA. Exit when RSI(14) is above 70.",
     "rsi(14) crosses_above 30"),
])
def test_side_with_its_object_left_out_near_cases(spec_of, text, entry):
    assert entry in str(spec_of(text).entry)


# --- a default written as arithmetic of numbers is its value ----------------------------------------------------------

@pytest.mark.parametrize("line, name, value", [
    ('Slow = Param("Slow", 31-1, 2, 200, 1);', "slow", "30"),
    ("fast_len = 10*2", "fast_len", "20"),
    ("lookback = input(50 + 5, 'Lookback')", "lookback", "55"),
    ("period = 100 / 4;", "period", "25"),
    ("length = 2 * 10 + 1", "length", "21"),
    ("slowlen = 30", "slowlen", "30"),
])
def test_arithmetic_default_is_its_value(line, name, value):
    cv = CodeVars()
    cv.read(normalize(line))
    assert cv.values[name] == value


@pytest.mark.parametrize("line, name", [
    ("band = 2 * atrval", "band"),          # goes on with a name: no number of its own
    ("mult = 1.5 * stdev(close, 20)", "mult"),
    ("ratio = 10 / 0", "ratio"),
])
def test_arithmetic_default_near_cases(line, name):
    cv = CodeVars()
    cv.read(normalize(line))
    assert name not in cv.values


def test_arithmetic_default_in_a_code_rule(spec_of):
    code = ('Fast = Param("Fast", 5+5, 2, 100, 1);\nSlow = Param("Slow", 60-10, 2, 300, 1);\n'
            "Buy = Cross(EMA(Close, Fast), EMA(Close, Slow));\nSell = Cross(EMA(Close, Slow), EMA(Close, Fast));\n")
    spec = spec_of(code)
    assert str(spec.entry) == "ema(10) crosses_above ema(50)"


# --- code that exits only by its orders' stop or target: no exit invented from the entry ----------------------------

_STOP_ONLY = "the code exits only by the stop or target of its orders"

_PINE_V5 = """//@version=5
strategy("cci swing", overlay=true)
cciLen = input.int(20, "CCI length")
cciVal = ta.cci(close, cciLen)
if cciVal < -150
    strategy.entry("L", strategy.long)
strategy.exit("XL", from_entry="L", loss=300, profit=600)
"""
_PINE_STOP_LIMIT = """//@version=5
strategy("ema pullback")
fast = ta.ema(close, 12)
longCond = close > fast
if (longCond)
    strategy.entry("Long", strategy.long)
strategy.exit("Exit", "Long", stop=close * 0.97, limit=close * 1.06)
"""
_MQL5 = """#include <Trade\\Trade.mqh>
CTrade trade;
input int maLen = 30;
input double slDist = 2.5;
input double tpDist = 4.0;
int maHandle;
double emaBuf[];
double last;
int OnInit()
  {
   maHandle = iMA(_Symbol, _Period, maLen, 0, MODE_EMA, PRICE_CLOSE);
   return(INIT_SUCCEEDED);
  }
void OnTick()
  {
   last = SymbolInfoDouble(_Symbol, SYMBOL_LAST);
   CopyBuffer(maHandle, 0, 0, 3, emaBuf);
   if(last > emaBuf[0] && PositionsTotal()==0)
     {
      trade.Buy(1.0, _Symbol, last, last-slDist, last+tpDist, "");
     }
  }
"""
_MQL4 = """extern int RsiLen = 7;
extern double Lots = 0.1;
extern double StopLossPts = 40;
extern double TakeProfitPts = 80;
void start() {
   double r = iRSI(NULL, 0, RsiLen, PRICE_CLOSE, 0);
   if (r < 25 && OrdersTotal() == 0) {
      OrderSend(Symbol(), OP_BUY, Lots, Ask, 3, Ask - StopLossPts * Point, Ask + TakeProfitPts * Point, "rsi", 0, 0, Green);
   }
}
"""
_PINE_SHORT = """//@version=4
strategy("rsi fade")
r = rsi(close, 5)
if r > 85
    strategy.entry("S", strategy.short)
strategy.exit("XS", from_entry="S", loss=150, profit=150)
"""


@pytest.mark.parametrize("code, entry", [
    (_PINE_V5, "cci(20) < -150"),
    (_PINE_STOP_LIMIT, "close > ema(12)"),
    (_MQL5, "close > ema(30)"),
    (_MQL4, "rsi(7) < 25"),
])
def test_code_exiting_by_stop_or_target_gets_no_reversed_exit(spec_of, code, entry):
    spec = spec_of(code)
    assert entry in str(spec.entry)
    assert spec.exit is None
    assert any(a.startswith(_STOP_ONLY) for a in spec.assumptions)
    assert "exit not stated: the entry rule reversed" not in spec.assumptions


def test_short_code_exiting_by_stop_or_target_gets_no_reversed_cover(spec_of):
    spec = spec_of(_PINE_SHORT)
    assert "rsi(5) > 85" in str(spec.short_entry)
    assert spec.short_exit is None


def test_stop_in_price_units_of_an_order_line_is_listed(spec_of):
    spec = spec_of(_MQL5)
    assert "stop or target in price units (the code's order line)" in [u.what for u in spec.unsupported]


@pytest.mark.parametrize("code, exit_rule", [
    # the code closes on a condition of its own: that is the exit
    ("//@version=5\nstrategy(\"x\")\nr = ta.rsi(close, 3)\nif r < 10\n    strategy.entry(\"L\", strategy.long)\n"
     "if r > 70\n    strategy.close(\"L\")\n", "rsi(3) > 70"),
    # an order with no stop and no target (0, 0): the entry reversed, said so
    ("extern int P = 15;\nvoid start() {\n   double m = iMA(NULL, 0, P, 0, MODE_SMA, PRICE_CLOSE, 0);\n"
     "   if (Close[0] > m && OrdersTotal() == 0) { OrderSend(Symbol(), OP_BUY, 1, Ask, 3, 0, 0, \"c\", 0, 0, Blue); }\n}\n",
     "close < sma(15)"),
    # prose with a stop: the exit not stated is still the entry reversed
    ("Buy IWM when the close is above the 40-day EMA; use an 8% stop loss.", "close < ema(40)"),
])
def test_code_exiting_by_stop_or_target_near_cases(spec_of, code, exit_rule):
    assert str(spec_of(code).exit) == exit_rule


# --- notes: an average no rule uses gets no note on its window or type ----------------------------------------------

@pytest.mark.parametrize("code", [
    "//@version=4\nstrategy(title=\"Moving Average Idea\")\nr = rsi(close, 14)\nif r > 75\n    strategy.entry(\"L\", true)\n"
    "if r < 40\n    strategy.close(\"L\")\n",
    "# a moving average strategy\nBuy when the 2-day RSI is below 10. Sell when the 2-day RSI is above 70.",
    "The Moving Average Cross Trader\nBuy when CCI(20) crosses above -100; sell when CCI(20) crosses below 100.",
    "Rules (no moving averages needed):\nBuy when MFI(10) < 20.\nSell when MFI(10) > 80.",
    "Our moving-average free system: buy when the 5-day ROC is below -4%; exit when the 5-day ROC is above 2%.",
])
def test_unused_average_gets_no_window_or_type_note(spec_of, code):
    spec = spec_of(code)
    assert not any("window not stated" in a or "moving-average type" in a for a in spec.assumptions), spec.assumptions


@pytest.mark.parametrize("text, note", [
    ("Buy when the close crosses above the moving average; sell when it crosses below.", "SMA window not stated: 50 bars assumed"),
    ("Buy when the close is above the 100-day moving average; sell when below it.", "moving-average type not stated: simple assumed"),
    ("Buy when the 20-day moving average crosses above the 50-day moving average.", "moving-average type not stated: simple assumed"),
])
def test_used_average_keeps_its_note(spec_of, text, note):
    assert note in spec_of(text).assumptions


# --- rules stated only as what the strategy requires ("must", "should"), no action named: the long entry -----------

_IMPLIED = "no action stated: the conditions the text requires read as a long entry"


@pytest.mark.parametrize("text, entry", [
    ("How the strategy works:\n1. The MACD line must cross over the signal line and be below 0.\n"
     "2. The price must be above the 200-day EMA.",
     "macd().macd crosses_above macd().signal and macd().macd < 0 and close > ema(200)"),
    ("Rules of this system. First, the 14-day RSI should cross above 30. Second, the close should be above the "
     "50-day SMA.", "rsi(14) crosses_above 30 and close > sma(50)"),
    ("Strategy conditions:\n- CCI(20) has to be below -100\n- the close has to be above the 100-day EMA",
     "cci(20) < -100 and close > ema(100)"),
    ("Our setup:\n* the 10-day EMA must crossover the 30-day EMA\n* the ADX(14) must be above 25",
     "ema(10) crosses_above ema(30) and adx(14) > 25"),
    ("The rules\nThe 3-day RSI needs to be under 15.\nThe close needs to be above the 200-day SMA.",
     "rsi(3) < 15 and close > sma(200)"),
])
def test_required_conditions_with_no_action_are_the_long_entry(spec_of, text, entry):
    spec = spec_of(text)
    assert str(spec.entry) == entry
    assert _IMPLIED in spec.assumptions


@pytest.mark.parametrize("text", [
    # one requirement alone is a remark
    "For a healthy trend the 50-day SMA must be above the 200-day SMA.",
    # a tutorial's "should" with no strategy words around it
    "An RSI reading should be above 50 in an uptrend. The MACD should be above zero too.",
    # an action named: the action's rules, never an implied long
    "Strategy rules:\n1. The RSI(2) must be below 10.\n2. The close must be above the 200-day SMA.\nWhen both hold, sell short.",
])
def test_required_conditions_near_cases(spec_of, text):
    from foa import NoStrategyFound

    try:
        spec = spec_of(text)
    except NoStrategyFound:
        return
    assert _IMPLIED not in spec.assumptions


@pytest.mark.parametrize("text, entry", [
    ("Buy when the MACD line crosses above the signal line and is below zero.", "macd().macd < 0"),
    ("Go long once the MACD crosses over its signal line and is still under 0.", "macd().macd < 0"),
    ("Buy when the MACD line crosses above the signal line, and stays below zero.", "macd().macd < 0"),
    ("Enter long when the MACD crosses over the signal and is well below 0.", "macd().macd < 0"),
    ("Buy when the MACD line crosses the signal line from below and is under zero.", "macd().macd < 0"),
])
def test_subject_of_and_is_after_a_crossing_is_the_crossing_subject(spec_of, text, entry):
    got = str(spec_of(text).entry)
    assert entry in got and "macd().signal < 0" not in got


def test_subject_after_a_crossing_near_cases(spec_of):
    # a new subject after "and" keeps its own reading
    assert "rsi(14) > 50" in str(spec_of("Go long when the 5-day EMA crosses above the 20-day EMA and the RSI(14) is above 50.").entry)
    assert "macd().signal < 0" in str(spec_of("Buy when the MACD crosses above its signal line and the signal line is below 0.").entry)
    assert str(spec_of("Buy when the MACD line crosses above the signal line.").entry) == "macd().macd crosses_above macd().signal"


# --- one line against another written as arithmetic ------------------------------------------------------------------

@pytest.mark.parametrize("text, entry", [
    ("Buy when (EMA(10) - EMA(30)) / EMA(30) > 0.05. Sell when EMA(10) < EMA(30).", "ema(10) > ema(30) * 1.05"),
    ("Buy when EMA(10) / EMA(30) > 1.05. Sell when EMA(10) < EMA(30).", "ema(10) > ema(30) * 1.05"),
    ("Buy when EMA(10) > EMA(30) * 1.05. Sell when EMA(10) < EMA(30).", "ema(10) > ema(30) * 1.05"),
    ("Buy when (close - SMA(20)) / SMA(20) < -0.03. Sell when close > SMA(20).", "close < sma(20) * 0.97"),
    ("Go long if close < SMA(50) * 0.9; exit if close > SMA(50).", "close < sma(50) * 0.9"),
    ("Buy when SMA(5) / SMA(40) >= 1.02. Sell when SMA(5) < SMA(40).", "sma(5) >= sma(40) * 1.02"),
    ("{Enter Long:}\nGap := (Mov(C,12,E) - Mov(C,26,E)) / Mov(C,26,E);\nGap > 0.04\n", "ema(12) > ema(26) * 1.04"),
])
def test_relative_distance_written_as_arithmetic(spec_of, text, entry):
    assert str(spec_of(text).entry) == entry


@pytest.mark.parametrize("raw", [
    "stop = atr(14) * 2",           # a multiple of the ATR is no line against another
    "(ema(10) - ema(30)) / ema(20) > 0.05",  # divided by a third line: left as written
    "close > sma(20) * 0.97",       # above 97% of the line: no "more than ...% above" words for it
])
def test_relative_distance_near_cases(raw):
    from foa.extract.offline.text import relative_levels

    assert relative_levels(raw) == raw


# --- internal bar strength: "it" reads it, an alias in brackets names nothing else, and code prose keeps its words ---

@pytest.mark.parametrize("text, entry, exit_rule", [
    ("Buy when the internal bar strength is below 0.2; sell when it is above 0.8.",
     "(close - low) / (high - low) < 0.2", "(close - low) / (high - low) > 0.8"),
    ("Buy SPY when the IBS is under 0.15. Sell when it rises above 0.7.",
     "(close - low) / (high - low) < 0.15", "(close - low) / (high - low) > 0.7"),
    ("We go long if IBS < 0.25. We exit once it closes above 0.75.",
     "(close - low) / (high - low) < 0.25", "(close - low) / (high - low) > 0.75"),
    ("Buy when IBS is below 20%. Exit when it exceeds 80%.",
     "(close - low) / (high - low) < 0.2", "(close - low) / (high - low) > 0.8"),
    ("When the IBS (or internal strength line) falls below the 10 level, buy at the next open. Sell when the close "
     "is above yesterday's high.", "(close - low) / (high - low) * 100 < 10", "close > high[1]"),
])
def test_internal_bar_strength_rules(spec_of, text, entry, exit_rule):
    spec = spec_of(text)
    assert str(spec.entry) == entry
    assert str(spec.exit) == exit_rule


def test_internal_bar_strength_near_cases(spec_of):
    # "it" after another indicator is that indicator
    spec = spec_of("Buy when the IBS is below 0.2 and the RSI(2) is under 10; sell when it is above 70.")
    assert str(spec.exit) == "rsi(2) > 70"
    spec = spec_of("Buy when the IBS is below 0.2. The RSI(2) must be under 10. Sell when it is above 70.")
    assert str(spec.exit) == "rsi(2) > 70"
    # an alternative in brackets that is a side stays a side
    assert spec_of("Buy (or add) when RSI(2) < 10; sell when RSI(2) > 70.").direction == "long_only"


def test_prose_sentence_on_a_code_page_keeps_its_rule(spec_of):
    text = ("A long-only idea on SPY. When the IBS falls below 0.15, buy at the next open. Close the trade when the "
            "close is above the prior day's high.\n\n"
            "//setup\nR = (Close - Low) / (High - Low)\n"
            "IF NOT LongOnMarket AND R < 0.15 THEN\nBUY 1 SHARES AT MARKET\nENDIF\n")
    spec = spec_of(text)
    assert str(spec.entry) == "(close - low) / (high - low) < 0.15"


def test_refusal_with_only_an_exit_says_so_in_plain_words(spec_of):
    from foa import NoStrategyFound

    with pytest.raises(NoStrategyFound) as err:
        spec_of("Here is my system.\nWhen the zorbu line wobbles under its band, go long at the next open. Close the "
                "trade when the close is above the high of the prior day.")
    msg = str(err.value)
    assert "[no_entry]" not in msg


# --- notes that were not true: intraday turned down, an oscillator's direction, a journal "stating a rule" --------

def _whats(spec) -> list[str]:
    return [u.what for u in spec.unsupported]


@pytest.mark.parametrize("text", [
    "With a full-time job you cannot watch the 15 minute chart, so we trade the daily chart. Buy when the 20-day EMA "
    "crosses above the 50-day EMA; sell on the reverse cross.",
    "We do not use hourly bars. Buy when RSI(2) < 10; sell when RSI(2) > 70.",
    "Rather than 5-minute candles, we read daily bars. Buy SPY when the close is above the 100-day SMA; sell below it.",
    "Forget intraday noise: the daily chart is the natural choice. Buy when CCI(20) crosses above -100; sell when "
    "CCI(20) crosses below 100.",
    "Instead of the 30 minute chart we look at closes only. Buy when the 10-day ROC is above 5%; sell when it is below 0.",
])
def test_intraday_turned_down_is_not_listed(spec_of, text):
    whats = _whats(spec_of(text))
    assert "intraday bars" not in whats and "intraday timeframe" not in whats


@pytest.mark.parametrize("text", [
    "We trade the 5 minute chart. Buy when RSI(2) < 10; sell when RSI(2) > 70.",
    "Use hourly bars. Buy when the 20-day EMA crosses above the 50-day EMA.",
    "Timeframe: 15 minute chart. Buy when CCI(20) crosses above -100; sell when CCI(20) crosses below 100.",
])
def test_intraday_stated_is_still_listed(spec_of, text):
    whats = _whats(spec_of(text))
    assert "intraday bars" in whats or "intraday timeframe" in whats


@pytest.mark.parametrize("text", [
    "Enter long if the 5-day SMA crosses above the 20-day SMA and both stochastic lines are heading up.",
    "Buy when the 20-day EMA is above the 50-day EMA and both stochastic lines are pointing higher.",
    "Go long when CCI(20) > 0 and the stochastic lines are all turning up.",
    "Buy when the close is above the 50-day SMA and the stochastic lines are both trending up.",
    "Enter long once RSI(9) is above 50 and the oscillator lines are moving upwards.",
])
def test_oscillator_direction_is_listed_as_a_slope(spec_of, text):
    whats = _whats(spec_of(text))
    assert "indicator slope" in whats
    assert not any(w.startswith("stochastic oscillator") for w in whats)


def test_oscillator_direction_near_cases(spec_of):
    # a stochastic level is a rule, never a slope
    spec = spec_of("Buy when the 14-day stochastic %K is below 20; sell when %K is above 80.")
    assert "indicator slope" not in _whats(spec) and "20" in str(spec.entry)
    spec = spec_of("Buy when RSI(2) < 10; sell when RSI(2) > 70.")
    assert _whats(spec) == []


@pytest.mark.parametrize("text", [
    "My trading journal\nRecord why you entered or exited a trade and how you felt. I exited early because I was "
    "watching the 5 min chart.",
    "Notes from the week. I am contemplating re-entering the position because I fear missing out. The 1 hour chart "
    "looked weak.",
    "Diary: I bought the dip and sold it on the 15 minute chart an hour later. Lesson: patience.",
])
def test_journal_refusal_never_says_it_states_a_rule(spec_of, text):
    from foa import NoStrategyFound

    with pytest.raises(NoStrategyFound) as err:
        spec_of(text)
    assert "states a rule" not in str(err.value)


def test_rule_with_a_gap_still_says_it_states_a_rule(spec_of):
    from foa import NoStrategyFound

    with pytest.raises(NoStrategyFound) as err:
        spec_of("Buy when the price bounces off a Fibonacci retracement level; sell when it reaches the next Fibonacci extension.")
    assert "states a rule" in str(err.value)


# --- describe(): a percent scale is no move above a line; a move reads "more/less than N% above" --------------------

@pytest.mark.parametrize("text, said", [
    ("Buy when the IBS falls below 10. Sell when the close is above the previous day's high.", "times 100) is below 10"),
    ("Buy when the 10-day EMA is more than 5% above the 30-day EMA.", "the 10-day EMA is more than 5% above the 30-day EMA"),
    ("Buy when the 10-day EMA is more than 5% above the 30-day EMA.", "the 10-day EMA is less than 5% above the 30-day EMA"),
    ("Buy when the close is more than 3% below the 20-day SMA; sell when the close is above the 20-day SMA.",
     "the close is more than 3% below the 20-day SMA"),
])
def test_describe_says_moves_and_scales_plainly(spec_of, text, said):
    desc = spec_of(text).describe()
    assert said in desc
    assert "9900%" not in desc and "is above 5% above" not in desc
