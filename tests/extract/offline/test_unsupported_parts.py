"""Parts foa cannot express, by word class: each part is found in its varied wordings (prose and platform code),
near wordings that are no such part are left alone, a spec lists the part beside the rule it does read, and a
refusal names the part by the name a researcher gives it ("intraday timeframe", "fixed-point stop")."""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.extract.offline.unsupported import common_name, gap_spans, mentioned_parts, part_phrase


def parts(clause: str) -> list[str]:
    return [g.what for g, _, _ in gap_spans(clause.lower())]


# --- intraday timeframe: every notation of a bar shorter than a day ---------------------------------------
@pytest.mark.parametrize("clause", [
    "The trading period is 15-minute.",
    "We run it on the hourly chart of the pound.",
    "Timeframe: M30",
    "works best on a 4h chart",
    "tested with a time frame of 30 minutes",
    "An intraday momentum strategy for the index future.",
    '{"pair": "ETH/USDT", "period": "5m"}',
    'fast_tf = input.timeframe(defval="240", title="Fast timeframe")',
    "Optimised for ETHUSDT 15m, adjust for other pairs.",
    "Use 10 second bars for the entry.",
])
def test_intraday_timeframe_notations(clause: str) -> None:
    assert "intraday timeframe" in parts(clause) or "intraday bars" in parts(clause)


@pytest.mark.parametrize("clause", [
    "This is a 5-minute read on momentum.",
    "Rebalance at 15:30 once a month after a 10-minute review.",
    "The meeting lasts 30 minutes.",
    "We waited an hour for the fill.",
])
def test_no_intraday_timeframe(clause: str) -> None:
    assert not {"intraday timeframe", "intraday bars"} & set(parts(clause))


# --- fixed-point stop or target: a distance in points, pips or ticks -------------------------------------
@pytest.mark.parametrize("clause", [
    "The robot uses a 150-point stop loss on every order.",
    "Risk 12 pips stop-loss and aim for 30 pips take profit.",
    "input ushort InpTarget = 80; // Target (in pips)",
    "TP : 60 or the next opposite cross",
    "order = place(sym, qty=50, sl=25, tgt=75)",
    "Stop Loss level, in points",
    "Place a 6 tick stop under the entry.",
])
def test_fixed_point_stop_wordings(clause: str) -> None:
    assert "stop or target in points or pips" in parts(clause)


@pytest.mark.parametrize("clause", [
    "He scored 20 points in the final quarter.",
    "stop_loss = 0.03",
    "take_profit = 12%",
    "target = 3 * stop_distance",
    "The index fell 300 points last week.",
])
def test_no_fixed_point_stop(clause: str) -> None:
    assert "stop or target in points or pips" not in parts(clause)


@pytest.mark.parametrize(("quote", "name"), [
    ("a 40-pip stop loss", "fixed-point stop"),
    ("SL = 35 points", "fixed-point stop"),
    ("Take profit: 90 pips", "fixed-point target"),
    ("tp=120", "fixed-point target"),
    ("20 pips stop-loss and 25 pips take profit", "fixed-point stop and fixed-point target"),
])
def test_fixed_point_common_name(quote: str, name: str) -> None:
    assert common_name("stop or target in points or pips", quote) == name


# --- trailing stop that is not a percentage -----------------------------------------------------------------
@pytest.mark.parametrize("clause", [
    "Then switch on a trailing stop once the trade is in profit.",
    "Trailing stop: enabled",
    "We trail the stop behind each new bar.",
    "TrailingStop = 30",
    "trail_offset: 12",
])
def test_trailing_stop_wordings(clause: str) -> None:
    assert any("trailing stop" in p for p in parts(clause))


@pytest.mark.parametrize("clause", [
    "Use an 8% trailing stop.",
    "trail the stop by 5 percent",
    "trailing_stop = 0.06",
    "He stopped trading after a trail run.",
])
def test_percent_trailing_stop_is_no_part(clause: str) -> None:
    assert not any("trailing stop" in p for p in parts(clause))


