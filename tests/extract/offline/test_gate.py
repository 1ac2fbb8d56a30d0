"""The no-strategy decision: a spec only when an action is bound to a condition that was read; commentary,
tutorials, results and vague advice are refused (sentences written for these tests)."""

from __future__ import annotations

import pytest

from foa.errors import NoStrategyFound
from foa.extract.offline.cues import is_report, roles_of
from foa.spec import model as M

NO_STRATEGY = [
    # an indicator tutorial: levels defined, nothing traded
    "The RSI is a momentum oscillator that ranges from 0 to 100. Readings above 70 are considered overbought and "
    "readings below 30 oversold.",
    # market commentary quoting indicator levels
    "The market is overbought with the RSI at 75, and QQQ is trading well above its 200-day moving average.",
    "Silver slipped below its 50-day moving average yesterday, and traders sold heavily as the RSI dropped under 40.",
    "Shares of the utility fell below the 200-day moving average on Tuesday, triggering a wave of selling.",
    "Last week the Nasdaq rallied above its 50-day moving average as investors bought chip stocks.",
    "Copper has been trading above its 200-day SMA for months; bulls bought every dip to the 50-day line.",
    "The RSI crossed above 70 on Friday, so the index is now overbought. We expect a pullback toward the 20-day EMA.",
    # what a crossing is called and what it may mean
    "A golden cross happens when the 50-day moving average crosses above the 200-day moving average. Many "
    "traders see it as a bullish sign.",
    "When the MACD line crosses above the signal line, it may indicate bullish momentum. However, this signal "
    "should be confirmed with other indicators.",
    "Bullish divergence occurs when price makes a lower low but the RSI makes a higher low.",
    # a backtest table without the rule behind a row
    "| Variant | CAGR | Max DD | Sharpe |\n|---|---|---|---|\n| RSI(2) < 10 | 12.1% | -18% | 0.9 |\n"
    "| SMA 50/200 cross | 8.4% | -22% | 0.6 |",
    "The strategy returned 11.2% a year with a maximum drawdown of 21% and a Sharpe ratio of 0.85.",
    # vague advice
    "Buy the dip. Stocks always come back, so when the market falls, add to your positions.",
    "Buy low, sell high. Cut your losses short and let your winners run.",
    "You should buy when others are fearful and sell when others are greedy.",
    # a question and an analyst's rating
    "Should you buy when the price crosses above the 50-day moving average? Let's find out.",
    "We rate the stock a buy with a $220 target. It trades above its 50-day moving average and momentum is improving.",
]


