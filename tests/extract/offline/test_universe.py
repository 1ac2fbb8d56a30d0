"""Tickers, universes, frequency and ranking phrasing."""

from __future__ import annotations

from foa.documents.model import Document
from foa.extract.offline.universe import find_tickers
from foa.spec import model as M
from foa.errors import NoStrategyFound
from foa.extract.evaluate import _spec_constants
from foa.extract.evaluate import _spec_indicators
from foa.extract.offline import extract_offline
from foa.extract.offline.universe import frequency_cues
from foa.extract.offline.text import normalize
import pytest
from foa.extract.offline.universe import ranking_of
from foa.extract.offline.universe import rebalance_of
from foa.extract.offline.cues import roles_of
from foa.extract.offline.text import words_to_numbers
from tests.extract.offline.helpers import inds, windows, window_inds


def test_a_dash_described_list_keeps_every_ticker():
    assert find_tickers("Trade: XLK - technology, XLF - financials; XLE - energy and XLU - utilities.") == [
        "XLK", "XLF", "XLE", "XLU"]


def test_model_and_indicator_names_are_not_tickers():
    assert find_tickers("We fit a GARCH(1,1) and an ARIMA model to the EWZ series, then read the ADX.") == ["EWZ"]


def test_any_action_word_of_the_lexicon_is_a_ticker_context():
    assert find_tickers("Acquire IWM when breadth turns up.") == ["IWM"]


def test_an_explicit_list_line_keeps_short_futures_codes():
    assert find_tickers("Markets traded:\n\nGC, PL, CL, NG, ZB\n") == ["GC", "PL", "CL", "NG", "ZB"]


def scored_inds(spec) -> set[tuple[str, tuple]]:
    return {(n, tuple(sorted(p.items()))) for n, p in _spec_indicators(spec)}


def test_monthly_windows_run_on_monthly_bars(spec_of):
    s = spec_of("Hold the fund while its price is above the nine-month moving average; sell when it closes below.")
    assert s.frequency == "monthly" and windows(s, "sma") == {9}


@pytest.mark.parametrize("text, top_n, top_pct", [
    ("Each month rank the ETFs by 12-month momentum and hold the top 4.", 4, None),
    ("Sort stocks on 6-month returns monthly; buy the top quintile.", None, 0.2),
    ("Every week buy the strongest ETF by 3-month return.", 1, None),
    ("At month end, invest in the best performing fund over the last 12 months.", 1, None),
])
def test_ranking_phrasing(spec_of, text, top_n, top_pct):
    s = spec_of(text)
    assert s.ranking is not None and s.ranking.by.name == "roc"
    assert (s.ranking.top_n, s.ranking.top_pct) == (top_n, top_pct)


def test_tickers_versus_acronyms(spec_of):
    s = spec_of("The CEO of the NYSE said GDP in the USA rose. Our ETF rule: buy $IWM and (TLT) when the "
                "50-day SMA is above the 200-day SMA, sell otherwise; RSI and SMA are not tickers.")
    assert set(s.universe.symbols) == {"IWM", "TLT"}


def test_ticker_list_line(spec_of):
    s = spec_of("Universe:\nXLB, XLC, XLK, XLV\nEach month buy the top 2 by 3-month return.")
    assert set(s.universe.symbols) == {"XLB", "XLC", "XLK", "XLV"}


def test_whole_numbers_are_not_split_into_thresholds():
    # "the 100 day" once left "10" as a threshold by backtracking inside "100"
    spec = extract_offline("Go long DIA when the 20 day sma crosses above the 100 day.")
    assert window_inds(spec) == {("sma", 20), ("sma", 100)}
    assert _spec_constants(spec) == []


def test_over_a_bare_number_is_a_threshold_and_postfix_actions():
    spec = extract_offline("RSI 3 under 15 = buy, RSI 3 over 85 = sell.")
    assert spec.entry.op == "<" and spec.entry.right.value == 15
    assert spec.exit.op == ">" and spec.exit.right.value == 85
    assert spec.direction == "long_only"


def test_pronoun_own_is_a_buy_and_only_if_gates_a_holding():
    spec = extract_offline("If the monthly close is above its 8-month SMA we own VNQ; if not, we sell.")
    assert spec.entry is not None and window_inds(spec) == {("sma", 8)}
    gated = extract_offline("Each month hold the stronger of VTI and VXUS, but only if its 6-month return is positive.")
    assert gated.ranking.top_n == 1 and 0 in _spec_constants(gated)


def test_tickers_as_subjects_labels_and_shouted_headings():
    assert find_tickers("When XLU closes above the band we buy.") == ["XLU"]
    assert find_tickers("Instrument: EWJ, weekly bars.") == ["EWJ"]
    assert find_tickers("TRADE SETUP - mid caps: we like buying MDY here.") == ["MDY"]
    assert find_tickers("Enter long when EMA8 crosses EMA34.") == []


def test_best_n_and_first_trading_day_of_the_month():
    assert ranking_of("buy the best 4 by momentum")["top_n"] == 4
    assert ranking_of("hold the strongest 2 funds")["top_n"] == 2
    assert rebalance_of("rebalance on the first trading day of every month") == "monthly"
    assert rebalance_of("rebalance each week") == "weekly"


def test_negated_short_leg_keeps_a_ranking_long_only():
    text = ("Every quarter we sort stocks on their 9-month return and hold the top decile. "
            "We never short the bottom decile.")
    spec = extract_offline(text)
    assert spec.direction == "long_only" and spec.ranking.top_pct == 0.1


def test_a_threshold_cell_is_not_a_window():
    spec = extract_offline("Buy when RSI(4) drops below 20.\n\n| Indicator | Setting |\n|---|---|\n| RSI oversold level | 20 |\n")
    assert scored_inds(spec) == {("rsi", (("window", 4),))}


def test_a_ticker_named_for_context_or_only_as_a_hurdle_is_not_traded():
    spec = extract_offline("Short $NFLX when it closes below its 50-day SMA. $QQQ shown for reference only.")
    assert spec.universe.symbols == ["NFLX"]
    spec = extract_offline("Each month hold the one of VTI and VXUS with the higher 12-month return, but only if that return "
                           "is greater than SHV's; otherwise hold BND.")
    assert "SHV" not in spec.universe.symbols and "BND" in spec.universe.symbols


def test_sorting_on_returns_is_a_ranking_and_a_month_span_is_its_window():
    spec = extract_offline("Every month we sort the stocks into quintiles on their cumulative return from month t-7 to month t-2, "
                           "buy the top quintile and short the bottom quintile.")
    assert spec.ranking is not None and spec.ranking.top_pct == 0.2
    # the short leg of a ranking is listed as unsupported (the engine runs long-only target weights)
    assert spec.ranking.by.params["window"] == 6 and spec.direction == "long_only"
    assert [u.what for u in spec.unsupported] == ["the short leg of a ranking (the engine runs long-only target weights)"]


@pytest.mark.parametrize("sentence, expected", [
    ("positions are held until the next quarterly rebalance", "quarterly"),
    ("every week, we rank the sectors again", "weekly"),
    ("once a month, compare the two returns", "monthly"),
])
def test_rebalance_phrasings(sentence, expected):
    assert rebalance_of(normalize(sentence)) == expected


def test_if_stocks_beat_bills_is_a_rotation():
    spec = extract_offline("Once a month, compare the 6-month return of VTI with the 6-month return of T-bills. "
                           "If stocks beat T-bills, hold VTI; if they don't, hold IEF.")
    assert spec.ranking is not None and spec.universe.symbols == ["VTI", "IEF"]


@pytest.mark.parametrize("text", [
    "I backtested RSI rules on QQQ for years and not one of them managed to beat buy and hold after costs.",
    "Most timing systems on SPY lag buy-and-hold over long periods; that is the honest conclusion.",
])
def test_buy_and_hold_as_the_yardstick_is_no_strategy(text):
    with pytest.raises(NoStrategyFound):
        extract_offline(text)


