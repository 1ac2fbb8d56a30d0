"""Stops, targets, trailing and ATR stops, time exits and costs."""

from __future__ import annotations

from foa.spec import model as M
from foa.extract.offline import extract_offline
from foa.extract.offline.text import normalize
import pytest
from foa.extract.offline.risk import risk_of
from foa.extract.offline.cues import roles_of
from foa.extract.offline.conditions import walk


def indicators(cond) -> list[tuple[str, dict]]:
    return [(e.name, e.params) for e in walk(cond) if isinstance(e, M.IndicatorExpr)]


@pytest.mark.parametrize("phrase, field, value", [
    ("cut losses at 7%", "stop_loss", 0.07),
    ("exit if price falls 5% below entry", "stop_loss", 0.05),
    ("a trailing stop of 10% protects gains", "trailing_stop", 0.10),
    ("take profits at +15%", "take_profit", 0.15),
    ("place a stop-loss 4 percent under the purchase price", "stop_loss", 0.04),
    ("our profit target is 12%", "take_profit", 0.12),
])
def test_stops_and_targets_in_words(spec_of, phrase, field, value):
    s = spec_of(f"Buy when the 30-day SMA crosses above the 90-day SMA; {phrase}.")
    assert getattr(s.risk, field) == pytest.approx(value)


def test_atr_stop_multiple(spec_of):
    s = spec_of("Enter long above the 40-day high. Use a 3x ATR stop.")
    assert s.risk.atr_stop is not None and s.risk.atr_stop.multiple == 3.0


def test_negated_stop_is_not_a_stop(spec_of):
    s = spec_of("Buy when price is above the 100-day SMA, sell below it. We do not use a stop loss of 5% or any other.")
    assert s.risk.stop_loss is None


def test_atr_stop_multiple_without_x_and_target_from_entry():
    spec = extract_offline("Buy when the close is above the 100-day SMA. Each trade has a stop at 3N from entry, "
                           "N being the 25-day ATR. The profit target sits 12% above the entry.")
    assert spec.risk.atr_stop.multiple == 3 and spec.risk.atr_stop.window == 25
    assert spec.risk.take_profit == pytest.approx(0.12)


def test_a_score_definition_feeds_the_ranking():
    text = "# score = total return over the past 9 months\n# each month buy the top 20% by score"
    spec = extract_offline(text)
    assert spec.ranking.by.params["window"] == 9 and spec.ranking.top_pct == 0.2


def test_stops_and_targets_in_basis_points():
    spec = extract_offline("Long when the 30-day SMA is above the 90-day SMA. Hard stop 80 bps below entry, profit target 250 basis points.")
    assert (spec.risk.stop_loss, spec.risk.take_profit) == (0.008, 0.025)


@pytest.mark.parametrize("sentence, multiple", [
    ("Stop: 3 x ATR(21) from entry.", 3.0),
    ("The initial stop sits two and a half ATRs below the entry price.", 2.5),
])
def test_atr_stops_in_more_phrasings(sentence, multiple):
    spec = extract_offline("Buy when the 10-day EMA crosses above the 40-day EMA. " + sentence)
    assert spec.risk.atr_stop is not None and spec.risk.atr_stop.multiple == multiple


@pytest.mark.parametrize("sentence, key, value", [
    ("Stop loss is always 3 percent from the entry.", "stop_loss", 0.03),
    ("Our stop-loss is usually 1.5% under the fill.", "stop_loss", 0.015),
    ("A stop of 250bp under the entry protects each trade.", "stop_loss", 0.025),
])
def test_stops_in_words(spec_of, sentence, key, value):
    s = spec_of("Buy when the 20-day SMA crosses above the 50-day SMA. " + sentence)
    assert getattr(s.risk, key) == pytest.approx(value)


def test_atr_stop_with_the_atr_window_inside(spec_of):
    s = spec_of("Buy at a new 30-day high. Protective stop: 1.5 times the 15-day ATR below the entry price.")
    assert s.risk.atr_stop == M.AtrStop(window=15, multiple=1.5)
    s = spec_of("Buy at a new 30-day high. The stop sits 4 ATR from the entry, with the average true range measured "
                "over 21 days.")
    assert s.risk.atr_stop == M.AtrStop(window=21, multiple=4)


@pytest.mark.parametrize("text,expected", [
    ("get out if the position moves 4% against you", {"stop_loss": 0.04}),
    ("lock in profits once the trade is up 25%", {"take_profit": 0.25}),
    ("the stop sits 2 atrs (20-day atr) under the entry", {"atr_multiple": 2.0}),
    ("initial stop 1.5 atrs below the fill", {"atr_multiple": 1.5}),
])
def test_worded_stops_and_targets(text, expected):
    assert risk_of(text) == expected