@pytest.mark.parametrize("text", NO_STRATEGY)
def test_texts_without_a_rule_are_refused(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


def test_sentiment_words_are_not_actions():
    # "bullish"/"bearish" say what a signal means; a rule says what to do
    assert roles_of("many traders see it as a bullish sign.") == set()
    assert roles_of("a bearish reading follows.") == set()
    assert roles_of("buy when the macd turns up.") == {"buy"}


def test_dated_moves_and_crowd_trades_are_reports():
    assert is_report("gold slid below its 100-day average on thursday.")
    assert is_report("the index rose above the 20-day line last week.")
    assert is_report("oil broke its 50-day ema and speculators dumped contracts.")
    # a rule in the past tense still says when
    assert not is_report("the system bought when the 2-day rsi closed below 5 last year.")
    assert not is_report("we sold whenever the close fell under the 20-day low.")


STRATEGIES = [
    ("Purchase shares of the fund when the 14-day RSI is under 30, and sell them once the RSI climbs past 70.", "rsi"),
    ("We enter a long trade once the 9 EMA crosses over the 21 EMA. The position is closed when the 9 EMA crosses "
     "under the 21 EMA.", "ema"),
    ("Traders can go long when the 2-period RSI moves below 10 and exit when it moves above 70.", "rsi"),
    ("A long trade is initiated when RSI(14) crosses above 30 from below. The trade is closed when RSI(14) crosses "
     "below 70 from above.", "rsi"),
    ("Buy Rule: Close of today < lower Bollinger Band(20,2)\nSell Rule: Close of today > middle Bollinger Band", "bbands"),
    # a past-tense backtest that states its rule is still a rule
    ("In the test, the system bought when the 5-day average crossed above the 20-day average and sold when it "
     "crossed back.", "sma"),
]


@pytest.mark.parametrize("text,name", STRATEGIES)
def test_stated_rules_are_read(spec_of, text, name):
    spec = spec_of(text)
    assert spec.entry is not None and name in {e.name for e in _indicators(spec.entry)}


def test_a_stop_sentence_keeps_its_page_in_the_strategy(spec_of):
    # the stop sits on a page of its own: a stop with a percentage is a rule-like sentence for the locator
    spec = spec_of("Go long XLU when the 20-day EMA crosses above the 60-day EMA; sell on the opposite cross.",
                   "Risk\nA hard stop sits 7% under the purchase price.")
    assert spec.risk.stop_loss == pytest.approx(0.07)


def _indicators(cond):
    from foa.extract.offline.conditions import walk

    return [e for e in walk(cond) if isinstance(e, M.IndicatorExpr)]


def test_an_exit_alone_is_no_strategy(spec_of):
    # results of exit variants whose entry the text withholds
    with pytest.raises(NoStrategyFound):
        spec_of("## Variant A\n* Sell when the price tags the upper line of the 20-bar Bollinger band\n* Results: 14 trades, "
                "36% winners\n## Variant B\n* Sell when the price tags the middle line\n* Results: 14 trades, 29% winners")
    # an exit beside an entry word the grammar binds to nothing still makes a strategy
    spec = spec_of("We buy at the open on Mondays. Sell when the close rises above the 10-day SMA.")
    assert spec.exit is not None


def test_what_a_crossing_is_called_is_no_rule(spec_of):
    with pytest.raises(NoStrategyFound):
        spec_of("When the 50-day line crosses up through the 200-day line, the meeting point is known as a golden cross "
                "and is a favourite entry indicator to acquire shares.")
    spec = spec_of("Buy on a golden cross of the 50-day and 200-day SMAs; sell on a death cross.")
    assert spec.entry.op == "crosses_above"


def test_holdings_written_as_arrows_and_sides_before_a_level_are_entries(spec_of):
    assert roles_of("close > ma(100) -> hold qqq") == {"buy"}
    assert "buy" in roles_of("long above the upper channel, flat below the 10-day low")
    assert roles_of("hold dia.") == {"buy"}
    spec = spec_of("Hold DIA. Move to cash when the close drops below its 150-day SMA.")
    assert spec.universe.symbols == ["DIA"] and spec.exit is not None


def test_a_refusal_names_what_a_rules_page_uses_that_foa_cannot_express(spec_of):
    with pytest.raises(NoStrategyFound, match="(?i)engulfing"):
        spec_of("The strategy rules\n1) the stock prints a bearish engulfing candle\n2) it sits within 3% of its yearly high")


@pytest.mark.parametrize("text", [
    "When the RSI climbs above 70 the stock is overbought, and some traders may think of selling or trimming. When it "
    "drops below 30, some traders might look for an opportunity to buy.",
    "I noticed the weekly MACD went above zero. MACD strategies suggest to buy when the MACD crosses above the zero line "
    "and to sell when it crosses below. Use it carefully.",
])
def test_what_someone_may_do_or_others_advise_is_no_rule(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


def test_what_traders_can_do_when_is_still_a_rule(spec_of):
    spec = spec_of("Traders can enter a long position when the 3-day RSI drops under 15 and sell when it climbs over 60.")
    assert spec.entry is not None and spec.exit is not None


def test_market_state_bullets_do_not_wait_for_a_signal_that_is_named(spec_of):
    # the state of the market, then a bullet naming signals: nothing binds the states to a trade
    with pytest.raises(NoStrategyFound):
        spec_of("- The short-term trend is down with price under the 5-day EMA.\n- QQQ is still under its 50-day SMA.\n"
                "- Momentum buy signals keep failing as sellers lean on every rally.\n- The MACD reading is bearish.")
    # the conditions of a list do wait for the line that acts on them
    spec = spec_of("- The 3-day RSI is under 20\n- The close is above the 100-day SMA\n- If both are true, then buy at the close.")
    assert len(spec.entry.of) == 2
    spec = spec_of("Action: If price > 150 SMA, we hold QQQ. If it breaks, we sit in cash.")
    assert spec.entry.op == ">" and spec.universe.symbols == ["QQQ"]


def test_a_portfolio_that_holds_and_a_cover_without_shorts(spec_of):
    spec = spec_of("When the 50-day SMA is above the 200-day SMA, the portfolio holds VTI; otherwise it holds BND.")
    assert spec.entry.op == ">" and spec.universe.symbols == ["VTI", "BND"]
    # "cover" in a text that never shorts closes the long
    spec = spec_of("I go long when the 2-day RSI drops under 10. I cover when the 2-day RSI goes back above 50.")
    assert spec.direction == "long_only" and spec.exit is not None and spec.short_exit is None


def test_a_ranking_that_also_uses_a_fundamental_lists_it(spec_of):
    spec = spec_of("Each month I buy the 10 stocks with the highest 12-month momentum and the lowest value (P/E).")
    assert spec.ranking.top_n == 10
    assert [u.what for u in spec.unsupported] == ["fundamental data"]


def test_one_assets_momentum_against_anothers_is_a_ranking_of_two(spec_of):
    spec = spec_of("We go long IEF whenever the 6-month momentum of IEF exceeds that of QQQ; otherwise we hold QQQ.")
    assert spec.ranking.top_n == 1 and spec.ranking.by.params == {"window": 6}
    assert spec.universe.symbols == ["IEF", "QQQ"]


@pytest.mark.parametrize("text", [
    # a forum post asking how to rank: the ranking is asked about, not stated
    "I want a long-only portfolio of value and momentum. How do I merge the two factors into one score by which I rank my stocks.",
    "Could someone explain how I should rank ETFs by their 6-month return?",
    # a tool's manual: its timing models are options of the tool, described without a parameter of their own
    "This calculator lets you test timing models based on moving averages and momentum. The moving average model "
    "holds the fund when the close is above the moving average and moves to bonds when it is below the moving average.",
    "The supported strategies include trend following and mean reversion. The trend model is long when the price is "
    "above the moving average and flat when the price is under it.",
])
def test_a_question_and_a_tools_menu_are_no_strategy(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


def test_a_tool_manual_that_states_parameters_is_a_strategy(spec_of):
    spec = spec_of("This tool allows you to backtest one model: buy SPY when the close is above its 10-month SMA "
                   "and sell when the close is below it.")
    assert spec.entry.right.params == {"window": 10}
    assert spec.universe.symbols == ["SPY"]


def test_a_stated_ranking_after_a_question_still_ranks(spec_of):
    spec = spec_of("What should a rotation hold? Each month rank the sector ETFs by 6-month return and hold the top 3.")
    assert spec.ranking.top_n == 3 and spec.ranking.by.params == {"window": 6}


def test_question_and_tool_menu_cues():
    from foa.extract.offline.cues import is_question, is_tool_menu

    assert is_question("how can we blend momentum and value to rank the stocks.")
    assert is_question("is the 50-day average the right filter?")
    assert not is_question("rank the funds by 12-month return and hold the top 2.")
    assert is_tool_menu("this software allows users to test several allocation models.")
    assert is_tool_menu("the model also supports a moving average crossover as the signal.")
    assert not is_tool_menu("this strategy allows the trader to hold spy when the close is above the 200-day sma.")


def test_what_a_signal_means_is_a_rule_under_a_rules_list(spec_of):
    # outside a rules list, "signals a buy" says what a reading means (a tutorial): no rule
    with pytest.raises(NoStrategyFound):
        spec_of("A stochastic reading under 15 signals a buy, and one over 85 signals a sell, in most textbooks.")
    # under "The rules are simple:" or a "Trading rules" title the same words are the rule
    s = spec_of("Our trading rules are simple:\n\n- RSI(3) under 15 signals a buy.\n- RSI(3) over 85 signals a sell.")
    # a system's two signals each open their side ("signals a sell" is the short's entry)
    assert (s.entry.op, s.entry.right.value, s.short_entry.op, s.short_entry.right.value) == ("<", 15.0, ">", 85.0)
    assert s.direction == "long_short"
    s = spec_of("Trading rules\n\n8 day EMA\n21 day EMA\n\nThe 8/21 crossover signals a buy\nThe 8/21 crossunder signals a sell")
    assert s.entry.op == "crosses_above" and s.entry.left.params == {"window": 8}


def test_numbered_rules_wait_for_the_line_that_acts_on_them(spec_of):
    s = spec_of("Rule 1: The close must be above the 150-day SMA. Rule 2: The 3-day RSI must be below 12. "
                "If both rules hold, buy at the close.")
    assert isinstance(s.entry, M.AllCondition) and len(s.entry.of) == 2
    with pytest.raises(NoStrategyFound):  # numbered statements about an indicator state no rule
        spec_of("Rule 1: the RSI is a momentum oscillator. Rule 2: it ranges from 0 to 100.")


def test_staying_in_a_ticker_while_is_a_holding_rule(spec_of):
    s = spec_of("Stay in DIA while its close is above the 120-day EMA; switch to SHY when it is below.")
    assert s.entry.op == ">" and s.entry.right.params == {"window": 120}


@pytest.mark.parametrize("label, role", [
    ("criteria for entry: x", "buy"), ("conditions for going short: x", "short"),
    ("rules for exiting short positions: x", "cover"), ("requirements to buy: x", "buy"), ("the criteria for success: x", None),
])
def test_labels_that_name_their_side_after_for(label, role):
    from foa.extract.offline.cues import label_role

    assert label_role(label) == role


def test_criteria_labels_bind_their_conditions(spec_of):
    s = spec_of("Criteria for entry: ADX(14) above 30 and RSI(14) above 50. Criteria for exit: RSI(14) below 45.")
    assert isinstance(s.entry, M.AllCondition) and s.exit.op == "<" and s.exit.right.value == 45.0


def test_a_sell_signal_label_closes_the_long_but_a_generated_sell_signal_opens_a_short(spec_of):
    s = spec_of("- Buy signal: the 20-day EMA crosses above the 60-day EMA.\n- Sell signal: the 20-day EMA crosses below the 60-day EMA.")
    assert s.direction == "long_only"
    s = spec_of("The system generates a buy signal when the close rises above the 30-day high and a sell signal when "
                "the close drops below the 30-day low.")
    assert s.direction == "long_short" and s.short_entry is not None


# --- what a heading makes a rules section: the word "trading" alone does not ---------------------------------
@pytest.mark.parametrize("text", [
    "The CCI measures how far the price strays from its average.\nTo apply the CCI in trading, keep an eye on the following:\n"
    "- Upper level: 100.\n- Lower level: -100.\nWhen the CCI crosses the -100 level upward, it is a buy signal. It shows the end of a sell-off.",
    "Using momentum in trading:\nWhen the 10-day rate of change turns above zero, this is a buy signal that momentum is back.",
    "## Stochastics for everyday trading\nIf %K crosses above %D below 20, that is a buy signal; above 80 a cross down is a sell signal.",
    "Trading psychology matters:\nwhen the RSI(14) rises over 70 it is a sell signal, but many traders ignore it.",
    "Notes on swing trading:\nWhen the price closes above the upper Bollinger band it is a sell signal for mean reverters.",
])
def test_what_a_signal_means_under_a_trading_heading_is_no_rule(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


@pytest.mark.parametrize("heading", ["Trading rules:", "## Trading system", "Our trading strategy:", "Signals:", "Entry logic:"])
def test_what_a_signal_means_under_a_rules_heading_is_the_rule(spec_of, heading):
    spec = spec_of(f"{heading}\nWhen the 14-day RSI crosses above 30, it is a buy signal.")
    assert str(spec.entry) == "rsi(14) crosses_above 30"


# --- a side named as what an exit closes is no entry -----------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Long positions are exited when they close above the 10-day SMA. Short positions are covered when they close below it.",
    "We close long trades once the RSI(2) climbs past 70.",
    "Longs are sold when the close drops beneath the 20-day low; shorts are bought back when it tops the 20-day high.",
    "On the long side, positions are closed if the close ends under the 50-day SMA.",
    "Our favourite exit: long positions get closed once the 5-day EMA dips beneath the 10-day EMA, and short positions get "
    "covered when it climbs back over.",
])
def test_an_exit_that_names_the_side_it_closes_is_no_strategy(spec_of, text):
    with pytest.raises(NoStrategyFound, match="never when to enter"):
        spec_of(text)


def test_an_exit_beside_a_stated_entry_still_reads(spec_of):
    spec = spec_of("Go long when the RSI(2) is below 10. Long positions are exited when the close is above the 5-day SMA.")
    assert (str(spec.entry), str(spec.exit)) == ("rsi(2) < 10", "close > sma(5)")
    spec = spec_of("Long positions are opened when the close is above the 50-day SMA and exited when it falls below.")
    assert str(spec.entry) == "close > sma(50)"


# --- a possibility put to the reader, and a manual's illustrated rule, are no strategy -----------------------------
@pytest.mark.parametrize("text", [
    "Watch your funds rather than the market. You might limit new purchases when a fund is over 5% above its 200-day "
    "moving average.",
    "One might buy when the 14-day RSI slips under 30, but the indicator alone says little.",
    "You might sell when the MACD line drops under its signal line; many readers prefer to wait.",
    "If the index closes over the 100-day SMA, you might add to equities.",
    "Example with rule \"Buy when RSI is crossing 35 from bottom to top\": the bot places the order on that candle.",
    "Example of a rule: go long when the 20 EMA crosses above the 50 EMA. The editor lets you save it as a template.",
])
def test_a_possibility_or_a_manuals_example_is_no_rule(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


def test_a_strategy_cards_example_bullet_and_you_might_not_stay_rules(spec_of):
    # a card whose "Example:" bullet states the concrete rule
    spec = spec_of("Entry and exit:\n- Example: enter a long position when the price closes above the 40-week moving "
                   "average. Exit when it closes below it.")
    assert str(spec.entry) == "close > sma(40)"
    # "might not" is no possibility of a trade
    spec = spec_of("Buy when the RSI(2) is under 10; you might not like the drawdowns.")
    assert str(spec.entry) == "rsi(2) < 10"