# --- time-based exit with a count the text leaves open, or in minutes --------------------------------------
@pytest.mark.parametrize("clause", [
    "Sell at the open N days later.",
    "Then cover the position X trading days after the signal.",
    "Each trade is held for a fixed number of sessions and then closed.",
    "We hold positions for N bars.",
    "There is a time stop as well.",
    "The position is sold after 45 minutes if nothing happens.",
    "if (BarsSinceEntry() >= 6) ExitLong();",
])
def test_time_based_exit_wordings(clause: str) -> None:
    assert "time-based exit" in parts(clause)


@pytest.mark.parametrize("clause", [
    "Hold the stock while it trades above its average.",
    "It took three days later to recover.",
    "We held a meeting for a number of hours.",
])
def test_no_time_based_exit(clause: str) -> None:
    assert "time-based exit" not in parts(clause)


# --- indicator slope in plain words --------------------------------------------------------------------------
@pytest.mark.parametrize("clause", [
    "The 40-day MA should also be rising.",
    "the 100 EMA must be sloping upward",
    "Wait until the average starts turning down.",
    "the more the line is slanting up, the stronger",
    "buy when the angle of the slow line is above zero",
])
def test_slope_wordings(clause: str) -> None:
    assert any(p in ("indicator slope", "moving-average slope") for p in parts(clause))


@pytest.mark.parametrize("clause", [
    "Prices are rising this week.",
    "The line of credit is falling due.",
    "volume is rising",
])
def test_no_slope(clause: str) -> None:
    assert not {"indicator slope", "moving-average slope"} & set(parts(clause))


# --- a session clock in code ---------------------------------------------------------------------------------
@pytest.mark.parametrize("clause", [
    "if (Times[0][0].TimeOfDay >= new TimeSpan(10, 30, 0))",
    "start_time = datetime.time(9, 45)",
    "session_time = time(8, 0)",
    "Trade only from 8:00 to 11:00 GMT.",
    "if (Hour() >= 9 && Hour() < 17)",
])
def test_session_clock_wordings(clause: str) -> None:
    assert "trading hours filter" in parts(clause)


@pytest.mark.parametrize("clause", ["the time of day matters little", "datetime.date.today()", "time.sleep(5)"])
def test_no_session_clock(clause: str) -> None:
    assert "trading hours filter" not in parts(clause)


# --- names --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("what", "quote", "name"), [
    ("intraday bars", "", "intraday timeframe"),
    ("stop or limit entry order", "Buy stop one tick above the high", "stop entry order"),
    ("stop or limit entry order", "enter on a limit order at the prior close", "limit entry order"),
    ("condition on the VIX (another market's level)", "", "signal from another instrument"),
    ("scaling in or pyramiding", "", "pyramiding (scaling in)"),
    ("stop or target in dollars", "Stop loss: $500", "dollar stop"),
    ("Morning Star (cdlmorningstar)", "", "candlestick pattern"),
    ("trailing stop", "", "trailing stop"),
])
def test_common_names(what: str, quote: str, name: str) -> None:
    assert common_name(what, quote) == name


def test_part_phrase_keeps_the_label_and_quote() -> None:
    assert part_phrase("intraday bars", "Timeframe: H1", 2) == 'intraday timeframe: intraday bars (p. 2: "Timeframe: H1")'
    assert part_phrase("options", "", 1) == "options (p. 1)"


# --- a spec lists the part beside the rule it reads; a refusal names it ---------------------------------------
def test_spec_lists_fixed_point_stop_and_trailing_stop(spec_of) -> None:
    spec = spec_of("Buy EURUSD when the 10-period EMA crosses above the 30-period EMA. "
                   "The robot places a 40-point stop loss and later a trailing stop.")
    assert str(spec.entry) == "ema(10) crosses_above ema(30)"
    assert {"stop or target in points or pips", "trailing stop"} <= {u.what for u in spec.unsupported}
    assert spec.risk.stop_loss is None and spec.risk.trailing_stop is None  # never approximated


def test_percent_trailing_stop_is_expressed(spec_of) -> None:
    spec = spec_of("Buy SPY when the 20-day SMA crosses above the 50-day SMA. Use a 7% trailing stop.")
    assert spec.risk.trailing_stop == pytest.approx(0.07)
    assert "trailing stop" not in {u.what for u in spec.unsupported}


