"""Rule parts foa cannot express: the expressible rule is still read, the part is listed once with its
quote and page, and nothing is approximated into a rule foa runs."""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.extract.offline.unsupported import gap_spans
from foa.spec import model as M


def whats(spec) -> list[str]:
    return [u.what for u in spec.unsupported]


def indicators(cond) -> set[str]:
    from foa.spec.validate import iter_exprs

    return {e.name for e in iter_exprs(cond) if isinstance(e, M.IndicatorExpr)}


SAME = {"partial profit taking": ("partial exit",), "pyramiding": ("scaling in or pyramiding",),
        "intraday timeframe": ("intraday bars",)}


# --- one word class, several words: every stop word, side and bar reference -------------------------------
@pytest.mark.parametrize("clause", [
    "place the stop below the low of the signal candle.",
    "put your stop loss just below the prior bar's low.",
    "the stop-loss goes under the entry candle low.",
    "set the sl above the high of the previous bar.",
    "the protective stop sits a few ticks below the low of the setup day.",
])
def test_candle_stop_words(clause: str) -> None:
    assert [g.what for g, _, _ in gap_spans(clause)] == ["stop at a candle low or high"]


@pytest.mark.parametrize("clause", [
    "place the stop below the most recent swing low.",
    "the stop loss goes beneath the nearest support level.",
    "trail the stop under each new swing low.",
    "sl above the last swing high for shorts.",
])
def test_swing_and_support_stops(clause: str) -> None:
    assert [g.what for g, _, _ in gap_spans(clause)] == ["stop at a swing low/high or support"]


@pytest.mark.parametrize("clause, what", [
    ("move the stop to break-even once price is up 1%.", "breakeven stop"),
    ("target 3:1 reward-to-risk on every trade.", "risk-multiple target"),
    ("take profit at 2r.", "risk-multiple target"),
    ("close half of the position at the first target.", "partial profit taking"),
    ("sell a third of the shares when it doubles.", "partial profit taking"),
    ("add another unit each time price rises 2%.", "pyramiding"),
    ("enter with a buy stop order above the range.", "stop or limit entry order"),
    ("only trade between 9:30 and 11:00 et.", "trading hours filter"),
    ("enter only during the london session.", "trading hours filter"),
    ("run it on the 4-hour timeframe.", "intraday timeframe"),
    ("confirm the trend on the higher timeframe first.", "multi-timeframe filter"),
    ("risk per trade: 0.5% of equity.", "risk-based position sizing"),
    ("size the position based on the atr.", "risk-based position sizing"),
    ("buy on the last trading day of the month and sell five days later.", "calendar rule"),
    ("the breakout must come on above-average volume.", "volume filter"),
    ("double the lot size after a loss.", "martingale sizing"),
    ("the close is lower than the open.", "candle direction"),
    ("wait until the bar closes red.", "candle direction"),
    ("go long just above the high of the signal bar.", "stop or limit entry order"),
    ("timeframe: 15m", "intraday timeframe"),
    ("buy 2 days before the end of the month.", "calendar rule"),
    ("sell on the 3rd trading day of the next month.", "calendar rule"),
    ("breakeven_at = 200", "breakeven stop"),
    ("extern int hour_start_gmt = 7;", "trading hours filter"),
    ("sl = entry - stoploss * _point", "stop or target in points or pips"),
    ("long_stop = ta.lowest(low, 10)", "stop at a swing low/high or support"),
    ("long_tp = close + (close - long_stop) * 2", "risk-multiple target"),
    ("buy when the internal bar strength is below 0.2.", "IBS (internal bar strength)"),
])
def test_word_classes(clause: str, what: str) -> None:
    # the lexicon's own label where it already names the part ("partial exit", "intraday bars")
    assert {what, *SAME.get(what, ())} & {g.what for g, _, _ in gap_spans(clause)}


@pytest.mark.parametrize("clause", [
    "the oscillator moves between 0 and 1.",  # a range of values, no clock time
    "rank the etfs on the last trading day of each month by 6-month momentum.",  # a ranking's schedule
    "on tuesday the index closed higher.",  # one day's news, no weekday rule
    "stop losses are set at 5% below the entry.",  # a percent stop foa holds
    "the macd histogram prints green bars.",  # an indicator's bars, not the candle
    "sell when the close falls below the 20-day low.",  # an exit foa expresses
])
def test_not_a_gap(clause: str) -> None:
    assert gap_spans(clause) == []


def test_one_part_listed_once() -> None:
    # the lexicon's partial exit and this module's partial profit taking are one part
    assert [g.what for g, _, _ in gap_spans("take half the position off at the target; partial profits fund the rest.")] == ["partial exit"]


