"""Constructions added after blind round 6, on sentences written for these tests (not the held-out texts,
not the dev corpus). Round 6 imitated web search results: FAQs, READMEs, code tutorials, forum threads."""

from __future__ import annotations

import pytest

from foa.documents.model import Document
from foa.errors import NoStrategyFound
from foa.extract.offline import extract_offline
from foa.extract.offline.conditions import walk
from foa.extract.offline.cues import label_role, roles_of
from foa.extract.offline.risk import risk_of
from foa.extract.offline.universe import find_tickers, ranking_of
from foa.spec import model as M


def spec_of(text: str) -> M.StrategySpec:
    return extract_offline(Document.from_text(text))


def indicators(cond) -> list[tuple[str, dict]]:
    return [(e.name, e.params) for e in walk(cond) if isinstance(e, M.IndicatorExpr)]


# ---- nothing invented ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    # an FAQ question names a rule without stating it
    "## FAQ\n**Should you buy a death cross?** Contrarians sometimes do, but the evidence is thin.",
    "Does the golden cross still work? It is widely quoted as a bullish sign in the financial press.",
    # a percent rank inside an oscillator's formula is arithmetic, not a ranking rule
    "The oscillator adds a 4-period RSI to the percentile rank of the daily change over the last 250 days.",
])
def test_questions_and_percent_ranks_are_not_strategies(text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


def test_a_question_answered_yes_is_still_a_rule():
    spec = spec_of("Is DIA above its 8-month SMA at the month end? If yes, we hold DIA; if not, we hold cash.")
    assert ("sma", {"window": 8}) in indicators(spec.entry)


def test_a_rule_after_a_question_is_still_a_rule():
    spec = spec_of("What are the rules? Buy XLK when the 3-day RSI drops below 15 and sell when it rises above 65.")
    assert spec.entry.right.value == 15.0 and spec.universe.symbols == ["XLK"]


def test_percent_rank_is_no_choice_but_ranking_by_return_is():
    assert "select" not in ranking_of("the percent rank of the 1-day return over 100 days.")
    assert "cue" not in ranking_of("a percentile ranking of volume over 50 days.")
    r = ranking_of("rank the etfs by their 6-month return and buy the top 2.")
    assert r["top_n"] == 2 and r["select"]


def test_a_winner_decile_is_a_share_and_the_winner_is_one():
    assert ranking_of("profits concentrate in the winner decile.").get("top_pct") == 0.1
    assert "top_n" not in ranking_of("profits concentrate in the winner decile.")
    assert ranking_of("each month we hold the winner.").get("top_n") == 1


# ---- short imperatives with a ticker ----------------------------------------------------------------

def test_short_imperatives_with_a_ticker_and_a_time():
    assert "short" in roles_of("- short iwm on the open when the 5-day rsi is above 85.")
    assert roles_of("buy gld when the rsi is under 20, short gld when the rsi is over 80") >= {"buy", "short"}
    # guards: "short" as an adjective or in a name is no short cue
    assert "short" not in roles_of("a short etf when rates rise is a costly hedge.")
    assert "short" not in roles_of("short term traders buy when the rsi is low.")


def test_a_short_only_strategy_keeps_its_setup_filter():
    spec = spec_of("Setup: IWM has to be trading below its 100-day SMA.\n"
                   "Short IWM when the 2-period RSI rises above 95.\nCover when the 2-period RSI drops below 40.")
    assert spec.direction == "short_only"
    assert ("sma", {"window": 100}) in indicators(spec.short_entry)
    sma = next(c for c in spec.short_entry.of if indicators(c) == [("sma", {"window": 100})])
    assert sma.op == "<" and isinstance(sma.left, M.PriceExpr)


def test_shorts_exit_is_the_short_side_and_a_subject_stops_at_a_semicolon():
    assert "cover" in roles_of("shorts are covered on a 10-day high.")
    spec = spec_of("Go long when price exceeds the 40-day high and go short when price falls below the 40-day low. "
                   "Longs exit on a 15-day low; shorts exit on a 15-day high.")
    assert spec.direction == "long_short"
    assert isinstance(spec.short_exit.left, M.PriceExpr)
    assert indicators(spec.short_exit) == [("highest", {"window": 15})]


def test_a_side_in_parentheses_labels_the_line():
    assert label_role("| entry (long) | rsi(14) < 25 |") == "buy"
    assert label_role("| entry (short) | rsi(14) > 80 |") == "short"
    assert label_role("exit (short): rsi(14) < 50") == "cover"
    assert label_role("the entry (long) was late") is None
    spec = spec_of("Entry (short): RSI(14) > 80\nExit (short): RSI(14) < 50")
    assert spec.direction == "short_only" and spec.short_entry.right.value == 80.0


# ---- tickers --------------------------------------------------------------------------------------

def test_yahoo_fx_codes_and_licences():
    assert find_tickers("I trade GBPUSD on the hourly and daily chart (GBPUSD=X on Yahoo).") == ["GBPUSD=X"]
    assert find_tickers("trade USDJPY on daily bars") == ["USDJPY"]
    assert find_tickers("Released under the license: MIT") == []
    assert find_tickers("Buy MIT when it rises above its 20-day high") == ["MIT"]  # guard: a code after a cue
    spec = spec_of("# dip-bot\n\n## Strategy\nBuy XLF when the 2-day RSI is below 5.\n\n## License\nMIT\n")
    assert spec.universe.symbols == ["XLF"]


# ---- parameters -------------------------------------------------------------------------------------

def test_macd_settings_in_words_and_in_code():
    spec = spec_of("Buy when the MACD line crosses above its signal line. MACD settings are the standard 8, 17 and 9.")
    assert indicators(spec.entry)[0] == ("macd", {"fast": 8, "slow": 17, "signal": 9})
    spec = spec_of('params = (("fast", 5), ("slow", 35), ("signal", 5))\n'
                   "Go long when the MACD crosses above the signal line.")
    assert indicators(spec.entry)[0][1] == {"fast": 5, "slow": 35, "signal": 5}
    spec = spec_of("macd = bt.ind.MACD(self.data, period_me1=10, period_me2=30, period_signal=7)\n"
                   "Buy when the MACD crosses above its signal line.")
    assert indicators(spec.entry)[0][1] == {"fast": 10, "slow": 30, "signal": 7}


def test_atr_stops_with_their_window():
    assert risk_of("exit with a trailing stop 2.5 times the 10-day atr under the highest high.") == {"atr_multiple": 2.5}
    spec = spec_of("Buy SLV when the close crosses above the 30-day EMA. "
                   "Exit: a trailing stop 2.5 times the 10-day ATR under the highest high.")
    assert spec.risk.atr_stop == M.AtrStop(window=10, multiple=2.5)
    assert all(n != "atr" for n, _ in indicators(spec.exit))  # the ATR is the stop's, not a rule's
    spec = spec_of("Buy on a close above the 50-day high. N is the 30-day ATR. Stops go 3N below entry.")
    assert spec.risk.atr_stop == M.AtrStop(window=30, multiple=3.0)


# ---- buy and hold -----------------------------------------------------------------------------------

def test_buy_two_funds_and_hold_them():
    spec = spec_of("Our plan: buy SCHD and VXUS in equal parts and hold them.")
    assert isinstance(spec.entry, M.AlwaysCondition) and spec.universe.symbols == ["SCHD", "VXUS"]
    # guards: a holding period is a rule's exit, and nothing to hold is no strategy
    spec = spec_of("We buy SPY when the 2-day RSI is under 10 and hold it for 5 days.")
    assert not isinstance(spec.entry, M.AlwaysCondition)
    with pytest.raises(NoStrategyFound):
        spec_of("We buy quality companies at fair prices and hold them.")


# ---- one-day moves and time exits -------------------------------------------------------------------

def test_a_one_day_move_with_a_time_exit():
    spec = spec_of("Buy IWM at the close whenever it drops 3% or more in a single day and sell it 4 trading days later.")
    assert indicators(spec.entry) == [("roc", {"window": 1})]
    assert spec.entry.op == "<" and spec.entry.right.value == -0.03
    assert spec.risk.max_holding_bars == 4 and spec.exit is None  # the clock is the exit, not the entry reversed
    spec = spec_of("Short TSLA when it rises 8% in a single session; cover after 3 days.")
    assert spec.direction == "short_only" and spec.short_entry.op == ">" and spec.short_entry.right.value == 0.08
    assert risk_of("we hold each trade for 6 sessions.") == {"max_holding_bars": 6}


@pytest.mark.parametrize("text", [
    # news and counterfactuals about one-day moves are not rules
    "The S&P 500 fell 3% in a single day on Tuesday as investors sold tech shares.",
    "NVDA jumped 9% in a single session after earnings; traders bought the calls.",
    "When the market drops 5% in a day, many people panic and sell.",
    "If you had bought SPY every time it fell 2% in a day, you would have done well.",
    # an unread condition on a buy is not buy and hold
    "Buy SPY whenever the mood on the street turns gloomy.",
])
def test_one_day_moves_in_news_and_unread_conditions_invent_nothing(text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)
