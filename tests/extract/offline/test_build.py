"""The assembled spec: version, unsupported parts, refusals, no self-contradiction."""

from __future__ import annotations

import pytest

import foa
from foa.errors import NoStrategyFound
from foa.extract.api import offline_version
from foa.spec.model import StrategySpec, Unsupported
from foa.spec import model as M
from foa.extract.offline import extract_offline
import subprocess
import sys
from foa.extract.offline.conditions import walk
from tests.extract.offline.helpers import windows


def test_version_exists_and_keys_the_offline_cache():
    from foa.extract import offline

    assert isinstance(offline.VERSION, str) and offline.VERSION
    assert offline_version() == f"offline-{offline.VERSION}"


def test_unsupported_is_part_of_the_contract_and_shown_everywhere(spec_of):
    from foa.cli.extract import render

    spec = spec_of("Buy SPY when the 50-day SMA crosses above the 200-day SMA.")
    assert spec.unsupported == []
    spec = spec.model_copy(update={"unsupported": [Unsupported(what="Parabolic SAR (sar)", quote="SAR flips", page=1)]})
    again = StrategySpec.from_json(spec.to_json())
    assert again.unsupported[0].what == "Parabolic SAR (sar)" and again.unsupported[0].page == 1
    assert "Not expressible, left out of the backtest: Parabolic SAR (sar) (p. 1)." in spec.describe()
    assert "Parabolic SAR (sar)" in spec._repr_html_() and "SAR flips" in spec._repr_html_()
    assert 'Parabolic SAR (sar): p.1 "SAR flips"' in render(spec)
    with pytest.raises(Exception):
        Unsupported(what="x", quote="y", colour="red")  # extra=forbid


def test_an_indicator_foa_lacks_is_listed_not_dropped(spec_of):
    spec = spec_of("Go long XLE when the relative vigor index turns up and RSI(14) crosses above 40. Sell when RSI(14) crosses below 60.")
    assert str(spec.entry) == "rsi(14) crosses_above 40"
    assert [(u.what, u.page) for u in spec.unsupported] == [("RVI (relative vigor index)", 1)]
    assert "relative vigor index turns up" in spec.unsupported[0].quote


def test_when_nothing_expressible_remains_the_refusal_says_what_and_why(spec_of):
    with pytest.raises(NoStrategyFound, match=r"cannot express yet: RVI \(relative vigor index\) \(p\. 2"):
        spec_of("Market notes for the week.", "Go long EWJ when the relative vigor index turns up; exit when it turns down.")


def test_a_refusal_without_any_rule_keeps_the_plain_message(spec_of):
    with pytest.raises(NoStrategyFound, match="no concrete, tradable rule"):
        spec_of("The ADX is a trend-strength gauge that many desks watch. Markets were calm this week.")


def test_named_as_left_out_or_negated_is_no_gap(spec_of):
    spec = spec_of("A stochastic-free setup: buy when the 8-day EMA crosses above the 21-day EMA. We do not use the CCI.")
    assert spec.unsupported == []


def test_rule_kinds_without_a_field_are_listed(spec_of):
    spec = spec_of("Buy MSFT when the 10-day SMA crosses above the 30-day SMA. Flatten every position at 3:50 pm.")
    assert [u.what for u in spec.unsupported] == ["time-of-day exit"]


def test_a_volume_multiple_is_expressed_as_arithmetic(spec_of):
    spec = spec_of("Buy when the close crosses above the 50-day high and volume is more than twice its 20-day average.")
    assert "volume >= sma(20, input=volume) * 2" in str(spec.entry) or "volume > sma(20, input=volume) * 2" in str(spec.entry)
    assert spec.unsupported == []


def test_no_spec_leaves_with_an_error_finding():
    from foa.extract.offline.repair import repair
    from foa.spec.builders import close, roc, rsi, sma
    from foa.spec.check import check_spec

    spec = StrategySpec(name="x", entry=(roc(20) > 0) & (roc(20) < 0), exit=(close() < sma(30)) | (close() > sma(30)))
    fixed = repair(spec)
    assert str(fixed.entry) == "roc(20) > 0" and str(fixed.exit) == "close < sma(30)"
    assert check_spec(fixed).ok and any("contradicts" in a for a in fixed.assumptions)
    # an oscillator against a price average: the elided subject is the price
    fixed = repair(StrategySpec(name="x", entry=(rsi(2) < 5) & (rsi(2) > sma(200))))
    assert str(fixed.entry) == "rsi(2) < 5 and close > sma(200)"