# --- the expressible rule is read, the part listed with its quote and page ---------------------------------
def test_volume_phrase_is_listed_not_compared(spec_of) -> None:
    spec = spec_of("Buy when the close crosses above the 50-day SMA on above-average volume.")
    assert spec.entry == M.CompareCondition(left=M.PriceExpr(), op="crosses_above",
                                            right=M.IndicatorExpr(name="sma", params={"window": 50}))
    [u] = spec.unsupported
    assert (u.what, u.page) == ("volume filter", 1)
    assert "above-average volume" in u.quote


def test_volume_rule_foa_expresses_is_not_listed(spec_of) -> None:
    spec = spec_of("Buy when the close crosses above the 50-day SMA and volume is above its 20-day average.")
    assert "volume filter" not in whats(spec)


def test_fundamental_comparison_never_lands_on_the_average(spec_of) -> None:
    spec = spec_of("Buy when the stock trades above its 200-day moving average and its P/E ratio is below 15.")
    assert spec.entry == M.CompareCondition(left=M.PriceExpr(), op=">", right=M.IndicatorExpr(name="sma", params={"window": 200}))
    assert whats(spec) == ["fundamental data"]


@pytest.mark.parametrize("extra, what", [
    ("Place the stop below the low of the signal candle.", "stop at a candle low or high"),
    ("Trail the stop below the most recent swing low.", "stop at a swing low/high or support"),
    ("Take half the position off at a 10% gain.", "partial exit"),
    ("Add to the position each time price rises another 5%.", "scaling in or pyramiding"),
    ("Only take trades during the New York session.", "trading hours filter"),
    ("Confirm the trend on the higher timeframe before entering.", "multi-timeframe filter"),
    ("Move the stop to breakeven after a 2% gain.", "breakeven stop"),
    ("Aim for a 2:1 reward-to-risk target.", "risk-multiple target"),
])
def test_rule_kept_and_part_listed(spec_of, extra: str, what: str) -> None:
    spec = spec_of(f"Buy when the 10-day SMA crosses above the 30-day SMA.\n\n{extra}\n\nSell when the 10-day SMA crosses below the 30-day SMA.")
    assert spec.entry == M.CompareCondition(left=M.IndicatorExpr(name="sma", params={"window": 10}), op="crosses_above",
                                            right=M.IndicatorExpr(name="sma", params={"window": 30}))
    assert spec.risk == M.Risk()  # nothing approximated into a stop or target foa runs
    assert whats(spec) == [what]
    [u] = spec.unsupported
    assert u.quote == extra and u.page == 1


def test_part_on_the_rule_page_of_a_pdf_cites_that_page(spec_of) -> None:
    spec = spec_of("Market notes. Stocks drifted higher this week on light news.",
                   "Rules: buy when RSI(2) falls below 10; sell when RSI(2) rises above 70. "
                   "Take partial profits at the prior high.")
    assert indicators(spec.entry) == {"rsi"}
    assert [(u.what, u.page) for u in spec.unsupported] == [("partial exit", 2)]


def test_nothing_expressible_left_names_the_parts(spec_of) -> None:
    with pytest.raises(NoStrategyFound) as err:
        spec_of("Go long with a buy stop order above the range. Move the stop to breakeven once in profit.")
    msg = str(err.value)
    assert "stop or limit entry order" in msg and "breakeven stop" in msg


def test_commentary_without_a_rule_stays_refused(spec_of) -> None:
    with pytest.raises(NoStrategyFound):
        spec_of("Traders watched the London session closely as volume was heavy and the dollar slipped.")


def test_indicator_foa_lacks_is_named_in_the_refusal(spec_of) -> None:
    with pytest.raises(NoStrategyFound) as err:
        spec_of("Rules: buy when the relative vigor index turns up; sell when it turns down.")
    assert "RVI (relative vigor index)" in str(err.value)


def test_refusal_tells_computable_from_inexpressible(spec_of) -> None:
    with pytest.raises(NoStrategyFound) as err:
        spec_of("Rules: buy when the earnings yield is high and the ADX is strong.")
    msg = str(err.value)
    assert "cannot express yet: fundamental data" in msg
    assert "it also names" in msg and "ADX (adx)" in msg and "which foa can compute" in msg


@pytest.mark.parametrize("line", [
    "extern int stoploss = 280;",
    "input double take_profit_in_pips = 0.0010;",
    'setstoploss("long", calculationmode.ticks, 4, false);',
    "min_sl_distance_pips: 15",
])
def test_platform_stops_in_points(line: str) -> None:
    assert [g.what for g, _, _ in gap_spans(line)] == ["stop or target in points or pips"]


@pytest.mark.parametrize("line", [
    "input int ema_slow = 26;",  # "sl" inside another word
    "extern double tp_in_money = 25;",  # account currency, not points
    "input double maxloss = 100;",
    "stop_loss = 0.02",
])
def test_platform_inputs_that_are_no_point_stops(line: str) -> None:
    assert gap_spans(line) == []