def test_stops_and_targets_measured_from_what_was_paid():
    assert risk_of("if it slips 6% below what i paid, i'm out.") == {"stop_loss": 0.06}
    assert risk_of("once it trades 18% above my entry price i sell half and then the rest.") == {"take_profit": 0.18}
    # guards: a distance from an average or a high is not a stop or a target
    assert risk_of("the stock closed 12% below its 52-week high and we sell nothing.") == {}
    assert risk_of("qqq is 7% above the 200-day average.") == {}


def test_shorts_exit_is_the_short_side_and_a_subject_stops_at_a_semicolon(spec_of):
    assert "cover" in roles_of("shorts are covered on a 10-day high.")
    spec = spec_of("Go long when price exceeds the 40-day high and go short when price falls below the 40-day low. "
                   "Longs exit on a 15-day low; shorts exit on a 15-day high.")
    assert spec.direction == "long_short"
    assert isinstance(spec.short_exit.left, M.PriceExpr)
    assert indicators(spec.short_exit) == [("highest", {"window": 15})]


def test_atr_stops_with_their_window(spec_of):
    assert risk_of("exit with a stop 2.5 times the 10-day atr under the entry.") == {"atr_multiple": 2.5}
    spec = spec_of("Buy SLV when the close crosses above the 30-day EMA. "
                   "Exit: a stop 2.5 times the 10-day ATR under the entry price.")
    assert spec.risk.atr_stop == M.AtrStop(window=10, multiple=2.5)
    assert all(n != "atr" for n, _ in indicators(spec.exit))  # the ATR is the stop's, not a rule's
    spec = spec_of("Buy on a close above the 50-day high. N is the 30-day ATR. Stops go 3N below entry.")
    assert spec.risk.atr_stop == M.AtrStop(window=30, multiple=3.0)


def test_a_one_day_move_with_a_time_exit(spec_of):
    spec = spec_of("Buy IWM at the close whenever it drops 3% or more in a single day and sell it 4 trading days later.")
    assert indicators(spec.entry) == [("roc", {"window": 1})]
    assert spec.entry.op == "<" and spec.entry.right.value == -0.03
    assert spec.risk.max_holding_bars == 4 and spec.exit is None  # the clock is the exit, not the entry reversed
    spec = spec_of("Short TSLA when it rises 8% in a single session; cover after 3 days.")
    assert spec.direction == "short_only" and spec.short_entry.op == ">" and spec.short_entry.right.value == 0.08
    assert risk_of("we hold each trade for 6 sessions.") == {"max_holding_bars": 6}


def test_stop_out_at_and_r_multiple_targets():
    assert risk_of("take 8% profit or stop out at 4%") == {"take_profit": 0.08, "stop_loss": 0.04}
    assert risk_of("sl 2% tp 3r") == {"stop_loss": 0.02, "take_profit": 0.06}
    assert risk_of("stop 1.5% with a 2r target") == {"stop_loss": 0.015, "take_profit": 0.03}
    # an R target without a stated stop has nothing to multiply: nothing is guessed
    assert risk_of("tp 2r") == {}


@pytest.mark.parametrize("text, stop", [
    ("stop out if price rises 3% against the position.", 0.03),
    ("if a stock fall 9% from my buy price, i sell it.", 0.09),
])
def test_stop_phrasings_read_alone(text, stop):
    assert risk_of(normalize(text))["stop_loss"] == pytest.approx(stop)


@pytest.mark.parametrize("text, tp", [
    ("Sell the position once I'm up 9% on it.", 0.09),
    ("Close it when we're up by 14%.", 0.14),
    ("Our profit objective is a 7.5% gain.", 0.075),
    ("The take-profit is an 11% move from entry.", 0.11),
])
def test_profit_target_as_the_speakers_gain(text, tp):
    assert risk_of(normalize(text)).get("take_profit") == pytest.approx(tp)


def test_a_gain_in_a_momentum_rule_is_not_a_target():
    assert "take_profit" not in risk_of(normalize("Buy the index when it is up 10% over the past year."))