def test_spec_lists_intraday_timeframe(spec_of) -> None:
    spec = spec_of("The trading period is 30-minute. Go long when RSI(14) crosses above 30; exit when it crosses above 70.")
    assert str(spec.entry) == "rsi(14) crosses_above 30"
    assert any(u.what in ("intraday bars", "intraday timeframe") for u in spec.unsupported)


def test_refusal_names_the_common_name(spec_of) -> None:
    with pytest.raises(NoStrategyFound) as err:
        spec_of("Timeframe: M5\nEnter with a buy stop one tick above the signal bar's high.\nStop loss: 15 pips.")
    msg = str(err.value)
    assert "intraday timeframe" in msg and "stop entry order" in msg and "fixed-point stop" in msg


def test_no_rule_refusal_mentions_parts() -> None:
    from types import SimpleNamespace as N

    c = N(orig="I scalp the 1-minute chart and trail my stop behind every bar.", page=3)
    found = [u.what for u in mentioned_parts([N(norm=c.orig.lower(), clause=c, example=False)])]
    assert found == ["intraday bars", "trailing stop"]
    ex = N(norm=c.orig.lower(), clause=c, example=True)
    assert mentioned_parts([ex]) == []  # an example names nothing


def test_commentary_stays_refused(spec_of) -> None:
    # a no-strategy text that names an intraday chart and a trailing stop is still refused, and says what it mentions
    with pytest.raises(NoStrategyFound) as err:
        spec_of("Markets were choppy on the 5-minute chart today. Many traders like a trailing stop in such weeks.")
    msg = str(err.value)
    assert "states a rule" not in msg and "intraday timeframe" in msg


# --- more parts by word class: a cap on trades, buying a fixed amount, the opening range, candle signals,
# targets at a multiple of the risk, conditions held over several closes, exits at the end of the day, bar counts
@pytest.mark.parametrize(("clause", "part"), [
    ("Take at most two trades per day.", "max trades per day"),
    ("No more than 3 entries per session are allowed.", "max trades per day"),
    ("We only open one position a day.", "max trades per day"),
    ("max_trades_per_day = 4", "max trades per day"),
    ("Limit of five orders each day.", "max trades per day"),
    ("We dollar-cost average into the index fund.", "dollar-cost averaging"),
    ("Buy $250 of QQQ every week.", "dollar-cost averaging"),
    ("The DCA bot buys every month.", "dollar-cost averaging"),
    ("Invest 1,000 dollars each month.", "dollar-cost averaging"),
    ("Dollar cost averaging smooths the entry.", "dollar-cost averaging"),
    ("Go long above the high of the first 15 minutes.", "opening range breakout"),
    ("Short below the low of the first hour.", "opening range breakout"),
    ("Our ORB strategy trades the index future.", "opening range breakout"),
    ("Enter on a bearish reversal candle at resistance.", "candlestick pattern"),
    ("Wait for a rejection candlestick, then buy.", "candlestick pattern"),
    ("Buy the close of a key reversal day.", "candlestick pattern"),
    ("Any bullish candlestick pattern at the band triggers a long.", "candlestick pattern"),
    ("Sell short after an outside reversal day.", "candlestick pattern"),
    ("Place the target at twice the stop distance.", "risk-multiple target"),
    ("Take profit at 2.5 times the initial risk.", "risk-multiple target"),
    ("Exit at 3x the risk amount.", "risk-multiple target"),
    ("Targets are set in R-multiples.", "risk-multiple target"),
    ("Profit target of double the stop loss.", "risk-multiple target"),
    ("Buy once it closes above the 50-day SMA for 3 days.", "consecutive closes"),
    ("Exit after two consecutive weekly closes under the average.", "consecutive closes"),
    ("If the stock stays below the band for two sessions, sell.", "consecutive closes"),
    ("Go long after four straight closes lower.", "consecutive closes"),
    ("Short after three straight days up.", "consecutive closes"),
    ("Close all trades by the end of the day.", "time-of-day exit"),
    ("Square off every position at 15:15.", "time-of-day exit"),
    ("We flatten before the end of the session.", "time-of-day exit"),
    ("exit_time = '15:45'", "time-of-day exit"),
    ("We are flat by the close every day.", "time-of-day exit"),
    ("if len(self) >= (self.bar_executed + 7): self.close()", "time-based exit"),
    ("holding_period = 12", "time-based exit"),
    ("if bar_index - strategy.opentrades.entry_bar_index(0) >= 8", "time-based exit"),
    ("exit_after_bars: 6", "time-based exit"),
    ("max_bars_in_trade = 20", "time-based exit"),
])
def test_more_parts(clause: str, part: str) -> None:
    found = parts(clause)
    assert part in found or (part == "opening range breakout" and "trading hours filter" in found), found