def test_weekly_chart_confirming_the_trend_is_listed(spec_of) -> None:
    spec = spec_of("Use the weekly chart to confirm the trend. On the daily chart, buy when the 10-day EMA crosses above the 30-day EMA.")
    assert spec.frequency == "daily"
    assert indicators(spec.entry) == {"ema"}
    assert whats(spec) == ["multi-timeframe filter"]


def test_refusal_names_the_indicators_it_found(spec_of) -> None:
    with pytest.raises(NoStrategyFound) as err:
        spec_of("Rules: the RSI(14) and the 200-day SMA tell you everything; trade what you see.")
    assert "the text names RSI(14), SMA(200) but states no condition on them" in str(err.value)


def test_refusal_of_commentary_names_no_indicator(spec_of) -> None:
    with pytest.raises(NoStrategyFound) as err:
        spec_of("The market rallied today as investors cheered the data.")
    assert "the text names" not in str(err.value)


@pytest.mark.parametrize("exit_clause", [
    "Sell when the close is above yesterday's high.",
    "Exit at the close when the price rises past the previous day's high.",
    "Get out once it closes above the high of the prior bar.",
])
def test_stated_exit_on_a_prior_bar_is_read_never_called_unstated(spec_of, exit_clause: str) -> None:
    # the bar before's high is a price foa holds (PriceExpr shift 1): the exit is read, nothing left out
    spec = spec_of(f"Buy when RSI(2) is below 10. {exit_clause}")
    assert whats(spec) == []
    assert spec.exit.right == M.PriceExpr(field="high", shift=1) and spec.exit.op in (">", "crosses_above")
    assert not any(a.startswith("exit not stated") for a in spec.assumptions)


def test_n_day_high_is_no_prior_bar_rule() -> None:
    assert gap_spans("buy when the price closes above the high of the last 20 days.") == []


@pytest.mark.parametrize("stop", [
    "with a stop 10 pips below the entry candle's low",
    "with the stop just under the most recent swing low",
    "and a buy stop order above the high of the signal bar",
])
def test_comparator_of_a_stop_phrase_is_never_a_rule(spec_of, stop: str) -> None:
    spec = spec_of(f"Enter long when the 5-day EMA crosses above the 20-day EMA, {stop}.")
    assert spec.entry == M.CompareCondition(left=M.IndicatorExpr(name="ema", params={"window": 5}), op="crosses_above",
                                            right=M.IndicatorExpr(name="ema", params={"window": 20}))
    assert spec.unsupported and spec.risk == M.Risk()


# --- parts that were dropped or approximated: money stops, unread volume and time exits, limit entries --------
@pytest.mark.parametrize("clause, what", [
    ("stop loss: $400 per contract.", "stop or target in dollars"),
    ("use a $1.50 stop on every position.", "stop or target in dollars"),
    ("the profit target is $2,500.", "stop or target in dollars"),
    ("place the stop 3 dollars below the entry.", "stop or target in dollars"),
    ("only take it when volume is above its average.", "volume filter"),
    ("volume must be higher than normal on the signal day.", "volume filter"),
    ("the prior candle was red.", "candle direction"),
    ("the signal bar closed green.", "candle direction"),
    ("buy it with a limit order 0.5% under the last close.", "stop or limit entry order"),
    ("enter via a buy limit at the prior close.", "stop or limit entry order"),
    ("exit at the close of the third day.", "time-based exit"),
    ("sell on the open of the next trading day.", "time-based exit"),
    ("close every trade at the end of the session.", "time-based exit"),
    ("it suits lower timeframes such as the 15m chart.", "intraday timeframe"),
    ("trade it on timeframes (5min, 30min) only.", "intraday timeframe"),
    ("keep the parabolic sar as a trailing stop.", "trailing stop at a price level"),
])
def test_more_word_classes(clause: str, what: str) -> None:
    assert {what, *SAME.get(what, ())} & {g.what for g, _, _ in gap_spans(clause)}


@pytest.mark.parametrize("clause", [
    "the account grew to $25,000 last year.",  # money, no stop
    "stop losses are set at 5% below the entry.",  # a percent stop foa holds
    "volume rose 40% on the day.",  # a report of volume, compared with no average
    "sell at the close of the month.",  # a month end: a schedule
    "a limit of 3 open positions.",  # no limit order
])
def test_more_not_a_gap(clause: str) -> None:
    assert not {"stop or target in dollars", "volume filter", "time-based exit", "stop or limit entry order"} & {
        g.what for g, _, _ in gap_spans(clause)}