def test_a_ranking_keeps_what_the_engine_runs_and_lists_the_rest(spec_of):
    spec = spec_of("Each month rank the sector ETFs by 6-month return, buy the top 3 and short the bottom 3. "
                   "Stop out of any holding that loses 8%.")
    assert spec.ranking is not None and spec.direction == "long_only" and spec.risk.stop_loss is None
    whats = " | ".join(u.what for u in spec.unsupported)
    assert "short leg of a ranking" in whats and "stops with a ranking" in whats


def test_rules_on_a_schedule_with_a_short_side_drop_the_schedule(spec_of):
    spec = spec_of("Go long SPY when its 12-month return is positive and short it when negative; rebalance monthly.")
    assert spec.direction == "long_short" and spec.rebalance is None
    assert "rebalance schedule" in spec.unsupported[0].what


def test_a_short_sides_adverse_move_is_its_stop(spec_of):
    spec = spec_of("Short IWM when RSI(3) rises above 85; cover when it drops under 40. "
                   "Cover at once if the price rises 4% above the entry price.")
    assert spec.direction == "short_only" and spec.risk.stop_loss == pytest.approx(0.04) and spec.risk.take_profit is None


def test_a_contradiction_read_from_text_is_never_emitted(spec_of):
    from foa.spec.check import check_spec

    spec = spec_of("Buy QQQ when the 10-day ROC is positive and the 10-day ROC is negative; sell when the close "
                   "drops below the 50-day SMA.")
    assert check_spec(spec).ok


def test_code_testing_the_previous_bar_then_this_one_is_a_crossing():
    from foa.extract.offline.repair import repair
    from foa.spec.builders import close, sma

    fixed = repair(StrategySpec(name="x", entry=(close() < sma(50)) & (close() > sma(50))))
    assert str(fixed.entry) == "close crosses_above sma(50)"


def dump(cond) -> dict | None:
    return cond.model_dump(exclude_none=True, exclude_defaults=True) if cond is not None else None


def indicators(cond) -> list[tuple[str, dict]]:
    return [(e.name, e.params) for e in walk(cond) if isinstance(e, M.IndicatorExpr)]


def cond_consts(cond) -> list[float]:
    return [e.value for e in walk(cond) if isinstance(e, M.ConstExpr)]


@pytest.mark.parametrize("text, name, expected", [
    ("Go long when EMA9 crosses above EMA21.", "ema", {9, 21}),
    ("Entry: SMA 20/100 bullish cross; exit on the bearish cross.", "sma", {20, 100}),
    ("Buy = Cross(MA(C,10), MA(C,30)); Sell = Cross(MA(C,30), MA(C,10))", "sma", {10, 30}),
    ("Rule: close > ma(150) then hold, else flat.", "sma", {150}),
    ("Buy when RSI(3) < 12 and sell when RSI(3) > 65.", "rsi", {3}),
    ("Buy when Mov(C,8,E) crosses above Mov(C,34,E).", "ema", {8, 34}),
])
def test_compact_and_platform_notations(spec_of, text, name, expected):
    assert windows(spec_of(text), name) == expected


def test_accepts_plain_text():
    assert extract_offline("Buy when the 5-day SMA crosses above the 20-day SMA.").entry.op == "crosses_above"


