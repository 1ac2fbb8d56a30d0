"""Partial specs instead of refusals: when an action's own condition holds what foa cannot express, the
expressible part the text states beside it is the rule and the rest is listed in ``spec.unsupported``; a
rule part whose indicator settings cannot be computed is listed and the rest kept. Commentary and
tutorials stay refused (sentences written for these tests)."""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.extract.offline.leftovers import REQUIRED
from foa.spec import model as M
from foa.spec.validate import iter_exprs


def whats(spec) -> list[str]:
    return [u.what for u in spec.unsupported]


def names(cond) -> set[str]:
    return {e.name for e in iter_exprs(cond) if isinstance(e, M.IndicatorExpr)}


# --- a requirement stated beside an entry the reader cannot express --------------------------------------
# (verb, modal, indicator, number format and sentence order varied)
@pytest.mark.parametrize("text, side, expected", [
    ("Traders may go long once a bullish pin bar closes. The stochastic oscillator should be in oversold territory.",
     "entry", {"stoch"}),
    ("Enter long on an inside bar breakout. The RSI(14) must be below 40 and the close has to be above the 200-day SMA.",
     "entry", {"rsi", "sma"}),
    ("Buy when the book-to-market ratio is high. The 50-day EMA must sit above the 200-day EMA.",
     "entry", {"ema"}),
    ("Short the index after a bearish pin bar forms at resistance. The twenty-day EMA needs to be below the 100-day EMA.",
     "short_entry", {"ema"}),
    ("Purchase the stock when the earnings yield looks cheap.\nThe 2-period RSI has to read under ten.",
     "entry", {"rsi"}),
    ("We buy when the earnings yield is high for three quarters in a row. The 10 day CCI should be less than -100.",
     "entry", {"cci"}),
])
def test_a_requirement_beside_an_unexpressible_entry_is_the_entry(spec_of, text, side, expected):
    spec = spec_of(text)
    cond = getattr(spec, side)
    assert cond is not None and names(cond) == expected
    assert spec.unsupported, "the part the entry waits for is listed, never dropped"
    assert any("read as a condition of the" in a for a in spec.assumptions)


def test_the_listed_part_keeps_its_quote_and_page(spec_of):
    spec = spec_of("Market notes for the week.", "Go long when the earnings yield looks cheap. The RSI(5) should be under 25.")
    assert str(spec.entry) == "rsi(5) < 25"
    u = next(u for u in spec.unsupported if u.what == "fundamental data")
    assert u.page == 2 and u.quote.startswith("Go long when the earnings yield looks cheap")


