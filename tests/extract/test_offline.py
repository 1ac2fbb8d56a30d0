"""The offline extractor's grammar, on sentences written for these tests (never copied from the corpus)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from foa.documents.model import Document
from foa.errors import NoStrategyFound
from foa.extract.offline import extract_offline
from foa.spec.model import ConstExpr, StrategySpec
from foa.spec.validate import iter_exprs, iter_indicators


def spec_of(text: str) -> StrategySpec:
    return extract_offline(Document.from_text(text))


def inds(spec: StrategySpec) -> set[tuple]:
    out = {(i.name, tuple(sorted(i.params.items()))) for i in iter_indicators(spec)}
    return out


def windows(spec: StrategySpec, name: str) -> set:
    return {i.params.get("window") for i in iter_indicators(spec) if i.name == name}


def consts(spec: StrategySpec) -> set[float]:
    return {e.value for e in iter_exprs(spec) if isinstance(e, ConstExpr)}


# ---- numbers and notations -------------------------------------------------------------------------

def test_spelled_out_numbers_make_a_crossover():
    s = spec_of("We buy when the fifty-day moving average crosses above the two hundred day moving average "
                "and sell on the reverse cross.")
    assert s.entry.op == "crosses_above"
    assert (s.entry.left.params["window"], s.entry.right.params["window"]) == (50, 200)
    assert s.frequency == "daily"
    assert "moving-average type not stated: simple assumed" in s.assumptions


@pytest.mark.parametrize("text, name, expected", [
    ("Go long when EMA9 crosses above EMA21.", "ema", {9, 21}),
    ("Entry: SMA 20/100 bullish cross; exit on the bearish cross.", "sma", {20, 100}),
    ("Buy = Cross(MA(C,10), MA(C,30)); Sell = Cross(MA(C,30), MA(C,10))", "sma", {10, 30}),
    ("Rule: close > ma(150) then hold, else flat.", "sma", {150}),
    ("Buy when RSI(3) < 12 and sell when RSI(3) > 65.", "rsi", {3}),
    ("Buy when Mov(C,8,E) crosses above Mov(C,34,E).", "ema", {8, 34}),
])
def test_compact_and_platform_notations(text, name, expected):
    assert windows(spec_of(text), name) == expected


def test_parameter_stated_apart_from_the_indicator():
    s = spec_of("The system uses a lookback of 4 days for the RSI. Buy when the RSI is below 20; sell above 55.")
    assert windows(s, "rsi") == {4}
    assert {20.0, 55.0} <= consts(s)


def test_monthly_windows_run_on_monthly_bars():
    s = spec_of("Hold the fund while its price is above the nine-month moving average; sell when it closes below.")
    assert s.frequency == "monthly" and windows(s, "sma") == {9}


def test_month_windows_on_daily_bars_are_converted():
    s = spec_of("Rank stocks by 6-month return every month and buy the top 5. A 10% daily stop-loss applies.")
    assert s.frequency == "daily" and s.ranking.by.params["window"] == 126
    # the engine runs no stops with a ranking: the stop is listed as unsupported, not silently dropped
    assert s.risk.stop_loss is None and "stop-loss" in s.unsupported[0].quote


# ---- stops and targets in words -------------------------------------------------------------------------

@pytest.mark.parametrize("phrase, field, value", [
    ("cut losses at 7%", "stop_loss", 0.07),
    ("exit if price falls 5% below entry", "stop_loss", 0.05),
    ("a trailing stop of 10% protects gains", "trailing_stop", 0.10),
    ("take profits at +15%", "take_profit", 0.15),
    ("place a stop-loss 4 percent under the purchase price", "stop_loss", 0.04),
    ("our profit target is 12%", "take_profit", 0.12),
])
def test_stops_and_targets_in_words(phrase, field, value):
    s = spec_of(f"Buy when the 30-day SMA crosses above the 90-day SMA; {phrase}.")
    assert getattr(s.risk, field) == pytest.approx(value)


def test_atr_stop_multiple():
    s = spec_of("Enter long above the 40-day high. Use a 3x ATR stop.")
    assert s.risk.atr_stop is not None and s.risk.atr_stop.multiple == 3.0


def test_negated_stop_is_not_a_stop():
    s = spec_of("Buy when price is above the 100-day SMA, sell below it. We do not use a stop loss of 5% or any other.")
    assert s.risk.stop_loss is None


# ---- ranking and direction -------------------------------------------------------------------------

@pytest.mark.parametrize("text, top_n, top_pct", [
    ("Each month rank the ETFs by 12-month momentum and hold the top 4.", 4, None),
    ("Sort stocks on 6-month returns monthly; buy the top quintile.", None, 0.2),
    ("Every week buy the strongest ETF by 3-month return.", 1, None),
    ("At month end, invest in the best performing fund over the last 12 months.", 1, None),
])
def test_ranking_phrasing(text, top_n, top_pct):
    s = spec_of(text)
    assert s.ranking is not None and s.ranking.by.name == "roc"
    assert (s.ranking.top_n, s.ranking.top_pct) == (top_n, top_pct)


@pytest.mark.parametrize("text, direction", [
    ("Go long when the 10-day SMA crosses above the 40-day SMA and go short on the opposite cross.", "long_short"),
    ("Rank by 12-month return monthly; long the top decile, short the bottom decile.", "long_only"),
    ("Sell short when the 20-day SMA crosses below the 60-day SMA; cover when it crosses back above.", "short_only"),
    ("Buy when the 10-day SMA crosses above the 40-day SMA; sell when it crosses below.", "long_only"),
    ("Buy above the 200-day SMA, sell below it. There is no shorting in this system.", "long_only"),
])
def test_direction_cues(text, direction):
    assert spec_of(text).direction == direction


# ---- what is not a rule -------------------------------------------------------------------------

def test_macd_definition_emas_are_not_rules():
    s = spec_of("MACD is the difference between the 12-day EMA and the 26-day EMA. "
                "Go long once MACD crosses over its signal line; exit when it crosses below.")
    assert {i.name for i in iter_indicators(s)} == {"macd"}


def test_bollinger_sma_is_the_middle_band():
    s = spec_of("Bollinger Bands are built on the 20-day SMA with bands 2 standard deviations away. "
                "Buy when price closes below the lower band and sell at the middle band.")
    names = {i.name for i in iter_indicators(s)}
    assert names == {"bbands"}
    bb = next(i for i in iter_indicators(s) if i.name == "bbands")
    assert bb.params == {"window": 20, "std": 2.0}


def test_examples_are_not_rules():
    s = spec_of("For instance, a 10-day average would react faster. Our rule: buy when price is above the "
                "150-day SMA and sell when it falls below.")
    assert windows(s, "sma") == {150}


def test_advice_is_not_a_rule():
    s = spec_of("Buy when the 8-day EMA crosses above the 21-day EMA. Combine with RSI for better entries.")
    assert {i.name for i in iter_indicators(s)} == {"ema"}


# ---- tickers -------------------------------------------------------------------------

def test_tickers_versus_acronyms():
    s = spec_of("The CEO of the NYSE said GDP in the USA rose. Our ETF rule: buy $IWM and (TLT) when the "
                "50-day SMA is above the 200-day SMA, sell otherwise; RSI and SMA are not tickers.")
    assert set(s.universe.symbols) == {"IWM", "TLT"}


def test_ticker_list_line():
    s = spec_of("Universe:\nXLB, XLC, XLK, XLV\nEach month buy the top 2 by 3-month return.")
    assert set(s.universe.symbols) == {"XLB", "XLC", "XLK", "XLV"}


# ---- no strategy: nothing invented -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Stocks fell 2% as the central bank signalled more hikes; the index is now below its 50-day average.",
    "Trading is mostly psychology. Be patient, keep a journal and never risk what you cannot lose.",
    "Quarterly revenue rose 12% to $4.1 billion and the shares hit a new 52-week high after hours.",
    "",
])
def test_commentary_raises_no_strategy(text):
    with pytest.raises(NoStrategyFound) as info:
        spec_of(text)
    assert "no concrete" in str(info.value)


# ---- evidence, assumptions, pages -------------------------------------------------------------------------

def test_evidence_quotes_are_verbatim_and_on_their_page():
    page1 = "Desk note on SPY.\nNothing tradable on this page, only background."
    page2 = "Rules: buy when the 20-week EMA rises above the 40-week EMA.\nSell when it crosses back below. Stop loss 6%."
    doc = Document.from_text(page1 + "\f" + page2)
    s = extract_offline(doc)
    assert s.evidence, "every rule needs a quote"
    for ev in s.evidence:
        assert len(ev.quote) <= 300
        assert ev.quote in doc.page(ev.page).text
    entry = next(e for e in s.evidence if e.field == "entry")
    assert entry.page == 2 and "20" in entry.quote
    stop = next(e for e in s.evidence if e.field == "risk.stop_loss")
    assert "6%" in stop.quote
    assert "no costs stated: assumed 0" in s.assumptions
    assert s.frequency == "weekly"


def test_frequency_assumption_and_json_round_trip():
    s = spec_of("Buy when RSI(2) is below 10; sell when RSI(2) is above 70.")
    assert "frequency not stated: daily assumed" in s.assumptions
    assert StrategySpec.from_json(s.to_json()) == s


def test_accepts_plain_text():
    assert extract_offline("Buy when the 5-day SMA crosses above the 20-day SMA.").entry.op == "crosses_above"


def test_import_is_light():
    code = ("import sys, foa.extract.offline, foa.extract.evaluate, foa.cli.evaluate\n"
            "heavy = {'vectorbt','numba','anthropic','llama_index','duckdb','pymupdf','fitz','ipywidgets','plotly','yfinance'}\n"
            "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


# ---- foa's own sample documents (written for foa), through the real loaders -------------------------

def test_bundled_samples():
    from foa.samples import load_sample

    note = extract_offline(load_sample("broker_note"))  # a real 2-page PDF
    assert note.universe.symbols == ["SPY"] and windows(note, "sma") == {50, 200}
    assert note.entry.op == "crosses_above" and note.risk.stop_loss == pytest.approx(0.08)
    assert note.costs.fees == pytest.approx(0.001)
    assert {e.page for e in note.evidence} == {1, 2}
    rsi_note = extract_offline(load_sample("rsi_research_note"))
    assert rsi_note.universe.symbols == ["^IXIC"] and windows(rsi_note, "rsi") == {2} and 10.0 in consts(rsi_note)
    forum = extract_offline(load_sample("trend_forum_post"))
    assert forum.frequency == "monthly" and windows(forum, "sma") == {10}
    with pytest.raises(NoStrategyFound):
        extract_offline(load_sample("market_commentary"))