@pytest.mark.parametrize("sentence", [
    "Exit: a trailing stop 2.5 times the 10-day ATR under the highest high.",
    "I also trail my stop at 3x ATR(20).",
    "Trailing stop of 2.5 ATR(14).",
    "Protect the position with an ATR trailing stop.",
])
def test_atr_trailing_stop_is_listed_never_approximated(spec_of, sentence):
    # foa's atr_stop is fixed at the entry: a stop that trails in ATRs cannot be expressed, so it is listed
    spec = spec_of(f"Buy SLV when the close crosses above the 30-day EMA. {sentence}")
    assert spec.risk.atr_stop is None and spec.risk.trailing_stop is None
    assert [u.what for u in spec.unsupported] == ["ATR trailing stop"]
    assert all(n != "atr" for n, _ in indicators(spec.entry))


@pytest.mark.parametrize("sentence, bars", [
    ("Sell when RSI(4) closes back above 65, or after 8 trading days, whichever comes first.", 8),
    ("Sell when RSI(4) is above 65. Exit any trade after 12 days.", 12),
    ("Close the position after 6 sessions if the target has not been hit.", 6),
    ("Time stop: 15 bars.", 15),
    ("The maximum holding period is 20 days.", 20),
])
def test_time_exits_beside_a_rule_exit(spec_of, sentence, bars):
    spec = spec_of(f"Buy IWM when the 4-day RSI drops below 15. {sentence}")
    assert spec.risk.max_holding_bars == bars


def test_a_hold_period_is_the_exit_not_the_entry_reversed(spec_of):
    spec = spec_of("Buy IWM when RSI(3) drops below 8. Hold for 6 days then sell.")
    assert spec.risk.max_holding_bars == 6
    assert spec.exit is None
    assert not any("entry rule reversed" in a for a in spec.assumptions)


def test_days_that_describe_a_condition_are_not_a_time_exit():
    assert "max_holding_bars" not in risk_of(normalize("sell after 3 days of closes below the 10-day sma."))
    assert "max_holding_bars" not in risk_of(normalize("buy after 5 down days in a row."))


_BASE = "Buy IWM when the close crosses above the 150-day SMA; sell when it crosses below the 150-day SMA. "


@pytest.mark.parametrize("sentence, costs", [
    ("Trading costs are taken as 3 bp per side.", {"fees": 0.0003}),
    ("Costs: 4 bp per side.", {"fees": 0.0004}),
    ("We pay 3 basis points of commission per side.", {"fees": 0.0003}),
    ("Assume 0.03% commission per side.", {"fees": 0.0003}),
    ("Slippage of 6 bp.", {"slippage": 0.0006}),
    ("We assume 7 bp of slippage per trade.", {"slippage": 0.0007}),
    ("Commission: $7 per order.", {"fixed_fee": 7.0}),
    ("Fees of 20bps round trip.", {"fees": 0.001}),
    ("Round-trip costs of 0.3% are assumed.", {"fees": 0.0015}),
    ("Slippage of 0.04% and commissions of 0.08%.", {"fees": 0.0008, "slippage": 0.0004}),
])
def test_costs_in_words(spec_of, sentence, costs):
    spec = spec_of(_BASE + sentence)
    got = {k: v for k, v in spec.costs.model_dump().items() if v}
    assert got == pytest.approx(costs)
    assert not any("no costs stated" in a for a in spec.assumptions)


def test_costs_in_a_pine_strategy_call(spec_of):
    code = ("//@version=5\nstrategy('cross', commission_type=strategy.commission.percent, commission_value=0.04)\n"
            "fast = ta.ema(close, 9)\nslow = ta.ema(close, 21)\nif ta.crossover(fast, slow)\n    strategy.entry('L', strategy.long)\n"
            "if ta.crossunder(fast, slow)\n    strategy.close('L')")
    spec = spec_of(code)
    assert spec.costs.fees == pytest.approx(0.0004)


def test_a_stop_in_basis_points_is_not_a_cost(spec_of):
    spec = spec_of(_BASE + "Place a hard stop 150 bps below the entry.")
    assert spec.costs.fees == 0 and spec.costs.slippage == 0


def test_a_cost_that_cannot_be_read_is_listed_not_called_unstated(spec_of):
    spec = spec_of(_BASE + "Commission is 1 cent per share.")
    assert spec.costs.fees == 0 and spec.costs.fixed_fee == 0
    assert [u.what for u in spec.unsupported] == ["costs as stated"]
    assert not any("no costs stated" in a for a in spec.assumptions)
    spec = spec_of(_BASE + "We ignore commissions here.")
    assert spec.unsupported == [] and "no costs stated: assumed 0" in spec.assumptions