def test_import_is_light():
    code = ("import sys, foa.extract.offline, foa.extract.evaluate, foa.cli.evaluate\n"
            "heavy = {'vectorbt','numba','anthropic','llama_index','duckdb','pymupdf','fitz','ipywidgets','plotly','yfinance'}\n"
            "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_new_n_day_high_and_breaking_a_low():
    spec = extract_offline("Enter when the stock makes a new 30-day high. Exit when it breaks the 15-day low.")
    assert spec.entry.left.kind == "price" and spec.entry.right.name == "highest"
    assert spec.exit.op == "crosses_below" and spec.exit.right.params["window"] == 15


def test_covers_as_a_verb_of_reviewing_is_not_a_rule():
    text = ("The course covers the MACD and the RSI, and explains that an RSI above 80 is often called overbought "
            "while one below 20 is called oversold. It gives no trading rules.")
    with pytest.raises(NoStrategyFound):
        extract_offline(text)


def test_a_fractional_pct_key_is_already_a_fraction():
    spec = extract_offline("strategy: ema_cross\nema_fast: 5\nema_slow: 20\nstop_loss_pct: 0.08\n")
    assert spec.risk.stop_loss == 0.08


def test_a_rule_stated_as_event_and_as_state_is_one_rule(spec_of):
    s = spec_of("- Entry: buy when the 3-day RSI drops below 15.\n- Exit: sell once the close climbs over its 8-day "
                "simple moving average.\n\n| Setting | Value |\n|---|---|\n| Entry trigger | RSI below 15 |\n"
                "| Exit trigger | close above SMA(8) |")
    rsi3 = M.IndicatorExpr(name="rsi", params={"window": 3})
    assert s.entry == M.CompareCondition(left=rsi3, op="crosses_below", right=M.ConstExpr(value=15))  # AND: the event
    assert s.exit == M.CompareCondition(left=M.PriceExpr(), op=">", right=M.IndicatorExpr(name="sma", params={"window": 8}))  # OR: the state
    q = {e.field: e.quote for e in s.evidence}
    assert q["exit"].startswith("- Exit:")  # the sentence, not the table row restating it


def test_names_read_like_the_rule(spec_of):
    assert spec_of("Buy when the 5-day EMA crosses above the 35-day EMA.").name == "EMA 5/35 crossover"
    assert spec_of("Buy when the 5-day EMA crosses above the 35-day SMA.").name == "EMA 5 / SMA 35 crossover"
    assert spec_of("Hold VTI while it closes above its 150-day SMA.").name == "SMA(150) trend filter"
    assert spec_of("Buy when MACD (12, 26, 9) crosses above its signal line.").name == "MACD(12,26,9) signal-line crossover"


def test_a_section_titled_as_rejected_is_skipped(spec_of):
    text = ("## Things that did not work\n\nRanking on 12-month returns and holding the top 1.\n\n"
            "## The model\n\nEvery month, rank SPY, EFA, EEM and GLD on their 4-month return and hold the top 2.")
    s = spec_of(text)
    assert s.ranking is not None and s.ranking.top_n == 2 and s.ranking.by.params == {"window": 4}


def test_it_after_an_oscillator_is_the_oscillator(spec_of):
    s = spec_of("Buy when RSI(7) crosses up through 25 and sell when it crosses down through 65.")
    assert dump(s.exit) == {"left": {"name": "rsi", "params": {"window": 7}}, "op": "crosses_below", "right": {"value": 65.0}}


@pytest.mark.parametrize("text", [
    # a fund reporting what it did ("as", past tense), not a rule
    "Monthly letter. Our macro sleeve trimmed long exposure in bonds as the 6-month return turned negative, "
    "and we added to positions in gold as it rose above its 200-day moving average.",
    # the author argues against the rule
    "Honestly, stop recommending that beginners buy when the 50-day SMA crosses above the 200-day SMA. It lags.",
    "Long-only managers did well last quarter while the index stayed above its 100-day moving average.",
])
def test_reports_and_arguments_against_are_not_strategies(spec_of, text):
    with pytest.raises(NoStrategyFound):
        spec_of(text)


def test_typo_rule_reads_as_the_rule(spec_of):
    spec = spec_of("scalp rule for DIA: sell short when rsi(3) is abve 90, cover when it drops bellow 50")
    assert spec.direction == "short_only" and 90 in cond_consts(spec.short_entry)


def test_is_held_when_and_own_whenever_are_buy_cues(spec_of):
    spec = spec_of("The bond sleeve is held when its month-end close is above its 12-month simple moving average.")
    assert indicators(spec.entry) == [("sma", {"window": 12})]
    spec = spec_of("We own the Nasdaq 100 (via QQQ) whenever the price is above its 40-week average.")
    assert indicators(spec.entry) == [("sma", {"window": 40})] and spec.universe.symbols == ["QQQ"]


def test_bare_fast_and_slow_after_a_typed_declaration(spec_of):
    spec = spec_of("fast = 6, slow = 30 (both simple). Buy when fast crosses above slow.")
    assert indicators(spec.entry) == [("sma", {"window": 6}), ("sma", {"window": 30})]
    assert spec.entry.op == "crosses_above"


def test_prose_if_with_an_unknown_word_is_untouched():
    from foa.extract.offline.code import CodeVars

    v = CodeVars()
    v.read("golong = ta.crossover(ta.sma(close, 15), ta.sma(close, 60))")
    assert v.read("if rates") == "if rates"
    assert v.read("if golong").startswith("if ta.crossover(")


@pytest.mark.parametrize("weeks, days", [(52, 252), (26, 126)])
def test_weeks_of_a_year_are_trading_days_of_a_year(spec_of, weeks, days):
    spec = spec_of(f"On daily bars, buy when the close makes a new {weeks}-week high; sell when it closes below the 50-day SMA.")
    windows = [getattr(e, "params", {}).get("window") for e in (spec.entry.left, spec.entry.right)]
    assert days in windows


def test_settings_foa_does_not_run_are_listed_wherever_the_strategy_states_them(spec_of):
    spec = spec_of("Trade the 15-minute chart of QQQ. Buy when the 9-period EMA crosses above the 21-period EMA; "
                   "sell when it crosses below. Stop loss 40 points.")
    whats = [u.what for u in spec.unsupported]
    assert "intraday bars" in whats and "stop or target in points or pips" in whats


def test_a_refusal_names_what_the_text_trades_on_that_foa_lacks(spec_of):
    with pytest.raises(NoStrategyFound, match=r"describes candlestick pattern \(p\. 1\)"):
        spec_of("The pin bar is a one-candle reversal sign. Many traders buy the next open after a pin bar prints.")
    with pytest.raises(NoStrategyFound, match=r"Hammer \(cdlhammer\) \(p\. 1\)"):
        spec_of("The hammer is a one-candle reversal sign. Many traders buy the next open after a hammer prints.")


def test_a_channel_compared_with_the_other_channel_reads_the_price(spec_of):
    from foa.extract.offline.repair import repair
    from foa.spec.builders import highest, lowest

    spec = StrategySpec(name="x", direction="short_only", short_entry=highest(20) < lowest(20))
    assert str(repair(spec).short_entry) == "close < lowest(20)"


def test_an_opening_gap_with_a_same_day_exit_is_refused_with_its_reasons(spec_of):
    with pytest.raises(NoStrategyFound) as err:
        spec_of("Buy IWM at the open when it gaps down more than 2% and sell at the close the same day.")
    assert "opening gap" in str(err.value) and "same-day (intraday) exit" in str(err.value)


def test_a_same_day_exit_beside_a_rule_is_listed(spec_of):
    spec = spec_of("Buy IWM when RSI(2) is below 10 and sell on the same day at the close.")
    assert "same-day (intraday) exit" in [u.what for u in spec.unsupported]


@pytest.mark.parametrize("text, opposite", [
    # the line left out after "crosses below" is the entry's: read as stated, nothing reversed
    ("Buy IWM when the close crosses above the 150-day SMA; sell when it crosses below.", False),
    ("Buy IWM when the close crosses above the 150-day SMA, and sell when it crosses back under.", False),
    ("Buy IWM when the 20-day EMA crosses above the 60-day EMA. Exit on the opposite cross.", True),
])
def test_an_exit_stated_as_the_opposite_is_cited_not_called_unstated(spec_of, text, opposite):
    spec = spec_of(text)
    assert spec.exit is not None and spec.exit.op == "crosses_below"
    assert ("exit stated as the opposite of the entry: the entry rule reversed" in spec.assumptions) is opposite
    assert not any(a.startswith("exit not stated") for a in spec.assumptions)
    assert [e.field for e in spec.evidence].count("exit") == 1


def test_no_exit_at_all_is_still_called_unstated(spec_of):
    spec = spec_of("Buy IWM when the 20-day EMA crosses above the 60-day EMA.")
    assert "exit not stated: the entry rule reversed" in spec.assumptions


def test_an_exit_that_is_its_entry_written_the_other_way_round_is_the_entry_reversed():
    from foa.extract.offline.repair import repair

    spec = extract_offline("Buy when the close is above the 40-day SMA; sell when the close falls below it.")
    mirrored = M.CompareCondition(left=spec.entry.right, op="<", right=spec.entry.left)  # sma(40) < close
    fixed = repair(spec.model_copy(update={"exit": mirrored}))
    assert (fixed.exit.left, fixed.exit.op, fixed.exit.right) == (spec.entry.left, "<", spec.entry.right)
    assert any("written the other way round" in a for a in fixed.assumptions)
    # a real opposite is kept as stated
    assert repair(spec).exit == spec.exit


@pytest.mark.parametrize("text, part", [
    ("Rebalance weekly. Buy GLD when the close is above the 30-week SMA; sell when the close is below it. "
     "A 12% trailing stop protects each trade.", "with stops ("),
    ("Rebalance weekly. Buy GLD when the close is above the 30-week SMA and short it when the close is below "
     "the 30-week SMA.", "with short rules ("),
])
def test_a_schedule_the_engine_cannot_run_names_what_it_conflicts_with(text, part):
    spec = extract_offline(text)
    gaps = [u.what for u in spec.unsupported if "rebalance schedule" in u.what]
    assert spec.rebalance is None and gaps and part in gaps[0], spec.unsupported


@pytest.mark.parametrize("text", [
    "Each month, rank XLB, XLE, XLF, XLI, XLK and XLP by their 6-month return; buy the top 2 and short the bottom 2.",
    "Every month rank SPY, EFA, EEM, TLT and GLD by 12-month momentum. Go long the top 2 and sell short the weakest 2.",
    "Once a month we sort the five ETFs (SPY, QQQ, IWM, EFA, TLT) on 3-month return, hold the best one and short the worst one.",
])
def test_the_headline_follows_a_repair_that_drops_the_short_leg(spec_of, text):
    spec = spec_of(text)
    assert spec.direction == "long_only" and spec.ranking is not None
    assert any("short leg" in u.what for u in spec.unsupported)
    assert "long-short" not in spec.summary and "long-only" in spec.summary
