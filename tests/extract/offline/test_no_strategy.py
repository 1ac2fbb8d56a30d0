"""No strategy invented: texts that talk about indicators and trades without a rule of their own are refused,
and the same shapes that do state a rule the author adopts are still read.

``no_strategy.jsonl``: no-strategy texts written for these tests, one shape each (tutorial, definition, commentary,
news, journal, question, result table, hearsay, hypothetical, warning, forecast, conditional advice, marketing,
indicator and order code, an empty template, a tool's manual); a row with ``open`` is one the reader still gives a
spec (kept, marked as an expected failure, so a fix shows; none today). ``reported_rules.jsonl``: texts of the same shapes that
state a rule, with the (indicator, window) pairs the spec must use.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from foa.errors import NoStrategyFound
from foa.extract.offline.locate import (indicator_tutorial, is_marketing, orders_commented_out, research_abstract, secondhand,
                                       secondhand_only)
from tests.extract.offline.helpers import window_inds

_HERE = Path(__file__).parent
NO_STRATEGY = [json.loads(line) for line in (_HERE / "no_strategy.jsonl").read_text().splitlines() if line.strip()]
REPORTED = [json.loads(line) for line in (_HERE / "reported_rules.jsonl").read_text().splitlines() if line.strip()]


def _case(row: dict):
    marks = [pytest.mark.xfail(reason=row["open"], strict=True)] if row.get("open") else []
    return pytest.param(row["text"], id=row["id"] + "-" + row["shape"], marks=marks)


def test_the_no_strategy_set_is_broad():
    shapes = {r["shape"] for r in NO_STRATEGY}
    assert len(NO_STRATEGY) >= 200 and len(shapes) >= 30
    assert {"hearsay", "hypothetical", "warning", "forecast", "question", "journal", "marketing", "tool_rule",
            "interpretation", "caution", "code_indicator", "code_orders", "template", "results", "orders_off",
            "indicator_description", "abstract", "disavowal", "reported_speech", "withheld", "scan_code", "options_offered",
            "alert_study", "modal", "news", "signal_fired", "study_question", "journal_nodate",
            "result_told", "negated_adoption"} <= shapes


@pytest.mark.parametrize("text", [_case(r) for r in NO_STRATEGY])
def test_a_text_without_a_rule_of_its_own_is_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


@pytest.mark.parametrize("row", REPORTED, ids=[r["id"] + "-" + r["shape"] for r in REPORTED])
def test_a_rule_the_author_adopts_is_read_beside_the_same_shapes(spec_of, row):
    spec = spec_of(row["text"])
    # a ranking holds its top N with no entry rule ("buy the top three" is a count, never "return above 3")
    assert spec.entry is not None or spec.short_entry is not None or spec.ranking is not None
    assert {tuple(x) for x in row["indicators"]} <= window_inds(spec)


@pytest.mark.parametrize("sentence", [
    "A popular approach is to go long when the 9-day EMA crosses above the 21-day EMA.",
    "Conventional wisdom says you should sell when the close drops under the 10-week SMA.",
    "My colleague swears by purchasing QQQ whenever the 2-day RSI dips beneath 5.",
    "Suppose you had shorted the index every time its 50-day average rolled over.",
    "Imagine a speculator who buys once the CCI rises through -100.",
    "Selling each time the RSI(14) tops 70 is a recipe for losses in a bull market.",
    "As long as the euro holds above its 100-day EMA, the uptrend is intact.",
    "I wonder whether going long when the MACD crosses zero still works.",
    "Be careful about buying when the stochastic is above 80.",
    "A close beneath the lower band is regarded as a sign of panic.",
    "The rule 'buy when RSI(14) < 30' is entered in the Entry tab.",
    "She explained that her desk sells when the 5-day RSI tops 90.",
    "Shorting QQQ under the lower band is an idea I am still exploring.",
    "One approach could be to purchase the ETF once its 3-month ROC turns positive.",
    "You can go long when the close tops the upper channel, or wait for a pullback.",
    "A drop of the CCI below -100 can be used as a sell trigger.",
    "A new fund will hold stocks while the index is above its 200-day SMA, the issuer said.",
    "Last week QQQ flashed a sell when its MACD crossed below the signal line.",
    "Gold remains a buy on dips toward the 50-day SMA.",
    "Exercise 2: a strategy goes long when the 5-day EMA crosses above the 20-day EMA.",
    "Over the sample, holding gold only while its close sat above the 10-month SMA earned 7% a year.",
    "Historically, purchasing small caps after a close under the lower band delivered a small gain.",
])
def test_a_reported_rule_sentence_is_secondhand(sentence):
    assert secondhand(sentence)


@pytest.mark.parametrize("sentence", [
    "Go long when the 9-day EMA crosses above the 21-day EMA.",
    "We sell when the close drops under the 10-week SMA.",
    "Purchase QQQ whenever the 2-day RSI dips beneath 5; exit when it climbs over 60.",
    "Short the index every time its 50-day average rolls over and cover when it turns up.",
    "The system buys once the CCI rises through -100 and sells when it falls through 100.",
    "Hold SPY while its close is above the 10-month SMA, otherwise hold T-bills.",
    "Entry: RSI(2) < 10 and close > SMA(200).",
    "According to the rules above, buy when the 5-day RSI is under 20.",
    "The system generates a buy when the close crosses above the 20-day high.",
    "If the 20-day ROC is positive, buy the ETF at the next open.",
])
def test_a_stated_rule_is_not_secondhand(sentence):
    assert not secondhand(sentence)


def test_a_reported_rule_counts_only_where_nothing_adopts_a_rule():
    hearsay = "Many traders go long when the 20-day EMA crosses above the 50-day EMA."
    assert secondhand_only([hearsay], hearsay + " Opinions differ.")
    for adopts in ("We backtested it on SPY since 2005.", "I trade it with a 5% stop loss.", "Rules:\nBuy the cross.",
                   "Our system exits on the opposite cross.", "Sell when it crosses back below."):
        assert not secondhand_only([hearsay], hearsay + "\n" + adopts), adopts
    # a rule sentence that adopts a rule once its report is set aside
    assert not secondhand_only(["As long as the trend is intact we stay long: hold SPY while the close is above the 50-day EMA."],
                               "As long as the trend is intact we stay long: hold SPY while the close is above the 50-day EMA.")
    # an idea weighed stays weighed, though a command follows its colon
    assert secondhand_only(["Thinking about a rule: go long SPY when the 20-day EMA crosses above the 50-day EMA."],
                           "Thinking about a rule: go long SPY when the 20-day EMA crosses above the 50-day EMA. Thoughts?")


@pytest.mark.parametrize("disowns", ["This is NOT a system.", "To be clear, I don't trade it.", "He declined to share the exact rules.",
                                     "The rules are available to premium members only."])
def test_a_rule_the_text_disowns_or_withholds_is_no_strategy(disowns):
    rule = "Going long when the 3-day RSI is under 15 could be exploited."
    assert secondhand_only([rule], disowns + " " + rule)
    assert not secondhand_only([rule], disowns + " " + rule + " Our rules: buy SPY when the 3-day RSI is under 15.")


@pytest.mark.parametrize("aside", ["Has anyone backtested this?", "I haven't backtested it yet.", "I never tested it and don't use a 5% stop loss.",
                                   "Nobody has run a backtest of it."])
def test_a_question_or_a_denial_adopts_nothing(aside):
    hearsay = "My friend swears by shorting when the CCI tops 200."
    assert secondhand_only([hearsay], hearsay + " " + aside)
    assert not secondhand_only([hearsay], hearsay + " " + aside + " We backtested it on QQQ.")


def test_a_trade_of_ones_own_in_a_dated_text_is_a_journal_not_a_rule():
    told = "I bought XLK when the RSI crossed back above 30 and sold when it touched 70."
    assert secondhand_only([told], "Closed my XLK swing today. " + told)
    assert secondhand_only(["Sold TSLA when the RSI hit 75."], "Sold TSLA when the RSI hit 75. Three days later it fell 10%.")
    assert not secondhand_only([told], "Over ten years of backtests: " + told)


def test_a_sales_page_is_told_by_two_of_its_stock_phrases():
    assert is_marketing("Start your free trial today. No coding needed!")
    assert is_marketing("Join 12,000 investors. Only $29/month.")
    assert not is_marketing("Start your free trial today.")  # one phrase is no sales page
    assert not is_marketing("Buy SPY when the 50-day SMA crosses above the 200-day SMA; stop loss 8%.")


def test_a_sales_page_that_states_its_rule_with_parameters_is_read(spec_of):
    spec = spec_of("Free trial, no coding needed. Our bot buys BTC-USD when RSI(14) drops below 30 and sells when it rises above 70.")
    assert ("rsi", 14) in window_inds(spec)
    with pytest.raises(NoStrategyFound, match="sales page"):
        spec_of("Free trial, no coding needed. Our bot buys when the RSI is oversold and sells when it is overbought.")


def test_the_refusal_says_the_rule_was_reported(spec_of):
    with pytest.raises(NoStrategyFound, match="reports a rule without adopting it"):
        spec_of("My friend swears by buying QQQ whenever the RSI(2) drops below 5. He says it works most of the time.")


@pytest.mark.parametrize("code, off", [
    ("if fast > slow:\n    log.info('BUY')\n    # order_target_percent(context.asset, 1.0)", True),
    ("if RSI(Close, 14) < 30 then begin\n  Print(\"oversold\");\n  // Buy next bar at market;\nend;", True),
    ("if(Close[1] > ma)\n  {\n   Print(\"Buy zone\");\n   /* OrderSend(_Symbol, OP_BUY, 0.1, Ask, 3, 0, 0); */\n  }", True),
    ("if ta.crossover(f, s)\n    label.new(bar_index, low, \"long\")\n    // strategy.entry(\"L\", strategy.long)", True),
    ("if ta.crossover(f, s)\n    strategy.entry(\"L\", strategy.long)  // enter long", False),
    ("# order_target(asset, 0) was the old exit\nif close[-1] > sma:\n    order_target_percent(asset, 1.0)", False),
    ("Buy = Cross(MA(C, 10), MA(C, 30));\n// Sell = Cross(MA(C, 30), MA(C, 10));", False),
    ("x = close.rolling(20).mean()\nprint(x.tail())", False),  # no order anywhere: not this class
])
def test_code_whose_every_order_is_commented_out(code, off):
    assert orders_commented_out(code) is off


def test_an_indicator_description_with_bullish_and_bearish_lists_is_a_tutorial():
    text = ("This indicator plots a 10-day and a 30-day EMA.\n\nBullish signals:\n- EMA 10 above EMA 30\n\n"
            "Bearish signals:\n- EMA 10 below EMA 30")
    assert indicator_tutorial(text)
    assert not indicator_tutorial(text + "\n\nEntry: buy SPY when the 10-day EMA crosses above the 30-day EMA.")


@pytest.mark.parametrize("text, found", [
    ("Abstract: We find that past winners outperform past losers over 3 to 12 months.", True),
    ("This study examines the 200-day rule in 30 markets. Our results show excess returns in half of them.", True),
    ("Keywords: momentum, reversal. Stocks sorted on past returns earn abnormal returns in our sample.", True),
    ("Abstract: We find momentum pays.\nMethod. Each month we buy the top decile by 12-month return.", False),
    ("Abstract. The strategy is long the contract when its 12-month return is positive; positions are rebalanced monthly.", False),
    ("This paper studies trend rules. Our results show lower drawdowns. Trading rule: buy SPY when the close is above its 200-day SMA.", False),
    ("We find that buying SPY when RSI(2) < 10 works well.", False),  # findings' words without a paper's genre mark
])
def test_a_papers_findings_without_a_method_that_trades(text, found):
    assert research_abstract(text) is found