@pytest.mark.parametrize("clause", [
    "He makes two trades a year.",
    "Buy 100 shares of the fund.",
    "At the end of the day, it is what it is.",
    "The reversal in rates was sharp.",
    "Our target is a 10% return this year.",
    "The index closed higher for the third time this month.",
    "The first 30 minutes of the webinar cover basics.",
    "Average daily volume was 2 million shares.",
])
def test_no_more_parts(clause: str) -> None:
    assert parts(clause) == [], parts(clause)


@pytest.mark.parametrize(("what", "quote", "name"), [
    ("time-based exit", "if (BarsSinceEntry() >= 6)", "time-based exit (a bar-count exit)"),
    ("time-based exit", "Sell N days later.", "time-based exit"),
    ("trading hours filter", "Trade the opening range breakout.", "opening range breakout"),
    ("trading hours filter", "Only trade the London session.", "trading hours filter"),
])
def test_common_names_by_quote(what: str, quote: str, name: str) -> None:
    assert common_name(what, quote) == name


# --- a signal from another market named by a word, sizing by risk, trailing and loss caps, sessions, pairs, bar counts
@pytest.mark.parametrize(("clause", "part"), [
    ("When the 10-year yield falls below 4%, buy TLT.", "signal from another instrument"),
    ("If bonds are rising, hold equities.", "signal from another instrument"),
    ("Sell the airline stock when oil spikes above 100.", "signal from another instrument"),
    ("Go long ETH once bitcoin crosses above its 200-day SMA.", "signal from another instrument"),
    ("Stay in small caps while the dollar index is below its 50-day average.", "signal from another instrument"),
    ("Exit equities if the yield curve inverts.", "signal from another instrument"),
    ("Risk 2 percent of capital on each trade.", "position sizing rule"),
    ("Position size = account risk / stop distance", "position sizing rule"),
    ("Size it so a stop-out costs 0.5% of equity.", "position sizing rule"),
    ("We risk half a percent of the account on every entry.", "position sizing rule"),
    ("Move your stop up as the price rises.", "trailing stop"),
    ("Ratchet the stop higher after each new high.", "trailing stop"),
    ("Raise the stop-loss higher every week.", "trailing stop"),
    ("A 3% daily loss limit applies.", "daily loss limit"),
    ("Stop trading after two losses in a row on any day.", "daily loss limit"),
    ("max_daily_loss = 400", "daily loss limit"),
    ("Maximum daily drawdown is 5%.", "daily loss limit"),
    ("No more than 3 open positions at once.", "maximum open positions"),
    ("Up to five concurrent trades.", "maximum open positions"),
    ("max_open_trades = 4", "maximum open positions"),
    ("No new trades after 3 pm.", "trading hours filter"),
    ("Trade only the New York open.", "trading hours filter"),
    ("We never take entries before 10:00.", "trading hours filter"),
    ("Long the spread between KO and PEP when it is two deviations wide.", "pairs trade (spread of two assets)"),
    ("When the two stocks diverge, short the leader.", "pairs trade (spread of two assets)"),
    ("Trade the spread when the z-score passes 2.", "pairs trade (spread of two assets)"),
    ("Exit after 5 bars.", "time-based exit"),
    ("Close the trade after ten days.", "time-based exit"),
    ("Sell after holding for 20 sessions.", "time-based exit"),
    ("Get out on the 7th day.", "time-based exit"),
    ("Take 50% off at the first target.", "partial profit taking"),
    ("Use the daily chart for trend and the 1-hour for entries.", "intraday timeframe"),
    ("Trading on the one-hour chart only.", "intraday timeframe"),
])
def test_parts_by_word_class(clause: str, part: str) -> None:
    assert part in parts(clause), parts(clause)


