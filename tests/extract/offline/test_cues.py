"""Roles (buy, sell, short, exit) and what is not a rule (hedged meanings, adjectives that look like cues)."""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.extract.offline.cues import is_hedged, roles_of
from foa.spec import model as M
from foa.spec.model import StrategySpec
from foa.extract.evaluate import _spec_constants
from foa.extract.offline import extract_offline
from foa.extract.offline.cues import is_report
from foa.extract.offline.cues import is_tried
from foa.spec.validate import iter_indicators
from foa.extract.offline.cues import label_role
from foa.samples import load_sample
from foa.extract.offline.text import normalize
from foa.extract.offline.cues import reentry_ranges
from foa.extract.evaluate import score_case
from foa.extract.offline.cues import split_subclauses
from foa.extract.evidence import verify_evidence
from foa.extract.offline.conditions import walk
from tests.extract.offline.helpers import inds, windows, window_inds


def test_a_trend_called_flat_is_not_an_exit():
    assert roles_of("the 30-week average is trending flat or slightly up") == set()
    assert roles_of("go flat when the close drops under the 20-day low") == {"exit"}
    assert roles_of("long when above, flat when below") >= {"exit"}


def test_what_a_signal_may_mean_is_not_a_rule(spec_of):
    assert is_hedged("a close above the band could be seen as a sell signal")
    with pytest.raises(NoStrategyFound):
        spec_of("When the 12-day EMA crosses over the 26-day EMA, this could be read as a sign to buy. "
                "A cross the other way is generally considered bearish.")


def test_a_stated_signal_is_still_a_rule(spec_of):
    spec = spec_of("We get our buy signal once the 12-day EMA crosses above the 26-day EMA.")
    assert spec.entry.op == "crosses_above"


def test_a_tutorial_of_named_lines_only_is_refused(spec_of):
    with pytest.raises(NoStrategyFound):
        spec_of("Where are the signals on a MACD chart? When the MACD line crosses over the signal line it might be "
                "seen as a buy signal; a cross under it could be read as a sell signal.")


def test_what_a_cross_indicates_about_the_trend_is_not_a_rule():
    assert is_hedged("a cross of the two averages above zero indicates a strong uptrend")


def test_what_buy_and_hold_means_is_not_a_holding(spec_of):
    with pytest.raises(NoStrategyFound):
        spec_of("Buy and hold (BAH) means owning broad index funds for decades. Buy the dip is its active "
                "cousin that adds on price declines.")


def dump(cond) -> dict | None:
    return cond.model_dump(exclude_none=True, exclude_defaults=True) if cond is not None else None


def indicators(cond) -> list[tuple[str, dict]]:
    return [(e.name, e.params) for e in walk(cond) if isinstance(e, M.IndicatorExpr)]


def cond_windows(cond) -> list:
    return [p.get("window") for _, p in indicators(cond)]


def read_sample(name: str) -> tuple[M.StrategySpec, object]:
    doc = load_sample(name)
    return verify_evidence(extract_offline(doc), doc), doc


def quotes(spec: M.StrategySpec) -> dict[str, str]:
    return {e.field: e.quote for e in spec.evidence}


@pytest.mark.parametrize("text, direction", [
    ("Go long when the 10-day SMA crosses above the 40-day SMA and go short on the opposite cross.", "long_short"),
    ("Rank by 12-month return monthly; long the top decile, short the bottom decile.", "long_only"),
    ("Sell short when the 20-day SMA crosses below the 60-day SMA; cover when it crosses back above.", "short_only"),
    ("Buy when the 10-day SMA crosses above the 40-day SMA; sell when it crosses below.", "long_only"),
    ("Buy above the 200-day SMA, sell below it. There is no shorting in this system.", "long_only"),
])
def test_direction_cues(spec_of, text, direction):
    assert spec_of(text).direction == direction