@pytest.mark.parametrize("text, bars", [
    ("Buy IWM when the close crosses above the 150-day SMA and sell it a month later.", 21),
    ("Buy IWM when RSI(3) drops below 8. Hold for 2 weeks then sell.", 10),
    ("Using monthly bars, buy IWM when the close is above the 10-month SMA; sell it 3 months later.", 3),
])
def test_time_exits_in_weeks_and_months_are_converted_to_bars(spec_of, text, bars):
    spec = spec_of(text)
    assert spec.risk.max_holding_bars == bars
    assert spec.exit is None  # the clock is the exit, not the entry reversed


def test_a_hold_period_of_a_ranking_is_its_rebalance_not_a_time_exit(spec_of):
    spec = spec_of("Each month rank IWM, IEF, GLD and TLT by their 6-month return, buy the top 2 and hold them for 1 month.")
    assert spec.ranking is not None and spec.rebalance == "monthly"
    assert spec.risk.max_holding_bars is None and spec.unsupported == []


@pytest.mark.parametrize("clause, pct", [
    ("trail the stop 7% below the highest close since entry.", 0.07),
    ("the stop trails the price by 5%.", 0.05),
    ("exit if the price falls 8% from its highest point since the trade was opened.", 0.08),
    ("sell once it drops 12% off the peak reached while in the trade.", 0.12),
])
def test_a_stop_that_trails_is_a_trailing_stop_not_a_fixed_one(clause, pct):
    assert risk_of(clause) == {"trailing_stop": pct}


def test_a_fall_from_a_high_with_no_since_the_entry_is_no_trailing_stop():
    # "15% below its 52-week high" measures the market, not the open trade
    assert "trailing_stop" not in risk_of("buy when the index falls 15% from its 52-week high.")


@pytest.mark.parametrize("clause, sl, tp", [
    ("exit when the position loses 4% or gains 12%.", 0.04, 0.12),
    ("sell if the trade is down 5% from the purchase price, or up 15%.", 0.05, 0.15),
])
def test_a_loss_and_a_gain_in_one_breath_are_the_stop_and_the_target(clause, sl, tp):
    out = risk_of(clause)
    assert (out.get("stop_loss"), out.get("take_profit")) == (sl, tp)


def test_a_past_tense_move_above_the_buy_price_is_a_target(spec_of):
    spec = spec_of("Buy XLF when the 50-day SMA crosses above the 200-day SMA. Sell when the stock has risen 25% above the buy price.")
    assert spec.risk.take_profit == 0.25 and spec.risk.stop_loss is None


@pytest.mark.parametrize("text, fees", [
    ("Commissions at my broker are about 0.05% per trade.", 0.0005),
    ("Our fees come to roughly 8 bp.", 0.0008),
    ("Assume slippage of about 3 bp and commission of approximately 0.1%.", 0.001),
])
def test_costs_stated_with_a_hedge_word(text: str, fees: float) -> None:
    from foa.extract.offline.risk import costs_of

    assert costs_of(text.lower())["fees"] == pytest.approx(fees)


# --- a short form with its name spelled out after it ("2 ATR (Average True Range)") is the short form -----------------


@pytest.mark.parametrize("text, multiple", [
    ("Buy when the close is above the 20-day high; sell when it is below the 10-day low. Initial stop loss is placed at "
     "2 ATR (Average True Range) from the entry price.", 2),
    ("Go long once the 20-day EMA crosses above the 50-day EMA; exit on the cross back. The stop sits 3 ATR (average "
     "true range) below the entry.", 3),
    ("Buy when RSI (relative strength index) of 14 days is under 30; sell when it is over 70. Stop: 1.5 ATR (Average "
     "True Range) from the fill.", 1.5),
])
def test_spelled_out_short_form_keeps_the_atr_stop(spec_of, text, multiple):
    stop = spec_of(text).risk.atr_stop
    assert stop is not None and stop.multiple == multiple


@pytest.mark.parametrize("raw, kept", [
    ("buy SPY (the S&P 500 fund) when", "spy (the s&p 500 fund)"),        # brackets that do not spell the code stay
    ("trade QQQ (nasdaq tracker) daily", "qqq (nasdaq tracker)"),
    ("the ATR (14 days) is rising", "atr (14 days)"),
])
def test_brackets_that_spell_nothing_stay(raw, kept):
    assert kept in normalize(raw)


@pytest.mark.parametrize("text", [
    "Buy when the close is above the 20-day high; sell below the 10-day low. Risk 2% per trade with a fixed 5% stop.",
    "Buy when RSI(2) is under 10 and sell when it is over 70; hold 25% of equity in each position.",
])
def test_plain_sizing_is_no_volatility_sizing(spec_of, text):
    whats = [u.what for u in spec_of(text).unsupported]
    assert not any("volatility" in w for w in whats)