@pytest.mark.parametrize("clause", [
    "If gold closes above its 50-day average, buy gold.",
    "Buy GLD when gold closes above its 50-day SMA.",
    "When the dollar is weak we like stocks.",
    "Bond yields were discussed at length.",
    "Move the stop to breakeven after 1R.",
    "We hold up to five stocks, ranked by momentum.",
    "The shop closes after 5 days of sales.",
    "Stop by after 3 pm for coffee.",
    "The signal candle's high must reach the upper band.",
    "entry_idx = bar_index - strategy.opentrades.entry_bar_index(0) + 1",
])
def test_near_parts_are_not_listed(clause: str) -> None:
    assert not {"signal from another instrument", "trailing stop", "maximum open positions", "time-based exit",
                "trading hours filter", "candlestick pattern"} & set(parts(clause)), parts(clause)


def test_other_market_listed_beside_the_rule(spec_of) -> None:
    spec = spec_of("Buy XLE when oil closes above its 50-day SMA; sell when oil closes below it.")
    assert "signal from another instrument" in {u.what for u in spec.unsupported}
    spec = spec_of("Buy GLD when gold closes above its 50-day SMA; sell when gold closes below it.")
    assert spec.unsupported == []


def test_bar_count_read_by_the_risk_reader_is_not_listed(spec_of) -> None:
    spec = spec_of("Buy SPY when RSI(2) drops below 10. Exit after 5 bars.")
    if spec.risk.max_holding_bars is not None:
        assert "time-based exit" not in {u.what for u in spec.unsupported}
    else:
        assert "time-based exit" in {u.what for u in spec.unsupported}


# --- named indicators neither foa nor TA-Lib has --------------------------------------------------------------
@pytest.mark.parametrize(("clause", "short"), [
    ("Buy when the KST crosses above its signal line.", "kst"),
    ("Go long once the Know Sure Thing turns up.", "kst"),
    ("Sell when the Schaff Trend Cycle drops below 75.", "stc"),
    ("Enter when WaveTrend crosses up under -60.", "wavetrend"),
    ("Take the long when the TTM Squeeze fires.", "squeeze"),
    ("The QQE line must be above 50.", "qqe"),
    ("Buy when the SSL channel flips up.", "ssl"),
    ("Exit when ALMA(21) turns down.", "alma"),
    ("Only trade while the McGinley Dynamic slopes up.", "mcginley"),
    ("Short when the Fisher Transform crosses below 1.5.", "fisher"),
    ("Enter when the price rises above the point of control.", "volume profile"),
    ("Go long while open interest rises with price.", "open interest"),
    ("Buy when Connors RSI is below 10.", "connors rsi"),
    ("Buy when the Alligator's lips cross above its teeth.", "alligator"),
])
def test_indicators_foa_lacks(clause: str, short: str) -> None:
    assert f"{short} (" in " ".join(parts(clause)) and "an indicator foa lacks" in " ".join(parts(clause))


@pytest.mark.parametrize("clause", [
    "Alma said the plan was fine.",
    "In the first half of the year stocks rose.",
    "Interest rates were left open for debate.",
    "The squeeze on margins continued.",
])
def test_no_indicator_foa_lacks(clause: str) -> None:
    assert not any("an indicator foa lacks" in p for p in parts(clause)), parts(clause)