def test_a_limit_entrys_distance_is_no_target(spec_of) -> None:
    s = spec_of("Buy when RSI(2) crosses below 10, with a limit order 2% below the close, and a stop loss of 4%.")
    assert s.risk.take_profit is None and s.risk.stop_loss == pytest.approx(0.04)
    assert "stop or limit entry order" in whats(s)


def test_a_time_exit_the_risk_model_holds_is_not_listed(spec_of) -> None:
    s = spec_of("Buy when RSI(2) is below 10. Exit after 6 trading days.")
    assert s.risk.max_holding_bars == 6 and "time-based exit" not in whats(s)
    s = spec_of("Buy when RSI(2) is below 10. Exit at the close of the sixth day.")
    assert s.risk.max_holding_bars is None and "time-based exit" in whats(s)
    assert any("cannot turn into a rule" in a for a in s.assumptions)  # never "exit not stated"


def test_a_slope_is_the_subject_of_its_comparison(spec_of) -> None:
    s = spec_of("Buy when the 10-day EMA crosses above the 40-day EMA while the slope of the 150-day SMA is positive.")
    # the slope is the average against its value a bar before (``slope.py``), never "sma(150) > 0" nor a trend filter
    assert str(s.entry) == "ema(10) crosses_above ema(40) and sma(150) > sma(150)[1]"
    assert "moving-average slope" not in whats(s)
    s = spec_of("Buy when the 10-day EMA crosses above the 40-day EMA while the slope of the 150-day SMA has been positive over the last few bars.")
    assert "sma" not in indicators(s.entry) | indicators(s.exit)


def test_a_prior_bars_low_against_an_average_is_listed_not_run(spec_of) -> None:
    s = spec_of("Go long when the close crosses above the 60-day SMA. Exit when the low of the prior bar drops below the 15-day SMA.")
    assert "prior-bar high/low rule" in whats(s)
    assert all(e.params.get("window") != 15 for e in _exprs(s))


def _exprs(spec):
    from foa.spec.validate import iter_exprs

    return [e for e in iter_exprs(spec) if isinstance(e, M.IndicatorExpr)]


@pytest.mark.parametrize("clause, what", [
    ("enter a second long if the rsi closes below 5.", "pyramiding"),
    ("add another unit when the close makes a new high.", "pyramiding"),
    ("the 40-day sma has a negative direction over the last 8 periods.", "indicator slope"),
    ("the mfi is increasing from the preceding bars.", "indicator slope"),
    ("the average is below its value 5 bars ago.", "indicator slope"),
    ("sell 3 bars later.", "time-based exit"),
])
def test_further_entries_slopes_and_delayed_exits(clause: str, what: str) -> None:
    assert {what, *SAME.get(what, ())} & {g.what for g, _, _ in gap_spans(clause)}


def test_a_slopes_indicator_is_its_slope_rule_never_a_leftover(spec_of) -> None:
    # a counted slope is the average against its value that many bars back (``slope.py``); never "close > sma"
    s = spec_of("Enter the market if:\n- The MACD line crosses above the signal line\n"
                "- The 45-day simple moving average has a negative direction in the last 12 periods")
    assert "sma(45) < sma(45)[12]" in str(s.entry) and "indicator slope" not in whats(s)
    s = spec_of("Buy when the 8-day SMA crosses above the 21-day SMA and the 120-day SMA is rising.")
    assert str(s.entry) == "sma(8) crosses_above sma(21) and sma(120) > sma(120)[1]" and "moving-average slope" not in whats(s)
    # a slope over a span the text does not count stays listed, its average no rule's
    s = spec_of("Enter the market if:\n- The MACD line crosses above the signal line\n"
                "- The 45-day simple moving average has a negative direction in the last x periods")
    assert indicators(s.entry) == {"macd"} and "indicator slope" in whats(s)


def test_a_delayed_exit_the_risk_model_holds_is_not_listed(spec_of) -> None:
    s = spec_of("Buy on the close if it is above the 12-day moving average and exit either 3 days later or if the "
                "close drops below the 12-day moving average.")
    assert s.risk.max_holding_bars == 3 and "time-based exit" not in whats(s)


def test_the_macd_named_again_by_its_signal_line(spec_of) -> None:
    for text in ("Buy when the MACD crosses above the MACD signal line.",
                 "Entry: macd.macd crosses macd.signal to the upside."):
        s = spec_of(text)
        assert (s.entry.left.output, s.entry.op, s.entry.right.output) == ("macd", "crosses_above", "signal")