def test_examples_are_not_rules(spec_of):
    s = spec_of("For instance, a 10-day average would react faster. Our rule: buy when price is above the "
                "150-day SMA and sell when it falls below.")
    assert windows(s, "sma") == {150}


def test_advice_is_not_a_rule(spec_of):
    s = spec_of("Buy when the 8-day EMA crosses above the 21-day EMA. Combine with RSI for better entries.")
    assert {i.name for i in iter_indicators(s)} == {"ema"}


@pytest.mark.parametrize("text", [
    "Stocks fell 2% as the central bank signalled more hikes; the index is now below its 50-day average.",
    "Trading is mostly psychology. Be patient, keep a journal and never risk what you cannot lose.",
    "Quarterly revenue rose 12% to $4.1 billion and the shares hit a new 52-week high after hours.",
    "",
])
def test_commentary_raises_no_strategy(spec_of, text):
    with pytest.raises(NoStrategyFound) as info:
        spec_of(text)
    assert "no concrete" in str(info.value)


def test_leading_labels_give_the_line_its_role():
    text = "- Entry: RSI(3) < 10\n- Filter: close > EMA(150)\n- Exit: close > EMA(10)\n- Universe: `XLV`"
    spec = extract_offline(text)
    assert window_inds(spec) == {("rsi", 3), ("ema", 150), ("ema", 10)}
    assert 10 in _spec_constants(spec)
    assert spec.universe.symbols == ["XLV"]


def test_short_as_a_verb_after_its_subject():
    spec = extract_offline("This sleeve is short-only: we short EEM whenever it closes below its 120-day moving average "
                           "and cover when it closes back above it.")
    assert spec.direction == "short_only"
    assert spec.short_entry is not None and spec.entry is None


def test_faster_and_slower_one_are_roles_not_the_number_one():
    spec = extract_offline("Go long when a faster exponential moving average crosses above a slower one. "
                           "Fast length: 8. Slow length: 34.")
    assert 1.0 not in _spec_constants(spec)
    assert spec.entry.op == "crosses_above"


def test_a_condition_asked_as_a_question_and_answered_if_yes():
    spec = extract_offline("Each Friday I ask: is IWM closing above its 40-week moving average? If yes, I hold it. "
                           "If no, I hold cash.")
    assert spec.frequency == "weekly" and spec.universe.symbols == ["IWM"]
    assert isinstance(spec.entry, M.CompareCondition) and spec.entry.right.params == {"window": 40}


def test_reentry_span_is_cut_from_the_exit_sentence(spec_of):
    n = "sell when the close drops under the 30-week average and stay out of the market until it recovers above it."
    spans = reentry_ranges(n)
    assert len(spans) == 1 and n[spans[0][0]:].startswith("until it recovers")
    s = spec_of("Buy SPY when it closes above its 30-week moving average. Sell when the close drops under the "
                "30-week average and stay out of the market until the close is back above the 30-week average.")
    assert dump(s.exit) == {"left": {}, "op": "crosses_below", "right": {"name": "sma", "params": {"window": 30}}}


def test_tried_and_dropped_sentences_are_not_rules(spec_of):
    assert is_tried("i also tested a 10-day rsi filter; it added nothing.", "")
    assert is_tried("originally i used the 30-week average.", "that turned out to be too slow.")
    assert not is_tried("we tested the rule below on 15 years of data.", "it made 9% a year.")
    s = spec_of("We tried a 14-day RSI filter first but it did not help at all. The rule we trade: buy XLK when the "
                "25-day SMA crosses above the 125-day SMA, sell on the reverse cross.")
    assert inds(s) == {("sma", (("window", 25),)), ("sma", (("window", 125),))}


def test_passive_exit_and_imperative_long(spec_of):
    s = spec_of("Long DIA when MACD crosses above the signal line. The position is closed when MACD crosses under it.")
    assert s.exit is not None and s.exit.op == "crosses_below" and s.universe.symbols == ["DIA"]