# --- fundamentals, option structures, adding to a position, sizing by the last trade, weekday and clock timing ---
@pytest.mark.parametrize(("clause", "part"), [
    ("Only companies with positive earnings qualify.", "fundamental data"),
    ("Buy stocks with rising EPS and a golden cross.", "fundamental data"),
    ("Require a Piotroski F-score of 7 or more.", "fundamental data"),
    ("Go long after an earnings beat.", "fundamental data"),
    ("Skip names with short interest above 15%.", "fundamental data"),
    ("Buy on insider buying clusters.", "fundamental data"),
    ("Buy LEAPS on the index when it dips.", "options"),
    ("Open a bull call spread at the signal.", "options"),
    ("Hedge with a protective put.", "options"),
    ("Sell 0DTE puts every morning.", "options"),
    ("Buy 30-delta calls on the breakout.", "options"),
    ("Buy more on pullbacks to the average.", "pyramiding"),
    ("Add on dips while the trend holds.", "pyramiding"),
    ("Enter half now and the other half on a close above the high.", "pyramiding"),
    ("We average down once.", "pyramiding"),
    ("Increase position size after a win.", "martingale sizing"),
    ("Halve the trade size after each loss.", "martingale sizing"),
    ("Exit on Friday's close.", "time-based exit"),
    ("Sell at Monday's open.", "time-based exit"),
    ("Buy at 10:00 am if the gap is filled.", "time-of-day entry"),
    ("Enter short at 14:30 when the range breaks.", "time-of-day entry"),
    ("Go long at 9:45 am on strong days.", "time-of-day entry"),
])
def test_parts_of_the_rule_around_it(clause: str, part: str) -> None:
    assert part in parts(clause), parts(clause)


@pytest.mark.parametrize("clause", [
    "eps = 1e-9",
    "Buy more than 100 shares.",
    "Add 2 to the counter.",
    "The meeting opens at 10:00 am.",
    "Earnings season starts next week.",
])
def test_no_parts_around_it(clause: str) -> None:
    assert not {"fundamental data", "pyramiding", "time-of-day entry", "options"} & set(parts(clause)), parts(clause)


@pytest.mark.parametrize("clause", [
    "Engulfing candles must trend up on the daily and weekly charts.",
    "Confirm on the 1-hour and 4-hour timeframes.",
    "Check that your weekly chart shows an uptrend.",
    "Trade only when the higher timeframe is trending down.",
    "Use daily & weekly candles together.",
])
def test_multi_timeframe_wordings(clause: str) -> None:
    assert "multi-timeframe filter" in parts(clause), parts(clause)


@pytest.mark.parametrize("clause", ["We publish daily and weekly reports.", "The weekly chart is shown below.",
                                    "Daily and weekly returns are compared."])
def test_no_multi_timeframe(clause: str) -> None:
    assert "multi-timeframe filter" not in parts(clause), parts(clause)


def test_consecutive_closes_named() -> None:
    assert common_name("consecutive bars condition", "two closes in a row below the 10-day EMA") == "consecutive closes"
    assert common_name("consecutive bars condition", "three consecutive up days") == "consecutive bars condition"


@pytest.mark.parametrize("clause", ["interval=CandleInterval.CANDLE_INTERVAL_5_MIN", "tf = Interval.INTERVAL_1_HOUR",
                                    "client.get_klines(interval=INTERVAL_15_MINUTES)"])
def test_interval_constants(clause: str) -> None:
    assert "intraday timeframe" in parts(clause), parts(clause)


# --- a fallback asset out of the holding -------------------------------------------------------------------------
@pytest.mark.parametrize("clause", [
    "Hold SPY while it is above its 10-month SMA, otherwise hold bonds.",
    "Switch the money into TLT when the signal turns.",
    "Rotate to gold when stocks lag the bill rate.",
    "If not, buy the aggregate bond fund.",
    "Move all holdings into treasuries at a sell signal.",
])
def test_fallback_asset_wordings(clause: str) -> None:
    assert "fallback asset" in parts(clause), parts(clause)


@pytest.mark.parametrize("clause", ["Otherwise move to cash.", "Otherwise buy Treasury bills.", "Switch to a daily chart.",
                                    "Rotate into the strongest sector."])
def test_flat_side_is_no_fallback_asset(clause: str) -> None:
    assert "fallback asset" not in parts(clause), parts(clause)


def test_fallback_asset_listed_once(spec_of) -> None:
    spec = spec_of("Hold SPY while it closes above its 10-month SMA; otherwise hold TLT.")
    assert [u.what for u in spec.unsupported].count("fallback asset") <= 1
    assert "fallback asset" in {u.what for u in spec.unsupported}