def test_a_refusal_never_says_nothing_remains_when_foas_own_indicator_was_named(spec_of) -> None:
    with pytest.raises(NoStrategyFound) as err:
        spec_of("Risk 0.5% per trade.\nBuy when the RSI(9) hooks up out of the oversold zone.")
    msg = str(err.value)
    assert "risk-based position sizing" in msg and "RSI(9)" in msg and "Nothing expressible remains" not in msg
    with pytest.raises(NoStrategyFound) as err:
        spec_of("Go long when the price closes above the pivot points; exit when it closes below them.")
    assert "Nothing expressible remains" in str(err.value)


def test_an_entry_line_that_places_a_stop_order_takes_the_conditions_above_it(spec_of) -> None:
    s = spec_of("Long setup\n1. Conditions:\n  • RSI(14) is above 55.\n  • Price is above the 100-day EMA.\n"
                "2. Entry: above the high of the setup candle.\n\n"
                "Short setup\n1. Conditions:\n  • RSI(14) is below 45.\n  • Price is below the 100-day EMA.\n"
                "2. Entry: below the low of the setup candle.")
    assert isinstance(s.entry, M.AllCondition) and {c.op for c in s.entry.of} == {">"}
    assert isinstance(s.short_entry, M.AllCondition) and {c.op for c in s.short_entry.of} == {"<"}
    assert "stop or limit entry order" in whats(s)
    # the order's words ("signal", "high") never become a comparison of their own
    assert all(isinstance(c.right, (M.ConstExpr, M.IndicatorExpr)) for c in s.entry.of)


def test_a_session_to_trade_in_is_a_trading_hours_filter(spec_of) -> None:
    s = spec_of("I trade GBP/JPY on daily candles. Buy when RSI(14) crosses above 35; sell when it crosses below 65. "
                "Trade only the New York session.")
    assert "trading hours filter" in {u.what for u in s.unsupported}


def test_stated_intraday_bars_are_not_called_unstated(spec_of) -> None:
    s = spec_of("On the 15-minute chart, buy when RSI(7) crosses above 25; sell when it crosses below 75.")
    assert "intraday bars" in {u.what for u in s.unsupported}
    assert "frequency not stated: daily assumed" not in s.assumptions
    assert any(a.startswith("intraday bars stated") for a in s.assumptions)


# --- settings stated in code or config and clock windows: listed beside the rule they leave untouched -------
@pytest.mark.parametrize("clause, what", [
    # bar lengths under a day, as a setting's value or a platform constant
    ('interval = get_setting("interval", "string", "5m")', "intraday timeframe"),
    ("horizon = 'h4'", "intraday timeframe"),
    ('bar_size = "15 mins"', "intraday timeframe"),
    ('granularity="m30"', "intraday timeframe"),
    ('df = yf.download("qqq", interval="1h")', "intraday timeframe"),
    ("klines = client.get_klines(symbol=pair, interval=client.kline_interval_15minute)", "intraday timeframe"),
    ('self.addequity("spy", resolution.minute)', "intraday timeframe"),
    # risk-based sizing settings
    ("input double risk_per_trade = 1.5;", "risk-based position sizing"),
    ("self.equity_risk_pc = 0.02", "risk-based position sizing"),
    ("extern double maximumrisk = 0.05;", "risk-based position sizing"),
    ("account_risk = 0.01", "risk-based position sizing"),
    # clock windows and hour tests
    ("trade only from 8:00 to 16:00 gmt.", "trading hours filter"),
    ("entries are allowed from 9:30am until 11am.", "trading hours filter"),
    ("context.trade_hour_start = 10", "trading hours filter"),
    ("if (hour() >= 9 && hour() < 17) { signal = check(); }", "trading hours filter"),
    ("if now.hour < 15 and rsi < 30:", "trading hours filter"),
    ("if (timehour(time[0]) > 7 && ma1 > ma2)", "trading hours filter"),
    # an entry order: a buy or sell stop placed beyond a bar, never a protective stop
    ("place a buy stop one tick above the high of the setup bar.", "stop or limit entry order"),
    ("then buy on a stop above the signal candle's high.", "stop or limit entry order"),
    ("shorts are entered with a sell stop 2 ticks below the low of the trigger bar.", "stop or limit entry order"),
    ("go long on a buy stop order above the inside bar's high.", "stop or limit entry order"),
    ("enter using a stop order at the prior bar's high.", "stop or limit entry order"),
])
def test_settings_clock_windows_and_entry_stops_are_listed(clause: str, what: str) -> None:
    found = {g.what for g, _, _ in gap_spans(clause)}
    assert what in found
    if what == "stop or limit entry order":
        assert "stop at a candle low or high" not in found


@pytest.mark.parametrize("clause", [
    'interval = "1d"',                         # daily bars
    "resolution = resolution.daily",
    "interval = 5",                            # a number with no unit
    "the interval between two signals is 15 minutes",
    "the test runs from 2010 to 2020.",        # years, not a clock
    "from 3 to 5 positions are held.",
    "place the stop below the low of the signal candle.",  # a protective stop, no entry order
    "risk management: a stop at 5%.",
])
def test_no_setting_where_none_is_stated(clause: str) -> None:
    found = {g.what for g, _, _ in gap_spans(clause)}
    assert not {"intraday timeframe", "risk-based position sizing", "trading hours filter", "stop or limit entry order"} & found