def test_comparative_ranking_and_a_hurdle_named_by_its_return(spec_of):
    s = spec_of("At every end of month compare the 6 month return of QQQ and of EEM. We buy the one with higher "
                "return, but if it is lower than the return of SHV, we buy IEF instead.")
    assert s.ranking is not None and s.ranking.top_n == 1 and s.ranking.by.params == {"window": 6}
    assert s.universe.symbols == ["QQQ", "EEM", "IEF"] and s.rebalance == "monthly"


def test_buy_them_hold_them_is_buy_and_hold(spec_of):
    s = spec_of("Two funds, VXUS and BNDX. I buy them and I hold them; no selling.")
    assert s.name == "Buy and hold" and s.universe.symbols == ["VXUS", "BNDX"]


def test_if_condition_comma_hold_ticker_and_hold_cash(spec_of):
    s = spec_of("If the 13-week SMA is above the 26-week SMA, hold VWO; if not, hold cash.")
    assert s.entry.op == ">" and s.universe.symbols == ["VWO"] and s.frequency == "weekly"
    assert inds(s) == {("sma", (("window", 13),)), ("sma", (("window", 26),))}


def test_hold_cash_after_a_colon_is_not_a_buy(spec_of):
    s = spec_of("Compare the close with the 40-week SMA. If above: buy VEA. If below: hold cash.")
    assert s.entry.op == ">" and s.exit.op == "<"


def test_hyphenated_hundreds_and_ranked_holdings():
    assert words_to_numbers("the one-hundred-day average") == "the 100-day average"
    assert words_to_numbers("three-hundred-and-twenty bars") == "320 bars"
    assert ranking_of("- buy the 4 best-performing funds, equal weight")["top_n"] == 4


def test_dash_pairs_and_rule_owner_tickers():
    assert find_tickers("SOL-USD on the 1h, and ETH-USDT too") == ["SOL-USD", "ETH-USDT"]
    assert find_tickers("Entry plan for AMD: buy the breakout.") == ["AMD"]


def test_a_ranking_needs_a_clause_that_chooses_by_it(spec_of):
    assert not ranking_of("in march energy was the best performing sector.").get("select")
    assert ranking_of("each month we buy the best performing sector.").get("select")
    # false-positive guard: a real rotation still reads as a ranking
    s = spec_of("At every month end, rank the nine sector funds on 6-month return and hold the 2 best.")
    assert s.ranking is not None and s.ranking.top_n == 2


def test_possessive_ticker_before_what_is_measured():
    assert find_tickers("when NFLX's 14-day RSI is above 80") == ["NFLX"]
    assert find_tickers("sell once IBM's close falls under its 50-day average") == ["IBM"]
    # false-positive guards: acronyms and company names stay out
    assert find_tickers("The FOMC's decision and the CEO's price target") == []


def test_a_weekday_that_redoes_a_ranking_is_weekly():
    assert rebalance_of("every monday, rank the six country funds by 60-day return and keep the top two.") == "weekly"
    assert rebalance_of("on fridays the market usually closes quietly.") is None  # guard: no ranking