def test_short_sellers_in_news_are_not_a_short_rule(spec_of):
    with pytest.raises(NoStrategyFound):
        spec_of("Short sellers covered in a hurry as the shares broke above their 100-day moving average on heavy "
                "volume; the stock closed up 6%.")


def test_a_short_seller_rule_still_reads(spec_of):
    s = spec_of("Short-sell TSLA when it closes below its 50-day SMA; cover when it closes above.")
    assert s.direction == "short_only"
    assert score_case(s, {"no_strategy": False, "direction": "short_only"})["exact"]


def test_report_needs_past_tense_narration_without_rule_words():
    assert is_report("the desk reduced its holdings in energy as oil fell below the 50-day average.")
    assert not is_report("the model reduces exposure when oil falls below the 50-day average.")
    assert not is_report("we added to positions whenever the 55-day high was broken.")


def test_position_equals_short_is_a_short_cue(spec_of):
    s = spec_of("if close < SMA(close, 40) then\n  position = short\nend if")
    assert s.direction == "short_only" and s.short_entry is not None


def test_own_only_while_keeps_its_condition_together(spec_of):
    n = "own qqq only while it trades above the 150-day sma."
    assert split_subclauses(n) == [(0, len(n))]
    s = spec_of("My one rule: own QQQ only while it trades above the 150-day SMA.")
    assert s.entry.op == ">" and s.entry.right.params == {"window": 150} and s.universe.symbols == ["QQQ"]


def test_take_longs_only_while(spec_of):
    s = spec_of("I only take longs on DIA while price is above the 100-day EMA.")
    assert s.entry.right.name == "ema" and s.entry.right.params == {"window": 100} and s.direction == "long_only"


def test_named_pair_crossover_with_long_only_phrase(spec_of):
    s = spec_of("Backtest of an EMA(8)/EMA(34) crossover on ETH-USD daily bars, long only, 6% stop.")
    assert s.entry.op == "crosses_above" and s.entry.left.params == {"window": 8} and s.entry.right.params == {"window": 34}
    assert s.universe.symbols == ["ETH-USD"] and s.risk.stop_loss == 0.06 and s.direction == "long_only"


def test_shorts_mirror_and_reverse_phrasings(spec_of):
    a = spec_of("Buy when the close breaks above the 40-day high; exit on the 15-day low. Shorts are the exact mirror.")
    b = spec_of("Buy when RSI(3) is under 15 and sell when it is over 60. Run it in reverse for shorts.")
    assert a.direction == "long_short" and b.direction == "long_short"


def test_disowning_needs_the_next_sentence_or_hearsay(spec_of):
    assert is_tried("a common rule: buy when rsi(2) < 10.", "don't do this.")
    assert is_tried("everyone on youtube pushes this: buy when rsi(2) < 10.", "save yourself the trouble and avoid it.")
    # false-positive guard: the author's own rule followed by an unrelated warning stays a rule
    assert not is_tried("buy when rsi(2) < 10.", "never risk more than you can afford.")
    s = spec_of("My rule: buy when the 2-day RSI drops under 10 and sell when it gets above 70. Never move your stop.")
    assert s.entry is not None


def test_a_question_answered_yes_is_still_a_rule(spec_of):
    spec = spec_of("Is DIA above its 8-month SMA at the month end? If yes, we hold DIA; if not, we hold cash.")
    assert ("sma", {"window": 8}) in indicators(spec.entry)


def test_a_rule_after_a_question_is_still_a_rule(spec_of):
    spec = spec_of("What are the rules? Buy XLK when the 3-day RSI drops below 15 and sell when it rises above 65.")
    assert spec.entry.right.value == 15.0 and spec.universe.symbols == ["XLK"]


def test_a_short_only_strategy_keeps_its_setup_filter(spec_of):
    spec = spec_of("Setup: IWM has to be trading below its 100-day SMA.\n"
                   "Short IWM when the 2-period RSI rises above 95.\nCover when the 2-period RSI drops below 40.")
    assert spec.direction == "short_only"
    assert ("sma", {"window": 100}) in indicators(spec.short_entry)
    sma = next(c for c in spec.short_entry.of if indicators(c) == [("sma", {"window": 100})])
    assert sma.op == "<" and isinstance(sma.left, M.PriceExpr)