@pytest.mark.parametrize("text", [
    # commentary: no action of a strategy of its own
    "The S&P closed above its 200-day average. Buyers stepped in after a green candle. The index must stay above "
    "the 50-day SMA for the rally to hold.",
    # a tutorial on levels
    "RSI above 70 is considered overbought. A green candle shows buyers in control; the RSI should be read with care.",
    # an action with an unexpressible condition and no requirement on an indicator: nothing expressible remains
    "Buy when a bullish pin bar prints after a tweezer bottom. The volume should be higher than the day before.",
    # a stop stated with a modal is a stop, never an entry condition
    "Buy when a bullish pin bar prints. The stop should be below the 20-day low.",
    # a requirement in an example is no rule
    "Buy when a bullish pin bar prints. For example, the RSI(14) should be below 30 on such a day.",
    # what traders tend to do, told in a tutorial
    "An inside bar shows indecision. Traders often go long after an inside bar breaks higher. The RSI should be below 30 "
    "for a stronger signal.",
    "Many swing traders short a bearish pin bar at resistance; the 20-day EMA must be under the 50-day EMA, they say.",
    "Investors typically buy after a tweezer bottom. The CCI(20) should read under -100 first.",
])
def test_no_requirement_makes_a_strategy_out_of_commentary_or_stops(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


def test_a_requirement_needs_an_action_that_holds_an_unexpressible_part(spec_of):
    # the entry was read: a requirement beside it is not added by this path (the spec is the read rule)
    spec = spec_of("Buy when the 20-day SMA crosses above the 50-day SMA. Sell when it crosses back below.")
    assert str(spec.entry) == "sma(20) crosses_above sma(50)"
    assert not any("read as a condition of the" in a for a in spec.assumptions)


def test_required_words():
    assert REQUIRED.search("the rsi should be below 30")
    assert REQUIRED.search("the ema has to be rising")
    assert REQUIRED.search("the close needs to hold above the sma")
    assert not REQUIRED.search("the rsi must not be above 70")
    assert not REQUIRED.search("the rsi is below 30")


# --- a rule with settings no engine computes is listed; the rest of the strategy stays ---------------------
@pytest.mark.parametrize("text, entry", [
    ("Buy when the 14-day RSI crosses above 30. Sell when the 2.5-day ATR is above 3.", "rsi(14) crosses_above 30"),
    ("Go long when the close crosses above the 20-day SMA; exit if the ATR(0.5) rises above 2.", "close crosses_above sma(20)"),
    ("Exit when the 1.5-bar ATR falls below 1. Enter long if the 9 EMA crosses over the 21 EMA.", "ema(9) crosses_above ema(21)"),
])
def test_an_uncomputable_rule_is_listed_not_a_refusal(spec_of, text, entry):
    spec = spec_of(text)
    assert str(spec.entry) == entry
    listed = [u for u in spec.unsupported if u.what.startswith("indicator setting foa cannot compute")]
    assert len(listed) == 1 and "atr window" in listed[0].what
    assert listed[0].quote in text
    assert "atr" not in names(spec.exit)
    # the exit was stated: the reversal says so instead of "exit not stated"
    assert not any(a.startswith("exit not stated") for a in spec.assumptions)


# --- a list of conditions, then an action line that names them as met ---------------------------------------------
@pytest.mark.parametrize("text, entry", [
    ("The setup has two rules:\n\n1. The close is above the 200-day SMA.\n2. The 2-day RSI is below 10.\n\n"
     "When both rules listed are true, buy SPY the next morning.", "close > sma(200) and rsi(2) < 10"),
    ("Conditions:\n\n- The 20-day EMA is above the 50-day EMA\n- The MACD histogram is above zero\n\n"
     "If all conditions are satisfied, we go long at the close.", "ema(20) > ema(50) and macd().hist > 0"),
    ("1) RSI(14) under 30\n2) Close below the lower Bollinger band (20, 2)\n\n"
     "Once these criteria are fulfilled, the system buys the next morning.", "rsi(14) < 30 and close < bbands(20, 2).lower"),
    ("- CCI(20) below -100\n- Close above the 150-day EMA\n\nWhen the above conditions are met, enter long.",
     "cci(20) < -100 and close > ema(150)"),
    ("Our filter list\n\n* The ten-day SMA is over the 30-day SMA.\n\n* The 5-period RSI is under 40.\n\n"
     "When all 2 requirements are in place, purchase QQQ at the close.", "sma(10) > sma(30) and rsi(5) < 40"),
])
def test_an_action_that_names_the_conditions_above_as_met_binds_them(spec_of, text, entry):
    assert str(spec_of(text).entry) == entry


def test_conditions_met_without_an_action_stay_unbound(spec_of):
    # a results line, not an action: nothing to bind
    with pytest.raises(NoStrategyFound):
        spec_of("- The close is above the 200-day SMA\n- The 2-day RSI is below 10\n\n"
                "When both conditions are met, returns over the next week average 0.8%.")


# --- a subject only implied after an indicator foa lacks is that indicator's, never the traded price ---------
@pytest.mark.parametrize("text", [
    "The weekly high of the VIX sits under its 15-day moving average. Go long SPY.",
    "Go long SPY when the low of the volatility index is above its 20-day SMA.",
    "Buy IWM when the VIX closes above its 50-day moving average.",
])
def test_a_vix_condition_is_never_read_on_the_traded_price(spec_of, text):
    try:
        spec = spec_of(text)
    except NoStrategyFound:
        return  # refused, with the VIX named: never a rule on the traded ticker's own price
    for cond in (spec.entry, spec.exit):
        for e in iter_exprs(cond):
            if isinstance(e, (M.PriceExpr, M.IndicatorExpr)) and e.symbol is None:
                assert not isinstance(e, M.PriceExpr), f"{cond} reads the VIX's condition on the traded price"


# --- keeping a holding while a state lasts, and a condition whose action opens the next part ------------------------
@pytest.mark.parametrize("text, entry, exit_", [
    ("If the close is above the 10-month SMA, maintain the position; otherwise move to cash.", "close > sma(10)", "close < sma(10)"),
    ("When the fund trades over its 40-week EMA, retain exposure; if it closes under it, sell.", "close > ema(40)", "close < ema(40)"),
    ("If price > 12-month MA, keep the position; else, if price < 12-month MA, go to cash.", "close > sma(12)", "close < sma(12)"),
    ("Maintain your long position as long as the 50-day SMA is above the 200-day SMA, and exit when it crosses below.",
     "sma(50) > sma(200)", "sma(50) < sma(200)"),
    ("If the index is over its 6-month average, we keep our holdings; else, when it is under it, step aside.",
     "close > sma(6)", "close < sma(6)"),
])
def test_keeping_a_position_while_a_state_lasts_is_the_entry(spec_of, text, entry, exit_):
    spec = spec_of(text)
    assert (str(spec.entry), str(spec.exit)) == (entry, exit_)


def test_keeping_a_position_until_is_no_entry(spec_of):
    with pytest.raises(NoStrategyFound):
        spec_of("Keep the position until the RSI(2) rises above 70.")


# --- a comparator glossed by a synonym in brackets ----------------------------------------------------------------------
@pytest.mark.parametrize("text, entry", [
    ("A buy signal is active whenever the 30-week moving average is greater (higher) than the 50-week moving average.",
     "sma(30) > sma(50)"),
    ("Go long when the close ends above (over) the 100-day EMA.", "close > ema(100)"),
    ("Sell when the 2-day RSI climbs higher (above) than 90. Buy when it is lower (or below) than 10.", "rsi(2) < 10"),
    ("Buy when the RSI(14) is under (below) 30; exit when the price falls below (under) the 20-day low.", "rsi(14) < 30"),
    ("Enter long when the 10-day SMA is higher (greater) than the 40-day SMA.", "sma(10) > sma(40)"),
])
def test_a_comparator_glossed_in_brackets_reads_as_the_comparator(spec_of, text, entry):
    assert str(spec_of(text).entry) == entry