@pytest.mark.parametrize("text, entry, what", [
    ("Trade only from 8:00 to 16:00 GMT. Buy when the 10-day EMA crosses above the 30-day EMA.",
     "ema(10) crosses_above ema(30)", "trading hours filter"),
    ("Setup: the 8 EMA is above the 21 EMA and the RSI(14) is above 50. Entry: place a buy stop one tick above the high of the setup bar.",
     "ema(8) > ema(21) and rsi(14) > 50", "stop or limit entry order"),
    ("Conditions for a long: 1) the 50 SMA is above the 200 SMA, 2) RSI(14) crosses above 40. Then buy on a stop above the signal candle high.",
     "sma(50) > sma(200) and rsi(14) crosses_above 40", "stop or limit entry order"),
])
def test_a_listed_setting_keeps_the_entry(spec_of, text: str, entry: str, what: str) -> None:
    spec = spec_of(text)
    assert str(spec.entry) == entry and what in whats(spec)


@pytest.mark.parametrize("text", [
    "Our desk trades from 8:00 to 16:00 GMT. The euro rose against the dollar this week.",
    "Most brokers accept buy stop orders above the market. They fill once the price trades there.",
    "The tool downloads candles with interval = '5m' and plots them; it holds no strategy.",
])
def test_a_setting_alone_makes_no_strategy(spec_of, text: str) -> None:
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- parts that were silently dropped: Fibonacci levels with a number, divergences, ranges in pips, indicators ---
# --- the table does not know; each listed, the rest of the rule kept, never read as another indicator's rule ---
@pytest.mark.parametrize("clause, what", [
    ("buy when the price touches a fibonacci 61.8% retracement level.", "Fibonacci levels"),
    ("go long on a pullback to the 38.2% retracement.", "Fibonacci levels"),
    ("short once the price rejects the 50% fib level.", "Fibonacci levels"),
    ("the target is the 161.8% extension.", "Fibonacci levels"),
    ("take the trade at a fib zone.", "Fibonacci levels"),
    ("enter on a bullish divergence between price and the rsi.", "divergence filter"),
    ("sell after a bearish macd divergence.", "divergence filter"),
    ("buy on hidden divergence on the stochastic.", "divergence filter"),
    ("look for a positive divergence with the cci, then buy.", "divergence filter"),
    ("shorts need a divergence between the histogram and price.", "divergence filter"),
    ("buy only if the daily range is less than 50 pips.", "range filter in pips or points"),
    ("skip days when yesterday's range exceeds 120 points.", "range filter in pips or points"),
    ("the candle range must be at least 15 pips.", "range filter in pips or points"),
    ("enter when the average daily range is above 80 ticks.", "range filter in pips or points"),
    ("a bar range of 30 points or more is needed.", "range filter in pips or points"),
    ("buy when the choppiness index is below 38.", "choppiness index (an indicator foa lacks)"),
    ("the know sure thing indicator crosses above zero.", "kst (Know Sure Thing, an indicator foa lacks)"),
    ("sell when the ulcer index rises above 5.", "ulcer index (an indicator foa lacks)"),
    ("go long if the trend intensity index is over 60.", "trend intensity index (an indicator foa lacks)"),
    ("exit when the schaff cycle oscillator drops below 25.", "stc (Schaff Trend Cycle, an indicator foa lacks)"),
])
def test_parts_without_a_line_are_listed(clause: str, what: str) -> None:
    assert what in {g.what for g, _, _ in gap_spans(clause)}


@pytest.mark.parametrize("clause", [
    "moving average convergence divergence is the macd's full name.",   # MACD's name, no divergence filter
    "buy when the relative strength index is below 30.",                 # a table indicator
    "the stochastic oscillator is below 20.",
    "when the nasdaq composite index closes over its average, buy qqq.",  # a market index
    "the dollar index is above 100.",
    "the index is above its 200-day average.",
    "the trend indicator is above zero.",                                # too general to name one
    "buy when the rsi(3) of the entire index is under 20.",               # the market an indicator is read on
    "the daily range is wide today.",                                    # no range in pips
    "a retracement of 5% is bought.",                                    # a plain pullback, not a Fibonacci level
])
def test_no_such_part_where_none_is_stated(clause: str) -> None:
    found = {g.what for g, _, _ in gap_spans(clause)}
    assert not {"Fibonacci levels", "divergence filter", "range filter in pips or points"} & found
    assert not any(w.endswith("(an indicator foa lacks)") for w in found)