def test_a_side_in_parentheses_labels_the_line(spec_of):
    assert label_role("| entry (long) | rsi(14) < 25 |") == "buy"
    assert label_role("| entry (short) | rsi(14) > 80 |") == "short"
    assert label_role("exit (short): rsi(14) < 50") == "cover"
    assert label_role("the entry (long) was late") is None
    spec = spec_of("Entry (short): RSI(14) > 80\nExit (short): RSI(14) < 50")
    assert spec.direction == "short_only" and spec.short_entry.right.value == 80.0


@pytest.mark.parametrize("text", [
    # news and counterfactuals about one-day moves are not rules
    "The S&P 500 fell 3% in a single day on Tuesday as investors sold tech shares.",
    "NVDA jumped 9% in a single session after earnings; traders bought the calls.",
    "When the market drops 5% in a day, many people panic and sell.",
    "If you had bought SPY every time it fell 2% in a day, you would have done well.",
    # an unread condition on a buy is not buy and hold
    "Buy SPY whenever the mood on the street turns gloomy.",
])
def test_one_day_moves_in_news_and_unread_conditions_invent_nothing(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


@pytest.mark.parametrize("text", [
    # a position-sizing maxim is not a stop on a strategy
    "Never risk more than 1.5% of the account on one idea; that rule alone kept me solvent through 2022.",
    # hype that names indicators and pairs without a rule
    "Gold Hunter EA: 91% accuracy on XAUUSD and GBPJPY, powered by a secret mix of RSI and MACD filters.",
    # an average that is not of price, in a market wrap
    "The 20-day average volume on IWM rose to 31 million shares as small caps rallied for a third week.",
    # a typo'd indicator name in commentary is still commentary
    "Price is hugging the upper bolinger band again; bulls look abve all tired after this run.",
])
def test_texts_without_a_rule_invent_nothing(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


def test_fast_and_slow_averages_named_by_role_still_cross(spec_of):
    # "the fast SMA" is one mention (the role word is part of it): still a crossover of two averages
    spec = spec_of("Buy when the fast SMA crosses above the slow SMA, sell when it crosses back below.")
    assert [n for n, _ in indicators(spec.entry)] == ["sma", "sma"] and spec.entry.op == "crosses_above"


@pytest.mark.parametrize("text", [
    # a definition of the role words, no rule
    "In a crossover system the fast average reacts quicker than the slow one; that is all the jargon means.",
    # a formula in a lecture note, no action
    "The one-year return is usually written r = P_t / P_{t-252} - 1 in textbooks.",
    # volatility in a market wrap
    "Realised 30-day volatility on the S&P 500 fell to 11%, the lowest since January.",
])
def test_no_rule_stays_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


def test_declared_role_windows_are_used_not_assumed(spec_of):
    spec = spec_of("Fast EMA = 7 days, slow EMA = 35 days. Go long when the fast EMA crosses above the slow EMA.")
    assert indicators(spec.entry) == [("ema", {"window": 7}), ("ema", {"window": 35})]
    assert not any("assumed" in a and "window" in a for a in spec.assumptions)


def test_role_named_after_the_average(spec_of):
    spec = spec_of("We use a 15-day EMA as the fast line and a 60-day EMA as the slow line. Buy when fast crosses above slow.")
    assert cond_windows(spec.entry) == [15, 60]


def test_shorter_and_longer_ones_pick_the_declared_lengths(spec_of):
    spec = spec_of("I plot two averages: a 30-day one and a 150-day one. "
                   "When the shorter average pushes through the longer one I buy DIA; when it slips back beneath, I sell.")
    assert cond_windows(spec.entry) == [30, 150] and spec.universe.symbols == ["DIA"]


def test_sign_of_a_return_is_long_short(spec_of):
    spec = spec_of("Position_t = sign(P_t / P_{t-126} - 1) for each of ZB, ZC and SI, rebalanced monthly.")
    assert spec.direction == "long_short"
    assert indicators(spec.entry) == [("roc", {"window": 126})] and spec.entry.op == ">"
    assert spec.short_entry.op == "<"


def test_action_in_the_next_short_sentence(spec_of):
    spec = spec_of("The 3-period RSI closes below 12. Buy at the close.\nSell when the 3-period RSI closes above 65.")
    assert spec.entry.op == "<" and spec.entry.right.value == 12


def test_position_is_long_if_is_an_action(spec_of):
    spec = spec_of("The position is long if the 6-month return is positive and short if it is negative.")
    assert spec.direction == "long_short"


def test_initiate_longs(spec_of):
    spec = spec_of("Initiate longs in EWJ when the 10-day SMA crosses above the 40-day SMA.")
    assert spec.direction == "long_only" and cond_windows(spec.entry) == [10, 40]


def test_speaker_long_and_cash_are_actions(spec_of):
    assert roles_of(normalize("When the 20-week EMA is over the 50-week EMA, I'm long.")) == {"buy"}
    assert "exit" in roles_of(normalize("Otherwise we're in cash."))
    spec = spec_of("If the 20-week EMA sits over the 50-week EMA I am long XLK; when it slips under, I'm in cash.")
    assert spec.direction == "long_only" and spec.universe.symbols == ["XLK"]
    assert sorted(e.params["window"] for e in (spec.entry.left, spec.entry.right)) == [20, 50]


def test_long_term_is_not_a_position():
    assert "buy" not in roles_of(normalize("I'm long-term minded about rates."))


def test_imperative_short_after_a_colon(spec_of):
    spec = spec_of("The setup: short TLT when it closes 5% above its 30-day moving average; cover at the average.")
    assert spec.direction == "short_only" and spec.universe.symbols == ["TLT"]


def test_a_speakers_view_is_still_no_strategy(spec_of):
    with pytest.raises(NoStrategyFound):
        spec_of("HOST: Are you long here? GUEST: I'm long a bit, honestly; it's been a good year and I like the story.")


@pytest.mark.parametrize("text", [
    "Market dashboard\n- Signal: RSI at 74 on the S&P 500, overbought\n- Breadth: weakening\n- View: neutral",
    "Q3 recap\n- Signal: the 6-month return of value stocks was 4%\n- Flows: positive\n- Next: budget review",
])
def test_a_signal_bullet_without_a_choice_is_still_no_strategy(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


def test_rsi_research_note_enters_on_rsi_and_exits_on_the_average():
    spec, _ = read_sample("rsi_research_note")
    rsi2 = M.IndicatorExpr(name="rsi", params={"window": 2})
    sma5 = M.IndicatorExpr(name="sma", params={"window": 5})
    assert spec.name == "RSI(2) rule"
    assert spec.direction == "long_only" and spec.frequency == "daily" and spec.universe.symbols == ["^IXIC"]
    # the prose says "falls below 10" and the table restates "RSI below 10": one entry, on the RSI only
    assert spec.entry == M.CompareCondition(left=rsi2, op="crosses_below", right=M.ConstExpr(value=10))
    # the 5-day SMA is the exit and only the exit
    assert spec.exit == M.CompareCondition(left=M.PriceExpr(), op=">", right=sma5)
    assert spec.risk == M.Risk()  # "There is no stop loss"
    assert spec.costs.fees == 0 and spec.assumptions == ["no costs stated: assumed 0"]
    q = quotes(spec)
    assert q["entry"] == "- **Entry:** buy when the 2-day RSI of the close falls below 10."
    assert q["exit"] == "- **Exit:** sell when the close rises above its 5-day simple moving average."


def test_market_commentary_is_refused():
    with pytest.raises(NoStrategyFound):
        extract_offline(load_sample("market_commentary"))


def test_a_lists_condition_items_take_the_role_of_the_item_that_acts(spec_of):
    spec = spec_of("Setup\n- The fund (e.g., IWM) trades above its 150-day moving average.\n- The 3-period RSI ends below 15.\n"
                   "- Go long on the close.\n- Exit once the close is above the 10-day moving average.")
    assert str(spec.entry) == "close > sma(150) and rsi(3) < 15"
    assert str(spec.exit) == "close > sma(10)"
    assert spec.universe.symbols == ["IWM"]


@pytest.mark.parametrize("text", [
    "Buy when the 10-day EMA crosses above the 40-day EMA and sell when it crosses below. Stop and reverse on the "
    "opposite signal.",
    "The system is always in the market: buy when MACD crosses over its signal line, sell when it crosses under.",
    "Rules:\nBuyOpen if the 10-day EMA crosses over the 30-day EMA;\nSellOpen if the 10-day EMA crosses under the 30-day EMA;",
])
def test_a_sell_that_opens_a_position_makes_the_system_long_short(spec_of, text):
    assert spec_of(text).direction == "long_short"


def test_a_short_named_in_a_question_is_not_taken(spec_of):
    spec = spec_of("If price closes above the upper band, should we buy the breakout or fade it by short-selling? "
                   "In the test the system went long when the close broke above the 20-day high.")
    assert spec.direction == "long_only"


@pytest.mark.parametrize("text,roles", [
    ("when macd crosses its signal line i get in", {"buy"}),
    ("if the rsi (3) goes under 15 we're buyers", {"buy"}),
    ("above 85 we are out", {"exit"}),
    ("we accumulate the fund under its 50-day average", {"buy"}),
    ("take profits once it trades above the 200-day average", {"exit"}),
    ("that's when i open a position", {"buy"}),
    ("the system closes it when the close drops under the 10-day low", {"exit"}),
    ("the take profit is 4%", set()),
])
def test_role_phrases(text, roles):
    assert roles_of(text) == roles


def test_each_role_sits_where_its_phrase_is(spec_of):
    spec = spec_of("Sizing aside, the plan is to accumulate the fund when it trades under its 50-day average and to "
                   "take profits once it trades above its 200-day average.")
    assert spec.entry.right.params == {"window": 50} and spec.exit.right.params == {"window": 200}


def test_rule_titles_and_numbered_items(spec_of):
    spec = spec_of("Entry criteria\n* RSI(14) below 30\n* Price above the 200-day SMA\nExit criteria\n* RSI(14) above 50")
    assert [c.right for c in spec.entry.of] == [M.ConstExpr(value=30), M.IndicatorExpr(name="sma", params={"window": 200})]
    assert spec.exit.right == M.ConstExpr(value=50)
    # the conditions of a numbered list wait for the item that says what to do; quotes start at the item's words
    spec = spec_of("Trading rules\n1. Price must be above the 150 EMA.\n2. Wait for RSI(14) to dip under 40.\n"
                   "3. Enter long at the next candle.")
    assert len(spec.entry.of) == 2
    assert all(not e.quote[:1].isdigit() for e in spec.evidence)


def test_passive_entries_and_exits(spec_of):
    spec = spec_of("Trades are entered when the MACD line crosses above zero and exited when it crosses below zero.")
    assert spec.entry.op == "crosses_above" and spec.exit.op == "crosses_below"
    spec = spec_of("Positions are opened on a close above the 50-day SMA and closed on a close below the 20-day SMA.")
    assert spec.entry.right.params == {"window": 50} and spec.exit.right.params == {"window": 20}


def test_a_check_answered_by_if_it_did(spec_of):
    spec = spec_of("At each month end, check whether IWM closed above its 10-month SMA. If it did, stay long; if not, "
                   "go to cash.")
    assert spec.entry.op == ">" and spec.universe.symbols == ["IWM"]