@pytest.mark.parametrize("text", [
    # an FAQ question names a rule without stating it
    "## FAQ\n**Should you buy a death cross?** Contrarians sometimes do, but the evidence is thin.",
    "Does the golden cross still work? It is widely quoted as a bullish sign in the financial press.",
    # a percent rank inside an oscillator's formula is arithmetic, not a ranking rule
    "The oscillator adds a 4-period RSI to the percentile rank of the daily change over the last 250 days.",
])
def test_questions_and_percent_ranks_are_not_strategies(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


def test_percent_rank_is_no_choice_but_ranking_by_return_is():
    assert "select" not in ranking_of("the percent rank of the 1-day return over 100 days.")
    assert "cue" not in ranking_of("a percentile ranking of volume over 50 days.")
    r = ranking_of("rank the etfs by their 6-month return and buy the top 2.")
    assert r["top_n"] == 2 and r["select"]


def test_a_winner_decile_is_a_share_and_the_winner_is_one():
    assert ranking_of("profits concentrate in the winner decile.").get("top_pct") == 0.1
    assert "top_n" not in ranking_of("profits concentrate in the winner decile.")
    assert ranking_of("each month we hold the winner.").get("top_n") == 1


def test_short_imperatives_with_a_ticker_and_a_time():
    assert "short" in roles_of("- short iwm on the open when the 5-day rsi is above 85.")
    assert roles_of("buy gld when the rsi is under 20, short gld when the rsi is over 80") >= {"buy", "short"}
    # guards: "short" as an adjective or in a name is no short cue
    assert "short" not in roles_of("a short etf when rates rise is a costly hedge.")
    assert "short" not in roles_of("short term traders buy when the rsi is low.")


def test_buy_two_funds_and_hold_them(spec_of):
    spec = spec_of("Our plan: buy SCHD and VXUS in equal parts and hold them.")
    assert isinstance(spec.entry, M.AlwaysCondition) and spec.universe.symbols == ["SCHD", "VXUS"]
    # guards: a holding period is a rule's exit, and nothing to hold is no strategy
    spec = spec_of("We buy SPY when the 2-day RSI is under 10 and hold it for 5 days.")
    assert not isinstance(spec.entry, M.AlwaysCondition)
    with pytest.raises(NoStrategyFound):
        spec_of("We buy quality companies at fair prices and hold them.")


def test_via_and_through_name_the_traded_ticker():
    assert find_tickers("we trade small caps through IWM when the trend is up") == ["IWM"]
    assert find_tickers("exposure via EFA and EEM") == ["EFA", "EEM"]


def test_slash_runs_of_three_or_more_are_lists_but_pairs_stay_pairs():
    assert find_tickers("rotate among SPY/EFA/IEF/GLD monthly") == ["SPY", "EFA", "IEF", "GLD"]
    # a slash run of words that are not codes, a two-code ratio and numbers are no list
    assert find_tickers("signals: BUY/SELL/HOLD") == [] and find_tickers("the ratio XLY/XLP") == []
    assert find_tickers("trade the 60/40/20 split") == []
    assert find_tickers("long BTC/USDT only") == ["BTC/USDT"]


def test_reevaluated_every_weekday_is_weekly():
    assert rebalance_of("signals are re-evaluated every thursday after the close") == "weekly"
    assert rebalance_of("we rebalance every monday") == "weekly"
    assert rebalance_of("the fund launched on a friday") is None


def test_lowest_volatility_quintile_ranks_ascending(spec_of):
    spec = spec_of("Each month we rank stocks by the standard deviation of their past 24 monthly returns "
                   "and buy the quintile with the lowest volatility.")
    assert spec.ranking.by.name == "stdev" and spec.ranking.by.params == {"window": 24}
    assert spec.ranking.ascending is True and spec.ranking.top_pct == 0.2
    assert spec.name.startswith("Low-volatility")


def test_momentum_ranking_stays_descending(spec_of):
    spec = spec_of("Every month buy the 5 stocks with the best return of last nine month.")
    assert spec.ranking.ascending is False and spec.ranking.top_n == 5 and spec.ranking.by.params == {"window": 9}


def test_top_n_in_words_and_sorting_cue():
    assert ranking_of(normalize("we hold the four with the highest 3-month return"))["top_n"] == 4
    assert ranking_of(normalize("portfolios are formed by sorting stocks on their past returns")).get("cue")
    assert ranking_of(normalize("take the 8 stocks with the best momentum")).get("select")


def test_month_end_close_and_evaluation_cadence():
    assert frequency_cues(normalize("close > sma(6) on month-end close")) == ["monthly"]
    assert rebalance_of(normalize("evaluated once per week.")) == "weekly"


@pytest.mark.parametrize("label", ["HOST", "GUEST"])
def test_transcript_speaker_is_not_a_ticker(label):
    assert find_tickers(f"{label}: I only buy DIA when it is above its 100-day average.") == ["DIA"]


def test_slide_bullets_signal_and_hold_are_a_ranking(spec_of):
    spec = spec_of("Model summary\n- Universe: XLE, XLF, XLK, XLV\n- Signal: 3-month total return\n- Hold: top 1\n- Rebalance: weekly")
    assert spec.ranking is not None and spec.ranking.top_n == 1
    assert spec.ranking.by.name == "roc" and spec.rebalance == "weekly"
    assert sorted(spec.universe.symbols) == ["XLE", "XLF", "XLK", "XLV"]


def test_ticker_in_apposition_after_an_asset_noun():
    assert find_tickers("When the trend is up we hold equities, VTI; otherwise treasuries, IEF.") == ["VTI", "IEF"]


def test_checking_on_the_last_day_of_the_month_is_a_monthly_rebalance():
    from foa.extract.offline.universe import rebalance_of

    assert rebalance_of(normalize("We review the signal on the last business day of each quarter.")) == "quarterly"
    assert rebalance_of(normalize("I check it on the first trading day of the week.")) == "weekly"


def test_ranking_on_an_rsi_reading(spec_of):
    spec = spec_of("Every month-end we take the 10-day RSI of each of the Dow 30 stocks and buy the five with the "
                   "lowest RSI reading, rebalancing monthly.")
    assert spec.ranking is not None and spec.ranking.top_n == 5 and spec.ranking.ascending
    assert spec.ranking.by.name == "rsi" and spec.ranking.by.params == {"window": 10}


def test_an_rsi_level_is_not_a_ranking(spec_of):
    spec = spec_of("Buy any of the three ETFs whose 14-day RSI drops below 30, the highest reading aside.")
    assert spec.ranking is None and spec.entry.right.value == 30


def test_the_n_that_had_the_best_return_is_a_ranking(spec_of):
    spec = spec_of("At each month end, allocating a quarter of the account to each of the 4 funds which had the "
                   "best trailing 6-month return.")
    assert spec.ranking.top_n == 4 and spec.ranking.by.params["window"] in (6, 126)


def test_a_symbol_handed_to_code_is_a_ticker():
    assert find_tickers("stock.str='T'\ninit(stock.str)") == ["T"]
    assert find_tickers('px = yf.download("MSFT", start="2020-01-01")') == ["MSFT"]
    assert find_tickers('self.AddEquity("QQQ", Resolution.Daily)') == ["QQQ"]


@pytest.mark.parametrize("text", [
    "At each month end I compare IWM, IEF and GLD and put everything into whichever one had the best 3 month return. Rebalance monthly.",
    "Every month I check IWM, IEF and GLD and buy which of them has the highest 3-month return.",
])
def test_a_casual_top_one_rotation(spec_of, text):
    spec = spec_of(text)
    assert spec.universe.symbols == ["IWM", "IEF", "GLD"]
    assert spec.ranking is not None and spec.ranking.top_n == 1
    assert (spec.ranking.by.name, spec.ranking.by.params) == ("roc", {"window": 3})
    assert spec.rebalance == "monthly"


def test_whichever_comes_first_is_not_a_ranking(spec_of):
    spec = spec_of("Buy IWM when RSI(4) drops below 15. Sell when RSI(4) rises above 65 or after 8 days, whichever comes first.")
    assert spec.ranking is None and spec.risk.max_holding_bars == 8


def test_a_rotation_named_with_whichever_of_and_a_vix_gate(spec_of):
    spec = spec_of("At each month end I put everything into whichever of IWM, IEF and GLD had the best 6 month return, "
                   "but only if VIX is under 30.")
    assert spec.ranking is not None and spec.ranking.top_n == 1
    # the VIX gate is the ranking's filter read on the VIX's own prices, never a condition on the ranking's return
    assert str(spec.entry) == 'close(symbol="^VIX") < 30'
    assert spec.unsupported == []


@pytest.mark.parametrize("cash_sentence", [
    "If none of them is up over 3 months I go to cash.",
    "If none of them has a positive 3-month return, go to cash.",
])
def test_none_of_them_up_is_the_cash_rule_of_a_rotation(spec_of, cash_sentence):
    spec = spec_of(f"At each month end I put everything into whichever of IWM, IEF and GLD had the best 3 month return. {cash_sentence}")
    assert spec.ranking is not None and spec.ranking.top_n == 1
    # to cash when its return is not positive: never the opposite; a ranking reads no exit, so the rule is its filter
    assert (str(spec.entry), spec.exit) == ("roc(3) >= 0", None)


def test_up_and_down_over_a_span_are_the_sign_of_its_return(spec_of):
    spec = spec_of("Buy IWM when it is up over 3 months. Sell when it is down over the past 3 months.")
    assert (str(spec.entry), str(spec.exit)) == ("roc(3) > 0", "roc(3) < 0")
    assert not any("exit not stated" in a for a in spec.assumptions)


@pytest.mark.parametrize("text,codes", [
    ("Microsoft (NASDAQ: MSFT) is the only stock the rule trades.", ["MSFT"]),
    ("Chart: NYSE:IBM, daily.", ["IBM"]),
    ("We apply it to gold (NYSE Arca: GLD).", ["GLD"]),
    ("The bot runs on BINANCE:ETHUSDT.", ["ETHUSDT"]),
    ("Tested on SOLUSDT perpetuals and on XAUUSD.", ["SOLUSDT", "XAUUSD"]),
    ("Trade /CL and /GC on daily bars.", ["CL", "GC"]),
    ("Backtest on 000001.XSHE and 0700.HK from 2015.", ["000001.XSHE", "0700.HK"]),
    ("It runs on INFY.NS and HDFCBANK.NS.", ["INFY.NS", "HDFCBANK.NS"]),
    ("Tickers: KO PEP MCD", ["KO", "PEP", "MCD"]),
    ("bt = Backtest(GOOG, SmaCross, cash=10_000)", ["GOOG"]),
])
def test_ticker_contexts(text, codes):
    assert find_tickers(text) == codes


@pytest.mark.parametrize("text", [
    "We use GPT-4 and an LSTM network to forecast returns.",
    "The ARIMA model and XGBoost classifier are compared.",
    "John Bollinger designed the bands; Welles Wilder designed the RSI.",
    "Scripts run in TradingView (Pine Script v5) and MetaTrader 5.",
    "and/OR logic in the scanner",
    "library(TTR)\nrequire(PerformanceAnalytics)",
])
def test_models_people_and_platforms_are_not_tickers(text):
    assert find_tickers(text) == []


def test_a_volatility_index_is_a_signal_source_not_the_universe(spec_of):
    # (the VIX's own condition is listed, never read on SPY's price)
    spec = spec_of("Go long SPY when its close is above its 200-day SMA and the VIX closes above its 10-day SMA; exit "
                   "when the close of SPY rises above its 5-day SMA.")
    assert spec.universe.symbols == ["SPY"]


def test_target_weights_written_as_data_make_a_holding(spec_of):
    spec = spec_of("portfolio = [\n    ('VTI', 50),\n    ('BND', 30),\n    ('GLD', 20),\n]\nrebalance_freq: quarterly")
    assert isinstance(spec.entry, M.AlwaysCondition) and spec.universe.symbols == ["VTI", "BND", "GLD"]
    assert spec.rebalance == "quarterly"
    # foa holds its tickers 1/N: the stated weights are listed, never dropped silently
    assert [u.what for u in spec.unsupported] == ["fixed-weight allocation"]
    yaml = ("assets:\n  - ticker: VEA\n    weight: 0.25\n  - ticker: VWO\n    weight: 0.25\n"
            "  - ticker: IEF\n    weight: 0.25\n  - ticker: GLD\n    weight: 0.25\n")
    spec = spec_of(yaml)
    assert spec.universe.symbols == ["VEA", "VWO", "IEF", "GLD"] and spec.unsupported == []


def test_weights_that_do_not_add_up_are_no_allocation(spec_of):
    with pytest.raises(NoStrategyFound):
        spec_of("sizes = [('VTI', 10), ('BND', 15)]")


@pytest.mark.parametrize("text,codes", [
    ('params = (("ticker", "MSFT"), ("fast", 10))', ["MSFT"]),
    ('market:\n  symbol: "GER40"\n  timeframe: "H1"', ["GER40"]),
    ("Ticker: iShares Gold - IAU", ["IAU"]),
    # targets, stops and order units are not codes
    ("tp2_ratio: 0.5  # half at TP2, the rest at TP3", []),
    ("offset of 5 PIPS after SL1 is hit", []),
    # a name with digits is a code only under a symbol key, or when it is a known index CFD symbol
    ("We trade the SP500 and RUT2000 indices.", []),
    ("We trade the US30 and GER40 indices.", ["US30", "GER40"]),
])
def test_keyed_symbols_and_what_is_never_one(text, codes):
    assert find_tickers(text) == codes


# --- ticker contexts: examples, data loaders, "represented by", fallbacks --------------------------------------


@pytest.mark.parametrize("text, want", [
    ("Pick any liquid fund, for example DIA, and apply the rule.", ["DIA"]),
    ("Works on broad index funds such as VOO.", ["VOO"]),
    ("Large caps (represented by IVV) and small caps (proxied by IJR).", ["IVV", "IJR"]),
    ("When fewer than two funds qualify, fill the empty slots with SHV.", ["SHV"]),
    ("Any sleeve that fails the filter is replaced with BIL.", ["BIL"]),
])
def test_a_code_after_an_example_or_fallback_phrase_is_a_ticker(text, want):
    assert find_tickers(text) == want


@pytest.mark.parametrize("text, want", [
    ("feed = bt.feeds.GenericCSVData(dataname='ORCL', fromdate=start)", ["ORCL"]),
    ("px = pdr.get_data_yahoo('INTC', start, end)", ["INTC"]),
    ("frame = web.DataReader('CSCO', 'stooq', start, end)", ["CSCO"]),
    ("candles = exchange.fetch_ohlcv('SOL/USDT', '1d')", ["SOL/USDT"]),
    ("data = feeds.Quandl(dataname='T', buffered=True)", ["T"]),
])
def test_a_market_handed_to_a_data_loader_is_a_ticker(text, want):
    assert find_tickers(text) == want


@pytest.mark.parametrize("text", [
    "Buy when the Relative Vigor Level (RVL) turns up.",
    "The Ultimate Trend Gauge (UTG) is a smoothed average of closes.",
    "Traders read the smoothed price oscillator (SPO) for turns.",
    "Sell when the Range Expansion Score (RES) is above 2.",
    "The Swing Pivot Line (SPL) is discussed below.",
    "la moyenne glissante ponderee (MGP) est au-dessus du prix",
])
def test_a_short_form_defined_for_a_term_is_not_a_ticker(text):
    assert find_tickers(text) == []


@pytest.mark.parametrize("text, want", [
    ("We hold Home Depot (HD) and General Mills (GIS).", ["HD", "GIS"]),
    ("Buy Advanced Micro Devices (AMD) when it closes above its 50-day SMA.", ["AMD"]),
    ("Tested on Block (SQ).", ["SQ"]),
])
def test_a_company_name_before_its_code_still_defines_a_ticker(text, want):
    assert find_tickers(text) == want


def test_abbreviations_names_the_terms_a_text_defines():
    from foa.extract.offline.universe import abbreviations

    text = "The Mean Reversion Gauge (MRG) fires; Procter & Gamble (PG) and Stock Volume Ratio (SVR) are listed."
    assert abbreviations(text) == {"MRG", "SVR"}


def test_a_ticker_column_of_a_plain_table_is_read_whole():
    table = ("GROUP  BULL  BEAR\nMetals 2x NUGT DUST\nEnergy 2x ERX ERY\nBanks 3x FAS FAZ\nChips 3x SOXL SOXS")
    assert find_tickers(table) == ["NUGT", "DUST", "ERX", "ERY", "FAS", "FAZ", "SOXL", "SOXS"]
    rows = "IWM iShares Russell 2000\nMDY SPDR MidCap 400\nEFA iShares MSCI EAFE"
    assert find_tickers(rows) == ["IWM", "MDY", "EFA"]


def test_two_lines_ending_in_capitals_are_no_table():
    from foa.extract.offline.universe import column_tickers

    assert column_tickers("Notes for the desk\nCall me about GDP\nSee you at the FOMC") == []
    assert column_tickers("Two rows only 2x ERX ERY\nBanks 3x FAS FAZ") == []


def test_a_universe_label_with_two_codes_keeps_both(spec_of):
    spec = spec_of("Universe: DIA, MDY\nBuy when the close is above the 100-day SMA; sell when it closes below.")
    assert spec.universe.symbols == ["DIA", "MDY"]


def test_a_table_of_codes_is_the_universe_of_the_rule_above_it(spec_of):
    text = ("Each month rank the funds below by their 3-month return and hold the top 2.\n\n"
            "GROUP BULL BEAR\nMetals 2x NUGT DUST\nEnergy 2x ERX ERY\nBanks 3x FAS FAZ")
    spec = spec_of(text)
    assert spec.universe.symbols == ["NUGT", "DUST", "ERX", "ERY", "FAS", "FAZ"] and spec.ranking.top_n == 2


# --- signal instruments: the market a signal is read on is not held when other markets are -------------------


def test_a_signal_read_on_one_market_to_trade_another_reads_that_market(spec_of):
    spec = spec_of("When DIA closes above its 150-day SMA, buy UDOW. Sell when DIA closes below it.")
    assert spec.universe.symbols == ["UDOW"]
    for cond in (spec.entry, spec.exit):
        assert cond.left == M.PriceExpr(field="close", symbol="DIA")
        assert cond.right.name == "sma" and cond.right.symbol == "DIA" and cond.right.params == {"window": 150}
    assert spec.unsupported == []


def test_a_signal_market_whose_rule_is_not_read_is_listed_as_unsupported(spec_of):
    text = "Hold SOXL while its close is above the 100-day SMA.\nIf SOXX drops 20% from its high, double the position."
    spec = spec_of(text)
    assert spec.universe.symbols == ["SOXL"]
    assert [u.what for u in spec.unsupported if "SOXX" in u.what] == ["signal read on another instrument (SOXX)"]


def test_a_caret_index_keeps_its_caret():
    assert find_tickers("When ^NDX closes above its 50-day SMA, buy.") == ["^NDX"]


def test_the_underlying_of_a_leveraged_fund_named_as_signal_source_is_left_out(spec_of):
    text = ("Hold SOXL while the close is above the 100-day SMA.\n"
            "Watch for oversold signals in the underlying index (SOXX): if SOXX drops 20% add to the position.")
    assert spec_of(text).universe.symbols == ["SOXL"]


def test_a_market_both_read_and_traded_stays(spec_of):
    spec = spec_of("Buy VTI when VTI closes above its 200-day SMA; sell when it closes below.")
    assert spec.universe.symbols == ["VTI"]
    assert not any("instrument" in u.what for u in spec.unsupported)


def test_the_other_side_of_an_otherwise_stays_in_the_universe(spec_of):
    spec = spec_of("Buy when VTI closes above its 200-day SMA, otherwise switch to IEF.")
    assert set(spec.universe.symbols) == {"VTI", "IEF"}


def test_a_single_market_read_as_subject_is_the_market_traded(spec_of):
    assert spec_of("When EWJ closes above its 50-day SMA, buy. Sell when EWJ closes below it.").universe.symbols == ["EWJ"]


# --- lists with notes, table cells, code comments; benchmarks and hurdles named in passing -------------------


def test_a_universe_label_keeps_codes_that_carry_a_note():
    assert find_tickers("Universe: VTI (US stocks), IEF (7-10 year Treasuries), DBC (commodities) and GLD (gold).") == [
        "VTI", "IEF", "DBC", "GLD"]


def test_a_code_alone_in_a_markdown_cell_is_a_ticker():
    assert find_tickers("| Small caps | IJR | S&P 600 index |") == ["IJR"]
    assert find_tickers("| Length | 14 |") == []


def test_a_quantopian_sid_names_its_code_in_the_comment():
    assert find_tickers("context.hedge = sid(23921)  # TLT as the hedge") == ["TLT"]


def test_a_fund_named_for_comparison_or_as_a_hurdle_stays_out(spec_of):
    text = ("Hold VEA or VWO, whichever has the higher 12-month return, while that return beats the 12-month "
            "return of a cash fund (SHV). The results are compared to the Wellesley fund (VWIAX) over 20 years.")
    assert spec_of(text).universe.symbols == ["VEA", "VWO"]


def test_short_forms_and_platform_words_are_not_tickers():
    assert find_tickers("Go long when +DI is above -DI and the bar is an NR7 inside day; code it in AB or TOS.") == []


# --- settings lists: windows given by role --------------------------------------------------------------------


@pytest.mark.parametrize("text, fast, slow", [
    ("Go long when the fast moving average crosses above the slow moving average; sell when it crosses below.\n\n"
     "Settings:\nFast length: 8\nSlow length: 34", 8, 34),
    ("Inputs: FastLen(6), SlowLen(28)\n\nBuy when the fast average crosses over the slow average. Sell when the fast "
     "average crosses under the slow average.", 6, 28),
    ("| Setting | Value |\n|---|---|\n| Fast MA | 11 |\n| Slow MA | 44 |\n\nBuy when the fast MA crosses above the slow MA; "
     "sell when it crosses below.", 11, 44),
    ("We use two simple moving averages (default lengths 15 and 45). Buy when the fast average crosses above the slow "
     "average; sell on the opposite cross.", 15, 45),
])
def test_a_settings_list_gives_the_role_its_window(spec_of, text, fast, slow):
    spec = spec_of(text)
    assert spec.entry.op == "crosses_above"
    assert (spec.entry.left.params["window"], spec.entry.right.params["window"]) == (fast, slow)


def test_role_windows_refuse_a_contradiction():
    from foa.extract.offline.settings import role_windows

    assert role_windows(["fast length: 50", "slow length: 20"]) == {}
    assert role_windows(["fast length: 5", "fast length: 9", "slow length: 20"]) == {}
    assert role_windows(["rsi length: 14", "the long trend"]) == {}


def test_a_settings_list_leaves_macd_to_its_own_triple(spec_of):
    spec = spec_of("Fast length: 10\nSlow length: 21\nSignal smoothing: 7\n\nBuy when the MACD line crosses above the "
                   "signal line; sell when it crosses below.")
    assert spec.entry.left.params == {"fast": 10, "slow": 21, "signal": 7}


def test_a_bollinger_deviation_stated_label_first(spec_of):
    spec = spec_of("Bollinger length: 20, deviations: 2.5. Buy when the close falls below the lower band; sell when it "
                   "reaches the middle band.")
    assert spec.entry.right.params == {"window": 20, "std": 2.5}


@pytest.mark.parametrize("text", [
    "Only trade during RTH, never in the ETH session.",
    "The breakout buys a break of the HOD and sells at the LOD or the PDL.",
    "Times are in EST; the strategy is coded for NT8 and QC.",
    "The rule (see FIG. 2) and TABLE 3 summarise it.",
])
def test_session_platform_and_layout_words_are_not_tickers(text):
    assert find_tickers(text) == []


@pytest.mark.parametrize("text, want", [
    ("universe = ('VTI', 'VEA', 'BND')", ["VTI", "VEA", "BND"]),
    ("Chart: NYSEARCA:GLD on the daily.", ["GLD"]),
    ("Hold UPRO, TMF in a 55/45 split.", ["UPRO", "TMF"]),
    ("We buy XLE, XLB and XME when the trend turns up.", ["XLE", "XLB", "XME"]),
])
def test_tuples_exchange_prefixes_and_lists_after_an_action(text, want):
    assert find_tickers(text) == want


def test_a_short_form_written_before_its_words_is_not_a_ticker():
    assert find_tickers("Buy GLD when the SO (Stochastic Oscillator) turns up; GS (Goldman Sachs) is not held.") == [
        "GLD", "GS"]
    # a fund's description in brackets keeps its ticker, even when its words happen to spell the code
    assert find_tickers("Hold EFA (ex-US developed) or EEM (emerging markets).") == ["EFA", "EEM"]
    assert find_tickers("Rotate between VTI (US equity) and IDEV (intl developed).") == ["VTI", "IDEV"]


def test_codes_keyed_to_quantopian_sids_are_tickers_even_when_they_spell_a_word():
    assert find_tickers('stocks = {"NKE" : sid(5328), "CAT" : sid(1267)}') == ["NKE", "CAT"]


@pytest.mark.parametrize("aside", [
    "It outperformed the Nasdaq 100 (QQQ) since 2009.",
    "Results versus QQQ are in the table below.",
    "We also tested it on QQQ and MDY with similar results.",
    "In 2020 the rule sidestepped most of the QQQ drawdown.",
    "The idea came from the QQQ earnings season.",
    "The Nasdaq 100 (QQQ) rose 18% that year while this rule gained 12%.",
])
def test_a_fund_named_as_yardstick_robustness_run_or_report_stays_out(spec_of, aside):
    spec = spec_of("Buy DIA when the 50-day SMA crosses above the 200-day SMA; sell when it crosses below. " + aside)
    assert spec.universe.symbols == ["DIA"]


def test_a_fund_held_and_also_reported_stays_in(spec_of):
    spec = spec_of("Hold QQQ when the 50-day SMA is above the 200-day SMA, otherwise hold TLT. QQQ rose 18% in 2023.")
    assert set(spec.universe.symbols) == {"QQQ", "TLT"}


def test_a_named_level_on_a_settings_line_is_the_rule_level(spec_of):
    spec = spec_of("Settings\nEntry level: 18\nExit level: 65\n\nBuy when the 9-day RSI is below the entry level; "
                   "sell when it is above the exit level.")
    assert (spec.entry.right.value, spec.exit.right.value) == (18.0, 65.0)
    assert spec.entry.left.params == {"window": 9}


def test_a_threshold_in_a_parameter_table_is_the_rule_level(spec_of):
    spec = spec_of("| Parameter | Value |\n|---|---|\n| RSI length | 3 |\n| Oversold threshold | 12 |\n| Exit threshold | 55 |\n\n"
                   "Buy when the RSI crosses below the oversold threshold. Exit when the RSI crosses above the exit threshold.")
    assert (spec.entry.op, spec.entry.right.value, spec.exit.right.value) == ("crosses_below", 12.0, 55.0)


def test_a_lookback_on_a_settings_line_is_the_channel_window(spec_of):
    spec = spec_of("Lookback: 35\n\nBuy when the close breaks above the highest high of the lookback period.\n"
                   "Sell when the close breaks below the lowest low of the lookback period.")
    assert spec.entry.right.params == {"window": 35} and spec.exit.right.params == {"window": 35}


def test_setting_names_need_a_name_for_a_level():
    from foa.extract.offline.settings import SettingNames

    assert SettingNames(["Level: 30"]).sub("buy below the level") == "buy below the level"
    assert SettingNames(["RSI level: 30"]).sub("buy below the rsi level") == "buy below the rsi level"


def test_markets_compared_to_choose_one_are_all_held(spec_of):
    spec = spec_of("Each month compare VTI's 6-month momentum with VEA's and hold the stronger; if neither return is "
                   "positive, hold BND.")
    assert set(spec.universe.symbols) == {"VTI", "VEA", "BND"}
    assert not any("instrument" in u.what for u in spec.unsupported)


@pytest.mark.parametrize("settings", ["Settings\nLength: 6", "| Parameter | Value |\n|---|---|\n| Period | 6 |",
                                      "Inputs: Length(6)"])
def test_a_bare_length_is_the_window_of_the_one_indicator_named_without_one(spec_of, settings):
    spec = spec_of(settings + "\n\nBuy when the RSI is below 15; sell when it is above 75.")
    assert spec.entry.left.params == {"window": 6}


def test_a_bare_length_never_overrides_a_stated_window(spec_of):
    spec = spec_of("Length: 6\n\nBuy when the RSI(14) is below 15; sell when it is above 75.")
    assert spec.entry.left.params == {"window": 14}


def test_one_pair_written_two_ways_is_one_symbol(spec_of) -> None:
    s = spec_of("GBPUSD swing idea\nI trade GBP/USD on daily bars. Buy when RSI(14) crosses above 30; sell when it "
                "crosses below 70.")
    assert s.universe.symbols == ["GBP/USD"]


# --- a short form the document defines for a term is that term everywhere in it --------------------------------
@pytest.mark.parametrize("text", [
    "What is the internal bar strength indicator (IBS)?\n\nBuy= IBS<0.2 ; Sell= IBS>0.8 ; on DIA when the close is above the 200-day SMA.",
    "The strategy uses the RSI and the SO (Stochastic Oscillator).\n\nBuy DIA when SO(current bar) is under 20 and the 14-day RSI is under 30.",
    "Como falamos sobre o Índice de Força Relativa (IFR), compre o ETF DIA quando a média móvel de 10 cruza para cima a média de 40.\n\nIFR (2) abaixo de 10.",
    "Our Trend Score Line (TSL) is simple.\n\nHold DIA while TSL is rising and the 50-day EMA is above the 150-day EMA.",
    "La Media Móvil Simple (MMS) de 20 días.\n\nBuy DIA when the 20-day SMA crosses above the 100-day SMA; MMS trades above it.",
])
def test_a_short_form_defined_anywhere_in_the_text_is_never_a_ticker(spec_of, text):
    from foa.extract.offline.analyze import read
    from foa.extract.offline.holdings import read_universe

    assert read_universe(read(Document.from_text(text)).infos).symbols == ["DIA"]


def test_words_of_a_definition_split_in_any_script():
    from foa.extract.offline.universe import abbreviations

    assert abbreviations("o Índice de Força Relativa (IFR); the Volume Weighted Close (VWC); Home Depot (HD)") == {"IFR", "VWC"}


# --- a code heading a test's results names the market the rule was tested on ----------------------------------
@pytest.mark.parametrize("text, want", [
    ("These are the rules:\n- If RSI(2) < 10\n- Buy the close\n- Sell when RSI(2) > 70\n\nQQQ Results\n- Trades: 199", ["QQQ"]),
    ("## IWM backtest\nBuy when the 5-day RSI falls under 25 and exit above 60.", ["IWM"]),
    ("Enter long when the 20-day EMA crosses over the 60-day EMA, exit on the reverse cross.\n\nXLE - performance since 2005: 7.1% a year", ["XLE"]),
    ("GLD equity curve\nGo long when ROC(63) > 0, flat when ROC(63) < 0.", ["GLD"]),
    ("Purchase when the close dips beneath the lower Bollinger Band (20, 2); sell at the middle band.\nTLT Statistics: 142 trades", ["TLT"]),
])
def test_a_code_heading_its_results_is_the_tested_market(spec_of, text, want):
    assert spec_of(text).universe.symbols == want


@pytest.mark.parametrize("text", ["TRADE RESULTS\nBuy SPY when RSI(2) < 10.", "OOS results\nBuy SPY when RSI(2) < 10.",
                                  "EMA Results\nBuy SPY when RSI(2) < 10.", "CAGR results\nBuy SPY when RSI(2) < 10."])
def test_a_shouted_results_heading_or_a_metric_is_no_ticker(spec_of, text):
    assert spec_of(text).universe.symbols == ["SPY"]


# --- tickers named in a disclosure, a failed test or as a scheduled event stay out ------------------------------
@pytest.mark.parametrize("aside", [
    "Disclosure: the author holds positions in NVDA and AMD.",
    "The writer may hold a long position in META and AMZN.",
    "Disclosure - I own shares of KO; no other positions.",
    "The same rule failed on EEM and FXI in our tests.",
    "It did not work on GDX, where it lost 30%.",
    "We tried the setup on UNG too and it was unprofitable for UNG.",
    "We stand aside before an NFP release or the CPI print.",
    "Skip the days of an FOMC meeting or an ECB decision.",
])
@pytest.mark.parametrize("order", ["before", "after"])
def test_a_ticker_in_a_disclosure_a_failed_test_or_an_event_is_not_traded(spec_of, aside, order):
    rule = "Buy SMH when the 10-day SMA crosses above the 40-day SMA; sell it on the reverse cross."
    spec = spec_of(f"{aside}\n\n{rule}" if order == "before" else f"{rule}\n\n{aside}")
    assert spec.universe.symbols == ["SMH"]


def test_a_ticker_traded_and_also_disclosed_stays(spec_of):
    spec = spec_of("Buy SMH when the 10-day SMA crosses above the 40-day SMA.\n\nDisclosure: I hold shares of SMH.")
    assert spec.universe.symbols == ["SMH"]


# --- the lines under a heading that announces the markets -----------------------------------------------------
@pytest.mark.parametrize("head", ["Tickers", "Universe:", "## Assets traded", "**ETFs used**", "Instruments"])
@pytest.mark.parametrize("rows", [
    "SPY  S&P 500\nTLT  20+ year Treasuries\nGLD  Gold",
    "- SPY: US stocks\n- TLT (long bonds)\n- GLD - gold bullion",
    "1. SPY\n2. TLT\n3. GLD",
])
def test_codes_starting_the_lines_under_a_universe_heading_are_the_universe(spec_of, head, rows):
    spec = spec_of(f"{head}\n{rows}\n\nEach month hold the top 1 by 3-month return.")
    assert spec.universe.symbols == ["SPY", "TLT", "GLD"]


def test_a_universe_heading_list_ends_at_the_first_line_without_a_code():
    from foa.extract.offline.universe import listed_tickers

    text = "Markets\nES futures\nNQ futures\nThe RSI filter and SMA trend are daily.\nYM later"
    assert [c for _, c in listed_tickers(text)] == ["ES", "NQ"]
    assert listed_tickers("Symbols\nRSI 14\nSMA 200") == [] and listed_tickers("Markets\nThe markets were calm.") == []


# --- code: a list of quoted codes over several commented lines; a variable named after its sid -----------------
@pytest.mark.parametrize("text, want", [
    ("secs = symbols('XLY',  # consumer discretionary\n               'XLF',  # financials\n               'XLK')  # technology",
     ["XLY", "XLF", "XLK"]),
    ('UNIVERSE = [\n    "SPY",   // US large caps\n    "EFA",   // developed ex-US\n    "IEF",   // bonds\n]', ["SPY", "EFA", "IEF"]),
    ("tickers = (\n  'GLD', # gold\n  'SLV'  # silver\n)", ["GLD", "SLV"]),
    ("assets = {'TLT',\n          'IEF',\n          'SHY'}", ["TLT", "IEF", "SHY"]),
    ("pair = ['KO', # Coca-Cola\n        'PEP'] # Pepsi", ["KO", "PEP"]),
])
def test_quoted_codes_over_several_commented_lines_are_read_together(text, want):
    from foa.extract.offline.universe import quoted_lines

    assert [c for _, c in quoted_lines(text)] == want


def test_a_quoted_list_of_indicator_names_is_no_universe():
    from foa.extract.offline.universe import quoted_lines

    assert quoted_lines('features = [\n  "RSI",  # momentum\n  "MACD",  # trend\n  "ATR"  # volatility\n]') == []


@pytest.mark.parametrize("text, want", [
    ("context.aapl = sid(24)", ["AAPL"]),
    ("    context.spy = sid(8554)  ", ["SPY"]),
    ("self.qqq = symbol(19920)", ["QQQ"]),
    ("tlt = sid(23921)", ["TLT"]),
    ("context.stock = sid(24)", []),  # a name that is not the sid's symbol says nothing
    ("context.msft = sid(8554)", []),  # a name and a sid that disagree say nothing
])
def test_a_variable_named_after_the_symbol_of_its_sid_is_that_ticker(text, want):
    assert find_tickers(text) == want


def test_a_quantopian_rule_on_a_sid_variable_gets_its_universe(spec_of):
    code = ("def initialize(context):\n    context.aapl = sid(24)\n\ndef handle_data(context, data):\n"
            "    fast = data[context.aapl].mavg(20)\n    slow = data[context.aapl].mavg(90)\n    if fast > slow:\n"
            "        order_target_percent(context.aapl, 1.0)\n    elif fast < slow:\n        order_target_percent(context.aapl, 0.0)\n")
    assert spec_of(code).universe.symbols == ["AAPL"]


# --- an equal-weight portfolio of the tickers named is a holding; one reported as a result is a yardstick -------
@pytest.mark.parametrize("text, want", [
    ("The model holds SPY, TLT and GLD in an equal weight portfolio, rebalanced each month.", ["SPY", "TLT", "GLD"]),
    ("Universe: XLK, XLF, XLE, XLV. We equal-weight the four funds and rebalance quarterly.", ["XLK", "XLF", "XLE", "XLV"]),
    ("Hold SPY, TLT and GLD in equal weights; rebalance each quarter.", ["SPY", "TLT", "GLD"]),
    ("I keep VTI, VXUS and BND equally weighted.", ["VTI", "VXUS", "BND"]),
    ("This algorithm defines a long-only equal weight portfolio.\nsecs = symbols('XLY', 'XLF', 'XLK', 'XLE')",
     ["XLY", "XLF", "XLK", "XLE"]),
])
def test_an_equal_weight_portfolio_of_the_named_tickers_is_held(spec_of, text, want):
    spec = spec_of(text)
    assert spec.universe.symbols == want and spec.entry.kind == "always"


@pytest.mark.parametrize("text", [
    "Our rule beats an equal-weight portfolio of SPY, TLT and GLD.",
    "Compared with an equally weighted portfolio of SPY, TLT and GLD, the drawdown was lower.",
    "An equal weight portfolio of SPY, TLT and GLD returned 6% a year.",
    "The equal-weight mix of SPY, TLT and GLD had a 9% CAGR.",
    "An equally weighted basket of QQQ, IWM and DIA showed a Sharpe of 0.7.",
    "symbols = ['SPY', 'EFA', 'AGG']\nweights = 1 / len(symbols)\npairs = [('SPY', 'EFA')]",
])
def test_an_equal_weight_yardstick_or_a_sizing_line_is_no_holding(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


@pytest.mark.parametrize("text", [
    "I backtested a crossover on SPY from 2000 to 2023: CAGR 7.8%. Buy and hold had a CAGR of 7.5% with a 55% drawdown.",
    "Buy-and-hold returned 9% a year on QQQ over the same period, with deeper drawdowns.",
    "The timing model lagged; buy and hold of IWM gained 140% in the decade.",
    "Over 20 years buy & hold on DIA delivered more, but with a 50% drawdown.",
    "For reference, buy and hold itself made 8.1% a year on EFA.",
])
def test_buy_and_hold_reported_as_a_result_is_a_yardstick(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


# --- a line of code the author commented out names no market ---------------------------------------------------
@pytest.mark.parametrize("text, want", [
    ("context.stock = sid(24)  # AAPL\n#    context.stock = sid(3766)  #IBM", ["AAPL"]),
    ("data = yf.download('QQQ')\n# data = yf.download('SPY')", ["QQQ"]),
    ("symbol = 'GLD'\n// symbol = 'SLV'", ["GLD"]),
    ("# get_data('FTMBUSD', 30).to_sql('t', engine)\nexchange.fetch_ohlcv('ETH/USDT', '1d')", ["ETH/USDT"]),
    ("tickers = ['XLK', 'XLF']\n# tickers = ['XLE', 'XLU']", ["XLK", "XLF"]),
])
def test_tickers_on_commented_out_code_lines_stay_out(text, want):
    assert find_tickers(text) == want


def test_a_comment_in_prose_still_names_its_market():
    assert find_tickers("# Buy SPY when the 50-day SMA crosses above the 200-day SMA") == ["SPY"]
    assert find_tickers("// trade QQQ on daily bars") == ["QQQ"]


# --- more ticker contexts: hashtags, "Apply to:" style labels, a chart, "stocks like", "trades X", "BUY: X" -----
@pytest.mark.parametrize("text, want", [
    ("#SPY swing setup", ["SPY"]),
    ("my #QQQ and #IWM plan", ["QQQ", "IWM"]),
    ("Apply to: SPY, QQQ", ["SPY", "QQQ"]),
    ("Works best on: EURUSD, GBPUSD", ["EURUSD", "GBPUSD"]),
    ("Backtested on: DIA", ["DIA"]),
    ("Chart: SPY, 1D", ["SPY"]),
    ("Example: AAPL daily chart", ["AAPL"]),
    ("See the TSLA weekly chart below", ["TSLA"]),
    ("on the NVDA 4h chart", ["NVDA"]),
    ("For stocks like AAPL or MSFT", ["AAPL", "MSFT"]),
    ("ETFs like XLK and XLV", ["XLK", "XLV"]),
    ("The system trades DIA only.", ["DIA"]),
    ("It traded GLD through 2020.", ["GLD"]),
    ("BUY: QQQ", ["QQQ"]),
    ("SELL: TLT", ["TLT"]),
])
def test_more_ticker_contexts(text, want):
    assert find_tickers(text) == want


@pytest.mark.parametrize("text", ["#RSI divergence", "# SP500 notes", "TRADE IDEA: SMALL CAPS", "A nice chart", "like RSI or MACD",
                                  "RSI chart", "BUY SIGNAL CONFIRMED"])
def test_hashtags_charts_and_labels_need_a_code(text):
    assert find_tickers(text) == []


@pytest.mark.parametrize("text, want", [
    ("We trade BANKNIFTY futures.", ["BANKNIFTY"]),
    ("Backtested on US30 and NAS100.", ["US30", "NAS100"]),
    ("Instrument: DAX40 CFD", ["DAX40"]),
    ("Market: USOIL", ["USOIL"]),
    ("Buy JP225 when it dips.", ["JP225"]),
    ("We use 0700.HK (Tencent) and 7203.T daily.", ["0700.HK", "7203.T"]),
])
def test_known_index_cfd_symbols_and_suffixed_codes(text, want):
    assert find_tickers(text) == want


# --- a company in the news, or a market the rule did worse on, is not the market traded ---------------------------
@pytest.mark.parametrize("aside", [
    "Meanwhile AAPL reported earnings and NVDA hit a record.",
    "TSLA plunged on the delivery numbers, and AMD surged.",
    "Shares of META soared after the call; NFLX was downgraded.",
    "The same rules on SPY gave weaker results.",
    "Applied to EEM it showed lower returns, and on FXI it had negative returns.",
])
def test_news_items_and_worse_markets_stay_out_of_the_universe(spec_of, aside):
    rule = "Our system trades IWM only: buy when the 20-day SMA crosses above the 50-day SMA, sell on the reverse cross."
    for text in (f"{aside} {rule}", f"{rule}\n\n{aside}"):
        assert spec_of(text).universe.symbols == ["IWM"]


def test_a_market_that_did_better_than_another_is_still_the_one_traded(spec_of):
    spec = spec_of("The same rules on SPY gave weaker results than on QQQ, which we trade. Buy when the 20-day SMA "
                   "crosses above the 50-day SMA; sell when it crosses back below.")
    assert spec.universe.symbols == ["QQQ"]


def test_a_news_verb_in_a_condition_is_a_rule_not_news(spec_of):
    spec = spec_of("When XLE surged above its 50-day SMA, buy XLE; sell when it closes below the 50-day SMA.")
    assert spec.universe.symbols == ["XLE"]


@pytest.mark.parametrize("text, want", [
    ("[SPY] daily swing rules", ["SPY"]),
    ("Ticker \u2014 XLU", ["XLU"]),
    ("Symbol - GLD", ["GLD"]),
    ("Tested with AMZN daily data from 2015.", ["AMZN"]),
    ("Using 10 years of NFLX prices", ["NFLX"]),
    ("The test uses the QQQ ETF.", ["QQQ"]),
    ("SPY weekly bars only", ["SPY"]),
    ("We pulled IWM historical quotes.", ["IWM"]),
])
def test_a_code_in_brackets_after_a_dash_label_or_before_its_data_is_a_ticker(text, want):
    assert find_tickers(text) == want


@pytest.mark.parametrize("text", [
    "Tested with OHLC data", "EOD data from FRED", "[RSI] settings", "See [ATR](https://example.org)",
    "ALMA trend model", "TTM Squeeze setup", "TD Sequential setup", "SMC and ICT concepts on the HTF",
    "NNFX style with an ADR filter", "Upper Band (TOP) and Lower Band (BOT)", "company XYZ (symbol XYZ)",
])
def test_jargon_placeholders_and_named_indicators_are_not_tickers(text):
    assert find_tickers(text) == []


@pytest.mark.parametrize("title", ["IFT Dual Momentum Strategy", "CVR3 Trading Strategy", "GOLD Strategy", "ABC Swing System"])
def test_a_title_naming_a_strategy_by_its_code_gives_no_universe(spec_of, title):
    # a strategy is often named by an acronym of its own: a code opening a title is not read as a market
    spec = spec_of(f"{title}\n\nBuy when the 20-day SMA crosses above the 50-day SMA; sell when it crosses back below.")
    assert spec.universe.symbols == []


# --- settings lists: bulleted or numbered role labels, labels written length first, two-cell table rows ---------
@pytest.mark.parametrize("settings, want", [
    ("Parameters:\n- short period: 10\n- long period: 50", {("sma", 10), ("sma", 50)}),
    ("* fast MA: 7\n* slow MA: 28", {("sma", 7), ("sma", 28)}),
    ("1. Fast length: 5\n2. Slow length: 35", {("sma", 5), ("sma", 35)}),
    ("Config\nma_fast: 12\nma_slow: 26", {("sma", 12), ("sma", 26)}),
    ("| Setting | Value |\n|---|---|\n| Fast period | 8 |\n| Slow period | 40 |", {("sma", 8), ("sma", 40)}),
    ("\u2022 quick average: 3\n\u2022 slower average: 15", {("sma", 3), ("sma", 15)}),
])
def test_role_windows_from_bulleted_numbered_or_reversed_labels(spec_of, settings, want):
    spec = spec_of(f"{settings}\n\nGo long when the fast SMA crosses over the slow SMA; exit on the reverse cross.")
    assert {(n, p.get("window")) for n, p in _spec_indicators(spec)} == want


@pytest.mark.parametrize("table, window, levels", [
    ("| Input | Default |\n|---|---|\n| Oversold level | 25 |\n| Overbought level | 75 |\n| RSI length | 4 |", 4, [25, 75]),
    ("| Parameter | Value |\n|---|---|\n| RSI period | 3 |\n| Oversold | 15 |\n| Overbought | 85 |", 3, [15, 85]),
    ("RSI period: 6\nOversold zone: 22\nOverbought zone: 78", 6, [22, 78]),
    ("| rsi window | 9 bars |\n| oversold threshold | 12 |\n| overbought threshold | 88 |", 9, [12, 88]),
    ("- RSI length = 5\n- Oversold: 18\n- Overbought: 82", 5, [18, 82]),
])
def test_a_setting_table_gives_the_rsi_window_and_the_zone_levels(spec_of, table, window, levels):
    spec = spec_of(f"{table}\n\nBuy when the RSI falls below the oversold level; sell when it rises above the overbought level.")
    assert {(n, p.get("window")) for n, p in _spec_indicators(spec)} == {("rsi", window)}
    assert all(any(abs(c - v) < 1e-9 for c in _spec_constants(spec)) for v in levels)


def test_a_two_cell_row_reads_as_a_label_and_its_value():
    assert normalize("| RSI Period | 3 |") == "rsi period: 3"
    assert normalize("| Stop loss | 5% |") == "stop loss: 5%"
    assert normalize("| SPY | QQQ |") == "| spy | qqq |"  # two codes: no setting


@pytest.mark.parametrize("text, want", [
    ("Entry: GLD close > SMA(50)", ["GLD"]),
    ("when SPY price crosses above the 200-day line", ["SPY"]),
    ("if the QQQ closing price is above its 50-day EMA", ["QQQ"]),
    ("Exit: XLE close < EMA(20)", ["XLE"]),
    ("IWM close is under the lower band", ["IWM"]),
])
def test_a_code_whose_price_is_compared_is_a_ticker(text, want):
    assert find_tickers(text) == want


@pytest.mark.parametrize("text", ["The close > SMA(50)", "EOD close > SMA(200)", "RSI close above 70"])
def test_a_compared_close_needs_a_code(text):
    assert find_tickers(text) == []


@pytest.mark.parametrize("text, want", [
    ("For ETH, buy when the 20-day SMA crosses above the 50-day SMA.", ["ETH"]),
    ("With IWM, the rule is to buy under the lower band.", ["IWM"]),
    ("Rules are simple. For QQQ, we buy dips below the 10-day low.", ["QQQ"]),
    ("for the TLT, hold while above the 200-day average", ["TLT"]),
    ("Backtest notes; with XLU, exits come sooner.", ["XLU"]),
])
def test_a_sentence_opening_on_a_market_names_it(text, want):
    assert find_tickers(text) == want


@pytest.mark.parametrize("text", ["For RSI, use 14.", "For example, buy low.", "for AI, this is new", "We wait for SPY, then see"])
def test_an_opening_for_needs_a_code_at_the_sentence_start(text):
    assert find_tickers(text) == []


def test_a_headline_counts_the_symbols_it_does_not_name(spec_of):
    spec = spec_of("Each month, rank XLB, XLE, XLF, XLI, XLK, XLP, XLU, XLV and XLY by their 6-month return "
                   "and hold the top 3.")
    assert len(spec.universe.symbols) == 9
    assert "XLB, XLE, XLF, XLI, XLK, XLP and 3 more" in spec.name + spec.summary
    few = spec_of("Each month, rank XLB, XLE and XLF by their 6-month return and hold the top 1.")
    assert "more" not in few.name + few.summary