@pytest.mark.parametrize("text, entry, what", [
    ("Buy when the 5-day EMA crosses above the 13-day EMA, only if the daily range is less than 50 pips.",
     "ema(5) crosses_above ema(13)", "range filter in pips or points"),   # never "ema(13) < 50"
    ("Long when price breaks above the pivot point and the 20 EMA is above the 50 EMA.",
     "ema(20) > ema(50)", "pivot points"),                                # never "close crosses_above ema(20)"
    ("Buy when the price touches a Fibonacci 61.8% retracement level and the RSI(14) is below 40.",
     "rsi(14) < 40", "Fibonacci levels"),
    ("Enter when there is a bullish divergence between price and RSI and RSI(14) is below 30.",
     "rsi(14) < 30", "divergence filter"),
    ("Buy when the close is above the upper Donchian channel (20) and the Choppiness Index is below 38.",
     "close > highest(20)", "choppiness index (an indicator foa lacks)"),
    ("Go long when the Know Sure Thing indicator crosses above zero and the close is above the 200-day SMA.",
     "close > sma(200)", "kst (Know Sure Thing, an indicator foa lacks)"),
])
def test_the_part_is_listed_and_the_rest_kept(spec_of, text: str, entry: str, what: str) -> None:
    spec = spec_of(text)
    assert str(spec.entry) == entry and what in whats(spec)


@pytest.mark.parametrize("text", [
    "The choppiness index is below 38 this week, so the market is trending.",
    "A bullish divergence between price and RSI often precedes a rally.",
    "EUR/USD had a daily range of less than 50 pips on Friday.",
])
def test_such_a_part_in_commentary_makes_no_strategy(spec_of, text: str) -> None:
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- stops and targets at a moving line, calendar exits and leverage: listed, the rule kept --------------------
@pytest.mark.parametrize("clause, what", [
    ("take profit at the middle band.", "target at a band or channel line"),
    ("target: the opposite bollinger band.", "target at a band or channel line"),
    ("tp = upper band", "target at a band or channel line"),
    ("the profit target is the centre line of the channel.", "target at a band or channel line"),
    ("targets sit on the upper keltner channel.", "target at a band or channel line"),
    ("place the stop loss at the lower band minus 1 atr.", "stop at a band or channel line"),
    ("stop above the upper bollinger band.", "stop at a band or channel line"),
    ("the initial stop goes just below the lower channel line.", "stop at a band or channel line"),
    ("sl beyond the outer band.", "stop at a band or channel line"),
    ("a protective stop under the middle line.", "stop at a band or channel line"),
    ("close all positions before the weekend.", "time-based exit"),
    ("exit every position at the end of the week.", "time-based exit"),
    ("flatten the book ahead of each weekend.", "time-based exit"),
    ("sell by the close of the week.", "time-based exit"),
    ("we get out over the weekend.", "time-based exit"),
    ("enter with leverage of 3x.", "leveraged position"),
    ("we trade with 2:1 margin.", "leveraged position"),
    ("leverage: 5", "leveraged position"),
    ("use a margin of up to 4 times.", "leveraged position"),
    ("positions carry 10x leverage.", "leveraged position"),
])
def test_moving_line_stops_calendar_exits_and_leverage_are_listed(clause: str, what: str) -> None:
    assert what in {g.what for g, _, _ in gap_spans(clause)}


@pytest.mark.parametrize("clause", [
    "sell when the close crosses above the upper band.",   # an exit rule on the band, read as such
    "buy when the price touches the lower band.",
    "the stop is 2% below the entry.",
    "buy the 3x leveraged etf tqqq.",                      # a leveraged fund is an instrument
    "the fund uses a 3x leveraged index.",
    "the market fell over the weekend.",
])
def test_no_such_part_in_rules_on_lines_or_funds(clause: str) -> None:
    found = {g.what for g, _, _ in gap_spans(clause)}
    assert not {"target at a band or channel line", "stop at a band or channel line", "leveraged position", "time-based exit"} & found


@pytest.mark.parametrize("text, entry, listed", [
    ("Buy when the close is below the lower Bollinger Band (20,2) and RSI(14) is under 30. Take profit at the middle band. "
     "Place the stop loss at the lower band minus 1 ATR.",
     "close < bbands(20, 2).lower and rsi(14) < 30", {"target at a band or channel line", "stop at a band or channel line"}),
    ("Buy when the 9 EMA crosses above the 21 EMA. Close all positions before the weekend.",
     "ema(9) crosses_above ema(21)", {"time-based exit"}),
    ("Long entry when MACD crosses above signal with leverage of 3x. Exit on the opposite cross.",
     "macd().macd crosses_above macd().signal", {"leveraged position"}),
])
def test_the_listed_part_leaves_the_rule(spec_of, text: str, entry: str, listed: set) -> None:
    spec = spec_of(text)
    assert str(spec.entry) == entry and listed <= set(whats(spec))


# --- a learned filter, a blended score, another price input, a capped stop: listed, never dropped -------------------


@pytest.mark.parametrize("text, what", [
    ("Buy when the MACD line crosses above its signal line and the perceptron output is positive; sell on the opposite cross.",
     "machine-learning model filter"),
    ("Go long once RSI(14) dips under 30, but only if the neural network predicts a rise; exit when RSI(14) is over 60.",
     "machine-learning model filter"),
    ("Each month rank XLK, XLF, XLE, XLV and XLU by the average of their 3-, 6- and 12-month returns and hold the top 2.",
     "blended momentum score (several lookbacks in one score)"),
    ("Every month rank SPY, EFA, EEM, TLT and GLD by a blend of 1, 3 and 6 month returns and hold the top 2.",
     "blended momentum score (several lookbacks in one score)"),
    ("Buy when the close is under the lower Bollinger band (20, 2) computed on the typical price; sell above the middle band.",
     "indicator on a price other than the close"),
    ("basis = ta.sma(hlc3, 20)\nif ta.crossover(close, basis)\n    strategy.entry(\"L\", strategy.long)\n"
     "if ta.crossunder(close, basis)\n    strategy.close(\"L\")", "indicator on a price other than the close"),
    ("Buy when RSI(2) drops below 10; sell when the close is above the 5-day SMA. Stop: 2 x ATR(14) under the entry, "
     "or 6% maximum.", "stop capped at a maximum loss (the nearer of two stops)"),
    ("Go long when the 20-day EMA crosses above the 50-day EMA; exit on the cross back. The ATR stop is capped at 7%.",
     "stop capped at a maximum loss (the nearer of two stops)"),
])
def test_learned_blended_blended_price_and_capped_stop_are_listed(spec_of, text, what):
    spec = spec_of(text)
    assert spec.entry is not None or spec.ranking is not None
    assert what in whats(spec)


@pytest.mark.parametrize("text", [
    "Buy when the close crosses above the 50-day SMA; sell when it crosses below. The stop loss is 5%.",
    "Each month rank XLK, XLF, XLE, XLV and XLU by their 6-month return and hold the top 2.",
    "Buy when RSI(14) is below 30 and sell when it is above 70; risk at most 2% of equity, 10% or 20% max position.",
])
def test_plain_rules_list_none_of_these(spec_of, text):
    listed = set(whats(spec_of(text)))
    assert not listed & {"machine-learning model filter", "blended momentum score (several lookbacks in one score)",
                         "indicator on a price other than the close", "stop capped at a maximum loss (the nearer of two stops)"}


# --- a partial exit's condition never closes the whole position ----------------------------------------------------


@pytest.mark.parametrize("text, exit_", [
    ("Buy when RSI(2) drops below 5. Sell when the close is above the 5-day SMA. Or scale out: 50% when RSI(2) closes "
     "above 70, 50% on the 5-day SMA.", "close > sma(5)"),
    ("Buy when RSI(2) is below 10; take half the position off when RSI(2) rises above 70, and sell the rest when the "
     "close is above the 10-day SMA.", "close > sma(10)"),
    ("Go long when the 20-day EMA crosses above the 50-day EMA. Book half the profits when RSI(14) tops 75. Exit when the "
     "20-day EMA crosses below the 50-day EMA.", "ema(20) crosses_below ema(50)"),
    ("Enter long once the close is above the upper Bollinger band (20, 2). Take partial profits when RSI(14) is over 80; "
     "exit once the close is below the middle band.", "close < bbands(20, 2).middle"),
    ("Buy when CCI(20) crosses above -100. Sell a third of the position when CCI(20) reaches 100. Sell everything when "
     "CCI(20) falls below 0.", "cci(20) crosses_below 0"),
])
def test_partial_exit_condition_is_listed_not_the_exit(spec_of, text, exit_):
    spec = spec_of(text)
    assert str(spec.exit) == exit_
    assert any(w in whats(spec) for w in ("partial exit", "partial profit taking"))


@pytest.mark.parametrize("text, exit_", [
    ("Buy when RSI(2) is below 10. Sell when RSI(2) is above 70.", "rsi(2) > 70"),
    ("Buy when the close crosses above the 50-day SMA; sell the position when it crosses below.", "close crosses_below sma(50)"),
    ("Buy when the 10-day EMA rises above the 30-day EMA. Sell the entire position when RSI(14) is above 80.", "rsi(14) > 80"),
])
def test_full_exits_stay(spec_of, text, exit_):
    assert str(spec_of(text).exit) == exit_
